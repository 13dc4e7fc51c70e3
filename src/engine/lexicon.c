/*-------------------------------------------------------------------------
 *
 * lexicon.c
 *	  Compiled lexicons and the phrase automaton.
 *
 * A lexicon maps keys to terms.  A key is the Snowball stem of a
 * normalised word, or "=" followed by the normalised word for entries that
 * must match exactly.  Multi-word terms (phrases) are sequences of word
 * term ids in an Aho-Corasick automaton, so that finding every phrase in a
 * text is one pass over its tokens whatever the size of the catalogue.
 *
 * Contractions are expanded before lookup ("don't" -> do + not, "i'm" ->
 * i + am, "customer's" -> customer), both in the texts and in the terms,
 * so catalogues can be written naturally.
 *
 * Memory: everything lives in the lexicon's allocator (a per-backend cache
 * context in the server).  Resolving a token costs a probe of a two-way
 * memo keyed by the token's normalised form; a miss stems the word and
 * probes the dictionary.  The memo has a fixed size, so memory
 * does not grow with the number of texts scored.
 *
 *-------------------------------------------------------------------------
 */
#include "lexicon_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int	variant_cmp(const void *a, const void *b);

/* ---------------------------------------------------------------- hashing */

static inline uint32_t
hash_bytes(const char *s, size_t n)
{
	uint64_t	h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
	{
		h ^= (unsigned char) s[i];
		h *= 1099511628211ULL;
	}
	return (uint32_t) (h ^ (h >> 32));
}

