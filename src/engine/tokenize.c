/*-------------------------------------------------------------------------
 *
 * tokenize.c
 *	  Split UTF-8 text into words, numbers, emoji, emoticons, punctuation
 *	  runs and line breaks, normalising each token for lexicon lookup.
 *
 * Design: one forward pass, no backtracking beyond the current token, so
 * tokenising is linear in the input.  ASCII takes a table-driven fast path
 * (on x86-64, a word of under 16 ASCII letters and digits is measured,
 * classified and lower-cased from one 16-byte load);
 * a token with any non-ASCII character is normalised with ICU's NFKC
 * case-folding ("nfkc_cf"), so that full-width and mathematical letters
 * read as plain letters ("ｆｒｕｓｔｒａｔｅｄ", "𝐟𝐫𝐮𝐬𝐭𝐫𝐚𝐭𝐞𝐝" -> "frustrated").
 * Word boundaries come from ICU character properties rather than a break
 * iterator: a break iterator costs more per message than the whole scoring
 * budget, and the lexicons are for space-separated scripts.
 *
 * Emoji: a base pictograph plus any variation selectors, skin-tone
 * modifiers, tags and ZWJ-joined followers form one token; the normalised
 * form drops selectors, modifiers and tags but keeps the joiners, so
 * "👍🏽" reads as "👍" and a ZWJ family stays one token.
 *
 * Elongation: a letter repeated three or more times is collapsed to two in
 * the normalised form ("sooooo" -> "soo") and the token is flagged; the
 * lexicon tries the two-letter and then the one-letter form.
 *
 * Bytes that are not valid UTF-8 are treated as separators.
 *
 * Links: a web address ("https://...", "www....") or an e-mail address
 * ("angry.bob@example.com"), with the rest of the whitespace-separated
 * chunk it is in, yields no token: its words ("sad" in "...?mood=sad") are
 * no evidence, and its '?' and '.' end no sentence.  Punctuation that ends
 * the chunk ("write to bob@example.com.") stays.  The marks '@' and the
 * '/' of "://" are searched ahead of the tokens, each from where its last
 * search stopped, so finding links stays linear; "www." is seen when the
 * word "www" has been read.  A mention ("@Acme") is no address and is read
 * as before.
 *
 *-------------------------------------------------------------------------
 */
#include "tokenize_int.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* The emoticons the tokenizer recognises, longest first within a prefix. */
static const char *const emoticons[] = {
	">:-(", ">:(", ":'-(", ":'(", "</3", ":-)", ":-(", ":-D", ":-/", ":-|", ":-P", ":-O", ";-)",
	":)", ":]", "=)", ":D", ";)", ":(", ":[", "=(", ":/", ":\\", ":|", ":P", ":p", ":O", ":o",
	"<3", "^_^", "^^", "-_-", "T_T", ":3", ":*", "xD", "XD", "D:",
	NULL
};

#define N_EMOTICONS	(sizeof(emoticons) / sizeof(emoticons[0]) - 1)
static size_t emoticon_len[N_EMOTICONS];
/* The emoticons by first byte, in list order: emoticon_order[first[c] .. first[c + 1]). */
static uint8_t emoticon_order[N_EMOTICONS];
/* The second byte of each, in that order (every emoticon has two bytes at least). */
static uint8_t emoticon_second[N_EMOTICONS];
uint8_t		emp_tz_emoticon_first[129];

/*
 * 1 for an ASCII byte that emp_tz_next_token tries an emoticon at: one that
 * some emoticon starts with, and not a mark of punctuation but ':' or ';'
 * (a '.' or '!' run is read as such).  One load, not a branch per test.
 */
static uint8_t emoticon_candidate[128];
/* 1 for a first byte some emoticon starting with which has a lower-case letter second */
uint8_t		emp_tz_emoticon_lower_second[128];

/*
 * Which code points start an emoji (Extended_Pictographic or a regional
 * indicator), filled from ICU once: U+1F000..U+1FFFF and the symbol blocks
 * U+2000..U+33FF.  Other code points ask ICU.
 */
#define EMOJI_PLANE1	0x1F000
#define EMOJI_SYMBOLS	0x2000
static uint64_t emoji_plane1[0x10000 / 64];
static uint64_t emoji_symbols[0x1400 / 64];

unsigned char emp_tz_ascii_class[128];
/* Word bytes for the ASCII fast path: the lower-cased letter or digit, 0 for
 * anything else; and 1 for an upper-case letter, 2 for a lower-case one. */
unsigned char emp_tz_ascii_word_lower[256];
static unsigned char ascii_word_case[256];
/* How a word may start at each byte (EMP_TZ_WS_*). */
uint8_t		emp_tz_word_start[256];
#ifdef __SSE2__
const unsigned char emp_tz_keep_mask[32] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF
};
#endif
static bool ascii_class_ready = false;

static inline bool emoji_start_icu(UChar32 c);

/* Set the bits of code points first .. last that fall in the bitmaps. */
static void
mark_emoji_range(UChar32 first, UChar32 last)
{
	for (UChar32 c = (first > EMOJI_PLANE1 ? first : EMOJI_PLANE1);
		 c <= last && c < EMOJI_PLANE1 + 0x10000; c++)
		emoji_plane1[(c - EMOJI_PLANE1) >> 6] |= 1ULL << ((c - EMOJI_PLANE1) & 63);
	for (UChar32 c = (first > EMOJI_SYMBOLS ? first : EMOJI_SYMBOLS);
		 c <= last && c < EMOJI_SYMBOLS + 0x1400; c++)
		emoji_symbols[(c - EMOJI_SYMBOLS) >> 6] |= 1ULL << ((c - EMOJI_SYMBOLS) & 63);
}

/*
 * Fill the emoji bitmaps: the code points that start an emoji
 * (emoji_start_icu), read as ranges from ICU's property sets rather than
 * asked of ICU one code point at a time (70,000 questions, a few ms per
 * backend).  If ICU cannot give a set, ask per code point.
 */
static void
fill_emoji_bitmaps(void)
{
	static const UProperty props[] = {UCHAR_EXTENDED_PICTOGRAPHIC, UCHAR_REGIONAL_INDICATOR};

	for (int p = 0; p < 2; p++)
	{
		UErrorCode	status = U_ZERO_ERROR;
#if U_ICU_VERSION_MAJOR_NUM >= 63
		/* the set belongs to ICU: not freed */
		const USet *set = u_getBinaryPropertySet(props[p], &status);
		int32_t		n = U_SUCCESS(status) ? uset_getRangeCount(set) : -1;
#else
		const USet *set = NULL;
		int32_t		n = -1;		/* no property sets before ICU 63 */
#endif

		for (int32_t i = 0; i < n; i++)
		{
			UChar32		first,
						last;

			status = U_ZERO_ERROR;
			if (uset_getItem(set, i, &first, &last, NULL, 0, &status) != 0 || U_FAILURE(status))
			{
				n = -1;
				break;
			}
			mark_emoji_range(first, last);
		}
		if (n < 0)
		{
			memset(emoji_plane1, 0, sizeof(emoji_plane1));
			memset(emoji_symbols, 0, sizeof(emoji_symbols));
			for (UChar32 c = 0; c < 0x10000; c++)
				if (emoji_start_icu(EMOJI_PLANE1 + c))
					mark_emoji_range(EMOJI_PLANE1 + c, EMOJI_PLANE1 + c);
			for (UChar32 c = 0; c < 0x1400; c++)
				if (emoji_start_icu(EMOJI_SYMBOLS + c))
					mark_emoji_range(EMOJI_SYMBOLS + c, EMOJI_SYMBOLS + c);
			return;
		}
	}
}

