-- empathy.create_dashboard(): hostile names, row-level security through the
-- views, plain column types only, contract errors.
BEGIN;
SELECT plan(22);
SET LOCAL client_min_messages = warning;

CREATE TABLE t (x int);
CREATE SCHEMA "x""; drop table t; --";
CREATE TABLE "x""; drop table t; --"."msgs; drop table t" (
	conversation_id bigint, message_id bigint PRIMARY KEY, sent_at timestamptz, role text, agent_id text,
	channel text, customer_name text, body text);
CREATE TABLE "x""; drop table t; --"."surv'eys" (
	conversation_id bigint, csat int, nps int, ces int, fcr boolean, answered_at timestamptz);
INSERT INTO "x""; drop table t; --"."msgs; drop table t" VALUES
	(1, 1, '2024-01-01 09:00+00', 'customer', NULL, 'chat', 'Ann Lee', 'My parcel is late AGAIN!!! This is the third time.'),
	(1, 2, '2024-01-01 09:05+00', 'agent', 'a1', 'chat', 'Ann Lee', 'I''m so sorry Ann, that sounds really frustrating. I will sort it now.'),
	(1, 3, '2024-01-01 09:07+00', 'customer', NULL, 'chat', 'Ann Lee', 'Thank you so much, that was quick!'),
	(2, 4, '2024-02-01 10:00+00', 'customer', NULL, 'email', 'Bo Chen', 'I was charged twice, can you check?'),
	(2, 5, '2024-02-01 12:00+00', 'agent', 'a2', 'email', 'Bo Chen', 'You should have checked your statement first.'),
	(3, 6, '2024-02-10 08:00+00', 'customer', NULL, 'social', 'Cy Dee', 'Still NO answer. I am cancelling everything!!!'),
	(4, 7, '2024-02-11 08:00+00', 'bot', NULL, 'chat', 'Di Eh', 'Hello, how can I help?'),
	(4, 8, '2024-02-11 08:01+00', 'customer', NULL, 'chat', 'Di Eh', 'Where is my order?');
INSERT INTO "x""; drop table t; --"."surv'eys" VALUES
	(1, 5, 10, 7, true, '2024-01-02 00:00+00'), (2, 1, 0, 2, false, '2024-02-02 00:00+00');

SELECT is((SELECT count(*)::int FROM empathy.create_dashboard(
		'"x""; drop table t; --"."msgs; drop table t"', '"x""; drop table t; --"."surv''eys"',
		'x"; drop table t; --', '2024-02-01')), 13,
	'create_dashboard creates 13 views in a schema with a hostile name, over relations with hostile names');
SELECT has_table('public', 't', 'the table named in the hostile names still exists');
SELECT is((SELECT count(*)::int FROM pg_views WHERE schemaname = 'x"; drop table t; --'), 13,
	'the views live in the schema with the hostile name');
SELECT is_empty($$SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
	WHERE table_schema = 'x"; drop table t; --' AND table_name IN (SELECT viewname FROM pg_views WHERE schemaname = 'x"; drop table t; --')
	AND data_type NOT IN ('text', 'numeric', 'double precision', 'integer', 'bigint', 'date',
		'timestamp with time zone', 'boolean')$$,
	'every view column has a plain type (text, numeric, float8, int, bigint, date, timestamptz, boolean)');
SELECT is_empty($$SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = 'x"; drop table t; --' AND c.relkind = 'v'
	AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)$$,
	'every view is security_invoker');
SELECT is((SELECT count(*)::int FROM "x""; drop table t; --".message_scores), 8, 'message_scores has one row per message');
SELECT is((SELECT count(*)::int FROM "x""; drop table t; --".conversations), 4, 'conversations has one row per conversation');
SELECT is((SELECT first_response_minutes FROM "x""; drop table t; --".conversations WHERE conversation_id = 1), 5::float8,
	'first response time of conversation 1 is 5 minutes');
SELECT is((SELECT first_response_minutes FROM "x""; drop table t; --".conversations WHERE conversation_id = 2), 120::float8,
	'first response time of conversation 2 is 120 minutes');
SELECT is((SELECT array_agg(conversation_id ORDER BY conversation_id) FROM "x""; drop table t; --".unanswered_messages),
	ARRAY[3, 4]::bigint[], 'the unanswered customer messages are those of conversations 3 and 4, not the closing thanks');
SELECT is((SELECT conversation_id FROM "x""; drop table t; --".escalation_queue WHERE priority = 1), 3::bigint,
	'the angry unanswered message tops the escalation queue');
SELECT ok((SELECT escalate FROM "x""; drop table t; --".escalation_queue WHERE conversation_id = 3),
	'it is flagged for escalation (risk at or above empathy.escalation_threshold())');
SELECT is((SELECT csat FROM "x""; drop table t; --".kpi_by_agent WHERE agent_id = 'a1'), 100::float8, 'CSAT of agent a1');
SELECT is((SELECT count(*)::int FROM "x""; drop table t; --".kpi_by_channel), 3, 'KPIs for each channel');
SELECT is((SELECT current - baseline FROM "x""; drop table t; --".period_comparison WHERE scope = 'all' AND kpi = 'csat'),
	-100::float8, 'baseline against current period: CSAT went from 100 to 0');
SELECT is(empathy.escalation_threshold(), 0.5::float8, 'the escalation threshold is 0.5');

-- row-level security holds through the views for a non-superuser role
CREATE ROLE emp_dash_reader;
GRANT USAGE ON SCHEMA "x""; drop table t; --" TO emp_dash_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA "x""; drop table t; --" TO emp_dash_reader;
ALTER TABLE "x""; drop table t; --"."msgs; drop table t" ENABLE ROW LEVEL SECURITY;
CREATE POLICY chat_only ON "x""; drop table t; --"."msgs; drop table t" TO emp_dash_reader USING (channel = 'chat');
SET LOCAL ROLE emp_dash_reader;
SELECT is((SELECT count(*)::int FROM "x""; drop table t; --".message_scores), 5,
	'a role under a row-level security policy sees only its rows through message_scores');
SELECT is((SELECT array_agg(channel ORDER BY channel) FROM "x""; drop table t; --".kpi_by_channel), ARRAY['chat'],
	'and only its channel through kpi_by_channel');
RESET ROLE;

-- contract errors
CREATE TABLE bad_msgs (conversation_id bigint, message_id bigint, sent_at timestamp, role text, agent_id text, channel text, body text);
SELECT throws_ok($$SELECT empathy.create_dashboard('bad_msgs', NULL, 'bad')$$, '42703',
	'relation "public.bad_msgs" lacks column(s) customer_name of the interaction-history contract',
	'a missing contract column is named');
ALTER TABLE bad_msgs ADD COLUMN customer_name text;
SELECT throws_ok($$SELECT empathy.create_dashboard('bad_msgs', NULL, 'bad')$$, '42804',
	'column "sent_at" of relation "public.bad_msgs" has type timestamp without time zone',
	'a contract column of the wrong type is named');
SELECT throws_ok($$SELECT empathy.create_dashboard('bad_msgs', NULL, NULL)$$, '22004', NULL,
	'a NULL target schema is an error');
SELECT lives_ok($$SELECT empathy.create_dashboard('"x""; drop table t; --"."msgs; drop table t"', NULL, 'no_surveys')$$,
	'surveys are optional');

SELECT * FROM finish();
ROLLBACK;
