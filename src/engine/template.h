/*-------------------------------------------------------------------------
 *
 * template.h
 *	  Response templates: parse, compile and render Mustache-like
 *	  templates over an abstract tree of values (plain C, no postgres.h).
 *
 * A template is compiled once into a flat instruction list (text spans,
 * variable outputs with their filter chains, conditional and loop jumps)
 * and then rendered any number of times.  The values a template reads come
 * from an EmpTplSource: a handful of callbacks that the PostgreSQL binding
 * implements over a Jsonb and the unit tests over a small in-memory tree.
 * Rendering allocates nothing per variable: strings are copied from the
 * source straight into the output buffer, and the scratch buffers that
 * filters work in belong to the compiled template and are reused.
 *
 * A compiled template is not reentrant: render it from one thread at a time.
 *
 *-------------------------------------------------------------------------
 */
#ifndef EMPATHY_TEMPLATE_H
#define EMPATHY_TEMPLATE_H

#include "engine.h"

/* Deepest nesting of {{#if}}/{{#unless}}/{{#each}} sections. */
#define EMP_TPL_MAX_DEPTH		100

/* Kinds of value a template can read. */
typedef enum EmpTplKind
{
	EMP_TPL_MISSING = 0,		/* no such member or element */
	EMP_TPL_NULL,
	EMP_TPL_FALSE,
	EMP_TPL_TRUE,
	EMP_TPL_NUMBER,
	EMP_TPL_STRING,
	EMP_TPL_ARRAY,
	EMP_TPL_OBJECT
} EmpTplKind;

/*
 * A value handle, passed by value and never allocated.  A source fills
 * kind, and: for STRING, str/len (UTF-8 bytes, not NUL-terminated, valid
 * for the whole render); for ARRAY and OBJECT, count (elements or pairs);
 * p as it likes (its own handle: a container, a numeric, a tree node).  For
 * NUMBER the source leaves str NULL and produces the text through
 * number_text; numbers the engine makes itself (literals, @index) carry
 * their text in str/len.
 */
typedef struct EmpTplValue
{
	EmpTplKind	kind;
	size_t		count;
	const char *str;
	size_t		len;
	const void *p;
} EmpTplValue;

/*
 * Where values come from.  root is the top-level value (usually an object).
 * member: look key up in an OBJECT; false (out untouched) if absent.
 * element: fetch element index (< count) of an ARRAY.
 * entry: fetch pair index (< count) of an OBJECT, key as a STRING.
 * number_text: append the text of a NUMBER the source made; false only
 * when the buffer refuses to grow (its limit).
 */
typedef struct EmpTplSource
{
	bool		(*member) (void *ctx, const EmpTplValue *obj, const char *key,
						   size_t keylen, EmpTplValue *out);
	void		(*element) (void *ctx, const EmpTplValue *arr, size_t index,
							EmpTplValue *out);
	void		(*entry) (void *ctx, const EmpTplValue *obj, size_t index,
						  EmpTplValue *key, EmpTplValue *val);
	bool		(*number_text) (void *ctx, const EmpTplValue *num, EmpBuf *out);
	void	   *ctx;
	EmpTplValue root;
} EmpTplSource;

/* How inserted values are escaped (literal template text never is). */
typedef enum EmpTplEscape
{
	EMP_TPL_ESCAPE_TEXT = 0,	/* as is */
	EMP_TPL_ESCAPE_HTML,		/* & < > " ' as entities */
	EMP_TPL_ESCAPE_JSON			/* the body of a JSON string */
} EmpTplEscape;

typedef struct EmpTemplate EmpTemplate;

/* Options of one render. */
typedef struct EmpTplRenderOptions
{
	EmpTplEscape escape;
	bool		strict;			/* a missing variable is an error */
	uint64_t	max_steps;		/* instruction budget, 0 for none */
	/*
	 * Whether the character set the output goes to has a code point (NULL:
	 * every one does).  The characters a render makes itself, not copied
	 * from the template or the variables, are checked: a case filter keeps
	 * a character whose mapping the set lacks ("ÿ" stays "ÿ" where "Ÿ" has
	 * no code), and truncate's default ellipsis is "..." where "…" has none.
	 */
	bool		(*representable) (void *arg, int32_t cp);
	void	   *representable_arg;
} EmpTplRenderOptions;

/*
 * One finding of emp_template_check: severity is "error", "warning" or
 * "info"; position is 1-based in characters, 0 if none.
 */
typedef void (*EmpTplReport) (void *arg, long position, const char *severity,
							  const char *message);

/* Parse an escape mode name ("text", "html", "json", any case). */
extern bool emp_tpl_escape_lookup(const char *name, size_t len, EmpTplEscape *out);

/*
 * Compile a template.  Returns NULL and fills err on a syntax error (with
 * the 1-based character position of the offending tag), on nesting deeper
 * than EMP_TPL_MAX_DEPTH, or on a template too large to compile.  All
 * memory comes from a, which the template keeps for its scratch buffers.
 */
extern EmpTemplate *emp_template_compile(EmpAllocator *a, const char *src,
										 size_t len, EmpError *err);

/* Release a compiled template and everything it allocated. */
extern void emp_template_free(EmpTemplate *t);

/* A guess of the output size, to size the output buffer. */
extern size_t emp_template_size_hint(const EmpTemplate *t);

/*
 * Render into out (appending; out's limit bounds the result).  Returns
 * false and fills err on a missing variable in strict mode, on output past
 * out's limit, or when max_steps is exhausted.
 */
extern bool emp_template_render(EmpTemplate *t, const EmpTplSource *src,
								const EmpTplRenderOptions *opts, EmpBuf *out,
								EmpError *err);

/*
 * Lint a template: compile it and, when sample is not NULL, report the
 * variables it reads that the sample lacks.  Returns false only when the
 * allocator's limits are hit (err filled); syntax errors are reported
 * through report, not as a failure.
 */
extern bool emp_template_check(EmpAllocator *a, const char *src, size_t len,
							   const EmpTplSource *sample, EmpTplReport report,
							   void *arg, EmpError *err);

/* Names of the filters, NULL-terminated (documentation and hints). */
extern const char *const emp_tpl_filter_names[];

/* The given name in a full name (the first_name filter's): its span in s. */
extern void emp_given_name(const char *s, size_t n, size_t *start, size_t *len);
/* The name to look for in a reply: the given name, else the surname. */
extern void emp_name_to_match(const char *s, size_t n, size_t *start, size_t *len);

#endif							/* EMPATHY_TEMPLATE_H */
