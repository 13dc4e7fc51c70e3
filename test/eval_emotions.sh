#!/usr/bin/env bash
# Evaluate emotion and sentiment scoring against human labels in the
# GoEmotions format (text <TAB> comma-separated label ids <TAB> id, label ids
# indexing the 27 emotions + neutral of GoEmotions' emotions.txt).
#
#   bash test/eval_emotions.sh FILE.tsv [CONFIG [SETUP.sql]]
#
# Loads FILE into a throwaway cluster, runs SETUP.sql if given (to create
# the configuration CONFIG: create_configuration, config_terms, config_model
# rows), scores every text through the extension (configuration CONFIG,
# default 'english') and prints:
#  - Ekman grouping, multi-label, 7 classes (anger, disgust, fear, joy,
#    sadness, surprise, neutral): per-class precision/recall/F1 and macro-F1.
#    Predicted classes come from empathy.emotion_labels(): anger and
#    frustration -> anger; sadness and disappointment -> sadness; surprise and
#    confusion -> surprise; joy and gratitude -> joy; fear; disgust; no label
#    -> neutral.
#  - Sentiment grouping, 3 classes: gold positive if the text has a positive
#    label and no negative one, negative the other way round, neutral if it
#    has only neutral or ambiguous labels (surprise, realization, curiosity,
#    confusion); texts with both positive and negative labels are left out.
#    Predicted by empathy.sentiment_label() (|sentiment| at or above the
#    model's stated threshold).  Per-class P/R/F1, macro-F1, and Pearson r
#    between sentiment() and the gold class as -1/0/+1.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
file=${1:?usage: eval_emotions.sh FILE.tsv [CONFIG]}
config=${2:-english}
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
setup=${3:-}
if [ -n "$setup" ]; then setup=$(cd "$(dirname "$setup")" && pwd)/$(basename "$setup"); fi

emp_install_packages
emp_build_install >/dev/null
emp_start_cluster
psql -qX -v ON_ERROR_STOP=1 -c "CREATE EXTENSION empathy" >/dev/null
if [ -n "$setup" ]; then psql -qX -v ON_ERROR_STOP=1 -f "$setup" >/dev/null; fi
psql -qX -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE eval_raw (body text, label_ids text, id text);
\copy eval_raw FROM '$file' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
SQL
psql -X -v ON_ERROR_STOP=1 -v config="$config" <<'SQL'
\pset footer off
\set QUIET on
CREATE TEMP TABLE names (id int, name text);
INSERT INTO names SELECT i - 1, n FROM unnest(ARRAY['admiration','amusement','anger','annoyance',
 'approval','caring','confusion','curiosity','desire','disappointment','disapproval','disgust',
 'embarrassment','excitement','fear','gratitude','grief','joy','love','nervousness','optimism',
 'pride','realization','relief','remorse','sadness','surprise','neutral']) WITH ORDINALITY AS u(n, i);
CREATE TEMP TABLE ekman (label text, grp text);
INSERT INTO ekman VALUES ('anger','anger'),('annoyance','anger'),('disapproval','anger'),
 ('disgust','disgust'),('fear','fear'),('nervousness','fear'),
 ('joy','joy'),('amusement','joy'),('approval','joy'),('excitement','joy'),('gratitude','joy'),
 ('love','joy'),('optimism','joy'),('relief','joy'),('pride','joy'),('admiration','joy'),
 ('desire','joy'),('caring','joy'),
 ('sadness','sadness'),('disappointment','sadness'),('embarrassment','sadness'),('grief','sadness'),
 ('remorse','sadness'),('surprise','surprise'),('realization','surprise'),('confusion','surprise'),
 ('curiosity','surprise'),('neutral','neutral');
CREATE TEMP TABLE polarity (label text, pol text);
INSERT INTO polarity SELECT unnest(ARRAY['amusement','excitement','joy','love','desire','optimism',
 'caring','pride','admiration','gratitude','relief','approval']), 'positive';
INSERT INTO polarity SELECT unnest(ARRAY['fear','nervousness','remorse','embarrassment',
 'disappointment','sadness','grief','disgust','anger','annoyance','disapproval']), 'negative';
CREATE TEMP TABLE ourmap (dim text, grp text);
INSERT INTO ourmap VALUES ('anger','anger'),('frustration','anger'),('disappointment','sadness'),
 ('sadness','sadness'),('fear','fear'),('confusion','surprise'),('surprise','surprise'),
 ('joy','joy'),('gratitude','joy'),('disgust','disgust');

