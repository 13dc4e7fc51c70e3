/*-------------------------------------------------------------------------
 *
 * walker.c
 *	  Walk a text's tokens against a lexicon, resolving phrase matches.
 *
 * Tokens are resolved to slots and pushed into a ring; each slot's symbol
 * is fed to the lexicon's Aho-Corasick automaton.  When the automaton
 * reports a phrase ending at a slot, the phrase is accepted if it does not
 * overlap an accepted one, or if it contains every accepted phrase it
 * overlaps (so the longest of nested matches wins).  A slot is handed out
 * once EMP_WALK_LAG later slots exist, since no phrase can still start at
 * or before it and end later; at the end of the text every slot is handed
 * out.  Time is linear in the text; memory is the fixed ring.
 *
 * Punctuation and breaks reset the automaton: phrases never span them.
 * Slots whose term has a role in skip_roles (fillers, intensifiers) are
 * not fed, so "i am really so sorry" matches "i am sorry".
 *
 *-------------------------------------------------------------------------
 */
#include "lexicon_int.h"
#include "tokenize_int.h"

#include <string.h>

#if UINTPTR_MAX > 0xFFFFFFFFu
/* where a uint64_t is 8-byte aligned; on 32-bit x86 a slot is 60 bytes */
_Static_assert(sizeof(EmpSlot) == 64, "a slot is 64 bytes");
#endif

/* take_at when nothing may be taken back */
#define TAKE_NONE	UINT64_MAX


void
emp_walker_init(EmpWalker *w, EmpLexicon *lx, EmpTokenizer *tz,
				const char *text, size_t len, uint16_t skip_roles,
				EmpSymbolFn symbol, void *symarg)
{
	w->lx = lx;
	w->tz = tz;
	w->nslots = 0;
	w->ncommitted = 0;
	w->ready_end = 0;
	w->nsyms = 0;
	w->take_at = TAKE_NONE;
	w->take_n = 0;
	w->state = emp_ac_root();
	w->eof = false;
	w->skip_roles = skip_roles;
	w->symbol = symbol;
	w->symarg = symarg;
	w->token_fn = NULL;
	w->token_arg = NULL;
	w->symtab = NULL;
	w->symstride = 0;
	w->nsymtab = 0;
	w->plain = (skip_roles == 0 && symbol == NULL);
	emp_tokenizer_reset(tz, text, len);
}

/* Try to accept the phrase 'id' covering slots [first, last]. */
static void
accept_phrase(EmpWalker *w, int32_t id, uint64_t first, uint64_t last)
{
	EmpSlot    *s;

	if (first < w->ncommitted || last - first >= EMP_WALK_LAG)
		return;
	/* every accepted phrase it overlaps must lie inside [first, last] */
	for (uint64_t i = first; i <= last; i++)
	{
		s = &w->ring[EMP_RING(i)];
		if (s->phrase && i + s->phrase_slots - 1 > last)
			return;
	}
	/* a phrase that starts before first and reaches into the range wins */
	if (w->ring[EMP_RING(first)].covered)
		return;
	for (uint64_t i = first; i <= last; i++)
	{
		s = &w->ring[EMP_RING(i)];
		s->phrase = 0;
		s->covered = (i != first);
	}
	s = &w->ring[EMP_RING(first)];
	s->phrase = id;
	s->phrase_slots = (uint16_t) (last - first + 1);
	s->phrase_end = w->ring[EMP_RING(last)].start + w->ring[EMP_RING(last)].len;
}

/* Is id a phrase whose symbol in the walk's table says it is skipped ("a bit")? */
static inline bool
skipped_phrase(const EmpWalker *w, int32_t id)
{
	return w->symtab != NULL && id > 0 && id < w->nsymtab &&
		*(const int32_t *) (w->symtab + (size_t) id * w->symstride) == EMP_SYM_SKIP;
}

/*
 * The phrase id ends at the symbol just fed: accept it; or, a hedge or
 * filler of several words that the walk skips ("a bit", "kind of") and
 * that the automaton read as itself (not inside a longer phrase: "tell us
 * a bit more"), let the next symbol take it back (after_take), so that
 * "that must be a bit frustrating" reads as "that must be frustrating".
 */
static void
phrase_ends(EmpWalker *w, int32_t id, uint64_t last)
{
	uint16_t	n = emp_lexicon_term(w->lx, id)->ntokens;

	if (n > w->nsyms || n >= EMP_WALK_RING)
		return;
	if (skipped_phrase(w, id))
	{
		if (emp_ac_depth(w->lx, w->state) == n)
		{
			w->take_at = w->nsyms;
			w->take_n = n;
		}
		return;
	}
	accept_phrase(w, id, w->symslot[EMP_RING(w->nsyms - n)], last);
}

/*
 * Before the symbol sym is fed: if the symbols fed last were a soft word
 * that the automaton read (see push_part) or a skipped hedge, and sym read
 * from the state before them is further into a phrase than read from the
 * state after them, they are taken back: "must be slightly frustrating" is
 * "must be frustrating", though some phrase starts with "slightly"; "must
 * be a little bit worrying" is "must be worrying"; "sorry for the slight
 * delay" keeps its "slight delay".
 */
