-- ---------------------------------------------------------------------------
-- Scoring configurations (src/config.c)
-- ---------------------------------------------------------------------------

GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

CREATE TABLE @extschema@.configurations (
	name text PRIMARY KEY
		CONSTRAINT configurations_name_check CHECK (name ~ '^[a-z_][a-z0-9_]{0,62}$'),
	-- a configuration of this table, checked by configurations_protect()
	-- rather than by a foreign key: pg_dump warns of a circular foreign key
	-- on every dump of a database whose extension table refers to itself
	parent text,
	description text,
	builtin boolean NOT NULL DEFAULT false,
	CONSTRAINT configurations_parent_check CHECK ((parent IS NULL) = builtin)
);
COMMENT ON TABLE @extschema@.configurations IS 'scoring configurations: the built-in ''english'' and configurations derived from it';
COMMENT ON COLUMN @extschema@.configurations.name IS 'configuration name, as passed to the scoring functions';
COMMENT ON COLUMN @extschema@.configurations.parent IS 'configuration whose lexicon this one starts from';
COMMENT ON COLUMN @extschema@.configurations.description IS 'what the configuration is for, free text';
COMMENT ON COLUMN @extschema@.configurations.builtin IS 'true for configurations compiled into the extension (read-only)';

INSERT INTO @extschema@.configurations (name, parent, description, builtin)
VALUES ('english', NULL, 'built-in English lexicon, modifiers, emoji and learned weights', true);

CREATE TABLE @extschema@.config_terms (
	config text NOT NULL
		REFERENCES @extschema@.configurations (name) ON UPDATE CASCADE ON DELETE CASCADE
		CONSTRAINT config_terms_not_builtin CHECK (config <> 'english'),
	term text NOT NULL
		CONSTRAINT config_terms_term_check CHECK (length(term) BETWEEN 1 AND 2000),
	dimension text NOT NULL
		CONSTRAINT config_terms_dimension_check CHECK (dimension IN (
			'anger', 'frustration', 'disappointment', 'sadness', 'fear', 'confusion',
			'surprise', 'joy', 'gratitude', 'disgust', 'sentiment', 'escalation',
			'negator', 'booster', 'dampener', 'contrast', 'expletive', 'acronym')),
	weight float8 NOT NULL
		CONSTRAINT config_terms_weight_check CHECK (weight BETWEEN -10 AND 10),
	PRIMARY KEY (config, term, dimension)
);
-- a booster that is also a negator or a contrast word reads one way only:
-- one modifier role a term, whatever its case and the spaces around it
-- ("hella", "Hella " are one word to the engine)
CREATE UNIQUE INDEX config_terms_one_role ON @extschema@.config_terms (config, lower(btrim(term)))
	WHERE dimension IN ('negator', 'booster', 'dampener', 'contrast', 'expletive');
COMMENT ON INDEX @extschema@.config_terms_one_role IS 'a term (case and surrounding spaces aside) has at most one modifier role in a configuration';
COMMENT ON TABLE @extschema@.config_terms IS 'user terms of derived configurations: a weight per dimension, or a modifier role';
COMMENT ON COLUMN @extschema@.config_terms.config IS 'the derived configuration the term belongs to';
COMMENT ON COLUMN @extschema@.config_terms.term IS 'word or phrase as written in text; "=word" matches that exact form without stemming';
COMMENT ON COLUMN @extschema@.config_terms.dimension IS 'emotion dimension, sentiment, escalation, a modifier role (negator, booster, dampener, contrast, expletive), or acronym (a word whose capitals are no shouting, weight 1)';
COMMENT ON COLUMN @extschema@.config_terms.weight IS 'evidence for the dimension (replaces the parent''s), or the factor of a booster, dampener or expletive';

