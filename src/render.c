/*-------------------------------------------------------------------------
 *
 * render.c
 *	  SQL interface of the template engine: render(), the text % jsonb
 *	  operator, template_check() and template_is_valid().
 *
 * The engine reads values through an EmpTplSource; here it is implemented
 * over a Jsonb without copying or allocating: strings point into the Jsonb,
 * containers are JsonbContainer pointers, and array elements are decoded in
 * place from their JEntry (getIthJsonbValueFromContainer would palloc one
 * JsonbValue per element).  Only numbers allocate, through numeric_out, and
 * that text is freed at once; and in a database whose encoding is neither
 * UTF-8 nor SQL_ASCII, strings and keys are converted as they are read.
 *
 * A compiled template is cached per call site in fn_extra: a memory context
 * under fn_mcxt holds the template bytes it was compiled from and the
 * compiled program with its scratch buffers.  A call whose template bytes
 * match reuses it, so a constant template is compiled once per query; a
 * template that changes from row to row resets the context and recompiles.
 *
 * The rendered text is built in place behind a varlena header, so the
 * result needs no copy in UTF-8 (and SQL_ASCII) databases.
 *
 *-------------------------------------------------------------------------
 */
#include "empathy.h"

#include "catalog/namespace.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "template.h"

/* Per-call-site cache of the compiled template. */
typedef struct RenderCache
{
	MemoryContext cxt;			/* holds src and tpl; child of fn_mcxt */
	char	   *src;			/* template bytes as received */
	int			srclen;
	EmpTemplate *tpl;
} RenderCache;

/*
 * Raise a template error as an ERROR; src[0..len) is the template as the
 * engine read it, for the position.
 */
static void
report_template_error(const EmpError *err, const char *src, size_t len)
{
	int			sqlstate = empathy_error_sqlstate(err->code);
	bool		syntax = err->code == EMP_ERR_SYNTAX || err->code == EMP_ERR_TOO_DEEP;
	long		position = empathy_char_position(src, len, err->position);

	if (err->code == EMP_ERR_MISSING)
		sqlstate = ERRCODE_SQL_JSON_MEMBER_NOT_FOUND;
	if (err->position > 0)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("%s%s at character %ld", syntax ? "invalid template: " : "",
						empathy_message_to_server(err->message), position),
				 err->detail[0] ? errdetail("%s", empathy_message_to_server(err->detail)) : 0,
				 err->hint[0] ? errhint("%s", empathy_message_to_server(err->hint)) : 0));
	else
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("%s%s", syntax ? "invalid template: " : "", empathy_message_to_server(err->message)),
				 err->detail[0] ? errdetail("%s", empathy_message_to_server(err->detail)) : 0,
				 err->hint[0] ? errhint("%s", empathy_message_to_server(err->hint)) : 0));
	pg_unreachable();
}

/* ---- the value source over Jsonb ---- */

/*
 * Jsonb keeps its strings in the database encoding, and the engine works
 * in UTF-8.  In a UTF-8 (or SQL_ASCII) database nothing is converted; in
 * any other, strings are converted as they are read and keys on the way
 * in.  src->ctx is non-NULL when conversion is needed.
 */
static void *
needs_conversion(void)
{
	int			enc = GetDatabaseEncoding();

	return (enc == PG_UTF8 || enc == PG_SQL_ASCII) ? NULL : (void *) 1;
}

/* Convert a string value to UTF-8 when the source needs it. */
static inline void
string_to_utf8(void *ctx, EmpTplValue *v)
{
	if (ctx && v->kind == EMP_TPL_STRING && v->len > 0)
	{
		char	   *u = (char *) pg_do_encoding_conversion((unsigned char *) v->str, (int) v->len,
														   GetDatabaseEncoding(), PG_UTF8);

		if (u != v->str)
			v->len = strlen(u);
		v->str = u;
	}
}

/* Make a value handle for a container. */
static void
container_value(JsonbContainer *jc, EmpTplValue *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = JsonContainerIsArray(jc) ? EMP_TPL_ARRAY : EMP_TPL_OBJECT;
	out->count = JsonContainerSize(jc);
	out->p = jc;
}

