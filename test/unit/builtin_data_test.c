/*
 * builtin_data_test.c
 *	  Checks of the hand-made data compiled into the library
 *	  (data/builtin/lexicon.tsv, emoji.tsv, modifiers.tsv): every line is
 *	  well formed and on the documented scale, no two lines land on the same
 *	  lexicon key after contraction expansion and stemming, and every term
 *	  matches itself when it is scored as a text of its own (a phrase whose
 *	  word has an exact "=" entry elsewhere would silently never match).
 *
 *	  Failures are aggregated: one check per property, with the first
 *	  offending lines printed as "#" diagnostics.
 */
#include "builtin.h"
#include "unit.h"

#include <stdlib.h>

#define MAX_LINES		8192
#define MAX_REPORTS		12

typedef struct DataLine
{
	const char *file;
	int			lineno;
	char	   *term;			/* NUL-terminated copy of column 1 */
	int32_t		id;
	bool		expletive;		/* an expletive or an acronym: it shares the key of its lexicon entry */
} DataLine;

static DataLine lines[MAX_LINES];
static int	nlines = 0;
static int	reports = 0;

/* Kept in statics so that the leak checker sees them as reachable. */
static EmpStemmer *st;
static EmpLexicon *lx;
static EmpLexicon *handmade;	/* hand-made data only, for the learned check */
static EmpLexicon *builtin;
static EmpTokenizer *tz;

/* Print one diagnostic line, up to MAX_REPORTS per property. */
static void
report(const char *what, const DataLine *l, const char *detail)
{
	if (reports++ < MAX_REPORTS)
		printf("# %s: %s line %d \"%s\": %s\n", what, l->file, l->lineno, l->term, detail);
}

