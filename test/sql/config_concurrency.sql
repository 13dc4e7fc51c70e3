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
-- under REPEATABLE READ the second fails to serialize
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM configurations WHERE name LIKE 'cc\_%';
SELECT dblink_exec('other', $$UPDATE empathy.configurations SET parent = 'cc_child' WHERE name = 'cc_b'$$);
UPDATE configurations SET parent = 'cc_b' WHERE name = 'cc_child';
ROLLBACK;
SELECT name, parent, description FROM configurations WHERE name LIKE 'cc\_%' ORDER BY name;

SELECT dblink_disconnect('other');
DELETE FROM configurations WHERE name LIKE 'cc\_%';
DROP EXTENSION dblink;
