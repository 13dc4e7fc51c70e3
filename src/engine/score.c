/*-------------------------------------------------------------------------
 *
 * score.c
 *	  Emotion and sentiment scoring.
 *
 * Every token or phrase found in the lexicon adds evidence to channels
 * (ten emotions, valence, escalation).  Rules adjust that evidence, and
 * every adjustment is itself a piece of evidence attributed to the token
 * that caused it, so an explanation is a plain list of rows that add up:
 *
 *	negation	a negator ("not", "never", "no") turns the next few words'
 *				evidence around: valence times negation_valence, emotions
 *				times negation_emotion ("not happy", "not bad").
 *	booster / dampener	"very", "a bit": the next weighted word's evidence
 *				times the modifier's factor, the difference credited to the
 *				modifier; a run of them multiplies their factors, up to
 *				EMP_BOOST_MAX.
 *	expletive	a booster whose own evidence waits for the cue it boosts
 *				and is dropped when that cue is positive ("fucking
 *				amazing"); see settle_expletive.
 *	contrast	the first "but"/"however" in a sentence scales what came
 *				before it by contrast_before and what follows by
 *				contrast_after.
 *	ALL CAPS	a shouted word's evidence times caps_factor, plus the cue's
 *				own evidence; dropped when the whole text is in capitals
 *				(then one "shouting" cue stands for the text).
 *	elongation	"sooo", "noooo": times elongation_factor.
 *	punctuation	"!" runs amplify their sentence; "!!", "??" and "?!" are
 *				cues with evidence of their own.
 *	sentence floor	a sentence lowers an emotion's evidence by at most
 *				sentence_floor, and keeps at least strong_cue_keep of its
 *				strongest cue of that emotion (a term's own weight of
 *				strong_cue or more, not negated): the small negative weights of
 *				many plain words do not cancel "passed away" in a long sentence.
 *
 * Phrases ("thanks for nothing", "no worries", "cancel my account") come
 * from the lexicon's automaton and replace the words inside them.
 *
 * Channel evidence is averaged beyond length_tokens words, so long texts
 * do not saturate.  Each emotion's score is the rise of a logistic model's
 * probability above its base rate: 0 with no evidence, toward 1 with
 * strong evidence.  Sentiment is tanh(v / sentiment_scale), where v is the
 * valence evidence plus valence_from[d] times each emotion's (positive)
 * evidence: an angry or grateful text leans negative or positive even
 * where its words carry no valence of their own.
 *
 * Cost: one pass; in plain scoring no memory is allocated per call.
 *
 *-------------------------------------------------------------------------
 */
#include "score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>

const char *const emp_rule_names[EMP_NRULES] = {
	"lexicon", "phrase", "negation", "booster", "dampener", "contrast",
	"all caps", "punctuation run", "elongation", "emoji", "emoticon", "shouting", "sentence floor",
	"sarcasm", "question", "sign-off", "courtesy"
};

/* ---------------------------------------------------------------- model */

void
emp_model_defaults(EmpModel *m)
{
	memset(m, 0, sizeof(*m));
	for (int d = 0; d < EMP_NDIMS; d++)
	{
		m->bias[d] = -3.0f;
		m->threshold[d] = 0.25f;
	}
	m->sentiment_scale = 2.0f;
	m->sentiment_threshold = 0.1f;
	m->length_tokens = 30.0f;
	m->sentence_floor = 0.35f;
	m->strong_cue = 2.0f;
	m->strong_cue_keep = 0.5f;
	m->expletive_positive = 1.0f;
	m->negation_scope = 3.0f;
	m->negation_valence = -0.6f;
	m->negation_emotion = -0.4f;
	m->caps_factor = 1.4f;
	m->elongation_factor = 1.3f;
	m->contrast_before = 0.3f;
	m->contrast_after = 1.5f;
	m->exclaim_step = 0.15f;
	m->exclaim_max = 4.0f;
	m->question_step = 0.05f;
	m->question_keep = 0.5f;
	m->signoff_keep = 0.0f;
	m->signoff_praise = 1.0f;
	m->sarcasm_below = -0.3f;
	m->caps_max_words = 3.0f;
	m->intensity_scale = 3.0f;
	m->escalation_scale = 3.0f;
	m->escalation_from[EMP_CH_ESCALATION] = 1.0f;
	m->escalation_from[EMP_ANGER] = 0.35f;
	m->escalation_from[EMP_FRUSTRATION] = 0.35f;
	m->escalation_from[EMP_DISGUST] = 0.15f;
	m->escalation_caps = 0.15f;
	m->escalation_exclaim = 0.2f;
	m->cue_exclaim[EMP_ANGER] = 0.2f;
	m->cue_exclaim[EMP_FRUSTRATION] = 0.2f;
	m->cue_question[EMP_CONFUSION] = 0.6f;
	m->cue_question[EMP_FRUSTRATION] = 0.3f;
	m->cue_interrobang[EMP_ANGER] = 0.5f;
	m->cue_interrobang[EMP_FRUSTRATION] = 0.6f;
	m->cue_interrobang[EMP_SURPRISE] = 0.5f;
	m->cue_caps[EMP_ANGER] = 0.25f;
	m->cue_caps[EMP_FRUSTRATION] = 0.25f;
}

typedef struct ModelParam
{
	const char *name;
	size_t		offset;
	int			nvalues;		/* 1, EMP_NDIMS or EMP_NCHANNELS: per-channel suffix */
} ModelParam;

#define P1(f)	{#f, offsetof(EmpModel, f), 1}
#define PD(f)	{#f, offsetof(EmpModel, f), EMP_NDIMS}
#define PC(f)	{#f, offsetof(EmpModel, f), EMP_NCHANNELS}

static const ModelParam model_params[] = {
	PD(bias), PD(threshold),
	P1(sentiment_scale), P1(sentiment_threshold), P1(length_tokens), P1(sentence_floor),
	P1(strong_cue), P1(strong_cue_keep), P1(expletive_positive),
	P1(negation_scope), P1(negation_valence), P1(negation_emotion),
	P1(caps_factor), P1(elongation_factor), P1(contrast_before), P1(contrast_after),
	P1(exclaim_step), P1(exclaim_max), P1(question_step), P1(question_keep), P1(caps_max_words),
	P1(signoff_keep), P1(signoff_praise), P1(sarcasm_below),
	P1(intensity_scale), P1(escalation_scale), PC(escalation_from), PD(valence_from),
	P1(escalation_caps), P1(escalation_exclaim),
	PC(cue_exclaim), PC(cue_question), PC(cue_interrobang), PC(cue_caps),
	{NULL, 0, 0}
};

/* Set one model parameter: "name" or "name.channel". */
bool
emp_model_set(EmpModel *m, const char *name, size_t len, double value, EmpError *err)
{
	const char *dot = memchr(name, '.', len);
	size_t		base = dot ? (size_t) (dot - name) : len;

	if (!isfinite(value))
		return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%.*s\" must be finite",
							 (int) len, name);
	for (int i = 0; model_params[i].name; i++)
	{
		const ModelParam *p = &model_params[i];
		float	   *f = (float *) ((char *) m + p->offset);
		int			ch = 0;

		if (strlen(p->name) != base || memcmp(p->name, name, base) != 0)
			continue;
		if (p->nvalues > 1)
		{
			if (dot == NULL)
				break;
			ch = emp_dim_lookup(dot + 1, len - base - 1);
			if (ch < 0 || ch >= p->nvalues)
				break;
		}
		else if (dot != NULL)
			break;
		/*
		 * Values the scorer would not use as given: a scale below 0.001
		 * (evidence is divided by it: at 0 or below it would fall back to
		 * 1, and any smaller one already makes every score extreme), a
		 * label threshold off the 0..1 scale of a score (always or never
		 * met), a negation scope that is no whole number of words.
		 */
		if ((p->offset == offsetof(EmpModel, sentiment_scale) ||
			 p->offset == offsetof(EmpModel, intensity_scale) ||
			 p->offset == offsetof(EmpModel, escalation_scale)) && !(value >= 0.001))
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%s\" must be at least 0.001, not %s",
								 p->name, EMP_FMT_DOUBLE(value));
		if ((p->offset == offsetof(EmpModel, threshold) ||
			 p->offset == offsetof(EmpModel, sentiment_threshold) ||
			 p->offset == offsetof(EmpModel, strong_cue_keep)) && !(value >= 0 && value <= 1))
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%.*s\" must be between 0 and 1, not %s",
								 (int) len, name, EMP_FMT_DOUBLE(value));
		/* a sentence's floor (0: none) and the words beyond which evidence is averaged */
		if (p->offset == offsetof(EmpModel, sentence_floor) && !(value >= 0 && value <= 100))
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%s\" must be between 0 and 100, not %s",
								 p->name, EMP_FMT_DOUBLE(value));
		if (p->offset == offsetof(EmpModel, length_tokens) && !(value >= 1 && value <= 1000000 && value == floor(value)))
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%s\" must be a whole number of words from 1 to 1000000, not %s",
								 p->name, EMP_FMT_DOUBLE(value));
		/* terms are flagged as candidates from EMP_STRONG_CUE_MIN up */
		if (p->offset == offsetof(EmpModel, strong_cue) && !(value >= EMP_STRONG_CUE_MIN && value <= 100))
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%s\" must be between %g and 100, not %s",
								 p->name, (double) EMP_STRONG_CUE_MIN, EMP_FMT_DOUBLE(value));
		if (p->offset == offsetof(EmpModel, negation_scope) && !(value >= 0 && value <= 100 && value == floor(value)))
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%s\" must be a whole number of words from 0 to 100, not %s",
								 p->name, EMP_FMT_DOUBLE(value));
		/* a count of "!" or of shouted words; factors and steps that would turn evidence around */
		if ((p->offset == offsetof(EmpModel, caps_max_words) || p->offset == offsetof(EmpModel, exclaim_max)) &&
			!(value >= 0 && value <= 100 && value == floor(value)))
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%s\" must be a whole number from 0 to 100, not %s",
								 p->name, EMP_FMT_DOUBLE(value));
		/* a sentiment: -1 turns the rule off */
		if (p->offset == offsetof(EmpModel, sarcasm_below) && !(value >= -1 && value <= 1))
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%s\" must be between -1 and 1, not %s",
								 p->name, EMP_FMT_DOUBLE(value));
		if (p->offset == offsetof(EmpModel, signoff_praise) && !(value >= -100 && value <= 100))
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%s\" must be between -100 and 100, not %s",
								 p->name, EMP_FMT_DOUBLE(value));
		if ((p->offset == offsetof(EmpModel, caps_factor) || p->offset == offsetof(EmpModel, elongation_factor) ||
			 p->offset == offsetof(EmpModel, contrast_before) || p->offset == offsetof(EmpModel, contrast_after) ||
			 p->offset == offsetof(EmpModel, exclaim_step) || p->offset == offsetof(EmpModel, question_step) ||
			 p->offset == offsetof(EmpModel, expletive_positive)) &&
			!(value >= 0 && value <= 100))
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%s\" must be between 0 and 100, not %s",
								 p->name, EMP_FMT_DOUBLE(value));
		if ((p->offset == offsetof(EmpModel, question_keep) || p->offset == offsetof(EmpModel, signoff_keep)) &&
			!(value >= 0 && value <= 1))
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "model parameter \"%s\" must be between 0 and 1, not %s",
								 p->name, EMP_FMT_DOUBLE(value));
		f[ch] = (float) value;
		return true;
	}
	return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "unknown model parameter \"%.*s\"",
						 emp_utf8_clipn(name, len, 64), name);
}

bool
emp_model_load(EmpModel *m, const char *data, size_t len, const char *source, EmpError *err)
{
	size_t		p = 0;
	int			lineno = 0;

	while (p < len)
	{
		size_t		e = p,
					tab;
		char		num[48];
		char	   *end;
		double		v;

		while (e < len && data[e] != '\n')
			e++;
		lineno++;
		if (e > p && data[p] != '#')
		{
			tab = p;
			while (tab < e && data[tab] != '\t')
				tab++;
			if (tab >= e || e - tab - 1 >= sizeof(num))
				return emp_error_set(err, EMP_ERR_SYNTAX, 0, "%s line %d: expected name<TAB>value", source, lineno);
			memcpy(num, data + tab + 1, e - tab - 1);
			num[e - tab - 1] = '\0';
			v = strtod(num, &end);
			if (end == num || (*end != '\0' && *end != '\r'))
				return emp_error_set(err, EMP_ERR_SYNTAX, 0, "%s line %d: bad value", source, lineno);
			if (!emp_model_set(m, data + p, tab - p, v, err))
				return false;
		}
		p = e + 1;
	}
	return true;
}

/* ---------------------------------------------------------------- scorer */

/* A dimension's base rate: the logistic model's probability with no evidence. */
static inline double
base_rate(double bias)
{
	return 1.0 / (1.0 + exp(-bias));
}

EmpScorer *
emp_scorer_create(EmpAllocator *a, EmpLexicon *lx, const EmpModel *model)
{
	EmpScorer  *sc = emp_alloc(a, sizeof(EmpScorer));

	memset(sc, 0, sizeof(*sc));
	sc->a = a;
	sc->lx = lx;
	sc->model = *model;
	for (int d = 0; d < EMP_NDIMS; d++)
		sc->base_rate[d] = base_rate(model->bias[d]);
	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
		sc->negation[ch] = (ch == EMP_CH_VALENCE) ? model->negation_valence :
			(ch == EMP_CH_ESCALATION) ? 1.0 : model->negation_emotion;
	sc->tz = emp_tokenizer_create(a);
	return sc;
}

/* A closed sentence's joy, gratitude and valence when positive, what capitals added to them, and its span. */
typedef struct Said
{
	double		pos[3];
	double		caps[3];
	uint32_t	start;
	uint32_t	len;
} Said;

/* Has a sentence any joy or gratitude (of thanks, or of a closing's wishes)? */
static inline bool
said_warm(const Said *x)
{
	return x->pos[0] > 0 || x->pos[1] > 0;
}

/*
 * A term whose own evidence waits: its term, span, rule, what reached it
 * and, for a booster, the way its weights lean (+1 or -1; 0 for an
 * expletive).
 */
