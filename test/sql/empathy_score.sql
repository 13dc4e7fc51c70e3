-- empathy.empathy_score(), explain_empathy(), qa_scorecard()
SET extra_float_digits = 0;
\x on
-- an anxious customer: strong, specific reply
SELECT * FROM empathy.empathy_score(
	'Maria, I''m so sorry. Being charged twice right before rent is due is really stressful. I''ve refunded the duplicate payment for order 58213 just now.',
	'I was charged twice for order 58213 and my rent comes out on Friday. I really need that money back.',
	'Maria');
-- the same message: scripted, then blaming
SELECT * FROM empathy.empathy_score('We apologize for any inconvenience. Refunds are processed within 5-10 business days.',
	'I was charged twice for order 58213 and my rent comes out on Friday. I really need that money back.', 'Maria');
SELECT * FROM empathy.empathy_score('You must have clicked the pay button twice. Please calm down.',
	'I was charged twice for order 58213 and my rent comes out on Friday. I really need that money back.', 'Maria');
-- a plain question: a short friendly answer scores well, gushing does not
SELECT * FROM empathy.empathy_score('Hi Kenji! The Shibuya store is open until 8pm on Sundays.',
	'Hi, what time does your Shibuya store close on Sundays?', 'Kenji');
SELECT * FROM empathy.empathy_score('Hi Kenji, I''m so sorry, I completely understand how frustrating that must be! Please rest assured that we value you as a customer. Kenji, the store closes at 8pm, Kenji.',
	'Hi, what time does your Shibuya store close on Sundays?', 'Kenji');
-- no customer message: needed, reflection and acknowledgement are NULL
SELECT * FROM empathy.empathy_score('I''m sorry, could you tell me more about what happened?');
\x off

-- ranking: better replies score higher
SELECT r.label, (empathy.empathy_score(r.reply, m.msg, 'Priya')).score
FROM (VALUES ('I received a bill for £1,240 for my MRI scan, but my insurer told me it was pre-authorised. I''m a student and I can''t pay this. I''ve barely slept since.')) m(msg),
	(VALUES ('specific', 'Dear Priya, I''m so sorry, that must have been a real shock. The scan was pre-authorised by your insurer, so this bill should not have been sent to you. I have put the account on hold.'),
	        ('generic', 'Dear Priya, Thank you for your email. I understand your concern. I have passed your query to our billing team.'),
	        ('dismissive', 'Dear Priya, Please note that payment is due within 30 days. You will need to contact your insurer directly.')) r(label, reply)
ORDER BY 2 DESC;

-- wrong feeling: empathy capped at weak
SELECT emotional_reaction, acknowledged_emotion, penalties FROM empathy.empathy_score(
	'I''m sorry you''re disappointed.', 'I am terrified my account was hacked, all my savings are there!');

-- care for a trouble a plain question does not have is empathy not needed, below
-- the plain answer
SELECT r.reply, (s).score, (s).penalties
FROM (VALUES ('Yes, there is a decaf option in your box settings.'),
	('I''m so sorry, that must be really hard for you both. Please DM us so we can discuss.')) r(reply),
	LATERAL (SELECT empathy.empathy_score(r.reply, 'Does the monthly box ever include decaf options? Asking for my mum.') AS s) x
ORDER BY 2 DESC;

-- "not in a hurry" and "not urgent" say nothing is wrong, as "no rush" does (the "not" of
-- them is no frustration)
SELECT m, (empathy.empathy_score('Thanks for asking!', m)).needed, empathy.emotion_labels(m)
FROM (VALUES ('Order 66102 says dispatched since yesterday but no tracking number yet. Is that normal? Not in a hurry'),
	('Any ETA on my refund? Not urgent.'), ('My order is late again and I am furious. Not in a hurry though.')) t(m);

-- explain: rows add up to the score
SELECT * FROM empathy.explain_empathy(
	'Maria, I''m so sorry. Being charged twice right before rent is due is really stressful. I''ve refunded the duplicate payment for order 58213 just now.',
	'I was charged twice for order 58213 and my rent comes out on Friday. I really need that money back.',
	'Maria');
SELECT t.r, (SELECT sum(effect) FROM empathy.explain_empathy(t.r, t.m, 'Maria')) AS explained,
	(empathy.empathy_score(t.r, t.m, 'Maria')).score
FROM (VALUES ('You should have checked. Sorry. Sorry again. We are so sorry. Maria, Maria, Maria.',
	'I was charged twice and I am furious!'),
	('Oh no, Maria, that sounds awful. I have refunded it; could you tell me which card you used?', 'I was charged twice and I am furious!'),
	('', 'I was charged twice and I am furious!')) t(r, m);

