/*-------------------------------------------------------------------------
 *
 * trigger.c
 *	  empathy.tag_message(): a row trigger that scores a CRM message as it
 *	  is inserted or its text updated, and writes the scores into columns
 *	  of the same row.
 *
 *	  CREATE TRIGGER tag BEFORE INSERT OR UPDATE OF body ON messages
 *		  FOR EACH ROW EXECUTE FUNCTION empathy.tag_message(
 *			  'body', 'emotions=emo', 'sentiment=sent', 'escalation=risk');
 *
 * The first argument names the text column.  Every other argument is
 * "key=value":
 *
 *	  outputs (value: a column to fill)
 *		emotions	empathy.emotions
 *		sentiment	double precision, real or numeric
 *		dominant	text
 *		labels		text[]
 *		escalation	double precision, real or numeric
 *		markers		text[]				(needs empathy.markers(text))
 *		empathy		smallint .. numeric: the score; or the row type that
 *					empathy.empathy_score(text, text, text) returns
 *	  inputs
 *		config		a scoring configuration name (default: built-in)
 *		own_words	true: score the customer's own words of an e-mail
 *					(empathy.own_words: its quote and a phone's signature
 *					left out) for emotions .. escalation (default: false)
 *		role		a text column; markers and empathy are filled only on
 *					rows whose role is 'agent' (NULL on other rows)
 *		customer_message, customer_name
 *					text columns passed to empathy_score as its second and
 *					third arguments (NULL when not given)
 *
 * One scoring pass of the text fills all of emotions, sentiment, dominant,
 * labels and escalation.  The argument list is parsed, the columns and
 * types checked and the functions looked up once per statement: the state
 * lives in fn_extra, which the executor allocates per statement and per
 * trigger, keyed by the relation and trigger oids in case it is shared.
 * Per-row work happens in the executor's per-tuple memory context.
 *
 *-------------------------------------------------------------------------
 */
#include "empathy.h"
#include "emp_config.h"
#include "emp_types.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "nodes/makefuncs.h"
#include "nodes/value.h"
#include "parser/parse_coerce.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

typedef enum TagTarget
{
	TAG_EMOTIONS = 0,
	TAG_SENTIMENT,
	TAG_DOMINANT,
	TAG_LABELS,
	TAG_ESCALATION,
	TAG_MARKERS,
	TAG_EMPATHY,
	TAG_NTARGETS
} TagTarget;

static const char *const tag_target_names[TAG_NTARGETS] = {
	"emotions", "sentiment", "dominant", "labels", "escalation", "markers", "empathy"
};

static const char *const tag_target_types[TAG_NTARGETS] = {
	"empathy.emotions",
	"double precision, real or numeric",
	"text",
	"text[]",
	"double precision, real or numeric",
	"text[]",
	"smallint, integer, bigint, real, double precision, numeric or the row type of empathy.empathy_score"
};

typedef struct TagState
{
	Oid			relid;			/* cache key */
	Oid			tgoid;
	AttrNumber	body;
	AttrNumber	role;			/* 0 when not given */
	AttrNumber	customer_message;
	AttrNumber	customer_name;
	AttrNumber	col[TAG_NTARGETS];	/* 0 when not requested */
	Oid			coltype[TAG_NTARGETS];
	int32		coltypmod[TAG_NTARGETS];	/* a numeric column's precision and scale */
	int			ncols;
	bool		need_scores;	/* any of emotions .. escalation */
	char		config[NAMEDATALEN];	/* "" = built-in */
	int			own_words;		/* -1 not given, 0 false, 1 true */
	Datum		config_text;	/* the same as a text, the first argument of
								 * the markers and empathy_score forms that
								 * take a configuration */
	EmpScorer  *scorer;
	uint64		generation;
	FmgrInfo	markers_fn;
	FmgrInfo	empathy_fn;
} TagState;

static char *format_atttype(Form_pg_attribute att);

