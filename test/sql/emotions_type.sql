-- The empathy.emotions type: I/O, operators, casts, aggregates.
SET search_path = public, empathy;
SET extra_float_digits = 0;

-- text I/O round-trips
SELECT '(anger:0.5, joy:0.25, sentiment:-0.75)'::emotions;
SELECT '(anger:0.5,joy:0.25,sentiment:-0.75)'::emotions::text::emotions = '(anger:0.5,joy:0.25,sentiment:-0.75)'::emotions AS round_trip;
SELECT '()'::emotions;
SELECT '  ( intensity : 1e-3 , disgust:1 )  '::emotions;
SELECT '(gratitude:0.123456789)'::emotions -> 'gratitude' AS shortest_float4;

-- bad input
SELECT '(anger:0.5'::emotions;
SELECT '('::emotions;
SELECT '(anger:0.5, '::emotions;
SELECT '(rage:0.5)'::emotions;
SELECT '(anger:0.5,anger:0.2)'::emotions;
SELECT '(anger 0.5)'::emotions;
SELECT '(anger:abc)'::emotions;
SELECT '(anger:NaN)'::emotions;
SELECT '(anger:Infinity)'::emotions;
SELECT '(anger:1e40)'::emotions;
-- as real reads them: rounded to a float4; a number that rounds to zero is out of range
SELECT '(anger:1e-50)'::emotions;
SELECT '(anger:1e-400)'::emotions;
SELECT '(anger:1e-45)'::emotions -> 'anger' > 0 AS denormal_kept;
-- the largest float4, as the output prints it, reads back (dump and restore)
SELECT ('(joy:1.7014117e38)'::emotions + '(joy:1.7014117e38)'::emotions)::text AS largest;
SELECT ('(joy:1.7014117e38)'::emotions + '(joy:1.7014117e38)'::emotions)::text::emotions
	= '(joy:1.7014117e38)'::emotions * 2 AS largest_round_trip;
CREATE TABLE big_out (e emotions);
INSERT INTO big_out VALUES ('(joy:3.4028234e38,anger:-3.4028234e38,fear:1e-45)');
\copy big_out TO 'results/emotions_type_big.txt'
CREATE TABLE big_in (e emotions);
\copy big_in FROM 'results/emotions_type_big.txt'
SELECT (SELECT e FROM big_in) = (SELECT e FROM big_out) AS text_copy_round_trip;
SELECT '(怒り:1)'::emotions;
SELECT ''::emotions;
SELECT '   '::emotions;
SELECT '(anger:0.5) trailing'::emotions;
SELECT '(anger:0.5;joy:1)'::emotions;

-- text that is not a profile is scored, so the cast and the function agree
SELECT 'I am furious!!!'::emotions = emotions('I am furious!!!'::text) AS cast_scores;
SELECT emotions('I am furious!!!') = emotions('I am furious!!!'::text) AS literal_call_scores;
-- a literal that starts with "(" is a profile; as text it is scored
SELECT emotions('(sigh) I am so angry');
SELECT dominant_emotion(emotions('(sigh) I am so angry'::text)) AS as_text;
-- varchar and char(n) columns are scored, not read as profiles
CREATE TEMP TABLE vc (v varchar(60), c char(60));
INSERT INTO vc VALUES ('(joy:1, sentiment:1)', '(joy:1, sentiment:1)'), ('(sigh) late again', '(sigh) late again');
SELECT v, emotions(v) = emotions(v::text) AS varchar_scored, emotions(c) = emotions(rtrim(c)::text) AS char_scored,
       (emotions(v) -> 'joy') < 1 AS not_a_profile FROM vc;
SELECT pg_typeof(emotions(v)), pg_typeof(emotions(c)) FROM vc LIMIT 1;
SELECT emotions(NULL::varchar) IS NULL AS null_varchar, emotions(NULL::bpchar) IS NULL AS null_char,
       emotions(''::varchar) = emotions(''::text) AS empty_varchar, emotions('  '::char(5)) = emotions(''::text) AS blank_char,
       emotions('Très déçue 😡'::varchar) = emotions('Très déçue 😡'::text) AS multibyte,
       emotions(repeat('so angry!!! ', 100000)::varchar) = emotions(repeat('so angry!!! ', 100000)) AS long_varchar;
DROP TABLE vc;

