-- empathy.markers(), the @>> operator, config_markers
SET extra_float_digits = 0;

-- happy paths: one category per line
SELECT r, empathy.markers(r) FROM (VALUES
	('I''m so sorry to hear that, that must be really frustrating.'),
	('I completely understand how worrying this is.'),
	('Could you tell me more about what happened when you logged in?'),
	('Just to confirm, you were charged twice?'),
	('We apologise for any inconvenience.'),
	('Your frustration is completely understandable.'),
	('I will personally make sure this gets fixed today.'),
	('Thank you for your patience.'),
	('You should have read the terms.'),
	('Please calm down.'),
	('It''s just a small scratch.'),
	('At least it was not winter.'),
	('Sorry. Sorry again. We are so sorry. Apologies!'),
	('The store closes at 8pm.')
) AS t(r);

-- "you shouldn't have" blames what the customer did; "you shouldn't have
-- been" (charged, left on hold) says what should not have happened to them
SELECT r, empathy.markers(r) FROM (VALUES
	('You shouldn''t have clicked the link.'), ('You shouldn''t have been on hold for an hour.'),
	('You should never have been charged.')) v(r);

-- shared pleasure ("that's lovely", "how lovely") is a weak reaction; "must
-- feel like" names how it feels; "regret to hear" is generic care, as "sorry
-- to hear" is; "I get why" and "we get why" validate
SELECT r, empathy.markers(r) FROM (VALUES
	('That''s lovely, Kate!'), ('How lovely, thank you for telling us.'), ('That''s brilliant, well done!'),
	('A green status page must feel like nobody''s listening.'), ('We regret to hear about your visit.'),
	('We get why a 90p jump stings.'), ('I get why that was the last straw.')) v(r);

-- negation: a negator within two words before the phrase cancels it
-- sorry said through a negator is an apology
SELECT empathy.markers('I couldn''t be sorrier about this.') AS sorrier,
       empathy.markers('I could not be more sorry.') AS more_sorry;
SELECT empathy.markers('I''m not sorry.') AS not_sorry,
       empathy.markers('I am not really sorry') AS skipped_booster,
       empathy.markers('No, I''m sorry.') AS comma_breaks_negation;
-- intensifiers are skipped, minimizing words are not
SELECT empathy.markers('I am really, truly sorry') AS punct_between,
       empathy.markers('that must be so very frustrating') AS boosters_skipped,
       empathy.markers('it only takes a minute') AS minimizing_only;
-- an intensifier that a phrase writes ("we take this seriously") is skipped where no phrase goes
-- on or starts with it; one that a phrase starts with ("sometimes unavoidable") is read, and
-- taken back when the next word goes on with the phrase before it ("slightly frustrating")
SELECT empathy.markers('That sounds seriously stressful.') AS written_booster_skipped,
       empathy.markers('Cancellations are sometimes unavoidable.') AS phrase_start_read,
       empathy.markers('That must be slightly frustrating.') AS starts_slight_inconvenience;
-- hedges of several words are skipped too, unless a phrase writes them; nothing is taken
-- back across punctuation
SELECT r, empathy.markers(r) FROM (VALUES
	('That must be a bit frustrating.'), ('That must have been a little bit scary.'),
	('I know this is kind of annoying.'), ('To be honest, that sounds really stressful.'),
	('Could you tell me a bit more about what happened?'), ('Please wait a little longer.'),
	('Sorry for the slight inconvenience.'), ('Thank you so much for your patience.'),
	('That must be slightly. Frustrating.'), ('That must be a bit, frustrating.'),
	('I''d like just to confirm your order number.'), ('That must be slightly a bit frustrating.'),
	('That must be a bit a bit frustrating.'), ('You should have just been more careful.'),
	('That''s just so frustrating, I''m sorry.'), ('Could you share just a bit more?'),
	('I can just hear how much this matters to you.'), ('We are just experiencing high volumes.'),
	('We are currently experiencing high volumes.'), ('I just kind of work here.'),
	('I kind of just feel for you.'), ('Delays are sometimes just unavoidable.'),
	('Please tell me a bit more.')) v(r);
