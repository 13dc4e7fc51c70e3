-- Reply suggestions: intent(), concern(), the templates table,
-- suggest_reply() and suggest_replies().
SET client_min_messages = warning;

-- ---------------------------------------------------------------- intent
SELECT empathy.intent(NULL) IS NULL AS null_gives_null;
SELECT m, empathy.intent(m)
FROM (VALUES
	(''), ('   '), (E'\t\n'), ('hello'),
	('Where is my order? It hasn''t arrived.'),
	('My package is delayed again'),
	('I was charged twice for the same thing'),
	('You billed me twice!!!'),
	('The mug arrived broken'),
	('I can''t log in, it says my password is wrong'),
	('I want my money back'),
	('Please cancel my subscription'),
	('I have been on hold for an hour'),
	('Thank you so much, great service!'),
	('How do I change my address?'),
	('WHERE IS MY ORDER'),
	(E'\uff57\uff48\uff45\uff52\uff45 \uff49\uff53 \uff4d\uff59 \uff4f\uff52\uff44\uff45\uff52'),
	('¿Dónde está mi pedido? still not delivered 📦😡'),
	('🙏🙏🙏'),
	('charged twice, and now I want a refund, and a refund of the refund fee'),
	-- a parcel the company lost is a delivery problem; what the customer lost, a
	-- refund lost in transit and an order lost in a system are not
	('why did you lose my parcel'), ('my parcel got lost'), ('I lost my order number'),
	('I lost my parcel locker code'), ('my refund got lost in transit, where is it?'),
	('my order got lost in your system and I was charged twice'),
	-- sarcastic thanks for a harm is the harm's intent; praise that comes first with as much
	-- weight as a problem still wins, and so does short praise before a word of a problem
	('thanks a lot for losing my parcel'), ('Thank you so much for keeping me waiting 2 hours'),
	('thanks for ignoring my emails'), ('Thanks so much! My order hasn''t arrived'),
	('Thank you so much, brilliant service!'), ('Brilliant, the courier was lovely and so polite!')
) v(m);
SELECT pg_catalog.array_length(empathy.intent_names(), 1) AS intents,
       empathy.intent_names() @> ARRAY['late_delivery', 'double_charge', 'damaged_product',
           'login_trouble', 'refund', 'cancellation', 'long_wait', 'praise', 'general_question'] AS all_there;
-- only the first 4 KB are read: an intent phrase after them is not seen
SELECT empathy.intent(repeat('x ', 3000) || 'charged twice') AS after_4kb,
       empathy.intent('charged twice ' || repeat('x ', 3000)) AS before_4kb;
-- an e-mail's quote is the agent's: the intent is the customer's own words'
SELECT empathy.intent(E'Thanks, all sorted now!\n\nOn Mon, 3 Mar 2024, Sam wrote:\n> Sorry you were charged twice, the refund is on its way.') AS quoted_intent,
       empathy.intent(E'I was charged twice!\n> Thanks for your kind words.') AS own_intent;
-- 10 MB of text
SELECT empathy.intent(repeat('where is my order ', 600000)) AS large;

-- ---------------------------------------------------------------- concern
SELECT empathy.concern(NULL) IS NULL AS null_gives_null;
SELECT m, empathy.concern(m)
FROM (VALUES
	(''), ('   '), ('hello'), ('Hi!'), ('🙂'),
	('my order is late again'),
	('Hi Sarah, I was charged twice!'),
	('Hello, my order is late again and I am really annoyed.'),
	('I ordered a lamp two weeks ago and it still hasn''t arrived, this is ridiculous'),
	('You charged me twice and I told you about it last week!'),
	('I''m worried that my package was lost'),
	('How do I change my delivery address?'),
	('We are still waiting for our refund.'),
	('Thanks for nothing. I am so angry. My account was locked and I lost all my data.'),
	('ich bin sehr verärgert, mein Paket ist kaputt 😡'),
	('the box was crushed and the screen on my brand new laptop is cracked down the middle and I am furious'),
	('If this isn''t sorted I''m taking my business elsewhere. My parcel never arrived.'),
	('My refund is missing, and if it is not here by Friday I will cancel my account.'),
	-- a clause without its subject takes the previous clause's; "log in" keeps its "in"
	('I''ve been passed between three people and still have no answer!!!'),
	('Hi, we paid last week and still can''t log in'),
	('The app crashed and still won''t open'),
	-- a "you" a verb follows is a subject after a noun too; one an adverb follows after a verb is no subject
	('Where is the refund you promised us?'), ('The parcel you said would come never came'),
	('I told you never to call me again'),
	-- a "you" after a verb that takes one stays an object; no thing borrowed as a subject across a
	-- sentence end ("I" and "we" are), nor "this" or an adjective for one
	('I already paid you can you check'), ('I emailed you have you read it'),
	('The engineer was lovely. Still waiting on the part though.'),
	('This happened on Monday and still isn''t fixed'), ('The new app crashed and still won''t open'),
	('My order was late, and still hasn''t arrived'),
	-- no-break, narrow no-break and ideographic spaces are spaces; one word alone is no clause
	(E'my\u00a0order\u00a0is\u202flate\u3000again'),
	('refund')
) v(m);
-- the customer's name given as customer_name reaches the templates' {{ name }}
SELECT empathy.suggest_reply('My order is late again', '{"customer_name": "Dana"}', 'chat') ~ 'Dana' AS name_from_customer_name;
SELECT length(empathy.concern(repeat('my order is late again, ', 4000000))) <= 100 AS large_is_short;

-- ---------------------------------------------------------------- templates
SELECT count(*) >= 40 AS enough, bool_and(builtin) AS all_builtin,
       bool_and(empathy.template_is_valid(body)) AS all_valid,
       count(DISTINCT intent) AS intents, count(DISTINCT channel) AS channels,
       max(id) < 1000 AS ids_below_1000
