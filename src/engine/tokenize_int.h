/*-------------------------------------------------------------------------
 *
 * tokenize_int.h
 *	  The inside of the tokenizer, for tokenize.c and for the walker: the
 *	  commonest token is read inline where every token is asked for.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_TOKENIZE_INT_H
#define EMPATHY_TOKENIZE_INT_H

#include "engine.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unicode/unorm2.h>

struct EmpTokenizer
{
	EmpAllocator *a;
	const unsigned char *text;
	size_t		len;
	size_t		pos;
	EmpBuf		norm;			/* normalised form of the current token */
	UChar	   *u16;			/* ICU scratch (non-ASCII tokens only) */
	int32_t		u16cap;
	UChar	   *u16out;
	int32_t		u16outcap;
	const UNormalizer2 *nfkc_cf;
	unsigned long ntokens;
	size_t		link_start;		/* the next link's span; len when there is none */
	size_t		link_end;
	size_t		next_mark;		/* the next '@' or '/' at or after the last link
								 * found (len: none left) */
	size_t		found_mark;		/* the mark of the last link find_link found, */
	size_t		found_start;	/* and its span, kept while a "www." link */
	size_t		found_end;		/* before it is skipped */
};

/* ASCII classes */
#define C_SPACE		1
#define C_LOWER		2
#define C_UPPER		3
#define C_DIGIT		4
#define C_PUNCT		5
#define C_NEWLINE	6
#define C_OTHER		7

/* The tables the inline path reads (tokenize.c fills them once). */
extern unsigned char emp_tz_ascii_class[128];
/* Word bytes for the ASCII fast path: the lower-cased letter or digit, 0 for anything else. */
extern unsigned char emp_tz_ascii_word_lower[256];
/* The emoticons by first byte: emp_tz_emoticon_first[c] .. [c + 1] in tokenize.c's order. */
extern uint8_t emp_tz_emoticon_first[129];
/* 1 for a first byte some emoticon starting with which has a lower-case letter second */
extern uint8_t emp_tz_emoticon_lower_second[128];

/* The paths the inline one hands its rarer tokens to (tokenize.c). */
extern __attribute__((noinline)) bool emp_tz_next_token(EmpTokenizer *tz, EmpToken *tok);
extern __attribute__((noinline)) bool emp_tz_next_punct(EmpTokenizer *tz, EmpToken *tok);
extern __attribute__((noinline)) bool emp_tz_word_tail(EmpTokenizer *tz, EmpToken *tok);
extern __attribute__((noinline)) bool emp_tz_word_done(EmpTokenizer *tz, EmpToken *tok);

#ifdef __SSE2__
/*
 * read_word_ascii for the commonest word of all: under 16 ASCII letters and
 * digits.  One 16-byte load finds the word's end, counts its cases and
 * lower-cases it, without a branch per byte; near the end of the text the
 * load is from a zero-padded copy of what is left (a zero ends a word as
 * the end of the text does), which the caller makes: s is the word's start
 * or that copy, 16 bytes readable.  Returns false, having consumed
 * nothing, for anything the byte loop must see: an apostrophe or a
 * non-ASCII byte after the word, a letter written three times running, 16
 * bytes or more.
 */