static __attribute__((noinline)) void
take_back(EmpWalker *w, int32_t sym)
{
	if (w->take_n <= w->nsyms)
	{
		const EmpLexicon *lx = w->lx;
		int32_t		before = w->symstate[EMP_RING(w->nsyms - w->take_n)];
		int32_t		skip = before;
		int32_t		read = w->state;

		emp_ac_feed_inline(lx, &skip, sym);
		emp_ac_feed_inline(lx, &read, sym);
		if (emp_ac_depth(lx, skip) > emp_ac_depth(lx, read))
		{
			w->nsyms -= w->take_n;
			w->state = before;
		}
	}
	w->take_at = TAKE_NONE;
}

/* take_back when the symbols fed last may be taken back: one test a symbol */
static inline __attribute__((always_inline)) void
after_take(EmpWalker *w, int32_t sym)
{
	if (__builtin_expect(w->take_at == w->nsyms, 0))
		take_back(w, sym);
}

/*
 * Record a fed slot whose step the automaton has taken (to state, phrase id
 * or 0 ending there), and the phrase that ends at it.
 */
static void
fed(EmpWalker *w, EmpSlot *s, int32_t state, int32_t id)
{
	w->symstate[EMP_RING(w->nsyms)] = w->state;
	w->symslot[EMP_RING(w->nsyms)] = s->index;
	w->nsyms++;
	w->state = state;
	if (id)
		phrase_ends(w, id, s->index);
}

/* Feed one slot's symbol and record the phrases that end at it. */
static void
feed(EmpWalker *w, EmpSlot *s, uint16_t symflags)
{
	int32_t		id;

	if (s->sym == EMP_SYM_SKIP)
		return;
	if (s->sym == EMP_SYM_BREAK)
	{
		w->take_at = TAKE_NONE;
		w->state = emp_ac_root();
		return;
	}
	/* a word no phrase uses has no edge anywhere: back to the root */
	if (s->sym > 0 && !(symflags & EMP_TERM_IN_PHRASE))
	{
		w->symslot[EMP_RING(w->nsyms)] = s->index;
		w->nsyms++;
		w->state = emp_ac_root();
		return;
	}
	after_take(w, s->sym);
	w->symstate[EMP_RING(w->nsyms)] = w->state;
	w->symslot[EMP_RING(w->nsyms)] = s->index;
	w->nsyms++;
	id = emp_ac_feed_inline(w->lx, &w->state, s->sym);
	if (id)
		phrase_ends(w, id, s->index);
}

/*
 * The next slot of the ring, for part p of tok, its term not yet set: the
 * fields every slot has (a punctuation slot's mark and count, and an
 * accepted phrase's extent, are set where they apply).
 */
static inline __attribute__((always_inline)) EmpSlot *
new_slot(EmpWalker *w, const EmpToken *tok, int p)
{
	EmpSlot    *s = &w->ring[EMP_RING(w->nslots)];

	s->start = tok->start;
	s->len = tok->len;
	s->kind = (uint8_t) tok->kind;
	s->flags = tok->flags;
	s->part = (uint8_t) p;
	s->index = w->nslots;
	s->phrase = 0;
	s->covered = false;
	return s;
}

/*
 * Push the slot of part p of a word, emoji or emoticon, resolved as lk, in
 * a plain walk (no roles skipped, the terms' own symbols): feed's steps for
 * a symbol that is a term's, never a break or a skip.
 */
static inline __attribute__((always_inline)) void
push_plain_part(EmpWalker *w, const EmpToken *tok, const EmpLookup *lk, int p)
{
	EmpSlot    *s = new_slot(w, tok, p);
	uint64_t	index = w->nslots;
	int32_t		sym = lk->sym[p];
	int32_t		id;

	s->id = lk->ids[p];
	s->tflags = lk->flags[p];
	s->stemhash = lk->stemhash[p];
	s->sym = sym;
	w->nslots = index + 1;
	w->symslot[EMP_RING(w->nsyms)] = index;
	w->nsyms++;
	/*
	 * A word no phrase uses has no edge anywhere: back to the root.  So has
	 * an unknown word (symbol 0) unless some phrase has one, when the
	 * unknown term is marked as used in a phrase too: one test, not one
	 * for the symbol and one for the flag, each going as the words do.
	 */
	if (!(lk->symflags[p] & EMP_TERM_IN_PHRASE))
	{
		w->state = emp_ac_root();
		return;
	}
	id = emp_ac_feed_inline(w->lx, &w->state, sym);
	if (id)
	{
		uint16_t	n = emp_lexicon_term(w->lx, id)->ntokens;

		if (n <= w->nsyms && n < EMP_WALK_RING)
			accept_phrase(w, id, w->symslot[EMP_RING(w->nsyms - n)], index);
	}
}

