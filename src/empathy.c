/*-------------------------------------------------------------------------
 *
 * empathy.c
 *	  Module entry, the palloc-backed engine allocator, error mapping and
 *	  encoding conversion shared by the rest of the binding.
 *
 * The engine works on UTF-8.  In a UTF-8 database text is passed through
 * untouched; in any other server encoding it is converted to UTF-8 on the
 * way in and back on the way out.  SQL_ASCII declares no encoding at all:
 * its bytes are handed to the engine as they are, and the engine treats
 * bytes that are not valid UTF-8 as separators, so such text scores as if
 * those bytes were spaces.
 *
 *-------------------------------------------------------------------------
 */
#include "empathy.h"
#include "emp_config.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/typcache.h"
#include "utils/tuplestore.h"
#include "common/string.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Allocate in the context given as ctx. */
static void *
context_alloc(void *ctx, size_t size)
{
	return MemoryContextAlloc((MemoryContext) ctx, size ? size : 1);
}

/* Allocate in the context given as ctx; NULL when the memory cannot be had. */
static void *
context_try_alloc(void *ctx, size_t size)
{
	return MemoryContextAllocExtended((MemoryContext) ctx, size ? size : 1, MCXT_ALLOC_NO_OOM);
}

/* Allocate in CurrentMemoryContext. */
static void *
current_alloc(void *ctx, size_t size)
{
	return palloc(size ? size : 1);
}

/* Allocate in CurrentMemoryContext; NULL when the memory cannot be had. */
static void *
current_try_alloc(void *ctx, size_t size)
{
	return palloc_extended(size ? size : 1, MCXT_ALLOC_NO_OOM);
}

static void
pfree_release(void *ctx, void *ptr)
{
	pfree(ptr);
}

static void
check_interrupts(void *ctx)
{
	CHECK_FOR_INTERRUPTS();
}

static EmpAllocator current_allocator = {current_alloc, pfree_release, check_interrupts, NULL, current_try_alloc};

/* Return the allocator over CurrentMemoryContext. */
EmpAllocator *
empathy_palloc_allocator(void)
{
	return &current_allocator;
}

/* Return a new allocator (itself allocated in cxt) over cxt. */
EmpAllocator *
empathy_context_allocator(MemoryContext cxt)
{
	EmpAllocator *a = MemoryContextAlloc(cxt, sizeof(EmpAllocator));

	a->alloc = context_alloc;
	a->release = pfree_release;
	a->check_interrupts = check_interrupts;
	a->ctx = cxt;
	a->try_alloc = context_try_alloc;
	return a;
}

/* Map an engine error code to an SQLSTATE. */
int
empathy_error_sqlstate(EmpErrorCode code)
{
	switch (code)
	{
		case EMP_ERR_SYNTAX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case EMP_ERR_TOO_LARGE:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case EMP_ERR_TOO_DEEP:
			return ERRCODE_STATEMENT_TOO_COMPLEX;
		case EMP_ERR_MISSING:
		case EMP_ERR_INVALID_VALUE:
		case EMP_OK:
			break;
	}
	return ERRCODE_INVALID_PARAMETER_VALUE;
}

/* Set up a materialize-mode set-returning call. */
Tuplestorestate *
empathy_begin_srf(FunctionCallInfo fcinfo, const char *fn, TupleDesc *desc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TupleDesc	rdesc;
	MemoryContext old;
	Tuplestorestate *store;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s() must be called in a context that accepts a set", fn)));
	if (get_call_result_type(fcinfo, NULL, &rdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "%s: return type must be a row type", fn);
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	*desc = CreateTupleDescCopy(rdesc);
	store = tuplestore_begin_heap(rsinfo->allowedModes & SFRM_Materialize_Random, false, work_mem);
	MemoryContextSwitchTo(old);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = *desc;
	return store;
}

int
empathy_clip(const char *s, int limit)
{
	return empathy_cliplen(s, (int) strnlen(s, (size_t) limit + MAX_MULTIBYTE_CHAR_LEN), limit);
}

/* "..." when s is longer than its first clipped bytes (empathy_clip), else "". */
const char *
empathy_clip_more(const char *s, int clipped)
{
	return s[clipped] != '\0' ? "..." : "";
}

/*
 * pg_mbcliplen() for text the extension reads: in SQL_ASCII, where text is
 * read as UTF-8 but the server counts bytes, it does not cut a UTF-8
 * character in two either (a message holding half of one cannot be sent to
 * a UTF-8 client).
 */
int
empathy_cliplen(const char *s, int len, int limit)
{
	int			n;

	if (GetDatabaseEncoding() != PG_SQL_ASCII)
		return pg_mbcliplen(s, len, limit);
	if (len <= limit)
		return len;
	n = limit;
	/* back to the start of the character the limit falls in (at most 3 bytes) */
	for (int i = 0; i < 3 && n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80; i++)
		n--;
	if (n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80)
		return limit;			/* not UTF-8 there: bytes, as the server counts */
	return n;
}

/* Return the bytes of t as UTF-8; *len gets their length. */
char *
empathy_text_to_utf8(text *t, size_t *len)
{
	char	   *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);
	int			enc = GetDatabaseEncoding();

	if (enc != PG_UTF8 && enc != PG_SQL_ASCII && n > 0)
	{
		char	   *u = (char *) pg_do_encoding_conversion((unsigned char *) s, n, enc, PG_UTF8);

		if (u != s)
			n = strlen(u);
		s = u;
	}
	*len = (size_t) n;
	return s;
}

