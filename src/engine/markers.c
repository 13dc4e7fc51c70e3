/*-------------------------------------------------------------------------
 *
 * markers.c
 *	  Empathy markers: a phrase catalogue compiled into a lexicon's
 *	  Aho-Corasick automaton, matched in one pass over a reply's tokens, and
 *	  the empathy score of a reply to a customer message.
 *
 * Compiling.  A catalogue is a lexicon of its own: the single-word
 * modifiers of modifiers.tsv (negators, and the intensifiers and fillers
 * that matching skips), the single words of lexicon.tsv (so that {feeling}
 * knows the negative emotion words), and the phrases, each a term carrying
 * its category and strength.  After the last phrase, emp_markers_finish
 * computes one flag byte per term:
 *   LITERAL  the word is written in some phrase, so it is never skipped
 *            and never read as {feeling} ("just", "only", "like", "sorry");
 *   SKIP     an intensifier, filler or hedge that is not LITERAL;
 *   FEELRAW  a negative emotion word (evidence on anger, frustration,
 *            disappointment, sadness, fear, confusion or disgust at least
 *            1, negative valence);
 *   FEELSYM  FEELRAW and not LITERAL: the automaton sees EMP_SYM_FEELING;
 *   NEGATOR, STOP (function words, not content for reflection).
 * A {feeling} phrase is also added once with each LITERAL negative word in
 * place of the placeholder, since those words reach the automaton as
 * themselves.
 *
 * Matching.  The walker resolves leftmost-longest phrase matches within a
 * sentence; a phrase whose first word follows a negator by at most two
 * words (skipped words not counted, no punctuation between) is dropped.  A
 * single-word marker counts where no phrase covers it.  Time is linear in
 * the reply; memory is the walker's ring plus the hits kept for explain
 * (at most EMP_MARKER_MAX_HITS).
 *
 * Scoring.  The customer message is scored by the emotion scorer (is
 * empathy needed, which emotion) and its content-word stems go into a
 * fixed-size hash set; the reply scan counts the distinct ones it restates
 * (reflection), per sentence as well, so that care tied to the customer's
 * own situation reads as strong.  The score adds points per mechanism and
 * subtracts penalties; every point is reported to the explain callback.
 *
 *-------------------------------------------------------------------------
 */
#include "markers.h"
#include "builtin.h"
#include "template.h"

#include <stddef.h>
#include <string.h>

#define lengthof(a)	(sizeof(a) / sizeof((a)[0]))

#define WF_LITERAL		0x01
#define WF_SKIP			0x02
#define WF_FEELRAW		0x04
#define WF_FEELSYM		0x08
#define WF_NEGATOR		0x10
#define WF_STOP			0x20
#define WF_HASFEEL		0x40	/* a phrase with a {feeling} slot */
#define WF_PROBLEM		0x80	/* a word that reports something gone wrong */
#define WF_FACT			0x100	/* a word that states a fact ("late",
								 * "expired"), never a feeling */
#define WF_NEEDFEEL		0x200	/* a customer's named negative feeling
								 * ("worried", "embarrassed") */
#define WF_FUNCTION		0x400	/* what should work ("work", "load", "log"): a
								 * problem after a negator */
#define WF_CALM			0x800	/* "curious", "wondering": nothing is wrong */
#define WF_CALM_NEG		0x1000	/* "rush", "hurry": nothing is wrong after a
								 * negator ("no rush") */
#define WF_CAN			0x2000	/* "can", "could" */
#define WF_BE			0x4000	/* "be" */
#define HOT_APOLOGY		0x8000	/* (MarkerHot only) the term or its stem is an
								 * apology */

#define MSG_SET_SLOTS		8192	/* most slots (power of two, 2 x MSG_SET_MAX) */
#define MSG_SET_MAX			4096	/* distinct content stems kept */
#define MSG_SET_LOCAL		1024	/* slots on the stack, not allocated */
/* an emp_empathy_score call's scratch, by kind (EmpMarkerSet.call_scratch) */
#define CALL_HITS			0
#define CALL_KEYS			1
#define CALL_SEEN			2
#define EMP_MARKER_MAX_HITS	100000
#define NAME_MAX_BYTES		64
#define NAME_KEPT_BYTES		64		/* longest name kept from one call to the next */
#define MSG_KEPT_BYTES		4096	/* longest customer message kept from one call to the next */
#define NUMWORD_SLOTS		128		/* power of two, over four times the number words */
#define RESWORD_SLOTS		1024	/* power of two, over four times the resolution words */

const char *const emp_marker_names[EMP_MK_NCATS] = {
	"emotional_reaction", "interpretation", "exploration", "confirmation", "apology",
	"validation", "ownership", "gratitude", "reassurance", "scripted", "blame",
	"dismissive", "minimizing", "over_apology"
};

/* Function words and words every service reply uses: not the customer's concern. */
static const char *const stop_words[] = {
	"a", "an", "the", "and", "or", "but", "if", "so", "of", "to", "in", "on", "at", "for", "from",
	"by", "with", "about", "as", "into", "over", "after", "before", "up", "down", "out", "off",
	"i", "me", "my", "mine", "we", "us", "our", "you", "your", "yours", "he", "she", "it", "its",
	"they", "them", "their", "this", "that", "these", "those", "there", "here", "what", "which",
	"who", "whom", "when", "where", "why", "how", "am", "is", "are", "was", "were", "be", "been",
	"being", "have", "has", "had", "do", "does", "did", "will", "would", "shall", "should", "can",
	"could", "may", "might", "must", "not", "no", "yes", "all", "any", "some", "each", "every",
	"just", "only", "also", "very", "too", "than", "then", "now", "again", "still", "already",
	"please", "thank", "thanks", "sorry", "hi", "hello", "hey", "dear", "regards", "kind", "best",
	"help", "know", "let", "get", "got", "go", "make", "see", "look", "need", "want", "like",
	"understand", "hear", "feel", "sure", "one", "much", "many", "more", "most", "really", "well",
	"today", "day", "time", "team", "us", "customer", "apologise", "apologize", "issue", "problem",
	"contact", "reply", "message", "email", "chat", "dm", "account", "service", "support",
	NULL
};

/*
 * Words in a customer message that report a problem calling for empathy,
 * even in a calm tone.  The first list states facts: in a reply, "your
 * parcel is late" restates the situation, it does not care about a feeling,
 * so these words never fill a {feeling} slot and never make a sentence
 * caring.  The second list also names harms that a reply may rightly
 * answer with care ("that sounds painful", "that is so unfair").  Words are
 * matched on their stem, except those written "=word": "waiting" and
 * "waited" report a delay, "can I wait there?" does not; "a tear in the seam"
 * is damage, "happy tears" (and "wear and tear") are not; "mould", "stale",
 * "dirty" and "slow" name the state of a thing, not a feeling ("our service
 * is slow at the moment" cares about nothing); "it was supposed
 * to", "guaranteed", "you promised" report a broken promise, "I suppose"
 * and "does the guarantee cover" do not.
 */
static const char *const problem_words[] = {
	"broken", "broke", "damaged", "faulty", "missing", "wrong", "lost", "stolen", "hacked", "fraud",
	"scam", "overcharged", "twice", "refund", "late", "delayed", "delay", "cancelled", "canceled",
	"buckled", "warped", "mould", "mold", "stale", "spoiled", "undercooked", "contaminated",
	"cockroach", "maggots", "vomit", "filthy", "dirty", "unhygienic", "unsanitary", "smelly",
	"failed", "fail", "crashed", "outage", "leak", "leaking", "flooded", "flood",
	"disappeared", "never", "nobody", "nothing", "still", "=waited", "=waiting", "again",
	"cold", "stuck", "=blocked", "frozen", "locked", "declined", "error", "mistake", "fault",
	"unauthorised", "unauthorized", "dispute", "disputed", "=promised", "=supposed", "=guaranteed",
	"missed", "without", "gone", "ate",
	"bounced", "expired", "instead", "overdrawn", "incorrect", "disconnected", "offline", "longer",
	"told", "third", "fourth", "arrears",
	"scratched", "dented", "cracked", "smashed", "torn", "ripped", "stained", "soaked", "mouldy",
	"moldy", "spoilt", "leaked", "=tear", "=bleached", "burnt", "=chipped", "shattered", "scuffed",
	"unable", "=losing", "poor", "disease", "dead", "died", "death", "emergency",
	"slow", "sluggish", "laggy", "glitchy", "buggy", "defective", "unusable", "overdue",
	NULL
};
static const char *const harm_words[] = {
	"sick", "ill", "pain", "hurt", "injured", "funeral", "bereavement", "ruined",
	"complaint", "complain", "unfair", "rude", "ignored", "lied", "suicidal",
	NULL
};

/*
 * Words by which customers name a negative feeling of their own ("I am so
 * worried", "this is embarrassing"): the message calls for empathy however
 * the rest of it reads, unless a negator comes just before ("no worries",
 * "not upset"), or what such a feeling does to them ("I've been crying all
 * afternoon", "panicking"; "made my mum cry happy tears" and "I cried
 * happy tears" are praise, so only "crying" and "sobbing").  Confusion is
 * left out: a question is no grievance.
 */
static const char *const feeling_words[] = {
	"worried", "concerned", "anxious", "scared", "afraid", "nervous", "stressed", "panic",
	"terrified", "frightened", "distressed", "uneasy", "upset", "unhappy", "dissatisfied", "sad",
	"disappointed", "devastated", "heartbroken", "gutted", "miserable", "desperate", "hopeless",
	"helpless", "powerless", "overwhelmed", "exhausted", "embarrassed", "humiliated", "ashamed",
	"frustrated", "annoyed", "irritated", "exasperated", "angry", "furious", "livid", "fuming",
	"outraged", "disgusted", "appalled", "shocked", "mortified", "horrified", "distraught", "infuriated",
	"=crying", "=sobbing", "panicking", "dreading", "confused", "baffled", "bewildered", "=puzzled",
	NULL
};

/*
 * What a customer expects to work: "it won't load", "I can't log in", "no
 * connection", "still no update" report a problem; the same words without
 * a negator do not ("does it work with...").  So does what they expect to
 * follow: "I don't understand the letter" tells of confusion, as "I'm
 * confused" does; "can you help me understand the fees?" asks plainly.
 * (For "I don't know what this means", see StemCollect's know_neg.)
 */
static const char *const function_words[] = {
	"work", "load", "open", "connect", "respond", "reply", "print", "sync", "activate", "accept",
	"update", "let", "recognise", "recognize", "match", "turn", "boot", "install", "download",
	"upload", "log", "cope", "understand",
	NULL
};

/*
 * The customer says nothing is wrong: "just curious", "just wondering",
 * "no rush", "not in a hurry".  Facts that would otherwise report a
 * problem ("still says processing") and a mildly negative tone then do not
 * make the message call for empathy; named feelings and harms still do.
 */
static const char *const calm_words[] = {"curious", "wondering", NULL};
static const char *const calm_negated_words[] = {"rush", "hurry", "urgent", "urgency", NULL};

/*
 * Words with a feeling's weights that, in a reply, say how soon, not how
 * anyone feels: "I've marked your case as urgent" shows no care, and "this
 * is urgent" does not fill a phrase's {feeling}.
 */
static const char *const timing_words[] = {"urgent", "urgently", NULL};

/*
 * Number words an agent writes where the customer wrote digits ("six
 * months of one bar" to "one bar for 6 months"): reflection reads them as
 * the digits.
 */
static const char *const number_words[][2] = {
	{"two", "2"}, {"three", "3"}, {"four", "4"}, {"five", "5"}, {"six", "6"}, {"seven", "7"},
	{"eight", "8"}, {"nine", "9"}, {"ten", "10"}, {"eleven", "11"}, {"twelve", "12"},
	{"thirteen", "13"}, {"fourteen", "14"}, {"fifteen", "15"}, {"sixteen", "16"},
	{"seventeen", "17"}, {"eighteen", "18"}, {"nineteen", "19"}, {"twenty", "20"},
	{"thirty", "30"}, {"forty", "40"}, {"fifty", "50"}, {"sixty", "60"}, {"ninety", "90"},
	{"hundred", "100"}
};

/*
 * The resolution rule: a reply that says the problem is fixed or a fix is
 * arranged.  "I've refunded", "we'll send a replacement", "your code has
 * been reset", "both tickets refunded".  The words, by what they do there:
 */
#define RW_NONE		0
#define RW_FIX		1		/* a fix after "I"/"we" and an auxiliary ("I've refunded",
							 * "we'll send"), or as a participle */
#define RW_SUBJ		3		/* "I", "we" */
#define RW_BE		4		/* "am", "is", "be", "been", "being" */
#define RW_FILL		5		/* "just", "already", "gone ahead and"... */
#define RW_COND		6		/* "if", "once"...: the clause supposes; "hope", "wish":
							 * it wishes ("I really hope we can sort it") */
#define RW_BLOCK	7		/* "unable"; "please": what the customer is to do */
#define RW_PAST		8		/* "was", "were", "had": the problem told, not a fix */
#define RW_MODAL	9		/* "can", "could": after "I"/"we" an offer, else a
							 * possibility ("appointments can be moved online") */
#define RW_FIXS		10		/* a fix only after "I"/"we" ("I've cancelled it";
							 * "your crossing has been cancelled" is the problem) */
#define RW_ARE		11		/* "are": after "we" an action, else often a policy
							 * ("refunds are processed within 5 days") */
#define RW_HAVE		12		/* "have", "has" */
#define RW_WILL		13		/* "will", "shall", "would" */
#define RW_GET		14		/* "get", "got" */
#define RW_GOING	15		/* "going", "gone": "going to send", "gone ahead and" */
#define RW_TO		16		/* "to": "happy to refund" */
#define RW_STATE	17		/* "ready": of the order ("will be ready at 3"), not
							 * of the agent ("I'm ready to help") */
#define RW_UNDERSTAND 18	/* not for the rule: stock care ("we understand your
							 * frustration") is a weak emotional reaction */
