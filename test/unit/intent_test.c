/*
 * intent_test.c
 *	  Engine tests of the intent catalogue: the built-in catalogue, phrase
 *	  and word matches, weights and ties, the 4 KB window, and malformed
 *	  catalogues; the customer's own words of an e-mail reply.
 */
#include "builtin.h"
#include "intent.h"
#include "unit.h"

#include <stdlib.h>

static EmpIntentSet *is;

/* A tracking allocator: everything is freed at the end. */
static void *blocks[4096];
static size_t nblocks;

/* Allocate and remember a block. */
static void *
track_alloc(void *ctx, size_t size)
{
	void	   *p = malloc(size ? size : 1);

	if (p == NULL || nblocks == sizeof(blocks) / sizeof(blocks[0]))
		abort();
	blocks[nblocks++] = p;
	return p;
}

/* Free one remembered block. */
static void
track_release(void *ctx, void *ptr)
{
	for (size_t k = nblocks; k-- > 0;)
		if (blocks[k] == ptr)
		{
			free(ptr);
			blocks[k] = NULL;
			return;
		}
}

static EmpAllocator track = {track_alloc, track_release, NULL, NULL, NULL};

/* Return the intent name of a message, or "" when none matches. */
static const char *
classify(const char *msg)
{
	int			i = emp_intents_classify(is, msg, strlen(msg), NULL);

	return i < 0 ? "" : emp_intents_name(is, i);
}

