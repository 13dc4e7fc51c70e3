/*-------------------------------------------------------------------------
 *
 * lexicon_int.h
 *	  The inside of a compiled lexicon, for lexicon.c and for the walker:
 *	  the memo's and the automaton's commonest answers are given inline
 *	  where every token asks for them.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_LEXICON_INT_H
#define EMPATHY_LEXICON_INT_H

#include "lexicon.h"

/*
 * The memo starts with MEMO_SLOTS_MIN slots (512 kB) and doubles, up to
 * MEMO_SLOTS_MAX (4 MB), while more than about one lookup in MEMO_GROW_RATIO
 * pushes an entry out: a stream of texts whose vocabulary outgrows it (real
 * customer messages: names, product words, typos) would otherwise stem and
 * look up the same words again and again, at about 80 times the cost of a
 * hit.  A vocabulary that fits leaves it as it is.
 */
#define MEMO_SLOTS_MIN	(1 << 13)
#define MEMO_SLOTS_MAX	(1 << 16)
#define MEMO_GROW_RATIO	32
#define MEMO_KEY_MAX	24		/* longer words are not memoised */

/*
 * One cache line (the memo is 64-byte aligned).  The key is the word
 * zero-padded to 24 bytes, compared as three 64-bit words.
 */
typedef struct MemoSlot
{
	uint64_t	key[3];
	uint16_t	lentag;			/* the key's length | its tag << 8 (0 a word, 1
								 * an elongated word, 2 a symbol); 0 = empty */
	EmpLookup	res;
} MemoSlot;

_Static_assert(sizeof(MemoSlot) == 64, "a memo slot is one cache line");

typedef struct DictSlot
{
	uint32_t	hash;
	int32_t		id;				/* 0 = empty */
	uint32_t	key_off;
	uint32_t	key_len;
} DictSlot;

typedef struct AcNode
{
	int32_t		fail;
	int32_t		out;			/* term id of the longest phrase ending here, 0 none */
	int32_t		dict;			/* nearest fail-chain node with an output, -1 none */
	int32_t		first_child;
	int32_t		next_sibling;
	int32_t		sym;			/* symbol on the edge into this node */
	uint16_t	depth;
	uint16_t	nsteps;			/* this node's transitions in lx->steps, from
								 * steps_off; AC_WALK: too many to keep, a step
								 * walks the failure chain */
	uint64_t	childmask;		/* bit (sym & 63) set for each child's symbol:
								 * most symbols fail without a probe */
	uint64_t	chainmask;		/* the same over every node of the failure chain
								 * but the root: the symbols of lx->steps */
	int32_t		emit;			/* the longest phrase ending here: out, else
								 * dict's out, else 0, negated for a phrase
								 * with exact words (set by finish) */
	uint32_t	steps_off;
} AcNode;

#define AC_WALK			0xFFFF

/* A transition: on symbol sym, to node child. */
typedef struct AcStep
{
	int32_t		sym;
	int32_t		child;
} AcStep;

#define AC_SYMBIT(sym)	(1ULL << ((uint32_t) (sym) & 63))

typedef struct EdgeSlot
{
	uint64_t	key;			/* (state << 32) | (uint32) sym; 0 = empty */
	int32_t		child;
} EdgeSlot;

/* A term's display text in the arena. */
typedef struct TermText
{
	uint32_t	off;
	uint32_t	len;
} TermText;

struct EmpLexicon
{
	EmpLexiconHead h;			/* terms, nterms: first, read inline */
	EmpAllocator *a;
	EmpStemmer *stemmer;
	EmpTokenizer *tz;			/* for splitting terms when they are added */

	int32_t		termcap;
	void	   *terms_mem;		/* the allocation h.terms is aligned within */
	TermText   *texts;			/* display text of each term, termcap of them */
	int32_t    *ac_root;		/* automaton: the root's child on each term's
								 * symbol, 0 none; nterms of them once finished */
	int32_t		nac_root;

	DictSlot   *dict;
	uint32_t	dictcap;		/* power of two */
	uint32_t	dictused;

