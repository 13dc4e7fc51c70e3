/*-------------------------------------------------------------------------
 *
 * intent.c
 *	  SQL function intent(text): the customer intent a message is about,
 *	  from the built-in catalogue data/builtin/intents.tsv.
 *
 * The catalogue is compiled once per backend into a child of
 * TopMemoryContext, like the built-in scorer.  Only the first 4 KB of a
 * message are read: the value is fetched as a slice (a large TOASTed
 * message is not detoasted whole) and clipped at a character boundary.
 *
 *-------------------------------------------------------------------------
 */
#include "empathy.h"
#include "emp_config.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "builtin.h"
#include "intent.h"

/* Intent of a message no phrase matches. */
#define DEFAULT_INTENT	"general_question"

static EmpIntentSet *builtin_intents = NULL;

/* Return the built-in intent catalogue, compiling it on first use. */
static EmpIntentSet *
intents_builtin(void)
{
	if (builtin_intents == NULL)
	{
		MemoryContext cxt = AllocSetContextCreate(TopMemoryContext, "empathy builtin intents",
												  ALLOCSET_DEFAULT_SIZES);
		EmpError	err;

		memset(&err, 0, sizeof(err));
		PG_TRY();
		{
			size_t		len;
			const char *data = emp_builtin_file("intents", &len);
			EmpIntentSet *is;

			if (data == NULL)
				elog(ERROR, "empathy: built-in intents are missing");
			is = emp_intents_create(empathy_context_allocator(cxt), empathy_stemmer(),
									data, len, "intents.tsv", &err);
			if (is == NULL)
				elog(ERROR, "empathy: built-in intents are invalid: %s", err.message);
			builtin_intents = is;
		}
		PG_CATCH();
		{
			MemoryContextDelete(cxt);
			PG_RE_THROW();
		}
		PG_END_TRY();
	}
	return builtin_intents;
}

PG_FUNCTION_INFO_V1(intent);
/* Return the intent of a customer message ('general_question' if none). */
Datum
intent(PG_FUNCTION_ARGS)
{
	/* four bytes a character at most, in any server encoding we accept */
	text	   *t = DatumGetTextPSlice(PG_GETARG_DATUM(0), 0, EMP_INTENT_SCAN_BYTES * 4);
	int			n = VARSIZE_ANY_EXHDR(t);
	int			clip;
	text	   *head;
	char	   *s;
	size_t		len;
	int			i;

	clip = empathy_cliplen(VARDATA_ANY(t), n, Min(n, EMP_INTENT_SCAN_BYTES));
	head = cstring_to_text_with_len(VARDATA_ANY(t), clip);
	s = empathy_text_to_utf8(head, &len);
	/* an e-mail's quote is the agent's: the customer's own words, as empathy_score reads them */
	s = (char *) empathy_own_words(s, len, &len);
	i = emp_intents_classify(intents_builtin(), s, len, NULL);
	PG_RETURN_TEXT_P(cstring_to_text(i < 0 ? DEFAULT_INTENT : emp_intents_name(intents_builtin(), i)));
}

PG_FUNCTION_INFO_V1(intent_names);
/* Return the names of the built-in intents, in catalogue order. */
Datum
intent_names(PG_FUNCTION_ARGS)
{
	EmpIntentSet *is = intents_builtin();
	int			n = emp_intents_count(is);
	const char **names = palloc(sizeof(const char *) * (n > 0 ? n : 1));

	for (int i = 0; i < n; i++)
		names[i] = emp_intents_name(is, i);
	PG_RETURN_ARRAYTYPE_P(empathy_names_array(names, n));
}

/*
 * The customer's own words of a message, for a scorer: a pointer into s,
 * or into a copy made here when quoted lines are left out.
 */
const char *
empathy_own_words(const char *s, size_t len, size_t *outlen)
{
	const char *o = emp_own_words(s, len, NULL, outlen);

	if (o == NULL)
		o = emp_own_words(s, len, palloc(len), outlen);
	return o;
}

PG_FUNCTION_INFO_V1(own_words);
/* Return the customer's own words of an e-mail reply (see emp_own_words). */
Datum
own_words(PG_FUNCTION_ARGS)
{
	size_t		len,
				outlen;
	char	   *s = empathy_text_to_utf8(PG_GETARG_TEXT_PP(0), &len);
	const char *o = empathy_own_words(s, len, &outlen);

	if (o == s)
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	PG_RETURN_TEXT_P(empathy_utf8_to_text(o, outlen));
}
