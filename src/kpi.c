/*-------------------------------------------------------------------------
 *
 * kpi.c
 *	  Survey and rate aggregates for customer-service dashboards: NPS, CSAT,
 *	  CES, and the share of true values of any boolean with its Wilson score
 *	  interval.
 *
 * Every aggregate keeps a plain array as its state (int8[], or float8[] for
 * rate_ci) and has a combine function, so that it runs in parallel plans,
 * is pushed down by postgres_fdw and is distributed by Citus, none of which
 * handle an "internal" state without extra machinery.  State layouts (slot:
 * meaning):
 *
 *	  nps	  int8[3]	  0 answers, 1 promoters (9-10), 2 detractors (0-6)
 *	  csat	  int8[4]	  0 answers, 1 satisfied (>= good_from), 2 scale,
 *						  3 good_from
 *	  ces	  int8[5]	  0 answers, 1 sum of scores, 2 agreeing answers,
 *						  3 scale, 4 mode (1 mean, 2 agree)
 *	  rate	  int8[2]	  0 non-null values, 1 true values
 *	  rate_ci float8[3]	  0 non-null values, 1 true values, 2 confidence
 *
 * Definition slots (scale, good_from, mode, confidence) are 0 until the
 * first counted row sets them; every later row, and every state combined
 * with this one, must carry the same definition, otherwise the aggregate
 * raises an error rather than mixing two definitions in one number.
 *
 * When called as an aggregate (AggCheckCallContext), the transition and
 * combine functions update the state array in place: it lives in the
 * aggregate's memory context and belongs to it alone, so no copy per row is
 * needed (PostgreSQL's float8_accum does the same).  Called directly from
 * SQL they work on a copy.  Final functions only read the state, because a
 * window aggregate may call them many times on the same state.
 *
 * A state array can also be typed by hand into a direct call of a support
 * function, so each function checks the shape and the counts of the arrays
 * it receives and reports a bad one as an error.
 *
 *-------------------------------------------------------------------------
 */
#include "empathy.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "common/shortest_dec.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

/* Bounds of the survey scales. */
#define EMPATHY_NPS_MIN			0
#define EMPATHY_NPS_MAX			10
#define EMPATHY_SCALE_MIN		2
#define EMPATHY_SCALE_MAX		100
#define EMPATHY_CSAT_SCALE		5
#define EMPATHY_CES_SCALE		7

/* CES modes as stored in the state. */
#define EMPATHY_CES_MEAN		1
#define EMPATHY_CES_AGREE		2

/* Slots of the state arrays. */
#define NPS_N		0
#define NPS_PROMOTERS 1
#define NPS_DETRACTORS 2
#define NPS_SLOTS	3

#define CSAT_N		0
#define CSAT_GOOD	1
#define CSAT_SCALE	2
#define CSAT_GOOD_FROM 3
#define CSAT_SLOTS	4

#define CES_N		0
#define CES_SUM		1
#define CES_AGREE	2
#define CES_SCALE	3
#define CES_MODE	4
#define CES_SLOTS	5

#define RATE_N		0
#define RATE_TRUE	1
#define RATE_SLOTS	2

#define RATE_CI_N	0
#define RATE_CI_TRUE 1
#define RATE_CI_CONFIDENCE 2
#define RATE_CI_SLOTS 3

/* Counts in a float8 state stay exact up to 2^53. */
#define EMPATHY_FLOAT_COUNT_MAX	9007199254740992.0

PG_FUNCTION_INFO_V1(nps_accum);
PG_FUNCTION_INFO_V1(nps_combine);
PG_FUNCTION_INFO_V1(nps_final);
PG_FUNCTION_INFO_V1(csat_accum);
PG_FUNCTION_INFO_V1(csat_combine);
PG_FUNCTION_INFO_V1(csat_final);
PG_FUNCTION_INFO_V1(ces_accum);
PG_FUNCTION_INFO_V1(ces_combine);
PG_FUNCTION_INFO_V1(ces_final);
PG_FUNCTION_INFO_V1(rate_accum);
PG_FUNCTION_INFO_V1(rate_combine);
PG_FUNCTION_INFO_V1(rate_final);
PG_FUNCTION_INFO_V1(rate_ci_accum);
PG_FUNCTION_INFO_V1(rate_ci_combine);
PG_FUNCTION_INFO_V1(rate_ci_final);