/* Copy n bytes into a fresh NUL-terminated string. */
static char *
dup_n(const char *s, size_t n)
{
	char	   *r = malloc(n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

/* Split data into lines and columns; call fn on each non-comment line. */
static int
for_lines(const char *name, const char *file,
		  int (*fn) (const char *file, int lineno, char **cols, int ncols))
{
	size_t		len;
	const char *d = emp_builtin_file(name, &len);
	size_t		p = 0;
	int			lineno = 0;
	int			bad = 0;

	if (d == NULL)
		return -1;
	while (p < len)
	{
		size_t		e = p;
		char	   *cols[8];
		int			ncols = 0;
		size_t		c;

		while (e < len && d[e] != '\n')
			e++;
		lineno++;
		if (e > p && d[p] != '#')
		{
			c = p;
			while (c <= e && ncols < 8)
			{
				size_t		s = c;

				while (c < e && d[c] != '\t')
					c++;
				cols[ncols++] = dup_n(d + s, c - s);
				c++;
			}
			bad += fn(file, lineno, cols, ncols);
			for (int i = 0; i < ncols; i++)
				free(cols[i]);
		}
		p = e + 1;
	}
	return bad;
}

/* Check "dim=v dim=v": known dimensions, no repeats, non-zero, in range. */
static const char *
weights_problem(const char *s)
{
	bool		seen[EMP_NCHANNELS] = {false};
	int			n = 0;

	while (*s)
	{
		const char *eq = strchr(s, '=');
		const char *sp;
		char	   *end;
		double		v,
					lo,
					hi;
		int			dim;

		if (eq == NULL)
			return "expected dimension=value";
		dim = emp_dim_lookup(s, (size_t) (eq - s));
		if (dim < 0)
			return "unknown dimension";
		if (seen[dim])
			return "dimension repeated";
		seen[dim] = true;
		v = strtod(eq + 1, &end);
		if (end == eq + 1 || (*end != ' ' && *end != '\0'))
			return "bad number";
		lo = dim == EMP_CH_VALENCE ? -3.0 : dim == EMP_CH_ESCALATION ? 0.0 : -1.0;
		hi = 3.0;
		if (v < lo || v > hi)
			return "value out of range";
		if (v == 0.0)
			return "zero weight listed";
		n++;
		sp = strchr(eq, ' ');
		if (sp == NULL)
			break;
		if (sp[1] == ' ' || sp[1] == '\0')
			return "stray space";
		s = sp + 1;
	}
	return n == 0 ? "no weights" : NULL;
}

static int	nmods = 0,
			nwords = 0,
			nphrases = 0,
			nemoji = 0,
			nemoticons = 0;

/* Validate one modifiers.tsv line and record its term. */
static int
modifier_line(const char *file, int lineno, char **cols, int ncols)
{
	static const struct
	{
		const char *kind;
		double		lo,
					hi;
	}			kinds[] = {
		{"negator", 1, 1}, {"contrast", 1, 1}, {"filler", 1, 1}, {"acronym", 1, 1},
		{"booster", 1.1, 1.8}, {"expletive", 1.1, 1.8}, {"dampener", 0.3, 0.9}, {NULL, 0, 0}
	};
	DataLine	l = {file, lineno, cols[0], 0, false};
	double		v;

	char	   *end;

	if (ncols != 3)
		return report("format", &l, "expected term<TAB>kind<TAB>value"), 1;
	v = strtod(cols[2], &end);
	for (int i = 0; kinds[i].kind; i++)
	{
		if (strcmp(kinds[i].kind, cols[1]) == 0)
		{
			if (*end != '\0' || v < kinds[i].lo || v > kinds[i].hi)
				return report("format", &l, "value out of range for its kind"), 1;
			if (nlines < MAX_LINES)
			{
				l.term = dup_n(cols[0], strlen(cols[0]));
				l.expletive = strcmp(cols[1], "expletive") == 0 || strcmp(cols[1], "acronym") == 0;
				lines[nlines++] = l;
			}
			nmods++;
			return 0;
		}
	}
	return report("format", &l, "unknown kind"), 1;
}

/* Validate one lexicon.tsv or emoji.tsv line and record its term. */
static int
weights_line(const char *file, int lineno, char **cols, int ncols)
{
	DataLine	l = {file, lineno, cols[0], 0, false};
	const char *why;
	const char *t = cols[0];

	if (ncols != 2)
		return report("format", &l, "expected term<TAB>weights"), 1;
	if (t[0] == '\0' || t[0] == ' ' || t[strlen(t) - 1] == ' ' || strstr(t, "  "))
		return report("format", &l, "bad spacing in term"), 1;
	if ((why = weights_problem(cols[1])) != NULL)
		return report("format", &l, why), 1;
	if (strstr(t, "\xEF\xB8\x8F"))
		return report("format", &l, "U+FE0F is stripped from text, so it must not be in a term"), 1;
	if (nlines < MAX_LINES)
	{
		l.term = dup_n(t, strlen(t));
		lines[nlines++] = l;
	}
	if (strcmp(file, "emoji.tsv") == 0)
	{
		if ((unsigned char) t[0] >= 0x80)
			nemoji++;
		else
			nemoticons++;
	}
	else if (strchr(t, ' '))
		nphrases++;
	else
		nwords++;
	return 0;
}

/* Check that an exact learned.tsv term lands on an existing hand-made term. */
static int
learned_line(const char *file, int lineno, char **cols, int ncols)
{
	DataLine	l = {file, lineno, cols[0], 0, false};
	EmpError	err;
	int32_t		before = emp_lexicon_nterms(handmade);
	int32_t		id;

	if (cols[0][0] != '=')
		return 0;				/* new stem-keyed words are fine */
	memset(&err, 0, sizeof(err));
	id = emp_lexicon_add(handmade, cols[0], strlen(cols[0]), NULL, NULL, EMP_MERGE_ADD, 0, 1.0f, &err);
	if (id == 0 || id >= before || emp_lexicon_nterms(handmade) != before)
		return report("learned", &l, "not a term of the hand-made data (regenerate learned.tsv)"), 1;
	return 0;
}

int
main(void)
{
	EmpAllocator *a = &emp_malloc_allocator;
	EmpError	err;
	int			bad;
	int			nbadformat;
	int			first_weighted;
	static const char *const emoticons[] = {
		":)", ":-)", ":]", "==)", ":D", ":-D", "xD", "XD", ";)", ";-)", ":(", ":-(", ":[", "==(",
		":'(", ":/", ":-/", ":\\", ":|", ":-|", ">:(", ">:-(", ":P", ":-P", ":p", ":O", ":-O",
		":o", "<3", "</3", "^_^", "^^", "-_-", "T_T", ":3", ":*", "D:", NULL
	};

	memset(&err, 0, sizeof(err));
	st = emp_stemmer_create();
	tz = emp_tokenizer_create(a);

	/* format and scale */
	reports = 0;
	bad = for_lines("modifiers", "modifiers.tsv", modifier_line);
	first_weighted = nlines;
	bad += for_lines("lexicon", "lexicon.tsv", weights_line);
	bad += for_lines("emoji", "emoji.tsv", weights_line);
	nbadformat = bad;
	CHECK(bad == 0, "every data line is well formed and on the documented scale (%d bad)", bad);
	CHECK(nwords + nphrases >= 1500 && nphrases >= 300,
		  "lexicon has at least 1500 entries, 300 of them phrases (%d words, %d phrases)", nwords, nphrases);
	CHECK(nemoji >= 150, "at least 150 emoji (%d)", nemoji);
	CHECK(nmods >= 120, "at least 120 modifiers (%d)", nmods);
	bad = 0;
	for (int i = 0; emoticons[i]; i++)
	{
		bool		found = false;

		for (int j = first_weighted; j < nlines && !found; j++)
			found = strcmp(lines[j].file, "emoji.tsv") == 0 && strcmp(lines[j].term, emoticons[i]) == 0;
		if (!found)
			printf("# emoticon %s is not in emoji.tsv\n", emoticons[i]);
		bad += !found;
	}
	CHECK(bad == 0, "every emoticon the tokenizer recognises has weights (%d missing)", bad);

	/* one key per line, in the order the built-in configuration loads them */
	reports = 0;
	bad = 0;
	lx = emp_lexicon_create(a, st);
	for (int i = 0; i < nlines; i++)
	{
		lines[i].id = emp_lexicon_add(lx, lines[i].term, strlen(lines[i].term),
									  NULL, NULL, EMP_MERGE_SET, 0, 1.0f, &err);
		if (lines[i].id == 0)
		{
			report("key", &lines[i], err.message);
			bad++;
			continue;
		}
		for (int j = 0; j < i; j++)
		{
			/* an expletive's feeling is its stem's lexicon entry, as an acronym's weights are */
			if (lines[j].id == lines[i].id &&
				!((lines[i].expletive && strcmp(lines[j].file, "lexicon.tsv") == 0) ||
				  (lines[j].expletive && strcmp(lines[i].file, "lexicon.tsv") == 0)))
			{
				char		msg[300];

				snprintf(msg, sizeof(msg), "same key as %s line %d \"%s\"",
						 lines[j].file, lines[j].lineno, lines[j].term);
				report("key", &lines[i], msg);
				bad++;
				break;
			}
		}
	}
	emp_lexicon_finish(lx);
	CHECK(bad == 0, "no two data lines share a key after contraction expansion and stemming (%d clashes)", bad);

	/* every lexicon and emoji term matches itself */
	reports = 0;
	bad = 0;
	for (int i = first_weighted; i < nlines; i++)
	{
		const char *text = lines[i].term[0] == '=' ? lines[i].term + 1 : lines[i].term;
		EmpWalker	w;
		EmpSlot    *s;
		bool		hit = false;

		emp_walker_init(&w, lx, tz, text, strlen(text));
		while ((s = emp_walker_next(&w)) != NULL)
			if (s->phrase == lines[i].id || (!s->covered && s->phrase == 0 && s->id == lines[i].id))
				hit = true;
		if (!hit)
		{
			report("self-match", &lines[i], "does not match its own text (an exact entry hides a word of it?)");
			bad++;
		}
	}
	CHECK(bad == 0, "every lexicon and emoji term matches when scored on its own (%d do not)", bad);

	/*
	 * Learned corrections (learned.tsv, when built in) are added on top of
	 * the hand-made terms, and may add new words.  But an exact term
	 * ("=word") that the hand-made data no longer has would be created
	 * afresh and hide the stem of that word from every phrase.
	 */
	reports = 0;
	handmade = emp_lexicon_create(a, st);
	for (int i = 0; i < nlines; i++)
		emp_lexicon_add(handmade, lines[i].term, strlen(lines[i].term),
						NULL, NULL, EMP_MERGE_SET, 0, 1.0f, &err);
	bad = for_lines("learned", "learned.tsv", learned_line);
	CHECK(bad <= 0, "every exact learned.tsv term exists in the hand-made data (%d do not%s)",
		  bad < 0 ? 0 : bad, bad < 0 ? "; no learned.tsv" : "");

	/*
	 * And the whole built-in configuration builds.  Only tried when the
	 * lines are well formed: a failed build leaves its partial lexicon to
	 * the caller's memory context, which here is the leak checker.
	 */
	builtin = nbadformat == 0 ? emp_builtin_lexicon(a, st, &err) : NULL;
	CHECK(builtin != NULL, "built-in lexicon builds: %s", builtin ? "" : nbadformat ? "bad lines" : err.message);

	UNIT_DONE();
}
