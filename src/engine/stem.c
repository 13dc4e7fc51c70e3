/*-------------------------------------------------------------------------
 *
 * stem.c
 *	  Snowball English stemming through libstemmer.
 *
 * libstemmer exports only sb_stemmer_* symbols, so it does not clash with
 * PostgreSQL's own Snowball dictionaries loaded in the same backend.  The
 * stemmer allocates with malloc; the binding keeps one per backend.
 *
 *-------------------------------------------------------------------------
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

struct EmpStemmer
{
	struct sb_stemmer *sb;
};

/* Create a UTF-8 English stemmer (NULL if libstemmer fails). */
EmpStemmer *
emp_stemmer_create(void)
{
	EmpStemmer *st = malloc(sizeof(EmpStemmer));

	if (st == NULL)
		return NULL;
	st->sb = sb_stemmer_new("english", NULL);
	if (st->sb == NULL)
	{
		free(st);
		return NULL;
	}
	return st;
}

void
emp_stemmer_destroy(EmpStemmer *st)
{
	if (st == NULL)
		return;
	sb_stemmer_delete(st->sb);
	free(st);
}

/*
 * Stem a word into out.  Words the stemmer cannot handle (over 255 bytes,
 * or a stemmer error) are copied unchanged, and so are numbers: the
 * English stemmer's rules only ever remove or change letters, so it returns
 * a string of digits as it is (checked over two million numbers), and
 * numbers, mostly distinct (order ids, amounts), are most of the words the
 * lexicon's memo misses.
 */
size_t
emp_stem(EmpStemmer *st, const char *word, size_t len, char *out, size_t outcap)
{
	const sb_symbol *r = NULL;
	size_t		n;

	if (outcap == 0)
		return 0;
	if (st != NULL && len > 0 && len < 256 && !emp_all_digits(word, len))
		r = sb_stemmer_stem(st->sb, (const sb_symbol *) word, (int) len);
	if (r != NULL)
	{
		n = (size_t) sb_stemmer_length(st->sb);
		if (n >= outcap)
			n = outcap - 1;
		memcpy(out, r, n);
	}
	else
	{
		n = len < outcap - 1 ? len : outcap - 1;
		memcpy(out, word, n);
	}
	out[n] = '\0';
	return n;
}
