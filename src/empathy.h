/*-------------------------------------------------------------------------
 *
 * empathy.h
 *	  Shared declarations of the PostgreSQL binding.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_H
#define EMPATHY_H

#include "postgres.h"

#include "access/tupdesc.h"
#include "fmgr.h"

#include "engine.h"

/* An allocator over CurrentMemoryContext (palloc, interrupts checked). */
extern EmpAllocator *empathy_palloc_allocator(void);

/* An allocator over a given long-lived memory context. */
extern EmpAllocator *empathy_context_allocator(MemoryContext cxt);

/* Raise an engine error as a PostgreSQL ERROR (does not return). */

/* Map an engine error code to an SQLSTATE. */
extern int	empathy_error_sqlstate(EmpErrorCode code);

/*
 * Set up a materialize-mode set-returning call; returns the tuplestore and
 * the result's tuple descriptor (both in per-query memory).  fn names the
 * function in the error for a caller that cannot accept a set.
 */
struct Tuplestorestate;
extern struct Tuplestorestate *empathy_begin_srf(FunctionCallInfo fcinfo, const char *fn, TupleDesc *desc);
/* A context for one SRF row's datums, reset after each row is stored. */
extern MemoryContext empathy_row_context(void);

/* Return a text argument as UTF-8 (converted from the database encoding). */
extern char *empathy_text_to_utf8(text *t, size_t *len);
extern long empathy_char_count(const char *s, size_t nbytes);
extern long empathy_char_position(const char *s, size_t len, long utf8pos);
extern char *empathy_cstring_to_utf8(const char *s);
extern const char *empathy_message_to_server(const char *s);
extern char *empathy_reason_detail(const char *reason, const char *detail);
/* The byte length of s cut to at most limit bytes on a character boundary of the
 * database encoding: for quoting user input in a message ("%.*s"). */
extern int	empathy_clip(const char *s, int limit);
extern const char *empathy_clip_more(const char *s, int clipped);
extern int	empathy_cliplen(const char *s, int len, int limit);

/* Return a UTF-8 string as text in the database encoding. */
extern text *empathy_utf8_to_text(const char *s, size_t len);
/* the customer's own words of a message (quoted e-mail left out); src/intent.c */
extern const char *empathy_own_words(const char *s, size_t len, size_t *outlen);

/* Return a one-dimensional text[] of n C strings (ASCII names). */
struct ArrayType;
extern struct ArrayType *empathy_names_array(const char *const *names, int n);

/*
 * Form a row of the function's composite result type from values and
 * nulls, and return it as a Datum.
 */
extern Datum empathy_result_row(FunctionCallInfo fcinfo, const char *fn, Datum *values, bool *nulls);

#endif							/* EMPATHY_H */
