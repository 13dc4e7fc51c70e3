/*-------------------------------------------------------------------------
 *
 * intent.c
 *	  Customer intents: compile a catalogue of phrases per intent into a
 *	  lexicon (each phrase's term carries its intent as category) and
 *	  classify a message in one walk over its tokens.
 *
 * Phrases are matched like marker phrases: case-folded, stemmed,
 * contractions expanded, leftmost-longest and non-overlapping.  A phrase
 * of one word matches that word (its stem).
 *
 * Praise before a contrast word ("but", "however", "though", "although",
 * "unfortunately") counts for nothing when another intent's phrase follows
 * it: "I love the jacket, but the zip is broken" is about the zip.
 *
 *-------------------------------------------------------------------------
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "intent.h"
#include "lexicon.h"

struct EmpIntentSet
{
	EmpAllocator *a;
	EmpLexicon *lx;
	EmpTokenizer *tz;
	int			nintents;
	int			praise;			/* the intent named "praise", or -1 */
	char		names[EMP_INTENT_MAX][48];
};

/* Is the word w (len bytes, as written) a contrast word? */
static bool
is_contrast_word(const char *w, uint32_t len)
{
	static const char *const words[] = {"but", "however", "though", "although", "unfortunately", NULL};

	for (int i = 0; words[i]; i++)
	{
		size_t		n = strlen(words[i]);
		size_t		k;

		if (n != len)
			continue;
		for (k = 0; k < n; k++)
			if ((w[k] | 0x20) != words[i][k])
				break;
		if (k == n)
			return true;
	}
	return false;
}

/* Find or add an intent name; -1 when the catalogue is full or the name bad. */
static int
intent_index(EmpIntentSet *is, const char *name, size_t len)
{
	for (int i = 0; i < is->nintents; i++)
		if (strlen(is->names[i]) == len && memcmp(is->names[i], name, len) == 0)
			return i;
	if (is->nintents >= EMP_INTENT_MAX || len == 0 || len >= sizeof(is->names[0]))
		return -1;
	for (size_t k = 0; k < len; k++)
		if (!((name[k] >= 'a' && name[k] <= 'z') || name[k] == '_' ||
			  (name[k] >= '0' && name[k] <= '9')))
			return -1;
	memcpy(is->names[is->nintents], name, len);
	is->names[is->nintents][len] = '\0';
	return is->nintents++;
}

EmpIntentSet *
emp_intents_create(EmpAllocator *a, EmpStemmer *st, const char *data, size_t len,
				   const char *source, EmpError *err)
{
	EmpIntentSet *is = emp_alloc(a, sizeof(EmpIntentSet));
	const char *p = data;
	const char *end = data + len;
	long		lineno = 0;

	memset(is, 0, sizeof(*is));
	is->a = a;
	is->lx = emp_lexicon_create(a, st);
	is->tz = emp_tokenizer_create(a);
	while (p < end)
	{
		const char *nl = memchr(p, '\n', end - p);
		const char *e = nl ? nl : end;
		const char *tab;
		size_t		ll = e - p;
		int			idx;
		int32_t		id;

		lineno++;
		if (ll > 0 && p[ll - 1] == '\r')
			ll--;
		if (ll == 0 || p[0] == '#')
		{
			p = e + 1;
			continue;
		}
		tab = memchr(p, '\t', ll);
		if (tab == NULL || tab == p || (size_t) (tab - p) + 1 >= ll)
		{
			emp_error_set(err, EMP_ERR_SYNTAX, 0, "malformed line %ld in %s", lineno, source);
			emp_error_detail(err, "Each line must be an intent name, a tab and a phrase.");
			emp_intents_destroy(is);
			return NULL;
		}
		idx = intent_index(is, p, tab - p);
		if (idx < 0)
		{
			emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "bad intent name on line %ld in %s", lineno, source);
			emp_error_detail(err, "Intent names are lowercase letters, digits and underscores, at most %d intents.",
							 EMP_INTENT_MAX);
			emp_intents_destroy(is);
			return NULL;
		}
		id = emp_lexicon_add(is->lx, tab + 1, ll - (tab - p) - 1, NULL, NULL,
							 EMP_MERGE_ADD, 0, 1.0f, err);
		if (id == 0)
		{
			emp_intents_destroy(is);
			return NULL;
		}
		emp_lexicon_set_category(is->lx, id, idx, emp_lexicon_term(is->lx, id)->ntokens);
		p = e + 1;
	}
	emp_lexicon_finish(is->lx);
	is->praise = -1;
	for (int i = 0; i < is->nintents; i++)
		if (strcmp(is->names[i], "praise") == 0)
			is->praise = i;
	return is;
}

void
emp_intents_destroy(EmpIntentSet *is)
{
	if (is && is->tz)
	{
		emp_tokenizer_destroy(is->tz);
		is->tz = NULL;
	}
}

int
emp_intents_count(const EmpIntentSet *is)
{
	return is->nintents;
}