CREATE TABLE @extschema@.config_model (
	config text NOT NULL
		REFERENCES @extschema@.configurations (name) ON UPDATE CASCADE ON DELETE CASCADE
		CONSTRAINT config_model_not_builtin CHECK (config <> 'english'),
	parameter text NOT NULL
		CONSTRAINT config_model_parameter_check CHECK (length(parameter) BETWEEN 1 AND 64),
	value float8 NOT NULL
		CONSTRAINT config_model_value_check CHECK (value BETWEEN -1000000 AND 1000000),
	PRIMARY KEY (config, parameter)
);
COMMENT ON TABLE @extschema@.config_model IS 'scoring model constants of derived configurations (label thresholds, sentiment scale, the emotions'' shares of sentiment, rule factors), replacing the parent''s';
COMMENT ON COLUMN @extschema@.config_model.config IS 'the derived configuration the value belongs to';
COMMENT ON COLUMN @extschema@.config_model.parameter IS 'a parameter of the built-in model: "sentiment_scale", "threshold.anger", "valence_from.joy", "contrast_before"...';
COMMENT ON COLUMN @extschema@.config_model.value IS 'the value in this configuration';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.configurations', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.config_terms', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.config_model', '');
GRANT SELECT ON @extschema@.configurations, @extschema@.config_terms, @extschema@.config_model TO PUBLIC;
GRANT INSERT, UPDATE, DELETE, TRUNCATE ON @extschema@.configurations, @extschema@.config_terms,
	@extschema@.config_model TO @extowner@;

CREATE FUNCTION @extschema@.config_changed() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.config_changed() IS 'trigger: tell every session that scoring configurations changed';
CREATE FUNCTION @extschema@.config_terms_validate() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.config_terms_validate() IS 'trigger: reject configuration terms the engine cannot use';
CREATE FUNCTION @extschema@.config_model_validate() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.config_model_validate() IS 'trigger: reject model parameters the engine does not have';

/*
 * Built-in configurations are read-only, and no configuration derives from
 * itself.  Changes to the tree of configurations are made one at a time:
 * each check of this trigger and of configurations_parent_check() reads
 * the tree as this transaction sees it, which misses what a concurrent one
 * is changing (two sessions making 'a' and 'b' derive from each other would
 * each find no cycle).  So a change that adds, drops, renames or moves a
 * configuration first updates the built-in row, changing nothing.  The next
 * such change waits for this transaction to end; then, under READ
 * COMMITTED, it reads the tree anew, and under REPEATABLE READ or
 * SERIALIZABLE its update fails to serialize, since its snapshot would miss
 * the change (a configuration derived from one it drops or renames).
 */