/* Home slot of an automaton edge key in a table of cap (a power of two) slots. */
static inline uint32_t
edge_home(uint64_t key, uint32_t cap)
{
	return (uint32_t) ((key * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1);
}

/* ---------------------------------------------------------------- arena */

static uint32_t
arena_put(EmpLexicon *lx, const char *s, size_t n)
{
	uint32_t	off;

	if (lx->arenalen + n + 1 > lx->arenacap)
	{
		size_t		nc = lx->arenacap ? lx->arenacap : 4096;
		char	   *na;

		while (nc < lx->arenalen + n + 1)
			nc *= 2;
		na = emp_alloc(lx->a, nc);
		if (lx->arenalen)
			memcpy(na, lx->arena, lx->arenalen);
		emp_release(lx->a, lx->arena);
		lx->arena = na;
		lx->arenacap = nc;
	}
	off = (uint32_t) lx->arenalen;
	memcpy(lx->arena + off, s, n);
	lx->arena[off + n] = '\0';
	lx->arenalen += n + 1;
	return off;
}

/* ---------------------------------------------------------------- dictionary */

static void
dict_grow(EmpLexicon *lx)
{
	uint32_t	ncap = lx->dictcap ? lx->dictcap * 2 : 1024;
	DictSlot   *nd = emp_alloc(lx->a, sizeof(DictSlot) * ncap);

	memset(nd, 0, sizeof(DictSlot) * ncap);
	for (uint32_t i = 0; i < lx->dictcap; i++)
	{
		DictSlot   *s = &lx->dict[i];
		uint32_t	j;

		if (s->id == 0)
			continue;
		j = s->hash & (ncap - 1);
		while (nd[j].id != 0)
			j = (j + 1) & (ncap - 1);
		nd[j] = *s;
	}
	emp_release(lx->a, lx->dict);
	lx->dict = nd;
	lx->dictcap = ncap;
}

/* Find a key; 0 if absent. */
int32_t
emp_lexicon_find(EmpLexicon *lx, const char *key, size_t len)
{
	uint32_t	h,
				j;

	if (lx->dictcap == 0)
		return 0;
	h = hash_bytes(key, len);
	j = h & (lx->dictcap - 1);
	for (;;)
	{
		DictSlot   *s = &lx->dict[j];

		if (s->id == 0)
			return 0;
		if (s->hash == h && s->key_len == len && memcmp(lx->arena + s->key_off, key, len) == 0)
			return s->id;
		j = (j + 1) & (lx->dictcap - 1);
	}
}

/*
 * Give lx room for cap terms, 64-byte aligned, copying n terms and their
 * texts from the given arrays (releasing the old ones if release).
 */
static void
terms_alloc(EmpLexicon *lx, int32_t cap, const EmpTerm *terms, const TermText *texts,
			int32_t n, bool release)
{
	void	   *mem = emp_alloc(lx->a, sizeof(EmpTerm) * (size_t) cap + 63);
	EmpTerm    *nt = (EmpTerm *) (((uintptr_t) mem + 63) & ~(uintptr_t) 63);
	TermText   *ntx = emp_alloc(lx->a, sizeof(TermText) * (size_t) cap);

	if (n)
	{
		memcpy(nt, terms, sizeof(EmpTerm) * (size_t) n);
		memcpy(ntx, texts, sizeof(TermText) * (size_t) n);
	}
	if (release)
	{
		emp_release(lx->a, lx->terms_mem);
		emp_release(lx->a, lx->texts);
	}
	lx->terms_mem = mem;
	lx->h.terms = nt;
	lx->texts = ntx;
	lx->termcap = cap;
}

static int32_t
new_term(EmpLexicon *lx, const char *text, size_t textlen, uint16_t ntokens)
{
	EmpTerm    *t;

	if (lx->h.nterms == lx->termcap)
		terms_alloc(lx, lx->termcap ? lx->termcap * 2 : 1024, lx->h.terms, lx->texts, lx->h.nterms, true);
	t = &lx->h.terms[lx->h.nterms];
	memset(t, 0, sizeof(*t));
	t->ntokens = (uint8_t) ntokens;
	t->mod = 1.0f;
	t->category = -1;
	lx->texts[lx->h.nterms].off = arena_put(lx, text, textlen);
	lx->texts[lx->h.nterms].len = (uint32_t) textlen;
	return lx->h.nterms++;
}

/* Find or insert a single-token key, returning its term id. */
static int32_t
dict_intern(EmpLexicon *lx, const char *key, size_t len, const char *text, size_t textlen)
{
	int32_t		id = emp_lexicon_find(lx, key, len);
	uint32_t	h,
				j;
	size_t		skip = (len > 0 && key[0] == '=');	/* an exact key's '=' */

	if (id)
		return id;
	if ((lx->dictused + 1) * 2 > lx->dictcap)
		dict_grow(lx);
	id = new_term(lx, text, textlen, 1);
	h = hash_bytes(key, len);
	j = h & (lx->dictcap - 1);
	while (lx->dict[j].id != 0)
		j = (j + 1) & (lx->dictcap - 1);
	lx->dict[j].hash = h;
	lx->dict[j].id = id;
	lx->dict[j].key_len = (uint32_t) len;
	lx->dict[j].key_off = arena_put(lx, key, len);
	lx->dictused++;
	/* the longest number among the keys bounds the numbers lookups try */
	if (emp_all_digits(key + skip, len - skip) && len - skip > lx->digit_key_max)
		lx->digit_key_max = (uint32_t) (len - skip);
	return id;
}

/* ---------------------------------------------------------------- stemming and contractions */

typedef struct Contraction
{
	const char *word;
	const char *a;
	const char *b;
} Contraction;

/* Whole-word expansions, including the apostrophe-less spellings people type. */
static const Contraction whole_words[] = {
	{"can't", "can", "not"}, {"cant", "can", "not"}, {"cannot", "can", "not"},
	{"won't", "will", "not"}, {"wont", "will", "not"}, {"shan't", "shall", "not"},
	{"ain't", "is", "not"}, {"aint", "is", "not"},
	{"dont", "do", "not"}, {"didnt", "did", "not"}, {"doesnt", "does", "not"},
	{"isnt", "is", "not"}, {"wasnt", "was", "not"}, {"arent", "are", "not"},
	{"werent", "were", "not"}, {"couldnt", "could", "not"}, {"shouldnt", "should", "not"},
	{"wouldnt", "would", "not"}, {"havent", "have", "not"}, {"hasnt", "has", "not"},
	{"hadnt", "had", "not"}, {"mustnt", "must", "not"},
	{"im", "i", "am"}, {"ive", "i", "have"}, {"youre", "you", "are"}, {"youve", "you", "have"},
	{"theyre", "they", "are"}, {"thats", "that", "is"}, {"whats", "what", "is"},
	{"let's", "let", "us"}, {"y'all", "you", "all"},
	{NULL, NULL, NULL}
};

/* expand_contraction indexes them in a 32-bit mask (the NULL entry ends them) */
_Static_assert(sizeof(whole_words) / sizeof(whole_words[0]) <= 33, "at most 32 whole-word expansions");

/* Words whose "'s" is "is" rather than a possessive. */
static const char *const s_is_words[] = {
	"it", "that", "there", "here", "what", "who", "he", "she", "where", "how", "when", "why", "this", NULL
};

/*
 * Split a normalised word into at most two parts (contraction expansion).
 * Parts point into buf (at least 2 * len + 16 bytes) or static strings.
 */
static int
expand_contraction(const char *w, size_t n, char *buf, const char **part, size_t *plen)
{
	const char *ap;
	size_t		base;
	/* by first letter, the whole words starting with it (bit i: whole_words[i]) */
	static uint32_t by_first[26];
	static bool by_first_ready = false;
	uint32_t	cand;

	if (!by_first_ready)
	{
		for (int i = 0; whole_words[i].word; i++)
			if (whole_words[i].word[0] >= 'a' && whole_words[i].word[0] <= 'z')
				by_first[whole_words[i].word[0] - 'a'] |= 1u << i;
		by_first_ready = true;
	}
	cand = (n > 0 && w[0] >= 'a' && w[0] <= 'z') ? by_first[w[0] - 'a'] : 0;
	while (cand)
	{
		int			i = __builtin_ctz(cand);

		cand &= cand - 1;
		if (strlen(whole_words[i].word) == n && memcmp(whole_words[i].word, w, n) == 0)
		{
			part[0] = whole_words[i].a;
			plen[0] = strlen(part[0]);
			part[1] = whole_words[i].b;
			plen[1] = strlen(part[1]);
			return 2;
		}
	}
	ap = memchr(w, '\'', n);
	if (ap == NULL)
	{
		part[0] = w;
		plen[0] = n;
		return 1;
	}
	base = (size_t) (ap - w);
	if (base >= 2 && base + 2 == n && memcmp(ap - 1, "n't", 3) == 0)
	{
		memcpy(buf, w, base - 1);
		part[0] = buf;
		plen[0] = base - 1;
		part[1] = "not";
		plen[1] = 3;
		return 2;
	}
	if (base >= 1)
	{
		const char *suffix = ap + 1;
		size_t		sl = n - base - 1;
		const char *full = NULL;

		if (sl == 2 && memcmp(suffix, "re", 2) == 0)
			full = "are";
		else if (sl == 2 && memcmp(suffix, "ve", 2) == 0)
			full = "have";
		else if (sl == 2 && memcmp(suffix, "ll", 2) == 0)
			full = "will";
		else if (sl == 1 && suffix[0] == 'd')
			full = "would";
		else if (sl == 1 && suffix[0] == 'm')
			full = "am";
		else if (sl == 1 && suffix[0] == 's')
		{
			for (int i = 0; s_is_words[i]; i++)
				if (strlen(s_is_words[i]) == base && memcmp(s_is_words[i], w, base) == 0)
					full = "is";
			memcpy(buf, w, base);
			part[0] = buf;
			plen[0] = base;
			if (full == NULL)
				return 1;	/* possessive: customer's -> customer */
		}
		if (full)
		{
			memcpy(buf, w, base);
			part[0] = buf;
			plen[0] = base;
			part[1] = full;
			plen[1] = strlen(full);
			return 2;
		}
	}
	part[0] = w;
	plen[0] = n;
	return 1;
}

/*
 * Write into out the variant of s in which the doubled letters selected by
 * mask (bit i = the i-th doubled letter) are written once.  Returns the
 * number of doubled letters in s (at most 16 are considered).
 */
static int
undouble(const char *s, size_t n, unsigned mask, char *out, size_t *outlen)
{
	size_t		w = 0;
	int			k = 0;

	for (size_t i = 0; i < n; i++)
	{
		if (i > 0 && s[i] == s[i - 1] && s[i] >= 'a' && s[i] <= 'z' && k < 16)
		{
			if (mask & (1u << k++))
				continue;
		}
		out[w++] = s[i];
	}
	*outlen = w;
	return k;
}

/*
 * Where a word ends in a British "-ise" suffix ("realised", "authorise",
 * "organisation") after at least three letters, the length of its part
 * before "is"; else 0, and for the words that are spelt "-ise" only
 * ("advise", "exercise", "surprise", "paradise").  Snowball stems
 * "realised" and "realized" apart, and the learned weights and many
 * phrases have the "-ize" spelling only.
 */
static size_t
british_ise(const char *p, size_t n)
{
	static const char *const tails[] = {"ise", "ised", "ises", "ising", "isation", "isations", "iser", "isers"};

	/* the start of words spelt "-ise" only: "paradise" is no "paradize" (a parade) */
	static const char *const only_ise[] = {
		"adv", "advert", "chast", "circumc", "comprom", "conc", "desp", "dev", "disgu", "enterpr",
		"exerc", "expert", "franch", "improv", "inc", "likew", "merchand", "otherw", "parad", "prec",
		"prem", "prom", "rev", "superv", "surpr", "telev"
	};

	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
	{
		size_t		tl = strlen(tails[i]);

		if (n >= tl + 3 && memcmp(p + n - tl, tails[i], tl) == 0)
		{
			size_t		at = n - tl;

			for (size_t k = 0; k < sizeof(only_ise) / sizeof(only_ise[0]); k++)
				if (strlen(only_ise[k]) == at && memcmp(p, only_ise[k], at) == 0)
					return 0;
			return at;
		}
	}
	return 0;
}

/*
 * Resolve one part to a term id and its stem hash: the exact key first,
 * then the stem, then, for a British "-ise" word that neither finds, the
 * stem of its "-ize" spelling.  The stem hash is the word's own.  Words
 * over EMP_MAX_WORD_BYTES are not stemmed.
 */
static int32_t
resolve_part(EmpLexicon *lx, const char *p, size_t n, uint32_t *stemhash)
{
	char		key[EMP_MAX_WORD_BYTES + 2];
	char		stem[EMP_MAX_WORD_BYTES * 2 + 2];
	size_t		sl,
				at;
	int32_t		id;

	if (n == 0 || n > EMP_MAX_WORD_BYTES)
	{
		*stemhash = hash_bytes(p, n);
		return 0;
	}
	key[0] = '=';
	memcpy(key + 1, p, n);
	id = emp_lexicon_find(lx, key, n + 1);
	sl = emp_stem(lx->stemmer, p, n, stem, sizeof(stem));
	*stemhash = hash_bytes(stem, sl);
	if (id)
		return id;
	id = emp_lexicon_find(lx, stem, sl);
	if (id == 0 && (at = british_ise(p, n)) != 0)
	{
		/* the same letters with "iz" for "is" */
		memcpy(key, p, n);
		key[at + 1] = 'z';
		sl = emp_stem(lx->stemmer, key, n, stem, sizeof(stem));
		id = emp_lexicon_find(lx, stem, sl);
	}
	return id;
}

/* Copy what a walk needs of the looked-up terms into the result. */
static inline void
lookup_fill(const EmpLexicon *lx, EmpLookup *out)
{
	for (int i = 0; i < out->nparts; i++)
	{
		const EmpTerm *t = emp_lexicon_term(lx, out->ids[i]);

		out->flags[i] = t->flags;
		out->sym[i] = t->stem_id ? t->stem_id : out->ids[i];
		out->symflags[i] = emp_lexicon_term(lx, out->sym[i])->flags;
	}
}

/* Resolve a normalised word (with elongation fallback) without the memo. */
static void
resolve_word(EmpLexicon *lx, const char *w, size_t n, bool elong, EmpLookup *out)
{
	char		buf[EMP_MAX_WORD_BYTES * 2 + 16];
	const char *part[2];
	size_t		plen[2];
	int			np;

	if (n > EMP_MAX_WORD_BYTES)
	{
		out->nparts = 1;
		out->ids[0] = 0;
		out->stemhash[0] = hash_bytes(w, n);
		return;
	}
	np = expand_contraction(w, n, buf, part, plen);
	out->nparts = (uint8_t) np;
	for (int i = 0; i < np; i++)
	{
		out->ids[i] = resolve_part(lx, part[i], plen[i], &out->stemhash[i]);
		if (out->ids[i] == 0 && elong)
		{
			/* "happyy" from "happppyyyy": try writing doubled letters once */
			char		one[EMP_MAX_WORD_BYTES + 1];
			size_t		ol;
			int			k = undouble(part[i], plen[i], 0, one, &ol);
			unsigned	lim = 1u << (k < 4 ? k : 4);

			for (unsigned mask = 1; mask < lim; mask++)
			{
				uint32_t	sh;
				int32_t		id;

				undouble(part[i], plen[i], mask, one, &ol);
				id = resolve_part(lx, one, ol, &sh);
				if (id)
				{
					out->ids[i] = id;
					out->stemhash[i] = sh;
					break;
				}
			}
		}
	}
}

/* Resolve a token without the memo. */
static void
resolve_token(EmpLexicon *lx, const EmpToken *tok, EmpLookup *out)
{
	if (tok->kind != EMP_TOK_WORD && tok->kind != EMP_TOK_NUMBER)
	{
		/* emoji and emoticons: exact keys */
		char		key[64];

		out->nparts = 1;
		out->stemhash[0] = hash_bytes(tok->norm, tok->normlen);
		out->ids[0] = 0;
		if (tok->normlen + 1 <= sizeof(key))
		{
			key[0] = '=';
			memcpy(key + 1, tok->norm, tok->normlen);
			out->ids[0] = emp_lexicon_find(lx, key, tok->normlen + 1);
		}
		/*
		 * A ZWJ sequence the lexicon does not list reads as the emoji
		 * before its first joiner ("😢" of a crying face joined to a sign).
		 */
		if (out->ids[0] == 0 && tok->kind == EMP_TOK_EMOJI)
		{
			size_t		n = 0;

			while (n + 2 < tok->normlen &&
				   !((unsigned char) tok->norm[n] == 0xE2 && (unsigned char) tok->norm[n + 1] == 0x80 &&
					 (unsigned char) tok->norm[n + 2] == 0x8D))
				n++;
			if (n > 0 && n + 2 < tok->normlen && n + 1 <= sizeof(key))
			{
				key[0] = '=';
				memcpy(key + 1, tok->norm, n);
				out->ids[0] = emp_lexicon_find(lx, key, n + 1);
			}
		}
	}
	else
		resolve_word(lx, tok->norm, tok->normlen, (tok->flags & EMP_TF_ELONGATED) != 0, out);
	lookup_fill(lx, out);
}

/*
 * After a quarter of the memo's slots' worth of evictions, decide its
 * size: twice as large, its entries moved over, when more than about one
 * lookup in MEMO_GROW_RATIO pushed an entry out, unless it is MEMO_SLOTS_MAX
 * already or the memory cannot be had (then it stays as it is).  Returns
 * true when it grew.  Results never depend on the memo, only the time they
 * take.
 */
static __attribute__((noinline)) bool
memo_resize(EmpLexicon *lx)
{
	uint32_t	oldslots = memo_slots(lx);
	uint32_t	slots = oldslots * 2;
	bool		grow = lx->memo_lookups < (uint64_t) lx->memo_evicted * MEMO_GROW_RATIO &&
		slots <= MEMO_SLOTS_MAX;
	char	   *mem;
	MemoSlot   *memo;

	lx->memo_lookups = 0;
	lx->memo_evicted = 0;
	if (!grow || (mem = emp_try_alloc(lx->a, sizeof(MemoSlot) * slots + 63)) == NULL)
		return false;
	memo = (MemoSlot *) (((uintptr_t) mem + 63) & ~(uintptr_t) 63);
	memset(memo, 0, sizeof(MemoSlot) * slots);
	for (uint32_t i = 0; i < oldslots; i++)
	{
		const MemoSlot *o = &lx->memo[i];
		uint32_t	h;

		if (o->lentag == 0)
			continue;
		h = memo_slot(o->key, o->lentag & 0xFF, (uint8_t) (o->lentag >> 8), lx->memo_shift - 1);
		if (memo[h].lentag != 0)
			h ^= 1;
		if (memo[h].lentag == 0)
			memo[h] = *o;
	}
	emp_release(lx->a, lx->memo_mem);
	lx->memo_mem = mem;
	lx->memo = memo;
	lx->memo_shift--;
	return true;
}

/*
 * emp_lexicon_resolve for any token: a memo miss (resolved and kept), or a
 * token the memo does not keep (resolved into lx->scratch).
 */
const EmpLookup *
emp_lexicon_resolve_slow(EmpLexicon *lx, const EmpToken *tok)
{
	bool		word = (tok->kind == EMP_TOK_WORD || tok->kind == EMP_TOK_NUMBER);
	/* the memo tells words, elongated words and symbols apart */
	uint8_t		tag = !word ? 2 : (tok->flags & EMP_TF_ELONGATED) ? 1 : 0;
	uint32_t	h;
	uint64_t	key[3];
	MemoSlot   *m,
			   *m2;
	EmpLookup	res;

	/*
	 * Long numbers (order ids, amounts) seldom come back: resolving them
	 * directly is cheap (numbers are not stemmed) and keeps them from
	 * evicting words from the memo.  One longer than every number among the
	 * keys resolves to no term, its own text as its stem.
	 */
	if (tok->kind == EMP_TOK_NUMBER && tok->normlen > 4)
	{
		EmpLookup  *out = &lx->scratch;

		if (tok->normlen > lx->digit_key_max && emp_all_digits(tok->norm, tok->normlen))
		{
			out->nparts = 1;
			out->ids[0] = 0;
			out->stemhash[0] = hash_bytes(tok->norm, tok->normlen);
			lookup_fill(lx, out);
		}
		else
			resolve_token(lx, tok, out);
		return out;
	}
	if (tok->normlen == 0 || tok->normlen > MEMO_KEY_MAX)
	{
		resolve_token(lx, tok, &lx->scratch);
		return &lx->scratch;
	}
	/* the key: from the tokenizer's registers, or the word zero-padded */
	if (tok->keyed)
	{
		key[0] = tok->key[0];
		key[1] = tok->key[1];
		key[2] = 0;
	}
	else
	{
		key[0] = key[1] = key[2] = 0;
		memcpy(key, tok->norm, tok->normlen);
	}
	h = memo_slot(key, tok->normlen, tag, lx->memo_shift);
	m = &lx->memo[h];
	/* the key's second way: the other slot of its pair */
	m2 = &lx->memo[h ^ 1];
	if (memo_match(m, key, tok->normlen, tag))
		return &m->res;
	if (memo_match(m2, key, tok->normlen, tag))
		return &m2->res;
	resolve_token(lx, tok, &res);
	/* both ways taken: the second way's entry goes */
	if (m->lentag != 0 && m2->lentag != 0 &&
		++lx->memo_evicted >= memo_slots(lx) / 4 && memo_resize(lx))
	{
		/* the key's slots in the memo twice the size */
		h = memo_slot(key, tok->normlen, tag, lx->memo_shift);
		m = &lx->memo[h];
		m2 = &lx->memo[h ^ 1];
	}
	/* the newest entry takes the first way, the one it held the second */
	if (m->lentag != 0)
		*m2 = *m;
	memcpy(m->key, key, sizeof(m->key));
	m->lentag = (uint16_t) (tok->normlen | (unsigned) tag << 8);
	m->res = res;
	return &m->res;
}

/* Resolve a token to term ids: the result stays valid until the next lookup in lx. */
const EmpLookup *
emp_lexicon_resolve(EmpLexicon *lx, const EmpToken *tok)
{
	/* a lookup outside a walk, counted here (a walk counts its own) */
	lx->memo_lookups++;
	return emp_lexicon_resolve_inline(lx, tok);
}

/* Resolve a token to term ids, into out. */
void
emp_lexicon_lookup(EmpLexicon *lx, const EmpToken *tok, EmpLookup *out)
{
	*out = *emp_lexicon_resolve(lx, tok);
}

/* ---------------------------------------------------------------- creation */

_Static_assert(MEMO_SLOTS_MIN == 1 << 13, "memo_alloc's shift is the memo's first size");

/* Allocate lx's memo of MEMO_SLOTS_MIN slots, empty and 64-byte aligned. */
static void
memo_alloc(EmpLexicon *lx)
{
	char	   *mem = emp_alloc(lx->a, sizeof(MemoSlot) * MEMO_SLOTS_MIN + 63);

	lx->memo_mem = mem;
	lx->memo = (MemoSlot *) (((uintptr_t) mem + 63) & ~(uintptr_t) 63);
	lx->memo_shift = 64 - 13;
	lx->memo_lookups = 0;
	lx->memo_evicted = 0;
	memset(lx->memo, 0, sizeof(MemoSlot) * MEMO_SLOTS_MIN);
}

EmpLexicon *
emp_lexicon_create(EmpAllocator *a, EmpStemmer *st)
{
	EmpLexicon *lx = emp_alloc(a, sizeof(EmpLexicon));

	memset(lx, 0, sizeof(*lx));
	lx->a = a;
	lx->stemmer = st;
	lx->tz = emp_tokenizer_create(a);
	memo_alloc(lx);
	new_term(lx, "", 0, 1);		/* id 0: unknown */
	dict_grow(lx);
	/* the automaton's root */
	lx->nodecap = 256;
	lx->nodes = emp_alloc(a, sizeof(AcNode) * (size_t) lx->nodecap);
	memset(&lx->nodes[0], 0, sizeof(AcNode));
	lx->nodes[0].first_child = -1;
	lx->nodes[0].next_sibling = -1;
	lx->nodes[0].dict = -1;
	lx->nnodes = 1;
	return lx;
}

/*
 * What is written in lx from now on is a level of its own (a derived
 * configuration's, over the lexicon it copies or the levels before it):
 * every exact word ("=excellent") and every reading of a phrase with exact
 * words written so far is inherited, and a word or phrase by stems written
 * over one speaks for it too (see emp_lexicon_add).
 */
void
emp_lexicon_inherit(EmpLexicon *lx)
{
	for (int32_t i = 1; i < lx->h.nterms; i++)
		if ((lx->h.terms[i].flags & EMP_TERM_EXACT) && lx->h.terms[i].stem_id > 0)
			lx->h.terms[i].flags |= EMP_TERM_INHERITED;
	for (int32_t i = 0; i < lx->nvariants; i++)
		lx->variants[i].inherited = 1;
}

/* Return a deep copy of src in allocator a (a derived configuration). */
EmpLexicon *
emp_lexicon_copy(const EmpLexicon *src, EmpAllocator *a)
{
	EmpLexicon *lx = emp_alloc(a, sizeof(EmpLexicon));

	*lx = *src;
	lx->a = a;
	lx->tz = emp_tokenizer_create(a);
	terms_alloc(lx, src->termcap, src->h.terms, src->texts, src->h.nterms, false);
	lx->ac_root = NULL;
	lx->nac_root = 0;
	lx->dict = emp_alloc(a, sizeof(DictSlot) * src->dictcap);
	memcpy(lx->dict, src->dict, sizeof(DictSlot) * src->dictcap);
	lx->arena = emp_alloc(a, src->arenacap);
	memcpy(lx->arena, src->arena, src->arenalen);
	lx->nodes = emp_alloc(a, sizeof(AcNode) * (size_t) src->nodecap);
	memcpy(lx->nodes, src->nodes, sizeof(AcNode) * (size_t) src->nnodes);
	lx->edges = NULL;
	lx->edgecap = 0;
	lx->edgeused = 0;
	if (src->edgecap)
	{
		lx->edges = emp_alloc(a, sizeof(EdgeSlot) * src->edgecap);
		memcpy(lx->edges, src->edges, sizeof(EdgeSlot) * src->edgecap);
		lx->edgecap = src->edgecap;
		lx->edgeused = src->edgeused;
	}
	lx->steps = NULL;
	lx->nsteps = 0;
	lx->stepcap = 0;
	lx->stepidx = NULL;
	lx->stepidxcap = 0;
	lx->variants = NULL;
	lx->reqs = NULL;
	if (src->variantcap)
	{
		lx->variants = emp_alloc(a, sizeof(EmpVariant) * (size_t) src->variantcap);
		memcpy(lx->variants, src->variants, sizeof(EmpVariant) * (size_t) src->nvariants);
	}
	if (src->reqcap)
	{
		lx->reqs = emp_alloc(a, sizeof(TermText) * src->reqcap);
		memcpy(lx->reqs, src->reqs, sizeof(TermText) * src->nreqs);
	}
	/* what is written in it from now on is its own */
	emp_lexicon_inherit(lx);
	memo_alloc(lx);
	lx->finished = false;
	return lx;
}

/* ---------------------------------------------------------------- automaton */

static int32_t
edge_find(const EmpLexicon *lx, int32_t state, int32_t sym)
{
	uint64_t	key = ((uint64_t) (uint32_t) state << 32) | (uint32_t) sym;
	uint32_t	j;

	if (lx->edgecap == 0)
		return -1;
	key |= 1ULL << 63;			/* never 0 */
	j = edge_home(key, lx->edgecap);
	for (;;)
	{
		if (lx->edges[j].key == 0)
			return -1;
		if (lx->edges[j].key == key)
			return lx->edges[j].child;
		j = (j + 1) & (lx->edgecap - 1);
	}
}

static void
edge_put(EmpLexicon *lx, int32_t state, int32_t sym, int32_t child)
{
	uint64_t	key = (((uint64_t) (uint32_t) state << 32) | (uint32_t) sym) | (1ULL << 63);
	uint32_t	j;

	if ((lx->edgeused + 1) * 2 > lx->edgecap)
	{
		uint32_t	ncap = lx->edgecap ? lx->edgecap * 2 : 1024;
		EdgeSlot   *ne = emp_alloc(lx->a, sizeof(EdgeSlot) * ncap);

		memset(ne, 0, sizeof(EdgeSlot) * ncap);
		for (uint32_t i = 0; i < lx->edgecap; i++)
		{
			if (lx->edges[i].key == 0)
				continue;
			j = edge_home(lx->edges[i].key, ncap);
			while (ne[j].key != 0)
				j = (j + 1) & (ncap - 1);
			ne[j] = lx->edges[i];
		}
		emp_release(lx->a, lx->edges);
		lx->edges = ne;
		lx->edgecap = ncap;
	}
	j = edge_home(key, lx->edgecap);
	while (lx->edges[j].key != 0)
		j = (j + 1) & (lx->edgecap - 1);
	lx->edges[j].key = key;
	lx->edges[j].child = child;
	lx->edgeused++;
}

/* Insert a symbol sequence; returns the final node. */
static int32_t
trie_insert(EmpLexicon *lx, const int32_t *syms, int n)
{
	int32_t		s = 0;

	for (int i = 0; i < n; i++)
	{
		int32_t		c = edge_find(lx, s, syms[i]);

		if (c < 0)
		{
			AcNode	   *nd;

			if (lx->nnodes == lx->nodecap)
			{
				int32_t		nc = lx->nodecap * 2;
				AcNode	   *nn = emp_alloc(lx->a, sizeof(AcNode) * (size_t) nc);

				memcpy(nn, lx->nodes, sizeof(AcNode) * (size_t) lx->nnodes);
				emp_release(lx->a, lx->nodes);
				lx->nodes = nn;
				lx->nodecap = nc;
			}
			c = lx->nnodes++;
			nd = &lx->nodes[c];
			memset(nd, 0, sizeof(*nd));
			nd->sym = syms[i];
			if (syms[i] == 0)
				lx->ac_sym0 = true;
			nd->depth = (uint16_t) (i + 1);
			nd->first_child = -1;
			nd->dict = -1;
			nd->next_sibling = lx->nodes[s].first_child;
			lx->nodes[s].first_child = c;
			lx->nodes[s].childmask |= AC_SYMBIT(syms[i]);
			edge_put(lx, s, syms[i], c);
		}
		s = c;
	}
	lx->finished = false;
	return s;
}

/*
 * Fill lx->steps and every node's chainmask, given the nodes but the root
 * in breadth-first order (a node's failure target comes before it).  A
 * node's step on a symbol is its own edge, else the first edge on it along
 * its failure chain: walking the chain outward, the first node seen with a
 * child on the symbol gives the step.
 */
#define AC_STEPS_MAX	64		/* most transitions kept for one node */

/* Append a transition to lx->steps. */
static void
steps_push(EmpLexicon *lx, int32_t sym, int32_t child)
{
	if (lx->nsteps == lx->stepcap)
	{
		uint32_t	nc = lx->stepcap ? lx->stepcap * 2 : 1024;
		AcStep	   *ns = emp_alloc(lx->a, sizeof(AcStep) * nc);

		if (lx->nsteps)
			memcpy(ns, lx->steps, sizeof(AcStep) * lx->nsteps);
		emp_release(lx->a, lx->steps);
		lx->steps = ns;
		lx->stepcap = nc;
	}
	lx->steps[lx->nsteps].sym = sym;
	lx->steps[lx->nsteps].child = child;
	lx->nsteps++;
}

/* Index every node's steps by (node, symbol) in lx->stepidx. */
static void
build_step_index(EmpLexicon *lx, const int32_t *order, int32_t n)
{
	uint32_t	cap = 0;

	if (lx->nsteps > 0)
	{
		cap = 64;
		while (cap < 2 * lx->nsteps)
			cap *= 2;
	}
	if (cap != lx->stepidxcap)
	{
		emp_release(lx->a, lx->stepidx);
		lx->stepidx = cap ? emp_alloc(lx->a, sizeof(uint32_t) * cap) : NULL;
		lx->stepidxcap = cap;
	}
	if (cap == 0)
		return;
	memset(lx->stepidx, 0, sizeof(uint32_t) * cap);
	for (int32_t i = 0; i < n; i++)
	{
		int32_t		s = order[i];
		const AcNode *sn = &lx->nodes[s];

		if (sn->nsteps == AC_WALK)
			continue;
		for (uint32_t k = 0; k < sn->nsteps; k++)
		{
			uint32_t	e = sn->steps_off + k;
			uint32_t	j = emp_step_home(s, lx->steps[e].sym, cap);

			while (lx->stepidx[j] != 0)
				j = (j + 1) & (cap - 1);
			lx->stepidx[j] = e + 1;
		}
	}
}

static void
build_steps(EmpLexicon *lx, const int32_t *order, int32_t n)
{
	lx->nsteps = 0;
	lx->nodes[0].chainmask = 0;
	lx->nodes[0].nsteps = 0;
	for (int32_t i = 0; i < n; i++)
	{
		int32_t		s = order[i];
		AcNode	   *sn = &lx->nodes[s];
		int32_t		edges = 0;
		AcStep	   *mine;

		sn->chainmask = sn->childmask | lx->nodes[sn->fail].chainmask;
		sn->steps_off = lx->nsteps;
		sn->nsteps = 0;
		/* bounded memory: a node can fail to a word that begins many phrases */
		for (int32_t u = s; u != 0 && edges <= AC_STEPS_MAX; u = lx->nodes[u].fail)
			for (int32_t c = lx->nodes[u].first_child; c >= 0 && edges <= AC_STEPS_MAX; c = lx->nodes[c].next_sibling)
				edges++;
		if (edges > AC_STEPS_MAX)
		{
			sn->nsteps = AC_WALK;
			continue;
		}
		for (int32_t u = s; u != 0; u = lx->nodes[u].fail)
		{
			for (int32_t c = lx->nodes[u].first_child; c >= 0; c = lx->nodes[c].next_sibling)
			{
				int32_t		sym = lx->nodes[c].sym;
				int			k;

				/* the first edge on sym along the chain is the step */
				for (k = 0; k < sn->nsteps && lx->steps[sn->steps_off + k].sym != sym; k++)
					;
				if (k < sn->nsteps)
					continue;
				steps_push(lx, sym, c);
				sn->nsteps++;
			}
		}
		/* sorted by symbol (insertion sort: at most AC_STEPS_MAX of them) */
		if (sn->nsteps == 0)
			continue;
		mine = &lx->steps[sn->steps_off];
		for (int k = 1; k < sn->nsteps; k++)
		{
			AcStep		x = mine[k];
			int			m = k;

			while (m > 0 && mine[m - 1].sym > x.sym)
			{
				mine[m] = mine[m - 1];
				m--;
			}
			mine[m] = x;
		}
	}
	/* the array at its size: it lives as long as the lexicon */
	if (lx->nsteps < lx->stepcap)
	{
		AcStep	   *ns = lx->nsteps ? emp_alloc(lx->a, sizeof(AcStep) * lx->nsteps) : NULL;

		if (lx->nsteps)
			memcpy(ns, lx->steps, sizeof(AcStep) * lx->nsteps);
		emp_release(lx->a, lx->steps);
		lx->steps = ns;
		lx->stepcap = lx->nsteps;
	}
	build_step_index(lx, order, n);
}

/*
 * Node state's transition on sym, or -1 if it keeps none on it (n is the
 * node, which keeps its steps: not AC_WALK).
 */
static inline int32_t
step_find(const EmpLexicon *lx, int32_t state, const AcNode *n, int32_t sym)
{
	uint32_t	j;

	if (n->nsteps == 0)
		return -1;
	j = emp_step_home(state, sym, lx->stepidxcap);
	for (;;)
	{
		uint32_t	e = lx->stepidx[j];

		if (e == 0)
			return -1;
		e--;
		if (e - n->steps_off < n->nsteps && lx->steps[e].sym == sym)
			return lx->steps[e].child;
		j = (j + 1) & (lx->stepidxcap - 1);
	}
}

/* Compute failure and output links breadth-first. */
void
emp_lexicon_finish(EmpLexicon *lx)
{
	int32_t    *queue;
	int32_t		head = 0,
				tail = 0;

	if (lx->memo_dirty)
	{
		memset(lx->memo, 0, sizeof(MemoSlot) * memo_slots(lx));
		lx->memo_dirty = false;
	}
	if (lx->finished)
		return;
	if (lx->nvariants > 1)
		qsort(lx->variants, (size_t) lx->nvariants, sizeof(EmpVariant), variant_cmp);
	queue = emp_alloc(lx->a, sizeof(int32_t) * (size_t) lx->nnodes);
	for (int32_t c = lx->nodes[0].first_child; c >= 0; c = lx->nodes[c].next_sibling)
	{
		lx->nodes[c].fail = 0;
		lx->nodes[c].dict = -1;
		queue[tail++] = c;
	}
	while (head < tail)
	{
		int32_t		r = queue[head++];

		for (int32_t c = lx->nodes[r].first_child; c >= 0; c = lx->nodes[c].next_sibling)
		{
			int32_t		f = lx->nodes[r].fail;
			int32_t		t;

			queue[tail++] = c;
			for (;;)
			{
				t = edge_find(lx, f, lx->nodes[c].sym);
				if (t >= 0 || f == 0)
					break;
				f = lx->nodes[f].fail;
			}
			lx->nodes[c].fail = (t >= 0 && t != c) ? t : 0;
			f = lx->nodes[c].fail;
			lx->nodes[c].dict = lx->nodes[f].out ? f : lx->nodes[f].dict;
		}
	}
	for (int32_t c = 0; c < lx->nnodes; c++)
	{
		AcNode	   *n = &lx->nodes[c];

		n->emit = n->out ? n->out : (n->dict >= 0 ? lx->nodes[n->dict].out : 0);
		/* a phrase with exact words: its readings are the walker's to check */
		if (n->emit > 0 && (lx->h.terms[n->emit].flags & EMP_TERM_VARIANTS))
			n->emit = -n->emit;
	}
	/* the root's edges, in an array by symbol: most steps start there */
	if (lx->nac_root < lx->h.nterms)
	{
		emp_release(lx->a, lx->ac_root);
		lx->ac_root = emp_alloc(lx->a, sizeof(int32_t) * (size_t) lx->h.nterms);
	}
	lx->nac_root = lx->h.nterms;
	memset(lx->ac_root, 0, sizeof(int32_t) * (size_t) lx->nac_root);
	for (int32_t c = lx->nodes[0].first_child; c >= 0; c = lx->nodes[c].next_sibling)
		if (lx->nodes[c].sym > 0 && lx->nodes[c].sym < lx->nac_root)
			lx->ac_root[lx->nodes[c].sym] = c;
	build_steps(lx, queue, tail);
	emp_release(lx->a, queue);
	lx->finished = true;
}

/* A step by walking the failure chain (before finish, and for crowded nodes). */
static int32_t
ac_walk(const EmpLexicon *lx, int32_t state, int32_t sym)
{
	for (;;)
	{
		int32_t		t;

		if (lx->nodes[state].childmask & AC_SYMBIT(sym))
		{
			t = edge_find(lx, state, sym);
			if (t >= 0)
				return t;
		}
		if (state == 0)
			return 0;
		state = lx->nodes[state].fail;
	}
}

/* Advance the automaton by one symbol; returns the new state. */
static inline int32_t
ac_step(const EmpLexicon *lx, int32_t state, int32_t sym)
{
	if (lx->finished)
	{
		int32_t		t;

		const AcNode *n = &lx->nodes[state];

		if (state != 0 && (n->chainmask & AC_SYMBIT(sym)))
		{
			if (n->nsteps == AC_WALK)
				return ac_walk(lx, state, sym);
			t = step_find(lx, state, n, sym);
			if (t >= 0)
				return t;
		}
		/* no node of the chain but the root has an edge on sym */
		if (sym > 0 && sym < lx->nac_root)
			return lx->ac_root[sym];
		if (lx->nodes[0].childmask & AC_SYMBIT(sym))
		{
			t = edge_find(lx, 0, sym);
			if (t >= 0)
				return t;
		}
		return 0;
	}
	return ac_walk(lx, state, sym);
}

/* emp_ac_feed for any step. */
int32_t
emp_ac_feed_slow(const EmpLexicon *lx, int32_t *state, int32_t sym)
{
	const AcNode *n;

	*state = ac_step(lx, *state, sym);
	n = &lx->nodes[*state];
	if (lx->finished)
		return n->emit;
	if (n->out)
		return n->out;
	return n->dict >= 0 ? lx->nodes[n->dict].out : 0;
}

/* Advance the automaton in *state by one symbol (see emp_ac_feed_inline). */
int32_t
emp_ac_feed(const EmpLexicon *lx, int32_t *state, int32_t sym)
{
	return emp_ac_feed_inline(lx, state, sym);
}

/* ---------------------------------------------------------------- exact words in phrases */

/*
 * The term of the reading of phrase base (n words) that wants words in the
 * forms wbuf[woff[k] .. + wlen[k]] (wlen[k] 0: any form): the one added
 * before with the same words, else a new one.
 */
static int32_t
variant_term(EmpLexicon *lx, int32_t base, const char *text, size_t textlen, int n,
			 const char *wbuf, const uint32_t *woff, const uint16_t *wlen)
{
	EmpVariant *v;
	uint16_t	nexact = 0;
	int32_t		id;

	for (int k = 0; k < n; k++)
		nexact += (wlen[k] != 0);
	for (int32_t i = 0; i < lx->nvariants; i++)
	{
		const TermText *r = &lx->reqs[lx->variants[i].req];
		bool		same = lx->variants[i].base == base;

		for (int k = 0; k < n && same; k++)
			same = r[k].len == wlen[k] &&
				(wlen[k] == 0 || memcmp(lx->arena + r[k].off, wbuf + woff[k], wlen[k]) == 0);
		if (same)
		{
			/* written again here: this lexicon's own now */
			lx->variants[i].inherited = 0;
			return lx->variants[i].term;
		}
	}
	if (lx->nvariants == lx->variantcap)
	{
		int32_t		cap = lx->variantcap ? lx->variantcap * 2 : 16;
		EmpVariant *nv = emp_alloc(lx->a, sizeof(EmpVariant) * (size_t) cap);

		if (lx->nvariants)
			memcpy(nv, lx->variants, sizeof(EmpVariant) * (size_t) lx->nvariants);
		emp_release(lx->a, lx->variants);
		lx->variants = nv;
		lx->variantcap = cap;
	}
	if (lx->nreqs + (uint32_t) n > lx->reqcap)
	{
		uint32_t	cap = lx->reqcap ? lx->reqcap * 2 : 64;
		TermText   *nr;

		while (cap < lx->nreqs + (uint32_t) n)
			cap *= 2;
		nr = emp_alloc(lx->a, sizeof(TermText) * cap);
		if (lx->nreqs)
			memcpy(nr, lx->reqs, sizeof(TermText) * lx->nreqs);
		emp_release(lx->a, lx->reqs);
		lx->reqs = nr;
		lx->reqcap = cap;
	}
	id = new_term(lx, text, textlen, (uint16_t) n);
	lx->h.terms[id].flags |= EMP_TERM_PHRASE;
	lx->h.terms[base].flags |= EMP_TERM_VARIANTS;
	v = &lx->variants[lx->nvariants];
	v->base = base;
	v->term = id;
	v->req = lx->nreqs;
	v->nexact = nexact;
	v->inherited = 0;
	v->seq = (uint32_t) lx->nvariants;
	for (int k = 0; k < n; k++)
	{
		lx->reqs[lx->nreqs + k].off = wlen[k] ? arena_put(lx, wbuf + woff[k], wlen[k]) : 0;
		lx->reqs[lx->nreqs + k].len = wlen[k];
	}
	lx->nreqs += (uint32_t) n;
	lx->nvariants++;
	/* finish sorts them */
	lx->finished = false;
	return id;
}

/* By phrase, then most exact words first, then in the order added. */
static int
variant_cmp(const void *a, const void *b)
{
	const EmpVariant *x = a,
			   *y = b;

	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	if (x->nexact != y->nexact)
		return x->nexact > y->nexact ? -1 : 1;
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

int
emp_lexicon_variants(const EmpLexicon *lx, int32_t base, const EmpVariant **v)
{
	int32_t		lo = 0,
				hi = lx->nvariants,
				end;

	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (lx->variants[mid].base < base)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < lx->nvariants && lx->variants[end].base == base; end++)
		;
	*v = lx->variants + lo;
	return end - lo;
}

const char *
emp_lexicon_variant_word(const EmpLexicon *lx, const EmpVariant *v, int k, size_t *wlen)
{
	const TermText *r = &lx->reqs[v->req + (uint32_t) k];

	*wlen = r->len;
	return r->len ? lx->arena + r->off : NULL;
}

bool
emp_lexicon_word_is(const EmpLexicon *lx, const char *text, size_t len, int part,
					const char *word, size_t wlen)
{
	EmpToken	tok;
	char		buf[EMP_MAX_WORD_BYTES * 2 + 16];
	const char *parts[2];
	size_t		plen[2];
	int			np;

	/* the lexicon's own tokenizer, which only adding terms uses otherwise */
	emp_tokenizer_reset(lx->tz, text, len);
	if (!emp_tokenizer_next(lx->tz, &tok) ||
		(tok.kind != EMP_TOK_WORD && tok.kind != EMP_TOK_NUMBER) || tok.normlen > EMP_MAX_WORD_BYTES)
		return false;
	np = expand_contraction(tok.norm, tok.normlen, buf, parts, plen);
	return part < np && plen[part] == wlen && memcmp(parts[part], word, wlen) == 0;
}

/* ---------------------------------------------------------------- adding terms */

static void
apply_weights(EmpTerm *t, const float *w, const bool *wset, EmpMerge merge)
{
	bool		any = false;

	if (w)
	{
		for (int i = 0; i < EMP_NCHANNELS; i++)
		{
			if (wset && !wset[i])
				continue;
			if (merge == EMP_MERGE_ADD)
				t->w[i] += w[i];
			else if (merge == EMP_MERGE_CORRECT)
			{
				float		v = t->w[i] + w[i];

				t->w[i] = (t->w[i] != 0.0f && v * t->w[i] < 0) ? 0.0f : v;
			}
			else
				t->w[i] = w[i];
		}
	}
	for (int i = 0; i < EMP_NCHANNELS; i++)
		if (t->w[i] != 0.0f)
			any = true;
	if (any)
		t->flags |= EMP_TERM_WEIGHTED;
	else
		t->flags &= ~EMP_TERM_WEIGHTED;
	t->flags &= ~EMP_TERM_STRONG;
	for (int d = 0; d < EMP_NDIMS; d++)
		if (t->w[d] >= EMP_STRONG_CUE_MIN)
			t->flags |= EMP_TERM_STRONG;
}

int32_t
emp_lexicon_add(EmpLexicon *lx, const char *term, size_t len,
				const float *w, const bool *wset, EmpMerge merge,
				uint16_t roles, float mod, EmpError *err)
{
	int32_t		syms[EMP_MAX_PHRASE_TOKENS];
	/* the exact form each word must have ("=word"), wlen 0 for any */
	char		wbuf[EMP_MAX_PHRASE_TOKENS * EMP_MAX_WORD_BYTES];
	uint32_t	woff[EMP_MAX_PHRASE_TOKENS];
	uint16_t	wlen[EMP_MAX_PHRASE_TOKENS];
	size_t		wused = 0;
	int			nwant = 0;
	int			nsyms = 0;
	bool		lead_exact = false;
	int			nmarks = 0;		/* "=" in the term, less those that mark a word */
	char		one[EMP_MAX_WORD_BYTES];	/* the first word's form, for a term of one */
	size_t		onelen = 0;
	bool		first = true;
	bool		keyed = false;	/* an emoji or emoticon: its own key */
	EmpToken	tok;
	int32_t		id;
	EmpTerm    *t;
	const char *text;			/* the term as written, for its display text */
	size_t		textlen;

	while (len > 0 && (*term == ' ' || *term == '\t'))
	{
		term++;
		len--;
	}
	while (len > 0 && (term[len - 1] == ' ' || term[len - 1] == '\t' || term[len - 1] == '\r'))
		len--;
	text = term;
	textlen = len;
	/* a leading "=" marks the first word, unless it begins an emoticon ("=)") */
	if (len > 0 && term[0] == '=')
	{
		emp_tokenizer_reset(lx->tz, term, len);
		if (!emp_tokenizer_next(lx->tz, &tok) || tok.start != 0 || tok.kind != EMP_TOK_EMOTICON)
		{
			lead_exact = true;
			nmarks = 1;
			term++;
			len--;
		}
	}
	/* every other "=" marks the word right after it ("you =fixed", "(=fixed)"), so must have one */
	for (size_t i = 0; i < len; i++)
		if (term[i] == '=')
			nmarks++;
	emp_tokenizer_reset(lx->tz, term, len);
	while (emp_tokenizer_next(lx->tz, &tok))
	{
		char		buf[EMP_MAX_WORD_BYTES * 2 + 16];
		const char *part[2];
		size_t		plen[2];
		int			np;
		bool		exact;

		/* an "=" that begins a token ("=)") marks none; one right before a token marks it */
		if (tok.start < len && term[tok.start] == '=')
			nmarks--;
		exact = (tok.start > 0 && term[tok.start - 1] == '=');
		/* a leading "=" marks a first word after nothing but spaces ("= kindly", not "=\"kindly\"") */
		for (size_t i = 0; first && lead_exact && i < tok.start; i++)
			if (term[i] != ' ' && term[i] != '\t')
				first = false;
		if (tok.kind == EMP_TOK_PUNCT || tok.kind == EMP_TOK_BREAK)
		{
			first = false;
			continue;
		}
		if (exact || (first && lead_exact))
			nmarks--;
		/* "{feeling}" placeholder */
		if (tok.kind == EMP_TOK_WORD && tok.normlen == 7 && memcmp(tok.norm, "feeling", 7) == 0 &&
			tok.start > 0 && term[tok.start - 1] == '{' && tok.start + 7 < len && term[tok.start + 7] == '}')
		{
			if (nsyms >= EMP_MAX_PHRASE_TOKENS)
				goto too_long;
			wlen[nsyms] = 0;
			syms[nsyms++] = EMP_SYM_FEELING;
			first = false;
			continue;
		}
		/* as written, too: a long run of one letter reads as two ("aaaa...") */
		if (tok.normlen > EMP_MAX_WORD_BYTES || tok.len > EMP_MAX_WORD_BYTES)
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0,
								 "word in term \"%.*s...\" is too long", emp_utf8_clipn(term, len, 40), term), 0;
		/*
		 * An "=" right before a word makes it exact; a leading "=" ("=kindly",
		 * "= kindly") the first word
		 */
		exact = exact || (first && lead_exact);
		first = false;
		if (tok.kind == EMP_TOK_EMOJI || tok.kind == EMP_TOK_EMOTICON)
		{
			char		key[EMP_MAX_WORD_BYTES + 2];

			/* emoji and emoticons are looked up by their own keys */
			if (nsyms >= EMP_MAX_PHRASE_TOKENS)
				goto too_long;
			key[0] = '=';
			memcpy(key + 1, tok.norm, tok.normlen);
			wlen[nsyms] = 0;
			syms[nsyms++] = dict_intern(lx, key, tok.normlen + 1, tok.norm, tok.normlen);
			keyed = true;
			continue;
		}
		np = expand_contraction(tok.norm, tok.normlen, buf, part, plen);
		for (int i = 0; i < np; i++)
		{
			char		key[EMP_MAX_WORD_BYTES * 2 + 4];

			if (nsyms >= EMP_MAX_PHRASE_TOKENS)
				goto too_long;
			wlen[nsyms] = 0;
			if (exact && plen[i] > 0 && plen[i] <= EMP_MAX_WORD_BYTES)
			{
				woff[nsyms] = (uint32_t) wused;
				wlen[nsyms] = (uint16_t) plen[i];
				memcpy(wbuf + wused, part[i], plen[i]);
				wused += plen[i];
				nwant++;
			}
			if (nsyms == 0 && plen[i] <= EMP_MAX_WORD_BYTES)
			{
				memcpy(one, part[i], plen[i]);
				onelen = plen[i];
			}
			syms[nsyms++] = dict_intern(lx, key, emp_stem(lx->stemmer, part[i], plen[i], key, sizeof(key)),
										part[i], plen[i]);
		}
	}
	if (nmarks > 0)
	{
		/* "you =", "you =\"fixed\"", "={feeling}", "you ==fixed", "x=" */
		emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "\"=\" in term \"%.*s\" marks no word",
					  emp_utf8_clipn(text, textlen, 60), text);
		emp_error_hint(err, "Write \"=\" right before a word that must have that form, as in \"you =fixed\".");
		return 0;
	}
	if (nsyms == 0 && textlen == 0)
		return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "term is blank"), 0;
	if (nsyms == 0)
		return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "term \"%.*s\" has no words",
							 emp_utf8_clipn(text, textlen, 60), text), 0;
	if (nsyms == 1 && syms[0] > 0)
	{
		id = syms[0];
		if (nwant)
		{
			/* one exact word: its own key, linked to its stem's term, which phrases use */
			char		key[EMP_MAX_WORD_BYTES + 2];

			key[0] = '=';
			memcpy(key + 1, wbuf, wlen[0]);
			id = dict_intern(lx, key, (size_t) wlen[0] + 1, wbuf, wlen[0]);
			lx->h.terms[id].stem_id = syms[0];
			/* written in this lexicon: its own weights from now on */
			lx->h.terms[id].flags &= ~EMP_TERM_INHERITED;
		}
		else if (!keyed && onelen > 0)
		{
			/*
			 * A word by stems written over an inherited exact word of the
			 * same form (a configuration's "excellent" over the built-in
			 * "=excellent", which the lookup finds first) speaks for it too,
			 * as a phrase does for its readings; not for other words of its
			 * stem ("helpful" is not "help").
			 */
			char		key[EMP_MAX_WORD_BYTES + 2];
			int32_t		x;

			key[0] = '=';
			memcpy(key + 1, one, onelen);
			x = emp_lexicon_find(lx, key, onelen + 1);
			if (x > 0 && (lx->h.terms[x].flags & EMP_TERM_INHERITED))
			{
				apply_weights(&lx->h.terms[x], w, wset, merge);
				if (roles)
				{
					lx->h.terms[x].flags |= roles;
					if (roles & ~EMP_TERM_ACRONYM)
						lx->h.terms[x].mod = mod;
				}
			}
		}
		if (nwant || keyed)
			lx->h.terms[id].flags |= EMP_TERM_EXACT;
	}
	else
	{
		int32_t		node;

		node = trie_insert(lx, syms, nsyms);
		/* the unknown term too, for a phrase with an unknown word (walker.c) */
		for (int i = 0; i < nsyms; i++)
			if (syms[i] >= 0)
				lx->h.terms[syms[i]].flags |= EMP_TERM_IN_PHRASE;

		id = lx->nodes[node].out;
		if (id == 0)
		{
			id = new_term(lx, text, textlen, (uint16_t) nsyms);
			lx->h.terms[id].flags |= EMP_TERM_PHRASE;
			if (nwant)
				lx->h.terms[id].flags |= EMP_TERM_VARIANTS_ONLY;
			lx->nodes[node].out = id;
		}
		else if (nwant == 0 && (lx->h.terms[id].flags & EMP_TERM_VARIANTS_ONLY))
		{
			/* the phrase by stems is written now: its own text */
			lx->h.terms[id].flags &= ~EMP_TERM_VARIANTS_ONLY;
			lx->texts[id].off = arena_put(lx, text, textlen);
			lx->texts[id].len = (uint32_t) textlen;
		}
		if (nwant)
			id = variant_term(lx, id, text, textlen, nsyms, wbuf, woff, wlen);
		else if (lx->h.terms[id].flags & EMP_TERM_VARIANTS)
		{
			/*
			 * A phrase by stems written over readings with exact words of
			 * the lexicon this one copies (a configuration's "your
			 * manager" over the built-in "your =manager") speaks for them
			 * too: its weights and roles go to each such reading, as they
			 * go to it.  Readings written in this lexicon keep their own.
			 */
			for (int32_t i = 0; i < lx->nvariants; i++)
				if (lx->variants[i].base == id && lx->variants[i].inherited)
				{
					EmpTerm    *v = &lx->h.terms[lx->variants[i].term];

					apply_weights(v, w, wset, merge);
					if (roles)
					{
						v->flags |= roles;
						if (roles & ~EMP_TERM_ACRONYM)
							v->mod = mod;
					}
				}
		}
	}
	t = &lx->h.terms[id];
	lx->memo_dirty = true;
	apply_weights(t, w, wset, merge);
	if (roles)
	{
		t->flags |= roles;
		/* (an acronym has no factor: it keeps a modifier's) */
		if (roles & ~EMP_TERM_ACRONYM)
			t->mod = mod;
	}
	return id;

