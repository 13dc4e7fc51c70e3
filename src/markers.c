/*-------------------------------------------------------------------------
 *
 * markers.c
 *	  SQL functions over agent replies: markers, empathy_score,
 *	  explain_empathy, and the validation trigger of empathy.config_markers.
 *
 * The built-in catalogue (data/builtin/markers.tsv) is compiled once per
 * backend into a child of TopMemoryContext.  A named configuration's
 * catalogue is the built-in one plus the rows of empathy.config_markers of
 * the configuration and its parents; it is built on first use in a child
 * of CacheMemoryContext and dropped whenever the configuration cache
 * generation changes (a change to any configuration table, see config.c).
 *
 *-------------------------------------------------------------------------
 */
#include "empathy.h"
#include "emp_config.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "builtin.h"
#include "markers.h"

#define EMPATHY_MAX_PARENT_DEPTH	16

typedef struct CachedMarkers
{
	char		name[NAMEDATALEN];
	MemoryContext cxt;
	EmpMarkerSet *ms;
	struct CachedMarkers *next;
} CachedMarkers;

static EmpMarkerSet *builtin_markers = NULL;
static CachedMarkers *user_markers = NULL;
static int	n_user_markers = 0;
static uint64 user_changes = 0;

/* Return the built-in marker catalogue, compiling it on first use. */
static EmpMarkerSet *
markers_builtin(void)
{
	if (builtin_markers == NULL)
	{
		MemoryContext cxt = AllocSetContextCreate(TopMemoryContext, "empathy builtin markers",
												  ALLOCSET_DEFAULT_SIZES);
		EmpError	err;

		memset(&err, 0, sizeof(err));
		PG_TRY();
		{
			EmpMarkerSet *ms = emp_builtin_markers(empathy_context_allocator(cxt), empathy_stemmer(), &err);

			if (ms == NULL)
				elog(ERROR, "empathy: built-in markers are invalid: %s", err.message);
			builtin_markers = ms;
		}
		PG_CATCH();
		{
			MemoryContextDelete(cxt);
			PG_RE_THROW();
		}
		PG_END_TRY();
	}
	return builtin_markers;
}

/* Add a configuration's own marker rows (and its parents', root first) to ms. */
static void
apply_config_markers(EmpMarkerSet *ms, const char *name)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];

	values[0] = CStringGetTextDatum(name);
	/* the configuration and its ancestors, root first, so children come last and win */
	if (SPI_execute_with_args(
							  "WITH RECURSIVE up(name, parent, depth) AS ("
							  " SELECT name, parent, 0 FROM empathy.configurations WHERE name OPERATOR(pg_catalog.=) $1"
							  " UNION ALL"
							  " SELECT c.name, c.parent, up.depth OPERATOR(pg_catalog.+) 1 FROM empathy.configurations c"
							  " JOIN up ON c.name OPERATOR(pg_catalog.=) up.parent WHERE up.depth OPERATOR(pg_catalog.<) 16)"
							  " SELECT m.category, m.strength, m.phrase FROM up"
							  " JOIN empathy.config_markers m ON m.config OPERATOR(pg_catalog.=) up.name"
							  /* byte order, not the database's collation: phrases that read the same
							   * words ("Consider it done", "consider it  done") apply in the same
							   * order everywhere, and the last one's category is kept */
							  " ORDER BY up.depth DESC, m.phrase COLLATE pg_catalog.\"C\", m.category COLLATE pg_catalog.\"C\", m.strength",
							  1, argtypes, values, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "empathy: could not read empathy.config_markers");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *cat = SPI_getvalue(tup, desc, 1);
		char	   *str = SPI_getvalue(tup, desc, 2);
		char	   *phrase = SPI_getvalue(tup, desc, 3);
		char	   *u;
		EmpError	err;

		if (cat == NULL || str == NULL || phrase == NULL)
			continue;
		u = empathy_cstring_to_utf8(phrase);
		memset(&err, 0, sizeof(err));
		if (!emp_markers_add_user(ms, emp_marker_lookup(cat, strlen(cat)), atoi(str), u, strlen(u), &err))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid marker \"%.*s%s\" in configuration \"%s\": %s",
							empathy_clip(phrase, 60), phrase, empathy_clip_more(phrase, empathy_clip(phrase, 60)),
							name, empathy_message_to_server(err.message))));
		CHECK_FOR_INTERRUPTS();
	}
}

