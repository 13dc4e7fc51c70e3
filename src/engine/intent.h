/*-------------------------------------------------------------------------
 *
 * intent.h
 *	  Customer intents: a compiled catalogue of "intent<TAB>phrase" lines
 *	  and one pass over a message that names the intent it is about.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_INTENT_H
#define EMPATHY_INTENT_H

#include "engine.h"

/* Most intents a catalogue may name. */
#define EMP_INTENT_MAX		64
/* Bytes of a message that are read (the rest is ignored). */
#define EMP_INTENT_SCAN_BYTES	4096

typedef struct EmpIntentSet EmpIntentSet;

/*
 * Compile a catalogue of "intent<TAB>phrase" lines ('#' comments and blank
 * lines skipped).  Returns NULL with err set on a malformed line or too
 * many intents.
 */
extern EmpIntentSet *emp_intents_create(EmpAllocator *a, EmpStemmer *st,
										const char *data, size_t len,
										const char *source, EmpError *err);

/*
 * Release what the catalogue holds outside its allocator (the tokenizer);
 * its memory is released by the allocator's owner.
 */
extern void emp_intents_destroy(EmpIntentSet *is);

/* Number of intents and the name of intent i. */
extern int	emp_intents_count(const EmpIntentSet *is);
extern const char *emp_intents_name(const EmpIntentSet *is, int i);

/*
 * Classify a message (its first EMP_INTENT_SCAN_BYTES, cut at a character
 * boundary): the intent whose phrases weigh most (a phrase weighs its
 * number of words; an earlier match breaks ties), or -1 when no phrase
 * matches.  When start is not NULL, it gets the byte offset of the first
 * phrase of the winning intent.
 */
extern int	emp_intents_classify(EmpIntentSet *is, const char *text, size_t len,
								 uint32_t *start);

/*
 * The customer's own words of an e-mail reply: the text without its quoted
 * lines ("> ...", ">> ...", ">"; not ">:(") and without what follows a
 * line "On ... wrote:" or "-----Original Message-----" below the first;
 * lines end in LF, CR LF or CR.  Returns s (*outlen = n) when nothing is
 * left out, or when what is left has no letter (a message that is all
 * quote); else the trimmed rest, written to buf (n bytes or more).  With
 * buf NULL it returns NULL when it would need one.
 */
extern const char *emp_own_words(const char *s, size_t n, char *buf, size_t *outlen);

#endif							/* EMPATHY_INTENT_H */
