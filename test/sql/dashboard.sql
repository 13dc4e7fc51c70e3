-- empathy.create_dashboard(): the views, their columns, and the contract
SET client_min_messages = warning;
SET timezone = 'UTC';
\set SHOW_CONTEXT never
CREATE SCHEMA crm;
CREATE TABLE crm.messages (conversation_id int, message_id int, sent_at timestamptz, role text, agent_id text,
	channel text, customer_name text, body text);
CREATE TABLE crm.surveys (conversation_id int, csat smallint, nps int, ces int, fcr boolean, answered_at timestamptz);
INSERT INTO crm.messages VALUES
	(1, 1, '2024-01-01 09:00', 'customer', NULL, 'chat', 'Ann Lee', 'My parcel is late AGAIN!!! Third time I write.'),
	(1, 2, '2024-01-01 09:05', 'agent', 'a1', 'chat', 'Ann Lee', 'I''m so sorry Ann, that sounds frustrating. I will sort it now.'),
	(1, 3, '2024-01-01 09:06', 'customer', NULL, 'chat', 'Ann Lee', 'ok'),
	(1, 4, '2024-01-01 09:30', 'agent', 'a1', 'chat', 'Ann Lee', 'It ships today.'),
	(2, 5, '2024-02-01 10:00', 'customer', NULL, 'email', 'Bo Chen', 'I was charged twice, can you check?'),
	(2, 6, '2024-02-01 12:00', 'agent', 'a2', 'email', 'Bo Chen', 'You should have checked your statement first.'),
	(3, 7, '2024-02-10 08:00', 'customer', NULL, 'social', 'Cy Dee', 'Still NO answer. I am cancelling everything!!!'),
	(3, 8, '2024-02-10 08:20', 'customer', NULL, 'social', 'Cy Dee', '   '),
	(4, 9, '2024-02-11 08:00', 'bot', NULL, 'chat', 'Di Eh', 'Hello, how can I help?'),
	(4, 10, '2024-02-11 08:01', 'customer', NULL, 'chat', 'Di Eh', '日本語のメッセージ 🙂'),
	(5, 11, '2024-02-12 08:01', 'customer', NULL, 'email', 'Ed Fu', NULL);
INSERT INTO crm.surveys VALUES (1, 5, 10, 7, true, '2024-01-02'), (2, 1, 0, 2, false, '2024-02-02');

SELECT * FROM empathy.create_dashboard('crm.messages', 'crm.surveys', 'dash', '2024-01-15');

-- every view and its columns: plain types only
SELECT c.table_name, string_agg(c.column_name || ' ' || c.data_type, ', ' ORDER BY c.ordinal_position) AS columns
FROM information_schema.columns c
WHERE c.table_schema = 'dash'
GROUP BY c.table_name ORDER BY c.table_name;
SELECT count(*) AS views_not_security_invoker FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'dash' AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false);

SELECT conversation_id, message_id, week, role, agent_id, channel, dominant_emotion IS NOT NULL AS scored,
	answered, first_reply, response_minutes
FROM dash.message_scores ORDER BY message_id;
SELECT conversation_id, agent_id, channel, started_at, customer_messages, agent_replies, first_response_minutes,
	unanswered_messages, csat, nps, ces, fcr
FROM dash.conversations ORDER BY conversation_id;
SELECT agent_id, conversations, surveys, csat, nps, ces, fcr, median_first_response_minutes FROM dash.kpi_by_agent ORDER BY agent_id;
SELECT channel, conversations, csat, unanswered_messages FROM dash.kpi_by_channel ORDER BY channel;
SELECT month, conversations, csat, nps FROM dash.kpi_by_month ORDER BY month;
SELECT conversation_id, message_id, channel, hours_waiting FROM dash.unanswered_messages ORDER BY message_id;
SELECT conversation_id, unanswered_messages, customer_name FROM dash.escalation_queue ORDER BY conversation_id;
SELECT scope, kpi, baseline, current, change, baseline_n, current_n FROM dash.period_comparison
WHERE kpi IN ('csat', 'nps', 'median_first_response_minutes') ORDER BY scope, kpi_order;
SELECT agent_id, shift_date, conversations, customer_messages FROM dash.emotional_load ORDER BY agent_id, shift_date;
-- a survey answer off the scale stops the views with the aggregate's error, whose hint says
-- where to map it
UPDATE crm.surveys SET csat = 0 WHERE conversation_id = 2;
SELECT agent_id, csat FROM dash.kpi_by_agent ORDER BY agent_id;
UPDATE crm.surveys SET csat = 1 WHERE conversation_id = 2;