static inline __attribute__((always_inline)) bool
read_word_simd(EmpTokenizer *tz, EmpToken *tok, const unsigned char *s)
{
	__m128i		v,
				up,
				lo,
				dig,
				low,
				eq;
	unsigned	n,
				keep,
				mup,
				mlo;

	v = _mm_loadu_si128((const __m128i *) s);
	/*
	 * A byte is in [lo, lo + n) when, moved by 128 - lo (wrapping), it is
	 * below -128 + n as a signed byte: one add and one compare per range,
	 * the range's bytes being the only ones the move takes there.
	 */
	up = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char) (0x80 - 'A'))), _mm_set1_epi8((char) (-128 + 26)));
	lo = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char) (0x80 - 'a'))), _mm_set1_epi8((char) (-128 + 26)));
	dig = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char) (0x80 - '0'))), _mm_set1_epi8((char) (-128 + 10)));
	n = (unsigned) __builtin_ctz(~(unsigned) _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(up, lo), dig)));
	if (n >= 16 || s[n] == '\'' || s[n] >= 128)
		return false;
	keep = (1u << n) - 1;
	low = _mm_or_si128(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
	/* a letter equal to the two before it: elongation, for the byte loop */
	eq = _mm_and_si128(_mm_cmpeq_epi8(low, _mm_slli_si128(low, 1)), _mm_cmpeq_epi8(low, _mm_slli_si128(low, 2)));
	if (_mm_movemask_epi8(_mm_and_si128(eq, _mm_or_si128(up, lo))) & keep)
		return false;
	mup = (unsigned) _mm_movemask_epi8(up) & keep;
	mlo = (unsigned) _mm_movemask_epi8(lo) & keep;
	_mm_storeu_si128((__m128i *) tz->norm.data, low);	/* norm.cap >= 256 */
	/* the word alone, zero-padded: the lexicon's memo key */
	_mm_storeu_si128((__m128i *) tok->key,
					 _mm_and_si128(low, _mm_cmplt_epi8(_mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
													   _mm_set1_epi8((char) n))));
	tok->keyed = true;
	tok->kind = (mup | mlo) ? EMP_TOK_WORD : EMP_TOK_NUMBER;
	tok->start = (uint32_t) tz->pos;
	tok->len = n;
	/* every byte kept is a letter or a digit */
	tok->flags = ((mup | mlo) != keep) ? EMP_TF_DIGIT : 0;
	if (mlo == 0 && (mup & (mup - 1)) != 0)
		tok->flags |= EMP_TF_ALLCAPS;
	else if (mup == 1)
		tok->flags |= EMP_TF_CAPITALIZED;
	tz->norm.len = n;
	tz->pos += n;
	return true;
}
#endif

/*
 * emp_tokenizer_next, inline where every token is read (the walker).  The
 * commonest token, a short ASCII word after at most one space, is read
 * here, calling nothing but in its last step and with no loop; the rest is
 * for emp_tz_next_punct and emp_tz_next_token.  The one
 * space between two words is skipped uncounted: emp_tz_next_token counts its
 * rounds for the interrupt check, so that a long run of anything but
 * tokens still reaches it.
 */
#ifdef __SSE2__
/*
 * Hand out a word the 16-byte path has read; a "www" (a link, perhaps) and
 * every 1024th token (the interrupt check) take emp_tz_word_done's way.
 */
static inline bool
emp_tz_word_read(EmpTokenizer *tz, EmpToken *tok)
{
	if ((tok->len == 3 && (tz->text[tok->start] | 0x20) == 'w') || ((tz->ntokens + 1) & 0x3FF) == 0)
		return emp_tz_word_done(tz, tok);
	tz->ntokens++;
	tok->norm = tz->norm.data;
	tok->normlen = (uint32_t) tz->norm.len;
	return true;
}
#endif

static inline bool
emp_tokenizer_next_inline(EmpTokenizer *tz, EmpToken *tok)
{
	const unsigned char *s = tz->text;

	if (tz->pos < tz->len && s[tz->pos] == ' ')
		tz->pos++;
#ifdef __SSE2__

	/*
	 * A word byte that starts no emoticon, or none with a lower-case letter
	 * second and one follows ("The", not "T_T"; "Do", not "D:").
	 */
	if (tz->pos < tz->link_start && emp_tz_ascii_word_lower[s[tz->pos]] != 0 &&
		(emp_tz_emoticon_first[s[tz->pos]] == emp_tz_emoticon_first[s[tz->pos] + 1] ||
		 (tz->pos + 1 < tz->len && s[tz->pos + 1] >= 'a' && s[tz->pos + 1] <= 'z' &&
		  !emp_tz_emoticon_lower_second[s[tz->pos]])))
	{
		if (tz->len - tz->pos < 16)
			return emp_tz_word_tail(tz, tok);
		if (read_word_simd(tz, tok, s + tz->pos))
			return emp_tz_word_read(tz, tok);
	}
#endif
	return emp_tz_next_punct(tz, tok);
}

#endif							/* EMPATHY_TOKENIZE_INT_H */
