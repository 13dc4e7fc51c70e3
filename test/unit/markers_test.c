/*
 * markers_test.c
 *	  Engine tests of the empathy-marker catalogue and the empathy score:
 *	  categories, skipping, negation, {feeling}, sentence ends, user
 *	  phrases and their errors, and long input.
 */
#include "builtin.h"
#include "markers.h"
#include "unit.h"

#include <stdlib.h>

static EmpMarkerSet *ms;
static EmpScorer *scorer;
static EmpMarkerSet *ms2;		/* kept reachable: the allocator has no free-all */
static EmpScorer *scorer2;

/* An allocator with no memory to spare: what only saves time is refused. */
static void *
refuse_alloc(void *ctx, size_t size)
{
	return NULL;
}

/* Score a one-word reply to 2,500 messages of 40 words never seen: 100,000 in all. */
static void
score_new_message_words(EmpMarkerSet *set)
{
	char		buf[400];
	EmpEmpathy	e;

	for (int i = 0; i < 2500; i++)
	{
		size_t		len = 0;

		for (int w = 0; w < 40; w++)
		{
			int			k = i * 40 + w;

			for (int c = 0; c < 6; c++, k /= 26)
				buf[len++] = (char) ('a' + k % 26);
			buf[len++] = ' ';
		}
		emp_empathy_score(set, scorer, "ok", 2, buf, len, NULL, 0, &e, NULL, NULL);
	}
}

/* Return whether a reply shows a category. */
static bool
has(const char *reply, int cat)
{
	EmpMarkerScan s;

	emp_markers_scan(ms, reply, strlen(reply), &s, NULL, NULL);
	return s.count[cat] > 0;
}

/* Score a reply against a message (and name). */
static EmpEmpathy
score(const char *reply, const char *msg, const char *name)
{
	EmpEmpathy	e;

	emp_empathy_score(ms, scorer, reply, strlen(reply), msg, msg ? strlen(msg) : 0,
					  name, name ? strlen(name) : 0, &e, NULL, NULL);
	return e;
}