typedef struct Waiting
{
	int8_t		sign;
	bool		negated,
				shouted,
				elongated;
	uint8_t		rule;
	int32_t		term;
	uint32_t	start,
				len;
} Waiting;

/* Per-call state. */
typedef struct Run
{
	EmpScorer  *sc;
	const EmpModel *m;
	const EmpLexiconHead *lh;	/* the lexicon's terms, read for each word */
	bool		explain;
	double		tot[EMP_NCHANNELS];
	double		caps[EMP_NCHANNELS];	/* caps evidence, kept apart */
	double		pre[EMP_NCHANNELS];		/* this sentence, before its contrast */
	double		post[EMP_NCHANNELS];	/* this sentence, after its contrast */
	bool		contrast_seen;
	uint32_t	contrast_start,
				contrast_len;
	int32_t		contrast_term;
	int			neg_left;
	float		boost;
	int			boost_left;
	bool		boost_is_damp;
	uint32_t	boost_start,
				boost_len;
	int32_t		boost_term;
	uint32_t	nwords;
	uint32_t	ncased;
	uint32_t	ncaps;
	uint32_t	nexclaim;
	uint32_t	ncaps_cues;
	uint32_t	first_caps_start;
	const char *text;
	bool		sent_open;		/* the current sentence has a term */
	bool		sent_eyeroll;	/* ... and an eye-rolling emoji after a word */
	bool		asked;			/* a '?' has ended a sentence or clause (a sign-off may follow) */
	Said		prev;			/* the last sentence's praise */
	double		before[EMP_NCHANNELS];	/* the evidence before the current or
										 * last sentence, caps included ... */
	uint32_t	before_nwords;	/* ... and the words before it */
	Said		thanks;			/* ... and the last one's with gratitude before
								 * it (a sign-off's name on a line of its own) */
	Said		stack;			/* ... and the one's with warmth before that */
	bool		thanks_next;	/* thanks is the sentence just before prev */
	bool		stack_next;		/* stack is the sentence just before thanks */
	uint32_t	nsaid;			/* sentences closed with a word */
	bool		courteous;		/* an opening courtesy's valence is unsaid */
	uint32_t	first;			/* ... and its sentence: 0 or 1 in early[] */
	double		sent_caps[3];	/* the part of this sentence's joy, gratitude and
								 * valence that capitals added (kept in caps) */
	float		strongest[12];	/* this sentence's strongest cue of each emotion (0: none;
								 * 12 for three vectors of four, the last two unused) */
	bool		any_strong;		/* ... any */
	uint32_t	sent_start;		/* its byte span so far */
	uint32_t	sent_end;
	/*
	 * What waits for the cue it boosts (see settle_expletive): an
	 * expletive read ("fucking", slot 0) and a booster or dampener whose own
	 * weights lean one way ("pretty", slot 1); expl_pending has bit k set
	 * while slot k waits.
	 */
	unsigned	expl_pending;
	Waiting		wait[2];

	/*
	 * The first two sentences with a word, the evidence after each (caps
	 * included) and the words up to its end, for an opening courtesy: kept
	 * as they close, read only once more have closed, and so left out of
	 * the clearing of a run (RUN_CLEARED).
	 */
	Said		early[2];
	double		early_tot[2][EMP_NCHANNELS];
	uint32_t	early_nwords[2];
} Run;

#define RUN_CLEARED		offsetof(Run, early)

/*
 * The scorer lives as long as its configuration (a backend, in the server):
 * the explain rows of a long text are not kept beyond the call that made
 * them, only the first buffer of 256 rows, so that a backend's memory does
 * not depend on the longest text it has explained.
 */
#define EVENTS_KEPT		256

/* Keep the explanation row of one piece of evidence. */
static void
record_event(Run *r, uint32_t start, uint32_t len, int32_t term,
			 EmpRule rule, int ch, double value, bool caps)
{
	EmpScorer  *sc = r->sc;

	if (sc->nevents == sc->eventcap)
	{
		size_t		nc = sc->eventcap ? sc->eventcap * 2 : EVENTS_KEPT;
		EmpExplainRow *ne;
		uint8_t    *nf;

		if (nc > EMP_MAX_ALLOC / sizeof(EmpExplainRow))
			return;				/* explanation truncated; scores stay exact */
		ne = emp_alloc(sc->a, nc * sizeof(EmpExplainRow));
		nf = emp_alloc(sc->a, nc);
		if (sc->nevents)
		{
			memcpy(ne, sc->events, sc->nevents * sizeof(EmpExplainRow));
			memcpy(nf, sc->event_caps, sc->nevents);
		}
		emp_release(sc->a, sc->events);
		emp_release(sc->a, sc->event_caps);
		sc->events = ne;
		sc->event_caps = nf;
		sc->eventcap = nc;
	}
	sc->events[sc->nevents].start = start;
	sc->events[sc->nevents].len = len;
	sc->events[sc->nevents].term = term;
	sc->events[sc->nevents].rule = rule;
	sc->events[sc->nevents].channel = ch;
	sc->events[sc->nevents].weight = (float) value;
	sc->events[sc->nevents].contribution = 0;
	sc->event_caps[sc->nevents] = caps ? 1 : 0;
	sc->nevents++;
}

static void
release_large_events(EmpScorer *sc)
{
	if (sc->eventcap <= EVENTS_KEPT)
		return;
	emp_release(sc->a, sc->events);
	emp_release(sc->a, sc->event_caps);
	sc->events = NULL;
	sc->event_caps = NULL;
	sc->eventcap = 0;
	sc->nevents = 0;
}

void
emp_scorer_trim(EmpScorer *sc)
{
	sc->nevents = 0;
	release_large_events(sc);
}

/* What a word of an opening courtesy is (see opening_courtesy). */
typedef enum CourtesyWord
{
	CW_NONE = 0,
	CW_THANKS,					/* the formula: "thanks", "thank", "cheers" */
	CW_CONTACT,					/* what for: the contact itself, "reply", "email" */
	CW_GREETING,				/* "hi", "dear": a name may follow */
	CW_OTHER					/* the words around them: "for", "your", "quick" */
} CourtesyWord;

/* A word's class: at most 11 bytes, folded to lower case, looked up by its first letter. */
static CourtesyWord
courtesy_word(const char *w, size_t n)
{
	char		b[12];

	if (n == 0 || n > 11)
		return CW_NONE;
	/* (letters fold; '-' and '\'' keep their code under | 0x20) */
	for (size_t k = 0; k < n; k++)
		b[k] = (char) (w[k] | 0x20);
	b[n] = '\0';
#define IS(word, cls) do { if (n == sizeof(word) - 1 && memcmp(b, word, n) == 0) return (cls); } while (0)
	switch (b[0])
	{
		case 'a':
			IS("a", CW_OTHER);
			IS("again", CW_OTHER);
			IS("and", CW_OTHER);
			IS("answer", CW_CONTACT);
			break;
		case 'b':
			IS("back", CW_OTHER);
			break;
		case 'c':
			IS("cheers", CW_THANKS);
			IS("call", CW_CONTACT);
			break;
		case 'd':
			IS("dear", CW_GREETING);
			break;
		case 'e':
			IS("email", CW_CONTACT);
			IS("e-mail", CW_CONTACT);
			break;
		case 'f':
			IS("for", CW_OTHER);
			IS("fast", CW_OTHER);
			break;
		case 'g':
			IS("great", CW_OTHER);
			IS("getting", CW_CONTACT);
			break;
		case 'h':
			IS("hi", CW_GREETING);
			IS("hello", CW_GREETING);
			IS("hey", CW_GREETING);
			break;
		case 'i':
			IS("in", CW_OTHER);
			break;
		case 'l':
			IS("lot", CW_OTHER);
			break;
		case 'm':
			IS("many", CW_OTHER);
			IS("much", CW_OTHER);
			IS("me", CW_OTHER);
			IS("mail", CW_CONTACT);
			IS("message", CW_CONTACT);
			break;
		case 'o':
			IS("ok", CW_OTHER);
			IS("okay", CW_OTHER);
			IS("out", CW_OTHER);
			break;
		case 'p':
			IS("prompt", CW_OTHER);
			break;
		case 'q':
			IS("quick", CW_OTHER);
			IS("quickly", CW_OTHER);
			break;
		case 'r':
			IS("reply", CW_CONTACT);
			IS("replies", CW_CONTACT);
			IS("response", CW_CONTACT);
			IS("reaching", CW_CONTACT);
			break;
		case 's':
			IS("so", CW_OTHER);
			IS("speedy", CW_OTHER);
			IS("swift", CW_OTHER);
			break;
		case 't':
			IS("thanks", CW_THANKS);
			IS("thank", CW_THANKS);
			IS("thx", CW_THANKS);
			IS("ty", CW_THANKS);
			IS("the", CW_OTHER);
			IS("to", CW_OTHER);
			IS("touch", CW_OTHER);
			break;
		case 'u':
			IS("us", CW_OTHER);
			IS("u", CW_OTHER);
			IS("update", CW_CONTACT);
			break;
		case 'v':
			IS("very", CW_OTHER);
			break;
		case 'y':
			IS("you", CW_OTHER);
			IS("your", CW_OTHER);
			break;
	}
#undef IS
	return CW_NONE;
}

/*
 * Is the sentence x a greeting alone, a greeting word and at most three
 * capitalised words or titles ("Hi Sam,", "Hello Mr.", "Dear Customer
 * Services,")?  At most its first 40 bytes are read.
 */
static bool
greeting_alone(const char *text, const Said *x)
{
	uint32_t	i = x->start,
				e = x->start + x->len;
	int			words = 0;

	if (x->len == 0 || x->len > 40 || ((text[i] | 0x20) != 'h' && (text[i] | 0x20) != 'd'))
		return false;
	while (i < e)
	{
		uint32_t	w = i;

		while (w < e && ((text[w] | 0x20) >= 'a' && (text[w] | 0x20) <= 'z'))
			w++;
		if (w == i)
		{
			if (text[i] != ' ' && text[i] != ',' && text[i] != '.' && text[i] != '!' &&
				text[i] != '\n' && text[i] != '\r')
				return false;
			i++;
			continue;
		}
		if (words == 0 ? courtesy_word(text + i, w - i) != CW_GREETING
			: (words > 3 || text[i] < 'A' || text[i] > 'Z'))
			return false;
		words++;
		i = w;
	}
	return words > 0;
}

/*
 * As a sentence closes, before prev becomes it: the last sentence with
 * thanks or wishes before the last one (a sign-off's name after it), and
 * the one with warmth before that when the two follow each other (stacked
 * formulas: "Thanks,\nBest,\nSam").
 */
static inline void
keep_warm(Run *r)
{
	/* the first two sentences, for an opening courtesy (the next one opened after each) */
	uint32_t	k = r->nsaid++ - 1;

	if (k < 2)
	{
		r->early[k] = r->prev;
		memcpy(r->early_tot[k], r->before, sizeof(r->early_tot[k]));
		r->early_nwords[k] = r->before_nwords;
	}
	if (said_warm(&r->prev))
	{
		/* (stack is read only when it is the sentence just before thanks) */
		if (r->thanks_next)
			r->stack = r->thanks;
		r->stack_next = r->thanks_next;
		r->thanks = r->prev;
		r->thanks_next = true;
	}
	else
		r->thanks_next = false;
}

/* Record one piece of evidence (and, explaining, its row). */
static inline void
emit(Run *r, double *acc, uint32_t start, uint32_t len, int32_t term,
	 EmpRule rule, int ch, double value, bool caps)
{
	if (value == 0.0)
		return;
	acc[ch] += value;
	if (r->explain)
		record_event(r, start, len, term, rule, ch, value, caps);
}

/*
 * acc[ch] += w[ch] on every channel: a word's plain evidence.  Two channels
 * at a time where SSE2 has it (the same conversions and additions).
 */
static inline void
add_weights(double *acc, const float *w)
{
#ifdef __SSE2__
	_Static_assert(EMP_NCHANNELS % 2 == 0, "channels go in pairs");
#pragma GCC unroll 6
	for (int ch = 0; ch < EMP_NCHANNELS; ch += 2)
	{
		__m128d		v = _mm_cvtps_pd(_mm_castsi128_ps(_mm_loadl_epi64((const __m128i *) (w + ch))));

		_mm_storeu_pd(acc + ch, _mm_add_pd(_mm_loadu_pd(acc + ch), v));
	}
#else
	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
		acc[ch] += w[ch];
#endif
}

/*
 * acc[ch] = 0 on every channel: a few stores (a memset of this size may
 * become a string instruction, slow to start for so few bytes).
 */
static inline void
clear_channels(double *acc)
{
#ifdef __SSE2__
#pragma GCC unroll 6
	for (int ch = 0; ch < EMP_NCHANNELS; ch += 2)
		_mm_storeu_pd(acc + ch, _mm_setzero_pd());
#else
	memset(acc, 0, EMP_NCHANNELS * sizeof(double));
#endif
}

/* out[ch] = a[ch] + b[ch] on every channel, two at a time where SSE2 has it. */
static inline void
add_pairs(double *out, const double *a, const double *b)
{
#ifdef __SSE2__
#pragma GCC unroll 6
	for (int ch = 0; ch < EMP_NCHANNELS; ch += 2)
		_mm_storeu_pd(out + ch, _mm_add_pd(_mm_loadu_pd(a + ch), _mm_loadu_pd(b + ch)));
#else
	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
		out[ch] = a[ch] + b[ch];
#endif
}

/*
 * acc[ch] += v[ch] * f on every channel.  Without an explanation a piece of
 * evidence that is 0 need not be skipped: an accumulator starts at +0 and
 * only ever sums finite values, so it is never -0, and adding +0 or -0 to
 * it leaves every bit as it was.
 */
static inline void
add_scaled(double *acc, const double *v, double f)
{
#ifdef __SSE2__
	const __m128d vf = _mm_set1_pd(f);

#pragma GCC unroll 6
	for (int ch = 0; ch < EMP_NCHANNELS; ch += 2)
		_mm_storeu_pd(acc + ch, _mm_add_pd(_mm_loadu_pd(acc + ch), _mm_mul_pd(_mm_loadu_pd(v + ch), vf)));
#else
	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
		acc[ch] += v[ch] * f;
#endif
}

