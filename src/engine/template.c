/*-------------------------------------------------------------------------
 *
 * template.c
 *	  Parse, compile and render response templates.
 *
 * Compilation is a single left-to-right scan of the template.  Literal text
 * is copied into a pool (with \{{ unescaped and the lines of standalone
 * section tags removed); every tag becomes one or more instructions of a
 * flat program:
 *
 *	TEXT  a=pool offset b=length			copy literal text
 *	VAR   a=operand b=first filter c=count	output a value through filters
 *	IF    a=first clause b=count c=target	jump to c when the condition fails
 *	JUMP  a=target
 *	EACH  a=operand c=target				push a loop frame, or jump to c
 *	NEXT  a=body start c=target				advance the loop, or pop and jump
 *	HALT
 *
 * Sections are matched with an explicit stack limited to EMP_TPL_MAX_DEPTH,
 * and rendering keeps loop frames in an array sized at compile time, so
 * neither compiling nor rendering recurses: a hostile template costs time
 * linear in its length to reject, and nesting never touches the C stack.
 * Serialising nested values (objects and arrays rendered as JSON) also uses
 * an explicit, growable stack.
 *
 * Memory: everything a template owns (program, pool, scratch buffers, the
 * loop frames and the JSON stack) comes from the allocator it was compiled
 * with and is released by emp_template_free.  Rendering appends to the
 * caller's output buffer and otherwise reuses the template's scratch
 * buffers, so a render allocates nothing per variable.
 *
 * Lenient rendering never shows a tag: a missing value renders as nothing,
 * and the whitespace and separators it leaves behind are collapsed when the
 * next text is emitted (see emit()).
 *
 *-------------------------------------------------------------------------
 */
#include "template.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* ----------------------------------------------------------------
 * Compiled form
 * ----------------------------------------------------------------
 */
typedef enum TplOp
{
	OP_TEXT,
	OP_VAR,
	OP_IF,
	OP_JUMP,
	OP_EACH,
	OP_NEXT,
	OP_HALT
} TplOp;

/* VAR flags */
#define VF_RAW			0x01	/* no escaping */
#define VF_DEFAULT		0x04	/* has a default filter */
/* IF flags */
#define IF_NEGATE		0x01	/* {{#unless}} */

/*
 * Indentation read back to tell whether an empty value starts its line
 * (see at_line_start_past_spaces)
 */
#define TPL_INDENT_MAX	1024

typedef struct TplInstr
{
	uint8_t		op;
	uint8_t		flags;
	uint32_t	a;
	uint32_t	b;
	uint32_t	c;
	uint32_t	pos;			/* 1-based character position of the tag */
} TplInstr;

typedef enum TplOpdKind
{
	OPD_PATH,
	OPD_STRING,
	OPD_NUMBER,
	OPD_TRUE,
	OPD_FALSE,
	OPD_NULL
} TplOpdKind;

/* Where a path starts. */
typedef enum TplRoot
{
	ROOT_SCOPE,					/* first segment looked up innermost scope first */
	ROOT_THIS,					/* the current loop item (or the root) */
	ROOT_ROOT,					/* @root */
	ROOT_INDEX,					/* @index */
	ROOT_FIRST,					/* @first */
	ROOT_LAST,					/* @last */
	ROOT_KEY					/* @key */
} TplRoot;

typedef struct TplOperand
{
	uint8_t		kind;			/* TplOpdKind */
	uint8_t		root;			/* TplRoot, for paths */
	uint32_t	seg0;			/* first segment */
	uint32_t	nsegs;
	uint32_t	text;			/* pool: path source text, or literal value */
	uint32_t	textlen;
	uint32_t	pos;			/* character position of the tag */
	double		num;			/* OPD_NUMBER */
} TplOperand;

typedef struct TplSeg
{
	uint32_t	key;			/* pool offset of the key text */
	uint32_t	keylen;
	bool		is_index;		/* digits: an index into arrays */
	int64_t		index;			/* negative counts from the end */
} TplSeg;

typedef enum TplFilterId
{
	F_DEFAULT,
	F_UPPER,
	F_LOWER,
	F_CAPITALIZE,
	F_TITLE,
	F_TRIM,
	F_FIRST_NAME,
	F_TRUNCATE,
	F_JOIN,
	F_JSON,
	F_SIZE,
	F_FIRST,
	F_LAST,
	F_PLURAL,
	F_URL,
	F_HTML,
	F_RAW,
	F_ADJECTIVE,
	F_FEELING,
	F_NOUN
} TplFilterId;

typedef struct TplFilter
{
	uint8_t		id;
	uint8_t		nargs;
	uint32_t	arg[2];			/* operand indexes */
} TplFilter;

typedef enum TplCmp
{
	CMP_TRUTH,
	CMP_EQ,
	CMP_NE,
	CMP_LT,
	CMP_LE,
	CMP_GT,
	CMP_GE
} TplCmp;

typedef struct TplClause
{
	uint32_t	lhs;
	uint32_t	rhs;
	uint8_t		cmp;
	bool		negate;
	bool		or_next;		/* "or" follows (else "and", or the end) */
} TplClause;

/* A loop frame at render time. */
typedef struct TplFrame
{
	EmpTplValue item;			/* "this" */
	EmpTplValue key;			/* @key when iterating an object */
	EmpTplValue coll;
	size_t		index;
	size_t		count;
	uint8_t		mode;			/* FRAME_* */
	char		numbuf[24];
} TplFrame;

#define FRAME_ARRAY		0
#define FRAME_OBJECT	1
#define FRAME_SINGLE	2
#define FRAME_UNKNOWN	3		/* lint only: the sample has no item */

/* A level of the JSON serialiser's explicit stack. */
typedef struct TplJsonLevel
{
	EmpTplValue v;
	size_t		i;
} TplJsonLevel;

#define NSCRATCH 5

struct EmpTemplate
{
	EmpAllocator *a;
	TplInstr   *code;
	uint32_t	ncode,
				capcode;
	TplOperand *opds;
	uint32_t	nopds,
				capopds;
	TplSeg	   *segs;
	uint32_t	nsegs,
				capsegs;
	TplFilter  *filters;
	uint32_t	nfilters,
				capfilters;
	TplClause  *clauses;
	uint32_t	nclauses,
				capclauses;
	char	   *pool;
	uint32_t	poollen,
				poolcap;
	size_t		literal_bytes;
	uint32_t	nvars;
	int			max_loops;		/* deepest {{#each}} nesting */
	/* render-time scratch, reused */
	TplFrame   *frames;
	TplJsonLevel *jstack;
	size_t		jcap;
	EmpBuf		scratch[NSCRATCH];
	bool		scratch_ready;
};

/* ----------------------------------------------------------------
 * Filters table
 * ----------------------------------------------------------------
 */
typedef struct TplFilterDef
{
	const char *name;
	uint8_t		id;
	uint8_t		min_args;
	uint8_t		max_args;
} TplFilterDef;

static const TplFilterDef filter_defs[] = {
	{"default", F_DEFAULT, 1, 1},
	{"upper", F_UPPER, 0, 0},
	{"lower", F_LOWER, 0, 0},
	{"capitalize", F_CAPITALIZE, 0, 0},
	{"title", F_TITLE, 0, 0},
	{"trim", F_TRIM, 0, 0},
	{"first_name", F_FIRST_NAME, 0, 0},
	{"truncate", F_TRUNCATE, 1, 2},
	{"join", F_JOIN, 0, 1},
	{"json", F_JSON, 0, 0},
	{"size", F_SIZE, 0, 0},
	{"first", F_FIRST, 0, 0},
	{"last", F_LAST, 0, 0},
	{"plural", F_PLURAL, 1, 2},
	{"url", F_URL, 0, 0},
	{"html", F_HTML, 0, 0},
	{"raw", F_RAW, 0, 0},
	{"adjective", F_ADJECTIVE, 0, 0},
	{"feeling", F_FEELING, 0, 0},
	{"noun", F_NOUN, 0, 0},
};

#define NFILTERS (sizeof(filter_defs) / sizeof(filter_defs[0]))

const char *const emp_tpl_filter_names[] = {
	"default", "upper", "lower", "capitalize", "title", "trim", "first_name",
	"truncate", "join", "json", "size", "first", "last", "plural", "url",
	"html", "raw", "adjective", "feeling", "noun", NULL
};

/* ----------------------------------------------------------------
 * Emotion words
 *
 * For each emotion dimension: the noun, the adjective that describes a
 * situation causing it ("that sounds frustrating"), the adjective that
 * describes a person feeling it ("you must feel frustrated"), and other
 * words that name the same emotion.  The emotion filters accept any of
 * them, in any case.
 * ----------------------------------------------------------------
 */
typedef struct TplEmotion
{
	const char *name;
	const char *noun;
	const char *adjective;
	const char *feeling;
	const char *aliases;		/* space-separated */
} TplEmotion;

static const TplEmotion emotions[] = {
	{"anger", "anger", "infuriating", "angry",
	"mad furious outraged outrage irate livid rage fury"},
	{"frustration", "frustration", "frustrating", "frustrated",
	"annoyed annoyance annoying irritated irritation irritating fed-up exasperated"},
	{"disappointment", "disappointment", "disappointing", "disappointed",
	"letdown let-down underwhelmed dissatisfied dissatisfaction"},
	{"sadness", "sadness", "upsetting", "sad",
	"upset unhappy unhappiness sorrow heartbroken hurt"},
	{"fear", "worry", "worrying", "worried",
	"anxiety anxious afraid scared nervous concern concerned concerning fearful frightening alarming"},
	{"confusion", "confusion", "confusing", "confused",
	"puzzled puzzling unclear lost baffled baffling"},
	{"surprise", "surprise", "surprising", "surprised",
	"shocked shock shocking astonished unexpected"},
	{"joy", "joy", "wonderful", "delighted",
	"happy happiness glad pleased delight delightful excited thrilled"},
	{"gratitude", "gratitude", "kind", "grateful",
	"thankful thanks thank-you appreciative appreciation appreciated"},
	{"disgust", "disgust", "unacceptable", "disgusted",
	"disgusting appalled appalling revolted gross"},
};

#define NEMOTIONS (sizeof(emotions) / sizeof(emotions[0]))

/* ----------------------------------------------------------------
 * Small helpers
 * ----------------------------------------------------------------
 */

/* Is c a horizontal white-space byte (space or tab)? */
static inline bool
is_hws(char c)
{
	return c == ' ' || c == '\t';
}

/* Is c white space inside a tag? */
static inline bool
is_tag_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* May c start a name (letters, underscore, any non-ASCII byte)? */
static inline bool
is_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* May c continue a name (also digits and hyphens)? */
static inline bool
is_name_char(unsigned char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Count the UTF-8 characters in s[0..n). */
static long
utf8_chars(const char *s, size_t n)
{
	long		count = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

/* Decode the code point at s[*i] (advancing *i); invalid bytes give -1. */
static inline int32_t
next_cp(const char *s, size_t n, size_t *i)
{
	int32_t		idx = (int32_t) *i;
	int32_t		c;

	U8_NEXT(s, idx, (int32_t) n, c);
	*i = (size_t) idx;
	return c;
}

/* Decode the code point that ends just before s[*i] (moving *i back). */
static inline int32_t
prev_cp(const char *s, size_t *i)
{
	int32_t		idx = (int32_t) *i;
	int32_t		c;

	U8_PREV(s, 0, idx, c);
	*i = (size_t) idx;
	return c;
}

/* Is code point c white space (Unicode White_Space)? */
static inline bool
cp_is_space(int32_t c)
{
	if (c < 0)
		return false;
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	return u_isUWhiteSpace(c);
}

/* Is s[0..n) empty or only white space? */
static bool
is_blank_text(const char *s, size_t n)
{
	size_t		i = 0;

	while (i < n)
	{
		if ((unsigned char) s[i] < 0x80)
		{
			if (!cp_is_space(s[i]))
				return false;
			i++;
		}
		else if (!cp_is_space(next_cp(s, n, &i)))
			return false;
	}
	return true;
}

/* Append to a buffer, turning a refusal into a too-large error. */
static inline bool
buf_put(EmpBuf *b, const char *s, size_t n, EmpError *err)
{
	if (n <= b->cap - b->len)
	{
		memcpy(b->data + b->len, s, n);
		b->len += n;
		return true;
	}
	if (emp_buf_append(b, s, n))
		return true;
	emp_error_set(err, EMP_ERR_TOO_LARGE, 0,
				  "rendered template exceeds the maximum size of %zu bytes", b->limit);
	emp_error_hint(err, "Render fewer or shorter values, or split the template.");
	return false;
}

static inline bool
buf_puts(EmpBuf *b, const char *s, EmpError *err)
{
	return buf_put(b, s, strlen(s), err);
}

/* Append one code point as UTF-8. */
static inline bool
buf_put_cp(EmpBuf *b, int32_t c, EmpError *err)
{
	char		tmp[4];
	int32_t		k = 0;

	U8_APPEND_UNSAFE(tmp, k, c);
	return buf_put(b, tmp, (size_t) k, err);
}

/* Compare s[0..n) with the lower-case ASCII word w[0..wl), ignoring ASCII case. */
static bool
ascii_ieq_n(const char *s, size_t n, const char *w, size_t wl)
{
	if (wl != n)
		return false;
	for (size_t i = 0; i < n; i++)
	{
		char		c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != w[i])
			return false;
	}
	return true;
}

/* Compare s[0..n) with a NUL-terminated lower-case ASCII word, ignoring ASCII case. */
static bool
ascii_ieq(const char *s, size_t n, const char *word)
{
	return ascii_ieq_n(s, n, word, strlen(word));
}

/* Append text with the given escaping. */
static bool
append_escaped(EmpBuf *b, const char *s, size_t n, EmpTplEscape esc, EmpError *err)
{
	size_t		start = 0;

	if (esc == EMP_TPL_ESCAPE_TEXT)
		return buf_put(b, s, n, err);
	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];
		const char *rep = NULL;
		char		tmp[8];

		if (esc == EMP_TPL_ESCAPE_HTML)
		{
			switch (c)
			{
				case '&':
					rep = "&amp;";
					break;
				case '<':
					rep = "&lt;";
					break;
				case '>':
					rep = "&gt;";
					break;
				case '"':
					rep = "&quot;";
					break;
				case '\'':
					rep = "&#39;";
					break;
				default:
					break;
			}
		}
		else
		{
			switch (c)
			{
				case '"':
					rep = "\\\"";
					break;
				case '\\':
					rep = "\\\\";
					break;
				case '\n':
					rep = "\\n";
					break;
				case '\r':
					rep = "\\r";
					break;
				case '\t':
					rep = "\\t";
					break;
				case '\b':
					rep = "\\b";
					break;
				case '\f':
					rep = "\\f";
					break;
				default:
					if (c < 0x20)
					{
						snprintf(tmp, sizeof(tmp), "\\u%04x", c);
						rep = tmp;
					}
					break;
			}
		}
		if (rep)
		{
			if (!buf_put(b, s + start, i - start, err) || !buf_puts(b, rep, err))
				return false;
			start = i + 1;
		}
	}
	return buf_put(b, s + start, n - start, err);
}

/* Append a quoted JSON string. */
static bool
append_json_string(EmpBuf *b, const char *s, size_t n, EmpError *err)
{
	return buf_put(b, "\"", 1, err) &&
		append_escaped(b, s, n, EMP_TPL_ESCAPE_JSON, err) &&
		buf_put(b, "\"", 1, err);
}

/* Parse an escape mode name. */
bool
emp_tpl_escape_lookup(const char *name, size_t len, EmpTplEscape *out)
{
	if (ascii_ieq(name, len, "text"))
		*out = EMP_TPL_ESCAPE_TEXT;
	else if (ascii_ieq(name, len, "html"))
		*out = EMP_TPL_ESCAPE_HTML;
	else if (ascii_ieq(name, len, "json"))
		*out = EMP_TPL_ESCAPE_JSON;
	else
		return false;
	return true;
}

/* ----------------------------------------------------------------
 * Template memory
 * ----------------------------------------------------------------
 */