/* Build a configuration's catalogue in its own context. */
static CachedMarkers *
build_config_markers(const char *name)
{
	volatile MemoryContext cxt = NULL;
	CachedMarkers *c = NULL;
	bool		pushed;

	/* fails with a clear error if the configuration does not exist */
	(void) empathy_config_scorer(name);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "empathy: SPI_connect failed");
	/* (may wait for a lock, and be cancelled: the context is made after it) */
	pushed = empathy_config_read_begin();
	PG_TRY();
	{
		EmpError	err;
		size_t		ml,
					ll,
					kl;
		const char *mod = emp_builtin_file("modifiers", &ml);
		const char *lex = emp_builtin_file("lexicon", &ll);
		const char *mk = emp_builtin_file("markers", &kl);
		EmpMarkerSet *ms;

		cxt = AllocSetContextCreate(CacheMemoryContext, "empathy configuration markers", ALLOCSET_DEFAULT_SIZES);
		memset(&err, 0, sizeof(err));
		ms = emp_markers_create(empathy_context_allocator(cxt), empathy_stemmer(), mod, ml, lex, ll, &err);
		if (ms == NULL)
			elog(ERROR, "empathy: built-in markers are invalid: %s", err.message);
		/* the configuration's own words, negative feelings among them, fill {feeling} too */
		empathy_config_apply_chain_weights(emp_markers_lexicon(ms), name);
		if (mk && !emp_markers_load(ms, mk, kl, "markers.tsv", &err))
			elog(ERROR, "empathy: built-in markers are invalid: %s", err.message);
		apply_config_markers(ms, name);
		emp_markers_finish(ms);
		c = MemoryContextAlloc(TopMemoryContext, sizeof(CachedMarkers));
		strlcpy(c->name, name, NAMEDATALEN);
		c->cxt = cxt;
		c->ms = ms;
	}
	PG_CATCH();
	{
		if (cxt != NULL)
			MemoryContextDelete(cxt);
		PG_RE_THROW();
	}
	PG_END_TRY();
	empathy_config_read_end(pushed);
	SPI_finish();
	/* past empathy.config_cache_size catalogues (about 3 MB each), the least recently used goes */
	while (n_user_markers >= empathy_config_cache_size && user_markers != NULL)
	{
		CachedMarkers **pp = &user_markers;

		while ((*pp)->next != NULL)
			pp = &(*pp)->next;
		MemoryContextDelete((*pp)->cxt);
		pfree(*pp);
		*pp = NULL;
		n_user_markers--;
	}
	c->next = user_markers;
	user_markers = c;
	n_user_markers++;
	return c;
}

/* Return the marker catalogue of a configuration by name. */
static EmpMarkerSet *
markers_for_config(text *cfg)
{
	char	   *name = text_to_cstring(cfg);
	uint64		changes;
	CachedMarkers *c;

	if (strcmp(name, "english") == 0)
		return markers_builtin();
	/* a configuration changed: every kept catalogue is out of date */
	changes = empathy_config_changes();
	if (changes != user_changes)
	{
		while (user_markers)
		{
			c = user_markers;
			user_markers = c->next;
			MemoryContextDelete(c->cxt);
			pfree(c);
		}
		n_user_markers = 0;
		user_changes = changes;
	}
	for (CachedMarkers **pp = &user_markers; (c = *pp) != NULL; pp = &c->next)
		if (strcmp(c->name, name) == 0)
		{
			/* to the front: the list is in order of use */
			*pp = c->next;
			c->next = user_markers;
			user_markers = c;
			return c->ms;
		}
	return build_config_markers(name)->ms;
}

/* ---------------------------------------------------------------- markers() */

/* Return the sorted, distinct categories of a scan as text[]. */
static ArrayType *
categories_array(const EmpMarkerScan *s)
{
	static int	by_name[EMP_MK_NCATS];
	static bool by_name_ready = false;
	const char *names[EMP_MK_NCATS];
	int			n = 0;

	if (!by_name_ready)
	{
		/* the categories in name order, once per backend */
		for (int i = 0; i < EMP_MK_NCATS; i++)
		{
			int			j = i;

			for (; j > 0 && strcmp(emp_marker_names[by_name[j - 1]], emp_marker_names[i]) > 0; j--)
				by_name[j] = by_name[j - 1];
			by_name[j] = i;
		}
		by_name_ready = true;
	}
	for (int i = 0; i < EMP_MK_NCATS; i++)
		if (s->count[by_name[i]] > 0)
			names[n++] = emp_marker_names[by_name[i]];
	return empathy_names_array(names, n);
}

