/*-------------------------------------------------------------------------
 *
 * config.c
 *	  Per-backend cache of scoring configurations.
 *
 * The built-in configuration 'english' is compiled into the library and
 * built once per backend, the first time a scoring function runs, in a
 * child of TopMemoryContext that lives as long as the backend.
 *
 * A user configuration (a row of empathy.configurations) is its parent's
 * lexicon plus the rows of empathy.config_terms that name it, scored with its
 * parent's model plus the rows of empathy.config_model that name it.  It is built
 * on first use in its own child of CacheMemoryContext and kept until one of
 * these tables changes: a statement-level trigger on each registers a
 * relcache invalidation of empathy.config_terms, which PostgreSQL delivers
 * to this backend at the end of the command and to every other backend
 * when the transaction commits.  The callback only marks the cache stale;
 * the next lookup drops every user configuration and rebuilds the one it
 * needs.  So a change takes effect for new statements, in every session,
 * without reconnecting.
 *
 *-------------------------------------------------------------------------
 */
#include "empathy.h"
#include "emp_config.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/resowner.h"
#include "utils/snapmgr.h"

#include "builtin.h"

#define EMPATHY_MAX_PARENT_DEPTH	16

typedef struct CachedConfig
{
	char		name[NAMEDATALEN];
	MemoryContext cxt;
	EmpScorer  *scorer;
	struct CachedConfig *next;
} CachedConfig;

static EmpStemmer *backend_stemmer = NULL;
static EmpScorer *builtin_scorer = NULL;
static MemoryContext builtin_cxt = NULL;
static CachedConfig *user_configs = NULL;
static bool cache_stale = false;
static bool callback_registered = false;
static Oid	terms_relid = InvalidOid;
static Oid	markers_relid = InvalidOid;
static uint64 cache_generation = 1;
static uint64 cache_changes = 1;
static int	n_user_configs = 0;
int			empathy_config_cache_size = 8;

/* the tables' OIDs are to be looked up again (they may have been dropped) */
static bool relids_stale = false;

/* a configuration was built in parallel mode, from this transaction's snapshot (see below) */
static LocalTransactionId provisional_lxid = InvalidLocalTransactionId;

/*
 * The statement invalidations were last read for (see
 * empathy_config_generation()), and whether this session changed a
 * configuration, or rolled back a subtransaction, since.
 */
static LocalTransactionId seen_lxid = InvalidLocalTransactionId;
static TimestampTz seen_statement = 0;
static uint64 statement_no = 0;	/* counts the statements so told apart */
static bool own_change = false;

/*
 * The snapshot the builds of the current statement read under READ
 * COMMITTED (see empathy_config_read_begin()), registered on the top
 * transaction's resource owner, and the statement it was taken for.
 */
static Snapshot stmt_snapshot = NULL;
static uint64 stmt_snapshot_no = 0;
/* the transaction in which this session last changed a configuration */
static LocalTransactionId changed_lxid = InvalidLocalTransactionId;

/*
 * Relcache callback: a config table changed, or was dropped (with the
 * extension), or everything was reset.  The tables are looked up again on
 * the next use: a new CREATE EXTENSION makes new ones.
 */
static void
config_relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == terms_relid || relid == markers_relid)
	{
		cache_stale = true;
		/* keep matching these until they are looked up again */
		relids_stale = true;
	}
}

/* Let go of the statement's snapshot for builds, if this transaction holds one. */
static void
release_stmt_snapshot(void)
{
	if (stmt_snapshot != NULL)
		UnregisterSnapshotFromOwner(stmt_snapshot, TopTransactionResourceOwner);
	stmt_snapshot = NULL;
}

/*
 * At the end of a transaction the snapshot goes: unregistered before a
 * commit (a snapshot still registered then is reported as a leak), and
 * released with the resource owner by an abort.
 */
static void
config_xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PARALLEL_PRE_COMMIT:
		case XACT_EVENT_PRE_PREPARE:
			release_stmt_snapshot();
			break;
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
			stmt_snapshot = NULL;
			break;
		default:
			break;
	}
}