/* Make a value handle for a JsonbValue (as getKeyJsonValueFromContainer fills). */
static void
jsonb_value(const JsonbValue *jv, EmpTplValue *out)
{
	memset(out, 0, sizeof(*out));
	switch (jv->type)
	{
		case jbvNull:
			out->kind = EMP_TPL_NULL;
			break;
		case jbvString:
			out->kind = EMP_TPL_STRING;
			out->str = jv->val.string.val;
			out->len = jv->val.string.len;
			break;
		case jbvNumeric:
			out->kind = EMP_TPL_NUMBER;
			out->p = jv->val.numeric;
			break;
		case jbvBool:
			out->kind = jv->val.boolean ? EMP_TPL_TRUE : EMP_TPL_FALSE;
			break;
		case jbvBinary:
			container_value(jv->val.binary.data, out);
			break;
		default:
			out->kind = EMP_TPL_MISSING;
			break;
	}
}

/* Decode child index of a container in place (no palloc). */
static void
container_child(const JsonbContainer *jc, uint32 index, EmpTplValue *out)
{
	uint32		nchildren = JsonContainerSize(jc) * (JsonContainerIsObject(jc) ? 2 : 1);
	const char *base = (const char *) &jc->children[nchildren];
	JEntry		entry = jc->children[index];
	uint32		offset = getJsonbOffset(jc, index);

	memset(out, 0, sizeof(*out));
	if (JBE_ISNULL(entry))
		out->kind = EMP_TPL_NULL;
	else if (JBE_ISSTRING(entry))
	{
		out->kind = EMP_TPL_STRING;
		out->str = base + offset;
		out->len = JBE_HAS_OFF(entry) ? JBE_OFFLENFLD(entry) - offset : JBE_OFFLENFLD(entry);
	}
	else if (JBE_ISNUMERIC(entry))
	{
		out->kind = EMP_TPL_NUMBER;
		out->p = base + INTALIGN(offset);
	}
	else if (JBE_ISBOOL_TRUE(entry))
		out->kind = EMP_TPL_TRUE;
	else if (JBE_ISBOOL_FALSE(entry))
		out->kind = EMP_TPL_FALSE;
	else
		container_value((JsonbContainer *) (base + INTALIGN(offset)), out);
}

static bool
jb_member(void *ctx, const EmpTplValue *obj, const char *key, size_t keylen, EmpTplValue *out)
{
	JsonbValue	jv;

	if (obj->count == 0 || keylen > PG_INT32_MAX)
		return false;
	if (ctx && keylen > 0)
	{
		char	   *k = (char *) pg_do_encoding_conversion((unsigned char *) key, (int) keylen,
														   PG_UTF8, GetDatabaseEncoding());

		if (k != key)
			keylen = strlen(k);
		key = k;
	}
	if (getKeyJsonValueFromContainer((JsonbContainer *) obj->p, key, (int) keylen, &jv) == NULL)
		return false;
	jsonb_value(&jv, out);
	string_to_utf8(ctx, out);
	return true;
}

static void
jb_element(void *ctx, const EmpTplValue *arr, size_t index, EmpTplValue *out)
{
	container_child(arr->p, (uint32) index, out);
	string_to_utf8(ctx, out);
}

static void
jb_entry(void *ctx, const EmpTplValue *obj, size_t index, EmpTplValue *key, EmpTplValue *val)
{
	const JsonbContainer *jc = obj->p;

	container_child(jc, (uint32) index, key);
	container_child(jc, (uint32) (index + JsonContainerSize(jc)), val);
	string_to_utf8(ctx, key);
	string_to_utf8(ctx, val);
}

static bool
jb_number_text(void *ctx, const EmpTplValue *num, EmpBuf *out)
{
	char	   *s = DatumGetCString(DirectFunctionCall1(numeric_out, PointerGetDatum(num->p)));
	bool		ok = emp_buf_append(out, s, strlen(s));

	pfree(s);
	return ok;
}