/* Report a state array that no aggregate of ours could have produced. */
static void
invalid_state(const char *fn, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: invalid state array", fn),
			 errdetail("%s", why),
			 errhint("State arrays are produced by the aggregate itself; do not build them by hand.")));
}

/* Check the shape of a state array and return its elements. */
static void *
state_values(ArrayType *state, Oid elemtype, int slots, const char *fn)
{
	if (ARR_NDIM(state) != 1 || ARR_HASNULL(state) ||
		ARR_ELEMTYPE(state) != elemtype || ARR_DIMS(state)[0] != slots)
		invalid_state(fn, psprintf("The state must be a one-dimensional array of %d %s values without nulls.",
								   slots, elemtype == INT8OID ? "bigint" : "double precision"));
	return ARR_DATA_PTR(state);
}

/*
 * Return the state argument ready to be updated: the aggregate's own array
 * when called as an aggregate, a private copy otherwise.
 */
static ArrayType *
state_for_update(FunctionCallInfo fcinfo)
{
	if (AggCheckCallContext(fcinfo, NULL))
		return PG_GETARG_ARRAYTYPE_P(0);
	return PG_GETARG_ARRAYTYPE_P_COPY(0);
}

/* Check that a count lies in 0..limit. */
static void
check_count(int64 v, int64 limit, const char *fn)
{
	if (v < 0 || v > limit)
		invalid_state(fn, "A count is negative or larger than the number of answers.");
}

/* Add two counts, raising an error on overflow. */
static int64
add_count(int64 a, int64 b, const char *fn)
{
	int64		r;

	if (pg_add_s64_overflow(a, b, &r))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: count out of range", fn)));
	return r;
}

/* Check that a survey scale lies in the supported range. */
static void
check_scale(int32 scale, const char *fn)
{
	if (scale < EMPATHY_SCALE_MIN || scale > EMPATHY_SCALE_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: scale %d is out of range %d to %d", fn, scale,
						EMPATHY_SCALE_MIN, EMPATHY_SCALE_MAX),
				 errdetail("The scale is the highest possible answer of a survey whose answers run from 1 to the scale.")));
}

/* Check that a score lies on the survey scale 1..scale. */
static void
check_score(int32 score, int32 scale, const char *fn)
{
	if (score < 1 || score > scale)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: score %d is out of range 1 to %d", fn, score, scale),
				 errdetail("Scores on a %d-point scale are integers from 1 to %d.", scale, scale),
				 errhint("Leave out other values with FILTER (WHERE ...), or map them onto the scale first; "
						 "for a dashboard, in a view over the surveys relation it was created from.")));
}

/* Raise an error for a definition argument given as NULL. */
static void
null_argument(const char *fn, const char *arg)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s: %s must not be null", fn, arg),
			 errdetail("Only a null score is skipped; the arguments that define the measure must be given.")));
}

/* Raise an error for two definitions met in one group. */
static void
mixed_definitions(const char *fn, const char *what, const char *first, const char *second)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: %s must be the same on every row of a group", fn, what),
			 errdetail("Found %s and %s in the same group.", first, second),
			 errhint("Group by the survey definition, or compute one aggregate per definition.")));
}

/* Return a percentage of part in whole (whole > 0), rounded once. */
static inline float8
percent(int64 part, int64 whole)
{
	return ((float8) part * 100.0) / (float8) whole;
}

/*
 * NPS
 */

/* Check an NPS state and return its slots. */
static int64 *
nps_values(ArrayType *state, const char *fn)
{
	int64	   *v = state_values(state, INT8OID, NPS_SLOTS, fn);

	check_count(v[NPS_N], PG_INT64_MAX, fn);
	check_count(v[NPS_PROMOTERS], v[NPS_N], fn);
	check_count(v[NPS_DETRACTORS], v[NPS_N] - v[NPS_PROMOTERS], fn);
	return v;
}

