-- empathy.tag_message(): the CRM tagging trigger
SET client_min_messages = warning;
CREATE TABLE tm_messages (
	id serial PRIMARY KEY,
	body text,
	role text,
	customer_message text,
	emo empathy.emotions,
	sent double precision,
	sent4 real,
	sentn numeric,
	dom text,
	labels text[],
	risk double precision,
	mk text[],
	emp numeric,
	note text,
	gen float8 GENERATED ALWAYS AS (empathy.sentiment(body)) STORED
);
CREATE TRIGGER tag BEFORE INSERT OR UPDATE OF body ON tm_messages
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message(
		'body', 'emotions=emo', 'sentiment=sent', 'dominant=dom', 'labels=labels', 'escalation=risk');

-- every column filled in one pass, equal to the scoring functions
INSERT INTO tm_messages (body, role) VALUES
	('I am FURIOUS, this is the third time I write!!!', 'customer'),
	('Thank you so much, that was really helpful 😊', 'customer'),
	('Where is my order?', 'customer'),
	('', 'customer'),
	('   ', 'customer'),
	('Ｉ ａｍ ｖｅｒｙ ａｎｇｒｙ', 'customer'),
	('Je suis très déçu — délai inacceptable', 'customer'),
	(NULL, 'customer'),
	(repeat('this is unacceptable and I want a refund now. ', 5000), 'customer');
SELECT id,
	emo::text = empathy.emotions(body)::text AS emotions_ok,
	sent = empathy.sentiment(body) AS sentiment_ok,
	sent = gen AS same_as_generated,
	dom = empathy.dominant_emotion(body) AS dominant_ok,
	labels = empathy.emotion_labels(body) AS labels_ok,
	risk = empathy.escalation_risk(body) AS escalation_ok,
	emo IS NULL AND sent IS NULL AND dom IS NULL AND labels IS NULL AND risk IS NULL AS all_null
FROM tm_messages ORDER BY id;
SELECT dom, risk > 0.5 AS escalate FROM tm_messages WHERE id = 1;

-- an update of the text scores again; an update of other columns does not fire
UPDATE tm_messages SET body = 'Thank you, all sorted now!' WHERE id = 1;
SELECT sent > 0 AS positive_now, dom = empathy.dominant_emotion(body) AS dominant_ok FROM tm_messages WHERE id = 1;
UPDATE tm_messages SET sent = 42 WHERE id = 1;
UPDATE tm_messages SET note = 'checked' WHERE id = 1;
SELECT sent FROM tm_messages WHERE id = 1;
-- re-scoring on demand: name the text column in the SET list
UPDATE tm_messages SET body = body WHERE id = 1;
SELECT sent = empathy.sentiment(body) AS rescored FROM tm_messages WHERE id = 1;
-- COPY goes through the trigger too
COPY tm_messages (body, role) FROM stdin;
I'm worried my card was charged twice	customer
\.
SELECT sent = empathy.sentiment(body) AS copy_tagged FROM tm_messages WHERE body LIKE 'I''m worried%';

-- other number types
CREATE TRIGGER tag_numbers BEFORE INSERT ON tm_messages
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'sentiment=sent4', 'escalation=sentn');
INSERT INTO tm_messages (body) VALUES ('This is awful and I am very disappointed');
SELECT sent4 = empathy.sentiment(body)::real AS real_ok,
	abs(sentn - empathy.escalation_risk(body)::numeric) < 1e-9 AS numeric_ok
FROM tm_messages WHERE body LIKE 'This is awful%';
DROP TRIGGER tag_numbers ON tm_messages;

-- a configuration
SELECT empathy.create_configuration('tm_support');
INSERT INTO empathy.config_terms VALUES ('tm_support', 'parcel', 'anger', 3);
CREATE TRIGGER tag_config BEFORE INSERT ON tm_messages
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'dominant=note', 'config=tm_support');
INSERT INTO tm_messages (body) VALUES ('parcel parcel');
SELECT note, note = empathy.dominant_emotion('tm_support', body) AS config_ok,
	note <> empathy.dominant_emotion(body) AS differs_from_builtin