CREATE TEMP TABLE ev AS
SELECT row_number() OVER () AS n, r.body,
       (SELECT array_agg(nm.name) FROM unnest(string_to_array(r.label_ids, ',')) l
          JOIN names nm ON nm.id = l::int) AS gold
FROM eval_raw r;
CREATE TEMP TABLE scored AS
SELECT n, gold, empathy.emotion_labels(:'config', body) AS labels,
       empathy.sentiment(:'config', body) AS sent,
       empathy.sentiment_label(empathy.sentiment(:'config', body)) AS sent_label
FROM ev;
-- Ekman
CREATE TEMP TABLE ek AS
SELECT n,
  ARRAY(SELECT DISTINCT e.grp FROM unnest(gold) g JOIN ekman e ON e.label = g) AS gold_g,
  CASE WHEN cardinality(labels) = 0 THEN ARRAY['neutral']
       ELSE ARRAY(SELECT DISTINCT m.grp FROM unnest(labels) l JOIN ourmap m ON m.dim = l) END AS pred_g
FROM scored;
\echo
\echo Ekman grouping (multi-label, 7 classes)
SELECT c AS class,
  sum((c = ANY(gold_g))::int) AS support,
  round(sum((c = ANY(gold_g) AND c = ANY(pred_g))::int)::numeric / nullif(sum((c = ANY(pred_g))::int), 0), 3) AS precision,
  round(sum((c = ANY(gold_g) AND c = ANY(pred_g))::int)::numeric / nullif(sum((c = ANY(gold_g))::int), 0), 3) AS recall,
  round(2.0 * sum((c = ANY(gold_g) AND c = ANY(pred_g))::int) / nullif(sum((c = ANY(gold_g))::int) + sum((c = ANY(pred_g))::int), 0), 3) AS f1
FROM ek, unnest(ARRAY['anger','disgust','fear','joy','sadness','surprise','neutral']) c
GROUP BY c ORDER BY c;
SELECT round(avg(f1), 4) AS ekman_macro_f1 FROM (
  SELECT coalesce(2.0 * sum((c = ANY(gold_g) AND c = ANY(pred_g))::int) / nullif(sum((c = ANY(gold_g))::int) + sum((c = ANY(pred_g))::int), 0), 0) AS f1
  FROM ek, unnest(ARRAY['anger','disgust','fear','joy','sadness','surprise','neutral']) c GROUP BY c) s;
-- Sentiment
CREATE TEMP TABLE se AS
SELECT n, sent, sent_label,
  CASE WHEN has_pos AND NOT has_neg THEN 'positive' WHEN has_neg AND NOT has_pos THEN 'negative'
       WHEN NOT has_pos AND NOT has_neg THEN 'neutral' END AS gold_s
FROM (SELECT n, sent, sent_label,
        EXISTS (SELECT 1 FROM unnest(gold) g JOIN polarity p ON p.label = g AND p.pol = 'positive') AS has_pos,
        EXISTS (SELECT 1 FROM unnest(gold) g JOIN polarity p ON p.label = g AND p.pol = 'negative') AS has_neg
      FROM scored) x;
\echo
\echo Sentiment grouping (3 classes; texts with both positive and negative labels left out)
SELECT count(*) FILTER (WHERE gold_s IS NULL) AS mixed_left_out, count(*) FILTER (WHERE gold_s IS NOT NULL) AS evaluated FROM se;
SELECT c AS class, sum((gold_s = c)::int) AS support,
  round(sum((gold_s = c AND sent_label = c)::int)::numeric / nullif(sum((sent_label = c)::int), 0), 3) AS precision,
  round(sum((gold_s = c AND sent_label = c)::int)::numeric / nullif(sum((gold_s = c)::int), 0), 3) AS recall,
  round(2.0 * sum((gold_s = c AND sent_label = c)::int) / nullif(sum((gold_s = c)::int) + sum((sent_label = c)::int), 0), 3) AS f1
FROM se, unnest(ARRAY['negative','neutral','positive']) c WHERE gold_s IS NOT NULL GROUP BY c ORDER BY c;
SELECT round(avg(f1), 4) AS sentiment_macro_f1 FROM (
  SELECT coalesce(2.0 * sum((gold_s = c AND sent_label = c)::int) / nullif(sum((gold_s = c)::int) + sum((sent_label = c)::int), 0), 0) AS f1
  FROM se, unnest(ARRAY['negative','neutral','positive']) c WHERE gold_s IS NOT NULL GROUP BY c) s;
SELECT round(corr(sent, CASE gold_s WHEN 'positive' THEN 1 WHEN 'negative' THEN -1 ELSE 0 END)::numeric, 4) AS pearson_r
FROM se WHERE gold_s IS NOT NULL;
SQL