	char	   *arena;
	size_t		arenalen;
	size_t		arenacap;

	AcNode	   *nodes;
	int32_t		nnodes;
	int32_t		nodecap;
	EdgeSlot   *edges;
	uint32_t	edgecap;
	uint32_t	edgeused;
	/*
	 * The automaton's transitions with the failure links followed, built by
	 * finish: for each node other than the root, sorted by symbol, the node
	 * a step on a symbol reaches, for every symbol that some node of its
	 * failure chain (the root excepted) has an edge on.  Any other step
	 * goes where the root's edge leads, so that a step never walks the chain.
	 */
	AcStep	   *steps;
	uint32_t	nsteps;
	uint32_t	stepcap;
	/*
	 * The same transitions by (node, symbol), for a step in one probe or two
	 * instead of a binary search: open addressing over 1 + the index of a
	 * step in lx->steps (0 = empty), at most half full.  The node is not
	 * stored: a step is the node's if its index falls in the node's range.
	 */
	uint32_t   *stepidx;
	uint32_t	stepidxcap;		/* power of two, 0 with no steps */
	bool		finished;
	bool		ac_sym0;		/* some node has an edge on symbol 0 (an
								 * unknown word), which no phrase built by
								 * emp_lexicon_add has */

	MemoSlot   *memo;
	uint32_t	memo_shift;		/* 64 - log2 of its slots (see memo_slots) */
	uint32_t	memo_evicted;	/* entries pushed out since the memo was last
								 * sized, and about how many lookups it has had
								 * since (a walk adds its slots at its end) */
	uint64_t	memo_lookups;
	void	   *memo_mem;		/* the allocation memo is aligned within */
	bool		memo_dirty;		/* terms added since the memo was last cleared */
	EmpLookup	scratch;		/* the result of a lookup the memo does not keep */

	/* readings of phrases with exact words (see EmpVariant), sorted by finish */
	EmpVariant *variants;
	int32_t		nvariants;
	int32_t		variantcap;
	TermText   *reqs;			/* each reading's words: the exact form in the
								 * arena, len 0 for any form */
	uint32_t	nreqs;
	uint32_t	reqcap;
	uint32_t	digit_key_max;	/* longest key that is a number ("10", "=10") */
};

/*
 * The memo's slot for a key (a word of len bytes, zero-padded, of kind
 * tag), of a memo of 64 - shift bits: the top bits of a sum of products,
 * which depend on every bit of the key.
 */
static inline uint32_t
memo_slot(const uint64_t *key, size_t len, uint8_t tag, unsigned shift)
{
	uint64_t	h = ((key[0] ^ ((uint64_t) tag << 8) ^ len) * 0x9E3779B97F4A7C15ULL) ^
		(key[1] * 0xC2B2AE3D27D4EB4FULL) ^ (key[2] * 0x165667B19E3779F9ULL);

	return (uint32_t) (h >> shift);
}

/* The memo's number of slots, a power of two. */
static inline uint32_t
memo_slots(const EmpLexicon *lx)
{
	return (uint32_t) 1 << (64 - lx->memo_shift);
}

/* Does memo slot m hold this key? */
static inline bool
memo_match(const MemoSlot *m, const uint64_t *key, size_t len, uint8_t tag)
{
	return ((m->key[0] ^ key[0]) | (m->key[1] ^ key[1]) | (m->key[2] ^ key[2])) == 0 &&
		m->lentag == (uint16_t) (len | (unsigned) tag << 8);
}

/* emp_lexicon_resolve for any token the inline path does not answer. */
extern __attribute__((noinline)) const EmpLookup *emp_lexicon_resolve_slow(EmpLexicon *lx, const EmpToken *tok);

/*
 * emp_lexicon_resolve.  The commonest token, a word the tokenizer has
 * keyed, found in the memo, is answered here; every other goes through
 * emp_lexicon_resolve_slow, which probes the memo the same way.  A keyed
 * token is 1 to 15 bytes and not elongated: a word's tag is 0.
 */