-- a second call replaces the views
SELECT count(*) FROM empathy.create_dashboard('crm.messages', NULL, 'dash');
-- with no surveys, every marker category still has its row (no CSAT columns)
SELECT category, replies, csat_with, surveyed_conversations FROM dash.phrase_categories ORDER BY category;

-- contract errors
CREATE TABLE crm.partial (conversation_id int, body text);
SELECT empathy.create_dashboard('crm.partial', NULL, 'dash2');
CREATE TABLE crm.badtypes (conversation_id int, message_id int, sent_at timestamp, role text, agent_id text,
	channel text, customer_name text, body text);
SELECT empathy.create_dashboard('crm.badtypes', NULL, 'dash2');
SELECT empathy.create_dashboard('crm.messages', 'crm.partial', 'dash2');
SELECT empathy.create_dashboard('crm.nosuch', NULL, 'dash2');
SELECT empathy.create_dashboard(NULL, NULL, 'dash2');
SELECT empathy.create_dashboard('crm.messages', NULL, '');
SELECT empathy.create_dashboard('crm.messages', NULL, 'empathy');
SELECT empathy.create_dashboard('crm.messages', NULL, 'pg_catalog');
-- the contract helpers, called directly
SELECT empathy.contract_check('crm.messages', 'interaction-history', ARRAY['body', 'mood']);
SELECT empathy.contract_check('crm.messages', NULL, '{x,NULL,body}');
SELECT empathy.contract_check_type('crm.messages', 'body', '{NULL}');
SELECT empathy.contract_check_type('crm.messages', 'body', '{}');
SELECT empathy.contract_check_type('crm.messages', 'body', ARRAY['integer']::regtype[]);
SELECT empathy.contract_check_type('crm.messages', 'body', ARRAY['text']::regtype[]) AS body_type,
       empathy.contract_column_type('crm.messages', 'nosuch') AS no_column;
SELECT empathy.contract_check_type('crm.messages', 'nosuch', ARRAY['text']::regtype[]);
SELECT empathy.contract_check_history(NULL, NULL, 'x');
-- an OID that names no relation is said to be one
SELECT empathy.contract_check_history(999999::regclass, NULL, 'x');
SELECT empathy.contract_check_type(999999::regclass, 'body', ARRAY['text'::regtype]);
SELECT empathy.contract_check_history('crm.messages', 'crm.surveys', 'x') AS id_types;

-- infinite timestamps give no duration instead of an error
INSERT INTO crm.messages VALUES
	(6, 12, 'infinity', 'customer', NULL, 'chat', 'Fi Gu', 'Where is my refund?'),
	(6, 13, '-infinity', 'agent', 'a1', 'chat', 'Fi Gu', 'Sorry, it is on its way.');
SELECT message_id, hours_waiting FROM dash.unanswered_messages WHERE conversation_id = 6;
SELECT count(*) FROM dash.escalation_queue;
SELECT message_id, response_minutes FROM dash.message_scores WHERE conversation_id = 6 ORDER BY message_id;
DELETE FROM crm.messages WHERE conversation_id = 6;

-- the customer messages since the last reply, each read for its own words: a message after
-- one that ends in an e-mail quote is not taken for part of that quote
INSERT INTO crm.messages VALUES
	(6, 12, '2024-03-01 09:00', 'customer', NULL, 'email', 'Fi Gu', E'Thanks.\n\n> Your order has shipped.'),
	(6, 13, '2024-03-01 09:01', 'customer', NULL, 'email', 'Fi Gu', 'It has been three weeks, nothing arrived and I am furious!'),
	(6, 14, '2024-03-01 10:00', 'agent', 'a1', 'email', 'Fi Gu', 'Your order will arrive tomorrow.');
SELECT empathy_needed, empathy_score = (empathy.empathy_score('Your order will arrive tomorrow.',
	E'Thanks.\nIt has been three weeks, nothing arrived and I am furious!', 'Fi Gu')).score AS as_own_words
FROM dash.message_scores WHERE message_id = 14;
DELETE FROM crm.messages WHERE conversation_id = 6;

