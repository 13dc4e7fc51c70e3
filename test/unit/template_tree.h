/*
 * template_tree.h
 *	  A small in-memory JSON tree and an EmpTplSource over it, for the
 *	  template unit tests and the template fuzzer (malloc-backed).
 */
#ifndef EMPATHY_TEMPLATE_TREE_H
#define EMPATHY_TEMPLATE_TREE_H

#include <stdlib.h>
#include <string.h>

#include "template.h"

typedef struct TNode
{
	EmpTplKind	kind;
	char	   *str;			/* string bytes, or number text */
	size_t		len;
	struct TNode **items;		/* array elements, or object values */
	char	  **keys;			/* object keys */
	size_t	   *keylens;
	size_t		count;
} TNode;

typedef struct TParse
{
	const char *s;
	size_t		n;
	size_t		i;
	int			depth;
	int			max_depth;
} TParse;

static void
tnode_free(TNode *t)
{
	if (t == NULL)
		return;
	for (size_t k = 0; k < t->count; k++)
	{
		tnode_free(t->items[k]);
		if (t->keys)
			free(t->keys[k]);
	}
	free(t->items);
	free(t->keys);
	free(t->keylens);
	free(t->str);
	free(t);
}

static void
tp_ws(TParse *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\n' || p->s[p->i] == '\t' || p->s[p->i] == '\r'))
		p->i++;
}

