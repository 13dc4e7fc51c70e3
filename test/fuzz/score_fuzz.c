/*
 * score_fuzz.c
 *	  libFuzzer target: tokenise and score arbitrary bytes with the built-in
 *	  configuration, with and without explanation, and check the results
 *	  stay in range, are the same with and without an explanation (and when
 *	  only some scores are wanted), and the explanation adds up.
 */
#include "builtin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static EmpScorer *sc;
static double sum_sent;

static void
row(void *arg, const EmpExplainRow *r)
{
	if (r->channel == EMP_CH_VALENCE)
		sum_sent += r->contribution;
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	EmpScores	s;

	if (sc == NULL)
	{
		EmpError	err;
		EmpModel	m;
		EmpLexicon *lx = emp_builtin_lexicon(&emp_malloc_allocator, emp_stemmer_create(), &err);

		if (lx == NULL || !emp_builtin_model(&m, &err))
			abort();
		sc = emp_scorer_create(&emp_malloc_allocator, lx, &m);
	}
	emp_score(sc, (const char *) data, size, &s, NULL, NULL);
	if (!(s.sentiment >= -1 && s.sentiment <= 1) || !(s.intensity >= 0 && s.intensity <= 1) ||
		!(s.escalation >= 0 && s.escalation <= 1))
		abort();
	for (int d = 0; d < EMP_NDIMS; d++)
		if (!(s.dims[d] >= 0 && s.dims[d] <= 1))
			abort();
	{
		EmpScores	e,
					some;

		/* explained: the same scores, to the bit, and rows that add up */
		sum_sent = 0;
		emp_score(sc, (const char *) data, size, &e, row, NULL);
		if (memcmp(&e, &s, sizeof(s)) != 0 || fabs(sum_sent - e.sentiment) > 1e-3)
			abort();
		/* only some scores wanted: those are the same */
		emp_score_some(sc, (const char *) data, size, EMP_WANT_SENTIMENT, &some, NULL, NULL);
		if (some.sentiment != s.sentiment)
			abort();
		emp_score_some(sc, (const char *) data, size, EMP_WANT_DIMS, &some, NULL, NULL);
		if (memcmp(some.dims, s.dims, sizeof(s.dims)) != 0)
			abort();
	}
	return 0;
}
