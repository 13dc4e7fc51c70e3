-- ---------------------------------------------------------------------------
-- The emotions type (src/emotions.c)
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.emotions;

CREATE FUNCTION @extschema@.emotions_in(cstring) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_out(@extschema@.emotions) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_recv(internal) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_send(@extschema@.emotions) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.emotions (
	INPUT = @extschema@.emotions_in,
	OUTPUT = @extschema@.emotions_out,
	RECEIVE = @extschema@.emotions_recv,
	SEND = @extschema@.emotions_send,
	INTERNALLENGTH = 48,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.emotions IS 'emotion profile: ten emotion scores (0..1), sentiment (-1..1) and intensity (0..1)';
COMMENT ON FUNCTION @extschema@.emotions_in(cstring) IS 'parse the text form of an emotion profile';
COMMENT ON FUNCTION @extschema@.emotions_out(@extschema@.emotions) IS 'print an emotion profile';
COMMENT ON FUNCTION @extschema@.emotions_recv(internal) IS 'read the binary form of an emotion profile';
COMMENT ON FUNCTION @extschema@.emotions_send(@extschema@.emotions) IS 'write the binary form of an emotion profile';

CREATE FUNCTION @extschema@.emotions_get(@extschema@.emotions, text) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.emotions_get(@extschema@.emotions, text) IS 'one value of an emotion profile by name';
CREATE OPERATOR @extschema@.-> (
	LEFTARG = @extschema@.emotions, RIGHTARG = text, FUNCTION = @extschema@.emotions_get
);
COMMENT ON OPERATOR @extschema@.-> (@extschema@.emotions, text) IS 'one value of an emotion profile by name';

CREATE FUNCTION @extschema@.emotions_to_jsonb(@extschema@.emotions) RETURNS jsonb
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.emotions_to_jsonb(@extschema@.emotions) IS 'an emotion profile as a jsonb object';
CREATE CAST (@extschema@.emotions AS jsonb) WITH FUNCTION @extschema@.emotions_to_jsonb(@extschema@.emotions);
COMMENT ON CAST (@extschema@.emotions AS jsonb) IS 'an emotion profile as a jsonb object of its twelve values';

CREATE FUNCTION @extschema@.emotions_add(@extschema@.emotions, @extschema@.emotions) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_sub(@extschema@.emotions, @extschema@.emotions) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_mul(@extschema@.emotions, float8) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_mul_commuted(float8, @extschema@.emotions) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_div(@extschema@.emotions, float8) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_distance(@extschema@.emotions, @extschema@.emotions) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_eq(@extschema@.emotions, @extschema@.emotions) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_ne(@extschema@.emotions, @extschema@.emotions) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_cmp(@extschema@.emotions, @extschema@.emotions) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_lt(@extschema@.emotions, @extschema@.emotions) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_le(@extschema@.emotions, @extschema@.emotions) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_gt(@extschema@.emotions, @extschema@.emotions) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_ge(@extschema@.emotions, @extschema@.emotions) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_hash(@extschema@.emotions) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_hash_extended(@extschema@.emotions, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.emotions_add(@extschema@.emotions, @extschema@.emotions) IS 'value-wise sum of two emotion profiles';
COMMENT ON FUNCTION @extschema@.emotions_sub(@extschema@.emotions, @extschema@.emotions) IS 'value-wise difference of two emotion profiles';
COMMENT ON FUNCTION @extschema@.emotions_mul(@extschema@.emotions, float8) IS 'an emotion profile scaled by a number';
COMMENT ON FUNCTION @extschema@.emotions_mul_commuted(float8, @extschema@.emotions) IS 'an emotion profile scaled by a number';
COMMENT ON FUNCTION @extschema@.emotions_div(@extschema@.emotions, float8) IS 'an emotion profile divided by a number';
COMMENT ON FUNCTION @extschema@.emotions_distance(@extschema@.emotions, @extschema@.emotions) IS 'Euclidean distance between two profiles over the ten emotion scores';
COMMENT ON FUNCTION @extschema@.emotions_eq(@extschema@.emotions, @extschema@.emotions) IS 'true if every value of two profiles is equal';
COMMENT ON FUNCTION @extschema@.emotions_ne(@extschema@.emotions, @extschema@.emotions) IS 'true if some value of two profiles differs';
COMMENT ON FUNCTION @extschema@.emotions_cmp(@extschema@.emotions, @extschema@.emotions) IS '-1, 0 or 1: two profiles ordered value by value, as a row (btree operator class)';
COMMENT ON FUNCTION @extschema@.emotions_lt(@extschema@.emotions, @extschema@.emotions) IS 'true if the first profile sorts before the second (value by value, as a row)';
COMMENT ON FUNCTION @extschema@.emotions_le(@extschema@.emotions, @extschema@.emotions) IS 'true if the first profile sorts before the second or equals it (value by value, as a row)';
COMMENT ON FUNCTION @extschema@.emotions_gt(@extschema@.emotions, @extschema@.emotions) IS 'true if the first profile sorts after the second (value by value, as a row)';
COMMENT ON FUNCTION @extschema@.emotions_ge(@extschema@.emotions, @extschema@.emotions) IS 'true if the first profile sorts after the second or equals it (value by value, as a row)';
COMMENT ON FUNCTION @extschema@.emotions_hash(@extschema@.emotions) IS 'hash of an emotion profile (hash operator class)';
COMMENT ON FUNCTION @extschema@.emotions_hash_extended(@extschema@.emotions, bigint) IS 'seeded 64-bit hash of an emotion profile (hash operator class)';

CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.emotions, RIGHTARG = @extschema@.emotions,
	FUNCTION = @extschema@.emotions_add, COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.emotions, RIGHTARG = @extschema@.emotions,
	FUNCTION = @extschema@.emotions_sub);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.emotions, RIGHTARG = float8,
	FUNCTION = @extschema@.emotions_mul, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = float8, RIGHTARG = @extschema@.emotions,
	FUNCTION = @extschema@.emotions_mul_commuted, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.emotions, RIGHTARG = float8,
	FUNCTION = @extschema@.emotions_div);
