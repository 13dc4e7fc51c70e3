
/*
 * KPI aggregates (src/kpi.c): NPS, CSAT, CES and the rate of a boolean with
 * its Wilson score interval.  Each keeps a plain array as its state and has
 * a combine function, so it runs in parallel plans and under Citus.  A share
 * is always a percentage (0 to 100); a null score is skipped; no counted row
 * gives NULL.
 */

-- NPS -----------------------------------------------------------------

CREATE FUNCTION @extschema@.nps_accum(state pg_catalog.int8[], score pg_catalog.int4)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'nps_accum'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_combine(state pg_catalog.int8[], other pg_catalog.int8[])
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'nps_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_final(state pg_catalog.int8[])
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'nps_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.nps(score pg_catalog.int4) (
	SFUNC = @extschema@.nps_accum,
	STYPE = pg_catalog.int8[],
	COMBINEFUNC = @extschema@.nps_combine,
	FINALFUNC = @extschema@.nps_final,
	INITCOND = '{0,0,0}',
	PARALLEL = SAFE
);

COMMENT ON FUNCTION @extschema@.nps_accum(pg_catalog.int8[], pg_catalog.int4) IS
'transition function of empathy.nps: counts one 0-10 answer into {answers, promoters, detractors}';
COMMENT ON FUNCTION @extschema@.nps_combine(pg_catalog.int8[], pg_catalog.int8[]) IS
'combine function of empathy.nps: adds two partial states';
COMMENT ON FUNCTION @extschema@.nps_final(pg_catalog.int8[]) IS
'final function of empathy.nps: percentage of promoters minus percentage of detractors';
COMMENT ON AGGREGATE @extschema@.nps(pg_catalog.int4) IS
'Net Promoter Score, -100 to 100: % of answers 9-10 minus % of answers 0-6; nulls skipped, other values are errors';

-- CSAT ----------------------------------------------------------------

CREATE FUNCTION @extschema@.csat_accum(state pg_catalog.int8[], score pg_catalog.int4)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'csat_accum'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_accum(state pg_catalog.int8[], score pg_catalog.int4, scale pg_catalog.int4)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'csat_accum'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_accum(state pg_catalog.int8[], score pg_catalog.int4, scale pg_catalog.int4, good_from pg_catalog.int4)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'csat_accum'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_combine(state pg_catalog.int8[], other pg_catalog.int8[])
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'csat_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_final(state pg_catalog.int8[])
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'csat_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.csat(score pg_catalog.int4) (
	SFUNC = @extschema@.csat_accum,
	STYPE = pg_catalog.int8[],
	COMBINEFUNC = @extschema@.csat_combine,
	FINALFUNC = @extschema@.csat_final,
	INITCOND = '{0,0,0,0}',
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat(score pg_catalog.int4, scale pg_catalog.int4) (
	SFUNC = @extschema@.csat_accum,
	STYPE = pg_catalog.int8[],
	COMBINEFUNC = @extschema@.csat_combine,
	FINALFUNC = @extschema@.csat_final,
	INITCOND = '{0,0,0,0}',
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat(score pg_catalog.int4, scale pg_catalog.int4, good_from pg_catalog.int4) (
	SFUNC = @extschema@.csat_accum,
	STYPE = pg_catalog.int8[],
	COMBINEFUNC = @extschema@.csat_combine,
	FINALFUNC = @extschema@.csat_final,
	INITCOND = '{0,0,0,0}',
	PARALLEL = SAFE
);

COMMENT ON FUNCTION @extschema@.csat_accum(pg_catalog.int8[], pg_catalog.int4) IS
'transition function of empathy.csat(score): counts one 1-5 answer into {answers, satisfied, scale, good_from}';
COMMENT ON FUNCTION @extschema@.csat_accum(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4) IS
'transition function of empathy.csat(score, scale): counts one 1-scale answer, satisfied in the top two boxes (top box on 2- and 3-point scales)';
COMMENT ON FUNCTION @extschema@.csat_accum(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS
'transition function of empathy.csat(score, scale, good_from): counts one 1-scale answer, satisfied from good_from';
COMMENT ON FUNCTION @extschema@.csat_combine(pg_catalog.int8[], pg_catalog.int8[]) IS
'combine function of empathy.csat: adds two partial states with the same scale and good_from';
COMMENT ON FUNCTION @extschema@.csat_final(pg_catalog.int8[]) IS
'final function of empathy.csat: percentage of satisfied answers';
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int4) IS
'customer satisfaction, 0 to 100: % of answers 4-5 on a 1-5 scale; nulls skipped, other values are errors';
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int4, pg_catalog.int4) IS
'customer satisfaction, 0 to 100: % of answers in the top two boxes (scale - 1 or more; the top box on 2- and 3-point scales) of a 1-scale survey';
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS
'customer satisfaction, 0 to 100: % of answers from good_from upwards on a 1-scale survey';