too_long:
	emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "term \"%.*s...\" has more than %d words",
				  emp_utf8_clipn(term, len, 40), term, EMP_MAX_PHRASE_TOKENS);
	emp_error_hint(err, "Split it into shorter phrases.");
	return 0;
}

/* ---------------------------------------------------------------- TSV loaders */

typedef bool (*LineFn) (EmpLexicon *lx, char **cols, size_t *lens, int ncols,
						const char *source, int lineno, void *arg, EmpError *err);

/* Call fn for every non-comment line of tab-separated data. */
static bool
for_each_line(EmpLexicon *lx, const char *data, size_t len, const char *source,
			  LineFn fn, void *arg, EmpError *err)
{
	size_t		p = 0;
	int			lineno = 0;

	while (p < len)
	{
		size_t		e;
		char	   *cols[8];
		size_t		lens[8];
		int			ncols = 0;
		size_t		c;

		const char *nl = memchr(data + p, '\n', len - p);

		e = nl ? (size_t) (nl - data) : len;
		lineno++;
		if (e > p && data[p] != '#')
		{
			c = p;
			while (c <= e && ncols < 8)
			{
				size_t		s = c;
				const char *tab = memchr(data + c, '\t', e - c);

				c = tab ? (size_t) (tab - data) : e;
				cols[ncols] = (char *) data + s;
				lens[ncols] = c - s;
				while (lens[ncols] > 0 && cols[ncols][lens[ncols] - 1] == '\r')
					lens[ncols]--;
				ncols++;
				c++;
			}
			if (!fn(lx, cols, lens, ncols, source, lineno, arg, err))
				return false;
		}
		p = e + 1;
	}
	return true;
}