/* Raise the error for a bad trigger argument. */
static void
bad_argument(Relation rel, const char *tgname, const char *arg, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("empathy.tag_message: invalid argument \"%s\" of trigger \"%s\" on table \"%s\"",
					arg, tgname, RelationGetRelationName(rel)),
			 errdetail("%s", detail),
			 errhint("Arguments are the text column, then key=column pairs: emotions, sentiment, dominant, labels, escalation, markers, empathy, role, customer_message, customer_name; config=name and own_words=true or false.")));
}

/* Return the number of a column of the trigger's table, or raise an error naming it. */
static AttrNumber
column_number(Relation rel, const char *tgname, const char *key, const char *colname)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			attnum = SPI_fnumber(desc, colname);

	if (attnum == SPI_ERROR_NOATTRIBUTE || attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("empathy.tag_message: column \"%s\" of relation \"%s\" does not exist",
						colname, RelationGetRelationName(rel)),
				 errdetail("Trigger \"%s\" names it as its %s column.", tgname, key)));
	return (AttrNumber) attnum;
}

/* Raise the error for a column of the wrong type. */
static void
wrong_type(Relation rel, const char *tgname, AttrNumber attnum, const char *key, const char *want)
{
	Form_pg_attribute att = TupleDescAttr(RelationGetDescr(rel), attnum - 1);

	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("empathy.tag_message: column \"%s\" of relation \"%s\" has type %s",
					NameStr(att->attname), RelationGetRelationName(rel),
					format_atttype(att)),
			 errdetail("Trigger \"%s\" names it as its %s column, which must be of type %s.",
					   tgname, key, want)));
}

/* Raise the error for a generated column named by the trigger. */
static void
generated_column(Relation rel, const char *tgname, AttrNumber attnum, const char *key, bool output)
{
	Form_pg_attribute att = TupleDescAttr(RelationGetDescr(rel), attnum - 1);

	ereport(ERROR,
			(errcode(ERRCODE_WRONG_OBJECT_TYPE),
			 errmsg("empathy.tag_message: column \"%s\" of relation \"%s\" is a generated column",
					NameStr(att->attname), RelationGetRelationName(rel)),
			 output ?
			 errdetail("Trigger \"%s\" names it as its %s column, and a generated column cannot be written.",
					   tgname, key) :
			 errdetail("Trigger \"%s\" names it as its %s column, and a BEFORE trigger runs before generated columns are computed.",
					   tgname, key),
			 output ? 0 : errhint("Name the column the text is written to.")));
}

/* Check that an input column holds text (text, varchar, or a domain over them), written, not generated. */
static void
check_text_input(Relation rel, const char *tgname, AttrNumber attnum, const char *key)
{
	Form_pg_attribute att = TupleDescAttr(RelationGetDescr(rel), attnum - 1);

	if (att->attgenerated)
		generated_column(rel, tgname, attnum, key, false);
	if (!IsBinaryCoercible(att->atttypid, TEXTOID))
		wrong_type(rel, tgname, attnum, key, "text or varchar");
}

/* The column's type with its modifier: numeric(3,2), not numeric. */
static char *
format_atttype(Form_pg_attribute att)
{
	return format_type_with_typemod(att->atttypid, att->atttypmod);
}

/* Return true if a type is one the numeric writers handle. */
static bool
is_number_type(Oid t, bool with_integers)
{
	if (t == FLOAT8OID || t == FLOAT4OID || t == NUMERICOID)
		return true;
	return with_integers && (t == INT2OID || t == INT4OID || t == INT8OID);
}

/* Return the oid of a function of the extension's schema, or InvalidOid. */
static Oid
extension_function(Oid nsp, const char *name, int nargs)
{
	Oid			argtypes[4] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	List	   *qname = list_make2(makeString(get_namespace_name(nsp)), makeString(pstrdup(name)));

	return LookupFuncName(qname, nargs, argtypes, true);
}

/* Look up a function the extension may not provide yet, or raise a clear error. */
static void
require_function(Oid nsp, const char *name, int nargs, const char *key, FmgrInfo *fn,
				 MemoryContext mcxt)
{
	Oid			f = extension_function(nsp, name, nargs);

	if (!OidIsValid(f))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("empathy.tag_message: function %s.%s(%s) does not exist",
						get_namespace_name(nsp), name,
						nargs == 1 ? "text" : nargs == 2 ? "text, text" : nargs == 3 ? "text, text, text" : "text, text, text, text"),
				 errdetail("The %s= argument needs it.", key),
				 errhint("Update the extension, or leave out the %s= argument.", key)));
	fmgr_info_cxt(f, fn, mcxt);
}

