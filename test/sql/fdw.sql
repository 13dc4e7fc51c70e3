-- postgres_fdw with extensions 'empathy' ships the KPI aggregates with their GROUP BY to the
-- remote server; ces() with a text mode is computed locally (the constant's collation), with
-- the same result.  A loopback server: the remote tables are this database's.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS postgres_fdw;
DO $d$
BEGIN
	EXECUTE format('CREATE SERVER empathy_loop FOREIGN DATA WRAPPER postgres_fdw
		OPTIONS (host %L, port %L, dbname %L, extensions %L)',
		split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port'),
		current_database(), 'empathy');
END
$d$;
CREATE USER MAPPING FOR CURRENT_USER SERVER empathy_loop;
CREATE TABLE fdw_surveys (grp int, csat int, nps int, ces int, fcr boolean);
INSERT INTO fdw_surveys SELECT g % 3, 1 + g % 5, g % 11, 1 + g % 7, g % 4 <> 0 FROM generate_series(1, 300) g;
CREATE FOREIGN TABLE fdw_remote (grp int, csat int, nps int, ces int, fcr boolean)
	SERVER empathy_loop OPTIONS (table_name 'fdw_surveys');
CREATE FUNCTION pg_temp.remote_sql(q text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
DECLARE
	l text;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
		IF l ~ 'Remote SQL' THEN
			RETURN NEXT btrim(l);
		END IF;
	END LOOP;
END
$f$;
SELECT pg_temp.remote_sql('SELECT grp, empathy.csat(csat), empathy.nps(nps), empathy.ces(ces, 7), empathy.rate(fcr), empathy.rate_ci(fcr) FROM fdw_remote GROUP BY grp');
SELECT pg_temp.remote_sql('SELECT empathy.csat(csat, 5, 4), empathy.ces(ces) FROM fdw_remote');
SELECT pg_temp.remote_sql('SELECT grp, empathy.ces(ces, 7, ''agree'') FROM fdw_remote GROUP BY grp');
-- the same figures, shipped or not
SELECT (SELECT array_agg(x ORDER BY grp) FROM (SELECT grp, (empathy.csat(csat), empathy.nps(nps), empathy.ces(ces, 7),
		empathy.ces(ces, 7, 'agree'), empathy.rate(fcr), empathy.rate_ci(fcr))::text AS x FROM fdw_remote GROUP BY grp) r)
	= (SELECT array_agg(x ORDER BY grp) FROM (SELECT grp, (empathy.csat(csat), empathy.nps(nps), empathy.ces(ces, 7),
		empathy.ces(ces, 7, 'agree'), empathy.rate(fcr), empathy.rate_ci(fcr))::text AS x FROM fdw_surveys GROUP BY grp) l)
	AS same_figures;
DROP FOREIGN TABLE fdw_remote;
DROP TABLE fdw_surveys;
DROP USER MAPPING FOR CURRENT_USER SERVER empathy_loop;
DROP SERVER empathy_loop;
DROP EXTENSION postgres_fdw;
