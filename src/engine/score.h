/*-------------------------------------------------------------------------
 *
 * score.h
 *	  Emotion and sentiment scoring: rules over lexicon evidence.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_SCORE_H
#define EMPATHY_SCORE_H

#include "lexicon.h"

/* Rules, as reported by explain. */
typedef enum EmpRule
{
	EMP_RULE_LEXICON = 0,
	EMP_RULE_PHRASE,
	EMP_RULE_NEGATION,
	EMP_RULE_BOOSTER,
	EMP_RULE_DAMPENER,
	EMP_RULE_CONTRAST,
	EMP_RULE_ALLCAPS,
	EMP_RULE_PUNCT_RUN,
	EMP_RULE_ELONGATION,
	EMP_RULE_EMOJI,
	EMP_RULE_EMOTICON,
	EMP_RULE_SHOUTING,
	EMP_RULE_SENTENCE_FLOOR,
	EMP_RULE_SARCASM,
	EMP_RULE_QUESTION,
	EMP_RULE_SIGNOFF,
	EMP_RULE_COURTESY,
	EMP_NRULES
} EmpRule;

extern const char *const emp_rule_names[EMP_NRULES];

/*
 * The most a run of boosters multiplies a word's evidence by: the largest
 * factor one booster may have.  ("extremely" three hundred times over
 * would otherwise overflow to infinity, and infinities of both signs
 * make NaN scores.)
 */
#define EMP_BOOST_MAX		10.0f

/* Tunable constants of the scoring model (data/builtin/model.tsv). */
typedef struct EmpModel
{
	float		bias[EMP_NDIMS];		/* logistic base rate per dimension */
	float		threshold[EMP_NDIMS];	/* label threshold on the 0..1 score */
	float		sentiment_scale;		/* sentiment = tanh(evidence / scale) */
	float		sentiment_threshold;	/* |sentiment| below this is neutral */
	float		length_tokens;			/* evidence is averaged beyond this many words */
	float		sentence_floor;			/* > 0: a sentence lowers an emotion's evidence by at most this */
	float		strong_cue;				/* a term's own weight on an emotion of at least this is a strong cue */
	float		strong_cue_keep;		/* > 0: a sentence keeps at least this share of its strongest cue */
	float		expletive_positive;		/* an expletive's own feeling is dropped before a cue at least this
										 * positive; a booster's leaning this far, before a cue leaning
										 * as far the other way */
	float		negation_scope;			/* words a negator reaches */
	float		negation_valence;		/* multiplier on negated valence */
	float		negation_emotion;		/* multiplier on negated emotion evidence */
	float		caps_factor;
	float		elongation_factor;
	float		contrast_before;
	float		contrast_after;
	float		exclaim_step;			/* amplification per '!' */
	float		exclaim_max;			/* '!' counted at most */
	float		question_step;
	float		question_keep;			/* share of a plain question's joy, gratitude
										 * and positive valence kept */
	float		signoff_keep;			/* share of a sign-off's ("Thanks, Marion") joy,
										 * gratitude and positive valence kept */
	float		signoff_praise;			/* ... when the valence before it is at most this */
	float		sarcasm_below;			/* terse praise ending a text whose sentiment
										 * before it is below this is sarcasm */
	float		caps_max_words;			/* caps cue counted for at most this many words */
	float		intensity_scale;
	float		escalation_scale;
	float		escalation_from[EMP_NCHANNELS];	/* weight of each channel's evidence in escalation */
	float		valence_from[EMP_NDIMS];	/* weight of each emotion's evidence in sentiment */
	float		escalation_caps;		/* per shouted word */
	float		escalation_exclaim;		/* per '!!' run */
	/* evidence of the cues themselves, per channel */
	float		cue_exclaim[EMP_NCHANNELS];		/* "!!" and longer */
	float		cue_question[EMP_NCHANNELS];	/* "??" and longer */
	float		cue_interrobang[EMP_NCHANNELS]; /* "?!" */
	float		cue_caps[EMP_NCHANNELS];		/* a shouted word */
} EmpModel;