/*
 * A numeric column with a precision and scale must hold every value the
 * trigger can write (up to max in magnitude): numeric(2,0) cannot hold
 * an empathy score of 100, nor numeric(1,1) a sentiment of -1.  Values are
 * rounded to the scale as they are written (see number_datum).
 */
static void
numeric_fits(Relation rel, const char *tgname, Form_pg_attribute att, const char *key, int max)
{
	int32		typmod = att->atttypmod;
	int			precision,
				scale;

	if (att->atttypid != NUMERICOID || typmod < (int32) VARHDRSZ)
		return;
	precision = ((typmod - VARHDRSZ) >> 16) & 0xffff;
	scale = (((typmod - VARHDRSZ) & 0x7ff) ^ 1024) - 1024;
	/* integer digits the column has, against those max needs */
	if (precision - scale < (max >= 100 ? 3 : 1))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("empathy.tag_message: column \"%s\" of relation \"%s\" has type %s",
						NameStr(att->attname), RelationGetRelationName(rel), format_atttype(att)),
				 errdetail("Trigger \"%s\" names it as its %s column, whose values reach %d, which that type cannot hold.",
						   tgname, key, max),
				 errhint("Use double precision, or a numeric type that holds %d, such as %s.",
						 max, max >= 100 ? "numeric(5,2)" : "numeric(3,2)")));
}

/* Check an output column's type for its target. */
static void
check_output(TagState *st, Relation rel, const char *tgname, TagTarget t, Oid nsp, MemoryContext mcxt)
{
	AttrNumber	attnum = st->col[t];
	Form_pg_attribute att = TupleDescAttr(RelationGetDescr(rel), attnum - 1);
	Oid			typ = att->atttypid;
	bool		ok;

	if (att->attgenerated)
		generated_column(rel, tgname, attnum, tag_target_names[t], true);
	switch (t)
	{
		case TAG_EMOTIONS:
			ok = typ == GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									   CStringGetDatum("emotions"), ObjectIdGetDatum(nsp));
			break;
		case TAG_SENTIMENT:
		case TAG_ESCALATION:
			ok = is_number_type(typ, false);
			numeric_fits(rel, tgname, att, tag_target_names[t], 1);
			break;
		case TAG_DOMINANT:
			ok = typ == TEXTOID;
			break;
		case TAG_LABELS:
			ok = typ == TEXTARRAYOID;
			break;
		case TAG_MARKERS:
			ok = typ == TEXTARRAYOID;
			/* with a configuration, its form: markers(config, reply) */
			if (ok)
				require_function(nsp, "markers", st->config[0] ? 2 : 1, "markers", &st->markers_fn, mcxt);
			break;
		case TAG_EMPATHY:
			/* ... empathy_score(config, reply, message, name) */
			require_function(nsp, "empathy_score", st->config[0] ? 4 : 3, "empathy", &st->empathy_fn, mcxt);
			ok = is_number_type(typ, true) ||
				(typ != RECORDOID && typ == get_func_rettype(st->empathy_fn.fn_oid));
			numeric_fits(rel, tgname, att, tag_target_names[t], 100);
			break;
		default:
			ok = false;
	}
	if (!ok)
		wrong_type(rel, tgname, attnum, tag_target_names[t], tag_target_types[t]);
}