/* Parse "dim=v dim=v" into w/wset. */
static bool
parse_weights(const char *s, size_t n, float *w, bool *wset, const char *source, int lineno, EmpError *err)
{
	size_t		p = 0;

	memset(w, 0, sizeof(float) * EMP_NCHANNELS);
	memset(wset, 0, sizeof(bool) * EMP_NCHANNELS);
	while (p < n)
	{
		size_t		ks,
					ke;
		int			dim;
		char		num[32];
		size_t		vs;
		char	   *end;
		double		v;

		while (p < n && s[p] == ' ')
			p++;
		if (p >= n)
			break;
		ks = p;
		while (p < n && s[p] != '=' && s[p] != ' ')
			p++;
		ke = p;
		if (p >= n || s[p] != '=')
			return emp_error_set(err, EMP_ERR_SYNTAX, 0, "%s line %d: expected dimension=value", source, lineno);
		dim = emp_dim_lookup(s + ks, ke - ks);
		if (dim < 0)
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "%s line %d: unknown dimension \"%.*s\"",
								 source, lineno, (int) (ke - ks), s + ks);
		p++;
		vs = p;
		while (p < n && s[p] != ' ')
			p++;
		if (p - vs == 0 || p - vs >= sizeof(num))
			return emp_error_set(err, EMP_ERR_SYNTAX, 0, "%s line %d: bad weight", source, lineno);
		memcpy(num, s + vs, p - vs);
		num[p - vs] = '\0';
		end = num + (p - vs);
		if (!emp_parse_decimal(num, p - vs, &v))
			v = strtod(num, &end);
		if (*end != '\0' || !(v > -100.0 && v < 100.0))
			return emp_error_set(err, EMP_ERR_SYNTAX, 0, "%s line %d: bad weight \"%s\"", source, lineno, num);
		w[dim] = (float) v;
		wset[dim] = true;
	}
	return true;
}

