/*-------------------------------------------------------------------------
 *
 * emotions.c
 *	  The empathy.emotions type: a fixed-size profile of the ten emotion
 *	  scores plus sentiment and intensity, its text and binary I/O, the
 *	  cast to jsonb, operators and the sum/avg aggregates.
 *
 * Text form: "(anger:0.1,frustration:0.62,...,sentiment:-0.4,intensity:0.7)".
 * Input that does not start with "(" is text to score (see emotions_in).
 * Input accepts the names in any order with optional spaces; a missing
 * name is 0.  Values must be finite.  Scoring functions produce emotion
 * scores in 0..1, sentiment in -1..1 and intensity in 0..1; sums of
 * profiles can be larger, so the type itself only requires finite values.
 *
 * The aggregates keep their state in a float8[] of (count, sums...) with a
 * combine function, so they run in parallel plans and Citus can distribute
 * them.
 *
 *-------------------------------------------------------------------------
 */
#include "empathy.h"
#include "emp_types.h"
#include "emp_config.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#endif
#include "utils/array.h"
#include "utils/builtins.h"
#include "common/hashfn.h"
#include "utils/float.h"
#include "utils/jsonb.h"

#if PG_VERSION_NUM >= 160000
#define EMOTIONS_INPUT_ERROR(ctx, ...) ereturn((ctx), (Datum) 0, __VA_ARGS__)
#else
#define EMOTIONS_INPUT_ERROR(ctx, ...) ereport(ERROR, __VA_ARGS__)
#endif

#define STATE_LEN	(EMOTIONS_NVALUES + 1)

const char *const emotions_value_names[EMOTIONS_NVALUES] = {
	"anger", "frustration", "disappointment", "sadness", "fear",
	"confusion", "surprise", "joy", "gratitude", "disgust",
	"sentiment", "intensity"
};

/* Return the index of a value name, or -1. */
int
emotions_value_index(const char *name, size_t len)
{
	for (int i = 0; i < EMOTIONS_NVALUES; i++)
		if (strlen(emotions_value_names[i]) == len && memcmp(emotions_value_names[i], name, len) == 0)
			return i;
	return -1;
}

/* Fill a profile from engine scores. */
void
emotions_from_scores(Emotions *e, const EmpScores *s)
{
	for (int d = 0; d < EMP_NDIMS; d++)
		e->v[d] = s->dims[d];
	e->v[EMOTIONS_SENTIMENT] = s->sentiment;
	e->v[EMOTIONS_INTENSITY] = s->intensity;
}

PG_FUNCTION_INFO_V1(emotions_in);

/* Parse the text form of a profile. */
Datum
emotions_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
#if PG_VERSION_NUM >= 160000
	Node	   *escontext = fcinfo->context;