-- a configuration's phrase that is a hedge is read; one that ends a hedge is found inside it
SELECT empathy.create_configuration('hedges');
INSERT INTO empathy.config_markers (config, category, strength, phrase) VALUES
	('hedges', 'minimizing', 1, 'a bit'), ('hedges', 'minimizing', 1, 'tiny bit');
SELECT empathy.markers('hedges', 'It is a bit late.') AS hedge_phrase,
       empathy.markers('hedges', 'It is a tiny bit late.') AS tail_of_hedge,
       empathy.markers('english', 'It is a tiny bit late.') AS builtin;
DELETE FROM empathy.configurations WHERE name = 'hedges';
-- a refusal to apologise is dismissive; "can't imagine how {feeling}" is care
SELECT empathy.markers('We are not going to apologise for following the rules.') AS refusal,
       empathy.markers('I am not at all sorry.') AS not_at_all,
       empathy.markers('I can''t imagine how stressful this must be.') AS cant_imagine,
       empathy.markers('I can''t apologise enough.') AS cant_apologise_enough;
-- sending the customer to their bank is dismissive; the company contacting it is not
SELECT r, empathy.markers(r) FROM (VALUES
	('Please contact your bank to request this.'), ('You can check with your bank if it has not arrived by Friday.'),
	('We have contacted your bank ourselves.'), ('I called your bank this morning and the payment is on its way.')) v(r);
-- tone policing and refusing liability are dismissive; blaming the customer's own setup is blame;
-- asking what the customer's screen shows explores
SELECT r, empathy.markers(r) FROM (VALUES
	('Please keep your language respectful.'), ('We cannot accept liability without CCTV evidence.'),
	('The errors are most likely caused by your own application.'),
	('What''s the screen showing now, still Updating, or has it gone blank?')) v(r);
-- {feeling} matches negative emotion words only
SELECT empathy.markers('that must be worrying') AS negative,
       empathy.markers('that must be wonderful') AS positive;
-- phrases do not cross sentence ends
SELECT empathy.markers('That must be. Frustrating for you') AS split;
-- peer support: a shared experience, hugs, and "your fault" asked about, not said
SELECT empathy.markers('I lost my job two years ago and felt exactly the same way.') AS shared,
       empathy.markers('Hugs. It does get better.') AS hugs,
       empathy.markers('Are you feeling like this is your fault?') AS asked,
       empathy.markers('Please don''t feel like it''s your fault.') AS negated_blame,
       empathy.markers('It looks like it was your fault.') AS blame;
-- shared joy, and regret for the customer's feeling that dismisses it
SELECT empathy.markers('Huge congratulations to your mate!') AS congrats,
       empathy.markers('This has made our whole week!') AS made_our_week,
       empathy.markers('I''m sorry you felt that way.') AS felt_that_way,
       empathy.markers('Sorry for any frustration.') AS any_feeling;

-- bad and odd input
SELECT empathy.markers(NULL) AS null_in, empathy.markers('') AS empty, empathy.markers('   ') AS blank;
SELECT empathy.markers('Je suis désolé — I''m SO sorry 😢 ｆｒｕｓｔｒａｔｉｎｇ') AS multibyte;
SELECT empathy.markers('🙏🙏🙏') AS emoji_only;
SELECT empathy.markers(repeat('x', 1000000)) AS one_long_word;
SELECT cardinality(empathy.markers(repeat('I''m so sorry, that must be frustrating! ', 2500000))) AS hundred_mb;

-- the operator and its index
SELECT 'I''m so sorry about that' OPERATOR(empathy.@>>) 'apology' AS yes,
       'The store closes at 8pm' OPERATOR(empathy.@>>) 'apology' AS no,
       'anything' OPERATOR(empathy.@>>) NULL AS null_marker;
