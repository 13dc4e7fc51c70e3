/*-------------------------------------------------------------------------
 *
 * engine.h
 *	  The empathy engine: plain C, no postgres.h.
 *
 * The engine normalises and tokenises text, looks tokens up in compiled
 * lexicons, applies the scoring rules, matches phrase catalogues and
 * renders templates.  It knows nothing of PostgreSQL: every allocation goes
 * through an EmpAllocator that the binding backs with palloc and the unit
 * tests and fuzzers back with malloc, and every user-caused failure comes
 * back as an EmpError that the binding turns into ereport().
 *
 * All text handed to the engine is UTF-8 and need not be NUL-terminated.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_ENGINE_H
#define EMPATHY_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Largest single allocation the engine asks for (PostgreSQL's MaxAllocSize). */
#define EMP_MAX_ALLOC			((size_t) 0x3fffffff)

/*
 * Allocator and interrupt hook.  alloc never returns NULL: it either
 * succeeds or does not return (palloc's ereport, or abort in tests).
 * try_alloc, which may be NULL, returns NULL when the memory cannot be had:
 * it serves what only saves time (a cache growing), which must not fail a
 * query that could go on without it.
 * Memory is released in bulk by the owner (a memory context, or the test);
 * release may be a no-op.  check_interrupts is called every few thousand
 * tokens in loops over long input; it may not return (query cancel).
 */
typedef struct EmpAllocator
{
	void	   *(*alloc) (void *ctx, size_t size);
	void		(*release) (void *ctx, void *ptr);
	void		(*check_interrupts) (void *ctx);
	void	   *ctx;
	void	   *(*try_alloc) (void *ctx, size_t size);
} EmpAllocator;

/* A malloc-backed allocator for tests and fuzzers (never for the server). */
extern EmpAllocator emp_malloc_allocator;

static inline void *
emp_alloc(EmpAllocator *a, size_t size)
{
	return a->alloc(a->ctx, size);
}

/* Allocate memory that only saves time: NULL if it cannot be had (see try_alloc). */
static inline void *
emp_try_alloc(EmpAllocator *a, size_t size)
{
	return a->try_alloc ? a->try_alloc(a->ctx, size) : a->alloc(a->ctx, size);
}

static inline void
emp_release(EmpAllocator *a, void *ptr)
{
	if (ptr && a->release)
		a->release(a->ctx, ptr);
}

/*
 * memset(p, 0, n) for the fixed sizes of a call's state: 16-byte stores
 * where SSE2 has them.  For a struct of a few hundred bytes the compiler's
 * own choice is "rep stos", which costs a few dozen cycles to start, every
 * call.
 */
static inline __attribute__((always_inline)) void
emp_clear_bytes(void *p, size_t n)
{
#ifdef __SSE2__
	size_t		i;

#pragma GCC unroll 64
	for (i = 0; i + 16 <= n; i += 16)
		_mm_storeu_si128((__m128i *) ((char *) p + i), _mm_setzero_si128());
	if (i < n)
		memset((char *) p + i, 0, n - i);
#else
	memset(p, 0, n);
#endif
}

static inline void
emp_check_interrupts(EmpAllocator *a)
{
	if (a->check_interrupts)
		a->check_interrupts(a->ctx);
}

/* Error kinds; the binding maps them to SQLSTATEs. */
typedef enum EmpErrorCode
{
	EMP_OK = 0,
	EMP_ERR_SYNTAX,				/* malformed input: 22P02 / 42601 */
	EMP_ERR_INVALID_VALUE,		/* out of range or unknown name: 22023 */
	EMP_ERR_TOO_LARGE,			/* result over EMP_MAX_ALLOC: 54000 */
	EMP_ERR_TOO_DEEP,			/* nesting limit: 54001 */
	EMP_ERR_MISSING				/* strict mode missing value: 22023 */
} EmpErrorCode;

typedef struct EmpError
{
	EmpErrorCode code;
	char		message[256];	/* lowercase, no period (errmsg style) */
	char		detail[256];	/* full sentence, may be empty */
	char		hint[256];		/* full sentence, may be empty */
	long		position;		/* 1-based character position, 0 if none */
} EmpError;

extern bool emp_error_set(EmpError *err, EmpErrorCode code, long position,
						  const char *fmt,...) __attribute__((format(printf, 4, 5)));
extern void emp_error_detail(EmpError *err, const char *fmt,...) __attribute__((format(printf, 2, 3)));
extern void emp_error_hint(EmpError *err, const char *fmt,...) __attribute__((format(printf, 2, 3)));

/* A growable byte buffer (allocator-backed). */
typedef struct EmpBuf
{
	char	   *data;
	size_t		len;
	size_t		cap;
	size_t		limit;			/* fail past this many bytes */
	EmpAllocator *a;
} EmpBuf;

extern void emp_buf_init(EmpBuf *b, EmpAllocator *a, size_t initial, size_t limit);
extern bool emp_buf_append(EmpBuf *b, const char *s, size_t n);
extern bool emp_buf_reserve(EmpBuf *b, size_t total);
static inline bool
emp_buf_putc(EmpBuf *b, char c)
{
	if (b->len < b->cap)
	{
		b->data[b->len++] = c;
		return true;
	}
	return emp_buf_append(b, &c, 1);
}

/* Parse a plain decimal number exactly as strtod would; false for other forms. */
extern bool emp_parse_decimal(const char *s, size_t n, double *out);

/* True if s is one or more ASCII digits. */
static inline bool
emp_all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* ----------------------------------------------------------------
 * Emotion dimensions
 * ----------------------------------------------------------------
 */