-- explain rows are named as markers() and penalties name them: care with no phrase of its own is
-- emotional_reaction (not apology); a stock apology is an apology too; a penalty's row has its name
SELECT * FROM empathy.explain_empathy('Being charged for damage you didn''t cause is infuriating.',
	'I was charged 250 for damage I did not cause!');
SELECT * FROM empathy.explain_empathy('We''re so sorry for any confusion!', 'What time do you close?');
SELECT * FROM empathy.explain_empathy('We value your feedback. Sorry for any inconvenience.', 'My parcel never came.');
SELECT * FROM empathy.explain_empathy('I''m so sorry, that must be really hard for you both.',
	'does the box ever include decaf?');
SELECT * FROM empathy.explain_empathy('I''m so sorry you''re disappointed.', 'I am scared my card was stolen');
SELECT criterion, passed, reason FROM empathy.qa_scorecard('I''m so sorry you''re disappointed.',
	'I am scared my card was stolen') WHERE criterion LIKE 'acknowledged%';

-- the wrong feeling's row is on the words that name it, with or without care around them;
-- one row a span and category (no second row for the hit that has the effect)
SELECT * FROM empathy.explain_empathy('Sorry for any confusion! Refunded.',
	'I was charged twice for my subscription this month. Can you fix it?');
SELECT * FROM empathy.explain_empathy('What went wrong?', 'My order is late.');
SELECT * FROM empathy.explain_empathy('What went wrong?', 'Hi, when do you open?');
-- "sorry you're" + a judgement of the customer is no care; a cancellation script is scripted
SELECT r, (s).score, (s).emotional_reaction, (s).acknowledged_emotion, (s).penalties
FROM unnest(ARRAY['I''m sorry you''re so dramatic about it.', 'Sorry you''re wrong.', 'Sorry you''re overreacting.',
	'Sorry you''re going through this, that sounds frightening.']) r,
	LATERAL empathy.empathy_score(r, 'I am scared my card was stolen.') s;
SELECT (s).penalties, (s).markers FROM empathy.empathy_score('We''re sorry to see you go! Can you tell us why you''re leaving?',
	'My husband passed away last month and I need to close his account.') s;
SELECT (s).score, (s).penalties FROM empathy.empathy_score('Oh great, another one. It''ll come when it comes.',
	'Hi, could you tell me when my order will arrive? Thanks!') s;
-- a bare "Sorry." acknowledges no feeling, named or not; strong care that names one does, when
-- the customer named none
SELECT m, r, (empathy.empathy_score(r, m)).acknowledged_emotion
FROM unnest(ARRAY['My order is late.', 'I was charged twice and I am furious!']) m,
	unnest(ARRAY['Sorry.', 'I''m so sorry, that must be really upsetting.']) r;
-- a fix said before a semicolon is made, whatever the clause after it asks, unless it offers a choice ("; or");
-- "I've frozen your card" is a fix, "your card is now frozen" none said by the agent, "we are blocked" the agent's state
SELECT r, (SELECT sum(effect) FROM empathy.explain_empathy(r, 'My card was stolen and someone is using it!')
	WHERE category = 'resolution') AS resolution
FROM unnest(ARRAY['I''ll block the card today; could you confirm the last payment you made?', 'I''ve frozen your card.',
	'I have blocked the card.', 'Shall I block the card?', 'Your card is now frozen.',
	'I could refund the order; or would you prefer a replacement?', 'We are blocked from doing that.',
	'I''m frozen out of the system, sorry.']) r;

-- the customer's own words: an e-mail's quote is the agent's (the same reading as own_words)
SELECT score, needed, penalties FROM empathy.empathy_score('Great to hear, glad it''s sorted!',
	E'Thanks, all sorted now!\r\n\r\nOn Mon, 3 Mar 2024, Sam wrote:\r\n> I''m so sorry your parcel was lost and that you were charged twice.\r\n', 'Ann');
SELECT (empathy.empathy_score('Great to hear, glad it''s sorted!', m, 'Ann')).score
	= (empathy.empathy_score('Great to hear, glad it''s sorted!', empathy.own_words(m), 'Ann')).score AS same_as_own_words
FROM (VALUES (E'Thanks, all sorted now!\n> I''m so sorry your parcel was lost.\n> I know how worrying this is.')) v(m);
-- a phone's or a mail program's signature line is no one's words
SELECT replace(empathy.own_words(m), E'\n', '|') AS own_words FROM (VALUES
	(E'Still broken.\n\nSent from my iPhone'), (E'Still broken.\r\nThanks,\r\nSam\r\n\r\nSent from my Samsung Galaxy smartphone.'),
	(E'Still broken.\nGet Outlook for Android\n\nOn Mon, Bob wrote:\n> hi'), ('Sent from my iPhone'),
	(E'Hi\nSent from my phone, it still says pending')) v(m);