#endif
	Emotions   *e = palloc0(sizeof(Emotions));
	bool		seen[EMOTIONS_NVALUES] = {0};
	char	   *p = str;

	while (isspace((unsigned char) *p))
		p++;
	if (*p != '(')
	{
		/*
		 * Not a profile: score it as text.  PostgreSQL reads
		 * empathy.emotions('some text') with an untyped literal as a cast
		 * to the type, not as a call of empathy.emotions(text); scoring here
		 * makes both readings give the same profile.
		 */
		EmpScores	s;
		size_t		ulen;
		char	   *u = empathy_text_to_utf8(cstring_to_text(str), &ulen);

		emp_score(empathy_builtin_scorer(), u, ulen, &s, NULL, NULL);
		emotions_from_scores(e, &s);
		PG_RETURN_POINTER(e);
	}
	p++;
	while (isspace((unsigned char) *p))
		p++;
	if (*p != ')')
	{
		for (;;)
		{
			char	   *name = p;
			int			idx;
			float		v;
			char	   *end;

			while (*p && (isalpha((unsigned char) *p) || *p == '_'))
				p++;
			idx = emotions_value_index(name, p - name);
			if (idx < 0 && p == name && *p != '\0' && !isspace((unsigned char) *p) &&
				(unsigned char) *p < 0x80)
			{
				/* "(anger:1,)", "(:1)", "(1)": no name where one must be (a name in other letters is an unknown one) */
				int			n = strcspn(name, ",) \t\n");

				EMOTIONS_INPUT_ERROR(escontext,
									 (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
									  errmsg("invalid input syntax for type emotions: \"%s\"", str),
									  errdetail("A dimension name was expected at \"%.*s\".",
												empathy_cliplen(name, n > 0 ? n : 1, 40), name),
									  errhint("Write a profile as (anger:0.8, sentiment:-0.6).")));
			}
			if (idx < 0 && p == name && (*p == '\0' || isspace((unsigned char) *p)))
			{
				/* "(" or "(anger:1, " with nothing after it */
				while (isspace((unsigned char) *p))
					p++;
				if (*p == '\0')
					EMOTIONS_INPUT_ERROR(escontext,
										 (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
										  errmsg("invalid input syntax for type emotions: \"%s\"", str),
										  errdetail("Unexpected end of input: a dimension name or \")\" was expected."),
										  errhint("Write a profile as (anger:0.8, sentiment:-0.6).")));
				p = name;
			}
			if (idx < 0)
			{
				/* quote the name as written, up to ":", ",", ")" or a space */
				int			n = strcspn(name, ":,) \t\n");

				EMOTIONS_INPUT_ERROR(escontext,
									 (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
									  errmsg("invalid input syntax for type emotions: \"%s\"", str),
									  errdetail("Unknown dimension \"%.*s\".", empathy_cliplen(name, n, 40), name),
									  errhint("Dimensions are anger, frustration, disappointment, sadness, fear, confusion, surprise, joy, gratitude, disgust, sentiment and intensity. To score a text that starts with \"(\", pass it as text: empathy.emotions('...'::text).")));
			}
			if (seen[idx])
				EMOTIONS_INPUT_ERROR(escontext,
									 (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
									  errmsg("invalid input syntax for type emotions: \"%s\"", str),
									  errdetail("Dimension \"%s\" appears more than once.", emotions_value_names[idx])));
			seen[idx] = true;
			while (isspace((unsigned char) *p))
				p++;
			if (*p != ':')
				EMOTIONS_INPUT_ERROR(escontext,
									 (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
									  errmsg("invalid input syntax for type emotions: \"%s\"", str),
									  errdetail("Expected \":\" after \"%s\".", emotions_value_names[idx])));
			p++;
			/*
			 * Read as real's input does: rounded to the nearest float4 (so
			 * that what the output prints, the largest float4 included,
			 * reads back), out of range when that is infinite or when a
			 * number that is not zero rounds to zero.  Some platforms set
			 * ERANGE for a denormal, which is kept.
			 */
			errno = 0;
			v = strtof(p, &end);
			if (end == p)
				EMOTIONS_INPUT_ERROR(escontext,
									 (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
									  errmsg("invalid input syntax for type emotions: \"%s\"", str),
									  errdetail("A number was expected after \"%s:\".", emotions_value_names[idx])));
			if (isnan(v) || (isinf(v) && errno != ERANGE))
				EMOTIONS_INPUT_ERROR(escontext,
									 (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
									  errmsg("invalid input syntax for type emotions: \"%s\"", str),
									  errdetail("The value of \"%s\" is not a finite number.", emotions_value_names[idx])));
			if (errno == ERANGE && (v == 0 || isinf(v)))
				EMOTIONS_INPUT_ERROR(escontext,
									 (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
									  errmsg("value out of range for type emotions: \"%s\"", str),
									  errdetail("The value of \"%s\" is outside the range of a real number.", emotions_value_names[idx])));
			e->v[idx] = v;
			p = end;
			while (isspace((unsigned char) *p))
				p++;
			if (*p == ',')
			{
				p++;
				while (isspace((unsigned char) *p))
					p++;
				continue;
			}
			if (*p == ')')
				break;
			EMOTIONS_INPUT_ERROR(escontext,
								 (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
								  errmsg("invalid input syntax for type emotions: \"%s\"", str),
								  errdetail("Expected \",\" or \")\".")));
		}
	}
	p++;
	while (isspace((unsigned char) *p))
		p++;
	if (*p != '\0')
		EMOTIONS_INPUT_ERROR(escontext,
							 (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
							  errmsg("invalid input syntax for type emotions: \"%s\"", str),
							  errdetail("Unexpected text after \")\".")));
	PG_RETURN_POINTER(e);
}

PG_FUNCTION_INFO_V1(emotions_out);

/* Print a profile with the shortest exact representation of each value. */
Datum
emotions_out(PG_FUNCTION_ARGS)
{
	Emotions   *e = PG_GETARG_EMOTIONS_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '(');
	for (int i = 0; i < EMOTIONS_NVALUES; i++)
	{
		char		num[FLOAT_SHORTEST_DECIMAL_LEN];

		float_to_shortest_decimal_buf(e->v[i], num);
		appendStringInfo(&buf, "%s%s:%s", i ? "," : "", emotions_value_names[i], num);
	}
	appendStringInfoChar(&buf, ')');
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(emotions_recv);