-- CES -----------------------------------------------------------------

CREATE FUNCTION @extschema@.ces_accum(state pg_catalog.int8[], score pg_catalog.int4)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'ces_accum'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_accum(state pg_catalog.int8[], score pg_catalog.int4, scale pg_catalog.int4)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'ces_accum'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_accum(state pg_catalog.int8[], score pg_catalog.int4, scale pg_catalog.int4, mode pg_catalog.text)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'ces_accum'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_combine(state pg_catalog.int8[], other pg_catalog.int8[])
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'ces_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_final(state pg_catalog.int8[])
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'ces_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.ces(score pg_catalog.int4) (
	SFUNC = @extschema@.ces_accum,
	STYPE = pg_catalog.int8[],
	COMBINEFUNC = @extschema@.ces_combine,
	FINALFUNC = @extschema@.ces_final,
	INITCOND = '{0,0,0,0,0}',
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces(score pg_catalog.int4, scale pg_catalog.int4) (
	SFUNC = @extschema@.ces_accum,
	STYPE = pg_catalog.int8[],
	COMBINEFUNC = @extschema@.ces_combine,
	FINALFUNC = @extschema@.ces_final,
	INITCOND = '{0,0,0,0,0}',
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces(score pg_catalog.int4, scale pg_catalog.int4, mode pg_catalog.text) (
	SFUNC = @extschema@.ces_accum,
	STYPE = pg_catalog.int8[],
	COMBINEFUNC = @extschema@.ces_combine,
	FINALFUNC = @extschema@.ces_final,
	INITCOND = '{0,0,0,0,0}',
	PARALLEL = SAFE
);

COMMENT ON FUNCTION @extschema@.ces_accum(pg_catalog.int8[], pg_catalog.int4) IS
'transition function of empathy.ces(score): counts one 1-7 answer into {answers, sum, agreeing, scale, mode}';
COMMENT ON FUNCTION @extschema@.ces_accum(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4) IS
'transition function of empathy.ces(score, scale): counts one 1-scale answer';
COMMENT ON FUNCTION @extschema@.ces_accum(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4, pg_catalog.text) IS
'transition function of empathy.ces(score, scale, mode): counts one 1-scale answer for mode mean or agree';
COMMENT ON FUNCTION @extschema@.ces_combine(pg_catalog.int8[], pg_catalog.int8[]) IS
'combine function of empathy.ces: adds two partial states with the same scale and mode';
COMMENT ON FUNCTION @extschema@.ces_final(pg_catalog.int8[]) IS
'final function of empathy.ces: the mean score, or the percentage of agreeing answers';
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int4) IS
'customer effort score: mean answer on a 1-7 agree scale (7 = "it was easy"); nulls skipped, other values are errors';
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int4, pg_catalog.int4) IS
'customer effort score: mean answer on a 1-scale agree scale';
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int4, pg_catalog.int4, pg_catalog.text) IS
'customer effort score on a 1-scale agree scale: mode ''mean'' gives the mean answer, ''agree'' the % of answers above the middle (5-7 of 7)';

-- Rate of a boolean -----------------------------------------------------

CREATE FUNCTION @extschema@.rate_accum(state pg_catalog.int8[], value pg_catalog.bool)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'rate_accum'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.rate_combine(state pg_catalog.int8[], other pg_catalog.int8[])
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'rate_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.rate_final(state pg_catalog.int8[])
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'rate_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.rate(value pg_catalog.bool) (
	SFUNC = @extschema@.rate_accum,
	STYPE = pg_catalog.int8[],
	COMBINEFUNC = @extschema@.rate_combine,
	FINALFUNC = @extschema@.rate_final,
	INITCOND = '{0,0}',
	PARALLEL = SAFE
);