extern void emp_model_defaults(EmpModel *m);
/* Load "name<TAB>value" lines over the current values. */
extern bool emp_model_load(EmpModel *m, const char *data, size_t len, const char *source, EmpError *err);
/* Set one parameter by name ("bias.anger", "caps_factor", "cue_caps.anger"...). */
extern bool emp_model_set(EmpModel *m, const char *name, size_t len, double value, EmpError *err);

typedef struct EmpScores
{
	float		dims[EMP_NDIMS];	/* 0..1 */
	float		sentiment;			/* -1..1 */
	float		intensity;			/* 0..1 */
	float		escalation;			/* 0..1 */
	float		evidence[EMP_NCHANNELS];	/* after length normalisation */
	uint32_t	nwords;
} EmpScores;

typedef struct EmpExplainRow
{
	uint32_t	start;			/* byte span of the token or phrase */
	uint32_t	len;
	int32_t		term;			/* term id, 0 for a cue with no term */
	EmpRule		rule;
	int			channel;		/* EmpDim, EMP_CH_VALENCE or EMP_CH_ESCALATION */
	float		weight;			/* evidence this row added */
	float		contribution;	/* its share of the final score */
} EmpExplainRow;

typedef void (*EmpExplainFn) (void *arg, const EmpExplainRow *row);

typedef struct EmpScorer
{
	EmpLexicon *lx;
	EmpModel	model;
	EmpTokenizer *tz;
	EmpAllocator *a;
	/* explain-mode event buffer, reused */
	EmpExplainRow *events;
	size_t		nevents;
	size_t		eventcap;
	uint8_t    *event_caps;		/* 1 = dropped if the whole text is in capitals */
	double		base_rate[EMP_NDIMS];	/* logistic(bias) per dimension, from the model */
	double		negation[EMP_NCHANNELS];	/* a negated word's evidence multiplier per channel */
} EmpScorer;

extern EmpScorer *emp_scorer_create(EmpAllocator *a, EmpLexicon *lx, const EmpModel *model);

/*
 * Score a text.  If fn is given, explain rows are passed to it after
 * scoring (their contributions add up to each dimension's score and to the
 * sentiment).
 */
/* Release what a call left large (an explain's rows), as the next call would. */
extern void emp_scorer_trim(EmpScorer *sc);
extern void emp_score(EmpScorer *sc, const char *text, size_t len, EmpScores *out,
					  EmpExplainFn fn, void *arg);

/*
 * The scores a caller needs (emp_score_some): the others are left 0.  The
 * emotions cost a logistic curve per dimension with evidence at the end of
 * the text (up to ten calls of exp()), the sentiment a tanh, intensity and
 * escalation an exp each; the evidence is the same whatever is wanted.
 */
#define EMP_WANT_DIMS		0x01	/* dims[] (labels, dominant emotion) */
#define EMP_WANT_SENTIMENT	0x02
#define EMP_WANT_INTENSITY	0x04
#define EMP_WANT_ESCALATION	0x08
#define EMP_WANT_ALL		0x0F

/*
 * emp_score without explanation, computing only the scores in want; tokfn
 * (if not NULL) sees every token of the text as it is read, so that a
 * caller that needs the tokens as well as the scores reads the text once.
 */
extern void emp_score_some(EmpScorer *sc, const char *text, size_t len, unsigned want,
						   EmpScores *out, EmpTokenFn tokfn, void *tokarg);

/* Emotion labels: dimensions at or above their threshold, strongest first. */
extern int	emp_labels(const EmpScorer *sc, const EmpScores *s, int *dims);

/* The dominant emotion's dimension, or -1 for neutral. */
extern int	emp_dominant(const EmpScorer *sc, const EmpScores *s);

#endif							/* EMPATHY_SCORE_H */