/* Count one NPS answer (0..10) into the state. */
Datum
nps_accum(PG_FUNCTION_ARGS)
{
	const char *fn = "empathy.nps";
	ArrayType  *state;
	int64	   *v;
	int32		score;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	score = PG_GETARG_INT32(1);
	if (score < EMPATHY_NPS_MIN || score > EMPATHY_NPS_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: score %d is out of range %d to %d", fn, score,
						EMPATHY_NPS_MIN, EMPATHY_NPS_MAX),
				 errdetail("Net Promoter Score answers are integers from 0 to 10."),
				 errhint("Leave out other values with FILTER (WHERE ...), or map them onto 0 to 10 first.")));

	state = state_for_update(fcinfo);
	v = nps_values(state, fn);
	v[NPS_N] = add_count(v[NPS_N], 1, fn);
	if (score >= 9)
		v[NPS_PROMOTERS]++;
	else if (score <= 6)
		v[NPS_DETRACTORS]++;
	PG_RETURN_ARRAYTYPE_P(state);
}

/* Merge two NPS states. */
Datum
nps_combine(PG_FUNCTION_ARGS)
{
	const char *fn = "empathy.nps";
	ArrayType  *state = state_for_update(fcinfo);
	int64	   *a = nps_values(state, fn);
	int64	   *b = nps_values(PG_GETARG_ARRAYTYPE_P(1), fn);

	a[NPS_N] = add_count(a[NPS_N], b[NPS_N], fn);
	a[NPS_PROMOTERS] += b[NPS_PROMOTERS];
	a[NPS_DETRACTORS] += b[NPS_DETRACTORS];
	PG_RETURN_ARRAYTYPE_P(state);
}

/* Return the NPS (-100..100) of a state, or NULL when nothing was counted. */
Datum
nps_final(PG_FUNCTION_ARGS)
{
	int64	   *v = nps_values(PG_GETARG_ARRAYTYPE_P(0), "empathy.nps");

	if (v[NPS_N] == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(percent(v[NPS_PROMOTERS] - v[NPS_DETRACTORS], v[NPS_N]));
}

/*
 * CSAT
 */

/* Check a CSAT state and return its slots. */
static int64 *
csat_values(ArrayType *state, const char *fn)
{
	int64	   *v = state_values(state, INT8OID, CSAT_SLOTS, fn);

	check_count(v[CSAT_N], PG_INT64_MAX, fn);
	check_count(v[CSAT_GOOD], v[CSAT_N], fn);
	if (v[CSAT_SCALE] == 0 && v[CSAT_GOOD_FROM] == 0 && v[CSAT_N] == 0)
		return v;
	if (v[CSAT_SCALE] < EMPATHY_SCALE_MIN || v[CSAT_SCALE] > EMPATHY_SCALE_MAX ||
		v[CSAT_GOOD_FROM] < 1 || v[CSAT_GOOD_FROM] > v[CSAT_SCALE])
		invalid_state(fn, "The scale or good_from slot is out of range.");
	return v;
}

/*
 * Count one CSAT answer.  scale defaults to 5; good_from defaults to the top
 * two boxes (scale - 1) on scales of four points or more, and to the top box
 * on a 2- or 3-point scale, where scale - 1 would be the middle or the bottom.
 */
Datum
csat_accum(PG_FUNCTION_ARGS)
{
	const char *fn = "empathy.csat";
	ArrayType  *state;
	int64	   *v;
	int32		score;
	int32		scale = EMPATHY_CSAT_SCALE;
	int32		good_from;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	score = PG_GETARG_INT32(1);
	if (PG_NARGS() > 2)
	{
		if (PG_ARGISNULL(2))
			null_argument(fn, "scale");
		scale = PG_GETARG_INT32(2);
	}
	check_scale(scale, fn);
	good_from = (scale >= 4) ? scale - 1 : scale;
	if (PG_NARGS() > 3)
	{
		if (PG_ARGISNULL(3))
			null_argument(fn, "good_from");
		good_from = PG_GETARG_INT32(3);
		if (good_from < 1 || good_from > scale)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: good_from %d is out of range 1 to %d", fn, good_from, scale),
					 errdetail("The argument good_from is the lowest score counted as satisfied, so it must lie on the %d-point scale.", scale)));
	}
	check_score(score, scale, fn);

	state = state_for_update(fcinfo);
	v = csat_values(state, fn);
	if (v[CSAT_N] == 0)
	{
		v[CSAT_SCALE] = scale;
		v[CSAT_GOOD_FROM] = good_from;
	}
	else if (v[CSAT_SCALE] != scale || v[CSAT_GOOD_FROM] != good_from)
		mixed_definitions(fn, "scale and good_from",
						  psprintf("scale %d with good_from %d", (int) v[CSAT_SCALE], (int) v[CSAT_GOOD_FROM]),
						  psprintf("scale %d with good_from %d", scale, good_from));
	v[CSAT_N] = add_count(v[CSAT_N], 1, fn);
	if (score >= good_from)
		v[CSAT_GOOD]++;
	PG_RETURN_ARRAYTYPE_P(state);
}