/*
 * A portal's resources released while no snapshot is active: the
 * statement it ran has ended (a function's queries and the cursors a
 * statement reads end while the statement's own snapshot is active).  The
 * next call starts a new statement (see empathy_config_generation()): the
 * statements of one message with several are told apart so.  And the
 * snapshot for the statement's builds goes, so that the session does not
 * hold back the cleanup of old rows (its xmin) while it waits in an open
 * transaction (after an error inside a savepoint, until the ROLLBACK TO:
 * the failed statement's snapshots are still active when its resources
 * are released).
 */
static void
config_resource_release(ResourceReleasePhase phase, bool isCommit, bool isTopLevel, void *arg)
{
	if (phase == RESOURCE_RELEASE_AFTER_LOCKS && !isTopLevel && !ActiveSnapshotSet() &&
		TopTransactionResourceOwner != NULL && CurrentResourceOwner != TopTransactionResourceOwner)
	{
		seen_lxid = InvalidLocalTransactionId;
		release_stmt_snapshot();
	}
}

/*
 * Begin reading configuration rows.  Under READ COMMITTED they are read as
 * catalogs are, with the latest snapshot, not the statement's: a
 * configuration rebuilt after another session's change (its invalidation
 * arrives after the change is visible) must see that change, or it would
 * be kept stale until the next change.  The latest snapshot as of the
 * statement's first build: every build of one statement reads the same
 * one, so that a configuration evicted and built again while the
 * statement runs (more of them in use than empathy.config_cache_size), or
 * a configuration's markers built after its scorer, read the same rows; a
 * change this session makes takes a new one (see drop_user_configs()),
 * and it goes when the statement ends (config_resource_release()).
 * A transaction that keeps one snapshot (REPEATABLE READ, SERIALIZABLE)
 * reads them with it, as it reads any table, and so do parallel workers,
 * which cannot take a new snapshot: the leader and its workers then score
 * with the same version, where the latest snapshot would have given the
 * leader one the workers cannot see.  What is built from the active
 * snapshot is kept for this transaction only, or under READ COMMITTED for
 * this statement only.  Returns whether a snapshot was pushed, for
 * empathy_config_read_end().
 */
bool
empathy_config_read_begin(void)
{
	static const char *const tables[] = {"configurations", "config_terms", "config_model", "config_markers"};
	Oid			nsp;

	if (IsInParallelMode() || IsolationUsesXactSnapshot())
	{
		provisional_lxid = MyProc->lxid;
		return false;
	}
	/*
	 * The tables locked first, as catalogs are read: a session that is
	 * dropping, truncating or altering one of them is waited for.
	 */
	nsp = get_namespace_oid("empathy", true);
	for (int i = 0; OidIsValid(nsp) && i < (int) lengthof(tables); i++)
	{
		Oid			rel = get_relname_relid(tables[i], nsp);

		if (OidIsValid(rel))
			LockRelationOid(rel, AccessShareLock);
	}
	if (stmt_snapshot != NULL && stmt_snapshot_no != statement_no)
		release_stmt_snapshot();
	if (stmt_snapshot == NULL)
	{
		stmt_snapshot = RegisterSnapshotOnOwner(GetLatestSnapshot(), TopTransactionResourceOwner);
		stmt_snapshot_no = statement_no;
	}
	PushActiveSnapshot(stmt_snapshot);
	return true;
}

void
empathy_config_read_end(bool pushed)
{
	if (pushed)
		PopActiveSnapshot();
}

/* Return the backend's stemmer, creating it on first use. */
EmpStemmer *
empathy_stemmer(void)
{
	if (backend_stemmer == NULL)
	{
		backend_stemmer = emp_stemmer_create();
		if (backend_stemmer == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("could not create the Snowball English stemmer")));
	}
	return backend_stemmer;
}