/* Grow an array of elsize-byte items to hold need items. */
static bool
grow(EmpTemplate *t, void **arr, uint32_t *cap, uint64_t need, size_t elsize, EmpError *err)
{
	uint64_t	newcap;
	void	   *nd;

	if (need <= *cap)
		return true;
	newcap = *cap ? (uint64_t) *cap * 2 : 16;
	while (newcap < need)
		newcap *= 2;
	if (newcap * elsize > EMP_MAX_ALLOC)
	{
		newcap = need;
		if (newcap * elsize > EMP_MAX_ALLOC || newcap > UINT32_MAX)
		{
			emp_error_set(err, EMP_ERR_TOO_LARGE, 0, "template is too large to compile");
			emp_error_hint(err, "Split the template into smaller ones.");
			return false;
		}
	}
	nd = emp_alloc(t->a, (size_t) (newcap * elsize));
	if (*arr && *cap)
		memcpy(nd, *arr, (size_t) *cap * elsize);
	emp_release(t->a, *arr);
	*arr = nd;
	*cap = (uint32_t) newcap;
	return true;
}

/* Release a compiled template and everything it allocated. */
void
emp_template_free(EmpTemplate *t)
{
	EmpAllocator *a;

	if (t == NULL)
		return;
	a = t->a;
	emp_release(a, t->code);
	emp_release(a, t->opds);
	emp_release(a, t->segs);
	emp_release(a, t->filters);
	emp_release(a, t->clauses);
	emp_release(a, t->pool);
	emp_release(a, t->frames);
	emp_release(a, t->jstack);
	if (t->scratch_ready)
		for (int i = 0; i < NSCRATCH; i++)
			emp_release(a, t->scratch[i].data);
	emp_release(a, t);
}

/* A guess of the output size, to size the output buffer. */
size_t
emp_template_size_hint(const EmpTemplate *t)
{
	size_t		hint = t->literal_bytes + (size_t) t->nvars * 16;

	return hint < 64 ? 64 : (hint > (1 << 20) ? (1 << 20) : hint);
}

/* ----------------------------------------------------------------
 * Parser
 * ----------------------------------------------------------------
 */
typedef enum TplSecKind
{
	SEC_IF,
	SEC_UNLESS,
	SEC_EACH
} TplSecKind;

static const char *const sec_names[] = {"if", "unless", "each"};

#define NO_INSTR UINT32_MAX

typedef struct TplSection
{
	uint8_t		kind;
	bool		has_else;
	long		open_pos;		/* character position of the opening tag */
	uint32_t	cond;			/* IF/EACH instruction whose target is open */
	uint32_t	jumps;			/* chain of JUMPs to patch (index + 1) */
	uint32_t	body;			/* EACH: first instruction of the body */
	uint32_t	next;			/* EACH: its NEXT instruction */
} TplSection;

typedef struct TplParser
{
	EmpTemplate *t;
	const char *s;
	size_t		len;
	size_t		i;				/* byte cursor */
	size_t		cb;				/* char-position cursor: byte ... */
	long		cc;				/* ... and its 1-based character position */
	EmpError   *err;
	uint32_t	lit;			/* pool offset where the current literal run starts */
	bool		line_has_tag;	/* a tag already on the current line */
	size_t		tag_start;		/* byte offset of the current tag's {{ */
	long		tag_pos;		/* and its character position */
	bool		triple;			/* current tag is {{{ }}} */
	uint32_t	last_text;		/* TEXT flushed just before this tag, or NO_INSTR */
	int			depth;
	int			loops;
	TplSection	stack[EMP_TPL_MAX_DEPTH];
} TplParser;

/* Return the 1-based character position of byte offset b. */
static long
charpos(TplParser *p, size_t b)
{
	if (b < p->cb)
	{
		p->cb = 0;
		p->cc = 1;
	}
	p->cc += utf8_chars(p->s + p->cb, b - p->cb);
	p->cb = b;
	return p->cc;
}

/* Record a syntax error at byte offset b; returns false. */
static bool
syntax_error(TplParser *p, size_t b, const char *msg)
{
	return emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, b), "%s", msg);
}

/* Describe the byte at b for messages: the whole UTF-8 character. */
static void
describe_char(TplParser *p, size_t b, char *out, size_t outcap)
{
	size_t		e = b;

	if (b >= p->len)
	{
		snprintf(out, outcap, "end of template");
		return;
	}
	(void) next_cp(p->s, p->len, &e);
	if (e <= b)
		e = b + 1;
	snprintf(out, outcap, "\"%.*s\"", (int) (e - b), p->s + b);
}

/*
 * Report an unexpected character inside a tag.  When the tag never closes
 * before the next {{ (or the end), the real mistake is the missing }}: say
 * that instead, at the tag's start.
 */
static bool
unexpected(TplParser *p, const char *what)
{
	char		desc[32];
	size_t		k;

	for (k = p->i; k + 1 < p->len; k++)
	{
		if (p->s[k] == '}' && p->s[k + 1] == '}')
			break;
		if (p->s[k] == '{' && p->s[k + 1] == '{')
		{
			k = p->len;
			break;
		}
	}
	if (k + 1 >= p->len)
	{
		emp_error_set(p->err, EMP_ERR_SYNTAX, p->tag_pos, "unterminated tag");
		emp_error_hint(p->err, "Close the tag with }}, or write a literal {{ as \\{{.");
		return false;
	}
	describe_char(p, p->i, desc, sizeof(desc));
	emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, p->i), "unexpected %s in tag, expected %s", desc, what);
	return false;
}

/* Append bytes to the pool. */
static bool
pool_put(TplParser *p, const char *s, size_t n)
{
	EmpTemplate *t = p->t;

	if (n == 0)
		return true;
	if (!grow(t, (void **) &t->pool, &t->poolcap, (uint64_t) t->poollen + n, 1, p->err))
		return false;
	memcpy(t->pool + t->poollen, s, n);
	t->poollen += (uint32_t) n;
	return true;
}

/* Append an instruction; returns its index or NO_INSTR on failure. */
static uint32_t
emit_instr(TplParser *p, uint8_t op, uint8_t flags, uint32_t a, uint32_t b, uint32_t c)
{
	EmpTemplate *t = p->t;
	TplInstr   *in;

	if (!grow(t, (void **) &t->code, &t->capcode, (uint64_t) t->ncode + 1, sizeof(TplInstr), p->err))
		return NO_INSTR;
	in = &t->code[t->ncode];
	in->op = op;
	in->flags = flags;
	in->a = a;
	in->b = b;
	in->c = c;
	in->pos = (uint32_t) p->tag_pos;
	return t->ncode++;
}

/* Emit the current literal run as a TEXT instruction and start a new one. */
static bool
flush_literal(TplParser *p)
{
	EmpTemplate *t = p->t;
	uint32_t	n = t->poollen - p->lit;

	p->last_text = NO_INSTR;
	if (n > 0)
	{
		p->last_text = emit_instr(p, OP_TEXT, 0, p->lit, n, 0);
		if (p->last_text == NO_INSTR)
			return false;
		t->literal_bytes += n;
	}
	p->lit = t->poollen;
	return true;
}

/*
 * The length of the white-space character at s[i] (ASCII, or any Unicode
 * White_Space such as a no-break or an ideographic space), 0 if there is
 * none.
 */
static size_t
tag_ws_at(const char *s, size_t n, size_t i)
{
	size_t		j = i;

	if ((unsigned char) s[i] < 0x80)
		return is_tag_ws(s[i]) ? 1 : 0;
	return cp_is_space(next_cp(s, n, &j)) ? j - i : 0;
}

/* Skip white space inside a tag. */
static void
skip_ws(TplParser *p)
{
	size_t		k;

	while (p->i < p->len && (k = tag_ws_at(p->s, p->len, p->i)) > 0)
		p->i += k;
}

/*
 * The length of the name character at s[i], 0 if there is none: a letter,
 * digit, underscore or hyphen, or any character beyond ASCII but white
 * space ("{{\u3000name}}" is the name "name", not one that starts with a
 * space).
 */
static size_t
name_char_at(const char *s, size_t n, size_t i)
{
	size_t		k;

	if ((unsigned char) s[i] < 0x80)
		return is_name_char((unsigned char) s[i]) ? 1 : 0;
	k = tag_ws_at(s, n, i);
	if (k > 0)
		return 0;
	/* a non-ASCII character, or one invalid byte (text from the server is valid) */
	k = i;
	if (next_cp(s, n, &k) < 0)
		return 1;
	return k - i;
}

/* Move past the name characters at the cursor. */
static void
skip_name(TplParser *p)
{
	size_t		k;

	while (p->i < p->len && (k = name_char_at(p->s, p->len, p->i)) > 0)
		p->i += k;
}

/* Is the cursor at the tag's closing braces? */
static bool
at_close(TplParser *p)
{
	size_t		need = p->triple ? 3 : 2;

	if (p->i + need > p->len)
		return false;
	for (size_t k = 0; k < need; k++)
		if (p->s[p->i + k] != '}')
			return false;
	return true;
}

/* Expect the closing braces (after white space) and move past them. */
static bool
expect_close(TplParser *p)
{
	skip_ws(p);
	if (!at_close(p))
		return unexpected(p, p->triple ? "\"}}}\"" : "\"}}\"");
	p->i += p->triple ? 3 : 2;
	return true;
}

/* If a keyword (a whole name) is at the cursor, move past it. */
static bool
accept_keyword(TplParser *p, const char *kw)
{
	size_t		n = strlen(kw);

	if (p->i + n > p->len || memcmp(p->s + p->i, kw, n) != 0)
		return false;
	if (p->i + n < p->len && name_char_at(p->s, p->len, p->i + n) > 0)
		return false;
	p->i += n;
	return true;
}

/* Decode 4 hex digits at s[i]; -1 if not hex. */
static int32_t
hex4(const char *s, size_t len, size_t i)
{
	int32_t		v = 0;

	if (i + 4 > len)
		return -1;
	for (size_t k = i; k < i + 4; k++)
	{
		char		c = s[k];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* Parse a quoted string literal into the pool; sets *off and *n. */
static bool
parse_string(TplParser *p, uint32_t *off, uint32_t *n)
{
	char		q = p->s[p->i];
	size_t		qpos = p->i;
	size_t		span;

	*off = p->t->poollen;
	p->i++;
	span = p->i;
	for (;;)
	{
		char		c;

		if (p->i >= p->len)
		{
			syntax_error(p, qpos, "unterminated string literal");
			emp_error_hint(p->err, "Close the string with %c.", q);
			return false;
		}
		c = p->s[p->i];
		if (c == q)
			break;
		if (c != '\\')
		{
			p->i++;
			continue;
		}
		if (!pool_put(p, p->s + span, p->i - span))
			return false;
		if (p->i + 1 >= p->len)
		{
			syntax_error(p, qpos, "unterminated string literal");
			emp_error_hint(p->err, "Close the string with %c.", q);
			return false;
		}
		c = p->s[p->i + 1];
		{
			char		one = 0;
			int32_t		cp = -1;

			switch (c)
			{
				case '"':
				case '\'':
				case '\\':
				case '/':
					one = c;
					break;
				case 'n':
					one = '\n';
					break;
				case 't':
					one = '\t';
					break;
				case 'r':
					one = '\r';
					break;
				case 'u':
					cp = hex4(p->s, p->len, p->i + 2);
					if (cp >= 0xD800 && cp <= 0xDBFF)
					{
						int32_t		lo = -1;

						if (p->i + 8 <= p->len && p->s[p->i + 6] == '\\' && p->s[p->i + 7] == 'u')
							lo = hex4(p->s, p->len, p->i + 8);
						if (lo < 0xDC00 || lo > 0xDFFF)
						{
							syntax_error(p, p->i, "invalid Unicode escape in string literal");
							emp_error_detail(p->err, "A high surrogate must be followed by a \\u escape of a low surrogate.");
							return false;
						}
						cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
						p->i += 6;
					}
					else if (cp >= 0xDC00 && cp <= 0xDFFF)
						cp = -2;
					if (cp == -2)
					{
						syntax_error(p, p->i, "invalid Unicode escape in string literal");
						emp_error_detail(p->err, "A low surrogate must follow a \\u escape of a high surrogate.");
						return false;
					}
					if (cp <= 0)
					{
						syntax_error(p, p->i, "invalid Unicode escape in string literal");
						emp_error_hint(p->err, "Write \\u followed by four hexadecimal digits, not 0000.");
						return false;
					}
					break;
				default:
					{
						size_t		e = p->i + 1;

						(void) next_cp(p->s, p->len, &e);
						if (e <= p->i + 1)
							e = p->i + 2;
						emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, p->i),
									  "invalid escape \"\\%.*s\" in string literal",
									  (int) (e - p->i - 1), p->s + p->i + 1);
						emp_error_hint(p->err, "Valid escapes are \\\", \\', \\\\, \\/, \\n, \\t, \\r and \\uXXXX.");
						return false;
					}
			}
			if (cp > 0)
			{
				char		tmp[4];
				int32_t		k = 0;

				U8_APPEND_UNSAFE(tmp, k, cp);
				if (!pool_put(p, tmp, (size_t) k))
					return false;
				p->i += 6;
			}
			else
			{
				if (!pool_put(p, &one, 1))
					return false;
				p->i += 2;
			}
		}
		span = p->i;
	}
	if (!pool_put(p, p->s + span, p->i - span))
		return false;
	p->i++;						/* closing quote */
	*n = p->t->poollen - *off;
	return true;
}

/* Add an operand; returns its index or NO_INSTR. */
static uint32_t
add_operand(TplParser *p, const TplOperand *o)
{
	EmpTemplate *t = p->t;

	if (!grow(t, (void **) &t->opds, &t->capopds, (uint64_t) t->nopds + 1, sizeof(TplOperand), p->err))
		return NO_INSTR;
	t->opds[t->nopds] = *o;
	return t->nopds++;
}

/* Add a path segment from pool text. */
static bool
add_seg(TplParser *p, uint32_t key, uint32_t keylen, bool index_ok)
{
	EmpTemplate *t = p->t;
	TplSeg	   *sg;
	const char *k;
	size_t		d = 0;
	bool		neg = false;

	if (!grow(t, (void **) &t->segs, &t->capsegs, (uint64_t) t->nsegs + 1, sizeof(TplSeg), p->err))
		return false;
	sg = &t->segs[t->nsegs++];
	sg->key = key;
	sg->keylen = keylen;
	sg->is_index = false;
	sg->index = 0;
	if (!index_ok || keylen == 0)
		return true;
	k = t->pool + key;
	if (k[0] == '-')
	{
		neg = true;
		d = 1;
	}
	if (d >= keylen)
		return true;
	for (size_t j = d; j < keylen; j++)
		if (!is_digit(k[j]))
			return true;
	sg->is_index = true;
	for (size_t j = d; j < keylen; j++)
	{
		if (sg->index > (INT64_MAX - 9) / 10)
		{
			sg->index = INT64_MAX / 2;	/* far out of range: missing */
			break;
		}
		sg->index = sg->index * 10 + (k[j] - '0');
	}
	if (neg)
		sg->index = -sg->index;
	return true;
}

/* Parse a bracketed segment: ["key"] or [3] or [-1]. */
static bool
parse_bracket(TplParser *p)
{
	uint32_t	off,
				n;

	p->i++;						/* [ */
	skip_ws(p);
	if (p->i < p->len && (p->s[p->i] == '"' || p->s[p->i] == '\''))
	{
		if (!parse_string(p, &off, &n) || !add_seg(p, off, n, false))
			return false;
	}
	else
	{
		size_t		st = p->i;

		if (p->i < p->len && p->s[p->i] == '-')
			p->i++;
		while (p->i < p->len && is_digit(p->s[p->i]))
			p->i++;
		if (p->i == st || (p->i == st + 1 && p->s[st] == '-'))
		{
			p->i = st;
			return unexpected(p, "a quoted key or an index in brackets");
		}
		off = p->t->poollen;
		if (!pool_put(p, p->s + st, p->i - st) || !add_seg(p, off, (uint32_t) (p->i - st), true))
			return false;
	}
	skip_ws(p);
	if (p->i >= p->len || p->s[p->i] != ']')
		return unexpected(p, "\"]\"");
	p->i++;
	return true;
}