SELECT empathy.shows_marker('I''m so sorry', 'over_apology') AS computed_marker, empathy.shows_marker(NULL, 'apology') AS null_reply;
-- an unknown marker name is an error, not false for every reply
SELECT 'I''m so sorry' OPERATOR(empathy.@>>) 'apologies';
SELECT empathy.shows_marker('I''m so sorry', '');
SELECT empathy.marker_category(NULL) IS NULL AS null_name, empathy.marker_category('apology') AS known;
SELECT empathy.marker_category('désolé 😢');
SELECT empathy.marker_category(repeat('é', 1000000));
CREATE TABLE replies (id int PRIMARY KEY, sent date, body text);
INSERT INTO replies
SELECT i, date '2026-01-01' + (i % 60),
       CASE i % 4 WHEN 0 THEN 'I''m so sorry, ' ELSE '' END || 'your order ' || i || ' ships today.'
FROM generate_series(1, 2000) i;
CREATE INDEX replies_markers ON replies USING gin (empathy.markers(body));
ANALYZE replies;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM replies WHERE body OPERATOR(empathy.@>>) 'apology';
-- a parameter of a generic plan, and the column of a joined table, use the index too
SET plan_cache_mode = force_generic_plan;
PREPARE by_marker(text) AS SELECT count(*) FROM replies WHERE body OPERATOR(empathy.@>>) $1;
EXPLAIN (COSTS OFF) EXECUTE by_marker('apology');
EXECUTE by_marker('apology');
EXECUTE by_marker(NULL);
DEALLOCATE by_marker;
RESET plan_cache_mode;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT m.name, count(*) FROM (VALUES ('apology')) m(name)
	JOIN replies r ON r.body OPERATOR(empathy.@>>) m.name GROUP BY m.name;
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_seqscan;
SELECT count(*) FROM replies WHERE body OPERATOR(empathy.@>>) 'apology';
-- replies without an apology in a week
SELECT count(*) FROM replies WHERE sent BETWEEN '2026-01-01' AND '2026-01-07'
	AND NOT body OPERATOR(empathy.@>>) 'apology';

-- user catalogues
SELECT empathy.create_configuration('retail');
INSERT INTO empathy.config_markers VALUES ('retail', 'ownership', 2, 'consider it done');
SELECT empathy.markers('retail', 'Consider it done, Ana.') AS user_phrase,
       empathy.markers('Consider it done, Ana.') AS builtin;
-- a phrase has one category per configuration: duplicates and conflicts hit the key
INSERT INTO empathy.config_markers VALUES ('retail', 'ownership', 1, 'consider it done');
INSERT INTO empathy.config_markers VALUES ('retail', 'reassurance', 1, 'consider it done');
-- a user phrase replaces the built-in category of the same words
INSERT INTO empathy.config_markers VALUES ('retail', 'gratitude', 1, 'sorry');
SELECT empathy.markers('retail', 'Sorry!') AS overridden, empathy.markers('Sorry!') AS builtin;
-- a phrase that writes an intensifier leaves it skipped in the built-in phrases: its leading
-- ones are dropped when two words or more are left, and one inside is read only where a phrase
-- goes on with it; a phrase that would be left with one word is kept whole
INSERT INTO empathy.config_markers VALUES ('retail', 'ownership', 2, 'really happy to sort this'),
	('retail', 'reassurance', 2, 'you are really in good hands'), ('retail', 'dismissive', 2, 'absolutely not'),
	('retail', 'dismissive', 1, 'seriously?!');
SELECT empathy.markers('retail', 'That sounds really stressful.') AS builtin_kept,
       empathy.markers('retail', 'I am really happy to sort this for you.') AS leading_dropped,
       empathy.markers('retail', 'Rest assured, you are really in good hands.') AS inside_read,
       empathy.markers('retail', 'I have not received it yet.') AS not_alone,
       empathy.markers('retail', 'Seriously?!') AS kept_whole;
DELETE FROM empathy.config_markers WHERE config = 'retail' AND phrase IN ('really happy to sort this',
	'you are really in good hands', 'absolutely not', 'seriously?!');
-- {feeling} phrases may hold line breaks and other bytes
INSERT INTO empathy.config_markers VALUES ('retail', 'validation', 1, E'{feeling} fo\n'),
	('retail', 'validation', 2, E'so\n\n{feeling}\nx'), ('retail', 'emotional_reaction', 2, E'how \t{feeling}\r\n');