/* Return the built-in 'english' scorer, building it on first use. */
EmpScorer *
empathy_builtin_scorer(void)
{
	if (builtin_scorer == NULL)
	{
		MemoryContext cxt = AllocSetContextCreate(TopMemoryContext, "empathy builtin configuration",
												  ALLOCSET_DEFAULT_SIZES);
		EmpAllocator *a = empathy_context_allocator(cxt);
		EmpError	err;
		EmpLexicon *lx;
		EmpModel	model;

		memset(&err, 0, sizeof(err));
		PG_TRY();
		{
			lx = emp_builtin_lexicon(a, empathy_stemmer(), &err);
			if (lx == NULL || !emp_builtin_model(&model, &err))
				elog(ERROR, "empathy: built-in data is invalid: %s", err.message);
			builtin_scorer = emp_scorer_create(a, lx, &model);
			builtin_cxt = cxt;
		}
		PG_CATCH();
		{
			MemoryContextDelete(cxt);
			PG_RE_THROW();
		}
		PG_END_TRY();
	}
	return builtin_scorer;
}

/*
 * A rolled-back subtransaction of a transaction that changed a
 * configuration may have undone the change (its invalidations are
 * processed as it aborts): the statement that goes on must not keep using
 * what it built.  Other rolled-back subtransactions (an EXCEPTION block of
 * a batch function) change nothing here.
 */
static void
config_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
						SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB && changed_lxid == MyProc->lxid)
		own_change = true;
}

/* Register the invalidation callback and find the terms table. */
static void
ensure_callback(void)
{
	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(config_relcache_callback, (Datum) 0);
		RegisterSubXactCallback(config_subxact_callback, NULL);
		RegisterXactCallback(config_xact_callback, NULL);
		RegisterResourceReleaseCallback(config_resource_release, NULL);
		callback_registered = true;
	}
	if (!OidIsValid(terms_relid) || !OidIsValid(markers_relid) || relids_stale)
	{
		Oid			nsp = get_namespace_oid("empathy", true);
		Oid			t = OidIsValid(nsp) ? get_relname_relid("config_terms", nsp) : InvalidOid;
		Oid			m = OidIsValid(nsp) ? get_relname_relid("config_markers", nsp) : InvalidOid;

		relids_stale = false;
		/* an old OID is kept until a table of that name is there */
		if (OidIsValid(t))
			terms_relid = t;
		if (OidIsValid(m))
			markers_relid = m;
	}
}

/* Drop every cached user configuration. */
static void
drop_user_configs(void)
{
	while (user_configs)
	{
		CachedConfig *c = user_configs;

		user_configs = c->next;
		MemoryContextDelete(c->cxt);
		pfree(c);
	}
	n_user_configs = 0;
	cache_stale = false;
	cache_generation++;
	cache_changes++;
	/* what is built next reads the rows anew: this session's own change among them */
	release_stmt_snapshot();
}

/*
 * Make room for one more user configuration: past empathy.config_cache_size
 * of them (each holds a copy of the built-in lexicon, about 2 MB), the one
 * used least recently goes (the list is kept in order of use).
 */
static void
evict_user_configs(void)
{
	while (n_user_configs >= empathy_config_cache_size && user_configs != NULL)
	{
		CachedConfig **pp = &user_configs;

		while ((*pp)->next != NULL)
			pp = &(*pp)->next;
		MemoryContextDelete((*pp)->cxt);
		pfree(*pp);
		*pp = NULL;
		n_user_configs--;
		cache_generation++;		/* call sites may hold the scorer */
	}
}

/*
 * The generation as it stands, without reading invalidations: for a caller
 * that has just taken a scorer from empathy_config_scorer() and keeps it
 * (see empathy_config_scorer_cached()).
 */
uint64
empathy_config_generation_now(void)
{
	return cache_generation;
}

/* Return the count of configuration changes seen (see emp_config.h). */
uint64
empathy_config_changes(void)
{
	(void) empathy_config_generation();
	return cache_changes;
}

/*
 * Return the cache generation (changes whenever a user configuration is
 * dropped).
 *
 * Other sessions' changes are taken in once per statement, at its first
 * call: invalidations are read then, and a cache they made stale is
 * dropped then, not while the statement runs, even when the server reads
 * them meanwhile (as any lock taken does).  So one statement scores every
 * row with the configuration as it was when it first used it, and a
 * change committed while it runs applies from the next statement.  A
 * statement is told by its start time (statement_timestamp(), set for each
 * message from the client), its transaction, and the end of the one before
 * (config_resource_release(): the statements of one message with several,
 * "SELECT ...; SELECT ...", share a start time).  The queries a PL/pgSQL
 * function runs for each row are no statements of their own.  This
 * session's own changes, and a rolled-back subtransaction, apply at once,
 * as catalog changes do.
 */