/* Parse the segments that follow a path's start: .name, .0, [..]. */
static bool
parse_segments(TplParser *p)
{
	while (p->i < p->len)
	{
		char		c = p->s[p->i];

		if (c == '.')
		{
			size_t		st = ++p->i;
			uint32_t	off;

			skip_name(p);
			if (p->i == st)
				return unexpected(p, "a name after \".\"");
			off = p->t->poollen;
			if (!pool_put(p, p->s + st, p->i - st) || !add_seg(p, off, (uint32_t) (p->i - st), true))
				return false;
		}
		else if (c == '[')
		{
			if (!parse_bracket(p))
				return false;
		}
		else
			break;
	}
	return true;
}

/* Parse a number literal (JSON syntax). */
static bool
parse_number(TplParser *p, TplOperand *o)
{
	size_t		st = p->i;
	char		tmp[64];
	size_t		n;

	if (p->s[p->i] == '-')
		p->i++;
	/* "007" is no JSON number: a json filter would write it as it stands */
	if (p->i + 1 < p->len && p->s[p->i] == '0' && is_digit(p->s[p->i + 1]))
	{
		syntax_error(p, st, "a number literal cannot start with 0 and another digit");
		emp_error_hint(p->err, "Write the number without leading zeros, or in quotes to use it as text.");
		return false;
	}
	while (p->i < p->len && is_digit(p->s[p->i]))
		p->i++;
	if (p->i + 1 < p->len && p->s[p->i] == '.' && is_digit(p->s[p->i + 1]))
	{
		p->i++;
		while (p->i < p->len && is_digit(p->s[p->i]))
			p->i++;
	}
	if (p->i < p->len && (p->s[p->i] == 'e' || p->s[p->i] == 'E'))
	{
		size_t		e = p->i + 1;

		if (e < p->len && (p->s[e] == '+' || p->s[e] == '-'))
			e++;
		if (e < p->len && is_digit(p->s[e]))
		{
			p->i = e;
			while (p->i < p->len && is_digit(p->s[p->i]))
				p->i++;
		}
	}
	if (p->i < p->len && name_char_at(p->s, p->len, p->i) > 0)
		return unexpected(p, "a number");
	n = p->i - st;
	o->kind = OPD_NUMBER;
	o->text = p->t->poollen;
	o->textlen = (uint32_t) n;
	if (!pool_put(p, p->s + st, n))
		return false;
	if (n < sizeof(tmp))
	{
		memcpy(tmp, p->s + st, n);
		tmp[n] = '\0';
		o->num = strtod(tmp, NULL);
	}
	else
		o->num = (p->s[st] == '-') ? -HUGE_VAL : HUGE_VAL;
	return true;
}

/*
 * Parse an operand: a string, number, true/false/null literal, or a path.
 * Returns the operand index, NO_INSTR on error.
 */
static uint32_t
parse_operand(TplParser *p, bool literal_ok)
{
	TplOperand	o;
	size_t		st;
	char		c;

	memset(&o, 0, sizeof(o));
	o.pos = (uint32_t) p->tag_pos;
	skip_ws(p);
	if (p->i >= p->len)
	{
		unexpected(p, "a value");
		return NO_INSTR;
	}
	st = p->i;
	c = p->s[p->i];
	if (literal_ok && (c == '"' || c == '\''))
	{
		o.kind = OPD_STRING;
		if (!parse_string(p, &o.text, &o.textlen))
			return NO_INSTR;
		return add_operand(p, &o);
	}
	if (literal_ok && (is_digit(c) || (c == '-' && p->i + 1 < p->len && is_digit(p->s[p->i + 1]))))
	{
		if (!parse_number(p, &o))
			return NO_INSTR;
		return add_operand(p, &o);
	}
	if (literal_ok && accept_keyword(p, "true"))
		o.kind = OPD_TRUE;
	else if (literal_ok && accept_keyword(p, "false"))
		o.kind = OPD_FALSE;
	else if (literal_ok && accept_keyword(p, "null"))
		o.kind = OPD_NULL;
	if (p->i != st)
		return add_operand(p, &o);

	/* a path */
	o.kind = OPD_PATH;
	o.seg0 = p->t->nsegs;
	if (c == '@')
	{
		size_t		ns = ++p->i;

		skip_name(p);
		if (ascii_ieq(p->s + ns, p->i - ns, "root"))
			o.root = ROOT_ROOT;
		else
		{
			if (ascii_ieq(p->s + ns, p->i - ns, "index"))
				o.root = ROOT_INDEX;
			else if (ascii_ieq(p->s + ns, p->i - ns, "first"))
				o.root = ROOT_FIRST;
			else if (ascii_ieq(p->s + ns, p->i - ns, "last"))
				o.root = ROOT_LAST;
			else if (ascii_ieq(p->s + ns, p->i - ns, "key"))
				o.root = ROOT_KEY;
			else
			{
				emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, st), "unknown variable \"%.*s\"",
							  (int) (p->i - st > 64 ? 64 : p->i - st), p->s + st);
				emp_error_hint(p->err, "The @ variables are @index, @first, @last, @key and @root.");
				return NO_INSTR;
			}
			if (p->loops == 0)
			{
				emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, st), "\"%.*s\" used outside {{#each}}",
							  (int) (p->i - st), p->s + st);
				return NO_INSTR;
			}
		}
	}
	else if (c == '[')
	{
		o.root = ROOT_SCOPE;
		if (!parse_bracket(p))
			return NO_INSTR;
	}
	else if (is_name_start((unsigned char) c))
	{
		size_t		ns = p->i;

		skip_name(p);
		if (p->i - ns == 4 && memcmp(p->s + ns, "this", 4) == 0)
			o.root = ROOT_THIS;
		else
		{
			uint32_t	off = p->t->poollen;

			o.root = ROOT_SCOPE;
			if (!pool_put(p, p->s + ns, p->i - ns) || !add_seg(p, off, (uint32_t) (p->i - ns), false))
				return NO_INSTR;
		}
	}
	else
	{
		unexpected(p, literal_ok ? "a variable name or a literal" : "a variable name");
		return NO_INSTR;
	}
	if (o.root == ROOT_INDEX || o.root == ROOT_FIRST || o.root == ROOT_LAST || o.root == ROOT_KEY)
	{
		if (p->i < p->len && (p->s[p->i] == '.' || p->s[p->i] == '['))
		{
			unexpected(p, "the end of the variable");
			return NO_INSTR;
		}
	}
	else if (!parse_segments(p))
		return NO_INSTR;
	o.nsegs = p->t->nsegs - o.seg0;
	o.text = p->t->poollen;
	o.textlen = (uint32_t) (p->i - st);
	if (!pool_put(p, p->s + st, p->i - st))
		return NO_INSTR;
	return add_operand(p, &o);
}

/* Find a filter by name. */
static const TplFilterDef *
find_filter(const char *name, size_t n)
{
	for (size_t k = 0; k < NFILTERS; k++)
		if (strlen(filter_defs[k].name) == n && memcmp(filter_defs[k].name, name, n) == 0)
			return &filter_defs[k];
	return NULL;
}

/* Check a filter's arguments once parsed. */
static bool
check_filter_args(TplParser *p, const TplFilterDef *fd, TplFilter *f, size_t name_at)
{
	EmpTemplate *t = p->t;

	for (int k = 0; k < f->nargs; k++)
	{
		TplOperand *o = &t->opds[f->arg[k]];
		bool		ok = true;

		switch (fd->id)
		{
			case F_DEFAULT:
				break;
			case F_TRUNCATE:
				if (k == 0)
					ok = o->kind == OPD_NUMBER && o->num >= 1 && o->num <= 1e9 && o->num == floor(o->num);
				else
					ok = o->kind == OPD_STRING;
				if (!ok)
				{
					emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, name_at),
								  "filter \"truncate\" takes a length from 1 to 1000000000 and an optional string");
					emp_error_hint(p->err, "Write, for example, {{ note | truncate: 40 }} or {{ note | truncate: 40, \"...\" }}.");
					return false;
				}
				break;
			default:
				if (o->kind != OPD_STRING)
				{
					emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, name_at),
								  "filter \"%s\" takes string arguments", fd->name);
					return false;
				}
				break;
		}
	}
	return true;
}

/* Parse "| filter: args" chains; sets VAR flags. */
static bool
parse_filters(TplParser *p, uint32_t *first, uint32_t *count, uint8_t *flags)
{
	EmpTemplate *t = p->t;

	*first = t->nfilters;
	*count = 0;
	for (;;)
	{
		size_t		ns;
		const TplFilterDef *fd;
		TplFilter	f;

		skip_ws(p);
		if (p->i >= p->len || p->s[p->i] != '|')
			return true;
		p->i++;
		skip_ws(p);
		ns = p->i;
		skip_name(p);
		if (p->i == ns)
			return unexpected(p, "a filter name");
		fd = find_filter(p->s + ns, p->i - ns);
		if (fd == NULL)
		{
			emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, ns), "unknown filter \"%.*s\"",
						  (int) (p->i - ns > 64 ? 64 : p->i - ns), p->s + ns);
			emp_error_hint(p->err, "Known filters: default, upper, lower, capitalize, title, trim, first_name, truncate, join, json, size, first, last, plural, url, html, raw, adjective, feeling, noun.");
			return false;
		}
		memset(&f, 0, sizeof(f));
		f.id = fd->id;
		skip_ws(p);
		if (p->i < p->len && p->s[p->i] == ':')
		{
			p->i++;
			for (;;)
			{
				uint32_t	o;

				if (f.nargs == fd->max_args)
				{
					emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, ns),
								  fd->max_args == 0 ? "filter \"%s\" takes no arguments" :
								  "filter \"%s\" takes too many arguments", fd->name);
					return false;
				}
				o = parse_operand(p, true);
				if (o == NO_INSTR)
					return false;
				if (t->opds[o].kind == OPD_PATH && fd->id != F_DEFAULT)
				{
					emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, ns),
								  "filter \"%s\" takes literal arguments", fd->name);
					emp_error_hint(p->err, "Only default accepts a variable as its argument.");
					return false;
				}
				f.arg[f.nargs++] = o;
				skip_ws(p);
				if (p->i < p->len && p->s[p->i] == ',')
				{
					p->i++;
					continue;
				}
				break;
			}
		}
		if (f.nargs < fd->min_args)
		{
			emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, ns), "filter \"%s\" needs an argument", fd->name);
			emp_error_hint(p->err, "Write the argument after a colon, as in {{ name | default: \"there\" }}.");
			return false;
		}
		if (!check_filter_args(p, fd, &f, ns))
			return false;
		if (fd->id == F_RAW)
			*flags |= VF_RAW;
		else if (fd->id == F_DEFAULT)
			*flags |= VF_DEFAULT;
		if (fd->id == F_RAW)
			continue;			/* a flag only */
		if (!grow(t, (void **) &t->filters, &t->capfilters, (uint64_t) t->nfilters + 1, sizeof(TplFilter), p->err))
			return false;
		t->filters[t->nfilters++] = f;
		(*count)++;
	}
}

/* Parse a condition into clauses: [not] operand [op operand] {and|or ...}. */
static bool
parse_condition(TplParser *p, uint32_t *first, uint32_t *count)
{
	EmpTemplate *t = p->t;

	*first = t->nclauses;
	*count = 0;
	for (;;)
	{
		TplClause	cl;

		memset(&cl, 0, sizeof(cl));
		for (;;)
		{
			skip_ws(p);
			if (!accept_keyword(p, "not"))
				break;
			cl.negate = !cl.negate;
		}
		if (p->i < p->len && p->s[p->i] == '!' && !(p->i + 1 < p->len && p->s[p->i + 1] == '='))
		{
			p->i++;
			cl.negate = !cl.negate;
		}
		cl.lhs = parse_operand(p, true);
		if (cl.lhs == NO_INSTR)
			return false;
		skip_ws(p);
		cl.cmp = CMP_TRUTH;
		if (p->i + 1 < p->len)
		{
			char		c0 = p->s[p->i],
						c1 = p->s[p->i + 1];

			if (c0 == '=' && c1 == '=')
				cl.cmp = CMP_EQ;
			else if (c0 == '!' && c1 == '=')
				cl.cmp = CMP_NE;
			else if (c0 == '<' && c1 == '=')
				cl.cmp = CMP_LE;
			else if (c0 == '>' && c1 == '=')
				cl.cmp = CMP_GE;
			if (cl.cmp != CMP_TRUTH)
				p->i += 2;
			else if (c0 == '<')
			{
				cl.cmp = CMP_LT;
				p->i++;
			}
			else if (c0 == '>')
			{
				cl.cmp = CMP_GT;
				p->i++;
			}
			else if (c0 == '=')
			{
				syntax_error(p, p->i, "use == to compare values");
				return false;
			}
		}
		if (cl.cmp != CMP_TRUTH)
		{
			cl.rhs = parse_operand(p, true);
			if (cl.rhs == NO_INSTR)
				return false;
		}
		skip_ws(p);
		if (accept_keyword(p, "or"))
			cl.or_next = true;
		else if (!accept_keyword(p, "and"))
		{
			cl.or_next = false;
			if (!grow(t, (void **) &t->clauses, &t->capclauses, (uint64_t) t->nclauses + 1, sizeof(TplClause), p->err))
				return false;
			t->clauses[t->nclauses++] = cl;
			(*count)++;
			return true;
		}
		if (!grow(t, (void **) &t->clauses, &t->capclauses, (uint64_t) t->nclauses + 1, sizeof(TplClause), p->err))
			return false;
		t->clauses[t->nclauses++] = cl;
		(*count)++;
	}
}

/*
 * Decide whether the block tag just parsed stands alone on its line; if so,
 * drop the white space before it (from the literal flushed just before the
 * tag) and the rest of the line after it, as Mustache does, so that section
 * tags on lines of their own leave no blank lines.
 */
static void
standalone(TplParser *p)
{
	EmpTemplate *t = p->t;
	TplInstr   *lit = p->last_text != NO_INSTR ? &t->code[p->last_text] : NULL;
	uint32_t	k = lit ? lit->b : 0;
	size_t		j = p->i;

	while (k > 0 && is_hws(t->pool[lit->a + k - 1]))
		k--;
	if (k > 0 ? t->pool[lit->a + k - 1] != '\n' : p->line_has_tag)
	{
		p->line_has_tag = true;
		return;
	}
	while (j < p->len && is_hws(p->s[j]))
		j++;
	if (j < p->len && p->s[j] == '\r' && j + 1 < p->len && p->s[j + 1] == '\n')
		j += 2;
	else if (j < p->len && p->s[j] == '\n')
		j++;
	else if (j < p->len)
	{
		p->line_has_tag = true;
		return;
	}
	if (lit)
	{
		t->literal_bytes -= lit->b - k;
		lit->b = k;
	}
	p->i = j;
	p->line_has_tag = false;
}

/* Patch the chain of JUMPs of a section to target. */
static void
patch_jumps(EmpTemplate *t, uint32_t chain, uint32_t target)
{
	while (chain != 0)
	{
		TplInstr   *in = &t->code[chain - 1];

		chain = in->b;
		in->a = target;
		in->b = 0;
	}
}

/* Parse a comment tag {{! ... }} or {{!-- ... --}}. */
static bool
parse_comment(TplParser *p)
{
	bool		dashes = p->i + 2 < p->len && p->s[p->i + 1] == '-' && p->s[p->i + 2] == '-';
	const char *end = dashes ? "--}}" : "}}";
	size_t		el = strlen(end);
	size_t		k;

	for (k = p->i + 1; k + el <= p->len; k++)
		if (memcmp(p->s + k, end, el) == 0)
			break;
	if (k + el > p->len)
	{
		emp_error_set(p->err, EMP_ERR_SYNTAX, p->tag_pos, "unterminated comment");
		emp_error_hint(p->err, dashes ? "Close the comment with --}}." : "Close the comment with }}.");
		return false;
	}
	p->i = k + el;
	standalone(p);
	return true;
}

