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
INSERT INTO config_terms VALUES ('telecom', repeat('word ', 40), 'anger', 1);
INSERT INTO config_terms VALUES ('telecom', repeat('ab', 50), 'anger', 1);
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

-- the built-in configuration is read-only
UPDATE configurations SET description = 'x' WHERE name = 'english';
DELETE FROM configurations WHERE name = 'english';
INSERT INTO configurations (name, parent, builtin) VALUES ('fake', NULL, true);
-- bad names and parents
SELECT create_configuration('Bad Name');
SELECT create_configuration('orphan', 'nowhere');
-- cycles are rejected
UPDATE configurations SET parent = 'telecom_uk' WHERE name = 'telecom';
UPDATE configurations SET parent = 'telecom' WHERE name = 'telecom';
-- dropping a configuration drops its terms
DELETE FROM configurations WHERE name = 'telecom_uk';
SELECT count(*) FROM config_terms WHERE config = 'telecom_uk';
DELETE FROM configurations WHERE name = 'telecom';
SELECT count(*) FROM config_terms;
SELECT sentiment('telecom', 'dropping');