uint64
empathy_config_generation(void)
{
	bool		check = own_change;

	ensure_callback();
	if (MyProc->lxid != seen_lxid || GetCurrentStatementStartTimestamp() != seen_statement)
	{
		seen_lxid = MyProc->lxid;
		seen_statement = GetCurrentStatementStartTimestamp();
		statement_no++;
		AcceptInvalidationMessages();
		/*
		 * Built from an older transaction's snapshot, or under READ
		 * COMMITTED from an older statement's: build again.
		 */
		if (provisional_lxid != InvalidLocalTransactionId &&
			(provisional_lxid != MyProc->lxid || !IsolationUsesXactSnapshot()))
		{
			provisional_lxid = InvalidLocalTransactionId;
			cache_stale = true;
		}
		check = true;
	}
	own_change = false;
	if (check && cache_stale)
		drop_user_configs();
	return cache_generation;
}

/* Look up a configuration's parent; false if the configuration does not exist. */
static bool
fetch_parent(const char *name, char *parent)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];
	bool		found = false;

	values[0] = CStringGetTextDatum(name);
	if (SPI_execute_with_args("SELECT parent FROM empathy.configurations WHERE name OPERATOR(pg_catalog.=) $1",
							  1, argtypes, values, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "empathy: could not read empathy.configurations");
	if (SPI_processed == 1)
	{
		char	   *p = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		strlcpy(parent, p ? p : "english", NAMEDATALEN);
		found = true;
	}
	return found;
}

/* Run a read-only query with the configuration's name as $1 (rows in SPI_tuptable). */
static void
select_config_rows(const char *query, const char *name)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];

	values[0] = CStringGetTextDatum(name);
	if (SPI_execute_with_args(query, 1, argtypes, values, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "empathy: could not read the configuration tables: %s", query);
}

/* Apply a configuration's own terms to lx: their weights, and with roles their modifier roles too. */
static void
apply_terms(EmpLexicon *lx, const char *name, bool roles)
{
	/* a level of its own: what the levels before it wrote is inherited */
	emp_lexicon_inherit(lx);
	if (roles)
		select_config_rows("SELECT term, dimension, weight FROM empathy.config_terms "
						   "WHERE config OPERATOR(pg_catalog.=) $1 "
		/* byte order: terms that fold to the same word apply in one order everywhere */
						   "ORDER BY term COLLATE pg_catalog.\"C\", dimension COLLATE pg_catalog.\"C\"", name);
	else
		select_config_rows("SELECT term, dimension, weight FROM empathy.config_terms "
						   "WHERE config OPERATOR(pg_catalog.=) $1 AND dimension OPERATOR(pg_catalog.<>) "
						   "ALL (ARRAY['negator', 'booster', 'dampener', 'contrast', 'expletive', 'acronym']) "
						   "ORDER BY term COLLATE pg_catalog.\"C\", dimension COLLATE pg_catalog.\"C\"", name);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *term = SPI_getvalue(tup, desc, 1);
		char	   *dim = SPI_getvalue(tup, desc, 2);
		bool		isnull;
		/* the value itself, not its text: that depends on extra_float_digits */
		Datum		w = SPI_getbinval(tup, desc, 3, &isnull);
		EmpError	err;

		memset(&err, 0, sizeof(err));
		if (term == NULL || dim == NULL || isnull)
			continue;
		/* the engine reads UTF-8; the term is in the database encoding */
		if (!empathy_lexicon_apply_row(lx, empathy_cstring_to_utf8(term), dim, DatumGetFloat8(w), &err))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid term \"%s\" in configuration \"%s\": %s", term, name, empathy_message_to_server(err.message))));
		CHECK_FOR_INTERRUPTS();
	}
}

