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
 * A plain walk feeds every word its term's own symbol.  A walk with a
 * symbol table (emp_walker_set_symbols: the markers') reads each term's
 * symbol from it, and a word the table skips (fillers, intensifiers) is
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



void
emp_walker_init(EmpWalker *w, EmpLexicon *lx, EmpTokenizer *tz, const char *text, size_t len)
{
	w->lx = lx;
	w->tz = tz;
	w->nslots = 0;
	w->ncommitted = 0;
	w->ready_end = 0;
	w->nsyms = 0;
	w->nshadows = 0;
	w->gap_n = 0;
	w->gap_end = 0;
	w->state = emp_ac_root();
	w->eof = false;
	w->token_fn = NULL;
	w->token_arg = NULL;
	w->symtab = NULL;
	w->symstride = 0;
	w->nsymtab = 0;
	w->plain = true;
	emp_tokenizer_reset(tz, text, len);
}

static void plain_readings(EmpWalker *w, uint64_t last);

/*
 * Try to accept the phrase 'id' covering slots [first, last]; true if
 * accepted.  A plain walk passes the automaton's report as it is: minus
 * the id of a phrase with exact words (EmpVariant), whose readings it
 * checks.
 */
static bool
accept_phrase(EmpWalker *w, int32_t id, uint64_t first, uint64_t last)
{
	EmpSlot    *s;
	unsigned	caps = 0;		/* the flags of its slots, or'ed */

	if (__builtin_expect(id < 0, 0))
	{
		plain_readings(w, last);
		return false;
	}
	if (first < w->ncommitted || last - first >= EMP_WALK_LAG)
		return false;
	/* every accepted phrase it overlaps must lie inside [first, last] */
	for (uint64_t i = first; i <= last; i++)
	{
		s = &w->ring[EMP_RING(i)];
		if (s->phrase && i + s->phrase_slots - 1 > last)
			return false;
	}
	/* a phrase that starts before first and reaches into the range wins */
	if (w->ring[EMP_RING(first)].covered)
		return false;
	for (uint64_t i = first; i <= last; i++)
	{
		s = &w->ring[EMP_RING(i)];
		s->phrase = 0;
		s->covered = (i != first);
		/* a word in capitals, not an acronym nor a code ("is that OK") */
		if (emp_slot_shouted(s))
			caps |= EMP_TF_ALLCAPS;
	}
	s = &w->ring[EMP_RING(first)];
	s->flags = (uint8_t) ((s->flags & ~EMP_TF_PHRASE_CAPS) | ((caps & EMP_TF_ALLCAPS) ? EMP_TF_PHRASE_CAPS : 0));
	s->phrase = id;
	s->phrase_slots = (uint16_t) (last - first + 1);
	s->phrase_end = w->ring[EMP_RING(last)].start + w->ring[EMP_RING(last)].len;
	return true;
}

/*
 * Exact words in phrases (see EmpVariant).  The reading of phrase id whose
 * n words are the slots at[]: the first of its readings whose exact words
 * the slots have, else id itself, else 0 (id has no reading of its own).
 */
static int32_t
pick_reading(EmpWalker *w, int32_t id, const uint64_t *at, int n)
{
	const EmpVariant *v;
	int			nv = emp_lexicon_variants(w->lx, id, &v);

	for (int i = 0; i < nv; i++)
	{
		bool		match = true;

		for (int k = 0; k < n && match; k++)
		{
			size_t		wlen;
			const char *word = emp_lexicon_variant_word(w->lx, &v[i], k, &wlen);
			const EmpSlot *s = &w->ring[EMP_RING(at[k])];

			if (word != NULL)
				match = emp_lexicon_word_is(w->lx, (const char *) w->tz->text + s->start, s->len,
											s->part, word, wlen);
		}
		if (match)
			return v[i].term;
	}
	return (emp_lexicon_term(w->lx, id)->flags & EMP_TERM_VARIANTS_ONLY) ? 0 : id;
}

/*
 * The slots of the n symbols of a phrase just read, in the first reading
 * (sh NULL) or a shadow, as accept_read finds them; false if they are no
 * longer in the ring.
 */
static bool
phrase_slots(const EmpWalker *w, uint16_t n, const EmpShadow *sh, uint64_t *at)
{
	uint64_t	back = n;
	int			k = 0;

	if (sh != NULL && n > w->nsyms - sh->gap_end)
		back = (uint64_t) n + sh->gap_n;
	if (back > w->nsyms || back >= EMP_WALK_RING)
		return false;
	for (uint64_t i = w->nsyms - back; i < w->nsyms && k < n; i++)
	{
		if (back != n && i >= sh->gap_end - sh->gap_n && i < sh->gap_end)
			continue;
		at[k++] = w->symslot[EMP_RING(i)];
	}
	return k == n;
}

/* Is id a phrase whose symbol in the walk's table says it is skipped ("a bit")? */
static inline bool
skipped_phrase(const EmpWalker *w, int32_t id)
{
	return w->symtab != NULL && id > 0 && id < w->nsymtab &&
		*(const int32_t *) (w->symtab + (size_t) id * w->symstride) == EMP_SYM_SKIP;
}

/*
 * Hedges.  A hedge or filler of several words that the walk skips ("a
 * bit", "kind of"), read by the automaton as itself, and a soft word that
 * it read (see push_part), would break off the phrase in progress: "that
 * must be a bit frustrating", "that must be slightly frustrating".  So
 * other readings, shadows, go on from the state before them, as if they
 * were not there, alongside the first, which reads them ("I'd like just to
 * confirm", "sorry for the slight inconvenience").  A hedge right after a
 * gap gives two: one that skips the hedge alone ("I just kind of work
 * here") and one that skips both ("that must be slightly a bit
 * frustrating").  The phrases any reading completes are accepted; one of a
 * shadow's is not where the first reading accepted a phrase that reads the
 * skipped words and goes on past them.  A shadow ends where its phrase in
 * progress no longer reaches back past them (the first reading then has
 * the same), and at a break; at most EMP_WALK_SHADOWS go on at once, the
 * one least far into its phrase giving way.
 */

/* Accept the phrase id of n symbols ending at the slot last, in the first reading (sh NULL) or a shadow. */
static void
accept_read(EmpWalker *w, int32_t id, uint16_t n, const EmpShadow *sh, uint64_t last)
{
	uint64_t	back;

	if (sh == NULL || n <= w->nsyms - sh->gap_end)
		back = n;
	else
	{
		/*
		 * The gap's slots: a phrase of the first reading that reads them and
		 * goes on past them wins ("sorry for the slight inconvenience" keeps
		 * "slight inconvenience"); one that ends in them ("that's just") is
		 * weighed against the shadow's as any two phrases are.
		 */
		uint64_t	gap_last = w->symslot[EMP_RING(sh->gap_end - 1)];

		for (uint32_t k = 1; k <= sh->gap_n; k++)
		{
			uint64_t	g = w->symslot[EMP_RING(sh->gap_end - k)];
			uint64_t	p = g;

			/* the phrase that starts at or covers the slot, if any */
			while (w->ring[EMP_RING(p)].covered && p > w->ncommitted && g - p < EMP_WALK_LAG)
				p--;
			if (w->ring[EMP_RING(p)].phrase && p + w->ring[EMP_RING(p)].phrase_slots - 1 >= g &&
				!w->by_shadow[EMP_RING(p)] && p + w->ring[EMP_RING(p)].phrase_slots - 1 > gap_last)
				return;
		}
		back = (uint64_t) n + sh->gap_n;
	}
	if (back <= w->nsyms && back < EMP_WALK_RING)
	{
		uint64_t	first = w->symslot[EMP_RING(w->nsyms - back)];

		if (accept_phrase(w, id, first, last))
			w->by_shadow[EMP_RING(first)] = (sh != NULL);
	}
}

/* Add a shadow from state, skipping [gap_end - gap_n, gap_end), unless one reads the same. */
static void
add_shadow(EmpWalker *w, int32_t state, uint32_t gap_n, uint64_t gap_end)
{
	EmpShadow  *sh;

	for (int i = 0; i < w->nshadows; i++)
		if (w->shadows[i].state == state && w->shadows[i].gap_end == gap_end)
			return;
	if (w->nshadows < EMP_WALK_SHADOWS)
		sh = &w->shadows[w->nshadows++];
	else
	{
		/* the one least far into its phrase gives way */
		sh = &w->shadows[0];
		for (int i = 1; i < w->nshadows; i++)
			if (emp_ac_depth(w->lx, w->shadows[i].state) < emp_ac_depth(w->lx, sh->state))
				sh = &w->shadows[i];
		if (emp_ac_depth(w->lx, sh->state) > emp_ac_depth(w->lx, state))
			return;
	}
	sh->state = state;
	sh->gap_n = gap_n;
	sh->gap_end = gap_end;
}

/*
 * Readings without the last n symbols, which they skip: one from the state
 * before them, and one without the gap just before them too, if there is
 * one ("slightly a bit", "a bit a bit": one gap).
 */
static void
start_shadow(EmpWalker *w, uint32_t n)
{
	if (n > w->nsyms || n >= EMP_WALK_RING)
		return;
	add_shadow(w, w->symstate[EMP_RING(w->nsyms - n)], n, w->nsyms);
	if (w->gap_n > 0 && w->gap_end == w->nsyms - n && w->gap_n + n < EMP_WALK_RING)
	{
		n += w->gap_n;
		add_shadow(w, w->symstate[EMP_RING(w->nsyms - n)], n, w->nsyms);
	}
	w->gap_n = n;
	w->gap_end = w->nsyms;
}

/*
 * The phrases that end at the symbol just fed, in the reading whose state
 * is state (the first, sh NULL, or a shadow): the longest one the walk
 * reads is accepted; a hedge it skips lets the next shorter phrase count
 * (a configuration's "tiny bit" in "a tiny bit").  Returns the length of a
 * hedge the first reading read as itself (not inside a longer phrase:
 * "tell us a bit more"), for shadows to skip, else 0.
 */
static __attribute__((noinline)) uint32_t
phrases_end(EmpWalker *w, int32_t state, const EmpShadow *sh, uint64_t last)
{
	const EmpLexicon *lx = w->lx;
	uint32_t	hedge = 0;

	for (int32_t node = emp_ac_out_node(lx, state); node >= 0; node = emp_ac_next_out_node(lx, node))
	{
		int32_t		id = emp_ac_node_out(lx, node);
		uint16_t	n = emp_lexicon_term(lx, id)->ntokens;

		if (!skipped_phrase(w, id))
		{
			if (emp_lexicon_term(lx, id)->flags & EMP_TERM_VARIANTS)
			{
				uint64_t	at[EMP_MAX_PHRASE_TOKENS];

				if (!phrase_slots(w, n, sh, at))
					break;
				id = pick_reading(w, id, at, n);
				if (id == 0)
					continue;
			}
			accept_read(w, id, n, sh, last);
			break;
		}
		if (sh == NULL && hedge == 0 && emp_ac_depth(lx, state) == n)
			hedge = n;
	}
	return hedge;
}

/*
 * The shadows' steps on sym, and their phrases (after the first reading's,
 * so that a phrase of a shadow's across the skipped words yields to one of
 * the first reading's that reads them).
 */
static __attribute__((noinline)) void
shadow_steps(EmpWalker *w, int32_t sym, uint64_t last)
{
	int32_t		sids[EMP_WALK_SHADOWS];
	int			k = 0;

	for (int i = 0; i < w->nshadows; i++)
	{
		EmpShadow  *sh = &w->shadows[i];
		int32_t		sid = emp_ac_feed_inline(w->lx, &sh->state, sym);

		/* its phrase in progress lies after the gap: the first reading has it */
		if ((uint64_t) emp_ac_depth(w->lx, sh->state) <= w->nsyms - sh->gap_end)
			continue;
		w->shadows[k] = *sh;
		sids[k++] = sid;
	}
	w->nshadows = k;
	for (int i = 0; i < k; i++)
		if (sids[i])
			phrases_end(w, w->shadows[i].state, &w->shadows[i], last);
}

/*
 * After the first reading's step on sym (phrase id or 0 ending there), at
 * the slot last: the first reading's phrases, the shadows' steps and
 * phrases, then new shadows past a hedge just read.
 */
static inline __attribute__((always_inline)) void
steps_taken(EmpWalker *w, int32_t id, int32_t sym, uint64_t last)
{
	uint32_t	hedge = 0;

	if (id)
		hedge = phrases_end(w, w->state, NULL, last);
	if (__builtin_expect(w->nshadows != 0, 0))
		shadow_steps(w, sym, last);
	if (hedge)
		start_shadow(w, hedge);
}

/*
 * Record a fed slot whose step the automaton has taken (to state, phrase id
 * or 0 ending there), and the phrases that end at it.
 */
static void
fed(EmpWalker *w, EmpSlot *s, int32_t state, int32_t id)
{
	w->symstate[EMP_RING(w->nsyms)] = w->state;
	w->symslot[EMP_RING(w->nsyms)] = s->index;
	w->nsyms++;
	w->state = state;
	steps_taken(w, id, s->sym, s->index);
}

/* Feed one slot's symbol and record the phrases that end at it. */
static inline __attribute__((always_inline)) void
feed(EmpWalker *w, EmpSlot *s, uint16_t symflags)
{
	int32_t		id;

	if (s->sym == EMP_SYM_SKIP)
		return;
	if (s->sym == EMP_SYM_BREAK)
	{
		w->nshadows = 0;
		w->gap_n = 0;
		w->state = emp_ac_root();
		return;
	}
	/* a word no phrase uses has no edge anywhere: back to the root */
	if (s->sym > 0 && !(symflags & EMP_TERM_IN_PHRASE))
	{
		w->symslot[EMP_RING(w->nsyms)] = s->index;
		w->nsyms++;
		w->state = emp_ac_root();
		w->nshadows = 0;
		return;
	}
	w->symstate[EMP_RING(w->nsyms)] = w->state;
	w->symslot[EMP_RING(w->nsyms)] = s->index;
	w->nsyms++;
	id = emp_ac_feed_inline(w->lx, &w->state, s->sym);
	steps_taken(w, id, s->sym, s->index);
}

/*
 * The next slot of the ring, for part p of tok, its term not yet set: the
 * fields every slot has (a punctuation slot's mark and count, an accepted
 * phrase's extent, and the index, symbol and stem hash a walk with a
 * symbol table reads, are set where they apply).
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
	s->phrase = 0;
	s->covered = false;
	return s;
}

/*
 * A plain walk's phrases ending at the slot last where the longest has
 * readings with exact words: the first, longest first, that the words
 * have.
 */
static __attribute__((noinline)) void
plain_readings(EmpWalker *w, uint64_t last)
{
	const EmpLexicon *lx = w->lx;

	for (int32_t node = emp_ac_out_node(lx, w->state); node >= 0; node = emp_ac_next_out_node(lx, node))
	{
		int32_t		id = emp_ac_node_out(lx, node);
		uint16_t	n = emp_lexicon_term(lx, id)->ntokens;
		uint64_t	at[EMP_MAX_PHRASE_TOKENS];

		if (!phrase_slots(w, n, NULL, at))
			return;
		if (emp_lexicon_term(lx, id)->flags & EMP_TERM_VARIANTS)
			id = pick_reading(w, id, at, n);
		if (id != 0)
		{
			accept_phrase(w, id, at[0], last);
			return;
		}
	}
}


/*
 * Push the slot of part p of a word, emoji or emoticon, resolved as lk, in
 * a plain walk (the terms' own symbols): feed's steps for a symbol that is
 * a term's, never a break or a skip.  The slot's index, symbol and stem
 * hash are not set: only a walk with a symbol table reads them (its
 * symbols, and the markers' words).
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

/*
 * Push the slot of part p of a word, emoji or emoticon, resolved as lk, in
 * a walk that reads its symbols from a table (emp_walker_set_symbols: the
 * markers' walk).
 */
static inline __attribute__((always_inline)) void
push_table_part(EmpWalker *w, const EmpToken *tok, const EmpLookup *lk, int p)
{
	EmpSlot    *s = new_slot(w, tok, p);
	uint16_t	symflags = 0;
	int32_t		id;

	s->index = w->nslots;
	s->id = lk->ids[p];
	s->tflags = lk->flags[p];
	s->stemhash = lk->stemhash[p];
	/* one unsigned comparison: ids past the table, or below 1, read id 0's */
	id = ((uint32_t) s->id < (uint32_t) w->nsymtab) ? s->id : 0;
	s->sym = *(const int32_t *) (w->symtab + (size_t) id * w->symstride);
	/*
	 * A word skipped where reading it would only reset the automaton; read,
	 * its step is taken once, here.
	 */
	if (EMP_SYM_IS_SOFT(s->sym))
	{
		int32_t		state = w->state;
		int32_t		step = emp_ac_feed_inline(w->lx, &state, EMP_SYM_SOFT_REAL(s->sym));
		bool		goes_on = state != emp_ac_root();

		/* skipped if no reading goes on with it ("high" in "we are just experiencing high volumes") */
		for (int i = 0; i < w->nshadows && !goes_on; i++)
		{
			int32_t		st = w->shadows[i].state;

			emp_ac_feed_inline(w->lx, &st, EMP_SYM_SOFT_REAL(s->sym));
			goes_on = st != emp_ac_root();
		}
		if (!goes_on)
			s->sym = EMP_SYM_SKIP;
		else
		{
			s->sym = EMP_SYM_SOFT_REAL(s->sym);
			w->nslots++;
			fed(w, s, state, step);
			/* read; a second reading goes on without it */
			start_shadow(w, 1);
			return;
		}
	}
	if (s->sym == lk->sym[p])
		symflags = lk->symflags[p];
	else if (s->sym > 0)
		symflags = emp_lexicon_term(w->lx, s->sym)->flags;
	w->nslots++;
	feed(w, s, symflags);
}

/* Push the slots of one more token; false at the end of the text. */
static bool
push_token(EmpWalker *w)
{
	EmpToken	tok;
	const EmpLookup *lk;
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
		w->nshadows = 0;
		w->gap_n = 0;
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
	/* the markers' walk: as the plain one, one part or two */
	push_table_part(w, &tok, lk, 0);
	if (lk->nparts > 1)
		push_table_part(w, &tok, lk, 1);
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
	w->plain = (syms == NULL);
}