/*
 * A word's evidence with its rules applied, unexplained: per channel, v =
 * w (times the negation factor if negated) is added to acc, then v * boost
 * to acc if boost is not 0, v * caps to caps_acc if caps is not 0, and v *
 * elong to acc if elong is not 0: the additions of the explained path, in
 * its order.  add_word_rules_as does it for the rules given as constants,
 * with no test in its loop.
 */
static inline __attribute__((always_inline)) void
add_word_rules_as(double *acc, double *caps_acc, const float *w, const double *neg,
				  double boost, double caps, double elong,
				  bool negated, bool boosted, bool shouted, bool elongated)
{
#ifdef __SSE2__
	const __m128d vb = _mm_set1_pd(boost);
	const __m128d vc = _mm_set1_pd(caps);
	const __m128d ve = _mm_set1_pd(elong);

#pragma GCC unroll 6
	for (int ch = 0; ch < EMP_NCHANNELS; ch += 2)
	{
		__m128d		v = _mm_cvtps_pd(_mm_castsi128_ps(_mm_loadl_epi64((const __m128i *) (w + ch))));
		__m128d		a = _mm_loadu_pd(acc + ch);

		if (negated)
			v = _mm_mul_pd(v, _mm_loadu_pd(neg + ch));
		a = _mm_add_pd(a, v);
		if (boosted)
			a = _mm_add_pd(a, _mm_mul_pd(v, vb));
		if (shouted)
			_mm_storeu_pd(caps_acc + ch, _mm_add_pd(_mm_loadu_pd(caps_acc + ch), _mm_mul_pd(v, vc)));
		if (elongated)
			a = _mm_add_pd(a, _mm_mul_pd(v, ve));
		_mm_storeu_pd(acc + ch, a);
	}
#else
	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
	{
		double		v = w[ch];

		if (negated)
			v *= neg[ch];
		acc[ch] += v;
		if (boosted)
			acc[ch] += v * boost;
		if (shouted)
			caps_acc[ch] += v * caps;
		if (elongated)
			acc[ch] += v * elong;
	}
#endif
}

/*
 * add_word_rules_as for the rules that apply (neg not NULL, the factors
 * not 0).  Words reached by one rule alone, the commonest, have a loop
 * each, chosen by one comparison of the rules' bits rather than by four
 * tests in every round of one loop; any other mix has the loop that tests.
 */
static inline void
add_word_rules(double *acc, double *caps_acc, const float *w, const double *neg,
			   double boost, double caps, double elong)
{
	unsigned	rules = (unsigned) (neg != NULL) | (unsigned) (boost != 0) << 1 |
		(unsigned) (caps != 0) << 2 | (unsigned) (elong != 0) << 3;

	if (rules == 1)
		add_word_rules_as(acc, caps_acc, w, neg, boost, caps, elong, true, false, false, false);
	else if (rules == 4)
		add_word_rules_as(acc, caps_acc, w, neg, boost, caps, elong, false, false, true, false);
	else if (rules == 2)
		add_word_rules_as(acc, caps_acc, w, neg, boost, caps, elong, false, true, false, false);
	else
		add_word_rules_as(acc, caps_acc, w, neg, boost, caps, elong,
						  neg != NULL, boost != 0, caps != 0, elong != 0);
}

/*
 * tot[d] += lo - sum[d] * f for each emotion whose sum[d] * f is below lo
 * (lo < 0): the same sums as the explained path's rows, without a branch.
 */
static inline void
lift_to_floor(double *tot, const double *sum, double f, double lo)
{
#ifdef __SSE2__
	_Static_assert(EMP_NDIMS % 2 == 0, "emotions go in pairs");
	const __m128d vf = _mm_set1_pd(f);
	const __m128d vlo = _mm_set1_pd(lo);

#pragma GCC unroll 5
	for (int d = 0; d < EMP_NDIMS; d += 2)
	{
		__m128d		v = _mm_mul_pd(_mm_loadu_pd(sum + d), vf);
		__m128d		lift = _mm_and_pd(_mm_cmplt_pd(v, vlo), _mm_sub_pd(vlo, v));

		_mm_storeu_pd(tot + d, _mm_add_pd(_mm_loadu_pd(tot + d), lift));
	}
#else
	for (int d = 0; d < EMP_NDIMS; d++)
		if (sum[d] * f < lo)
			tot[d] += lo - sum[d] * f;
#endif
}

/*
 * Note a term's own weights (not negated) as the sentence's strongest cue of
 * each emotion where they reach strong_cue.  Called for terms flagged
 * EMP_TERM_STRONG (a weight of EMP_STRONG_CUE_MIN or more, which strong_cue
 * is not below), few among the words: the others cost a test of the flags
 * the slot carries.
 */
static inline void
note_strong(Run *r, const float *w)
{
	const EmpModel *m = r->m;

#ifdef __SSE2__
	/* without a branch per emotion: strongest = max(strongest, w >= strong_cue ? w : 0) */
	const __m128 vmin = _mm_set1_ps(m->strong_cue);

	_Static_assert(EMP_NDIMS <= 12 && EMP_NCHANNELS >= 12, "emotions fit three vectors of four, within a term's weights");
	for (int d = 0; d < 12; d += 4)
	{
		__m128		v = _mm_loadu_ps(w + d);

		v = _mm_and_ps(_mm_cmpge_ps(v, vmin), v);
		_mm_storeu_ps(r->strongest + d, _mm_max_ps(_mm_loadu_ps(r->strongest + d), v));
	}
#else
	for (int d = 0; d < EMP_NDIMS; d++)
		if (w[d] >= m->strong_cue && w[d] > r->strongest[d])
			r->strongest[d] = w[d];
#endif
	r->any_strong = true;
}

/*
 * At the end of a sentence whose evidence sum, amplified by f, was added to
 * the totals (and lifted to -sentence_floor): an emotion whose evidence
 * fell below strong_cue_keep times the sentence's strongest cue of it is
 * lifted to that, as a "sentence floor" row on the sentence.
 */
static inline void
keep_strong(Run *r, const double *sum, double f, uint32_t start, uint32_t len)
{
	const EmpModel *m = r->m;
	unsigned	have = 0;		/* bit d: a strong cue of emotion d */

	if (!r->any_strong)
		return;
	r->any_strong = false;
	/*
	 * The emotions with a strong cue, found with three comparisons of four
	 * and gone over in order, not each asked in turn with a branch that
	 * goes as the text does (strongest holds no NaN and no -0: see
	 * note_strong).
	 */
#ifdef __SSE2__
	for (int d = 0; d < 12; d += 4)
		have |= (unsigned) _mm_movemask_ps(_mm_cmpgt_ps(_mm_loadu_ps(r->strongest + d), _mm_setzero_ps())) << d;
	have &= (1u << EMP_NDIMS) - 1;
#else
	for (int d = 0; d < EMP_NDIMS; d++)
		if (r->strongest[d] > 0)
			have |= 1u << d;
#endif
	for (; have != 0; have &= have - 1)
	{
		int			d = __builtin_ctz(have);
		double		v,
					lo;

		lo = m->strong_cue_keep * r->strongest[d];
		v = sum[d] * f;
		if (m->sentence_floor > 0 && v < -m->sentence_floor)
			v = -m->sentence_floor;
		if (v < lo)
			emit(r, r->tot, start, len, 0, EMP_RULE_SENTENCE_FLOOR, d, lo - v, false);
	}
	memset(r->strongest, 0, sizeof(r->strongest));
}

/* emp_lexicon_term, from the terms the call keeps at hand. */
static inline const EmpTerm *
run_term(const Run *r, int32_t id)
{
	return &r->lh->terms[((uint32_t) id < (uint32_t) r->lh->nterms) ? id : 0];
}

/* The accumulator the current token's evidence goes to. */
static inline double *
sentence_acc(Run *r)
{
	return r->contrast_seen ? r->post : r->pre;
}

/*
 * Sarcasm: the positive evidence of a sentence an eye-rolling emoji ends
 * ("thanks a lot, really great service 🙃") is not meant.  Its joy and
 * gratitude become frustration, and its positive valence turns negative.
 * pos holds the sentence's joy, gratitude and valence, caps the part of
 * them that words in capitals added (kept apart, as the text's capitals
 * are, for a text written all in capitals).
 */
/* The channels of praise, in the order of Said's pos and caps and Run's sent_caps. */
static const int praise_chans[3] = {EMP_JOY, EMP_GRATITUDE, EMP_CH_VALENCE};

static void
unsay_praise(Run *r, const double *pos, const double *caps, uint32_t start, uint32_t len)
{
	const int  *chans = praise_chans;

	for (int part = 0; part < 2; part++)
	{
		const double *v = part ? caps : pos;
		double	   *acc = part ? r->caps : r->tot;

		for (int i = 0; i < 3; i++)
		{
			if (v[i] <= 0)
				continue;
			emit(r, acc, start, len, 0, EMP_RULE_SARCASM, chans[i], -2.0 * v[i], part == 1);
			if (chans[i] != EMP_CH_VALENCE)
				emit(r, acc, start, len, 0, EMP_RULE_SARCASM, EMP_FRUSTRATION, v[i], part == 1);
		}
	}
}

/*
 * The factor a sentence's evidence is amplified by: a run of '!' (or "?!")
 * by its length, a run of two '?' or more likewise, anything else 1.
 */
static inline double
punct_factor(const EmpModel *m, const EmpSlot *punct)
{
	double		n;

	if (punct && (punct->punct == '!' || punct->punct == 'x'))
	{
		n = punct->count;
		if (n > m->exclaim_max)
			n = m->exclaim_max;
		return 1.0 + m->exclaim_step * n;
	}
	if (punct && punct->punct == '?' && punct->count >= 2)
	{
		n = punct->count;
		if (n > m->exclaim_max)
			n = m->exclaim_max;
		return 1.0 + m->question_step * n;
	}
	return 1.0;
}

/* Does punct end a plain question whose praise the model keeps only part of? */
static inline bool
question_kept(const EmpModel *m, const EmpSlot *punct)
{
	return m->question_keep < 1.0f && punct && punct->punct == '?' && punct->count == 1;
}

/* Close the current sentence, amplified by a '!' run given as punct slot. */
static __attribute__((noinline)) void
end_sentence(Run *r, const EmpSlot *punct)
{
	const EmpModel *m = r->m;
	double		f;
	double		sum[EMP_NCHANNELS];
	bool		was_open;
	uint32_t	sent_len = 0;
	double		qadj[3] = {0, 0, 0};	/* what a plain question takes off its praise */

	if (r->contrast_seen && r->explain)
	{
		for (int ch = 0; ch < EMP_NCHANNELS; ch++)
			emit(r, r->post, r->contrast_start, r->contrast_len, r->contrast_term, EMP_RULE_CONTRAST,
				 ch, r->post[ch] * (m->contrast_after - 1.0), false);
	}
	else if (r->contrast_seen)
		add_scaled(r->post, r->post, m->contrast_after - 1.0);
	f = punct_factor(m, punct);
	add_pairs(sum, r->pre, r->post);
	if (f != 1.0 && r->explain)
	{
		for (int ch = 0; ch < EMP_NCHANNELS; ch++)
			emit(r, r->tot, punct->start, punct->len, 0, EMP_RULE_PUNCT_RUN, ch, sum[ch] * (f - 1.0), false);
	}
	else if (f != 1.0)
		add_scaled(r->tot, sum, f - 1.0);
	was_open = r->sent_open;
	if (r->sent_open)
	{
		double		pos[3];

		if (punct)
			r->sent_end = punct->start + punct->len;
		sent_len = r->sent_end - r->sent_start;

		/*
		 * A sentence lowers an emotion's evidence by at most sentence_floor:
		 * the small negative weights a factual sentence's words carry
		 * (learned from texts without that emotion) do not cancel what
		 * another sentence says ("The coordinator stopped replying three
		 * weeks before the wedding. We are so stressed.").
		 */
		if (m->sentence_floor > 0 && r->explain)
		{
			for (int ch = 0; ch < EMP_NDIMS; ch++)
				if (sum[ch] * f < -m->sentence_floor)
					emit(r, r->tot, r->sent_start, sent_len, 0, EMP_RULE_SENTENCE_FLOOR, ch,
						 -m->sentence_floor - sum[ch] * f, false);
		}
		else if (m->sentence_floor > 0)
			lift_to_floor(r->tot, sum, f, -m->sentence_floor);
		/* the sentence's joy, gratitude and valence, for an eye roll after it */
		for (int i = 0; i < 3; i++)
			pos[i] = sum[praise_chans[i]] * f;
		/*
		 * A plain question asks, it does not praise: "is my house safe to
		 * sleep in?", "is that really acceptable?".  Its joy, gratitude and
		 * positive valence keep question_keep of themselves (the rest is
		 * taken off the totals last, as close_sentence does).
		 */
		if (question_kept(m, punct))
		{
			for (int i = 0; i < 3; i++)
				if (pos[i] > 0)
				{
					qadj[i] = (m->question_keep - 1.0) * pos[i];
					pos[i] *= m->question_keep;
				}
		}
		if (r->sent_eyeroll)
		{
			unsay_praise(r, pos, r->sent_caps, r->sent_start, sent_len);
			memset(pos, 0, sizeof(pos));
			memset(r->sent_caps, 0, sizeof(r->sent_caps));
			/*
			 * and the sentence before's: the praise an eye roll mocks is
			 * often its opener ("Oh great, the entrance has 14 steps. We'll
			 * just fly in then 🙄")
			 */
			unsay_praise(r, r->prev.pos, r->prev.caps, r->prev.start, r->prev.len);
			memset(&r->prev, 0, sizeof(r->prev));
		}
		keep_warm(r);
		memcpy(r->prev.pos, pos, sizeof(pos));
		memcpy(r->prev.caps, r->sent_caps, sizeof(r->sent_caps));
		memset(r->sent_caps, 0, sizeof(r->sent_caps));
		r->prev.start = r->sent_start;
		r->prev.len = sent_len;
	}
	/* a sentence with no words ("!!!\n") leaves the last one's praise for an eye roll */
	r->sent_open = false;
	r->sent_eyeroll = false;
	/* the sentence's evidence joins the text's */
	add_pairs(r->tot, r->tot, sum);
	/*
	 * then its strong cues' lift, as close_sentence adds it after
	 * add_sentence: the same additions in the same order, so that the
	 * totals are the same to the bit explained or not
	 */
	if (was_open)
		keep_strong(r, sum, f, r->sent_start, sent_len);
	for (int i = 0; i < 3; i++)
		emit(r, r->tot, r->sent_start, sent_len, 0, EMP_RULE_QUESTION, praise_chans[i], qadj[i], false);
	clear_channels(r->pre);
	clear_channels(r->post);
	r->contrast_seen = false;
	r->neg_left = 0;
	r->boost = 1.0f;
	r->boost_left = 0;
}

