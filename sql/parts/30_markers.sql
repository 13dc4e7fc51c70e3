-- ---------------------------------------------------------------------------
-- Empathy markers and the empathy score of agent replies (src/markers.c)
--
-- The forms without a configuration use the built-in catalogue compiled into
-- the library: IMMUTABLE, fit for expression indexes.  The forms with a
-- configuration read empathy.config_markers and empathy.config_terms, which
-- can change: STABLE.
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.config_markers (
	config text NOT NULL
		REFERENCES @extschema@.configurations (name) ON UPDATE CASCADE ON DELETE CASCADE
		CONSTRAINT config_markers_not_builtin CHECK (config <> 'english'),
	category text NOT NULL,
	strength int NOT NULL,
	phrase text NOT NULL
		CONSTRAINT config_markers_phrase_check CHECK (length(phrase) BETWEEN 1 AND 2000),
	PRIMARY KEY (config, phrase)
);
COMMENT ON TABLE @extschema@.config_markers IS 'user empathy-marker phrases of derived configurations, added to the built-in catalogue';
COMMENT ON COLUMN @extschema@.config_markers.config IS 'the derived configuration the phrase belongs to';
COMMENT ON COLUMN @extschema@.config_markers.category IS 'marker category: emotional_reaction, interpretation, exploration, confirmation, apology, validation, ownership, gratitude, reassurance, scripted, blame, dismissive or minimizing';
COMMENT ON COLUMN @extschema@.config_markers.strength IS '1 weak or generic, 2 strong or specific';
COMMENT ON COLUMN @extschema@.config_markers.phrase IS 'words as an agent writes them (at most 32 tokens); {feeling} stands for any negative emotion word; replaces a built-in or parent phrase with the same words';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.config_markers', '');
GRANT SELECT ON @extschema@.config_markers TO PUBLIC;
GRANT INSERT, UPDATE, DELETE, TRUNCATE ON @extschema@.config_markers TO @extowner@;

CREATE FUNCTION @extschema@.config_markers_validate() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.config_markers_validate() IS 'trigger: reject marker phrases the engine cannot use';

CREATE TRIGGER config_markers_validate BEFORE INSERT OR UPDATE ON @extschema@.config_markers
	FOR EACH ROW EXECUTE FUNCTION @extschema@.config_markers_validate();
CREATE TRIGGER config_markers_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.config_markers
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_changed();
COMMENT ON TRIGGER config_markers_validate ON @extschema@.config_markers IS 'reject marker phrases the engine cannot use, with a named error';
COMMENT ON TRIGGER config_markers_changed ON @extschema@.config_markers IS 'sessions rebuild a changed configuration at their next statement';

-- Changes that logical replication applies (session_replication_role = replica,
-- where only triggers enabled ALWAYS or REPLICA fire, and the apply worker
-- fires row triggers only, statement triggers for TRUNCATE) invalidate the
-- subscriber's built configurations too: the statement triggers fire
-- always, and a row trigger of each table fires in replica mode alone.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['configurations', 'config_terms', 'config_model', 'config_markers'] LOOP
		EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ALWAYS TRIGGER %I', t, t || '_changed');
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON @extschema@.%I '
					   'FOR EACH ROW EXECUTE FUNCTION @extschema@.config_changed()', t || '_replicated', t);
		EXECUTE format('ALTER TABLE @extschema@.%I ENABLE REPLICA TRIGGER %I', t, t || '_replicated');
		EXECUTE format('COMMENT ON TRIGGER %I ON @extschema@.%I IS %L', t || '_replicated', t,
					   'changes applied by logical replication: the subscriber''s sessions rebuild the configuration too (fires in replica mode alone)');
	END LOOP;
END $$;

CREATE FUNCTION @extschema@.markers(reply text) RETURNS text[]
	AS 'MODULE_PATHNAME', 'markers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 15;
CREATE FUNCTION @extschema@.markers(config text, reply text) RETURNS text[]
	AS 'MODULE_PATHNAME', 'markers_cfg' LANGUAGE C STABLE STRICT PARALLEL SAFE COST 15;
COMMENT ON FUNCTION @extschema@.markers(text) IS 'empathy marker categories found in an agent reply, sorted and distinct (index with GIN on the expression)';
COMMENT ON FUNCTION @extschema@.markers(text, text) IS 'empathy marker categories of a reply under a named configuration';

-- Inlinable on purpose (no SET clause, not STRICT): "reply @>> 'apology'" becomes
-- "empathy.markers(reply) @> empathy.marker_array('apology')", which a GIN
-- index on empathy.markers(reply) answers, for a constant, a parameter of a
-- generic plan or the column of a joined table alike.  marker_array() is
-- STRICT, so a NULL marker gives NULL, not false.  Every reference is
-- schema-qualified.
CREATE FUNCTION @extschema@.marker_category(marker text) RETURNS text
	AS 'MODULE_PATHNAME', 'marker_category' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.marker_category(text) IS 'the marker name unchanged if empathy.markers() can return it; an error otherwise';