static inline const EmpLookup *
emp_lexicon_resolve_inline(EmpLexicon *lx, const EmpToken *tok)
{
	_Static_assert(MEMO_KEY_MAX >= 16, "a keyed word fits the memo");
	if (tok->keyed && tok->kind == EMP_TOK_WORD)
	{
		uint64_t	key[3] = {tok->key[0], tok->key[1], 0};
		uint32_t	h = memo_slot(key, tok->normlen, 0, lx->memo_shift);
		const MemoSlot *m = &lx->memo[h];

		if (memo_match(m, key, tok->normlen, 0))
			return &m->res;
		m = &lx->memo[h ^ 1];
		if (memo_match(m, key, tok->normlen, 0))
			return &m->res;
	}
	return emp_lexicon_resolve_slow(lx, tok);
}

/* A (node, symbol) pair's first slot in lx->stepidx, of cap slots. */
static inline uint32_t
emp_step_home(int32_t state, int32_t sym, uint32_t cap)
{
	uint64_t	key = ((uint64_t) (uint32_t) state << 32) | (uint32_t) sym;

	return (uint32_t) ((key * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1);
}

/* emp_ac_feed for any step the inline path does not answer. */
/* How many symbols the automaton's state has read of the phrases it is in. */
static inline int
emp_ac_depth(const EmpLexicon *lx, int32_t state)
{
	return lx->nodes[state].depth;
}

/*
 * The node whose phrase a state reports (its own, else the nearest on its
 * failure chain's; -1: none), the next node with a phrase on that chain
 * (a shorter phrase ending there too), and a node's phrase.
 */
static inline int32_t
emp_ac_out_node(const EmpLexicon *lx, int32_t state)
{
	return lx->nodes[state].out ? state : lx->nodes[state].dict;
}

static inline int32_t
emp_ac_next_out_node(const EmpLexicon *lx, int32_t node)
{
	return lx->nodes[node].dict;
}

static inline int32_t
emp_ac_node_out(const EmpLexicon *lx, int32_t node)
{
	return lx->nodes[node].out;
}

extern __attribute__((noinline)) int32_t emp_ac_feed_slow(const EmpLexicon *lx, int32_t *state, int32_t sym);

/*
 * emp_ac_feed.  The commonest step, on a term's symbol where no node of
 * the state's failure chain but the root has an edge on it (from the root
 * itself, most often), goes where the root's edge leads, answered here, and
 * so does a deeper node's kept step found in its first slot of lx->stepidx;
 * any other is emp_ac_feed_slow's.
 */
static inline __attribute__((always_inline)) int32_t
emp_ac_feed_inline(const EmpLexicon *lx, int32_t *state, int32_t sym)
{
	/* the root's chainmask is 0: no test of its own for a step from the root */
	if (lx->finished && sym > 0 && sym < lx->nac_root &&
		!(lx->nodes[*state].chainmask & AC_SYMBIT(sym)))
	{
		int32_t		t = lx->ac_root[sym];

		*state = t;
		return lx->nodes[t].emit;
	}
	/* an unknown word, on which no node has an edge: back to the root */
	if (sym == 0 && lx->finished && !lx->ac_sym0)
	{
		*state = 0;
		return lx->nodes[0].emit;
	}
	/* a kept step of a deeper node, found in its first probe */
	if (lx->finished && *state != 0 && lx->nodes[*state].nsteps != AC_WALK && lx->stepidxcap != 0)
	{
		const AcNode *n = &lx->nodes[*state];
		uint32_t	e = lx->stepidx[emp_step_home(*state, sym, lx->stepidxcap)];

		if (e != 0 && e - 1 - n->steps_off < n->nsteps && lx->steps[e - 1].sym == sym)
		{
			*state = lx->steps[e - 1].child;
			return lx->nodes[*state].emit;
		}
	}
	return emp_ac_feed_slow(lx, state, sym);
}

#endif							/* EMPATHY_LEXICON_INT_H */