/* Apply one (term, dimension-or-role, weight) row; false with err set if invalid. */
bool
empathy_lexicon_apply_row(EmpLexicon *lx, const char *term, const char *dim, double weight, EmpError *err)
{
	static const struct
	{
		const char *name;
		uint16		role;
	}			roles[] = {
		{"negator", EMP_TERM_NEGATOR}, {"booster", EMP_TERM_BOOSTER},
		{"dampener", EMP_TERM_DAMPENER}, {"contrast", EMP_TERM_CONTRAST},
		{"expletive", EMP_TERM_BOOSTER | EMP_TERM_EXPLETIVE}, {"acronym", EMP_TERM_ACRONYM}, {NULL, 0}
	};
	int			ch = emp_dim_lookup(dim, strlen(dim));
	float		w[EMP_NCHANNELS];
	bool		wset[EMP_NCHANNELS];

	if (ch >= 0)
	{
		memset(w, 0, sizeof(w));
		memset(wset, 0, sizeof(wset));
		w[ch] = (float) weight;
		wset[ch] = true;
		return emp_lexicon_add_weights(lx, term, strlen(term), w, wset, EMP_MERGE_SET, err);
	}
	/* a booster's, expletive's or dampener's weight is the factor it multiplies the next words' evidence by */
	if (strcmp(dim, "booster") == 0 && !(weight > 1))
		return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0,
							 "a booster's weight is the factor it multiplies the next words by, above 1, not %s", EMP_FMT_DOUBLE(weight));
	if (strcmp(dim, "expletive") == 0 && !(weight > 1))
		return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0,
							 "an expletive's weight is the factor it multiplies the next words by, above 1, not %s", EMP_FMT_DOUBLE(weight));
	if (strcmp(dim, "dampener") == 0 && !(weight >= 0 && weight < 1))
		return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0,
							 "a dampener's weight is the factor it multiplies the next words by, from 0 to below 1, not %s", EMP_FMT_DOUBLE(weight));
	/* an acronym is one or not: 1; and one word ("ONT", not "speak to a manager") */
	if (strcmp(dim, "acronym") == 0)
	{
		const char *w = term;

		if (weight != 1)
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0,
								 "an acronym's weight is 1, not %s", EMP_FMT_DOUBLE(weight));
		while (*w == ' ' || *w == '\t')
			w++;
		w += strcspn(w, " \t");
		while (*w == ' ' || *w == '\t')
			w++;
		if (*w != '\0')
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "an acronym is one word, not a phrase");
	}
	for (int i = 0; roles[i].name; i++)
		if (strcmp(roles[i].name, dim) == 0)
			return emp_lexicon_add(lx, term, strlen(term), NULL, NULL, EMP_MERGE_ADD,
								   roles[i].role, (float) weight, err) > 0;
	return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "unknown dimension \"%s\"", dim);
}

/* Apply a configuration's own model parameters to m. */
static void
apply_model(EmpModel *m, const char *name)
{
	select_config_rows("SELECT parameter, value FROM empathy.config_model "
					   "WHERE config OPERATOR(pg_catalog.=) $1 ORDER BY parameter COLLATE pg_catalog.\"C\"", name);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *param = SPI_getvalue(tup, desc, 1);
		bool		isnull;
		Datum		v = SPI_getbinval(tup, desc, 2, &isnull);
		EmpError	err;

		memset(&err, 0, sizeof(err));
		if (param == NULL || isnull)
			continue;
		/* rows were checked on insert; a row from an older version may not pass */
		if (!emp_model_set(m, param, strlen(param), DatumGetFloat8(v), &err))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("configuration \"%s\" has an invalid model parameter: %s", name, empathy_message_to_server(err.message)),
					 errhint("Delete the row from empathy.config_model.")));
	}
}

/*
 * The derived configurations from name up to the built-in root, name first
 * (inside SPI); returns how many.  Errors for a cycle, a line too long, or a
 * configuration that does not exist.
 */