/* Fill the ASCII class table and the emoji bitmaps (idempotent). */
static void
init_ascii_class(void)
{
	if (ascii_class_ready)
		return;
	for (int c = 0; c < 128; c++)
	{
		unsigned char k = C_OTHER;

		if (c >= 'a' && c <= 'z')
			k = C_LOWER;
		else if (c >= 'A' && c <= 'Z')
			k = C_UPPER;
		else if (c >= '0' && c <= '9')
			k = C_DIGIT;
		else if (c == '\n' || c == '\r' || c == '\f' || c == '\v')
			k = C_NEWLINE;
		else if (c == ' ' || c == '\t')
			k = C_SPACE;
		else if (c != 0 && strchr("!?.,;:", c) != NULL)
			k = C_PUNCT;
		else if (c < 32 || c == 127)
			k = C_SPACE;
		emp_tz_ascii_class[c] = k;
		emp_tz_ascii_word_lower[c] = (k == C_LOWER || k == C_DIGIT) ? c : (k == C_UPPER) ? c + ('a' - 'A') : 0;
		ascii_word_case[c] = (k == C_UPPER) ? 1 : (k == C_LOWER) ? 2 : 0;
	}
	/* a stable counting sort of the emoticons by first byte */
	memset(emp_tz_emoticon_first, 0, sizeof(emp_tz_emoticon_first));
	for (int i = 0; emoticons[i]; i++)
	{
		emoticon_len[i] = strlen(emoticons[i]);
		emp_tz_emoticon_first[(unsigned char) emoticons[i][0] + 1]++;
		if (emoticons[i][1] >= 'a' && emoticons[i][1] <= 'z')
			emp_tz_emoticon_lower_second[(unsigned char) emoticons[i][0]] = 1;
	}
	for (int c = 0; c < 128; c++)
		emp_tz_emoticon_first[c + 1] += emp_tz_emoticon_first[c];
	for (int c = 0; c < 128; c++)
		emoticon_candidate[c] = (emp_tz_ascii_class[c] != C_PUNCT || c == ':' || c == ';') &&
			emp_tz_emoticon_first[c] != emp_tz_emoticon_first[c + 1];
	for (int c = 0; c < 128; c++)
	{
		if (emp_tz_ascii_word_lower[c] == 0)
			emp_tz_word_start[c] = EMP_TZ_WS_NONE;
		else if (emp_tz_emoticon_first[c] == emp_tz_emoticon_first[c + 1])
			emp_tz_word_start[c] = EMP_TZ_WS_WORD;
		else if (!emp_tz_emoticon_lower_second[c])
			emp_tz_word_start[c] = EMP_TZ_WS_EMOTICON;
		else
			emp_tz_word_start[c] = EMP_TZ_WS_NONE;
	}
	{
		uint8_t		fill[128];

		memcpy(fill, emp_tz_emoticon_first, sizeof(fill));
		for (int i = 0; emoticons[i]; i++)
			emoticon_order[fill[(unsigned char) emoticons[i][0]]++] = (uint8_t) i;
		for (int k = 0; k < (int) N_EMOTICONS; k++)
			emoticon_second[k] = (uint8_t) emoticons[emoticon_order[k]][1];
	}
	fill_emoji_bitmaps();
	ascii_class_ready = true;
}


EmpTokenizer *
emp_tokenizer_create(EmpAllocator *a)
{
	EmpTokenizer *tz = emp_alloc(a, sizeof(EmpTokenizer));
	UErrorCode	status = U_ZERO_ERROR;

	memset(tz, 0, sizeof(*tz));
	tz->a = a;
	emp_buf_init(&tz->norm, a, 256, 0);
	tz->nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);
	if (U_FAILURE(status))
		tz->nfkc_cf = NULL;
	init_ascii_class();
	return tz;
}

void
emp_tokenizer_destroy(EmpTokenizer *tz)
{
	if (tz == NULL)
		return;
	emp_release(tz->a, tz->norm.data);
	emp_release(tz->a, tz->u16);
	emp_release(tz->a, tz->u16out);
	emp_release(tz->a, tz);
}

void
emp_tokenizer_trim(EmpTokenizer *tz)
{
	if (tz == NULL)
		return;
	if (tz->norm.cap > EMP_TZ_SCRATCH_KEPT)
	{
		/* the small buffer first: a failed allocation leaves the large one */
		char	   *small = emp_alloc(tz->a, 256);

		emp_release(tz->a, tz->norm.data);
		tz->norm.data = small;
		tz->norm.cap = 256;
		tz->norm.len = 0;
	}
	if ((size_t) tz->u16cap * sizeof(UChar) > EMP_TZ_SCRATCH_KEPT)
	{
		UChar	   *old = tz->u16;

		tz->u16 = NULL;
		tz->u16cap = 0;
		emp_release(tz->a, old);
	}
	if ((size_t) tz->u16outcap * sizeof(UChar) > EMP_TZ_SCRATCH_KEPT)
	{
		UChar	   *old = tz->u16out;

		tz->u16out = NULL;
		tz->u16outcap = 0;
		emp_release(tz->a, old);
	}
}

/* ---------------------------------------------------------------- links */

/*
 * A byte that ends the chunk a link is in: whitespace, brackets, double
 * quotes, and any non-ASCII byte (a no-break space, an ideographic space or
 * a letter of a script written without spaces ends an address too).
 */
static inline bool
link_edge(unsigned char c)
{
	return c <= ' ' || c >= 0x7F || c == '<' || c == '>' || c == '(' || c == ')' || c == '[' ||
		c == ']' || c == '"';
}

/* An ASCII letter or digit, by the tokenizer's byte classes. */
static inline bool
ascii_alnum(unsigned char c)
{
	return c < 128 && emp_tz_ascii_class[c] >= C_LOWER && emp_tz_ascii_class[c] <= C_DIGIT;
}

/* The position of the first '@' or '/' at or after from, or len. */
static size_t
next_link_mark(const unsigned char *s, size_t len, size_t from)
{
	size_t		i = from;

#ifdef __SSE2__
	const __m128i at = _mm_set1_epi8('@');
	const __m128i slash = _mm_set1_epi8('/');

	for (; i + 16 <= len; i += 16)
	{
		__m128i		v = _mm_loadu_si128((const __m128i *) (s + i));
		unsigned	m = (unsigned) _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, at),
																  _mm_cmpeq_epi8(v, slash)));

		if (m)
			return i + (size_t) __builtin_ctz(m);
	}
	/* the last bytes: the text's last 16, less those already seen */
	if (i < len && len >= 16)
	{
		__m128i		v = _mm_loadu_si128((const __m128i *) (s + len - 16));
		unsigned	m = (unsigned) _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, at),
																  _mm_cmpeq_epi8(v, slash)));

		m >>= 16 - (len - i);
		return m ? i + (size_t) __builtin_ctz(m) : len;
	}
