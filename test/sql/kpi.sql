-- KPI aggregates: NPS, CSAT, CES, rate and rate_ci.
-- Expected values are worked out by hand in the comments.

CREATE TABLE kpi_answers (grp text, nps int, csat int, ces int, fcr boolean);
INSERT INTO kpi_answers VALUES
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

--
-- NPS: % of 9-10 minus % of 0-6, from -100 to 100
--
-- a: 7 answers, promoters 10, 9, 9, detractors 6, 0: (3 - 2) / 7 = 14.285714...
-- b: 2 promoters of 2: 100
SELECT grp, empathy.nps(nps) FROM kpi_answers GROUP BY grp ORDER BY grp;
-- all ten: 9 answers, 5 promoters, 2 detractors: 300 / 9 = 33.333...
SELECT empathy.nps(nps) FROM kpi_answers;
SELECT empathy.nps(s) FROM (VALUES (7), (8)) v(s);				-- passives only: 0
SELECT empathy.nps(s) FROM (VALUES (0), (6), (1)) v(s);			-- detractors only: -100
SELECT empathy.nps(s) FROM generate_series(0, 10) s;			-- (2 - 7) / 11 = -45.4545...
SELECT empathy.nps(s::smallint) FROM (VALUES (9)) v(s);			-- smallint is accepted: 100
-- empty and all-null input: NULL
SELECT empathy.nps(nps) IS NULL AS empty FROM kpi_answers WHERE false;
SELECT empathy.nps(s) IS NULL AS all_null FROM (VALUES (NULL::int), (NULL)) v(s);
-- out of range
SELECT empathy.nps(s) FROM (VALUES (10), (11)) v(s);
SELECT empathy.nps(s) FROM (VALUES (-1)) v(s);
SELECT empathy.nps(s) FROM (VALUES (2147483647)) v(s);
-- a deliberate filter is the way to leave odd values out
SELECT empathy.nps(s) FILTER (WHERE s BETWEEN 0 AND 10) FROM (VALUES (10), (11), (0)) v(s);

--
-- CSAT: % of answers >= good_from; scale 5 and good_from scale - 1 by default
--
-- a: 5, 4, 3, 2, 1, 5, 5 (one null): 7 answers, 4 satisfied: 57.142857...
-- b: 5, 4: 100
SELECT grp, empathy.csat(csat) FROM kpi_answers GROUP BY grp ORDER BY grp;
SELECT empathy.csat(csat, 5) AS top_two, empathy.csat(csat, 5, 5) AS top_box,
	empathy.csat(csat, 5, 1) AS everything FROM kpi_answers WHERE grp = 'a';	-- 4/7, 3/7, 100
-- a 10-point survey: good from 9 by default; 10, 9, 8, 1: 50
SELECT empathy.csat(s, 10) FROM (VALUES (10), (9), (8), (1)) v(s);
SELECT empathy.csat(s, 10, 7) FROM (VALUES (10), (9), (8), (1)) v(s);		-- 75
-- on 2- and 3-point scales only the top box counts: 66.666... and 33.333...
SELECT empathy.csat(s, 2) FROM (VALUES (1), (2), (2)) v(s);
SELECT empathy.csat(s, 3) FROM (VALUES (1), (2), (3)) v(s);
SELECT empathy.csat(s, 4) FROM (VALUES (1), (2), (3), (4)) v(s);		-- top two of 4: 50
-- a null score skips the row, whatever the other arguments are
SELECT empathy.csat(s, k) FROM (VALUES (5, 5), (NULL, NULL), (NULL, 1)) v(s, k);	-- 100
SELECT empathy.csat(csat) IS NULL AS empty FROM kpi_answers WHERE false;
SELECT empathy.csat(s, 5, 4) IS NULL AS all_null FROM (VALUES (NULL::int)) v(s);
-- errors
SELECT empathy.csat(s) FROM (VALUES (0)) v(s);
SELECT empathy.csat(s) FROM (VALUES (6)) v(s);
SELECT empathy.csat(s, 7) FROM (VALUES (8)) v(s);
SELECT empathy.csat(s, 1) FROM (VALUES (1)) v(s);
SELECT empathy.csat(s, 101) FROM (VALUES (1)) v(s);
SELECT empathy.csat(s, 5, 6) FROM (VALUES (5)) v(s);
SELECT empathy.csat(s, 5, 0) FROM (VALUES (5)) v(s);
SELECT empathy.csat(s, NULL) FROM (VALUES (5)) v(s);
SELECT empathy.csat(s, 5, NULL) FROM (VALUES (5)) v(s);
-- the definition must be the same on every row of a group
SELECT empathy.csat(s, k) FROM (VALUES (5, 5), (9, 10)) v(s, k);
SELECT empathy.csat(s, 5, g) FROM (VALUES (5, 4), (5, 5)) v(s, g);
-- ... but may differ between groups
SELECT k, empathy.csat(s, k) FROM (VALUES (5, 5), (3, 5), (9, 10)) v(s, k) GROUP BY k ORDER BY k;