-- a conversation the agent opens: its first response is the reply to the customer's first
-- message, not the opening message; an agent's mean empathy score is over its replies, not
-- a mean of its conversations' means
INSERT INTO crm.messages VALUES
	(7, 14, '2024-03-02 09:00', 'agent', 'a3', 'chat', 'Gil Ho', 'Hi! Just checking in about your order.'),
	(7, 15, '2024-03-02 09:10', 'customer', NULL, 'chat', 'Gil Ho', 'My order is late and nobody told me.'),
	(7, 16, '2024-03-02 09:20', 'agent', 'a3', 'chat', 'Gil Ho', 'Sorry, checking now.'),
	(8, 17, '2024-03-03 09:00', 'customer', NULL, 'chat', 'Ida Jo', 'Where is my refund?'),
	(8, 18, '2024-03-03 09:05', 'agent', 'a3', 'chat', 'Ida Jo', 'It is on its way.');
SELECT message_id, first_reply, response_minutes FROM dash.message_scores WHERE conversation_id = 7 ORDER BY message_id;
SELECT conversation_id, first_response_minutes, agent_replies, scored_replies FROM dash.conversations
WHERE conversation_id IN (7, 8) ORDER BY conversation_id;
SELECT k.median_first_response_minutes,
	round(k.mean_empathy_score::numeric, 6) = round((SELECT avg(empathy_score) FROM dash.message_scores
		WHERE agent_id = 'a3' AND role = 'agent')::numeric, 6) AS mean_over_replies,
	round(k.mean_empathy_score::numeric, 6) <> round((SELECT avg(mean_empathy_score) FROM dash.conversations
		WHERE agent_id = 'a3')::numeric, 6) AS not_mean_of_means
FROM dash.kpi_by_agent k WHERE k.agent_id = 'a3';
DELETE FROM crm.messages WHERE conversation_id IN (7, 8);

-- routing
SELECT rank, agent_id, similar_conversations FROM empathy.route(empathy.emotions('I am furious!!!'), 'crm.messages', 'crm.surveys');
SELECT count(*) FROM empathy.route(empathy.emotions('fine'), 'crm.messages', NULL, ARRAY['a2']);
SELECT * FROM empathy.route(NULL, 'crm.messages');
SELECT * FROM empathy.route(empathy.emotions('fine'), 'crm.messages', neighbours => NULL);
SELECT * FROM empathy.route(empathy.emotions('fine'), 'crm.messages', neighbours => 0);
SELECT * FROM empathy.route(empathy.emotions('x'), 'crm.messages', NULL, NULL, 0);
-- an empty agents list, or one of NULLs and unknown ids, ranks nobody; NULL means every agent
SELECT count(*) AS empty_list FROM empathy.route(empathy.emotions('I am furious!!!'), 'crm.messages', NULL, ARRAY[]::text[]);
SELECT count(*) AS nulls_only FROM empathy.route(empathy.emotions('I am furious!!!'), 'crm.messages', NULL, ARRAY[NULL, 'nobody']::text[]);
SELECT count(*) > 0 AS all_agents FROM empathy.route(empathy.emotions('I am furious!!!'), 'crm.messages', NULL, NULL);
-- without surveys there is no CSAT: the score is the empathy rate alone, not its mean with an invented one
SELECT rank, agent_id, round(score::numeric, 2) AS score, similar_conversations, csat, round(empathy_rate::numeric, 2) AS empathy_rate
FROM empathy.route(empathy.emotions('I am furious!!!'), 'crm.messages', NULL, NULL);
SELECT rank, agent_id, round(score::numeric, 2) AS score, similar_conversations, round(csat::numeric, 2) AS csat, round(empathy_rate::numeric, 2) AS empathy_rate
FROM empathy.route(empathy.emotions('I am furious!!!'), 'crm.messages', 'crm.surveys', NULL);
SELECT count(*) AS no_such_table FROM empathy.route(empathy.emotions('x'), 'crm.no_such_table');
SELECT count(*) FROM empathy.route(empathy.emotions('x'), NULL);
-- routing checks the contract's types as the dashboard does
CREATE VIEW crm.bad_messages AS
	SELECT conversation_id, message_id, sent_at::text AS sent_at, role, agent_id, channel, customer_name, body FROM crm.messages;
