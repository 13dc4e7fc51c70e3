/*
 * markers_fuzz.c
 *	  libFuzzer target: split the input into a reply, a customer message, a
 *	  name and a user phrase (separated by NUL bytes), add the phrase to a
 *	  catalogue, and scan and score the reply.  Any crash, sanitizer report
 *	  or out-of-range result is a bug.
 */
#include "builtin.h"
#include "markers.h"

#include <stdlib.h>
#include <string.h>

static EmpMarkerSet *ms;
static EmpScorer *scorer;
static EmpStemmer *st;

/* Count hits, checking their spans. */
static void
check_hit(void *arg, const EmpMarkerHit *h)
{
	size_t		len = *(size_t *) arg;

	if (h->start + (size_t) h->len > len || h->category < 0 || h->category >= EMP_MK_NCATS)
		abort();
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *part[4] = {"", "", "", ""};
	size_t		plen[4] = {0, 0, 0, 0};
	size_t		p = 0;
	EmpError	err;
	EmpMarkerScan scan;
	EmpEmpathy	e;

	if (ms == NULL)
	{
		EmpModel	model;

		st = emp_stemmer_create();
		memset(&err, 0, sizeof(err));
		ms = emp_builtin_markers(&emp_malloc_allocator, st, &err);
		emp_builtin_model(&model, &err);
		scorer = emp_scorer_create(&emp_malloc_allocator,
								   emp_builtin_lexicon(&emp_malloc_allocator, st, &err), &model);
		if (ms == NULL || scorer == NULL)
			abort();
	}
	for (int i = 0; i < 4 && p <= size; i++)
	{
		const uint8_t *z = p < size ? memchr(data + p, 0, size - p) : NULL;
		size_t		e2 = z ? (size_t) (z - data) : size;

		part[i] = (const char *) data + p;
		plen[i] = e2 - p;
		p = e2 + 1;
	}
	/* user phrases accumulate only a little, so the catalogue stays small */
	if (plen[3] > 0 && plen[3] < 200 && emp_markers_nphrases(ms) < 5000)
	{
		memset(&err, 0, sizeof(err));
		(void) emp_markers_add(ms, (int) (plen[3] % EMP_MK_OVER_APOLOGY), 1 + (int) (plen[3] % 2),
							   part[3], plen[3], &err);
	}
	emp_markers_scan(ms, part[0], plen[0], &scan, check_hit, &plen[0]);
	emp_empathy_score(ms, scorer, part[0], plen[0], plen[1] ? part[1] : NULL, plen[1],
					  plen[2] ? part[2] : NULL, plen[2], &e, NULL, NULL);
	if (!(e.score >= 0 && e.score <= 100) || e.emotional_reaction < 0 || e.emotional_reaction > 2 ||
		e.interpretation < 0 || e.interpretation > 2 || e.exploration < 0 || e.exploration > 2 ||
		e.reflection > 1.0f)
		abort();
	return 0;
}
