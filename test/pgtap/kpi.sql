-- KPI aggregates against hand-computed values, and every error with its SQLSTATE.
BEGIN;
SELECT plan(64);

CREATE TEMP TABLE answers (grp text, nps int, csat int, ces int, fcr boolean);
INSERT INTO answers VALUES
	('a', 10, 5, 7, true),
	('a', 9, 4, 6, true),
	('a', 9, 3, 5, false),
	('a', 8, 2, 4, NULL),
	('a', 7, 1, 3, true),
	('a', 6, 5, 2, false),
	('a', 0, NULL, 1, true),
	('a', NULL, 5, NULL, NULL),
	('b', 10, 5, 7, true),
	('b', 10, 4, 7, true);

-- the objects
SELECT has_function('empathy', 'nps', ARRAY['integer'], 'empathy.nps(integer) exists');
SELECT has_function('empathy', 'csat', ARRAY['integer'], 'empathy.csat(integer) exists');
SELECT has_function('empathy', 'csat', ARRAY['integer', 'integer'], 'empathy.csat(integer, integer) exists');
SELECT has_function('empathy', 'csat', ARRAY['integer', 'integer', 'integer'], 'empathy.csat(integer, integer, integer) exists');
SELECT has_function('empathy', 'ces', ARRAY['integer', 'integer', 'text'], 'empathy.ces(integer, integer, text) exists');
SELECT has_function('empathy', 'rate', ARRAY['boolean'], 'empathy.rate(boolean) exists');
SELECT has_function('empathy', 'rate_ci', ARRAY['boolean', 'double precision'], 'empathy.rate_ci(boolean, double precision) exists');
SELECT has_type('empathy', 'rate_interval', 'the composite empathy.rate_interval exists');
SELECT columns_are('empathy', 'rate_interval', ARRAY['rate', 'low', 'high', 'n'],
	'empathy.rate_interval has the fields rate, low, high and n');
SELECT is_aggregate('empathy', 'nps', ARRAY['integer'], 'empathy.nps is an aggregate');
SELECT is(
	(SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
		JOIN pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname = 'empathy' AND p.proname IN ('nps', 'csat', 'ces', 'rate', 'rate_ci')
		AND a.aggcombinefn <> 0 AND a.aggtranstype <> 'internal'::regtype AND p.proparallel = 's'),
	10, 'all ten KPI aggregates are parallel safe, with a combine function and a non-internal state');

-- NPS
SELECT is(empathy.nps(nps), 100::float8 / 7, 'NPS: 3 promoters and 2 detractors of 7 answers give 14.29')
	FROM answers WHERE grp = 'a';
SELECT is(empathy.nps(nps), 300::float8 / 9, 'NPS over both groups: 5 promoters, 2 detractors of 9 answers')
	FROM answers;
SELECT is(empathy.nps(s), 0::float8, 'NPS of passives only is 0') FROM (VALUES (7), (8)) v(s);
SELECT is(empathy.nps(s), -100::float8, 'NPS of detractors only is -100') FROM (VALUES (0), (6)) v(s);
SELECT is(empathy.nps(s), 100::float8, 'NPS of promoters only is 100') FROM (VALUES (9), (10)) v(s);
SELECT is(empathy.nps(s), -500::float8 / 11, 'NPS of one answer per score 0..10 is -45.45') FROM generate_series(0, 10) s;
SELECT is(empathy.nps(s), NULL, 'NPS of no rows is NULL') FROM generate_series(0, 10) s WHERE false;
SELECT is(empathy.nps(s), NULL, 'NPS of null answers only is NULL') FROM (VALUES (NULL::int)) v(s);
SELECT throws_ok('SELECT empathy.nps(s) FROM (VALUES (11)) v(s)', '22003',
	'empathy.nps: score 11 is out of range 0 to 10', 'NPS rejects 11 with 22003');
SELECT throws_ok('SELECT empathy.nps(s) FROM (VALUES (-1)) v(s)', '22003',
	'empathy.nps: score -1 is out of range 0 to 10', 'NPS rejects -1 with 22003');

-- CSAT
SELECT is(empathy.csat(csat), 400::float8 / 7, 'CSAT: 4 of 7 answers are 4 or 5') FROM answers WHERE grp = 'a';
SELECT is(empathy.csat(csat, 5, 5), 300::float8 / 7, 'CSAT top box: 3 of 7 answers are 5') FROM answers WHERE grp = 'a';
SELECT is(empathy.csat(s, 10), 50::float8, 'CSAT on a 10-point scale counts 9 and 10 by default')
	FROM (VALUES (10), (9), (8), (1)) v(s);
