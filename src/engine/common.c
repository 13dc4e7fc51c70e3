/*-------------------------------------------------------------------------
 *
 * common.c
 *	  Engine basics: the malloc allocator for tests, errors, growable
 *	  buffers and the names of the emotion dimensions.
 *
 *-------------------------------------------------------------------------
 */
#include "engine.h"

#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const emp_dim_names[EMP_NCHANNELS] = {
	"anger", "frustration", "disappointment", "sadness", "fear",
	"confusion", "surprise", "joy", "gratitude", "disgust",
	"sentiment", "escalation"
};

/* Return the index of a dimension name, or -1. */
int
emp_dim_lookup(const char *name, size_t len)
{
	static uint8_t lens[EMP_NCHANNELS];

	if (lens[0] == 0)
		for (int i = 0; i < EMP_NCHANNELS; i++)
			lens[i] = (uint8_t) strlen(emp_dim_names[i]);
	for (int i = 0; i < EMP_NCHANNELS; i++)
		if (lens[i] == len && memcmp(emp_dim_names[i], name, len) == 0)
			return i;
	return -1;
}

/*
 * Parse a plain decimal number (an optional sign, digits, an optional
 * point and digits: "-0.35", "2", ".5") of s[0..n) into *out.  With at most
 * 15 significant digits and 15 decimals, the digits make an exact integer m
 * (below 2^53) and the value is m / 10^k: two exact doubles and one
 * correctly rounded division, exactly what
 * strtod returns, without its general machinery.  Returns false for
 * anything else (exponents, "inf", over 15 significant digits or 15
 * decimals, no digit), which the caller then hands to strtod.
 */
bool
emp_parse_decimal(const char *s, size_t n, double *out)
{
	static const double pow10[16] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
	};
	size_t		i = 0;
	bool		neg = false,
				dot = false;
	uint64_t	m = 0;
	int			ndigits = 0,
				nsig = 0,
				nfrac = 0;
	double		v;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = (s[i++] == '-');
	for (; i < n; i++)
	{
		if (s[i] >= '0' && s[i] <= '9')
		{
			/* at most 15 significant digits, and 15 after the point */
			if ((m != 0 || s[i] != '0') && ++nsig > 15)
				return false;
			if (dot && ++nfrac > 15)
				return false;
			m = m * 10 + (uint64_t) (s[i] - '0');
			ndigits++;
		}
		else if (s[i] == '.' && !dot)
			dot = true;
		else
			return false;
	}
	/* one rounding only where doubles are computed as doubles (not x87) */
	if (ndigits == 0 || FLT_EVAL_METHOD != 0)
		return false;
	v = (double) m / pow10[nfrac];
	*out = neg ? -v : v;
	return true;
}

/* Allocate with malloc, aborting on failure (tests and fuzzers only). */
static void *
malloc_alloc(void *ctx, size_t size)
{
	void	   *p = malloc(size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

static void
malloc_release(void *ctx, void *ptr)
{
	free(ptr);
}

EmpAllocator emp_malloc_allocator = {malloc_alloc, malloc_release, NULL, NULL, NULL};

static void set_text(char *dst, size_t cap, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));

static void
set_text(char *dst, size_t cap, const char *fmt, va_list ap)
{
	/* a message cut at cap ends on a whole character */
	if (vsnprintf(dst, cap, fmt, ap) >= (int) cap)
		dst[emp_utf8_clip(dst, cap - 1)] = '\0';
}

/* Record an error; always returns false so callers can "return emp_error_set(...)". */
bool
emp_error_set(EmpError *err, EmpErrorCode code, long position, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return false;
	err->code = code;
	err->position = position;
	err->detail[0] = '\0';
	err->hint[0] = '\0';
	va_start(ap, fmt);
	set_text(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return false;
}

/* Add a detail sentence to the current error. */
void
emp_error_detail(EmpError *err, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	set_text(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

/* Add a hint sentence to the current error. */
void
emp_error_hint(EmpError *err, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	set_text(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}

/* Start an empty buffer that refuses to grow past limit bytes. */
void
emp_buf_init(EmpBuf *b, EmpAllocator *a, size_t initial, size_t limit)
{
	if (initial < 16)
		initial = 16;
	if (limit == 0 || limit > EMP_MAX_ALLOC)
		limit = EMP_MAX_ALLOC;
	if (initial > limit)
		initial = limit;
	b->a = a;
	b->data = emp_alloc(a, initial);
	b->len = 0;
	b->cap = initial;
	b->limit = limit;
}

/* Make room for total bytes in all; false if that passes the limit. */
bool
emp_buf_reserve(EmpBuf *b, size_t total)
{
	size_t		newcap = b->cap;
	char	   *nd;

	if (total <= b->cap)
		return true;
	if (total > b->limit)
		return false;
	while (newcap < total)
		newcap = (newcap > b->limit / 2) ? b->limit : newcap * 2;
	nd = emp_alloc(b->a, newcap);
	memcpy(nd, b->data, b->len);
	emp_release(b->a, b->data);
	b->data = nd;
	b->cap = newcap;
	return true;
}

const char *
emp_fmt_double(char *buf, double v)
{
	for (int prec = 15; prec <= 17; prec++)
	{
		snprintf(buf, 32, "%.*g", prec, v);
		if (prec == 17 || strtod(buf, NULL) == v || v != v)
			break;
	}
	return buf;
}

/* Append n bytes; false (and nothing appended) if the limit would be passed. */
bool
emp_buf_append(EmpBuf *b, const char *s, size_t n)
{
	if (n > b->limit - b->len)
		return false;
	if (!emp_buf_reserve(b, b->len + n))
		return false;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	return true;
}