/* Merge two CSAT states. */
Datum
csat_combine(PG_FUNCTION_ARGS)
{
	const char *fn = "empathy.csat";
	ArrayType  *state = state_for_update(fcinfo);
	int64	   *a = csat_values(state, fn);
	int64	   *b = csat_values(PG_GETARG_ARRAYTYPE_P(1), fn);

	if (b[CSAT_N] == 0)
		PG_RETURN_ARRAYTYPE_P(state);
	if (a[CSAT_N] == 0)
	{
		a[CSAT_SCALE] = b[CSAT_SCALE];
		a[CSAT_GOOD_FROM] = b[CSAT_GOOD_FROM];
	}
	else if (a[CSAT_SCALE] != b[CSAT_SCALE] || a[CSAT_GOOD_FROM] != b[CSAT_GOOD_FROM])
		mixed_definitions(fn, "scale and good_from",
						  psprintf("scale %d with good_from %d", (int) a[CSAT_SCALE], (int) a[CSAT_GOOD_FROM]),
						  psprintf("scale %d with good_from %d", (int) b[CSAT_SCALE], (int) b[CSAT_GOOD_FROM]));
	a[CSAT_N] = add_count(a[CSAT_N], b[CSAT_N], fn);
	a[CSAT_GOOD] += b[CSAT_GOOD];
	PG_RETURN_ARRAYTYPE_P(state);
}

/* Return the CSAT (0..100, % satisfied) of a state, or NULL. */
Datum
csat_final(PG_FUNCTION_ARGS)
{
	int64	   *v = csat_values(PG_GETARG_ARRAYTYPE_P(0), "empathy.csat");

	if (v[CSAT_N] == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(percent(v[CSAT_GOOD], v[CSAT_N]));
}

/*
 * CES
 */

/* Return the name of a stored CES mode. */
static const char *
ces_mode_name(int64 mode)
{
	return mode == EMPATHY_CES_AGREE ? "agree" : "mean";
}

/* Check a CES state and return its slots. */
static int64 *
ces_values(ArrayType *state, const char *fn)
{
	int64	   *v = state_values(state, INT8OID, CES_SLOTS, fn);
	int64		most;

	check_count(v[CES_N], PG_INT64_MAX, fn);
	check_count(v[CES_AGREE], v[CES_N], fn);
	if (v[CES_N] == 0 && v[CES_SUM] == 0 && v[CES_SCALE] == 0 && v[CES_MODE] == 0)
		return v;
	if (v[CES_SCALE] < EMPATHY_SCALE_MIN || v[CES_SCALE] > EMPATHY_SCALE_MAX ||
		(v[CES_MODE] != EMPATHY_CES_MEAN && v[CES_MODE] != EMPATHY_CES_AGREE))
		invalid_state(fn, "The scale or mode slot is out of range.");
	if (pg_mul_s64_overflow(v[CES_N], v[CES_SCALE], &most))
		most = PG_INT64_MAX;
	if (v[CES_SUM] < v[CES_N] || v[CES_SUM] > most)
		invalid_state(fn, "The sum of scores does not fit the number of answers and the scale.");
	return v;
}

/* Parse a CES mode name (without allocating: it is called once per row). */
static int64
ces_parse_mode(text *mode, const char *fn)
{
	const char *s = VARDATA_ANY(mode);
	int			len = VARSIZE_ANY_EXHDR(mode);

	if (len == 4 && memcmp(s, "mean", 4) == 0)
		return EMPATHY_CES_MEAN;
	if (len == 5 && memcmp(s, "agree", 5) == 0)
		return EMPATHY_CES_AGREE;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: unknown mode \"%s\"", fn, text_to_cstring(mode)),
			 errdetail("The mode is 'mean' (the average score) or 'agree' (the percentage of answers above the middle of the scale)."),
			 errhint("Write the mode in lower case, for example ces(score, 7, 'agree').")));
	return 0;					/* keep the compiler quiet */
}