/* Scan a reply with a catalogue. */
static ArrayType *
markers_of(EmpMarkerSet *ms, text *reply)
{
	size_t		len;
	char	   *u = empathy_text_to_utf8(reply, &len);
	EmpMarkerScan s;

	emp_markers_scan(ms, u, len, &s, NULL, NULL);
	return categories_array(&s);
}

PG_FUNCTION_INFO_V1(markers);
/* Return the empathy markers of a reply (built-in catalogue). */
Datum
markers(PG_FUNCTION_ARGS)
{
	PG_RETURN_ARRAYTYPE_P(markers_of(markers_builtin(), PG_GETARG_TEXT_PP(0)));
}

PG_FUNCTION_INFO_V1(marker_category);
/*
 * Return a marker name unchanged if markers() can return it, else raise an
 * error: "reply @>> 'apologies'" would otherwise be false for every reply.
 */
Datum
marker_category(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);

	for (int i = 0; i < EMP_MK_NCATS; i++)
		if ((int) strlen(emp_marker_names[i]) == len && memcmp(emp_marker_names[i], s, len) == 0)
			PG_RETURN_TEXT_P(t);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown marker category \"%.*s\"", empathy_cliplen(s, len, 60), s),
			 errhint("Use one of emotional_reaction, interpretation, exploration, confirmation, apology, validation, ownership, gratitude, reassurance, scripted, blame, dismissive, minimizing, over_apology.")));
	PG_RETURN_NULL();			/* not reached */
}

PG_FUNCTION_INFO_V1(markers_cfg);
/* Return the empathy markers of a reply under a named configuration. */
Datum
markers_cfg(PG_FUNCTION_ARGS)
{
	PG_RETURN_ARRAYTYPE_P(markers_of(markers_for_config(PG_GETARG_TEXT_PP(0)), PG_GETARG_TEXT_PP(1)));
}

/* ---------------------------------------------------------------- empathy_score() */

/*
 * Is a UTF-8 text only white space (ASCII, no-break, the Unicode spaces,
 * the ideographic space, a byte order mark)?  Such a customer message, an
 * attachment's caption say, is no message.
 */
static bool
blank_text(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0;

	while (i < len)
	{
		if (p[i] == ' ' || (p[i] >= '\t' && p[i] <= '\r'))
			i++;
		else if (i + 1 < len && p[i] == 0xC2 && p[i + 1] == 0xA0)
			i += 2;
		else if (i + 1 < len && p[i] == 0xC2 && p[i + 1] == 0x85)
			i += 2;				/* U+0085, next line */
		else if (i + 2 < len && p[i] == 0xE2 && p[i + 1] == 0x80 &&
				 (p[i + 2] <= 0x8B || p[i + 2] == 0xA8 || p[i + 2] == 0xA9 || p[i + 2] == 0xAF))
			i += 3;				/* U+2000..U+200B, the line and paragraph separators, U+202F */
		else if (i + 2 < len && ((p[i] == 0xE2 && p[i + 1] == 0x81 && p[i + 2] == 0x9F) ||
								 (p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x80) ||
								 (p[i] == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF)))
			i += 3;				/* U+205F, U+3000, U+FEFF */
		else
			return false;
	}
	return true;
}

/*
 * Score the (reply, message, name) arguments starting at argument 'first'.
 * The reply in UTF-8 is *reply when the caller has it already, else it is
 * made and handed back.
 */
static void
score_args(FunctionCallInfo fcinfo, int first, EmpMarkerSet *ms, EmpScorer *sc,
		   EmpEmpathy *out, EmpEmpathyFn fn, void *arg, const char **reply, size_t *replylen)
{
	const char *msg = NULL;
	char	   *name = NULL;
	size_t		msglen = 0,
				namelen = 0;

	if (*reply == NULL)
		*reply = empathy_text_to_utf8(PG_GETARG_TEXT_PP(first), replylen);
	if (PG_NARGS() > first + 1 && !PG_ARGISNULL(first + 1))
	{
		msg = empathy_text_to_utf8(PG_GETARG_TEXT_PP(first + 1), &msglen);
		/* an e-mail's quoted lines are the agent's words, not the customer's */
		msg = empathy_own_words(msg, msglen, &msglen);
		/* an empty or blank message is none, as an empty name is */
		if (blank_text(msg, msglen))
			msg = NULL;
	}
	if (PG_NARGS() > first + 2 && !PG_ARGISNULL(first + 2))
		name = empathy_text_to_utf8(PG_GETARG_TEXT_PP(first + 2), &namelen);
	emp_empathy_score(ms, sc, *reply, *replylen, msg, msglen, name, namelen, out, fn, arg);
}