FROM tm_messages WHERE body = 'parcel parcel';
DROP TRIGGER tag_config ON tm_messages;

-- own_words=true: an e-mail's quote and a phone's signature are not the customer's
CREATE TRIGGER tag_own BEFORE INSERT ON tm_messages
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'sentiment=sent', 'dominant=dom', 'own_words=true');
INSERT INTO tm_messages (body) VALUES
	(E'Still broken.\n\nSent from my iPhone\n\nOn Mon, 3 Mar 2024, Sam wrote:\n> Thank you so much, we are delighted to help!');
SELECT dom, sent < 0 AS negative, sent = empathy.sentiment(empathy.own_words(body)) AS as_own_words,
	empathy.sentiment(body) > 0 AS whole_text_positive
FROM tm_messages WHERE body LIKE 'Still broken.%';
DROP TRIGGER tag_own ON tm_messages;
CREATE TRIGGER tag_own_twice BEFORE INSERT ON tm_messages
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'sentiment=sent', 'own_words=yes', 'own_words=off');
INSERT INTO tm_messages (body) VALUES ('x');
DROP TRIGGER tag_own_twice ON tm_messages;
CREATE TRIGGER tag_own_bad BEFORE INSERT ON tm_messages
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'sentiment=sent', 'own_words=maybe');
INSERT INTO tm_messages (body) VALUES ('x');
DROP TRIGGER tag_own_bad ON tm_messages;
CREATE TRIGGER tag_own_alone BEFORE INSERT ON tm_messages
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'markers=mk', 'own_words=true');
INSERT INTO tm_messages (body) VALUES ('x');
DROP TRIGGER tag_own_alone ON tm_messages;

-- agent replies: markers= and empathy= (a number or the whole result row), with role=
CREATE TABLE tm_replies (
	id serial PRIMARY KEY,
	body text,
	role text,
	customer_message text,
	customer_name text,
	sent double precision,
	mk text[],
	emp real,
	full_emp empathy.empathy_result
);
CREATE TRIGGER tag_replies BEFORE INSERT ON tm_replies
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'sentiment=sent', 'markers=mk', 'empathy=emp',
		'role=role', 'customer_message=customer_message', 'customer_name=customer_name');
CREATE TRIGGER tag_replies_full BEFORE INSERT ON tm_replies
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'empathy=full_emp', 'role=role',
		'customer_message=customer_message', 'customer_name=customer_name');
INSERT INTO tm_replies (body, role, customer_message, customer_name) VALUES
	('I''m so sorry, Ann, that sounds really frustrating. I have refunded the charge.', 'agent',
	 'I was charged twice and I am FURIOUS!!!', 'Ann'),
	('I''m so sorry, Ann, that sounds really frustrating.', 'customer', 'irrelevant', 'Ann'),
	('Ça a l''air vraiment pénible 😔 — désolé !', 'agent', 'Je suis très déçu 😡', 'Zoë'),
	('', 'agent', 'My order is late', NULL),
	('   ', 'agent', NULL, NULL),
	(NULL, 'agent', 'My order is late', 'Ann'),
	('Sorry about that.', NULL, 'My order is late', 'Ann'),
	-- about 1.2 MB of reply and 1.5 MB of customer message
	(repeat('I am so sorry about the delay, that must be frustrating. ', 21000), 'agent',
	 repeat('my order is late and I am angry ', 48000), 'Ann');
SELECT id, role,
	mk IS NOT DISTINCT FROM (CASE WHEN role = 'agent' THEN empathy.markers(body) END) AS markers_ok,
	emp IS NOT DISTINCT FROM (CASE WHEN role = 'agent' THEN
		(empathy.empathy_score(body, customer_message, customer_name)).score::real END) AS score_ok,
	full_emp IS NOT DISTINCT FROM (CASE WHEN role = 'agent' THEN
		empathy.empathy_score(body, customer_message, customer_name) END) AS row_ok,
	sent IS NOT DISTINCT FROM empathy.sentiment(body) AS sentiment_ok,
	mk IS NULL AS no_markers, emp IS NULL AS no_score