/* Count one CES answer; scale defaults to 7 and mode to 'mean'. */
Datum
ces_accum(PG_FUNCTION_ARGS)
{
	const char *fn = "empathy.ces";
	ArrayType  *state;
	int64	   *v;
	int32		score;
	int32		scale = EMPATHY_CES_SCALE;
	int64		mode = EMPATHY_CES_MEAN;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	score = PG_GETARG_INT32(1);
	if (PG_NARGS() > 2)
	{
		if (PG_ARGISNULL(2))
			null_argument(fn, "scale");
		scale = PG_GETARG_INT32(2);
	}
	check_scale(scale, fn);
	if (PG_NARGS() > 3)
	{
		if (PG_ARGISNULL(3))
			null_argument(fn, "mode");
		mode = ces_parse_mode(PG_GETARG_TEXT_PP(3), fn);
	}
	check_score(score, scale, fn);

	state = state_for_update(fcinfo);
	v = ces_values(state, fn);
	if (v[CES_N] == 0)
	{
		v[CES_SCALE] = scale;
		v[CES_MODE] = mode;
	}
	else if (v[CES_SCALE] != scale || v[CES_MODE] != mode)
		mixed_definitions(fn, "scale and mode",
						  psprintf("scale %d with mode '%s'", (int) v[CES_SCALE], ces_mode_name(v[CES_MODE])),
						  psprintf("scale %d with mode '%s'", scale, ces_mode_name(mode)));
	v[CES_N] = add_count(v[CES_N], 1, fn);
	v[CES_SUM] = add_count(v[CES_SUM], score, fn);
	/* agreeing: strictly above the middle of 1..scale (5-7 of 7, 4-5 of 5) */
	if (2 * score > scale + 1)
		v[CES_AGREE]++;
	PG_RETURN_ARRAYTYPE_P(state);
}

/* Merge two CES states. */
Datum
ces_combine(PG_FUNCTION_ARGS)
{
	const char *fn = "empathy.ces";
	ArrayType  *state = state_for_update(fcinfo);
	int64	   *a = ces_values(state, fn);
	int64	   *b = ces_values(PG_GETARG_ARRAYTYPE_P(1), fn);

	if (b[CES_N] == 0)
		PG_RETURN_ARRAYTYPE_P(state);
	if (a[CES_N] == 0)
	{
		a[CES_SCALE] = b[CES_SCALE];
		a[CES_MODE] = b[CES_MODE];
	}
	else if (a[CES_SCALE] != b[CES_SCALE] || a[CES_MODE] != b[CES_MODE])
		mixed_definitions(fn, "scale and mode",
						  psprintf("scale %d with mode '%s'", (int) a[CES_SCALE], ces_mode_name(a[CES_MODE])),
						  psprintf("scale %d with mode '%s'", (int) b[CES_SCALE], ces_mode_name(b[CES_MODE])));
	a[CES_N] = add_count(a[CES_N], b[CES_N], fn);
	a[CES_SUM] = add_count(a[CES_SUM], b[CES_SUM], fn);
	a[CES_AGREE] += b[CES_AGREE];
	PG_RETURN_ARRAYTYPE_P(state);
}