/*
 * The characters in nbytes of text as the engine reads it, as PostgreSQL's
 * own string functions count them: UTF-8 characters, except in SQL_ASCII,
 * which declares no encoding and whose characters are bytes (so that an
 * explain row's position works with substr() and strpos() there too, with
 * bytes that are no UTF-8).
 */
long
empathy_char_count(const char *s, size_t nbytes)
{
	if (GetDatabaseEncoding() == PG_SQL_ASCII)
		return (long) nbytes;
	return emp_utf8_charcount(s, nbytes);
}

/*
 * A 1-based position the engine counted in UTF-8 characters of s[0..len)
 * (a template error's), as empathy_char_count counts: the same, except in
 * SQL_ASCII, where it becomes the byte position of that character.
 */
long
empathy_char_position(const char *s, size_t len, long utf8pos)
{
	long		n = 0;

	if (GetDatabaseEncoding() != PG_SQL_ASCII || utf8pos <= 0)
		return utf8pos;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80 && ++n == utf8pos)
			return (long) i + 1;
	return (long) len + 1;		/* just past the end */
}

/* Return a NUL-terminated string of the database encoding as UTF-8. */
char *
empathy_cstring_to_utf8(const char *s)
{
	int			enc = GetDatabaseEncoding();

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
		return (char *) s;
	return pg_server_to_any(s, (int) strlen(s), PG_UTF8);
}

/*
 * An errdetail from an engine message's reason (a lowercase phrase: 'term
 * "" has no words') and its own detail, if any: the reason as a sentence
 * (capital letter, full stop), then the detail; both in the database
 * encoding.
 */
char *
empathy_reason_detail(const char *reason, const char *detail)
{
	StringInfoData buf;
	const char *r = empathy_message_to_server(reason);
	size_t		n = strlen(r);

	initStringInfo(&buf);
	if (n > 0)
	{
		appendStringInfoChar(&buf, (r[0] >= 'a' && r[0] <= 'z') ? r[0] - 'a' + 'A' : r[0]);
		appendBinaryStringInfo(&buf, r + 1, (int) n - 1);
		if (r[n - 1] != '.')
			appendStringInfoChar(&buf, '.');
	}
	if (detail != NULL && detail[0] != '\0')
	{
		if (buf.len > 0)
			appendStringInfoChar(&buf, ' ');
		appendStringInfoString(&buf, empathy_message_to_server(detail));
	}
	return buf.data;
}

/*
 * Return an engine message (UTF-8) in the database encoding, for an error
 * report.  It quotes the user's own text, which the encoding can hold; a
 * character it still cannot hold becomes "?", and bytes that are no whole
 * UTF-8 character (a quote cut short) are left out.  No error is raised:
 * this runs while the report that quotes it is being built.
 */
const char *
empathy_message_to_server(const char *s)
{
	int			enc = GetDatabaseEncoding();
	const unsigned char *u = (const unsigned char *) s;
	int			len = (int) strlen(s);
	StringInfoData valid;
	StringInfoData out;
	Oid			proc;
	int			pos = 0;

	if (enc == PG_SQL_ASCII || pg_is_ascii(s))
		return s;
	initStringInfo(&valid);
	for (int p = 0; p < len;)
	{
		int			n = pg_utf_mblen(u + p);

		if (p + n <= len && pg_utf8_islegal(u + p, n))
		{
			appendBinaryStringInfo(&valid, s + p, n);
			p += n;
		}
		else
			p++;
	}
	if (enc == PG_UTF8)
		return valid.data;
	proc = FindDefaultConversionProc(PG_UTF8, enc);
	initStringInfo(&out);
	while (pos < valid.len)
	{
		const unsigned char *v = (const unsigned char *) valid.data;

		if (OidIsValid(proc))
		{
			int			cap = (valid.len - pos) * MAX_CONVERSION_GROWTH + 1;

			enlargeStringInfo(&out, cap);
			pos += pg_do_encoding_conversion_buf(proc, PG_UTF8, enc, (unsigned char *) valid.data + pos,
												 valid.len - pos, (unsigned char *) out.data + out.len,
												 cap, true);
			out.len += (int) strlen(out.data + out.len);
		}
		if (pos < valid.len)
		{
			/* a character the encoding lacks */
			appendStringInfoChar(&out, v[pos] < 0x80 ? (char) v[pos] : '?');
			pos += v[pos] < 0x80 ? 1 : pg_utf_mblen(v + pos);
		}
	}
	return out.data;
}

