-- The demo's terminal report, read from the dashboard views.
--
--   psql -v schema=dashboard -f data/demo/report.sql
--
-- Every figure comes from a view that empathy.create_dashboard() created in
-- schema :schema over demo.interactions and demo.survey_results.
\set QUIET on
\pset null '-'
\pset footer off
SET client_min_messages = warning;

\echo
\echo '== Weekly KPIs (CSAT %, NPS, CES 1-7, FCR %, first response in minutes, empathy rate %)'
\echo '   csat_vs_baseline: the week''s CSAT minus the CSAT of the whole baseline period'
SELECT w.week, w.conversations AS conv, w.surveys,
	round(w.csat::numeric, 1) AS csat, round(w.nps::numeric, 1) AS nps, round(w.ces::numeric, 2) AS ces,
	round(w.fcr::numeric, 1) AS fcr, round(w.median_first_response_minutes::numeric, 1) AS first_resp_min,
	round(w.empathy_rate::numeric, 1) AS empathy, w.missed_opportunities AS missed,
	CASE WHEN w.week >= p.current_from THEN 'current' ELSE 'baseline' END AS period,
	to_char(w.csat - p.baseline, 'S990.0') AS csat_vs_baseline
FROM :"schema".kpi_by_week w
CROSS JOIN (SELECT baseline, current_from::date AS current_from FROM :"schema".period_comparison
			WHERE scope = 'all' AND kpi = 'csat') p
ORDER BY w.week;

\echo
\echo '== Baseline against the current period (all agents)'
SELECT kpi, round(baseline::numeric, 2) AS baseline, round(current::numeric, 2) AS current,
	to_char(change, 'S99990.00') AS change, baseline_n, current_n
FROM :"schema".period_comparison WHERE scope = 'all' ORDER BY kpi_order;

\echo
\echo '== Emotion mix of customer messages by channel (% of messages by dominant emotion)'
SELECT channel, count(*) AS messages,
	round(100.0 * count(*) FILTER (WHERE dominant_emotion = 'neutral') / count(*), 1) AS neutral,
	round(100.0 * count(*) FILTER (WHERE dominant_emotion = 'anger') / count(*), 1) AS anger,
	round(100.0 * count(*) FILTER (WHERE dominant_emotion = 'frustration') / count(*), 1) AS frustration,
	round(100.0 * count(*) FILTER (WHERE dominant_emotion = 'disappointment') / count(*), 1) AS disappoint,
	round(100.0 * count(*) FILTER (WHERE dominant_emotion = 'fear') / count(*), 1) AS fear,
	round(100.0 * count(*) FILTER (WHERE dominant_emotion = 'confusion') / count(*), 1) AS confusion,
	round(100.0 * count(*) FILTER (WHERE dominant_emotion IN ('joy', 'gratitude')) / count(*), 1) AS joy_thanks,
	round(100.0 * count(*) FILTER (WHERE dominant_emotion NOT IN ('neutral', 'anger', 'frustration',
		'disappointment', 'fear', 'confusion', 'joy', 'gratitude')) / count(*), 1) AS other
FROM :"schema".message_scores WHERE role = 'customer'
GROUP BY channel ORDER BY channel;

\echo
\echo '== Agent leaderboard (by CSAT; missed = replies that needed empathy and did not show it)'
SELECT row_number() OVER (ORDER BY k.csat DESC NULLS LAST, k.agent_id) AS "#", k.agent_id AS agent,
	k.conversations AS conv, round(k.csat::numeric, 1) AS csat, round(k.nps::numeric, 1) AS nps,
	round(k.median_first_response_minutes::numeric, 1) AS first_resp_min,
	round(e.empathy_rate::numeric, 1) AS empathy_rate, e.missed_opportunities AS missed,
	round(e.mean_empathy_score::numeric, 1) AS mean_score,
	round(c.agent_spread::numeric, 1) AS channel_spread
FROM :"schema".kpi_by_agent k
LEFT JOIN :"schema".empathy_by_agent e USING (agent_id)
LEFT JOIN (SELECT DISTINCT agent_id, agent_spread FROM :"schema".channel_consistency) c USING (agent_id)
ORDER BY 1;

\echo
\echo '== Empathetic phrasing and CSAT (conversations with the phrase category against those without)'
SELECT category, negative, replies, round(share_of_replies::numeric, 1) AS pct_replies,
	round(csat_with::numeric, 1) AS csat_with, round(csat_without::numeric, 1) AS csat_without,
	to_char(csat_difference, 'S990.0') AS difference
FROM :"schema".phrase_categories ORDER BY csat_difference DESC NULLS LAST;

\echo
\echo '== Escalation queue (conversations awaiting a reply, riskiest first)'
SELECT priority AS "#", conversation_id AS conv, channel, customer_name AS customer,
	round(hours_waiting::numeric, 1) AS hours, round(escalation_risk::numeric, 2) AS risk,
	CASE WHEN escalate THEN 'ESCALATE' ELSE '' END AS action, dominant_emotion AS emotion,
	left(regexp_replace(body, '\s+', ' ', 'g'), 70) AS message
FROM :"schema".escalation_queue ORDER BY priority LIMIT 12;

\echo
\echo '== Emotional load: the agents whose customers brought the most negative emotion in one shift'
SELECT agent_id AS agent, shift_date, conversations AS conv, customer_messages AS messages,
	negative_messages AS negative, high_risk_messages AS high_risk,
	round(emotional_load::numeric, 2) AS load, round(load_vs_team::numeric, 2) AS vs_team
FROM :"schema".emotional_load ORDER BY emotional_load DESC LIMIT 8;