bool
emp_lexicon_add_weights(EmpLexicon *lx, const char *term, size_t len, const float *w,
						const bool *wset, EmpMerge merge, EmpError *err)
{
	if (emp_lexicon_add(lx, term, len, w, wset, merge, 0, 1.0f, err) <= 0)
		return false;

	/*
	 * "not acceptable" also as "not at all acceptable": the negator phrase
	 * "not at all" would take the "not", and the phrase would not be read.
	 */
	if (len > 4 && len < 1000 && (term[0] | 0x20) == 'n' && (term[1] | 0x20) == 'o' &&
		(term[2] | 0x20) == 't' && term[3] == ' ' &&
		!(len >= 7 && strncasecmp(term + len - 7, " at all", 7) == 0) &&
		!(len >= 11 && strncasecmp(term, "not at all ", 11) == 0))
	{
		char		buf[1024];

		memcpy(buf, "not at all ", 11);
		memcpy(buf + 11, term + 4, len - 4);
		if (emp_lexicon_add(lx, buf, len + 7, w, wset, merge, 0, 1.0f, err) <= 0)
			return false;
	}
	return true;
}

static bool
weights_line(EmpLexicon *lx, char **cols, size_t *lens, int ncols,
			 const char *source, int lineno, void *arg, EmpError *err)
{
	float		w[EMP_NCHANNELS];
	bool		wset[EMP_NCHANNELS];

	if (ncols < 2)
		return emp_error_set(err, EMP_ERR_SYNTAX, 0, "%s line %d: expected term<TAB>weights", source, lineno);
	if (!parse_weights(cols[1], lens[1], w, wset, source, lineno, err))
		return false;
	return emp_lexicon_add_weights(lx, cols[0], lens[0], w, wset, *(EmpMerge *) arg, err);
}

