-- Scoring configurations: derived configurations with user terms.
SET search_path = public, empathy;
SET extra_float_digits = 0;

SELECT name, parent, builtin FROM configurations ORDER BY name;

-- the built-in configuration by name gives the same scores as the one-argument form
SELECT sentiment('english', 'I am so happy') = sentiment('I am so happy') AS same;

-- unknown configuration
SELECT sentiment('klingon', 'I am so happy');
SELECT sentiment('', 'I am so happy');
SELECT sentiment(NULL, 'I am so happy') IS NULL AS null_config;

-- a derived configuration with domain terms
SELECT create_configuration('telecom', 'english', 'words of our telecom customers');
SELECT sentiment('telecom', 'my signal is dropping') AS before;
INSERT INTO config_terms VALUES ('telecom', 'dropping', 'frustration', 2), ('telecom', 'dropping', 'sentiment', -2),
	('telecom', 'no bars', 'frustration', 2.5), ('telecom', 'no bars', 'sentiment', -2);
-- takes effect for the next statement, without reconnecting
SELECT sentiment('telecom', 'my signal is dropping') < 0 AS after,
       dominant_emotion('telecom', 'my signal is dropping') AS dominant,
       sentiment('english', 'my signal is dropping') = sentiment('my signal is dropping') AS english_unchanged;
SELECT token, rule, dimension FROM explain('telecom', 'no bars again') WHERE dimension IN ('frustration');
-- modifier roles
INSERT INTO config_terms VALUES ('telecom', 'hella', 'booster', 1.8);
SELECT sentiment('telecom', 'hella dropping') < sentiment('telecom', 'dropping') AS booster_role;
-- one role a term: a booster cannot also be a negator
INSERT INTO config_terms VALUES ('telecom', 'hella', 'negator', 1);
INSERT INTO config_terms VALUES ('telecom', ' HELLA ', 'contrast', 1);
-- an expletive: a booster whose own feeling ('sentiment' and emotions set as for any term)
-- counts only when the cue it boosts is not positive
INSERT INTO config_terms VALUES ('telecom', 'frigging', 'expletive', 1.5), ('telecom', 'frigging', 'anger', 2),
	('telecom', 'frigging', 'sentiment', -1.5);
SELECT (emotions('telecom', 'frigging awesome') -> 'anger') = 0 AS expletive_before_praise,
       (emotions('telecom', 'frigging dropping again') -> 'anger') > 0 AS expletive_before_complaint;
-- an acronym of the trade (a broadband hub, say): its capitals are no shouting, in this configuration only;
-- it keeps its weights ("ASAP" is built in, with its own)
SELECT escalation_risk('telecom', 'the HUB light is red') > escalation_risk('telecom', 'the hub light is red') AS shouted_before;
INSERT INTO config_terms VALUES ('telecom', 'HUB', 'acronym', 1);
SELECT escalation_risk('telecom', 'the HUB light is red') = escalation_risk('telecom', 'the hub light is red') AS acronym_now,
       escalation_risk('english', 'the HUB light is red') > escalation_risk('english', 'the hub light is red') AS not_in_english,
       sentiment('I need it ASAP') = sentiment('I need it asap') AS builtin_acronym,
       sentiment('I need it ASAP') < 0 AS keeps_weights;
-- a configuration derived from a derived one
SELECT create_configuration('telecom_uk', 'telecom');
INSERT INTO config_terms VALUES ('telecom_uk', 'gutted', 'disappointment', 2.5), ('telecom_uk', 'gutted', 'sentiment', -2);
SELECT dominant_emotion('telecom_uk', 'gutted, the signal keeps dropping') AS inherits;
-- update and delete take effect too
UPDATE config_terms SET weight = 2 WHERE config = 'telecom' AND term = 'dropping' AND dimension = 'sentiment';
SELECT sentiment('telecom', 'my signal is dropping') > 0 AS updated;
DELETE FROM config_terms WHERE config = 'telecom' AND term = 'dropping';
SELECT sentiment('telecom', 'my signal is dropping') = sentiment('my signal is dropping') AS deleted;
-- in a transaction that rolls back, the change goes away
BEGIN;
INSERT INTO config_terms VALUES ('telecom', 'fine', 'anger', 3);
SELECT dominant_emotion('telecom', 'fine') AS inside;
ROLLBACK;
SELECT dominant_emotion('telecom', 'fine') AS after_rollback;