/*
 * A context for one row's datums of a set-returning function, which the
 * row callback resets once the tuplestore has copied the row: without it a
 * call's rows (an explain of a long text has millions) would hold their
 * datums until the call ends, whatever work_mem lets the tuplestore keep.
 */
MemoryContext
empathy_row_context(void)
{
	return AllocSetContextCreate(CurrentMemoryContext, "empathy row", ALLOCSET_SMALL_SIZES);
}

/* Return UTF-8 bytes as a text in the database encoding. */
text *
empathy_utf8_to_text(const char *s, size_t len)
{
	int			enc = GetDatabaseEncoding();

	if (enc != PG_UTF8 && enc != PG_SQL_ASCII && len > 0)
	{
		char	   *c = (char *) pg_do_encoding_conversion((unsigned char *) s, (int) len, PG_UTF8, enc);

		if (c != s)
			len = strlen(c);
		s = c;
	}
	return cstring_to_text_with_len(s, (int) len);
}

/*
 * Return a text[] of n C strings, built in one allocation: the array
 * construct_array() would build from their text datums, without a palloc
 * and a copy per element.  Functions returning marker, label and penalty
 * names call this once per row.
 */
ArrayType *
empathy_names_array(const char *const *names, int n)
{
	Size		nbytes = ARR_OVERHEAD_NONULLS(1);
	ArrayType  *a;
	char	   *p;

	if (n <= 0)
		return construct_empty_array(TEXTOID);
	for (int i = 0; i < n; i++)
		nbytes += INTALIGN(VARHDRSZ + strlen(names[i]));
	if (!AllocSizeIsValid(nbytes))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("array size exceeds the maximum allowed (%d)", (int) MaxAllocSize)));
	a = (ArrayType *) palloc0(nbytes);
	SET_VARSIZE(a, nbytes);
	a->ndim = 1;
	a->dataoffset = 0;
	a->elemtype = TEXTOID;
	ARR_DIMS(a)[0] = n;
	ARR_LBOUND(a)[0] = 1;
	p = ARR_DATA_PTR(a);
	for (int i = 0; i < n; i++)
	{
		size_t		len = strlen(names[i]);

		SET_VARSIZE(p, VARHDRSZ + len);
		memcpy(VARDATA(p), names[i], len);
		p += INTALIGN(VARHDRSZ + len);
	}
	return a;
}

/*
 * Form a row of the function's composite result type.  A function of ours
 * that returns a named composite type returns it whatever the call: its
 * type cache entry is found once per function and kept (the type cache
 * never frees an entry; it drops the entry's descriptor, setting it to
 * NULL, when the type changes, and is asked again then).  The descriptor
 * is used unpinned, since nothing in heap_form_tuple() reads the catalogs
 * or takes an invalidation.  Per call this saves a hash lookup and the pin
 * and unpin of the descriptor, and keeps their code out of a hot loop's
 * instruction cache.  Called without an expression (DirectFunctionCall)
 * or for a record type, it falls back to get_call_result_type().
 */
Datum
empathy_result_row(FunctionCallInfo fcinfo, const char *fn, Datum *values, bool *nulls)
{
	static Oid	cached_fn = InvalidOid;
	static TypeCacheEntry *cached_type = NULL;
	TupleDesc	desc;

	if (fcinfo->flinfo->fn_oid != cached_fn || cached_type == NULL || cached_type->tupDesc == NULL)
	{
		Oid			rettype = get_fn_expr_rettype(fcinfo->flinfo);

		cached_fn = InvalidOid;
		if (OidIsValid(rettype) && rettype != RECORDOID)
		{
			cached_type = lookup_type_cache(rettype, TYPECACHE_TUPDESC);
			if (cached_type->tupDesc != NULL)
				cached_fn = fcinfo->flinfo->fn_oid;
		}
	}
	if (OidIsValid(cached_fn))
		return HeapTupleGetDatum(heap_form_tuple(cached_type->tupDesc, values, nulls));
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "%s: return type must be a row type", fn);
	desc = BlessTupleDesc(desc);
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}

/* Module load: define the GUC namespace. */
void
_PG_init(void)
{
	DefineCustomIntVariable("empathy.config_cache_size",
							"Derived configurations a session keeps built.",
							"Each kept configuration holds about 6 MB (its lexicon and its marker catalogue); "
							"past this many, the one used least recently is dropped and built again when next used.",
							&empathy_config_cache_size, 8, 1, 64, PGC_USERSET, 0, NULL, NULL, NULL);
#if PG_VERSION_NUM >= 150000
	MarkGUCPrefixReserved("empathy");
#else
	EmitWarningsOnPlaceholders("empathy");
#endif
}
