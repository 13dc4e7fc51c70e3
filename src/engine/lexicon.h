/*-------------------------------------------------------------------------
 *
 * lexicon.h
 *	  Compiled lexicons: a dictionary of normalised, stemmed keys with
 *	  per-channel weights and modifier roles, plus an Aho-Corasick
 *	  automaton over token ids for multi-word phrases.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_LEXICON_H
#define EMPATHY_LEXICON_H

#include "engine.h"

/* Term roles (flags) */
#define EMP_TERM_WEIGHTED	0x0001	/* has non-zero channel weights */
#define EMP_TERM_NEGATOR	0x0002
#define EMP_TERM_BOOSTER	0x0004
#define EMP_TERM_DAMPENER	0x0008
#define EMP_TERM_CONTRAST	0x0010
#define EMP_TERM_FILLER		0x0020
#define EMP_TERM_PHRASE		0x0040	/* more than one token */
#define EMP_TERM_STOP		0x0080	/* function word (no content for reflection) */
#define EMP_TERM_EXACT		0x0100	/* matched on the exact form, not the stem */
#define EMP_TERM_IN_PHRASE	0x0200	/* a word some phrase is made of */
#define EMP_TERM_STRONG		0x0400	/* a weight of EMP_STRONG_CUE_MIN or more on an emotion */
#define EMP_TERM_EXPLETIVE	0x0800	/* a booster whose own feeling counts only when the
									 * cue it boosts is not positive ("fucking amazing") */
#define EMP_TERM_VARIANTS	0x1000	/* a phrase by stems with readings that want some
									 * words in an exact form ("you =fixed") */
#define EMP_TERM_VARIANTS_ONLY 0x2000	/* such a phrase that is not a term by itself:
										 * when no reading matches, a shorter phrase may */
#define EMP_TERM_INHERITED	0x4000	/* an exact word ("=excellent") written before the
									 * level now being written (emp_lexicon_inherit): a
									 * word of that form by stems ("excellent") written
									 * at this level speaks for it */
#define EMP_TERM_ACRONYM	0x8000	/* written in capitals as a matter of course ("PIN",
									 * "FAQ", "IBAN"): its capitals are no shouting */

/* The least weight on an emotion that may make a term a strong cue (the model's strong_cue is no less). */
#define EMP_STRONG_CUE_MIN	2.0f

#define EMP_TERM_MODIFIER	(EMP_TERM_NEGATOR | EMP_TERM_BOOSTER | EMP_TERM_DAMPENER | EMP_TERM_CONTRAST | EMP_TERM_FILLER)

/* Longest phrase, in tokens; longer ones are rejected when added. */
#define EMP_MAX_PHRASE_TOKENS	32
/* Longest word that is stemmed and looked up (bytes). */
#define EMP_MAX_WORD_BYTES		64

typedef struct EmpTerm
{
	/*
	 * What scoring reads for every token, and nothing else: 64 bytes, one
	 * cache line (the term array is 64-byte aligned).  A term's display
	 * text lives apart (emp_lexicon_term_text).
	 */
	uint16_t	flags;
	uint8_t		ntokens;		/* 1 for a word, n for a phrase (<= 32) */
	int8_t		strength;		/* caller-defined (marker strength, 1 or 2) */
	int32_t		category;		/* caller-defined (marker category), -1 if none */
	int32_t		stem_id;		/* exact terms: the term of their stem, which phrases use */
	float		mod;			/* multiplier for boosters and dampeners */
	float		w[EMP_NCHANNELS];
} EmpTerm;

typedef struct EmpLexicon EmpLexicon;

/* How a new entry combines with an existing one for the same key. */
typedef enum EmpMerge
{
	EMP_MERGE_SET,				/* given channels replace existing ones */
	EMP_MERGE_ADD,				/* given channels are added */
	EMP_MERGE_CORRECT			/* added as a correction: a nonzero weight may
								 * shrink to 0 but never changes sign */
} EmpMerge;