/* Parse the trigger's arguments and check the table's columns against them. */
static void
build_state(TagState *st, TriggerData *td, Oid nsp, MemoryContext mcxt)
{
	Trigger    *tg = td->tg_trigger;
	Relation	rel = td->tg_relation;

	memset(st, 0, sizeof(*st));
	st->own_words = -1;
	st->relid = RelationGetRelid(rel);
	st->tgoid = tg->tgoid;
	if (tg->tgnargs < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("empathy.tag_message: trigger \"%s\" on table \"%s\" needs at least two arguments",
						tg->tgname, RelationGetRelationName(rel)),
				 errdetail("The first argument names the text column, the others the columns to fill."),
				 errhint("For example: EXECUTE FUNCTION empathy.tag_message('body', 'emotions=emotions').")));
	st->body = column_number(rel, tg->tgname, "text", tg->tgargs[0]);
	check_text_input(rel, tg->tgname, st->body, "text");

	for (int i = 1; i < tg->tgnargs; i++)
	{
		const char *arg = tg->tgargs[i];
		const char *eq = strchr(arg, '=');
		char	   *key;
		const char *val;
		int			t;

		if (eq == NULL || eq == arg || eq[1] == '\0')
			bad_argument(rel, tg->tgname, arg, "Arguments after the first must have the form key=column.");
		key = pnstrdup(arg, eq - arg);
		val = eq + 1;
		if (strcmp(key, "config") == 0)
		{
			if (st->config[0] != '\0')
				bad_argument(rel, tg->tgname, arg, "The configuration is given twice.");
			if (strlen(val) >= NAMEDATALEN)
				bad_argument(rel, tg->tgname, arg, "The configuration name is too long.");
			strlcpy(st->config, val, NAMEDATALEN);
			continue;
		}
		if (strcmp(key, "own_words") == 0)
		{
			bool		b;

			if (st->own_words >= 0)
				bad_argument(rel, tg->tgname, arg, "This key is given twice.");
			if (!parse_bool(val, &b))
				bad_argument(rel, tg->tgname, arg, "own_words takes true or false.");
			st->own_words = b;
			continue;
		}
		if (strcmp(key, "role") == 0 || strcmp(key, "customer_message") == 0 ||
			strcmp(key, "customer_name") == 0)
		{
			AttrNumber	a = column_number(rel, tg->tgname, key, val);
			AttrNumber *slot = key[0] == 'r' ? &st->role :
			strcmp(key, "customer_message") == 0 ? &st->customer_message : &st->customer_name;

			if (*slot != 0)
				bad_argument(rel, tg->tgname, arg, "This key is given twice.");
			check_text_input(rel, tg->tgname, a, key);
			*slot = a;
			continue;
		}
		for (t = 0; t < TAG_NTARGETS; t++)
			if (strcmp(key, tag_target_names[t]) == 0)
				break;
		if (t == TAG_NTARGETS)
			bad_argument(rel, tg->tgname, arg, "Unknown key.");
		if (st->col[t] != 0)
			bad_argument(rel, tg->tgname, arg, "This key is given twice.");
		st->col[t] = column_number(rel, tg->tgname, key, val);
		for (int u = 0; u < TAG_NTARGETS; u++)
			if (u != t && st->col[u] == st->col[t])
				bad_argument(rel, tg->tgname, arg, "Two keys name the same column.");
		if (st->col[t] == st->body)
			bad_argument(rel, tg->tgname, arg, "A trigger cannot overwrite the text column it scores.");
		st->coltype[t] = TupleDescAttr(RelationGetDescr(rel), st->col[t] - 1)->atttypid;
		st->coltypmod[t] = TupleDescAttr(RelationGetDescr(rel), st->col[t] - 1)->atttypmod;
		st->ncols++;
	}
	/* a column read (role, customer_message, customer_name) is not written */
	for (int t = 0; t < TAG_NTARGETS; t++)
		if (st->col[t] != 0 &&
			(st->col[t] == st->role || st->col[t] == st->customer_message || st->col[t] == st->customer_name))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("empathy.tag_message: trigger \"%s\" on table \"%s\" would overwrite column \"%s\", which it reads",
							tg->tgname, RelationGetRelationName(rel),
							NameStr(TupleDescAttr(RelationGetDescr(rel), st->col[t] - 1)->attname)),
					 errdetail("The column is named both by %s= and by role=, customer_message= or customer_name=.",
							   tag_target_names[t]),
					 errhint("Write the scores into columns of their own.")));
	if (st->ncols == 0)
		bad_argument(rel, tg->tgname, tg->tgargs[tg->tgnargs - 1], "No column to fill is named.");

	/*
	 * The columns read for the replies' scores, with no reply score to fill:
	 * a mistake (a key left out, or put on the wrong trigger), not a no-op
	 */
	if (st->col[TAG_MARKERS] == 0 && st->col[TAG_EMPATHY] == 0)
	{
		for (int i = 1; i < tg->tgnargs; i++)
		{
			const char *arg = tg->tgargs[i];

			if (strncmp(arg, "role=", 5) == 0 || strncmp(arg, "customer_message=", 17) == 0 ||
				strncmp(arg, "customer_name=", 14) == 0)
				bad_argument(rel, tg->tgname, arg,
							 "role=, customer_message= and customer_name= apply only to markers= and empathy=, and neither is given.");
		}
	}
	if (st->config[0] != '\0')
	{
		MemoryContext old = MemoryContextSwitchTo(mcxt);

		st->config_text = PointerGetDatum(cstring_to_text(st->config));
		MemoryContextSwitchTo(old);
	}
	for (int t = 0; t < TAG_NTARGETS; t++)
		if (st->col[t] != 0)
			check_output(st, rel, tg->tgname, (TagTarget) t, nsp, mcxt);
	st->need_scores = st->col[TAG_EMOTIONS] || st->col[TAG_SENTIMENT] || st->col[TAG_DOMINANT] ||
		st->col[TAG_LABELS] || st->col[TAG_ESCALATION];
	/* as role= without a reply score: own_words= with no score of the text to fill */
	if (st->own_words >= 0 && !st->need_scores)
		for (int i = 1; i < tg->tgnargs; i++)
			if (strncmp(tg->tgargs[i], "own_words=", 10) == 0)
				bad_argument(rel, tg->tgname, tg->tgargs[i],
							 "own_words= applies only to emotions=, sentiment=, dominant=, labels= and escalation=, and none is given.");
	if (st->config[0] != '\0')
		(void) empathy_config_scorer(st->config);	/* fails early on an unknown name */
}