int
main(void)
{
	EmpAllocator *a = &track;
	EmpStemmer *st = emp_stemmer_create();
	EmpError	err;
	size_t		len;
	const char *data = emp_builtin_file("intents", &len);
	EmpIntentSet *bad;
	char	   *big;
	uint32_t	start = 0;

	memset(&err, 0, sizeof(err));
	CHECK(data != NULL, "intents.tsv is embedded");
	is = emp_intents_create(a, st, data, len, "intents.tsv", &err);
	CHECK(is != NULL, "built-in catalogue compiles (%s)", err.message);
	CHECK(emp_intents_count(is) == 10, "ten intents (%d)", emp_intents_count(is));

	CHECK_STR(classify("Where is my order? It hasn't arrived."), "late_delivery", "late delivery");
	CHECK_STR(classify("It has not arrived"), "late_delivery", "contraction and full form match alike");
	CHECK_STR(classify("My parcel was DELAYED"), "late_delivery", "one-word phrase matches another form, any case");
	CHECK_STR(classify("You billed me twice"), "double_charge", "double charge");
	CHECK_STR(classify("the screen is cracked"), "damaged_product", "damaged product");
	CHECK_STR(classify("My card was declined at checkout"), "payment_problem", "a declined card");
	CHECK_STR(classify("Why is there a late fee on my bill?"), "payment_problem", "a late fee");
	CHECK_STR(classify("There's a charge I don't recognise"), "payment_problem", "a charge not recognised");
	CHECK_STR(classify("I cancelled my subscription but you charged me again"), "payment_problem",
			  "a charge after a cancellation outweighs the cancellation");
	CHECK_STR(classify("the money still left my account"), "", "\"my account\" alone is no login trouble");
	CHECK_STR(classify("I am locked out of my account"), "login_trouble", "login trouble");
	CHECK_STR(classify("please cancel my subscription"), "cancellation", "cancellation");
	CHECK_STR(classify("I love the product but the box was crushed"), "damaged_product",
			  "praise before a contrast word yields to the problem after it");
	CHECK_STR(classify("Brilliant, thanks! But how do I change the strap?"), "general_question",
			  "or to a question after it");
	CHECK_STR(classify("Love it, but I was charged twice, but whatever"), "double_charge",
			  "a second contrast word does not bring the praise back");
	CHECK_STR(classify("the box was dented but I love it"), "praise", "praise after the contrast stands");
	CHECK_STR(classify("Thanks so much, but no rush"), "praise", "a contrast with no other intent after it");
	CHECK_STR(classify("Thanks so much though"), "praise", "a contrast word at the end");
	CHECK_STR(classify("Great service, but still no refund"), "refund", "a complaint after the contrast word");
	CHECK_STR(classify("my chips were cold"), "", "chips are not chipped");
	CHECK_STR(classify("The handle broke on the first day"), "damaged_product", "broke as written is damage");
	CHECK_STR(classify("nothing to see"), "", "no match");
	CHECK_STR(classify(""), "", "empty");
	CHECK_STR(classify("\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1"), "", "emoji only");
	CHECK(emp_intents_classify(is, "hello, I was charged twice", 26, &start) >= 0 && start == 13,
		  "start of the first phrase (%u)", start);

	/* the 4 KB window, cut at a character boundary */
	big = malloc(EMP_INTENT_SCAN_BYTES + 64);
	memset(big, 'x', EMP_INTENT_SCAN_BYTES + 64);
	for (int k = 0; k + 1 < EMP_INTENT_SCAN_BYTES; k += 2)
		big[k + 1] = ' ';
	memcpy(big + EMP_INTENT_SCAN_BYTES + 2, "refund", 6);
	CHECK(emp_intents_classify(is, big, EMP_INTENT_SCAN_BYTES + 64, NULL) < 0, "a phrase after 4 KB is not read");
	memcpy(big + EMP_INTENT_SCAN_BYTES - 2, "\xC3\xA9", 2);
	big[EMP_INTENT_SCAN_BYTES] = (char) 0xA9;	/* a continuation byte at the cut */
	CHECK(emp_intents_classify(is, big, EMP_INTENT_SCAN_BYTES + 64, NULL) < 0, "cut inside a character");
	free(big);

	/* user catalogues */
	bad = emp_intents_create(a, st, "late_delivery no tab\n", 21, "test", &err);
	CHECK(bad == NULL && err.code == EMP_ERR_SYNTAX, "a line without a tab is an error");
	memset(&err, 0, sizeof(err));
	bad = emp_intents_create(a, st, "Bad Name\tphrase\n", 16, "test", &err);
	CHECK(bad == NULL && err.code == EMP_ERR_INVALID_VALUE, "a bad intent name is an error");
	memset(&err, 0, sizeof(err));
	bad = emp_intents_create(a, st, "# comment\n\na\tred apple\nb\tapple\nb\tpear\n", 38, "test", &err);
	CHECK(bad != NULL, "a small catalogue compiles");
	if (bad)
	{
		CHECK(emp_intents_classify(bad, "a red apple", 11, NULL) == 0, "a longer phrase weighs more");
		CHECK(emp_intents_classify(bad, "apple and pear", 14, NULL) == 1, "weights add up");
	}
	emp_intents_destroy(bad);

	/* the customer's own words of an e-mail reply */
	{
		static const struct
		{
			const char *in;
			const char *out;
		}			ow[] = {
			{"Still broken.\n\n> We are delighted you love it!\n>\n", "Still broken."},
			{"Still broken.\r\n>\r\n> We are delighted\r\n", "Still broken."},
			{"Still broken.\r> We are delighted\rPlease call me.", "Still broken.\rPlease call me."},
			{"Thanks\r\n\r\nOn Mon, 1 Jan 2024, Bob wrote:\r\nhi there\r\n", "Thanks"},
			{"Thanks\rOn Mon, Bob wrote:\rhi", "Thanks"},
			{"Thanks\n-----Original Message-----\nFrom: x", "Thanks"},
			{"On Mon, Bob wrote: it broke", "On Mon, Bob wrote: it broke"},	/* the first line is the customer's */
			{"Hello > there", "Hello > there"},
			{">:( late again", ">:( late again"},
			{"> 2 weeks and still no parcel!", "> 2 weeks and still no parcel!"},	/* all quote */
			{"  > quoted\n\u00e9t\u00e9 cass\u00e9  ", "\u00e9t\u00e9 cass\u00e9"},
			{">> deep\n> quote\nmine", "mine"},
			/* Outlook quotes the message whole below its header, or below a line of underscores */
			{"Still waiting!!\n\nFrom: Acme Support\nSent: Monday\nSubject: RE: order\n\nYour refund will arrive soon.",
			 "Still waiting!!"},
			{"Still waiting!!\r\n\r\nFrom: Acme Support <help@acme.test>\r\nDate: 1 May\r\n\r\nhi", "Still waiting!!"},
			{"My parcel is damaged.\n\n________________________________\nFrom: Acme\nSent: Monday\nthanks for shopping",
			 "My parcel is damaged."},
			/* a "From:" with a "To:" only, or underscores with no header below, are the customer's */
			{"Train cancelled.\nFrom: Leeds\nTo: London\nI am upset", "Train cancelled.\nFrom: Leeds\nTo: London\nI am upset"},
			{"Thanks\n____________________\nI also need a new address", "Thanks\n____________________\nI also need a new address"},
			{"From: Ana\nSent: today\nmy own words", "From: Ana\nSent: today\nmy own words"},	/* the first line is the customer's */
			{"Hi\nFrom: the sender address on the label, it came from Leeds", "Hi\nFrom: the sender address on the label, it came from Leeds"},
			/* a phone's or a mail program's signature line; not on the first line, nor in a sentence */
			{"Still broken.\n\nSent from my iPhone", "Still broken."},
			{"Still broken.\r\nThanks,\r\nSam\r\n\r\nSent from my Samsung Galaxy smartphone.\r\n", "Still broken.\r\nThanks,\r\nSam"},
			{"Still broken.\nGet Outlook for Android\n\nOn Mon, Bob wrote:\nhi", "Still broken."},
			{"Still broken.\nSent from Mail for Windows", "Still broken."},
			{"Sent from my iPhone", "Sent from my iPhone"},
			{"Hi\nSent from my phone, it still says pending", "Hi\nSent from my phone, it still says pending"},
			{"Hi\nSent from my phone while I queue at your branch for the third hour running today", "Hi\nSent from my phone while I queue at your branch for the third hour running today"},
			{"", ""},
		};
		int			bad_ow = 0;

		for (size_t k = 0; k < sizeof(ow) / sizeof(ow[0]); k++)
		{
			size_t		n = strlen(ow[k].in),
						outlen;
			char	   *buf = malloc(n + 1);
			const char *o = emp_own_words(ow[k].in, n, buf, &outlen);

			if (outlen != strlen(ow[k].out) || memcmp(o, ow[k].out, outlen) != 0)
			{
				fprintf(stderr, "# own words of \"%s\": \"%.*s\"\n", ow[k].in, (int) outlen, o);
				bad_ow++;
			}
			free(buf);
		}
		CHECK(bad_ow == 0, "own words: quoted lines and quoted messages left out (%d wrong)", bad_ow);
		{
			size_t		outlen;

			CHECK(emp_own_words("no quote", 8, NULL, &outlen) != NULL && outlen == 8,
				  "own words: no buffer needed when nothing is quoted");
			CHECK(emp_own_words("a\n> b", 5, NULL, &outlen) == NULL, "own words: NULL when a buffer is needed");
		}
	}
	emp_intents_destroy(is);
	emp_stemmer_destroy(st);
	for (size_t k = 0; k < nblocks; k++)
		free(blocks[k]);
	UNIT_DONE();
}
