-- ---------------------------------------------------------------------------
-- Dashboards over an interaction history (docs-crm.md).
--
-- create_dashboard() checks that the given relations follow the column
-- contract and creates plain-column views in a schema of the caller's
-- choosing.  The views score on the fly (no stored copy, so they are never
-- stale and row-level security on the CRM tables holds: every view is
-- security_invoker); when the history already carries the columns the
-- tagging trigger fills (emotions, escalation_risk, markers) they are read
-- instead of scoring again.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.escalation_threshold() RETURNS float8
	LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN 0.5::pg_catalog.float8;
COMMENT ON FUNCTION @extschema@.escalation_threshold() IS
'escalation_risk at or above which a customer message should be escalated (0.5)';

-- Return the type of a column of a relation, or NULL when it has none.
CREATE FUNCTION @extschema@.contract_column_type(rel regclass, col text) RETURNS regtype
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT a.atttypid::regtype FROM pg_catalog.pg_attribute a
	WHERE a.attrelid = rel AND a.attname = col AND a.attnum > 0 AND NOT a.attisdropped
$$;
COMMENT ON FUNCTION @extschema@.contract_column_type(regclass, text) IS
'type of a column of a relation, NULL if the relation has no such column (used to check the interaction-history contract)';

-- Raise an error naming the contract columns a relation lacks.
CREATE FUNCTION @extschema@.contract_check(rel regclass, kind text, cols text[]) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	missing text[];
BEGIN
	IF rel IS NULL OR kind IS NULL OR cols IS NULL OR array_position(cols, NULL) IS NOT NULL THEN
		RAISE EXCEPTION 'contract_check: the relation, the contract and its column names must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- (an OID cast to regclass need not name a relation: 999999::regclass)
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = rel) THEN
		RAISE EXCEPTION 'relation with OID % does not exist', rel::oid
			USING ERRCODE = 'undefined_table',
			      HINT = format('Pass the relation that holds the %s contract''s columns.', kind);
	END IF;
	SELECT array_agg(c ORDER BY o) INTO missing
	FROM unnest(cols) WITH ORDINALITY AS u(c, o)
	WHERE @extschema@.contract_column_type(rel, c) IS NULL;
	IF missing IS NOT NULL THEN
		RAISE EXCEPTION 'relation "%" lacks column(s) % of the % contract', rel, array_to_string(missing, ', '), kind
			USING ERRCODE = 'undefined_column',
			      DETAIL = format('The %s contract needs columns %s.', kind, array_to_string(cols, ', ')),
			      HINT = 'Create a view over your table that renames or computes the missing columns.';
	END IF;
END $$;
COMMENT ON FUNCTION @extschema@.contract_check(regclass, text, text[]) IS
'raise an error naming the columns of an interaction-history or surveys contract that a relation lacks';

-- Raise an error if a contract column is not of one of the allowed types.
CREATE FUNCTION @extschema@.contract_check_type(rel regclass, col text, allowed regtype[]) RETURNS regtype
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t regtype := @extschema@.contract_column_type(rel, col);
BEGIN
	IF rel IS NULL OR col IS NULL OR allowed IS NULL OR array_position(allowed, NULL) IS NOT NULL THEN
		RAISE EXCEPTION 'contract_check_type: the relation, the column and the allowed types must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF cardinality(allowed) = 0 THEN
		RAISE EXCEPTION 'contract_check_type: the list of allowed types must not be empty'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF t IS NULL AND NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = rel) THEN
		RAISE EXCEPTION 'relation with OID % does not exist', rel::oid
			USING ERRCODE = 'undefined_table';
	END IF;
	IF t IS NULL THEN
		RAISE EXCEPTION 'relation "%" has no column "%"', rel, col
			USING ERRCODE = 'undefined_column',
			      HINT = 'Create a view over your table that renames or computes the column.';
	END IF;
	IF NOT t = ANY (allowed) THEN
		RAISE EXCEPTION 'column "%" of relation "%" has type %', col, rel, t
			USING ERRCODE = 'datatype_mismatch',
			      DETAIL = format('The contract wants one of: %s.', array_to_string(allowed::text[], ', ')),
			      HINT = 'Cast the column in a view over your table.';
	END IF;
	RETURN t;
END $$;
COMMENT ON FUNCTION @extschema@.contract_check_type(regclass, text, regtype[]) IS
'raise an error if a contract column is missing or does not have one of the allowed types; return its type';

-- Check a messages relation (and a surveys one, unless NULL) against the
-- interaction-history contract, columns and types; return the types of the
-- messages' conversation_id and message_id.  caller names the function in
-- the errors.
CREATE FUNCTION @extschema@.contract_check_history(messages regclass, surveys regclass, caller text) RETURNS regtype[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	ints regtype[] := ARRAY['smallint', 'integer', 'bigint']::regtype[];
	texts regtype[] := ARRAY['text', 'character varying', 'character', 'name']::regtype[];
	ids regtype[] := ARRAY['smallint', 'integer', 'bigint', 'text', 'character varying', 'uuid']::regtype[];
	conv_t regtype;
	msg_t regtype;
	sconv_t regtype;
BEGIN
	IF messages IS NULL OR caller IS NULL THEN
		RAISE EXCEPTION 'contract_check_history: the messages relation and the caller must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM @extschema@.contract_check(messages, 'interaction-history',
		ARRAY['conversation_id', 'message_id', 'sent_at', 'role', 'agent_id', 'channel', 'customer_name', 'body']);
	IF surveys IS NOT NULL THEN
		PERFORM @extschema@.contract_check(surveys, 'surveys',
			ARRAY['conversation_id', 'csat', 'nps', 'ces', 'fcr', 'answered_at']);
	END IF;
	conv_t := @extschema@.contract_check_type(messages, 'conversation_id', ids);
	msg_t := @extschema@.contract_check_type(messages, 'message_id', ids);
	PERFORM @extschema@.contract_check_type(messages, 'sent_at', ARRAY['timestamp with time zone']::regtype[]);
	PERFORM @extschema@.contract_check_type(messages, c, texts)
		FROM unnest(ARRAY['role', 'channel', 'customer_name', 'body']) c;
	PERFORM @extschema@.contract_check_type(messages, 'agent_id', ids);
	IF surveys IS NOT NULL THEN
		-- integers of any width meet, and so do text and varchar (both read as text)
		sconv_t := @extschema@.contract_check_type(surveys, 'conversation_id', ids);
		IF sconv_t IS DISTINCT FROM conv_t
		   AND NOT (conv_t = ANY (ints) AND sconv_t = ANY (ints))
		   AND NOT (conv_t = ANY (texts) AND sconv_t = ANY (texts)) THEN
			RAISE EXCEPTION '%: conversation_id has type % in % but % in %', caller, conv_t, messages,
				sconv_t, surveys
				USING ERRCODE = 'datatype_mismatch',
				      DETAIL = 'A survey answer is matched to its conversation by conversation_id.',
				      HINT = 'Give both columns integer types, text types, or the same type.';
		END IF;
		-- scores as the KPI aggregates take them: a bigint could hold one
		-- they cannot, which would fail as a bare cast inside the views
		PERFORM @extschema@.contract_check_type(surveys, c, ARRAY['smallint', 'integer']::regtype[])
			FROM unnest(ARRAY['csat', 'nps', 'ces']) c;
		PERFORM @extschema@.contract_check_type(surveys, 'fcr', ARRAY['boolean']::regtype[]);
		PERFORM @extschema@.contract_check_type(surveys, 'answered_at', ARRAY['timestamp with time zone']::regtype[]);
	END IF;
	RETURN ARRAY[conv_t, msg_t];
