-- Concurrent changes to the tree of configurations: a second session,
-- through dblink, changes it while this one is in a transaction.
CREATE EXTENSION dblink;
SET search_path = empathy, public;
\set VERBOSITY terse
SELECT dblink_connect('other', format('host=%s port=%s dbname=%s user=%s',
	coalesce(nullif(trim(split_part(current_setting('unix_socket_directories'), ',', 1)), ''), 'localhost'),
	current_setting('port'),
	current_database(), current_user)) AS connected;

-- REPEATABLE READ: a configuration derived from cc_parent by a transaction
-- committed after this one's snapshot is not visible here.  Dropping or
-- renaming cc_parent would leave it without a parent: it fails to serialize.
SELECT create_configuration('cc_parent');
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM configurations WHERE name LIKE 'cc\_%';
SELECT dblink_exec('other', $$INSERT INTO empathy.configurations (name, parent) VALUES ('cc_child', 'cc_parent')$$);
DELETE FROM configurations WHERE name = 'cc_parent';
ROLLBACK;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM configurations WHERE name LIKE 'cc\_%';
SELECT dblink_exec('other', $$INSERT INTO empathy.configurations (name, parent) VALUES ('cc_child2', 'cc_parent')$$);
UPDATE configurations SET name = 'cc_renamed' WHERE name = 'cc_parent';
ROLLBACK;
SELECT name, parent FROM configurations WHERE name LIKE 'cc\_%' ORDER BY name;
-- a change to a description alone does not wait for anything
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM configurations WHERE name LIKE 'cc\_%';
SELECT dblink_exec('other', $$INSERT INTO empathy.configurations (name, parent) VALUES ('cc_child3', 'cc_parent')$$);
UPDATE configurations SET description = 'the parent' WHERE name = 'cc_parent';
COMMIT;

-- READ COMMITTED: two sessions each making one configuration derive from
-- the other would make a cycle.  The second waits for the first to end,
-- then finds the cycle.
SELECT create_configuration('cc_a'), create_configuration('cc_b');
BEGIN;
UPDATE configurations SET parent = 'cc_b' WHERE name = 'cc_a';
SELECT dblink_send_query('other', $$UPDATE empathy.configurations SET parent = 'cc_a' WHERE name = 'cc_b'$$);
DO $$
BEGIN
	FOR i IN 1..600 LOOP
		-- pg_stat_activity is read once a transaction unless its snapshot is cleared
		PERFORM pg_stat_clear_snapshot();
		PERFORM FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%SET parent = ''cc_a''%';
		EXIT WHEN FOUND;
		PERFORM pg_sleep(0.05);
	END LOOP;
END $$;
SELECT count(*) AS other_session_waits FROM pg_stat_activity
WHERE wait_event_type = 'Lock' AND query LIKE '%SET parent = ''cc_a''%';
COMMIT;
SELECT * FROM dblink_get_result('other', false) AS t(status text);
SELECT split_part(dblink_error_message('other'), E'\n', 1) AS other_session;
SELECT * FROM dblink_get_result('other', false) AS t(status text);
-- two sessions creating one name at once: the second waits for the first, then is told
-- the configuration exists (not of a duplicate key)
BEGIN;
SELECT create_configuration('cc_race');
SELECT dblink_send_query('other', $$SELECT empathy.create_configuration('cc_race')$$);
DO $$
BEGIN
	FOR i IN 1..600 LOOP
		PERFORM pg_stat_clear_snapshot();
		PERFORM FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%create_configuration(''cc_race'')%';
		EXIT WHEN FOUND;
		PERFORM pg_sleep(0.05);
	END LOOP;
END $$;
COMMIT;
SELECT * FROM dblink_get_result('other', false) AS t(status text);
SELECT split_part(dblink_error_message('other'), E'\n', 1) AS other_session;
SELECT * FROM dblink_get_result('other', false) AS t(status text);
DELETE FROM configurations WHERE name = 'cc_race';
-- under REPEATABLE READ the second fails to serialize
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM configurations WHERE name LIKE 'cc\_%';
SELECT dblink_exec('other', $$UPDATE empathy.configurations SET parent = 'cc_child' WHERE name = 'cc_b'$$);
UPDATE configurations SET parent = 'cc_b' WHERE name = 'cc_child';
ROLLBACK;
SELECT name, parent, description FROM configurations WHERE name LIKE 'cc\_%' ORDER BY name;