CREATE FUNCTION @extschema@.marker_array(marker text) RETURNS text[]
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN ARRAY[@extschema@.marker_category(marker)];
COMMENT ON FUNCTION @extschema@.marker_array(text) IS 'a one-element array of the marker name, checked by empathy.marker_category(); NULL for NULL';
CREATE FUNCTION @extschema@.shows_marker(reply text, marker text) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN @extschema@.markers(reply) OPERATOR(pg_catalog.@>) @extschema@.marker_array(marker);
COMMENT ON FUNCTION @extschema@.shows_marker(text, text) IS 'true if the reply shows the marker (uses a GIN index on empathy.markers(reply))';

CREATE OPERATOR @extschema@.@>> (
	LEFTARG = text, RIGHTARG = text, FUNCTION = @extschema@.shows_marker
);
COMMENT ON OPERATOR @extschema@.@>> (text, text) IS 'reply shows marker: reply @>> ''apology''';

CREATE TYPE @extschema@.empathy_result AS (
	score float8,
	needed boolean,
	emotional_reaction int,
	interpretation int,
	exploration int,
	acknowledged_emotion boolean,
	reflection float8,
	name_count int,
	personalization text,
	penalties text[],
	markers text[]
);
COMMENT ON TYPE @extschema@.empathy_result IS 'empathy score of an agent reply with its breakdown';
COMMENT ON COLUMN @extschema@.empathy_result.score IS 'overall empathy score of the reply, 0 to 100';
COMMENT ON COLUMN @extschema@.empathy_result.needed IS 'the customer message calls for empathy; NULL without a message';
COMMENT ON COLUMN @extschema@.empathy_result.emotional_reaction IS 'caring about the customer''s feeling: 0 none, 1 weak or generic, 2 strong and specific';
COMMENT ON COLUMN @extschema@.empathy_result.interpretation IS 'showing the situation was understood: 0 none, 1 generic, 2 specific';
COMMENT ON COLUMN @extschema@.empathy_result.exploration IS 'asking to understand more: 0 none, 1 generic or closed, 2 specific';
COMMENT ON COLUMN @extschema@.empathy_result.acknowledged_emotion IS 'the reply names or responds to the customer''s dominant emotion; NULL without a message';
COMMENT ON COLUMN @extschema@.empathy_result.reflection IS 'share of the concern''s content words (stemmed) the reply takes up, 0 to 1; NULL without a message';
COMMENT ON COLUMN @extschema@.empathy_result.name_count IS 'uses of the customer''s first name in the reply; NULL without a name';
COMMENT ON COLUMN @extschema@.empathy_result.personalization IS 'none, good (the name once or twice) or overuse; NULL without a name';
COMMENT ON COLUMN @extschema@.empathy_result.penalties IS 'reasons points were taken off (blame, dismissive, scripted...)';
COMMENT ON COLUMN @extschema@.empathy_result.markers IS 'marker categories of the reply, as markers() returns them';

CREATE FUNCTION @extschema@.empathy_score(reply text, customer_message text DEFAULT NULL,
	customer_name text DEFAULT NULL) RETURNS @extschema@.empathy_result
	AS 'MODULE_PATHNAME', 'empathy_score' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE COST 35;
CREATE FUNCTION @extschema@.empathy_score(config text, reply text, customer_message text,
	customer_name text) RETURNS @extschema@.empathy_result
	AS 'MODULE_PATHNAME', 'empathy_score_cfg' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE COST 35;
COMMENT ON FUNCTION @extschema@.empathy_score(text, text, text) IS 'empathy of an agent reply to a customer message, 0..100, with each mechanism''s level (0 none, 1 weak, 2 strong), whether empathy was needed, reflection, personalisation, penalties and markers; NULL for a NULL reply';
COMMENT ON FUNCTION @extschema@.empathy_score(text, text, text, text) IS 'empathy score of a reply under a named configuration';

CREATE FUNCTION @extschema@.explain_empathy(reply text, customer_message text DEFAULT NULL,
	customer_name text DEFAULT NULL,
	OUT phrase text, OUT "position" int, OUT category text, OUT effect float8) RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'explain_empathy' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE COST 10 ROWS 5;
CREATE FUNCTION @extschema@.explain_empathy(config text, reply text, customer_message text,
	customer_name text,
	OUT phrase text, OUT "position" int, OUT category text, OUT effect float8) RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'explain_empathy_cfg' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE COST 10 ROWS 5;
COMMENT ON FUNCTION @extschema@.explain_empathy(text, text, text) IS 'rows explaining an empathy score: phrase, 1-based character position, category or rule, points added (NULL phrase for whole-reply rules; effects add up to the score)';
COMMENT ON FUNCTION @extschema@.explain_empathy(text, text, text, text) IS 'rows explaining an empathy score under a named configuration';

