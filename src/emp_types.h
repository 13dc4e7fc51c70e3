/*-------------------------------------------------------------------------
 *
 * emp_types.h
 *	  The empathy.emotions type.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_TYPES_H
#define EMPATHY_TYPES_H

#include "postgres.h"

#include "score.h"

#define EMOTIONS_NVALUES	(EMP_NDIMS + 2)
#define EMOTIONS_SENTIMENT	EMP_NDIMS
#define EMOTIONS_INTENSITY	(EMP_NDIMS + 1)

/* Fixed-size, passed by reference (48 bytes). */
typedef struct Emotions
{
	float4		v[EMOTIONS_NVALUES];
} Emotions;

#define PG_GETARG_EMOTIONS_P(n)	((Emotions *) PG_GETARG_POINTER(n))

extern const char *const emotions_value_names[EMOTIONS_NVALUES];
extern int	emotions_value_index(const char *name, size_t len);
extern void emotions_from_scores(Emotions *e, const EmpScores *s);

#endif							/* EMPATHY_TYPES_H */