FROM empathy.templates;
SELECT intent, count(*) FROM empathy.templates GROUP BY intent ORDER BY intent;
-- only user rows are dumped
SELECT c.relname, x.cond
FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(oid, cond)
JOIN pg_class c ON c.oid = x.oid
WHERE e.extname = 'empathy' AND c.relname LIKE 'templates%' ORDER BY 1;
-- a user template: gets an id from 1000
INSERT INTO empathy.templates (name, emotion, intent, channel, body)
VALUES ('ours_late_chat', 'frustration', 'late_delivery', 'chat',
        'So sorry, {{ name | first_name | default: "friend" }}! I understand {{ concern }}, that is {{ emotion | adjective }}. I''ll {{ solution | default: "check it now" }}. OK?')
RETURNING id >= 1000 AS user_id, builtin;
-- broken template, bad emotion, bad channel
INSERT INTO empathy.templates (name, body) VALUES ('broken', 'Hi {{ name ');
INSERT INTO empathy.templates (name, emotion, body) VALUES ('bad_emotion', 'grumpy', 'Hi');
INSERT INTO empathy.templates (name, channel, body) VALUES ('bad_channel', 'fax', 'Hi');
-- channel, emotion, intent and language in any case, spaces around: as the lookups read them
INSERT INTO empathy.templates (name, emotion, intent, channel, language, body)
VALUES ('shouted_fields', ' Anger', 'Late_Delivery ', 'CHAT', 'EN-GB', 'Hi')
RETURNING emotion, intent, channel, language;
UPDATE empathy.templates SET channel = 'Email' WHERE name = 'shouted_fields' RETURNING channel;
UPDATE empathy.templates SET channel = 'E-mail' WHERE name = 'shouted_fields';
INSERT INTO empathy.templates (name, channel, body) VALUES ('null_channel', NULL, 'Hi');
DELETE FROM empathy.templates WHERE name = 'shouted_fields';
-- built-in rows are read-only
UPDATE empathy.templates SET body = 'Hi' WHERE id = 1;
DELETE FROM empathy.templates WHERE id = 1;
INSERT INTO empathy.templates (id, name, body, builtin) VALUES (999, 'fake_builtin', 'Hi', true);
INSERT INTO empathy.templates (name, body) VALUES ('made_builtin', 'Hi');
UPDATE empathy.templates SET builtin = true WHERE name = 'made_builtin';
DELETE FROM empathy.templates WHERE name = 'made_builtin';
-- TRUNCATE would take them with it, even for a superuser
TRUNCATE empathy.templates;
SELECT count(*) FILTER (WHERE builtin) >= 40 AS builtin_kept FROM empathy.templates;

-- ---------------------------------------------------------------- suggest_reply
SELECT empathy.suggest_reply(NULL) IS NULL AS null_gives_null;
SELECT empathy.suggest_reply('');
SELECT empathy.suggest_reply('   ');
SELECT empathy.suggest_reply('I was charged twice!!', '{"name": "Dana Reyes"}');
SELECT empathy.suggest_reply('I was charged twice!!', '{"name": "Dana Reyes", "agent_name": "Sam"}', 'email');
SELECT empathy.suggest_reply('I was charged twice!!', NULL, ' CHAT ');
SELECT empathy.suggest_reply('Thank you so much, great service!', '{"name": "Ana"}', 'social');
SELECT empathy.suggest_reply('¿Dónde está mi pedido? my order hasn''t arrived 😡😡', '{"name": "José Núñez"}', 'chat');
SELECT empathy.suggest_reply('😡😡😡');
-- vars override what the message says
SELECT empathy.suggest_reply('my order is late again', '{"concern": "the parcel is stuck in customs", "emotion": "fear", "solution": "call the customs office"}');
SELECT empathy.suggest_reply('hello', '{"intent": "refund"}');
-- the user template is picked: intent, channel and emotion all match
SELECT empathy.suggest_reply('My order is late again, this is so frustrating!', '{"name": "Dana"}', 'chat');
-- ranked rows
SELECT template_name, score >= 60 AS good, why
FROM empathy.suggest_replies('Hello, my order is late again and I am really annoyed.', '{"name": "Dana"}', 'chat', 4);
SELECT count(*) FROM empathy.suggest_replies('I was charged twice', '{}', NULL, 0);
SELECT count(*) FROM empathy.suggest_replies('I was charged twice', '{}', NULL, NULL);
SELECT count(*) FROM empathy.suggest_replies(NULL);
-- direction controls do not reach the concern, where they would come out unbalanced
SELECT empathy.concern(E'\u202Emy order\u202C is \u2066late again\u2069, I am annoyed') AS no_bidi;
-- a name that is no string is an error, not JSON in the reply
SELECT empathy.suggest_reply('My order is late', '{"name": {"x": 1}}');
SELECT empathy.suggest_reply('My order is late', '{"name": 5, "customer_name": [1]}');
-- an intent or emotion that is no string, or an emotion no template answers, is an error
SELECT empathy.suggest_reply('My order is late', '{"emotion": 5}');
SELECT empathy.suggest_reply('My order is late', '{"intent": ["late_delivery"]}');
-- so is a concern, which the reply would quote
SELECT empathy.suggest_reply('My order is late', '{"concern": 42}');
SELECT empathy.suggest_reply('My order is late', '{"concern": {"a": 1}}');
SELECT empathy.suggest_reply('My order is late', '{"emotion": "furious"}');
SELECT left(empathy.suggest_reply('My order is late', '{"emotion": "anger", "intent": "late_delivery"}'), 0) AS given_ok;
SELECT empathy.suggest_reply('My order is late', '{"emotion": " Anger", "intent": "late_delivery"}')
	= empathy.suggest_reply('My order is late', '{"emotion": "anger", "intent": "late_delivery"}') AS emotion_in_any_case;
-- concern: a short clause needs two words of letters or digits; full-width letters read as ASCII
SELECT empathy.concern('{{ name }}') AS braces, empathy.concern(E'😡 I am 😡') AS emoji_i_am,
       empathy.concern('ＭＹ ＯＲＤＥＲ ＩＳ ＬＡＴＥ') AS fullwidth, empathy.concern('cancel 12345') AS digits;