CREATE OPERATOR @extschema@.<-> (LEFTARG = @extschema@.emotions, RIGHTARG = @extschema@.emotions,
	FUNCTION = @extschema@.emotions_distance, COMMUTATOR = OPERATOR(@extschema@.<->));
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.emotions, RIGHTARG = @extschema@.emotions,
	FUNCTION = @extschema@.emotions_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.emotions, RIGHTARG = @extschema@.emotions,
	FUNCTION = @extschema@.emotions_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
-- Profiles have no natural order; the btree class orders them value by value,
-- as rows of twelve real columns are ordered, so that ORDER BY, DISTINCT
-- (aggregates too), GROUP BY, UNION, merge joins and indexes work on them.
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.emotions, RIGHTARG = @extschema@.emotions,
	FUNCTION = @extschema@.emotions_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.emotions, RIGHTARG = @extschema@.emotions,
	FUNCTION = @extschema@.emotions_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.emotions, RIGHTARG = @extschema@.emotions,
	FUNCTION = @extschema@.emotions_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.emotions, RIGHTARG = @extschema@.emotions,
	FUNCTION = @extschema@.emotions_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE OPERATOR CLASS @extschema@.emotions_ops DEFAULT FOR TYPE @extschema@.emotions USING btree AS
	OPERATOR 1 @extschema@.< (@extschema@.emotions, @extschema@.emotions),
	OPERATOR 2 @extschema@.<= (@extschema@.emotions, @extschema@.emotions),
	OPERATOR 3 @extschema@.= (@extschema@.emotions, @extschema@.emotions),
	OPERATOR 4 @extschema@.>= (@extschema@.emotions, @extschema@.emotions),
	OPERATOR 5 @extschema@.> (@extschema@.emotions, @extschema@.emotions),
	FUNCTION 1 @extschema@.emotions_cmp(@extschema@.emotions, @extschema@.emotions);
CREATE OPERATOR CLASS @extschema@.emotions_hash_ops DEFAULT FOR TYPE @extschema@.emotions USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.emotions, @extschema@.emotions),
	FUNCTION 1 @extschema@.emotions_hash(@extschema@.emotions),
	FUNCTION 2 @extschema@.emotions_hash_extended(@extschema@.emotions, bigint);