-- reading one value
SELECT '(anger:0.5)'::emotions -> 'anger' AS anger, '(anger:0.5)'::emotions -> 'joy' AS joy;
SELECT '(anger:0.5)'::emotions -> 'rage';
SELECT '(anger:0.5)'::emotions -> NULL AS null_name;

-- jsonb
SELECT '(anger:0.5,sentiment:-1)'::emotions::jsonb;
SELECT ('(anger:0.5,sentiment:-1)'::emotions::jsonb ->> 'anger')::float8 AS via_jsonb;

-- arithmetic
SELECT '(anger:0.5,joy:0.25)'::emotions + '(anger:0.25,sadness:1)'::emotions AS plus;
SELECT '(anger:0.5,joy:0.25)'::emotions - '(anger:0.25)'::emotions AS minus;
SELECT '(anger:0.5)'::emotions * 2 AS times, 2 * '(anger:0.5)'::emotions AS times_commuted;
SELECT '(anger:0.5)'::emotions / 4 AS divided;
SELECT '(anger:0.5)'::emotions / 0;
SELECT '(anger:0.5)'::emotions / 1e-320;
SELECT '(anger:0.5)'::emotions / 'NaN'::float8;
SELECT '(anger:0.5)'::emotions / 'Infinity'::float8 AS by_infinity;
SELECT '(anger:0.5)'::emotions * 'Infinity'::float8;
SELECT '(anger:3e38)'::emotions * 10;
SELECT '(anger:3e38)'::emotions + '(anger:3e38)'::emotions;
SELECT '(anger:0.5)'::emotions * 'NaN'::float8;

-- equality, inequality, and grouping by hashing (-0 equals 0)
SELECT '(anger:0.5)'::emotions = '(anger:0.5,joy:0)'::emotions AS eq,
       '(anger:0.5)'::emotions <> '(anger:0.25)'::emotions AS ne,
       '(anger:0.5)'::emotions <> '(anger:0.5)'::emotions AS ne_same,
       '(sentiment:-0)'::emotions = '()'::emotions AS minus_zero_eq,
       '(sentiment:-0)'::emotions <> '()'::emotions AS minus_zero_ne;
SELECT emotions_hash('(sentiment:-0)') = emotions_hash('()') AS minus_zero_hash,
       emotions_hash_extended('(sentiment:-0)', 7) = emotions_hash_extended('()', 7) AS minus_zero_hash_ext,
       emotions_hash_extended('(anger:1)', 0) = emotions_hash_extended('(anger:1)', 1) AS seed_ignored;
CREATE TABLE grp_e (id int, e emotions);
INSERT INTO grp_e VALUES (1, '(anger:0.5)'), (2, '(anger:0.5,joy:0)'), (3, '(joy:1)'), (4, '(sentiment:-0)'),
	(5, '()'), (6, NULL), (7, NULL);
SELECT e -> 'anger' AS anger, e -> 'joy' AS joy, count(*) FROM grp_e GROUP BY e ORDER BY e NULLS LAST;
SET enable_hashagg = off;
SELECT e -> 'anger' AS anger, e -> 'joy' AS joy, count(*) FROM grp_e GROUP BY e ORDER BY e DESC;
RESET enable_hashagg;
SELECT count(DISTINCT e) AS distinct_profiles, count(*) FILTER (WHERE e <> '(joy:1)') AS not_joy FROM grp_e;
SELECT DISTINCT e -> 'joy' AS joy FROM grp_e WHERE e IS NOT NULL ORDER BY 1;
-- ordered value by value in the output's order, as a row: anger first
SELECT '(anger:0.1,joy:1)'::emotions < '(anger:0.2)'::emotions AS lt_first_value,
       '(joy:1)'::emotions > '(joy:0.5,intensity:1)'::emotions AS gt_later_value,
       '(anger:0.5)'::emotions <= '(anger:0.5,joy:-0)'::emotions AS le_equal,
       '(anger:0.5)'::emotions >= '(anger:0.6)'::emotions AS ge_false,
       emotions_cmp('(sentiment:-0)', '()') AS cmp_minus_zero,
       emotions_cmp('(fear:1)', '(fear:0.5)') AS cmp_gt;
