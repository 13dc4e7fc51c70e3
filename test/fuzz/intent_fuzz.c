/*
 * intent_fuzz.c
 *	  libFuzzer target: classify the input with the built-in intent
 *	  catalogue, and compile the input as a catalogue of its own and
 *	  classify a fixed message with it; and read its own words (quoted
 *	  e-mail left out).  Any crash, sanitizer report or out-of-range
 *	  result is a bug.
 */
#include "builtin.h"
#include "intent.h"

#include <stdlib.h>
#include <string.h>

static EmpIntentSet *is;
static EmpStemmer *st;

/* A tracking allocator for the per-input catalogue: everything is freed after each input. */
static void **blocks;
static size_t nblocks,
			capblocks;

/* Allocate and remember a block. */
static void *
track_alloc(void *ctx, size_t size)
{
	void	   *p = malloc(size ? size : 1);

	if (p == NULL)
		abort();
	if (nblocks == capblocks)
	{
		capblocks = capblocks ? capblocks * 2 : 256;
		blocks = realloc(blocks, capblocks * sizeof(void *));
		if (blocks == NULL)
			abort();
	}
	blocks[nblocks++] = p;
	return p;
}

/* Free one remembered block. */
static void
track_release(void *ctx, void *ptr)
{
	for (size_t k = nblocks; k-- > 0;)
		if (blocks[k] == ptr)
		{
			free(ptr);
			blocks[k] = NULL;
			return;
		}
}

static EmpAllocator track = {track_alloc, track_release, NULL, NULL, NULL};

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	EmpError	err;
	uint32_t	start = 0;
	int			i;

	memset(&err, 0, sizeof(err));
	if (is == NULL)
	{
		size_t		len;
		const char *cat = emp_builtin_file("intents", &len);

		st = emp_stemmer_create();
		is = emp_intents_create(&emp_malloc_allocator, st, cat, len, "intents.tsv", &err);
		if (is == NULL)
			abort();
	}
	i = emp_intents_classify(is, (const char *) data, size, &start);
	if (i >= emp_intents_count(is) || (i >= 0 && (start >= size || start >= EMP_INTENT_SCAN_BYTES)))
		abort();
	/* its own words: a part of it, no longer, and the same twice */
	{
		char	   *buf = malloc(size + 1);
		char	   *buf2 = malloc(size + 1);
		size_t		n1,
					n2;
		const char *o1 = emp_own_words((const char *) data, size, buf, &n1);
		const char *o2 = emp_own_words(o1, n1, buf2, &n2);

		if (n1 > size || (o1 != (const char *) data && (o1 < buf || o1 + n1 > buf + size)) || n2 > n1)
			abort();
		(void) o2;
		free(buf);
		free(buf2);
	}
	/* the input as a catalogue of its own */
	if (size < 512)
	{
		EmpIntentSet *own = emp_intents_create(&track, st, (const char *) data, size, "fuzz", &err);

		if (own)
		{
			i = emp_intents_classify(own, "where is my order, I was charged twice", 38, NULL);
			if (i >= emp_intents_count(own))
				abort();
			emp_intents_destroy(own);
		}
		for (size_t k = 0; k < nblocks; k++)
			free(blocks[k]);
		nblocks = 0;
	}
	return 0;
}
