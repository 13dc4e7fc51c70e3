/*
 * unit.h
 *	  A tiny TAP-style harness for the engine unit tests: each check prints
 *	  "ok N - what" or "not ok N - what", and main returns non-zero when any
 *	  check failed.
 */
#ifndef EMPATHY_UNIT_H
#define EMPATHY_UNIT_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int	unit_n = 0;
static int	unit_failed = 0;

#define CHECK(cond, ...) \
	do { \
		unit_n++; \
		if (cond) printf("ok %d - ", unit_n); \
		else { unit_failed++; printf("not ok %d - ", unit_n); } \
		printf(__VA_ARGS__); \
		printf("   [%s:%d]\n", __FILE__, __LINE__); \
	} while (0)

#define CHECK_NEAR(a, b, eps, ...) CHECK(fabs((double) (a) - (double) (b)) <= (eps), __VA_ARGS__)
#define CHECK_STR(a, b, ...) CHECK(strcmp((a), (b)) == 0, __VA_ARGS__)

#define UNIT_DONE() \
	do { \
		printf("# %s: %d checks, %d failed\n", __FILE__, unit_n, unit_failed); \
		return unit_failed ? 1 : 0; \
	} while (0)

#endif