#define RW_RECENT	19		/* "just", "already", "this morning": with "I"/"we", a
							 * fix in the simple past is one made ("I refunded it
							 * this morning"); otherwise as RW_FILL */
#define RW_ERR		20		/* "wrong", "by mistake": "we sent the wrong size
							 * yesterday" tells the problem */
#define RW_FIXR		21		/* as RW_FIX, and a remedy, so also in the simple past:
							 * "I refunded it this morning" ("we sent it
							 * yesterday" may be the problem) */
#define RW_MISTAKE	22		/* "by mistake", "accidentally": before or after a remedy
							 * in the simple past, it was no remedy */
#define RW_CONJ		23		/* "and", "so", "but", "then": an "I"/"we" right after
							 * opens a clause ("we sent the wrong size so I
							 * refunded you this morning"); otherwise as RW_FILL */
#define RW_VAGUE	24		/* "something", "anything" right after a fix: no fix
							 * ("we'll sort something out") */

/* Words after a remedy in the simple past within which "today" may follow. */
#define RES_PAST_REACH	8

/* What a fix word's form needs before it: which auxiliary. */
#define AUX_NONE	0
#define AUX_BE		1
#define AUX_HAVE	2
#define AUX_WILL	3
#define AUX_GET		4

static const struct
{
	const char *w;
	uint8_t		c;
}			resolution_words[] = {
	{"refund", RW_FIXR}, {"replace", RW_FIXR}, {"rebook", RW_FIXR}, {"book", RW_FIX},
	{"reset", RW_FIXR}, {"cancel", RW_FIXS}, {"send", RW_FIX}, {"sent", RW_FIX},
	{"resend", RW_FIXR}, {"resent", RW_FIXR}, {"dispatch", RW_FIX}, {"ship", RW_FIX},
	{"arrange", RW_FIX}, {"waive", RW_FIXR}, {"upgrade", RW_FIX}, {"repair", RW_FIXR},
	{"fix", RW_FIXR}, {"restore", RW_FIXR}, {"reactivate", RW_FIXR}, {"unlock", RW_FIXR},
	{"reinstate", RW_FIXR}, {"correct", RW_FIXR}, {"update", RW_FIX}, {"extend", RW_FIX},
	{"reverse", RW_FIXR}, {"approve", RW_FIX}, {"add", RW_FIX}, {"apply", RW_FIX},
	{"remove", RW_FIX}, {"schedule", RW_FIX}, {"reschedule", RW_FIX}, {"reserve", RW_FIX},
	{"hold", RW_FIX}, {"held", RW_FIX}, {"move", RW_FIX}, {"transfer", RW_FIX},
	{"activate", RW_FIX}, {"clear", RW_FIX}, {"cover", RW_FIX}, {"confirm", RW_FIX},
	{"deliver", RW_FIX}, {"ready", RW_STATE}, {"sort", RW_FIX}, {"compensate", RW_FIXR},
	{"reimburse", RW_FIXR}, {"void", RW_FIX}, {"collect", RW_FIX}, {"pay", RW_FIX},
	{"paid", RW_FIX}, {"reprint", RW_FIXR}, {"reopen", RW_FIXR}, {"renew", RW_FIX}, {"close", RW_FIXS},
	{"issue", RW_FIX}, {"process", RW_FIX}, {"credit", RW_FIX}, {"release", RW_FIX},
	{"restart", RW_FIXR}, {"reconnect", RW_FIXR}, {"unblock", RW_FIXR}, {"enable", RW_FIX},
	{"freeze", RW_FIXS}, {"frozen", RW_FIXS}, {"unfreeze", RW_FIXR}, {"unfrozen", RW_FIXR}, {"block", RW_FIXS},
	{"i", RW_SUBJ}, {"we", RW_SUBJ},
	{"have", RW_HAVE}, {"has", RW_HAVE}, {"had", RW_PAST}, {"will", RW_WILL}, {"shall", RW_WILL},
	{"would", RW_WILL}, {"can", RW_MODAL}, {"could", RW_MODAL}, {"am", RW_BE}, {"is", RW_BE}, {"are", RW_ARE},
	{"was", RW_PAST}, {"were", RW_PAST}, {"be", RW_BE}, {"been", RW_BE}, {"being", RW_BE},
	{"get", RW_GET}, {"got", RW_GET}, {"going", RW_GOING}, {"gone", RW_GOING},
	{"just", RW_RECENT}, {"already", RW_RECENT}, {"now", RW_RECENT}, {"also", RW_FILL},
	{"personally", RW_FILL}, {"immediately", RW_FILL}, {"gladly", RW_FILL}, {"ahead", RW_FILL},
	{"and", RW_CONJ}, {"so", RW_CONJ}, {"but", RW_CONJ}, {"then", RW_CONJ},
	{"to", RW_TO}, {"happy", RW_FILL}, {"able", RW_FILL},
	{"fully", RW_FILL}, {"successfully", RW_FILL}, {"today", RW_RECENT},
	{"yesterday", RW_RECENT}, {"earlier", RW_RECENT}, {"morning", RW_RECENT},
	{"afternoon", RW_RECENT}, {"moment", RW_RECENT}, {"minute", RW_RECENT},
	{"wrong", RW_ERR}, {"incorrect", RW_ERR}, {"mistake", RW_MISTAKE}, {"mistakenly", RW_MISTAKE},
	{"error", RW_ERR}, {"accidentally", RW_MISTAKE}, {"damaged", RW_ERR}, {"broken", RW_ERR},
	{"faulty", RW_ERR}, {"late", RW_ERR},
	{"if", RW_COND}, {"unless", RW_COND}, {"once", RW_COND}, {"when", RW_COND},
	{"whenever", RW_COND}, {"whether", RW_COND}, {"until", RW_COND},
	{"hope", RW_COND}, {"wish", RW_COND}, {"try", RW_COND},
	{"unable", RW_BLOCK}, {"please", RW_BLOCK}, {"understand", RW_UNDERSTAND},
	{"something", RW_VAGUE}, {"anything", RW_VAGUE}
};

/*
 * "can be", "could be": a sentence that says how things can feel ("I know
 * how frustrating delays can be") is a general statement, not care for
 * this customer's feeling.
 */
static const char *const can_words[] = {"can", "could", NULL};
static const char *const be_words[] = {"be", NULL};

/*
 * What a scan reads of a term, one dense array indexed by term id, so that
 * a reply's words need not touch the lexicon's terms.
 */
typedef struct MarkerHot
{
	int32_t		sym;			/* automaton symbol: intensifiers skipped,
								 * negative emotion words folded */
	uint16_t	flags;			/* WF_* of the term and of its stem, HOT_APOLOGY */
	int8_t		category;		/* the term's category, else its stem's; -1 none */
	int8_t		strength;
} MarkerHot;

_Static_assert(sizeof(MarkerHot) == 8, "a scan reads eight bytes per term");

/*
 * A word some rule reads by its letters (see class_words): the word
 * zero-padded into two 64-bit keys (pack_word), and what the rules make
 * of it.  Kept in an open-addressed table of WORD_SLOTS slots.
 */
#define WORD_SLOTS			512		/* power of two, over twice the words */

/*
 * What the rules of a customer message read of one of its words or
 * numbers, kept so that a word met again costs one probe instead of four
 * (its classes by its letters, its terms in the lexicon's memo, their
 * flags, and whether it stands for digits): the word zero-padded as the
 * tokenizer keys it, its length and how the lexicon reads it (a number, an
 * elongated word), the index + 1 of its entry in ms->words (0: none), and
 * each part's flags and stem hash.  The flags are the scan's (MarkerHot)
 * that the message's rules read, with two of the message's own in bits the
 * rules do not read.  32 bytes each, in pairs of slots as the lexicon's
 * memo: a word takes the first of its pair and moves the one there to the
 * second.  The table starts with 1 << MSGWORD_BITS_MIN slots (64 kB) and,
 * as the memo does, doubles up to 1 << MSGWORD_BITS_MAX (512 kB) while more
 * than about one lookup in MSGWORD_GROW_RATIO pushes a word out: customer
 * messages bring names, products and typos that a small table would find
 * afresh again and again.
 */
#define MSGWORD_BITS_MIN	11
#define MSGWORD_BITS_MAX	14
#define MSGWORD_GROW_RATIO	128
#define MW_NUMBER			0x20	/* lentag: a number token */
#define MW_ELONGATED		0x40	/* lentag: an elongated word ("sooo") */
#define MW_CONTENT			0x2000	/* flags: a content word for reflection */
#define MW_NUMWORD			0x4000	/* flags: a number word ("four"), read as digits */

typedef struct MsgWord
{
	uint64_t	key[2];
	uint32_t	stemhash[2];
	uint16_t	flags[2];		/* WF_* the message's rules read, MW_* */
	uint16_t	wc;				/* index in ms->words: an empty slot (all
								 * zero, as no_word) for no class */
	uint8_t		lentag;			/* length (1..16) | MW_NUMBER | MW_ELONGATED; 0: empty */
	uint8_t		nparts;
} MsgWord;

_Static_assert(sizeof(MsgWord) == 32, "a message word is 32 bytes");

typedef struct WordClass
{
	uint64_t	key[2];
	uint8_t		len;			/* 0: an empty slot */
	uint8_t		question;		/* Q_*: the question rule */
	uint8_t		hypo;			/* HYPO_*: the supposed-clause rule */
	uint32_t	bits;			/* WC_* */
} WordClass;

/*
 * A table from stem hashes to small nonzero values: each stem has one home
 * slot; the few that find it taken go to an overflow list, and the slot's
 * value says so (STEM_MORE).  A lookup reads one slot and takes the
 * stored value or 0 with no branch on whether the stem matched; only a
 * stem whose home slot has overflowed and holds another stem reads the
 * list.  Open addressing made a scan mispredict the end of nearly every
 * probe sequence.
 */
typedef struct StemSlot
{
	uint32_t	stem;			/* 0: empty */
	uint32_t	val;			/* 0 when empty; STEM_MORE: see the list */
} StemSlot;

#define STEM_MORE	0x80000000u

struct EmpMarkerSet
{
	EmpAllocator *a;
	EmpLexicon *lx;
	EmpTokenizer *tz;			/* scanning replies */
	EmpTokenizer *tz2;			/* tokenizing messages, names and phrases */
	uint16_t   *wf;				/* WF_* flags per term id */
	int32_t		wfcap;
	MarkerHot  *hot;			/* what a scan needs of each term, built by
								 * emp_markers_finish: nhot of them */
	int32_t		nhot;
	uint8_t    *understands;	/* per term id, nhot of them: a phrase of care,
								 * validation or stock care that says "I
								 * understand" (see build_hot) */
	EmpBuf		feelphrases;	/* {feeling} phrases: FeelRecord, then the phrase */
	int32_t		nphrases;
	bool		finished;
	/*
	 * number words as the digits they stand for ("four years" = "4 years"):
	 * the table gives the word's index in number_words + 1
	 */
	StemSlot	numwords[NUMWORD_SLOTS];
	StemSlot	numwords_over[lengthof(number_words)];
	uint32_t	numwords_nover;
	uint32_t	numword_digits[lengthof(number_words) + 1];
	/* words of the resolution rule, by stem hash (RW_*) */
	StemSlot	reswords[RESWORD_SLOTS];
	StemSlot	reswords_over[lengthof(resolution_words)];
	uint32_t	reswords_nover;
	/* words the rules read by their letters */
	WordClass	words[WORD_SLOTS];
	uint16_t	empty_word;		/* an empty slot of words[] */
	/* words of customer messages met before (see MsgWord) */
	MsgWord    *msgwords;
	uint32_t	msgword_bits;	/* log2 of its slots */
	uint32_t	msgword_evicted;	/* words pushed out since it was last sized */
	uint64_t	msgword_lookups;	/* and lookups since then */
	int32_t		msgwords_nterms;	/* the lexicon's terms when they were kept */
	/*
	 * Scratch of one emp_empathy_score call (CALL_HITS, CALL_KEYS,
	 * CALL_SEEN), kept here as soon as it is allocated: a call that an error
	 * or a cancel ends leaves it to the next call to release, instead of
	 * leaking it in the catalogue's long-lived memory.
	 */
	void	   *call_scratch[3];
	/*
	 * The last customer name read (see read_name): as given, and as the
	 * reply's tokens show it.
	 */
	bool		name_kept;
	uint32_t	name_textlen;
	char		name_text[NAME_KEPT_BYTES];
	uint32_t	name_normlen;	/* 0: the name has no word */
	char		name_norm[NAME_MAX_BYTES];
	uint32_t	name_stem;
	bool		name_is_word;
	/*
	 * The last customer message analysed (see keep_message), since several
	 * replies are often scored against one message: what it was read with,
	 * what message_needs_empathy made of it, and its stem set's slots.
	 */
	bool		msg_kept;
	const EmpScorer *msg_scorer;
	const EmpLexicon *msg_scorer_lx;
	int32_t		msg_scorer_nterms;
	EmpModel	msg_model;
	uint32_t	msg_name_stem;
	uint32_t	msg_len;
	char	   *msg_text;		/* msg_slots bytes, after the keys */
	uint32_t   *msg_keys;		/* msg_slots of them: one allocation */
	uint32_t	msg_slots;		/* capacity, 0 before the first message kept */
	uint32_t	msg_set_slots;	/* the set's slots (mask + 1) */
	uint32_t	msg_set_n;
	int			msg_needed;
	int			msg_emotion;
	uint8_t		msg_fam;
	float		msg_sentiment;
	bool		msg_sarcastic;
};

/*
 * A {feeling} phrase kept for emp_markers_finish: this header, then the
 * phrase's bytes.  Length-prefixed, since a phrase may hold any byte.
 */
typedef struct FeelRecord
{
	int32_t		category;
	int32_t		strength;
	uint32_t	len;
} FeelRecord;

/* ---------------------------------------------------------------- names */

/* Find "{feeling}" in a phrase; NULL if absent. */
static const char *
find_placeholder(const char *s, size_t n)
{
	for (size_t i = 0; i + 9 <= n; i++)
		if (s[i] == '{' && memcmp(s + i, "{feeling}", 9) == 0)
			return s + i;
	return NULL;
}

int
emp_marker_lookup(const char *name, size_t len)
{
	for (int i = 0; i < EMP_MK_OVER_APOLOGY; i++)
		if (strlen(emp_marker_names[i]) == len && memcmp(emp_marker_names[i], name, len) == 0)
			return i;
	return -1;
}

/* ---------------------------------------------------------------- flags */

/* Make room for the flags of every term. */
static void
wf_reserve(EmpMarkerSet *ms)
{
	int32_t		n = emp_lexicon_nterms(ms->lx);

	if (n <= ms->wfcap)
		return;
	{
		int32_t		nc = ms->wfcap ? ms->wfcap : 1024;
		uint16_t   *nw;

		while (nc < n)
			nc *= 2;
		nw = emp_alloc(ms->a, sizeof(uint16_t) * (size_t) nc);
		memset(nw, 0, sizeof(uint16_t) * (size_t) nc);
		if (ms->wfcap)
			memcpy(nw, ms->wf, sizeof(uint16_t) * (size_t) ms->wfcap);
		emp_release(ms->a, ms->wf);
		ms->wf = nw;
		ms->wfcap = nc;
	}
}

static inline uint16_t
wf_of(const EmpMarkerSet *ms, int32_t id)
{
	return (id > 0 && id < ms->wfcap) ? ms->wf[id] : 0;
}

/* Flags of a token's term and of its stem's term. */
static inline uint16_t
slot_flags(const EmpMarkerSet *ms, int32_t id)
{
	const EmpTerm *t = emp_lexicon_term(ms->lx, id);

	return wf_of(ms, id) | (t->stem_id ? wf_of(ms, t->stem_id) : 0);
}

/* The scan's view of a term (the "unknown" entry for 0 or out of range). */
static inline const MarkerHot *
hot_of(const EmpMarkerSet *ms, int32_t id)
{
	/* one unsigned comparison, no branch: a negative id is out of range too */
	return &ms->hot[(uint32_t) id < (uint32_t) ms->nhot ? id : 0];
}

/* Fill ms->hot from the terms and the flag bytes (after the last change). */
/*
 * Does the phrase id say "understand" (the word, not "understandable" or
 * "understanding")?  "I understand how frustrating this is", "I can
 * understand why you are upset", "we understand your frustration".
 */
static bool
says_understand(const EmpMarkerSet *ms, int32_t id)
{
	size_t		len;
	const char *w = emp_lexicon_term_text(ms->lx, id, &len);
	static const char word[] = "understand";
	const size_t wl = sizeof(word) - 1;

	for (size_t i = 0; w && i + wl <= len; i++)
		if ((i == 0 || w[i - 1] == ' ') && memcmp(w + i, word, wl) == 0 &&
			(i + wl == len || w[i + wl] == ' '))
			return true;
	return false;
}

static void
build_hot(EmpMarkerSet *ms)
{
	int32_t		n = emp_lexicon_nterms(ms->lx);

	if (n > ms->nhot)
	{
		/* allocated first: a failed allocation leaves the old arrays in place */
		MarkerHot  *nh = emp_alloc(ms->a, sizeof(MarkerHot) * (size_t) n);
		uint8_t    *nu = emp_alloc(ms->a, (size_t) n);

		emp_release(ms->a, ms->hot);
		emp_release(ms->a, ms->understands);
		ms->hot = nh;
		ms->understands = nu;
	}
	ms->nhot = n;

	/*
	 * A reading with exact words written over a marker phrase by a
	 * configuration's term for scoring ("sorry for the =delay") is still
	 * that marker: the walker reads the reading instead of the phrase, so it
	 * takes the phrase's category and strength, unless it has its own (a
	 * marker phrase written with exact words).
	 */
	for (int32_t id = 1; id < n; id++)
	{
		const EmpTerm *t = emp_lexicon_term(ms->lx, id);
		const EmpVariant *v;
		int			nv;

		if (t->category < 0 || !(t->flags & EMP_TERM_VARIANTS))
			continue;
		nv = emp_lexicon_variants(ms->lx, id, &v);
		for (int i = 0; i < nv; i++)
			if (emp_lexicon_term(ms->lx, v[i].term)->category < 0)
				emp_lexicon_set_category(ms->lx, v[i].term, t->category, t->strength);
	}
	for (int32_t id = 0; id < n; id++)
	{
		const EmpTerm *t = emp_lexicon_term(ms->lx, id);
		const EmpTerm *st = emp_lexicon_term(ms->lx, t->stem_id);
		const EmpTerm *ct = t->category >= 0 ? t : (t->stem_id && st->category >= 0 ? st : NULL);
		MarkerHot  *h = &ms->hot[id];

		h->flags = id > 0 ? slot_flags(ms, id) : 0;
		h->sym = (h->flags & WF_SKIP) ? EMP_SYM_SKIP :
			((h->flags & WF_FEELSYM) && !(h->flags & WF_FACT)) ? EMP_SYM_FEELING :
			(t->stem_id ? t->stem_id : id);
		/*
		 * An intensifier, filler or hedge that some phrase writes ("a slight
		 * delay", "sometimes unavoidable"): read where a phrase goes on or
		 * starts with it, skipped where reading it would only reset the
		 * automaton, so that "that must be slightly frustrating" is still
		 * "that must be {feeling}".
		 */
		if (id > 0 && h->sym > 0 && (t->flags & (EMP_TERM_BOOSTER | EMP_TERM_FILLER | EMP_TERM_DAMPENER)) &&
			(h->flags & WF_LITERAL))
			h->sym = EMP_SYM_SOFT(h->sym);
		h->category = ct ? (int8_t) ct->category : -1;
		h->strength = ct ? (int8_t) ct->strength : 0;
		if (t->category == EMP_MK_APOLOGY || (t->stem_id && st->category == EMP_MK_APOLOGY))
			h->flags |= HOT_APOLOGY;
		ms->understands[id] = id > 0 && t->ntokens > 1 &&
			(t->category == EMP_MK_EMOTIONAL_REACTION || t->category == EMP_MK_VALIDATION ||
			 t->category == EMP_MK_SCRIPTED) && says_understand(ms, id);
	}

}

/*
 * Forget the message words and the name kept: their terms, flags or stems
 * may have changed.
 */
static void
msgwords_clear(EmpMarkerSet *ms)
{
	memset(ms->msgwords, 0, sizeof(MsgWord) << ms->msgword_bits);
	ms->msgwords_nterms = emp_lexicon_nterms(ms->lx);
	ms->name_kept = false;
	ms->msg_kept = false;
}

/* ---------------------------------------------------------------- loading */

/* Add each word of a NULL-terminated list to the lexicon with the given flags. */
static bool
flag_words(EmpMarkerSet *ms, const char *const *words, uint16_t flags, EmpError *err)
{
	for (int i = 0; words[i]; i++)
	{
		int32_t		id = emp_lexicon_add(ms->lx, words[i], strlen(words[i]),
										 NULL, NULL, EMP_MERGE_ADD, 0, 1.0f, err);

		if (id == 0)
			return false;
		wf_reserve(ms);
		ms->wf[id] |= flags;
	}
	return true;
}

/*
 * Is the modifier line [p, e) (term, tab, kind...) a hedge, filler or
 * booster of several words that denies nothing ("a bit", "kind of", "to be
 * honest", "so much"; not "never been so")?  The walk skips such a phrase
 * where the automaton reads it as itself.
 */
static bool
hedge_line(const char *p, const char *tab, const char *e)
{
	static const char *const kinds[] = {"booster", "dampener", "filler", NULL};
	const char *k = tab + 1;
	const char *ke = memchr(k, '\t', e - k);
	size_t		kl = (ke ? ke : e) - k;
	bool		kind = false;

	for (int i = 0; kinds[i]; i++)
		if (strlen(kinds[i]) == kl && memcmp(kinds[i], k, kl) == 0)
			kind = true;
	if (!kind)
		return false;
	for (const char *w = p; w < tab;)
	{
		const char *we = memchr(w, ' ', tab - w);
		size_t		wl = (we ? we : tab) - w;

		if ((wl == 3 && memcmp(w, "not", 3) == 0) || (wl == 5 && memcmp(w, "never", 5) == 0))
			return false;
		w += wl + 1;
	}
	return true;
}

/*
 * Add the single-word lines of a TSV buffer through a loader (phrases would
 * compete with markers), and with hedges, the modifiers that hedge_line
 * accepts.
 */
static bool
load_single_words(EmpMarkerSet *ms, const char *data, size_t len, bool weights,
				  bool hedges, const char *source, EmpError *err)
{
	EmpBuf		b;
	size_t		p = 0;
	bool		ok;

	emp_buf_init(&b, ms->a, len + 1, EMP_MAX_ALLOC);
	while (p < len)
	{
		size_t		e = p;
		size_t		tab;

		while (e < len && data[e] != '\n')
			e++;
		tab = p;
		while (tab < e && data[tab] != '\t')
			tab++;
		if (e > p && data[p] != '#' &&
			(memchr(data + p, ' ', tab - p) == NULL || (hedges && tab < e && hedge_line(data + p, data + tab, data + e))))
		{
			emp_buf_append(&b, data + p, e - p);
			emp_buf_putc(&b, '\n');
		}
		p = e + 1;
	}
	if (weights)
		ok = emp_lexicon_load_weights(ms->lx, b.data, b.len, source, EMP_MERGE_SET, err);
	else
		ok = emp_lexicon_load_modifiers(ms->lx, b.data, b.len, source, err);
	emp_release(ms->a, b.data);
	return ok;
}

/* The stem hash of a text's first token, as a scan would see it (0 none). */
static uint32_t
first_stemhash(EmpMarkerSet *ms, const char *text)
{
	EmpToken	tok;
	EmpLookup	lk;

	emp_tokenizer_reset(ms->tz2, text, strlen(text));
	if (!emp_tokenizer_next(ms->tz2, &tok))
		return 0;
	emp_lexicon_lookup(ms->lx, &tok, &lk);
	return lk.nparts > 0 ? lk.stemhash[0] : 0;
}

/* A stem hash's home slot in a table of nslots (a power of two). */
static inline uint32_t
stem_home(uint32_t stem, uint32_t nslots)
{
	return (stem * 2654435761u) >> 16 & (nslots - 1);
}

/*
 * Add a stem (not 0) and its value (nonzero, below STEM_MORE) to a table
 * and its overflow list.  A stem there already keeps its value unless
 * replace is set.
 */
static void
stem_table_add(StemSlot *t, uint32_t nslots, StemSlot *over, uint32_t *nover,
			   uint32_t stem, uint32_t val, bool replace)
{
	StemSlot   *e = &t[stem_home(stem, nslots)];

	if (e->stem == 0)
	{
		e->stem = stem;
		e->val = val;
		return;
	}
	if (e->stem == stem)
	{
		if (replace)
			e->val = (e->val & STEM_MORE) | val;
		return;
	}
	e->val |= STEM_MORE;
	for (uint32_t i = 0; i < *nover; i++)
	{
		if (over[i].stem == stem)
		{
			if (replace)
				over[i].val = val;
			return;
		}
	}
	over[*nover].stem = stem;
	over[*nover].val = val;
	(*nover)++;
}

/* A stem's value in an overflow list, 0 if none. */
static __attribute__((noinline)) uint32_t
stem_over_find(const StemSlot *over, uint32_t nover, uint32_t stem)
{
	for (uint32_t i = 0; i < nover; i++)
		if (over[i].stem == stem)
			return over[i].val;
	return 0;
}

/* A stem's value, 0 if it is not in the table. */
static inline uint32_t
stem_table_find(const StemSlot *t, uint32_t nslots, const StemSlot *over, uint32_t nover,
				uint32_t stem)
{
	const StemSlot *e = &t[stem_home(stem, nslots)];
	uint32_t	v = e->stem == stem ? e->val : 0;

	/* an empty slot's value is 0, so a stem 0 finds nothing either */
	if (((e->stem != stem) & (e->val >> 31)) != 0)
		return stem_over_find(over, nover, stem);
	return v & ~STEM_MORE;
}

/* Fill the resolution words' table. */
static void
resolution_words_init(EmpMarkerSet *ms)
{
	_Static_assert(lengthof(resolution_words) * 4 <= RESWORD_SLOTS, "the table is at most a quarter full");
	for (size_t i = 0; i < lengthof(resolution_words); i++)
	{
		uint32_t	w = first_stemhash(ms, resolution_words[i].w);

		if (w != 0)
			stem_table_add(ms->reswords, RESWORD_SLOTS, ms->reswords_over, &ms->reswords_nover,
						   w, resolution_words[i].c, false);
	}
}

/* The resolution class (RW_*) of a word's stem hash. */
static inline uint8_t
resolution_class(const EmpMarkerSet *ms, uint32_t stemhash)
{
	return (uint8_t) stem_table_find(ms->reswords, RESWORD_SLOTS, ms->reswords_over,
									 ms->reswords_nover, stemhash);
}

/* Fill the number-word table. */
static void
number_words_init(EmpMarkerSet *ms)
{
	_Static_assert(lengthof(number_words) * 4 <= NUMWORD_SLOTS, "the table is at most a quarter full");
	for (size_t i = 0; i < lengthof(number_words); i++)
	{
		uint32_t	w = first_stemhash(ms, number_words[i][0]);
		uint32_t	d = first_stemhash(ms, number_words[i][1]);

		if (w == 0 || d == 0)
			continue;
		ms->numword_digits[i + 1] = d;
		stem_table_add(ms->numwords, NUMWORD_SLOTS, ms->numwords_over, &ms->numwords_nover,
					   w, (uint32_t) i + 1, true);
	}
}

/* The index + 1 in number_words of a stem hash's number word, 0 if none. */
static inline uint32_t
number_word(const EmpMarkerSet *ms, uint32_t stemhash)
{
	return stem_table_find(ms->numwords, NUMWORD_SLOTS, ms->numwords_over, ms->numwords_nover,
						   stemhash);
}

static void word_table_init(EmpMarkerSet *ms);

EmpMarkerSet *
emp_markers_create(EmpAllocator *a, EmpStemmer *st, const char *modifiers, size_t modlen,
				   const char *lexicon, size_t lexlen, EmpError *err)
{
	EmpMarkerSet *ms = emp_alloc(a, sizeof(EmpMarkerSet));

	memset(ms, 0, sizeof(*ms));
	ms->a = a;
	ms->lx = emp_lexicon_create(a, st);
	ms->tz = emp_tokenizer_create(a);
	ms->tz2 = emp_tokenizer_create(a);
	ms->msgword_bits = MSGWORD_BITS_MIN;
	ms->msgwords = emp_alloc(a, sizeof(MsgWord) << ms->msgword_bits);
	memset(ms->msgwords, 0, sizeof(MsgWord) << ms->msgword_bits);
	emp_buf_init(&ms->feelphrases, a, 1024, EMP_MAX_ALLOC);
	if (modifiers && !load_single_words(ms, modifiers, modlen, false, true, "modifiers.tsv", err))
		return NULL;
	if (lexicon && !load_single_words(ms, lexicon, lexlen, true, false, "lexicon.tsv", err))
		return NULL;
	if (!flag_words(ms, stop_words, WF_STOP, err) ||
		!flag_words(ms, problem_words, WF_PROBLEM | WF_FACT, err) ||
		!flag_words(ms, harm_words, WF_PROBLEM, err) ||
		!flag_words(ms, feeling_words, WF_NEEDFEEL, err) ||
		!flag_words(ms, function_words, WF_FUNCTION, err) ||
		!flag_words(ms, calm_words, WF_CALM, err) ||
		!flag_words(ms, calm_negated_words, WF_CALM_NEG, err) ||
		!flag_words(ms, timing_words, WF_FACT, err) ||
		!flag_words(ms, can_words, WF_CAN, err) ||
		!flag_words(ms, be_words, WF_BE, err))
		return NULL;
	number_words_init(ms);
	resolution_words_init(ms);
	word_table_init(ms);
	return ms;
}

/*
 * Would this byte next to {feeling} join it to a word?  An ASCII letter or
 * digit ("x{feeling}"); punctuation, quotes and any space do not
 * ("“{feeling}”", "{feeling}…").
 */
static inline bool
glues(char c)
{
	unsigned char u = (unsigned char) c;

	return (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
}

/* Validate category, strength and the phrase's size; false with err set. */
static bool
check_entry(int category, int strength, const char *phrase, size_t len, EmpError *err)
{
	if (category < 0 || category >= EMP_MK_OVER_APOLOGY)
		return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "unknown marker category"), false;
	if (strength != 1 && strength != 2)
		return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0,
							 "marker strength must be 1 (weak) or 2 (strong), not %d", strength), false;
	/* braces hold the one placeholder, written as such: "{FEELING}" or "{feelings}" would match nothing */
	for (size_t i = 0, slots = 0; i < len; i++)
	{
		if (phrase[i] == '{')
		{
			if (len - i < 9 || memcmp(phrase + i, "{feeling}", 9) != 0)
				return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0,
									 "the only placeholder is {feeling}, in lower case, and \"{\" opens nothing else"), false;
			if (++slots > 1)
				return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0,
									 "a phrase has at most one {feeling}"), false;
			/* a word of its own: "x{feeling} y" would put the feeling inside a word */
			if ((i > 0 && glues(phrase[i - 1])) || (i + 9 < len && glues(phrase[i + 9])))
				return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0,
									 "{feeling} must stand as a word of its own, not joined to an ASCII letter or digit"), false;
			i += 8;
		}
		else if (phrase[i] == '}')
			return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0,
								 "a \"}\" closes no {feeling}"), false;
	}
	return true;
}

/* Mark the words of a phrase as literal (they must reach the automaton as themselves). */
static void
mark_literal(EmpMarkerSet *ms, const char *phrase, size_t len)
{
	EmpToken	tok;

	emp_tokenizer_reset(ms->tz2, phrase, len);
	while (emp_tokenizer_next(ms->tz2, &tok))
	{
		EmpLookup	lk;

		if (tok.kind == EMP_TOK_PUNCT || tok.kind == EMP_TOK_BREAK)
			continue;
		if (tok.normlen == 7 && memcmp(tok.norm, "feeling", 7) == 0 && tok.start > 0 &&
			phrase[tok.start - 1] == '{')
			continue;
		emp_lexicon_lookup(ms->lx, &tok, &lk);
		for (int p = 0; p < lk.nparts; p++)
		{
			const EmpTerm *t = emp_lexicon_term(ms->lx, lk.ids[p]);

			if (lk.ids[p])
				ms->wf[lk.ids[p]] |= WF_LITERAL;
			if (t->stem_id)
				ms->wf[t->stem_id] |= WF_LITERAL;
		}
	}
}

/*
 * The lexicon's reason a phrase was refused names it a term ('term "!!!" has
 * no words', '"=" in term "x=" marks no word'); a catalogue's phrase is named
 * a phrase.
 */