FROM tm_replies ORDER BY id;
SELECT mk, emp > 50 AS empathetic FROM tm_replies WHERE id = 1;
-- with config=, markers= and empathy= use the configuration's catalogue too
INSERT INTO empathy.config_markers VALUES ('tm_support', 'ownership', 2, 'we will waive the fee');
CREATE TABLE tm_cfg_replies (body text, customer_message text, customer_name text, mk text[], emp real);
CREATE TRIGGER tag_cfg_replies BEFORE INSERT ON tm_cfg_replies
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'markers=mk', 'empathy=emp',
		'customer_message=customer_message', 'customer_name=customer_name', 'config=tm_support');
INSERT INTO tm_cfg_replies (body, customer_message, customer_name) VALUES
	('We will waive the fee.', 'You charged me a fee again', 'Ann'), ('We will waive the fee.', NULL, NULL);
SELECT mk, mk = empathy.markers('tm_support', body) AS config_markers_ok,
	mk <> empathy.markers(body) AS differs_from_builtin,
	emp = (empathy.empathy_score('tm_support', body, customer_message, customer_name)).score::real AS config_score_ok
FROM tm_cfg_replies;
DROP TABLE tm_cfg_replies;
DELETE FROM empathy.config_markers WHERE config = 'tm_support';
DROP TABLE tm_replies;

-- errors name the column, the key and the table
CREATE FUNCTION tm_try(args text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	EXECUTE 'DROP TRIGGER IF EXISTS tm_bad ON tm_messages';
	EXECUTE format('CREATE TRIGGER tm_bad BEFORE INSERT ON tm_messages FOR EACH ROW EXECUTE FUNCTION empathy.tag_message(%s)', args);
	INSERT INTO tm_messages (body) VALUES ('hello');
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || coalesce(E'\n' || nullif(detail, ''), '');
END $$;
SELECT tm_try($$'body', 'sentiment=nope'$$);
SELECT tm_try($$'nobody', 'sentiment=sent'$$);
SELECT tm_try($$'body', 'sentiment=dom'$$);
SELECT tm_try($$'body', 'emotions=sent'$$);
SELECT tm_try($$'body', 'labels=dom'$$);
SELECT tm_try($$'emo', 'sentiment=sent'$$);
SELECT tm_try($$'body', 'colour=dom'$$);
SELECT tm_try($$'body', 'sentiment'$$);
SELECT tm_try($$'body', 'sentiment='$$);
SELECT tm_try($$'body', 'sentiment=sent', 'sentiment=sent4'$$);
SELECT tm_try($$'body', 'sentiment=sent', 'escalation=sent'$$);
SELECT tm_try($$'body', 'dominant=body'$$);
-- the columns read for a reply's scores, with no reply score to fill
SELECT tm_try($$'body', 'sentiment=sent', 'role=role'$$);
SELECT tm_try($$'body', 'customer_message=customer_message', 'sentiment=sent'$$);
SELECT tm_try($$'body', 'sentiment=sent', 'role=role', 'markers=mk'$$);
SELECT tm_try($$'body', 'sentiment=gen'$$);
SELECT tm_try($$'body', 'sentiment=sent', 'config=no_such_config'$$);
SELECT tm_try($$'body', 'config=tm_support'$$);
SELECT tm_try($$'body'$$);
SELECT tm_try('');
SELECT tm_try($$'body', 'sentiment=ctid'$$);
SELECT tm_try($$'body', 'role=sent', 'sentiment=sent4'$$);
CREATE TRIGGER tm_after AFTER INSERT ON tm_messages
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'sentiment=sent');
INSERT INTO tm_messages (body) VALUES ('x');
DROP TRIGGER tm_after ON tm_messages;
CREATE TRIGGER tm_stmt BEFORE INSERT ON tm_messages
	FOR EACH STATEMENT EXECUTE FUNCTION empathy.tag_message('body', 'sentiment=sent');