-- a huge k is capped, not an integer overflow; multibyte and emoji messages
SELECT count(*) > 0 AS huge_k FROM empathy.suggest_replies('I was charged twice', '{}', NULL, 2147483647);
SELECT count(*) AS emoji_message FROM empathy.suggest_replies('😡😡 j''ai été débité deux fois 💳', '{}', NULL, 2);
SELECT count(*) FROM empathy.suggest_replies('I was charged twice', '{}', 'any', 100) WHERE reply <> '';
-- large message: only the first 4000 characters are read
SELECT length(empathy.suggest_reply(repeat('my order is late again. ', 4000000))) < 1000 AS large_ok;
-- errors
SELECT empathy.suggest_reply('I was charged twice', '{}', 'fax');
SELECT empathy.suggest_reply('I was charged twice', '[1, 2]');
SELECT empathy.suggest_reply('I was charged twice', '"Dana"');
SELECT * FROM empathy.suggest_replies('I was charged twice', 'null');

DELETE FROM empathy.templates WHERE NOT builtin;

-- concern(): a salutation and "sorry to bother you" are no concern; handles are trimmed; a
-- shouted clause is lower case throughout; "you" as an object is "us"; a request borrows no subject
SELECT empathy.concern('@KestrelHome Hello team, the coffee grinder arrived in pieces.') AS handle_and_salutation,
       empathy.concern('Hello Kestrel Home team, the grinder arrived in pieces.') AS salutation;
SELECT empathy.concern('YOU CONFIRMED A REFUND 11 DAYS AGO BUT THE MONEY ISN''T BACK!') AS shouted,
       empathy.concern('I only bought one mat. Can''t wait to hear the excuse this time.') AS borrowed_subject;
SELECT empathy.concern('The parcel vanished between your warehouse and my house. Please don''t close this ticket again.') AS request,
       empathy.concern('Sorry to bother you, but I''m getting worried. How long does the warranty on the pan last?') AS sorry_to_bother,
       empathy.concern('I paid you 40 pounds and got nothing') AS object_you;

-- a polite thanks or a sarcastic "great" in a complaint is not the emotion a reply answers
SELECT empathy.suggest_reply('Thanks for the quick reply, but my order still hasn''t arrived.') !~ 'must be kind' AS not_kind,
       empathy.suggest_reply('Great, the package arrived broken. Just great.', '{}', 'email') !~ 'wonderful' AS not_wonderful,
       empathy.suggest_reply('Thank you so much, the support was brilliant!') ~* 'thank' AS praise_still_thanked;
-- a null or blank name gives way to customer_name
SELECT empathy.suggest_reply('my order is late', '{"customer_name": "Zed Q", "name": null}') ~ 'Zed' AS null_name,
       empathy.suggest_reply('my order is late', '{"customer_name": "Zed Q", "name": " "}') ~ 'Zed' AS blank_name;
-- among templates that match as well, the team's own comes first
INSERT INTO empathy.templates (name, intent, body) VALUES ('our late any', 'late_delivery', 'Your order is late. We will look at it. Order number?');
SELECT template_name FROM empathy.suggest_replies('my order is late', '{"emotion": "neutral"}', NULL, 2);
DELETE FROM empathy.templates WHERE name = 'our late any';
-- an em dash and a spaced en dash end a clause, as " - " does; "3–5" and "Paris–London" do not
SELECT empathy.concern('I was charged twice — “again” — I’m furious ☹') AS em_dash,
       empathy.concern('The app crashed – twice – and I lost my draft') AS en_dash,
       empathy.concern('I was promised delivery in 3–5 business days and it has been 2 weeks') AS range;
-- a greeting without a comma keeps the concern after it; a salutation of names goes
SELECT empathy.concern('Hey my order never arrived') AS greeting_then_concern,
       empathy.concern('Dear Customer Service Team, my parcel is missing') AS salutation,
       empathy.concern('@CaféShop my order never arrived') AS accented_handle;
-- "you" as a subject is "we"
SELECT empathy.concern('I think you overcharged me') AS subject_you,
       empathy.concern('The parcel you shipped never arrived') AS relative_you;
-- "ship" in a question is no late order; a shipment and "shipping" as written are
-- a late order asked about as a question is a late order, and its concern a statement
SELECT m, empathy.intent(m), empathy.concern(m)
  FROM unnest(ARRAY['why is my order late?', 'Why is my parcel late AGAIN??', 'is my delivery late?']) m;
SELECT empathy.intent('Could you tell me if you ship to Canada?') AS ship_question,
       empathy.intent('Where is my shipment?') AS shipment_missing,
       empathy.intent('Shipping takes forever') AS shipping_slow,
       empathy.intent('How do I change my shipping address?') AS shipping_address;
-- praise that mentions a past worry is answered as praise
SELECT why FROM empathy.suggest_replies('Thank you so much! Your agent fixed my login issue, I was so worried before', '{}', NULL, 1);
-- a language tag is compared as BCP 47 does, in any case and with '_' as '-';
-- a regional tag takes its language's templates, its own first; no template
-- in the language, no rows
INSERT INTO empathy.templates (name, language, body) VALUES ('our fr any', 'fr', 'Bonjour {{ name }}, nous regardons votre demande.');
INSERT INTO empathy.templates (name, language, intent, emotion, body) VALUES ('our en late', 'en', 'late_delivery', 'frustration', 'Hello {{ name }}, sorry it is late, we are on it.');
INSERT INTO empathy.templates (name, language, intent, emotion, body) VALUES ('our en-GB late', 'en-GB', 'late_delivery', 'frustration', 'Hello {{ name }}, sorry it is late, we are on it, cheers.');
SELECT l, (SELECT string_agg(s.template_name, ', ') FROM empathy.suggest_replies('where is my order', jsonb_build_object('language', l, 'name', 'Dana'), NULL, 3) s) AS templates
FROM (VALUES ('fr'), ('FR'), ('fr_CA'), (' fr '), ('en-gb'), ('EN_GB'), ('de'), ('')) v(l);
DELETE FROM empathy.templates WHERE name IN ('our fr any', 'our en late', 'our en-GB late');
SELECT count(*) FROM empathy.suggest_replies('where is my order', '{"language": ["en"]}');
SELECT count(*) FROM empathy.suggest_replies('where is my order', '{"language": 1}');
-- a tag no template could carry is an error; a language without templates gives no rows
SELECT count(*) FROM empathy.suggest_replies('where is my order', '{"language": "english"}');
SELECT count(*) FROM empathy.suggest_replies('where is my order', '{"language": "en-"}');
SELECT count(*) FROM empathy.suggest_replies('where is my order', '{"language": "zh-Hant-TW"}');
SELECT empathy.suggest_reply('where is my order', '{"language": "de"}') IS NULL AS no_german_templates;
-- a "why" or "how come" question about a problem takes its concern for granted:
-- the concern is what it asks about, as a statement; one with no problem in it,
-- "why should" and a subject that cannot be told keep the question
SELECT m, empathy.concern(m) FROM (VALUES
	('Why is my account locked?'), ('How come my card was declined?'), ('why was I charged twice??'),
	('Why does the app keep crashing?'), ('why is my phone bill so high'), ('Why isn''t my parcel here yet'),
	('Why do I have to enter my account number every time?'), ('Why is my brand new laptop broken'),
	('WHY IS MY ACCOUNT LOCKED'), ('why did you charge me twice'), ('why does it'),
	('Why is this taking so long?'), ('Why does my order not arrive on time?'),
	('Why is the refund process taking so long?'), ('Why is my password reset link not working?'),
	('Why is the price on the website different?'), ('Why does the delivery driver keep leaving it outside?'),
	('WHY DOES MY APP KEEP CRASHING'), ('Why should I pay for your mistake?'), ('Why are you so useless?'),
	('Why am I being charged twice?'), ('Why is there a fee for paying online?'),
	('Why is my online banking down?'), ('Why hasn''t anyone replied?'), ('Why is my refund taking so long?')) v(m);