static void
name_phrase(EmpError *err)
{
	size_t		n = strlen(err->message);
	char	   *t = strstr(err->message, "term ");

	if (t != NULL && (t == err->message || t[-1] == ' ') && n + 2 < sizeof(err->message))
	{
		memmove(t + 7, t + 5, n - (size_t) (t - err->message) - 5 + 1);
		memcpy(t, "phrase ", 7);
	}
}

/* Add a phrase to the lexicon with its category; returns the term id or 0. */
static int32_t
add_phrase(EmpMarkerSet *ms, int category, int strength, const char *phrase, size_t len,
		   bool from_slot, EmpError *err)
{
	int32_t		id = emp_lexicon_add(ms->lx, phrase, len, NULL, NULL, EMP_MERGE_ADD, 0, 1.0f, err);

	if (id == 0)
	{
		name_phrase(err);
		return 0;
	}
	/*
	 * A phrase the catalogue lists word for word keeps its own entry: "i
	 * understand your concern" (a weak interpretation) is not "i understand
	 * your {feeling}" with "concern" in the slot.
	 */
	if (from_slot && emp_lexicon_term(ms->lx, id)->category >= 0 && !(wf_of(ms, id) & WF_HASFEEL))
		return 0;
	emp_lexicon_set_category(ms->lx, id, category, strength);
	wf_reserve(ms);
	mark_literal(ms, phrase, len);
	return id;
}

bool
emp_markers_add(EmpMarkerSet *ms, int category, int strength,
				const char *phrase, size_t len, EmpError *err)
{
	int32_t		id;

	if (!check_entry(category, strength, phrase, len, err))
		return false;
	id = add_phrase(ms, category, strength, phrase, len, false, err);
	if (id == 0)
		return false;
	ms->nphrases++;
	ms->finished = false;
	if (find_placeholder(phrase, len) != NULL)
	{
		FeelRecord	rec;

		ms->wf[id] |= WF_HASFEEL;
		rec.category = category;
		rec.strength = strength;
		rec.len = (uint32_t) len;
		/* whole records only: room for both parts, or neither is kept */
		if (emp_buf_reserve(&ms->feelphrases, ms->feelphrases.len + sizeof(rec) + len))
		{
			emp_buf_append(&ms->feelphrases, (const char *) &rec, sizeof(rec));
			emp_buf_append(&ms->feelphrases, phrase, len);
		}
	}
	return true;
}

/*
 * Where a user phrase goes on after its leading intensifiers, fillers and
 * hedges ("really happy to sort this": at "happy"), when two words or more
 * are left; 0 otherwise ("absolutely not", "truly {feeling}", "so what" and
 * "seriously?!" are kept whole: what would be left says too little).
 */
static size_t
after_leading_modifiers(EmpMarkerSet *ms, const char *phrase, size_t len)
{
	EmpToken	tok;
	size_t		from = 0;
	bool		leading = true;
	int			words_left = 0;

	emp_tokenizer_reset(ms->tz2, phrase, len);
	while (emp_tokenizer_next(ms->tz2, &tok))
	{
		EmpLookup	lk;
		const EmpTerm *t;

		if (tok.kind != EMP_TOK_WORD)
		{
			leading = false;
			continue;
		}
		emp_lexicon_lookup(ms->lx, &tok, &lk);
		t = emp_lexicon_term(ms->lx, lk.ids[0]);
		if (leading && lk.nparts == 1 && lk.ids[0] > 0 &&
			((t->flags | emp_lexicon_term(ms->lx, t->stem_id)->flags) &
			 (EMP_TERM_BOOSTER | EMP_TERM_FILLER | EMP_TERM_DAMPENER)))
		{
			from = tok.start + tok.len;
			continue;
		}
		leading = false;
		words_left++;
	}
	if (from == 0 || words_left < 2)
		return 0;
	/* from the next token: a placeholder from its brace */
	while (from < len && (phrase[from] == ' ' || phrase[from] == '\t'))
		from++;
	return from;
}

bool
emp_markers_add_user(EmpMarkerSet *ms, int category, int strength,
					 const char *phrase, size_t len, EmpError *err)
{
	size_t		from;

	if (!check_entry(category, strength, phrase, len, err))
		return false;
	from = after_leading_modifiers(ms, phrase, len);
	return emp_markers_add(ms, category, strength, phrase + from, len - from, err);
}

bool
emp_markers_check(EmpMarkerSet *ms, int category, int strength,
				  const char *phrase, size_t len, EmpError *err)
{
	if (!check_entry(category, strength, phrase, len, err))
		return false;
	if (emp_lexicon_add(ms->lx, phrase, len, NULL, NULL, EMP_MERGE_ADD, 0, 1.0f, err) == 0)
	{
		name_phrase(err);
		return false;
	}
	return true;
}

bool
emp_markers_load(EmpMarkerSet *ms, const char *data, size_t len, const char *source, EmpError *err)
{
	size_t		p = 0;
	int			lineno = 0;

	while (p < len)
	{
		size_t		e = p,
					t1,
					t2;
		int			cat;
		int			strength;

		while (e < len && data[e] != '\n')
			e++;
		lineno++;
		if (e > p && data[p] != '#' && !(e == p + 1 && data[p] == '\r'))
		{
			t1 = p;
			while (t1 < e && data[t1] != '\t')
				t1++;
			t2 = t1 + 1;
			while (t2 < e && data[t2] != '\t')
				t2++;
			if (t1 >= e || t2 >= e || t2 != t1 + 2)
				return emp_error_set(err, EMP_ERR_SYNTAX, 0,
									 "%s line %d: expected category<TAB>strength<TAB>phrase",
									 source, lineno);
			cat = emp_marker_lookup(data + p, t1 - p);
			strength = data[t1 + 1] - '0';
			if (cat < 0)
				return emp_error_set(err, EMP_ERR_INVALID_VALUE, 0, "%s line %d: unknown marker category \"%.*s\"",
									 source, lineno, (int) (t1 - p), data + p);
			if (!emp_markers_add(ms, cat, strength, data + t2 + 1, e - t2 - 1, err))
			{
				char		msg[256];

				memcpy(msg, err->message, sizeof(msg));
				return emp_error_set(err, err->code, 0, "%s line %d: %.*s", source, lineno, emp_utf8_clip(msg, 200), msg);
			}
		}
		p = e + 1;
	}
	return true;
}

/* Is a term a negative emotion word? */
static bool
is_negative_feeling(const EmpTerm *t)
{
	static const int negdims[] = {EMP_ANGER, EMP_FRUSTRATION, EMP_DISAPPOINTMENT, EMP_SADNESS,
	EMP_FEAR, EMP_CONFUSION, EMP_DISGUST};
	float		sum = 0;

	if (t->flags & EMP_TERM_PHRASE)
		return false;
	for (int i = 0; i < (int) (sizeof(negdims) / sizeof(negdims[0])); i++)
		if (t->w[negdims[i]] > 0)
			sum += t->w[negdims[i]];
	return sum >= 1.0f && t->w[EMP_CH_VALENCE] < 0;
}

void
emp_markers_finish(EmpMarkerSet *ms)
{
	int32_t		n;
	size_t		p = 0;
	EmpError	err;

	if (ms->finished)
		return;
	wf_reserve(ms);
	n = emp_lexicon_nterms(ms->lx);
	for (int32_t id = 1; id < n; id++)
	{
		const EmpTerm *t = emp_lexicon_term(ms->lx, id);

		if (t->flags & EMP_TERM_NEGATOR)
			ms->wf[id] |= WF_NEGATOR;
		/* a hedge of several words that is also a marker phrase is read */
		if ((t->flags & (EMP_TERM_BOOSTER | EMP_TERM_FILLER | EMP_TERM_DAMPENER)) &&
			!(ms->wf[id] & WF_LITERAL) && !(t->ntokens > 1 && t->category >= 0))
			ms->wf[id] |= WF_SKIP;
		if (is_negative_feeling(t))
			ms->wf[id] |= WF_FEELRAW;
	}
	/* {feeling} phrases once more with each literal negative word in the slot */
	while (p + sizeof(FeelRecord) <= ms->feelphrases.len)
	{
		FeelRecord	rec;
		const char *ph = ms->feelphrases.data + p + sizeof(FeelRecord);
		size_t		phl;
		const char *slot;
		int			cat;
		int			strength;
		char	   *buf;
		size_t		bufcap;

		memcpy(&rec, ms->feelphrases.data + p, sizeof(rec));
		phl = rec.len;
		if (phl > ms->feelphrases.len - p - sizeof(FeelRecord))
			break;				/* cannot happen: records are written whole */
		slot = find_placeholder(ph, phl);
		cat = rec.category;
		strength = rec.strength;
		/* the phrase with a word in its slot, grown for a longer word */
		buf = NULL;
		bufcap = 0;

		for (int32_t id = 1; id < n && slot; id++)
		{
			size_t		wl;
			const char *w;
			int32_t		vid;

			if ((ms->wf[id] & (WF_FEELRAW | WF_LITERAL)) != (WF_FEELRAW | WF_LITERAL) ||
				(slot_flags(ms, id) & WF_FACT))
				continue;
			w = emp_lexicon_term_text(ms->lx, id, &wl);
			if (wl == 0)
				continue;
			if (phl + wl > bufcap)
			{
				char	   *nb = emp_alloc(ms->a, phl + wl + EMP_MAX_WORD_BYTES);

				if (buf)
					emp_release(ms->a, buf);
				buf = nb;
				bufcap = phl + wl + EMP_MAX_WORD_BYTES;
			}
			memcpy(buf, ph, (size_t) (slot - ph));
			memcpy(buf + (slot - ph), w, wl);
			memcpy(buf + (slot - ph) + wl, slot + 9, phl - (size_t) (slot - ph) - 9);
			memset(&err, 0, sizeof(err));
			vid = add_phrase(ms, cat, strength, buf, phl - 9 + wl, true, &err);
			if (vid)
				ms->wf[vid] |= WF_HASFEEL;
		}
		if (buf)
			emp_release(ms->a, buf);
		p += sizeof(FeelRecord) + phl;
	}
	wf_reserve(ms);
	n = emp_lexicon_nterms(ms->lx);
	for (int32_t id = 1; id < n; id++)
	{
		if ((ms->wf[id] & WF_FEELRAW) && !(ms->wf[id] & WF_LITERAL))
			ms->wf[id] |= WF_FEELSYM;
	}
	emp_lexicon_finish(ms->lx);
	build_hot(ms);
	msgwords_clear(ms);
	ms->finished = true;
}

EmpLexicon *
emp_markers_lexicon(EmpMarkerSet *ms)
{
	return ms->lx;
}

int32_t
emp_markers_nphrases(const EmpMarkerSet *ms)
{
	return ms->nphrases;
}

uint32_t
emp_markers_message_word_slots(const EmpMarkerSet *ms)
{
	return (uint32_t) 1 << ms->msgword_bits;
}

EmpMarkerSet *
emp_builtin_markers(EmpAllocator *a, EmpStemmer *st, EmpError *err)
{
	size_t		ml,
				ll,
				kl;
	const char *mod = emp_builtin_file("modifiers", &ml);
	const char *lex = emp_builtin_file("lexicon", &ll);
	const char *mk = emp_builtin_file("markers", &kl);
	EmpMarkerSet *ms = emp_markers_create(a, st, mod, ml, lex, ll, err);

	if (ms == NULL)
		return NULL;
	if (mk && !emp_markers_load(ms, mk, kl, "markers.tsv", err))
		return NULL;
	emp_markers_finish(ms);
	return ms;
}

/* ---------------------------------------------------------------- scanning */

/*
 * A set of message content stems (open addressing, fixed size).  A key's
 * seen is zeroed when the key is stored, so only the keys are cleared for a
 * new message; a key is restated anywhere when its seen is not zero.
 */
typedef struct StemSet
{
	uint32_t   *keys;			/* 0 = empty (hash 0 is stored as 1) */
	uint32_t   *seen;			/* sentence stamp + 1 of the last sentence that
								 * restated it, 0 if none did */
	uint32_t	n;
	uint32_t	mask;			/* slots - 1 */
	bool		allocated;		/* keys and seen come from the allocator */
} StemSet;

static inline uint32_t
stem_key(uint32_t h)
{
	return h ? h : 1;
}

/* A content word's key for reflection: number words as their digits. */
static inline uint32_t
reflect_key(const EmpMarkerSet *ms, uint32_t stemhash)
{
	uint32_t	i = number_word(ms, stemhash);

	return stem_key(i ? ms->numword_digits[i] : stemhash);
}

/* Find a key's slot, or the empty slot where it would go. */
static inline uint32_t
stemset_slot(const StemSet *s, uint32_t key)
{
	uint32_t	j = (key * 2654435761u) & s->mask;

	while (s->keys[j] != 0 && s->keys[j] != key)
		j = (j + 1) & s->mask;
	return j;
}

typedef struct ScanCtx
{
	EmpMarkerSet *ms;
	EmpMarkerScan *out;
	EmpMarkerFn fn;
	void	   *arg;
	/* name */
	char		name[NAME_MAX_BYTES];
	size_t		namelen;
	int			name_count;
	bool		name_is_word;	/* the name is also a word ("Will", "Hope", "May") */
	bool		name_sent_start;	/* the next word starts a sentence */
	bool		name_pending;	/* ... and it was the name, counted if a comma follows */
	int			numbers;		/* number tokens in the reply: times, dates, amounts */
	uint32_t	number_start;	/* the first one's span */
	uint32_t	number_len;
	/* reflection */
	StemSet    *msg;
	uint32_t	overlap;		/* distinct message stems restated */
	uint32_t	sent_overlap;	/* in the current sentence */
	bool		sent_you;		/* the current sentence speaks of the customer ("you", "your") */
	bool		sent_fix;		/* it says a fix is made or arranged (the resolution rule) */
	bool		sent_care;		/* the current sentence has an apology or emotional reaction */
	bool		sent_negative;	/* it has scripted, blaming, dismissive or minimizing words */
	bool		care_tied;		/* some sentence has care and restates 2+ stems */
	bool		understood;		/* a phrase of care says "I understand" */
	bool		sent_generic;	/* it says how things "can be" */
	bool		prev_can;		/* the last counted word was "can" or "could" */
	bool		sent_er2;		/* it has a strong emotional reaction */
	bool		er2_specific;	/* some sentence has one and is not general */
	uint32_t	max_sent_overlap;	/* most message stems restated in one sentence */
	bool		sent_er_open;	/* the sentence has an emotional reaction naming no feeling */
	int32_t		sent_feel;		/* first negative feeling word of the sentence */
	uint32_t	sent_feel_start;	/* its span */
	uint32_t	sent_feel_len;
	void		(*feeling_fn) (void *arg, int32_t term, uint32_t start, uint32_t len);	/* a feeling named near care */
	uint32_t	name_stem;
	/* resolution: the reply says the problem is fixed or a fix is arranged */
	bool		resolved;
	uint32_t	res_start;		/* the first fix word's span */
	uint32_t	res_len;
	/* "we understand your frustration": stock care, a weak emotional reaction */
	bool		scripted_care;
	uint32_t	scare_start;	/* the first such phrase's span */
	uint32_t	scare_len;
	/* "we apologise for any inconvenience": a stock apology, an apology too */
	bool		stock_apology;
	uint32_t	sapo_start;		/* the first one's span */
	uint32_t	sapo_len;
	bool		if_clause;		/* in a clause after "if": a supposition */
	uint32_t	if_start;		/* where its "if" is */
	bool		asks;			/* the reply asks something ("?") */
} ScanCtx;

/*
 * Count the customer's name among a reply's words, as they are read.  A name
 * that is also a word of the catalogue ("Will", "Hope", "May") counts only
 * written with a capital, and at the start of a sentence only before a
 * comma: "Will, I'm sorry" and "thanks, Will" name the customer, "it will
 * arrive" and "Will you be home?" do not.
 */
static void
count_name(void *arg, const EmpToken *tok)
{
	ScanCtx    *c = (ScanCtx *) arg;
	bool		start;

	if (!c->name_is_word)
	{
		/* the first byte first: most words of the name's length differ there */
		if (tok->kind == EMP_TOK_WORD && tok->normlen == c->namelen && tok->norm[0] == c->name[0] &&
			memcmp(tok->norm, c->name, c->namelen) == 0)
			c->name_count++;
		return;
	}
	if (c->name_pending && tok->kind == EMP_TOK_PUNCT && tok->punct == ',')
		c->name_count++;
	c->name_pending = false;
	start = c->name_sent_start;
	c->name_sent_start = tok->kind == EMP_TOK_BREAK ||
		(tok->kind == EMP_TOK_PUNCT && (tok->flags & EMP_TF_SENT_END)) ||
		(tok->kind == EMP_TOK_PUNCT && start);
	if (tok->kind == EMP_TOK_WORD && (tok->flags & EMP_TF_CAPITALIZED) && tok->normlen == c->namelen &&
		memcmp(tok->norm, c->name, c->namelen) == 0)
	{
		if (start)
			c->name_pending = true;
		else
			c->name_count++;
	}
}

/* Record one hit. */
static void
emit_hit(ScanCtx *c, EmpMarkerHit *h)
{
	EmpMarkerScan *o = c->out;

	/* "if the original was unclear, errors can occur": no care is shown */
	if (h->category == EMP_MK_EMOTIONAL_REACTION && c->if_clause && h->start > c->if_start)
		return;
	if (h->strength > o->level[h->category])
		o->level[h->category] = h->strength;
	o->count[h->category]++;
	if (h->category == EMP_MK_APOLOGY || h->category == EMP_MK_EMOTIONAL_REACTION)
		c->sent_care = true;
	if (h->term > 0 && h->term < c->ms->nhot && c->ms->understands[h->term])
		c->understood = true;
	if (h->category == EMP_MK_EMOTIONAL_REACTION && h->feeling == 0)
		c->sent_er_open = true;
	if (h->category == EMP_MK_EMOTIONAL_REACTION && h->strength >= 2)
		c->sent_er2 = true;
	if (h->category == EMP_MK_SCRIPTED || h->category == EMP_MK_BLAME ||
		h->category == EMP_MK_DISMISSIVE || h->category == EMP_MK_MINIMIZING)
		c->sent_negative = true;
	if (c->fn)
		c->fn(c->arg, h);
}

/*
 * Close a sentence.  Without full (a scan for its markers alone), only
 * what the markers read is kept: the sentence counts, and whether the
 * sentence had negative words (for the exploration rule).
 */
static inline __attribute__((always_inline)) void
end_sentence(ScanCtx *c, bool had_words, bool apology, const bool full)
{
	if (!had_words)
		return;
	c->out->nsentences++;
	if (apology)
		c->out->apology_sentences++;
	if (!full)
	{
		c->sent_negative = false;
		return;
	}
	/*
	 * "I know how frustrating delays can be": care stated in general is a
	 * weak emotional reaction, whatever feeling it names.
	 */
	if (c->sent_er2 && !c->sent_generic)
		c->er2_specific = true;
	/*
	 * Care tied to the customer's situation, unless the sentence is a
	 * notice, a reproach or a general statement.
	 */
	if (c->sent_care && c->sent_overlap >= 2 && !c->sent_negative)
		c->care_tied = true;
	/*
	 * A policy notice or a reproach that repeats the customer's words ("as
	 * per our policy, refunds take...", "you should have displayed the
	 * permit") restates the facts without showing they were understood.
	 * Nor does a sentence of bare facts ("late arrival is fine, no fee",
	 * "the results came back this morning"): a restatement speaks of the
	 * customer ("you took a day off") or of how it feels ("being charged
	 * twice before rent is due is stressful").
	 */
	if (c->sent_overlap > c->max_sent_overlap && !c->sent_negative && !c->sent_fix &&
		(c->sent_you || c->sent_care))
		c->max_sent_overlap = c->sent_overlap;
	/* "sorry you're disappointed": the feeling the care names */
	if (c->sent_er_open && c->sent_feel && c->feeling_fn)
		c->feeling_fn(c->arg, c->sent_feel, c->sent_feel_start, c->sent_feel_len);
	c->sent_er_open = false;
	c->sent_feel = 0;
	c->sent_care = false;
	c->sent_negative = false;
	c->sent_generic = false;
	c->prev_can = false;
	c->sent_er2 = false;
	c->sent_overlap = 0;
	c->sent_you = false;
	c->sent_fix = false;
}

/* "you", "your", "yours", "yourself", "you're", "you've"...: the customer. */
static inline bool
is_second_person(const char *w, uint32_t len)
{
	if (len < 3 || (w[0] | 0x20) != 'y' || (w[1] | 0x20) != 'o' || (w[2] | 0x20) != 'u')
		return false;
	return len == 3 || (w[3] | 0x20) == 'r' || w[3] == '\'' || (unsigned char) w[3] == 0xE2;
}

/*
 * Words that decide whether an agent's question asks about the customer's
 * situation: the clause opens with a question word or an auxiliary
 * ("what happened", "does it drop", "was it the same restaurant"), and the
 * question is not a closed check of the agent's own offer ("does that work
 * for you?"), a request for an identifier ("what is your order number?") or
 * troubleshooting ("have you tried restarting?").
 */
#define Q_OTHER		0
#define Q_OPEN		1		/* what, which, when, where, how, who, why */
#define Q_AUX		2		/* is, are, was, were, do, does, did, has, have, had */
#define Q_THAT		3		/* that, this: "is that okay?" checks the offer */
#define Q_BLOCK		4		/* identifiers and troubleshooting */
#define Q_CHOICE	5		/* "suit", "easier", "prefer"... */
#define Q_WHICH		6		/* "which": with a Q_CHOICE word, a choice between offered options */
#define Q_KNOW		7		/* "know": "did you know you can pause?" tells, it does not ask */
#define Q_GOOD		8		/* "good", "better": a choice with "which" or before "for"
							 * ("is Monday good for you?"), not in "is the pain better?" */

/* Does the ASCII word w (len bytes) equal the lowercase literal lit, ignoring case? */
static inline bool
same_word_ci(const char *w, const char *lit, uint32_t len)
{
	if ((w[0] | 0x20) != lit[0])
		return false;
	for (uint32_t i = 1; i < len; i++)
		if ((w[i] | 0x20) != lit[i])
			return false;
	return true;
}

/* Words that open a supposed clause, and the words around them that count. */
#define HYPO_OTHER		0
#define HYPO_OPENER		1		/* "if", "whether", "unless" */
#define HYPO_AS			2		/* "as if", "even if": a complaint, not a supposition */
#define HYPO_WOULD		3		/* "would I", "would we": asking what would happen */
#define HYPO_PERSON		4
#define HYPO_IN			5		/* "in case" */
#define HYPO_CASE		6
#define HYPO_IF			7		/* "if": an opener, or a polite request ("if you could") */
#define HYPO_ASKED		8		/* "you", "someone", "anyone", "somebody" */
#define HYPO_CAN		9		/* "can", "could" */