int
main(void)
{
	EmpAllocator *a = &emp_malloc_allocator;
	EmpStemmer *st = emp_stemmer_create();
	EmpError	err;
	EmpLexicon *lx;
	EmpModel	model;
	EmpEmpathy	e;

	memset(&err, 0, sizeof(err));
	ms = emp_builtin_markers(a, st, &err);
	CHECK(ms != NULL, "built-in catalogue compiles (%s)", err.message);
	CHECK(emp_markers_nphrases(ms) > 1000, "catalogue has its phrases (%d)", emp_markers_nphrases(ms));
	lx = emp_builtin_lexicon(a, st, &err);
	emp_builtin_model(&model, &err);
	scorer = emp_scorer_create(a, lx, &model);

	/* categories */
	CHECK(has("I'm so sorry to hear that.", EMP_MK_EMOTIONAL_REACTION), "sorry to hear");
	CHECK(has("That must be really worrying.", EMP_MK_EMOTIONAL_REACTION), "{feeling} with a booster skipped");
	CHECK(!has("That must be wonderful.", EMP_MK_EMOTIONAL_REACTION), "{feeling} is negative only");
	CHECK(has("Could you tell me more about what happened?", EMP_MK_EXPLORATION), "exploration");
	CHECK(has("You should have checked the address.", EMP_MK_BLAME), "blame");
	CHECK(has("It's just a scratch.", EMP_MK_MINIMIZING), "'just' is not skipped");
	CHECK(has("We apologise for any inconvenience.", EMP_MK_SCRIPTED), "scripted");
	CHECK(has("We apologise for any inconvenience.", EMP_MK_APOLOGY), "scripted apology is an apology");
	CHECK(has("Thanks!", EMP_MK_GRATITUDE), "single-word marker");
	CHECK(has("I totally get why you're annoyed.", EMP_MK_EMOTIONAL_REACTION), "\"get why you are {feeling}\"");
	CHECK(has("Our mistake entirely.", EMP_MK_OWNERSHIP), "a mistake owned");
	CHECK(!has("It was not our mistake.", EMP_MK_OWNERSHIP), "a mistake disowned");
	CHECK(has("That's not the experience we want you to have.", EMP_MK_EMOTIONAL_REACTION),
		  "a bad experience regretted is weak care");
	/* negation and sentences */
	CHECK(!has("I'm not sorry.", EMP_MK_APOLOGY), "negated apology");
	CHECK(!has("I am never really sorry", EMP_MK_APOLOGY), "negated across a skipped booster");
	CHECK(has("No, I'm sorry.", EMP_MK_APOLOGY), "a comma ends the negation");
	CHECK(!has("That must be. Worrying.", EMP_MK_EMOTIONAL_REACTION), "no match across a sentence end");
	CHECK(has("Sorry. Sorry. So sorry!", EMP_MK_OVER_APOLOGY), "over-apology");
	CHECK(!has("Sorry about that, it's fixed.", EMP_MK_OVER_APOLOGY), "one apology is not over-apology");
	/* odd input */
	CHECK(!has("", EMP_MK_APOLOGY), "empty reply");
	CHECK(!has("\xf0\x9f\x99\x8f \xe2\x80\x94 \xc3\xa9", EMP_MK_APOLOGY), "emoji and multibyte");
	CHECK(!has("\xff\xfe\x80 sorr", EMP_MK_APOLOGY), "invalid UTF-8 does not crash");

	/* the score */
	e = score("Maria, I'm so sorry. Being charged twice before rent is due is really stressful. "
			  "I've refunded the duplicate payment for order 58213.",
			  "I was charged twice for order 58213 and my rent is due Friday.", "Maria");
	CHECK(e.needed == 1, "a double charge calls for empathy");
	CHECK(e.emotional_reaction == 2, "specific care is strong (%d)", e.emotional_reaction);
	CHECK(e.interpretation == 2, "restating the situation is interpretation (%d)", e.interpretation);
	CHECK(e.reflection > 0.3f, "reflection %.2f", e.reflection);
	CHECK(e.name_count == 1 && strcmp(e.personalization, "good") == 0, "name once is good");
	{
		/* whether a message calls for empathy, and how a reply cares and explores */
		static const struct
		{
			const char *reply;
			const char *msg;
			int			needed;
			int			exploration;
			int			emotional_reaction;
			const char *what;
		}			cases[] = {
			{"Let me explain.", "I'm confused about my bill.", 1, -1, -1,
			"confusion stated is a feeling that calls for empathy"},
			{"Let me explain.", "I don't understand the letter you sent.", 1, -1, -1,
			"so is not understanding"},
			{"Let me explain.", "Can you help me understand the fees on my plan?", 0, -1, -1,
			"asking to understand is a plain question"},
			{"Let me explain.", "I am 83 and I do not know what this means.", 1, -1, -1,
			"not knowing what a letter means calls for empathy too"},
			{"Let me explain.", "I don't know whether to pay it.", 1, -1, -1,
			"so does not knowing whether to pay"},
			{"Let me explain.", "Do you know if the shop opens on Sundays?", 0, -1, -1,
			"asking whether the company knows is a plain question"},
			{"Let me explain.", "I don't know if you sell gift cards?", 0, -1, -1,
			"so is not knowing, asked"},
			{"Thank you!", "I don't know how to thank you enough, you were brilliant.", 0, -1, -1,
			"not knowing how to thank is praise"},
			{"Let me explain.", "I didn't know you had a shop in Leeds. What are the hours?", 0, -1, -1,
			"not having known a fact is no trouble"},
			{"Glad you liked it!", "Just finished the puzzle, every piece was there. Thank you!", 0, -1, -1,
			"a puzzle is not being puzzled"},
			{"Have you checked that the tank has water in it?", "The pump keeps cutting out.", -1, 0, -1,
			"a troubleshooting check does not explore"},
			{"Have you tried restarting it?", "The pump keeps cutting out.", -1, 0, -1,
			"nor does a suggestion asked"},
			{"What happened when it cut out?", "The pump keeps cutting out.", -1, 2, -1,
			"asking what happened explores"},
			{"Hi Oskar, I can see why that's unsettling, especially with a card you can't replace.",
				"Tracking says delivered but your portal says awaiting arrival. One card I can't replace.",
			-1, -1, 2, "an unsettling situation named is a strong emotional reaction"},
			{"They arrive in November. Want me to put your name down?", "Do you sell tulip bulbs?", -1, 1, -1,
			"an offer put as a question is a weak exploration, as \"would you like\" is"},
			{"Our service is slow at the moment.", "Where is my order?", -1, -1, 0,
			"slow states a fact, as late does: no feeling named"},
			{"Thank you!", "Lovely food and quick delivery, will definitely order again!", 0, -1, -1,
			"ordering again is custom repeated, no problem"},
			{"Thank you!", "Fantastic trip, can't wait to fly with you again", 0, -1, -1,
			"so is flying with a company again"},
			{"Sorry!", "I ordered again. Late again!", 1, -1, -1,
			"a problem repeated in the next sentence still is one"},
			{"Sorry!", "My parcel is late again", 1, -1, -1,
			"late again is a problem repeated"},
			{"Thank you!", "Shoutout to the driver who waited when I was running with a pram. Made my day!",
			0, -1, -1, "someone else who waited is patience praised, no delay"},
			{"Sorry!", "I've been waiting 3 weeks for my refund.", 1, -1, -1,
			"the customer waiting is a delay"},
			{"Thank you!", "Best roast in years, already told my whole street!", 0, -1, -1,
			"the customer telling others is word of mouth, no promise broken"},
			{"Sorry!", "You told me it would be here Monday.", 1, -1, -1,
			"the customer told something is a promise"},
			{"Sorry!", "I was told I'd get a callback.", 1, -1, -1,
			"so is \"I was told\""},
			{"Sorry!", "I was also told I would get a callback within 24 hours.", 1, -1, -1,
			"so is \"I was also told\""},
			{"Sorry!", "Your agent told my husband it would arrive on Monday.", 1, -1, -1,
			"and someone telling a relative"},
			{"Yes!", "Is the deep clean still on for Saturday? We've told staff to clear their desks.", 0, -1, -1,
			"what the customer told staff is no promise"},
			{"Yes.", "Quick one before I book: can we both see the cameras, and does it still record if the wifi goes down?",
			0, -1, -1, "a question opened by \"and\" and an auxiliary asks plainly"},
			{"She has Thursday at 11 or Saturday at 2, would either suit?", "Do you do pregnancy massage?", -1, 1, -1,
			"a choice offered as a closed question is a weak exploration"},
			{"Does Wednesday work, or is there a better time?", "My hair came out orange.", -1, 1, -1,
			"so is a day offered"},
			{"Oh Sophie, coming out orange before the wedding is horrible.",
				"Went in for honey blonde and came out ORANGE. Wedding is Friday. I can't even look in the mirror \xf0\x9f\x98\xad",
			-1, -1, 2,
			"\"is horrible\" names the feeling, as \"is awful\" does"},
		};

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			e = score(cases[i].reply, cases[i].msg, NULL);
			CHECK((cases[i].needed < 0 || e.needed == cases[i].needed) &&
				  (cases[i].exploration < 0 || e.exploration == cases[i].exploration) &&
				  (cases[i].emotional_reaction < 0 || e.emotional_reaction == cases[i].emotional_reaction),
				  "%s (needed %d, exploration %d, emotional reaction %d)", cases[i].what, e.needed,
				  e.exploration, e.emotional_reaction);
		}
	}
	{
		/* comfort consoles; it is no joy shared with a grieving customer */
		static const char *const comfort[] = {
			"Sending hugs. Hang in there.", "Big hugs to you.", "Sending love to you and your family.",
			"Hope you feel better soon.", "Thinking of you.", "Take care of yourself."
		};
		const char *grief = "My dad passed away last week and I need to close his account.";

		for (size_t i = 0; i < sizeof(comfort) / sizeof(comfort[0]); i++)
		{
			bool		misread = false;

			e = score(comfort[i], grief, NULL);
			for (int k = 0; k < e.npenalties; k++)
				misread |= strcmp(e.penalties[k], "misread_as_praise") == 0;
			CHECK(e.emotional_reaction == 1 && !misread, "comfort is weak care, not joy: \"%s\" (%d%s)",
				  comfort[i], e.emotional_reaction, misread ? ", misread" : "");
		}
		e = score("So glad you reached out to us.", grief, NULL);
		CHECK(e.npenalties > 0 && strcmp(e.penalties[0], "misread_as_praise") == 0,
			  "gladness alone answers grief as praise");
		e = score("Thank you so much for the lovely review! Take care of yourself.",
				  "The staff were wonderful, thank you so much for a fabulous stay!", NULL);
		CHECK(e.npenalties == 0, "comfort given back to praise is no regret (%d penalties)", e.npenalties);
	}
	e = score("Hi Kenji! The store is open until 8pm.", "What time does your store close on Sundays?", "Kenji");
	CHECK(e.needed == 0, "a plain question does not call for empathy");
	CHECK(e.score >= 70, "a short friendly answer scores well (%.0f)", e.score);
	e = score("Let's get it back online.",
			  "sorry if this is a dumb question, I changed my wifi password and now the doorbell camera says offline",
			  NULL);
	CHECK(e.needed == 1, "a device offline calls for empathy, asked politely too");
	e = score("So glad to hear it!",
			  "Took my dad on the Santa special yesterday. Was nervous about access but the guard had the "
			  "ramp ready before we even asked. Thank you!", NULL);
	CHECK(e.needed == 0, "praise that names a worry it put to rest needs no empathy");
	e = score("So glad to hear it!", "So happy with the service, thanks! I'm worried about my son.", NULL);
	CHECK(e.needed == 1, "praise with a worry named in the present still calls for empathy");
	e = score("So glad to hear it!", "Wonderful service, thank you so much, I'm thrilled to be this stressed", NULL);
	CHECK(e.needed == 1, "sarcastic praise with a present feeling still calls for empathy");
	e = score("Thanks for letting us know.", "Thank you so much, brilliant! I'm feeling suicidal.", NULL);
	CHECK(e.needed == 1, "a customer in crisis calls for empathy, thanks or not");
	e = score("Thanks for letting us know.", "I can't cope anymore", NULL);
	CHECK(e.needed == 1, "\"can't cope\" calls for empathy");
	e = score("So glad to hear it!", "great, another week without internet, thanks so much, really loving it", NULL);
	CHECK(e.needed == 1, "sarcastic praise with a fact still calls for empathy");
	e = score("So glad to hear it!", "I'm really worried, my parcel hasn't arrived", NULL);
	CHECK(e.needed == 1, "a worry with no praise calls for empathy");
	e = score("Kenji, sorry. Kenji, sorry. Kenji!", "What time do you close?", "Kenji");
	CHECK(e.name_count == 3 && strcmp(e.personalization, "overuse") == 0, "name overuse");
	e = score("Sorry!", NULL, NULL);
	CHECK(e.needed == -1 && e.reflection < 0 && e.name_count == -1, "no message: unknowns stay unknown");
	CHECK(e.emotional_reaction == 1, "a bare apology is a weak emotional reaction");

	/* user phrases */
	CHECK(emp_markers_add(ms, EMP_MK_OWNERSHIP, 2, "consider it done", 16, &err), "user phrase added");
	CHECK(has("Consider it done.", EMP_MK_OWNERSHIP), "user phrase matches after finish");
	CHECK(!emp_markers_add(ms, EMP_MK_OWNERSHIP, 3, "x y", 3, &err), "strength 3 rejected: %s", err.message);
	CHECK(!emp_markers_add(ms, -1, 1, "x y", 3, &err), "unknown category rejected: %s", err.message);
	CHECK(!emp_markers_add(ms, EMP_MK_OVER_APOLOGY, 1, "x y", 3, &err), "over_apology is computed only");
	CHECK(!emp_markers_add(ms, EMP_MK_APOLOGY, 1, " !!! ", 5, &err), "no words rejected: %s", err.message);
	/* {feeling} phrases holding line breaks (kept apart from the others until finish) */
	memset(&err, 0, sizeof(err));
	(void) emp_markers_add(ms, EMP_MK_VALIDATION, 1, "{feeling} fo\n", 13, &err);
	memset(&err, 0, sizeof(err));
	(void) emp_markers_add(ms, EMP_MK_VALIDATION, 2, "so\n\n{feeling}\nx", 16, &err);
	CHECK(has("Consider it done.", EMP_MK_OWNERSHIP), "phrases with line breaks and {feeling} compile");
	{
		size_t		n = 10000 * 6;
		char	   *big = malloc(n + 1);

		for (size_t i = 0; i < n; i += 6)
			memcpy(big + i, "sorry ", 6);
		big[n] = '\0';
		CHECK(!emp_markers_add(ms, EMP_MK_APOLOGY, 1, big, n, &err), "10,000 words rejected: %s", err.message);
		/* and scanned as a reply, in linear time */
		CHECK(has(big, EMP_MK_OVER_APOLOGY), "a long reply of apologies is over-apology");
		free(big);
	}
	/*
	 * Without a name the walk takes its symbols from a table, with one from
	 * a callback that also counts the name: a name the reply never uses
	 * must find the same markers, strengths and counts.
	 */
	{
		static const char *const replies[] = {
			"I'm so sorry, that sounds really frustrating. Could you tell me the order number?",
			"We apologize for any inconvenience. As per our policy, refunds take 5-10 days.",
			"I am really so sorry, I completely understand how worrying this must be, is that right?",
			"You should have checked the size chart. Calm down, there is nothing we can do.",
			"Thank you for your patience! I've already issued the refund and I'll follow up tomorrow.",
			"",
			NULL
		};
		bool		same = true;

		for (int i = 0; replies[i]; i++)
		{
			EmpEmpathy	without = score(replies[i], "My order is late and I am upset.", NULL),
						absent = score(replies[i], "My order is late and I am upset.", "Xavierina");

			same &= memcmp(&without.scan, &absent.scan, sizeof(without.scan)) == 0 &&
				without.score == absent.score;
		}
		CHECK(same, "markers found from the symbol table equal those found through the callback");
	}
	{
		static EmpMarkerSet *bad;	/* static: reachable at exit */

		bad = emp_markers_create(a, st, NULL, 0, NULL, 0, &err);

		CHECK(!emp_markers_load(bad, "kindness\t1\tyou rock\n", 21, "test", &err),
			  "catalogue line with an unknown category: %s", err.message);
		CHECK(!emp_markers_load(bad, "apology\t1 sorry\n", 16, "test", &err),
			  "catalogue line without tabs: %s", err.message);
	}
	/*
	 * The customer message kept from one call to the next: another reply to
	 * it reads what was kept, but a different scorer, model, name or
	 * catalogue, or a message of over 4 kB, must read the message afresh.
	 * Each result is compared with one from a second catalogue that has
	 * just read another message.
	 */
	{
		EmpModel	calm = model;
		const char *msg = "Maria here. My parcel is late again and I am so worried, it was a birthday "
			"gift for my daughter Maria, ordered two weeks ago from your Leeds warehouse.";
		const char *reply = "Maria, I'm so sorry about the parcel.";
		size_t		n = 5000;
		char	   *big = malloc(n + 1);
		bool		same = true;

		ms2 = emp_builtin_markers(a, st, &err);
		for (int d = 0; d < EMP_NDIMS; d++)
			calm.threshold[d] = 1e9f;
		scorer2 = emp_scorer_create(a, lx, &model);
		for (size_t i = 0; i < n; i++)
			big[i] = "worried late "[i % 13];
		big[n] = '\0';
		for (int step = 0; step < 7; step++)
		{
			EmpScorer  *sc = step == 3 ? scorer2 : scorer;
			const char *m = step == 6 ? big : msg;
			const char *name = step == 2 ? "Zoe" : "Maria";
			EmpEmpathy	kept,
						fresh;

			if (step == 1)
				scorer->model = calm;	/* changed in place: no emotion reaches its label */
			if (step == 5)
				(void) emp_markers_add(ms, EMP_MK_VALIDATION, 1, "parcel is late", 14, &err);
			if (step == 5)
				(void) emp_markers_add(ms2, EMP_MK_VALIDATION, 1, "parcel is late", 14, &err);
			emp_empathy_score(ms, sc, reply, strlen(reply), m, strlen(m), name, strlen(name),
							  &kept, NULL, NULL);
			emp_empathy_score(ms2, sc, "ok", 2, "another message", 15, name, strlen(name),
							  &fresh, NULL, NULL);
			emp_empathy_score(ms2, sc, reply, strlen(reply), m, strlen(m), name, strlen(name),
							  &fresh, NULL, NULL);
			same &= kept.score == fresh.score && kept.needed == fresh.needed &&
				kept.customer_emotion == fresh.customer_emotion && kept.reflection == fresh.reflection &&
				kept.emotional_reaction == fresh.emotional_reaction &&
				kept.interpretation == fresh.interpretation && kept.acknowledged == fresh.acknowledged &&
				memcmp(&kept.scan, &fresh.scan, sizeof(kept.scan)) == 0;
			/* and a second reply to the same message reads what was kept */
			emp_empathy_score(ms, sc, reply, strlen(reply), m, strlen(m), name, strlen(name),
							  &kept, NULL, NULL);
			same &= kept.score == fresh.score && kept.reflection == fresh.reflection;
		}
		CHECK(same, "a kept customer message gives what reading it afresh gives");
		free(big);
	}
	/*
	 * The table of message words grows while new words push old ones out;
	 * scores never depend on it.  A message scored before 100,000 words
	 * never seen (which grow it to its largest) scores the same after them.
	 */
	{
		const char *msg = "My refund for order 4411 still hasn't arrived and I'm worried, it was due Friday.";
		const char *reply = "I'm so sorry, I can see the refund for order 4411 was delayed. I've chased it today.";
		EmpEmpathy	before,
					after;

		emp_empathy_score(ms2, scorer, reply, strlen(reply), msg, strlen(msg), NULL, 0, &before, NULL, NULL);
		CHECK(emp_markers_message_word_slots(ms2) == 2048, "the table of message words starts at 2,048 slots (%u)",
			  emp_markers_message_word_slots(ms2));
		score_new_message_words(ms2);
		emp_empathy_score(ms2, scorer, reply, strlen(reply), msg, strlen(msg), NULL, 0, &after, NULL, NULL);
		CHECK(before.score == after.score && before.needed == after.needed &&
			  before.reflection == after.reflection && before.emotional_reaction == after.emotional_reaction &&
			  before.interpretation == after.interpretation &&
			  memcmp(&before.scan, &after.scan, sizeof(before.scan)) == 0,
			  "a message scores the same after 100,000 new words (%.1f %.3f, %.1f %.3f)",
			  before.score, before.reflection, after.score, after.reflection);
		CHECK(emp_markers_message_word_slots(ms2) == 16384, "... which grow it to 16,384 slots (%u)",
			  emp_markers_message_word_slots(ms2));
	}
	/*
	 * When the memory to grow it cannot be had, the table keeps its size and
	 * scoring goes on, with the same scores.
	 */
	{
		static EmpAllocator no_spare;
		static EmpMarkerSet *ms3;
		const char *msg = "My refund for order 4411 still hasn't arrived and I'm worried, it was due Friday.";
		const char *reply = "I'm so sorry, I can see the refund for order 4411 was delayed. I've chased it today.";
		EmpEmpathy	before,
					after;

		no_spare = emp_malloc_allocator;
		no_spare.try_alloc = refuse_alloc;
		memset(&err, 0, sizeof(err));
		ms3 = emp_builtin_markers(&no_spare, st, &err);
		CHECK(ms3 != NULL, "markers built with no memory to spare: %s", err.message);
		emp_empathy_score(ms3, scorer, reply, strlen(reply), msg, strlen(msg), NULL, 0, &before, NULL, NULL);
		score_new_message_words(ms3);
		emp_empathy_score(ms3, scorer, reply, strlen(reply), msg, strlen(msg), NULL, 0, &after, NULL, NULL);
		CHECK(emp_markers_message_word_slots(ms3) == 2048,
			  "with no memory to spare the table of message words keeps 2,048 slots (%u)",
			  emp_markers_message_word_slots(ms3));
		CHECK(before.score == after.score && before.needed == after.needed &&
			  before.reflection == after.reflection &&
			  memcmp(&before.scan, &after.scan, sizeof(before.scan)) == 0,
			  "... and the message scores the same (%.1f, %.1f)", before.score, after.score);
	}
	emp_stemmer_destroy(st);
	UNIT_DONE();
}