typedef enum EmpDim
{
	EMP_ANGER = 0,
	EMP_FRUSTRATION,
	EMP_DISAPPOINTMENT,
	EMP_SADNESS,
	EMP_FEAR,
	EMP_CONFUSION,
	EMP_SURPRISE,
	EMP_JOY,
	EMP_GRATITUDE,
	EMP_DISGUST,
	EMP_NDIMS					/* number of emotion dimensions */
} EmpDim;

/* Channels of a lexicon entry: the emotions, then valence and escalation. */
#define EMP_CH_VALENCE		EMP_NDIMS
#define EMP_CH_ESCALATION	(EMP_NDIMS + 1)
#define EMP_NCHANNELS		(EMP_NDIMS + 2)

extern const char *const emp_dim_names[EMP_NCHANNELS];	/* "anger" .. "sentiment", "escalation" */
extern int	emp_dim_lookup(const char *name, size_t len);	/* -1 if unknown */

/* ----------------------------------------------------------------
 * Tokens
 * ----------------------------------------------------------------
 */
typedef enum EmpTokKind
{
	EMP_TOK_WORD,				/* letters, digits, inner apostrophes */
	EMP_TOK_NUMBER,				/* digits only */
	EMP_TOK_EMOJI,				/* one emoji (ZWJ sequence, modifiers folded) */
	EMP_TOK_EMOTICON,			/* :) :-( <3 ... */
	EMP_TOK_PUNCT,				/* one punctuation run: "!!!", "?", ",", "..." */
	EMP_TOK_BREAK				/* paragraph/line break */
} EmpTokKind;

#define EMP_TF_ALLCAPS		0x01	/* at least 2 letters, all upper case */
#define EMP_TF_ELONGATED	0x02	/* a letter repeated 3+ times: "sooo" */
#define EMP_TF_SENT_END		0x04	/* punctuation ending a sentence */
#define EMP_TF_CAPITALIZED	0x08	/* first letter upper case, rest not */
#define EMP_TF_NONASCII		0x10	/* needed ICU normalisation */
#define EMP_TF_DIGIT		0x20	/* a word or number with a digit ("4pm", "AB12") */
#define EMP_TF_PHRASE_CAPS	0x40	/* on a phrase's first slot: a word of it is ALLCAPS */

typedef struct EmpToken
{
	EmpTokKind	kind;
	uint8_t		flags;
	uint32_t	start;			/* byte offset in the input */
	uint32_t	len;			/* byte length in the input */
	const char *norm;			/* normalised form (case-folded, NFKC, elongation
								 * collapsed to 2, emoji modifiers removed) */
	uint32_t	normlen;
	char		punct;			/* for PUNCT: the character repeated ('!', '?', '.', ',') */
	uint32_t	count;			/* for PUNCT: run length; for '?!' mixes, count of each */
	bool		keyed;			/* key holds norm, zero-padded: a word or a
								 * number of 1 to 15 bytes, not elongated */
	uint64_t	key[2];			/* filled by the tokenizer's 16-byte word path */
} EmpToken;

/*
 * Tokenizer: call emp_tokenizer_next until it returns false.  The token's
 * norm points into the tokenizer's scratch buffer and is valid until the next
 * call.  Input over 4 GB is rejected by the binding before it gets here.
 */
typedef struct EmpTokenizer EmpTokenizer;

extern EmpTokenizer *emp_tokenizer_create(EmpAllocator *a);
extern void emp_tokenizer_reset(EmpTokenizer *tz, const char *text, size_t len);
extern bool emp_tokenizer_next(EmpTokenizer *tz, EmpToken *tok);
extern void emp_tokenizer_destroy(EmpTokenizer *tz);

/*
 * Release the scratch a long word grew past EMP_TZ_SCRATCH_KEPT bytes: a
 * tokenizer lives as long as its scorer or catalogue, and one 50 MB word
 * would otherwise keep its buffers for the backend's life.  Call it when a
 * text is done; it is cheap when there is nothing to release.
 */
#define EMP_TZ_SCRATCH_KEPT		(64 * 1024)
extern void emp_tokenizer_trim(EmpTokenizer *tz);

/* Count UTF-8 characters in the first nbytes of s (for 1-based positions). */
extern long emp_utf8_charcount(const char *s, size_t nbytes);
/* The length of the longest prefix of s (NUL-terminated) of at most max bytes that ends
 * on a UTF-8 character boundary: for quoting a cut piece of text in a message. */
extern int	emp_utf8_clip(const char *s, size_t max);
/* The same for len bytes that need not end in a NUL. */
extern int	emp_utf8_clipn(const char *s, size_t len, size_t max);

/*
 * v in the fewest significant digits (15 to 17) that read back as v, into
 * buf (32 bytes), for a message that quotes a value as it was given.
 */
extern const char *emp_fmt_double(char *buf, double v);
#define EMP_FMT_DOUBLE(v)	emp_fmt_double((char[32]) {0}, (v))

/* Do the len bytes at s start with an eye-rolling emoji (🙄 🙃 😒)? */
extern bool emp_is_eye_roll(const char *s, size_t len);

/* ----------------------------------------------------------------
 * Stemming (Snowball English through libstemmer)
 * ----------------------------------------------------------------
 */
typedef struct EmpStemmer EmpStemmer;

extern EmpStemmer *emp_stemmer_create(void);	/* malloc-backed: destroy it */
extern void emp_stemmer_destroy(EmpStemmer *st);
/* Stem word into out (at most outcap bytes, NUL-terminated); returns length. */
extern size_t emp_stem(EmpStemmer *st, const char *word, size_t len, char *out, size_t outcap);

#endif							/* EMPATHY_ENGINE_H */
