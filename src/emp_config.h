/*-------------------------------------------------------------------------
 *
 * emp_config.h
 *	  Scoring configurations: the built-in 'english' and user-defined ones.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_CONFIG_H
#define EMPATHY_CONFIG_H

#include "fmgr.h"
#include "access/htup.h"

#include "score.h"

extern EmpStemmer *empathy_stemmer(void);
extern EmpScorer *empathy_builtin_scorer(void);
extern EmpScorer *empathy_config_scorer(const char *name);
extern EmpScorer *empathy_config_scorer_cached(FunctionCallInfo fcinfo, text *name);
/* GUC empathy.config_cache_size: derived configurations kept per backend */
extern int	empathy_config_cache_size;

/*
 * Changes whenever a kept scorer may have been freed (a configuration
 * changed, or one was pushed out of the cache): a pointer kept across
 * calls is good while this stays the same.  It reads invalidations first,
 * and may free every user configuration: never call it between taking a
 * scorer and using it.  After empathy_config_scorer(), record
 * empathy_config_generation_now() with the scorer instead.
 */
extern uint64 empathy_config_generation(void);
extern uint64 empathy_config_generation_now(void);
/* Changes only when configurations changed (every kept one is out of date). */
extern uint64 empathy_config_changes(void);
extern bool empathy_config_read_begin(void);
/* The row a validation trigger on empathy.<table> checks; errors if misused. */
extern HeapTuple empathy_trigger_row(FunctionCallInfo fcinfo, const char *fn, const char *table);
extern void empathy_config_read_end(bool pushed);
extern bool empathy_lexicon_apply_row(EmpLexicon *lx, const char *term, const char *dim,
									  double weight, EmpError *err);
/* Apply the weights of a configuration's terms and its parents' to lx, root first (inside SPI). */
extern void empathy_config_apply_chain_weights(EmpLexicon *lx, const char *name);

#endif							/* EMPATHY_CONFIG_H */