SELECT empathy.markers('retail', 'I hear how frustrating this is. Sorry!') AS with_line_breaks;
-- a word written "=word" must have that form: the phrase by stems does not read another
INSERT INTO empathy.config_markers VALUES ('retail', 'ownership', 2, 'we =sorted it'),
	('retail', 'blame', 2, 'you =forgot to'), ('retail', 'scripted', 1, 'really =sorted');
SELECT r, empathy.markers('retail', r)
FROM (VALUES ('We sorted it this morning.'), ('We really SORTED it.'), ('We kind of sorted it.'),
	('We sort it within a day.'), ('You forgot to attach the photo.'), ('Did you forget to attach it?'),
	('It is really sorted.'), ('It really sorts itself out.')) v(r);
-- changes take effect in the same session
DELETE FROM empathy.config_markers WHERE config = 'retail';
SELECT empathy.markers('retail', 'Consider it done, Ana. Sorry!') AS after_delete;
-- malformed entries are rejected with a clear error
INSERT INTO empathy.config_markers VALUES ('retail', 'kindness', 1, 'you rock');
-- over_apology is counted, not matched: no phrase can carry it
INSERT INTO empathy.config_markers VALUES ('retail', 'over_apology', 2, 'so so sorry');
INSERT INTO empathy.config_markers VALUES ('retail', 'apology', 3, 'my bad');
INSERT INTO empathy.config_markers VALUES ('retail', 'apology', 1, ' ... !!! ');
INSERT INTO empathy.config_markers VALUES ('retail', 'apology', 1, '   ');
INSERT INTO empathy.config_markers VALUES ('retail', 'apology', 1, 'sorry about x=');
-- braces hold the one placeholder, written {feeling}: other spellings would match nothing
INSERT INTO empathy.config_markers VALUES ('retail', 'emotional_reaction', 2, '{FEELING} indeed');
INSERT INTO empathy.config_markers VALUES ('retail', 'emotional_reaction', 2, 'how {feelings} for me');
INSERT INTO empathy.config_markers VALUES ('retail', 'emotional_reaction', 2, 'totally {feeling');
INSERT INTO empathy.config_markers VALUES ('retail', 'emotional_reaction', 2, 'totally feeling}');
INSERT INTO empathy.config_markers VALUES ('retail', 'emotional_reaction', 2, '{feeling} and {feeling}');
INSERT INTO empathy.config_markers VALUES ('retail', 'apology', 1, 'a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg');
INSERT INTO empathy.config_markers SELECT 'retail', 'apology', 1, repeat('sorry ', 10000);
INSERT INTO empathy.config_markers VALUES ('english', 'apology', 1, 'my bad');
INSERT INTO empathy.config_markers VALUES ('nosuch', 'apology', 1, 'my bad');
SELECT empathy.markers('nosuch', 'sorry');
-- "do you know ...?" asks in a later clause too; "just" before a word in "ed" that is no
-- participle still minimizes
SELECT r, empathy.markers(r), (empathy.empathy_score(r)).exploration FROM (VALUES
	('What happened to the parcel, do you know why?'), ('Is it broken, do you know when it broke?'),
	('Did you know you can track it online?'), ('It''s just need a restart.'), ('That''s just stopped working, I''ll send an engineer.')) v(r);
-- {feeling} stands as a word of its own; a long phrase with it still takes every
-- feeling word; and a configuration's own negative words fill it, as the built-in ones do
INSERT INTO empathy.config_markers VALUES ('retail', 'emotional_reaction', 2, 'x{feeling} y');
INSERT INTO empathy.config_markers VALUES ('retail', 'emotional_reaction', 2, 'x {feeling}y');
INSERT INTO empathy.config_markers SELECT 'retail', 'blame', 1,
	string_agg('abcdefghijklmnopqrstuvwxyzabcdefghij' || i, ' ') || ' {feeling}' FROM generate_series(1, 28) i;