/* Parse {{#if ...}}, {{#unless ...}} or {{#each ...}}. */
static bool
parse_open(TplParser *p)
{
	TplSection *sec;
	size_t		ns;
	uint32_t	first,
				count,
				in;

	p->i++;						/* # */
	ns = p->i;
	skip_name(p);
	if (p->depth >= EMP_TPL_MAX_DEPTH)
	{
		emp_error_set(p->err, EMP_ERR_TOO_DEEP, p->tag_pos,
					  "sections nested more than %d levels deep", EMP_TPL_MAX_DEPTH);
		emp_error_hint(p->err, "Flatten the template.");
		return false;
	}
	sec = &p->stack[p->depth];
	memset(sec, 0, sizeof(*sec));
	sec->open_pos = p->tag_pos;
	if (p->i - ns == 2 && memcmp(p->s + ns, "if", 2) == 0)
		sec->kind = SEC_IF;
	else if (p->i - ns == 6 && memcmp(p->s + ns, "unless", 6) == 0)
		sec->kind = SEC_UNLESS;
	else if (p->i - ns == 4 && memcmp(p->s + ns, "each", 4) == 0)
		sec->kind = SEC_EACH;
	else
	{
		emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, ns - 1), "unknown section \"#%.*s\"",
					  (int) (p->i - ns > 64 ? 64 : p->i - ns), p->s + ns);
		emp_error_hint(p->err, "Sections are {{#if}}, {{#unless}} and {{#each}}.");
		return false;
	}
	if (sec->kind == SEC_EACH)
	{
		uint32_t	o = parse_operand(p, false);

		if (o == NO_INSTR || !expect_close(p))
			return false;
		in = emit_instr(p, OP_EACH, 0, o, 0, 0);
		if (in == NO_INSTR)
			return false;
		sec->cond = in;
		sec->body = in + 1;		/* standalone() emits nothing */
		sec->next = NO_INSTR;
		p->loops++;
		if (p->loops > p->t->max_loops)
			p->t->max_loops = p->loops;
	}
	else
	{
		if (!parse_condition(p, &first, &count) || !expect_close(p))
			return false;
		in = emit_instr(p, OP_IF, sec->kind == SEC_UNLESS ? IF_NEGATE : 0, first, count, 0);
		if (in == NO_INSTR)
			return false;
		sec->cond = in;
	}
	p->depth++;
	standalone(p);
	return true;
}

/* Parse {{else}} or {{else if ...}}. */
static bool
parse_else(TplParser *p)
{
	TplSection *sec;
	EmpTemplate *t = p->t;
	uint32_t	in;

	if (p->depth == 0)
	{
		emp_error_set(p->err, EMP_ERR_SYNTAX, p->tag_pos, "{{else}} outside a section");
		emp_error_hint(p->err, "Use {{else}} inside {{#if}}, {{#unless}} or {{#each}}.");
		return false;
	}
	sec = &p->stack[p->depth - 1];
	if (sec->has_else)
	{
		emp_error_set(p->err, EMP_ERR_SYNTAX, p->tag_pos, "{{else}} after {{else}} in {{#%s}}", sec_names[sec->kind]);
		emp_error_hint(p->err, "Use {{else if ...}} for more branches, with a single final {{else}}.");
		return false;
	}
	skip_ws(p);
	if (accept_keyword(p, "if"))
	{
		uint32_t	first,
					count;

		if (sec->kind == SEC_EACH)
		{
			emp_error_set(p->err, EMP_ERR_SYNTAX, p->tag_pos, "{{else if}} inside {{#each}}");
			emp_error_hint(p->err, "Use a plain {{else}} in {{#each}}.");
			return false;
		}
		if (!parse_condition(p, &first, &count) || !expect_close(p))
			return false;
		in = emit_instr(p, OP_JUMP, 0, 0, sec->jumps, 0);
		if (in == NO_INSTR)
			return false;
		sec->jumps = in + 1;
		t->code[sec->cond].c = t->ncode;
		in = emit_instr(p, OP_IF, 0, first, count, 0);
		if (in == NO_INSTR)
			return false;
		sec->cond = in;
		standalone(p);
		return true;
	}
	if (!expect_close(p))
		return false;
	sec->has_else = true;
	if (sec->kind == SEC_EACH)
	{
		in = emit_instr(p, OP_NEXT, 0, sec->body, 0, 0);
		if (in == NO_INSTR)
			return false;
		sec->next = in;
		t->code[sec->cond].c = t->ncode;
		p->loops--;				/* the else branch runs outside the loop */
	}
	else
	{
		in = emit_instr(p, OP_JUMP, 0, 0, sec->jumps, 0);
		if (in == NO_INSTR)
			return false;
		sec->jumps = in + 1;
		t->code[sec->cond].c = t->ncode;
		sec->cond = NO_INSTR;
	}
	standalone(p);
	return true;
}

/* Parse {{/if}}, {{/unless}} or {{/each}}. */
static bool
parse_close(TplParser *p)
{
	TplSection *sec;
	EmpTemplate *t = p->t;
	size_t		ns;
	int			kind = -1;

	p->i++;						/* / */
	skip_ws(p);
	ns = p->i;
	skip_name(p);
	for (int k = 0; k < 3; k++)
		if (strlen(sec_names[k]) == p->i - ns && memcmp(sec_names[k], p->s + ns, p->i - ns) == 0)
			kind = k;
	if (kind < 0)
	{
		emp_error_set(p->err, EMP_ERR_SYNTAX, charpos(p, ns), "unknown section \"/%.*s\"",
					  (int) (p->i - ns > 64 ? 64 : p->i - ns), p->s + ns);
		emp_error_hint(p->err, "Close sections with {{/if}}, {{/unless}} or {{/each}}.");
		return false;
	}
	if (p->depth == 0)
	{
		emp_error_set(p->err, EMP_ERR_SYNTAX, p->tag_pos, "{{/%s}} without a matching {{#%s}}",
					  sec_names[kind], sec_names[kind]);
		return false;
	}
	sec = &p->stack[p->depth - 1];
	if (sec->kind != kind)
	{
		emp_error_set(p->err, EMP_ERR_SYNTAX, p->tag_pos, "{{/%s}} where {{/%s}} was expected",
					  sec_names[kind], sec_names[sec->kind]);
		emp_error_detail(p->err, "The {{#%s}} opened at character %ld is still open.",
						 sec_names[sec->kind], sec->open_pos);
		emp_error_hint(p->err, "Close the innermost section first.");
		return false;
	}
	if (!expect_close(p))
		return false;
	if (sec->kind == SEC_EACH)
	{
		if (!sec->has_else)
		{
			uint32_t	in = emit_instr(p, OP_NEXT, 0, sec->body, 0, 0);

			if (in == NO_INSTR)
				return false;
			sec->next = in;
			t->code[sec->cond].c = t->ncode;
			p->loops--;
		}
		t->code[sec->next].c = t->ncode;
	}
	else
	{
		if (sec->cond != NO_INSTR)
			t->code[sec->cond].c = t->ncode;
		patch_jumps(t, sec->jumps, t->ncode);
	}
	p->depth--;
	standalone(p);
	return true;
}

/* Parse a variable tag: {{ expr | filters }} or {{{ expr }}}. */
static bool
parse_var(TplParser *p)
{
	uint32_t	o,
				first,
				count;
	uint8_t		flags = p->triple ? VF_RAW : 0;

	o = parse_operand(p, true);
	if (o == NO_INSTR || !parse_filters(p, &first, &count, &flags) || !expect_close(p))
		return false;
	if (emit_instr(p, OP_VAR, flags, o, first, count) == NO_INSTR)
		return false;
	p->t->nvars++;
	p->line_has_tag = true;
	return true;
}

/* Parse one tag's content; the cursor is past its opening braces. */
static bool
parse_tag_body(TplParser *p)
{
	char		c;

	skip_ws(p);
	if (p->i >= p->len)
		return unexpected(p, "a tag");
	c = p->s[p->i];
	if (c == '}')
	{
		syntax_error(p, p->tag_start, "empty tag");
		emp_error_hint(p->err, "Write a variable name between {{ and }}, or a literal {{ as \\{{.");
		return false;
	}
	if (p->triple && (c == '!' || c == '#' || c == '/'))
	{
		syntax_error(p, p->tag_start, "triple braces can only enclose a variable");
		return false;
	}
	switch (c)
	{
		case '!':
			return parse_comment(p);
		case '#':
			return parse_open(p);
		case '/':
			return parse_close(p);
		default:
			break;
	}
	if (!p->triple && accept_keyword(p, "else"))
		return parse_else(p);
	return parse_var(p);
}

/* Parse one tag; the cursor is on its {{ and the literal before it is in the pool. */
static bool
parse_tag(TplParser *p)
{
	p->tag_start = p->i;
	p->tag_pos = charpos(p, p->i);
	if (!flush_literal(p))
		return false;
	p->i += 2;
	p->triple = p->i < p->len && p->s[p->i] == '{';
	if (p->triple)
		p->i++;
	if (!parse_tag_body(p))
		return false;
	p->lit = p->t->poollen;		/* the next literal run starts here */
	return true;
}

/* Compile a template. */
EmpTemplate *
emp_template_compile(EmpAllocator *a, const char *src, size_t len, EmpError *err)
{
	TplParser  *p;
	EmpTemplate *t;
	size_t		span;
	size_t		ticks = 0;

	if (len >= EMP_MAX_ALLOC)
	{
		emp_error_set(err, EMP_ERR_TOO_LARGE, 0, "template is too large to compile");
		return NULL;
	}
	t = emp_alloc(a, sizeof(EmpTemplate));
	memset(t, 0, sizeof(*t));
	t->a = a;
	p = emp_alloc(a, sizeof(TplParser));
	memset(p, 0, sizeof(*p));
	p->t = t;
	p->s = src;
	p->len = len;
	p->err = err;
	p->cc = 1;
	p->last_text = NO_INSTR;
	if (!grow(t, (void **) &t->pool, &t->poolcap, 64, 1, err))
		goto fail;

	span = 0;
	while (p->i < len)
	{
		char		c = src[p->i];

		if ((++ticks & 0xFFFF) == 0)
			emp_check_interrupts(a);
		if (c == '{' && p->i + 1 < len && src[p->i + 1] == '{')
		{
			if (!pool_put(p, src + span, p->i - span) || !parse_tag(p))
				goto fail;
			span = p->i;
			continue;
		}
		if (c == '\\' && p->i + 2 < len && src[p->i + 1] == '{' && src[p->i + 2] == '{')
		{
			/* \{{ is a literal {{ */
			if (!pool_put(p, src + span, p->i - span) || !pool_put(p, "{{", 2))
				goto fail;
			p->i += 3;
			span = p->i;
			continue;
		}
		if (c == '\\' && p->i + 3 < len && src[p->i + 1] == '\\' && src[p->i + 2] == '{' && src[p->i + 3] == '{')
		{
			/* \\{{ is a backslash, then a tag */
			if (!pool_put(p, src + span, p->i - span) || !pool_put(p, "\\", 1))
				goto fail;
			p->i += 2;
			span = p->i;
			continue;
		}
		if (c == '\n')
			p->line_has_tag = false;
		p->i++;
	}
	if (!pool_put(p, src + span, p->i - span))
		goto fail;
	if (p->depth > 0)
	{
		TplSection *sec = &p->stack[p->depth - 1];

		emp_error_set(err, EMP_ERR_SYNTAX, sec->open_pos, "unclosed {{#%s}} section", sec_names[sec->kind]);
		emp_error_hint(err, "Close it with {{/%s}}.", sec_names[sec->kind]);
		goto fail;
	}
	p->tag_pos = 0;
	if (!flush_literal(p) || emit_instr(p, OP_HALT, 0, 0, 0, 0) == NO_INSTR)
		goto fail;
	if (t->max_loops > 0)
	{
		t->frames = emp_alloc(a, sizeof(TplFrame) * (size_t) t->max_loops);
		memset(t->frames, 0, sizeof(TplFrame) * (size_t) t->max_loops);
	}
	emp_release(a, p);
	return t;

fail:
	emp_release(a, p);
	emp_template_free(t);
	return NULL;
}

/* ----------------------------------------------------------------
 * Rendering
 * ----------------------------------------------------------------
 */
typedef struct TplRender
{
	EmpTemplate *t;
	const EmpTplSource *src;
	const EmpTplRenderOptions *o;
	EmpBuf	   *out;
	size_t		base;			/* out->len when the render started */
	bool		pending;		/* an empty value waits for its collapse */
	int			nframes;
	TplFrame   *frames;
	EmpError   *err;
	uint64_t	work;			/* items serialised, for interrupt checks */
	bool		lint;			/* walking for emp_template_check */
} TplRender;

static const EmpTplValue missing_value = {EMP_TPL_MISSING, 0, NULL, 0, NULL};

/* Count serialised items and check for interrupts now and then. */
static inline void
tick(TplRender *r)
{
	if ((++r->work & 0xFFF) == 0)
		emp_check_interrupts(r->t->a);
}

/* Set v to the literal operand o. */
static void
literal_value(TplRender *r, const TplOperand *o, EmpTplValue *v)
{
	*v = missing_value;
	switch (o->kind)
	{
		case OPD_STRING:
			v->kind = EMP_TPL_STRING;
			v->str = r->t->pool + o->text;
			v->len = o->textlen;
			break;
		case OPD_NUMBER:
			v->kind = EMP_TPL_NUMBER;
			v->str = r->t->pool + o->text;
			v->len = o->textlen;
			break;
		case OPD_TRUE:
			v->kind = EMP_TPL_TRUE;
			break;
		case OPD_FALSE:
			v->kind = EMP_TPL_FALSE;
			break;
		case OPD_NULL:
			v->kind = EMP_TPL_NULL;
			break;
		default:
			break;
	}
}

/* Step from v through one segment. */
static void
step(TplRender *r, const TplSeg *sg, EmpTplValue *v)
{
	EmpTplValue next = missing_value;

	if (v->kind == EMP_TPL_OBJECT)
	{
		if (!r->src->member(r->src->ctx, v, r->t->pool + sg->key, sg->keylen, &next))
			next = missing_value;
	}
	else if (v->kind == EMP_TPL_ARRAY && sg->is_index)
	{
		int64_t		ix = sg->index;

		if (ix < 0)
			ix += (int64_t) v->count;
		if (ix >= 0 && (uint64_t) ix < v->count)
			r->src->element(r->src->ctx, v, (size_t) ix, &next);
	}
	*v = next;
}

/*
 * Resolve a path.  A plain name is looked up in the innermost loop item
 * that is an object and has it, then outwards, then in the root; @-names
 * read the innermost loop.  Sets *unknown (lint only) when the answer
 * depends on a loop item the sample does not show.
 */
static void
resolve_path(TplRender *r, const TplOperand *o, EmpTplValue *v, bool *unknown)
{
	const TplSeg *segs = o->nsegs ? r->t->segs + o->seg0 : NULL;
	uint32_t	k = 0;
	TplFrame   *f = r->nframes > 0 ? &r->frames[r->nframes - 1] : NULL;

	*unknown = false;
	switch (o->root)
	{
		case ROOT_SCOPE:
			*v = missing_value;
			if (r->nframes == 0)
			{
				*v = r->src->root;
				break;			/* segment 0 is stepped below */
			}
			for (int d = r->nframes - 1; d >= 0; d--)
			{
				TplFrame   *fr = &r->frames[d];

				if (fr->mode == FRAME_UNKNOWN)
				{
					*unknown = true;
					continue;
				}
				if (fr->item.kind == EMP_TPL_OBJECT)
				{
					EmpTplValue it = fr->item;

					step(r, &segs[0], &it);
					if (it.kind != EMP_TPL_MISSING)
					{
						*v = it;
						*unknown = false;
						break;
					}
				}
			}
			if (v->kind == EMP_TPL_MISSING)
			{
				EmpTplValue it = r->src->root;

				step(r, &segs[0], &it);
				*v = it;
				if (it.kind != EMP_TPL_MISSING)
					*unknown = false;
			}
			k = 1;
			break;
		case ROOT_THIS:
			if (f && f->mode == FRAME_UNKNOWN)
			{
				*unknown = true;
				*v = missing_value;
				return;
			}
			*v = f ? f->item : r->src->root;
			break;
		case ROOT_ROOT:
			*v = r->src->root;
			break;
		case ROOT_INDEX:
			*v = missing_value;
			if (f)
			{
				int			n = snprintf(f->numbuf, sizeof(f->numbuf), "%zu", f->index);

				v->kind = EMP_TPL_NUMBER;
				v->str = f->numbuf;
				v->len = (size_t) n;
			}
			return;
		case ROOT_FIRST:
			*v = missing_value;
			if (f)
				v->kind = f->index == 0 ? EMP_TPL_TRUE : EMP_TPL_FALSE;
			return;
		case ROOT_LAST:
			*v = missing_value;
			if (f)
				v->kind = f->index + 1 >= f->count ? EMP_TPL_TRUE : EMP_TPL_FALSE;
			return;
		case ROOT_KEY:
			*v = missing_value;
			if (f && f->mode == FRAME_OBJECT)
				*v = f->key;
			return;
	}
	for (; k < o->nsegs && v->kind != EMP_TPL_MISSING; k++)
		step(r, &segs[k], v);
}