-- "why did" about a problem: its verb takes its past (irregular verbs, doubled
-- consonants, the case as written), "not" keeps "did", an adverb stays before
-- the verb; a verb it does not know, no subject it can tell, or no problem
-- ("why did my payment fail?" is a general question) keeps the question
SELECT m, empathy.intent(m), empathy.concern(m) FROM (VALUES
	('Why did my refund not arrive?'), ('Why did nobody call me back about my refund?'),
	('Why did you guys cancel my order?'), ('Why did you even send me a damaged item?'),
	('Why did you charge me twice this month?'), ('WHY DID YOU CLOSE MY ACCOUNT'),
	('Why did you Cancel my subscription?'), ('Why did the courier leave my parcel in the rain?'),
	('Why did you apply the refund to the wrong card?'), ('Why didn''t you refund me?'),
	('Why did you send me the wrong item?'), ('Why did you frobnicate my refund?'),
	('why did u charge me twice'), ('I love the product, but why did you cancel my order?'),
	('Why did my payment fail?'), ('Why does nobody reply?'), ('Why did?')) v(m);
-- after "did": "double charge" keeps "double", irregular pasts ("reset"), a noun
-- that a verb or "not" follows is the subject's ("my return label not work"),
-- "ever" goes; "you" after "take" or "chase" is "us"
SELECT m, empathy.concern(m) FROM (VALUES
	('Why did you guys double charge me?'), ('Why did you reset my password without asking?'),
	('Why did my return label not work? I need a refund'), ('Why did my refund check bounce?'),
	('Why did my phone bill go up after I was double charged?'), ('Why did you ever send me this broken thing'),
	('Why did it take you 3 weeks to refund me?'), ('I keep chasing you for a refund')) v(m);
-- a clause that ends its sentence keeps its last word, whatever it is; one cut
-- at 12 words does not end on a function word, one cut off by a comma, colon
-- or ellipsis not on a conjunction or a determiner (a preposition may end it)
SELECT m, empathy.concern(m) FROM (VALUES
	('what are you waiting for'), ('what are you waiting for?!'), ('I can''t believe you did that.'),
	('the order you sent me last week with the wrong size shoes in it and the box torn open'),
	('I was double charged and, honestly, I''m furious'), ('I''ve been on hold for... 2 hours now'),
	('I''m still waiting for: my refund'), ('I didn''t get what I paid for, what now?'),
	('I don''t know what the problem is, can you help?')) v(m);
-- a general question is put inside a sentence, for "you want to know ...":
-- "whether" before a yes-no question, the subject before the verb; asked as a
-- request ("could you tell me"), it is the question it asks; a why-question
-- asked in a negative feeling is the statement it takes for granted
SELECT m, empathy.concern(m) FROM (VALUES
	('Do you ship to Ireland?'), ('Can I pay by PayPal?'), ('Is it possible to change my delivery address?'),
	('Are you open on Sunday?'), ('Does the jacket come in blue?'), ('Will my order arrive by Friday?'),
	('What is your returns policy?'), ('Could you tell me where my order is?'),
	('Can you let me know if you ship to Ireland?'), ('How much does it cost to upgrade?'),
	('What time do you close on Saturdays?'), ('Did you get my email?'), ('Should I reinstall the app?'),
	('Which size should I order?'), ('Why is the price on the website different?'),
	('Why is this taking so long?! This is ridiculous'), ('Do not cancel my order'),
	('What is this charge for?'), ('Who is this email from?'), ('Do you not sell it anymore?'),
	('When does the sale end?'), ('What''s your returns policy?'), ('May I ask where my order is?'),
	('I was wondering if you ship to Ireland'), ('Do you know if the store has parking?'),
	('Could you call me back?'), ('Why is your company so incompetent? I''m fuming'),
	-- a request is what the customer wants done; a noun that starts a clause is no request
	('Please cancel my account'), ('Refund me now!'), ('CANCEL MY ACCOUNT NOW'),
	('Cancel my order please, I found it cheaper elsewhere'), ('refund still not here'),
	-- a request echoed as a question is none; a request may run to 15 words
	('Cancel it? No way, I just want it delivered on time'),
	('Change my delivery address from 14 Station Road to 27 Church Lane please'),
	-- a request put as a question, or with "kindly", is one too ("tell" and "let" ask a question)
	('Can you please cancel my subscription?'), ('Would you be able to send a replacement?'),
	('Could you check if my order has shipped?'), ('Kindly refund my money.'), ('Can u help me with my order'),
	('Can you believe this?'),
	-- "you" after "report" is an object; "u" is "you"
	('I''m going to report you to trading standards'), ('u charged me twice'),
	-- ... not after a verb that takes a clause, nor "the letter u"; "can you ship" asks whether
	('I''d recommend you check your stock levels'), ('The letter u on my keyboard is sticking.'),
	('Can you ship to Canada?'),
	-- "this" before a noun is a determiner; "does" past an adverb; a verb after a noun
	('What does this error mean?'), ('Why did this order get cancelled?'), ('Why does this not work?'),
	('Why does my order never arrive on time?'), ('Does the warranty cover water damage?')) v(m);