END $$;
COMMENT ON FUNCTION @extschema@.contract_check_history(regclass, regclass, text) IS
'raise an error if a messages relation, or a surveys one, lacks a column of the interaction-history contract or has one of a type it does not allow; return the types of conversation_id and message_id';

CREATE FUNCTION @extschema@.create_dashboard(messages regclass, surveys regclass, target_schema name,
	baseline_end timestamptz DEFAULT NULL, config text DEFAULT NULL)
RETURNS SETOF text
LANGUAGE plpgsql VOLATILE ROWS 13 SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD' AS $fn$
DECLARE
	ints regtype[] := ARRAY['smallint', 'integer', 'bigint']::regtype[];
	texts regtype[] := ARRAY['text', 'character varying', 'character', 'name']::regtype[];
	has_score boolean := to_regprocedure('@extschema@.empathy_score(text, text, text)') IS NOT NULL;
	has_markers boolean := to_regprocedure('@extschema@.markers(text)') IS NOT NULL;
	conv_t regtype;
	msg_t regtype;
	types regtype[];
	conv_expr text;
	msg_expr text;
	emo_expr text;
	risk_expr text;
	markers_expr text;
	open_expr text;
	score_sql text;
	sv text;
	dims text[] := ARRAY['anger', 'frustration', 'disappointment', 'sadness', 'fear', 'confusion',
						 'surprise', 'joy', 'gratitude', 'disgust', 'intensity'];
	dim_cols text;
	s text := quote_ident(target_schema);
	split text;
	kpi_cols text;
	v text;
	names text[];
	why text;
	regrants text[] := ARRAY[]::text[];
	unowned text[] := ARRAY[]::text[];	-- views that could not be given back to their owners
	g text;
	cfg text := '';				-- the configuration as the scoring functions' first argument
	view_names name[] := ARRAY['period_comparison', 'emotional_load', 'channel_consistency',
		'phrase_categories', 'empathy_by_agent', 'escalation_queue', 'unanswered_messages', 'kpi_by_month',
		'kpi_by_week', 'kpi_by_channel', 'kpi_by_agent', 'conversations', 'message_scores']::name[];
	others name[];				-- views of the user's that have a dashboard view's name