-- Under READ COMMITTED a configuration is read with the latest snapshot, as catalogs are.
-- A REPEATABLE READ transaction reads it with its own snapshot, as it reads any table: one
-- rebuilt there after another session changed it is as the transaction's snapshot has it, and
-- is not kept once the transaction ends.
SELECT create_configuration('cc_terms');
INSERT INTO config_terms VALUES ('cc_terms', 'parcel', 'anger', 3);
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT dominant_emotion('cc_terms', 'parcel') AS before_change;
SELECT dblink_exec('other', $$UPDATE empathy.config_terms SET dimension = 'joy' WHERE config = 'cc_terms'$$);
SELECT dominant_emotion('cc_terms', 'parcel') AS in_transaction;
COMMIT;
SELECT dominant_emotion('cc_terms', 'parcel') AS after_commit,
	dblink_exec('other', $$UPDATE empathy.config_terms SET dimension = 'fear' WHERE config = 'cc_terms'$$) AS changed_again;
SELECT dominant_emotion('cc_terms', 'parcel') AS next_statement;
SELECT * FROM dblink('other', $$SELECT empathy.dominant_emotion('cc_terms', 'parcel')$$) AS t(fresh_session text);

-- A configuration built while another session's change commits: the change's invalidation,
-- read when the build takes its locks, must not free the scorer just built (it did, and the
-- call read freed memory: valgrind shows it, and at times the server crashed).
SELECT create_configuration('cc_lock');
INSERT INTO config_terms VALUES ('cc_lock', 'zorp', 'anger', 3);
SELECT dblink_send_query('other', $q$DO $x$ BEGIN LOCK TABLE empathy.config_terms IN ACCESS EXCLUSIVE MODE;
	UPDATE empathy.config_model SET value = value WHERE false; PERFORM pg_sleep(0.5); END $x$$q$);
DO $$
BEGIN
	FOR i IN 1..600 LOOP
		PERFORM FROM pg_locks WHERE relation = 'empathy.config_terms'::regclass AND mode = 'AccessExclusiveLock'
			AND granted AND pid <> pg_backend_pid();
		EXIT WHEN FOUND;
		PERFORM pg_sleep(0.05);
	END LOOP;
END $$;
SELECT emotion_labels('cc_lock', 'zorp zorp') AS built_during_commit, sentiment('cc_lock', 'zorp') < 0 AS negative;
SELECT * FROM dblink_get_result('other', false) AS t(status text);
SELECT * FROM dblink_get_result('other', false) AS t(status text);

-- One statement, one configuration: a change another session commits while a statement runs
-- (here, as its third row is read) applies from the next statement; every row of this one is
-- scored as the configuration was when the statement first used it.
SELECT create_configuration('cc_stmt');
INSERT INTO config_terms VALUES ('cc_stmt', 'zorp', 'sentiment', -3);
SELECT g, sentiment('cc_stmt', 'zorp') < 0 AS negative
FROM generate_series(1, 5) g
CROSS JOIN LATERAL (SELECT CASE WHEN g = 3 THEN dblink_exec('other',
	$$UPDATE empathy.config_terms SET weight = 3 WHERE config = 'cc_stmt'$$) END AS changed OFFSET 0) x
ORDER BY g;
SELECT sentiment('cc_stmt', 'zorp') < 0 AS next_statement_negative;
-- also when the statement uses more configurations than the session keeps built, so that
-- each is evicted and built again while it runs: every build of one statement reads the
-- same rows
SELECT create_configuration('cc_ev1'), create_configuration('cc_ev2');
INSERT INTO config_terms VALUES ('cc_ev1', 'zorp', 'sentiment', -3), ('cc_ev2', 'zorp', 'sentiment', -3);
SET empathy.config_cache_size = 1;
SELECT g, sentiment(CASE WHEN g % 2 = 0 THEN 'cc_ev1' ELSE 'cc_ev2' END, 'zorp') < 0 AS negative
FROM generate_series(1, 6) g
CROSS JOIN LATERAL (SELECT CASE WHEN g = 3 THEN dblink_exec('other',
	$$UPDATE empathy.config_terms SET weight = 3 WHERE config IN ('cc_ev1', 'cc_ev2')$$) END AS changed OFFSET 0) x
ORDER BY g;
SELECT sentiment('cc_ev1', 'zorp') < 0 AS next_statement_negative;
RESET empathy.config_cache_size;
DELETE FROM configurations WHERE name IN ('cc_ev1', 'cc_ev2');
-- the statements of one message with several ("SELECT ...; SELECT ...") are statements of
-- their own: a change committed during the first applies to the second
SELECT create_configuration('cc_msg');
INSERT INTO config_terms VALUES ('cc_msg', 'zorp', 'sentiment', -3);
SELECT sentiment('cc_msg', 'zorp') < 0 AS first_negative,
	dblink_exec('other', $$UPDATE empathy.config_terms SET weight = 3 WHERE config = 'cc_msg'$$) AS changed \;
SELECT sentiment('cc_msg', 'zorp') < 0 AS second_negative;
DELETE FROM configurations WHERE name = 'cc_msg';
-- also when each row goes through an EXCEPTION block that rolls back (and changed no configuration)
CREATE FUNCTION pg_temp.guarded_sentiment(cfg text, t text) RETURNS float8 LANGUAGE plpgsql AS $$
BEGIN
	BEGIN
		PERFORM 1 / 0;
	EXCEPTION WHEN division_by_zero THEN NULL;
	END;
	RETURN empathy.sentiment(cfg, t);