CREATE FUNCTION @extschema@.configurations_protect() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		RAISE EXCEPTION 'built-in configuration "english" cannot be changed'
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'TRUNCATE would remove it with the derived configurations.',
			      HINT = 'Drop the derived configurations with DELETE FROM empathy.configurations WHERE NOT builtin.';
	END IF;
	-- an update that changes nothing (the lock below) is let through
	IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
		RETURN NEW;
	END IF;
	IF (TG_OP = 'DELETE' AND OLD.builtin) OR (TG_OP = 'UPDATE' AND OLD.builtin) THEN
		RAISE EXCEPTION 'built-in configuration "%" cannot be changed', OLD.name
			USING ERRCODE = 'insufficient_privilege',
			      HINT = 'Create a derived configuration with empathy.create_configuration().';
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.builtin THEN
		RAISE EXCEPTION 'configuration "%" cannot be made built-in', NEW.name
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'Only the configurations the extension installs are built-in.',
			      HINT = 'Leave builtin false, or create the configuration with empathy.create_configuration().';
	END IF;
	-- the name rule of the CHECK constraint, said with a hint
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.name !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
		RAISE EXCEPTION 'invalid configuration name "%"', NEW.name
			USING ERRCODE = 'check_violation',
			      DETAIL = 'A configuration name is 1 to 63 lower-case ASCII letters, digits and underscores, and does not start with a digit.',
			      -- (the name made valid, unless nothing of it is left, as of a name in Japanese script)
			      HINT = format('For example, %L.', (SELECT CASE WHEN x ~ '[a-z0-9]' THEN x ELSE 'support' END
						FROM (SELECT pg_catalog.left(pg_catalog.regexp_replace(
							pg_catalog.regexp_replace(pg_catalog.lower(NEW.name), '[^a-z0-9_]+', '_', 'g'),
							'^([0-9])', 'c\1'), 63) AS x) AS v));
	END IF;
	-- one change to the tree at a time
	IF TG_OP <> 'UPDATE' OR NEW.name IS DISTINCT FROM OLD.name OR NEW.parent IS DISTINCT FROM OLD.parent THEN
		UPDATE @extschema@.configurations SET builtin = builtin WHERE name = 'english';
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.parent IS NOT NULL AND EXISTS (
		WITH RECURSIVE up(name, depth) AS (
			SELECT NEW.parent, 1
			UNION ALL
			SELECT c.parent, up.depth + 1 FROM @extschema@.configurations c JOIN up ON c.name = up.name
			WHERE c.parent IS NOT NULL AND up.depth < 100)
		SELECT 1 FROM up WHERE up.name = NEW.name) THEN
		RAISE EXCEPTION 'configuration "%" cannot be derived from "%"', NEW.name, NEW.parent
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'That would make the configuration derive from itself.';
	END IF;
	-- at most 16 derived configurations in a line from the built-in one (as
	-- scoring reads them): said now rather than when the deepest is used
	IF NEW.parent IS NOT NULL AND (TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND
			(NEW.name IS DISTINCT FROM OLD.name OR NEW.parent IS DISTINCT FROM OLD.parent))) THEN
		DECLARE
			above int;
			below int;
		BEGIN
			WITH RECURSIVE up(name, depth) AS (
				SELECT NEW.parent, 1
				UNION ALL
				SELECT c.parent, up.depth + 1 FROM @extschema@.configurations c JOIN up ON c.name = up.name
				WHERE c.parent IS NOT NULL AND up.depth < 100)
			SELECT count(*) FILTER (WHERE NOT COALESCE(c.builtin, false) AND up.name IS NOT NULL) INTO above
			FROM up LEFT JOIN @extschema@.configurations c ON c.name = up.name;
			WITH RECURSIVE down(name, depth) AS (
				-- (an insert too: with the parent check deferred, children may come first)
				SELECT c.name, 1 FROM @extschema@.configurations c WHERE c.parent = NEW.name
				UNION ALL
				SELECT c.name, down.depth + 1 FROM @extschema@.configurations c JOIN down ON c.parent = down.name
				WHERE down.depth < 100)
			SELECT COALESCE(max(depth), 0) INTO below FROM down;
			IF above + 1 + below > 16 THEN
				RAISE EXCEPTION 'configuration "%" would be derived through more than 16 parents', NEW.name
					USING ERRCODE = 'program_limit_exceeded',
					      DETAIL = format('Its line from the built-in configuration would hold %s derived configurations%s.',
					                      above + 1 + below,
					                      CASE WHEN below > 0 THEN format(', with those derived from "%s"', NEW.name) ELSE '' END),
					      HINT = 'Derive it from a configuration nearer the built-in one.';
			END IF;
		END;
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
COMMENT ON FUNCTION @extschema@.configurations_protect() IS 'trigger: keep built-in configurations read-only and a configuration from deriving from itself, and make changes to the tree of configurations one at a time';

/*
 * What a foreign key on parent would do, checked at the end of the statement
 * as a foreign key's checks are (so that one statement, or one COPY of a
 * restore, may hold a configuration and its children in any order; or at
 * commit, after SET CONSTRAINTS ALL DEFERRED), and
 * after the row has changed (so after any wait for a transaction that was
 * deriving a configuration from it):
 *  - the parent must exist; the lock is the one a foreign key takes, which
 *    keeps the parent from being dropped or renamed until this transaction
 *    ends;
 *  - a configuration that others derive from cannot be dropped.
 * Deferred, an event may find its row changed since (updated, dropped, made
 * again): as a foreign key's check, it then leaves the row as it now is to
 * the event of that change.  A renamed configuration's children follow it
 * at once (configurations_rename), as a foreign key's cascade does.
 */
CREATE FUNCTION @extschema@.configurations_parent_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	child text;
BEGIN
	IF TG_OP IN ('INSERT', 'UPDATE') AND NOT EXISTS (SELECT FROM @extschema@.configurations c
			WHERE c.name = NEW.name AND c.parent IS NOT DISTINCT FROM NEW.parent) THEN
		RETURN NULL;
	END IF;
	IF TG_OP = 'DELETE' AND EXISTS (SELECT FROM @extschema@.configurations c WHERE c.name = OLD.name) THEN
		RETURN NULL;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		IF NEW.parent IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.parent IS DISTINCT FROM OLD.parent) THEN
			PERFORM FROM @extschema@.configurations c WHERE c.name = NEW.parent FOR KEY SHARE;
			IF NOT FOUND THEN
				RAISE EXCEPTION 'parent configuration "%" does not exist', NEW.parent
					USING ERRCODE = 'foreign_key_violation',
					      HINT = 'Create it first with empathy.create_configuration(), or derive from ''english''.';
			END IF;
		END IF;
		RETURN NULL;
	END IF;
	SELECT c.name INTO child FROM @extschema@.configurations c WHERE c.parent = OLD.name ORDER BY c.name LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'configuration "%" cannot be dropped', OLD.name
			USING ERRCODE = 'foreign_key_violation',
			      DETAIL = format('Configuration "%s" is derived from it.', child),
			      HINT = 'Drop the configurations derived from it first, or in the same statement.';
	END IF;
	RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@.configurations_parent_check() IS 'trigger: a configuration''s parent exists; one that others derive from cannot be dropped (deferrable, as a foreign key)';