-- QA scorecard
SELECT * FROM empathy.qa_scorecard(
	'Maria, I''m so sorry. Being charged twice right before rent is due is really stressful. Could you tell me whether both payments show as pending?',
	'I was charged twice for order 58213 and my rent comes out on Friday!', 'Maria');
SELECT * FROM empathy.qa_scorecard('We apologize for any inconvenience. Please be advised that refunds take 10 days.',
	'I was charged twice for order 58213 and my rent comes out on Friday!', 'Maria');
-- the scorecard scores the reply once, not once per field it reads
BEGIN;
SET LOCAL track_functions = 'all';
SELECT count(*) AS criteria FROM empathy.qa_scorecard('We apologize for any inconvenience. Please be advised that refunds take 10 days.',
	'I was charged twice for order 58213 and my rent comes out on Friday!', 'Maria');
SELECT funcname, calls FROM pg_stat_xact_user_functions WHERE schemaname = 'empathy' ORDER BY funcname;
COMMIT;
-- an empty or punctuation-only reply answers nothing: 0, and fails every criterion
SELECT r, (empathy.empathy_score(r, 'What time do you open?')).score, (empathy.empathy_score(r, 'What time do you open?')).penalties
FROM (VALUES (''), ('   '), ('...!?'), ('👍')) t(r);
SELECT bool_or(passed) AS any_passed, min(reason) AS reason FROM empathy.qa_scorecard(' ', 'What time do you open?');
-- praise: shared joy scores above a thank-you, an apology below it and fails the first criterion
SELECT r, (empathy.empathy_score(r, m)).score, (empathy.empathy_score(r, m)).penalties
FROM (VALUES ('Huge congratulations to your mate, what a night!'), ('Thanks for the feedback.'),
	('We''re sorry to hear about your experience. Please DM us.')) t(r),
	(VALUES ('shoutout to the staff at the Leeds bar, my mate got proposed to mid-song and you dimmed the lights, legends')) u(m);
SELECT criterion, passed, reason FROM empathy.qa_scorecard('We''re sorry to hear about your experience. Please DM us.',
	'shoutout to the staff at the Leeds bar, my mate got proposed to mid-song and you dimmed the lights, legends') LIMIT 1;

-- configurations
SELECT empathy.create_configuration('shop');
INSERT INTO empathy.config_markers VALUES ('shop', 'emotional_reaction', 2, 'what a bummer');
SELECT emotional_reaction, markers FROM empathy.empathy_score('shop', 'What a bummer, sorry!', 'my parcel is late and I am annoyed', NULL);
SELECT emotional_reaction, markers FROM empathy.empathy_score('What a bummer, sorry!', 'my parcel is late and I am annoyed', NULL);
SELECT count(*) > 0 AS has_rows FROM empathy.explain_empathy('shop', 'What a bummer, sorry!', 'late parcel', NULL);
-- both forms in one query, row after row, each its own result
INSERT INTO empathy.config_markers VALUES ('shop', 'gratitude', 1, 'ta muchly');
SELECT r, (empathy.empathy_score('shop', r, 'my parcel is late', NULL)).markers AS shop,
	(empathy.empathy_score(r, 'my parcel is late')).markers AS english,
	empathy.empathy_score('english', r, 'my parcel is late', NULL) = empathy.empathy_score(r, 'my parcel is late') AS same_as_english
FROM (VALUES ('What a bummer, sorry!'), ('Ta muchly, sorry about that.'), ('Ta muchly.')) AS t(r);
-- with three arguments, the form without a configuration: 'shop' is the reply
SELECT score, needed, name_count, markers FROM empathy.empathy_score('shop', 'What a bummer, sorry!', 'Ana');

-- bad and odd input
SELECT empathy.empathy_score(NULL) IS NULL AS null_reply;
SELECT score, needed, markers FROM empathy.empathy_score('', '', '');
SELECT score, needed, markers FROM empathy.empathy_score('   ', '   ', '   ');
SELECT score, needed, name_count, personalization FROM empathy.empathy_score('Désolée, Zoë 😢 — Zoë, je comprends', 'ça ne marche pas 😡', 'Zoë');
SELECT score, name_count FROM empathy.empathy_score('🙏🙏', '😡😡😡', '🙂');
SELECT count(*) FROM empathy.explain_empathy(NULL, NULL, NULL);
SELECT score, needed, penalties FROM empathy.empathy_score(
	repeat('I''m so sorry, that must be frustrating! ', 2500000), repeat('my order is late and I am angry ', 3000000), 'Ann');