/* Read the binary form: twelve float4 values. */
Datum
emotions_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Emotions   *e = palloc0(sizeof(Emotions));

	for (int i = 0; i < EMOTIONS_NVALUES; i++)
	{
		e->v[i] = pq_getmsgfloat4(buf);
		if (!isfinite(e->v[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary value for type emotions"),
					 errdetail("The value of \"%s\" is not finite.", emotions_value_names[i])));
	}
	PG_RETURN_POINTER(e);
}

PG_FUNCTION_INFO_V1(emotions_send);

/* Write the binary form. */
Datum
emotions_send(PG_FUNCTION_ARGS)
{
	Emotions   *e = PG_GETARG_EMOTIONS_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	for (int i = 0; i < EMOTIONS_NVALUES; i++)
		pq_sendfloat4(&buf, e->v[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(emotions_get);

/* Return one value of a profile by name (the -> operator). */
Datum
emotions_get(PG_FUNCTION_ARGS)
{
	Emotions   *e = PG_GETARG_EMOTIONS_P(0);
	text	   *name = PG_GETARG_TEXT_PP(1);
	int			idx = emotions_value_index(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));

	if (idx < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown emotion dimension \"%s\"", text_to_cstring(name)),
				 errhint("Dimensions are anger, frustration, disappointment, sadness, fear, confusion, surprise, joy, gratitude, disgust, sentiment and intensity.")));
	PG_RETURN_FLOAT8((double) e->v[idx]);
}

PG_FUNCTION_INFO_V1(emotions_to_jsonb);

/* Cast a profile to a jsonb object of its twelve values. */
Datum
emotions_to_jsonb(PG_FUNCTION_ARGS)
{
	Emotions   *e = PG_GETARG_EMOTIONS_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int i = 0; i < EMOTIONS_NVALUES; i++)
	{
		char		num[FLOAT_SHORTEST_DECIMAL_LEN];

		float_to_shortest_decimal_buf(e->v[i], num);
		appendStringInfo(&buf, "%s\"%s\": %s", i ? ", " : "", emotions_value_names[i], num);
	}
	appendStringInfoChar(&buf, '}');
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
}

/* Check an arithmetic result and store it. */
static inline float4
checked(double v)
{
	/*
	 * Rounded to a float4 first, as real's arithmetic rounds; unlike real's
	 * multiplication, a product too small for a float4 is 0, not an error
	 * (a profile scaled down to nothing is a profile of zeros).
	 */
	float4		r = (float4) v;

	if (!isfinite(r))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range: overflow in emotions arithmetic")));
	return r;
}

PG_FUNCTION_INFO_V1(emotions_add);

Datum
emotions_add(PG_FUNCTION_ARGS)
{
	Emotions   *a = PG_GETARG_EMOTIONS_P(0);
	Emotions   *b = PG_GETARG_EMOTIONS_P(1);
	Emotions   *r = palloc(sizeof(Emotions));

	for (int i = 0; i < EMOTIONS_NVALUES; i++)
		r->v[i] = checked((double) a->v[i] + b->v[i]);
	PG_RETURN_POINTER(r);
}

PG_FUNCTION_INFO_V1(emotions_sub);

Datum
emotions_sub(PG_FUNCTION_ARGS)
{
	Emotions   *a = PG_GETARG_EMOTIONS_P(0);
	Emotions   *b = PG_GETARG_EMOTIONS_P(1);
	Emotions   *r = palloc(sizeof(Emotions));

	for (int i = 0; i < EMOTIONS_NVALUES; i++)
		r->v[i] = checked((double) a->v[i] - b->v[i]);
	PG_RETURN_POINTER(r);
}

/* Multiply every value by f. */
static Emotions *
scale(const Emotions *a, double f)
{
	Emotions   *r = palloc(sizeof(Emotions));

	if (!isfinite(f))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot scale an emotions profile by %g", f)));
	for (int i = 0; i < EMOTIONS_NVALUES; i++)
		r->v[i] = checked(a->v[i] * f);
	return r;
}

PG_FUNCTION_INFO_V1(emotions_mul);

Datum
emotions_mul(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(scale(PG_GETARG_EMOTIONS_P(0), PG_GETARG_FLOAT8(1)));
}

PG_FUNCTION_INFO_V1(emotions_mul_commuted);

Datum
emotions_mul_commuted(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(scale(PG_GETARG_EMOTIONS_P(1), PG_GETARG_FLOAT8(0)));
}