/* Return the CES of a state (mean score, or % agreeing), or NULL. */
Datum
ces_final(PG_FUNCTION_ARGS)
{
	int64	   *v = ces_values(PG_GETARG_ARRAYTYPE_P(0), "empathy.ces");

	if (v[CES_N] == 0)
		PG_RETURN_NULL();
	if (v[CES_MODE] == EMPATHY_CES_AGREE)
		PG_RETURN_FLOAT8(percent(v[CES_AGREE], v[CES_N]));
	PG_RETURN_FLOAT8((float8) v[CES_SUM] / (float8) v[CES_N]);
}

/*
 * Rate of a boolean
 */

/* Check a rate state and return its slots. */
static int64 *
rate_values(ArrayType *state, const char *fn)
{
	int64	   *v = state_values(state, INT8OID, RATE_SLOTS, fn);

	check_count(v[RATE_N], PG_INT64_MAX, fn);
	check_count(v[RATE_TRUE], v[RATE_N], fn);
	return v;
}

/* Count one boolean into the state. */
Datum
rate_accum(PG_FUNCTION_ARGS)
{
	const char *fn = "empathy.rate";
	ArrayType  *state;
	int64	   *v;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	state = state_for_update(fcinfo);
	v = rate_values(state, fn);
	v[RATE_N] = add_count(v[RATE_N], 1, fn);
	if (PG_GETARG_BOOL(1))
		v[RATE_TRUE]++;
	PG_RETURN_ARRAYTYPE_P(state);
}

/* Merge two rate states. */
Datum
rate_combine(PG_FUNCTION_ARGS)
{
	const char *fn = "empathy.rate";
	ArrayType  *state = state_for_update(fcinfo);
	int64	   *a = rate_values(state, fn);
	int64	   *b = rate_values(PG_GETARG_ARRAYTYPE_P(1), fn);

	a[RATE_N] = add_count(a[RATE_N], b[RATE_N], fn);
	a[RATE_TRUE] += b[RATE_TRUE];
	PG_RETURN_ARRAYTYPE_P(state);
}

/* Return the percentage of true values of a state, or NULL. */
Datum
rate_final(PG_FUNCTION_ARGS)
{
	int64	   *v = rate_values(PG_GETARG_ARRAYTYPE_P(0), "empathy.rate");

	if (v[RATE_N] == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(percent(v[RATE_TRUE], v[RATE_N]));
}

/*
 * Rate with a Wilson score interval
 */

/* Check a rate_ci state and return its slots. */
static float8 *
rate_ci_values(ArrayType *state, const char *fn)
{
	float8	   *v = state_values(state, FLOAT8OID, RATE_CI_SLOTS, fn);
	float8		n = v[RATE_CI_N];
	float8		k = v[RATE_CI_TRUE];
	float8		c = v[RATE_CI_CONFIDENCE];

	/* written so that NaN fails every test */
	if (!(n >= 0 && n <= EMPATHY_FLOAT_COUNT_MAX && n == floor(n)) ||
		!(k >= 0 && k <= n && k == floor(k)))
		invalid_state(fn, "A count is not a whole number between 0 and the number of values.");
	if (!((c == 0 && n == 0) || (c > 0 && c < 1)))
		invalid_state(fn, "The confidence slot is out of range.");
	return v;
}

/* Check a confidence level and return it. */
static float8
check_confidence(float8 c, const char *fn)
{
	if (!(c > 0 && c < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: confidence %s is out of range", fn,
						DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(c)))),
				 errdetail("The confidence level lies strictly between 0 and 1, for example 0.95 for a 95%% interval.")));
	return c;
}