-- payment words that are no payment problem
SELECT m, empathy.intent(m) FROM (VALUES ('I don''t recognise the sender of this email, is it from you?'),
	('I can''t pay attention to all these emails, please unsubscribe me.'), ('What happens if my payment fails?'),
	('Is there a late fee if I pay my bill a day late?'), ('Why is there a late fee on my bill?'),
	('I heard your competitor got hacked, is my data safe?'), ('My account was hacked')) v(m);
-- praise that calls for empathy and shows a negative feeling (a customer in crisis, a
-- problem) takes no praise template; praise that does not, thanks for a problem put right,
-- and sarcasm that shows no negative feeling (a known limit) do; the mild joy of a plain
-- request is no joy to answer
SELECT m, s.template_name
FROM (VALUES ('Thank you so much, brilliant! I''m feeling suicidal.'),
	('great, another week without internet, thanks so much, really loving it'),
	('Thanks so much! My order hasn''t arrived'), ('Thanks so much, you are brilliant!'),
	('Brilliant, the courier was lovely and so polite!'),
	('Thanks for sorting my refund so quickly, really appreciated.'),
	('I need to change my flight to next Tuesday.'),
	-- confusion is answered only when no other negative feeling shows
	('Why is this taking so long?! This is ridiculous'), ('I don''t understand this bill at all and I''m furious'),
	('I don''t understand this bill at all'),
	-- a cancellation the customer did not ask for takes no cancellation template
	('Why did you cancel my order?'), ('You closed my account for no reason'), ('I want to cancel my subscription'),
	-- ... unless the customer wants to cancel too
	('You closed my local branch so I''m cancelling my account'),
	('My flight was cancelled so I want to cancel my hotel booking'),
	-- confusion after the sadness of a polite "sorry" or the fear of "I'm afraid" still
	('Sorry, I''m a bit confused about my invoice'), ('I''m confused, I''m afraid I don''t understand the terms'),
	-- thanks for a problem put right is praise; thanks with a problem still there is not
	('Thanks for sorting my refund so quickly'), ('My late fee was refunded, thank you for sorting that'),
	('Thanks for fixing the login. Now my card is declined.'), ('Thanks for sorting that, my order still hasn''t arrived.'),
	-- payment problems
	('My card was declined at checkout but the money still left my account'),
	('I cancelled my subscription last month but you charged me again'),
	('There''s a charge on my statement I don''t recognise'),
	-- with no channel, a message with no feeling takes the neutral template
	('The app logs me out every time I open it.'), ('Just checking if you received my return'),
	-- thanks for a fix with a problem after it is no praise; a fee asked about is a question
	('Thanks for processing my refund, it''s still not showing in my account after 10 days.'),
	('Thanks for handling my complaint so quickly!'), ('My refund was processed, thank you!'),
	('Is there a late fee?'), ('I was charged a fee for paying by card.'), ('My account is still locked')) v(m),
	LATERAL empathy.suggest_replies(m, '{"name": "Sam"}', NULL, 1) s;
-- a concern that reads as no clause of its own leaves the template its own words
SELECT m, empathy.concern(m), s.reply
FROM (VALUES ('double charged AGAIN. this is the third time this year'),
	('Refund still not here after 14 business days. What is going on?')) v(m),
	LATERAL empathy.suggest_replies(m, '{}', NULL, 1) s;
-- the neutral templates of each channel: no "sorry to hear" for a plain request; a
-- message with no feeling that reports a problem takes the channel's apology
SELECT c, m, s.template_name, s.reply
FROM (VALUES ('chat'), ('email'), ('social')) v(c),
	(VALUES ('Would you be able to send a replacement?'), ('My order arrived but the box was empty.')) w(m),
	LATERAL empathy.suggest_replies(m, '{"name": "Sam"}', c, 1) s;
-- a general question takes a general question's template ("You asked ..."); a
-- message that asks nothing ("my card was declined"), or whose question stays
-- as asked ("which size should you order"), does not
SELECT m, s.template_name, s.reply
FROM (VALUES ('Do you ship to Ireland?'), ('What is your returns policy?'), ('my card was declined'), ('hello'),
	('Which size should I order?'), ('Could you call me back?')) v(m),
	LATERAL empathy.suggest_replies(m, '{"name": "Sam"}', NULL, 1) s;
-- "you guys", "you lot" and "you people" are the company; "you" after "through" an object,
-- after "like" a subject
SELECT empathy.concern('you guys lost my parcel') AS you_guys,
       empathy.concern('Feels like you don''t care about loyal users') AS like_you,
       empathy.concern('3rd order in a row missing items from you lot') AS you_lot,
       empathy.concern('the tickets I bought through you are fake') AS through_you;
-- "wasn't" agrees with its swapped subject; "you" ending a clause is an object
-- a subject and its auxiliary alone are no concern (a message cut after 4000 characters)
SELECT empathy.concern('I am so angry!!! I am') AS cut_short,
       empathy.concern(repeat('I am so angry!!! ', 300)) AS cut_at_4000;
SELECT empathy.concern('I wasn''t told about the fee') AS wasnt,
       empathy.concern('this is my 4th time contacting you') AS final_you;
-- an e-mail reply's quoted lines and the message it quotes are not the customer's words
SELECT empathy.own_words(E'It has been 12 working days and nothing.\n\n> Thanks for contacting us. Your refund has been processed.') AS quoted_lines,
       empathy.own_words(E'Still broken.\n\nOn Mon, 3 Mar 2025 at 10:02, Sam <sam@example.com> wrote:\nSorry to hear your kettle arrived broken.') AS on_wrote,
       empathy.own_words('Hello > there') AS no_quote, empathy.own_words('') AS empty, empathy.own_words(NULL) IS NULL AS null_in;
