/*-------------------------------------------------------------------------
 *
 * builtin.c
 *	  Build the 'english' configuration from the data compiled into the
 *	  library: modifiers first (so phrases made of them resolve), then the
 *	  hand-made lexicon and emoji, then the weights learned from labelled
 *	  data, added on top of the hand-made ones as corrections that may
 *	  weaken a hand-made weight but never turn it around.
 *
 *-------------------------------------------------------------------------
 */
#include "builtin.h"

#include <string.h>

const char *
emp_builtin_file(const char *name, size_t *len)
{
	for (int i = 0; emp_builtin_files[i].name; i++)
	{
		if (strcmp(emp_builtin_files[i].name, name) == 0)
		{
			*len = emp_builtin_files[i].len;
			return emp_builtin_files[i].data;
		}
	}
	*len = 0;
	return NULL;
}

EmpLexicon *
emp_builtin_lexicon(EmpAllocator *a, EmpStemmer *st, EmpError *err)
{
	EmpLexicon *lx = emp_lexicon_create(a, st);
	const char *d;
	size_t		n;

	if ((d = emp_builtin_file("modifiers", &n)) != NULL &&
		!emp_lexicon_load_modifiers(lx, d, n, "modifiers.tsv", err))
		return NULL;
	if ((d = emp_builtin_file("lexicon", &n)) != NULL &&
		!emp_lexicon_load_weights(lx, d, n, "lexicon.tsv", EMP_MERGE_SET, err))
		return NULL;
	if ((d = emp_builtin_file("emoji", &n)) != NULL &&
		!emp_lexicon_load_weights(lx, d, n, "emoji.tsv", EMP_MERGE_SET, err))
		return NULL;
	if ((d = emp_builtin_file("learned", &n)) != NULL &&
		!emp_lexicon_load_weights(lx, d, n, "learned.tsv", EMP_MERGE_CORRECT, err))
		return NULL;
	emp_lexicon_finish(lx);
	return lx;
}

bool
emp_builtin_model(EmpModel *m, EmpError *err)
{
	const char *d;
	size_t		n;

	emp_model_defaults(m);
	if ((d = emp_builtin_file("model", &n)) != NULL)
		return emp_model_load(m, d, n, "model.tsv", err);
	return true;
}