-- malformed entries are rejected on insert
INSERT INTO config_terms VALUES ('telecom', '   ', 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', '!!! ???', 'anger', 1);
-- a message quoting a long multibyte term cuts it on a character boundary
INSERT INTO config_terms VALUES ('telecom', 'a' || repeat('é', 70), 'joy', 1);
INSERT INTO config_terms VALUES ('telecom', repeat('word ', 40), 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', repeat('ab', 50), 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', repeat('a', 65), 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', 'slow', 'rage', 1);
INSERT INTO config_terms VALUES ('telecom', 'slow', 'anger', 11);
INSERT INTO config_terms VALUES ('telecom', 'slow', 'anger', 'NaN');
INSERT INTO config_terms VALUES ('nowhere', 'slow', 'anger', 1);
INSERT INTO config_terms VALUES ('english', 'slow', 'anger', 1);
-- duplicates and conflicts: one weight per (term, dimension)
INSERT INTO config_terms VALUES ('telecom', 'laggy', 'frustration', 1), ('telecom', 'laggy', 'frustration', 2);
INSERT INTO config_terms VALUES ('telecom', 'laggy', 'frustration', 1)
	ON CONFLICT (config, term, dimension) DO UPDATE SET weight = excluded.weight;
SELECT term, dimension, weight FROM config_terms WHERE term = 'laggy';
-- multibyte, emoji and exact-form terms
INSERT INTO config_terms VALUES ('telecom', '📶', 'frustration', 2), ('telecom', 'très lent', 'frustration', 2),
	('telecom', '=Slow', 'frustration', 1);
SELECT (emotions('telecom', '📶📶') -> 'frustration') > 0 AS emoji_term,
       (emotions('telecom', 'TRÈS LENT') -> 'frustration') > 0 AS multibyte_term;
-- exact words inside phrases: "=dropped" wants that form; the phrase by stems reads the rest
INSERT INTO config_terms VALUES ('telecom', 'call =dropped', 'anger', 2),
	('telecom', 'call drop', 'confusion', 2), ('telecom', 'my =bars', 'joy', 2);
SELECT t, array(SELECT DISTINCT dimension FROM explain('telecom', t) e
	WHERE rule = 'phrase' AND dimension IN ('anger', 'confusion', 'joy') ORDER BY 1) AS phrases
FROM (VALUES ('my call dropped'), ('MY CALL DROPPED!'), ('ｃａｌｌ ｄｒｏｐｐｅｄ'), ('does the call drop?'),
	('the call drops'), ('the call droppped'), ('my bars'), ('my bar'), ('my barred line')) v(t);
SELECT token, rule, dimension, weight FROM explain('telecom', 'call dropped') WHERE dimension = 'anger';
-- an emotion's twin row on sentiment is shown when the sentiment's evidence cancels out, with 0
INSERT INTO config_terms VALUES ('telecom', 'jolly2', 'joy', 3), ('telecom', 'flarby', 'sentiment', -3);
SELECT token, dimension, weight, round(contribution::numeric, 3) AS contribution FROM explain('telecom', 'jolly2 flarby') ORDER BY position, dimension;
DELETE FROM config_terms WHERE config = 'telecom' AND term IN ('jolly2', 'flarby');
-- a configuration's phrase by stems speaks for the built-in readings with exact words it
-- writes over: "your manager" sets the built-in "your =manager" too
INSERT INTO config_terms VALUES ('telecom', 'your manager', 'joy', 2);
SELECT DISTINCT token, dimension, weight FROM explain('telecom', 'I want your manager') WHERE dimension = 'joy' AND rule = 'phrase';
-- so does a word by stems for the built-in exact words it writes over ("excellent" over
-- "=excellent", which the lookup finds first); an exact word the configuration writes keeps its own
INSERT INTO config_terms VALUES ('telecom', 'excellent', 'sentiment', -3), ('telecom', 'excellent', 'joy', 0),
	('telecom', 'shameful', 'joy', 2),
	('telecom', '=shameful', 'joy', 1);
SELECT c, t, sentiment(c, t) < 0 AS negative
FROM (VALUES ('english'), ('telecom')) c(c), (VALUES ('The line is excellent.'), ('EXCELLENT!!'), ('ｅｘｃｅｌｌｅｎｔ')) v(t)
ORDER BY 1, 2;
SELECT t, array(SELECT DISTINCT weight FROM explain('telecom', t) WHERE dimension = 'joy' AND rule = 'lexicon') AS joy
FROM (VALUES ('shameful'), ('shame')) v(t);
-- only the exact word of that form: "help" does not set "=helpful" nor "=helped"; and a child
-- configuration's word reaches an exact word its parent wrote
INSERT INTO config_terms VALUES ('telecom', 'help', 'frustration', 1.5);
SELECT t, (emotions('telecom', t) -> 'frustration') > 0 AS frustrated
FROM (VALUES ('The staff were so helpful.'), ('They helped me.'), ('I need help.')) v(t);
INSERT INTO config_terms VALUES ('telecom', '=excellent', 'joy', 3), ('telecom_uk', 'excellent', 'joy', 0);
SELECT c, array(SELECT DISTINCT weight FROM explain(c, 'excellent') WHERE dimension = 'joy' AND rule = 'lexicon') AS joy
FROM (VALUES ('telecom'), ('telecom_uk')) v(c);
DELETE FROM config_terms WHERE config IN ('telecom', 'telecom_uk') AND term IN ('help', '=excellent', 'excellent')
	AND dimension IN ('frustration', 'joy') AND weight IN (1.5, 3) OR (config = 'telecom_uk' AND term = 'excellent');
-- an "=" marks the word right after it, wherever it stands ("(=fixed)", "a=b": "a" and an exact
-- "b"), so must stand right before one; one that begins an emoticon ("=)") marks none
INSERT INTO config_terms VALUES ('telecom', 'you =', 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', 'you ="fixed"', 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', '="fixed"', 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', 'so ={feeling}', 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', '=', 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', 'you ==fixed', 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', 'you =fixed=', 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', '(=dropped)', 'anger', 1), ('telecom', 'a=b', 'anger', 1);
SELECT t, (emotions('telecom', t) -> 'anger') > 0 AS angry FROM (VALUES ('dropped'), ('drops'), ('a=b')) v(t);
DELETE FROM config_terms WHERE config = 'telecom' AND term IN ('(=dropped)', 'a=b');
INSERT INTO config_terms VALUES ('telecom', '=(', 'anger', 2), ('telecom', 'no signal =(', 'anger', 2);
SELECT t, round((emotions('telecom', t) -> 'anger')::numeric, 2) AS telecom,
       round((emotions(t) -> 'anger')::numeric, 2) AS english
FROM (VALUES ('fine =('), ('no signal =('), ('no signal')) v(t);

-- the built-in configuration is read-only
UPDATE configurations SET description = 'x' WHERE name = 'english';
DELETE FROM configurations WHERE name = 'english';
INSERT INTO configurations (name, parent, builtin) VALUES ('fake', NULL, true);
-- nor can a configuration be made built-in
SELECT create_configuration('made');
UPDATE configurations SET builtin = true WHERE name = 'made';
DELETE FROM configurations WHERE name = 'made';
-- bad names and parents
SELECT create_configuration('Bad Name');
SELECT create_configuration('9lives');
SELECT create_configuration('');
SELECT create_configuration('日本');
SELECT create_configuration(NULL);
SELECT create_configuration('nameless_parent', NULL);
-- a booster's and a dampener's weight is a factor on the next words: above 1, below 1
INSERT INTO config_terms VALUES ('telecom', 'hella', 'booster', 0.5);
INSERT INTO config_terms VALUES ('telecom', 'kinda', 'dampener', 5);
INSERT INTO config_terms VALUES ('telecom', 'kinda', 'dampener', -0.5);
INSERT INTO config_terms VALUES ('telecom', 'frigging', 'expletive', 1);
-- an acronym is one or not: weight 1
INSERT INTO config_terms VALUES ('telecom', 'SKU', 'acronym', 2);
-- and one word
INSERT INTO config_terms VALUES ('telecom', 'speak to a manager', 'acronym', 1);
INSERT INTO config_model VALUES ('telecom', 'expletive_positive', -1);
-- model counts are whole numbers, factors and steps not negative
INSERT INTO config_model VALUES ('telecom', 'exclaim_max', -1);
INSERT INTO config_model VALUES ('telecom', 'caps_max_words', 2.5);
INSERT INTO config_model VALUES ('telecom', 'caps_factor', -2);
INSERT INTO config_model VALUES ('telecom', 'question_step', -0.1);
INSERT INTO config_model VALUES ('telecom', 'strong_cue_keep', 1.5);
INSERT INTO config_model VALUES ('telecom', 'question_keep', 1.5);
INSERT INTO config_model VALUES ('telecom', 'signoff_keep', -0.5);
INSERT INTO config_model VALUES ('telecom', 'signoff_praise', 1e6);
INSERT INTO config_model VALUES ('telecom', 'sarcasm_below', -1.5);
INSERT INTO config_model VALUES ('telecom', 'strong_cue', 0);
INSERT INTO config_model VALUES ('telecom', 'sentence_floor', -1);
INSERT INTO config_model VALUES ('telecom', 'length_tokens', 0);
SELECT create_configuration('orphan', 'nowhere');
-- cycles are rejected
UPDATE configurations SET parent = 'telecom_uk' WHERE name = 'telecom';
UPDATE configurations SET parent = 'telecom' WHERE name = 'telecom';
SELECT create_configuration('selfish', 'selfish');
SELECT create_configuration('telecom');
SELECT create_configuration('english');
INSERT INTO configurations (name, parent) VALUES ('selfish', 'selfish');
UPDATE configurations SET parent = 'nowhere' WHERE name = 'telecom_uk';
-- a configuration others derive from is not dropped on its own
DELETE FROM configurations WHERE name = 'telecom';
-- a renamed configuration keeps its children, its terms and its scores
CREATE TEMP TABLE before_rename AS SELECT sentiment('telecom_uk', 'gutted, the signal keeps dropping') AS s;
UPDATE configurations SET name = 'telco' WHERE name = 'telecom';
SELECT name, parent FROM configurations WHERE name LIKE 'tel%' ORDER BY name;
SELECT count(*) > 0 AS terms_follow FROM config_terms WHERE config = 'telco';
SELECT sentiment('telecom_uk', 'gutted, the signal keeps dropping') = s AS same_scores FROM before_rename;
SELECT sentiment('telecom', 'dropping');
UPDATE configurations SET name = 'telecom' WHERE name = 'telco';
-- TRUNCATE would take the built-in configuration with it
TRUNCATE configurations CASCADE;
SELECT count(*) FROM configurations;
-- dropping a configuration drops its terms
DELETE FROM configurations WHERE name = 'telecom_uk';
SELECT count(*) FROM config_terms WHERE config = 'telecom_uk';
DELETE FROM configurations WHERE name = 'telecom';
SELECT count(*) FROM config_terms;
SELECT sentiment('telecom', 'dropping');

-- model parameters of a derived configuration (empathy.config_model)
SELECT create_configuration('support', 'english', 'contact-centre sentiment: emotions of thanks do not count');
SELECT sentiment('support', 'can I get a refund for my order') = sentiment('can I get a refund for my order') AS same_before;
INSERT INTO config_model VALUES ('support', 'valence_from.joy', 0), ('support', 'valence_from.gratitude', 0);
SELECT sentiment('support', 'can I get a refund for my order') < sentiment('can I get a refund for my order') AS joy_no_longer_counts,
       emotions('support', 'can I get a refund for my order') -> 'joy' = emotions('can I get a refund for my order') -> 'joy' AS joy_itself_unchanged;
-- a threshold: labels follow the configuration's own
INSERT INTO config_model VALUES ('support', 'threshold.fear', 0.9);
SELECT emotion_labels('I''m worried my card was stolen') AS english, emotion_labels('support', 'I''m worried my card was stolen') AS support;
-- and a stored profile's labels under the configuration's thresholds, or the built-in ones
SELECT emotion_labels('support', emotions('support', 'I''m worried my card was stolen')) AS profile_support,
       dominant_emotion('support', emotions('support', 'I''m worried my card was stolen')) AS dominant_support,
       emotion_labels(emotions('support', 'I''m worried my card was stolen')) AS profile_builtin,
       dominant_emotion(emotions('support', 'I''m worried my card was stolen')) AS dominant_builtin,
       dominant_emotion('english', '(fear:0.6)'::emotions) AS english,
       dominant_emotion('support', NULL::emotions) IS NULL AS strict;
SELECT dominant_emotion('no_such_config', '(fear:0.6)'::emotions);
SELECT emotion_labels('', '(fear:0.6)'::emotions);
-- inherited by a derived configuration, and overridden there
SELECT create_configuration('support_emea', 'support');
SELECT emotion_labels('support_emea', 'I''m worried my card was stolen') = emotion_labels('support', 'I''m worried my card was stolen') AS inherited;
INSERT INTO config_model VALUES ('support_emea', 'threshold.fear', 0.01);
SELECT 'fear' = ANY (emotion_labels('support_emea', 'I''m worried my card was stolen')) AS overridden;
-- a strong cue kept in a long sentence, or not (strong_cue_keep 0)
SELECT create_configuration('no_keep', 'english');
INSERT INTO config_model VALUES ('no_keep', 'strong_cue_keep', 0);
SELECT emotion_labels('my husband passed away last month and I need to cancel his policy and ask about the life insurance claim') AS kept,
       emotion_labels('no_keep', 'my husband passed away last month and I need to cancel his policy and ask about the life insurance claim') AS not_kept;
DELETE FROM configurations WHERE name = 'no_keep';
-- a plain question keeps half its praise, or all of it (question_keep 1)
SELECT create_configuration('as_said', 'english');
INSERT INTO config_model VALUES ('as_said', 'question_keep', 1);
SELECT round(sentiment('Is my house safe to sleep in?')::numeric, 3) AS asked,
       round(sentiment('as_said', 'Is my house safe to sleep in?')::numeric, 3) AS as_said,
       round(sentiment('as_said', 'My house is safe to sleep in.')::numeric, 3) AS told;
DELETE FROM configurations WHERE name = 'as_said';
-- a sign-off keeps none of its thanks, or all of it (signoff_keep 1); signoff_praise -100: only after negative text
SELECT create_configuration('signed', 'english');
INSERT INTO config_model VALUES ('signed', 'signoff_keep', 1);
SELECT round(sentiment('Is the 9:15 still running? Thanks, Marion')::numeric, 3) AS signed_off,
       round(sentiment('signed', 'Is the 9:15 still running? Thanks, Marion')::numeric, 3) AS thanked,
       round(sentiment('signed', 'Is the 9:15 still running?')::numeric, 3) AS asked;
UPDATE config_model SET value = 0 WHERE config = 'signed' AND parameter = 'signoff_keep';
INSERT INTO config_model VALUES ('signed', 'signoff_praise', -100);
SELECT round(sentiment('signed', 'Is the 9:15 still running? Thanks, Marion')::numeric, 3) AS not_after_neutral;
DELETE FROM configurations WHERE name = 'signed';
-- terse praise after a complaint is sarcasm, or praise (sarcasm_below -1: the rule is off)
SELECT create_configuration('literal', 'english');
INSERT INTO config_model VALUES ('literal', 'sarcasm_below', -1);
SELECT sentiment('My order is late again. Great.') < 0 AS sarcasm,
       sentiment('literal', 'My order is late again. Great.') > 0 AS literal;
DELETE FROM configurations WHERE name = 'literal';
-- explain still adds up under the configuration's model
SELECT bool_and(abs(x.s - CASE WHEN x.d = 'sentiment' THEN sentiment('support', t) ELSE emotions('support', t) -> x.d END) < 1e-4) AS adds_up
FROM (VALUES ('I was happy at first but now I am NOT happy!!! thanks for nothing')) v(t),
LATERAL (SELECT dimension AS d, sum(contribution) AS s FROM explain('support', t) WHERE dimension <> 'escalation' GROUP BY 1) x;
-- bad parameters are rejected with the reason
INSERT INTO config_model VALUES ('support', 'valence_from.sentiment', 1);
INSERT INTO config_model VALUES ('support', 'threshold', 0.3);
INSERT INTO config_model VALUES ('support', 'no_such_parameter', 1);
INSERT INTO config_model VALUES ('support', 'sentiment_scale', 'NaN');
INSERT INTO config_model VALUES ('support', 'negation_scope', 1e9);
INSERT INTO config_model VALUES ('support', '', 1);
INSERT INTO config_model VALUES ('support', 'sentiment_scale', NULL);
INSERT INTO config_model VALUES ('english', 'sentiment_scale', 3);
INSERT INTO config_model VALUES ('nowhere', 'sentiment_scale', 3);
INSERT INTO config_model VALUES ('support', 'threshold.🙂', 0.3);
INSERT INTO config_model VALUES ('support', 'sentiment_threshold', 0.3);
INSERT INTO config_model VALUES ('support', repeat('threshold.anger', 10000), 0.3);
INSERT INTO config_model VALUES ('support', '   ', 0.3);
-- values the scorer would not use as given
INSERT INTO config_model VALUES ('support', 'sentiment_scale', 0);
INSERT INTO config_model VALUES ('support', 'escalation_scale', 1e-300);
INSERT INTO config_model VALUES ('support', 'intensity_scale', -1);
INSERT INTO config_model VALUES ('support', 'threshold.anger', 1.5);
INSERT INTO config_model VALUES ('support', 'threshold.joy', -0.1);
INSERT INTO config_model VALUES ('support', 'negation_scope', 2.5);
INSERT INTO config_model VALUES ('support', 'negation_scope', 1000);
UPDATE config_model SET value = 0 WHERE config = 'support' AND parameter = 'valence_from.joy' RETURNING parameter, value;
INSERT INTO config_model VALUES ('support', 'threshold.fear', 1) ON CONFLICT (config, parameter) DO UPDATE SET value = -1;
-- extreme values give extreme scores, never NaN or an error
SELECT create_configuration('extreme', 'support');
INSERT INTO config_model VALUES ('extreme', 'sentiment_scale', 0.001), ('extreme', 'bias.anger', -1000),
	('extreme', 'bias.joy', 1000), ('extreme', 'intensity_scale', 0.001), ('extreme', 'negation_scope', 100),
	('extreme', 'caps_factor', 1000), ('extreme', 'length_tokens', 0), ('extreme', 'exclaim_max', -5),
	('extreme', 'valence_from.anger', -1000), ('extreme', 'escalation_scale', 0.001);
SELECT bool_and(sentiment('extreme', t) BETWEEN -1 AND 1) AS sentiment_in_range,
       bool_and(escalation_risk('extreme', t) BETWEEN 0 AND 1) AS risk_in_range,
       bool_and((SELECT bool_and(emotions('extreme', t) -> d <> 'NaN'::float8)
                 FROM unnest(ARRAY['anger', 'frustration', 'disappointment', 'sadness', 'fear', 'confusion', 'surprise',
                                   'joy', 'gratitude', 'disgust', 'sentiment', 'intensity']) AS d)) AS no_nan,
       bool_and((SELECT count(*) FROM explain('extreme', t) WHERE contribution = 'NaN'::real) = 0) AS explain_no_nan
FROM (VALUES ('I am NOT angry, I am FURIOUS!!!'), (''), ('not not not happy'), (repeat('angry ', 1000))) v(t);
DELETE FROM configurations WHERE name = 'extreme';

-- a change takes effect for the next statement; deleting the configuration deletes its parameters
UPDATE config_model SET value = 1 WHERE config = 'support' AND parameter = 'valence_from.joy';
SELECT sentiment('support', 'can I get a refund for my order') = sentiment('can I get a refund for my order') AS joy_counts_again;
DELETE FROM configurations WHERE name IN ('support_emea', 'support');
SELECT count(*) AS parameters_left FROM config_model WHERE config IN ('support', 'support_emea');
SELECT sentiment('support', 'x');

-- a search_path that puts someone else's schema before pg_catalog reaches none of its
-- operators or types from the extension's own queries
CREATE SCHEMA shadow;
CREATE FUNCTION shadow.loud_eq(text, text) RETURNS boolean LANGUAGE plpgsql AS
	$$ BEGIN RAISE EXCEPTION 'shadow operator called'; END $$;
CREATE OPERATOR shadow.= (LEFTARG = text, RIGHTARG = text, FUNCTION = shadow.loud_eq);
CREATE FUNCTION shadow.loud_check(float8) RETURNS boolean LANGUAGE plpgsql AS
	$$ BEGIN RAISE EXCEPTION 'shadow type called'; END $$;
CREATE DOMAIN shadow.float8 AS pg_catalog.float8 CHECK (shadow.loud_check(VALUE));
SELECT create_configuration('shadowed');
INSERT INTO config_terms VALUES ('shadowed', 'meh', 'disappointment', 2);
INSERT INTO config_markers VALUES ('shadowed', 'apology', 2, 'my bad');
SET search_path = shadow, pg_catalog, public, empathy;
SELECT empathy.dominant_emotion('shadowed', 'meh') AS terms, empathy.markers('shadowed', 'My bad, sorry.') AS markers,
       empathy.escalation_threshold() AS threshold;
RESET search_path;
SET search_path = public, empathy;
DELETE FROM configurations WHERE name = 'shadowed';
DROP SCHEMA shadow CASCADE;

-- a term for scoring written with exact words over a marker phrase keeps the marker: the reply
-- still apologises, thanks or takes ownership
SELECT create_configuration('exact_terms');
INSERT INTO config_markers VALUES ('exact_terms', 'ownership', 2, 'consider it done');
INSERT INTO config_terms VALUES ('exact_terms', 'sorry for the =delay', 'frustration', 1),
	('exact_terms', 'thank you for your =patience', 'joy', 1), ('exact_terms', 'consider it =done', 'joy', 1);
SELECT markers('exact_terms', 'Sorry for the delay.') AS apology,
	markers('exact_terms', 'Thank you for your patience.') AS gratitude,
	markers('exact_terms', 'Consider it done.') AS ownership,
	(empathy_score('exact_terms', 'Sorry for the delay.', 'Where is my order?', NULL)).score =
	(empathy_score('Sorry for the delay.', 'Where is my order?')).score AS same_score;
DELETE FROM configurations WHERE name = 'exact_terms';

-- changes made in replica mode, as logical replication's apply worker makes them on a
-- subscriber, invalidate the built configurations too
SELECT create_configuration('replicated');
SELECT sentiment('replicated', 'zork') AS before;
SET session_replication_role = replica;
INSERT INTO config_terms VALUES ('replicated', 'zork', 'sentiment', -2);
SELECT sentiment('replicated', 'zork') < 0 AS in_replica_mode;
UPDATE config_terms SET weight = 2 WHERE config = 'replicated' AND term = 'zork';
RESET session_replication_role;
SELECT sentiment('replicated', 'zork') > 0 AS after;
DELETE FROM configurations WHERE name = 'replicated';

-- a session keeps at most empathy.config_cache_size configurations built; past that the one
-- used least recently goes, and is built again when needed, scoring the same
SELECT create_configuration('lru_' || i) FROM generate_series(1, 3) i;
INSERT INTO config_terms SELECT 'lru_' || i, 'parcel', (ARRAY['anger', 'joy', 'fear'])[i], 3 FROM generate_series(1, 3) i;
INSERT INTO config_markers SELECT 'lru_' || i, 'ownership', 2, 'we will waive it' FROM generate_series(1, 3) i;
SET empathy.config_cache_size = 2;
SELECT string_agg(dominant_emotion('lru_' || (1 + k % 3), 'parcel'), ',' ORDER BY k) AS rotating,
       bool_and(markers('lru_' || (1 + k % 3), 'We will waive it.') = '{ownership}') AS markers_ok,
       bool_and((empathy_score('lru_' || (1 + k % 3), 'We will waive it.', 'late again', 'Ann')).score > 0) AS score_ok
FROM generate_series(0, 11) k;
SELECT count(*) FILTER (WHERE name = 'empathy configuration') <= 2 AS scorers_kept,
       count(*) FILTER (WHERE name = 'empathy configuration markers') <= 2 AS catalogues_kept
FROM pg_backend_memory_contexts;
RESET empathy.config_cache_size;
SHOW empathy.config_cache_size;
SET empathy.config_cache_size = 0;
DELETE FROM configurations WHERE name LIKE 'lru\_%';

-- the parent check deferred to the commit (SET CONSTRAINTS ALL DEFERRED) judges the rows as they
-- are then, as a foreign key does; a rename's children follow it at once
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO configurations (name, parent) VALUES ('dfr_a', 'dfr_missing');
UPDATE configurations SET parent = 'english' WHERE name = 'dfr_a';
INSERT INTO configurations (name, parent) VALUES ('dfr_gone', 'dfr_missing');
DELETE FROM configurations WHERE name = 'dfr_gone';
INSERT INTO configurations (name, parent) VALUES ('dfr_child', 'dfr_later'), ('dfr_later', 'english');
UPDATE configurations SET name = 'dfr_b' WHERE name = 'dfr_a';
INSERT INTO configurations (name, parent) VALUES ('dfr_c', 'dfr_b');
UPDATE configurations SET name = 'dfr_later2' WHERE name = 'dfr_later';
SELECT name, parent FROM configurations WHERE name LIKE 'dfr%' ORDER BY name;
COMMIT;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO configurations (name, parent) VALUES ('dfr_orphan', 'dfr_missing');
COMMIT;
DELETE FROM configurations WHERE name LIKE 'dfr%';
-- at most 16 derived configurations in a line: refused when made, not when used
DO $$
BEGIN
	PERFORM empathy.create_configuration('deep1');
	FOR i IN 2..16 LOOP
		PERFORM empathy.create_configuration('deep' || i, 'deep' || (i - 1));
	END LOOP;
END $$;
SELECT sentiment('deep16', 'I am happy') > 0 AS sixteen_deep_scores;
SELECT empathy.create_configuration('deep17', 'deep16');
-- moving a subtree under another counts the levels below it too
SELECT empathy.create_configuration('side1');
SELECT empathy.create_configuration('side2', 'side1');
UPDATE configurations SET parent = 'deep15' WHERE name = 'side1';
-- a description changes nothing in the line
UPDATE configurations SET description = 'sixteenth' WHERE name = 'deep16';
-- children inserted before their parents (the parent check deferred) are counted too
INSERT INTO configurations (name, parent) VALUES ('deep18', 'deep17'), ('deep17', 'deep16');
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO configurations (name, parent) VALUES ('loose3', 'loose2');
INSERT INTO configurations (name, parent) VALUES ('loose2', 'deep15');
ROLLBACK;
DELETE FROM configurations WHERE name IN ('side2');
DELETE FROM configurations WHERE name IN ('side1');
DO $$
BEGIN
	FOR i IN REVERSE 16..1 LOOP
		DELETE FROM empathy.configurations WHERE name = 'deep' || i;
	END LOOP;
END $$;
-- escalation weighed against by a configuration stays within 0..1
SELECT empathy.create_configuration('calm');
INSERT INTO config_model VALUES ('calm', 'escalation_from.escalation', -5), ('calm', 'escalation_caps', -1000);
SELECT escalation_risk('calm', 'I want to speak to a manager') AS against_cues,
       escalation_risk('calm', 'I AM SO ANGRY!!!') AS against_caps;
DELETE FROM configurations WHERE name = 'calm';
-- a rejected value is shown as given, not rounded
INSERT INTO config_model VALUES ('english', 'length_tokens', 1234567.5);
SELECT empathy.create_configuration('shown');
INSERT INTO config_model VALUES ('shown', 'length_tokens', 1234567.5);
INSERT INTO config_model VALUES ('shown', 'length_tokens', 1000001);
INSERT INTO config_model VALUES ('shown', 'length_tokens', 1.5);
-- the whole documented range is accepted (the table's check allowed only 1,000)
INSERT INTO config_model VALUES ('shown', 'length_tokens', 1000000);
SELECT value FROM config_model WHERE config = 'shown' AND parameter = 'length_tokens';
DELETE FROM config_model WHERE config = 'shown' AND parameter = 'length_tokens';
-- the check reads the value, not its text: with extra_float_digits = 0 the text is "1"
SET extra_float_digits = 0;
INSERT INTO config_model VALUES ('shown', 'threshold.anger', 1.0000000000000002);
INSERT INTO config_terms VALUES ('shown', 'kinda', 'dampener', 0.99999999999999999);
INSERT INTO config_terms VALUES ('shown', 'hella', 'booster', 1.0000000000000002);
SELECT weight > 1 AS above_one FROM config_terms WHERE config = 'shown' AND term = 'hella';
RESET extra_float_digits;
DELETE FROM configurations WHERE name = 'shown';
-- a name too long to be one is shown clipped
SELECT empathy.sentiment(repeat('x', 100000), 'fine');
-- the validation triggers on a table of one's own, or fired per statement or on TRUNCATE:
-- an error, never a row read that is not there
CREATE TABLE my_terms (config text, term text, dimension text, weight float8, parameter text, value float8,
	category text, strength int, phrase text);
CREATE TRIGGER v BEFORE INSERT ON my_terms FOR EACH STATEMENT EXECUTE FUNCTION empathy.config_terms_validate();
INSERT INTO my_terms (term, dimension, weight) VALUES ('x', 'joy', 1);
DROP TRIGGER v ON my_terms;
CREATE TRIGGER v BEFORE INSERT ON my_terms FOR EACH STATEMENT EXECUTE FUNCTION empathy.config_model_validate();
INSERT INTO my_terms (parameter, value) VALUES ('x', 1);
DROP TRIGGER v ON my_terms;
CREATE TRIGGER v BEFORE TRUNCATE ON my_terms FOR EACH STATEMENT EXECUTE FUNCTION empathy.config_markers_validate();
TRUNCATE my_terms;
DROP TRIGGER v ON my_terms;
CREATE TRIGGER v BEFORE INSERT ON my_terms FOR EACH ROW EXECUTE FUNCTION empathy.config_terms_validate();
INSERT INTO my_terms (term, dimension, weight) VALUES ('x', 'joy', 1);
DROP TRIGGER v ON my_terms;
SELECT empathy.create_configuration('trig');
CREATE TRIGGER v AFTER INSERT ON config_terms FOR EACH ROW EXECUTE FUNCTION empathy.config_terms_validate();
INSERT INTO config_terms VALUES ('trig', 'x', 'joy', 1);
DROP TRIGGER v ON config_terms;
DELETE FROM configurations WHERE name = 'trig';
-- the change trigger skips no row: it must fire AFTER
CREATE TRIGGER v BEFORE INSERT ON my_terms FOR EACH ROW EXECUTE FUNCTION empathy.config_changed();
INSERT INTO my_terms (term) VALUES ('kept');
SELECT count(*) FROM my_terms;
-- nor on a table that is not a configuration table: any role could make every session build
-- its configurations again at will
DROP TRIGGER v ON my_terms;
CREATE TRIGGER v2 AFTER INSERT ON my_terms FOR EACH STATEMENT EXECUTE FUNCTION empathy.config_changed();
INSERT INTO my_terms (term) VALUES ('kept');
DROP TRIGGER v2 ON my_terms;
DROP TABLE my_terms;
SELECT empathy.config_terms_validate();
-- a quote cut short in a message keeps whole characters: no half character reaches the client
SELECT empathy.create_configuration('cut');
INSERT INTO config_terms VALUES ('cut', '!' || repeat('«', 40), 'joy', 1);
INSERT INTO config_model VALUES ('cut', '!' || repeat('é', 40), 1);
DELETE FROM configurations WHERE name = 'cut';