SELECT empathy.concern(E'> Thanks for contacting us. Your refund has been processed.\n\nIt has been 12 working days and my refund is still missing.') AS concern_of_own_words;
-- ... and so with CR LF line ends, as e-mail has them
SELECT empathy.own_words(E'Thanks\r\n\r\nOn Mon, 1 Jan 2024, Bob wrote:\r\nhi there\r\n') AS on_wrote_crlf,
       empathy.own_words(E'Thanks\r\n-----Original Message-----\r\nFrom: x') AS original_crlf,
       empathy.own_words(E'Still broken.\r\n>\r\n> We are delighted you love it!\r\n>\r\n') AS quoted_crlf,
       empathy.own_words(E'Still broken.\r\r\n>\r\r\n> We are delighted you love it!\r\r\n>\r\r\n') AS quoted_crcrlf;
-- a long quote (10 MB) goes in one pass, and a long message that quotes nothing comes back as it is
SELECT empathy.own_words(repeat(E'> quoted line\n', 700000) || 'mine') AS long_quote,
       length(empathy.own_words(repeat('no quote here ', 700000))) AS long_plain;
-- lines that end in CR alone
SELECT empathy.own_words(E'Thanks\r\rOn Mon, 1 Jan 2024, Bob wrote:\rhi there\r') AS on_wrote_cr,
       empathy.own_words(E'Still broken.\r>\r> We are delighted you love it!\r>\r') AS quoted_cr,
       empathy.own_words(E'Still broken.\r> We are delighted\rPlease call me.') AS quote_between_cr;
SELECT empathy.concern(E'Thanks.\r\n\r\n-----Original Message-----\r\nFrom: Support\r\nYour order was cancelled and your card was charged twice.') IS NULL AS no_concern_crlf;
-- amounts, percentages, brackets and quotes survive in a concern
SELECT empathy.concern('I was charged $1,299.00 twice for the same order') AS amount,
       empathy.concern('We are only getting 97% uptime this month') AS percent,
       empathy.concern('My claim (ref CLM-55231) for knee surgery was denied') AS bracket,
       empathy.concern('I still get "invalid credentials" when I log in') AS quoted;
-- a request signed with thanks is no praise; a report signed with thanks is answered as a problem;
-- travel disruptions and a death are not answered as shop orders or a customer leaving
SELECT m, c, s.template_name
FROM (VALUES ('Could you send me a copy of my last invoice?' || E'\n\nMany thanks,\nAlex', 'email'),
	('I tried again this morning and the error is still there. Thanks', 'email'),
	('flight AC512 cancelled with 2 hrs notice, stuck in Toronto', 'social'),
	('My flight from Madrid to Lisbon was delayed by 6 hours', 'email'),
	('my husband passed away last month and I need to cancel his policy', 'chat'),
	('My flight was cancelled so I want to cancel my hotel booking', 'chat'),
	('Huge shoutout to @AcmeHelp, Priya sorted my refund in 5 minutes!', 'social'),
	('I was charged £50 twice for the same order.', 'chat')) v(m, c),
	LATERAL empathy.suggest_replies(m, '{"name": "Alex"}', c, 1) s;
-- ... but a message that is all quote, or says "wrote:" in a sentence, keeps its words
SELECT m, empathy.own_words(m) = m AS kept, empathy.concern(m)
FROM (VALUES ('On Monday you wrote: it would arrive Friday. It still hasn''t arrived.'),
	('> 2 weeks and still no parcel!'), ('>:( my order is late again'),
	(E'-----Original Message-----\nFrom: me\nWhere is my order??')) v(m);
-- shop orders that mention a plane or a platform are still orders; a device that died and a
-- funeral home are no bereavement
SELECT m, empathy.intent(m), s.template_name
FROM (VALUES ('I ordered a model plane and it still hasn''t arrived.'),
	('Your platform says my order shipped but it never arrived.'),
	('The battery died in a week, I want to cancel my order.'),
	('I want to cancel my order from the funeral home collection, wrong colour.'),
	('I need to cancel my booking, I have to go to my dad''s funeral.')) v(m),
	LATERAL empathy.suggest_replies(m, '{}', NULL, 1) s;
-- after a contrast, what follows is what a reply answers: a complaint resolved is thanks,
-- a problem after praise is the problem; polite set phrases carry no feeling
SELECT m, s.template_name
FROM (VALUES ('I was furious at first but you sorted it, thank you.'),
	('I was scared the payment failed but it went through, great.'),
	('It broke, but you replaced it quickly, thanks!'),
	('Thanks so much! But my order hasn''t arrived'),
	('Great service but now my card is declined'),
	('I''d hate to be a bother, but could you check my order?')) v(m),
	LATERAL empathy.suggest_replies(m, '{}', 'chat', 1) s;
-- what is left of sarcastic thanks is no concern to repeat
SELECT empathy.concern(m), strpos(s.reply, 'a lot for') = 0 AS not_repeated
FROM (VALUES ('Thanks a lot for losing my parcel, really appreciate it')) v(m),
	LATERAL empathy.suggest_replies(m, '{}', NULL, 1) s;
-- a polite word after a problem still there is no praise; a fix after the contrast is
SELECT m, s.template_name
FROM (VALUES ('I was charged twice, but I appreciate your help'),
	('The parcel arrived damaged but the courier was really nice'),
	('Not to be a pain but my parcel hasn''t arrived, thanks'),
	('Thanks for fixing the login, but now the app logs me out, thank you'),
	('Thanks for sorting the refund, now I need to change my address'),
	('I thought the parcel was lost but it arrived today, thanks!'),
	('The app crashed yesterday but it works now, thanks')) v(m),
	LATERAL empathy.suggest_replies(m, '{}', 'chat', 1) s;
-- a wrong item is no damage, unless it is damaged too
SELECT m, s.template_name
FROM (VALUES ('Wrong item delivered. I ordered a blue jacket and got a pink one.'),
	('The wrong item arrived and it is broken too')) v(m),
	LATERAL empathy.suggest_replies(m, '{}', NULL, 1) s;
