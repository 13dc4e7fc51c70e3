/*-------------------------------------------------------------------------
 *
 * builtin.h
 *	  The built-in configuration ('english'): data files compiled into the
 *	  library, and the lexicon, model and scorer built from them.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_BUILTIN_H
#define EMPATHY_BUILTIN_H

#include <stddef.h>

typedef struct EmpBuiltinFile
{
	const char *name;			/* data/builtin/<name>.tsv */
	const char *data;
	size_t		len;
} EmpBuiltinFile;

extern const EmpBuiltinFile emp_builtin_files[];

/* Return a built-in data file by name, or NULL (len 0). */
extern const char *emp_builtin_file(const char *name, size_t *len);

#ifndef EMPATHY_BUILTIN_DATA_ONLY
#include "score.h"

/* Build the built-in scoring lexicon (words, phrases, modifiers, emoji, learned weights). */
extern EmpLexicon *emp_builtin_lexicon(EmpAllocator *a, EmpStemmer *st, EmpError *err);
/* Fill the built-in scoring model. */
extern bool emp_builtin_model(EmpModel *m, EmpError *err);
#endif

#endif							/* EMPATHY_BUILTIN_H */