-- a renamed configuration's children follow it, at once, as a foreign key's cascade does
CREATE FUNCTION @extschema@.configurations_rename() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.name IS DISTINCT FROM OLD.name THEN
		UPDATE @extschema@.configurations SET parent = NEW.name WHERE parent = OLD.name;
	END IF;
	RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@.configurations_rename() IS 'trigger: a renamed configuration''s children follow the new name';

CREATE TRIGGER configurations_protect BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.configurations
	FOR EACH ROW EXECUTE FUNCTION @extschema@.configurations_protect();
CREATE TRIGGER configurations_protect_truncate BEFORE TRUNCATE ON @extschema@.configurations
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.configurations_protect();
-- a constraint trigger, deferrable as a foreign key may be: a restore of a dump made with
-- --inserts, whose rows may put a configuration before its parent, runs in one transaction
-- after SET CONSTRAINTS ALL DEFERRED
CREATE TRIGGER configurations_rename AFTER UPDATE OF name ON @extschema@.configurations
	FOR EACH ROW EXECUTE FUNCTION @extschema@.configurations_rename();
CREATE CONSTRAINT TRIGGER configurations_parent_exists AFTER INSERT OR UPDATE OR DELETE ON @extschema@.configurations
	DEFERRABLE INITIALLY IMMEDIATE
	FOR EACH ROW EXECUTE FUNCTION @extschema@.configurations_parent_check();
CREATE TRIGGER config_terms_validate BEFORE INSERT OR UPDATE ON @extschema@.config_terms
	FOR EACH ROW EXECUTE FUNCTION @extschema@.config_terms_validate();
CREATE TRIGGER config_terms_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.config_terms
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_changed();
CREATE TRIGGER config_model_validate BEFORE INSERT OR UPDATE ON @extschema@.config_model
	FOR EACH ROW EXECUTE FUNCTION @extschema@.config_model_validate();
CREATE TRIGGER config_model_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.config_model
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_changed();
CREATE TRIGGER configurations_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.configurations
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_changed();
COMMENT ON TRIGGER configurations_protect ON @extschema@.configurations IS 'built-in configurations are read-only; a configuration derives neither from itself nor through more than 16 parents';
COMMENT ON TRIGGER configurations_protect_truncate ON @extschema@.configurations IS 'TRUNCATE would remove the built-in configurations: refused';
COMMENT ON TRIGGER configurations_rename ON @extschema@.configurations IS 'a renamed configuration''s children follow the new name';
COMMENT ON TRIGGER configurations_parent_exists ON @extschema@.configurations IS 'a configuration''s parent exists, and one that others derive from is not dropped (deferrable, as a foreign key)';
COMMENT ON TRIGGER config_terms_validate ON @extschema@.config_terms IS 'reject terms the engine cannot use, with a named error';
COMMENT ON TRIGGER config_terms_changed ON @extschema@.config_terms IS 'sessions rebuild a changed configuration at their next statement';
COMMENT ON TRIGGER config_model_validate ON @extschema@.config_model IS 'reject model parameters the engine does not have, or values out of range';
COMMENT ON TRIGGER config_model_changed ON @extschema@.config_model IS 'sessions rebuild a changed configuration at their next statement';
COMMENT ON TRIGGER configurations_changed ON @extschema@.configurations IS 'sessions rebuild a changed configuration at their next statement';

