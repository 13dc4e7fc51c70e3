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

#include <string.h>
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
#ifdef __SSE2__
	/*
	 * The text's last 16 bytes (all of it, if shorter) and zeros after
	 * them, and where they start in the text: a word 16-byte load starting
	 * at or after tail_base reads from here, where 16 bytes are there to
	 * read, instead of past the end of the text.
	 */
	size_t		tail_base;
	unsigned char tail[32];
#endif
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

/*
 * How a word may start at each byte: not (EMP_TZ_WS_NONE: not a letter or
 * a digit, or one some emoticon with a lower-case letter second starts
 * with), as any word (a letter or digit that starts no emoticon), or as a
 * word unless an emoticon is there (EMP_TZ_WS_EMOTICON: "XD", "T_T").
 */
#define EMP_TZ_WS_NONE		0
#define EMP_TZ_WS_WORD		1
#define EMP_TZ_WS_EMOTICON	2
extern uint8_t emp_tz_word_start[256];

/*
 * What emp_tokenizer_next_classed read: nothing (the end of the text), a
 * word or a number that the inline path read, or a token of any kind.
 */
#define EMP_TZ_END		0
#define EMP_TZ_WORD		1
#define EMP_TZ_ANY		2

/* The paths the inline one hands its rarer tokens to (tokenize.c). */
extern __attribute__((noinline)) bool emp_tz_next_token(EmpTokenizer *tz, EmpToken *tok);
extern __attribute__((noinline)) bool emp_tz_next_punct(EmpTokenizer *tz, EmpToken *tok);
extern __attribute__((noinline)) bool emp_tz_word_done(EmpTokenizer *tz, EmpToken *tok);
extern __attribute__((noinline)) bool emp_tz_word_caps(EmpTokenizer *tz, EmpToken *tok);

#ifdef __SSE2__
/* 16 bytes of 0xFF then 16 zeros: from byte 16 - n on, a mask of n bytes. */
extern const unsigned char emp_tz_keep_mask[32];

/*
 * read_word_ascii for the commonest word of all: under 16 ASCII letters,
 * digits and inner apostrophes ("don't").  One 16-byte load finds the
 * word's end, counts its cases and lower-cases it, without a branch per
 * byte; near the end of the text the load is from a zero-padded copy of
 * what is left (a zero ends a word as the end of the text does), which the
 * caller makes: s is the word's start or that copy, 16 bytes readable, and
 * s[0] is a letter or a digit.  Returns false, having consumed nothing, for
 * anything the byte loop must see: an apostrophe or a non-ASCII byte after
 * the word, a letter written three times running, 16 bytes or more, or
 * (when the first byte may start an emoticon) a word whose first minlen
 * bytes are not all letters or digits.
 */