/* Push the slot of part p of a word, emoji or emoticon, resolved as lk. */
static inline __attribute__((always_inline)) void
push_part(EmpWalker *w, const EmpToken *tok, const EmpLookup *lk, int p)
{
	EmpSlot    *s = new_slot(w, tok, p);
	uint16_t	symflags = 0;

	s->id = lk->ids[p];
	s->tflags = lk->flags[p];
	s->stemhash = lk->stemhash[p];
	if (lk->flags[p] & w->skip_roles)
		s->sym = EMP_SYM_SKIP;
	else if (w->symtab == NULL && w->symbol == NULL)
	{
		s->sym = lk->sym[p];
		symflags = lk->symflags[p];
	}
	else
	{
		if (w->symtab != NULL)
		{
			int32_t		id = (s->id > 0 && s->id < w->nsymtab) ? s->id : 0;

			s->sym = *(const int32_t *) (w->symtab + (size_t) id * w->symstride);
			/*
			 * A word skipped where reading it would only reset the
			 * automaton; read, its step is taken once, here.
			 */
			if (EMP_SYM_IS_SOFT(s->sym))
			{
				int32_t		state;
				int32_t		step;

				after_take(w, EMP_SYM_SOFT_REAL(s->sym));
				state = w->state;
				step = emp_ac_feed_inline(w->lx, &state, EMP_SYM_SOFT_REAL(s->sym));
				if (state == emp_ac_root())
					s->sym = EMP_SYM_SKIP;
				else
				{
					s->sym = EMP_SYM_SOFT_REAL(s->sym);
					w->nslots++;
					fed(w, s, state, step);
					/* read: the next word may take it back (after_take) */
					w->take_at = w->nsyms;
					w->take_n = 1;
					return;
				}
			}
		}
		else
		{
			s->sym = 0;			/* not chosen yet, as the callback sees it */
			s->sym = w->symbol(w->symarg, s, tok);
		}
		if (s->sym == lk->sym[p])
			symflags = lk->symflags[p];
		else if (s->sym > 0)
			symflags = emp_lexicon_term(w->lx, s->sym)->flags;
	}
	w->nslots++;
	feed(w, s, symflags);
}

/* Push the slots of one more token; false at the end of the text. */
static bool
push_token(EmpWalker *w)
{
	EmpToken	tok;
	const EmpLookup *lk;
	EmpLookup	copy;
	int			got;

	got = emp_tokenizer_next_classed(w->tz, &tok);
	if (got == EMP_TZ_END)
		return false;
	if (w->token_fn)
		w->token_fn(w->token_arg, &tok);
	/* a word the tokenizer read inline is known to be one */
	if (got != EMP_TZ_WORD && (tok.kind == EMP_TOK_PUNCT || tok.kind == EMP_TOK_BREAK))
	{
		/* punctuation and breaks: one slot with no term, that resets the automaton */
		EmpSlot    *s = new_slot(w, &tok, 0);

		s->punct = tok.punct;
		s->count = tok.count;
		s->id = 0;
		s->tflags = 0;
		s->stemhash = 0;
		s->sym = EMP_SYM_BREAK;
		w->nslots++;
		w->state = emp_ac_root();
		w->take_at = TAKE_NONE;
		return true;
	}
	lk = emp_lexicon_resolve_inline(w->lx, &tok);
	if (w->plain)
	{
		/*
		 * The commonest walk.  Every lookup has one part or two, a
		 * contraction's ("don't": do + not).
		 */
		push_plain_part(w, &tok, lk, 0);
		if (lk->nparts > 1)
			push_plain_part(w, &tok, lk, 1);
		return true;
	}
	/* a symbol function may look words up, which would overwrite it */
	if (w->symbol != NULL)
	{
		copy = *lk;
		lk = &copy;
	}
	for (int p = 0; p < lk->nparts; p++)
		push_part(w, &tok, lk, p);
	return true;
}

EmpSlot *
emp_walker_fill(EmpWalker *w)
{
	while (!w->eof && w->nslots - w->ncommitted <= EMP_WALK_LAG)
	{
		if (!push_token(w))
		{
			w->eof = true;
			/* about as many memo lookups as slots, counted once a walk */
			w->lx->memo_lookups += w->nslots;
		}
	}
	/* a slot is handed out once EMP_WALK_LAG later ones exist, or the text is read */
	w->ready_end = w->eof ? w->nslots : w->nslots - EMP_WALK_LAG;
	if (w->ncommitted >= w->nslots)
		return NULL;
	return &w->ring[EMP_RING(w->ncommitted++)];
}

void
emp_walker_set_token_fn(EmpWalker *w, EmpTokenFn fn, void *arg)
{
	w->token_fn = fn;
	w->token_arg = arg;
}

void
emp_walker_set_symbols(EmpWalker *w, const int32_t *syms, size_t stride, int32_t n)
{
	w->symtab = (const char *) syms;
	w->symstride = stride;
	w->nsymtab = n;
	w->plain = false;
}