const char *
emp_intents_name(const EmpIntentSet *is, int i)
{
	return (i >= 0 && i < is->nintents) ? is->names[i] : NULL;
}

int
emp_intents_classify(EmpIntentSet *is, const char *text, size_t len, uint32_t *start)
{
	int32_t		weight[EMP_INTENT_MAX];
	uint32_t	first[EMP_INTENT_MAX];
	EmpWalker	w;
	EmpSlot    *s;
	int			best = -1;
	uint64_t	n = 0;
	int32_t		praise_before = 0;	/* praise's weight at the last contrast word */
	bool		other_after = false;	/* another intent's phrase after it */

	if (len > EMP_INTENT_SCAN_BYTES)
	{
		len = EMP_INTENT_SCAN_BYTES;
		/* back up to the start of a UTF-8 character */
		while (len > 0 && (((unsigned char) text[len]) & 0xC0) == 0x80)
			len--;
	}
	memset(weight, 0, sizeof(weight));
	emp_walker_init(&w, is->lx, is->tz, text, len);
	while ((s = emp_walker_next(&w)) != NULL)
	{
		const EmpTerm *t = NULL;

		if ((++n & 1023) == 0)
			emp_check_interrupts(is->a);
		if (s->kind == EMP_TOK_PUNCT || s->kind == EMP_TOK_BREAK)
			continue;
		if (is->praise >= 0 && !s->phrase && !s->covered && s->kind == EMP_TOK_WORD && s->part == 0 &&
			is_contrast_word(text + s->start, s->len))
		{
			if (other_after)
				weight[is->praise] -= praise_before;
			praise_before = weight[is->praise];
			other_after = false;
			continue;
		}
		if (s->phrase)
			t = emp_lexicon_term(is->lx, s->phrase);
		else if (!s->covered && s->id)
		{
			t = emp_lexicon_term(is->lx, s->id);
			if (t->category < 0 && t->stem_id)
				t = emp_lexicon_term(is->lx, t->stem_id);
		}
		if (t == NULL || t->category < 0 || t->category >= is->nintents)
			continue;
		if (weight[t->category] == 0)
			first[t->category] = s->start;
		weight[t->category] += t->strength > 0 ? t->strength : 1;
		if (t->category != is->praise && praise_before > 0)
			other_after = true;
	}
	if (other_after)
		weight[is->praise] -= praise_before;
	emp_tokenizer_trim(is->tz);
	for (int i = 0; i < is->nintents; i++)
	{
		if (weight[i] == 0)
			continue;
		if (best < 0 || weight[i] > weight[best] ||
			(weight[i] == weight[best] && first[i] < first[best]))
			best = i;
	}
	if (best >= 0 && start)
		*start = first[best];
	return best;
}

