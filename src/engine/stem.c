/*-------------------------------------------------------------------------
 *
 * stem.c
 *	  Snowball English stemming through libstemmer.
 *
 * libstemmer exports only sb_stemmer_* symbols, so it does not clash with
 * PostgreSQL's own Snowball dictionaries loaded in the same backend.  The
 * stemmer allocates with malloc; the binding keeps one per backend.
 *
 * A small direct-mapped cache of short words and their stems sits in
 * front of libstemmer.  Building the built-in lexicon and phrase catalogue
 * stems about 35,000 words, of which fewer than 7,000 are distinct ("i",
 * "you" and "can" over a thousand times each): the cache saves most of
 * that work, and stemming is a pure function, so it changes no result.
 *
 *-------------------------------------------------------------------------
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

/* Cached words and stems are at most this long; longer ones bypass the cache. */
#define STEM_CACHE_WORD		15
/* Entries (a power of two): 32 bytes each, 128 kB in all. */
#define STEM_CACHE_SIZE		4096

typedef struct StemCacheEntry
{
	uint8_t		wlen;			/* 0: empty */
	uint8_t		slen;
	char		word[STEM_CACHE_WORD];
	char		stem[STEM_CACHE_WORD];
} StemCacheEntry;

struct EmpStemmer
{
	struct sb_stemmer *sb;
	StemCacheEntry cache[STEM_CACHE_SIZE];
};

/* Create a UTF-8 English stemmer (NULL if libstemmer fails). */
EmpStemmer *
emp_stemmer_create(void)
{
	EmpStemmer *st = malloc(sizeof(EmpStemmer));

	if (st == NULL)
		return NULL;
	memset(st->cache, 0, sizeof(st->cache));
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
	StemCacheEntry *e = NULL;
	size_t		n;

	if (outcap == 0)
		return 0;
	if (st != NULL && len > 0 && len < 256 && !emp_all_digits(word, len))
	{
		if (len <= STEM_CACHE_WORD)
		{
			uint32_t	h = 2166136261u;	/* FNV-1a */

			for (size_t i = 0; i < len; i++)
				h = (h ^ (unsigned char) word[i]) * 16777619u;
			e = &st->cache[(h ^ (h >> 15)) & (STEM_CACHE_SIZE - 1)];
			if (e->wlen == len && memcmp(e->word, word, len) == 0)
			{
				n = e->slen < outcap - 1 ? e->slen : outcap - 1;
				memcpy(out, e->stem, n);
				out[n] = '\0';
				return n;
			}
		}
		r = sb_stemmer_stem(st->sb, (const sb_symbol *) word, (int) len);
	}
	if (r != NULL)
	{
		n = (size_t) sb_stemmer_length(st->sb);
		if (e != NULL && n <= STEM_CACHE_WORD)
		{
			e->wlen = (uint8_t) len;
			e->slen = (uint8_t) n;
			memcpy(e->word, word, len);
			memcpy(e->stem, r, n);
		}
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
