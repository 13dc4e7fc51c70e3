-- Every text function of the extension on NULL, empty, blank, control
-- characters, multibyte and emoji text, and a 10 MB text: a result or a clear
-- error, never a crash.
SET extra_float_digits = 0;
SELECT empathy.create_configuration('bi');
CREATE TEMP TABLE inputs (k int, label text, t text);
INSERT INTO inputs VALUES
	(1, 'null', NULL),
	(2, 'empty', ''),
	(3, 'blank', E'  \t\n  '),
	(4, 'control', E'\x01\x07 angry \x1b[31m\r'),
	(5, 'multibyte', 'Je suis très déçu — 我很生气 — أنا غاضب جدا'),
	(6, 'emoji', '😡😡 👩🏽‍💻 ❤️ 🇬🇧 ︎'),
	(7, 'large', repeat('My parcel is late again and I am really annoyed 😡. ', 200000));

-- scoring: in range, NULL for NULL
SELECT k, label,
	empathy.sentiment(t) BETWEEN -1 AND 1 AS sentiment,
	empathy.sentiment('bi', t) BETWEEN -1 AND 1 AS sentiment_cfg,
	(empathy.emotions(t) OPERATOR(empathy.->) 'anger') BETWEEN 0 AND 1 AS emotions,
	(empathy.emotions('bi', t) OPERATOR(empathy.->) 'intensity') BETWEEN 0 AND 1 AS emotions_cfg,
	cardinality(empathy.emotion_labels(t)) >= 0 AS labels,
	cardinality(empathy.emotion_labels('bi', t)) >= 0 AS labels_cfg,
	empathy.dominant_emotion(t) IS NOT NULL AS dominant,
	empathy.dominant_emotion('bi', t) IS NOT NULL AS dominant_cfg,
	empathy.escalation_risk(t) BETWEEN 0 AND 1 AS escalation,
	empathy.escalation_risk('bi', t) BETWEEN 0 AND 1 AS escalation_cfg
FROM inputs ORDER BY k;
SELECT k, label, (SELECT count(*) FROM empathy.explain(t)) > 0 AS explained,
	(SELECT count(*) FROM empathy.explain('bi', t)) > 0 AS explained_cfg
FROM inputs WHERE k < 7 ORDER BY k;
SELECT empathy.sentiment(NULL::text, 'fine') AS null_config_sentiment,
       empathy.emotions(NULL::text, 'fine') AS null_config_emotions;
SELECT empathy.sentiment('nosuch', 'fine');
SELECT empathy.emotion_labels('', 'fine');

-- markers and the empathy score
SELECT k, label,
	cardinality(empathy.markers(t)) >= 0 AS markers,
	cardinality(empathy.markers('bi', t)) >= 0 AS markers_cfg,
	(empathy.empathy_score(t, t, t)).score BETWEEN 0 AND 100 AS score,
	(empathy.empathy_score('bi', t, t, t)).score BETWEEN 0 AND 100 AS score_cfg,
	(SELECT count(*) FROM empathy.explain_empathy(t, t, t)) >= 0 AS explained,
	(SELECT bool_and(passed) IS NOT NULL FROM empathy.qa_scorecard(t, t, t)) AS scorecard
FROM inputs ORDER BY k;
SELECT empathy.empathy_score(NULL::text, 'I am sorry', 'late', NULL) IS NULL AS null_config;
SELECT empathy.empathy_score('nosuch', 'I am sorry', 'late', NULL);

-- reply suggestions and the concern
SELECT k, label, empathy.concern(t) IS NULL AS no_concern, empathy.intent(t) IS NOT NULL AS intent,
	length(empathy.own_words(t)) <= length(t) AS own_words,
	(SELECT count(*) FROM empathy.suggest_replies(t, '{}', NULL, 2)) <= 2 AS suggestions
FROM inputs ORDER BY k;

DELETE FROM empathy.configurations WHERE name = 'bi';

-- an explain of a long text, cancelled: the kept built-in configuration gives its rows'
-- buffer back at once, not at the session's next scoring call
SET statement_timeout = '500ms';
SELECT count(*) FROM empathy.explain(repeat('I am so angry and frustrated, this is terrible! ', 400000));
RESET statement_timeout;
SELECT total_bytes < 64 * 1024 * 1024 AS buffer_given_back
FROM pg_backend_memory_contexts WHERE name = 'empathy builtin configuration';