--
-- CES: 1-7 agree scale ("it was easy"), mean by default, or % above the middle
--
-- a: 7, 6, 5, 4, 3, 2, 1: mean 28 / 7 = 4, agreeing (5-7) 3 of 7 = 42.857142...
SELECT empathy.ces(ces) AS mean, empathy.ces(ces, 7) AS mean7,
	empathy.ces(ces, 7, 'mean') AS mean_named, empathy.ces(ces, 7, 'agree') AS agree
	FROM kpi_answers WHERE grp = 'a';
SELECT grp, empathy.ces(ces) FROM kpi_answers GROUP BY grp ORDER BY grp;	-- a 4, b 7
-- 5-point scale: 5, 4, 3 agree from 4: 66.666...; mean 4
SELECT empathy.ces(s, 5, 'agree') AS agree, empathy.ces(s, 5) AS mean FROM (VALUES (5), (4), (3)) v(s);
-- 10-point scale: agree from 6: 6, 5 -> 50
SELECT empathy.ces(s, 10, 'agree') FROM (VALUES (6), (5)) v(s);
SELECT empathy.ces(s, 2, 'agree') FROM (VALUES (1), (2)) v(s);		-- 50
SELECT empathy.ces(ces) IS NULL AS empty FROM kpi_answers WHERE false;
SELECT empathy.ces(s, 7, 'agree') IS NULL AS all_null FROM (VALUES (NULL::int)) v(s);
-- errors
SELECT empathy.ces(s) FROM (VALUES (8)) v(s);
SELECT empathy.ces(s) FROM (VALUES (0)) v(s);
SELECT empathy.ces(s, 1) FROM (VALUES (1)) v(s);
SELECT empathy.ces(s, 7, 'median') FROM (VALUES (1)) v(s);
SELECT empathy.ces(s, 7, 'Mean') FROM (VALUES (1)) v(s);
SELECT empathy.ces(s, 7, '') FROM (VALUES (1)) v(s);
SELECT empathy.ces(s, 7, ' mean ') FROM (VALUES (1)) v(s);
SELECT empathy.ces(s, 7, 'mëan 😀') FROM (VALUES (1)) v(s);
SELECT empathy.ces(s, 7, NULL) FROM (VALUES (1)) v(s);
SELECT empathy.ces(s, NULL, 'mean') FROM (VALUES (1)) v(s);
SELECT empathy.ces(s, 7, m) FROM (VALUES (1, 'mean'), (2, 'agree')) v(s, m);
SELECT empathy.ces(s, k) FROM (VALUES (1, 7), (2, 5)) v(s, k);

--
-- rate: % of true among non-null booleans
--
-- a: t t f t f t (two nulls): 4 of 6 = 66.666...; b: 100
SELECT grp, empathy.rate(fcr) FROM kpi_answers GROUP BY grp ORDER BY grp;
SELECT empathy.rate(b) FROM (VALUES (false), (false)) v(b);			-- 0
SELECT empathy.rate(fcr) IS NULL AS empty FROM kpi_answers WHERE false;
SELECT empathy.rate(b) IS NULL AS all_null FROM (VALUES (NULL::boolean)) v(b);
SELECT empathy.rate(nps >= 9) AS promoters FROM kpi_answers;			-- 5 of 9 = 55.555...

--
-- rate_ci: the rate with its Wilson score interval, in percent
--
-- 8 of 10 at 95% (z = 1.959964): centre (0.8 + z^2/20) / (1 + z^2/10) = 0.716740,
-- half-width z / (1 + z^2/10) * sqrt(0.8 * 0.2 / 10 + z^2/400) = 0.226576,
-- so 49.0162 to 94.3318
SELECT round((r).rate::numeric, 4) AS rate, round((r).low::numeric, 4) AS low,
	round((r).high::numeric, 4) AS high, (r).n
	FROM (SELECT empathy.rate_ci(i <= 8) AS r FROM generate_series(1, 10) i) s;
-- 3 of 10: 10.7791 to 60.3222; at 50% (z = 0.674490): 21.2715 to 40.4691
SELECT round((empathy.rate_ci(i <= 3)).low::numeric, 4) AS low95,
	round((empathy.rate_ci(i <= 3)).high::numeric, 4) AS high95,
	round((empathy.rate_ci(i <= 3, 0.5)).low::numeric, 4) AS low50,
	round((empathy.rate_ci(i <= 3, 0.5)).high::numeric, 4) AS high50
	FROM generate_series(1, 10) i;