SELECT is(empathy.csat(s, 10, 7), 75::float8, 'CSAT with good_from 7 counts 7 to 10')
	FROM (VALUES (10), (9), (8), (1)) v(s);
SELECT is(empathy.csat(s, 2), 200::float8 / 3, 'CSAT on a 2-point scale counts the top box only')
	FROM (VALUES (1), (2), (2)) v(s);
SELECT is(empathy.csat(s, 5, 4), NULL, 'CSAT of null answers only is NULL') FROM (VALUES (NULL::int)) v(s);
SELECT is(empathy.csat(s, k), 100::float8, 'CSAT skips a null score whatever its scale')
	FROM (VALUES (5, 5), (NULL, NULL)) v(s, k);
SELECT throws_ok('SELECT empathy.csat(s) FROM (VALUES (0)) v(s)', '22003',
	'empathy.csat: score 0 is out of range 1 to 5', 'CSAT rejects 0 on a 1-5 scale');
SELECT throws_ok('SELECT empathy.csat(s) FROM (VALUES (6)) v(s)', '22003',
	'empathy.csat: score 6 is out of range 1 to 5', 'CSAT rejects 6 on a 1-5 scale');
SELECT throws_ok('SELECT empathy.csat(s, 1) FROM (VALUES (1)) v(s)', '22023',
	'empathy.csat: scale 1 is out of range 2 to 100', 'CSAT rejects a scale below 2');
SELECT throws_ok('SELECT empathy.csat(s, 5, 6) FROM (VALUES (5)) v(s)', '22023',
	'empathy.csat: good_from 6 is out of range 1 to 5', 'CSAT rejects good_from above the scale');
SELECT throws_ok('SELECT empathy.csat(s, NULL) FROM (VALUES (5)) v(s)', '22004',
	'empathy.csat: scale must not be null', 'CSAT rejects a null scale with 22004');
SELECT throws_ok('SELECT empathy.csat(s, k) FROM (VALUES (5, 5), (9, 10)) v(s, k)', '22023',
	'empathy.csat: scale and good_from must be the same on every row of a group',
	'CSAT rejects two scales in one group');

-- CES
SELECT is(empathy.ces(ces), 4::float8, 'CES mean of 1..7 is 4') FROM answers WHERE grp = 'a';
SELECT is(empathy.ces(ces, 7, 'agree'), 300::float8 / 7, 'CES agree: 5, 6 and 7 of 1..7 agree')
	FROM answers WHERE grp = 'a';
SELECT is(empathy.ces(s, 5, 'agree'), 200::float8 / 3, 'CES agree on a 5-point scale counts 4 and 5')
	FROM (VALUES (5), (4), (3)) v(s);
SELECT is(empathy.ces(s, 7, 'mean'), NULL, 'CES of null answers only is NULL') FROM (VALUES (NULL::int)) v(s);
SELECT throws_ok('SELECT empathy.ces(s) FROM (VALUES (8)) v(s)', '22003',
	'empathy.ces: score 8 is out of range 1 to 7', 'CES rejects 8 on a 1-7 scale');
SELECT throws_ok($$SELECT empathy.ces(s, 7, 'median') FROM (VALUES (1)) v(s)$$, '22023',
	'empathy.ces: unknown mode "median"', 'CES rejects an unknown mode');
SELECT throws_ok($$SELECT empathy.ces(s, 7, NULL) FROM (VALUES (1)) v(s)$$, '22004',
	'empathy.ces: mode must not be null', 'CES rejects a null mode');
SELECT throws_ok($$SELECT empathy.ces(s, 7, m) FROM (VALUES (1, 'mean'), (2, 'agree')) v(s, m)$$, '22023',
	'empathy.ces: scale and mode must be the same on every row of a group', 'CES rejects two modes in one group');

-- rate
SELECT is(empathy.rate(fcr), 400::float8 / 6, 'rate: 4 true of 6 non-null values') FROM answers WHERE grp = 'a';
SELECT is(empathy.rate(fcr), 100::float8, 'rate: all true is 100') FROM answers WHERE grp = 'b';
SELECT is(empathy.rate(b), NULL, 'rate of null values only is NULL') FROM (VALUES (NULL::boolean)) v(b);