/* Set up a source over a Jsonb (NULL: an empty object). */
static void
jsonb_source(EmpTplSource *src, Jsonb *jb)
{
	memset(src, 0, sizeof(*src));
	src->member = jb_member;
	src->element = jb_element;
	src->entry = jb_entry;
	src->number_text = jb_number_text;
	src->ctx = needs_conversion();
	if (jb == NULL)
	{
		src->root.kind = EMP_TPL_OBJECT;
		src->root.count = 0;
	}
	else if (JB_ROOT_IS_SCALAR(jb))
	{
		JsonbValue	jv;

		if (JsonbExtractScalar(&jb->root, &jv))
		{
			jsonb_value(&jv, &src->root);
			string_to_utf8(src->ctx, &src->root);
		}
		else
			src->root.kind = EMP_TPL_MISSING;
	}
	else
		container_value(&jb->root, &src->root);
}

/* ---- compile cache ---- */

/* Return the compiled template for t, from the call site's cache. */
static EmpTemplate *
cached_template(FunctionCallInfo fcinfo, text *t)
{
	RenderCache *c = (RenderCache *) fcinfo->flinfo->fn_extra;
	const char *bytes = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);
	char	   *utf8;
	size_t		len;
	EmpError	err;
	EmpTemplate *tpl;

	if (c && c->tpl && c->srclen == n && memcmp(c->src, bytes, n) == 0)
		return c->tpl;
	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RenderCache));
		c->cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "empathy template",
									   ALLOCSET_SMALL_SIZES);
		fcinfo->flinfo->fn_extra = c;
	}
	else
		MemoryContextReset(c->cxt);
	c->tpl = NULL;
	utf8 = empathy_text_to_utf8(t, &len);
	memset(&err, 0, sizeof(err));
	tpl = emp_template_compile(empathy_context_allocator(c->cxt), utf8, len, &err);
	if (tpl == NULL)
		report_template_error(&err, utf8, len);
	c->src = MemoryContextAlloc(c->cxt, n > 0 ? n : 1);
	memcpy(c->src, bytes, n);
	c->srclen = n;
	c->tpl = tpl;
	return tpl;
}

/* Parse the escape argument. */
static EmpTplEscape
escape_arg(text *e)
{
	EmpTplEscape esc;

	if (!emp_tpl_escape_lookup(VARDATA_ANY(e), VARSIZE_ANY_EXHDR(e), &esc))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown escape mode \"%s\"", text_to_cstring(e)),
				 errhint("Use 'text', 'html' or 'json'.")));
	return esc;
}

/*
 * Does the database encoding have code point cp?  For a render in an
 * encoding other than UTF-8: the characters a render makes itself (case
 * mappings, the default ellipsis) must convert.  Answers for the Basic
 * Multilingual Plane are kept, two bits each, for the backend's life (its
 * database, so its encoding, never changes).
 */
static bool
representable_in_server(void *arg, int32_t cp)
{
	static uint8 known[0x10000 / 4];	/* 0 unknown, 1 yes, 2 no */
	static Oid	proc = InvalidOid;
	static bool proc_looked_up = false;
	int			enc = GetDatabaseEncoding();
	unsigned char src[8];
	unsigned char dst[8 * MAX_CONVERSION_GROWTH + 1];
	int			len;
	bool		ok;

	if (cp < 0x80 || enc == PG_UTF8 || enc == PG_SQL_ASCII)
		return true;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return false;
	if (cp < 0x10000 && ((known[cp >> 2] >> ((cp & 3) * 2)) & 3) != 0)
		return ((known[cp >> 2] >> ((cp & 3) * 2)) & 3) == 1;
	if (!proc_looked_up)
	{
		proc = FindDefaultConversionProc(PG_UTF8, enc);
		proc_looked_up = true;
	}
	unicode_to_utf8((pg_wchar) cp, src);
	len = pg_utf_mblen(src);
	ok = OidIsValid(proc) &&
		pg_do_encoding_conversion_buf(proc, PG_UTF8, enc, src, len, dst, sizeof(dst), true) == len;
	if (cp < 0x10000)
		known[cp >> 2] |= (uint8) ((ok ? 1 : 2) << ((cp & 3) * 2));
	return ok;
}

PG_FUNCTION_INFO_V1(render);

/*
 * Render a template over jsonb variables: render(template, vars, escape,
 * strict), and the text % jsonb operator (two arguments).  A NULL template
 * gives NULL; NULL vars are an empty object; a NULL escape is 'text' and a
 * NULL strict is false.
 */