/*
 * A closed sentence's evidence sum (amplified by f) joins the totals, per
 * channel: tot += sum * (f - 1) if amplify (f is not 1), then, if floor,
 * each emotion lifted to lo as lift_to_floor lifts it, then tot += sum.
 * The additions of end_sentence, in its order, with the totals loaded and
 * stored once (and sum * 1 taken as sum, which it is).
 */
static inline __attribute__((always_inline)) void
add_sentence_as(double *tot, const double *sum, double f, bool amplify, bool floor, double lo)
{
#ifdef __SSE2__
	const __m128d vf1 = _mm_set1_pd(f - 1.0);
	const __m128d vf = _mm_set1_pd(f);
	const __m128d vlo = _mm_set1_pd(lo);

#pragma GCC unroll 6
	for (int ch = 0; ch < EMP_NCHANNELS; ch += 2)
	{
		__m128d		s = _mm_loadu_pd(sum + ch);
		__m128d		t = _mm_loadu_pd(tot + ch);

		if (amplify)
			t = _mm_add_pd(t, _mm_mul_pd(s, vf1));
		if (ch < EMP_NDIMS && floor)
		{
			__m128d		v = amplify ? _mm_mul_pd(s, vf) : s;

			t = _mm_add_pd(t, _mm_and_pd(_mm_cmplt_pd(v, vlo), _mm_sub_pd(vlo, v)));
		}
		_mm_storeu_pd(tot + ch, _mm_add_pd(t, s));
	}
#else
	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
	{
		double		t = tot[ch];

		if (amplify)
			t += sum[ch] * (f - 1.0);
		if (ch < EMP_NDIMS && floor && sum[ch] * f < lo)
			t += lo - sum[ch] * f;
		tot[ch] = t + sum[ch];
	}
#endif
}

/* add_sentence_as, a loop for each case. */
static inline void
add_sentence(double *tot, const double *sum, double f, bool floor, double lo)
{
	if (f != 1.0 && floor)
		add_sentence_as(tot, sum, f, true, true, lo);
	else if (f != 1.0)
		add_sentence_as(tot, sum, f, true, false, lo);
	else if (floor)
		add_sentence_as(tot, sum, f, false, true, lo);
	else
		add_sentence_as(tot, sum, f, false, false, lo);
}

/*
 * A weighted term's evidence, with the rules that reach it: a negator
 * before it, a booster or dampener (boosted), capitals (shouted),
 * elongation; explained as rule when it is not a negation.
 */
static inline __attribute__((always_inline)) void
term_evidence(Run *r, const EmpTerm *t, int32_t id, uint32_t start, uint32_t len, EmpRule rule,
			  bool negated, bool boosted, bool shouted, bool elongated)
{
	const EmpModel *m = r->m;

	if (!negated && (t->flags & EMP_TERM_STRONG) && m->strong_cue_keep > 0)
		note_strong(r, t->w);
	if (!r->explain && !negated && !boosted && !shouted && !elongated)
	{
		/* the common case: plain evidence, added straight in */
		add_weights(sentence_acc(r), t->w);
	}
	else if (!r->explain)
	{
		double		caps = shouted ? m->caps_factor - 1.0 : 0;

		add_word_rules(sentence_acc(r), r->caps, t->w, negated ? r->sc->negation : NULL,
					   boosted ? r->boost - 1.0 : 0, caps,
					   elongated ? m->elongation_factor - 1.0 : 0);
		/*
		 * Praise in capitals, for an eye roll to unsay.  A channel
		 * without weight adds 0 times the factors, a zero, to a sum
		 * that is never -0: the same as skipping it, without a branch
		 * on each channel's weight.
		 */
		if (shouted)
			for (int i = 0; i < 3; i++)
			{
				double		v = t->w[praise_chans[i]];

				if (negated)
					v *= r->sc->negation[praise_chans[i]];
				r->sent_caps[i] += v * caps;
			}
	}
	else
	{
		for (int ch = 0; ch < EMP_NCHANNELS; ch++)
		{
			double		v = t->w[ch];

			if (v == 0.0)
				continue;
			if (negated)
				v *= r->sc->negation[ch];
			emit(r, sentence_acc(r), start, len, id, negated ? EMP_RULE_NEGATION : rule, ch, v, false);
			if (boosted)
				emit(r, sentence_acc(r), r->boost_start, r->boost_len, r->boost_term,
					 r->boost_is_damp ? EMP_RULE_DAMPENER : EMP_RULE_BOOSTER, ch, v * (r->boost - 1.0), false);
			if (shouted)
			{
				emit(r, r->caps, start, len, id, EMP_RULE_ALLCAPS, ch, v * (m->caps_factor - 1.0), true);
				/* praise in capitals, for an eye roll to unsay */
				for (int i = 0; i < 3; i++)
					if (ch == praise_chans[i])
						r->sent_caps[i] += v * (m->caps_factor - 1.0);
			}
			if (elongated)
				emit(r, sentence_acc(r), start, len, id, EMP_RULE_ELONGATION, ch,
					 v * (m->elongation_factor - 1.0), false);
		}
	}
}

/*
 * Is a cue positive, as it counts toward sentiment: its valence, and what
 * its emotions with positive evidence add to it (as sentiment_evidence
 * adds them up), at least expletive_positive (1)?  Or negative, as far
 * below 0 (-1)?  A plain word's small learned weights ("refund") are
 * neither (0).
 */
static int
cue_sign(const Run *r, const float *w, bool negated)
{
	const double *neg = r->sc->negation;
	double		v = w[EMP_CH_VALENCE] * (negated ? neg[EMP_CH_VALENCE] : 1.0);

	for (int d = 0; d < EMP_NDIMS; d++)
	{
		double		x = w[d] * (negated ? neg[d] : 1.0);

		if (x > 0)
			v += r->m->valence_from[d] * x;
	}
	if (v > 0 && v >= r->m->expletive_positive)
		return 1;
	/* negative, as far (for a booster's own lean and the cue it boosts) */
	if (v < 0 && -v >= r->m->expletive_positive)
		return -1;
	return 0;
}

/*
 * An expletive ("fucking", "bloody", "damn") boosts the next cue as a
 * booster does, and its own feeling (mostly anger) waits for that cue:
 * before a positive one within the booster's reach it is not meant ("you
 * guys are fucking amazing", "bloody brilliant"), and is dropped; before
 * any other, or with none ("where is my fucking refund"), it counts where
 * it stood.  Settled at that cue, at another expletive, at a contrast and
 * at the end of the sentence.  A booster or dampener whose own weights
 * lean clearly one way waits the same way (see expletive_step).
 */
static __attribute__((noinline)) void
settle_expletive(Run *r, int k, bool intensifier)
{
	const Waiting *wt = &r->wait[k];

	r->expl_pending &= ~(1u << k);
	if (intensifier)
		return;
	term_evidence(r, run_term(r, wt->term), wt->term, wt->start, wt->len, (EmpRule) wt->rule,
				  wt->negated, false, wt->shouted, wt->elongated);
}

/*
 * Everything that waits counts where it stood: at a contrast, a comma, the
 * sentence's end, and past its booster's reach (see end_reach).
 */
static __attribute__((noinline)) void
settle_all(Run *r)
{
	for (int k = 0; k < 2; k++)
		if (r->expl_pending & (1u << k))
			settle_expletive(r, k, false);
}

/*
 * A booster's reach ends (the words it could boost are past): no boost, and
 * what waits counts where it stood ("the dress was pretty and the delivery
 * so slow": "pretty" boosts no cue, and "slow" does not drop its joy).
 */
static inline void
end_reach(Run *r)
{
	r->boost = 1.0f;
	if (__builtin_expect(r->expl_pending, 0))
		settle_all(r);
}

/*
 * A weighted term read while an expletive or a leaning booster waits, or
 * an expletive or weighted booster: settle what waits at the cue it boosts,
 * and keep an expletive or leaning booster back.  What waits is dropped at
 * a cue it only intensified: an expletive before a positive cue ("so
 * fucking good"), a booster before a cue that leans the other way ("pretty"
 * has the joy it learned from "pretty good" and "a pretty dress", which
 * "pretty upset" and "pretty damn bad" do not mean); any other cue, or one
 * past its reach, lets its own feeling count.  A leaning booster waits on
 * through the expletives and boosters of its run.  True when the term's
 * evidence waits.
 */
static __attribute__((noinline)) bool
expletive_step(Run *r, const EmpSlot *s, const EmpTerm *t, uint16_t tflags, int32_t id,
			   uint32_t start, uint32_t len, bool negated, bool boosted, bool shouted)
{
	int			sign = 0;
	int			k;
	Waiting    *wt;

	if (!(tflags & (EMP_TERM_BOOSTER | EMP_TERM_DAMPENER)))
	{
		/* a cue: settle what waits for it */
		int			cue = boosted ? cue_sign(r, t->w, negated) : 0;

		if (r->expl_pending & 1u)
			settle_expletive(r, 0, cue > 0);
		if (r->expl_pending & 2u)
			settle_expletive(r, 1, cue != 0 && cue == -r->wait[1].sign);
		return false;
	}
	if (tflags & EMP_TERM_EXPLETIVE)
	{
		/* another expletive: the one before it counts */
		if (r->expl_pending & 1u)
			settle_expletive(r, 0, false);
		k = 0;
	}
	else
	{
		if ((sign = cue_sign(r, t->w, negated)) == 0)
			return false;
		/* a leaning booster out of a run: the one before it counts */
		if (r->expl_pending & 2u)
			settle_expletive(r, 1, false);
		k = 1;
	}
	wt = &r->wait[k];
	r->expl_pending |= 1u << k;
	wt->sign = (int8_t) sign;
	wt->negated = negated;
	wt->shouted = shouted;
	wt->elongated = (s->flags & EMP_TF_ELONGATED) != 0;
	wt->rule = (uint8_t) (s->phrase ? EMP_RULE_PHRASE : EMP_RULE_LEXICON);
	wt->term = id;
	wt->start = start;
	wt->len = len;
	return true;
}

/*
 * end_sentence for the commonest sentences, inline: unexplained, with no
 * eye roll.  The same steps in the same order, with what needs no doing
 * left out: before a contrast, the sentence's evidence is all in pre (post
 * is +0, and x + +0 is x, x being never -0), and the totals are gone over
 * once (add_sentence); any other sentence is end_sentence's.
 */
static inline void
close_sentence(Run *r, const EmpSlot *punct)
{
	const EmpModel *m = r->m;
	double		f;
	double		both[EMP_NCHANNELS];
	const double *sum = r->pre;

	if (__builtin_expect(r->expl_pending, 0))
		settle_all(r);
	if (r->explain || r->sent_eyeroll)
	{
		end_sentence(r, punct);
		return;
	}
	if (r->contrast_seen)
	{
		add_scaled(r->post, r->post, m->contrast_after - 1.0);
		add_pairs(both, r->pre, r->post);
		sum = both;
		clear_channels(r->post);
		r->contrast_seen = false;
	}
	f = punct_factor(m, punct);
	add_sentence(r->tot, sum, f, r->sent_open && m->sentence_floor > 0, -m->sentence_floor);
	if (r->sent_open)
	{
		if (punct)
			r->sent_end = punct->start + punct->len;
		keep_strong(r, sum, f, r->sent_start, r->sent_end - r->sent_start);
		keep_warm(r);
		/* the sentence's joy, gratitude and valence, for an eye roll after it */
		for (int i = 0; i < 3; i++)
			r->prev.pos[i] = sum[praise_chans[i]] * f;
		/* a plain question keeps part of its praise, as end_sentence takes it off: last */
		if (question_kept(m, punct))
		{
			for (int i = 0; i < 3; i++)
				if (r->prev.pos[i] > 0)
				{
					r->tot[praise_chans[i]] += (m->question_keep - 1.0) * r->prev.pos[i];
					r->prev.pos[i] *= m->question_keep;
				}
		}
		memcpy(r->prev.caps, r->sent_caps, sizeof(r->sent_caps));
		memset(r->sent_caps, 0, sizeof(r->sent_caps));
		r->prev.start = r->sent_start;
		r->prev.len = r->sent_end - r->sent_start;
	}
	r->sent_open = false;
	clear_channels(r->pre);
	r->neg_left = 0;
	r->boost = 1.0f;
	r->boost_left = 0;
}

/* Handle a punctuation run or break. */
static void
on_punct(Run *r, const EmpSlot *s)
{
	const EmpModel *m = r->m;
	const float *cue = NULL;

	if (s->kind == EMP_TOK_PUNCT)
	{
		r->asked |= (s->punct == '?' || s->punct == 'x');
		if (s->punct == 'x')
			cue = m->cue_interrobang;
		else if (s->punct == '!' && s->count >= 2)
			cue = m->cue_exclaim;
		else if (s->punct == '?' && s->count >= 2)
			cue = m->cue_question;
		if (s->punct == '!' && s->count >= 2)
			r->nexclaim++;
		if (cue && !r->explain)
			add_weights(sentence_acc(r), cue);
		else if (cue)
			for (int ch = 0; ch < EMP_NCHANNELS; ch++)
				emit(r, sentence_acc(r), s->start, s->len, 0, EMP_RULE_PUNCT_RUN, ch, cue[ch], false);
	}
	if (s->flags & EMP_TF_SENT_END)
		close_sentence(r, s->kind == EMP_TOK_PUNCT ? s : NULL);
	else
	{
		/* a comma ends a booster's reach: what waits counts */
		if (__builtin_expect(r->expl_pending, 0))
			settle_all(r);
		r->neg_left = 0;
		r->boost = 1.0f;
		r->boost_left = 0;
	}
}