/* Set v to the value of operand index oi. */
static void
operand_value(TplRender *r, uint32_t oi, EmpTplValue *v)
{
	const TplOperand *o = &r->t->opds[oi];
	bool		unknown;

	if (o->kind == OPD_PATH)
		resolve_path(r, o, v, &unknown);
	else
		literal_value(r, o, v);
}

/* Append the text of a number. */
static bool
append_number(TplRender *r, const EmpTplValue *v, EmpBuf *b)
{
	if (v->str)
		return buf_put(b, v->str, v->len, r->err);
	if (!r->src->number_text(r->src->ctx, v, b))
	{
		emp_error_set(r->err, EMP_ERR_TOO_LARGE, 0,
					  "rendered template exceeds the maximum size of %zu bytes", b->limit);
		return false;
	}
	return true;
}

/* Append a scalar as JSON. */
static bool
append_json_scalar(TplRender *r, const EmpTplValue *v, EmpBuf *b)
{
	switch (v->kind)
	{
		case EMP_TPL_MISSING:
		case EMP_TPL_NULL:
			return buf_puts(b, "null", r->err);
		case EMP_TPL_TRUE:
			return buf_puts(b, "true", r->err);
		case EMP_TPL_FALSE:
			return buf_puts(b, "false", r->err);
		case EMP_TPL_NUMBER:
			return append_number(r, v, b);
		case EMP_TPL_STRING:
			return append_json_string(b, v->str, v->len, r->err);
		case EMP_TPL_ARRAY:
			return buf_puts(b, "[]", r->err);
		case EMP_TPL_OBJECT:
			return buf_puts(b, "{}", r->err);
	}
	return true;
}

/* Make room for one more level of the JSON stack. */
static bool
jstack_reserve(TplRender *r, size_t need)
{
	EmpTemplate *t = r->t;
	size_t		newcap;
	TplJsonLevel *nj;

	if (need <= t->jcap)
		return true;
	newcap = t->jcap ? t->jcap * 2 : 32;
	if (newcap * sizeof(TplJsonLevel) > EMP_MAX_ALLOC)
	{
		emp_error_set(r->err, EMP_ERR_TOO_DEEP, 0, "value is nested too deeply to render");
		return false;
	}
	nj = emp_alloc(t->a, newcap * sizeof(TplJsonLevel));
	if (t->jcap)
		memcpy(nj, t->jstack, t->jcap * sizeof(TplJsonLevel));
	emp_release(t->a, t->jstack);
	t->jstack = nj;
	t->jcap = newcap;
	return true;
}

/* Append a value as JSON text, in jsonb's layout, without recursion. */
static bool
append_json(TplRender *r, const EmpTplValue *v, EmpBuf *b)
{
	EmpTemplate *t = r->t;
	size_t		depth = 0;

	if ((v->kind != EMP_TPL_ARRAY && v->kind != EMP_TPL_OBJECT) || v->count == 0)
		return append_json_scalar(r, v, b);
	if (!jstack_reserve(r, 1) || !buf_puts(b, v->kind == EMP_TPL_ARRAY ? "[" : "{", r->err))
		return false;
	t->jstack[0].v = *v;
	t->jstack[0].i = 0;
	depth = 1;
	while (depth > 0)
	{
		TplJsonLevel *lv = &t->jstack[depth - 1];
		EmpTplValue elem;

		if (lv->i >= lv->v.count)
		{
			if (!buf_puts(b, lv->v.kind == EMP_TPL_ARRAY ? "]" : "}", r->err))
				return false;
			depth--;
			continue;
		}
		tick(r);
		if (lv->i > 0 && !buf_puts(b, ", ", r->err))
			return false;
		if (lv->v.kind == EMP_TPL_OBJECT)
		{
			EmpTplValue key;

			r->src->entry(r->src->ctx, &lv->v, lv->i, &key, &elem);
			if (!append_json_string(b, key.str, key.len, r->err) || !buf_puts(b, ": ", r->err))
				return false;
		}
		else
			r->src->element(r->src->ctx, &lv->v, lv->i, &elem);
		lv->i++;
		if ((elem.kind == EMP_TPL_ARRAY || elem.kind == EMP_TPL_OBJECT) && elem.count > 0)
		{
			if (!jstack_reserve(r, depth + 1) ||
				!buf_puts(b, elem.kind == EMP_TPL_ARRAY ? "[" : "{", r->err))
				return false;
			t->jstack[depth].v = elem;
			t->jstack[depth].i = 0;
			depth++;
		}
		else if (!append_json_scalar(r, &elem, b))
			return false;
	}
	return true;
}

/* Append a non-array value in its natural text form. */
static bool
append_scalar_text(TplRender *r, const EmpTplValue *v, EmpBuf *b)
{
	switch (v->kind)
	{
		case EMP_TPL_MISSING:
		case EMP_TPL_NULL:
			return true;
		case EMP_TPL_TRUE:
			return buf_puts(b, "true", r->err);
		case EMP_TPL_FALSE:
			return buf_puts(b, "false", r->err);
		case EMP_TPL_NUMBER:
			return append_number(r, v, b);
		case EMP_TPL_STRING:
			return buf_put(b, v->str, v->len, r->err);
		default:
			/* containers as JSON, but an empty one is blank: nothing */
			return v->count == 0 || append_json(r, v, b);
	}
}

/*
 * Append the natural text of a value: strings as they are, numbers and
 * booleans as in JSON, null as nothing, objects as JSON, and arrays as
 * their non-empty elements joined by sep (nested containers as JSON).
 * Empty arrays and objects render as nothing.
 */
static bool
append_natural(TplRender *r, const EmpTplValue *v, EmpBuf *b, const char *sep, size_t seplen)
{
	bool		any = false;

	if (v->kind != EMP_TPL_ARRAY)
		return append_scalar_text(r, v, b);
	for (size_t i = 0; i < v->count; i++)
	{
		EmpTplValue e;
		size_t		mark = b->len;

		tick(r);
		r->src->element(r->src->ctx, v, i, &e);
		if (any && !buf_put(b, sep, seplen, r->err))
			return false;
		if (!append_scalar_text(r, &e, b))
			return false;
		if (b->len == mark + (any ? seplen : 0))
			b->len = mark;		/* empty element: no separator either */
		else
			any = true;
	}
	return true;
}

/* Is a value blank (what default replaces)? */
static bool
value_is_blank(const EmpTplValue *v)
{
	switch (v->kind)
	{
		case EMP_TPL_MISSING:
		case EMP_TPL_NULL:
			return true;
		case EMP_TPL_STRING:
			return is_blank_text(v->str, v->len);
		case EMP_TPL_ARRAY:
		case EMP_TPL_OBJECT:
			return v->count == 0;
		default:
			return false;
	}
}

/* Parse text as a JSON-syntax number. */
static bool
text_to_double(TplRender *r, const char *s, size_t n, double *out)
{
	size_t		i = 0;
	char		tmp[64];
	EmpBuf	   *b;

	while (n > 0 && is_tag_ws(s[n - 1]))
		n--;
	while (i < n && is_tag_ws(s[i]))
		i++;
	s += i;
	n -= i;
	i = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	if (i >= n || !(is_digit(s[i]) || (s[i] == '.' && i + 1 < n && is_digit(s[i + 1]))))
		return false;
	for (; i < n; i++)
		if (!(is_digit(s[i]) || s[i] == '.' || s[i] == 'e' || s[i] == 'E' || s[i] == '+' || s[i] == '-'))
			return false;
	if (n < sizeof(tmp))
	{
		char	   *end;

		memcpy(tmp, s, n);
		tmp[n] = '\0';
		*out = strtod(tmp, &end);
		return end == tmp + n;
	}
	b = &r->t->scratch[4];
	b->len = 0;
	if (!buf_put(b, s, n, r->err) || !buf_put(b, "", 1, r->err))
		return false;
	{
		char	   *end;

		*out = strtod(b->data, &end);
		return end == b->data + n;
	}
}

/*
 * A decimal number read exactly, for what a double cannot tell apart
 * (12345678901234567 and ...568, 1e-400 and 0): value = sign * 0.d1d2... *
 * 10^exp, the significant digits counted from lead, without leading or
 * trailing zeros (ndig 0 and sign 0: zero).
 */
typedef struct DecNum
{
	int			sign;
	const char *ip;				/* integer digits */
	size_t		ni;
	const char *fp;				/* fraction digits */
	size_t		nf;
	size_t		lead;
	size_t		ndig;
	long long	exp;
} DecNum;

/* Read s[0..n) (a number text_to_double accepted) into d. */
static void
dec_parse(const char *s, size_t n, DecNum *d)
{
	size_t		i = 0,
				total,
				trail = 0;
	long long	e = 0;
	int			esign = 1;

	memset(d, 0, sizeof(*d));
	d->sign = 1;
	while (i < n && is_tag_ws(s[i]))
		i++;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		d->sign = s[i++] == '-' ? -1 : 1;
	d->ip = s + i;
	while (i < n && is_digit(s[i]))
		i++;
	d->ni = (size_t) (s + i - d->ip);
	if (i < n && s[i] == '.')
		i++;
	d->fp = s + i;
	while (i < n && is_digit(s[i]))
		i++;
	d->nf = (size_t) (s + i - d->fp);
	if (i < n && (s[i] == 'e' || s[i] == 'E'))
	{
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			esign = s[i++] == '-' ? -1 : 1;
		/*
		 * (exponents compare exactly up to 10^17; past that, which no
		 * double or numeric reaches, they compare as 10^17)
		 */
		for (; i < n && is_digit(s[i]); i++)
			if (e < 100000000000000000LL / 10)
				e = e * 10 + (s[i] - '0');
	}
	total = d->ni + d->nf;
	while (d->lead < total && (d->lead < d->ni ? d->ip[d->lead] : d->fp[d->lead - d->ni]) == '0')
		d->lead++;
	if (d->lead == total)
	{
		d->sign = 0;
		return;
	}
	while (trail < total - d->lead &&
		   ((total - 1 - trail) < d->ni ? d->ip[total - 1 - trail] : d->fp[total - 1 - trail - d->ni]) == '0')
		trail++;
	d->ndig = total - d->lead - trail;
	d->exp = (long long) d->ni - (long long) d->lead + esign * e;
}

/* The k-th significant digit of d ('0' past the last). */
static char
dec_digit(const DecNum *d, size_t k)
{
	size_t		i = d->lead + k;

	if (k >= d->ndig)
		return '0';
	return i < d->ni ? d->ip[i] : d->fp[i - d->ni];
}

/* Compare two numbers exactly: <0, 0 or >0. */
static int
dec_compare(const DecNum *a, const DecNum *b)
{
	size_t		n = a->ndig > b->ndig ? a->ndig : b->ndig;

	if (a->sign != b->sign)
		return a->sign < b->sign ? -1 : 1;
	if (a->sign == 0)
		return 0;
	if (a->exp != b->exp)
		return (a->exp < b->exp ? -1 : 1) * a->sign;
	for (size_t k = 0; k < n; k++)
	{
		char		x = dec_digit(a, k),
					y = dec_digit(b, k);

		if (x != y)
			return (x < y ? -1 : 1) * a->sign;
	}
	return 0;
}

/* The text of a number value_to_double read (v's own, or scratch's). */
static void
number_text(const EmpTplValue *v, const EmpBuf *scratch, const char **s, size_t *n)
{
	if (v->str)
	{
		*s = v->str;
		*n = v->len;
	}
	else
	{
		*s = scratch->data;
		*n = scratch->len;
	}
}

/* Give the number a value stands for (numbers, and strings that read as one). */
static bool
value_to_double(TplRender *r, const EmpTplValue *v, EmpBuf *scratch, double *out)
{
	if (v->kind == EMP_TPL_NUMBER)
	{
		if (v->str)
			return text_to_double(r, v->str, v->len, out);
		scratch->len = 0;
		if (!append_number(r, v, scratch))
			return false;
		return text_to_double(r, scratch->data, scratch->len, out);
	}
	if (v->kind == EMP_TPL_STRING)
		return text_to_double(r, v->str, v->len, out);
	return false;
}

/* Is a value truthy (for #if)? */
static bool
value_is_true(TplRender *r, const EmpTplValue *v)
{
	double		d;

	switch (v->kind)
	{
		case EMP_TPL_MISSING:
		case EMP_TPL_NULL:
		case EMP_TPL_FALSE:
			return false;
		case EMP_TPL_TRUE:
			return true;
		case EMP_TPL_NUMBER:
			if (value_to_double(r, v, &r->t->scratch[2], &d) && d == 0)
			{
				/* only a zero is false, not a number too small for a double (1e-400) */
				const char *s;
				size_t		n;
				DecNum		x;

				number_text(v, &r->t->scratch[2], &s, &n);
				dec_parse(s, n, &x);
				return x.sign != 0;
			}
			return true;
		case EMP_TPL_STRING:
			return !is_blank_text(v->str, v->len);
		case EMP_TPL_ARRAY:
		case EMP_TPL_OBJECT:
			return v->count > 0;
	}
	return false;
}

/*
 * Compare two values: returns <0, 0 or >0, or 2 when they are not
 * comparable (for ordering).  Numbers, and strings that read as numbers,
 * compare as numbers; otherwise their texts compare bytewise.
 */
static int
compare_values(TplRender *r, const EmpTplValue *a, const EmpTplValue *b, bool *ok)
{
	double		da,
				db;
	EmpBuf	   *sa = &r->t->scratch[2],
			   *sb = &r->t->scratch[3];
	int			c;
	size_t		n;
	bool		a_null = a->kind == EMP_TPL_MISSING || a->kind == EMP_TPL_NULL;
	bool		b_null = b->kind == EMP_TPL_MISSING || b->kind == EMP_TPL_NULL;

	*ok = true;
	if (a_null || b_null)
	{
		*ok = false;			/* ordering with null is false */
		return a_null && b_null ? 0 : 1;
	}
	if ((a->kind == EMP_TPL_NUMBER || b->kind == EMP_TPL_NUMBER) &&
		value_to_double(r, a, sa, &da) && value_to_double(r, b, sb, &db))
	{
		const char *ta,
				   *tb;
		size_t		na,
					nb;
		DecNum		xa,
					xb;

		if (da != db)
			return da < db ? -1 : 1;
		/* equal as doubles: the digits tell (ids of 17 digits, 1e-400 and 0) */
		number_text(a, sa, &ta, &na);
		number_text(b, sb, &tb, &nb);
		dec_parse(ta, na, &xa);
		dec_parse(tb, nb, &xb);
		c = dec_compare(&xa, &xb);
		return c < 0 ? -1 : (c > 0 ? 1 : 0);
	}
	if (a->kind == EMP_TPL_STRING && b->kind == EMP_TPL_STRING)
	{
		n = a->len < b->len ? a->len : b->len;
		c = memcmp(a->str, b->str, n);
		return c != 0 ? c : (a->len < b->len ? -1 : (a->len > b->len ? 1 : 0));
	}
	if ((a->kind == EMP_TPL_ARRAY || a->kind == EMP_TPL_OBJECT ||
		 b->kind == EMP_TPL_ARRAY || b->kind == EMP_TPL_OBJECT) && a->kind != b->kind)
	{
		*ok = false;
		return 1;
	}
	sa->len = 0;
	sb->len = 0;
	if (!append_json(r, a, sa) || !append_json(r, b, sb))
	{
		*ok = false;
		return 2;
	}
	if (a->kind == EMP_TPL_STRING || b->kind == EMP_TPL_STRING)
	{
		/* string against true/false: compare with the bare word */
		sa->len = 0;
		sb->len = 0;
		if (!append_scalar_text(r, a, sa) || !append_scalar_text(r, b, sb))
		{
			*ok = false;
			return 2;
		}
	}
	n = sa->len < sb->len ? sa->len : sb->len;
	c = memcmp(sa->data, sb->data, n);
	return c != 0 ? c : (sa->len < sb->len ? -1 : (sa->len > sb->len ? 1 : 0));
}