-- a name that is a number or a boolean is no name; an intent neither intent()
-- nor a template knows is a typo, not a cue to fall back to any template
SELECT empathy.suggest_reply('my order is late', '{"name": 5}');
SELECT empathy.suggest_reply('my order is late', '{"customer_name": true}');
SELECT empathy.suggest_reply('my order is late', '{"intent": "late_delivry"}');
SELECT empathy.suggest_reply('my order is late', '{"intent": "PRAISE"}');
SELECT empathy.suggest_reply('my order is late', '{"intent": "any"}');
-- a malformed language is an error whatever the number of replies asked for
SELECT count(*) FROM empathy.suggest_replies('my order is late', '{"language": "english"}', NULL, 0);
SELECT (SELECT s.template_name FROM empathy.suggest_replies('my order is late', '{"intent": "general_question"}', NULL, 1) s) IS NOT NULL AS general_question_known;
-- a team's own intent is known once a template answers it
INSERT INTO empathy.templates (name, intent, body) VALUES ('our warranty', 'warranty_claim', 'Hi {{ name | default: "there" }}, your warranty covers this.');
SELECT empathy.suggest_reply('my kettle broke', '{"intent": "warranty_claim", "name": "Ola"}');
-- a template that renders as nothing for a message is passed over
INSERT INTO empathy.templates (name, emotion, intent, channel, body) VALUES ('our empty', 'any', 'late_delivery', 'chat', '{{ missing | upper }}');
SELECT s.template_name <> 'our empty' AS empty_passed_over, s.reply <> '' AS has_reply
FROM empathy.suggest_replies('my order is late, I am furious', '{}', 'chat', 1) s;
-- templates that render as nothing do not take the places of those that do: k rows still
INSERT INTO empathy.templates (name, emotion, intent, channel, body)
SELECT 'our empty ' || g, 'any', 'late_delivery', 'chat', '{{ missing | upper }}' FROM generate_series(1, 20) g;
SELECT count(*) AS rows, count(*) FILTER (WHERE reply = '') AS empty
FROM empathy.suggest_replies('my order is late, I am furious', '{}', 'chat', 5);
DELETE FROM empathy.templates WHERE name LIKE 'our empty %';
DELETE FROM empathy.templates WHERE name IN ('our warranty', 'our empty');
-- an emotion, intent or concern given as null or blank is missing: the message's own
-- picks the templates and fills them
SELECT (SELECT array_agg(reply ORDER BY score DESC, template_id) FROM empathy.suggest_replies('I am furious, my order is late!!', v::jsonb, NULL, 12))
	= (SELECT array_agg(reply ORDER BY score DESC, template_id) FROM empathy.suggest_replies('I am furious, my order is late!!', '{}', NULL, 12)) AS same_as_missing
FROM (VALUES ('{"emotion": ""}'), ('{"emotion": null}'), ('{"intent": " ", "concern": null}')) t(v);
-- a clause keeps the brackets and quotes it opened closed
SELECT m, empathy.concern(m) FROM (VALUES ('my claim [ref CLM-55231] was denied'), ('my claim {ref CLM-55231} was denied'),
	('my claim «ref CLM-55231» was denied'), ('the app says “invalid credentials” again'),
	('my claim (ref (CLM-55231)) was denied'), ('my claim (see the letter.) was denied'),
	('my claim (ref A1 ) was denied')) t(m);
-- intent()'s comment names every intent it returns
SELECT array_agg(n) AS missing_from_comment FROM unnest(empathy.intent_names()) n
WHERE strpos(obj_description('empathy.intent(text)'::regprocedure, 'pg_proc'), n) = 0;
-- a feeling with neither a concern nor a question gets no "You asked a question."
SELECT m, empathy.suggest_reply(m, '{"name": "Bob"}', 'chat') !~ 'asked a question' AS not_a_question
FROM (VALUES ('wtf'), ('😡😡😡'), ('😡')) v(m);
-- suicide or self-harm: no template, one reply that points to urgent help, whatever vars say;
-- an injury is no such message
SELECT m, s.template_id, s.template_name, s.score, s.reply ~ 'emergency number' AS urgent_help,
       s.reply ~ 'Dana' AS named
FROM unnest(ARRAY['I want to kill myself', 'I don''t want to live anymore', 'I''m thinking of ending it all',
	'There''s no point in living', 'Thank you so much, brilliant! I''m feeling suicidal']) m,
	LATERAL empathy.suggest_replies(m, '{"name": "Dana Lee", "intent": "praise", "emotion": "joy"}') s;
SELECT empathy.suggest_reply('I hurt myself on your broken step', '{"name": "Dana"}') ~ 'emergency number' AS injury_is_crisis;
-- more ways of saying it, a no-break space, and past the first 4000 characters; not a policy,
-- a hair dye, a car door or a bereavement; vars that would be refused do not stop it
SELECT left(t, 60) AS t, (SELECT s.template_name FROM empathy.suggest_replies(t, '{}', NULL, 1) s) = 'crisis' AS crisis
FROM unnest(ARRAY['everyone would be better off without me', 'I''m going to hurt myself', 'I wish I was dead',
	'Life isn''t worth living', 'i just wanna die', 'I self-harmed last night', E'I want to kill\u00a0myself',
	repeat('My order was late and the tracking never updated. ', 90) || E'\n\nHonestly I want to kill myself.',
	'How do I end my life insurance policy?', 'Please end it all - cancel every service on my account',
	'I don''t want to live in this flat anymore', 'I want to die my hair but the dye is wrong',
	'The suicide door on the car is jammed', 'My son died by suicide and I need to close his account',
	'I nearly died laughing']) t;
SELECT s.template_name FROM empathy.suggest_replies('I want to kill myself', '{"name": 42, "intent": "bogus"}') s;
-- Outlook quotes the message whole below its header or a line of underscores: the agent's
-- words are not read as the customer's
SELECT empathy.own_words(E'Still waiting!!\n\nFrom: Acme Support\nSent: Monday 3 June\nSubject: RE: refund\n\nHi Dana, your refund will arrive soon.') AS outlook,
       empathy.own_words(E'My parcel is damaged.\n\n________________________________\nFrom: Acme\nSent: Monday\n\nthanks for shopping, we hope you love it') AS underscores,
       empathy.own_words(E'Hi\nFrom: the label, it came from Leeds') AS no_header;