bool
emp_lexicon_load_weights(EmpLexicon *lx, const char *data, size_t len,
						 const char *source, EmpMerge merge, EmpError *err)
{
	return for_each_line(lx, data, len, source, weights_line, &merge, err);
}

static bool
modifier_line(EmpLexicon *lx, char **cols, size_t *lens, int ncols,
			  const char *source, int lineno, void *arg, EmpError *err)
{
	static const struct
	{
		const char *name;
		uint16_t	role;
	}			kinds[] = {
		{"negator", EMP_TERM_NEGATOR}, {"booster", EMP_TERM_BOOSTER},
		{"dampener", EMP_TERM_DAMPENER}, {"contrast", EMP_TERM_CONTRAST},
		{"filler", EMP_TERM_FILLER}, {"stop", EMP_TERM_STOP},
		{"expletive", EMP_TERM_BOOSTER | EMP_TERM_EXPLETIVE}, {"acronym", EMP_TERM_ACRONYM}, {NULL, 0}
	};
	uint16_t	role = 0;
	double		v = 1.0;

	if (ncols < 2)
		return emp_error_set(err, EMP_ERR_SYNTAX, 0, "%s line %d: expected term<TAB>kind<TAB>value", source, lineno);
	for (int i = 0; kinds[i].name; i++)
		if (strlen(kinds[i].name) == lens[1] && memcmp(kinds[i].name, cols[1], lens[1]) == 0)
			role = kinds[i].role;
	if (role == 0)
		return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "%s line %d: unknown modifier kind \"%.*s\"",
							 source, lineno, (int) lens[1], cols[1]);
	if (ncols >= 3 && lens[2] > 0)
	{
		char		num[32];
		char	   *end;

		if (lens[2] >= sizeof(num))
			return emp_error_set(err, EMP_ERR_SYNTAX, 0, "%s line %d: bad value", source, lineno);
		memcpy(num, cols[2], lens[2]);
		num[lens[2]] = '\0';
		end = num + lens[2];
		if (!emp_parse_decimal(num, lens[2], &v))
			v = strtod(num, &end);
		if (*end != '\0' || !(v >= 0.0 && v <= 10.0))
			return emp_error_set(err, EMP_ERR_SYNTAX, 0, "%s line %d: bad value \"%s\"", source, lineno, num);
	}
	return emp_lexicon_add(lx, cols[0], lens[0], NULL, NULL, EMP_MERGE_ADD, role, (float) v, err) > 0;
}

