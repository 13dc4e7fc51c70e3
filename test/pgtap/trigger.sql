-- empathy.tag_message(): columns filled, updates, errors, and the parts that
-- need empathy.markers / empathy.empathy_score when the extension has them.
BEGIN;
SELECT plan(14);
SET LOCAL client_min_messages = warning;

CREATE TABLE tg_msgs (id serial PRIMARY KEY, body text, role text, customer_message text, customer_name text,
	emo empathy.emotions, sent float8, dom text, labels text[], risk float8, mk text[], emp numeric);
CREATE TRIGGER tag BEFORE INSERT OR UPDATE OF body ON tg_msgs FOR EACH ROW
	EXECUTE FUNCTION empathy.tag_message('body', 'emotions=emo', 'sentiment=sent', 'dominant=dom',
		'labels=labels', 'escalation=risk');
INSERT INTO tg_msgs (body) VALUES ('I am FURIOUS, third time I write!!!'), (NULL), (''), ('😡😡😡'), ('Merci beaucoup, très bien');

SELECT is((SELECT count(*)::int FROM tg_msgs WHERE body IS NOT NULL AND emo::text = empathy.emotions(body)::text
	AND sent = empathy.sentiment(body) AND dom = empathy.dominant_emotion(body)
	AND labels = empathy.emotion_labels(body) AND risk = empathy.escalation_risk(body)), 4,
	'every tagged column equals its scoring function');
SELECT ok((SELECT emo IS NULL AND sent IS NULL AND dom IS NULL AND labels IS NULL AND risk IS NULL FROM tg_msgs WHERE body IS NULL),
	'a NULL text gives NULL scores');
SELECT ok((SELECT risk >= empathy.escalation_threshold() FROM tg_msgs WHERE id = 1), 'the angry message is above the escalation threshold');
UPDATE tg_msgs SET body = 'Lovely, thank you!' WHERE id = 1;
SELECT ok((SELECT sent > 0 AND risk < empathy.escalation_threshold() FROM tg_msgs WHERE id = 1), 'an update of the text scores it again');
UPDATE tg_msgs SET sent = 7, role = 'customer' WHERE id = 1;
SELECT is((SELECT sent FROM tg_msgs WHERE id = 1), 7::float8, 'an update of other columns does not fire the trigger');
CREATE TEMP TABLE tg_copy AS SELECT * FROM tg_msgs;
SELECT lives_ok($$INSERT INTO tg_msgs (body) SELECT 'message ' || i FROM generate_series(1, 2000) i$$, 'a multi-row insert');
SELECT is((SELECT count(*)::int FROM tg_msgs WHERE body LIKE 'message %' AND emo IS NOT NULL), 2000, 'tags every row of it');

CREATE TABLE tg_bad (body text, sent text);
CREATE TRIGGER tag BEFORE INSERT ON tg_bad FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'sentiment=sent');
SELECT throws_ok($$INSERT INTO tg_bad VALUES ('x')$$, '42804',
	'empathy.tag_message: column "sent" of relation "tg_bad" has type text', 'a column of the wrong type is named');
DROP TRIGGER tag ON tg_bad;
CREATE TRIGGER tag BEFORE INSERT ON tg_bad FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'sentiment=missing');
SELECT throws_ok($$INSERT INTO tg_bad VALUES ('x')$$, '42703',
	'empathy.tag_message: column "missing" of relation "tg_bad" does not exist', 'a missing column is named');
DROP TRIGGER tag ON tg_bad;
CREATE TRIGGER tag BEFORE INSERT ON tg_bad FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'mood=sent');
SELECT throws_ok($$INSERT INTO tg_bad VALUES ('x')$$, '22023', NULL, 'an unknown key is an error');

-- markers= and empathy= need functions that this version may not have
CREATE TRIGGER tag_reply BEFORE INSERT ON tg_msgs FOR EACH ROW
	EXECUTE FUNCTION empathy.tag_message('body', 'markers=mk', 'role=role');
SELECT CASE WHEN to_regprocedure('empathy.markers(text)') IS NULL THEN
	throws_ok($$INSERT INTO tg_msgs (body, role) VALUES ('I am so sorry', 'agent')$$, '42883',
		'empathy.tag_message: function empathy.markers(text) does not exist', 'markers= without empathy.markers is a clear error')
ELSE
	lives_ok($$INSERT INTO tg_msgs (body, role) VALUES ('I am so sorry', 'agent'), ('I am so sorry', 'customer')$$,
		'markers= fills agent replies')
END;
SELECT CASE WHEN to_regprocedure('empathy.markers(text)') IS NULL THEN pass('(empathy.markers is not installed)')
ELSE is((SELECT count(*)::int FROM tg_msgs WHERE body = 'I am so sorry' AND ((role = 'agent') = (mk IS NOT NULL))), 2,
	'markers only on agent rows') END;
DROP TRIGGER tag_reply ON tg_msgs;
CREATE TRIGGER tag_empathy BEFORE INSERT ON tg_msgs FOR EACH ROW
	EXECUTE FUNCTION empathy.tag_message('body', 'empathy=emp', 'role=role', 'customer_message=customer_message',
		'customer_name=customer_name');
SELECT CASE WHEN to_regprocedure('empathy.empathy_score(text, text, text)') IS NULL THEN
	throws_ok($$INSERT INTO tg_msgs (body, role) VALUES ('I am so sorry', 'agent')$$, '42883',
		'empathy.tag_message: function empathy.empathy_score(text, text, text) does not exist',
		'empathy= without empathy.empathy_score is a clear error')
ELSE
	lives_ok($$INSERT INTO tg_msgs (body, role, customer_message, customer_name)
		VALUES ('I''m so sorry Ann, that sounds frustrating.', 'agent', 'I am so angry', 'Ann')$$, 'empathy= fills the score')
END;
SELECT CASE WHEN to_regprocedure('empathy.empathy_score(text, text, text)') IS NULL THEN pass('(empathy.empathy_score is not installed)')
ELSE ok((SELECT emp BETWEEN 0 AND 100 FROM tg_msgs WHERE customer_name = 'Ann'), 'the score is between 0 and 100') END;

SELECT * FROM finish();
ROLLBACK;