-- rate_ci
SELECT is(round(low::numeric, 4), 49.0162, 'Wilson 95% low end for 8 of 10 is 49.0162')
	FROM (SELECT (empathy.rate_ci(i <= 8)).* FROM generate_series(1, 10) i) s;
SELECT is(round(high::numeric, 4), 94.3318, 'Wilson 95% high end for 8 of 10 is 94.3318')
	FROM (SELECT (empathy.rate_ci(i <= 8)).* FROM generate_series(1, 10) i) s;
SELECT is(rate, 80::float8, 'rate_ci carries the rate') FROM (SELECT (empathy.rate_ci(i <= 8)).* FROM generate_series(1, 10) i) s;
SELECT is(n, 10::bigint, 'rate_ci carries n') FROM (SELECT (empathy.rate_ci(i <= 8)).* FROM generate_series(1, 10) i) s;
SELECT is(round(low::numeric, 4), 21.2715, 'Wilson 50% low end for 3 of 10 is 21.2715')
	FROM (SELECT (empathy.rate_ci(i <= 3, 0.5)).* FROM generate_series(1, 10) i) s;
SELECT is(low, 0::float8, 'no true value gives a low end of exactly 0')
	FROM (SELECT (empathy.rate_ci(b)).* FROM (VALUES (false), (false)) v(b)) s;
SELECT is(high, 100::float8, 'all true gives a high end of exactly 100')
	FROM (SELECT (empathy.rate_ci(b)).* FROM (VALUES (true), (true)) v(b)) s;
SELECT is(empathy.rate_ci(b), NULL, 'rate_ci of no rows is NULL') FROM (VALUES (true)) v(b) WHERE false;
SELECT throws_ok('SELECT empathy.rate_ci(b, 1) FROM (VALUES (true)) v(b)', '22023',
	'empathy.rate_ci: confidence 1 is out of range', 'rate_ci rejects confidence 1');
SELECT throws_ok('SELECT empathy.rate_ci(b, 0) FROM (VALUES (true)) v(b)', '22023',
	'empathy.rate_ci: confidence 0 is out of range', 'rate_ci rejects confidence 0');
SELECT throws_ok('SELECT empathy.rate_ci(b, NULL) FROM (VALUES (true)) v(b)', '22004',
	'empathy.rate_ci: confidence must not be null', 'rate_ci rejects a null confidence');
SELECT throws_ok('SELECT empathy.rate_ci(b, c) FROM (VALUES (true, 0.95), (false, 0.9)) v(b, c)', '22023',
	'empathy.rate_ci: confidence must be the same on every row of a group', 'rate_ci rejects two confidence levels in one group');

-- support functions
SELECT is(empathy.nps_combine('{3,1,1}', '{2,2,0}'), '{5,3,1}'::int8[], 'nps_combine adds the counts');
SELECT is(empathy.csat_combine('{0,0,0,0}', '{2,1,5,4}'), '{2,1,5,4}'::int8[], 'csat_combine takes the definition of the first non-empty state');
SELECT throws_ok($$SELECT empathy.csat_combine('{2,1,5,4}', '{2,1,10,9}')$$, '22023',
	'empathy.csat: scale and good_from must be the same on every row of a group', 'csat_combine rejects two definitions');
SELECT throws_ok($$SELECT empathy.nps_final('{1,2}')$$, '22023',
	'empathy.nps: invalid state array', 'nps_final rejects a state of the wrong length');
SELECT throws_ok($$SELECT empathy.nps_combine('{9223372036854775807,0,0}', '{1,0,0}')$$, '22003',
	'empathy.nps: count out of range', 'nps_combine reports an overflowing count');

-- many rows (parallel plans are covered by the regression test: temporary tables are not scanned in parallel)
CREATE TEMP TABLE big AS
	SELECT i, i % 11 AS nps, i % 5 + 1 AS csat, i % 7 + 1 AS ces, i % 4 = 0 AS fcr
	FROM generate_series(1, 23100) i;
SELECT is(empathy.nps(nps), -500::float8 / 11, 'NPS over 23100 rows with every score equally often') FROM big;
SELECT is(empathy.ces(ces, 7, 'agree'), 300::float8 / 7, 'CES agree over 23100 rows') FROM big;

SELECT * FROM finish();
ROLLBACK;