/* Words of a customer message that other rules of the message read. */
#define WC_EXAMPLE		0x0001	/* "such", "say": "..., such as a crack" */
#define WC_LIKE			0x0002	/* "like": "..., like a tear in a lens" */
#define WC_LIKE_NEXT	0x0004	/* "a", "an", "the", "if" after that "like" */
#define WC_VEXED		0x0008	/* "again", "even" */
#define WC_WHY			0x0010	/* "why", "reason" */
#define WC_MINE			0x0020	/* "my", "our", "me", "us" */
#define WC_NOT			0x0040	/* "not", "never" */
#define WC_WILL			0x0080	/* "will", "would": a clause opened like "is", "do" */
#define WC_WEAR			0x0100	/* "wear and tear" */
#define WC_AND			0x0200
#define WC_TEAR			0x0400
#define WC_WITHOUT		0x1000	/* "without" */
#define WC_EASY			0x2000	/* after it, no trouble: "without any problems", "without being asked" */
#define WC_ASK			0x4000	/* ... after a person: "without me asking", "without having to ask" */
#define WC_WSKIP		0x8000	/* passed over after it: "without any", "without me having to" */
#define WC_PERSON		0x10000 /* "me", "us", "anyone", "having": a person asks */
#define WC_SPENT		0x20000 /* "paid", "took", "flew": "... the day off for this" */
#define WC_THIS			0x40000 /* "this" */
#define WC_STILL		0x80000 /* "still" */
#define WC_STILL_OK		0x100000	/* after "still", no trouble: "is it still on?" */
#define WC_PASSED		0x200000	/* "passed" */
#define WC_AWAY			0x400000	/* "away": "passed away" */
#define WC_BE_GONE		0x800000	/* "is", "been", "went", "gone": "has been down" */
#define WC_DOWN			0x1000000	/* "down" */
#define WC_PAST			0x2000000	/* "was", "were", "been", "felt", "had": "I was nervous" */
#define WC_AGAIN		0x4000000	/* "again" */
#define WC_CUSTOM		0x8000000	/* "order", "book", "stay": "will order again" is custom
									 * repeated, no problem repeated */
#define WC_WHO			0x10000000	/* "who" */
#define WC_WAITED		0x20000000	/* "waited", "waiting": "the driver who waited" is
									 * someone else's patience, no delay */
#define WC_TOLD			0x40000000	/* "told": "we were told", "you told me" report a
									 * promise; "already told my whole street" praises */
#define WC_TELLER		0x80000000	/* after it, "told" is the customer's: "I already told
									 * them", "we've told staff" ("also", "just" too) */
/* and of a reply */
#define WC_FOR			0x0800	/* "good for you"; in a message, "... for this" */

/*
 * The words, with their classes.  For the question rule (looked up only
 * for clause openers and the words of an asking sentence): question words,
 * auxiliaries, "that"/"this", and the identifiers, processing details (as
 * the labelling guide lists them) and troubleshooting words that make a
 * question no exploration.  For the supposed-clause rule: the openers and
 * the words around them.
 */
static const struct
{
	const char *w;
	uint8_t		question;
	uint8_t		hypo;
	uint32_t	bits;
}			class_words[] = {
	{"a", Q_OTHER, HYPO_OTHER, WC_LIKE_NEXT | WC_WSKIP}, {"i", Q_OTHER, HYPO_PERSON, 0},
	{"an", Q_OTHER, HYPO_OTHER, WC_LIKE_NEXT | WC_WSKIP}, {"as", Q_OTHER, HYPO_AS, 0},
	{"do", Q_AUX, HYPO_OTHER, 0}, {"id", Q_BLOCK, HYPO_OTHER, 0},
	{"if", Q_OTHER, HYPO_IF, WC_LIKE_NEXT}, {"in", Q_OTHER, HYPO_IN, 0},
	{"is", Q_AUX, HYPO_OTHER, WC_BE_GONE}, {"me", Q_OTHER, HYPO_OTHER, WC_MINE | WC_PERSON | WC_WSKIP},
	{"my", Q_OTHER, HYPO_OTHER, WC_MINE}, {"us", Q_OTHER, HYPO_OTHER, WC_MINE | WC_PERSON | WC_WSKIP},
	{"we", Q_OTHER, HYPO_PERSON, 0},
	{"and", Q_OTHER, HYPO_OTHER, WC_AND}, {"are", Q_AUX, HYPO_OTHER, WC_BE_GONE},
	{"can", Q_OTHER, HYPO_CAN, 0}, {"did", Q_AUX, HYPO_OTHER, 0},
	{"for", Q_OTHER, HYPO_OTHER, WC_FOR}, {"had", Q_AUX, HYPO_OTHER, WC_PAST},
	{"has", Q_AUX, HYPO_OTHER, 0}, {"how", Q_OPEN, HYPO_OTHER, 0},
	{"not", Q_OTHER, HYPO_OTHER, WC_NOT}, {"our", Q_OTHER, HYPO_OTHER, WC_MINE},
	{"say", Q_OTHER, HYPO_OTHER, WC_EXAMPLE}, {"the", Q_OTHER, HYPO_OTHER, WC_LIKE_NEXT},
	{"try", Q_BLOCK, HYPO_OTHER, 0}, {"was", Q_AUX, HYPO_OTHER, WC_BE_GONE | WC_PAST},
	{"who", Q_OPEN, HYPO_OTHER, WC_WHO}, {"why", Q_OPEN, HYPO_OTHER, WC_WHY},
	{"you", Q_OTHER, HYPO_ASKED, 0},
	{"best", Q_CHOICE, HYPO_OTHER, 0}, {"case", Q_OTHER, HYPO_CASE, 0},
	{"does", Q_AUX, HYPO_OTHER, 0}, {"even", Q_OTHER, HYPO_AS, WC_VEXED | WC_WSKIP},
	{"good", Q_GOOD, HYPO_OTHER, 0}, {"have", Q_AUX, HYPO_OTHER, 0},
	{"help", Q_BLOCK, HYPO_OTHER, 0}, {"know", Q_KNOW, HYPO_OTHER, 0},
	{"like", Q_OTHER, HYPO_OTHER, WC_LIKE}, {"such", Q_OTHER, HYPO_OTHER, WC_EXAMPLE},
	{"suit", Q_CHOICE, HYPO_OTHER, 0}, {"tear", Q_OTHER, HYPO_OTHER, WC_TEAR},
	{"that", Q_THAT, HYPO_OTHER, 0}, {"this", Q_THAT, HYPO_OTHER, WC_THIS},
	{"time", Q_BLOCK, HYPO_OTHER, 0}, {"want", Q_CHOICE, HYPO_OTHER, 0},
	{"wear", Q_OTHER, HYPO_OTHER, WC_WEAR}, {"were", Q_AUX, HYPO_OTHER, WC_BE_GONE | WC_PAST},
	{"what", Q_OPEN, HYPO_OTHER, 0}, {"when", Q_OPEN, HYPO_OTHER, 0},
	{"will", Q_OTHER, HYPO_OTHER, WC_WILL},
	{"again", Q_OTHER, HYPO_OTHER, WC_VEXED | WC_AGAIN}, {"could", Q_OTHER, HYPO_CAN, 0},
	/* what a customer does again by choice: "would book with you again" */
	{"told", Q_OTHER, HYPO_OTHER, WC_TOLD}, {"already", Q_OTHER, HYPO_OTHER, WC_TELLER},
	{"also", Q_OTHER, HYPO_OTHER, WC_TELLER}, {"just", Q_OTHER, HYPO_OTHER, WC_TELLER},
	{"i've", Q_OTHER, HYPO_OTHER, WC_TELLER}, {"we've", Q_OTHER, HYPO_OTHER, WC_TELLER},
	{"ive", Q_OTHER, HYPO_OTHER, WC_TELLER}, {"weve", Q_OTHER, HYPO_OTHER, WC_TELLER},
	{"waited", Q_OTHER, HYPO_OTHER, WC_WAITED}, {"waiting", Q_OTHER, HYPO_OTHER, WC_WAITED},
	{"order", Q_OTHER, HYPO_OTHER, WC_CUSTOM}, {"ordered", Q_OTHER, HYPO_OTHER, WC_CUSTOM},
	{"ordering", Q_OTHER, HYPO_OTHER, WC_CUSTOM}, {"book", Q_OTHER, HYPO_OTHER, WC_CUSTOM},
	{"booked", Q_OTHER, HYPO_OTHER, WC_CUSTOM}, {"booking", Q_OTHER, HYPO_OTHER, WC_CUSTOM},
	{"buy", Q_OTHER, HYPO_OTHER, WC_CUSTOM}, {"bought", Q_OTHER, HYPO_OTHER, WC_CUSTOM},
	{"buying", Q_OTHER, HYPO_OTHER, WC_CUSTOM}, {"visit", Q_OTHER, HYPO_OTHER, WC_CUSTOM},
	{"visiting", Q_OTHER, HYPO_OTHER, WC_CUSTOM}, {"stay", Q_OTHER, HYPO_OTHER, WC_CUSTOM},
	{"staying", Q_OTHER, HYPO_OTHER, WC_CUSTOM}, {"shop", Q_OTHER, HYPO_OTHER, WC_CUSTOM},
	{"shopping", Q_OTHER, HYPO_OTHER, WC_CUSTOM}, {"use", Q_OTHER, HYPO_OTHER, WC_CUSTOM},
	{"using", Q_OTHER, HYPO_OTHER, WC_CUSTOM}, {"fly", Q_OTHER, HYPO_OTHER, WC_CUSTOM},
	{"flying", Q_OTHER, HYPO_OTHER, WC_CUSTOM}, {"recommend", Q_OTHER, HYPO_OTHER, WC_CUSTOM},
	{"dine", Q_OTHER, HYPO_OTHER, WC_CUSTOM},
	{"email", Q_BLOCK, HYPO_OTHER, 0}, {"never", Q_OTHER, HYPO_OTHER, WC_NOT},
	{"phone", Q_BLOCK, HYPO_OTHER, 0}, {"photo", Q_BLOCK, HYPO_OTHER, 0},
	{"reset", Q_BLOCK, HYPO_OTHER, 0}, {"suits", Q_CHOICE, HYPO_OTHER, 0},
	{"tried", Q_BLOCK, HYPO_OTHER, 0}, {"checked", Q_BLOCK, HYPO_OTHER, 0},
	{"where", Q_OPEN, HYPO_OTHER, 0},
	{"which", Q_WHICH, HYPO_OTHER, 0}, {"would", Q_OTHER, HYPO_WOULD, WC_WILL},
	{"anyone", Q_OTHER, HYPO_ASKED, WC_PERSON | WC_WSKIP}, {"better", Q_GOOD, HYPO_OTHER, 0},
	{"device", Q_BLOCK, HYPO_OTHER, 0}, {"easier", Q_CHOICE, HYPO_OTHER, 0},
	{"number", Q_BLOCK, HYPO_OTHER, 0}, {"prefer", Q_CHOICE, HYPO_OTHER, 0},
	{"reason", Q_OTHER, HYPO_OTHER, WC_WHY}, {"region", Q_BLOCK, HYPO_OTHER, 0},
	{"unless", Q_OTHER, HYPO_OPENER, 0},
	{"account", Q_BLOCK, HYPO_OTHER, 0}, {"address", Q_BLOCK, HYPO_OTHER, 0},
	{"browser", Q_BLOCK, HYPO_OTHER, 0}, {"receipt", Q_BLOCK, HYPO_OTHER, 0},
	{"restart", Q_BLOCK, HYPO_OTHER, 0}, {"someone", Q_OTHER, HYPO_ASKED, 0},
	{"version", Q_BLOCK, HYPO_OTHER, 0}, {"whether", Q_OTHER, HYPO_OPENER, 0},
	{"pharmacy", Q_BLOCK, HYPO_OTHER, 0}, {"platform", Q_BLOCK, HYPO_OTHER, 0},
	{"postcode", Q_BLOCK, HYPO_OTHER, 0}, {"somebody", Q_OTHER, HYPO_ASKED, 0},
	{"username", Q_BLOCK, HYPO_OTHER, 0},
	{"reference", Q_BLOCK, HYPO_OTHER, 0}, {"reinstall", Q_BLOCK, HYPO_OTHER, 0},
	{"convenient", Q_CHOICE, HYPO_OTHER, 0}, {"restarting", Q_BLOCK, HYPO_OTHER, 0},
	{"screenshot", Q_BLOCK, HYPO_OTHER, 0},
	/* "without": a fact, unless no trouble follows */
	{"to", Q_OTHER, HYPO_OTHER, WC_WSKIP}, {"any", Q_OTHER, HYPO_OTHER, WC_WSKIP},
	{"being", Q_OTHER, HYPO_OTHER, WC_WSKIP}, {"having", Q_OTHER, HYPO_OTHER, WC_PERSON | WC_WSKIP},
	{"single", Q_OTHER, HYPO_OTHER, WC_WSKIP}, {"without", Q_OTHER, HYPO_OTHER, WC_WITHOUT},
	{"problem", Q_OTHER, HYPO_OTHER, WC_EASY}, {"problems", Q_OTHER, HYPO_OTHER, WC_EASY},
	{"issue", Q_OTHER, HYPO_OTHER, WC_EASY}, {"issues", Q_OTHER, HYPO_OTHER, WC_EASY},
	{"hassle", Q_OTHER, HYPO_OTHER, WC_EASY}, {"fuss", Q_OTHER, HYPO_OTHER, WC_EASY},
	{"hitch", Q_OTHER, HYPO_OTHER, WC_EASY}, {"trouble", Q_OTHER, HYPO_OTHER, WC_EASY},
	{"delay", Q_OTHER, HYPO_OTHER, WC_EASY}, {"question", Q_OTHER, HYPO_OTHER, WC_EASY},
	{"questions", Q_OTHER, HYPO_OTHER, WC_EASY}, {"asked", Q_OTHER, HYPO_OTHER, WC_EASY},
	{"prompted", Q_OTHER, HYPO_OTHER, WC_EASY}, {"prompting", Q_OTHER, HYPO_OTHER, WC_EASY},
	{"reminded", Q_OTHER, HYPO_OTHER, WC_EASY}, {"chased", Q_OTHER, HYPO_OTHER, WC_EASY},
	{"ask", Q_OTHER, HYPO_OTHER, WC_ASK}, {"asking", Q_OTHER, HYPO_OTHER, WC_ASK},
	{"chase", Q_OTHER, HYPO_OTHER, WC_ASK}, {"chasing", Q_OTHER, HYPO_OTHER, WC_ASK},
	/* what the customer gave: "paying 45 a month for this" */
	{"paid", Q_OTHER, HYPO_OTHER, WC_SPENT},
	{"paying", Q_OTHER, HYPO_OTHER, WC_SPENT}, {"took", Q_OTHER, HYPO_OTHER, WC_SPENT},
	{"spent", Q_OTHER, HYPO_OTHER, WC_SPENT}, {"flew", Q_OTHER, HYPO_OTHER, WC_SPENT},
	{"drove", Q_OTHER, HYPO_OTHER, WC_SPENT}, {"travelled", Q_OTHER, HYPO_OTHER, WC_SPENT},
	{"traveled", Q_OTHER, HYPO_OTHER, WC_SPENT},
	/* "still" reports a problem, unless what follows is as planned: "still on for Saturday?" */
	{"still", Q_OTHER, HYPO_OTHER, WC_STILL},
	{"on", Q_OTHER, HYPO_OTHER, WC_STILL_OK}, {"valid", Q_OTHER, HYPO_OTHER, WC_STILL_OK},
	{"available", Q_OTHER, HYPO_OTHER, WC_STILL_OK}, {"open", Q_OTHER, HYPO_OTHER, WC_STILL_OK},
	{"happening", Q_OTHER, HYPO_OTHER, WC_STILL_OK}, {"ok", Q_OTHER, HYPO_OTHER, WC_STILL_OK},
	{"okay", Q_OTHER, HYPO_OTHER, WC_STILL_OK}, {"fine", Q_OTHER, HYPO_OTHER, WC_STILL_OK},
	{"active", Q_OTHER, HYPO_OTHER, WC_STILL_OK}, {"live", Q_OTHER, HYPO_OTHER, WC_STILL_OK},
	{"possible", Q_OTHER, HYPO_OTHER, WC_STILL_OK}, {"free", Q_OTHER, HYPO_OTHER, WC_STILL_OK},
	{"interested", Q_OTHER, HYPO_OTHER, WC_STILL_OK}, {"love", Q_OTHER, HYPO_OTHER, WC_STILL_OK},
	{"happy", Q_OTHER, HYPO_OTHER, WC_STILL_OK}, {"enjoying", Q_OTHER, HYPO_OTHER, WC_STILL_OK},
	/* a bereavement: "my mother passed away" */
	{"passed", Q_OTHER, HYPO_OTHER, WC_PASSED}, {"away", Q_OTHER, HYPO_OTHER, WC_AWAY},
	/* an outage: "the app has been down all morning", "your servers went down" */
	{"been", Q_OTHER, HYPO_OTHER, WC_BE_GONE | WC_PAST}, {"went", Q_OTHER, HYPO_OTHER, WC_BE_GONE},
	{"felt", Q_OTHER, HYPO_OTHER, WC_PAST},
	{"gone", Q_OTHER, HYPO_OTHER, WC_BE_GONE}, {"down", Q_OTHER, HYPO_OTHER, WC_DOWN}
};

/*
 * Pack a word of at most 16 bytes into key, zero-padded; with lower, bit
 * 0x20 is set in each of its bytes, so that "What" packs as "what" (the
 * table's words are lowercase letters: a byte matches one of them as
 * (byte | 0x20) does).  avail is how many bytes may be read at w.
 */
static inline void
pack_word(const char *w, uint32_t len, size_t avail, bool lower, uint64_t key[2])
{
	uint64_t	m0 = len >= 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * len)) - 1;
	uint64_t	m1 = len >= 16 ? ~UINT64_C(0) : len <= 8 ? 0 : (UINT64_C(1) << (8 * (len - 8))) - 1;

	if (avail >= 16)
		memcpy(key, w, 16);
	else
	{
		key[0] = key[1] = 0;
		memcpy(key, w, len);
	}
	if (lower)
	{
		key[0] |= UINT64_C(0x2020202020202020);
		key[1] |= UINT64_C(0x2020202020202020);
	}
	key[0] &= m0;
	key[1] &= m1;
}

/* A packed word's first slot: by its first eight bytes (few words are longer). */
static inline uint32_t
word_slot(const uint64_t key[2])
{
	return (uint32_t) ((key[0] * UINT64_C(0x9E3779B97F4A7C15)) >> 55) & (WORD_SLOTS - 1);
}

/* Fill the word table. */
static void
word_table_init(EmpMarkerSet *ms)
{
	_Static_assert(sizeof(class_words) / sizeof(class_words[0]) * 2 < WORD_SLOTS, "the table is at most half full");
	for (size_t i = 0; i < sizeof(class_words) / sizeof(class_words[0]); i++)
	{
		uint32_t	len = (uint32_t) strlen(class_words[i].w);
		WordClass  *e;
		uint32_t	j;
		uint64_t	key[2];

		pack_word(class_words[i].w, len, len, false, key);
		for (j = word_slot(key); ms->words[j].len != 0; j = (j + 1) & (WORD_SLOTS - 1))
			;
		e = &ms->words[j];
		e->key[0] = key[0];
		e->key[1] = key[1];
		e->len = (uint8_t) len;
		e->question = class_words[i].question;
		e->hypo = class_words[i].hypo;
		e->bits = class_words[i].bits;
	}
	for (uint32_t j = 0; j < WORD_SLOTS; j++)
	{
		if (ms->words[j].len == 0)
		{
			ms->empty_word = (uint16_t) j;
			break;
		}
	}
}

/* The classes of a word not in the table. */
static const WordClass no_word;

/* The classes of a packed word of len (at most 16) bytes. */
static inline const WordClass *
word_class(const EmpMarkerSet *ms, const uint64_t key[2], uint32_t len)
{
	uint32_t	j;

	for (j = word_slot(key); ms->words[j].len != 0; j = (j + 1) & (WORD_SLOTS - 1))
	{
		const WordClass *e = &ms->words[j];

		if (e->key[0] == key[0] && e->key[1] == key[1] && e->len == len)
			return e;
	}
	return &no_word;
}

/* The classes of a reply's word, its letters in any case (avail: bytes readable at w). */
static inline const WordClass *
reply_word(const EmpMarkerSet *ms, const char *w, uint32_t len, size_t avail)
{
	uint64_t	key[2];

	if (len > 16)
		return &no_word;
#ifdef __SSE2__
	if (avail >= 16)
	{
		/*
		 * pack_word's key in one load: each byte with bit 0x20 set, those
		 * from len on cleared by a mask of the bytes whose index is below
		 * len, without its tests of the length.
		 */
		__m128i		v = _mm_loadu_si128((const __m128i *) w);
		__m128i		keep = _mm_cmpgt_epi8(_mm_set1_epi8((char) len),
										  _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7,
														8, 9, 10, 11, 12, 13, 14, 15));

		_mm_storeu_si128((__m128i *) key, _mm_and_si128(_mm_or_si128(v, _mm_set1_epi8(0x20)), keep));
		return word_class(ms, key, len);
	}
#endif
	pack_word(w, len, avail, true, key);
	return word_class(ms, key, len);
}

/* A word and its length, for lists compared against words as written. */
typedef struct LitWord
{
	const char *s;
	uint32_t	n;
} LitWord;

#define LW(w)	{w, sizeof(w) - 1}

/* Is the ASCII word w, in any case, one of the n words of list? */
static bool
in_words(const LitWord *list, size_t n, const char *w, uint32_t len)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].n == len && same_word_ci(w, list[i].s, len))
			return true;
	return false;
}

/* A word written as a participle: "refunded", "sent", "held", "reset", "ready". */
static bool
is_participle(const char *w, uint32_t len)
{
	static const LitWord irregular[] = {
		LW("sent"), LW("held"), LW("paid"), LW("reset"), LW("ready"), LW("resent"), LW("frozen"),
		LW("unfrozen")
	};
	/* words ending in "ed" that are no past participle ("it's just need a restart") */
	static const LitWord not_past[] = {
		LW("need"), LW("indeed"), LW("speed"), LW("feed"), LW("seed"), LW("deed"), LW("weed"),
		LW("bleed"), LW("breed"), LW("greed"), LW("proceed"), LW("succeed"), LW("exceed"),
		LW("hundred"), LW("sacred"), LW("naked"), LW("wicked"), LW("shed"), LW("sled"), LW("embed")
	};

	if (len >= 4 && (w[len - 2] | 0x20) == 'e' && (w[len - 1] | 0x20) == 'd')
		return !in_words(not_past, lengthof(not_past), w, len);
	return in_words(irregular, lengthof(irregular), w, len);
}

/* Is the ASCII word w a number word ("one" to "twenty", "a hundred": "at least two")? */
static bool
spelled_number(const char *w, uint32_t len)
{
	if (len == 3 && same_word_ci(w, "one", 3))
		return true;
	for (size_t i = 0; i < lengthof(number_words); i++)
		if (strlen(number_words[i][0]) == len && same_word_ci(w, number_words[i][0], len))
			return true;
	return false;
}

/*
 * A minimizing phrase that the next word may undo: one ending in "just"
 * (1: "that's just stopped" is "that has just stopped") or "least" (2: "at
 * least two of the teas" is a quantity); 0 for any other.
 */
static __attribute__((noinline)) int
deferred_kind(const EmpSlot *s, const char *text)
{
	if (s->kind != EMP_TOK_WORD)
		return 0;
	if (s->len == 4 && same_word_ci(text + s->start, "just", 4))
		return 1;
	if (s->len == 5 && same_word_ci(text + s->start, "least", 5))
		return 2;
	return 0;
}

