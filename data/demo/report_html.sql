-- The demo's HTML report: one self-contained page (inline SVG, no script,
-- no network) built from the dashboard views in schema :schema.
--
--   psql -At -v schema=dashboard -f data/demo/report_html.sql -o report/index.html
\set QUIET on
SET client_min_messages = warning;

WITH
wk AS (
	SELECT row_number() OVER (ORDER BY week) - 1 AS i, week, csat, empathy_rate, fcr
	FROM :"schema".kpi_by_week
),
n AS (SELECT greatest(count(*) - 1, 1) AS n FROM wk),
split AS (SELECT min(current_from) AS at FROM :"schema".period_comparison),
-- chart 1: weekly KPI trends, 0..100 on a 640 x 240 plot
trend AS (
	SELECT format($s$<svg id="kpi-trends" role="img" xmlns="http://www.w3.org/2000/svg" width="720" height="300" viewBox="0 0 720 300">
<title>KPI trends by week</title>
<rect x="60" y="20" width="640" height="240" fill="#fafafa" stroke="#ccc"/>
%s
%s
<polyline fill="none" stroke="#1f77b4" stroke-width="2.5" points="%s"/>
<polyline fill="none" stroke="#d62728" stroke-width="2.5" points="%s"/>
<polyline fill="none" stroke="#2ca02c" stroke-width="2" stroke-dasharray="5 3" points="%s"/>
%s
<text x="70" y="292" font-size="12" fill="#1f77b4">&#9632; CSAT %%</text>
<text x="170" y="292" font-size="12" fill="#d62728">&#9632; empathy rate %%</text>
<text x="310" y="292" font-size="12" fill="#2ca02c">&#9632; FCR %%</text>
</svg>$s$,
		(SELECT string_agg(format('<line x1="60" x2="700" y1="%s" y2="%s" stroke="#eee"/><text x="52" y="%s" font-size="10" text-anchor="end">%s</text>',
			260 - v * 2.4, 260 - v * 2.4, 264 - v * 2.4, v), '') FROM generate_series(0, 100, 25) v),
		(SELECT string_agg(format('<text x="%s" y="276" font-size="9" text-anchor="middle">%s</text>',
			round(60 + 640.0 * i / n), to_char(week, 'DD Mon')), '' ORDER BY i) FROM wk, n WHERE i % 2 = 0),
		(SELECT string_agg(format('%s,%s', round(60 + 640.0 * i / n, 1), round((260 - 2.4 * coalesce(csat, 0))::numeric, 1)), ' ' ORDER BY i) FROM wk, n),
		(SELECT string_agg(format('%s,%s', round(60 + 640.0 * i / n, 1), round((260 - 2.4 * coalesce(empathy_rate, 0))::numeric, 1)), ' ' ORDER BY i) FROM wk, n),
		(SELECT string_agg(format('%s,%s', round(60 + 640.0 * i / n, 1), round((260 - 2.4 * coalesce(fcr, 0))::numeric, 1)), ' ' ORDER BY i) FROM wk, n),
		(SELECT format('<line x1="%1$s" x2="%1$s" y1="20" y2="260" stroke="#555" stroke-dasharray="4 4"/><text x="%2$s" y="34" font-size="11" fill="#555">current period</text>',
			round(60 + 640.0 * (SELECT count(*) FROM wk WHERE week < split.at) / n, 1),
			round(64 + 640.0 * (SELECT count(*) FROM wk WHERE week < split.at) / n, 1)) FROM split, n)
	) AS svg
),
-- chart 2: emotion mix of customer messages by channel (stacked bars)
mix0 AS (
	SELECT channel,
		CASE WHEN dominant_emotion IN ('joy', 'gratitude') THEN 'joy or thanks'
			 WHEN dominant_emotion IN ('neutral', 'anger', 'frustration', 'disappointment', 'fear', 'confusion') THEN dominant_emotion
			 ELSE 'other' END AS emotion
	FROM :"schema".message_scores WHERE role = 'customer'
),
mix AS (
	SELECT channel, emotion, 100.0 * count(*) / sum(count(*)) OVER (PARTITION BY channel) AS pct,
		dense_rank() OVER (ORDER BY channel) - 1 AS row
	FROM mix0 GROUP BY channel, emotion
),
colours(emotion, colour, ord) AS (VALUES
	('anger', '#d62728', 1), ('frustration', '#ff7f0e', 2), ('disappointment', '#8c564b', 3),
	('fear', '#9467bd', 4), ('confusion', '#e377c2', 5), ('other', '#bcbd22', 6),
	('neutral', '#c7c7c7', 7), ('joy or thanks', '#2ca02c', 8)),