/* Return the scorer to use for this row (configurations can change mid-session). */
static EmpScorer *
state_scorer(TagState *st)
{
	uint64		gen;

	if (st->config[0] == '\0')
		return empathy_builtin_scorer();
	gen = empathy_config_generation();
	if (st->scorer == NULL || st->generation != gen)
	{
		st->scorer = empathy_config_scorer(st->config);
		/* as it stands: reading invalidations again could free the scorer */
		st->generation = empathy_config_generation_now();
	}
	return st->scorer;
}

/*
 * Convert a float8 into a number column's type, a numeric rounded to the
 * column's scale as an INSERT would (numeric_fits checked its precision).
 */
static Datum
number_datum(double v, Oid typ, int32 typmod)
{
	switch (typ)
	{
		case FLOAT4OID:
			return Float4GetDatum((float4) v);
		case NUMERICOID:
			{
				Datum		n = DirectFunctionCall1(float8_numeric, Float8GetDatum(v));

				return typmod >= (int32) VARHDRSZ ?
					DirectFunctionCall2(numeric, n, Int32GetDatum(typmod)) : n;
			}
		case INT2OID:
			return Int16GetDatum((int16) rint(v));
		case INT4OID:
			return Int32GetDatum((int32) rint(v));
		case INT8OID:
			return Int64GetDatum((int64) rint(v));
		default:
			return Float8GetDatum(v);
	}
}

/* Return a number Datum of a known type as a float8. */
static double
number_value(Datum d, Oid typ)
{
	switch (typ)
	{
		case FLOAT4OID:
			return DatumGetFloat4(d);
		case NUMERICOID:
			return DatumGetFloat8(DirectFunctionCall1(numeric_float8, d));
		case INT2OID:
			return DatumGetInt16(d);
		case INT4OID:
			return DatumGetInt32(d);
		case INT8OID:
			return (double) DatumGetInt64(d);
		case FLOAT8OID:
			return DatumGetFloat8(d);
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("empathy.tag_message: the score field of empathy.empathy_score has type %s",
							format_type_be(typ)),
					 errdetail("A number type was expected.")));
	}
	return 0;					/* keep the compiler quiet */
}