SELECT w, empathy.markers('retail', string_agg('abcdefghijklmnopqrstuvwxyzabcdefghij' || i, ' ') || ' ' || w) AS long_phrase
FROM unnest(ARRAY['worrying', 'frustrating', 'upsetting', 'terrible']) w, generate_series(1, 28) i GROUP BY w ORDER BY w;
INSERT INTO empathy.config_terms VALUES ('retail', 'zorbling', 'sadness', 3), ('retail', 'zorbling', 'sentiment', -2);
SELECT empathy.markers('retail', 'that must be zorbling') AS user_feeling, empathy.markers('that must be zorbling') AS builtin,
	(empathy.empathy_score('retail', 'That must be zorbling, I am so sorry.', 'I feel so zorbling about my order.', NULL)).emotional_reaction;
DELETE FROM empathy.config_terms WHERE config = 'retail' AND term = 'zorbling';
-- punctuation and quotes may stand next to {feeling}; a configuration's modifier roles
-- are for reading customers' messages and leave reply phrases as they are
INSERT INTO empathy.config_markers VALUES ('retail', 'emotional_reaction', 2, 'how “{feeling}” for you');
SELECT empathy.markers('retail', 'How “frustrating” for you') AS quoted;
INSERT INTO empathy.config_terms VALUES ('retail', 'honestly', 'negator', 1);
SELECT empathy.markers('retail', 'Honestly that must be frustrating.') AS reply_phrase,
	empathy.sentiment('retail', 'honestly happy') < empathy.sentiment('happy') AS negated_in_scoring;
DELETE FROM empathy.config_terms WHERE config = 'retail' AND term = 'honestly';
-- "sorry about your ..." is care for a person, a pet or a loss; about an order or a wait
-- it is an apology
SELECT r, empathy.markers(r) FROM (VALUES ('I''m so sorry about your wife.'), ('Sorry about your wait.'),
	('Sorry about your order, I will refund it today.')) v(r);
-- "we understand" is generic care, as "I understand" is, and also weak
-- interpretation; "understand" alone is no validation ("understandably" is,
-- and Snowball stems the two alike, so the catalogue leaves it out); "sorry
-- you see it like that" is a non-apology; "a bit more info" asks, weakly, and
-- "for more info, see ..." does not; "would you rather" is no phrase ("rather"
-- is a skipped filler, and the phrase read as "would you"); "we understand you
-- have ..." restates, as "I understand you have ..." does; "understandably
-- frustrated" validates
SELECT r, empathy.markers(r), (s).emotional_reaction, (s).interpretation, (s).exploration
FROM (VALUES ('We understand this has caused frustration. Our engineers are investigating.'),
	('We would like to understand what happened.'),
	('We''re sorry you see it like that. Our terms allow it.'),
	('Please send us a DM with a bit more info.'), ('For more info, see our FAQ page.'),
	('Would you rather we call you tomorrow?'),
	('We understand you have been charged twice. I have refunded the second charge.'),
	('You are understandably frustrated by the delay.')) v(r),
	LATERAL (SELECT empathy.empathy_score(r, 'The app has been down all morning and I am so frustrated.', NULL) AS s) x;
-- "you should have heard from us" owns a failure to reply; it is no blame, as
-- "you should have checked" and "you should have heard the beeps" are; a slip
-- that "does not make you a failure" or "a bad customer" comforts self-blame
-- ("a bad fit for the tier" does not)
SELECT r, empathy.markers(r), (s).emotional_reaction, (s).interpretation
FROM (VALUES ('You should have heard from us after you reported it on the 2nd. An officer will call you by Friday.'),
	('You should have checked the size guide before ordering.'),
	('One cigarette after 23 days doesn''t make you a failure. Your days still count.'),
	('Missing one payment does not make you a bad customer.'),
	('Two missed payments don''t make you a bad customer.'),
	('You should have heard the warning beeps before the unit shut down.'),
	('Using the trial does not make you a bad fit for the premium tier.')) v(r),
	LATERAL (SELECT empathy.empathy_score(r, 'I reported it weeks ago and nobody replied. I feel like a failure for not chasing.', NULL) AS s) x;