-- shared joy in answer to a message that needs empathy misreads it, a sarcastic one or a plain one
SELECT (s).score, (s).penalties FROM empathy.empathy_score('Great news, glad to hear it! Happy to help.',
	'My mum died last week and I need to close her account.') s;
SELECT criterion, passed, reason FROM empathy.qa_scorecard('Great news, glad to hear it! Happy to help.',
	'My mum died last week and I need to close her account.') WHERE criterion LIKE 'apologized%';
-- ... not a pleasantry before a question or a promise
SELECT (s).penalties FROM (VALUES ('I''m glad you reached out. Could you send me your order number so I can look into it?'),
	('So glad you contacted us, I will look into this right away.')) v(r),
	LATERAL empathy.empathy_score(v.r, 'My parcel never arrived and I am really annoyed.') s;
-- a name that is also a word counts written with a capital, at a sentence's start only before a comma
SELECT (s).name_count, (s).penalties FROM empathy.empathy_score('I''m sorry your order is late. We will send a replacement today, it will arrive by Friday and I will email you the tracking number.',
	'My order is late and I need it for my daughter''s birthday.', 'Will') s;
SELECT (s).name_count FROM empathy.empathy_score('Will, I''m sorry. Thanks for waiting, Will. Will you be home? Hi Will!', 'late', 'Will Smith') s;
-- a company's word in the customer's name: the person's given name is still the one to look for
SELECT n, (empathy.empathy_score('Hi John, I''m sorry about the delay. Acme is on our list.', 'late', n)).name_count
FROM (VALUES ('John Smith LLC'), ('Acme Ltd'), ('JOHN SMITH'), ('J. Smith')) v(n);
SELECT (s).name_count FROM empathy.empathy_score('Ann, I''m sorry. Thanks ann.', 'late', 'Ann') s;
-- the first name is the first_name filter's: no title, "Lee, Ann" is Ann; a couple's is the surname
SELECT n, (empathy.empathy_score('Sorry Ann, I will fix it', 'my order is late', n)).name_count
FROM unnest(ARRAY['Ann Lee', 'Dr. Ann Lee', 'Mrs Ann Lee', 'Lee, Ann', '"Ann"', 'Ann Lee, PhD', 'Ann Lee, Acme Ltd',
	'🌸 Ann Lee', '-- Ann Lee', 'Mr Smith', 'Dr.', 'J']) n;
SELECT (empathy.empathy_score('Sorry Mr Jones, I will fix it', 'my order is late', 'Mr Smith')).name_count AS other_mr,
       (empathy.empathy_score('Dear Mr. and Mrs. Smith, sorry, I will fix it', 'my order is late', 'Mr. and Mrs. Smith')).name_count AS couple,
       (empathy.empathy_score('Dear Mr. and Mrs. Smith, sorry, I will fix it', 'my order is late', 'Smith, Mr. and Mrs.')).name_count AS couple_last_first,
       (empathy.empathy_score('Sorry Mr Smith, I will fix it', 'my order is late', 'Mr J. Smith')).name_count AS initial;
-- an empty or blank customer message is no message, as an empty name is no name
SELECT (s).needed, (s).reflection, (s).score FROM empathy.empathy_score('I''m sorry about that, I''ve refunded you.', '', '') s;
SELECT (s).needed, (s).reflection, (s).score FROM empathy.empathy_score('I''m sorry about that, I''ve refunded you.', E' \n\u00a0\u3000\u2028\u2029\u0085 ', 'Ann') s;
SELECT (s).needed, (s).reflection FROM empathy.empathy_score('I''m sorry about that, I''ve refunded you.', '?', 'Ann') s;
-- no reply, no scorecard
SELECT count(*) FROM empathy.qa_scorecard(NULL, 'late', 'Ann');
-- restating the situation is interpretation whether or not the message needed empathy: a
-- reply to praise that names what was praised; a bare answer that repeats the words is not
SELECT r, (empathy.empathy_score(r, m, 'Ama')).needed, (empathy.empathy_score(r, m, 'Ama')).interpretation
FROM (VALUES ('The staff member Joy found my father a quiet corner and walked us both to the gate. Thank you.')) v(m),
	(VALUES ('Thank you so much, Ama! It''s lovely to hear that Joy found your father a quiet corner and walked you both to the gate.'),
	        ('Thank you for your feedback.')) w(r);
SELECT (empathy.empathy_score('Our opening hours are 9 to 5 on weekdays.', 'What are your opening hours on weekdays?', 'Ama')).interpretation AS plain_answer;