static int
config_chain(const char *name, char chain[][NAMEDATALEN])
{
	int			depth = 0;
	char		cur[NAMEDATALEN];

	strlcpy(cur, name, NAMEDATALEN);
	while (strcmp(cur, "english") != 0)
	{
		char		parent[NAMEDATALEN];

		for (int i = 0; i < depth; i++)
			if (strcmp(chain[i], cur) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("configuration \"%s\" is derived from itself", name)));
		if (depth >= EMPATHY_MAX_PARENT_DEPTH)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("configuration \"%s\" is derived through more than %d parents",
							name, EMPATHY_MAX_PARENT_DEPTH),
					 errdetail("Scoring reads at most %d derived configurations in a line from the built-in one.",
							   EMPATHY_MAX_PARENT_DEPTH),
					 errhint("Derive it from a configuration nearer the built-in one.")));
		if (!fetch_parent(cur, parent))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("empathy configuration \"%s\" does not exist", cur),
					 errhint("Create it with empathy.create_configuration(), or use 'english'.")));
		strlcpy(chain[depth++], cur, NAMEDATALEN);
		strlcpy(cur, parent, NAMEDATALEN);
	}
	return depth;
}

/*
 * Apply the weights of the terms of a configuration and of the ones it
 * derives from to lx, from the root down, as its scorer has them (inside
 * SPI): the marker catalogue of a configuration reads its feeling words this
 * way.  Modifier roles are left out: they are for reading customers'
 * messages, and a negator of the user's would undo a built-in reply phrase.
 */
void
empathy_config_apply_chain_weights(EmpLexicon *lx, const char *name)
{
	char		chain[EMPATHY_MAX_PARENT_DEPTH][NAMEDATALEN];
	int			depth = config_chain(name, chain);

	for (int i = depth - 1; i >= 0; i--)
		apply_terms(lx, chain[i], false);
}

/* Build a user configuration's scorer in its own context. */
static CachedConfig *
build_user_config(const char *name)
{
	char		chain[EMPATHY_MAX_PARENT_DEPTH][NAMEDATALEN];
	volatile int depth;
	CachedConfig *c;
	MemoryContext cxt;
	MemoryContext old;
	EmpScorer  *scorer;
	bool		pushed;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "empathy: SPI_connect failed");
	pushed = empathy_config_read_begin();
	depth = config_chain(name, chain);

	cxt = AllocSetContextCreate(CacheMemoryContext, "empathy configuration", ALLOCSET_DEFAULT_SIZES);
	old = CurrentMemoryContext;
	PG_TRY();
	{
		EmpAllocator *a = empathy_context_allocator(cxt);
		EmpScorer  *base = empathy_builtin_scorer();
		EmpLexicon *lx;
		EmpModel	model = base->model;

		MemoryContextSwitchTo(cxt);
		lx = emp_lexicon_copy(base->lx, a);
		MemoryContextSwitchTo(old);
		/* apply from the root down, so children override parents */
		for (int i = depth - 1; i >= 0; i--)
		{
			apply_terms(lx, chain[i], true);
			apply_model(&model, chain[i]);
		}
		emp_lexicon_finish(lx);
		scorer = emp_scorer_create(a, lx, &model);
		/* the cache's record last: nothing after it can fail and leave it */
		c = MemoryContextAlloc(TopMemoryContext, sizeof(CachedConfig));
		strlcpy(c->name, name, NAMEDATALEN);
		c->cxt = cxt;
		c->scorer = scorer;
	}
	PG_CATCH();
	{
		/* an error in the copy leaves cxt current */
		MemoryContextSwitchTo(old);
		MemoryContextDelete(cxt);
		PG_RE_THROW();
	}
	PG_END_TRY();
	empathy_config_read_end(pushed);
	SPI_finish();
	evict_user_configs();
	c->next = user_configs;
	user_configs = c;
	n_user_configs++;
	return c;
}

/* Return the scorer of a configuration by name. */
EmpScorer *
empathy_config_scorer(const char *name)
{
	CachedConfig *c;

	if (strcmp(name, "english") == 0)
		return empathy_builtin_scorer();
	if (strlen(name) >= NAMEDATALEN || name[0] == '\0')
	{
		/* a long name is shown clipped, as an identifier would be */
		int			cl = pg_mbcliplen(name, (int) strlen(name), NAMEDATALEN - 1);

		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("empathy configuration \"%.*s%s\" does not exist", cl, name, name[cl] ? "..." : ""),
				 name[cl] ? errdetail("A configuration name is at most %d bytes long.", NAMEDATALEN - 1) : 0,
				 errhint("Create it with empathy.create_configuration(), or use 'english'.")));
	}
	ensure_callback();
	empathy_config_generation();
	for (CachedConfig **pp = &user_configs; (c = *pp) != NULL; pp = &c->next)
		if (strcmp(c->name, name) == 0)
		{
			/* to the front: the list is in order of use */
			*pp = c->next;
			c->next = user_configs;
			user_configs = c;
			return c->scorer;
		}
	return build_user_config(name)->scorer;
}