CREATE INDEX grp_e_e ON grp_e (e);
SET enable_seqscan = off;
SELECT id FROM grp_e WHERE e = '(anger:0.5)' ORDER BY id;
RESET enable_seqscan;
SELECT count(*) AS union_rows FROM (SELECT e FROM grp_e UNION SELECT '(joy:1)'::emotions) u;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM grp_e a JOIN grp_e b ON a.e = b.e;
SELECT count(*) AS join_rows FROM grp_e a JOIN grp_e b ON a.e = b.e;
SET enable_hashjoin = off;
SET enable_mergejoin = on;
EXPLAIN (COSTS OFF) SELECT count(*) FROM grp_e a JOIN grp_e b ON a.e = b.e;
SELECT count(*) AS join_rows FROM grp_e a JOIN grp_e b ON a.e = b.e;
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_nestloop;
CREATE TABLE part_e (e emotions) PARTITION BY HASH (e);
CREATE TABLE part_e0 PARTITION OF part_e FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE part_e1 PARTITION OF part_e FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO part_e SELECT e FROM grp_e WHERE e IS NOT NULL;
SELECT count(DISTINCT tableoid) AS partitions_of_equal_profiles FROM part_e WHERE e = '(anger:0.5)';
SELECT count(DISTINCT tableoid) AS partitions_of_zero_profiles FROM part_e WHERE e = '()';
DROP TABLE part_e, grp_e;

-- distance over the ten emotions (sentiment and intensity are not counted)
SELECT '(anger:1)'::emotions <-> '(joy:1)'::emotions AS dist,
       '(anger:1,sentiment:-1)'::emotions <-> '(anger:1,sentiment:1)'::emotions AS same_emotions;

-- binary I/O
SELECT emotions_send('(fear:0.75)'::emotions);
CREATE TABLE bin_out (e emotions);
INSERT INTO bin_out VALUES ('(fear:0.75,intensity:0.5,sentiment:-0.25)'), ('()');
\copy bin_out TO 'results/emotions_type.bin' (FORMAT binary)
CREATE TABLE bin_in (e emotions);
\copy bin_in FROM 'results/emotions_type.bin' (FORMAT binary)
SELECT e FROM bin_in;

-- aggregates
CREATE TABLE profiles (grp int, e emotions);
INSERT INTO profiles VALUES (1, '(anger:1,sentiment:-1)'), (1, '(anger:0,joy:1,sentiment:1)'),
	(1, NULL), (2, '(fear:0.5)');
SELECT grp, avg(e), sum(e) FROM profiles GROUP BY grp ORDER BY grp;
SELECT avg(e) IS NULL AS empty_avg, sum(e) IS NULL AS empty_sum FROM profiles WHERE false;
SELECT avg(e) AS all_null FROM profiles WHERE e IS NULL;

-- the state functions check their input
SELECT emotions_sum_final('{1,2,3}');
SELECT emotions_combine('{1,2,3}', '{1,2,3}');
-- ... and what no transition makes: a count below 0 or not whole, a sum that is no number
SELECT emotions_avg_final('{-1,1,0,0,0,0,0,0,0,0,0,0,0}');
SELECT emotions_avg_final('{0.5,1,0,0,0,0,0,0,0,0,0,0,0}');
SELECT emotions_combine('{1,NaN,0,0,0,0,0,0,0,0,0,0,0}', '{1,0,0,0,0,0,0,0,0,0,0,0,0}');
SELECT emotions_sum_final('{1,0,0,0,0,0,Infinity,0,0,0,0,0,0}');
-- called directly: a NULL state stays NULL, a NULL profile is skipped
SELECT emotions_accum(NULL, NULL) IS NULL AS null_state, emotions_accum(NULL, '(anger:1)') IS NULL AS null_state_profile,
	emotions_accum('{0,0,0,0,0,0,0,0,0,0,0,0,0}', NULL) AS null_profile;
SELECT sum(e) IS NULL AS all_null_sum FROM profiles WHERE e IS NULL;

-- parallel aggregation (combine function)
CREATE TABLE many AS SELECT i, ('(anger:' || (i % 10) / 10.0 || ')')::emotions AS e FROM generate_series(1, 20000) i;
ANALYZE many;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT avg(e) FROM many;
SELECT round((avg(e) -> 'anger')::numeric, 4) AS parallel_avg, round((sum(e) -> 'anger')::numeric, 1) AS parallel_sum FROM many;
RESET parallel_setup_cost; RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size; RESET max_parallel_workers_per_gather;
-- a name or a number missing where one must be is said as such
SELECT '(anger:1,)'::empathy.emotions;
SELECT '(:1)'::empathy.emotions;
SELECT '(anger:"1")'::empathy.emotions;
