-- The angriest open message of the demo, the agents best placed to answer
-- it (empathy.route) and a suggested reply (empathy.suggest_reply, when the
-- installed version has it).
--
--   psql -v schema=dashboard -f data/demo/suggest.sql
\set QUIET on
\pset footer off
SET client_min_messages = warning;

SELECT conversation_id, channel, customer_name, round(escalation_risk::numeric, 2) AS risk, body
FROM :"schema".escalation_queue ORDER BY priority LIMIT 1 \gset top_
\echo 'customer:' :top_customer_name '(' :top_channel ', conversation' :top_conversation_id ', escalation risk' :top_risk ')'
\echo :top_body
\echo
\echo 'agents best placed to answer it (nearest past conversations by emotion profile, their CSAT and empathy rate):'
SELECT rank, agent_id, round(score::numeric, 1) AS score, similar_conversations AS similar,
	round(csat::numeric, 1) AS csat, round(empathy_rate::numeric, 1) AS empathy_rate
FROM empathy.route(empathy.emotions(:'top_body'), 'demo.interactions', 'demo.survey_results', neighbours => 200)
LIMIT 3;

SELECT to_regprocedure('empathy.suggest_reply(text, jsonb, text)') IS NOT NULL AS has_suggest \gset
\if :has_suggest
\echo 'suggested reply:'
SELECT empathy.suggest_reply(:'top_body',
	jsonb_build_object('customer_name', :'top_customer_name',
		'first_name', split_part(:'top_customer_name', ' ', 1),
		'customer', jsonb_build_object('name', :'top_customer_name', 'first_name', split_part(:'top_customer_name', ' ', 1)),
		'agent_name', 'Sam', 'company', 'Kestrel Home'),
	:'top_channel') AS suggested_reply;
\else
\echo '(no suggested reply: empathy.suggest_reply(text, jsonb, text) is not in this version of the extension)'
\endif