/* A token resolved against a lexicon: up to two ids (contractions). */
typedef struct EmpLookup
{
	int32_t		ids[2];			/* term ids, 0 = not in the lexicon */
	uint32_t	stemhash[2];	/* hash of each part's stem (for overlap) */
	/* copied from the terms, so that a walk need not read them */
	int32_t		sym[2];			/* the term's stem_id, or its id: the default
								 * automaton symbol */
	uint16_t	flags[2];		/* the term's flags (EMP_TERM_*) */
	uint16_t	symflags[2];	/* the flags of the term sym names */
	uint8_t		nparts;
} EmpLookup;

extern EmpLexicon *emp_lexicon_create(EmpAllocator *a, EmpStemmer *st);
extern EmpLexicon *emp_lexicon_copy(const EmpLexicon *src, EmpAllocator *a);
extern void emp_lexicon_inherit(EmpLexicon *lx);

/*
 * Add a term (word or phrase, surface text; "=word" for an exact,
 * unstemmed match).  w may be NULL (roles only).  category/strength are
 * stored on the term.  Returns the term id (> 0), or 0 with err set.
 */
extern int32_t emp_lexicon_add(EmpLexicon *lx, const char *term, size_t len,
							   const float *w, const bool *wset, EmpMerge merge,
							   uint16_t roles, float mod, EmpError *err);

/*
 * Add a weighted term as emp_lexicon_add does; one that starts with "not"
 * ("not acceptable") also as read after "not at all" ("not at all
 * acceptable"), whose negator phrase would otherwise take its "not".
 */
extern bool emp_lexicon_add_weights(EmpLexicon *lx, const char *term, size_t len, const float *w,
									const bool *wset, EmpMerge merge, EmpError *err);

/* Load "term<TAB>dim=v dim=v" lines. */
extern bool emp_lexicon_load_weights(EmpLexicon *lx, const char *data, size_t len,
									 const char *source, EmpMerge merge, EmpError *err);

/* Load "term<TAB>kind<TAB>value" lines (negator, booster, dampener, contrast, filler). */
extern bool emp_lexicon_load_modifiers(EmpLexicon *lx, const char *data, size_t len,
									   const char *source, EmpError *err);

/* Build the phrase automaton; call after the last add and before matching. */
extern void emp_lexicon_finish(EmpLexicon *lx);

/* Resolve a token to term ids (memoised). */
extern void emp_lexicon_lookup(EmpLexicon *lx, const EmpToken *tok, EmpLookup *out);
/* The same, without a copy: the result is valid until the next lookup in lx. */
extern const EmpLookup *emp_lexicon_resolve(EmpLexicon *lx, const EmpToken *tok);

/* Look up a single already-normalised key; 0 if absent. */
extern int32_t emp_lexicon_find(EmpLexicon *lx, const char *key, size_t len);

/* The start of every lexicon: what the scoring loops read inline. */
typedef struct EmpLexiconHead
{
	EmpTerm    *terms;			/* terms[0] is the "unknown" sentinel */
	int32_t		nterms;
} EmpLexiconHead;

/* The term with this id; the "unknown" sentinel for 0 or an id out of range. */
static inline const EmpTerm *
emp_lexicon_term(const EmpLexicon *lx, int32_t id)
{
	const EmpLexiconHead *h = (const EmpLexiconHead *) lx;

	/* one comparison: a negative id is above every count, unsigned */
	return &h->terms[((uint32_t) id < (uint32_t) h->nterms) ? id : 0];
}
extern const char *emp_lexicon_term_text(const EmpLexicon *lx, int32_t id, size_t *len);
extern int32_t emp_lexicon_nterms(const EmpLexicon *lx);
extern size_t emp_lexicon_memory(const EmpLexicon *lx);

/* Give every term weight 1 on every emotion channel and valence (for learning weights). */
extern void emp_lexicon_unit_weights(EmpLexicon *lx);

/*
 * Exact words in phrases.  A phrase with a word written "=word" is a
 * reading of the phrase by stems (the automaton's) that wants that word in
 * that form: the walker checks the words of a phrase by stems whose term
 * has EMP_TERM_VARIANTS when it ends, and accepts the first reading whose
 * words match (the readings with most exact words first), else the phrase
 * by stems itself, unless it has EMP_TERM_VARIANTS_ONLY.
 */