/* Evaluate one clause. */
static bool
eval_clause(TplRender *r, const TplClause *cl)
{
	EmpTplValue a,
				b;
	bool		res,
				ok;
	int			c;

	operand_value(r, cl->lhs, &a);
	if (cl->cmp == CMP_TRUTH)
		res = value_is_true(r, &a);
	else
	{
		operand_value(r, cl->rhs, &b);
		c = compare_values(r, &a, &b, &ok);
		if (r->err->code != EMP_OK)
			return false;
		switch (cl->cmp)
		{
			case CMP_EQ:
				res = c == 0;
				break;
			case CMP_NE:
				res = c != 0;
				break;
			case CMP_LT:
				res = ok && c < 0;
				break;
			case CMP_LE:
				res = ok && c <= 0;
				break;
			case CMP_GT:
				res = ok && c > 0;
				break;
			default:
				res = ok && c >= 0;
				break;
		}
	}
	return cl->negate ? !res : res;
}

/* Evaluate a condition: clauses joined by and/or, and binding tighter. */
static bool
eval_condition(TplRender *r, uint32_t first, uint32_t count)
{
	bool		conj = true;

	for (uint32_t k = 0; k < count; k++)
	{
		const TplClause *cl = &r->t->clauses[first + k];

		if (conj)
			conj = eval_clause(r, cl);
		if (cl->or_next || k + 1 == count)
		{
			if (conj)
				return true;
			conj = true;
		}
	}
	return false;
}

/* ---- lenient collapse ---- */

/* Is out at the start of a line (or of the render)? */
static inline bool
at_line_start(TplRender *r)
{
	return r->out->len == r->base || r->out->data[r->out->len - 1] == '\n';
}

/* Drop trailing horizontal white space from out. */
static void
trim_out(TplRender *r)
{
	while (r->out->len > r->base && is_hws(r->out->data[r->out->len - 1]))
		r->out->len--;
}

/* Is the text at s a closing punctuation mark or a line end? */
static bool
is_closer(const char *s, size_t n)
{
	switch (s[0])
	{
		case ',':
		case '.':
		case '!':
		case '?':
		case ';':
		case ':':
		case ')':
		case ']':
		case '}':
		case '\n':
		case '\r':
			return true;
		default:
			if (n < 3)
				return false;
			/* U+2026 HORIZONTAL ELLIPSIS */
			if ((unsigned char) s[0] == 0xE2)
				return (unsigned char) s[1] == 0x80 && (unsigned char) s[2] == 0xA6;
			/* U+3001 IDEOGRAPHIC COMMA, U+3002 IDEOGRAPHIC FULL STOP */
			if ((unsigned char) s[0] == 0xE3)
				return (unsigned char) s[1] == 0x80 &&
					((unsigned char) s[2] == 0x81 || (unsigned char) s[2] == 0x82);
			/* full-width ! ) , . : ; ? (U+FF01, U+FF09, U+FF0C, U+FF0E, U+FF1A, U+FF1B, U+FF1F) */
			if ((unsigned char) s[0] == 0xEF && (unsigned char) s[1] == 0xBC)
				switch ((unsigned char) s[2])
				{
					case 0x81:
					case 0x89:
					case 0x8C:
					case 0x8E:
					case 0x9A:
					case 0x9B:
					case 0x9F:
						return true;
				}
			return false;
	}
}

/*
 * In html mode, does out end in a character reference ("&nbsp;", "&#160;",
 * "&amp;")?  Its ';' belongs to it: the template's own text, or an escaped
 * value.  (In plain text, "AT&T;" ends in a semicolon.)
 */
static bool
ends_in_entity(const TplRender *r)
{
	size_t		k = r->out->len - 1;	/* at the ';' */
	size_t		stop = (k - r->base > 32) ? k - 32 : r->base;

	if (r->o->escape != EMP_TPL_ESCAPE_HTML)
		return false;

	while (k > stop)
	{
		char		c = r->out->data[k - 1];

		if (c == '&')
			return k < r->out->len - 1;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#'))
			return false;
		k--;
	}
	return false;
}

/* Close a pending collapse at the end of the output or before a closer. */
static void
collapse_before_closer(TplRender *r)
{
	trim_out(r);
	if (r->out->len > r->base &&
		(r->out->data[r->out->len - 1] == ',' ||
		 (r->out->data[r->out->len - 1] == ';' && !ends_in_entity(r))))
	{
		r->out->len--;
		trim_out(r);
	}
}

/*
 * Emit text, collapsing around an empty value before it.  The rule, applied
 * when a variable renders as nothing:
 *	- before punctuation that closes a phrase (, . ! ? ; : ) ] } ..., and
 *	  the ideographic comma and full stop and the full-width ones), before
 *	  a line end or at the end of the output, drop the spaces before the
 *	  value and a comma or semicolon that led to it ("Hi {{name}}, thanks"
 *	  -> "Hi, thanks"; "Thanks, {{name}}!" -> "Thanks!");
 *	- between two spaces, keep one ("Thanks {{name}} for" -> "Thanks for");
 *	- at the start of a line, drop the spaces after it, and a comma,
 *	  semicolon or colon that follows ("{{greeting}}, we" -> "we",
 *	  "{{greeting}}: your order" -> "your order"; a colon only before a
 *	  space or a line end: "{{hour}}:00" keeps it); a line left with
 *	  nothing at all is removed with its line break.
 * Text that is only spaces keeps the decision pending.
 */
/* Is out at the start of a line, past its indentation (spaces alone so far)? */
static bool
at_line_start_past_spaces(TplRender *r)
{
	size_t		k = r->out->len;
	/*
	 * Indentation is read back at most TPL_INDENT_MAX bytes: each empty
	 * value before a comma reads it, so a longer one would make many of
	 * them quadratic; past that, the line counts as started.
	 */
	size_t		stop = (k - r->base > TPL_INDENT_MAX) ? k - TPL_INDENT_MAX : r->base;

	while (k > stop && is_hws(r->out->data[k - 1]))
		k--;
	return k == r->base || (k > stop && r->out->data[k - 1] == '\n');
}