-- the fields expand into plain columns (the aggregate runs once per group)
SELECT grp, round(rate::numeric, 4) AS rate, round(low::numeric, 4) AS low,
	round(high::numeric, 4) AS high, n
	FROM (SELECT grp, (empathy.rate_ci(fcr)).* FROM kpi_answers GROUP BY grp) s ORDER BY grp;
-- no true value: the low end is exactly 0; all true: the high end is exactly 100
SELECT (empathy.rate_ci(b)).low, round((empathy.rate_ci(b)).high::numeric, 4) AS high
	FROM (VALUES (false), (false), (false)) v(b);		-- 0 and z^2/(3 + z^2) = 56.1497
SELECT round((empathy.rate_ci(b)).low::numeric, 4) AS low, (empathy.rate_ci(b)).high
	FROM (VALUES (true)) v(b);						-- 1 / (1 + z^2) = 20.6549 and 100
-- a 99.9999% interval on 1 of 1000: 0.0039 to 2.5284
SELECT round(low::numeric, 4) AS low, round(high::numeric, 4) AS high
	FROM (SELECT (empathy.rate_ci(i = 1, 0.999999)).* FROM generate_series(1, 1000) i) s;
SELECT empathy.rate_ci(b) IS NULL AS empty FROM (VALUES (true)) v(b) WHERE false;
SELECT empathy.rate_ci(b, 0.9) IS NULL AS all_null FROM (VALUES (NULL::boolean)) v(b);
-- errors
SELECT empathy.rate_ci(b, 0) FROM (VALUES (true)) v(b);
SELECT empathy.rate_ci(b, 1) FROM (VALUES (true)) v(b);
SELECT empathy.rate_ci(b, 95) FROM (VALUES (true)) v(b);
SELECT empathy.rate_ci(b, -0.5) FROM (VALUES (true)) v(b);
SELECT empathy.rate_ci(b, 'NaN') FROM (VALUES (true)) v(b);
SELECT empathy.rate_ci(b, 'Infinity') FROM (VALUES (true)) v(b);
SELECT empathy.rate_ci(b, NULL) FROM (VALUES (true)) v(b);
SELECT empathy.rate_ci(b, c) FROM (VALUES (true, 0.95), (false, 0.9)) v(b, c);
-- the detail shows two values that differ in their last digit apart
SELECT empathy.rate_ci(b, c) FROM (VALUES (true, 0.9), (true, 0.9000000000000001)) v(b, c);
SET extra_float_digits = 0;
SELECT empathy.rate_ci(b, c) FROM (VALUES (true, 0.9), (true, 0.9000000000000001)) v(b, c);
RESET extra_float_digits;

--
-- as window aggregates (running values over the same state)
--
SELECT i, empathy.nps(s) OVER w AS nps, empathy.csat(c) OVER w AS csat,
	empathy.rate(s >= 9) OVER w AS rate
	FROM (VALUES (1, 10, 5), (2, 0, 1), (3, 9, 4), (4, NULL, NULL), (5, 7, 2)) v(i, s, c)
	WINDOW w AS (ORDER BY i) ORDER BY i;
