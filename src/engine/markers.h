/*-------------------------------------------------------------------------
 *
 * markers.h
 *	  Empathy markers in agent replies: a compiled phrase catalogue, one
 *	  pass over a reply's tokens, and the empathy score of a reply to a
 *	  customer message.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_MARKERS_H
#define EMPATHY_MARKERS_H

#include "score.h"

typedef enum EmpMarkerCat
{
	EMP_MK_EMOTIONAL_REACTION = 0,
	EMP_MK_INTERPRETATION,
	EMP_MK_EXPLORATION,
	EMP_MK_CONFIRMATION,
	EMP_MK_APOLOGY,
	EMP_MK_VALIDATION,
	EMP_MK_OWNERSHIP,
	EMP_MK_GRATITUDE,
	EMP_MK_REASSURANCE,
	EMP_MK_SCRIPTED,
	EMP_MK_BLAME,
	EMP_MK_DISMISSIVE,
	EMP_MK_MINIMIZING,
	EMP_MK_OVER_APOLOGY,		/* computed, never in a catalogue */
	EMP_MK_NCATS
} EmpMarkerCat;

/* Category names, in enum order ("emotional_reaction" .. "over_apology"). */
extern const char *const emp_marker_names[EMP_MK_NCATS];
/* Category of a name, -1 if unknown (over_apology is not accepted). */
extern int	emp_marker_lookup(const char *name, size_t len);

typedef struct EmpMarkerSet EmpMarkerSet;

/*
 * Create a catalogue: the tokenizer rules and the negative emotion words
 * for {feeling} come from modifiers.tsv and lexicon.tsv (given as data).
 * Add phrases, then call emp_markers_finish before scanning.
 */
extern EmpMarkerSet *emp_markers_create(EmpAllocator *a, EmpStemmer *st,
										const char *modifiers, size_t modlen,
										const char *lexicon, size_t lexlen, EmpError *err);
/* Add one phrase; false with err set (unknown category, bad strength, no words, too long). */
extern bool emp_markers_add(EmpMarkerSet *ms, int category, int strength,
							const char *phrase, size_t len, EmpError *err);
/*
 * Add a configuration's phrase: emp_markers_add without the phrase's
 * leading intensifiers, fillers and hedges, which a reply's words skip:
 * "really happy to sort this" is "happy to sort this", and leaves "really"
 * skipped in "that sounds really stressful".
 */
extern bool emp_markers_add_user(EmpMarkerSet *ms, int category, int strength,
								 const char *phrase, size_t len, EmpError *err);
/* Check a phrase without adding it (same errors as emp_markers_add). */
extern bool emp_markers_check(EmpMarkerSet *ms, int category, int strength,
							  const char *phrase, size_t len, EmpError *err);
/* Load "category<TAB>strength<TAB>phrase" lines. */
extern bool emp_markers_load(EmpMarkerSet *ms, const char *data, size_t len,
							 const char *source, EmpError *err);
extern void emp_markers_finish(EmpMarkerSet *ms);
/*
 * The catalogue's own lexicon, whose negative emotion words fill {feeling}:
 * a configuration's terms are added to it before its phrases (until
 * emp_markers_finish).
 */
extern EmpLexicon *emp_markers_lexicon(EmpMarkerSet *ms);
extern int32_t emp_markers_nphrases(const EmpMarkerSet *ms);
/* Slots of the table of customer-message words kept (it grows; for tests). */
extern uint32_t emp_markers_message_word_slots(const EmpMarkerSet *ms);

/* One marker found in a reply. */
typedef struct EmpMarkerHit
{
	uint32_t	start;			/* byte span */
	uint32_t	len;
	int			category;
	int			strength;
	int32_t		term;			/* phrase or word term */
	int32_t		feeling;		/* term of the {feeling} word, 0 none */
	uint32_t	sentence;		/* 0-based sentence number */
} EmpMarkerHit;

typedef void (*EmpMarkerFn) (void *arg, const EmpMarkerHit *hit);

/* What one scan of a reply found. */
typedef struct EmpMarkerScan
{
	int			level[EMP_MK_NCATS];	/* strongest strength found, 0 none */
	int			count[EMP_MK_NCATS];
	uint32_t	nsentences;
	uint32_t	apology_sentences;	/* sentences with an apology */
	uint32_t	nwords;
} EmpMarkerScan;

/* Find the markers of a reply; fn (may be NULL) gets every hit in text order. */
extern void emp_markers_scan(EmpMarkerSet *ms, const char *text, size_t len,
							 EmpMarkerScan *out, EmpMarkerFn fn, void *arg);

/* ---- empathy score of a reply ---- */

/* Score effects, as reported by explain. */
typedef struct EmpEmpathyRow
{
	uint32_t	start;			/* byte span in the reply; len 0 for a whole-reply row */
	uint32_t	len;
	const char *category;		/* marker category or a rule name */
	float		effect;			/* points added to (or taken from) the score */
} EmpEmpathyRow;

typedef void (*EmpEmpathyFn) (void *arg, const EmpEmpathyRow *row);

#define EMP_MAX_PENALTIES	8

typedef struct EmpEmpathy
{
	float		score;			/* 0..100 */
	int			needed;			/* 1, 0, or -1 when there is no customer message */
	int			emotional_reaction; /* 0, 1, 2 */
	int			interpretation;
	int			exploration;
	int			acknowledged;	/* 1, 0, or -1 (no customer message) */
	float		reflection;		/* 0..1, -1 when there is no customer message */
	int			name_count;		/* -1 when no name was given */
	const char *personalization;	/* "none", "good", "overuse", or NULL */
	int			customer_emotion;	/* dominant dimension of the message, -1 neutral */
	int			npenalties;
	const char *penalties[EMP_MAX_PENALTIES];
	EmpMarkerScan scan;
} EmpEmpathy;

/*
 * Score a reply (UTF-8) against an optional customer message and name
 * (NULL for absent).  sc scores the customer message's emotions.  fn, if
 * given, gets the rows that explain the score.
 */
extern void emp_empathy_score(EmpMarkerSet *ms, EmpScorer *sc,
							  const char *reply, size_t replylen,
							  const char *msg, size_t msglen,
							  const char *name, size_t namelen,
							  EmpEmpathy *out, EmpEmpathyFn fn, void *arg);

/* Build the built-in catalogue (markers.tsv over the built-in data). */
extern EmpMarkerSet *emp_builtin_markers(EmpAllocator *a, EmpStemmer *st, EmpError *err);

#endif							/* EMPATHY_MARKERS_H */