/* Return a column's value as a text datum, or true in *isnull. */
static Datum
input_value(HeapTuple tup, TupleDesc desc, AttrNumber attnum, bool *isnull)
{
	if (attnum == 0)
	{
		*isnull = true;
		return (Datum) 0;
	}
	return heap_getattr(tup, attnum, desc, isnull);
}

/* Call empathy_score(reply, message, name), honouring its strictness; NULL sets *isnull. */
static Datum
call_empathy_score(TagState *st, Datum reply, Datum msg, bool msgnull, Datum name,
				   bool namenull, bool *isnull)
{
	LOCAL_FCINFO(fc, 4);
	Datum		result;
	int			k = 0;

	if (st->empathy_fn.fn_strict && (msgnull || namenull))
	{
		*isnull = true;
		return (Datum) 0;
	}
	/* with a configuration, empathy_score(config, reply, message, name) */
	InitFunctionCallInfoData(*fc, &st->empathy_fn, st->config[0] ? 4 : 3, InvalidOid, NULL, NULL);
	if (st->config[0])
	{
		fc->args[k].value = st->config_text;
		fc->args[k++].isnull = false;
	}
	fc->args[k].value = reply;
	fc->args[k++].isnull = false;
	fc->args[k].value = msg;
	fc->args[k++].isnull = msgnull;
	fc->args[k].value = name;
	fc->args[k].isnull = namenull;
	result = FunctionCallInvoke(fc);
	*isnull = fc->isnull;
	return result;
}

/* Return the empathy column's value from an empathy_score result. */
static Datum
empathy_value(TagState *st, Datum result, bool *isnull)
{
	Oid			typ = st->coltype[TAG_EMPATHY];
	HeapTupleHeader th;
	Oid			ftype;
	TupleDesc	rdesc;
	Datum		score;
	int			fno;

	if (!is_number_type(typ, true))
		return result;			/* the whole row */
	th = DatumGetHeapTupleHeader(result);
	rdesc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(th), HeapTupleHeaderGetTypMod(th));
	fno = SPI_fnumber(rdesc, "score");
	if (fno <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("empathy.tag_message: the result of empathy.empathy_score has no field \"score\"")));
	ftype = TupleDescAttr(rdesc, fno - 1)->atttypid;
	ReleaseTupleDesc(rdesc);
	score = GetAttributeByNum(th, (AttrNumber) fno, isnull);
	if (*isnull)
		return (Datum) 0;
	return number_datum(number_value(score, ftype), typ, st->coltypmod[TAG_EMPATHY]);
}