/* Does the word after a deferred minimizing phrase (kind as deferred_kind) undo it? */
static __attribute__((noinline)) bool
deferred_told(int kind, const EmpSlot *s, const char *text)
{
	const char *w = text + s->start;

	if (kind == 2)
		return s->kind == EMP_TOK_NUMBER || (s->kind == EMP_TOK_WORD && s->part == 0 && spelled_number(w, s->len));
	return s->kind == EMP_TOK_WORD && s->part == 0 &&
		(is_participle(w, s->len) ||
		 (s->len == 4 && (same_word_ci(w, "been", 4) || same_word_ci(w, "gone", 4))) ||
		 (s->len == 3 && same_word_ci(w, "got", 3)));
}

/* The form of a fix word as written. */
#define FORM_BASE	0		/* "refund", "refunds" */
#define FORM_ING	1		/* "refunding" */
#define FORM_PART	2		/* "refunded", "sent" */
#define FORM_OTHER	3		/* a word of the same stem that is no verb:
							 * "actively", "reservations", "bookings" */

static int
fix_form(const char *w, uint32_t len)
{
	static const LitWord other[] = {LW("ly"), LW("ion"), LW("ions"), LW("ings"), LW("ment"), LW("ments")};

	for (size_t i = 0; i < lengthof(other); i++)
	{
		if (len > other[i].n + 2 && same_word_ci(w + len - other[i].n, other[i].s, other[i].n))
			return FORM_OTHER;
	}
	if (is_participle(w, len))
		return FORM_PART;
	if (len > 5 && same_word_ci(w + len - 3, "ing", 3))
		return FORM_ING;
	return FORM_BASE;
}

/*
 * Scan a reply with a context.  With full, for an empathy score, the rules
 * that only the score reads are applied too (care tied to the customer's
 * words, resolution, specifics, reflection); without, the scan finds the
 * markers alone.  Each is compiled on its own (scan_markers, scan_empathy),
 * so that neither tests what the other needs.
 */
/* The sentence says a fix is made (at start, len bytes): the first one is the reply's. */
static inline void
said_fix(ScanCtx *c, uint32_t start, uint32_t len)
{
	c->sent_fix = true;
	if (!c->resolved)
	{
		c->resolved = true;
		c->res_start = start;
		c->res_len = len;
	}
}

static inline __attribute__((always_inline)) void
scan_reply(ScanCtx *c, const char *text, size_t len, const bool full)
{
	EmpMarkerSet *ms = c->ms;
	EmpMarkerScan *o = c->out;
	EmpWalker	w;
	EmpSlot    *s;
	EmpMarkerHit pending;
	int			remaining = 0;
	long		word = 0;		/* counted words in the sentence */
	long		last_neg = -100;
	bool		had_words = false;
	uint32_t	sent_apologies = 0;
	uint32_t	sentence = 0;
	bool		pending_drop = false;
	int			pending_defer = 0;	/* a minimizing phrase ending in "just" (1) or "at least"
									 * (2), told by the next word */
	bool		pending_apologetic = false;
	bool		pending_understand = false; /* a stock phrase of understanding */
	uint32_t	prev_start = 0; /* the clause's last word, read for "as if" */
	uint32_t	prev_len = 0;	/* and "even if" (0: none) */
	long		if_word = 0;	/* the clause's word number of its "if" */
	bool		q_open = false;		/* a clause of this sentence opens a question */
	bool		q_block = false;	/* ... that asks for an identifier or a fix */
	bool		q_choice = false;	/* ... that offers a choice ("which would suit you?") */
	bool		q_which = false;	/* ... opened by "which" */
	bool		q_closed = false;	/* ... opened by an auxiliary: a yes/no question */
	bool		q_good = false;		/* the last word was "good" or "better" */
	uint8_t		clause_open = Q_OTHER;	/* how the current clause opened */
	uint32_t	q_start = 0;
	uint32_t	clause_start = 0;	/* where the current clause's opener is */
	/* the resolution rule: see resolution_words */
	bool		res_subj = false;	/* "I"/"we" in the clause, then only auxiliaries */
	bool		res_aux = false;	/* an auxiliary, then only fillers */
	int			res_auxkind = AUX_NONE; /* the last auxiliary: what form may follow */
	bool		res_to = false;		/* "to" just before: "happy to refund" */
	bool		res_clause = false; /* the sentence's fix was found in this clause */
	bool		res_head_num = false;	/* a participle opened the sentence: a number next? */
	uint32_t	res_head_start = 0,
				res_head_len = 0;
	bool		res_cond = false;	/* the clause supposes ("if", "once") */
	bool		res_block = false;	/* ... or says it cannot ("unable") */
	bool		res_you = false;	/* ... or speaks of the customer: "you've been sent a bill" */
	bool		res_may = false;	/* "can"/"could" with no "I"/"we": what may be done */
	bool		res_head = true;	/* no subject or auxiliary yet in the sentence */
	bool		res_past = false;	/* "I refunded": a simple past waiting for "today" */
	bool		res_recent = false; /* "just", "this morning" in the clause */
	bool		res_err = false;	/* "wrong", "by mistake" in the clause */
	bool		res_lead = false;	/* the clause's "I"/"we" opens it */
	bool		res_by_past = false;	/* the sentence's fix is this clause's simple past */
	long		res_recent_words = 0;	/* recency words before it in the clause */
	long		res_past_word = 0;	/* the simple past's word number */
	long		res_fix_word = -2;	/* the word of the sentence's fix, if a word set it */
	long		res_conj_word = -1; /* the word number just after "and", "so" */
	uint32_t	res_past_start = 0,
				res_past_len = 0;
	bool		sent_res = false;	/* the sentence says a fix is done or arranged */
	bool		semi_res = false;	/* it did before a semicolon: made, unless "or" follows */
	uint32_t	sent_res_start = 0,
				sent_res_len = 0;

	emp_clear_bytes(o, sizeof(*o));
	emp_markers_finish(ms);
	/*
	 * The symbols come straight from the hot table; the name is counted
	 * per token, so that no slot needs a call.  The loop counts no slots
	 * for the interrupt check: the tokenizer makes it every 1024 tokens
	 * (as the sentiment's walk relies on), and a slot's work here is
	 * bounded.
	 */
	emp_walker_init(&w, ms->lx, ms->tz, text, len);
	emp_walker_set_symbols(&w, &ms->hot[0].sym, sizeof(MarkerHot), ms->nhot);
	if (c->namelen)
		emp_walker_set_token_fn(&w, count_name, c);
	while ((s = emp_walker_next(&w)) != NULL)
	{
		if (s->kind == EMP_TOK_PUNCT || s->kind == EMP_TOK_BREAK)
		{
			if (s->kind == EMP_TOK_PUNCT && (s->punct == '?' || s->punct == 'x'))
				c->asks = true;
			if (remaining > 0)
			{
				if (!pending_drop)
					emit_hit(c, &pending);
				remaining = 0;
			}
			if (pending_defer)
			{
				emit_hit(c, &pending);
				pending_defer = 0;
			}
			last_neg = -100;
			word = 0;
			clause_open = Q_OTHER;
			c->if_clause = false;
			prev_len = 0;
			res_subj = res_aux = res_cond = res_block = res_you = res_may = false;
			res_to = res_clause = res_head_num = false;
			res_past = res_recent = res_err = res_lead = res_by_past = false;
			res_recent_words = 0;
			res_conj_word = -1;
			res_auxkind = AUX_NONE;
			/*
			 * A fix said before a semicolon is made, whatever the clause
			 * after it asks: "I'll close the account today; could you send
			 * the certificate?"
			 */
			if (sent_res && s->kind == EMP_TOK_PUNCT && s->punct == ';' && !(s->flags & EMP_TF_SENT_END))
			{
				semi_res = true;
				sent_res = false;
			}
			if (semi_res && ((s->flags & EMP_TF_SENT_END) || s->kind == EMP_TOK_BREAK))
			{
				semi_res = false;
				sent_res = true;	/* nothing after the semicolon: said */
			}
			if ((s->flags & EMP_TF_SENT_END) || s->kind == EMP_TOK_BREAK)
			{
				/* a fix offered as a question is not one made */
				if (sent_res && !(s->kind == EMP_TOK_PUNCT && (s->punct == '?' || s->punct == 'x')))
				{
					said_fix(c, sent_res_start, sent_res_len);
				}
				sent_res = false;
				res_head = true;
				/* a question about what the customer experienced, did or needs */
				if (s->kind == EMP_TOK_PUNCT && s->punct == '?' && q_open && !q_block &&
					!c->sent_negative && o->level[EMP_MK_EXPLORATION] < 2)
				{
					EmpMarkerHit h;

					memset(&h, 0, sizeof(h));
					h.start = q_start;
					h.len = s->start - q_start;
					h.category = EMP_MK_EXPLORATION;
					/*
					 * "which would suit you?", "is Monday good for you, or is
					 * another day better?", "do you want to book?" offer a
					 * choice or a closed check: weak, as the guide says
					 */
					h.strength = (q_choice && (q_which || q_closed)) ? 1 : 2;
					h.term = -1;
					h.sentence = sentence;
					emit_hit(c, &h);
				}
				q_open = false;
				q_block = false;
				q_choice = false;
				q_which = false;
				q_closed = false;
				q_good = false;
				end_sentence(c, had_words, sent_apologies > 0, full);
				if (had_words)
					sentence++;
				had_words = false;
				sent_apologies = 0;
			}
			continue;
		}
		had_words = true;
		o->nwords++;
		/*
		 * The word after a semicolon that followed a fix: "or" offers a
		 * choice ("I could refund it; or would you prefer a replacement?"),
		 * and the fix waits for the sentence's end, as it would have; any
		 * other word makes it said.
		 */
		if (__builtin_expect(semi_res, 0))
		{
			semi_res = false;
			if (s->kind == EMP_TOK_WORD && s->len == 2 && same_word_ci(text + s->start, "or", 2))
				sent_res = true;
			else
			{
				said_fix(c, sent_res_start, sent_res_len);
			}
		}
		/*
		 * "If the original was unclear, errors can occur": up to the clause's
		 * end, or to an "I"/"we" that starts the main clause ("if it happens
		 * again I will refund you"). "As if" and "even if" suppose nothing:
		 * the word before is read only when an "if" comes, not every word
		 * tested for "as" and "even" as it passes.
		 */
		if (s->kind == EMP_TOK_WORD && s->part == 0)
		{
			if (s->len == 2 && !c->if_clause && same_word_ci(text + s->start, "if", 2) &&
				!((prev_len == 2 && same_word_ci(text + prev_start, "as", 2)) ||
				  (prev_len == 4 && same_word_ci(text + prev_start, "even", 4))))
			{
				c->if_clause = true;
				c->if_start = s->start;
				if_word = word;
			}
			else if (c->if_clause && word >= if_word + 2 &&
					 ((s->len == 1 && same_word_ci(text + s->start, "i", 1)) ||
					  (s->len == 2 && same_word_ci(text + s->start, "we", 2))))
				c->if_clause = false;
			prev_start = s->start;
			prev_len = s->len;
		}
		/* only clause openers, and words of a sentence that asks, need a look */
		if (s->part == 0 && s->kind == EMP_TOK_WORD &&
			(word <= 1 || q_open))
		{
			const WordClass *wc = reply_word(ms, text + s->start, s->len, len - s->start);
			uint8_t		qw = wc->question;

			if (q_good && (wc->bits & WC_FOR))
				q_choice = true;	/* "good for you" */
			q_good = false;
			if (word == 0 && (qw == Q_OPEN || qw == Q_WHICH || qw == Q_AUX))
			{
				if (qw == Q_WHICH)
					q_which = true;
				if (qw == Q_AUX && !q_open)
					q_closed = true;
				clause_open = qw;
				clause_start = s->start;
				if (!q_open)
					q_start = s->start;
				q_open = true;
			}
			else if (word == 1 && clause_open == Q_AUX && qw == Q_THAT)
				q_open = q_closed = false;	/* "is that okay?", "does this work for you?" */
			else if (word == 2 && clause_open == Q_AUX && qw == Q_KNOW &&
					 !(s->start >= clause_start + 2 && (same_word_ci(text + clause_start, "do ", 3) ||
														same_word_ci(text + clause_start, "does ", 5))))
				q_open = q_closed = false;	/* "did you know you can...?" tells; "do you
											 * know how big it is?" asks */
			else if (qw == Q_BLOCK && q_open)
				q_block = true;
			else if (qw == Q_CHOICE && q_open)
				q_choice = true;
			else if (qw == Q_GOOD && q_open)
			{
				if (q_which)
					q_choice = true;	/* "which would be better?" */
				else
					q_good = true;
			}
		}
		{
			const MarkerHot *hot = hot_of(ms, s->id);
			uint16_t	f = hot->flags;
			bool		negated = (word - last_neg) <= 2;
			/* the first letter first: few words start with a 'y' */
			bool		you = full && s->len >= 3 && (text[s->start] | 0x20) == 'y' && s->part == 0 &&
				is_second_person(text + s->start, s->len);
			bool		in_phrase = remaining > 0;	/* or a phrase starts here */

			/*
			 * "that's just how it is" minimizes; "a pump that's just stopped"
			 * is "that has just stopped", "at least two" a quantity: the word
			 * after the phrase tells
			 */
			if (__builtin_expect(pending_defer != 0, 0))
			{
				if (!deferred_told(pending_defer, s, text))
					emit_hit(c, &pending);
				pending_defer = 0;
			}
			if (s->phrase)
			{
				const EmpTerm *pt = emp_lexicon_term(ms->lx, s->phrase);

				in_phrase = true;
				if (remaining > 0 && !pending_drop)
					emit_hit(c, &pending);
				memset(&pending, 0, sizeof(pending));
				pending.start = s->start;
				pending.len = s->phrase_end - s->start;
				pending.category = pt->category;
				pending.strength = pt->strength;
				pending.term = s->phrase;
				pending.sentence = sentence;
				pending_drop = negated || pt->category < 0;
				pending_apologetic = false;
				pending_understand = false;
				remaining = s->phrase_slots;
				if (pending.category == EMP_MK_APOLOGY && !pending_drop)
					sent_apologies++;
			}
			/*
			 * A word with a category of its own is rare, whether a phrase
			 * covers a slot goes as the text does: the rare test first.
			 */
			else if (hot->category >= 0 && !s->covered)
			{
				if (!negated)
				{
					EmpMarkerHit h;

					memset(&h, 0, sizeof(h));
					h.start = s->start;
					h.len = s->len;
					h.category = hot->category;
					h.strength = hot->strength;
					h.term = s->id;
					h.sentence = sentence;
					if (h.category == EMP_MK_APOLOGY)
						sent_apologies++;
					emit_hit(c, &h);
				}
			}
			if (remaining > 0)
			{
				if (pending.category == EMP_MK_SCRIPTED && !pending_drop && !pending_apologetic)
				{
					if (hot->flags & HOT_APOLOGY)
					{
						if (!c->stock_apology)
						{
							c->stock_apology = true;
							c->sapo_start = pending.start;
							c->sapo_len = pending.len;
						}
						pending_apologetic = true;
						o->count[EMP_MK_APOLOGY]++;
						if (o->level[EMP_MK_APOLOGY] == 0)
							o->level[EMP_MK_APOLOGY] = 1;
						sent_apologies++;
					}
				}
				if (pending.feeling == 0 && (f & WF_FEELRAW) &&
					(wf_of(ms, pending.term) & WF_HASFEEL))
					pending.feeling = s->id;
				if (full && pending.category == EMP_MK_SCRIPTED && s->kind == EMP_TOK_WORD &&
					resolution_class(ms, s->stemhash) == RW_UNDERSTAND)
					pending_understand = true;
				if (full && pending.category == EMP_MK_SCRIPTED && !pending_drop && pending_understand &&
					(f & WF_FEELRAW) && !c->scripted_care)
				{
					c->scripted_care = true;
					c->scare_start = pending.start;
					c->scare_len = pending.len;
				}
				if (--remaining == 0 && !pending_drop)
				{
					if (__builtin_expect(pending.category == EMP_MK_MINIMIZING, 0) &&
						(pending_defer = deferred_kind(s, text)) != 0)
						;				/* told by the next word */
					else
						emit_hit(c, &pending);
				}
			}
			/*
			 * A feeling word is care; "late" or "expired" is a fact.  A word
			 * some phrase is written with ("unfortunately", "inconvenience")
			 * is not, unless it names a customer's feeling and stands outside
			 * its phrases: "no need to be embarrassed" is care, whether or not
			 * "nothing to be embarrassed about" is in the catalogue.
			 */
			if (full && (f & WF_FEELRAW) && !negated && !(f & WF_FACT) &&
				(!(f & WF_LITERAL) || (!in_phrase && (f & WF_NEEDFEEL))))
				c->sent_care = true;
			if (full && (f & WF_FEELRAW) && !negated && !(f & WF_FACT) && c->sent_feel == 0 && remaining == 0)
			{
				c->sent_feel = s->id;
				c->sent_feel_start = s->start;
				c->sent_feel_len = s->len;
			}
			if (full && res_head_num)
			{
				/* "Refunded £120.": a participle, then an amount or a date */
				res_head_num = false;
				if (s->kind == EMP_TOK_NUMBER && !sent_res)
				{
					sent_res = res_clause = true;
					sent_res_start = res_head_start;
					sent_res_len = res_head_len;
				}
			}
			if (full && s->kind == EMP_TOK_WORD && !(f & WF_SKIP))
			{
				uint8_t		rc = resolution_class(ms, s->stemhash);

				if (rc == RW_NONE)
				{
					/* most words: as the last branch below takes them */
					res_subj = res_aux = res_to = false;
					if (you && (s->len == 3 || (text[s->start + 3] | 0x20) != 'r'))
						res_you = true;
					res_may = false;
					if (res_you)
						res_head = false;
				}
				else if (rc == RW_FIX || rc == RW_FIXR || rc == RW_FIXS || rc == RW_STATE)
				{
					int			form = fix_form(text + s->start, s->len);
					bool		part = (form == FORM_PART || rc == RW_STATE);
					/* the form the auxiliary before it asks for */
					bool		fits = res_aux &&
						(form == FORM_BASE ? (res_auxkind == AUX_WILL || res_to) :
						 form == FORM_ING ? res_auxkind == AUX_BE :
						 part && res_auxkind != AUX_WILL);
					bool		hit;

					/*
					 * "I've refunded", "we'll send", "we're sending": the
					 * agent, an auxiliary and the fix.  "Your code has been
					 * reset", "will be ready": a participle after an
					 * auxiliary.  "Engineer booked for Thursday": a
					 * participle after a word or two that open the sentence.
					 */
					hit = (res_subj && fits && rc != RW_STATE &&
						   /* "we are blocked from that", "I'm frozen out": the agent's state */
						   !(form == FORM_PART && res_auxkind == AUX_BE)) ||
						(rc != RW_FIXS && part && fits && !res_you && !(rc == RW_STATE && res_subj)) ||
						(rc != RW_FIXS && rc != RW_STATE && part && res_head && word >= 1 && word <= 2);
					/*
					 * "I refunded the £35 this morning", "we just reversed
					 * it": a remedy in the simple past, after an "I"/"we"
					 * that opens the clause, is a fix made when the clause
					 * says it is recent ("the part we replaced yesterday"
					 * has another subject; "we sent it yesterday" may be
					 * the problem, so only remedies count).
					 */
					if (!hit && rc == RW_FIXR && res_subj && res_lead && !res_aux && form == FORM_PART &&
						!res_err)
					{
						res_past = true;
						res_past_start = s->start;
						res_past_len = s->len;
						res_past_word = word;
						hit = res_recent;
						res_by_past = hit && !sent_res;
					}
					if (form != FORM_OTHER && !res_cond && !res_block && last_neg < 0 && !sent_res)
					{
						if (hit)
						{
							sent_res = res_clause = true;
							sent_res_start = s->start;
							sent_res_len = s->len;
							res_fix_word = word;
						}
						else if (rc != RW_FIXS && rc != RW_STATE && part && res_head && word == 0)
						{
							res_head_num = true;
							res_head_start = s->start;
							res_head_len = s->len;
						}
					}
					res_subj = res_aux = res_to = false;
				}
				else if (rc == RW_SUBJ)
				{
					/* "I"/"we" opening the clause, after "this morning" at most */
					res_lead = (word - res_recent_words) <= 1 || word == res_conj_word;
					res_subj = true;
					res_aux = res_may = res_to = false;
					res_head = false;
					res_past = false;	/* a new subject: "... and we replaced it today" is its own */
					res_err = false;	/* "we sent the wrong size so I refunded you" */
				}
				else if (rc == RW_BE || rc == RW_HAVE || rc == RW_WILL || rc == RW_GET || rc == RW_GOING ||
						 ((rc == RW_MODAL || rc == RW_ARE) && res_subj))
				{
					res_aux = !res_may;
					res_past = false;	/* "the part we replaced yesterday has failed" */
					if (rc != RW_GOING)
						res_auxkind = (rc == RW_BE || rc == RW_ARE) ? AUX_BE : rc == RW_HAVE ? AUX_HAVE :
							(rc == RW_GET) ? AUX_GET : AUX_WILL;
					res_to = false;
					res_head = false;
				}
				else if (rc == RW_TO)
					res_to = true;
				else if (rc == RW_RECENT)
				{
					res_recent = true;
					res_recent_words++;
					if (res_past && word - res_past_word <= RES_PAST_REACH &&
						!res_cond && !res_block && last_neg < 0 && !sent_res)
					{
						sent_res = res_clause = res_by_past = true;
						sent_res_start = res_past_start;
						sent_res_len = res_past_len;
					}
				}
				else if (rc == RW_COND)
				{
					res_cond = true;
					res_past = false;
				}
				else if (rc == RW_BLOCK)
				{
					res_block = true;
					if (res_clause)
						sent_res = false;	/* "refunded items, please note, cannot..." */
				}
				else if (rc == RW_CONJ)
				{
					res_conj_word = word + 1;
					/* "I've updated our records and no further letters will be sent" */
					res_clause = false;
				}
				else if (rc != RW_FILL)
				{
					/*
					 * "we sent the wrong size": no remedy follows; after one,
					 * "I reversed the wrong charge" says what was remedied.
					 * "By mistake" undoes one before or after it.
					 */
					if (rc == RW_ERR || rc == RW_MISTAKE)
						res_err = true;
					if (rc == RW_VAGUE && res_clause && res_fix_word == word - 1)
						sent_res = false;
					if (rc == RW_MISTAKE)
					{
						res_past = false;
						if (res_by_past)
							sent_res = false;
					}
					res_subj = res_aux = res_to = false;
					/* "you", "you've", "you're", not "your" */
					if (you && (s->len == 3 || (text[s->start + 3] | 0x20) != 'r'))
						res_you = true;
					res_may = (rc == RW_MODAL || rc == RW_ARE);
					if (rc == RW_PAST || rc == RW_MODAL || rc == RW_ARE || res_you)
						res_head = false;
				}
			}
			else if (full && s->kind == EMP_TOK_WORD &&
					 resolution_class(ms, s->stemhash) == RW_CONJ)
			{
				res_conj_word = word;	/* "so", an intensifier, is not counted */
				res_clause = false;
			}
			/* "refunded items cannot be exchanged": denied after the fact */
			if (full && (f & WF_NEGATOR) && res_clause)
				sent_res = false;
			if (f & WF_NEGATOR)
				last_neg = word;
			if (!(f & WF_SKIP))
			{
				word++;
				if (full && (f & WF_BE) && c->prev_can)
					c->sent_generic = true;
				if (full)
					c->prev_can = (f & WF_CAN) != 0;
			}
			/*
			 * A number, or a word with a digit, is a specific: a time ("10am",
			 * "4pm"), an ordinal ("5th"), a reference ("AB1234")
			 */
			if (full && (s->flags & EMP_TF_DIGIT) && s->part == 0 && c->numbers++ == 0)
			{
				c->number_start = s->start;
				c->number_len = s->len;
			}
			if (you)
				c->sent_you = true;
			/* reflection: content words the customer wrote */
			if (full && c->msg && !(f & (WF_STOP | WF_NEGATOR | WF_SKIP)) && s->stemhash != c->name_stem &&
				(s->kind == EMP_TOK_WORD || s->kind == EMP_TOK_NUMBER))
			{
				uint32_t	key = reflect_key(ms, s->stemhash);
				uint32_t	j = stemset_slot(c->msg, key);

				if (c->msg->keys[j] == key)
				{
					if (c->msg->seen[j] == 0)
						c->overlap++;
					if (c->msg->seen[j] != sentence + 1)
					{
						c->msg->seen[j] = sentence + 1;
						c->sent_overlap++;
					}
				}
			}
		}
	}
	if ((remaining > 0 && !pending_drop) || pending_defer)
		emit_hit(c, &pending);
	if (semi_res)
		sent_res = true;
	if (sent_res)
	{
		said_fix(c, sent_res_start, sent_res_len);
	}
	end_sentence(c, had_words, sent_apologies > 0, full);
}