typedef struct EmpVariant
{
	int32_t		base;			/* the phrase by stems */
	int32_t		term;			/* this reading's own term */
	uint32_t	req;			/* its words: base's ntokens entries of
								 * lx's requirements from here */
	uint16_t	nexact;			/* how many of them must be exact */
	uint16_t	inherited;		/* 1: from the lexicon this one is a copy of */
	uint32_t	seq;			/* order of addition (ties keep it) */
} EmpVariant;

/* The readings of phrase base, most exact first; returns how many (*v: the first). */
extern int	emp_lexicon_variants(const EmpLexicon *lx, int32_t base, const EmpVariant **v);

/*
 * The exact form word k of reading v wants (NULL when any form of the
 * stem will do), and whether the word part part of the token text[0..len)
 * normalises to it.
 */
extern const char *emp_lexicon_variant_word(const EmpLexicon *lx, const EmpVariant *v, int k, size_t *wlen);
extern bool emp_lexicon_word_is(const EmpLexicon *lx, const char *text, size_t len, int part,
								const char *word, size_t wlen);

/* Set the category and strength of a term (phrase catalogues). */
extern void emp_lexicon_set_category(EmpLexicon *lx, int32_t id, int32_t category, int32_t strength);

/* ---- phrase automaton ---- */
/* The automaton's start state. */
static inline int32_t
emp_ac_root(void)
{
	return 0;
}
/*
 * Advance the automaton in *state by one symbol; returns the longest phrase
 * (term id) ending there, or 0; minus its id for a phrase with exact words
 * (EMP_TERM_VARIANTS), whose readings the caller checks.
 */
extern int32_t emp_ac_feed(const EmpLexicon *lx, int32_t *state, int32_t sym);

/* Reserved automaton symbols. */
#define EMP_SYM_BREAK		(-1)	/* punctuation: resets the automaton */
#define EMP_SYM_FEELING		(-2)	/* any emotion word ("{feeling}" in catalogues) */
#define EMP_SYM_SKIP		(-3)	/* not fed: automaton unchanged */
/*
 * A word skipped where no phrase goes on or starts with it (a symbol table
 * of emp_walker_set_symbols may hold it): fed as sym when that takes the
 * automaton to a node other than the root, else skipped, which keeps the
 * phrase in progress.
 */
#define EMP_SYM_SOFT(sym)	(-16 - (sym))
#define EMP_SYM_IS_SOFT(s)	((s) < -16)
#define EMP_SYM_SOFT_REAL(s)	(-16 - (s))

/* ----------------------------------------------------------------
 * The walker: tokens of a text resolved against a lexicon, with phrase
 * matches resolved (leftmost-longest, non-overlapping), handed out in text
 * order.  A slot is one word part (contractions give two slots), emoji,
 * emoticon, punctuation run or break.
 * ----------------------------------------------------------------
 */
#define EMP_WALK_RING		128		/* > EMP_WALK_LAG + EMP_MAX_PHRASE_TOKENS */
#define EMP_WALK_LAG		64		/* slots held back for phrase matching */

typedef struct EmpSlot
{
	int32_t		id;				/* term id, 0 unknown */
	int32_t		sym;			/* automaton symbol fed for this slot, or -1 */
	uint32_t	stemhash;		/* the stem's hash; a plain walk leaves it and
								 * sym unset for a word, no reader of one
								 * needing them */
	uint32_t	start;			/* byte span of the token in the input */
	uint32_t	len;
	uint8_t		kind;			/* EmpTokKind */
	uint8_t		flags;			/* EMP_TF_* */
	uint8_t		part;			/* 0, or 1 for the second part of a contraction */
	char		punct;			/* punct and count: as the token's, for */
	uint32_t	count;			/* punctuation and breaks only */
	int32_t		phrase;			/* accepted phrase starting here (term id), 0 */
	uint32_t	phrase_end;		/* byte end of that phrase, and the slots */
	uint16_t	phrase_slots;	/* it covers (set only with phrase) */
	uint16_t	tflags;			/* the flags of term id (EMP_TERM_*) */
	bool		covered;		/* inside an accepted phrase, not its first slot */
	uint64_t	index;			/* global slot number, set for a word that a
								 * walk other than a plain one feeds */
	uint64_t	pad;			/* to 64 bytes: finding a slot in the ring is a shift */
} EmpSlot;