/*
 * Count a word toward the text's capitals: a word in capitals, or one of
 * two letters or more in other case; acronyms and codes count for neither
 * ("MY PIN IS BLOCKED" is shouted throughout, "my PIN is blocked" is not).
 */
static inline void
count_cased(Run *r, const EmpSlot *s)
{
	if (emp_slot_shouted(s))
	{
		r->ncased++;
		r->ncaps++;
	}
	else if (s->len >= 2 && !(s->flags & EMP_TF_ALLCAPS))
		r->ncased++;
}

/* Handle a word, phrase, emoji or emoticon slot. */
static void
on_term(Run *r, const EmpSlot *s)
{
	const EmpModel *m = r->m;
	int32_t		id = s->phrase ? s->phrase : s->id;

	/*
	 * The term, found (not read) for every slot: a word's term is read only
	 * when a rule needs more than its flags, but a branch on whether it is
	 * needed would go as the text does.
	 */
	const EmpTerm *t = run_term(r, id);
	uint16_t	tflags = s->phrase ? t->flags : s->tflags;
	uint32_t	start = s->start;
	uint32_t	len = s->phrase ? s->phrase_end - s->start : s->len;
	bool		is_word = (s->kind == EMP_TOK_WORD);
	/*
	 * A word in capitals, or a phrase with one: "SPEAK TO A MANAGER", "am
	 * NOT happy"; not an acronym ("my PIN") nor a code ("AB12CD").
	 */
	bool		shouted = is_word &&
		(s->phrase ? (s->flags & EMP_TF_PHRASE_CAPS) != 0 : (s->part == 0 && emp_slot_shouted(s)));
	bool		negated = false;

	if (s->kind == EMP_TOK_EMOJI && emp_is_eye_roll(r->text + s->start, s->len))
	{
		/* "Great service. 🙃": the eye roll is about the sentence before */
		if (r->sent_open)
			r->sent_eyeroll = true;
		else
		{
			unsay_praise(r, r->prev.pos, r->prev.caps, r->prev.start, r->prev.len);
			memset(r->prev.pos, 0, sizeof(r->prev.pos));
			memset(r->prev.caps, 0, sizeof(r->prev.caps));
		}
	}
	if (!r->sent_open)
	{
		r->sent_open = true;
		r->sent_start = start;
		add_pairs(r->before, r->tot, r->caps);
		r->before_nwords = r->nwords;
	}
	r->sent_end = start + len;

	if (s->part == 0 && (s->kind == EMP_TOK_WORD || s->kind == EMP_TOK_EMOJI || s->kind == EMP_TOK_NUMBER))
		r->nwords++;
	if (is_word && s->part == 0)
		count_cased(r, s);

	if (tflags & EMP_TERM_CONTRAST)
	{
		if (r->expl_pending)
			settle_all(r);
		if (!r->contrast_seen)
		{
			if (!r->explain)
				add_scaled(r->pre, r->pre, m->contrast_before - 1.0);
			else
				for (int ch = 0; ch < EMP_NCHANNELS; ch++)
					emit(r, r->pre, start, len, id, EMP_RULE_CONTRAST, ch,
						 r->pre[ch] * (m->contrast_before - 1.0), false);
			/*
			 * (a strong cue before "but" is still kept: "I was furious at first
			 * but you sorted it" expresses both feelings, as GoEmotions'
			 * annotators label them; weakening it as its evidence did worse on
			 * train, dev and every contact-centre set)
			 */
			r->contrast_seen = true;
			r->contrast_start = start;
			r->contrast_len = len;
			r->contrast_term = id;
		}
		r->neg_left = 0;
		r->boost = 1.0f;
		r->boost_left = 0;
		return;
	}

	if (tflags & EMP_TERM_WEIGHTED)
	{
		/*
		 * A booster's own evidence is not boosted by the boosters before it:
		 * in "very very ... angry" the boosts compounded on each "very"'s
		 * own weights, and twelve of them outweighed the "angry".
		 */
		bool		boosted = (r->boost_left > 0 && r->boost != 1.0f &&
							   !(tflags & (EMP_TERM_BOOSTER | EMP_TERM_DAMPENER)));

		/*
		 * Nor does a booster or dampener right after another one add its
		 * own evidence again: a run ("very very very angry") is one strong
		 * modifier, and fifty "very"s, each with the little joy it learned,
		 * turned "angry" into gratitude.  (An expletive's own feeling is
		 * settled as expletive_step says.)
		 */
		bool		run_on = r->boost_left == 2 && (tflags & (EMP_TERM_BOOSTER | EMP_TERM_DAMPENER)) &&
			!(tflags & EMP_TERM_EXPLETIVE);

		/* an emoji or emoticon says how the writer feels: "not happy 😡" */
		negated = r->neg_left > 0 && !(tflags & EMP_TERM_NEGATOR) &&
			s->kind != EMP_TOK_EMOJI && s->kind != EMP_TOK_EMOTICON;
		if (run_on)
			;
		else if (!(__builtin_expect((boosted && r->expl_pending) ||
									(tflags & (EMP_TERM_EXPLETIVE | EMP_TERM_BOOSTER | EMP_TERM_DAMPENER)), 0) &&
			  expletive_step(r, s, t, tflags, id, start, len, negated, boosted, shouted)))
			term_evidence(r, t, id, start, len, s->phrase ? EMP_RULE_PHRASE :
						  s->kind == EMP_TOK_EMOJI ? EMP_RULE_EMOJI :
						  s->kind == EMP_TOK_EMOTICON ? EMP_RULE_EMOTICON : EMP_RULE_LEXICON,
						  negated, boosted, shouted, (s->flags & EMP_TF_ELONGATED) != 0);
		if (!(tflags & (EMP_TERM_BOOSTER | EMP_TERM_DAMPENER)))
		{
			r->boost_left = 0;
			end_reach(r);
		}
	}
	if (shouted && r->ncaps_cues < m->caps_max_words)
	{
		r->ncaps_cues++;
		if (r->ncaps_cues == 1)
			r->first_caps_start = start;
		if (!r->explain)
			add_weights(r->caps, m->cue_caps);
		else
			for (int ch = 0; ch < EMP_NCHANNELS; ch++)
				emit(r, r->caps, start, len, id, EMP_RULE_ALLCAPS, ch, m->cue_caps[ch], true);
	}

	if (tflags & EMP_TERM_NEGATOR)
	{
		r->neg_left = (int) m->negation_scope;
		return;
	}
	if (tflags & (EMP_TERM_BOOSTER | EMP_TERM_DAMPENER))
	{
		if (r->boost_left == 0)
			r->boost = 1.0f;
		r->boost *= t->mod;
		/* a run of boosters counts as one strong one, not as overflow */
		if (r->boost > EMP_BOOST_MAX)
			r->boost = EMP_BOOST_MAX;
		r->boost_left = 2;
		r->boost_is_damp = (tflags & EMP_TERM_DAMPENER) != 0;
		r->boost_start = start;
		r->boost_len = len;
		r->boost_term = id;
		return;
	}
	if (r->boost_left > 0 && --r->boost_left == 0)
		end_reach(r);
	if (r->neg_left > 0 && (is_word || s->phrase))
		r->neg_left--;
}

/* A plain word joins its sentence and is counted (see plain_word). */
static inline __attribute__((always_inline)) void
plain_word_span(Run *r, const EmpSlot *s)
{
	if (!r->sent_open)
	{
		r->sent_open = true;
		r->sent_start = s->start;
		add_pairs(r->before, r->tot, r->caps);
		r->before_nwords = r->nwords;
	}
	r->sent_end = s->start + s->len;
	if (s->part == 0)
	{
		r->nwords++;
		if (s->len >= 2)
			r->ncased++;
	}
}

/*
 * on_term for the commonest slot, a word on its own (no phrase) in lower or
 * mixed case, not elongated, with no role but its weights: false, having
 * changed nothing, for any other slot, or for a weighted word that a
 * negator or booster reaches, or when explaining.
 */
static inline bool
plain_word(Run *r, const EmpSlot *s)
{
	uint16_t	tflags = s->tflags;

	if (s->kind != EMP_TOK_WORD || s->phrase != 0 ||
		(s->flags & (EMP_TF_ALLCAPS | EMP_TF_ELONGATED)) != 0 ||
		(tflags & (EMP_TERM_CONTRAST | EMP_TERM_NEGATOR | EMP_TERM_BOOSTER | EMP_TERM_DAMPENER)) != 0)
		return false;
	/*
	 * No negator or booster in reach, not explaining (each rarely so): a
	 * weighted word adds its weights and an unweighted one its zeros,
	 * without a test of which it is, which goes either way as the text
	 * does and would be mispredicted as often.  Adding a zero changes no
	 * sum (a sum is never -0), and neither kind of word has a negation or
	 * a boost to count down here.
	 */
	if ((r->neg_left | r->boost_left | (int) r->explain) == 0)
	{
		plain_word_span(r, s);
		add_weights(sentence_acc(r), run_term(r, s->id)->w);
		if ((tflags & EMP_TERM_STRONG) && r->m->strong_cue_keep > 0)
			note_strong(r, run_term(r, s->id)->w);
		return true;
	}
	if (tflags & EMP_TERM_WEIGHTED)
	{
		if (r->explain || r->neg_left > 0 || (r->boost_left > 0 && r->boost != 1.0f))
			return false;
		plain_word_span(r, s);
		/* plain evidence: no negator, booster or capitals reach it */
		add_weights(sentence_acc(r), run_term(r, s->id)->w);
		if ((tflags & EMP_TERM_STRONG) && r->m->strong_cue_keep > 0)
			note_strong(r, run_term(r, s->id)->w);
		r->boost_left = 0;
		end_reach(r);
		return true;
	}
	plain_word_span(r, s);
	if (r->boost_left > 0 && --r->boost_left == 0)
		end_reach(r);
	if (r->neg_left > 0)
		r->neg_left--;
	return true;
}

/* Map evidence to a 0..1 score above the base rate. */
static inline double
dim_score(double bias, double p0, double e)
{
	double		p,
				s;

	if (e <= 0)
		return 0;				/* at or below the base rate */
	p = 1.0 / (1.0 + exp(-(bias + e)));
	s = (p - p0) / (1.0 - p0);
	return s > 0 ? s : 0;
}

/*
 * Valence plus what the emotions add to it (evidence per channel in e).
 * Where SSE2 has it, an emotion without positive evidence adds -0 instead
 * of being skipped by a branch that goes as the text does: x + -0 is x for
 * every x, -0 and NaN included, so the sum is the same in every bit.
 */
static inline double
sentiment_evidence(const EmpModel *m, const double *e)
{
	double		v = e[EMP_CH_VALENCE];

#ifdef __SSE2__
	const __m128d zero = _mm_setzero_pd();
	const __m128d negzero = _mm_set1_pd(-0.0);

#pragma GCC unroll 5
	for (int d = 0; d < EMP_NDIMS; d += 2)
	{
		__m128d		ed = _mm_loadu_pd(e + d);
		__m128d		pos = _mm_cmpgt_pd(ed, zero);
		__m128d		t = _mm_mul_pd(_mm_cvtps_pd(_mm_castsi128_ps(_mm_loadl_epi64((const __m128i *) (m->valence_from + d)))), ed);

		t = _mm_or_pd(_mm_and_pd(pos, t), _mm_andnot_pd(pos, negzero));
		v += _mm_cvtsd_f64(t);
		v += _mm_cvtsd_f64(_mm_unpackhi_pd(t, t));
	}
#else
	for (int d = 0; d < EMP_NDIMS; d++)
		if (e[d] > 0)
			v += m->valence_from[d] * e[d];
#endif
	return v;
}

/* Compute the final scores in want (EMP_WANT_*) from the totals. */
static void
finish_scores(Run *r, EmpScores *out, bool all_caps, unsigned want, double *lnorm)
{
	const EmpModel *m = r->m;
	double		e[EMP_NCHANNELS];
	double		norm = 1.0;
	double		load = 0,
				esc = 0;

	if (r->nwords > m->length_tokens && m->length_tokens > 0)
		norm = r->nwords / m->length_tokens;
	*lnorm = norm;
	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
	{
		e[ch] = (r->tot[ch] + (all_caps ? 0 : r->caps[ch])) / norm;
		out->evidence[ch] = (float) e[ch];
	}
	if (want & EMP_WANT_DIMS)
		for (int d = 0; d < EMP_NDIMS; d++)
			out->dims[d] = (float) dim_score(m->bias[d], r->sc->base_rate[d], e[d]);
	if (want & EMP_WANT_SENTIMENT)
		out->sentiment = (float) tanh(sentiment_evidence(m, e) / (m->sentiment_scale > 0 ? m->sentiment_scale : 1));
	if (want & EMP_WANT_INTENSITY)
	{
		for (int d = 0; d < EMP_NDIMS; d++)
			if (e[d] > 0)
				load += e[d];
		load += 0.5 * fabs(e[EMP_CH_VALENCE]);
		out->intensity = (float) (1.0 - exp(-load / (m->intensity_scale > 0 ? m->intensity_scale : 1)));
	}
	if (want & EMP_WANT_ESCALATION)
	{
		for (int ch = 0; ch < EMP_NCHANNELS; ch++)
			if (e[ch] > 0)
				esc += m->escalation_from[ch] * e[ch];
		esc += m->escalation_caps * (all_caps ? m->caps_max_words : r->ncaps_cues);
		esc += m->escalation_exclaim * (r->nexclaim > 3 ? 3 : r->nexclaim);
		/*
		 * a configuration may weigh cues against escalation: the risk stays
		 * within 0..1 (no cue, or cues against it, give 0)
		 */
		if (!(esc > 0))
			esc = 0;
		out->escalation = (float) (1.0 - exp(-esc / (m->escalation_scale > 0 ? m->escalation_scale : 1)));
	}
	out->nwords = r->nwords;
}