-- a "From:" with a "To:" only, or underscores with no header below, are the customer's: a
-- crisis or a threat below them is still read
SELECT s.template_name FROM unnest(ARRAY[E'My train was cancelled again.\nFrom: Leeds\nTo: London\nHonestly I want to kill myself',
	E'Refund please.\n____________________\nI''m going to kill your driver']) m,
	LATERAL empathy.suggest_replies(m, '{}', NULL, 1) s;
-- the forms a review found: more wordings, and fewer ordinary messages, for the crisis, the
-- threat and the threatened cancellation
SELECT left(m, 50) AS m, s.template_name FROM unnest(ARRAY['I''m going to hang myself', 'i want to disappear from this world',
	'I''d rather be dead than deal with this', 'I just want to sleep and never wake up',
	'I just want to disappear for a week after this nightmare with your airline',
	'I can''t go on any more flights until the refund comes through', 'I see no way out of this mess with your billing',
	'im gonna kill you if my parcel doesnt come', 'I will literally kill you all', 'I''ll kill your delivery guy',
	'I have a knife block that arrived with a crack in it', 'I got a knife in my order instead of the spatula',
	'Fix this by Friday or I''m cancelling', 'I''ll cancel my contract if this isn''t fixed today',
	'If it hasn''t shipped yet, I want to cancel my order', 'If possible, cancel my order please']) m,
	LATERAL empathy.suggest_replies(m, '{}', NULL, 1) s;
SELECT s.template_name FROM empathy.suggest_replies(E'My parcel is damaged.\n\n________________________________\nFrom: Acme\nSent: Monday\n\nThanks for shopping, we hope you love it!', '{}', NULL, 1) s;
-- and the wordings a probe found missing; not a mailing list, a contract or a coffee
SELECT left(t, 60) AS t, (SELECT s.template_name FROM empathy.suggest_replies(t, '{}', NULL, 1) s) AS template
FROM unnest(ARRAY['I''m going to end it tonight.', 'Honestly I just want to disappear.',
	'I don''t see the point in living anymore', 'I don''t want to be here anymore',
	'I can''t go on anymore, this debt is killing me and I see no way out.', 'Thinking of jumping off a bridge tbh',
	'I want to disappear from your mailing list', 'I see no way out of this contract, please help',
	'I could kill for a coffee']) t;
-- a threat of violence to others: no template, one plain reply that hands it to a person
SELECT m, s.template_name, s.reply ~ 'senior colleague' AS handed_on, s.reply ~ 'emergency number' AS danger,
       s.reply ~ 'Dana' AS named
FROM unnest(ARRAY['I want to kill you', 'I have a bomb', 'I''ll kill you if my parcel is late again',
	'I am going to burn down your office']) m,
	LATERAL empathy.suggest_replies(m, '{"name": "Dana", "intent": "praise"}') s;
SELECT s.template_name FROM empathy.suggest_replies('My kids will kill me if the console is late', '{}', NULL, 1) s;
-- a card number, a security code, a social security number or a password is not said back
SELECT m, s.reply ~ '4111|123-45|Hunter|4821|cvv|cvc' AS echoed
FROM unnest(ARRAY['My card 4111111111111111 exp 12/27 cvv 123 was declined',
	'My card 4111 1111 1111 1111 was charged twice', 'My SSN 123-45-6789 was exposed on your site',
	'My password Hunter2! doesn''t work', 'My password is Hunter2 and it is rejected',
	'My pin 4821 keeps getting rejected']) m,
	LATERAL empathy.suggest_replies(m, '{"name": "Dana"}', NULL, 1) s;
SELECT empathy.suggest_reply('My order 58213 has not arrived') ~ '58213' AS order_number_kept;
-- thanks or praise with no intent phrase and no question is praise, not a question; the faint
-- confusion of "!!!" is not answered, a stated one is
SELECT m, s.template_name
FROM unnest(ARRAY['Thank you!', 'Amazing!!! Thank you!!!', 'Best service ever!!! 10/10',
	'Thanks, but I am confused about the invoice', 'Great, thanks! Is the shop open on Sunday?']) m,
	LATERAL empathy.suggest_replies(m, '{}', NULL, 1) s;
-- a cancellation only threatened is no request to act on; one asked for is
SELECT m, s.template_name, s.reply ~* 'cancellation' AS cancels
FROM unnest(ARRAY['If this isn''t fixed I''m cancelling.', 'Unless you call me today I''ll cancel my contract!',
	'Please cancel my subscription.']) m,
	LATERAL empathy.suggest_replies(m, '{}', NULL, 1) s;
-- a password that does not work is login trouble, a broken website no damaged parcel
SELECT m, empathy.intent(m) FROM unnest(ARRAY['My password doesn''t work', 'Your website is broken again.',
	'The lamp arrived broken']) m;
-- serious life events told plainly read as feelings, not neutral
SELECT m, empathy.dominant_emotion(m) FROM unnest(ARRAY['I was diagnosed with cancer and need to pause my subscription.',
	'I have been a victim of domestic abuse, please remove my address from the account.',
	'Your driver crashed into my car and my child was injured.', 'My house burned down last week.']) m;
-- "you guys" at the end of a clause is an object: "us"
SELECT empathy.concern('I hate you guys') AS hate, empathy.concern('I miss you guys!') AS miss,
       empathy.concern('you guys lost my parcel') AS subject;
-- an arrival put right, with thanks, is praise; not one still awaited
SELECT m, s.template_name LIKE 'praise%' AS praise
FROM unnest(ARRAY['My refund arrived, thanks.', 'Got my refund today, thank you!',
	'The refund came through, thanks a million!', 'My refund hasn''t arrived, thanks']) m,
	LATERAL empathy.suggest_replies(m, '{}', NULL, 1) s;
-- a stolen card is a payment problem, not a refund; a site, an app or a screen reader that
-- does not work is no damaged parcel
SELECT m, empathy.intent(m) FROM unnest(ARRAY['Someone stole my card and took all my money, I am terrified.',
	'I am disabled and your website does not work with my screen reader.', 'The app keeps crashing when I pay',
	'My new kettle does not work']) m;