CREATE FUNCTION @extschema@.create_configuration(name text, parent text DEFAULT 'english', description text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF create_configuration.name IS NULL THEN
		RAISE EXCEPTION 'configuration name must not be null'
			USING ERRCODE = 'null_value_not_allowed',
			      HINT = 'Pass a name such as ''support''.';
	END IF;
	IF create_configuration.parent IS NULL THEN
		RAISE EXCEPTION 'parent configuration must not be null'
			USING ERRCODE = 'null_value_not_allowed',
			      HINT = 'Leave it out to derive the configuration from ''english''.';
	END IF;
	IF EXISTS (SELECT FROM @extschema@.configurations c WHERE c.name OPERATOR(pg_catalog.=) create_configuration.name) THEN
		RAISE EXCEPTION 'configuration "%" already exists', create_configuration.name
			USING ERRCODE = 'duplicate_object',
			      HINT = 'Pick another name, or change the existing configuration through its tables.';
	END IF;
	INSERT INTO @extschema@.configurations (name, parent, description) VALUES (create_configuration.name, create_configuration.parent, create_configuration.description);
EXCEPTION WHEN unique_violation THEN
	-- another session created it between the check and the insert
	RAISE EXCEPTION 'configuration "%" already exists', create_configuration.name
		USING ERRCODE = 'duplicate_object',
		      HINT = 'Pick another name, or change the existing configuration through its tables.';
END $$;
COMMENT ON FUNCTION @extschema@.create_configuration(text, text, text) IS 'create a scoring configuration derived from another (''english'' by default)';

-- ---------------------------------------------------------------------------
-- Scoring (src/scoring.c)
--
-- f(text) uses the built-in 'english' configuration compiled into the
-- library: IMMUTABLE, fit for generated columns and expression indexes.
-- f(config text, text) reads user terms from empathy.config_terms, which can
-- change: STABLE.  (to_tsvector(regconfig, text) is IMMUTABLE although its
-- configuration can change; we chose the honest mark.)
--
-- COST: what a call executes, against to_tsvector's COST 100, as
-- test/tools/proc_costs.sh measures it (rounded); a set-returning
-- function's COST is per row, its ROWS the mean on customer messages and
-- replies.  The planner then tests cheap conditions before scoring a text.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.sentiment(text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 15;
CREATE FUNCTION @extschema@.sentiment(config text, body text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_cfg' LANGUAGE C STABLE STRICT PARALLEL SAFE COST 15;
COMMENT ON FUNCTION @extschema@.sentiment(text) IS 'sentiment of a text, -1 (negative) .. 1 (positive), 0 neutral';
COMMENT ON FUNCTION @extschema@.sentiment(text, text) IS 'sentiment of a text under a named configuration';

CREATE FUNCTION @extschema@.emotions(text) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME', 'emotions_of_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 15;
CREATE FUNCTION @extschema@.emotions(config text, body text) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME', 'emotions_of_text_cfg' LANGUAGE C STABLE STRICT PARALLEL SAFE COST 15;
COMMENT ON FUNCTION @extschema@.emotions(text) IS 'emotion profile of a text';
COMMENT ON FUNCTION @extschema@.emotions(text, text) IS 'emotion profile of a text under a named configuration';
-- One argument of another string type would make emotions(x) a cast to the
-- type emotions (PostgreSQL reads a call named after a type that way when no
-- function takes the argument's own type): a varchar or char column holding
-- "(joy: 1)" would be read as a profile.  These take those types as they are.
CREATE FUNCTION @extschema@.emotions(varchar) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME', 'emotions_of_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 15;
CREATE FUNCTION @extschema@.emotions(bpchar) RETURNS @extschema@.emotions
	AS 'MODULE_PATHNAME', 'emotions_of_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 15;
COMMENT ON FUNCTION @extschema@.emotions(varchar) IS 'emotion profile of a text held as varchar (a call, not a cast to the type)';
COMMENT ON FUNCTION @extschema@.emotions(bpchar) IS 'emotion profile of a text held as char(n) (a call, not a cast to the type)';

CREATE FUNCTION @extschema@.emotion_labels(text) RETURNS text[]
	AS 'MODULE_PATHNAME', 'emotion_labels' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 15;
CREATE FUNCTION @extschema@.emotion_labels(config text, body text) RETURNS text[]
	AS 'MODULE_PATHNAME', 'emotion_labels_cfg' LANGUAGE C STABLE STRICT PARALLEL SAFE COST 15;
CREATE FUNCTION @extschema@.emotion_labels(@extschema@.emotions) RETURNS text[]
	AS 'MODULE_PATHNAME', 'emotion_labels_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.emotion_labels(text) IS 'emotions a text expresses (scores at or above their calibrated thresholds), strongest first; empty for neutral';
COMMENT ON FUNCTION @extschema@.emotion_labels(text, text) IS 'emotions a text expresses under a named configuration';
CREATE FUNCTION @extschema@.emotion_labels(config text, e @extschema@.emotions) RETURNS text[]
	AS 'MODULE_PATHNAME', 'emotion_labels_of_cfg' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.emotion_labels(@extschema@.emotions) IS 'emotions a stored profile expresses (built-in thresholds)';
COMMENT ON FUNCTION @extschema@.emotion_labels(text, @extschema@.emotions) IS 'emotions a stored profile expresses under a named configuration''s thresholds';

CREATE FUNCTION @extschema@.dominant_emotion(text) RETURNS text
	AS 'MODULE_PATHNAME', 'dominant_emotion' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 15;
CREATE FUNCTION @extschema@.dominant_emotion(config text, body text) RETURNS text
	AS 'MODULE_PATHNAME', 'dominant_emotion_cfg' LANGUAGE C STABLE STRICT PARALLEL SAFE COST 15;
CREATE FUNCTION @extschema@.dominant_emotion(@extschema@.emotions) RETURNS text
	AS 'MODULE_PATHNAME', 'dominant_emotion_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dominant_emotion(text) IS 'strongest emotion of a text, or ''neutral''';
COMMENT ON FUNCTION @extschema@.dominant_emotion(text, text) IS 'strongest emotion of a text under a named configuration';
CREATE FUNCTION @extschema@.dominant_emotion(config text, e @extschema@.emotions) RETURNS text
	AS 'MODULE_PATHNAME', 'dominant_emotion_of_cfg' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dominant_emotion(@extschema@.emotions) IS 'strongest emotion of a stored profile (built-in thresholds), or ''neutral''';
COMMENT ON FUNCTION @extschema@.dominant_emotion(text, @extschema@.emotions) IS 'strongest emotion of a stored profile under a named configuration''s thresholds, or ''neutral''';

CREATE FUNCTION @extschema@.escalation_risk(text) RETURNS float8
	AS 'MODULE_PATHNAME', 'escalation_risk' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 15;
CREATE FUNCTION @extschema@.escalation_risk(config text, body text) RETURNS float8
	AS 'MODULE_PATHNAME', 'escalation_risk_cfg' LANGUAGE C STABLE STRICT PARALLEL SAFE COST 15;
COMMENT ON FUNCTION @extschema@.escalation_risk(text) IS 'risk that a customer message escalates (anger, frustration, shouting, churn, legal and repeat-contact cues), 0 .. 1';
COMMENT ON FUNCTION @extschema@.escalation_risk(text, text) IS 'escalation risk under a named configuration';

CREATE FUNCTION @extschema@.explain(text,
	OUT token text, OUT "position" int, OUT rule text, OUT dimension text,
	OUT weight float8, OUT contribution float8) RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'explain' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 2 ROWS 150;
CREATE FUNCTION @extschema@.explain(config text, body text,
	OUT token text, OUT "position" int, OUT rule text, OUT dimension text,
	OUT weight float8, OUT contribution float8) RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'explain_cfg' LANGUAGE C STABLE STRICT PARALLEL SAFE COST 2 ROWS 150;
COMMENT ON FUNCTION @extschema@.explain(text) IS 'rows explaining a text''s scores: token, 1-based character position, rule, dimension, evidence and its share of the score (shares add up to each score)';
COMMENT ON FUNCTION @extschema@.explain(text, text) IS 'rows explaining a text''s scores under a named configuration';

CREATE FUNCTION @extschema@.sentiment_label(float8) RETURNS text
	AS 'MODULE_PATHNAME', 'sentiment_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sentiment_label(float8) IS 'positive, negative or neutral: a sentiment value against the built-in neutral band (sentiment_threshold())';
CREATE FUNCTION @extschema@.sentiment_threshold() RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_threshold' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sentiment_threshold() IS 'the neutral band of sentiment: values with a smaller magnitude are neutral (calibrated on labelled data)';