INSERT INTO tm_messages (body) VALUES ('x');
DROP TRIGGER tm_stmt ON tm_messages;
SELECT empathy.tag_message();

-- numeric columns with a precision and scale: values are rounded to the scale, as an INSERT
-- rounds them; a type that cannot hold every value (an empathy score of 100, a sentiment of
-- -1) is refused, naming the trigger
CREATE TABLE tm_num (body text, role text, sub text, msg text,
	gen_body text GENERATED ALWAYS AS (sub || ' ' || msg) STORED,
	s32 numeric(3,2), e32 numeric(3,2), emp30 numeric(3,0), emp20 numeric(2,0), s11 numeric(1,1), dom text);
CREATE TRIGGER t BEFORE INSERT ON tm_num
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'sentiment=s32', 'escalation=e32', 'empathy=emp30');
INSERT INTO tm_num (body, role) VALUES ('THIS IS THE THIRD TIME!!! I WANT A REFUND NOW!!!', 'agent'),
	('I am so sorry, that sounds really frustrating. I have already fixed it and refunded you.', 'agent');
SELECT s32, e32, emp30, s32 = round(empathy.sentiment(body)::numeric, 2) AS sentiment_rounded,
	e32 = round(empathy.escalation_risk(body)::numeric, 2) AS escalation_rounded,
	emp30 = round((empathy.empathy_score(body)).score::numeric) AS empathy_rounded
FROM tm_num ORDER BY body;
DROP TRIGGER t ON tm_num;
CREATE TRIGGER t BEFORE INSERT ON tm_num FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'empathy=emp20');
INSERT INTO tm_num (body) VALUES ('hello');
DROP TRIGGER t ON tm_num;
CREATE TRIGGER t BEFORE INSERT ON tm_num FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'sentiment=s11');
INSERT INTO tm_num (body) VALUES ('hello');
DROP TRIGGER t ON tm_num;
-- a generated text column is computed after BEFORE triggers run: refused, not scored as NULL
CREATE TRIGGER t BEFORE INSERT ON tm_num FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('gen_body', 'dominant=dom');
INSERT INTO tm_num (sub, msg) VALUES ('Furious', 'I am so angry!!!');
DROP TRIGGER t ON tm_num;
-- a column the trigger reads is not overwritten
CREATE TRIGGER t BEFORE INSERT ON tm_num FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'role=role', 'dominant=role');
INSERT INTO tm_num (body, role) VALUES ('hi, I am furious', 'agent');
DROP TRIGGER t ON tm_num;
-- an unknown configuration: the context names the trigger
CREATE TRIGGER t BEFORE INSERT ON tm_num FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'dominant=dom', 'config=tm_no_such');
\set VERBOSITY default
\set SHOW_CONTEXT always
INSERT INTO tm_num (body) VALUES ('hello');
\set SHOW_CONTEXT errors
DROP TABLE tm_num;

-- a quoted column name with spaces and capitals
CREATE TABLE "tm Odd" ("Message Text" varchar(200), "Feel ""it""" empathy.emotions);
CREATE TRIGGER t BEFORE INSERT ON "tm Odd"
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('Message Text', 'emotions=Feel "it"');
INSERT INTO "tm Odd" VALUES ('so happy!');
SELECT "Feel ""it"""::text = empathy.emotions("Message Text")::text AS quoted_ok FROM "tm Odd";

-- the table is altered between statements: the next statement sees it
ALTER TABLE "tm Odd" DROP COLUMN "Feel ""it""";
INSERT INTO "tm Odd" VALUES ('so happy!');
DROP TABLE "tm Odd";
DROP TABLE tm_messages;
DROP FUNCTION tm_try(text);
DELETE FROM empathy.configurations WHERE name = 'tm_support';