bool
emp_lexicon_load_modifiers(EmpLexicon *lx, const char *data, size_t len,
						   const char *source, EmpError *err)
{
	return for_each_line(lx, data, len, source, modifier_line, NULL, err);
}

/* ---------------------------------------------------------------- accessors */

const char *
emp_lexicon_term_text(const EmpLexicon *lx, int32_t id, size_t *len)
{
	const TermText *tt = &lx->texts[(id > 0 && id < lx->h.nterms) ? id : 0];

	*len = tt->len;
	return lx->arena + tt->off;
}

int32_t
emp_lexicon_nterms(const EmpLexicon *lx)
{
	return lx->h.nterms;
}

void
emp_lexicon_unit_weights(EmpLexicon *lx)
{
	for (int32_t id = 1; id < lx->h.nterms; id++)
	{
		EmpTerm    *t = &lx->h.terms[id];

		for (int ch = 0; ch < EMP_NCHANNELS; ch++)
			t->w[ch] = (ch == EMP_CH_ESCALATION) ? 0.0f : 1.0f;
		t->flags |= EMP_TERM_WEIGHTED | EMP_TERM_STRONG;
	}
	lx->memo_dirty = true;
}

void
emp_lexicon_set_category(EmpLexicon *lx, int32_t id, int32_t category, int32_t strength)
{
	if (id > 0 && id < lx->h.nterms)
	{
		lx->h.terms[id].category = category;
		lx->h.terms[id].strength = strength;
	}
}

/* Approximate bytes held by the lexicon. */
size_t
emp_lexicon_memory(const EmpLexicon *lx)
{
	return sizeof(EmpLexicon) + (sizeof(EmpTerm) + sizeof(TermText)) * (size_t) lx->termcap + 63 +
		sizeof(int32_t) * (size_t) lx->nac_root +
		sizeof(DictSlot) * lx->dictcap + lx->arenacap +
		sizeof(AcNode) * (size_t) lx->nodecap + sizeof(EdgeSlot) * lx->edgecap + sizeof(AcStep) * lx->stepcap +
		sizeof(uint32_t) * lx->stepidxcap +
		sizeof(EmpVariant) * (size_t) lx->variantcap + sizeof(TermText) * lx->reqcap +
		sizeof(MemoSlot) * (size_t) memo_slots(lx) + 63;
}