/*
 * Pass the explanation rows, with their shares of the final scores.  Each
 * channel's score is shared among its rows in proportion to their evidence.
 * Sentiment is shared among the valence rows and, for an emotion whose
 * evidence counts toward sentiment (valence_from), a second row per emotion
 * row on the sentiment channel, so that every channel's rows add up.
 */
static void
explain_rows(Run *r, const EmpScores *out, bool all_caps, double lnorm, EmpExplainFn fn, void *arg)
{
	EmpScorer  *sc = r->sc;
	const EmpModel *m = r->m;
	double		raw[EMP_NCHANNELS];
	double		final[EMP_NCHANNELS];

	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
		raw[ch] = out->evidence[ch] * lnorm;
	for (int d = 0; d < EMP_NDIMS; d++)
		final[d] = out->dims[d];
	final[EMP_CH_VALENCE] = out->sentiment;
	final[EMP_CH_ESCALATION] = 0;
	raw[EMP_CH_VALENCE] = sentiment_evidence(m, raw);
	for (size_t i = 0; i < sc->nevents; i++)
	{
		EmpExplainRow *row = &sc->events[i];
		int			ch = row->channel;

		if (all_caps && sc->event_caps[i])
			continue;
		row->contribution = (raw[ch] != 0) ?
			(float) (row->weight * final[ch] / raw[ch]) : 0.0f;
		if (ch < EMP_NDIMS && raw[ch] <= 0)
			row->contribution = 0;
		fn(arg, row);
		/* the twin row, shown even when the sentiment's evidence cancels out (contributing 0) */
		if (ch < EMP_NDIMS && raw[ch] > 0 && m->valence_from[ch] != 0 && row->weight != 0)
		{
			EmpExplainRow vrow = *row;

			vrow.channel = EMP_CH_VALENCE;
			vrow.weight = row->weight * m->valence_from[ch];
			vrow.contribution = (raw[EMP_CH_VALENCE] != 0) ?
				(float) (vrow.weight * final[EMP_CH_VALENCE] / raw[EMP_CH_VALENCE]) : 0.0f;
			fn(arg, &vrow);
		}
	}
}

/*
 * A phrase's last slot is "not" or "never": written so, or the "n't" of a
 * contraction (its second part).  "Oh no" and "thanks for nothing" end in
 * a negator too, but negate nothing after them.
 */
static bool
ends_in_not(const char *text, const EmpSlot *s)
{
	const char *w = text + s->start;

	if (s->part == 1)
		return true;
	if (s->len == 3)
		return (w[0] | 0x20) == 'n' && (w[1] | 0x20) == 'o' && (w[2] | 0x20) == 't';
	if (s->len == 5)
		return (w[0] | 0x20) == 'n' && (w[1] | 0x20) == 'e' && (w[2] | 0x20) == 'v' &&
			(w[3] | 0x20) == 'e' && (w[4] | 0x20) == 'r';
	return false;
}

/*
 * Sign-offs.  A question that ends with a thanks formula and a name, on
 * a sentence of their own ("Can you re-cover six chair seats? Thanks,
 * Roisin"), or a message that ends with "thanks in advance", closes
 * politely: the thanks is no gratitude of its own unless what came before
 * praised.  Thanks after a story, with no question ("I stood in the park
 * and cried. Thank you, Dr Mensah."), stays gratitude; thanks after a
 * rhetorical question and a story lose it too, wrongly ("Who does that?
 * You drove 40 miles with the inhaler. Thank you, Dr Mensah.").
 * signoff_at says whether the text's last sentence, which starts at byte
 * p, is such an ending (asked: a '?' ended a sentence or clause before
 * it, not one inside a link): at most 120 bytes of it are read.
 */
/*
 * The formulas: thanks, and closings that wish well ("Best wishes, Pat",
 * "All the best, Callum Reid", "Best, Hannah"), which with a name after
 * them close any message, a question or not: their warmth is the
 * formula's, not the writer's feeling about what the message says.
 * Longest first among those that share a start.
 */
static const struct
{
	const char *s;
	size_t		n;
	bool		closing;
}			signoff_formulas[] = {
#define F(x) {x, sizeof(x) - 1, false}
#define C(x) {x, sizeof(x) - 1, true}
	F("thank you in advance"), F("thanks in advance"), F("many thanks"), F("thank you again"),
	F("thanks again"), F("thank you"), F("thanks"), F("cheers"), F("thx"), F("ta"),
	C("with best wishes"), C("with warm wishes"), C("warmest wishes"), C("warm wishes"),
	C("best wishes"), C("all the best"), C("kindest regards"), C("kind regards"),
	C("warmest regards"), C("warm regards"), C("best regards"), C("best"), {NULL, 0, false}
#undef F
#undef C
};

/*
 * A byte of a name: an ASCII letter, an apostrophe, a hyphen, or one of a
 * two-byte UTF-8 letter ("é"; not of U+0080 to U+00BF, which are no
 * letters: a no-break space, "«", "©")
 */
static inline bool
signoff_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x80 && c <= 0xBF) ||
		(c >= 0xC3 && c <= 0xDF) || c == '\'' || c == '-';
}

/*
 * Does a name start at s[p] (before e): an ASCII capital, or a two-byte
 * letter that is not lower case ("Ó", "Ł", "И", a Hebrew or Arabic letter;
 * not "ł", "и", "×")
 */
static inline bool
signoff_capital(const unsigned char *s, size_t p, size_t e)
{
	UChar32		c;

	if (s[p] >= 'A' && s[p] <= 'Z')
		return true;
	if (s[p] < 0xC3 || s[p] > 0xDF || p + 1 >= e || s[p + 1] < 0x80 || s[p + 1] > 0xBF)
		return false;
	c = ((UChar32) (s[p] & 0x1F) << 6) | (s[p + 1] & 0x3F);
	return u_isalpha(c) && !u_islower(c);
}

/* Is s[i] (before e) a no-break space's first byte? */
static inline bool
signoff_nbsp(const unsigned char *s, size_t i, size_t e)
{
	return s[i] == 0xC2 && i + 1 < e && s[i + 1] == 0xA0;
}

/* Is this capitalised word one of thanks rather than a name? */
static bool
signoff_not_name(const char *w, size_t n)
{
#define W(x) {x, sizeof(x) - 1}
	static const struct
	{
		const char *s;
		size_t		n;
	}			words[] = {
		W("thank"), W("thanks"), W("you"), W("so"), W("much"), W("very"), W("i"), W("really"),
		W("again"), W("appreciate"), W("appreciated"), W("a"), W("lot"), W("all"), W("for"),
		W("everything"), {NULL, 0}
	};
#undef W

	for (int i = 0; words[i].s != NULL; i++)
		if (words[i].n == n && strncasecmp(w, words[i].s, n) == 0)
			return true;
	return false;
}

/* Is this name word a title written with a full stop ("Mr.", "Dr.")? */
static bool
signoff_title(const unsigned char *w, size_t n)
{
	if (n < 2 || n > 4)
		return false;
	switch (w[0] | 0x20)
	{
		case 'm':
			return (n == 2 && strchr("rsx", w[1] | 0x20) != NULL) ||
				(n == 3 && strncasecmp((const char *) w, "mrs", 3) == 0);
		case 'd':
			return n == 2 && (w[1] | 0x20) == 'r';
		case 'p':
			return n == 4 && strncasecmp((const char *) w, "prof", 4) == 0;
		default:
			return false;
	}
}

static inline bool
signoff_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * After "I'd like", "I would like" or "I need": no request but news or
 * thanks ("I'd like to let you know it came", "I need to thank Priya", "I
 * need not have worried", "I need, honestly, nothing")?
 */
static bool
telling(const unsigned char *s, size_t n)
{
	static const char *const verbs[] = {
		"say", "tell", "let", "confirm", "add", "inform", "share", "mention", "thank", "report",
		"point", "praise", "compliment", "update", "note", "express", "know", NULL
	};
	size_t		w;

	if (n > 0 && s[0] == ',')
		return true;
	if (n >= 8 && strncasecmp((const char *) s, " nothing", 8) == 0)
		return true;
	if (n >= 4 && strncasecmp((const char *) s, " not", 4) == 0 && (n == 4 || !((s[4] | 0x20) >= 'a' && (s[4] | 0x20) <= 'z')))
		return true;
	if (n < 4 || strncasecmp((const char *) s, " to ", 4) != 0)
		return false;
	s += 4;
	n -= 4;
	for (w = 0; w < n && (s[w] | 0x20) >= 'a' && (s[w] | 0x20) <= 'z'; w++)
		;
	for (int k = 0; verbs[k] != NULL; k++)
		if (strlen(verbs[k]) == w && strncasecmp((const char *) s, verbs[k], w) == 0)
			return true;
	return false;
}

/*
 * Does the text before byte end ask for something, as a question does: a
 * sentence or clause that starts with "please", "kindly", "could you",
 * "can you", "would you", "let me know", "I'd like", "I would like" or "I
 * need" ("Please confirm...", "Hi, could you send...", "I need the
 * invoice.")?  Not news or thanks after the last three ("I'd like to let
 * you know it came") nor such words inside a sentence ("the driver let me
 * know", "he kindly stayed late") nor in a link ("example.com/please").
 * Read only for a sign-off with a name and no question before it.
 */
static bool
signoff_request(const char *text, size_t end)
{
	static const struct
	{
		const char *s;
		size_t		n;
		bool		clause;		/* also after a comma ("Hi, please confirm"), when no
								 * comma follows ("The nurse, kindly, stayed") */
	}			asks[] = {
#define F(x, c) {x, sizeof(x) - 1, c}
		F("please", true), F("kindly", true), F("could you", true), F("can you", true),
		F("would you", true), F("let me know", true),
		/* and a need or a wish of the writer's: "I'd like a refund", "Hi, I need the invoice" */
		F("i'd like", false), F("i\xE2\x80\x99" "d like", false), F("i would like", false), F("i need", false),
		{NULL, 0, false}
#undef F
	};
	const unsigned char *s = (const unsigned char *) text;
	int			starts = 2;		/* 2: a sentence starts here, 1: a clause, 0: neither */
	/* a text that opens with a greeting: its first clause after one starts as a sentence ("Hi, I need...") */
#define NOT_LETTER(c) (!(((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z'))
	bool		greeted = end >= 3 && ((strncasecmp(text, "hi", 2) == 0 && NOT_LETTER(s[2])) ||
									   (end >= 4 && strncasecmp(text, "hey", 3) == 0 && NOT_LETTER(s[3])) ||
									   (end >= 6 && strncasecmp(text, "hello", 5) == 0 && NOT_LETTER(s[5])) ||
									   (end >= 5 && strncasecmp(text, "dear", 4) == 0 && NOT_LETTER(s[4])));
#undef NOT_LETTER

	for (size_t i = 0; i < end; i++)
	{
		unsigned char c = s[i];
		unsigned char next = (i + 1 < end) ? s[i + 1] : ' ';
		bool		spaced = (next == ' ' || next == '\t' || next == '\n' || next == '\r' ||
							  next == '"' || next == '\'' || next == ')' || next == ']' || i + 1 == end ||
							  (next == 0xC2 && i + 2 < end && s[i + 2] == 0xA0) ||
							  (next == 0xE2 && i + 3 < end && s[i + 2] == 0x80 &&
							   (s[i + 3] == 0x99 || s[i + 3] == 0x9D)));

		/* spaces, quotes and brackets leave it as it was ("(See attached.) Please") */
		if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']')
			continue;
		if (c == 0xE2 && i + 2 < end && s[i + 1] == 0x80)
		{
			/* curly quotes leave it; an en or em dash or an ellipsis starts a clause or sentence */
			if (s[i + 2] >= 0x98 && s[i + 2] <= 0x9F)
			{
				i += 2;
				continue;
			}
			if (s[i + 2] == 0x93 || s[i + 2] == 0x94 || s[i + 2] == 0xA6)
			{
				starts = (s[i + 2] == 0xA6) ? 2 : 1;
				i += 2;
				continue;
			}
		}
		if (starts && strchr("pkcwliPKCWLI", c) != NULL)
		{
			for (int k = 0; asks[k].s != NULL; k++)
			{
				size_t		n = asks[k].n;
				unsigned char after = (i + n < end) ? s[i + n] : ' ';
				unsigned char after2 = (i + n + 1 < end) ? s[i + n + 1] : ' ';

				if ((starts == 2 || (asks[k].clause && after != ',') || (starts == 1 && greeted)) && i + n <= end &&
					(c | 0x20) == asks[k].s[0] && strncasecmp((const char *) s + i, asks[k].s, n) == 0 &&
				/*
				 * a whole word ("please—", "please…" too), not one of a link
				 * ("please-help.org", "x.please/"), nor "kindly," between commas
				 */
					!((after | 0x20) >= 'a' && (after | 0x20) <= 'z') && !(after >= '0' && after <= '9') &&
					(after < 0x80 || (after == 0xE2 && after2 == 0x80) || (after == 0xC2 && after2 == 0xA0)) &&
					strchr("-_/@=", after) == NULL &&
					!(after == '.' && i + n + 1 < end && after2 != ' ' && after2 != '\n' && after2 != '\r' &&
					  after2 != '\t' && after2 != '"' && after2 != '\'' && after2 != ')') &&
				/* a wonder, not a request: "can you believe", "could you imagine" */
					!(asks[k].s[n - 1] == 'u' && i + n + 8 <= end &&
					  (strncasecmp((const char *) s + i + n, " believe", 8) == 0 ||
					   strncasecmp((const char *) s + i + n, " imagine", 8) == 0)) &&
					!(asks[k].s[0] == 'i' && telling(s + i + n, end - i - n)))
					return true;
			}
		}
		/* a sentence ends at "!", "?", a line break, or ". " (not "www.x"); a clause at ", ", "; ", ": ", " - " */
		if (c == '!' || c == '?' || c == '\n' || c == '\r' || (c == '.' && spaced))
		{
			starts = 2;
			greeted = false;
		}
		else if ((c == ',' || c == ';' || c == ':') && spaced)
			starts = 1;
		else if (c == '-' && spaced && i > 0 && s[i - 1] == ' ')
			starts = 1;
		else
			starts = 0;
	}
	return false;
}