CREATE VIEW crm.bad_surveys AS SELECT conversation_id, csat::text AS csat, nps, ces, fcr, answered_at FROM crm.surveys;
SELECT count(*) FROM empathy.route(empathy.emotions('I am furious!!!'), 'crm.bad_messages');
SELECT count(*) FROM empathy.route(empathy.emotions('I am furious!!!'), 'crm.messages', 'crm.bad_surveys');
DROP VIEW crm.bad_messages, crm.bad_surveys;
-- with several answers to one survey the latest counts, as in the conversations view; one with
-- no date counts last
INSERT INTO crm.surveys VALUES (1, 1, 0, 1, false, '2024-01-01 12:00'), (1, 2, 0, 1, false, NULL);
SELECT agent_id, csat FROM empathy.route(empathy.emotions('I am furious!!!'), 'crm.messages', 'crm.surveys')
WHERE agent_id = 'a1';
SELECT count(*) FROM empathy.create_dashboard('crm.messages', 'crm.surveys', 'dash');
SELECT conversation_id, csat FROM dash.conversations WHERE conversation_id = 1;
-- two answers at the same time: both pick the one with the best scores
INSERT INTO crm.surveys VALUES (2, 4, 9, 6, true, '2024-02-02'), (2, 3, 10, 7, true, '2024-02-02');
DELETE FROM crm.surveys WHERE conversation_id = 2 AND csat = 1;
SELECT conversation_id, csat, nps FROM dash.conversations WHERE conversation_id = 2;
SELECT agent_id, csat FROM empathy.route(empathy.emotions('I was charged twice, can you check?'), 'crm.messages', 'crm.surveys')
WHERE agent_id = 'a2';