static bool
emit(TplRender *r, const char *s, size_t n, EmpTplEscape esc, bool literal)
{
	size_t		i = 0;

	if (n == 0)
		return true;
	if (r->pending)
	{
		while (i < n && is_hws(s[i]))
			i++;
		if (i == n)
		{
			/* only spaces: drop them if spaces or a line start precede */
			if (at_line_start(r) || is_hws(r->out->data[r->out->len - 1]))
				return true;
			return append_escaped(r->out, s, n, esc, r->err);
		}
		r->pending = false;
		if (is_closer(s + i, n - i))
		{
			/* (a colon too, before a space or the end: "{{greeting}}: your order is ready") */
			if ((s[i] == ',' || s[i] == ';' ||
				 (s[i] == ':' && (i + 1 == n || is_hws(s[i + 1]) || s[i + 1] == '\n' || s[i + 1] == '\r'))) &&
				at_line_start_past_spaces(r))
			{
				i++;
				while (i < n && is_hws(s[i]))
					i++;
				/*
				 * The template's line is left empty: it goes with its
				 * indentation and its line break (a value's own line
				 * break stays).
				 */
				if (literal && i < n && (s[i] == '\n' || (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')))
				{
					trim_out(r);
					i += (s[i] == '\r') ? 2 : 1;
				}
			}
			else
			{
				collapse_before_closer(r);
				/* a line that held only the empty value goes entirely */
				if (at_line_start(r) && s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
					i += 2;
				else if (at_line_start(r) && s[i] == '\n')
					i++;
			}
		}
		else if (!(at_line_start(r) || is_hws(r->out->data[r->out->len - 1])))
			i = 0;
	}
	return append_escaped(r->out, s + i, n - i, esc, r->err);
}

/* ---- text filters ---- */

/*
 * Put the code point c, whose n bytes are at s, mapped to m (a change of
 * case): the bytes as they are when m is c, or when the output's character
 * set lacks m.
 */
static bool
put_mapped(TplRender *r, EmpBuf *out, const char *s, size_t n, int32_t c, int32_t m)
{
	if (m != c && r->o->representable != NULL && !r->o->representable(r->o->representable_arg, m))
		m = c;
	if (m == c)
		return buf_put(out, s, n, r->err);
	return buf_put_cp(out, m, r->err);
}

typedef enum CaseMode
{
	CASE_UPPER,
	CASE_LOWER,
	CASE_CAPITALIZE,
	CASE_TITLE
} CaseMode;

/* Map letter case code point by code point (simple Unicode mappings). */
static bool
f_case(TplRender *r, const char *s, size_t n, EmpBuf *out, CaseMode mode)
{
	size_t		i = 0;
	bool		done = false;	/* capitalize: first letter seen */
	bool		word_start = true;

	while (i < n)
	{
		size_t		st = i;
		int32_t		c = next_cp(s, n, &i);
		int32_t		m;

		if (c < 0)
		{
			if (!buf_put(out, s + st, i - st, r->err))
				return false;
			word_start = false;
			continue;
		}
		switch (mode)
		{
			case CASE_UPPER:
				m = u_toupper(c);
				break;
			case CASE_LOWER:
				m = u_tolower(c);
				break;
			case CASE_CAPITALIZE:
				m = c;
				if (!done && u_isalpha(c))
				{
					m = u_totitle(c);
					done = true;
				}
				break;
			default:
				m = (word_start && u_isalpha(c)) ? u_totitle(c) : c;
				word_start = cp_is_space(c) || c == '-' || c == '(' || c == '/' || c == '"';
				break;
		}
		if (!put_mapped(r, out, s + st, i - st, c, m))
			return false;
	}
	return true;
}

/* Bounds of s without leading and trailing white space. */
static void
trim_bounds(const char *s, size_t n, size_t *start, size_t *end)
{
	size_t		a = 0,
				b = n;

	while (a < b)
	{
		size_t		k = a;

		if (!cp_is_space(next_cp(s, n, &k)))
			break;
		a = k;
	}
	while (b > a)
	{
		size_t		k = b;

		if (!cp_is_space(prev_cp(s, &k)))
			break;
		b = k;
	}
	*start = a;
	*end = b;
}

static const char *const honorifics[] = {
	"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "madam", "rev",
	"fr", "herr", "frau", "sr", "sra", "srta", "mme", "mlle", "lady", "lord",
	"capt", "cpt", "maj", "sgt", "lt", "cmdr", "adm", "cllr", "ing", "pastor", "rabbi", "imam",
	"sister", "senor", "se\xc3\xb1or", NULL
};

/*
 * Is the word, case aside and without a full stop after it, one of list's,
 * which are maxlen letters long at most?
 */
static bool
word_of_list(const char *w, size_t n, const char *const *list, size_t maxlen)
{
	if (n > 0 && w[n - 1] == '.')
		n--;
	if (n < 2 || n > maxlen)
		return false;
	for (int k = 0; list[k]; k++)
		if ((w[0] | 0x20) == list[k][0] && ascii_ieq(w, n, list[k]))
			return true;
	return false;
}

/* Is the word a title such as "Mr." or "Dr"? (the longest is "pastor", or "señor" in UTF-8) */
static bool
is_honorific(const char *w, size_t n)
{
	return word_of_list(w, n, honorifics, 6);
}

static const char *const doctors[] = {"dr", "prof", NULL};

/*
 * A value a CRM puts where no name is known ("N/A", "null", "Customer",
 * "Valued Customer"): no one's name.
 */
static bool
name_placeholder(const char *s, size_t n)
{
	static const char *const placeholders[] = {
		"n/a", "na", "null", "none", "nil", "unknown", "customer", "valued customer",
		"customer service", "guest", "anonymous", "user", "test", "-", "--", "?", NULL
	};

	for (int k = 0; placeholders[k]; k++)
		if (ascii_ieq(s, n, placeholders[k]))
			return true;
	return false;
}

/*
 * The bytes of a quote, bracket, comma or semicolon at the start (front)
 * or the end of the n bytes at w: straight and curly quotes, 0 if none.
 */
static size_t
name_edge(const char *w, size_t n, bool front)
{
	static const char *const curly[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", NULL};
	const char *c = front ? w : w + n - 1;

	if (n == 0)
		return 0;
	if (*c == '"' || *c == '\'' || *c == ',' || *c == ';' || *c == '(' || *c == ')' || *c == '[' || *c == ']')
		return 1;
	if (n >= 3)
		for (int k = 0; curly[k]; k++)
			if (memcmp(front ? w : w + n - 3, curly[k], 3) == 0)
				return 3;
	return 0;
}

/*
 * The next word of s[*i, b): its span after the quotes, brackets and stray
 * commas around it ("\"Jane\"", ",,Jane"); false when no word is left.
 */
static bool
next_name_word(const char *s, size_t b, size_t *i, size_t *ws, size_t *we)
{
	size_t		k;

	/* skip spaces, then take a word */
	while (*i < b)
	{
		k = *i;
		if (!cp_is_space(next_cp(s, b, &k)))
			break;
		*i = k;
	}
	*ws = *i;
	while (*i < b)
	{
		k = *i;
		if (cp_is_space(next_cp(s, b, &k)))
			break;
		*i = k;
	}
	*we = *i;
	if (*we == *ws)
		return false;
	for (;;)
	{
		size_t		e;

		if ((e = name_edge(s + *ws, *we - *ws, true)) > 0)
			*ws += e;
		else if ((e = name_edge(s + *ws, *we - *ws, false)) > 0)
			*we -= e;
		else
			break;
	}
	return true;
}

/*
 * Can the n bytes at w be a name: a letter in them ("🌸", "--" and "*" are
 * none), and not a title ("Dr.") nor an initial ("J", "J.")?
 */
static bool
name_word(const char *w, size_t n)
{
	size_t		k = 0;
	int			letters = 0,
				chars = 0;

	/* nor is an e-mail address */
	if (n == 0 || is_honorific(w, n) || memchr(w, '@', n) != NULL)
		return false;
	while (k < n && letters < 2)
	{
		unsigned char c = (unsigned char) w[k];

		if (c < 0x80)
		{
			letters += ((unsigned) ((c | 0x20) - 'a') < 26u);
			k++;
		}
		else
		{
			int32_t		c = next_cp(w, n, &k);

			if (c >= 0 && u_isalpha(c))
				letters++;
			/* a combining mark is its letter's: "E\u0301." is an initial */
			else if (c >= 0 && u_hasBinaryProperty(c, UCHAR_GRAPHEME_EXTEND))
				continue;
		}
		chars++;
	}
	/* (characters, not bytes: "É." is an initial as "E." is) */
	return letters > 1 || (letters == 1 && chars > 2);
}

static const char *const suffixes[] = {
	"jr", "jnr", "snr", "ii", "iii", "iv", "phd", "md", "esq", "obe", "mbe", "cbe", "kc", "qc",
	"mp", "dds", "rn", "cpa", "mba", NULL
};

/* Is the word a suffix after a surname ("Jr.", "III", "PhD")? */
static bool
name_suffix(const char *w, size_t n)
{
	return word_of_list(w, n, suffixes, 3);
}

static const char *const firms[] = {
	"ltd", "limited", "inc", "incorporated", "llc", "llp", "plc", "gmbh", "corp", "corporation",
	"pty", "srl", "sarl", NULL
};

/* Is the word one that names a company ("Ltd", "Inc.", "GmbH")? */
static bool
firm_word(const char *w, size_t n)
{
	return word_of_list(w, n, firms, 12);
}

static const char *const degrees[] = {
	"med", "dent", "vet", "rer", "nat", "phil", "jur", "iur", "theol", "oec", "pol", "soc",
	"sc", "ing", "techn", "habil", "h.c", NULL
};

/*
 * Is the word, with its full stop, the faculty of a doctor's degree that
 * follows the title ("Dr. med.", "Dr. rer. nat.", "Dr. h.c.")?
 */
static bool
name_degree(const char *w, size_t n)
{
	return n > 2 && w[n - 1] == '.' && word_of_list(w, n, degrees, 5);
}

static const char *const particles[] = {
	"van", "von", "der", "den", "de", "del", "della", "la", "le", "du", "da", "di", "dos",
	"das", "do", "al", "el", "bin", "ibn", "ten", "ter", "zu", "vom", "af", NULL
};

/* Is the word a particle of a surname ("van der Berg", "de la Cruz")? */
static bool
name_particle(const char *w, size_t n)
{
	return n > 1 && w[n - 1] != '.' && word_of_list(w, n, particles, 5);
}

/* Is the word a couple's joiner ("Mr. and Mrs. Smith", "Jo & Sam")? */
static bool
name_joiner(const char *w, size_t n)
{
	return (n == 3 && strncasecmp(w, "and", 3) == 0) || (n == 1 && w[0] == '&');
}

/* Is the word the article of a family's name ("The Smiths")? */
static bool
name_article(const char *w, size_t n)
{
	return n == 3 && strncasecmp(w, "the", 3) == 0;
}

/*
 * The given name in a full name, as the span [*start, *start + *len) of s:
 * "Jane Smith" -> "Jane", "Smith, Jane" -> "Jane" (a single word before a
 * comma is the surname; "Jane Smith, Jr." keeps Jane), "Dr. Jane Smith"
 * and "Mr J Smith" -> "Jane", "Smith"; none (*len 0) for a couple's name
 * ("Mr. and Mrs. Smith") or a name of titles and initials only.  When
 * title is not NULL it gets the span of the title just before the name
 * ("Mr J Smith" -> "Mr"; *tlen 0 if none), and *last whether no word that
 * can be a name follows it.
 */
static void
given_name(const char *s, size_t n, size_t *start, size_t *len,
		   size_t *tstart, size_t *tlen, bool *last)
{
	size_t		a,
				b,
				i,
				ws,
				we;
	const char *comma;
	size_t		surname = 0,
				surnamelen = 0;
	bool		doctor = false; /* the title is "Dr" or "Prof": a faculty may follow */

	*start = 0;
	*len = 0;
	if (tlen)
		*tlen = 0;
	trim_bounds(s, n, &a, &b);
	if (name_placeholder(s + a, b - a))
		return;
	comma = memchr(s + a, ',', b - a);
	if (comma)
	{
		size_t		ca,
					cb,
					words = 0;

		/*
		 * one word before the comma, its particles aside: "Smith, Jane",
		 * "van der Berg, Anna"; else what follows is a suffix or a firm
		 */
		for (i = a; i < (size_t) (comma - s) && next_name_word(s, (size_t) (comma - s), &i, &ws, &we);)
		{
			bool		particle = words == 0 && name_particle(s + ws, we - ws);

			if (words == 0 && surnamelen == 0)
				surname = ws;
			words += (we > ws && !particle);
			surnamelen = we - surname;
		}
		trim_bounds(comma + 1, (size_t) (s + b - comma - 1), &ca, &cb);
		if (cb > ca && words <= 1)
		{
			a = (size_t) (comma + 1 - s) + ca;
			b = (size_t) (comma + 1 - s) + cb;
			if (words == 0 || !name_word(s + surname, surnamelen))
				surnamelen = 0;
		}
		else
		{
			b = (size_t) (comma - s);
			surnamelen = 0;
		}
	}
	/* a company's name is no one's to greet: "Acme Ltd", "Müller GmbH" (to match, its words are) */
	for (i = a; tlen && i < b && next_name_word(s, b, &i, &ws, &we);)
		if (firm_word(s + ws, we - ws))
			return;
	for (i = a; i < b && next_name_word(s, b, &i, &ws, &we);)
	{
		if (name_joiner(s + ws, we - ws) || name_article(s + ws, we - ws))
			return;
		/* "Dr. med. Hans Weber": the degree is the title's */
		if (doctor && name_degree(s + ws, we - ws))
		{
			if (tlen)
				*tlen = we - *tstart;
			continue;
		}
		if (name_word(s + ws, we - ws))
		{
			size_t		j = i,
						js,
						je;

			/* "van der Berg", "Mr de la Cruz": a surname, no given name */
			if ((unsigned char) s[ws] >= 'a' && (unsigned char) s[ws] <= 'z' &&
				name_particle(s + ws, we - ws) && next_name_word(s, b, &j, &js, &je))
				return;
			j = i;

			/* "John and Jane Doe": a couple's name, no one's given name */
			if (next_name_word(s, b, &j, &js, &je) && name_joiner(s + js, je - js))
				return;
			*start = ws;
			*len = we - ws;
			if (tlen)
			{
				/* after a comma the name is the given one: "Smith, Mr John" -> "John" */
				*last = (surnamelen == 0);
				while (i < b && next_name_word(s, b, &i, &ws, &we))
					if (name_word(s + ws, we - ws) && !name_suffix(s + ws, we - ws))
					{
						*last = false;
						break;
					}
			}
			return;
		}
		if (is_honorific(s + ws, we - ws))
		{
			doctor = word_of_list(s + ws, we - ws, doctors, 4);
			if (tlen)
			{
				*tstart = ws;
				*tlen = we - ws;
			}
		}
	}
	/* "Smith, Mr." and "Smith, Dr J.": the surname, after its title */
	if (tlen && *tlen > 0 && surnamelen > 0)
	{
		*start = surname;
		*len = surnamelen;
		*last = true;
	}
}

void
emp_given_name(const char *s, size_t n, size_t *start, size_t *len)
{
	given_name(s, n, start, len, NULL, NULL, NULL);
}

/*
 * The name to look for in a reply to this customer: the given name, or
 * when there is none the last word that can be a name (a couple's
 * surname: "Mr. and Mrs. Smith" -> "Smith"; "Smith, Mr. and Mrs." ->
 * "Smith"); none when no word can be.
 */
void
emp_name_to_match(const char *s, size_t n, size_t *start, size_t *len)
{
	size_t		i = 0,
				ws,
				we;

	emp_given_name(s, n, start, len);
	if (*len > 0)
		return;
	while (i < n && next_name_word(s, n, &i, &ws, &we))
		if (name_word(s + ws, we - ws) && !name_joiner(s + ws, we - ws) && !name_article(s + ws, we - ws) &&
			!firm_word(s + ws, we - ws))
		{
			*start = ws;
			*len = we - ws;
		}
}

/* Is the title one said with the given name ("Sir Elton", "Dame Judi")? */
static bool
title_with_given_name(const char *w, size_t n)
{
	if (n > 0 && w[n - 1] == '.')
		n--;
	return ascii_ieq(w, n, "sir") || ascii_ieq(w, n, "dame");
}

/*
 * Does a word of the name s[0, n) mix capitals and lower case ("DeShawn",
 * "McDonald")?  Then the name is written as its owner writes it.
 */
static bool
name_mixed_case(const char *s, size_t n)
{
	size_t		i = 0;
	bool		upper = false,
				lower = false;

	while (i < n)
	{
		int32_t		c = next_cp(s, n, &i);

		if (c >= 0 && (cp_is_space(c) || c == ','))
			upper = lower = false;	/* a new word */
		upper |= (c >= 0 && u_isupper(c));
		lower |= (c >= 0 && u_islower(c));
		if (upper && lower)
			return true;
	}
	return false;
}

/*
 * Put a word of a name as a name is written: one in capitals or in lower
 * case throughout ("JOHN", "jean-luc", "MARÍA", "DR.", "ΝΙΚΟΣ") with a
 * capital letter first and after a hyphen, a dash or a full stop, or an
 * apostrophe after one letter ("O'BRIEN", not "KE'ALOHA"), the rest in
 * lower case, a Greek capital sigma at a word's end as the final one
 * ("John", "Jean-Luc", "María", "Dr.", "O'Brien", "Νικος"); as it is
 * when recase is false (a word of the name mixes cases: "McDonald",
 * "DeShawn JONES"), and a word of one letter, or two capitals with no vowel
 * that are no title ("TJ", "AJ": initials; "JO" is Jo, "MR" Mr).
 */
static bool
put_name_word(TplRender *r, const char *s, size_t n, EmpBuf *out, bool recase, bool title)
{
	size_t		i = 0;
	int			letters = 0,
				before = 0;		/* letters since the last break */
	bool		vowel = false;
	bool		start = true;

	while (i < n)
	{
		int32_t		c = next_cp(s, n, &i);

		letters += (c >= 0 && u_isalpha(c));
		vowel |= (c >= 0 && c < 0x80 && strchr("AEIOUYaeiouy", (int) c) != NULL);
	}
	if (!recase || letters < 2 || (letters == 2 && n == 2 && !vowel && !title))
		return buf_put(out, s, n, r->err);
	for (i = 0; i < n;)
	{
		size_t		st = i;
		int32_t		c = next_cp(s, n, &i);
		int32_t		m = c;

		if (c >= 0 && u_isalpha(c))
		{
			m = start ? u_totitle(c) : u_tolower(c);
			if (c == 0x03A3 && !start)
			{
				/* a sigma with no letter after it ends the word: final */
				size_t		j = i;
				int32_t		d = j < n ? next_cp(s, n, &j) : -1;

				if (!(d >= 0 && u_isalpha(d)))
					m = 0x03C2;
			}
			start = false;
			before++;
		}
		else if (c == '-' || c == '.' || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x2014)
		{
			start = true;
			before = 0;
		}
		else if (c == '\'' || c == 0x2019)
		{
			start = (before == 1);
			before = 0;
		}
		if (!put_mapped(r, out, s + st, i - st, c, m))
			return false;
	}
	return true;
}

/*
 * The name to greet the customer by: the given name, kept after "Sir" or
 * "Dame"; a title and a surname alone keep the title ("Mr J. Smith" ->
 * "Mr Smith", not "Smith"); initials and a surname with no title give none
 * ("J. Smith": "Hi there", not "Hi Smith").  A name in capitals or in
 * lower case throughout is written with a capital first ("JOHN SMITH" ->
 * "John").
 */
static bool
f_first_name(TplRender *r, const char *s, size_t n, EmpBuf *out)
{
	size_t		start,
				len,
				tstart = 0,
				tlen;
	bool		last = false;
	bool		recase;

	given_name(s, n, &start, &len, &tstart, &tlen, &last);
	/*
	 * "Sir J. Jones": Sir goes with a given name, and none is known (an
	 * initial stands between; "Sir Elton" alone is his given name)
	 */
	if (len > 0 && tlen > 0 && last && title_with_given_name(s + tstart, tlen))
	{
		for (size_t k = tstart + tlen; k < start; k++)
			if (!cp_is_space((unsigned char) s[k]))
				return true;
	}
	recase = !name_mixed_case(s, n);
	if (len > 0 && tlen > 0 && (last || title_with_given_name(s + tstart, tlen)))
		return put_name_word(r, s + tstart, tlen, out, recase, true) &&
			buf_put(out, " ", 1, r->err) &&
			put_name_word(r, s + start, len, out, recase, false);
	/* "J. Smith", "J. R. R. Tolkien": a letter before the surname is an initial */
	if (len > 0 && tlen == 0 && last)
	{
		for (size_t k = 0; k < start;)
		{
			int32_t		c = next_cp(s, start, &k);

			if (c >= 0 && u_isalpha(c))
				return true;
		}
	}
	return put_name_word(r, s + start, len, out, recase, false);
}

/* Is c a regional indicator (two of them make a flag)? */
static inline bool
cp_is_ri(int32_t c)
{
	return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* Is c a code point that extends the one before it (marks, joiners, skin tones)? */
static bool
cp_extends(int32_t c)
{
	if (c < 0x300)
		return false;
	return c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F3FB && c <= 0x1F3FF) ||
		(c >= 0xE0020 && c <= 0xE007F) || u_hasBinaryProperty(c, UCHAR_GRAPHEME_EXTEND);
}

/*
 * Shorten to at most len characters, ellipsis included, cutting at a word
 * boundary when one falls in the second half, and never inside a character
 * sequence (accents, emoji with modifiers or joiners).
 */
static bool
f_truncate(TplRender *r, const char *s, size_t n, EmpBuf *out, long len, const char *ell, size_t elllen)
{
	long		ellchars = utf8_chars(ell, elllen);
	long		keep,
				chars = 0;
	size_t		i = 0,
				cut,
				lastsp = 0;
	long		lastsp_chars = 0;

	if (utf8_chars(s, n) <= len)
		return buf_put(out, s, n, r->err);
	keep = len - ellchars;
	if (keep <= 0)
	{
		keep = len;
		ell = "";
		elllen = 0;
	}
	while (i < n && chars < keep)
	{
		int32_t		c = next_cp(s, n, &i);

		chars++;
		if (cp_is_space(c))
		{
			lastsp = i;
			lastsp_chars = chars;
		}
	}
	cut = i;
	/* do not split a character sequence */
	while (cut > 0 && cut < n)
	{
		size_t		k = cut,
					pk = cut;
		int32_t		next = next_cp(s, n, &k);
		int32_t		prev = prev_cp(s, &pk);

		if (!cp_extends(next) && prev != 0x200D)
			break;
		cut = pk;
	}
	/* a flag is two regional indicators: not cut between the two */
	if (cut > 0 && cut < n)
	{
		size_t		k = cut,
					pk = cut;

		if (cp_is_ri(next_cp(s, n, &k)) && cp_is_ri(prev_cp(s, &pk)))
		{
			size_t		p = cut;
			long		run = 0;

			while (p > 0)
			{
				size_t		q = p;

				if (!cp_is_ri(prev_cp(s, &q)))
					break;
				run++;
				p = q;
			}
			if (run % 2 == 1)
				cut = pk;
		}
	}
	/* prefer a word boundary */
	if (cut < n && cut > 0)
	{
		size_t		k = cut,
					pk = cut;
		int32_t		next = next_cp(s, n, &k);
		int32_t		prev = prev_cp(s, &pk);

		if (!cp_is_space(next) && !cp_is_space(prev) && lastsp > 0 && lastsp <= cut &&
			lastsp_chars * 2 >= keep)
			cut = lastsp;
	}
	/* no dangling spaces or separators before the ellipsis */
	while (cut > 0)
	{
		size_t		pk = cut;
		int32_t		prev = prev_cp(s, &pk);

		if (!(cp_is_space(prev) || prev == ',' || prev == ';' || prev == ':' || prev == '-'))
			break;
		cut = pk;
	}
	return buf_put(out, s, cut, r->err) && buf_put(out, ell, elllen, r->err);
}

/* Percent-encode everything but RFC 3986 unreserved characters. */
static bool
f_url(TplRender *r, const char *s, size_t n, EmpBuf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		start = 0;

	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];
		char		enc[3];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			c == '-' || c == '_' || c == '.' || c == '~')
			continue;
		enc[0] = '%';
		enc[1] = hex[c >> 4];
		enc[2] = hex[c & 15];
		if (!buf_put(out, s + start, i - start, r->err) || !buf_put(out, enc, 3, r->err))
			return false;
		start = i + 1;
	}
	return buf_put(out, s + start, n - start, r->err);
}

/* Find the emotion a word names (any of its forms or aliases), or NULL. */
static const TplEmotion *
find_emotion(const char *s, size_t n)
{
	size_t		a,
				b;

	trim_bounds(s, n, &a, &b);
	s += a;
	n = b - a;
	if (n == 0 || n > 32)
		return NULL;
	for (size_t k = 0; k < NEMOTIONS; k++)
	{
		const TplEmotion *e = &emotions[k];
		const char *al = e->aliases;

		if (ascii_ieq(s, n, e->name) || ascii_ieq(s, n, e->noun) ||
			ascii_ieq(s, n, e->adjective) || ascii_ieq(s, n, e->feeling))
			return e;
		while (*al)
		{
			size_t		wl = 0;

			while (al[wl] && al[wl] != ' ')
				wl++;
			if (ascii_ieq_n(s, n, al, wl))
				return e;
			al += wl;
			while (*al == ' ')
				al++;
		}
	}
	return NULL;
}

/* Apply a text-to-text filter from text in to out. */
static bool
apply_text_filter(TplRender *r, const TplFilter *f, const char *s, size_t n, EmpBuf *out)
{
	const TplEmotion *e;
	size_t		a,
				b;

	switch (f->id)
	{
		case F_UPPER:
			return f_case(r, s, n, out, CASE_UPPER);
		case F_LOWER:
			return f_case(r, s, n, out, CASE_LOWER);
		case F_CAPITALIZE:
			return f_case(r, s, n, out, CASE_CAPITALIZE);
		case F_TITLE:
			return f_case(r, s, n, out, CASE_TITLE);
		case F_TRIM:
			trim_bounds(s, n, &a, &b);
			return buf_put(out, s + a, b - a, r->err);
		case F_FIRST_NAME:
			return f_first_name(r, s, n, out);
		case F_TRUNCATE:
			{
				const TplOperand *lo = &r->t->opds[f->arg[0]];
				const char *ell = "\xE2\x80\xA6";
				size_t		elllen = 3;

				/* U+2026 HORIZONTAL ELLIPSIS, or three dots where it has no code */
				if (r->o->representable != NULL && !r->o->representable(r->o->representable_arg, 0x2026))
					ell = "...";
				if (f->nargs > 1)
				{
					ell = r->t->pool + r->t->opds[f->arg[1]].text;
					elllen = r->t->opds[f->arg[1]].textlen;
				}
				return f_truncate(r, s, n, out, (long) lo->num, ell, elllen);
			}
		case F_URL:
			return f_url(r, s, n, out);
		case F_HTML:
			return append_escaped(out, s, n, EMP_TPL_ESCAPE_HTML, r->err);
		case F_ADJECTIVE:
		case F_FEELING:
		case F_NOUN:
			e = find_emotion(s, n);
			if (e == NULL)
				return true;	/* unknown: blank, so that default applies */
			return buf_puts(out, f->id == F_ADJECTIVE ? e->adjective :
							f->id == F_FEELING ? e->feeling : e->noun, r->err);
		default:
			return buf_put(out, s, n, r->err);
	}
}

/* Report a missing variable in strict mode. */
static bool
missing_error(TplRender *r, const TplOperand *o)
{
	const char *name = r->t->pool + o->text;
	size_t		n = o->textlen;

	if (n > 200)
	{
		size_t		k = 200;

		while (k > 0 && ((unsigned char) name[k] & 0xC0) == 0x80)
			k--;
		n = k;
	}
	emp_error_set(r->err, EMP_ERR_MISSING, o->pos, "missing variable \"%.*s\"", (int) n, name);
	emp_error_hint(r->err, "Add it to the variables, give it a default with | default: \"...\", or render with strict => false.");
	return false;
}

/* Render a VAR instruction. */
static bool
render_var(TplRender *r, const TplInstr *in)
{
	EmpTemplate *t = r->t;
	EmpTplValue v;
	EmpBuf	   *cur = &t->scratch[0],
			   *nxt = &t->scratch[1],
			   *tmp;
	bool		is_text = false;
	bool		from_collection = false;	/* the text is an array's or object's */
	bool		html_done = false;	/* the text is the html filter's, escaped */
	EmpTplEscape esc = r->o->escape;
	const char *s;
	size_t		n;

	operand_value(r, in->a, &v);
	if (v.kind == EMP_TPL_MISSING && r->o->strict && !(in->flags & VF_DEFAULT) &&
		t->opds[in->a].kind == OPD_PATH)
		return missing_error(r, &t->opds[in->a]);
	if (in->flags & VF_RAW)
		esc = EMP_TPL_ESCAPE_TEXT;

	for (uint32_t k = 0; k < in->c; k++)
	{
		const TplFilter *f = &t->filters[in->b + k];

		switch (f->id)
		{
			case F_DEFAULT:
				if (is_text ? is_blank_text(cur->data, cur->len) : value_is_blank(&v))
				{
					/* a fallback the html filter has not escaped */
					operand_value(r, f->arg[0], &v);
					is_text = false;
					html_done = false;
				}
				continue;
			case F_FIRST:
			case F_LAST:
				if (!is_text && v.kind == EMP_TPL_ARRAY)
				{
					if (v.count == 0)
						v = missing_value;
					else
						r->src->element(r->src->ctx, &v, f->id == F_FIRST ? 0 : v.count - 1, &v);
				}
				continue;
			case F_JSON:
				nxt->len = 0;
				if (is_text ? !append_json_string(nxt, cur->data, cur->len, r->err) : !append_json(r, &v, nxt))
					return false;
				break;
			case F_JOIN:
				nxt->len = 0;
				if (is_text)
				{
					if (!buf_put(nxt, cur->data, cur->len, r->err))
						return false;
				}
				else if (!append_natural(r, &v, nxt, f->nargs ? t->pool + t->opds[f->arg[0]].text : ", ",
										 f->nargs ? t->opds[f->arg[0]].textlen : 2))
					return false;
				break;
			case F_SIZE:
				{
					char		num[24];
					size_t		sz;

					if (is_text)
						sz = (size_t) utf8_chars(cur->data, cur->len);
					else if (v.kind == EMP_TPL_ARRAY || v.kind == EMP_TPL_OBJECT)
						sz = v.count;
					else if (v.kind == EMP_TPL_STRING)
						sz = (size_t) utf8_chars(v.str, v.len);
					else if (v.kind == EMP_TPL_MISSING || v.kind == EMP_TPL_NULL)
						sz = 0;
					else
					{
						nxt->len = 0;
						if (!append_scalar_text(r, &v, nxt))
							return false;
						sz = (size_t) utf8_chars(nxt->data, nxt->len);
					}
					nxt->len = 0;
					if (!buf_put(nxt, num, (size_t) snprintf(num, sizeof(num), "%zu", sz), r->err))
						return false;
				}
				break;
			case F_PLURAL:
				{
					double		d = 0;
					bool		one;
					const TplOperand *o1 = &t->opds[f->arg[0]];

					if (is_text)
						one = text_to_double(r, cur->data, cur->len, &d) && d == 1;
					else if (v.kind == EMP_TPL_ARRAY || v.kind == EMP_TPL_OBJECT)
						one = v.count == 1;
					else
						one = value_to_double(r, &v, nxt, &d) && d == 1;
					nxt->len = 0;
					if (one || f->nargs == 1)
					{
						if (!buf_put(nxt, t->pool + o1->text, o1->textlen, r->err))
							return false;
						if (!one && !buf_put(nxt, "s", 1, r->err))
							return false;
					}
					else if (!buf_put(nxt, t->pool + t->opds[f->arg[1]].text, t->opds[f->arg[1]].textlen, r->err))
						return false;
				}
				break;
			default:
				if (f->id == F_FIRST_NAME &&
					(is_text ? from_collection : (v.kind == EMP_TPL_OBJECT || v.kind == EMP_TPL_ARRAY)))
				{
					/*
					 * An object's JSON text, or an array's elements joined
					 * ("Lee, Ann, Bo" reads as "Last, First"), is not a
					 * name, nor any text made from them by the filters
					 * before: blank, so that default applies.
					 */
					nxt->len = 0;
					break;
				}
				if (!is_text)
				{
					cur->len = 0;
					if (!append_natural(r, &v, cur, ", ", 2))
						return false;
				}
				nxt->len = 0;
				if (!apply_text_filter(r, f, cur->data, cur->len, nxt))
					return false;
				break;
		}
		/* the filter's output is in nxt */
		if (f->id == F_HTML)
			html_done = true;
		if (!is_text)
			from_collection = (v.kind == EMP_TPL_ARRAY || v.kind == EMP_TPL_OBJECT) &&
				f->id != F_SIZE && f->id != F_PLURAL;
		tmp = cur;
		cur = nxt;
		nxt = tmp;
		is_text = true;
	}

	if (is_text)
	{
		s = cur->data;
		n = cur->len;
	}
	else if (v.kind == EMP_TPL_STRING)
	{
		s = v.str;
		n = v.len;
	}
	else
	{
		cur->len = 0;
		if (!append_natural(r, &v, cur, ", ", 2))
			return false;
		s = cur->data;
		n = cur->len;
	}
	if (n == 0 || ((unsigned char) s[0] <= ' ' && is_blank_text(s, n)))
	{
		r->pending = true;		/* nothing to show: collapse around it */
		return true;
	}
	/* text the html filter escaped is not escaped again for HTML */
	if (html_done && esc == EMP_TPL_ESCAPE_HTML)
		esc = EMP_TPL_ESCAPE_TEXT;
	return emit(r, s, n, esc, false);
}

/* Start a loop over the value of an EACH; false when there is nothing to do. */
static bool
each_begin(TplRender *r, const TplInstr *in)
{
	EmpTplValue v;
	TplFrame   *f;
	bool		unknown;
	const TplOperand *o = &r->t->opds[in->a];

	resolve_path(r, o, &v, &unknown);
	f = &r->frames[r->nframes];
	memset(f, 0, sizeof(*f));
	f->coll = v;
	if (r->lint)
	{
		/* lint: one pass with the first item, or an unknown item */
		r->nframes++;
		f->count = 1;
		f->mode = FRAME_UNKNOWN;
		if ((v.kind == EMP_TPL_ARRAY || v.kind == EMP_TPL_OBJECT) && v.count > 0)
		{
			f->mode = v.kind == EMP_TPL_ARRAY ? FRAME_ARRAY : FRAME_OBJECT;
			if (v.kind == EMP_TPL_ARRAY)
				r->src->element(r->src->ctx, &v, 0, &f->item);
			else
				r->src->entry(r->src->ctx, &v, 0, &f->key, &f->item);
		}
		else if (v.kind != EMP_TPL_MISSING && v.kind != EMP_TPL_ARRAY && v.kind != EMP_TPL_OBJECT)
		{
			f->mode = FRAME_SINGLE;
			f->item = v;
		}
		return true;
	}
	if ((v.kind == EMP_TPL_ARRAY || v.kind == EMP_TPL_OBJECT))
	{
		if (v.count == 0)
			return false;
		f->count = v.count;
		if (v.kind == EMP_TPL_ARRAY)
		{
			f->mode = FRAME_ARRAY;
			r->src->element(r->src->ctx, &v, 0, &f->item);
		}
		else
		{
			f->mode = FRAME_OBJECT;
			r->src->entry(r->src->ctx, &v, 0, &f->key, &f->item);
		}
	}
	else
	{
		if (!value_is_true(r, &v))
			return false;
		f->mode = FRAME_SINGLE;
		f->count = 1;
		f->item = v;
	}
	r->nframes++;
	return true;
}

/* Advance the innermost loop; false when it is done (and popped). */
static bool
each_next(TplRender *r)
{
	TplFrame   *f = &r->frames[r->nframes - 1];

	f->index++;
	if (f->index >= f->count)
	{
		r->nframes--;
		return false;
	}
	if (f->mode == FRAME_ARRAY)
		r->src->element(r->src->ctx, &f->coll, f->index, &f->item);
	else
		r->src->entry(r->src->ctx, &f->coll, f->index, &f->key, &f->item);
	return true;
}

/* Ensure the scratch buffers exist and share out's limit. */
static void
prepare_scratch(EmpTemplate *t, size_t limit)
{
	if (!t->scratch_ready)
	{
		for (int i = 0; i < NSCRATCH; i++)
			emp_buf_init(&t->scratch[i], t->a, 256, limit);
		t->scratch_ready = true;
	}
	for (int i = 0; i < NSCRATCH; i++)
	{
		t->scratch[i].len = 0;
		t->scratch[i].limit = limit;
	}
}

/* Render a compiled template into out. */
bool
emp_template_render(EmpTemplate *t, const EmpTplSource *src, const EmpTplRenderOptions *opts,
					EmpBuf *out, EmpError *err)
{
	TplRender	r;
	uint32_t	pc = 0;
	uint64_t	steps = 0;
	uint64_t	budget = opts->max_steps ? opts->max_steps : UINT64_MAX;

	memset(&r, 0, sizeof(r));
	r.t = t;
	r.src = src;
	r.o = opts;
	r.out = out;
	r.base = out->len;
	r.frames = t->frames;
	r.err = err;
	err->code = EMP_OK;
	prepare_scratch(t, out->limit);

	for (;;)
	{
		const TplInstr *in = &t->code[pc];

		if ((++steps & 0xFFF) == 0)
			emp_check_interrupts(t->a);
		if (steps > budget)
		{
			emp_error_set(err, EMP_ERR_TOO_LARGE, 0,
						  "template rendering exceeds %llu steps", (unsigned long long) opts->max_steps);
			emp_error_hint(err, "Nest fewer {{#each}} sections over large arrays.");
			return false;
		}
		switch (in->op)
		{
			case OP_TEXT:
				if (!emit(&r, t->pool + in->a, in->b, EMP_TPL_ESCAPE_TEXT, true))
					return false;
				pc++;
				break;
			case OP_VAR:
				if (!render_var(&r, in))
					return false;
				pc++;
				break;
			case OP_IF:
				{
					bool		c = eval_condition(&r, in->a, in->b);

					if (err->code != EMP_OK)
						return false;
					if (in->flags & IF_NEGATE)
						c = !c;
					pc = c ? pc + 1 : in->c;
				}
				break;
			case OP_JUMP:
				pc = in->a;
				break;
			case OP_EACH:
				pc = each_begin(&r, in) ? pc + 1 : in->c;
				if (err->code != EMP_OK)
					return false;
				break;
			case OP_NEXT:
				pc = each_next(&r) ? in->a : in->c;
				break;
			case OP_HALT:
				if (r.pending)
					collapse_before_closer(&r);
				return true;
		}
	}
}

/* ----------------------------------------------------------------
 * Lint
 * ----------------------------------------------------------------
 */
typedef struct TplLint
{
	TplRender  *r;
	EmpTplReport report;
	void	   *arg;
} TplLint;

/* Report an operand that the sample lacks. */
static void
lint_operand(TplLint *l, uint32_t oi, const char *severity, const char *consequence)
{
	TplRender  *r = l->r;
	const TplOperand *o = &r->t->opds[oi];
	EmpTplValue v;
	bool		unknown;
	char		msg[400];
	size_t		n = o->textlen;
	const char *name = r->t->pool + o->text;

	if (o->kind != OPD_PATH || o->root == ROOT_INDEX || o->root == ROOT_FIRST ||
		o->root == ROOT_LAST || o->root == ROOT_KEY)
		return;
	resolve_path(r, o, &v, &unknown);
	if (v.kind != EMP_TPL_MISSING || unknown)
		return;
	if (n > 200)
	{
		size_t		k = 200;

		while (k > 0 && ((unsigned char) name[k] & 0xC0) == 0x80)
			k--;
		n = k;
	}
	snprintf(msg, sizeof(msg), "variable \"%.*s\" is not in the sample%s%s",
			 (int) n, name, consequence ? "; " : "", consequence ? consequence : "");
	l->report(l->arg, (long) o->pos, severity, msg);
}

/* Lint a template: syntax, then variables missing from the sample. */
bool
emp_template_check(EmpAllocator *a, const char *src, size_t len, const EmpTplSource *sample,
				   EmpTplReport report, void *arg, EmpError *err)
{
	EmpError	cerr;
	EmpTemplate *t;
	TplRender	r;
	TplLint		l;

	memset(&cerr, 0, sizeof(cerr));
	t = emp_template_compile(a, src, len, &cerr);
	if (t == NULL)
	{
		report(arg, cerr.position, "error", cerr.message);
		return true;
	}
	if (sample == NULL)
	{
		emp_template_free(t);
		return true;
	}
	memset(&r, 0, sizeof(r));
	r.t = t;
	r.src = sample;
	r.frames = t->frames;
	r.err = err;
	r.lint = true;
	l.r = &r;
	l.report = report;
	l.arg = arg;
	err->code = EMP_OK;
	prepare_scratch(t, EMP_MAX_ALLOC);
	for (uint32_t pc = 0; pc < t->ncode; pc++)
	{
		const TplInstr *in = &t->code[pc];

		switch (in->op)
		{
			case OP_VAR:
				lint_operand(&l, in->a, (in->flags & VF_DEFAULT) ? "info" : "warning",
							 (in->flags & VF_DEFAULT) ? "its default is used" : "it renders as nothing");
				for (uint32_t k = 0; k < in->c; k++)
				{
					const TplFilter *f = &t->filters[in->b + k];

					if (f->id == F_DEFAULT)
						lint_operand(&l, f->arg[0], "info", "the default is empty");
				}
				break;
			case OP_IF:
				for (uint32_t k = 0; k < in->b; k++)
				{
					const TplClause *cl = &t->clauses[in->a + k];

					lint_operand(&l, cl->lhs, "info", "it reads as false");
					if (cl->cmp != CMP_TRUTH)
						lint_operand(&l, cl->rhs, "info", "it reads as null");
				}
				break;
			case OP_EACH:
				lint_operand(&l, in->a, "info", "the section renders its {{else}} branch");
				each_begin(&r, in);
				break;
			case OP_NEXT:
				if (r.nframes > 0)
					r.nframes--;
				break;
			default:
				break;
		}
	}
	emp_template_free(t);
	return true;
}