PG_FUNCTION_INFO_V1(emotions_div);

Datum
emotions_div(PG_FUNCTION_ARGS)
{
	double		d = PG_GETARG_FLOAT8(1);

	Emotions   *a = PG_GETARG_EMOTIONS_P(0);
	Emotions   *r;

	if (d == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_DIVISION_BY_ZERO),
				 errmsg("division by zero")));
	if (isnan(d))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot divide an emotions profile by NaN")));
	/* each value divided, not multiplied by 1 / d, which a tiny d overflows */
	r = palloc(sizeof(Emotions));
	for (int i = 0; i < EMOTIONS_NVALUES; i++)
		r->v[i] = checked(a->v[i] / d);
	PG_RETURN_POINTER(r);
}

PG_FUNCTION_INFO_V1(emotions_distance);

/* Euclidean distance between two profiles over the ten emotion scores. */
Datum
emotions_distance(PG_FUNCTION_ARGS)
{
	Emotions   *a = PG_GETARG_EMOTIONS_P(0);
	Emotions   *b = PG_GETARG_EMOTIONS_P(1);
	double		s = 0;

	for (int i = 0; i < EMP_NDIMS; i++)
	{
		double		d = (double) a->v[i] - b->v[i];

		s += d * d;
	}
	PG_RETURN_FLOAT8(sqrt(s));
}

PG_FUNCTION_INFO_V1(emotions_eq);

Datum
emotions_eq(PG_FUNCTION_ARGS)
{
	Emotions   *a = PG_GETARG_EMOTIONS_P(0);
	Emotions   *b = PG_GETARG_EMOTIONS_P(1);

	for (int i = 0; i < EMOTIONS_NVALUES; i++)
		if (a->v[i] != b->v[i])
			PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(true);
}

PG_FUNCTION_INFO_V1(emotions_ne);

Datum
emotions_ne(PG_FUNCTION_ARGS)
{
	Emotions   *a = PG_GETARG_EMOTIONS_P(0);
	Emotions   *b = PG_GETARG_EMOTIONS_P(1);

	for (int i = 0; i < EMOTIONS_NVALUES; i++)
		if (a->v[i] != b->v[i])
			PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(false);
}

/*
 * Order two profiles value by value, in the order of the type's output,
 * as a row of twelve real columns is ordered: the btree operator class
 * (ORDER BY, DISTINCT aggregates, merge joins, indexes).  The order means
 * nothing more; -0 equals 0.
 */
static int
emotions_compare(const Emotions *a, const Emotions *b)
{
	for (int i = 0; i < EMOTIONS_NVALUES; i++)
	{
		if (a->v[i] < b->v[i])
			return -1;
		if (a->v[i] > b->v[i])
			return 1;
	}
	return 0;
}

PG_FUNCTION_INFO_V1(emotions_cmp);

Datum
emotions_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(emotions_compare(PG_GETARG_EMOTIONS_P(0), PG_GETARG_EMOTIONS_P(1)));
}

PG_FUNCTION_INFO_V1(emotions_lt);

Datum
emotions_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(emotions_compare(PG_GETARG_EMOTIONS_P(0), PG_GETARG_EMOTIONS_P(1)) < 0);
}

PG_FUNCTION_INFO_V1(emotions_le);

Datum
emotions_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(emotions_compare(PG_GETARG_EMOTIONS_P(0), PG_GETARG_EMOTIONS_P(1)) <= 0);
}

PG_FUNCTION_INFO_V1(emotions_gt);

Datum
emotions_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(emotions_compare(PG_GETARG_EMOTIONS_P(0), PG_GETARG_EMOTIONS_P(1)) > 0);
}

PG_FUNCTION_INFO_V1(emotions_ge);

Datum
emotions_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(emotions_compare(PG_GETARG_EMOTIONS_P(0), PG_GETARG_EMOTIONS_P(1)) >= 0);
}

/*
 * The values as hashed: equal profiles (= compares values, so -0 equals 0)
 * must hash alike.  Values are finite: input and arithmetic refuse others.
 */
static void
hash_values(const Emotions *e, float4 *out)
{
	for (int i = 0; i < EMOTIONS_NVALUES; i++)
		out[i] = (e->v[i] == 0) ? 0.0f : e->v[i];
}

PG_FUNCTION_INFO_V1(emotions_hash);

/* Hash of a profile, for the hash operator class (GROUP BY, DISTINCT, hash joins). */
Datum
emotions_hash(PG_FUNCTION_ARGS)
{
	float4		v[EMOTIONS_NVALUES];

	hash_values(PG_GETARG_EMOTIONS_P(0), v);
	return hash_any((const unsigned char *) v, sizeof(v));
}