#endif
	for (; i < len; i++)
		if (s[i] == '@' || s[i] == '/')
			return i;
	return len;
}

/*
 * Is the mark at m a link's: '@' after an address character with a domain
 * after it ("bob@example.com", not "@Acme" or "me @ 5"), or the first '/'
 * of "://" after a scheme letter?
 */
static bool
link_mark(const unsigned char *s, size_t len, size_t m)
{
	if (s[m] == '@')
	{
		bool		dot = false;
		bool		letter = false; /* in the label after the last dot */

		if (m == 0 || !(ascii_alnum(s[m - 1]) || s[m - 1] == '_' || s[m - 1] == '-' || s[m - 1] == '.'))
			return false;
		for (size_t i = m + 1; i < len && !link_edge(s[i]); i++)
		{
			if (s[i] == '.' && i + 1 < len && ascii_alnum(s[i + 1]) && i > m + 1)
			{
				dot = true;
				letter = false;
			}
			else if (emp_tz_ascii_class[s[i]] == C_LOWER || emp_tz_ascii_class[s[i]] == C_UPPER)
				letter = true;
			if (!(ascii_alnum(s[i]) || s[i] == '.' || s[i] == '-'))
				break;
		}
		/* a domain ends in a name, not a number: "meet@5.30" is a time */
		return dot && letter;
	}
	/* '/' */
	return m > 1 && m + 2 < len && s[m - 1] == ':' && s[m + 1] == '/' &&
		((s[m - 2] | 0x20) >= 'a' && (s[m - 2] | 0x20) <= 'z') && !link_edge(s[m + 2]);
}

/*
 * The end of the link chunk whose mark is at m: before its closing
 * punctuation.  A bracketed part closed within the chunk belongs to the
 * link (".../Anger_(emotion)"); an unclosed one ends it ("(see www.x.com)").
 * Each byte is read at most twice.
 */
static inline size_t
link_chunk_end(const unsigned char *s, size_t len, size_t m)
{
	size_t		end = m + 1;

	for (;;)
	{
		size_t		close;

		while (end < len && !link_edge(s[end]))
			end++;
		if (end >= len || s[end] != '(')
			break;
		close = end + 1;
		while (close < len && !link_edge(s[close]))
			close++;
		if (close >= len || s[close] != ')')
			break;
		end = close + 1;
	}
	while (end > m + 1 && (s[end - 1] == '.' || s[end - 1] == ',' || s[end - 1] == ';' ||
						   s[end - 1] == ':' || s[end - 1] == '!' || s[end - 1] == '?' ||
						   s[end - 1] == '\''))
		end--;
	return end;
}

/*
 * Find the first link that ends after from: its span goes to the edges of
 * the chunk around its mark, less the punctuation that ends the chunk.
 * Each mark's search resumes where it stopped, so all calls over a text
 * read it a bounded number of times.
 */
static void
find_link(EmpTokenizer *tz, size_t origin)
{
	const unsigned char *s = tz->text;
	size_t		len = tz->len;
	size_t		from = origin;

	for (;;)
	{
		size_t		m,
					start;

		if (tz->next_mark < from)
			tz->next_mark = next_link_mark(s, len, from);
		m = tz->next_mark;
		if (m >= len)
		{
			tz->link_start = tz->link_end = len;
			return;
		}
		/* found before a "www." link that came first: not measured twice */
		if (m == tz->found_mark && tz->found_start >= origin)
		{
			tz->link_start = tz->found_start;
			tz->link_end = tz->found_end;
			return;
		}
		if (!link_mark(s, len, m))
		{
			from = m + 1;		/* this mark is passed: its search moves on */
			continue;
		}
		start = m;
		while (start > origin && !link_edge(s[start - 1]))
			start--;
		tz->link_start = tz->found_start = start;
		tz->link_end = tz->found_end = link_chunk_end(s, len, m);
		tz->found_mark = m;
		return;
	}
}

/*
 * The word "www" (any case) just read at p, followed by '.' and at a
 * chunk's start, is a web address: it becomes the next link.  The link
 * find_link found after it is kept (found_*), so that it is not measured
 * again once this one is skipped.
 */
static bool
www_link(EmpTokenizer *tz, size_t p)
{
	const unsigned char *s = tz->text;

	if (p + 4 >= tz->len || (s[p + 1] | 0x20) != 'w' || (s[p + 2] | 0x20) != 'w' || s[p + 3] != '.' ||
		!ascii_alnum(s[p + 4]) || (p > 0 && !link_edge(s[p - 1])))
		return false;
	tz->link_start = p;
	tz->link_end = link_chunk_end(s, tz->len, p + 3);
	return true;
}

/* Past the link the tokenizer has reached; then find the next one. */
static void
skip_link(EmpTokenizer *tz)
{
	if (tz->pos < tz->link_end)
		tz->pos = tz->link_end;
	find_link(tz, tz->pos);
}

/* Point the tokenizer at a new text. */
void
emp_tokenizer_reset(EmpTokenizer *tz, const char *text, size_t len)
{
	tz->text = (const unsigned char *) text;
	tz->len = len;
	tz->pos = 0;
#ifdef __SSE2__
	_mm_storeu_si128((__m128i *) (tz->tail + 16), _mm_setzero_si128());
	if (len >= 16)
	{
		_mm_storeu_si128((__m128i *) tz->tail, _mm_loadu_si128((const __m128i *) (text + len - 16)));
		tz->tail_base = len - 16;
	}
	else
	{
		_mm_storeu_si128((__m128i *) tz->tail, _mm_setzero_si128());
		if (len > 0)
			memcpy(tz->tail, text, len);
		tz->tail_base = 0;
	}
#endif
	tz->ntokens = 0;
	tz->next_mark = next_link_mark(tz->text, len, 0);
	tz->found_mark = SIZE_MAX;
	find_link(tz, 0);			/* sets link_start and link_end */
}

/* Decode one code point at pos; returns its byte length, cp < 0 if invalid. */
static inline int
decode_at(const unsigned char *s, size_t len, size_t pos, UChar32 *cp)
{
	int32_t		i = 0;
	UChar32		c;
	int32_t		avail = (len - pos > 8) ? 8 : (int32_t) (len - pos);

	U8_NEXT(s + pos, i, avail, c);
	*cp = c;
	return i > 0 ? i : 1;
}

static inline bool
emoji_start_icu(UChar32 c)
{
	return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
		u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR);
}

static inline bool
is_emoji_start(UChar32 c)
{
	/* the blocks most emoji come from, answered from a bitmap */
	if (c >= EMOJI_PLANE1 && c < EMOJI_PLANE1 + 0x10000)
		return (emoji_plane1[(c - EMOJI_PLANE1) >> 6] >> ((c - EMOJI_PLANE1) & 63)) & 1;
	if (c >= EMOJI_SYMBOLS && c < EMOJI_SYMBOLS + 0x1400)
		return (emoji_symbols[(c - EMOJI_SYMBOLS) >> 6] >> ((c - EMOJI_SYMBOLS) & 63)) & 1;
	return emoji_start_icu(c);
}

