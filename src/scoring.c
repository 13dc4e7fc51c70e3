/*-------------------------------------------------------------------------
 *
 * scoring.c
 *	  SQL functions that score text: sentiment, emotions, emotion_labels,
 *	  dominant_emotion, escalation_risk and explain.
 *
 * Each comes in two forms, the way to_tsvector does: f(text) uses the
 * built-in 'english' configuration, compiled into the library, and is
 * IMMUTABLE; f(config text, text) uses a named configuration, which may
 * read user terms from empathy.config_terms, and is STABLE.  The scorer of
 * a named configuration is cached per call site (fn_extra) and per backend
 * (see config.c).
 *
 *-------------------------------------------------------------------------
 */
#include "empathy.h"
#include "emp_config.h"
#include "emp_types.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include <math.h>

/* Score a text argument with a scorer: the scores in want (EMP_WANT_*). */
static void
score_text(EmpScorer *sc, text *t, unsigned want, EmpScores *out)
{
	size_t		len;
	char	   *u = empathy_text_to_utf8(t, &len);

	emp_score_some(sc, u, len, want, out, NULL, NULL);
}

/* Return the scorer for the one- or two-argument form. */
static inline EmpScorer *
scorer_for(FunctionCallInfo fcinfo, bool with_config)
{
	return with_config ? empathy_config_scorer_cached(fcinfo, PG_GETARG_TEXT_PP(0))
		: empathy_builtin_scorer();
}

#define TEXT_ARG(with_config)	PG_GETARG_TEXT_PP((with_config) ? 1 : 0)

/* Return the labels of scores as a text[] (empty for neutral). */
static ArrayType *
labels_array(const EmpScorer *sc, const EmpScores *s)
{
	int			dims[EMP_NDIMS];
	const char *names[EMP_NDIMS];
	int			n = emp_labels(sc, s, dims);

	for (int i = 0; i < n; i++)
		names[i] = emp_dim_names[dims[i]];
	return empathy_names_array(names, n);
}

/* Return the dominant emotion's name, or "neutral". */
static text *
dominant_text(const EmpScorer *sc, const EmpScores *s)
{
	int			d = emp_dominant(sc, s);

	return cstring_to_text(d >= 0 ? emp_dim_names[d] : "neutral");
}

/* Scores of a stored profile, for labelling it with the built-in thresholds. */
static void
scores_from_profile(const Emotions *e, EmpScores *s)
{
	memset(s, 0, sizeof(*s));
	for (int d = 0; d < EMP_NDIMS; d++)
		s->dims[d] = e->v[d];
	s->sentiment = e->v[EMOTIONS_SENTIMENT];
	s->intensity = e->v[EMOTIONS_INTENSITY];
}

static Datum
sentiment_common(FunctionCallInfo fcinfo, bool cfg)
{
	EmpScores	s;

	score_text(scorer_for(fcinfo, cfg), TEXT_ARG(cfg), EMP_WANT_SENTIMENT, &s);
	PG_RETURN_FLOAT8((double) s.sentiment);
}

PG_FUNCTION_INFO_V1(sentiment);
/* Return the sentiment of a text, -1 .. 1. */
Datum
sentiment(PG_FUNCTION_ARGS)
{
	return sentiment_common(fcinfo, false);
}

PG_FUNCTION_INFO_V1(sentiment_cfg);
Datum
sentiment_cfg(PG_FUNCTION_ARGS)
{
	return sentiment_common(fcinfo, true);
}

static Datum
emotions_common(FunctionCallInfo fcinfo, bool cfg)
{
	EmpScores	s;
	Emotions   *e = palloc(sizeof(Emotions));

	score_text(scorer_for(fcinfo, cfg), TEXT_ARG(cfg), EMP_WANT_DIMS | EMP_WANT_SENTIMENT | EMP_WANT_INTENSITY, &s);
	emotions_from_scores(e, &s);
	PG_RETURN_POINTER(e);
}

PG_FUNCTION_INFO_V1(emotions_of_text);
/* Return the emotion profile of a text. */
Datum
emotions_of_text(PG_FUNCTION_ARGS)
{
	return emotions_common(fcinfo, false);
}

PG_FUNCTION_INFO_V1(emotions_of_text_cfg);
Datum
emotions_of_text_cfg(PG_FUNCTION_ARGS)
{
	return emotions_common(fcinfo, true);
}