/* Is the line s[p, e) a header above a quoted message: "On ... wrote:" or "-----Original Message-----"? */
static bool
quote_header(const char *s, size_t p, size_t e)
{
	while (e > p && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	if (e - p > 3 + 7 && memcmp(s + p, "On ", 3) == 0 && memcmp(s + e - 7, " wrote:", 7) == 0)
		return emp_utf8_charcount(s + p + 3, e - 7 - (p + 3)) <= 200;
	if (e - p >= 18 && s[p] == '-' && s[p + 1] == '-')
	{
		while (p < e && s[p] == '-')
			p++;
		if (p < e && s[p] == ' ')
			p++;
		if (e - p < 16 || memcmp(s + p, "Original Message", 16) != 0)
			return false;
		p += 16;
		if (p < e && s[p] == ' ')
			p++;
		while (p < e && s[p] == '-')
			p++;
		return p == e;
	}
	return false;
}

/* Does the line s[p, e) start with w (wl bytes)? */
static inline bool
starts_with(const char *s, size_t p, size_t e, const char *w, size_t wl)
{
	return e - p >= wl && memcmp(s + p, w, wl) == 0;
}

/* The start of the first line at or after from that is not blank. */
static size_t
next_nonblank(const char *s, size_t from, size_t n)
{
	while (from < n && (s[from] == ' ' || s[from] == '\t' || s[from] == '\r' || s[from] == '\n'))
		from++;
	return from;
}

/* Is the line at from "From: ..." with "Sent: " or "Date: " on the next line that is not blank? */
static bool
from_sent(const char *s, size_t from, size_t n)
{
	size_t		e = from;

	if (!starts_with(s, from, n, "From: ", 6))
		return false;
	while (e < n && s[e] != '\n' && s[e] != '\r')
		e++;
	e = next_nonblank(s, e, n);
	return starts_with(s, e, n, "Sent: ", 6) || starts_with(s, e, n, "Date: ", 6);
}

/*
 * Is the line s[p, e) the header of a message an e-mail client quotes
 * whole below a reply, Outlook's way: "From: ..." with "Sent: " or "Date: "
 * on the next line that is not blank, or a line of ten or more underscores
 * with such a header below it (from: the start of the line after it; n:
 * the text's end)?  A "From:" with only a "To:" below it is no header
 * ("From: Leeds / To: London").
 */
static bool
outlook_header(const char *s, size_t p, size_t e, size_t from, size_t n)
{
	size_t		q = p;

	while (q < e && s[q] == '_')
		q++;
	if (q - p >= 10)
	{
		while (q < e && (s[q] == ' ' || s[q] == '\t'))
			q++;
		return q == e && from_sent(s, next_nonblank(s, from, n), n);
	}
	return from_sent(s, p, n);
}

/*
 * Is the line s[p, e) the signature a phone's or a mail program's e-mail
 * adds ("Sent from my iPhone", "Sent from my Galaxy", "Sent from Mail for
 * Windows", "Sent from Yahoo Mail for Android", "Get Outlook for iOS"): one
 * of those starts and at most 60 bytes in all, with no stop or comma but
 * one at its end ("Sent from my phone, it still says pending" is the
 * customer's)?
 */
static bool
device_signature(const char *s, size_t p, size_t e)
{
	static const struct
	{
		const char *w;
		size_t		n;
	}			starts[] = {
#define W(x) {x, sizeof(x) - 1}
		W("Sent from my "), W("Sent from Mail for "), W("Sent from Yahoo Mail"), W("Sent from Outlook"),
		W("Get Outlook for "), {NULL, 0}
#undef W
	};

	while (e > p && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	if (e > p && s[e - 1] == '.')
		e--;					/* "Sent from my Samsung Galaxy smartphone." */
	if (e - p > 60 || e - p < 13)
		return false;
	for (size_t k = p; k < e; k++)
		if (s[k] == '.' || s[k] == '!' || s[k] == '?' || s[k] == ',')
			return false;
	for (int i = 0; starts[i].w != NULL; i++)
		if (starts_with(s, p, e, starts[i].w, starts[i].n))
			return true;
	return false;
}

/* Does w (wl bytes) occur in s[0, n)? */
static bool
contains(const char *s, size_t n, const char *w, size_t wl)
{
	const char *p = s;

	while ((size_t) (s + n - p) >= wl && (p = memchr(p, w[0], (size_t) (s + n - p) - wl + 1)) != NULL)
	{
		if (memcmp(p, w, wl) == 0)
			return true;
		p++;
	}
	return false;
}

/* Has the text a letter? */
static bool
has_letter(const char *s, size_t n)
{
	int32_t		i = 0;

	while ((size_t) i < n)
	{
		UChar32		c;

		if ((unsigned char) s[i] < 0x80)
		{
			if ((unsigned) ((s[i] | 0x20) - 'a') < 26u)
				return true;
			i++;
			continue;
		}
		U8_NEXT(s, i, (int32_t) n, c);
		if (c >= 0 && u_isalpha(c))
			return true;
	}
	return false;
}

const char *
emp_own_words(const char *s, size_t n, char *buf, size_t *outlen)
{
	size_t		i = 0,
				o = 0,
				a = 0;
	bool		dropped = false;

	*outlen = n;
	/* most messages quote nothing */
	if (!memchr(s, '>', n) && !contains(s, n, "wrote:", 6) && !contains(s, n, "Original Message", 16) &&
		!contains(s, n, "From: ", 6) && !contains(s, n, "__________", 10) && !contains(s, n, "Sent from ", 10) &&
		!contains(s, n, "Get Outlook", 11))
		return s;
	if (buf == NULL)
		return NULL;			/* the caller's to make */
	while (i < n)
	{
		size_t		ls = i,
					le,
					next,
					p;

		for (le = ls; le < n && s[le] != '\n' && s[le] != '\r'; le++)
			;
		next = (le + 1 < n && s[le] == '\r' && s[le + 1] == '\n') ? le + 2 : le < n ? le + 1 : n;
		for (p = ls; p < le && (s[p] == ' ' || s[p] == '\t'); p++)
			;
		/* the message it answers, below its header (not on the first line) */
		if (ls > 0 && (quote_header(s, p, le) || outlook_header(s, p, le, next, n)))
		{
			dropped = true;
			break;
		}
		/* a quoted line: ">", "> ...", ">> ..." (not ">:("); a device's signature (not on the first line) */
		if ((p < le && s[p] == '>' && (p + 1 == le || s[p + 1] == ' ' || s[p + 1] == '>')) ||
			(ls > 0 && device_signature(s, p, le)))
			dropped = true;
		else
		{
			memcpy(buf + o, s + ls, next - ls);
			o += next - ls;
		}
		i = next;
	}
	if (!dropped)
		return s;
	while (a < o && (buf[a] == ' ' || buf[a] == '\t' || buf[a] == '\r' || buf[a] == '\n'))
		a++;
	while (o > a && (buf[o - 1] == ' ' || buf[o - 1] == '\t' || buf[o - 1] == '\r' || buf[o - 1] == '\n'))
		o--;
	/* all quote: the message as it is ("> 2 weeks and still no parcel!") */
	if (!has_letter(buf + a, o - a))
		return s;
	*outlen = o - a;
	return buf + a;
}