-- a moving frame restarts the state for each row
SELECT i, empathy.nps(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
	FROM (VALUES (1, 10), (2, 0), (3, 9), (4, 9)) v(i, s) ORDER BY i;

--
-- support functions called directly work on a copy and check their input
--
SELECT a AS before, empathy.nps_accum(a, 10) AS after_promoter, a AS unchanged
	FROM (SELECT '{0,0,0}'::int8[] AS a) s;
SELECT empathy.nps_combine('{3,1,1}', '{2,2,0}'), empathy.nps_final('{5,3,1}');
SELECT empathy.csat_accum('{0,0,0,0}', 3, 7), empathy.ces_accum('{0,0,0,0,0}', 3, 7, 'agree');
SELECT empathy.csat_combine('{2,1,5,4}', '{0,0,0,0}'), empathy.csat_combine('{0,0,0,0}', '{2,1,5,4}');
SELECT empathy.rate_ci_combine('{4,1,0.9}', '{6,2,0.9}');
SELECT empathy.nps_accum(NULL, 5) IS NULL AS null_state, empathy.nps_final('{0,0,0}') IS NULL AS no_answers;
-- states with different definitions cannot be combined
SELECT empathy.csat_combine('{2,1,5,4}', '{2,1,10,9}');
SELECT empathy.ces_combine('{1,7,1,7,1}', '{1,7,1,7,2}');
SELECT empathy.rate_ci_combine('{1,1,0.95}', '{1,1,0.9}');
-- counts past 2^53, which a float8 state cannot hold, are an error, not rounded away
SELECT empathy.rate_ci_combine('{9007199254740992,9007199254740992,0.95}', '{1,1,0.95}');
SELECT empathy.rate_ci_combine('{9007199254740991,1,0.95}', '{1,1,0.95}') AS at_the_limit;
-- hand-made states that no aggregate produces
SELECT empathy.nps_final('{1,2}');
SELECT empathy.nps_final('{1,2,NULL}');
SELECT empathy.nps_final('{{1,0,0},{1,0,0}}');
SELECT empathy.nps_final('{-1,0,0}');
SELECT empathy.nps_final('{1,1,1}');
SELECT empathy.csat_final('{1,1,1,1}');
SELECT empathy.csat_final('{1,1,5,6}');
SELECT empathy.ces_final('{1,9,1,7,1}');
SELECT empathy.ces_final('{1,4,1,7,3}');
SELECT empathy.rate_final('{1,2}');
SELECT empathy.rate_ci_final('{1.5,1,0.95}');
SELECT empathy.rate_ci_final('{NaN,0,0.95}');
SELECT empathy.rate_ci_final('{1,1,0}');
SELECT empathy.rate_ci_final('{1,1}');
SELECT empathy.nps_combine('{9223372036854775807,0,0}', '{1,0,0}');

--
-- parallel plans: partial states from the workers are combined in the leader
--
-- 23100 rows (a multiple of 11, 5, 7 and 4), so every score value appears
-- equally often: nps (2 - 7) / 11 = -45.4545..., csat 2 / 5 = 40, ces mean 4,
-- ces agree 3 / 7 = 42.857142..., rate 1 / 4 = 25
CREATE TABLE kpi_big AS
	SELECT i, i % 3 AS g, i % 11 AS nps, i % 5 + 1 AS csat, i % 7 + 1 AS ces, i % 4 = 0 AS fcr
	FROM generate_series(1, 23100) i;
ANALYZE kpi_big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT empathy.nps(nps), empathy.csat(csat), empathy.ces(ces), empathy.ces(ces, 7, 'agree'),
	empathy.rate(fcr), empathy.rate_ci(fcr) FROM kpi_big;
SELECT empathy.nps(nps), empathy.csat(csat), empathy.ces(ces), empathy.ces(ces, 7, 'agree'),
	empathy.rate(fcr), round((empathy.rate_ci(fcr)).low::numeric, 4) AS low,
	round((empathy.rate_ci(fcr)).high::numeric, 4) AS high FROM kpi_big;
-- grouped, the parallel result equals the serial one
EXPLAIN (COSTS OFF)
	SELECT g, empathy.nps(nps), empathy.csat(csat, 5, 5), empathy.ces(ces, 7, 'agree'),
		empathy.rate(fcr), empathy.rate_ci(fcr, 0.9) FROM kpi_big GROUP BY g;
CREATE TABLE kpi_parallel AS
	SELECT g, empathy.nps(nps), empathy.csat(csat, 5, 5), empathy.ces(ces, 7, 'agree'),
		empathy.rate(fcr), empathy.rate_ci(fcr, 0.9) FROM kpi_big GROUP BY g;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS groups_equal FROM kpi_parallel p JOIN (
	SELECT g, empathy.nps(nps), empathy.csat(csat, 5, 5), empathy.ces(ces, 7, 'agree'),
		empathy.rate(fcr), empathy.rate_ci(fcr, 0.9) FROM kpi_big GROUP BY g) s
	ON s.g = p.g AND s.nps = p.nps AND s.csat = p.csat AND s.ces = p.ces
	AND s.rate = p.rate AND s.rate_ci = p.rate_ci;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;

-- every function and aggregate is parallel safe, the support functions immutable
SELECT p.proname, p.prokind, p.provolatile, p.proparallel, count(*)
	FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'empathy' AND p.proname ~ '^(nps|csat|ces|rate|rate_ci)(_accum|_combine|_final)?$'
	GROUP BY 1, 2, 3, 4 ORDER BY 1, 2;
-- every aggregate has a combine function and a non-internal state
SELECT a.aggfnoid::regprocedure, a.aggcombinefn <> 0 AS has_combine, a.aggtranstype::regtype
	FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
	JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'empathy' ORDER BY a.aggfnoid::regprocedure::text;
-- and every one of them has a comment
SELECT p.oid::regprocedure AS without_comment
	FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'empathy' AND p.proname ~ '^(nps|csat|ces|rate|rate_ci)(_accum|_combine|_final)?$'
	AND obj_description(p.oid, 'pg_proc') IS NULL;
SELECT obj_description('empathy.rate_interval'::regtype, 'pg_type') IS NOT NULL AS type_has_comment;

DROP TABLE kpi_parallel;
DROP TABLE kpi_big;
DROP TABLE kpi_answers;