/*
 * A closing joined to the thanks ("Thanks and regards", "Thank you &
 * kind regards", "Thanks, and kindest regards", "Many thanks and best
 * wishes"): the byte after it, or p when none follows the formula ending
 * at p
 */
static size_t
signoff_closing(const unsigned char *s, size_t p, size_t e)
{
#define K(x) {x, sizeof(x) - 1}
	static const struct
	{
		const char *s;
		size_t		n;
	}			kinds[] = {
		K("kindest "), K("kind "), K("best "), K("warmest "), K("warm "), {NULL, 0}
	};
#undef K
	size_t		q = p;

	if (q < e && s[q] == ',')
		q++;
	if (q + 2 <= e && s[q] == ' ' && s[q + 1] == '&')
		q += 2;
	else if (q + 4 <= e && strncasecmp((const char *) s + q, " and", 4) == 0)
		q += 4;
	else
		return p;
	if (q >= e || s[q] != ' ')
		return p;
	q++;
	for (int i = 0; kinds[i].s != NULL; i++)
	{
		size_t		n = kinds[i].n;

		if (q + n <= e && strncasecmp((const char *) s + q, kinds[i].s, n) == 0)
		{
			q += n;
			break;
		}
	}
	if (q + 7 <= e && strncasecmp((const char *) s + q, "regards", 7) == 0)
		q += 7;
	else if (q + 6 <= e && strncasecmp((const char *) s + q, "wishes", 6) == 0)
		q += 6;
	else
		return p;
	return (q < e && signoff_letter(s[q])) ? p : q;
}

static bool
signoff_at(const char *text, size_t len, size_t p, bool asked)
{
	const unsigned char *s = (const unsigned char *) text;
	size_t		e = len;
	int			names = 0;
	bool		advance = false;
	bool		found = false;
	bool		titled = false;
	bool		closed = false;	/* a closing joined to the thanks: "Thanks and regards" */
	bool		closing_only = false;	/* a closing formula, no thanks: "Best wishes" */
	bool		stacked = false;	/* a closing after the first formula: "Thanks,\nBest,\nSam" */
	size_t		stacked_at = 0;	/* where the first formula's part ends */
	size_t		closing;		/* the byte after it */
	int			join = 0;		/* 1: "and" or "&" read, 2: and a name after it */

	size_t		q = p;

	/* every formula starts with "t", "m", "c", "w", "b", "a" or "k" */
	if (p >= e || !memchr("tmcwbak", s[p] | 0x20, 7))
		return false;
	/* and something comes before it: what ends the sentence before, after any spaces */
	while (q > 0 && signoff_space(s[q - 1]))
		q--;
	if (q == 0)
		return false;
	while (e > p && (signoff_space(s[e - 1]) || s[e - 1] == '.' || s[e - 1] == '!' ||
					 (e >= p + 2 && signoff_nbsp(s, e - 2, e))))
		e -= (e >= p + 2 && signoff_nbsp(s, e - 2, e)) ? 2 : 1;
	if (e - p > 120)
		return false;
	for (int stack = 0;; stack++)
	{
		size_t		k;
		bool		closing_formula = false;

		found = false;
		for (int i = 0; signoff_formulas[i].s != NULL; i++)
		{
			size_t		n = signoff_formulas[i].n;

			/* a second formula is a closing: "Thanks,\nBest,\nSam", "Many thanks\nKind regards" */
			if ((stack == 0 || signoff_formulas[i].closing) &&
				p + n <= e && (s[p] | 0x20) == signoff_formulas[i].s[0] &&
				strncasecmp((const char *) s + p, signoff_formulas[i].s, n) == 0 &&
				(p + n == e || !signoff_letter(s[p + n])))
			{
				advance |= (strstr(signoff_formulas[i].s, "advance") != NULL);
				closing_formula = signoff_formulas[i].closing;
				p += n;
				found = true;
				break;
			}
		}
		if (!found && stack > 0)
		{
			p = stacked_at;		/* a name: "Thanks,\nBill" */
			break;
		}
		if (!found)
			return false;
		/* a closing's name comes after a comma or on a line of its own: "Best Service Ever!" is none */
		if (closing_formula)
		{
			k = p;
			while (k < e && (s[k] == ' ' || s[k] == '\t'))
				k++;
			/* a stacked one may end the text: "Thanks,\nBest wishes" */
			if (!(k < e && (s[k] == ',' || s[k] == '\n' || s[k] == '\r')) &&
				!(stack > 0 && k == e))
			{
				if (stack == 0)
					return false;
				/* no closing after all: "Thanks, Best Regards Team" */
				p = stacked_at;
				break;
			}
		}
		if (stack == 0)
			closing_only = closing_formula;
		else
			stacked = true;
		/* a joined closing, after "in advance" too; it needs no name */
		closing = signoff_closing(s, p, e);
		closed |= (closing != p);
		p = closing;
		/* "thanks in advance for your help": up to four small words */
		if (advance && p + 5 <= e && strncasecmp((const char *) s + p, " for ", 5) == 0)
		{
			int			small = 0;

			p += 4;
			while (p < e && s[p] == ' ' && small < 4)
			{
				size_t		w = p + 1;

				while (w < e && ((s[w] >= 'a' && s[w] <= 'z') || s[w] == '\''))
					w++;
				if (w == p + 1)
					break;
				small++;
				p = w;
			}
		}
		/* a comma; or a full stop or "!" ending the formula's own line, the name on the next ("Thanks!\nMarion") */
		if (p < e && s[p] == ',')
			p++;
		else if (p < e && (s[p] == '.' || s[p] == '!'))
		{
			size_t		nl;

			while (p < e && (s[p] == '.' || s[p] == '!'))
				p++;
			for (nl = p; nl < e && (s[nl] == ' ' || s[nl] == '\t'); nl++)
				;
			if (nl < e && s[nl] != '\n' && s[nl] != '\r')
				return false;
		}
		if (stack == 1)
			break;
		/* a closing stacked on it, after a space or a line break */
		for (k = p; k < e && (signoff_space(s[k]) || signoff_nbsp(s, k, e));)
			k += signoff_nbsp(s, k, e) ? 2 : 1;
		if (k == p || k >= e || !memchr("wbak", s[k] | 0x20, 4))
			break;
		stacked_at = p;
		p = k;
	}
	/*
	 * then the name: up to four words, each starting with a letter not in
	 * lower case (signoff_capital), two names joined once by "and" or "&"
	 * ("Thanks, Sam and Ellie")
	 */
	while (p < e)
	{
		size_t		w;

		if (!signoff_space(s[p]) && !signoff_nbsp(s, p, e))
			return false;
		while (p < e && (signoff_space(s[p]) || signoff_nbsp(s, p, e)))
			p += signoff_nbsp(s, p, e) ? 2 : 1;
		if (names > 0 && join == 0 &&
			((s[p] == '&' && p + 2 < e && (signoff_space(s[p + 1]) || signoff_nbsp(s, p + 1, e))) ||
			 (s[p] == 'a' && p + 4 < e && s[p + 1] == 'n' && s[p + 2] == 'd' &&
			  (signoff_space(s[p + 3]) || signoff_nbsp(s, p + 3, e)))))
		{
			p += (s[p] == '&') ? 1 : 3;
			join = 1;			/* a name must follow */
			continue;
		}
		if (p >= e || !signoff_capital(s, p, e))
			return false;
		if (join == 1)
			join = 2;
		for (w = p; w < e;)
		{
			if (signoff_letter(s[w]))
				w++;
			else if (w + 3 <= e && s[w] == 0xE2 && s[w + 1] == 0x80 && s[w + 2] == 0x99)
				w += 3;			/* a typographic apostrophe: "O’Brien" */
			else
				break;
		}
		/* words of thanks written in capitals are no name: "Thank You So Much" */
		if (signoff_not_name((const char *) s + p, w - p))
			return false;
		if (++names > 4)
			return false;
		/* a title ("Dr", "Dr.") wants a name after it ("Dr. Mensah") */
		titled = signoff_title(s + p, w - p);
		if (titled && w < e && s[w] == '.')
			w++;
		p = w;
	}
	if ((titled && !advance && !closed && !stacked) || join == 1)
		return false;
	/* a closing with a name closes whatever came before; without one, a closing alone is none */
	if ((closing_only || stacked) && names > 0)
		return true;
	if (closing_only)
		return false;
	closed |= stacked;
	/* thanks in advance closes a request; a name or a joined closing, a question or a request */
	return advance || ((names > 0 || closed) && (asked || signoff_request(text, q)));
}

/*
 * Could the last sentence b be a name that ends the sign-off a ("Thanks,\n
 * Marion", "Thanks, Mr. Kowalczyk")?  It starts with a capital, on a line
 * of its own or after a title; signoff_at reads the rest.
 */
static bool
name_after(const char *text, const Said *a, const Said *b)
{
	const unsigned char *s = (const unsigned char *) text;
	size_t		end = (size_t) a->start + a->len;

	if (end > b->start || !signoff_capital(s, b->start, (size_t) b->start + b->len))
		return false;
	if (b->start - end > 120)
		return false;
	for (size_t i = end; i < b->start; i++)
		if (s[i] == '\n' || s[i] == '\r')
			return true;
	/* "Mr." ends a's span: the letters before its full stop */
	if (end >= 2 && s[end - 1] == '.')
	{
		size_t		w = end - 1;

		while (w > a->start && signoff_letter(s[w - 1]))
			w--;
		return signoff_title(s + w, end - 1 - w);
	}
	return false;
}

/* Is the sentence a closing formula alone ("Best", "All the best!", "Kind regards,")? */
static bool
closing_line(const char *text, const Said *x)
{
	const unsigned char *s = (const unsigned char *) text + x->start;
	size_t		n = x->len;

	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == ',' || signoff_space(s[n - 1])))
		n--;
	for (int i = 0; signoff_formulas[i].s != NULL; i++)
		if (signoff_formulas[i].closing && signoff_formulas[i].n == n &&
			strncasecmp((const char *) s, signoff_formulas[i].s, n) == 0)
			return true;
	return false;
}

/*
 * After the last sentence: a sign-off's joy, gratitude and positive valence
 * keep signoff_keep of themselves when the valence before it is at most
 * signoff_praise (a question, a request, a complaint; "The repair was
 * perfect. Thanks, Val" keeps its thanks).  The name may be a sentence of
 * its own ("Thanks,\nMarion", "Thanks. Marion"): then the thanks is the
 * sentence before it.  True when it is one.
 */
static bool
sign_off(Run *r, const char *text, size_t len)
{
	const Said *said[3] = {&r->prev, NULL, NULL};
	const Said *earlier;
	bool		next;
	double		before = r->tot[EMP_CH_VALENCE];

	/*
	 * Every formula's thanks is gratitude, a closing's wishes joy: the last
	 * sentence has some, or the one with thanks or wishes before it, when
	 * the last is a name (with no more praise of its own than
	 * signoff_praise: "Awesome" is no name).
	 */
	if (said_warm(&r->prev) && r->prev.len && signoff_at(text, len, r->prev.start, r->asked))
	{
		earlier = &r->thanks;
		next = r->thanks_next;
	}
	else
	{
		/* (a closing alone on the last line is no praise: "Thanks,\nAll the best!") */
		if (!(said_warm(&r->thanks) && r->thanks.len && r->prev.len &&
			  (r->prev.pos[2] <= r->m->signoff_praise || closing_line(text, &r->prev)) &&
			  name_after(text, &r->thanks, &r->prev) &&
			  signoff_at(text, len, r->thanks.start, r->asked)))
			return false;
		said[1] = &r->thanks;
		earlier = &r->stack;
		next = r->stack_next;
	}
	/* a formula on the line before, stacked on this one: "Thanks,\nBest,\nSam" */
	if (next && said_warm(earlier) && earlier->len && signoff_at(text, len, earlier->start, r->asked))
		said[said[1] ? 2 : 1] = earlier;
	for (int k = 0; k < 3 && said[k] != NULL; k++)
		if (!(r->courteous && said[k]->start == r->early[r->first].start))
			before -= said[k]->pos[2];
	if (before > r->m->signoff_praise)
		return false;
	for (int k = 0; k < 3 && said[k] != NULL; k++)
	{
		/* (an opening courtesy's valence is unsaid already) */
		if (r->courteous && said[k]->start == r->early[r->first].start)
			continue;
		for (int i = 0; i < 3; i++)
		{
			if (said[k]->pos[i] > 0)
				emit(r, r->tot, said[k]->start, said[k]->len, 0, EMP_RULE_SIGNOFF, praise_chans[i],
					 (r->m->signoff_keep - 1.0) * said[k]->pos[i], false);
			/* and what capitals added to it, kept apart as the text's capitals are */
			if (said[k]->caps[i] > 0)
				emit(r, r->caps, said[k]->start, said[k]->len, 0, EMP_RULE_SIGNOFF, praise_chans[i],
					 (r->m->signoff_keep - 1.0) * said[k]->caps[i], true);
		}
	}
	return true;
}

/* Whether the n bytes at w are, case aside, one of list's words. */
static bool
word_in(const char *w, size_t n, const char *const *list)
{
	for (int k = 0; list[k]; k++)
		if ((w[0] | 0x20) == list[k][0] && strncasecmp(w, list[k], n) == 0 && list[k][n] == '\0')
			return true;
	return false;
}

/*
 * Terse praise after a complaint: a last sentence of at most three words,
 * one of them a word of praise and the others fillers ("Wonderful.",
 * "Brilliant work.", "Great job."), ending a text whose sentiment before it
 * (the evidence when the sentence opened, averaged over the words before it
 * as a text's is) is below sarcasm_below, is sarcasm: its praise is unsaid
 * as an eye roll's is.  Praise ending a text that is not negative before it
 * ("Arrived early. Brilliant."), thanks ("Still broken. Thanks."), and a
 * last sentence with any other word, a question, a number, an emoticon or
 * any character beyond ASCII ("Love it!", "Lol", "Great :)") are read as
 * written; so are a sign-off's name and a text in capitals (the caller
 * does not ask).  At most the last sentence's 48 bytes are read, once a
 * text.
 */