BEGIN
	IF messages IS NULL OR target_schema IS NULL THEN
		RAISE EXCEPTION 'create_dashboard: messages and target_schema must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF target_schema = '' THEN
		RAISE EXCEPTION 'create_dashboard: target_schema must not be empty'
			USING ERRCODE = 'invalid_schema_name',
			      HINT = 'Name a schema for the views, such as ''dashboard''.';
	END IF;
	IF target_schema IN ('@extschema@', 'pg_catalog', 'information_schema') OR target_schema LIKE 'pg\_%' THEN
		RAISE EXCEPTION 'create_dashboard: views cannot go in schema "%"', target_schema
			USING ERRCODE = 'invalid_schema_name',
			      DETAIL = 'That schema belongs to the extension or to the system.',
			      HINT = 'Name a schema of your own, such as ''dashboard''.';
	END IF;
	PERFORM @extschema@.contract_check(messages, 'interaction-history',
		ARRAY['conversation_id', 'message_id', 'sent_at', 'role', 'agent_id', 'channel', 'customer_name', 'body']);
	IF EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) ANY (ARRAY[messages, surveys]::pg_catalog.oid[])
			   AND c.relpersistence OPERATOR(pg_catalog.=) 't') THEN
		RAISE EXCEPTION 'create_dashboard: % is a temporary table',
			CASE WHEN (SELECT c.relpersistence FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) messages) OPERATOR(pg_catalog.=) 't'
				THEN messages ELSE surveys END
			USING ERRCODE = 'feature_not_supported',
			      DETAIL = 'The dashboard views last beyond the session, and a temporary table does not.',
			      HINT = 'Read the history from a permanent or unlogged table.';
	END IF;
	types := @extschema@.contract_check_history(messages, surveys, 'create_dashboard');
	IF config IS NOT NULL THEN
		-- one that does not exist is an error now, not when the views are read
		PERFORM @extschema@.sentiment(config, '');
		cfg := format('%L, ', config);
	END IF;
	conv_t := types[1];
	msg_t := types[2];

	-- ids: integers as bigint, anything else as text (plain types for BI tools)
	conv_expr := CASE WHEN conv_t = ANY (ints) THEN 'm.conversation_id::bigint' ELSE 'm.conversation_id::text' END;
	msg_expr := CASE WHEN msg_t = ANY (ints) THEN 'm.message_id::bigint' ELSE 'm.message_id::text' END;
	-- columns the tagging trigger filled are read, not scored again; a row
	-- they are NULL in (one stored before the trigger was created) is scored
	emo_expr := CASE WHEN @extschema@.contract_column_type(messages, 'emotions') = '@extschema@.emotions'::regtype
		THEN 'coalesce(m.emotions, @extschema@.emotions(' || cfg || 'm.body::text))'
		ELSE '@extschema@.emotions(' || cfg || 'm.body::text)' END;
	risk_expr := CASE WHEN @extschema@.contract_column_type(messages, 'escalation_risk') = ANY
			(ARRAY['double precision', 'real', 'numeric']::regtype[])
		THEN 'coalesce(m.escalation_risk::float8, @extschema@.escalation_risk(' || cfg || 'm.body::text))'
		ELSE '@extschema@.escalation_risk(' || cfg || 'm.body::text)' END;
	markers_expr := CASE
		WHEN @extschema@.contract_column_type(messages, 'markers') = 'text[]'::regtype AND has_markers
			THEN 'coalesce(m.markers, @extschema@.markers(' || cfg || 'm.body::text))'
		WHEN @extschema@.contract_column_type(messages, 'markers') = 'text[]'::regtype THEN 'm.markers'
		WHEN has_markers THEN '@extschema@.markers(' || cfg || 'm.body::text)'
		ELSE 'NULL::text[]' END;
	open_expr := CASE WHEN @extschema@.contract_column_type(messages, 'conversation_open') = 'boolean'::regtype
		THEN 'm.conversation_open' ELSE 'NULL::boolean' END;
	IF NOT has_score THEN
		RAISE NOTICE 'function @extschema@.empathy_score(text, text, text) does not exist: the empathy columns of the dashboard are NULL';
	END IF;
	IF NOT has_markers AND markers_expr = 'NULL::text[]' THEN
		RAISE NOTICE 'function @extschema@.markers(text) does not exist: the phrase_categories view is empty';
	END IF;

	-- created only when missing: CREATE SCHEMA IF NOT EXISTS asks for CREATE on
	-- the database even when the schema exists, which a schema's owner may lack
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) target_schema) THEN
		EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', target_schema);
	END IF;

	-- A view of the user's with a dashboard view's name is never replaced: the
	-- dashboard's views are security_invoker and use the extension's
	-- functions, types or operators, or another dashboard view of the schema;
	-- a view that is not or uses neither is not one
	SELECT pg_catalog.array_agg(c.relname ORDER BY c.relname) INTO others
	FROM pg_catalog.pg_class c
	WHERE c.relnamespace OPERATOR(pg_catalog.=) (SELECT n.oid FROM pg_catalog.pg_namespace n
		WHERE n.nspname OPERATOR(pg_catalog.=) target_schema)
	  AND c.relkind OPERATOR(pg_catalog.=) 'v'
	  AND c.relname OPERATOR(pg_catalog.=) ANY (view_names)
	  AND NOT (coalesce('security_invoker=true' OPERATOR(pg_catalog.=) ANY (c.reloptions), false) AND EXISTS (
		SELECT FROM pg_catalog.pg_rewrite rw
		JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_rewrite'::pg_catalog.regclass
			AND d.objid OPERATOR(pg_catalog.=) rw.oid
		WHERE rw.ev_class OPERATOR(pg_catalog.=) c.oid
		  AND (EXISTS (SELECT FROM pg_catalog.pg_depend e
				JOIN pg_catalog.pg_extension x ON x.oid OPERATOR(pg_catalog.=) e.refobjid
				WHERE e.classid OPERATOR(pg_catalog.=) d.refclassid AND e.objid OPERATOR(pg_catalog.=) d.refobjid
				  AND e.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
				  AND e.deptype OPERATOR(pg_catalog.=) 'e' AND x.extname OPERATOR(pg_catalog.=) 'empathy')
			OR EXISTS (SELECT FROM pg_catalog.pg_class o
				WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
				  AND o.oid OPERATOR(pg_catalog.=) d.refobjid AND o.oid OPERATOR(pg_catalog.<>) c.oid
				  AND o.relnamespace OPERATOR(pg_catalog.=) c.relnamespace AND o.relkind OPERATOR(pg_catalog.=) 'v'
				  AND o.relname OPERATOR(pg_catalog.=) ANY (view_names)))));
	IF pg_catalog.cardinality(others) > 0 THEN
		RAISE EXCEPTION 'create_dashboard: schema "%" has views of its own named as dashboard views', target_schema
			USING ERRCODE = 'duplicate_table',
			      DETAIL = format('%s %s not made by create_dashboard, and would be replaced.',
					CASE WHEN pg_catalog.cardinality(others) = 1 THEN 'View' ELSE 'Views' END,
					pg_catalog.array_to_string(others, ', ') ||
					CASE WHEN pg_catalog.cardinality(others) = 1 THEN ' was' ELSE ' were' END),
			      HINT = 'Create the dashboard views in another schema, or rename those views.';
	END IF;

	-- Views of an earlier call are replaced.  When their columns change type
	-- (other id types), CREATE OR REPLACE cannot, and they are dropped first:
	-- without CASCADE, so that nothing of the user's goes with them.
	FOR attempt IN 1..2 LOOP
	BEGIN
	names := ARRAY[]::text[];

	-- message_scores: one row per message --------------------------------
	SELECT string_agg(format('(e.emo OPERATOR(@extschema@.->) %L) AS %I', d, d), ', ') INTO dim_cols FROM unnest(dims) d;
	score_sql := CASE WHEN has_score THEN
		'(SELECT (x.r).score::float8 AS empathy_score, (x.r).needed AS empathy_needed,
			(x.r).emotional_reaction::int AS emotional_reaction, (x.r).interpretation::int AS interpretation,
			(x.r).exploration::int AS exploration, (x.r).acknowledged_emotion AS acknowledged_emotion,
			pg_catalog.cardinality((x.r).penalties)::int AS penalties
		 FROM (SELECT @extschema@.empathy_score(' || cfg || 'c.body, c.customer_context, c.customer_name) AS r
			   WHERE c.role = ''agent'' OFFSET 0) x)'
		ELSE
		'(SELECT NULL::float8 AS empathy_score, NULL::boolean AS empathy_needed, NULL::int AS emotional_reaction,
			NULL::int AS interpretation, NULL::int AS exploration, NULL::boolean AS acknowledged_emotion, NULL::int AS penalties)'
		END;
	EXECUTE format($v$
CREATE OR REPLACE VIEW %1$s.message_scores WITH (security_invoker = true) AS
WITH a AS (
	SELECT %2$s AS conversation_id, %3$s AS message_id, m.sent_at, m.role::text AS role,
		m.agent_id::text AS agent_id, m.channel::text AS channel, m.customer_name::text AS customer_name,
		m.body::text AS body,
		CASE WHEN m.role::text = 'customer' AND m.body IS NOT NULL THEN %4$s END AS emo,
		CASE WHEN m.role::text = 'customer' AND m.body IS NOT NULL THEN %5$s END AS risk,
		CASE WHEN m.role::text = 'agent' THEN %6$s END AS markers,
		%10$s AS conversation_open
	FROM %7$s m
), b AS NOT MATERIALIZED (
	-- (read twice, by x and c: not materialized, so that a filter on the
	-- conversation still reaches the history instead of every message being
	-- scored first)
	SELECT a.*,
		count(*) FILTER (WHERE a.role = 'agent') OVER (PARTITION BY a.conversation_id
			ORDER BY a.sent_at, a.message_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS agents_before,
		count(*) FILTER (WHERE a.role = 'agent') OVER (PARTITION BY a.conversation_id) AS agents_total
	FROM a
), x AS NOT MATERIALIZED (
	-- what the customer wrote since the last reply: the context of the reply
	-- that ends the run (the run's last row), gathered once per run; as a
	-- window frame ending at each row it was copied again at every message,
	-- and a long run cost time in the square of its length.  Each message's
	-- own words, a line each: a message after one that ends in an e-mail
	-- quote is not read as part of that quote
	SELECT b.conversation_id, b.agents_before,
		string_agg(@extschema@.own_words(b.body), E'\n' ORDER BY b.sent_at, b.message_id) AS customer_context
	FROM b WHERE b.role = 'customer' GROUP BY b.conversation_id, b.agents_before
), c AS (
	-- (joined on the conversation, so that a filter on it reaches x too; the
	-- messages with no conversation id are one conversation, as they are to
	-- the windows and to GROUP BY elsewhere, joined apart)
	SELECT b.*,
		min(b.sent_at) FILTER (WHERE b.role = 'customer') OVER (PARTITION BY b.conversation_id, b.agents_before) AS pending_since,
		-- (the first run of customer messages: the reply that ends it is the
		-- first response, not a message the agent opened the conversation with)
		min(b.agents_before) FILTER (WHERE b.role = 'customer') OVER (PARTITION BY b.conversation_id) AS first_asked,
		CASE WHEN b.conversation_id IS NULL THEN xn.customer_context ELSE x.customer_context END AS customer_context
	FROM b
	LEFT JOIN x ON b.role = 'agent' AND x.conversation_id = b.conversation_id AND x.agents_before = b.agents_before
	LEFT JOIN x AS xn ON b.role = 'agent' AND b.conversation_id IS NULL AND xn.conversation_id IS NULL
		AND xn.agents_before = b.agents_before
)
SELECT c.conversation_id, c.message_id, c.sent_at,
	pg_catalog.date_trunc('week', c.sent_at)::date AS week,
	pg_catalog.date_trunc('month', c.sent_at)::date AS month,
	c.role, c.agent_id, c.channel,
	(e.emo OPERATOR(@extschema@.->) 'sentiment') AS sentiment,
	CASE WHEN e.emo IS NOT NULL THEN @extschema@.dominant_emotion(%11$se.emo) END AS dominant_emotion,
	%8$s,
	GREATEST(e.emo OPERATOR(@extschema@.->) 'anger', e.emo OPERATOR(@extschema@.->) 'frustration',
		e.emo OPERATOR(@extschema@.->) 'disappointment', e.emo OPERATOR(@extschema@.->) 'sadness',
		e.emo OPERATOR(@extschema@.->) 'fear', e.emo OPERATOR(@extschema@.->) 'disgust') AS negative_emotion,
	c.risk AS escalation_risk,
	c.risk >= @extschema@.escalation_threshold() AS escalate,
	CASE WHEN c.role = 'customer' THEN c.agents_total > c.agents_before END AS answered,
	-- (a message with no text, an attachment alone, needs a reply as an empty one does)
	CASE WHEN c.role = 'customer' THEN NOT coalesce(c.body !~ '[?]'
		AND (e.emo OPERATOR(@extschema@.->) 'sentiment') > 0.5
		AND @extschema@.dominant_emotion(%11$se.emo) IN ('gratitude', 'joy'), false) END AS needs_reply,
	CASE WHEN c.role = 'customer' THEN c.agents_total = c.agents_before
		AND NOT coalesce(c.body !~ '[?]' AND (e.emo OPERATOR(@extschema@.->) 'sentiment') > 0.5
			AND @extschema@.dominant_emotion(%11$se.emo) IN ('gratitude', 'joy'), false)
		AND coalesce(c.conversation_open, true) END AS awaiting_reply,
	c.role = 'agent' AND c.agents_before IS NOT DISTINCT FROM c.first_asked AS first_reply,
	-- an infinite timestamp ('infinity', '-infinity') gives no duration
	CASE WHEN c.role = 'agent' AND pg_catalog.isfinite(c.sent_at) AND pg_catalog.isfinite(c.pending_since)
		THEN extract(epoch FROM c.sent_at - c.pending_since)::float8 / 60 END AS response_minutes,
	s.empathy_score, s.empathy_needed,
	CASE WHEN c.role = 'agent' THEN s.empathy_score >= 50 END AS empathy_shown,
	CASE WHEN c.role = 'agent' THEN s.empathy_needed AND s.empathy_score < 50 END AS missed_opportunity,
	s.emotional_reaction, s.interpretation, s.exploration, s.acknowledged_emotion, s.penalties,
	CASE WHEN c.role = 'agent' THEN pg_catalog.array_to_string(c.markers, ',') END AS markers
FROM c
CROSS JOIN LATERAL (SELECT c.emo OFFSET 0) e
LEFT JOIN LATERAL %9$s s ON true
$v$, s, conv_expr, msg_expr, emo_expr, risk_expr, markers_expr, messages::text, dim_cols, score_sql, open_expr, cfg);
	EXECUTE format('COMMENT ON VIEW %s.message_scores IS %L', s,
		'one row per message of ' || messages::text || ': customer emotions and escalation risk, agent response time and empathy (empathy extension)');
	names := names || 'message_scores'::text;

	-- conversations: one row per conversation ------------------------------
	sv := CASE WHEN surveys IS NULL THEN
		'(SELECT NULL::int AS csat, NULL::int AS nps, NULL::int AS ces, NULL::boolean AS fcr, NULL::timestamptz AS answered_at) sv ON true'
		ELSE format('(SELECT DISTINCT ON (q.conversation_id) %s AS conversation_id, q.csat::int AS csat, q.nps::int AS nps,
			q.ces::int AS ces, q.fcr, q.answered_at FROM %s q ORDER BY q.conversation_id, q.answered_at DESC NULLS LAST,
			q.csat DESC NULLS LAST, q.nps DESC NULLS LAST, q.ces DESC NULLS LAST, q.fcr DESC NULLS LAST) sv
			ON sv.conversation_id = ms.conversation_id', replace(conv_expr, 'm.', 'q.'), surveys::text) END;
	EXECUTE format($v$
CREATE OR REPLACE VIEW %1$s.conversations WITH (security_invoker = true) AS
SELECT ms.conversation_id,
	pg_catalog.mode() WITHIN GROUP (ORDER BY ms.agent_id) AS agent_id,
	pg_catalog.mode() WITHIN GROUP (ORDER BY ms.channel) AS channel,
	min(ms.sent_at) AS started_at,
	pg_catalog.date_trunc('week', min(ms.sent_at))::date AS week,
	pg_catalog.date_trunc('month', min(ms.sent_at))::date AS month,
	max(ms.sent_at) AS last_message_at,
	count(*) FILTER (WHERE ms.role = 'customer') AS customer_messages,
	count(*) FILTER (WHERE ms.role = 'agent') AS agent_replies,
	min(ms.sent_at) FILTER (WHERE ms.first_reply) AS first_response_at,
	min(ms.response_minutes) FILTER (WHERE ms.first_reply) AS first_response_minutes,
	count(*) FILTER (WHERE ms.awaiting_reply) AS unanswered_messages,
	(pg_catalog.array_agg(ms.dominant_emotion ORDER BY ms.sent_at, ms.message_id) FILTER (WHERE ms.role = 'customer'))[1] AS opening_emotion,
	avg(ms.sentiment) AS mean_customer_sentiment,
	avg(ms.negative_emotion) AS mean_negative_emotion,
	max(ms.escalation_risk) AS peak_escalation_risk,
	coalesce(bool_or(ms.escalate), false) AS escalation_risk_reached,
	count(*) FILTER (WHERE ms.empathy_needed) AS replies_needing_empathy,
	count(*) FILTER (WHERE ms.empathy_needed AND ms.empathy_shown) AS replies_showing_empathy,
	count(*) FILTER (WHERE ms.missed_opportunity) AS missed_opportunities,
	avg(ms.empathy_score) AS mean_empathy_score,
	min(sv.csat) AS csat, min(sv.nps) AS nps, min(sv.ces) AS ces, bool_and(sv.fcr) AS fcr,
	min(sv.answered_at) AS survey_answered_at,
	-- (last, so that CREATE OR REPLACE VIEW keeps a dashboard made by an earlier version)
	count(ms.empathy_score) AS scored_replies
FROM %2$s.message_scores ms
LEFT JOIN %3$s
GROUP BY ms.conversation_id
$v$, s, s, sv);
	EXECUTE format('COMMENT ON VIEW %s.conversations IS %L', s,
		'one row per conversation: agent, channel, first response, unanswered messages, customer emotion, empathy and survey answers');
	names := names || 'conversations'::text;

	-- KPIs by agent, channel, week and month ---------------------------------
	kpi_cols := $k$
	count(*) AS conversations,
	count(*) FILTER (WHERE pg_catalog.num_nonnulls(cv.csat, cv.nps, cv.ces, cv.fcr) > 0) AS surveys,
	@extschema@.csat(cv.csat) AS csat,
	@extschema@.nps(cv.nps) AS nps,
	@extschema@.ces(cv.ces) AS ces,
	@extschema@.rate(cv.fcr) AS fcr,
	percentile_cont(0.5) WITHIN GROUP (ORDER BY cv.first_response_minutes) AS median_first_response_minutes,
	avg(cv.first_response_minutes) AS mean_first_response_minutes,
	sum(cv.unanswered_messages)::bigint AS unanswered_messages,
	100 * sum(cv.replies_showing_empathy)::float8 / nullif(sum(cv.replies_needing_empathy), 0) AS empathy_rate,
	sum(cv.missed_opportunities)::bigint AS missed_opportunities,
	sum(cv.mean_empathy_score * cv.scored_replies) / nullif(sum(cv.scored_replies), 0) AS mean_empathy_score,
	@extschema@.rate(cv.escalation_risk_reached) AS escalation_rate$k$;
	FOREACH v IN ARRAY ARRAY['agent_id', 'channel', 'week', 'month'] LOOP
		EXECUTE format('CREATE OR REPLACE VIEW %s.%I WITH (security_invoker = true) AS
SELECT cv.%I, %s
FROM %s.conversations cv %s GROUP BY cv.%I',
			s, 'kpi_by_' || replace(v, '_id', ''), v, kpi_cols, s,
			CASE WHEN v = 'agent_id' THEN 'WHERE cv.agent_id IS NOT NULL' ELSE '' END, v);
		EXECUTE format('COMMENT ON VIEW %s.%I IS %L', s, 'kpi_by_' || replace(v, '_id', ''),
			'CSAT, NPS, CES, FCR, first-response time, empathy rate and escalation rate by ' || replace(v, '_id', ''));
		names := names || ('kpi_by_' || replace(v, '_id', ''))::text;
	END LOOP;

	-- unanswered customer messages and the escalation queue --------------------
	EXECUTE format($v$
CREATE OR REPLACE VIEW %1$s.unanswered_messages WITH (security_invoker = true) AS
SELECT ms.conversation_id, ms.message_id, ms.sent_at, ms.channel,
	CASE WHEN ms.conversation_id IS NULL THEN cvn.agent_id ELSE cv.agent_id END AS agent_id,
	CASE WHEN pg_catalog.isfinite(ms.sent_at) THEN extract(epoch FROM
		(SELECT max(x.sent_at) FROM %1$s.message_scores x WHERE pg_catalog.isfinite(x.sent_at)) - ms.sent_at)::float8 / 3600
	END AS hours_waiting,
	ms.dominant_emotion, ms.sentiment, ms.escalation_risk, ms.escalate
FROM %1$s.message_scores ms
-- (the messages with no conversation id are one conversation, joined apart)
LEFT JOIN %1$s.conversations cv ON cv.conversation_id = ms.conversation_id
LEFT JOIN (SELECT n.agent_id FROM %1$s.conversations n WHERE n.conversation_id IS NULL) cvn
	ON ms.conversation_id IS NULL
WHERE ms.awaiting_reply
$v$, s);
	EXECUTE format('COMMENT ON VIEW %s.unanswered_messages IS %L', s,
		'customer messages awaiting a reply (no agent message after them, not a closing thank-you, conversation not closed when conversation_open is given); hours_waiting is counted up to the newest message of the history');
	names := names || 'unanswered_messages'::text;

	EXECUTE format($v$
CREATE OR REPLACE VIEW %1$s.escalation_queue WITH (security_invoker = true) AS
WITH u AS (
	SELECT um.*,
		count(*) OVER (PARTITION BY um.conversation_id) AS unanswered,
		max(um.hours_waiting) OVER (PARTITION BY um.conversation_id) AS waiting,
		row_number() OVER (PARTITION BY um.conversation_id ORDER BY um.escalation_risk DESC NULLS LAST, um.sent_at) AS k
	FROM %1$s.unanswered_messages um
), q AS (
	-- the chosen message's name and text, looked up after the counting: by
	-- conversation and message id, since message ids need only be unique
	-- within a conversation (one with a NULL id keeps its place in the
	-- queue, without them), the one sent at its time first
	SELECT u.*, coalesce(m.customer_name, mn.customer_name) AS customer_name, coalesce(m.body, mn.body) AS body,
		row_number() OVER (PARTITION BY u.conversation_id
			ORDER BY (coalesce(m.sent_at, mn.sent_at) IS NOT DISTINCT FROM u.sent_at) DESC) AS j
	FROM u
	LEFT JOIN (SELECT %2$s AS conversation_id, %3$s AS message_id, m.sent_at,
			m.customer_name::text AS customer_name, m.body::text AS body
		FROM %4$s m WHERE m.role::text = 'customer') m
		ON m.conversation_id = u.conversation_id AND m.message_id = u.message_id
	-- (the messages with no conversation id are one conversation, joined apart)
	LEFT JOIN (SELECT %3$s AS message_id, m.sent_at,
			m.customer_name::text AS customer_name, m.body::text AS body
		FROM %4$s m WHERE m.role::text = 'customer' AND m.conversation_id IS NULL) mn
		ON u.conversation_id IS NULL AND mn.message_id = u.message_id
	WHERE u.k = 1
)
-- (a message with no text has no risk: after every message that has one)
SELECT row_number() OVER (ORDER BY q.escalate DESC NULLS LAST, q.escalation_risk DESC NULLS LAST,
		q.waiting DESC NULLS LAST, q.sent_at, q.conversation_id)::int AS priority,
	q.conversation_id, q.channel, q.agent_id, q.customer_name,
	q.unanswered AS unanswered_messages, q.waiting AS hours_waiting,
	q.message_id, q.sent_at, q.body, q.dominant_emotion, q.sentiment, q.escalation_risk, q.escalate
FROM q WHERE q.j = 1
$v$, s, conv_expr, msg_expr, messages::text);
	EXECUTE format('COMMENT ON VIEW %s.escalation_queue IS %L', s,
		'conversations waiting for an answer, riskiest first: the riskiest unanswered customer message of each, escalate = risk >= empathy.escalation_threshold()');
	names := names || 'escalation_queue'::text;

	-- empathy per agent ----------------------------------------------------------
	EXECUTE format($v$
CREATE OR REPLACE VIEW %1$s.empathy_by_agent WITH (security_invoker = true) AS
SELECT ms.agent_id,
	count(*) AS replies,
	count(*) FILTER (WHERE ms.empathy_needed) AS replies_needing_empathy,
	count(*) FILTER (WHERE ms.empathy_needed AND ms.empathy_shown) AS replies_showing_empathy,
	100 * (count(*) FILTER (WHERE ms.empathy_needed AND ms.empathy_shown))::float8
		/ nullif(count(*) FILTER (WHERE ms.empathy_needed), 0) AS empathy_rate,
	count(*) FILTER (WHERE ms.missed_opportunity) AS missed_opportunities,
	100 * (count(*) FILTER (WHERE ms.missed_opportunity))::float8
		/ nullif(count(*) FILTER (WHERE ms.empathy_needed), 0) AS missed_rate,
	avg(ms.empathy_score) AS mean_empathy_score,
	avg(ms.empathy_score) FILTER (WHERE ms.empathy_needed) AS mean_empathy_score_when_needed,
	count(*) FILTER (WHERE ms.penalties > 0) AS replies_with_penalties,
	percentile_cont(0.5) WITHIN GROUP (ORDER BY ms.response_minutes) AS median_response_minutes
FROM %1$s.message_scores ms
WHERE ms.role = 'agent' AND ms.agent_id IS NOT NULL
GROUP BY ms.agent_id
$v$, s);
	EXECUTE format('COMMENT ON VIEW %s.empathy_by_agent IS %L', s,
		'per agent: replies that needed empathy, how many showed it (empathy_rate, %) and the missed opportunities (needed but not shown)');
	names := names || 'empathy_by_agent'::text;

	-- empathetic phrase categories and CSAT ---------------------------------------
	EXECUTE format($v$
CREATE OR REPLACE VIEW %1$s.phrase_categories WITH (security_invoker = true) AS
WITH r AS (
	SELECT ms.conversation_id, u.category
	FROM %1$s.message_scores ms
	CROSS JOIN LATERAL pg_catalog.unnest(pg_catalog.string_to_array(nullif(ms.markers, ''), ',')) AS u(category)
	WHERE ms.role = 'agent'
), total AS (
	SELECT count(*) AS replies FROM %1$s.message_scores WHERE role = 'agent'
), cats AS (
	SELECT r.category, count(*) AS replies,
		count(DISTINCT r.conversation_id) + (bool_or(r.conversation_id IS NULL))::int AS conversations
	FROM r GROUP BY r.category
), cc AS (
	SELECT DISTINCT r.conversation_id, r.category FROM r
), sv AS (
	SELECT cv.conversation_id, cv.csat FROM %1$s.conversations cv WHERE cv.csat IS NOT NULL
)
SELECT cats.category,
	cats.category IN ('scripted', 'blame', 'dismissive', 'minimizing', 'over_apology') AS negative,
	cats.replies,
	100 * cats.replies::float8 / nullif((SELECT replies FROM total), 0) AS share_of_replies,
	cats.conversations,
	@extschema@.csat(sv.csat) FILTER (WHERE cc.conversation_id IS NOT NULL) AS csat_with,
	@extschema@.csat(sv.csat) FILTER (WHERE cc.conversation_id IS NULL) AS csat_without,
	@extschema@.csat(sv.csat) FILTER (WHERE cc.conversation_id IS NOT NULL)
		- @extschema@.csat(sv.csat) FILTER (WHERE cc.conversation_id IS NULL) AS csat_difference,
	count(cc.conversation_id) AS surveyed_conversations
FROM cats
-- (every category, with no CSAT columns when no conversation has a CSAT answer)
LEFT JOIN sv ON true
LEFT JOIN cc ON cc.category = cats.category AND cc.conversation_id = sv.conversation_id
GROUP BY cats.category, cats.replies, cats.conversations
$v$, s);
	EXECUTE format('COMMENT ON VIEW %s.phrase_categories IS %L', s,
		'how often agent replies use each category of empathetic (or negative) phrasing, and the CSAT of conversations with and without it');
	names := names || 'phrase_categories'::text;

	-- channel consistency ---------------------------------------------------------
	EXECUTE format($v$
CREATE OR REPLACE VIEW %1$s.channel_consistency WITH (security_invoker = true) AS
WITH g AS (
	SELECT ms.agent_id, ms.channel, count(*) AS replies,
		100 * (count(*) FILTER (WHERE ms.empathy_needed AND ms.empathy_shown))::float8
			/ nullif(count(*) FILTER (WHERE ms.empathy_needed), 0) AS empathy_rate,
		avg(ms.empathy_score) AS mean_empathy_score,
		sum(ms.empathy_score) AS score_sum, count(ms.empathy_score) AS score_n
	FROM %1$s.message_scores ms
	WHERE ms.role = 'agent' AND ms.agent_id IS NOT NULL
	GROUP BY ms.agent_id, ms.channel
)
SELECT g.agent_id, g.channel, g.replies, g.empathy_rate, g.mean_empathy_score,
	sum(g.score_sum) OVER w / nullif(sum(g.score_n) OVER w, 0) AS agent_mean_empathy_score,
	g.mean_empathy_score - sum(g.score_sum) OVER w / nullif(sum(g.score_n) OVER w, 0) AS difference,
	max(g.mean_empathy_score) OVER w - min(g.mean_empathy_score) OVER w AS agent_spread,
	count(*) OVER w AS agent_channels
FROM g
WINDOW w AS (PARTITION BY g.agent_id)
$v$, s);
	EXECUTE format('COMMENT ON VIEW %s.channel_consistency IS %L', s,
		'per agent and channel: empathy rate and mean score, the difference from the agent''s own mean, and the spread across channels (0 = consistent)');
	names := names || 'channel_consistency'::text;

	-- emotional load per agent and shift -------------------------------------------
	EXECUTE format($v$
CREATE OR REPLACE VIEW %1$s.emotional_load WITH (security_invoker = true) AS
WITH l AS (
	SELECT CASE WHEN ms.conversation_id IS NULL THEN cvn.agent_id ELSE cv.agent_id END AS agent_id,
		(ms.sent_at)::date AS shift_date, ms.conversation_id, ms.negative_emotion, ms.escalation_risk,
		ms.escalate, ms.dominant_emotion
	FROM %1$s.message_scores ms
	-- (the messages with no conversation id are one conversation, joined apart)
	LEFT JOIN %1$s.conversations cv ON cv.conversation_id = ms.conversation_id
	LEFT JOIN (SELECT n.agent_id FROM %1$s.conversations n WHERE n.conversation_id IS NULL) cvn
		ON ms.conversation_id IS NULL
	WHERE ms.role = 'customer'
), d AS (
	SELECT l.agent_id, l.shift_date,
		count(DISTINCT l.conversation_id) + (bool_or(l.conversation_id IS NULL))::int AS conversations,
		count(*) AS customer_messages,
		count(*) FILTER (WHERE l.negative_emotion >= 0.3) AS negative_messages,
		count(*) FILTER (WHERE l.dominant_emotion IN ('anger', 'frustration')) AS angry_messages,
		count(*) FILTER (WHERE l.escalate) AS high_risk_messages,
		coalesce(sum(l.negative_emotion), 0) AS emotional_load,
		avg(l.negative_emotion) AS mean_negative_emotion
	FROM l WHERE l.agent_id IS NOT NULL GROUP BY l.agent_id, l.shift_date
)
SELECT d.*,
	d.emotional_load / nullif(avg(d.emotional_load) OVER (PARTITION BY d.shift_date), 0) AS load_vs_team
FROM d
$v$, s);
	EXECUTE format('COMMENT ON VIEW %s.emotional_load IS %L', s,
		'per agent and day: the negative emotion of the customer messages in the agent''s conversations (a measure of what the agent handled, not of the agent''s own feelings)');
	names := names || 'emotional_load'::text;

	-- baseline against the current period ---------------------------------------------
	split := CASE WHEN baseline_end IS NULL
		THEN format('(SELECT min(started_at) + (max(started_at) - min(started_at)) / 2 FROM %s.conversations
			WHERE pg_catalog.isfinite(started_at))', s)
		ELSE format('%L::timestamptz', baseline_end) END;
	EXECUTE format($v$
CREATE OR REPLACE VIEW %1$s.period_comparison WITH (security_invoker = true) AS
WITH p AS (
	SELECT %2$s AS split, min(started_at) AS first_at, max(started_at) AS last_at FROM %1$s.conversations
), g AS (
	SELECT GROUPING(cv.agent_id) = 1 AS total, cv.agent_id, cv.started_at >= p.split AS current,
		count(*) AS conversations, count(cv.csat) AS n_csat, count(cv.nps) AS n_nps, count(cv.ces) AS n_ces,
		count(cv.fcr) AS n_fcr,
		@extschema@.csat(cv.csat) AS csat, @extschema@.nps(cv.nps) AS nps, @extschema@.ces(cv.ces) AS ces,
		@extschema@.rate(cv.fcr) AS fcr,
		percentile_cont(0.5) WITHIN GROUP (ORDER BY cv.first_response_minutes) AS median_first_response_minutes,
		100 * sum(cv.replies_showing_empathy)::float8 / nullif(sum(cv.replies_needing_empathy), 0) AS empathy_rate,
		100 * sum(cv.missed_opportunities)::float8 / nullif(sum(cv.replies_needing_empathy), 0) AS missed_rate,
		@extschema@.rate(cv.escalation_risk_reached) AS escalation_rate
	FROM %1$s.conversations cv CROSS JOIN p
	GROUP BY GROUPING SETS ((cv.agent_id, cv.started_at >= p.split), (cv.started_at >= p.split))
	-- every conversation counts for 'all'; only those with an agent, per agent
	HAVING GROUPING(cv.agent_id) = 1 OR cv.agent_id IS NOT NULL
), k AS (
	SELECT g.total, g.agent_id, g.current, v.kpi, v.value, v.n, v.ord
	FROM g CROSS JOIN LATERAL (VALUES
		(1, 'csat', g.csat, g.n_csat), (2, 'nps', g.nps, g.n_nps), (3, 'ces', g.ces, g.n_ces),
		(4, 'fcr', g.fcr, g.n_fcr), (5, 'median_first_response_minutes', g.median_first_response_minutes, g.conversations),
		(6, 'empathy_rate', g.empathy_rate, g.conversations), (7, 'missed_rate', g.missed_rate, g.conversations),
		(8, 'escalation_rate', g.escalation_rate, g.conversations)) AS v(ord, kpi, value, n)
)
SELECT CASE WHEN k.total THEN 'all' ELSE k.agent_id END AS scope, k.agent_id, k.kpi, k.ord::int AS kpi_order,
	max(k.value) FILTER (WHERE NOT k.current) AS baseline,
	max(k.value) FILTER (WHERE k.current) AS current,
	max(k.value) FILTER (WHERE k.current) - max(k.value) FILTER (WHERE NOT k.current) AS change,
	coalesce(max(k.n) FILTER (WHERE NOT k.current), 0) AS baseline_n,
	coalesce(max(k.n) FILTER (WHERE k.current), 0) AS current_n,
	(SELECT first_at FROM p) AS baseline_from, (SELECT split FROM p) AS current_from, (SELECT last_at FROM p) AS current_until
FROM k
GROUP BY k.total, k.agent_id, k.kpi, k.ord
$v$, s, split);
	EXECUTE format('COMMENT ON VIEW %s.period_comparison IS %L', s,
		'each KPI in the baseline period and the current one, with the change, for all conversations (scope ''all'', agent_id NULL) and per agent; n counts the conversations with that KPI''s answer (its survey question, or for the other KPIs any conversation); the current period starts at current_from');
	names := names || 'period_comparison'::text;
	EXIT;
	EXCEPTION WHEN invalid_table_definition THEN
		IF attempt = 2 THEN
			RAISE;
		END IF;
		GET STACKED DIAGNOSTICS why = MESSAGE_TEXT;
		-- the grants on the old views, on the whole view or on columns, given
		-- again on the new ones (a BI role keeps its access), and the owner
		-- of a view that another role owned
		WITH c AS (
			SELECT c.oid, c.relname, c.relacl, c.relowner
			FROM pg_catalog.pg_class c
			WHERE c.relnamespace OPERATOR(pg_catalog.=) (SELECT n.oid FROM pg_catalog.pg_namespace n
				WHERE n.nspname OPERATOR(pg_catalog.=) target_schema)
			  AND c.relkind OPERATOR(pg_catalog.=) 'v'
			  AND c.relname OPERATOR(pg_catalog.=) ANY (view_names))
		SELECT coalesce(pg_catalog.array_agg(g.cmd ORDER BY g.ord, g.cmd), ARRAY[]::text[])
			INTO regrants
			FROM (
				SELECT 1 AS ord, pg_catalog.format('GRANT %s%s ON %s.%I TO %s%s', a.privilege_type,
						CASE WHEN col.attname IS NULL THEN '' ELSE pg_catalog.format(' (%I)', col.attname) END, s, c.relname,
						CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(r.rolname) END,
						CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END) AS cmd
				FROM c
				CROSS JOIN LATERAL (
					SELECT NULL::name AS attname, c.relacl AS acl
					UNION ALL
					SELECT at.attname, at.attacl FROM pg_catalog.pg_attribute at
					WHERE at.attrelid OPERATOR(pg_catalog.=) c.oid AND at.attnum OPERATOR(pg_catalog.>) 0
					  AND NOT at.attisdropped AND at.attacl IS NOT NULL) col
				CROSS JOIN LATERAL pg_catalog.aclexplode(col.acl) a
				LEFT JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) a.grantee
				WHERE a.grantee OPERATOR(pg_catalog.<>) c.relowner
				UNION ALL
				SELECT 0, pg_catalog.format('ALTER VIEW %s.%I OWNER TO %I', s, c.relname, o.rolname)
				FROM c
				JOIN pg_catalog.pg_roles o ON o.oid OPERATOR(pg_catalog.=) c.relowner
				WHERE o.rolname OPERATOR(pg_catalog.<>) CURRENT_USER) g;
		BEGIN
			EXECUTE format('DROP VIEW IF EXISTS %1$s.period_comparison, %1$s.emotional_load, %1$s.channel_consistency,
				%1$s.phrase_categories, %1$s.empathy_by_agent, %1$s.escalation_queue, %1$s.unanswered_messages,
				%1$s.kpi_by_month, %1$s.kpi_by_week, %1$s.kpi_by_channel, %1$s.kpi_by_agent, %1$s.conversations,
				%1$s.message_scores', s);
		EXCEPTION WHEN dependent_objects_still_exist THEN
			RAISE EXCEPTION 'create_dashboard: cannot replace the views in schema "%"', target_schema
				USING ERRCODE = 'dependent_objects_still_exist',
				      DETAIL = format('The new views'' columns differ from the old ones (%s), and other objects depend on the old views.', why),
				      HINT = 'Drop the objects that depend on the dashboard views, or create the views in another schema.';
		END;
	END;
	END LOOP;
	FOREACH g IN ARRAY regrants LOOP
		IF g LIKE 'ALTER VIEW %' THEN
			BEGIN
				EXECUTE g;
			EXCEPTION WHEN insufficient_privilege THEN
				GET STACKED DIAGNOSTICS why = MESSAGE_TEXT;
				unowned := unowned || format('%s failed: %s.', g, why);
			END;
		ELSE
			EXECUTE g;
		END IF;
	END LOOP;
	IF pg_catalog.cardinality(unowned) > 0 THEN
		RAISE WARNING 'create_dashboard: % rebuilt views in schema "%" could not be given back to their owners',
			pg_catalog.cardinality(unowned), target_schema
			USING DETAIL = unowned[1] || CASE WHEN pg_catalog.cardinality(unowned) > 1
							 THEN format(' So did %s more such commands.', pg_catalog.cardinality(unowned) - 1) ELSE '' END,
			      HINT = 'Run create_dashboard as the views'' owner, or change their owner yourself.';
	END IF;
	RETURN QUERY SELECT pg_catalog.unnest(names);
	RETURN;
END
$fn$;
COMMENT ON FUNCTION @extschema@.create_dashboard(regclass, regclass, name, timestamptz, text) IS
'create plain-column, security_invoker dashboard views over an interaction history and its surveys in target_schema; baseline_end splits baseline and current periods (default: the middle of the history); config names the configuration the views score with (default: the built-in one)';

-- ---------------------------------------------------------------------------
-- Routing: rank agents for an open conversation by how they did on past
-- conversations whose customers felt the same way.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.route(conversation_emotions @extschema@.emotions, messages regclass,
	surveys regclass DEFAULT NULL, agents text[] DEFAULT NULL, neighbours integer DEFAULT 100,
	config text DEFAULT NULL)
RETURNS TABLE (rank integer, agent_id text, score float8, similar_conversations bigint,
	csat float8, empathy_rate float8, mean_distance float8)
LANGUAGE plpgsql STABLE ROWS 20 SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	has_score boolean := to_regprocedure('@extschema@.empathy_score(text, text, text)') IS NOT NULL;
	emo_expr text;
	sv text;
	emp text;
	cfg text := '';				-- the configuration as the scoring functions' first argument
BEGIN
	IF messages IS NULL THEN
		RAISE EXCEPTION 'route: messages must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF conversation_emotions IS NULL THEN
		RETURN;
	END IF;
	IF neighbours IS NULL THEN
		RAISE EXCEPTION 'route: neighbours must not be null'
			USING ERRCODE = 'null_value_not_allowed',
			      HINT = 'Leave it out for 100.';
	END IF;
	IF neighbours < 1 OR neighbours > 100000 THEN
		RAISE EXCEPTION 'route: neighbours must be between 1 and 100000, not %', neighbours
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	PERFORM @extschema@.contract_check_history(messages, surveys, 'route');
	IF config IS NOT NULL THEN
		PERFORM @extschema@.sentiment(config, '');	-- an error if it does not exist
		cfg := format('%L, ', config);
	END IF;
	emo_expr := CASE WHEN @extschema@.contract_column_type(messages, 'emotions') = '@extschema@.emotions'::regtype
		THEN 'coalesce(m.emotions, @extschema@.emotions(' || cfg || 'm.body::text))'
		ELSE '@extschema@.emotions(' || cfg || 'm.body::text)' END;
	IF surveys IS NOT NULL THEN
		-- the latest answer counts, the same one as in create_dashboard()'s
		-- conversations (ties: the best scores)
		sv := format('(SELECT DISTINCT ON (q.conversation_id::text) q.conversation_id::text AS cid, q.csat::int AS csat
			FROM %s q ORDER BY q.conversation_id::text, q.answered_at DESC NULLS LAST, q.csat DESC NULLS LAST,
			q.nps DESC NULLS LAST, q.ces DESC NULLS LAST, q.fcr DESC NULLS LAST)', surveys::text);
	ELSE
		sv := '(SELECT NULL::text AS cid, NULL::int AS csat WHERE false)';
	END IF;
	-- per neighbouring conversation, its agent's replies and those scoring 50 or more
	emp := CASE WHEN has_score THEN
		'(SELECT x.cid, count(*) FILTER (WHERE x.score >= 50) AS good, count(x.score) AS n
		  FROM (SELECT q.cid, (@extschema@.empathy_score(' || replace(cfg, '%', '%%') || 'r.body::text, q.opening, r.customer_name::text)).score AS score
				FROM %1$s r JOIN near q ON r.conversation_id::text = q.cid AND r.agent_id::text = q.agent
				WHERE r.role::text = ''agent'') x
		  GROUP BY x.cid)'
		ELSE '(SELECT NULL::text AS cid, NULL::bigint AS good, NULL::bigint AS n WHERE false)' END;
	RETURN QUERY EXECUTE format($q$
WITH prof AS (
	SELECT m.conversation_id::text AS cid,
		@extschema@.avg(%2$s) FILTER (WHERE m.role::text = 'customer') AS profile,
		pg_catalog.mode() WITHIN GROUP (ORDER BY m.agent_id::text) FILTER (WHERE m.role::text = 'agent') AS agent,
		(pg_catalog.array_agg(m.body::text ORDER BY m.sent_at) FILTER (WHERE m.role::text = 'customer'))[1] AS opening
	FROM %1$s m GROUP BY 1
), near AS (
	SELECT p.*, p.profile OPERATOR(@extschema@.<->) $1 AS dist
	FROM prof p WHERE p.profile IS NOT NULL AND p.agent IS NOT NULL
	ORDER BY p.profile OPERATOR(@extschema@.<->) $1 LIMIT $2
), emp AS %4$s, scored AS (
	SELECT p.agent, p.dist, s.csat, e.good, e.n
	FROM near p LEFT JOIN %3$s s ON s.cid = p.cid LEFT JOIN emp e ON e.cid = p.cid
), everyone AS (
	SELECT DISTINCT p.agent FROM prof p WHERE p.agent IS NOT NULL AND ($3 IS NULL OR p.agent = ANY ($3))
), prior AS (
	SELECT @extschema@.csat(csat) AS csat, 100 * sum(good)::float8 / nullif(sum(n), 0) AS emp FROM scored
), per AS (
	SELECT e.agent, count(s.agent) AS n, count(s.csat) AS ns, count(*) FILTER (WHERE s.n > 0) AS ne,
		@extschema@.csat(s.csat) AS csat, 100 * sum(s.good)::float8 / nullif(sum(s.n), 0) AS emp, avg(s.dist) AS dist
	FROM everyone e LEFT JOIN scored s ON s.agent = e.agent GROUP BY e.agent
), blended AS (
	SELECT per.*,
		(per.ns * coalesce(per.csat, 0) + 5 * coalesce(prior.csat, 50)) / (per.ns + 5) AS csat_b,
		(per.ne * coalesce(per.emp, 0) + 5 * coalesce(prior.emp, 50)) / (per.ne + 5) AS emp_b
	FROM per CROSS JOIN prior
)
SELECT (row_number() OVER (ORDER BY b.sc DESC NULLS LAST, b.agent))::int, b.agent, b.sc::float8, b.n, b.csat::float8, b.emp::float8, b.dist::float8
FROM (SELECT blended.*,
		-- a measure the neighbourhood has no value of does not count: no survey, no CSAT
		CASE WHEN prior.emp IS NULL AND prior.csat IS NULL THEN NULL
			 WHEN prior.emp IS NULL THEN csat_b WHEN prior.csat IS NULL THEN emp_b
			 ELSE (csat_b + emp_b) / 2 END AS sc
	  FROM blended CROSS JOIN prior) b
ORDER BY 1
$q$, messages::text, emo_expr, sv, format(emp, messages::text))
	USING conversation_emotions, neighbours, agents;
END
$fn$;
COMMENT ON FUNCTION @extschema@.route(@extschema@.emotions, regclass, regclass, text[], integer, text) IS
'rank agents for a conversation: among the past conversations nearest to its emotion profile (<->), each agent''s CSAT and empathy rate, shrunk towards the group''s';