Datum
render(PG_FUNCTION_ARGS)
{
	text	   *tpl_text;
	Jsonb	   *vars = NULL;
	EmpTemplate *tpl;
	EmpTplSource src;
	EmpTplRenderOptions opts;
	EmpBuf		out;
	EmpError	err;
	int			enc;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	tpl_text = PG_GETARG_TEXT_PP(0);
	memset(&opts, 0, sizeof(opts));
	opts.escape = EMP_TPL_ESCAPE_TEXT;
	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
		opts.escape = escape_arg(PG_GETARG_TEXT_PP(2));
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
		opts.strict = PG_GETARG_BOOL(3);
	enc = GetDatabaseEncoding();
	if (enc != PG_UTF8 && enc != PG_SQL_ASCII)
		opts.representable = representable_in_server;
	if (!PG_ARGISNULL(1))
		vars = PG_GETARG_JSONB_P(1);

	tpl = cached_template(fcinfo, tpl_text);
	jsonb_source(&src, vars);

	emp_buf_init(&out, empathy_palloc_allocator(), VARHDRSZ + emp_template_size_hint(tpl), MaxAllocSize);
	out.len = VARHDRSZ;			/* room for the varlena header */
	memset(&err, 0, sizeof(err));
	if (!emp_template_render(tpl, &src, &opts, &out, &err))
	{
		size_t		tlen;
		char	   *tutf8 = empathy_text_to_utf8(tpl_text, &tlen);

		report_template_error(&err, tutf8, tlen);
	}

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
	{
		SET_VARSIZE(out.data, out.len);
		PG_RETURN_TEXT_P((text *) out.data);
	}
	PG_RETURN_TEXT_P(empathy_utf8_to_text(out.data + VARHDRSZ, out.len - VARHDRSZ));
}

/* ---- lint ---- */

typedef struct CheckState
{
	Tuplestorestate *store;
	TupleDesc	desc;
	const char *src;			/* the template as the engine reads it */
	size_t		len;
	MemoryContext rowcxt;		/* the current row's datums */
} CheckState;

/* Add one finding as a row. */
static void
check_report(void *arg, long position, const char *severity, const char *message)
{
	CheckState *st = arg;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	MemoryContext old = MemoryContextSwitchTo(st->rowcxt);

	values[0] = Int32GetDatum((int32) empathy_char_position(st->src, st->len, position));
	values[1] = CStringGetTextDatum(severity);
	values[2] = PointerGetDatum(empathy_utf8_to_text(message, strlen(message)));
	if (position <= 0)
		nulls[0] = true;
	MemoryContextSwitchTo(old);
	tuplestore_putvalues(st->store, st->desc, values, nulls);
	MemoryContextReset(st->rowcxt);
}

PG_FUNCTION_INFO_V1(template_check);

/*
 * List the problems of a template: its syntax error, if any, and, given a
 * sample of the variables, the variables the sample lacks.
 */
Datum
template_check(PG_FUNCTION_ARGS)
{
	CheckState	st;
	EmpTplSource src;
	EmpError	err;
	char	   *utf8;
	size_t		len;

	st.store = empathy_begin_srf(fcinfo, "template_check", &st.desc);

	if (PG_ARGISNULL(0))
		return (Datum) 0;
	utf8 = empathy_text_to_utf8(PG_GETARG_TEXT_PP(0), &len);
	st.src = utf8;
	st.len = len;
	st.rowcxt = empathy_row_context();
	if (!PG_ARGISNULL(1))
		jsonb_source(&src, PG_GETARG_JSONB_P(1));
	memset(&err, 0, sizeof(err));
	if (!emp_template_check(empathy_palloc_allocator(), utf8, len,
							PG_ARGISNULL(1) ? NULL : &src, check_report, &st, &err))
		report_template_error(&err, utf8, len);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(template_is_valid);

/* Tell whether a template compiles (for CHECK constraints). */
Datum
template_is_valid(PG_FUNCTION_ARGS)
{
	size_t		len;
	char	   *utf8 = empathy_text_to_utf8(PG_GETARG_TEXT_PP(0), &len);
	EmpError	err;
	EmpTemplate *tpl;

	memset(&err, 0, sizeof(err));
	tpl = emp_template_compile(empathy_palloc_allocator(), utf8, len, &err);
	emp_template_free(tpl);
	PG_RETURN_BOOL(tpl != NULL);
}