static void
scan_markers(ScanCtx *c, const char *text, size_t len)
{
	scan_reply(c, text, len, false);
}

static void
scan_empathy(ScanCtx *c, const char *text, size_t len)
{
	scan_reply(c, text, len, true);
}

/* Flag over-apology: three apologies, or apologies in most of two or more sentences. */
static void
mark_over_apology(EmpMarkerScan *out)
{
	if (out->count[EMP_MK_APOLOGY] >= 3 ||
		(out->count[EMP_MK_APOLOGY] >= 2 && out->apology_sentences * 2 > out->nsentences))
	{
		out->level[EMP_MK_OVER_APOLOGY] = 1;
		out->count[EMP_MK_OVER_APOLOGY] = 1;
	}
}

void
emp_markers_scan(EmpMarkerSet *ms, const char *text, size_t len,
				 EmpMarkerScan *out, EmpMarkerFn fn, void *arg)
{
	ScanCtx		c;

	memset(&c, 0, sizeof(c));
	c.ms = ms;
	c.out = out;
	c.fn = fn;
	c.arg = arg;
	scan_markers(&c, text, len);
	mark_over_apology(out);
	emp_tokenizer_trim(ms->tz);
	emp_tokenizer_trim(ms->tz2);
}

/* ---------------------------------------------------------------- empathy score */

/* Emotion families: feelings that a reply can name for one another. */
#define FAM_ANGER		0x01
#define FAM_SADNESS		0x02
#define FAM_FEAR		0x04
#define FAM_CONFUSION	0x08

static const uint8_t dim_family[EMP_NDIMS] = {
	FAM_ANGER,					/* anger */
	FAM_ANGER,					/* frustration */
	FAM_ANGER | FAM_SADNESS,	/* disappointment */
	FAM_SADNESS,				/* sadness */
	FAM_FEAR,					/* fear */
	FAM_CONFUSION,				/* confusion */
	0,							/* surprise */
	0,							/* joy */
	0,							/* gratitude */
	FAM_ANGER					/* disgust */
};

/* Score points of the model (see the file header). */
#define PTS_BASE_NEEDED		30.0f
#define PTS_BASE_NOT_NEEDED	70.0f
#define PTS_ER_WEAK			14.0f
#define PTS_ER_STRONG		28.0f
#define PTS_INT_WEAK		5.0f
#define PTS_INT_STRONG		14.0f
#define PTS_EXP_WEAK		5.0f
#define PTS_EXP_STRONG		9.0f
#define PTS_SUPPORT			5.0f	/* validation, ownership, reassurance */
#define PTS_GRATITUDE		2.0f
#define PTS_NAME_GOOD		4.0f
#define PTS_SPECIFICS		8.0f	/* a number: a time, date, amount or reference */
#define PTS_RESOLUTION		25.0f	/* the problem fixed or a fix arranged */
#define PEN_SCRIPTED		10.0f
#define PEN_BLAME			25.0f
#define PEN_DISMISSIVE		20.0f
#define PEN_MINIMIZING		15.0f
#define PEN_OVER_APOLOGY	12.0f
#define PEN_NAME_OVERUSE	8.0f
#define PEN_UNNEEDED		10.0f	/* strong feelings for a customer who has none */
#define PEN_WRONG_FEELING	5.0f
#define PEN_MISREAD_PRAISE	15.0f	/* shares the joy of a grievance that reads as praise */
#define PTS_SHARED_JOY		4.0f	/* shares the joy of praise */
#define PEN_MISREAD_COMPLAINT	10.0f	/* answers praise with an apology or regret */

/* Reflection: restating this many of the message's content words counts fully. */
#define REFLECT_FULL		8
#define INTERP_MIN_OVERLAP	3
#define INTERP_MIN_REFLECT	0.25f
#define INTERP_MIN_SENTENCE	2	/* restated together in one sentence */

/*
 * A customer message at or below this sentiment calls for empathy even when
 * no emotion reaches its label (chosen on groups 1-123 of the evaluation set).
 */
#define NEEDED_SENTIMENT	(-0.15f)
#define NEEDED_NEGATION_SCOPE	3	/* words a negator reaches in a message */
#define NEEDED_SHOUTED		4	/* words in capitals that make a raised voice */
#define NEEDED_PRAISE_SENTIMENT	0.95f	/* praise: at least this sentiment, and joy or gratitude */
#define NEEDED_PRAISE_PAST_SENTIMENT	0.75f	/* ... this, with feelings named in the past */
#define NEEDED_PRAISE_FEELING	2.0f	/* a negative emotion in praise weaker than this many
										 * times its label threshold is a past worry */
#define NEEDED_PRAISE_PAST_FEELING	6.0f	/* ... this many, when it comes with feelings named in
											 * the past ("I was so worried before") */
#define NEEDED_SUPPOSED_FEELING	2.0f	/* a feeling this many times its label threshold
										 * is the customer's own, supposition or not */

typedef struct ScoreCtx
{
	EmpMarkerSet *ms;
	EmpScorer  *scorer;			/* the customer message's, to read a hit's phrases */
	uint8_t		cust_fam;		/* families of the customer's negative emotions */
	bool		fit;			/* a named feeling fits the customer */
	bool		misfit;			/* a named feeling does not */
	uint32_t	misfit_start;	/* the span of the first hit that names it */
	uint32_t	misfit_len;
	const char *reply;			/* the reply's text, for the spans of hits */
	bool		praise_like;	/* the message needs empathy but reads as praise */
	bool		grievance;		/* the message needs empathy */
	bool		praise;			/* the message is praise, and needs no empathy */
	bool		plain;			/* the message needs no empathy and is no praise */
	int			er_joy;			/* emotional reactions that share a joy ("glad you") */
	int			er_comfort;		/* and that comfort ("sending hugs") */
	int			er_other;		/* and the others */
	/* first hit of each category, for explain */
	EmpMarkerHit first[EMP_MK_NCATS];
	bool		has_first[EMP_MK_NCATS];
	bool		reported[EMP_MK_NCATS];	/* first[cat] got an explain row */
	EmpMarkerHit *hits;
	size_t		nhits;
	size_t		hitcap;
	bool		keep;
	EmpAllocator *a;
} ScoreCtx;

/* Families of a feeling word's emotions. */
static uint8_t
word_families(const EmpTerm *t)
{
	float		mx = 0;
	uint8_t		fam = 0;

	for (int d = 0; d < EMP_NDIMS; d++)
		if (dim_family[d] && t->w[d] > mx)
			mx = t->w[d];
	for (int d = 0; d < EMP_NDIMS && mx > 0; d++)
		if (dim_family[d] && t->w[d] >= 0.5f * mx)
			fam |= dim_family[d];
	return fam;
}

/* Note whether a feeling the reply names (at start, len bytes) fits the customer's. */
static void
score_feeling(void *arg, int32_t term, uint32_t start, uint32_t len)
{
	ScoreCtx   *c = (ScoreCtx *) arg;
	const EmpTerm *t = emp_lexicon_term(c->ms->lx, term);
	uint8_t		fam = word_families(t);

	if (fam == 0 && t->stem_id)
		fam = word_families(emp_lexicon_term(c->ms->lx, t->stem_id));
	if (fam & c->cust_fam)
		c->fit = true;
	else if (!c->misfit)
	{
		c->misfit = true;
		c->misfit_start = start;
		c->misfit_len = len;
	}
}

/* What an emotional reaction does (shares_joy) */
#define ER_OTHER	0			/* answers a trouble: "that must be awful" */
#define ER_JOY		1			/* shares a joy: "glad you", "love hearing" */
#define ER_COMFORT	2			/* comforts, as a friend: "sending hugs", "take care" */

/*
 * Does an emotional reaction share a joy ("glad you", "love hearing")
 * rather than answer a trouble?  Its words are read again: one word of joy
 * or gratitude with a positive valence, and no word whose strongest
 * emotion is a negative one, no negator and no apology.  A word of comfort
 * makes it comfort ("sending hugs", "sending love", "hope you feel
 * better"), which is neither: no joy shared with a grieving customer, and
 * no regret at a customer's praise.
 */
static int
shares_joy(ScoreCtx *c, const EmpMarkerHit *h)
{
	static const LitWord comfort[] = {
		LW("hug"), LW("hugs"), LW("sending"), LW("thinking"), LW("thoughts"),
		LW("strength"), LW("better"), LW("recovery"), LW("yourself"), LW("hang")
	};
	EmpMarkerSet *ms = c->ms;
	EmpToken	tok;
	bool		joy = false;

	emp_tokenizer_reset(ms->tz2, c->reply + h->start, h->len);
	while (emp_tokenizer_next(ms->tz2, &tok))
	{
		EmpLookup	lk;

		if (tok.kind != EMP_TOK_WORD)
			continue;
		if (in_words(comfort, lengthof(comfort), tok.norm, tok.normlen))
			return ER_COMFORT;
		emp_lexicon_lookup(ms->lx, &tok, &lk);
		for (int p = 0; p < lk.nparts; p++)
		{
			const EmpTerm *t = emp_lexicon_term(ms->lx, lk.ids[p]);
			int			top = -1;

			if (hot_of(ms, lk.ids[p])->flags & (WF_NEGATOR | HOT_APOLOGY))
				return ER_OTHER;
			if (!(t->flags & EMP_TERM_WEIGHTED) && t->stem_id)
				t = emp_lexicon_term(ms->lx, t->stem_id);
			for (int d = 0; d < EMP_NDIMS; d++)
				if (t->w[d] > 0 && (top < 0 || t->w[d] > t->w[top]))
					top = d;
			if (top >= 0 && dim_family[top] != 0)
				return ER_OTHER;
			if ((top == EMP_JOY || top == EMP_GRATITUDE) && t->w[EMP_CH_VALENCE] > 0)
				joy = true;
		}
	}
	/*
	 * No word of joy, but a phrase of it: "this made our day", "you've made
	 * my week" (read as the scorer reads the message, phrases and all).
	 */
	if (!joy && c->scorer != NULL)
	{
		EmpScores	s;
		int			top = -1;

		emp_score_some(c->scorer, c->reply + h->start, h->len, EMP_WANT_DIMS | EMP_WANT_SENTIMENT, &s, NULL, NULL);
		for (int d = 0; d < EMP_NDIMS; d++)
			if (s.dims[d] > 0 && (top < 0 || s.dims[d] > s.dims[top]))
				top = d;
		joy = (top == EMP_JOY || top == EMP_GRATITUDE) && s.sentiment > 0.3f;
	}
	return joy ? ER_JOY : ER_OTHER;
}

/* Collect a hit for scoring and explaining. */
static void
score_hit(void *arg, const EmpMarkerHit *h)
{
	ScoreCtx   *c = (ScoreCtx *) arg;

	if (h->feeling)
		score_feeling(arg, h->feeling, h->start, h->len);
	if (h->category == EMP_MK_EMOTIONAL_REACTION && (c->grievance || c->praise || c->plain))
	{
		int			kind = shares_joy(c, h);

		/* comfort given back to praise ("big hugs right back!") shares its warmth */
		if (kind == ER_JOY || (kind == ER_COMFORT && c->praise))
			c->er_joy++;
		else if (kind == ER_COMFORT)
			c->er_comfort++;
		else
			c->er_other++;
	}
	if (!c->has_first[h->category] || h->strength > c->first[h->category].strength)
	{
		c->first[h->category] = *h;
		c->has_first[h->category] = true;
	}
	if (c->keep && c->nhits < EMP_MARKER_MAX_HITS)
	{
		if (c->nhits == c->hitcap)
		{
			size_t		nc = c->hitcap ? c->hitcap * 2 : 32;
			EmpMarkerHit *nv = emp_alloc(c->a, nc * sizeof(EmpMarkerHit));

			if (c->nhits)
				memcpy(nv, c->hits, c->nhits * sizeof(EmpMarkerHit));
			c->ms->call_scratch[CALL_HITS] = nv;
			emp_release(c->a, c->hits);
			c->hits = nv;
			c->hitcap = nc;
		}
		c->hits[c->nhits++] = *h;
	}
}

/* Release what an emp_empathy_score call allocated (see call_scratch). */
static void
release_call_scratch(EmpMarkerSet *ms)
{
	for (int i = 0; i < (int) lengthof(ms->call_scratch); i++)
	{
		void	   *p = ms->call_scratch[i];

		ms->call_scratch[i] = NULL;
		emp_release(ms->a, p);
	}
}

/*
 * Make s an empty set of content-word stems for a message of len bytes,
 * in the caller's buffers of MSG_SET_LOCAL slots where they are enough.
 */
static void
stemset_init(EmpMarkerSet *ms, StemSet *s, size_t len, uint32_t *keys, uint32_t *seen)
{
	uint32_t	slots = 64;

	/*
	 * A word takes at least two bytes with its separator, so a message has
	 * at most len / 2 + 1 stems: size the set for that (at most half full),
	 * so that a short message does not clear a set sized for a long one.
	 */
	while (slots < MSG_SET_SLOTS && slots < len + 2)
		slots *= 2;
	s->mask = slots - 1;
	s->allocated = slots > MSG_SET_LOCAL;
	if (s->allocated)
	{
		keys = ms->call_scratch[CALL_KEYS] = emp_alloc(ms->a, slots * sizeof(uint32_t));
		seen = ms->call_scratch[CALL_SEEN] = emp_alloc(ms->a, slots * sizeof(uint32_t));
	}
	s->keys = keys;
	s->seen = seen;
	memset(s->keys, 0, slots * sizeof(uint32_t));
	s->n = 0;
}

/*
 * Collecting a message's content-word stems and problem words, token by
 * token, while the message is scored (one reading of the message).
 */
typedef struct StemCollect
{
	EmpMarkerSet *ms;
	StemSet    *set;
	uint32_t	name_stem;		/* the customer's name is not content */
	int			facts;			/* problem words that state a fact ("late") */
	int			feelings;		/* named feelings among the harms */
	int			past_feelings;	/* ... told in the past ("I was so nervous") */
	int			past_left;		/* words still in reach of a "was", "had been" */
	int			harms;			/* harms, named feelings, negated function words,
								 * eye-rolling emoji */
	bool		calm;			/* the customer says nothing is wrong */
	int			neg_left;		/* words still in a negator's reach */
	bool		hypo;			/* in a clause that supposes ("if my flight is late") */
	bool		hypo_prev;		/* the clause before supposed: ", like a crack" goes on */
	int			supposed;		/* problem words in such clauses */
	int			shouted;		/* words in capitals ("DROPPED MY SOFA") */
	uint8_t		prev;			/* the previous word, as HYPO_* */
	uint8_t		prev2;			/* the one before it */
	/* "is it still on track?": facts asked about, not told */
	int			sent_facts;		/* facts of the current sentence, not yet counted */
	/*
	 * The rules that wait for the next word, eight bytes together (see
	 * waiting_rules) so that collect_stems tests them at once.
	 */
	uint8_t		without;		/* a "without" not yet counted: 1 + words passed over */
	bool		still;			/* a "still" not yet counted: the next word decides */
	bool		aux_person;		/* "is"/"do"... and then "I" or "we" were the last words */
	bool		aux_open;		/* the last word opened a clause with "is", "do"... */
	bool		clause_start;	/* the next word opens a clause */
	bool		like_open;		/* the clause after a supposition opened with "like" */
	bool		req_open;		/* the last words were "if you could" */
	bool		told;			/* a "told" by the customer, it seems: counted if "me"
								 * or "us" comes next */
	bool		q_aux;			/* a clause of the sentence opens with "is", "do", "will", "would"...
								 * and a subject other than "I", "we" */
	bool		q_vexed;		/* the sentence has "again" or "even" */
	bool		q_resume;		/* ... "can I", "could we": "again" asks to resume */
	uint8_t		custom_left;	/* words since "order", "book"... (see WC_CUSTOM): an
								 * "again" before it reaches 0 repeats a custom */
	bool		q_why;			/* ... "why" or "reason" */
	bool		q_mine;			/* ... "I", "my", "we", "our", "me", "us" */
	uint8_t		wear;			/* 1 after "wear", 2 after "wear and" */
	bool		without_person; /* ... one of them a person: "without me asking" */
	int			questions;		/* sentences that ask a plain question (one '?',
								 * not in exasperation) */
	int			exasperated;	/* sentences that end in "??", "?!", "!?" or "⁈" */
	bool		spent;			/* the clause says what the customer gave ("paid") */
	int			still_ok;		/* "still on", "still available": facts unless the
								 * sentence asks plainly ("are we still on for Saturday?") */
	int			eye_rolls;		/* 🙄 🙃 😒: praise on the surface, not meant */
	uint32_t	prev_bits;		/* the WC_* of the word before, 0 after a symbol */
	uint8_t		for_this;		/* 1 after "for", 2 after "for this" */
	/*
	 * A customer left unsure: "I do not know what this means", "I don't
	 * know if it's safe to go to bed", "I dont know what I am doing wrong".
	 * A negated "know" followed by "what", "if", "whether", "when", "where",
	 * "why" or "who" tells of it, unless its sentence asks a plain question
	 * ("I don't know if you sell gift cards?"); "I don't know how to thank
	 * you", "I didn't know you had a shop", "I don't know the order number"
	 * do not.
	 */
	bool		know_neg;		/* the last word was "know", in a negator's reach */
	int			sent_unsure;	/* such clauses in the current sentence */
} StemCollect;

_Static_assert(offsetof(StemCollect, told) == offsetof(StemCollect, without) + 7,
			   "the waiting rules are eight bytes together");

/*
 * An "again" that does a thing once more by choice, no problem repeated:
 * "can I use it again?" asks to resume, "will order again" repeats a custom.
 */
static inline bool
again_chosen(const StemCollect *col, const WordClass *wc)
{
	return (wc->bits & WC_AGAIN) && (col->q_resume || col->custom_left > 0);
}

/* Is any rule waiting for the next word?  One load, one test. */
static inline uint64_t
waiting_rules(const StemCollect *col)
{
	uint64_t	w;

	memcpy(&w, &col->without, sizeof(w));
	return w;
}

/* The classes of a message's word or number (its normalised form). */
static inline const WordClass *
message_word(const EmpMarkerSet *ms, const EmpToken *tok)
{
	uint64_t	key[2];

	if (tok->keyed)
		return word_class(ms, tok->key, tok->normlen);
	if (tok->normlen > 16)
		return &no_word;
	pack_word(tok->norm, tok->normlen, tok->normlen, false, key);
	return word_class(ms, key, tok->normlen);
}

/* A single '?': a question asked plainly, not "??" or "?!". */
static inline bool
single_question(const EmpToken *tok)
{
	return tok->kind == EMP_TOK_PUNCT && tok->punct == '?' && tok->count == 1;
}

/*
 * The rules of a message's word or number that read the words around it,
 * given its classes; sets *still_asked when it follows "will I", "do we",
 * and returns whether the problem it names is none: it ends "wear and
 * tear", someone else waited ("the driver who waited when I was running
 * with a pram"), or the customer told someone, not was told ("already told
 * my whole street"; the next word decides "I also told them" from "he
 * also told me").
 */