static void
terse_sarcasm(Run *r, const char *text)
{
	static const char *const praise[] = {
		"great", "wonderful", "brilliant", "lovely", "perfect", "fantastic", "marvellous", "marvelous",
		"superb", "excellent", "nice", "fab", "fabulous", "super", "awesome", "splendid", "terrific",
		"amazing", "genius", "outstanding", "impressive", "smashing", "cracking", "delightful", "charming",
		"classy", "stellar", "glorious", "bravo", NULL
	};
	static const char *const filler[] = {
		"just", "oh", "how", "really", "simply", "absolutely", "so", "one", "job", "work", "service",
		"stuff", "then", "very", "well", "done", "that's", "thats", "what", "a", "truly", "top", NULL
	};
	const Said *p = &r->prev;
	const EmpModel *m = r->m;
	double		ev[EMP_NCHANNELS];
	double		norm = 1.0;
	int			words = 0,
				praised = 0;
	uint32_t	i = p->start,
				e = p->start + p->len;

	/* three words of these lists and their spaces and stops fit in 48 bytes */
	if (p->len == 0 || p->len > 48 || !(p->pos[2] > 0) || p->start == 0 || m->sarcasm_below <= -1.0f)
		return;
	/* thanks ("Thanks!", "Cheers."): more gratitude than joy */
	if (p->pos[1] > p->pos[0])
		return;
	while (i < e)
	{
		uint32_t	w = i;

		while (w < e && (((text[w] | 0x20) >= 'a' && (text[w] | 0x20) <= 'z') || (w > i && text[w] == '\'')))
			w++;
		if (w == i)
		{
			/* spaces and stops only: not a question, a number, an emoticon or emoji */
			if (text[i] != ' ' && text[i] != '.' && text[i] != '!' && text[i] != ',')
				return;
			i++;
			continue;
		}
		if (++words > 3)
			return;
		if (word_in(text + i, w - i, praise))
			praised++;
		else if (!word_in(text + i, w - i, filler))
			return;
		i = w;
	}
	if (praised == 0)
		return;
	/* the sentiment of the text before the last sentence, as finish_scores reads a text */
	if (r->before_nwords > m->length_tokens && m->length_tokens > 0)
		norm = r->before_nwords / m->length_tokens;
	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
		ev[ch] = r->before[ch] / norm;
	if (tanh(sentiment_evidence(m, ev) / (m->sentiment_scale > 0 ? m->sentiment_scale : 1)) >= m->sarcasm_below)
		return;
	unsay_praise(r, p->pos, p->caps, p->start, p->len);
}

/*
 * An opening courtesy: a first sentence that only thanks for the contact
 * ("Thanks for the reply.", "Hi Sam, thanks for your email.", "Great,
 * thanks for the update."; or the second, after a greeting alone: "Hi
 * Sam,\nThanks for the reply."), followed by a complaint (text whose own
 * sentiment is below sarcasm_below, with more evidence of anger,
 * frustration, disappointment and disgust than of sadness and fear, or at
 * least a complaint phrase's worth of it, 1: "Still not working.", "I
 * tried that and it still won't turn on.", "Sadly it still does not
 * work."), does
 * not make the message positive: the sentence's positive valence, and what
 * its joy and gratitude add to the sentiment, keep signoff_keep of
 * themselves, as a sign-off's do.  Its gratitude stays an emotion the
 * message expresses ("Thanks for the reply. Still broken." is gratitude and
 * frustration, and negative).  The text after it is read without the
 * praise of a short warm sentence or two at its end, which the sign-off
 * and terse sarcasm rules read next ("... Still broken.\nThanks,\nSam",
 * "... Still broken. Great."), and those rules then read the text before
 * them without the courtesy's valence.  Bare thanks ("Thanks. Still
 * broken."), thanks that say what for ("Thanks for the refund.", "Thanks
 * for your help."), thanks before a text that is no complaint ("Thanks for
 * the reply. I'll try that tomorrow.", "Thank you for your email. Sadly my
 * mum passed away.") are read as written.  At most the first sentence's
 * 80 bytes are read, once a text.  Runs before the sign-off rule.
 */
static void __attribute__((noinline, cold))
opening_courtesy(Run *r, const char *text)
{
	static const int complaint[] = {EMP_ANGER, EMP_FRUSTRATION, EMP_DISAPPOINTMENT, EMP_DISGUST};
	const Said *p;
	const EmpModel *m = r->m;
	double		ev[EMP_NCHANNELS];
	double		norm = 1.0;
	double		complained = 0,
				distressed = 0;
	uint32_t	rest_words;
	uint32_t	i,
				e;
	bool		thanked = false,
				said_what = false;
	/* capitalised words after a greeting: a name ("Hello Mr. / Smith, thank you") */
	int			names = 0;
	const Said *tail[2] = {&r->prev, r->thanks_next ? &r->thanks : NULL};

	/* the first sentence, or the second after a greeting alone ("Hi Sam,") */
	if (r->early[0].pos[1] > 0)
		r->first = 0;
	else if (r->nsaid >= 3 && r->early[1].pos[1] > 0 && greeting_alone(text, &r->early[0]))
	{
		r->first = 1;
		names = 2;				/* "Hello Mr. / Smith, thank you for your email." */
	}
	else
		return;
	p = &r->early[r->first];
	rest_words = r->nwords - r->early_nwords[r->first];
	i = p->start;
	e = p->start + p->len;
	if (p->len == 0 || p->len > 80 || rest_words == 0 || m->signoff_keep >= 1.0f)
		return;
	while (i < e)
	{
		uint32_t	w = i;

		while (w < e && (((text[w] | 0x20) >= 'a' && (text[w] | 0x20) <= 'z') ||
						 (w > i && (text[w] == '\'' || text[w] == '-'))))
			w++;
		if (w == i)
		{
			/* spaces and stops only: no question, number, emoticon or emoji */
			if (text[i] != ' ' && text[i] != '.' && text[i] != '!' && text[i] != ',')
				return;
			i++;
			continue;
		}
		switch (courtesy_word(text + i, w - i))
		{
			case CW_THANKS:
				thanked = true;
				break;
			case CW_CONTACT:
				said_what = true;
				names = 0;
				break;
			case CW_GREETING:
				names = 2;
				break;
			case CW_OTHER:
				names = 0;
				break;
			case CW_NONE:
				/* a name after a greeting: "Hi Sarah, thanks for your email." */
				if (names == 0 || text[i] < 'A' || text[i] > 'Z')
					return;
				names--;
				break;
		}
		i = w;
	}
	if (!thanked || !said_what)
		return;
	/* the text after it, as finish_scores reads a text: a complaint */
	if (rest_words > m->length_tokens && m->length_tokens > 0)
		norm = rest_words / m->length_tokens;
	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
		ev[ch] = r->tot[ch] + r->caps[ch] - r->early_tot[r->first][ch];
	/*
	 * less the praise of a short warm sentence or two at its end, which
	 * the sign-off and terse sarcasm rules read after this one: "...
	 * Still broken.\nThanks,\nSam", "... Still broken. Great."
	 */
	for (int k = 0; k < 2; k++)
		if (tail[k] && tail[k]->len <= 48 && tail[k]->start > p->start)
			for (int i = 0; i < 3; i++)
			{
				ev[praise_chans[i]] -= tail[k]->pos[i] > 0 ? tail[k]->pos[i] : 0;
				ev[praise_chans[i]] -= tail[k]->caps[i] > 0 ? tail[k]->caps[i] : 0;
			}
	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
		ev[ch] /= norm;
	for (int k = 0; k < 4; k++)
		complained += ev[complaint[k]] > 0 ? ev[complaint[k]] : 0;
	distressed = (ev[EMP_SADNESS] > 0 ? ev[EMP_SADNESS] : 0) + (ev[EMP_FEAR] > 0 ? ev[EMP_FEAR] : 0);
	/* (sad news has little of it: "Sadly my mum passed away") */
	if ((complained <= distressed && complained < 1.0) ||
		tanh(sentiment_evidence(m, ev) / (m->sentiment_scale > 0 ? m->sentiment_scale : 1)) >= m->sarcasm_below)
		return;
	/* its positive valence, and what its joy and gratitude add to the sentiment */
	for (int part = 0; part < 2; part++)
	{
		const double *v = part ? p->caps : p->pos;
		double		sum = 0;

		for (int k = 0; k < 3; k++)
			if (v[k] > 0)
				sum += (praise_chans[k] == EMP_CH_VALENCE ? 1.0 : m->valence_from[praise_chans[k]]) * v[k];
		emit(r, part ? r->caps : r->tot, p->start, p->len, 0, EMP_RULE_COURTESY, EMP_CH_VALENCE,
			 (m->signoff_keep - 1.0) * sum, part == 1);
		/* and from the text before the last sentence, as terse sarcasm reads it */
		r->before[EMP_CH_VALENCE] += (m->signoff_keep - 1.0) * sum;
	}
	r->courteous = true;
}

/* Score a text: the scores in want, explanation rows to fn, tokens to tokfn. */
static void
score_text(EmpScorer *sc, const char *text, size_t len, unsigned want, EmpScores *out,
		   EmpExplainFn fn, void *arg, EmpTokenFn tokfn, void *tokarg)
{
	Run			r;
	EmpWalker	w;
	EmpSlot    *s;
	bool		all_caps;
	bool		signed_off;
	double		lnorm;

	emp_clear_bytes(&r, RUN_CLEARED);
	r.sc = sc;
	r.text = text;
	r.m = &sc->model;
	r.lh = (const EmpLexiconHead *) sc->lx;
	r.explain = (fn != NULL);
	r.boost = 1.0f;
	/* a buffer left large by an explain that was cancelled */
	emp_scorer_trim(sc);
	emp_clear_bytes(out, sizeof(*out));

	emp_walker_init(&w, sc->lx, sc->tz, text, len);
	if (tokfn)
		emp_walker_set_token_fn(&w, tokfn, tokarg);
	while ((s = emp_walker_next(&w)) != NULL)
	{
		if (s->kind == EMP_TOK_PUNCT || s->kind == EMP_TOK_BREAK)
			on_punct(&r, s);
		else if (!plain_word(&r, s))
		{
			on_term(&r, s);

			/*
			 * A phrase's other slots are read here, not tested for in the
			 * loop: once its first slot is handed out, no phrase accepted
			 * later covers them otherwise (see accept_phrase), so the
			 * next phrase_slots - 1 slots are its own.  A phrase that ends
			 * in "not" or "never" ("wasn't", "still has not") carries the
			 * negation on: "I wasn't happy".
			 */
			if (s->phrase)
			{
				for (int k = s->phrase_slots - 1; k > 0 && (s = emp_walker_next(&w)) != NULL; k--)
				{
					if (k == 1 && (s->tflags & EMP_TERM_NEGATOR) && ends_in_not(text, s))
						r.neg_left = (int) r.m->negation_scope;
					/* its words count toward the text's capitals as a word's do */
					if (s->kind == EMP_TOK_WORD && s->part == 0)
						count_cased(&r, s);
				}
				if (s == NULL)
					break;
			}
		}
	}
	close_sentence(&r, NULL);
	if (__builtin_expect(r.nsaid >= 2, 0))
		opening_courtesy(&r, text);
	signed_off = r.m->signoff_keep < 1.0f && sign_off(&r, text, len);

	/* the whole text shouted: one cue for the text instead of per word */
	all_caps = r.ncaps >= 2 && r.ncaps * 10 >= r.ncased * 8;
	/* (a sign-off's praise is gone already; a text in capitals keeps its own) */
	if (!signed_off && !all_caps)
		terse_sarcasm(&r, text);
	if (all_caps)
	{
		for (int ch = 0; ch < EMP_NCHANNELS; ch++)
			emit(&r, r.tot, 0, (uint32_t) len, 0, EMP_RULE_SHOUTING, ch, r.m->cue_caps[ch] * r.m->caps_max_words, false);
	}
	/* an explanation shares every score out */
	finish_scores(&r, out, all_caps, fn ? EMP_WANT_ALL : want, &lnorm);
	if (fn)
	{
		explain_rows(&r, out, all_caps, lnorm, fn, arg);
		release_large_events(sc);
	}
	emp_tokenizer_trim(sc->tz);
}

void
emp_score(EmpScorer *sc, const char *text, size_t len, EmpScores *out,
		  EmpExplainFn fn, void *arg)
{
	score_text(sc, text, len, EMP_WANT_ALL, out, fn, arg, NULL, NULL);
}

void
emp_score_some(EmpScorer *sc, const char *text, size_t len, unsigned want, EmpScores *out,
			   EmpTokenFn tokfn, void *tokarg)
{
	score_text(sc, text, len, want, out, NULL, NULL, tokfn, tokarg);
}

/* Fill dims with the labelled dimensions, strongest (relative to threshold) first. */
int
emp_labels(const EmpScorer *sc, const EmpScores *s, int *dims)
{
	int			n = 0;

	for (int d = 0; d < EMP_NDIMS; d++)
	{
		if (s->dims[d] > 0 && s->dims[d] >= sc->model.threshold[d])
		{
			int			i = n++;
			double		rel = s->dims[d] / (sc->model.threshold[d] > 0 ? sc->model.threshold[d] : 1);

			while (i > 0)
			{
				int			o = dims[i - 1];
				double		orel = s->dims[o] / (sc->model.threshold[o] > 0 ? sc->model.threshold[o] : 1);

				if (orel >= rel)
					break;
				dims[i] = o;
				i--;
			}
			dims[i] = d;
		}
	}
	return n;
}

int
emp_dominant(const EmpScorer *sc, const EmpScores *s)
{
	int			dims[EMP_NDIMS];

	return emp_labels(sc, s, dims) > 0 ? dims[0] : -1;
}