static inline __attribute__((always_inline)) bool
read_word_simd(EmpTokenizer *tz, EmpToken *tok, const unsigned char *s, unsigned minlen)
{
	__m128i		v,
				low,
				letter,
				dig;
	unsigned	n,
				keep,
				mlet,
				mdig,
				mapos,
				eq,
				mlo,
				mup;

	v = _mm_loadu_si128((const __m128i *) s);
	/* letters in lower case; digits and the apostrophe have that bit set already */
	low = _mm_or_si128(v, _mm_set1_epi8(0x20));

	/*
	 * A byte is in [lo, lo + n) when, moved by 128 - lo (wrapping), it is
	 * below -128 + n as a signed byte: one add and one compare per range,
	 * the range's bytes being the only ones the move takes there.
	 */
	letter = _mm_cmplt_epi8(_mm_add_epi8(low, _mm_set1_epi8((char) (0x80 - 'a'))), _mm_set1_epi8((char) (-128 + 26)));
	dig = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char) (0x80 - '0'))), _mm_set1_epi8((char) (-128 + 10)));
	mlet = (unsigned) _mm_movemask_epi8(letter);
	mdig = (unsigned) _mm_movemask_epi8(dig);
	mapos = (unsigned) _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));

	/*
	 * The word runs to the first byte that is neither a letter, a digit nor
	 * an apostrophe with a letter or digit after it (s[0] being a letter or
	 * a digit, an apostrophe is never first).  What ends it must be neither
	 * an apostrophe nor a non-ASCII byte (its top bit), nor the 16th byte.
	 */
	n = (unsigned) __builtin_ctz(~((mlet | mdig) | (mapos & ((mlet | mdig) >> 1))));
	if (((mapos | (unsigned) _mm_movemask_epi8(v) | 0x10000u) >> n) & 1)
		return false;
	if ((~(mlet | mdig) & ((1u << minlen) - 1)) != 0)
		return false;
	keep = (1u << n) - 1;
	/* a letter equal to the one before it, which equals the one before that */
	eq = (unsigned) _mm_movemask_epi8(_mm_cmpeq_epi8(low, _mm_slli_si128(low, 1)));
	if (eq & (eq << 1) & mlet & keep)
		return false;
	mlet &= keep;
	/* bit 5 of each byte, moved to its top bit: set for a lower-case letter */
	mlo = mlet & (unsigned) _mm_movemask_epi8(_mm_slli_epi16(v, 2));
	mup = mlet ^ mlo;
	_mm_storeu_si128((__m128i *) tz->norm.data, low);	/* norm.cap >= 256 */
	/* the word alone, zero-padded: the lexicon's memo key */
	_mm_storeu_si128((__m128i *) tok->key,
					 _mm_and_si128(low, _mm_loadu_si128((const __m128i *) (emp_tz_keep_mask + 16 - n))));
	tok->keyed = true;
	tok->kind = mlet ? EMP_TOK_WORD : EMP_TOK_NUMBER;
	tok->start = (uint32_t) tz->pos;
	tok->len = n;
	tok->flags = (mdig & keep) ? EMP_TF_DIGIT : 0;
	/* two capitals or more first: the rarer test, the one that decides */
	if ((mup & (mup - 1)) != 0 && mlo == 0)
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
static inline int
emp_tz_word_read(EmpTokenizer *tz, EmpToken *tok)
{
	/*
	 * "www" in one comparison of the key's first 8 bytes, lower-cased and
	 * zero-padded, not a test of the length and then of the letter, each
	 * going as the words do.
	 */
	static const char www_key[8] = "www";

	if (memcmp(tok->key, www_key, 8) == 0 || ((tz->ntokens + 1) & 0x3FF) == 0)
		return emp_tz_word_done(tz, tok) ? EMP_TZ_ANY : EMP_TZ_END;
	tz->ntokens++;
	tok->norm = tz->norm.data;
	tok->normlen = (uint32_t) tz->norm.len;
	return EMP_TZ_WORD;
}
#endif

/*
 * emp_tokenizer_next_inline, saying also whether the token is a word the
 * inline path read (EMP_TZ_WORD): a caller that tells words from
 * punctuation need not test the token's kind again on that path, where the
 * answer is known.
 */
static inline int
emp_tokenizer_next_classed(EmpTokenizer *tz, EmpToken *tok)
{
	const unsigned char *s = tz->text;
	size_t		pos = tz->pos;

	if (pos < tz->len && s[pos] == ' ')
		tz->pos = ++pos;
#ifdef __SSE2__
	/* link_start <= len: the byte at pos is the text's */
	if (pos < tz->link_start)
	{
		uint8_t		ws = emp_tz_word_start[s[pos]];

		/*
		 * A word byte that starts no emoticon, or none with a lower-case
		 * letter second and one follows ("The", not "T_T"; "Do", not "D:").
		 */
		if (ws == EMP_TZ_WS_WORD ||
			(ws == EMP_TZ_WS_EMOTICON && pos + 1 < tz->len && (unsigned) (s[pos + 1] - 'a') < 26u))
		{
			/*
			 * Near the end of the text, the same bytes from its zero-padded
			 * copy: no call, and one branch, not one here and one in the
			 * call.
			 */
			const unsigned char *from = (pos >= tz->tail_base) ? tz->tail + (pos - tz->tail_base) : s + pos;

			if (read_word_simd(tz, tok, from, 0))
				return emp_tz_word_read(tz, tok);
		}
		else if (ws == EMP_TZ_WS_EMOTICON)
			return emp_tz_word_caps(tz, tok) ? EMP_TZ_ANY : EMP_TZ_END;
	}
	else if (pos >= tz->len)
		return EMP_TZ_END;		/* the end of the text */
#endif
	return emp_tz_next_punct(tz, tok) ? EMP_TZ_ANY : EMP_TZ_END;
}

static inline bool
emp_tokenizer_next_inline(EmpTokenizer *tz, EmpToken *tok)
{
	return emp_tokenizer_next_classed(tz, tok) != EMP_TZ_END;
}

#endif							/* EMPATHY_TOKENIZE_INT_H */
