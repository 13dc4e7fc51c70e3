/*
 * template_fuzz.c
 *	  libFuzzer target for the template compiler, renderer and lint: the
 *	  input is a template, rendered over a fixed sample of variables with an
 *	  escape mode and strictness chosen from the input's length.  Output and
 *	  work are bounded so that every input finishes quickly; any crash,
 *	  sanitizer report or leak is a bug.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "../unit/template_tree.h"

static const char sample_json[] =
"{\"name\": \"Jane Q. Smith\", \"emotion\": \"frustration\", \"n\": 3, \"zero\": 0, \"f\": 2.5,"
" \"t\": true, \"no\": false, \"nul\": null, \"empty\": \"\", \"blank\": \" \\t \","
" \"emoji\": \"\\ud83d\\udc4d\\ud83c\\udffd ok\", \"a.b\": {\"c\": \"dotted\"}, \"html\": \"<b>&\\\"'</b>\","
" \"items\": [\"router\", \"cable\", 42, null, [1, [2]], {\"k\": \"v\"}],"
" \"orders\": [{\"id\": 7, \"total\": 19.5, \"lines\": [{\"sku\": \"A\"}, {\"sku\": \"B\"}]}, {\"id\": 8}],"
" \"customer\": {\"first_name\": \"Jane\", \"tier\": \"2\", \"tags\": []}, \"none\": [], \"eo\": {}}";

static TNode *sample;

/* Check one lint finding. */
static void
lint_sink(void *arg, long position, const char *severity, const char *message)
{
	if (severity == NULL || message == NULL || message[0] == '\0' || position < 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	EmpError	err;
	EmpTemplate *t;
	EmpTplSource src;
	EmpTplRenderOptions opts;
	EmpBuf		out;

	if (sample == NULL)
	{
		sample = tnode_parse(sample_json, sizeof(sample_json) - 1);
		if (sample == NULL)
			abort();
	}
	tnode_source(&src, sample);
	memset(&err, 0, sizeof(err));
	t = emp_template_compile(&emp_malloc_allocator, (const char *) data, size, &err);
	if (t == NULL)
	{
		if (err.code == EMP_OK || err.message[0] == '\0')
			abort();			/* a failure must say why */
		return 0;
	}
	memset(&opts, 0, sizeof(opts));
	opts.escape = (EmpTplEscape) (size % 3);
	opts.strict = (size / 3) % 2 == 1;
	opts.max_steps = 1 << 18;
	emp_buf_init(&out, &emp_malloc_allocator, 64, 1 << 20);
	if (!emp_template_render(t, &src, &opts, &out, &err) && err.message[0] == '\0')
		abort();
	/* a second render reuses the scratch buffers */
	out.len = 0;
	memset(&err, 0, sizeof(err));
	(void) emp_template_render(t, &src, &opts, &out, &err);
	free(out.data);
	emp_template_free(t);

	/* lint, with and without the sample */
	(void) emp_template_check(&emp_malloc_allocator, (const char *) data, size,
							  (size & 1) ? &src : NULL, lint_sink, NULL, &err);
	return 0;
}