/* Fill values[]/nulls[] for the requested columns of one row; returns the column count. */
static int
tag_row(TagState *st, HeapTuple tup, TupleDesc desc, int *cols, Datum *values, bool *nulls)
{
	bool		bodynull;
	Datum		body = heap_getattr(tup, st->body, desc, &bodynull);
	bool		is_agent = true;
	EmpScores	s;
	EmpScorer  *sc = NULL;
	int			n = 0;

	if (st->role != 0)
	{
		bool		rnull;
		Datum		r = heap_getattr(tup, st->role, desc, &rnull);

		is_agent = !rnull && strcmp(TextDatumGetCString(r), "agent") == 0;
	}
	if (!bodynull && st->need_scores)
	{
		size_t		len;
		char	   *u;

		sc = state_scorer(st);
		u = empathy_text_to_utf8(DatumGetTextPP(body), &len);
		if (st->own_words > 0)
			u = (char *) empathy_own_words(u, len, &len);
		emp_score(sc, u, len, &s, NULL, NULL);
	}
	for (int t = 0; t < TAG_NTARGETS; t++)
	{
		Datum		v = (Datum) 0;
		bool		isnull = bodynull;

		if (st->col[t] == 0)
			continue;
		if ((t == TAG_MARKERS || t == TAG_EMPATHY) && !is_agent)
			isnull = true;
		if (!isnull)
		{
			switch ((TagTarget) t)
			{
				case TAG_EMOTIONS:
					{
						Emotions   *e = palloc(sizeof(Emotions));

						emotions_from_scores(e, &s);
						v = PointerGetDatum(e);
						break;
					}
				case TAG_SENTIMENT:
					v = number_datum(s.sentiment, st->coltype[t], st->coltypmod[t]);
					break;
				case TAG_ESCALATION:
					v = number_datum(s.escalation, st->coltype[t], st->coltypmod[t]);
					break;
				case TAG_DOMINANT:
					{
						int			d = emp_dominant(sc, &s);

						v = CStringGetTextDatum(d >= 0 ? emp_dim_names[d] : "neutral");
						break;
					}
				case TAG_LABELS:
					{
						int			dims[EMP_NDIMS];
						const char *names[EMP_NDIMS];
						int			k = emp_labels(sc, &s, dims);

						for (int i = 0; i < k; i++)
							names[i] = emp_dim_names[dims[i]];
						v = PointerGetDatum(empathy_names_array(names, k));
						break;
					}
				case TAG_MARKERS:
					v = st->config[0] ? FunctionCall2Coll(&st->markers_fn, InvalidOid, st->config_text, body)
						: FunctionCall1Coll(&st->markers_fn, InvalidOid, body);
					break;
				case TAG_EMPATHY:
					{
						bool		mnull,
									nnull;
						Datum		m = input_value(tup, desc, st->customer_message, &mnull);
						Datum		nm = input_value(tup, desc, st->customer_name, &nnull);

						v = call_empathy_score(st, body, m, mnull, nm, nnull, &isnull);
						if (!isnull)
							v = empathy_value(st, v, &isnull);
						break;
					}
				default:
					break;
			}
		}
		cols[n] = st->col[t];
		values[n] = v;
		nulls[n] = isnull;
		n++;
	}
	return n;
}

PG_FUNCTION_INFO_V1(tag_message);

/* Error context: the trigger whose row an error came from, when the error does not name it. */
static void
tag_message_context(void *arg)
{
	TriggerData *td = (TriggerData *) arg;

	errcontext("trigger \"%s\" on table \"%s\" (empathy.tag_message)",
			   td->tg_trigger->tgname, RelationGetRelationName(td->tg_relation));
}

/*
 * BEFORE INSERT OR UPDATE row trigger: score the text column and write the
 * requested scores into the row.
 */
Datum
tag_message(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	TagState   *st;
	HeapTuple	tup;
	TupleDesc	desc;
	int			cols[TAG_NTARGETS];
	Datum		values[TAG_NTARGETS];
	bool		nulls[TAG_NTARGETS];
	int			n;
	ErrorContextCallback errcb;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("empathy.tag_message() must be called as a trigger")));
	if (!TRIGGER_FIRED_BEFORE(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("empathy.tag_message: trigger \"%s\" must be BEFORE INSERT OR UPDATE and FOR EACH ROW",
						td->tg_trigger->tgname),
				 errhint("Create it as CREATE TRIGGER ... BEFORE INSERT OR UPDATE OF body ON ... FOR EACH ROW EXECUTE FUNCTION empathy.tag_message(...).")));

	/* an unknown configuration, a value a column cannot hold: say which trigger */
	errcb.callback = tag_message_context;
	errcb.arg = td;
	errcb.previous = error_context_stack;
	error_context_stack = &errcb;

	st = (TagState *) fcinfo->flinfo->fn_extra;
	if (st == NULL || st->relid != RelationGetRelid(td->tg_relation) ||
		st->tgoid != td->tg_trigger->tgoid)
	{
		TagState	fresh;

		build_state(&fresh, td, get_func_namespace(fcinfo->flinfo->fn_oid),
					fcinfo->flinfo->fn_mcxt);
		if (st == NULL)
			st = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(TagState));
		memcpy(st, &fresh, sizeof(TagState));
		fcinfo->flinfo->fn_extra = st;
	}

	tup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	desc = RelationGetDescr(td->tg_relation);
	n = tag_row(st, tup, desc, cols, values, nulls);
	tup = heap_modify_tuple_by_cols(tup, desc, n, cols, values, nulls);
	error_context_stack = errcb.previous;
	return PointerGetDatum(tup);
}