segs AS (
	SELECT m.*, c.colour, c.ord,
		coalesce(sum(m.pct) OVER (PARTITION BY m.channel ORDER BY c.ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS x0
	FROM mix m JOIN colours c USING (emotion)
),
emix AS (
	SELECT format($s$<svg id="emotion-mix" role="img" xmlns="http://www.w3.org/2000/svg" width="720" height="%s" viewBox="0 0 720 %s">
<title>Emotion mix by channel</title>
%s
%s
%s
</svg>$s$,
		(SELECT 60 + 40 * count(DISTINCT channel) FROM mix), (SELECT 60 + 40 * count(DISTINCT channel) FROM mix),
		(SELECT string_agg(format('<rect x="%s" y="%s" width="%s" height="28" fill="%s"><title>%s, %s: %s%%</title></rect>',
			round(80 + 6 * x0, 1), 10 + 40 * row, round(6 * pct, 1), colour, channel, emotion, round(pct, 1)), '' ORDER BY row, ord) FROM segs),
		(SELECT string_agg(DISTINCT format('<text x="72" y="%s" font-size="12" text-anchor="end">%s</text>', 29 + 40 * row, channel), '') FROM mix),
		(SELECT string_agg(format('<rect x="%s" y="%s" width="10" height="10" fill="%s"/><text x="%s" y="%s" font-size="11">%s</text>',
			80 + 80 * (ord - 1), 20 + 40 * (SELECT count(DISTINCT channel) FROM mix), colour, 94 + 80 * (ord - 1),
			29 + 40 * (SELECT count(DISTINCT channel) FROM mix), replace(emotion, 'disappointment', 'disappoint.')), '' ORDER BY ord) FROM colours)
	) AS svg
),
-- chart 3: agents' CSAT and empathy rate (grouped horizontal bars)
ag AS (
	SELECT row_number() OVER (ORDER BY k.csat DESC NULLS LAST, k.agent_id) - 1 AS i, k.agent_id, k.csat, e.empathy_rate,
		e.missed_opportunities
	FROM :"schema".kpi_by_agent k LEFT JOIN :"schema".empathy_by_agent e USING (agent_id)
),
agents AS (
	SELECT format($s$<svg id="agent-comparison" role="img" xmlns="http://www.w3.org/2000/svg" width="720" height="%s" viewBox="0 0 720 %s">
<title>Agent comparison: CSAT and empathy rate</title>
%s
<text x="90" y="%s" font-size="12" fill="#1f77b4">&#9632; CSAT %%</text>
<text x="190" y="%s" font-size="12" fill="#d62728">&#9632; empathy rate %%</text>
<text x="340" y="%s" font-size="12" fill="#555">(n) missed empathy opportunities</text>
</svg>$s$,
		(SELECT 40 + 26 * count(*) FROM ag), (SELECT 40 + 26 * count(*) FROM ag),
		(SELECT string_agg(format('<text x="80" y="%s" font-size="11" text-anchor="end">%s</text>'
			'<rect x="90" y="%s" width="%s" height="10" fill="#1f77b4"><title>%s CSAT %s</title></rect>'
			'<rect x="90" y="%s" width="%s" height="10" fill="#d62728"><title>%s empathy rate %s</title></rect>'
			'<text x="%s" y="%s" font-size="10" fill="#555">%s / %s (%s)</text>',
			16 + 26 * i, agent_id,
			6 + 26 * i, round(5 * coalesce(csat, 0))::int, agent_id, round(csat::numeric, 1),
			17 + 26 * i, round(5 * coalesce(empathy_rate, 0))::int, agent_id, round(empathy_rate::numeric, 1),
			600, 16 + 26 * i, coalesce(round(csat::numeric), 0), coalesce(round(empathy_rate::numeric), 0), coalesce(missed_opportunities, 0)),
			'' ORDER BY i) FROM ag),
		(SELECT 30 + 26 * count(*) FROM ag), (SELECT 30 + 26 * count(*) FROM ag), (SELECT 30 + 26 * count(*) FROM ag)
	) AS svg
),
cmp AS (
	SELECT string_agg(format('<tr><td>%s</td><td>%s</td><td>%s</td><td class="%s">%s</td></tr>',
		kpi, round(baseline::numeric, 2), round(current::numeric, 2),
		CASE WHEN change > 0 THEN 'up' ELSE 'down' END, to_char(change, 'S99990.00')), '' ORDER BY kpi_order) AS rows
	FROM :"schema".period_comparison WHERE scope = 'all'
),
queue AS (
	SELECT string_agg(format('<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>',
		priority, conversation_id, channel, round(escalation_risk::numeric, 2),
		CASE WHEN escalate THEN '<b>escalate</b>' ELSE '' END,
		replace(replace(replace(left(body, 140), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')), '' ORDER BY priority) AS rows
	FROM :"schema".escalation_queue WHERE priority <= 10
)
SELECT format($h$<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Empathy report: Kestrel Home customer service</title>
<style>body{font-family:sans-serif;max-width:760px;margin:2em auto;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}table{border-collapse:collapse;font-size:.9em}
td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}.up{color:#2ca02c}.down{color:#d62728}</style>
</head><body>
<h1>Empathy report: Kestrel Home customer service</h1>
<p>Built from the dashboard views of schema <code>%s</code> by <code>empathy.create_dashboard()</code>.</p>
<h2 id="trends">KPI trends by week</h2>
%s
<h2>Baseline against the current period</h2>
<table><tr><th>KPI</th><th>baseline</th><th>current</th><th>change</th></tr>%s</table>
<h2 id="emotions">Emotion mix by channel</h2>
%s
<h2 id="agents">Agent comparison</h2>
%s
<h2>Escalation queue</h2>
<table><tr><th>#</th><th>conversation</th><th>channel</th><th>risk</th><th></th><th>message</th></tr>%s</table>
</body></html>$h$,
	replace(replace(:'schema', '&', '&amp;'), '<', '&lt;'), trend.svg, cmp.rows, emix.svg, agents.svg, queue.rows)
FROM trend, emix, agents, cmp, queue;