/* Modifiers folded into the preceding emoji and dropped from its norm. */
static inline bool
is_emoji_modifier(UChar32 c)
{
	return c == 0xFE0E || c == 0xFE0F || (c >= 0x1F3FB && c <= 0x1F3FF) ||
		(c >= 0xE0020 && c <= 0xE007F) || c == 0x20E3;
}

static inline bool
is_word_cp(UChar32 c)
{
	if (c < 128)
		return c >= 0 && (emp_tz_ascii_class[c] == C_LOWER || emp_tz_ascii_class[c] == C_UPPER ||
						  emp_tz_ascii_class[c] == C_DIGIT);
	return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c) ||
		(U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

/*
 * A default-ignorable character (soft hyphen, zero-width space, joiner and
 * non-joiner, word joiner, byte order mark, Mongolian vowel separator):
 * NFKC case folding removes it, so a word goes on across one ("fu\u00ADrious"
 * reads as "furious").  Combining grapheme joiners and variation selectors
 * are marks, and word characters already.
 */
static inline bool
is_ignorable_cp(UChar32 c)
{
	return c >= 0x00AD && u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

static inline bool
is_apostrophe(UChar32 c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* Map non-ASCII punctuation that ends or shapes sentences to ASCII. */
static inline char
punct_equivalent(UChar32 c)
{
	switch (c)
	{
		case 0xFF01:
		case 0x00A1:
			return '!';
		case 0xFF1F:
		case 0x00BF:
			return '?';
		case 0x3002:
		case 0xFF0E:
		case 0x2026:
			return '.';
		case 0xFF0C:
		case 0x3001:
			return ',';
		case 0x203C:
			return '!';
		case 0x2049:
		case 0x2048:
			return 'x';
		default:
			return 0;
	}
}

/* Try to read an emoticon at pos; returns its length or 0. */
static size_t
match_emoticon(EmpTokenizer *tz, size_t pos)
{
	const unsigned char *s = tz->text;
	unsigned char c0 = s[pos];
	unsigned char c1;

	/* every emoticon has two bytes at least: the second tells most apart */
	if (c0 >= 128 || pos + 1 >= tz->len)
		return 0;
	c1 = s[pos + 1];
	for (int k = emp_tz_emoticon_first[c0]; k < emp_tz_emoticon_first[c0 + 1]; k++)
	{
		int			i;
		size_t		n;
		unsigned char next;
		size_t		j = 2;

		if (emoticon_second[k] != c1)
			continue;
		i = emoticon_order[k];
		n = emoticon_len[i];
		if (n > tz->len - pos)
			continue;
		/* a few bytes: compared inline, not by a call */
		while (j < n && s[pos + j] == (unsigned char) emoticons[i][j])
			j++;
		if (j < n)
			continue;
		/* must not run into a word: ":Pretty", "xDD" */
		next = (pos + n < tz->len) ? s[pos + n] : ' ';
		if (next < 128 && (emp_tz_ascii_class[next] == C_LOWER || emp_tz_ascii_class[next] == C_UPPER ||
						   emp_tz_ascii_class[next] == C_DIGIT))
			continue;
		/* letter-led emoticons (xD, XD, D:, T_T) need a boundary before them */
		if (c0 >= 'A' && pos > 0)
		{
			unsigned char prev = s[pos - 1];

			if (prev >= 128 || (emp_tz_ascii_class[prev] != C_SPACE && emp_tz_ascii_class[prev] != C_NEWLINE))
				continue;
		}
		/* "http://" and "12:30": a colon right after a word char is not a face */
		if ((c0 == ':' || c0 == ';' || c0 == '=') && pos > 0)
		{
			unsigned char prev = s[pos - 1];

			if (prev < 128 && emp_tz_ascii_class[prev] == C_DIGIT)
				continue;
			if (n == 2 && (s[pos + 1] == '/' || s[pos + 1] == '\\') && pos + 2 < tz->len && s[pos + 2] == '/')
				continue;
			if (n == 2 && (s[pos + 1] == '/') && prev < 128 &&
				(emp_tz_ascii_class[prev] == C_LOWER || emp_tz_ascii_class[prev] == C_UPPER))
				continue;
		}
		return n;
	}
	return 0;
}

/*
 * Grow a UChar scratch buffer to at least need units: false, the buffer
 * unchanged, if need is out of range.  The new buffer is allocated before
 * the old one is released, and both fields change only after that, so an
 * allocation that fails (palloc's error: the tokenizer outlives the call)
 * leaves a buffer and a capacity that agree.
 */
static bool
grow_u16(EmpAllocator *a, UChar **buf, int32_t *cap, int32_t need)
{
	UChar	   *nb;

	if (need <= *cap)
		return true;
	if (need < 0 || need > INT32_MAX - 64 ||
		(size_t) (need + 64) > EMP_MAX_ALLOC / sizeof(UChar))
		return false;
	nb = emp_alloc(a, (size_t) (need + 64) * sizeof(UChar));
	emp_release(a, *buf);
	*buf = nb;
	*cap = need + 64;
	return true;
}

/*
 * Normalise text[start, end) with NFKC case folding and append it to
 * tz->norm; false if ICU or memory fails.
 */
static bool
normalize_piece(EmpTokenizer *tz, size_t start, size_t end)
{
	UErrorCode	status = U_ZERO_ERROR;
	int32_t		n16 = 0;
	int32_t		nout;
	int32_t		n8 = 0;
	size_t		blen = end - start;
	size_t		room;

	if (!grow_u16(tz->a, &tz->u16, &tz->u16cap, (int32_t) blen + 1))
		return false;
	u_strFromUTF8WithSub(tz->u16, tz->u16cap, &n16, (const char *) tz->text + start,
						 (int32_t) blen, 0xFFFD, NULL, &status);
	if (U_FAILURE(status))
		return false;
	if (!grow_u16(tz->a, &tz->u16out, &tz->u16outcap, n16 * 2 + 16))
		return false;
	nout = unorm2_normalize(tz->nfkc_cf, tz->u16, n16, tz->u16out, tz->u16outcap, &status);
	if (status == U_BUFFER_OVERFLOW_ERROR)
	{
		status = U_ZERO_ERROR;
		if (nout > INT32_MAX - 16 || !grow_u16(tz->a, &tz->u16out, &tz->u16outcap, nout + 16))
			return false;
		nout = unorm2_normalize(tz->nfkc_cf, tz->u16, n16, tz->u16out, tz->u16outcap, &status);
	}
	if (U_FAILURE(status))
		return false;
	/* UTF-8 needs at most 3 bytes per UTF-16 unit */
	room = (size_t) nout * 3 + 1;
	if (!emp_buf_reserve(&tz->norm, tz->norm.len + room))
		return false;
	u_strToUTF8(tz->norm.data + tz->norm.len, (int32_t) room, &n8, tz->u16out, nout, &status);
	if (U_FAILURE(status))
		return false;
	tz->norm.len += n8;
	return true;
}

#define EMP_TZ_NORM_PIECE	65536
#define EMP_TZ_MAX_NONSTARTERS	30

/*
 * Is c a non-starter in UAX #15's sense: a combining mark (a canonical
 * combining class other than 0), or a character whose decomposition
 * starts with one (U+0F73, U+0F75, U+0F81 canonically; the half-width
 * voiced sound marks U+FF9E, U+FF9F by compatibility)?  The normaliser
 * reorders a run of them in time that grows with the square of its length.
 */
static inline bool
nonstarter(UChar32 c)
{
	return u_getCombiningClass(c) != 0 ||
		u_getIntPropertyValue(c, UCHAR_LEAD_CANONICAL_COMBINING_CLASS) != 0 ||
		c == 0xFF9E || c == 0xFF9F;
}

/*
 * Where the piece of a word that starts at p (before end) ends.
 *
 * With marks (the word has a run of more than EMP_TZ_MAX_NONSTARTERS
 * non-starters, see nonstarter() and read_word), at the one after that many
 * in a row:
 * the normaliser reorders a run of marks in time that grows with the
 * square of its length, and Unicode's stream-safe text format (UAX #15)
 * breaks such runs the same way.  No real word has one.
 *
 * Else, for a word longer than EMP_TZ_NORM_PIECE bytes, at most that far:
 * at the start of a code point before which the normaliser has a
 * boundary, so that normalising the pieces one by one gives what
 * normalising the whole would; where none is in the piece's last half (a
 * run of 32 kB of Hangul vowels, say), at the limit all the same, so that
 * no piece is longer.
 */
static size_t
piece_end(EmpTokenizer *tz, size_t p, size_t end, bool marks)
{
	const unsigned char *s = tz->text;
	size_t		max = (end - p > EMP_TZ_NORM_PIECE) ? p + EMP_TZ_NORM_PIECE : end;

	if (marks)
	{
		int			run = 0;

		for (size_t q = p; q < max;)
		{
			UChar32		c;
			int			n = decode_at(s, end, q, &c);

			if (c >= 0 && nonstarter(c))
			{
				if (++run > EMP_TZ_MAX_NONSTARTERS && q > p)
					return q;
			}
			else if (!(c >= 0 && is_ignorable_cp(c)))
				run = 0;		/* marks on both sides of an ignorable meet when it goes */
			q += n;
		}
	}
	if (max == end)
		return end;
	for (size_t q = max; q > p + (max - p) / 2; q--)
	{
		UChar32		c;

		if ((s[q] & 0xC0) == 0x80)
			continue;			/* inside a code point */
		decode_at(s, end, q, &c);
		if (c >= 0 && unorm2_hasBoundaryBefore(tz->nfkc_cf, c))
			return q;
	}
	while (max > p + 1 && (s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/*
 * Normalise the non-ASCII word at text[start, end) into tz->norm with
 * NFKC case folding.  Falls back to copying the bytes if ICU fails.  A
 * word longer than EMP_TZ_NORM_PIECE bytes, or one with a long run of
 * combining marks (marks), is normalised a piece at a time (piece_end),
 * with a check for interrupts after each: the buffers stay the size of a
 * piece, the time grows with the length of the word, and a query reading
 * a word of 100 MB can be cancelled.
 */
static void
normalize_icu(EmpTokenizer *tz, size_t start, size_t end, bool marks)
{
	size_t		blen = end - start;

	tz->norm.len = 0;
	if (tz->nfkc_cf == NULL || blen > (size_t) (INT32_MAX / 8))
		goto fallback;
	for (size_t p = start; p < end;)
	{
		size_t		q = end;

		if (marks || end - p > EMP_TZ_NORM_PIECE)
			q = piece_end(tz, p, end, marks);
		if (!normalize_piece(tz, p, q))
			goto fallback;
		p = q;
		if (p < end)
			emp_check_interrupts(tz->a);
	}
	return;

fallback:
	tz->norm.len = 0;
	emp_buf_append(&tz->norm, (const char *) tz->text + start, blen);
}

/* Collapse runs of 3+ identical ASCII letters in norm to 2; true if any. */
static bool
collapse_elongation(EmpBuf *b)
{
	size_t		r,
				w = 0;
	bool		any = false;

	for (r = 0; r < b->len; r++)
	{
		char		c = b->data[r];

		if (w >= 2 && c >= 'a' && c <= 'z' && c == b->data[w - 1] && c == b->data[w - 2])
		{
			any = true;
			continue;
		}
		b->data[w++] = c;
	}
	b->len = w;
	return any;
}

/*
 * The common case of read_word: a word of ASCII letters, digits and inner
 * apostrophes that fits the norm buffer, lower-cased and de-elongated in
 * the same pass.  Returns false, having consumed nothing, for anything
 * else (non-ASCII, a very long word), which read_word then handles.
 */
static inline bool
read_word_ascii(EmpTokenizer *tz, EmpToken *tok)
{
	const unsigned char *s = tz->text;
	size_t		start = tz->pos;
	size_t		p = start;
	size_t		end = tz->len;
	/* longer words take the general path, which checks for interrupts */
	size_t		cap = tz->norm.cap < 0x10000 ? tz->norm.cap : 0x10000;
	char	   *out = tz->norm.data;
	size_t		w = 0;
	unsigned	nupper = 0,
				nlower = 0;
	unsigned char prev1 = 0,
				prev2 = 0;
	bool		elongated = false;
	bool		digit = false;

	while (p < end)
	{
		unsigned char b = s[p];
		unsigned char lc = emp_tz_ascii_word_lower[b];
		unsigned char k = ascii_word_case[b];

		if (lc == 0)
		{
			unsigned char nb;

			if (b >= 128)
				return false;
			if (b != '\'' || p == start || p + 1 >= end)
				break;
			nb = s[p + 1];
			if (nb >= 128)
				return false;	/* a typographic apostrophe next: the general path */
			if (emp_tz_ascii_word_lower[nb] == 0)
				break;
			lc = '\'';
		}
		nupper += k & 1;
		nlower += k >> 1;
		digit |= (unsigned) (b - '0') < 10u;
		if (lc == prev1 && lc == prev2 && k != 0)
		{
			/* a third identical letter: elongation, not written */
			if (p - start >= 0x10000)
				return false;
			elongated = true;
			p++;
			continue;
		}
		if (w >= cap)
			return false;
		out[w++] = (char) lc;
		prev2 = prev1;
		prev1 = lc;
		p++;
	}
	tok->kind = (nupper + nlower == 0) ? EMP_TOK_NUMBER : EMP_TOK_WORD;
	tok->start = (uint32_t) start;
	tok->len = (uint32_t) (p - start);
	tok->flags = digit ? EMP_TF_DIGIT : 0;
	if (nupper >= 2 && nlower == 0)
		tok->flags |= EMP_TF_ALLCAPS;
	else if (nupper == 1 && (ascii_word_case[s[start]] & 1))
		tok->flags |= EMP_TF_CAPITALIZED;
	if (elongated)
		tok->flags |= EMP_TF_ELONGATED;
	tz->norm.len = w;
	tz->pos = p;
	return true;
}

#ifdef __SSE2__
/* read_word_simd at tz->pos, near the end of the text from a padded copy. */
static inline __attribute__((always_inline)) bool
read_word_simd_here(EmpTokenizer *tz, EmpToken *tok, unsigned minlen)
{
	unsigned char tail[32];

	if (tz->len - tz->pos < 16 && tz->len >= 16)
	{
		/* the text's last 16 bytes, zeros after them, read from pos on */
		_mm_storeu_si128((__m128i *) tail, _mm_loadu_si128((const __m128i *) (tz->text + tz->len - 16)));
		_mm_storeu_si128((__m128i *) (tail + 16), _mm_setzero_si128());
		return read_word_simd(tz, tok, tail + 16 - (tz->len - tz->pos), minlen);
	}
	if (tz->len - tz->pos < 16)
	{
		_mm_storeu_si128((__m128i *) tail, _mm_setzero_si128());
		memcpy(tail, tz->text + tz->pos, tz->len - tz->pos);
		return read_word_simd(tz, tok, tail, minlen);
	}
	return read_word_simd(tz, tok, tz->text + tz->pos, minlen);
}
#else
#define read_word_simd_here(tz, tok, minlen)	false
#endif

/* Read a word starting at tz->pos into tok. */
static void
read_word(EmpTokenizer *tz, EmpToken *tok)
{
	const unsigned char *s = tz->text;
	size_t		start = tz->pos;
	size_t		p = start;
	bool		nonascii = false;
	int			nupper = 0,
				nlower = 0,
				ndigit = 0;
	bool		first_upper = false;
	size_t		nread = 0;		/* code points read, for interrupt checks */
	int			marks = 0;		/* non-starters in a row (nonstarter()) */
	bool		long_marks = false; /* more than EMP_TZ_MAX_NONSTARTERS of them */

	while (p < tz->len)
	{
		unsigned char b = s[p];

		if (b < 128)
		{
			unsigned char k = emp_tz_ascii_class[b];

			marks = 0;
			if (k == C_LOWER)
				nlower++;
			else if (k == C_UPPER)
			{
				if (p == start)
					first_upper = true;
				nupper++;
			}
			else if (k == C_DIGIT)
				ndigit++;
			else if (b == '\'' && p + 1 < tz->len && p > start)
			{
				UChar32		nc;

				decode_at(s, tz->len, p + 1, &nc);
				if (!is_word_cp(nc))
					break;
			}
			else
				break;
			p++;
		}
		else
		{
			UChar32		c;
			int			n = decode_at(s, tz->len, p, &c);

			if (c < 0)
				break;
			if (is_apostrophe(c))
			{
				UChar32		nc = -1;

				if (p + n < tz->len)
					decode_at(s, tz->len, p + n, &nc);
				if (p == start || nc < 0 || !is_word_cp(nc))
					break;
			}
			else if (!is_word_cp(c))
			{
				size_t		q = p;
				UChar32		nc = c;
				int			nn = n;

				/*
				 * Inside a word, a run of ignorable characters that a word
				 * character follows: the word goes on across it
				 * (normalising drops them), and so does a run of marks,
				 * which meet when they go.  Otherwise the word ends
				 * before the run.
				 */
				if (p == start || !is_ignorable_cp(c))
					break;
				while (nc >= 0 && is_ignorable_cp(nc))
				{
					q += nn;
					nc = -1;
					if (q < tz->len)
						nn = decode_at(s, tz->len, q, &nc);
					if ((++nread & 0xFFFF) == 0)
						emp_check_interrupts(tz->a);
				}
				if (nc < 0 || !is_word_cp(nc))
					break;
				nonascii = true;
				p = q;
				continue;
			}
			else if (u_isupper(c))
			{
				if (p == start)
					first_upper = true;
				nupper++;
			}
			else if (u_islower(c))
				nlower++;
			if (!nonstarter(c))
				marks = 0;
			else if (++marks > EMP_TZ_MAX_NONSTARTERS)
				long_marks = true;
			nonascii = true;
			p += n;
		}
		if ((++nread & 0xFFFF) == 0)
			emp_check_interrupts(tz->a);
	}

	tok->kind = (nupper + nlower == 0 && ndigit > 0 && !nonascii) ? EMP_TOK_NUMBER : EMP_TOK_WORD;
	tok->start = (uint32_t) start;
	tok->len = (uint32_t) (p - start);
	tok->flags = ndigit > 0 ? EMP_TF_DIGIT : 0;
	if (nupper >= 2 && nlower == 0)
		tok->flags |= EMP_TF_ALLCAPS;
	else if (first_upper && nupper == 1)
		tok->flags |= EMP_TF_CAPITALIZED;

	tz->norm.len = 0;
	if (!nonascii)
	{
		size_t		n = p - start;

		if (n > tz->norm.cap)
		{
			emp_buf_append(&tz->norm, (const char *) s + start, n);
		}
		else
		{
			memcpy(tz->norm.data, s + start, n);
			tz->norm.len = n;
		}
		for (size_t i = 0; i < tz->norm.len; i++)
		{
			char		c = tz->norm.data[i];

			if (c >= 'A' && c <= 'Z')
				tz->norm.data[i] = c + ('a' - 'A');
		}
	}
	else
	{
		tok->flags |= EMP_TF_NONASCII;
		normalize_icu(tz, start, p, long_marks);
		/* fold typographic apostrophes to ASCII */
		{
			size_t		w = 0;

			for (size_t r = 0; r < tz->norm.len; r++)
			{
				if (r + 2 < tz->norm.len && (unsigned char) tz->norm.data[r] == 0xE2 &&
					(unsigned char) tz->norm.data[r + 1] == 0x80 &&
					(unsigned char) tz->norm.data[r + 2] == 0x99)
				{
					tz->norm.data[w++] = '\'';
					r += 2;
					continue;
				}
				tz->norm.data[w++] = tz->norm.data[r];
			}
			tz->norm.len = w;
		}
	}
	if (tok->kind == EMP_TOK_WORD && collapse_elongation(&tz->norm))
		tok->flags |= EMP_TF_ELONGATED;
	tz->pos = p;
}

/*
 * A regional indicator (a flag's half): the property is U+1F1E6 ..
 * U+1F1FF, the letters A to Z, and is to stay so.
 */
static inline bool
is_regional(UChar32 c)
{
	return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* Make the n bytes of the text at start the token's normalised form. */
static inline void
set_norm(EmpTokenizer *tz, size_t start, size_t n)
{
	if (n <= tz->norm.cap)
	{
		memcpy(tz->norm.data, tz->text + start, n);
		tz->norm.len = n;
	}
	else
	{
		tz->norm.len = 0;
		emp_buf_append(&tz->norm, (const char *) tz->text + start, n);
	}
}

/* Read an emoji sequence at tz->pos into tok (its first code point is c). */
static void
read_emoji(EmpTokenizer *tz, EmpToken *tok, UChar32 c, int n)
{
	const unsigned char *s = tz->text;
	size_t		start = tz->pos;
	size_t		p = start + n;
	bool		regional = is_regional(c);
	size_t		nread = 0;		/* code points read, for interrupt checks */

	set_norm(tz, start, n);
	for (;;)
	{
		UChar32		nc;
		int			nn;

		if (p >= tz->len)
			break;
		if ((++nread & 0xFFFF) == 0)
			emp_check_interrupts(tz->a);
		nn = decode_at(s, tz->len, p, &nc);
		if (nc < 0)
			break;
		if (is_emoji_modifier(nc))
		{
			p += nn;
			continue;
		}
		if (regional && is_regional(nc))
		{
			/* a flag is exactly two regional indicators */
			emp_buf_append(&tz->norm, (const char *) s + p, nn);
			p += nn;
			regional = false;
			continue;
		}
		if (nc == 0x200D && p + nn < tz->len)
		{
			UChar32		jc;
			int			jn = decode_at(s, tz->len, p + nn, &jc);

			if (jc >= 0 && (is_emoji_start(jc) || u_hasBinaryProperty(jc, UCHAR_EMOJI)))
			{
				emp_buf_append(&tz->norm, (const char *) s + p, nn + jn);
				p += nn + jn;
				continue;
			}
		}
		break;
	}
	tok->kind = EMP_TOK_EMOJI;
	tok->flags = EMP_TF_NONASCII;
	tok->start = (uint32_t) start;
	tok->len = (uint32_t) (p - start);
	tz->pos = p;
}

/* Read a run of sentence punctuation into tok. */
static void
read_punct(EmpTokenizer *tz, EmpToken *tok, char first)
{
	const unsigned char *s = tz->text;
	size_t		start = tz->pos;
	size_t		p = start;
	uint32_t	nbang = 0,
				nq = 0,
				nother = 0;
	size_t		nread = 0;		/* code points read, for interrupt checks */
	char		kind = first;

	/*
	 * The commonest run: one ASCII mark that no other punctuation follows
	 * (a non-ASCII byte next may be "…" or "¡": the loop decides).  The same
	 * token as the loop makes, without decoding a byte.
	 */
	if (s[p] < 128 && (p + 1 == tz->len || (s[p + 1] < 128 && emp_tz_ascii_class[s[p + 1]] != C_PUNCT)))
	{
		kind = (char) s[p];
		tok->kind = EMP_TOK_PUNCT;
		tok->punct = kind;
		tok->count = 1;
		tok->flags = (kind == '!' || kind == '?' || kind == '.') ? EMP_TF_SENT_END : 0;
		tok->start = (uint32_t) start;
		tok->len = 1;
		tz->norm.data[0] = kind;	/* norm.cap >= 256 */
		tz->norm.len = 1;
		tz->pos = p + 1;
		return;
	}

	while (p < tz->len)
	{
		UChar32		c = s[p];
		int			n = 1;
		char		e;

		/* ASCII marks are their own class; others are decoded and mapped */
		if (c < 128)
			e = (emp_tz_ascii_class[c] == C_PUNCT) ? (char) c : 0;
		else
		{
			n = decode_at(s, tz->len, p, &c);
			e = (c >= 128) ? punct_equivalent(c) : 0;
			/* a presentation selector after a mark ("‼️") belongs to it */
			if (e == 0 && (c == 0xFE0F || c == 0xFE0E) && p > start)
			{
				p += n;
				goto next;
			}
		}
		if (e == 0)
			break;
		if (e == '!')
			nbang += (c == 0x203C) ? 2 : 1;	/* "‼" is two */
		else if (e == '?')
			nq++;
		else if (e == 'x')
		{
			nbang++;
			nq++;
		}
		else
		{
			if (nbang + nq > 0 || (e != kind && nother > 0))
				break;
			kind = e;
			nother += (c == 0x2026) ? 3 : 1;
		}
		p += n;
next:
		if ((++nread & 0xFFFF) == 0)
			emp_check_interrupts(tz->a);
	}
	if (p == start)
		p += decode_at(s, tz->len, p, &(UChar32) {0});	/* always make progress */
	if (nbang && nq)
		kind = 'x';
	else if (nbang)
		kind = '!';
	else if (nq)
		kind = '?';
	tok->kind = EMP_TOK_PUNCT;
	tok->punct = kind;
	tok->count = (kind == '!' ? nbang : kind == '?' ? nq : kind == 'x' ? nbang + nq : nother);
	tok->flags = 0;
	if (kind == '!' || kind == '?' || kind == 'x' || kind == '.')
		tok->flags |= EMP_TF_SENT_END;
	tok->start = (uint32_t) start;
	tok->len = (uint32_t) (p - start);
	set_norm(tz, start, p - start);
	tz->pos = p;
}

/*
 * Produce the next token, any kind (emp_tokenizer_next has taken the
 * commonest); false at the end of the text.
 */
bool
emp_tz_next_token(EmpTokenizer *tz, EmpToken *tok)
{
	const unsigned char *s = tz->text;

	tok->keyed = false;
	while (tz->pos < tz->len)
	{
		unsigned char b;

		if (tz->pos >= tz->link_start)
		{
			skip_link(tz);
			continue;
		}
		b = s[tz->pos];

		if ((++tz->ntokens & 0x3FF) == 0)
			emp_check_interrupts(tz->a);
		if (b < 128)
		{
			unsigned char k = emp_tz_ascii_class[b];
			size_t		n;

			if (k == C_SPACE)
			{
				tz->pos++;
				continue;
			}
			/* most bytes start no emoticon: asked without a call */
			if (emoticon_candidate[b])
			{
				n = match_emoticon(tz, tz->pos);
				if (n > 0)
				{
					tok->kind = EMP_TOK_EMOTICON;
					tok->flags = 0;
					tok->start = (uint32_t) tz->pos;
					tok->len = (uint32_t) n;
					set_norm(tz, tz->pos, n);
					tz->pos += n;
					goto done;
				}
			}
			if (k == C_LOWER || k == C_UPPER || k == C_DIGIT)
			{
				if (!read_word_simd_here(tz, tok, 0) && !read_word_ascii(tz, tok))
					read_word(tz, tok);
				if (tok->len == 3 && (b | 0x20) == 'w' && www_link(tz, tok->start))
				{
					tz->pos = tok->start;
					continue;
				}
				goto done;
			}
			if (k == C_PUNCT)
			{
				/*
				 * A decimal point or a thousands separator ("£6.40", "10.30",
				 * "£2,180") ends no sentence or clause: the digits on
				 * either side are two numbers, as between words.
				 */
				if ((b == '.' || b == ',') && tz->pos > 0 && tz->pos + 1 < tz->len &&
					s[tz->pos - 1] >= '0' && s[tz->pos - 1] <= '9' &&
					s[tz->pos + 1] >= '0' && s[tz->pos + 1] <= '9')
				{
					tz->pos++;
					continue;
				}
				read_punct(tz, tok, (char) b);
				goto done;
			}
			if (k == C_NEWLINE)
			{
				size_t		start = tz->pos;
				int			nl = 0;

				while (tz->pos < tz->len && s[tz->pos] < 128 &&
					   (emp_tz_ascii_class[s[tz->pos]] == C_NEWLINE || emp_tz_ascii_class[s[tz->pos]] == C_SPACE))
				{
					if (s[tz->pos] == '\n')
						nl++;
					tz->pos++;
				}
				tok->kind = EMP_TOK_BREAK;
				tok->flags = EMP_TF_SENT_END;
				tok->punct = 0;
				tok->start = (uint32_t) start;
				tok->len = (uint32_t) (tz->pos - start);
				tok->count = nl;
				tz->norm.len = 0;
				goto done;
			}
			tz->pos++;			/* other symbols separate words */
			continue;
		}
		else
		{
			UChar32		c;
			int			n = decode_at(s, tz->len, tz->pos, &c);
			char		pe;

			/* invalid bytes, and selectors after no emoji, separate words */
			if (c < 0 || c == 0xFE0F || c == 0xFE0E)
			{
				tz->pos += n;
				continue;
			}
			/* "‼" and "⁉" are emoji, but read as the marks they stand for */
			if (is_emoji_start(c) && c != 0x203C && c != 0x2049)
			{
				read_emoji(tz, tok, c, n);
				goto done;
			}
			if (is_word_cp(c) && !is_apostrophe(c))
			{
				read_word(tz, tok);
				goto done;
			}
			pe = punct_equivalent(c);
			if (pe)
			{
				read_punct(tz, tok, pe);
				goto done;
			}
			tz->pos += n;
			continue;
		}
	}
	return false;

done:
	tok->norm = tz->norm.data;
	tok->normlen = (uint32_t) tz->norm.len;
	return true;
}

#ifdef __SSE2__
/*
 * The end of a word read_word_simd read, for the rarer cases: a "www" that
 * starts a web address is read again by emp_tz_next_token, as a link; the token
 * is counted, and every 1024th checks for interrupts.
 */
bool
emp_tz_word_done(EmpTokenizer *tz, EmpToken *tok)
{
	if (tok->len == 3 && (tz->text[tok->start] | 0x20) == 'w' && www_link(tz, tok->start))
	{
		tz->pos = tok->start;
		return emp_tz_next_token(tz, tok);
	}
	if ((++tz->ntokens & 0x3FF) == 0)
		emp_check_interrupts(tz->a);
	tok->norm = tz->norm.data;
	tok->normlen = (uint32_t) tz->norm.len;
	return true;
}

/*
 * emp_tokenizer_next's word whose first letter starts an emoticon ("T_T",
 * "XD", "D:") and whose second is no lower-case letter ("THE", "DON'T"):
 * starting with three letters or digits, it cannot be one (an emoticon
 * that starts with a letter is that letter and one other byte, which no
 * letter or digit may follow, or has a byte that is neither second), and
 * is read as any word; anything else is emp_tz_next_token's, which looks
 * for the emoticon first.
 */
bool
emp_tz_word_caps(EmpTokenizer *tz, EmpToken *tok)
{
	if (!read_word_simd_here(tz, tok, 3))
		return emp_tz_next_token(tz, tok);
	return emp_tz_word_read(tz, tok) != EMP_TZ_END;
}
#endif

/*
 * emp_tokenizer_next's second commonest token: a run of one '.', ',', '!'
 * or '?' (at most 16 of it) that no other mark follows, and not a '.' or
 * ',' between two digits ("6.40", "2,180"), made as emp_tz_next_token and
 * read_punct would make it, and counted as they count it.  Anything else
 * is emp_tz_next_token's.
 */
#define PUNCT_FAST_MARKS	((1ULL << '.') | (1ULL << ',') | (1ULL << '!') | (1ULL << '?'))

bool
emp_tz_next_punct(EmpTokenizer *tz, EmpToken *tok)
{
	const unsigned char *s = tz->text;
	size_t		p = tz->pos;

	if (p < tz->link_start)
	{
		unsigned char b = s[p];
		size_t		n = 1;

		/*
		 * One of the four marks, all below 64: one test of a bit, not one
		 * comparison per mark, each going as the text does.
		 */
		if (!((b < 64) & (unsigned) ((PUNCT_FAST_MARKS >> (b & 63)) & 1)))
			return emp_tz_next_token(tz, tok);
		while (p + n < tz->len && s[p + n] == b && n < 16)
			n++;

		/*
		 * Not a '.' or ',' between two digits ("6.40", "2,180"): the byte
		 * after the mark is asked first, a digit seldom (at the end of the
		 * text the mark itself is read, no digit), so that the test's first
		 * branch is almost never taken, rather than first the mark, which
		 * goes as the text does.
		 */
		if ((p + n == tz->len || (s[p + n] < 128 && emp_tz_ascii_class[s[p + n]] != C_PUNCT)) &&
			!((unsigned) (s[p + (p + 1 < tz->len)] - '0') < 10u && (b == '.' || b == ',') && p > 0 &&
			  s[p - 1] >= '0' && s[p - 1] <= '9') &&
			((tz->ntokens + 1) & 0x3FF) != 0)
		{
			tz->ntokens++;
			tok->keyed = false;
			tok->kind = EMP_TOK_PUNCT;
			tok->punct = (char) b;
			tok->count = (uint32_t) n;
			tok->flags = (b != ',') ? EMP_TF_SENT_END : 0;
			tok->start = (uint32_t) p;
			tok->len = (uint32_t) n;
			if (n == 1)
				tz->norm.data[0] = (char) b;	/* norm.cap >= 256 */
			else
				memset(tz->norm.data, b, n);
			tz->norm.len = n;
			tz->pos = p + n;
			tok->norm = tz->norm.data;
			tok->normlen = (uint32_t) n;
			return true;
		}
	}
	return emp_tz_next_token(tz, tok);
}

/* Produce the next token; false at the end of the text (see emp_tokenizer_next_inline). */
bool
emp_tokenizer_next(EmpTokenizer *tz, EmpToken *tok)
{
	return emp_tokenizer_next_inline(tz, tok);
}

/* Count the UTF-8 characters in the first nbytes of s. */
/*
 * An emoji that says the words around it are not meant: 🙄 🙃 😒 (an emoji
 * token's text or normalised form starts with it).
 */
bool
emp_is_eye_roll(const char *s, size_t len)
{
	static const char *const rolls[] = {"\xF0\x9F\x99\x84", "\xF0\x9F\x99\x83", "\xF0\x9F\x98\x92"};

	if (len < 4)
		return false;
	for (int i = 0; i < 3; i++)
		if (memcmp(s, rolls[i], 4) == 0)
			return true;
	return false;
}

int
emp_utf8_clip(const char *s, size_t max)
{
	return emp_utf8_clipn(s, strnlen(s, max + 1), max);
}

int
emp_utf8_clipn(const char *s, size_t len, size_t max)
{
	size_t		n = len;

	if (n <= max)
		return (int) n;
	n = max;
	while (n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80)
		n--;
	return (int) n;
}

long
emp_utf8_charcount(const char *s, size_t nbytes)
{
	long		n = 0;

	for (size_t i = 0; i < nbytes; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			n++;
	return n;
}