END $$;
-- (no ORDER BY: a volatile function would be called after the sort, once every row is read)
SELECT g, pg_temp.guarded_sentiment('cc_stmt', 'zorp') > 0 AS positive
FROM generate_series(1, 5) g
CROSS JOIN LATERAL (SELECT CASE WHEN g = 3 THEN dblink_exec('other',
	$$UPDATE empathy.config_terms SET weight = -3 WHERE config = 'cc_stmt'$$) END AS changed OFFSET 0) x;
SELECT sentiment('cc_stmt', 'zorp') > 0 AS next_statement_positive;
UPDATE config_terms SET weight = 3 WHERE config = 'cc_stmt';
-- in a REPEATABLE READ transaction too; a configuration another session renames meanwhile
-- keeps its name there, as the transaction's snapshot has it
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT g, sentiment('cc_stmt', 'zorp') > 0 AS positive
FROM generate_series(1, 3) g
CROSS JOIN LATERAL (SELECT CASE WHEN g = 2 THEN dblink_exec('other',
	$$UPDATE empathy.configurations SET name = 'cc_stmt2' WHERE name = 'cc_stmt'$$) END AS changed OFFSET 0) x
ORDER BY g;
SELECT sentiment('cc_stmt', 'zorp') > 0 AS found_by_its_name;
ROLLBACK;
SELECT sentiment('cc_stmt2', 'zorp') > 0 AS renamed_positive;
-- this session's own changes apply at once, within a statement as well; a rolled-back
-- subtransaction's are undone at once
DO $$
BEGIN
	UPDATE empathy.config_terms SET weight = -3 WHERE config = 'cc_stmt2';
	RAISE NOTICE 'own change: %', empathy.sentiment('cc_stmt2', 'zorp') < 0;
	BEGIN
		UPDATE empathy.config_terms SET weight = 3 WHERE config = 'cc_stmt2';
		RAISE NOTICE 'in subtransaction: %', empathy.sentiment('cc_stmt2', 'zorp') < 0;
		RAISE EXCEPTION 'roll back';
	EXCEPTION WHEN raise_exception THEN
		RAISE NOTICE 'rolled back: %', empathy.sentiment('cc_stmt2', 'zorp') < 0;
	END;
END $$;

-- the same in REPEATABLE READ: own changes apply at once
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT sentiment('cc_stmt2', 'zorp') < 0 AS negative;
UPDATE config_terms SET weight = 3 WHERE config = 'cc_stmt2';
SELECT sentiment('cc_stmt2', 'zorp') > 0 AS own_change_positive;
ROLLBACK;

-- One statement, one version, in parallel workers too.  A parallel worker can only read the
-- transaction's snapshot: in a REPEATABLE READ transaction the leader reads configurations with
-- it as well, or after another session's change the leader would score its rows with the new
-- version and the workers theirs with the old one.
SELECT create_configuration('cc_par');
INSERT INTO config_terms VALUES ('cc_par', 'zorp', 'sentiment', -3);
CREATE TABLE cc_rows AS SELECT 'zorp'::text AS body FROM generate_series(1, 10);
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT sentiment('cc_par', 'zorp') < 0 AS negative;
SELECT dblink_exec('other', $$UPDATE empathy.config_terms SET weight = 3 WHERE config = 'cc_par'$$);
SELECT count(*) FILTER (WHERE sentiment('cc_par', body) < 0) AS leader_negative FROM cc_rows;
SET LOCAL force_parallel_mode = on;
SET LOCAL parallel_leader_participation = off;
SELECT count(*) FILTER (WHERE sentiment('cc_par', body) < 0) AS worker_negative FROM cc_rows;
COMMIT;
SELECT sentiment('cc_par', 'zorp') > 0 AS next_transaction_positive;
DROP TABLE cc_rows;

SELECT dblink_disconnect('other');
DELETE FROM configurations WHERE name LIKE 'cc\_%';
DROP EXTENSION dblink;

-- the extension dropped and created again in this session: configuration changes still
-- reach the cache (it looks its tables up again)
SELECT dominant_emotion('english', 'parcel') AS warm;
DROP EXTENSION empathy;
CREATE EXTENSION empathy;
SELECT empathy.create_configuration('cc_again');
INSERT INTO empathy.config_terms VALUES ('cc_again', 'parcel', 'anger', 3);
SELECT empathy.dominant_emotion('cc_again', 'parcel') AS first;
UPDATE empathy.config_terms SET dimension = 'joy' WHERE config = 'cc_again';
SELECT empathy.dominant_emotion('cc_again', 'parcel') AS changed;
DELETE FROM empathy.configurations WHERE name = 'cc_again';