/* Return the scorer named by a text argument, cached per call site. */
EmpScorer *
empathy_config_scorer_cached(FunctionCallInfo fcinfo, text *name)
{
	typedef struct
	{
		uint64		generation;
		char		name[NAMEDATALEN];
		EmpScorer  *scorer;
	}			SiteCache;
	SiteCache  *sc = (SiteCache *) fcinfo->flinfo->fn_extra;
	char	   *cname = text_to_cstring(name);
	uint64		gen;

	if (sc == NULL)
	{
		sc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(SiteCache));
		fcinfo->flinfo->fn_extra = sc;
	}
	ensure_callback();
	gen = empathy_config_generation();
	if (sc->scorer && sc->generation == gen && strcmp(sc->name, cname) == 0)
		return sc->scorer;
	sc->scorer = empathy_config_scorer(cname);
	/*
	 * The generation as it stands: processing invalidations again here
	 * could drop the scorer just returned (building it took locks, which
	 * read them).  A cache made stale meanwhile is dropped by the next
	 * call's empathy_config_generation(), which moves the generation on.
	 */
	sc->generation = cache_generation;
	strlcpy(sc->name, cname, NAMEDATALEN);
	return sc->scorer;
}

/*
 * The row a validation trigger checks (of a table of this extension).  It
 * must fire BEFORE INSERT OR UPDATE FOR EACH ROW on that table: a statement
 * or TRUNCATE trigger has no row, and another table's columns may be of
 * other types.
 */
HeapTuple
empathy_trigger_row(FunctionCallInfo fcinfo, const char *fn, const char *table)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Oid			nsp;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("empathy.%s() must be called as a trigger", fn)));
	if (!TRIGGER_FIRED_BEFORE(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("empathy.%s: trigger \"%s\" must be BEFORE INSERT OR UPDATE and FOR EACH ROW",
						fn, td->tg_trigger->tgname)));
	nsp = get_namespace_oid("empathy", true);
	if (!OidIsValid(nsp) || RelationGetRelid(td->tg_relation) != get_relname_relid(table, nsp))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("empathy.%s: trigger \"%s\" must be on table empathy.%s",
						fn, td->tg_trigger->tgname, table)));
	return TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
}

PG_FUNCTION_INFO_V1(config_changed);

/*
 * Trigger on the configuration tables: invalidate every backend's cache of
 * user configurations (at end of command here, at commit elsewhere).
 */
Datum
config_changed(PG_FUNCTION_ARGS)
{
	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("config_changed() must be called as a trigger")));
	if (!TRIGGER_FIRED_AFTER(((TriggerData *) fcinfo->context)->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("empathy.config_changed: trigger \"%s\" must be AFTER",
						((TriggerData *) fcinfo->context)->tg_trigger->tgname)));
	/*
	 * Only on the configuration tables: on another, any role could make
	 * every session drop and build its configurations again at will.
	 */
	{
		static const char *const tables[] = {"configurations", "config_terms", "config_model", "config_markers"};
		Relation	rel = ((TriggerData *) fcinfo->context)->tg_relation;
		Oid			nsp = get_namespace_oid("empathy", true);
		bool		ours = false;

		for (int i = 0; OidIsValid(nsp) && !ours && i < (int) lengthof(tables); i++)
			ours = RelationGetRelid(rel) == get_relname_relid(tables[i], nsp);
		if (!ours)
			ereport(ERROR,
					(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
					 errmsg("empathy.config_changed: trigger \"%s\" must be on a configuration table",
							((TriggerData *) fcinfo->context)->tg_trigger->tgname),
					 errdetail("Table \"%s\" is not empathy.configurations, config_terms, config_model or config_markers.",
							   RelationGetRelationName(rel))));
	}
	ensure_callback();
	if (OidIsValid(terms_relid))
		CacheInvalidateRelcacheByRelid(terms_relid);
	cache_stale = true;
	own_change = true;
	changed_lxid = MyProc->lxid;
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(config_terms_validate);