/* Build the empathy_result row. */
static Datum
result_datum(FunctionCallInfo fcinfo, const EmpEmpathy *e)
{
	Datum		values[11];
	bool		nulls[11] = {0};

	values[0] = Float8GetDatum(rint((double) e->score * 10.0) / 10.0);
	values[1] = BoolGetDatum(e->needed == 1);
	nulls[1] = e->needed < 0;
	values[2] = Int32GetDatum(e->emotional_reaction);
	values[3] = Int32GetDatum(e->interpretation);
	values[4] = Int32GetDatum(e->exploration);
	values[5] = BoolGetDatum(e->acknowledged == 1);
	nulls[5] = e->acknowledged < 0;
	values[6] = Float8GetDatum(rint((double) e->reflection * 1000.0) / 1000.0);
	nulls[6] = e->reflection < 0;
	values[7] = Int32GetDatum(e->name_count);
	nulls[7] = e->name_count < 0;
	if (e->personalization)
		values[8] = CStringGetTextDatum(e->personalization);
	else
		nulls[8] = true;
	values[9] = PointerGetDatum(empathy_names_array(e->penalties, e->npenalties));
	values[10] = PointerGetDatum(categories_array(&e->scan));
	return empathy_result_row(fcinfo, "empathy_score", values, nulls);
}

PG_FUNCTION_INFO_V1(empathy_score);
/* Return the empathy score of a reply to a customer message. */
Datum
empathy_score(PG_FUNCTION_ARGS)
{
	EmpEmpathy	e;
	const char *reply = NULL;
	size_t		len = 0;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	score_args(fcinfo, 0, markers_builtin(), empathy_builtin_scorer(), &e, NULL, NULL, &reply, &len);
	PG_RETURN_DATUM(result_datum(fcinfo, &e));
}

PG_FUNCTION_INFO_V1(empathy_score_cfg);
/* Return the empathy score of a reply under a named configuration. */
Datum
empathy_score_cfg(PG_FUNCTION_ARGS)
{
	EmpEmpathy	e;
	const char *reply = NULL;
	size_t		len = 0;
	EmpMarkerSet *ms;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	ms = markers_for_config(PG_GETARG_TEXT_PP(0));
	score_args(fcinfo, 1, ms, empathy_config_scorer_cached(fcinfo, PG_GETARG_TEXT_PP(0)),
			   &e, NULL, NULL, &reply, &len);
	PG_RETURN_DATUM(result_datum(fcinfo, &e));
}

/* ---------------------------------------------------------------- explain_empathy() */

typedef struct ExplainEmpathyState
{
	Tuplestorestate *store;
	TupleDesc	desc;
	const char *text;
	uint32		cached_byte;	/* byte offset whose character position is known */
	long		cached_char;
	uint64		nrows;
	MemoryContext rowcxt;		/* the current row's datums */
} ExplainEmpathyState;

/* Add one explain row. */
static void
explain_empathy_row(void *arg, const EmpEmpathyRow *row)
{
	ExplainEmpathyState *st = (ExplainEmpathyState *) arg;
	Datum		values[4];
	bool		nulls[4] = {0};
	MemoryContext old = MemoryContextSwitchTo(st->rowcxt);

	if (row->len == 0)
	{
		nulls[0] = true;
		nulls[1] = true;
	}
	else
	{
		values[0] = PointerGetDatum(empathy_utf8_to_text(st->text + row->start, row->len));
		/* rows after the first few come in text order: count forward */
		if (row->start < st->cached_byte)
		{
			st->cached_byte = 0;
			st->cached_char = 0;
		}
		st->cached_char += empathy_char_count(st->text + st->cached_byte, row->start - st->cached_byte);
		st->cached_byte = row->start;
		values[1] = Int32GetDatum((int32) st->cached_char + 1);
	}
	if ((++st->nrows & 1023) == 0)
		CHECK_FOR_INTERRUPTS();
	values[2] = CStringGetTextDatum(row->category);
	values[3] = Float8GetDatum(rint((double) row->effect * 10.0) / 10.0);
	MemoryContextSwitchTo(old);
	tuplestore_putvalues(st->store, st->desc, values, nulls);
	MemoryContextReset(st->rowcxt);
}