static Datum
labels_common(FunctionCallInfo fcinfo, bool cfg)
{
	EmpScores	s;
	EmpScorer  *sc = scorer_for(fcinfo, cfg);

	score_text(sc, TEXT_ARG(cfg), EMP_WANT_DIMS, &s);
	PG_RETURN_ARRAYTYPE_P(labels_array(sc, &s));
}

PG_FUNCTION_INFO_V1(emotion_labels);
/* Return the emotions a text expresses. */
Datum
emotion_labels(PG_FUNCTION_ARGS)
{
	return labels_common(fcinfo, false);
}

PG_FUNCTION_INFO_V1(emotion_labels_cfg);
Datum
emotion_labels_cfg(PG_FUNCTION_ARGS)
{
	return labels_common(fcinfo, true);
}

/*
 * A stored profile's scores into s (the argument after the configuration,
 * with one), and the scorer whose thresholds read them: the built-in one,
 * or the named configuration's.
 */
static EmpScorer *
profile_arg(FunctionCallInfo fcinfo, bool cfg, EmpScores *s)
{
	EmpScorer  *sc = scorer_for(fcinfo, cfg);

	scores_from_profile(PG_GETARG_EMOTIONS_P(cfg ? 1 : 0), s);
	return sc;
}

PG_FUNCTION_INFO_V1(emotion_labels_of);
/* Return the labels of a stored profile (built-in thresholds). */
Datum
emotion_labels_of(PG_FUNCTION_ARGS)
{
	EmpScores	s;
	EmpScorer  *sc = profile_arg(fcinfo, false, &s);

	PG_RETURN_ARRAYTYPE_P(labels_array(sc, &s));
}

PG_FUNCTION_INFO_V1(emotion_labels_of_cfg);
/* The labels of a stored profile under a named configuration's thresholds. */
Datum
emotion_labels_of_cfg(PG_FUNCTION_ARGS)
{
	EmpScores	s;
	EmpScorer  *sc = profile_arg(fcinfo, true, &s);

	PG_RETURN_ARRAYTYPE_P(labels_array(sc, &s));
}

static Datum
dominant_common(FunctionCallInfo fcinfo, bool cfg)
{
	EmpScores	s;
	EmpScorer  *sc = scorer_for(fcinfo, cfg);

	score_text(sc, TEXT_ARG(cfg), EMP_WANT_DIMS, &s);
	PG_RETURN_TEXT_P(dominant_text(sc, &s));
}

PG_FUNCTION_INFO_V1(dominant_emotion);
/* Return the strongest emotion of a text, or 'neutral'. */
Datum
dominant_emotion(PG_FUNCTION_ARGS)
{
	return dominant_common(fcinfo, false);
}

PG_FUNCTION_INFO_V1(dominant_emotion_cfg);
Datum
dominant_emotion_cfg(PG_FUNCTION_ARGS)
{
	return dominant_common(fcinfo, true);
}

PG_FUNCTION_INFO_V1(dominant_emotion_of);
/* Return the dominant emotion of a stored profile. */
Datum
dominant_emotion_of(PG_FUNCTION_ARGS)
{
	EmpScores	s;
	EmpScorer  *sc = profile_arg(fcinfo, false, &s);

	PG_RETURN_TEXT_P(dominant_text(sc, &s));
}

PG_FUNCTION_INFO_V1(dominant_emotion_of_cfg);
/* The strongest emotion of a stored profile under a named configuration's thresholds. */
Datum
dominant_emotion_of_cfg(PG_FUNCTION_ARGS)
{
	EmpScores	s;
	EmpScorer  *sc = profile_arg(fcinfo, true, &s);

	PG_RETURN_TEXT_P(dominant_text(sc, &s));
}

static Datum
escalation_common(FunctionCallInfo fcinfo, bool cfg)
{
	EmpScores	s;

	score_text(scorer_for(fcinfo, cfg), TEXT_ARG(cfg), EMP_WANT_ESCALATION, &s);
	PG_RETURN_FLOAT8((double) s.escalation);
}

PG_FUNCTION_INFO_V1(escalation_risk);
/* Return the risk that a customer message escalates, 0 .. 1. */
Datum
escalation_risk(PG_FUNCTION_ARGS)
{
	return escalation_common(fcinfo, false);
}

PG_FUNCTION_INFO_V1(escalation_risk_cfg);
Datum
escalation_risk_cfg(PG_FUNCTION_ARGS)
{
	return escalation_common(fcinfo, true);
}

/* ---------------------------------------------------------------- explain */