-- period_comparison: 'all' covers every conversation, also those no agent answered (4 and 5,
-- the bot's and the unanswered one), which have no row of their own; n counts each KPI's answers
INSERT INTO crm.surveys VALUES (4, NULL, 10, NULL, NULL, '2024-02-12');
SELECT count(*) FROM empathy.create_dashboard('crm.messages', 'crm.surveys', 'dash', '2024-01-15');
SELECT scope, agent_id, kpi, current, current_n FROM dash.period_comparison
WHERE kpi IN ('csat', 'nps', 'escalation_rate') ORDER BY scope, kpi_order;
SELECT empathy.nps(nps) AS nps, count(nps) AS nps_n, empathy.rate(escalation_risk_reached) AS escalation_rate
FROM dash.conversations WHERE started_at >= '2024-01-15';
-- surveys: conversations with any answer (4 answered NPS only)
SELECT channel, surveys, csat, nps FROM dash.kpi_by_channel ORDER BY channel;
-- an agent named 'all' is told apart by agent_id
UPDATE crm.messages SET agent_id = 'all' WHERE agent_id = 'a2';
SELECT scope, agent_id, current_n FROM dash.period_comparison WHERE kpi = 'csat' ORDER BY scope, agent_id;
UPDATE crm.messages SET agent_id = 'a2' WHERE agent_id = 'all';

-- baseline_end is kept exactly, whatever the session's DateStyle and time zone
SET timezone = 'Asia/Kolkata';
SET datestyle = 'SQL, DMY';
SELECT count(*) FROM empathy.create_dashboard('crm.messages', 'crm.surveys', 'dash', '2024-01-15 00:00+00');
RESET datestyle;
SET timezone = 'UTC';
SELECT DISTINCT current_from FROM dash.period_comparison;

-- other id types: the views are replaced, unless something of the user's depends on them
CREATE TABLE crm.messages_t (LIKE crm.messages);
ALTER TABLE crm.messages_t ALTER conversation_id TYPE text;
INSERT INTO crm.messages_t SELECT * FROM crm.messages;
CREATE TABLE crm.surveys_v (LIKE crm.surveys);
ALTER TABLE crm.surveys_v ALTER conversation_id TYPE varchar(20);
INSERT INTO crm.surveys_v SELECT * FROM crm.surveys;
SELECT count(*) FROM empathy.create_dashboard('crm.messages_t', 'crm.surveys_v', 'dash');
SELECT conversation_id, pg_typeof(conversation_id), csat FROM dash.conversations WHERE conversation_id = '1';
CREATE VIEW crm.mine AS SELECT * FROM dash.kpi_by_agent;
SELECT count(*) FROM empathy.create_dashboard('crm.messages', 'crm.surveys', 'dash');
SELECT count(*) FROM empathy.create_dashboard('crm.messages_t', 'crm.surveys_v', 'dash');
DROP VIEW crm.mine;
-- views dropped and made again keep their grants, on columns too, and their owners
CREATE ROLE regress_empathy_bi;
CREATE ROLE regress_empathy_col;
CREATE ROLE regress_empathy_owner;
GRANT SELECT ON ALL TABLES IN SCHEMA dash TO regress_empathy_bi;
GRANT SELECT ON dash.kpi_by_agent TO PUBLIC;
GRANT SELECT (agent_id, csat) ON dash.conversations TO regress_empathy_col;
GRANT SELECT (week) ON dash.kpi_by_week TO regress_empathy_col WITH GRANT OPTION;
ALTER VIEW dash.kpi_by_week OWNER TO regress_empathy_owner;
SELECT count(*) FROM empathy.create_dashboard('crm.messages', 'crm.surveys', 'dash');
SELECT pg_typeof(conversation_id) FROM dash.conversations LIMIT 1;
SELECT grantee, count(*) FROM information_schema.role_table_grants
WHERE table_schema = 'dash' AND grantee IN ('regress_empathy_bi', 'PUBLIC') GROUP BY grantee ORDER BY grantee;
SELECT table_name, column_name, privilege_type, is_grantable FROM information_schema.column_privileges
WHERE table_schema = 'dash' AND grantee = 'regress_empathy_col' ORDER BY 1, 2;
SELECT relname, relowner = 'regress_empathy_owner'::regrole AS owner_kept FROM pg_class
WHERE relnamespace = 'dash'::regnamespace AND relname IN ('kpi_by_week', 'kpi_by_month') ORDER BY 1;
ALTER VIEW dash.kpi_by_week OWNER TO CURRENT_USER;
REVOKE ALL ON ALL TABLES IN SCHEMA dash FROM regress_empathy_bi, regress_empathy_col, PUBLIC;
REVOKE ALL (agent_id, csat) ON dash.conversations FROM regress_empathy_col;
REVOKE ALL (week) ON dash.kpi_by_week FROM regress_empathy_col CASCADE;
DROP ROLE regress_empathy_bi;
DROP ROLE regress_empathy_col;
DROP ROLE regress_empathy_owner;
-- a role that owns the schema needs no CREATE on the database
CREATE ROLE regress_empathy_so;
CREATE SCHEMA dash_so AUTHORIZATION regress_empathy_so;
GRANT USAGE ON SCHEMA crm TO regress_empathy_so;
GRANT SELECT ON crm.messages TO regress_empathy_so;
SET ROLE regress_empathy_so;
SELECT has_database_privilege(current_database(), 'CREATE') AS may_create_schemas,
       count(*) FROM empathy.create_dashboard('crm.messages', NULL, 'dash_so');
SELECT count(*) > 0 AS readable FROM dash_so.message_scores;
RESET ROLE;
DROP SCHEMA dash_so CASCADE;
REVOKE ALL ON crm.messages FROM regress_empathy_so;
REVOKE ALL ON SCHEMA crm FROM regress_empathy_so;
DROP ROLE regress_empathy_so;
-- integer and text ids do not meet
SELECT count(*) FROM empathy.create_dashboard('crm.messages', 'crm.surveys_v', 'dash');
-- a temporary table would take the views with it at the end of the session
CREATE TEMP TABLE tmp_messages AS SELECT * FROM crm.messages;
SELECT count(*) FROM empathy.create_dashboard('tmp_messages', NULL, 'dash');
SELECT count(*) FROM empathy.create_dashboard('crm.messages', 'pg_temp.tmp_messages', 'dash');

-- route(): an agent's empathy rate is the share of the agent's own replies scoring 50 or
-- more (here 3 of 5, over two conversations; another agent's reply does not count)
CREATE TABLE crm.rt (LIKE crm.messages);
INSERT INTO crm.rt VALUES
	(1, 1, '2024-03-01 09:00', 'customer', NULL, 'chat', 'Ann', 'I am furious, my order is late!'),
	(1, 2, '2024-03-01 09:01', 'agent', 'x', 'chat', 'Ann', 'Ann, I am so sorry your order is late, that is really frustrating. I have already arranged a refund and will make sure it ships today.'),
	(1, 3, '2024-03-01 09:02', 'agent', 'x', 'chat', 'Ann', 'I completely understand how upsetting this is, Ann. I have escalated it and will personally follow up tomorrow.'),
	(1, 4, '2024-03-01 09:03', 'agent', 'x', 'chat', 'Ann', 'I am really sorry again for the trouble, I will make sure this is fixed.'),
	(2, 5, '2024-03-02 09:00', 'customer', NULL, 'chat', 'Bo', 'I am furious, my parcel is late!'),
	(2, 6, '2024-03-02 09:01', 'agent', 'x', 'chat', 'Bo', 'Ok.'),
	(2, 7, '2024-03-02 09:02', 'agent', 'x', 'chat', 'Bo', 'Ok, anything else?'),
	(2, 8, '2024-03-02 09:03', 'agent', 'y', 'chat', 'Bo', 'I am so sorry, that sounds really frustrating, I will fix it right away.');
SELECT r.message_id, (empathy.empathy_score(r.body, c.body, r.customer_name)).score >= 50 AS shown
FROM crm.rt r JOIN crm.rt c ON c.conversation_id = r.conversation_id AND c.role = 'customer'
WHERE r.role = 'agent' ORDER BY r.message_id;
SELECT agent_id, similar_conversations, empathy_rate FROM empathy.route(empathy.emotions('I am furious, my order is late!'), 'crm.rt');

-- stored scores that are NULL (rows from before the tagging trigger) are scored: the
-- unanswered angry messages still reach the queues
CREATE TABLE crm.tagged (LIKE crm.messages);
ALTER TABLE crm.tagged ADD COLUMN emotions empathy.emotions, ADD COLUMN escalation_risk float8,
	ADD COLUMN markers text[];
INSERT INTO crm.tagged VALUES
	(1, 1, '2024-01-01 09:00', 'customer', NULL, 'chat', 'Ann', 'I HATE THIS, I want a manager NOW!!!', NULL, NULL, NULL),
	(2, 2, '2024-01-02 09:00', 'customer', NULL, 'chat', 'Bob', 'I HATE THIS, I want a manager NOW!!!',
	 empathy.emotions('I HATE THIS, I want a manager NOW!!!'), 0.1, NULL),
	(2, 3, '2024-01-02 09:05', 'agent', 'x', 'chat', 'Bob', 'I am so sorry, Bob. I have escalated this.', NULL, NULL, NULL);
SELECT count(*) FROM empathy.create_dashboard('crm.tagged', NULL, 'dash3');
SELECT message_id, dominant_emotion, ms.escalation_risk = empathy.escalation_risk(body) AS risk_scored,
	escalate, awaiting_reply, ms.markers
FROM dash3.message_scores ms JOIN crm.tagged USING (message_id) ORDER BY message_id;
SELECT conversation_id FROM dash3.escalation_queue ORDER BY 1;
-- the customer's messages since the last reply are the reply's context, over a long run too
CREATE TABLE crm.run (LIKE crm.messages);
INSERT INTO crm.run SELECT 1, g, '2024-02-01'::timestamptz + g * interval '1 minute', 'customer', NULL, 'chat', 'Ann',
	CASE WHEN g % 2 = 0 THEN 'Still waiting for my refund!' ELSE 'Hello? Anyone there?' END
FROM generate_series(1, 3000) g;
INSERT INTO crm.run VALUES
	(1, 3001, '2024-03-01', 'agent', 'x', 'chat', 'Ann', 'Ann, I am so sorry for the wait. I have refunded you today.'),
	(1, 3002, '2024-03-02', 'customer', NULL, 'chat', 'Ann', 'Thank you!'),
	(1, 3003, '2024-03-03', 'agent', 'x', 'chat', 'Ann', 'You are welcome, Ann!');
SELECT count(*) FROM empathy.create_dashboard('crm.run', NULL, 'dash3');
SELECT ms.message_id, ms.empathy_score = (empathy.empathy_score(m.body, c.ctx, 'Ann')).score AS same_as_context
FROM dash3.message_scores ms JOIN crm.run m USING (message_id)
CROSS JOIN LATERAL (SELECT string_agg(b.body, ' ' ORDER BY b.message_id) AS ctx FROM crm.run b
	WHERE b.role = 'customer' AND b.message_id < m.message_id
	AND b.message_id > coalesce((SELECT max(a.message_id) FROM crm.run a WHERE a.role = 'agent' AND a.message_id < m.message_id), 0)) c
WHERE ms.role = 'agent' ORDER BY 1;
-- messages with no conversation id are one conversation, whose reply has its context too
INSERT INTO crm.run VALUES (NULL, 5001, '2024-04-01 09:00', 'customer', NULL, 'chat', 'Di', 'I was charged twice and I am furious!'),
	(NULL, 5002, '2024-04-01 09:05', 'agent', 'x', 'chat', 'Di', 'I am so sorry, Di, that is infuriating. I have refunded the second charge.');
SELECT count(*) FROM empathy.create_dashboard('crm.run', NULL, 'dash3');
SELECT message_id, empathy_needed,
	empathy_score = (empathy.empathy_score(m.body, 'I was charged twice and I am furious!', 'Di')).score AS same_as_context
FROM dash3.message_scores JOIN crm.run m USING (message_id) WHERE message_id = 5002;
-- ... and its message still waiting is in the queue, with its agent, as the counts say
INSERT INTO crm.run VALUES (NULL, 5003, '2024-04-01 10:00', 'customer', NULL, 'chat', 'Di', 'It is STILL not refunded, I am furious!!!');
SELECT message_id, agent_id, escalate FROM dash3.unanswered_messages WHERE conversation_id IS NULL;
SELECT conversation_id, unanswered_messages FROM dash3.escalation_queue WHERE conversation_id IS NULL;
SELECT agent_id, customer_messages FROM dash3.emotional_load WHERE shift_date = '2024-04-01';
DELETE FROM crm.run WHERE message_id IN (5001, 5002, 5003);
-- an infinite timestamp has no place in the default split of the periods
INSERT INTO crm.run VALUES (2, 4001, 'infinity', 'customer', NULL, 'chat', 'Bo', 'Where is my order?'),
	(3, 4002, '-infinity', 'customer', NULL, 'chat', 'Cy', 'Where is my order?');
SELECT scope, kpi, baseline_n, current_n FROM dash3.period_comparison WHERE scope = 'all' AND kpi = 'median_first_response_minutes';
-- survey scores are smallint or integer: a bigint could hold one the KPI aggregates cannot take
CREATE TABLE crm.bigsurveys (conversation_id int, csat smallint, nps bigint, ces int, fcr boolean, answered_at timestamptz);
SELECT count(*) FROM empathy.create_dashboard('crm.run', 'crm.bigsurveys', 'dash3');
DROP SCHEMA dash3 CASCADE;

-- a configuration: the views score with it, and read a stored profile at its thresholds
SELECT empathy.create_configuration('dash_cfg');
INSERT INTO empathy.config_model VALUES ('dash_cfg', 'threshold.fear', 0.9);
INSERT INTO empathy.config_terms VALUES ('dash_cfg', 'kerfuffle', 'anger', 3);
CREATE TABLE crm.cfg (conversation_id int, message_id int, sent_at timestamptz, role text, agent_id text,
	channel text, customer_name text, body text, emotions empathy.emotions);
INSERT INTO crm.cfg VALUES
	(1, 1, '2024-03-01 09:00', 'customer', NULL, 'chat', 'Ann', 'I''m worried my card was stolen', NULL),
	(1, 2, '2024-03-01 09:05', 'agent', 'x', 'chat', 'Ann', 'I am so sorry, Ann. I have frozen the card.', NULL),
	(1, 5, '2024-03-01 09:06', 'customer', NULL, 'chat', 'Ann', 'What a kerfuffle', NULL),
	(2, 3, '2024-03-01 10:00', 'customer', NULL, 'chat', 'Bo', 'What a kerfuffle with my order', NULL),
	(3, 4, '2024-03-01 11:00', 'customer', NULL, 'chat', 'Cy', 'I''m worried my card was stolen',
	 empathy.emotions('dash_cfg', 'I''m worried my card was stolen'));
SELECT count(*) FROM empathy.create_dashboard('crm.cfg', NULL, 'dash4');
SELECT count(*) FROM empathy.create_dashboard('crm.cfg', NULL, 'dash5', config => 'dash_cfg');
SELECT d4.message_id, d4.dominant_emotion AS builtin, d5.dominant_emotion AS configured,
	d5.dominant_emotion = empathy.dominant_emotion('dash_cfg', m.body) AS as_text_scored,
	d5.anger = (empathy.emotions('dash_cfg', m.body) OPERATOR(empathy.->) 'anger') AS configured_terms,
	d5.escalation_risk = empathy.escalation_risk('dash_cfg', m.body) AS configured_risk
FROM dash4.message_scores d4 JOIN dash5.message_scores d5 USING (message_id) JOIN crm.cfg m USING (message_id)
WHERE d4.role = 'customer' ORDER BY 1;
SELECT d5.empathy_score = (empathy.empathy_score('dash_cfg', m.body, 'I''m worried my card was stolen', 'Ann')).score AS configured_score
FROM dash5.message_scores d5 JOIN crm.cfg m USING (message_id) WHERE d5.role = 'agent';
SELECT empathy.create_dashboard('crm.cfg', NULL, 'dash6', config => 'no_such_config');
-- the history's profiles are scored under the configuration ("kerfuffle" is anger there)
SELECT c.mean_distance <> b.mean_distance AS configured_profiles,
	c.mean_distance = (empathy.avg(empathy.emotions('dash_cfg', m.body)) OPERATOR(empathy.<->) empathy.emotions('I am furious')) AS as_scored
FROM empathy.route(empathy.emotions('I am furious'), 'crm.cfg', config => 'dash_cfg') c,
	empathy.route(empathy.emotions('I am furious'), 'crm.cfg') b, crm.cfg m
WHERE m.conversation_id = 1 AND m.role = 'customer'
GROUP BY c.mean_distance, b.mean_distance;
SELECT * FROM empathy.route(empathy.emotions('I am furious'), 'crm.cfg', config => 'no_such_config');
DROP SCHEMA dash4 CASCADE;
DROP SCHEMA dash5 CASCADE;
DELETE FROM empathy.configurations WHERE name = 'dash_cfg';

-- a view of the user's with a dashboard view's name is never replaced, even one whose
-- columns would fit; the dashboard's own views are
CREATE TABLE crm.tickets (id int, subject text, status text);
CREATE SCHEMA dash7;
CREATE VIEW dash7.conversations AS SELECT id, subject, status FROM crm.tickets;
CREATE VIEW dash7.kpi_by_week AS SELECT 1 AS x;
SELECT empathy.create_dashboard('crm.messages', NULL, 'dash7');
SELECT pg_get_viewdef('dash7.conversations'::regclass) LIKE '%tickets%' AS users_view_kept,
	(SELECT count(*) FROM pg_class WHERE relnamespace = 'dash7'::regnamespace) AS relations;
DROP VIEW dash7.conversations, dash7.kpi_by_week;
SELECT count(*) FROM empathy.create_dashboard('crm.messages', NULL, 'dash7');
SELECT count(*) FROM empathy.create_dashboard('crm.messages', NULL, 'dash7');
-- nor one of the user's built on the dashboard's own views, or on the extension
DROP VIEW dash7.escalation_queue;
CREATE VIEW dash7.escalation_queue AS SELECT conversation_id FROM dash7.conversations WHERE unanswered_messages > 0;
SELECT empathy.create_dashboard('crm.messages', NULL, 'dash7');
DROP VIEW dash7.escalation_queue;
CREATE VIEW dash7.escalation_queue AS SELECT empathy.sentiment(body) AS s FROM crm.messages;
SELECT empathy.create_dashboard('crm.messages', NULL, 'dash7');
DROP SCHEMA dash7 CASCADE;
-- message ids numbered within each conversation: the queue shows each conversation's own
-- customer and text; a message with no text, which has no risk, comes after every real
-- escalation, and one with a NULL id is queued too (with no name or text); the messages with
-- no conversation id are one conversation, with their own name and text
CREATE TABLE crm.seq (LIKE crm.messages);
INSERT INTO crm.seq VALUES
	(1, 1, '2024-03-01 10:00', 'customer', NULL, 'chat', 'Ann', 'I want to speak to a manager NOW!!! Third time I write!!! I will cancel!!!'),
	(2, 1, '2024-03-01 11:00', 'customer', NULL, 'chat', 'Bob', 'Where is my parcel?'),
	(2, 2, '2024-03-01 11:05', 'agent', 'a1', 'chat', 'Bob', 'It ships today.'),
	(2, 3, '2024-03-01 11:10', 'customer', NULL, 'chat', 'Bob', 'And the invoice?'),
	(3, 1, '2024-03-01 09:00', 'customer', NULL, 'email', 'Cy', NULL),
	(4, NULL, '2024-03-01 12:00', 'customer', NULL, 'email', 'Di', 'Is my order still on track?'),
	(NULL, 1, '2024-03-01 13:00', 'customer', NULL, 'email', 'Ed', 'I am furious!!! Refund me or I go to the ombudsman!!!'),
	(NULL, 2, '2024-03-01 13:05', 'customer', NULL, 'email', 'Ed', 'hello?');
SELECT * FROM empathy.create_dashboard('crm.seq', NULL, 'dash8');
SELECT priority, conversation_id, customer_name, left(body, 20) AS body, unanswered_messages, escalate
FROM dash8.escalation_queue ORDER BY priority;
SELECT conversation_id, count(*) AS unanswered FROM dash8.unanswered_messages GROUP BY 1 ORDER BY 1;
DROP SCHEMA dash8 CASCADE;

DROP SCHEMA dash CASCADE;
DROP SCHEMA crm CASCADE;
