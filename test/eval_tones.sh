#!/usr/bin/env bash
# Sentiment on contact-centre messages: the demo CRM's customer messages,
# whose tone the demo generator records (demo.labels.tone).  These are the
# team's own synthetic messages, not human ratings: the script shows how
# sentiment behaves on customer-service phrasing next to the GoEmotions
# evaluation (test/eval_emotions.sh), and what a configuration changes.
#
#   bash test/eval_tones.sh
#
# Prints, for the built-in configuration and for a derived configuration
# 'support' in which joy and gratitude do not count toward sentiment
# (config_model valence_from.joy = valence_from.gratitude = 0):
#  - per tone: messages, mean sentiment, % labelled negative / neutral / positive
#    by sentiment_label();
#  - 3-class macro-F1 with angry, anxious and repeat-contact messages as
#    negative, happy as positive and neutral as neutral (confused and
#    sarcastic messages are left out: their polarity is not one class);
#  - per tone, the share of messages whose escalation risk reaches
#    empathy.escalation_threshold().
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$EMP_ROOT"

emp_install_packages
emp_build_install >/dev/null
emp_start_cluster
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
q -c "CREATE EXTENSION empathy"
q -c "SET client_min_messages = warning" -f data/demo/schema.sql -f data/demo/tagging.sql \
	-f data/demo/generate.sql >/dev/null
q <<'SQL'
\pset footer off
SELECT empathy.create_configuration('support', 'english', 'joy and gratitude do not count toward sentiment');
INSERT INTO empathy.config_model VALUES ('support', 'valence_from.joy', 0), ('support', 'valence_from.gratitude', 0);
CREATE TEMP TABLE s AS
SELECT c.config, l.tone, empathy.sentiment(c.config, m.body) AS sentiment
FROM demo.messages m JOIN demo.labels l USING (message_id)
CROSS JOIN (VALUES ('english'), ('support')) c(config)
WHERE m.role = 'customer' AND l.tone IS NOT NULL;

\echo
\echo == per tone (sentiment_label of sentiment)
SELECT config, tone, count(*) AS messages, round(avg(sentiment)::numeric, 2) AS mean_sentiment,
	round(100.0 * avg((empathy.sentiment_label(sentiment) = 'negative')::int), 1) AS negative_pct,
	round(100.0 * avg((empathy.sentiment_label(sentiment) = 'neutral')::int), 1) AS neutral_pct,
	round(100.0 * avg((empathy.sentiment_label(sentiment) = 'positive')::int), 1) AS positive_pct
FROM s GROUP BY config, tone ORDER BY config, tone;

\echo
\echo == 3 classes: angry, anxious, repeat = negative; happy = positive; neutral = neutral
WITH g AS (
	SELECT config, CASE WHEN tone IN ('angry', 'anxious', 'repeat') THEN 'negative'
		WHEN tone = 'happy' THEN 'positive' ELSE 'neutral' END AS gold,
		empathy.sentiment_label(sentiment) AS pred
	FROM s WHERE tone IN ('angry', 'anxious', 'repeat', 'happy', 'neutral')
), c AS (
	SELECT config, k AS class,
		count(*) FILTER (WHERE gold = k AND pred = k) AS tp,
		count(*) FILTER (WHERE gold <> k AND pred = k) AS fp,
		count(*) FILTER (WHERE gold = k AND pred <> k) AS fn
	FROM g CROSS JOIN (VALUES ('negative'), ('neutral'), ('positive')) v(k) GROUP BY config, k
), f AS (
	SELECT config, class, round(tp::numeric / NULLIF(tp + fn, 0), 3) AS recall,
		CASE WHEN tp = 0 THEN 0 ELSE 2.0 * tp / (2 * tp + fp + fn) END AS f1
	FROM c
)
SELECT config, round(avg(f1), 4) AS macro_f1,
	string_agg(class || ' F1 ' || round(f1, 3) || ' recall ' || recall, ', ' ORDER BY class) AS per_class
FROM f GROUP BY config ORDER BY config;

\echo
\echo == escalation per tone (escalation_risk >= escalation_threshold(), the built-in configuration)
SELECT l.tone, count(*) AS messages,
	round(100.0 * avg((empathy.escalation_risk(m.body) >= empathy.escalation_threshold())::int), 1) AS escalate_pct
FROM demo.messages m JOIN demo.labels l USING (message_id)
WHERE m.role = 'customer' AND l.tone IS NOT NULL
GROUP BY l.tone ORDER BY l.tone;
SQL