CREATE FUNCTION @extschema@.qa_scorecard(reply text, customer_message text DEFAULT NULL,
	customer_name text DEFAULT NULL,
	OUT criterion text, OUT passed boolean, OUT reason text) RETURNS SETOF record
	LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 45 ROWS 5
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	-- the score in FROM, computed once: "(empathy_score(...)).*" in a select
	-- list would call it again for every field the criteria read
	SELECT c.criterion,
	       c.passed AND NOT s.penalties OPERATOR(pg_catalog.@>) '{empty_reply}',
	       CASE WHEN s.penalties OPERATOR(pg_catalog.@>) '{empty_reply}' THEN 'the reply is empty' ELSE c.reason END
	FROM @extschema@.empathy_score(reply, customer_message, customer_name) AS s, LATERAL (VALUES
		(1, 'acknowledged the customer''s emotions',
		 -- as the score reads the reply: a feeling the customer did not express
		 -- (wrong_feeling) is no acknowledgement, one the score counts is
		 CASE WHEN s.penalties OPERATOR(pg_catalog.@>) '{misread_as_complaint}' THEN false
		      WHEN s.needed IS NOT TRUE THEN true
		      ELSE (s.emotional_reaction >= 1 OR s.acknowledged_emotion)
		           AND NOT s.penalties OPERATOR(pg_catalog.&&) '{misread_as_praise,wrong_feeling}' END,
		 CASE WHEN s.needed IS NULL THEN 'no customer message to compare with'
		      WHEN s.penalties OPERATOR(pg_catalog.@>) '{misread_as_complaint}' THEN 'answered praise as a complaint'
		      WHEN NOT s.needed THEN 'empathy was not needed'
		      WHEN s.penalties OPERATOR(pg_catalog.@>) '{misread_as_praise}' THEN 'answered a grievance as praise'
		      WHEN s.penalties OPERATOR(pg_catalog.@>) '{wrong_feeling}' THEN 'named a feeling the customer did not express'
		      WHEN s.acknowledged_emotion THEN 'named or answered the customer''s feeling'
		      WHEN s.emotional_reaction = 2 THEN 'tied care to the situation'
		      WHEN s.emotional_reaction = 1 THEN 'generic acknowledgement'
		      ELSE 'no acknowledgement of how the customer feels' END),
		(2, 'used personalized empathetic language',
		 (s.emotional_reaction = 2 OR s.interpretation = 2) AND s.personalization IS DISTINCT FROM 'overuse',
		 CASE WHEN s.personalization = 'overuse' THEN 'the customer''s name is overused'
		      WHEN s.emotional_reaction = 2 OR s.interpretation = 2 THEN 'specific to the customer''s situation'
		      ELSE 'only generic phrases' END),
		(3, 'apologized when something went wrong',
		 CASE WHEN s.needed IS NOT TRUE THEN true
		      WHEN s.penalties OPERATOR(pg_catalog.@>) '{misread_as_praise}' THEN false
		      ELSE s.markers OPERATOR(pg_catalog.@>) '{apology}' OR s.markers OPERATOR(pg_catalog.@>) '{emotional_reaction}' END
		 AND NOT s.penalties OPERATOR(pg_catalog.@>) '{over_apology}',
		 CASE WHEN s.penalties OPERATOR(pg_catalog.@>) '{over_apology}' THEN 'apologized too many times'
		      WHEN s.needed IS NOT TRUE THEN 'nothing called for an apology'
		      WHEN s.markers OPERATOR(pg_catalog.@>) '{apology}' THEN 'apologized'
		      WHEN s.penalties OPERATOR(pg_catalog.@>) '{misread_as_praise}' THEN 'shared the joy of a grievance instead'
		      WHEN s.markers OPERATOR(pg_catalog.@>) '{emotional_reaction}' THEN 'expressed regret'
		      ELSE 'no apology' END),
		(4, 'avoided robotic language',
		 NOT (s.penalties OPERATOR(pg_catalog.&&) '{scripted,dismissive,blame}'),
		 CASE WHEN s.penalties OPERATOR(pg_catalog.&&) '{scripted,dismissive,blame}'
		      THEN 'found: ' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(ARRAY(
		           SELECT p FROM pg_catalog.unnest(s.penalties) p WHERE p IN ('scripted', 'dismissive', 'blame')), ', ')
		      ELSE 'no scripted, dismissive or blaming phrases' END),
		(5, 'asked to understand or confirmed understanding',
		 s.exploration >= 1 OR s.interpretation >= 1,
		 CASE WHEN s.exploration = 2 THEN 'asked a specific question'
		      WHEN s.exploration = 1 THEN 'asked for details or confirmed'
		      WHEN s.interpretation >= 1 THEN 'restated the customer''s situation'
		      ELSE 'no question and no restatement' END)
	) AS c(n, criterion, passed, reason)
	-- no reply, no scorecard (as explain_empathy(NULL) has no rows)
	WHERE reply IS NOT NULL
	ORDER BY c.n;
END;
COMMENT ON FUNCTION @extschema@.qa_scorecard(text, text, text) IS 'QA scorecard of a reply: one row per criterion with pass/fail and the reason';