static Datum
explain_empathy_common(FunctionCallInfo fcinfo, bool cfg)
{
	ExplainEmpathyState st;
	EmpEmpathy	e;
	const char *reply;
	size_t		len;
	int			first = cfg ? 1 : 0;

	st.store = empathy_begin_srf(fcinfo, "explain_empathy", &st.desc);
	if (PG_ARGISNULL(first) || (cfg && PG_ARGISNULL(0)))
		return (Datum) 0;
	/* the reply's text must outlive the callback: score_args hands it back */
	{
		EmpMarkerSet *ms = cfg ? markers_for_config(PG_GETARG_TEXT_PP(0)) : markers_builtin();
		EmpScorer  *sc = cfg ? empathy_config_scorer_cached(fcinfo, PG_GETARG_TEXT_PP(0))
			: empathy_builtin_scorer();

		st.text = empathy_text_to_utf8(PG_GETARG_TEXT_PP(first), &len);
		st.cached_byte = 0;
		st.cached_char = 0;
		st.nrows = 0;
		st.rowcxt = empathy_row_context();
		/* the reply read once: the rows' positions are in st.text */
		reply = st.text;
		score_args(fcinfo, first, ms, sc, &e, explain_empathy_row, &st, &reply, &len);
		MemoryContextDelete(st.rowcxt);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(explain_empathy);
/* Return the rows that explain a reply's empathy score. */
Datum
explain_empathy(PG_FUNCTION_ARGS)
{
	return explain_empathy_common(fcinfo, false);
}

PG_FUNCTION_INFO_V1(explain_empathy_cfg);
/* Return the rows that explain a reply's empathy score under a named configuration. */
Datum
explain_empathy_cfg(PG_FUNCTION_ARGS)
{
	return explain_empathy_common(fcinfo, true);
}

/* ---------------------------------------------------------------- config_markers trigger */

PG_FUNCTION_INFO_V1(config_markers_validate);

/*
 * BEFORE INSERT OR UPDATE trigger on empathy.config_markers: reject a
 * marker the engine cannot use, with the reason.
 */
Datum
config_markers_validate(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	HeapTuple	tup;
	TupleDesc	desc;
	char	   *cat;
	char	   *str;
	char	   *phrase;
	EmpError	err;
	MemoryContext cxt;
	MemoryContext old;
	bool		ok;
	int			category;

	tup = empathy_trigger_row(fcinfo, "config_markers_validate", "config_markers");
	desc = trigdata->tg_relation->rd_att;
	cat = SPI_getvalue(tup, desc, SPI_fnumber(desc, "category"));
	str = SPI_getvalue(tup, desc, SPI_fnumber(desc, "strength"));
	phrase = SPI_getvalue(tup, desc, SPI_fnumber(desc, "phrase"));
	if (cat == NULL || str == NULL || phrase == NULL)
		return PointerGetDatum(tup);	/* NOT NULL constraints report these */
	category = emp_marker_lookup(cat, strlen(cat));
	if (category < 0 && strcmp(cat, "over_apology") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("marker category \"over_apology\" cannot be given to a phrase"),
				 errdetail("A reply shows over_apology when it apologises three times or more, or in most of its sentences; no phrase carries it."),
				 errhint("File an apology phrase as apology.")));
	if (category < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown marker category \"%s\"", cat),
				 errhint("Use one of emotional_reaction, interpretation, exploration, confirmation, apology, validation, ownership, gratitude, reassurance, scripted, blame, dismissive, minimizing.")));
	memset(&err, 0, sizeof(err));
	cxt = AllocSetContextCreate(CurrentMemoryContext, "empathy marker check", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	{
		EmpMarkerSet *ms = emp_markers_create(empathy_context_allocator(cxt), empathy_stemmer(),
											  NULL, 0, NULL, 0, &err);
		char	   *u = empathy_cstring_to_utf8(phrase);

		ok = ms != NULL && emp_markers_check(ms, category, atoi(str), u, strlen(u), &err);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(cxt);
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid empathy marker \"%.*s%s\"", empathy_clip(phrase, 60), phrase,
						empathy_clip_more(phrase, empathy_clip(phrase, 60))),
				 errdetail("%s", empathy_reason_detail(err.message, err.detail)),
				 err.hint[0] ? errhint("%s", empathy_message_to_server(err.hint)) : 0));
	return PointerGetDatum(tup);
}