/*
 * Is the slot's word in capitals for emphasis: not an acronym ("PIN",
 * "FAQ", "IBAN"), which is written so as a matter of course, nor a code
 * with a digit in it ("AB12CD", "4K")?
 */
static inline bool
emp_slot_shouted(const EmpSlot *s)
{
	return (s->flags & (EMP_TF_ALLCAPS | EMP_TF_DIGIT)) == EMP_TF_ALLCAPS &&
		!(s->tflags & EMP_TERM_ACRONYM);
}

/* See every token of a walk as it is read (emp_walker_set_token_fn). */
typedef void (*EmpTokenFn) (void *arg, const EmpToken *tok);

/* A reading of the walker that skips some symbols (see walker.c). */
#define EMP_WALK_SHADOWS	3
typedef struct EmpShadow
{
	int32_t		state;
	uint32_t	gap_n;
	uint64_t	gap_end;
} EmpShadow;

typedef struct EmpWalker
{
	EmpLexicon *lx;
	EmpTokenizer *tz;
	EmpSlot		ring[EMP_WALK_RING];
	uint64_t	nslots;			/* slots pushed */
	uint64_t	ncommitted;		/* slots handed out */
	uint64_t	ready_end;		/* slots before this one may be handed out
								 * without reading on */
	uint64_t	symslot[EMP_WALK_RING]; /* slot index of each fed symbol */
	int32_t		symstate[EMP_WALK_RING];	/* the automaton's state before each
											 * fed symbol (walks with a symbol
											 * table) */
	uint64_t	nsyms;
	/*
	 * Other readings, without soft words or hedges just read (see
	 * walker.c): each one's state and the symbols it skips, [gap_end -
	 * gap_n, gap_end); and the last gap, which a hedge right after it
	 * joins.
	 */
	EmpShadow	shadows[EMP_WALK_SHADOWS];
	int			nshadows;
	uint32_t	gap_n;
	uint64_t	gap_end;
	uint8_t		by_shadow[EMP_WALK_RING];	/* per slot starting an accepted phrase:
											 * a shadow accepted it */
	int32_t		state;
	bool		eof;
	EmpTokenFn	token_fn;		/* NULL, or called on every token read */
	void	   *token_arg;
	const char *symtab;			/* NULL, or each term id's symbol (see below) */
	size_t		symstride;
	int32_t		nsymtab;
	bool		plain;			/* no symtab: each term's own symbol */
} EmpWalker;

extern void emp_walker_init(EmpWalker *w, EmpLexicon *lx, EmpTokenizer *tz,
							const char *text, size_t len);
#define EMP_RING(i)		((i) % EMP_WALK_RING)

/* Read tokens until a slot can be handed out; then as emp_walker_next. */
extern EmpSlot *emp_walker_fill(EmpWalker *w);

/* Next slot in text order, or NULL at the end; valid until the next call. */
static inline EmpSlot *
emp_walker_next(EmpWalker *w)
{
	/* most calls: the slot is ready (the text is read, or far enough ahead) */
	if (w->ncommitted < w->ready_end)
		return &w->ring[EMP_RING(w->ncommitted++)];
	return emp_walker_fill(w);
}
/* Have fn see every token of the walk, in text order, as it is read. */
extern void emp_walker_set_token_fn(EmpWalker *w, EmpTokenFn fn, void *arg);

/*
 * Map each slot's term id to its automaton symbol through a table instead
 * of the term's own symbol: the int32_t at syms + id * stride, for ids
 * 0 .. n - 1 (others as id 0), a term id or an EMP_SYM_* value.  The table
 * outlives the walk; syms NULL makes the walk a plain one again.
 */
extern void emp_walker_set_symbols(EmpWalker *w, const int32_t *syms, size_t stride, int32_t n);

#endif							/* EMPATHY_LEXICON_H */