/*
 * BEFORE INSERT OR UPDATE trigger on empathy.config_terms: reject a term
 * the engine cannot use, with the reason.
 */
Datum
config_terms_validate(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	HeapTuple	tup;
	TupleDesc	desc;
	char	   *term;
	char	   *dim;
	Datum		wval;
	bool		wnull;
	EmpError	err;
	MemoryContext cxt;
	MemoryContext old;
	bool		ok;

	tup = empathy_trigger_row(fcinfo, "config_terms_validate", "config_terms");
	desc = trigdata->tg_relation->rd_att;
	term = SPI_getvalue(tup, desc, SPI_fnumber(desc, "term"));
	dim = SPI_getvalue(tup, desc, SPI_fnumber(desc, "dimension"));
	/* the value itself, not its text: that depends on extra_float_digits */
	wval = SPI_getbinval(tup, desc, SPI_fnumber(desc, "weight"), &wnull);
	if (term == NULL || dim == NULL || wnull)
		return PointerGetDatum(tup);	/* NOT NULL constraints report these */

	memset(&err, 0, sizeof(err));
	cxt = AllocSetContextCreate(CurrentMemoryContext, "empathy term check", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	{
		EmpAllocator *a = empathy_context_allocator(cxt);
		EmpLexicon *lx = emp_lexicon_create(a, empathy_stemmer());

		ok = empathy_lexicon_apply_row(lx, empathy_cstring_to_utf8(term), dim, DatumGetFloat8(wval), &err);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(cxt);
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid empathy term \"%.*s%s\"", empathy_clip(term, 60), term,
						empathy_clip_more(term, empathy_clip(term, 60))),
				 errdetail("%s", empathy_reason_detail(err.message, err.detail)),
				 err.hint[0] ? errhint("%s", empathy_message_to_server(err.hint)) : 0));
	return PointerGetDatum(tup);
}

PG_FUNCTION_INFO_V1(config_model_validate);

/*
 * BEFORE INSERT OR UPDATE trigger on empathy.config_model: reject a parameter
 * the scoring model does not have.
 */
Datum
config_model_validate(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	HeapTuple	tup;
	TupleDesc	desc;
	char	   *param;
	Datum		vval;
	bool		vnull;
	EmpModel	m;
	EmpError	err;

	tup = empathy_trigger_row(fcinfo, "config_model_validate", "config_model");
	desc = trigdata->tg_relation->rd_att;
	param = SPI_getvalue(tup, desc, SPI_fnumber(desc, "parameter"));
	/* the value itself, not its text: that depends on extra_float_digits */
	vval = SPI_getbinval(tup, desc, SPI_fnumber(desc, "value"), &vnull);
	if (param == NULL || vnull)
		return PointerGetDatum(tup);	/* NOT NULL constraints report these */
	if (strcmp(param, "sentiment_threshold") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("the neutral band of sentiment cannot be set per configuration"),
				 errdetail("The functions sentiment_label() and sentiment_threshold() use the built-in band for every configuration."),
				 errhint("Set \"sentiment_scale\" to widen or narrow what counts as neutral.")));
	memset(&err, 0, sizeof(err));
	emp_model_defaults(&m);
	if (!emp_model_set(&m, param, strlen(param), DatumGetFloat8(vval), &err))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid empathy model parameter \"%.*s%s\"", empathy_clip(param, 64), param,
						empathy_clip_more(param, empathy_clip(param, 64))),
				 errdetail("%c%s.", pg_toupper((unsigned char) err.message[0]), err.message + 1),
				 /* the names, for a name that is not one */
				 strncmp(err.message, "unknown", 7) == 0 ?
				 errhint("Parameters are named as in the built-in model: \"sentiment_scale\", "
						 "\"threshold.anger\", \"valence_from.joy\", \"contrast_before\" and others "
						 "listed in the documentation.") : 0));
	return PointerGetDatum(tup);
}