static __attribute__((noinline)) bool
message_word_rules(StemCollect *col, const EmpToken *tok, const WordClass *wc, bool *still_asked)
{
	uint8_t		hc;			/* the word as the supposed-clause rule sees it */
	bool		wear_tear;
	bool		others_waited = (col->prev_bits & WC_WHO) && (wc->bits & WC_WAITED);
	/*
	 * The customer told others: "I told them", "already told my whole
	 * street", "Told my mum about you".  Not "I was (also) told", nor "you
	 * told", "your agent told my husband": someone told the customer.
	 */
	bool		told_others = (wc->bits & WC_TOLD) && col->past_left == 0 &&
		(col->prev == HYPO_PERSON || col->clause_start || (col->prev_bits & WC_TELLER));

	/* "you told me", "they told us": told, as "I was told" */
	if (col->told)
	{
		if ((wc->bits & (WC_PERSON | WC_MINE)) == (WC_PERSON | WC_MINE) && !col->hypo)
			col->sent_facts++;
		col->told = false;
	}
	col->told = told_others;
	if (col->know_neg && tok->kind == EMP_TOK_WORD &&
		((wc->question == Q_OPEN && !(tok->normlen == 3 && memcmp(tok->norm, "how", 3) == 0)) ||
		 wc->hypo == HYPO_OPENER || wc->hypo == HYPO_IF))
		col->sent_unsure++;
	col->know_neg = tok->kind == EMP_TOK_WORD && wc->question == Q_KNOW && col->neg_left > 0;

	hc = tok->kind == EMP_TOK_WORD ? wc->hypo : HYPO_OTHER;
	if (wc->bits & WC_SPENT)
		col->spent = true;
	col->for_this = (wc->bits & WC_FOR) ? 1 : (col->for_this == 1 && (wc->bits & WC_THIS)) ? 2 : 0;
	/*
	 * "Without heating since Monday" states a problem; "without any
	 * problems", "without being asked" and "without me having to ask"
	 * praise.  A few words may come between.
	 */
	if (col->without)
	{
		if ((wc->bits & WC_WSKIP) && col->without < 4)
		{
			col->without++;
			if (wc->bits & WC_PERSON)
				col->without_person = true;
		}
		else
		{
			if (!(wc->bits & WC_EASY) && !((wc->bits & WC_ASK) && col->without_person))
				col->sent_facts++;
			col->without = 0;
		}
	}
	/*
	 * "still waiting", "still no reply" report a problem; "still on" and
	 * "still available" do too ("my parcel is still on its way"), unless the
	 * sentence asks plainly ("are we still on for Saturday?")
	 */
	if (col->still)
	{
		if (wc->bits & WC_STILL_OK)
			col->still_ok++;
		else
			col->sent_facts++;
		col->still = false;
	}
	/*
	 * Two-word cues, unless supposed: "passed away" is a bereavement; "has
	 * been down since Monday", "your servers went down" a service out of
	 * order ("counting down", "tracked down", "driving down" are not).
	 */
	if (((wc->bits & WC_AWAY) && (col->prev_bits & WC_PASSED)) ||
		((wc->bits & WC_DOWN) && (col->prev_bits & WC_BE_GONE)))
	{
		if (col->hypo)
			col->supposed++;
		else if (wc->bits & WC_AWAY)
			col->harms++;
		else
			col->sent_facts++;
	}
	col->prev_bits = wc->bits;
	/* "will I still", "do we still": asks what stays as it is */
	*still_asked = col->aux_person && tok->kind == EMP_TOK_WORD;
	col->aux_person = false;
	/* "did I do something wrong?" worries about the customer's own part: no */
	if (col->aux_open && tok->kind == EMP_TOK_WORD)
	{
		if (hc != HYPO_PERSON)
			col->q_aux = true;
		else
			col->aux_person = true;
		col->aux_open = false;
	}
	/* "..., and does it still record?": the clause opens after its "and" */
	if (col->clause_start && tok->kind == EMP_TOK_WORD && !(wc->bits & WC_AND))
	{
		/* "if I ever have a problem, such as a crack": an example of it */
		if (col->hypo_prev && (wc->bits & WC_EXAMPLE))
			col->hypo = true;
		/* "..., like a tear in a lens", not "..., like I said, it was torn" */
		col->like_open = col->hypo_prev && (wc->bits & WC_LIKE);
		col->hypo_prev = false;
		col->aux_open = (wc->question == Q_AUX || (wc->bits & WC_WILL));
		col->clause_start = false;
	}
	else if (col->like_open)
	{
		col->like_open = false;
		if (wc->bits & WC_LIKE_NEXT)
			col->hypo = true;
	}
	/*
	 * "Is it late again?" asks in exasperation; "is there a reason my order
	 * is late?" and "can you tell me why my refund was cancelled?" take the
	 * customer's own problem for granted ("is there a reason refunds take 5
	 * days?" asks about a policy).  Either way the fact is told.
	 */
	/*
	 * ... but "can I use it again?" and "when could we book again?" ask to
	 * do a thing once more ("do you even care?" still asks in exasperation)
	 */
	if (hc == HYPO_PERSON && col->prev == HYPO_CAN)
		col->q_resume = true;
	if ((wc->bits & WC_VEXED) && !again_chosen(col, wc))
		col->q_vexed = true;
	if (wc->bits & WC_WHY)
		col->q_why = true;
	if (hc == HYPO_PERSON || (wc->bits & WC_MINE))
		col->q_mine = true;
	/*
	 * A problem the customer only supposes ("what happens if my flight is
	 * late", "would I have to cancel?") has not happened: up to the end of
	 * the clause it states no fact.  "As if" and "even if" do not suppose.
	 */
	{
		if (((hc == HYPO_OPENER || hc == HYPO_IF) && col->prev != HYPO_AS) ||
			(hc == HYPO_PERSON && col->prev == HYPO_WOULD) ||
			(hc == HYPO_CASE && col->prev == HYPO_IN))
			col->hypo = true;
		/*
		 * "I would be grateful if you could explain...": a request, not a
		 * supposition ("if you could not ship it" still supposes).
		 */
		if (col->req_open)
		{
			if (!(wc->bits & WC_NOT))
				col->hypo = false;
			col->req_open = false;
		}
		if ((hc == HYPO_CAN || hc == HYPO_WOULD) && col->prev == HYPO_ASKED && col->prev2 == HYPO_IF)
			col->req_open = true;
		col->prev2 = col->prev;
		col->prev = hc;
	}
	/* "wear and tear" is age, not damage */
	wear_tear = col->wear == 2 && (wc->bits & WC_TEAR);
	col->wear = (wc->bits & WC_WEAR) ? 1 : (col->wear == 1 && (wc->bits & WC_AND)) ? 2 : 0;
	return wear_tear || others_waited || told_others;
}

/* collect_stems for a token that is neither a word nor a number. */
static __attribute__((noinline)) void
collect_symbol(StemCollect *col, const EmpToken *tok)
{
	col->custom_left = 0;
	col->told = false;			/* "as I told them." */
	/* "without" or "still" at a clause's end, or before a symbol: counted as a fact */
	if (col->without)
	{
		col->sent_facts++;
		col->without = 0;
	}
	if (col->still)
	{
		col->sent_facts++;
		col->still = false;
	}
	col->prev_bits = 0;
	col->know_neg = false;
	if (tok->kind == EMP_TOK_PUNCT || tok->kind == EMP_TOK_BREAK)
	{
		col->neg_left = 0;
		col->past_left = 0;
		/*
		 * "paying 45 a month for this", "I took the day off work for this.":
		 * a sentence that ends on what the customer gave, for what they got.
		 * Not asked plainly ("what did I pay for this?"), not a clause that
		 * goes on ("I paid for this, and I love it").
		 */
		if (col->for_this == 2 && col->spent &&
			(tok->kind == EMP_TOK_BREAK || (tok->flags & EMP_TF_SENT_END)) && !single_question(tok))
			col->sent_facts++;
		col->for_this = 0;
		/* a clause ends at a comma, a semicolon or a sentence's end, not at "07:30" */
		if (tok->kind == EMP_TOK_BREAK || (tok->flags & EMP_TF_SENT_END) ||
			tok->punct == ',' || tok->punct == ';')
		{
			col->spent = false;	/* "I paid yesterday, thanks for this!" */
			col->hypo_prev = col->hypo && tok->punct == ',';
			col->hypo = false;
			col->clause_start = true;
			col->aux_open = false;
			col->req_open = false;
			/* "my order was delayed again, will it arrive by Friday?": told */
			if (!col->q_aux)
			{
				col->facts += col->sent_facts;
				col->sent_facts = 0;
			}
		}
		/*
		 * A question opened by an auxiliary ("is it still on track?", "was
		 * the refund sent?") asks about a fact; it does not report it, unless
		 * it asks in exasperation ("???", "is it late again?", "do you even
		 * care?").
		 */
		if (tok->kind == EMP_TOK_BREAK || (tok->flags & EMP_TF_SENT_END))
		{
			bool		plain_q = single_question(tok) && !col->q_vexed && !(col->q_why && col->q_mine);

			if (plain_q && col->q_aux)
				col->supposed += col->sent_facts;
			else
				col->facts += col->sent_facts;
			if (!plain_q)
				col->facts += col->still_ok + col->sent_unsure;
			col->still_ok = 0;
			col->sent_unsure = 0;
			if (plain_q)
				col->questions++;
			else if (tok->kind == EMP_TOK_PUNCT &&
					 ((tok->punct == '?' && tok->count >= 2) || tok->punct == 'x'))
				col->exasperated++;
			col->sent_facts = 0;
			col->q_aux = false;
			col->q_vexed = false;
			col->q_resume = false;
			col->q_why = false;
			col->q_mine = false;
		}
		col->prev = col->prev2 = HYPO_OTHER;
		col->wear = 0;
		return;
	}
	if (tok->kind == EMP_TOK_EMOJI && emp_is_eye_roll(tok->norm, tok->normlen))
	{
		col->harms++;
		col->eye_rolls++;
	}
	col->wear = 0;				/* "wear and 😀 tear" is no idiom */
	col->for_this = 0;			/* "I paid for this 😀" is content */
}

/* The flags a message's rules read (see MsgWord). */
#define MW_RULE_FLAGS	(WF_SKIP | WF_NEGATOR | WF_STOP | WF_PROBLEM | WF_FACT | WF_NEEDFEEL | \
						 WF_FUNCTION | WF_CALM | WF_CALM_NEG)

_Static_assert(((MW_CONTENT | MW_NUMWORD) & MW_RULE_FLAGS) == 0, "the message's own flags are apart");
_Static_assert(MW_ELONGATED % EMP_TF_ELONGATED == 0, "the tokenizer's flag moves to lentag's");

/* Does a stem hash stand for a number word ("four")? */
static inline bool
is_number_word(const EmpMarkerSet *ms, uint32_t stemhash)
{
	return number_word(ms, stemhash) != 0;
}

/* What the rules read of a message's word, found afresh (see MsgWord). */
static void
msgword_fill(EmpMarkerSet *ms, const EmpToken *tok, MsgWord *mw)
{
	const WordClass *wc = message_word(ms, tok);
	const EmpLookup *lk = emp_lexicon_resolve(ms->lx, tok);

	mw->wc = wc == &no_word ? ms->empty_word : (uint16_t) (wc - ms->words);
	mw->nparts = lk->nparts;
	for (int p = 0; p < lk->nparts; p++)
	{
		uint16_t	f = hot_of(ms, lk->ids[p])->flags & MW_RULE_FLAGS;

		/* function words, negators, skipped words, and words under three letters */
		if (!(f & (WF_STOP | WF_NEGATOR | WF_SKIP)) &&
			!(tok->kind == EMP_TOK_WORD && tok->normlen < 3))
			f |= MW_CONTENT;
		if (is_number_word(ms, lk->stemhash[p]))
			f |= MW_NUMWORD;
		mw->flags[p] = f;
		mw->stemhash[p] = lk->stemhash[p];
	}
}

/* A message word's hash, whose top bits choose its pair of slots. */
static inline uint64_t
msgword_hash(const uint64_t *key, uint8_t lentag)
{
	return (key[0] ^ (key[1] << 1) ^ lentag) * UINT64_C(0x9E3779B97F4A7C15);
}

/*
 * After a quarter of the table's slots' worth of words pushed out, decide
 * its size: twice as large, its words moved over, when more than about one
 * lookup in MSGWORD_GROW_RATIO pushed a word out, unless it is at its
 * largest or the memory cannot be had.  Scores never depend on it, only
 * their time.
 */
static __attribute__((noinline)) void
msgwords_resize(EmpMarkerSet *ms)
{
	uint32_t	bits = ms->msgword_bits + 1;
	bool		grow = ms->msgword_lookups < (uint64_t) ms->msgword_evicted * MSGWORD_GROW_RATIO &&
		bits <= MSGWORD_BITS_MAX;
	MsgWord    *t;

	ms->msgword_lookups = 0;
	ms->msgword_evicted = 0;
	if (!grow || (t = emp_try_alloc(ms->a, sizeof(MsgWord) << bits)) == NULL)
		return;
	memset(t, 0, sizeof(MsgWord) << bits);
	for (uint32_t i = 0; i < (1u << ms->msgword_bits); i++)
	{
		const MsgWord *o = &ms->msgwords[i];
		uint64_t	j;

		if (o->lentag == 0)
			continue;
		j = msgword_hash(o->key, o->lentag) >> (64 - bits);
		if (t[j].lentag != 0)
			j ^= 1;
		if (t[j].lentag == 0)
			t[j] = *o;
	}
	emp_release(ms->a, ms->msgwords);
	ms->msgwords = t;
	ms->msgword_bits = bits;
}

/*
 * What the rules read of a message's word or number: kept in ms->msgwords
 * for one of at most 16 bytes, else found into *tmp.
 */
static inline const MsgWord *
message_word_info(EmpMarkerSet *ms, const EmpToken *tok, MsgWord *tmp)
{
	uint64_t	key[2];
	uint64_t	h;
	uint8_t		lentag;
	MsgWord    *m;
	MsgWord    *m2;

	if (tok->keyed)
	{
		key[0] = tok->key[0];
		key[1] = tok->key[1];
	}
	else if (tok->normlen != 0 && tok->normlen <= 16)
		pack_word(tok->norm, tok->normlen, tok->normlen, false, key);
	else
	{
		msgword_fill(ms, tok, tmp);
		return tmp;
	}
	lentag = (uint8_t) (tok->normlen | (tok->kind == EMP_TOK_NUMBER) * MW_NUMBER |
						(tok->flags & EMP_TF_ELONGATED) * (MW_ELONGATED / EMP_TF_ELONGATED));
	h = msgword_hash(key, lentag);
	ms->msgword_lookups++;
	m = &ms->msgwords[h >> (64 - ms->msgword_bits)];
	if (m->key[0] == key[0] && m->key[1] == key[1] && m->lentag == lentag)
		return m;
	m2 = &ms->msgwords[(h >> (64 - ms->msgword_bits)) ^ 1];
	if (m2->key[0] == key[0] && m2->key[1] == key[1] && m2->lentag == lentag)
		return m2;
	/* both ways taken: the second way's word goes */
	if (m->lentag != 0 && m2->lentag != 0 &&
		++ms->msgword_evicted >= (1u << ms->msgword_bits) / 4)
	{
		uint32_t	bits = ms->msgword_bits;

		msgwords_resize(ms);
		if (ms->msgword_bits != bits)
		{
			m = &ms->msgwords[h >> (64 - ms->msgword_bits)];
			m2 = &ms->msgwords[(h >> (64 - ms->msgword_bits)) ^ 1];
		}
	}
	/*
	 * the newest word takes the first slot, the one it held the second; the
	 * slot is emptied before it is filled, so that a fill an error ends (a
	 * lookup that grows the lexicon's memory) leaves no old key on new data
	 */
	if (m->lentag != 0)
		*m2 = *m;
	m->lentag = 0;
	m->key[0] = m->key[1] = 0;
	msgword_fill(ms, tok, m);
	m->key[0] = key[0];
	m->key[1] = key[1];
	m->lentag = lentag;
	return m;
}

/*
 * collect_stems for a part of a word that reports a problem, names a
 * feeling, negates or is in a negator's reach (f: its flags).
 */
static __attribute__((noinline)) void
collect_problem(StemCollect *col, uint16_t f, const WordClass *wc, bool still_asked)
{
	bool		negated = col->neg_left > 0;

	if (f & WF_NEGATOR)
		col->neg_left = NEEDED_NEGATION_SCOPE;
	else if (!(f & WF_SKIP) && col->neg_left > 0)
		col->neg_left--;
	if ((f & WF_PROBLEM) && col->hypo)
		col->supposed++;		/* "if she got ill", "in case it is delayed" */
	else if (f & WF_PROBLEM)
	{
		if ((f & WF_FACT) && (wc->bits & WC_WITHOUT))
		{
			col->without = 1;	/* counted or not by the words after it */
			col->without_person = false;
		}
		else if ((f & WF_FACT) && (wc->bits & WC_STILL) && still_asked)
			col->supposed++;	/* "will I still be able to vote?" */
		else if ((f & WF_FACT) && again_chosen(col, wc))
			;					/* "can I use it again?", "will order again": no repeat of a
								 * problem */
		else if ((f & WF_FACT) && (wc->bits & WC_STILL))
			col->still = true;	/* counted or not by the next word */
		else if (f & WF_FACT)
			col->sent_facts++;
		else
			col->harms++;
	}
	else if ((f & WF_NEEDFEEL) && !negated)
	{
		col->harms++;
		col->feelings++;
		if (col->past_left > 0)
			col->past_feelings++;
	}
	if ((f & WF_FUNCTION) && negated && !col->hypo)
		col->harms++;
	if (((f & WF_CALM) && !negated) || ((f & WF_CALM_NEG) && negated))
		col->calm = true;
}

static void
collect_stems(void *arg, const EmpToken *tok)
{
	StemCollect *col = (StemCollect *) arg;
	StemSet    *s = col->set;
	const MsgWord *mw;
	MsgWord		tmp;
	const WordClass *wc;
	bool		no_problem;		/* "wear and tear", "who waited" */
	bool		still_asked;	/* the word follows "will I", "do we"... */

	/* the first MSG_SET_MAX distinct stems, and the problems before them */
	if (s->n >= MSG_SET_MAX)
		return;
	if (tok->kind != EMP_TOK_WORD && tok->kind != EMP_TOK_NUMBER)
	{
		collect_symbol(col, tok);
		return;
	}
	if (tok->kind == EMP_TOK_NUMBER)
		col->prev_bits = 0;
	if (tok->flags & EMP_TF_ALLCAPS)
		col->shouted++;
	mw = message_word_info(col->ms, tok, &tmp);
	/* a word of no class reads an empty slot, as zero as no_word */
	wc = &col->ms->words[mw->wc];
	/* "I was (so) nervous", "had been worried": up to three words on */
	if (col->past_left > 0)
		col->past_left--;
	if (wc->bits & WC_PAST)
		col->past_left = 4;
	/* "will order again", "would fly with you again": up to two words between */
	if (col->custom_left > 0)
		col->custom_left--;
	if (wc->bits & WC_CUSTOM)
		col->custom_left = 4;
	/*
	 * A word of no class, with no rule waiting for the next word, changes
	 * nothing but the memory of the words before it.
	 */
	if ((wc->len | waiting_rules(col)) == 0)
	{
		col->for_this = 0;
		col->know_neg = false;
		col->prev_bits = 0;
		col->prev2 = col->prev;
		col->prev = HYPO_OTHER;
		col->wear = 0;
		no_problem = false;
		still_asked = false;
	}
	else
		no_problem = message_word_rules(col, tok, wc, &still_asked);
	for (int p = 0; p < mw->nparts; p++)
	{
		uint16_t	f = mw->flags[p] & ~(no_problem ? WF_PROBLEM : 0);
		uint32_t	key,
					j;

		/* most words are none of these, out of a negator's reach */
		if ((f & (WF_NEGATOR | WF_PROBLEM | WF_NEEDFEEL | WF_FUNCTION | WF_CALM | WF_CALM_NEG)) ||
			col->neg_left > 0)
			collect_problem(col, f, wc, still_asked);
		if (!(f & MW_CONTENT) || mw->stemhash[p] == col->name_stem)
			continue;
		key = (f & MW_NUMWORD) ? reflect_key(col->ms, mw->stemhash[p]) : stem_key(mw->stemhash[p]);
		j = stemset_slot(s, key);
		if (s->keys[j] == 0)
		{
			s->keys[j] = key;
			s->seen[j] = 0;
			s->n++;
		}
	}
}

/* Report one explain row (explain_empathy only: out of the scoring's way). */
static __attribute__((noinline, cold)) void
report_effect(EmpEmpathyFn fn, void *arg, uint32_t start, uint32_t len, const char *category,
			  float pts)
{
	EmpEmpathyRow row;

	row.start = start;
	row.len = len;
	row.category = category;
	row.effect = pts;
	fn(arg, &row);
}

/* Add an effect to the score, and report it if asked. */
static inline void
effect(EmpEmpathyFn fn, void *arg, float *score, uint32_t start, uint32_t len,
	   const char *category, float pts)
{
	*score += pts;
	if (__builtin_expect(fn != NULL, 0) && pts != 0)
		report_effect(fn, arg, start, len, category, pts);
}

/*
 * An effect named name on the span of the category's strongest hit, or on
 * the whole reply when it has none; true when it had one.
 */
static bool
span_effect(ScoreCtx *sc, int cat, const char *name, EmpEmpathyFn fn, void *arg, float *score,
			float pts)
{
	if (!sc->has_first[cat])
	{
		effect(fn, arg, score, 0, 0, name, pts);
		return false;
	}
	effect(fn, arg, score, sc->first[cat].start, sc->first[cat].len, name, pts);
	return true;
}

/* Effect of a category's strongest hit (its span), or of the whole reply. */
static void
hit_effect(ScoreCtx *sc, int cat, EmpEmpathyFn fn, void *arg, float *score, float pts)
{
	if (span_effect(sc, cat, emp_marker_names[cat], fn, arg, score, pts) && pts != 0)
		sc->reported[cat] = true;
}

/*
 * A penalty's effect, named after the penalty, on the span of the
 * category's strongest hit ("that must be really hard" for
 * empathy_not_needed); the hit keeps its own row.
 */
static void
penalty_effect(ScoreCtx *sc, int cat, EmpEmpathyFn fn, void *arg, float *score,
			   const char *penalty, float pts)
{
	(void) span_effect(sc, cat, penalty, fn, arg, score, pts);
}

static void
add_penalty(EmpEmpathy *out, const char *reason)
{
	if (out->npenalties < EMP_MAX_PENALTIES)
		out->penalties[out->npenalties++] = reason;
}

/* Decide whether the customer message calls for empathy; set the customer's families. */
static int
message_needs_empathy(EmpScorer *sc, const char *msg, size_t len, StemCollect *col, uint8_t *fam,
					  int *dominant, float *sentiment)
{
	EmpScores	s;
	int			dims[EMP_NDIMS];
	int			n;
	bool		negative = false;
	bool		joyful = false;	/* a joy or gratitude label */
	float		strongest = 0;	/* the strongest negative label, times its threshold */

	emp_score_some(sc, msg, len, EMP_WANT_DIMS | EMP_WANT_SENTIMENT | EMP_WANT_ESCALATION, &s,
				   collect_stems, col);
	if (col->without)
		col->sent_facts++;		/* "without" last */
	if (col->still)
		col->sent_facts++;		/* "still" last */
	if (col->for_this == 2 && col->spent)
		col->sent_facts++;		/* "... for this" last */
	if (col->q_aux && !col->q_vexed && !(col->q_why && col->q_mine))
	{
		/*
		 * A last sentence with no end mark, opened by an auxiliary, asks
		 * plainly: "is the Tuesday session still on now the clocks have
		 * changed"
		 */
		col->supposed += col->sent_facts;
		col->questions++;
	}
	else
		col->facts += col->sent_facts + col->still_ok + col->sent_unsure;	/* a last sentence with no end
																				 * mark tells */
	col->sent_facts = 0;
	n = emp_labels(sc, &s, dims);
	*sentiment = s.sentiment;
	*fam = 0;
	*dominant = n > 0 ? dims[0] : -1;
	for (int i = 0; i < n; i++)
	{
		*fam |= dim_family[dims[i]];
		if (dims[i] == EMP_JOY || dims[i] == EMP_GRATITUDE)
			joyful = true;
		/* confusion alone is a question, not a grievance */
		if (dim_family[dims[i]] & ~FAM_CONFUSION)
		{
			float		thr = sc->model.threshold[dims[i]];
			float		rel = s.dims[dims[i]] / (thr > 0 ? thr : 1);

			negative = true;
			if (rel > strongest)
				strongest = rel;
		}
	}
	/*
	 * A mild feeling in a message whose only problem is one the customer
	 * supposes ("if you could not ship by Friday, would it be late?") comes
	 * from that problem's words: no grievance.
	 */
	if (negative && col->supposed > 0 && col->facts == 0 && col->harms == 0 &&
		strongest < NEEDED_SUPPOSED_FEELING)
		negative = false;
	/*
	 * Praise that names a worry it put to rest ("I was nervous about access
	 * but the guard had the ramp ready. Thank you!", "the Fauré had me in
	 * tears (good ones!)"): in a message this positive, with joy or gratitude,
	 * feelings named in the past and a mild negative emotion call for no
	 * empathy.  A feeling named in the present ("Thank you so much! I'm
	 * worried about my son"), facts, harms, escalation cues, a raised voice
	 * and exasperated questions still do, and sarcastic praise shows itself
	 * by them ("great, another week without internet, thanks so much").
	 */
	if (s.sentiment >= (col->past_feelings > 0 ? NEEDED_PRAISE_PAST_SENTIMENT : NEEDED_PRAISE_SENTIMENT) &&
		joyful && col->facts == 0 &&
		col->harms == col->feelings && col->feelings == col->past_feelings &&
		col->exasperated == 0 && col->eye_rolls == 0 &&
		s.escalation < 0.3f && col->shouted < NEEDED_SHOUTED &&
		strongest < (col->past_feelings > 0 ? NEEDED_PRAISE_PAST_FEELING : NEEDED_PRAISE_FEELING))
	{
		negative = false;
		col->harms -= col->feelings;
		col->feelings = 0;
	}
	/*
	 * Shouting: a few words in capitals are an acronym, more are a raised
	 * voice.  An escalation cue counts unless the customer says nothing is
	 * wrong ("any ETA? client is asking, nothing urgent").
	 */
	if (negative || (s.escalation >= 0.3f && !col->calm) || col->harms >= 1 ||
		col->shouted >= NEEDED_SHOUTED)
		return 1;
	/*
	 * A fact, a question asked in exasperation ("any ETA??", "can this be
	 * fixed?!") or a negative tone calls for empathy, unless the customer
	 * says nothing is wrong: "just curious", "no rush".  The mild tone of a
	 * message that asks a plain question ("do you ship to Ireland? I know
	 * some places won't") counts for nothing: it comes from words that lean
	 * negative by chance, and a grievance in such a message shows itself
	 * otherwise (a fact, a feeling, an escalation cue).  Nor does the tone of
	 * a question about a problem the customer only supposes ("would I have
	 * to cancel?"): it comes from the problem's words.
	 */
	if (!col->calm && (col->facts >= 1 || col->exasperated >= 1 ||
					   (s.sentiment <= NEEDED_SENTIMENT && col->supposed == 0 && col->questions == 0)))
		return 1;
	return 0;
}