typedef struct ExplainState
{
	Tuplestorestate *store;
	TupleDesc	desc;
	const char *text;			/* UTF-8 */
	size_t		textlen;
	uint32		cached_byte;	/* byte offset whose character position is known */
	long		cached_char;
	uint64		nrows;			/* rows added (see explain_row) */
	MemoryContext rowcxt;		/* the current row's datums */
} ExplainState;

/* Return the 1-based character position of a byte offset. */
static long
char_position(ExplainState *st, uint32 byteoff)
{
	if (byteoff >= st->cached_byte)
		st->cached_char += empathy_char_count(st->text + st->cached_byte, byteoff - st->cached_byte);
	else
		st->cached_char -= empathy_char_count(st->text + byteoff, st->cached_byte - byteoff);
	st->cached_byte = byteoff;
	return st->cached_char + 1;
}

/* Add one explain row to the result. */
static void
explain_row(void *arg, const EmpExplainRow *row)
{
	ExplainState *st = (ExplainState *) arg;
	Datum		values[6];
	bool		nulls[6] = {0};
	MemoryContext old = MemoryContextSwitchTo(st->rowcxt);

	if (row->rule == EMP_RULE_SHOUTING)
	{
		nulls[0] = true;
		nulls[1] = true;
	}
	else
	{
		values[0] = PointerGetDatum(empathy_utf8_to_text(st->text + row->start, row->len));
		values[1] = Int32GetDatum((int32) char_position(st, row->start));
	}
	values[2] = CStringGetTextDatum(emp_rule_names[row->rule]);
	values[3] = CStringGetTextDatum(emp_dim_names[row->channel]);
	/* (+ 0.0: a zero is shown as 0, never -0) */
	values[4] = Float8GetDatum((double) row->weight + 0.0);
	values[5] = Float8GetDatum((double) row->contribution + 0.0);
	MemoryContextSwitchTo(old);
	tuplestore_putvalues(st->store, st->desc, values, nulls);
	MemoryContextReset(st->rowcxt);
	/* every 1024 rows, and after every row that copied a long token */
	if ((++st->nrows & 0x3FF) == 0 || row->len >= 65536)
		CHECK_FOR_INTERRUPTS();
}

static Datum
explain_common(FunctionCallInfo fcinfo, bool cfg)
{
	EmpScorer  *sc = scorer_for(fcinfo, cfg);
	text	   *t = TEXT_ARG(cfg);
	ExplainState st;
	EmpScores	s;

	st.store = empathy_begin_srf(fcinfo, "explain", &st.desc);

	st.text = empathy_text_to_utf8(t, &st.textlen);
	st.cached_byte = 0;
	st.cached_char = 0;
	st.nrows = 0;
	st.rowcxt = empathy_row_context();
	/* a cancelled explain of a long text leaves no large buffer in the kept scorer */
	PG_TRY();
	{
		emp_score(sc, st.text, st.textlen, &s, explain_row, &st);
	}
	PG_FINALLY();
	{
		emp_scorer_trim(sc);
	}
	PG_END_TRY();
	MemoryContextDelete(st.rowcxt);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(explain);
/* Return the rows that explain a text's scores. */
Datum
explain(PG_FUNCTION_ARGS)
{
	return explain_common(fcinfo, false);
}

PG_FUNCTION_INFO_V1(explain_cfg);
Datum
explain_cfg(PG_FUNCTION_ARGS)
{
	return explain_common(fcinfo, true);
}

/*
 * The built-in neutral band as the decimal it is written as in the model
 * (0.40), not as its float4 (0.4000000059604645); worked out once per
 * backend, as the built-in model does not change.
 */
static float8
builtin_threshold(void)
{
	static float8 t = -1;

	if (t < 0)
	{
		char		buf[32];

		snprintf(buf, sizeof(buf), "%.7g", (double) empathy_builtin_scorer()->model.sentiment_threshold);
		t = strtod(buf, NULL);
	}
	return t;
}

PG_FUNCTION_INFO_V1(sentiment_label);
/*
 * Return 'positive', 'negative' or 'neutral' for a sentiment value, using
 * the built-in model's neutral band (its stated threshold).
 */
Datum
sentiment_label(PG_FUNCTION_ARGS)
{
	float8		s = PG_GETARG_FLOAT8(0);
	float8		t = builtin_threshold();

	if (isnan(s))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sentiment value must not be NaN")));
	PG_RETURN_TEXT_P(cstring_to_text(s >= t ? "positive" : s <= -t ? "negative" : "neutral"));
}

PG_FUNCTION_INFO_V1(sentiment_threshold);
/* Return the built-in model's neutral band: |sentiment| below it is neutral. */
Datum
sentiment_threshold(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(builtin_threshold());
}