/* Parse a JSON string (escapes \" \\ \/ \n \t \r \b \f \uXXXX with pairs). */
static char *
tp_string(TParse *p, size_t *len)
{
	char	   *out;
	size_t		o = 0;

	if (p->i >= p->n || p->s[p->i] != '"')
		return NULL;
	p->i++;
	out = malloc(p->n - p->i + 1);
	while (p->i < p->n && p->s[p->i] != '"')
	{
		char		c = p->s[p->i++];

		if (c == '\\' && p->i < p->n)
		{
			char		e = p->s[p->i++];

			switch (e)
			{
				case 'n':
					out[o++] = '\n';
					break;
				case 't':
					out[o++] = '\t';
					break;
				case 'r':
					out[o++] = '\r';
					break;
				case 'b':
					out[o++] = '\b';
					break;
				case 'f':
					out[o++] = '\f';
					break;
				case 'u':
					{
						unsigned	cp = 0;

						if (p->i + 4 > p->n)
							goto bad;
						for (int k = 0; k < 4; k++)
						{
							char		h = p->s[p->i++];

							cp = cp * 16 + (unsigned) (h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
						}
						if (cp >= 0xD800 && cp <= 0xDBFF && p->i + 6 <= p->n && p->s[p->i] == '\\')
						{
							unsigned	lo = 0;

							p->i += 2;
							for (int k = 0; k < 4; k++)
							{
								char		h = p->s[p->i++];

								lo = lo * 16 + (unsigned) (h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
							}
							cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
						}
						if (cp < 0x80)
							out[o++] = (char) cp;
						else if (cp < 0x800)
						{
							out[o++] = (char) (0xC0 | (cp >> 6));
							out[o++] = (char) (0x80 | (cp & 0x3F));
						}
						else if (cp < 0x10000)
						{
							out[o++] = (char) (0xE0 | (cp >> 12));
							out[o++] = (char) (0x80 | ((cp >> 6) & 0x3F));
							out[o++] = (char) (0x80 | (cp & 0x3F));
						}
						else
						{
							out[o++] = (char) (0xF0 | (cp >> 18));
							out[o++] = (char) (0x80 | ((cp >> 12) & 0x3F));
							out[o++] = (char) (0x80 | ((cp >> 6) & 0x3F));
							out[o++] = (char) (0x80 | (cp & 0x3F));
						}
					}
					break;
				default:
					out[o++] = e;
					break;
			}
		}
		else
			out[o++] = c;
	}
	if (p->i >= p->n)
		goto bad;
	p->i++;
	out[o] = '\0';
	*len = o;
	return out;
bad:
	free(out);
	return NULL;
}

static TNode *tp_value(TParse *p);

/* Append a child (and key) to a container node. */
static void
tnode_push(TNode *t, TNode *child, char *key, size_t keylen)
{
	t->items = realloc(t->items, (t->count + 1) * sizeof(TNode *));
	if (t->kind == EMP_TPL_OBJECT)
	{
		t->keys = realloc(t->keys, (t->count + 1) * sizeof(char *));
		t->keylens = realloc(t->keylens, (t->count + 1) * sizeof(size_t));
		t->keys[t->count] = key;
		t->keylens[t->count] = keylen;
	}
	t->items[t->count++] = child;
}

/* Parse a JSON value (recursive, depth-limited). */
static TNode *
tp_value(TParse *p)
{
	TNode	   *t;

	tp_ws(p);
	if (p->i >= p->n || ++p->depth > p->max_depth)
		return NULL;
	t = calloc(1, sizeof(TNode));
	switch (p->s[p->i])
	{
		case '{':
		case '[':
			{
				char		close = p->s[p->i] == '{' ? '}' : ']';

				t->kind = close == '}' ? EMP_TPL_OBJECT : EMP_TPL_ARRAY;
				p->i++;
				tp_ws(p);
				if (p->i < p->n && p->s[p->i] == close)
				{
					p->i++;
					break;
				}
				for (;;)
				{
					char	   *key = NULL;
					size_t		keylen = 0;
					TNode	   *child;

					tp_ws(p);
					if (t->kind == EMP_TPL_OBJECT)
					{
						key = tp_string(p, &keylen);
						tp_ws(p);
						if (key == NULL || p->i >= p->n || p->s[p->i] != ':')
						{
							free(key);
							goto bad;
						}
						p->i++;
					}
					child = tp_value(p);
					if (child == NULL)
					{
						free(key);
						goto bad;
					}
					tnode_push(t, child, key, keylen);
					tp_ws(p);
					if (p->i < p->n && p->s[p->i] == ',')
					{
						p->i++;
						continue;
					}
					if (p->i < p->n && p->s[p->i] == close)
					{
						p->i++;
						break;
					}
					goto bad;
				}
			}
			break;
		case '"':
			t->kind = EMP_TPL_STRING;
			t->str = tp_string(p, &t->len);
			if (t->str == NULL)
				goto bad;
			break;
		case 't':
			t->kind = EMP_TPL_TRUE;
			p->i += 4;
			break;
		case 'f':
			t->kind = EMP_TPL_FALSE;
			p->i += 5;
			break;
		case 'n':
			t->kind = EMP_TPL_NULL;
			p->i += 4;
			break;
		default:
			{
				size_t		st = p->i;

				while (p->i < p->n && strchr("+-0123456789.eE", p->s[p->i]))
					p->i++;
				if (p->i == st)
					goto bad;
				t->kind = EMP_TPL_NUMBER;
				t->len = p->i - st;
				t->str = malloc(t->len + 1);
				memcpy(t->str, p->s + st, t->len);
				t->str[t->len] = '\0';
			}
			break;
	}
	p->depth--;
	return t;
bad:
	tnode_free(t);
	return NULL;
}

/* Parse JSON text into a tree, NULL if malformed. */
static TNode *
tnode_parse(const char *s, size_t n)
{
	TParse		p = {s, n, 0, 0, 64};
	TNode	   *t = tp_value(&p);

	return t;
}

/* Make a value handle for a node. */
static void
tnode_value(const TNode *t, EmpTplValue *v)
{
	memset(v, 0, sizeof(*v));
	v->kind = t->kind;
	v->p = t;
	if (t->kind == EMP_TPL_STRING)
	{
		v->str = t->str;
		v->len = t->len;
	}
	if (t->kind == EMP_TPL_ARRAY || t->kind == EMP_TPL_OBJECT)
		v->count = t->count;
}

static bool
tnode_member(void *ctx, const EmpTplValue *obj, const char *key, size_t keylen, EmpTplValue *out)
{
	const TNode *t = obj->p;

	for (size_t k = t->count; k-- > 0;)
	{
		if (t->keylens[k] == keylen && memcmp(t->keys[k], key, keylen) == 0)
		{
			tnode_value(t->items[k], out);
			return true;
		}
	}
	return false;
}

static void
tnode_element(void *ctx, const EmpTplValue *arr, size_t index, EmpTplValue *out)
{
	const TNode *t = arr->p;

	tnode_value(t->items[index], out);
}

static void
tnode_entry(void *ctx, const EmpTplValue *obj, size_t index, EmpTplValue *key, EmpTplValue *val)
{
	const TNode *t = obj->p;

	memset(key, 0, sizeof(*key));
	key->kind = EMP_TPL_STRING;
	key->str = t->keys[index];
	key->len = t->keylens[index];
	tnode_value(t->items[index], val);
}

static bool
tnode_number_text(void *ctx, const EmpTplValue *num, EmpBuf *out)
{
	const TNode *t = num->p;

	return emp_buf_append(out, t->str, t->len);
}

/* Fill a source over a tree (root may be NULL: an empty object). */
static void
tnode_source(EmpTplSource *src, const TNode *root)
{
	static const TNode empty = {EMP_TPL_OBJECT, NULL, 0, NULL, NULL, NULL, 0};

	memset(src, 0, sizeof(*src));
	src->member = tnode_member;
	src->element = tnode_element;
	src->entry = tnode_entry;
	src->number_text = tnode_number_text;
	tnode_value(root ? root : &empty, &src->root);
}

#endif