PG_FUNCTION_INFO_V1(emotions_hash_extended);

/* 64-bit seeded hash of a profile (hash partitioning). */
Datum
emotions_hash_extended(PG_FUNCTION_ARGS)
{
	float4		v[EMOTIONS_NVALUES];

	hash_values(PG_GETARG_EMOTIONS_P(0), v);
	return hash_any_extended((const unsigned char *) v, sizeof(v), PG_GETARG_INT64(1));
}

/* ---------------------------------------------------------------- aggregates */

/* Return the float8 values of an aggregate state, checking its shape. */
static float8 *
state_values(ArrayType *a, const char *fn)
{
	float8	   *s;

	if (ARR_NDIM(a) != 1 || ARR_DIMS(a)[0] != STATE_LEN || ARR_HASNULL(a) ||
		ARR_ELEMTYPE(a) != FLOAT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid state array", fn),
				 errdetail("The state must be a one-dimensional array of %d float8 values without nulls.", STATE_LEN),
				 errhint("State arrays are produced by the aggregate itself; do not build them by hand.")));
	s = (float8 *) ARR_DATA_PTR(a);
	/* a count of profiles, then their sums: what the transition can make */
	if (!(s[0] >= 0 && s[0] <= 9.007199254740992e15 && s[0] == floor(s[0])))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid state array", fn),
				 errdetail("The count of profiles, the state's first value, must be a whole number of at least 0."),
				 errhint("State arrays are produced by the aggregate itself; do not build them by hand.")));
	for (int i = 1; i < STATE_LEN; i++)
		if (!isfinite(s[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: invalid state array", fn),
					 errdetail("Value %d of the state is not a finite number.", i + 1),
					 errhint("State arrays are produced by the aggregate itself; do not build them by hand.")));
	return s;
}

/* Return the state to update: in place when called as an aggregate. */
static ArrayType *
writable_state(FunctionCallInfo fcinfo, int argno)
{
	if (AggCheckCallContext(fcinfo, NULL))
		return PG_GETARG_ARRAYTYPE_P(argno);
	return PG_GETARG_ARRAYTYPE_P_COPY(argno);
}

PG_FUNCTION_INFO_V1(emotions_accum);

/* Transition: add one profile to (count, sums). */
Datum
emotions_accum(PG_FUNCTION_ARGS)
{
	ArrayType  *st;
	float8	   *s;
	Emotions   *e;

	/* not strict, so that a NULL profile is skipped; a NULL state stays NULL */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = writable_state(fcinfo, 0);
	s = state_values(st, "empathy.emotions_accum");
	if (PG_ARGISNULL(1))
		PG_RETURN_ARRAYTYPE_P(st);
	e = PG_GETARG_EMOTIONS_P(1);
	s[0] += 1;
	for (int i = 0; i < EMOTIONS_NVALUES; i++)
		s[i + 1] += e->v[i];
	PG_RETURN_ARRAYTYPE_P(st);
}

PG_FUNCTION_INFO_V1(emotions_combine);

/* Combine two partial states. */
Datum
emotions_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *st = writable_state(fcinfo, 0);
	float8	   *s = state_values(st, "empathy.emotions_combine");
	float8	   *o = state_values(PG_GETARG_ARRAYTYPE_P(1), "empathy.emotions_combine");

	for (int i = 0; i < STATE_LEN; i++)
		s[i] += o[i];
	PG_RETURN_ARRAYTYPE_P(st);
}

/* Build a profile from sums divided by div. */
static Emotions *
from_state(const float8 *s, double div)
{
	Emotions   *e = palloc(sizeof(Emotions));

	for (int i = 0; i < EMOTIONS_NVALUES; i++)
		e->v[i] = checked(s[i + 1] / div);
	return e;
}

PG_FUNCTION_INFO_V1(emotions_sum_final);

Datum
emotions_sum_final(PG_FUNCTION_ARGS)
{
	float8	   *s = state_values(PG_GETARG_ARRAYTYPE_P(0), "empathy.emotions_sum_final");

	if (s[0] == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(from_state(s, 1.0));
}

PG_FUNCTION_INFO_V1(emotions_avg_final);

Datum
emotions_avg_final(PG_FUNCTION_ARGS)
{
	float8	   *s = state_values(PG_GETARG_ARRAYTYPE_P(0), "empathy.emotions_avg_final");

	if (s[0] == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(from_state(s, s[0]));
}