/* Count one boolean into the state; confidence defaults to 0.95. */
Datum
rate_ci_accum(PG_FUNCTION_ARGS)
{
	const char *fn = "empathy.rate_ci";
	ArrayType  *state;
	float8	   *v;
	float8		confidence = 0.95;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	if (PG_NARGS() > 2)
	{
		if (PG_ARGISNULL(2))
			null_argument(fn, "confidence");
		confidence = check_confidence(PG_GETARG_FLOAT8(2), fn);
	}

	state = state_for_update(fcinfo);
	v = rate_ci_values(state, fn);
	if (v[RATE_CI_N] == 0)
		v[RATE_CI_CONFIDENCE] = confidence;
	else if (v[RATE_CI_CONFIDENCE] != confidence)
		mixed_definitions(fn, "confidence",
						  double_to_shortest_decimal(v[RATE_CI_CONFIDENCE]), double_to_shortest_decimal(confidence));
	if (v[RATE_CI_N] >= EMPATHY_FLOAT_COUNT_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: count out of range", fn)));
	v[RATE_CI_N] += 1;
	if (PG_GETARG_BOOL(1))
		v[RATE_CI_TRUE] += 1;
	PG_RETURN_ARRAYTYPE_P(state);
}

/* Merge two rate_ci states. */
Datum
rate_ci_combine(PG_FUNCTION_ARGS)
{
	const char *fn = "empathy.rate_ci";
	ArrayType  *state = state_for_update(fcinfo);
	float8	   *a = rate_ci_values(state, fn);
	float8	   *b = rate_ci_values(PG_GETARG_ARRAYTYPE_P(1), fn);

	if (b[RATE_CI_N] == 0)
		PG_RETURN_ARRAYTYPE_P(state);
	if (a[RATE_CI_N] == 0)
		a[RATE_CI_CONFIDENCE] = b[RATE_CI_CONFIDENCE];
	else if (a[RATE_CI_CONFIDENCE] != b[RATE_CI_CONFIDENCE])
		mixed_definitions(fn, "confidence",
						  double_to_shortest_decimal(a[RATE_CI_CONFIDENCE]), double_to_shortest_decimal(b[RATE_CI_CONFIDENCE]));
	/* (a sum past 2^53 would round back to it: the room left, exactly) */
	if (b[RATE_CI_N] > EMPATHY_FLOAT_COUNT_MAX - a[RATE_CI_N])
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: count out of range", fn)));
	a[RATE_CI_N] += b[RATE_CI_N];
	a[RATE_CI_TRUE] += b[RATE_CI_TRUE];
	PG_RETURN_ARRAYTYPE_P(state);
}

/*
 * Return z with P(Z > z) = q for a standard normal Z, for 0 < q < 0.5.
 *
 * A rational start (Abramowitz and Stegun 26.2.23, error below 5e-4) is
 * polished by Newton steps on erfc, which converge to full double
 * precision in two or three steps.
 */
static float8
normal_upper_quantile(float8 q)
{
	const float8 sqrt2 = 1.41421356237309504880;
	const float8 inv_sqrt_2pi = 0.39894228040143267794;
	float8		t = sqrt(-2.0 * log(q));
	float8		z;

	z = t - (2.515517 + t * (0.802853 + t * 0.010328)) /
		(1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
	for (int i = 0; i < 20; i++)
	{
		float8		step = (0.5 * erfc(z / sqrt2) - q) / (inv_sqrt_2pi * exp(-0.5 * z * z));

		z += step;
		if (fabs(step) <= 1e-15 * fmax(1.0, fabs(z)))
			break;
	}
	return z;
}

/* Return the rate and its Wilson score interval, in percent, or NULL. */
Datum
rate_ci_final(PG_FUNCTION_ARGS)
{
	float8	   *v = rate_ci_values(PG_GETARG_ARRAYTYPE_P(0), "empathy.rate_ci");
	float8		n = v[RATE_CI_N];
	float8		k = v[RATE_CI_TRUE];
	float8		p,
				z,
				z2,
				denom,
				center,
				half,
				low,
				high;
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (n == 0)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	p = k / n;
	z = normal_upper_quantile((1.0 - v[RATE_CI_CONFIDENCE]) / 2.0);
	z2 = z * z;
	denom = 1.0 + z2 / n;
	center = (p + z2 / (2.0 * n)) / denom;
	half = (z / denom) * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
	low = (k == 0) ? 0.0 : fmax(0.0, center - half);
	high = (k == n) ? 1.0 : fmin(1.0, center + half);

	values[0] = Float8GetDatum((k * 100.0) / n);
	values[1] = Float8GetDatum(low * 100.0);
	values[2] = Float8GetDatum(high * 100.0);
	values[3] = Int64GetDatum((int64) n);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