/*
 * Is msg the customer message kept from the last call, read with the same
 * name stem by the same scorer, whose lexicon has the same terms and whose
 * model is the same?  The catalogue's own terms are checked by the caller
 * (msgwords_clear forgets the message).  A lexicon changed in place with
 * no term added is not seen, as in the message words kept (msgwords); the
 * binding builds a changed configuration's scorer and catalogue anew.
 */
static bool
message_kept(const EmpMarkerSet *ms, const EmpScorer *scorer, const char *msg, size_t len,
			 uint32_t name_stem)
{
	return ms->msg_kept && ms->msg_len == len && ms->msg_name_stem == name_stem &&
		ms->msg_scorer == scorer && ms->msg_scorer_lx == scorer->lx &&
		ms->msg_scorer_nterms == emp_lexicon_nterms(scorer->lx) &&
		memcmp(ms->msg_text, msg, len) == 0 &&
		memcmp(&ms->msg_model, &scorer->model, sizeof(EmpModel)) == 0;
}

/*
 * Keep a customer message of at most MSG_KEPT_BYTES and what was made of
 * it, the stem set as it was collected (before a scan marks it).  The
 * memory, one allocation of five bytes per slot of the largest set kept
 * (4 kB of keys and 1 kB of text for a message under 1 kB, 40 kB at most),
 * stays with the catalogue.  msg_kept is set last, so that an error in
 * between leaves nothing half kept.
 */
static void
keep_message(EmpMarkerSet *ms, const EmpScorer *scorer, const char *msg, size_t len,
			 uint32_t name_stem, const StemSet *set, int needed, int emotion, uint8_t fam,
			 float sentiment, bool sarcastic)
{
	uint32_t	slots = set->mask + 1;

	ms->msg_kept = false;
	if (len > MSG_KEPT_BYTES || len >= slots)
		return;
	if (slots > ms->msg_slots)
	{
		void	   *p = emp_alloc(ms->a, (size_t) slots * (sizeof(uint32_t) + 1));

		emp_release(ms->a, ms->msg_keys);
		ms->msg_keys = p;
		ms->msg_text = (char *) (ms->msg_keys + slots);
		ms->msg_slots = slots;
	}
	memcpy(ms->msg_text, msg, len);
	memcpy(ms->msg_keys, set->keys, slots * sizeof(uint32_t));
	ms->msg_len = (uint32_t) len;
	ms->msg_set_slots = slots;
	ms->msg_set_n = set->n;
	ms->msg_name_stem = name_stem;
	ms->msg_scorer = scorer;
	ms->msg_scorer_lx = scorer->lx;
	ms->msg_scorer_nterms = emp_lexicon_nterms(scorer->lx);
	memcpy(&ms->msg_model, &scorer->model, sizeof(EmpModel));
	ms->msg_needed = needed;
	ms->msg_emotion = emotion;
	ms->msg_fam = fam;
	ms->msg_sentiment = sentiment;
	ms->msg_sarcastic = sarcastic;
	ms->msg_kept = true;
}

/*
 * The customer's first name, as the reply's tokens will show it: the norm
 * of the first word of the given name (the first_name filter's: no title,
 * "Smith, Jane" is Jane), or of the surname when it has none (a couple's),
 * and that word's stem hash.  The last name read is kept, since the
 * replies of a conversation are scored with one name.
 */
static void
read_name(EmpMarkerSet *ms, const char *name, size_t namelen, ScanCtx *c)
{
	EmpToken	tok;
	size_t		given,
				givenlen;

	if (ms->name_kept && namelen == ms->name_textlen && memcmp(name, ms->name_text, namelen) == 0)
	{
		memcpy(c->name, ms->name_norm, ms->name_normlen);
		c->namelen = ms->name_normlen;
		c->name_stem = ms->name_stem;
		c->name_is_word = ms->name_is_word;
		c->name_sent_start = true;
		return;
	}
	/* the given name, as the first_name filter reads it; else the surname ("Mr. and Mrs. Smith") */
	emp_name_to_match(name, namelen, &given, &givenlen);
	emp_tokenizer_reset(ms->tz2, name + given, givenlen);
	while (emp_tokenizer_next(ms->tz2, &tok))
	{
		if (tok.kind == EMP_TOK_WORD && tok.normlen <= NAME_MAX_BYTES)
		{
			EmpLookup	lk;

			memcpy(c->name, tok.norm, tok.normlen);
			c->namelen = tok.normlen;
			emp_lexicon_lookup(ms->lx, &tok, &lk);
			c->name_stem = lk.stemhash[0];
			c->name_is_word = lk.ids[0] > 0;
			break;
		}
	}
	ms->name_kept = namelen <= NAME_KEPT_BYTES;
	if (ms->name_kept)
	{
		memcpy(ms->name_text, name, namelen);
		ms->name_textlen = (uint32_t) namelen;
		memcpy(ms->name_norm, c->name, c->namelen);
		ms->name_normlen = (uint32_t) c->namelen;
		ms->name_stem = c->name_stem;
		ms->name_is_word = c->name_is_word;
	}
	c->name_sent_start = true;
}

void
emp_empathy_score(EmpMarkerSet *ms, EmpScorer *scorer,
				  const char *reply, size_t replylen,
				  const char *msg, size_t msglen,
				  const char *name, size_t namelen,
				  EmpEmpathy *out, EmpEmpathyFn fn, void *arg)
{
	ScanCtx		c;
	ScoreCtx	sc;
	EmpMarkerScan *o = &out->scan;
	float		score;
	bool		needed;
	bool		misread = false;
	bool		stock_reported = false;	/* a stock apology's points have their row */
	float		msg_sentiment = 0;
	bool		sarcastic = false;
	int			er,
				in,
				ex;
	StemSet		msgset;
	uint32_t	msg_keys[MSG_SET_LOCAL];	/* the set of a message of up to 1 kB */
	uint32_t	msg_seen[MSG_SET_LOCAL];

	/* what a call that an error or a cancel ended left behind */
	release_call_scratch(ms);
	emp_clear_bytes(out, sizeof(*out));
	emp_clear_bytes(&c, sizeof(c));
	emp_clear_bytes(&sc, sizeof(sc));
	emp_markers_finish(ms);
	sc.ms = ms;
	sc.scorer = scorer;
	sc.a = ms->a;
	out->needed = -1;
	out->acknowledged = -1;
	out->reflection = -1;
	out->name_count = -1;
	out->customer_emotion = -1;

	/* what is kept names terms by id: not if terms were added since */
	if (emp_lexicon_nterms(ms->lx) != ms->msgwords_nterms)
		msgwords_clear(ms);
	if (name)
		read_name(ms, name, namelen, &c);
	if (msg)
	{
		uint32_t	name_stem = c.namelen ? c.name_stem : 0;

		stemset_init(ms, &msgset, msglen, msg_keys, msg_seen);
		if (message_kept(ms, scorer, msg, msglen, name_stem) && ms->msg_set_slots == msgset.mask + 1)
		{
			/*
			 * Another reply to the last message: its set as collected, every
			 * stem not yet restated.
			 */
			memcpy(msgset.keys, ms->msg_keys, ms->msg_set_slots * sizeof(uint32_t));
			memset(msgset.seen, 0, ms->msg_set_slots * sizeof(uint32_t));
			msgset.n = ms->msg_set_n;
			out->needed = ms->msg_needed;
			out->customer_emotion = ms->msg_emotion;
			sc.cust_fam = ms->msg_fam;
			msg_sentiment = ms->msg_sentiment;
			sarcastic = ms->msg_sarcastic;
		}
		else
		{
			StemCollect col;

			/* every count zero, every flag false */
			emp_clear_bytes(&col, sizeof(col));
			col.ms = ms;
			col.set = &msgset;
			col.name_stem = name_stem;
			col.prev = col.prev2 = HYPO_OTHER;
			col.clause_start = true;
			out->needed = message_needs_empathy(scorer, msg, msglen, &col, &sc.cust_fam,
												 &out->customer_emotion, &msg_sentiment);
			sarcastic = col.eye_rolls > 0;
			keep_message(ms, scorer, msg, msglen, name_stem, &msgset, out->needed,
						 out->customer_emotion, sc.cust_fam, msg_sentiment, sarcastic);
		}
		c.msg = &msgset;
	}
	sc.keep = (fn != NULL);
	c.ms = ms;
	c.out = o;
	c.fn = score_hit;
	c.feeling_fn = score_feeling;
	c.arg = &sc;
	sc.reply = reply;
	sc.praise = out->needed == 0 &&
		(out->customer_emotion == EMP_JOY || out->customer_emotion == EMP_GRATITUDE);
	sc.grievance = out->needed == 1;
	sc.plain = out->needed == 0 && !sc.praise;
	sc.praise_like = out->needed == 1 &&
		(out->customer_emotion == EMP_JOY || out->customer_emotion == EMP_GRATITUDE || msg_sentiment > 0 ||
		 sarcastic);
	scan_empathy(&c, reply, replylen);
	mark_over_apology(o);
	if (o->level[EMP_MK_OVER_APOLOGY])
		sc.has_first[EMP_MK_OVER_APOLOGY] = false;

	needed = out->needed != 0;

	/*
	 * A message that needs empathy answered as praise ("glad you're enjoying
	 * it!", "great news!") with nothing but shared joy: the reply misread it.
	 * So when the grievance reads as praise ("great, another week without
	 * internet, thanks so much") or would without its eye roll ("thanks a
	 * lot, really great service 🙃"); a plain one ("my mum died last week")
	 * when the reply does nothing about it either: "glad you got in touch,
	 * I have refunded the second charge", "glad you reached out, could you
	 * send me your order number?" and "so glad you contacted us, I will
	 * look into this" are pleasantries before a fix, a question or a
	 * promise.
	 */
	if ((sc.praise_like || (sc.grievance && !c.resolved && !c.asks && o->level[EMP_MK_EXPLORATION] == 0 &&
							o->level[EMP_MK_OWNERSHIP] == 0)) &&
		sc.er_joy > 0 && sc.er_other == 0 && sc.er_comfort == 0 && o->count[EMP_MK_APOLOGY] == 0)
		misread = true;

	/* reflection */
	if (c.msg)
	{
		uint32_t	denom = c.msg->n < REFLECT_FULL ? c.msg->n : REFLECT_FULL;

		out->reflection = denom ? (float) c.overlap / (float) denom : 0.0f;
		if (out->reflection > 1.0f)
			out->reflection = 1.0f;
	}

	/* emotional reaction */
	er = o->level[EMP_MK_EMOTIONAL_REACTION];
	if (er == 2 && !c.er2_specific)
		er = 1;
	if (er == 0 && (o->count[EMP_MK_APOLOGY] > 0 || c.scripted_care))
		er = 1;
	if (er == 2 && sc.misfit && !sc.fit && sc.cust_fam)
		er = 1;
	if (c.care_tied && out->needed == 1)
		er = 2;
	if (out->needed == 0 && er > 1)
		er = 1;
	/*
	 * interpretation: restating the situation counts in a reply that cares
	 * (an emotional reaction, an apology) or tells the customer they are
	 * right; a procedure or a policy set out in the customer's words ("the
	 * £40 charge in March is correct") restates nothing.  It counts whether
	 * or not the message needed empathy: a reply to praise that names what
	 * was praised ("lovely to hear Joy found your father a quiet corner"), or
	 * to a calm report that says the customer is right about it, shows the
	 * situation was understood.
	 */
	in = o->level[EMP_MK_INTERPRETATION];
	if (c.msg && (er >= 1 || o->count[EMP_MK_VALIDATION] > 0) &&
		c.overlap >= INTERP_MIN_OVERLAP &&
		out->reflection >= INTERP_MIN_REFLECT && c.max_sent_overlap >= INTERP_MIN_SENTENCE)
		in = 2;
	/* exploration */
	ex = o->level[EMP_MK_EXPLORATION];
	if (ex == 0 && o->count[EMP_MK_CONFIRMATION] > 0)
		ex = 1;
	out->emotional_reaction = er;
	/*
	 * Care that says "I understand" ("I completely understand how
	 * stressful this is", "we understand your frustration") also tells
	 * of understanding, generically: weak interpretation, as EPITOME's
	 * "I understand how you feel" is.  The score counts it once, as care.
	 */
	out->interpretation = (in == 0 && c.understood) ? 1 : in;
	out->exploration = ex;

	/*
	 * acknowledged: named or answered the customer's emotion; a problem
	 * told with no feeling named ("my order is late") is answered as a
	 * feeling would be, by strong care or care that validates or reassures,
	 * not by a bare "Sorry."
	 */
	if (misread)
		out->acknowledged = 0;
	else if (out->needed == 1)
		out->acknowledged = ((sc.cust_fam && sc.fit) || (er == 2 && !(sc.cust_fam && sc.misfit)) ||
							 (er >= 1 && (o->count[EMP_MK_VALIDATION] || o->count[EMP_MK_REASSURANCE]))) ? 1 : 0;
	else if (out->needed == 0 && (out->customer_emotion == EMP_JOY || out->customer_emotion == EMP_GRATITUDE))
		out->acknowledged = (o->count[EMP_MK_GRATITUDE] || o->count[EMP_MK_EMOTIONAL_REACTION]) ? 1 : 0;

	/* personalisation */
	if (c.namelen)
	{
		out->name_count = c.name_count;
		out->personalization = c.name_count == 0 ? "none" : c.name_count <= 2 ? "good" : "overuse";
	}

	/* the score */
	score = 0;
	if (needed)
	{
		effect(fn, arg, &score, 0, 0, "base", PTS_BASE_NEEDED);
		if (o->level[EMP_MK_EMOTIONAL_REACTION] == 0 && o->count[EMP_MK_APOLOGY] == 0 && c.scripted_care)
			effect(fn, arg, &score, c.scare_start, c.scare_len, emp_marker_names[EMP_MK_EMOTIONAL_REACTION],
				   misread ? 0 : er == 2 ? PTS_ER_STRONG : er == 1 ? PTS_ER_WEAK : 0);
		else
		{
			float		pts = misread ? 0 : er == 2 ? PTS_ER_STRONG : er == 1 ? PTS_ER_WEAK : 0;

			bool		apology_only = o->level[EMP_MK_EMOTIONAL_REACTION] == 0 &&
				o->count[EMP_MK_APOLOGY] > 0;

			/* the points of the mechanism: on an apology's span when that is all it has */
			if (apology_only && !sc.has_first[EMP_MK_APOLOGY] && c.stock_apology)
			{
				effect(fn, arg, &score, c.sapo_start, c.sapo_len, emp_marker_names[EMP_MK_APOLOGY], pts);
				stock_reported = (pts != 0);
			}
			else
				hit_effect(&sc, apology_only && sc.has_first[EMP_MK_APOLOGY] ? EMP_MK_APOLOGY :
						   EMP_MK_EMOTIONAL_REACTION, fn, arg, &score, pts);
		}
		if (o->level[EMP_MK_INTERPRETATION] >= in)
			hit_effect(&sc, EMP_MK_INTERPRETATION, fn, arg, &score,
					   in == 2 ? PTS_INT_STRONG : in == 1 ? PTS_INT_WEAK : 0);
		else
			effect(fn, arg, &score, 0, 0, "reflection", in == 2 ? PTS_INT_STRONG : PTS_INT_WEAK);
		hit_effect(&sc, o->level[EMP_MK_EXPLORATION] ? EMP_MK_EXPLORATION : EMP_MK_CONFIRMATION,
				   fn, arg, &score, ex == 2 ? PTS_EXP_STRONG : ex == 1 ? PTS_EXP_WEAK : 0);
		if (o->count[EMP_MK_VALIDATION])
			hit_effect(&sc, EMP_MK_VALIDATION, fn, arg, &score, PTS_SUPPORT);
		if (o->count[EMP_MK_REASSURANCE])
			hit_effect(&sc, EMP_MK_REASSURANCE, fn, arg, &score, PTS_SUPPORT);
	}
	else
	{
		effect(fn, arg, &score, 0, 0, "base", PTS_BASE_NOT_NEEDED);
		/*
		 * Strong feelings for a customer who has none: a feeling named that
		 * is not theirs, or care for a trouble a plain question does not
		 * have ("I'm so sorry, that must be really hard for you both" to
		 * "does the box ever include decaf?")
		 */
		if (o->level[EMP_MK_EMOTIONAL_REACTION] == 2 &&
			(sc.misfit || (sc.plain && !sc.fit && sc.er_other > 0)))
		{
			penalty_effect(&sc, EMP_MK_EMOTIONAL_REACTION, fn, arg, &score, "empathy_not_needed", -PEN_UNNEEDED);
			add_penalty(out, "empathy_not_needed");
		}
		/* praise answered in kind ("congratulations!", "so glad you enjoyed it") */
		if (sc.praise && sc.er_joy > 0)
			hit_effect(&sc, EMP_MK_EMOTIONAL_REACTION, fn, arg, &score, PTS_SHARED_JOY);
		/* or with regret: "we're sorry to hear about your experience" */
		else if (sc.praise && (o->count[EMP_MK_APOLOGY] > 0 || sc.er_other > 0))
		{
			penalty_effect(&sc, sc.er_other > 0 ? EMP_MK_EMOTIONAL_REACTION : EMP_MK_APOLOGY, fn, arg, &score,
						   "misread_as_complaint", -PEN_MISREAD_COMPLAINT);
			add_penalty(out, "misread_as_complaint");
		}
	}
	if (o->count[EMP_MK_OWNERSHIP])
		hit_effect(&sc, EMP_MK_OWNERSHIP, fn, arg, &score, PTS_SUPPORT);
	if (o->count[EMP_MK_GRATITUDE])
		hit_effect(&sc, EMP_MK_GRATITUDE, fn, arg, &score, PTS_GRATITUDE);
	/* "good": the name once or twice; "overuse": more often */
	if (c.namelen && c.name_count >= 1 && c.name_count <= 2)
		effect(fn, arg, &score, 0, 0, "personalization", PTS_NAME_GOOD);
	/* specifics: a time, a date, an amount or a reference, not only words */
	if (c.numbers > 0)
		effect(fn, arg, &score, c.number_start, c.number_len, "specifics", PTS_SPECIFICS);
	if (c.resolved)
		effect(fn, arg, &score, c.res_start, c.res_len, "resolution", PTS_RESOLUTION);

	/* penalties */
	if (o->count[EMP_MK_SCRIPTED])
	{
		hit_effect(&sc, EMP_MK_SCRIPTED, fn, arg, &score,
				   -PEN_SCRIPTED * (o->count[EMP_MK_SCRIPTED] >= 2 ? 1.5f : 1.0f));
		add_penalty(out, "scripted");
	}
	if (o->count[EMP_MK_BLAME])
	{
		hit_effect(&sc, EMP_MK_BLAME, fn, arg, &score, -PEN_BLAME);
		add_penalty(out, "blame");
	}
	if (o->count[EMP_MK_DISMISSIVE])
	{
		hit_effect(&sc, EMP_MK_DISMISSIVE, fn, arg, &score, -PEN_DISMISSIVE);
		add_penalty(out, "dismissive");
	}
	if (o->count[EMP_MK_MINIMIZING])
	{
		hit_effect(&sc, EMP_MK_MINIMIZING, fn, arg, &score, -PEN_MINIMIZING);
		add_penalty(out, "minimizing");
	}
	if (o->level[EMP_MK_OVER_APOLOGY])
	{
		effect(fn, arg, &score, 0, 0, "over_apology", -PEN_OVER_APOLOGY);
		add_penalty(out, "over_apology");
	}
	if (c.namelen && c.name_count > 2)
	{
		effect(fn, arg, &score, 0, 0, "name_overuse", -PEN_NAME_OVERUSE);
		add_penalty(out, "name_overuse");
	}
	if (needed && sc.misfit && !sc.fit && sc.cust_fam && out->needed == 1)
	{
		/* on the phrase that names the wrong feeling ("sorry for any confusion") */
		effect(fn, arg, &score, sc.misfit_start, sc.misfit_len, "wrong_feeling", -PEN_WRONG_FEELING);
		add_penalty(out, "wrong_feeling");
	}
	if (misread)
	{
		effect(fn, arg, &score, sc.first[EMP_MK_EMOTIONAL_REACTION].start,
			   sc.first[EMP_MK_EMOTIONAL_REACTION].len, "misread_as_praise", -PEN_MISREAD_PRAISE);
		add_penalty(out, "misread_as_praise");
	}
	if (out->needed == 1 && er == 0)
		add_penalty(out, "no_emotional_reaction");
	/* an empty reply, or one of punctuation alone, answers nothing */
	if (o->nwords == 0)
	{
		effect(fn, arg, &score, 0, 0, "empty_reply", -score);
		add_penalty(out, "empty_reply");
	}
	/* clamp, and say so */
	if (score > 100.0f)
		effect(fn, arg, &score, 0, 0, "cap", 100.0f - score);
	else if (score < 0.0f)
		effect(fn, arg, &score, 0, 0, "cap", -score);
	out->score = score;
	/* the marker hits themselves, with no effect of their own */
	if (fn)
	{
		bool		apology_row = sc.reported[EMP_MK_APOLOGY] || stock_reported;

		for (size_t i = 0; i < sc.nhits; i++)
		{
			EmpEmpathyRow row;
			int			cat = sc.hits[i].category;

			apology_row |= (cat == EMP_MK_APOLOGY);
			/* one row a span and category: the hit with an effect has it already */
			if (sc.reported[cat] && sc.first[cat].start == sc.hits[i].start &&
				sc.first[cat].len == sc.hits[i].len)
				continue;
			if (i > 0 && sc.hits[i - 1].category == cat && sc.hits[i - 1].start == sc.hits[i].start &&
				sc.hits[i - 1].len == sc.hits[i].len)
				continue;
			row.start = sc.hits[i].start;
			row.len = sc.hits[i].len;
			row.category = emp_marker_names[sc.hits[i].category];
			row.effect = 0;
			fn(arg, &row);
		}
		/* a stock apology ("we apologise for any inconvenience") is an apology too, as markers() says */
		if (!apology_row && o->count[EMP_MK_APOLOGY] > 0 && c.stock_apology)
			report_effect(fn, arg, c.sapo_start, c.sapo_len, emp_marker_names[EMP_MK_APOLOGY], 0);
	}
	release_call_scratch(ms);
	emp_tokenizer_trim(ms->tz);
	emp_tokenizer_trim(ms->tz2);
}