COMMENT ON FUNCTION @extschema@.rate_accum(pg_catalog.int8[], pg_catalog.bool) IS
'transition function of empathy.rate: counts one boolean into {values, true values}';
COMMENT ON FUNCTION @extschema@.rate_combine(pg_catalog.int8[], pg_catalog.int8[]) IS
'combine function of empathy.rate: adds two partial states';
COMMENT ON FUNCTION @extschema@.rate_final(pg_catalog.int8[]) IS
'final function of empathy.rate: percentage of true values';
COMMENT ON AGGREGATE @extschema@.rate(pg_catalog.bool) IS
'percentage (0 to 100) of true values among the non-null values, e.g. first-contact resolution or escalation rate';

-- Rate with a Wilson score interval ----------------------------------------

CREATE TYPE @extschema@.rate_interval AS (
	rate pg_catalog.float8,
	low pg_catalog.float8,
	high pg_catalog.float8,
	n pg_catalog.int8
);

COMMENT ON TYPE @extschema@.rate_interval IS
'a rate in percent with the low and high ends of its Wilson score interval (percent) and the number of values n';
COMMENT ON COLUMN @extschema@.rate_interval.rate IS 'share of true values, in percent';
COMMENT ON COLUMN @extschema@.rate_interval.low IS 'low end of the Wilson score interval, in percent';
COMMENT ON COLUMN @extschema@.rate_interval.high IS 'high end of the Wilson score interval, in percent';
COMMENT ON COLUMN @extschema@.rate_interval.n IS 'number of non-NULL values';

CREATE FUNCTION @extschema@.rate_ci_accum(state pg_catalog.float8[], value pg_catalog.bool)
RETURNS pg_catalog.float8[]
AS 'MODULE_PATHNAME', 'rate_ci_accum'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.rate_ci_accum(state pg_catalog.float8[], value pg_catalog.bool, confidence pg_catalog.float8)
RETURNS pg_catalog.float8[]
AS 'MODULE_PATHNAME', 'rate_ci_accum'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.rate_ci_combine(state pg_catalog.float8[], other pg_catalog.float8[])
RETURNS pg_catalog.float8[]
AS 'MODULE_PATHNAME', 'rate_ci_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.rate_ci_final(state pg_catalog.float8[])
RETURNS @extschema@.rate_interval
AS 'MODULE_PATHNAME', 'rate_ci_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.rate_ci(value pg_catalog.bool) (
	SFUNC = @extschema@.rate_ci_accum,
	STYPE = pg_catalog.float8[],
	COMBINEFUNC = @extschema@.rate_ci_combine,
	FINALFUNC = @extschema@.rate_ci_final,
	INITCOND = '{0,0,0}',
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.rate_ci(value pg_catalog.bool, confidence pg_catalog.float8) (
	SFUNC = @extschema@.rate_ci_accum,
	STYPE = pg_catalog.float8[],
	COMBINEFUNC = @extschema@.rate_ci_combine,
	FINALFUNC = @extschema@.rate_ci_final,
	INITCOND = '{0,0,0}',
	PARALLEL = SAFE
);

COMMENT ON FUNCTION @extschema@.rate_ci_accum(pg_catalog.float8[], pg_catalog.bool) IS
'transition function of empathy.rate_ci(value): counts one boolean into {values, true values, confidence 0.95}';
COMMENT ON FUNCTION @extschema@.rate_ci_accum(pg_catalog.float8[], pg_catalog.bool, pg_catalog.float8) IS
'transition function of empathy.rate_ci(value, confidence): counts one boolean into {values, true values, confidence}';
COMMENT ON FUNCTION @extschema@.rate_ci_combine(pg_catalog.float8[], pg_catalog.float8[]) IS
'combine function of empathy.rate_ci: adds two partial states with the same confidence';
COMMENT ON FUNCTION @extschema@.rate_ci_final(pg_catalog.float8[]) IS
'final function of empathy.rate_ci: the rate and its Wilson score interval in percent, and n';
COMMENT ON AGGREGATE @extschema@.rate_ci(pg_catalog.bool) IS
'percentage of true values with its 95% Wilson score interval, as empathy.rate_interval (rate, low, high, n); expand with (empathy.rate_ci(x)).*';
COMMENT ON AGGREGATE @extschema@.rate_ci(pg_catalog.bool, pg_catalog.float8) IS
'percentage of true values with its Wilson score interval at the given confidence (0 to 1, exclusive), as empathy.rate_interval (rate, low, high, n)';