COMMENT ON OPERATOR @extschema@.+ (@extschema@.emotions, @extschema@.emotions) IS 'value-wise sum';
COMMENT ON OPERATOR @extschema@.- (@extschema@.emotions, @extschema@.emotions) IS 'value-wise difference';
COMMENT ON OPERATOR @extschema@.* (@extschema@.emotions, float8) IS 'scale by a number';
COMMENT ON OPERATOR @extschema@.* (float8, @extschema@.emotions) IS 'scale by a number';
COMMENT ON OPERATOR @extschema@./ (@extschema@.emotions, float8) IS 'divide by a number';
COMMENT ON OPERATOR @extschema@.<-> (@extschema@.emotions, @extschema@.emotions) IS 'Euclidean distance over the ten emotion scores';
COMMENT ON OPERATOR @extschema@.= (@extschema@.emotions, @extschema@.emotions) IS 'every value equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.emotions, @extschema@.emotions) IS 'some value differs';
COMMENT ON OPERATOR @extschema@.< (@extschema@.emotions, @extschema@.emotions) IS 'sorts before (value by value, as a row; the order means nothing more)';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.emotions, @extschema@.emotions) IS 'sorts before or equals (value by value, as a row)';
COMMENT ON OPERATOR @extschema@.> (@extschema@.emotions, @extschema@.emotions) IS 'sorts after (value by value, as a row; the order means nothing more)';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.emotions, @extschema@.emotions) IS 'sorts after or equals (value by value, as a row)';
COMMENT ON OPERATOR CLASS @extschema@.emotions_ops USING btree IS 'profiles ordered value by value, as rows: ORDER BY, DISTINCT, GROUP BY, merge joins, indexes';
COMMENT ON OPERATOR FAMILY @extschema@.emotions_ops USING btree IS 'profiles ordered value by value, as rows';
COMMENT ON OPERATOR CLASS @extschema@.emotions_hash_ops USING hash IS 'equality of emotion profiles by hashing: GROUP BY, DISTINCT, hash joins and hash partitioning';
COMMENT ON OPERATOR FAMILY @extschema@.emotions_hash_ops USING hash IS 'equality of emotion profiles by hashing';

-- sum() and avg(): state is (count, twelve sums) as float8[], with a combine
-- function, so the aggregates run in parallel plans and distribute in Citus.
CREATE FUNCTION @extschema@.emotions_accum(float8[], @extschema@.emotions) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_combine(float8[], float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_sum_final(float8[]) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emotions_avg_final(float8[]) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.emotions_accum(float8[], @extschema@.emotions) IS 'transition function of sum(emotions) and avg(emotions)';
COMMENT ON FUNCTION @extschema@.emotions_combine(float8[], float8[]) IS 'combine function of sum(emotions) and avg(emotions)';
COMMENT ON FUNCTION @extschema@.emotions_sum_final(float8[]) IS 'final function of sum(emotions)';
COMMENT ON FUNCTION @extschema@.emotions_avg_final(float8[]) IS 'final function of avg(emotions)';

CREATE AGGREGATE @extschema@.sum(@extschema@.emotions) (
	SFUNC = @extschema@.emotions_accum, STYPE = float8[],
	FINALFUNC = @extschema@.emotions_sum_final, COMBINEFUNC = @extschema@.emotions_combine,
	INITCOND = '{0,0,0,0,0,0,0,0,0,0,0,0,0}', PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.avg(@extschema@.emotions) (
	SFUNC = @extschema@.emotions_accum, STYPE = float8[],
	FINALFUNC = @extschema@.emotions_avg_final, COMBINEFUNC = @extschema@.emotions_combine,
	INITCOND = '{0,0,0,0,0,0,0,0,0,0,0,0,0}', PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.sum(@extschema@.emotions) IS 'value-wise sum of emotion profiles';
COMMENT ON AGGREGATE @extschema@.avg(@extschema@.emotions) IS 'value-wise mean of emotion profiles';

