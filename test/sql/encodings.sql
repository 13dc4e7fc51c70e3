-- A database whose server encoding is not UTF-8: text is converted to UTF-8
-- on the way into the engine and back, positions count the characters of
-- the original text, and no function fails on a character the encoding has.
SET client_min_messages = warning;
SELECT current_database() AS regress_db \gset
DROP DATABASE IF EXISTS empathy_latin1;
CREATE DATABASE empathy_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c empathy_latin1
SET client_encoding = 'UTF8';
SET client_min_messages = warning;
CREATE EXTENSION empathy;
SHOW server_encoding;

-- scores equal those of the same text in ASCII where the accents carry no weight
SELECT round(empathy.sentiment('Très déçu. I am very ANGRY!!!')::numeric, 4) =
       round(empathy.sentiment('Tres decu. I am very ANGRY!!!')::numeric, 4) AS same_sentiment,
       empathy.dominant_emotion('Très déçu. I am very ANGRY!!!') AS dominant,
       empathy.emotion_labels('Merci beaucoup, thank you so much!') AS labels;
-- positions and tokens in characters of the LATIN1 text
SELECT token, position, rule FROM empathy.explain('déçu, I am ANGRY') WHERE dimension = 'anger' ORDER BY position, rule;
-- the emotions type: an unknown dimension in Latin-1 letters is quoted as written
SELECT empathy.emotions('(colère:1)');
SELECT '(anger:0.5)'::empathy.emotions OPERATOR(empathy.->) 'anger' AS anger;
-- a configuration term in Latin-1 letters
SELECT empathy.create_configuration('enc_fr');
INSERT INTO empathy.config_terms VALUES ('enc_fr', 'déçu', 'disappointment', 3);
SELECT empathy.dominant_emotion('enc_fr', 'Je suis déçu') AS with_term,
       empathy.dominant_emotion('Je suis déçu') AS builtin;
-- and a marker phrase
INSERT INTO empathy.config_markers VALUES ('enc_fr', 'apology', 2, 'je suis désolé');
SELECT empathy.markers('enc_fr', 'Je suis désolé, Zoé.') AS with_phrase,
       empathy.markers('Je suis désolé, Zoé.') AS builtin;
DELETE FROM empathy.configurations WHERE name = 'enc_fr';

-- replies: markers, the score, its explanation and the scorecard, with a Latin-1 name
SELECT empathy.markers('I''m so sorry, Zoé, that sounds really frustrating. I have refunded it.') AS markers;
SELECT (s).score > 50 AS empathetic, (s).personalization
FROM (SELECT empathy.empathy_score('I''m so sorry, Zoé, that sounds really frustrating. I have refunded it.',
                                   'I was charged twice and I am furious', 'Zoé') AS s) t;
SELECT phrase, position, category FROM empathy.explain_empathy(
	'I''m so sorry, Zoé, that sounds really frustrating.', 'I am furious', 'Zoé') ORDER BY position, category;
SELECT count(*) AS criteria FROM empathy.qa_scorecard('Sorry Zoé.', 'I am furious', 'Zoé');

-- suggestions and the concern (whose regular expressions name characters LATIN1 lacks)
SELECT empathy.concern('Bonjour, my café order was charged twice and I''m upset') AS concern;
SELECT empathy.intent('my café order was charged twice') AS intent;
-- own words: the quote goes, Latin-1 letters stay (a message of accented letters alone is words)
SELECT empathy.own_words(E'Déçu, toujours rien.\n> Votre colis est en route.') AS own_words,
       empathy.own_words(E'été\n> quoted') AS accented_only,
       (empathy.empathy_score('Great to hear, glad it''s sorted!', E'Thanks, all sorted now! Zoé\n> I''m so sorry your parcel was lost.')).needed AS needed;
SELECT empathy.suggest_reply('I was charged twice for my café order!!', '{"name": "Zoé"}') ~ 'Zoé' AS names_the_customer;

-- templates: Latin-1 text, names and values, and error positions in characters
SELECT empathy.render('Chère {{name}}, à bientôt {{ville | upper}}', '{"name": "Zoé", "ville": "Orléans"}');
SELECT empathy.render('Chère {{name', '{}');
-- characters the render makes that LATIN1 lacks: a case mapping keeps the letter ("ÿ" has no
-- capital there), truncate's ellipsis is "..." (a given one is kept)
SELECT empathy.render('{{ a | upper }} {{ a | title }} {{ a | capitalize }} {{ b | upper }}',
                      '{"a": "ÿves", "b": "éàü straße"}') AS case_kept;
SELECT empathy.render('{{ s | truncate: 5 }} / {{ s | truncate: 5, "»" }}', '{"s": "éàüöä ëïç"}') AS ellipsis;
SELECT empathy.template_is_valid('Chère {{name}}') AS valid;
-- engine messages that quote the text come back in the database encoding
SELECT empathy.render('Chère {{name | filtré}}', '{}');
SELECT empathy.render('{{#sî x}}{{/sî}}', '{}');
SELECT * FROM empathy.template_check('Chère {{nàme}}', '{"name": "Zoé"}');
INSERT INTO empathy.config_terms VALUES ('nope', 'déçu', 'disappointment', 1);
SELECT empathy.create_configuration('enc_bad');
INSERT INTO empathy.config_terms VALUES ('enc_bad', 'déçu', 'tristesse', 1);
INSERT INTO empathy.config_markers VALUES ('enc_bad', 'apology', 2, '¡¿ ¿¡');
-- a quote cut short keeps whole characters, whatever byte the cut falls on
INSERT INTO empathy.config_terms VALUES ('enc_bad', '!' || repeat('«', 40), 'joy', 1);
INSERT INTO empathy.config_terms VALUES ('enc_bad', repeat('«', 40), 'joy', 1);
INSERT INTO empathy.config_model VALUES ('enc_bad', '!' || repeat('é', 40), 1);
DELETE FROM empathy.configurations WHERE name = 'enc_bad';

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE empathy_latin1;

-- SQL_ASCII declares no encoding: bytes are read as UTF-8, and no function
-- cuts a character in two
DROP DATABASE IF EXISTS empathy_sql_ascii;
CREATE DATABASE empathy_sql_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c empathy_sql_ascii
SET client_encoding = 'UTF8';
SET client_min_messages = warning;
CREATE EXTENSION empathy;
SELECT empathy.concern('Bonjour, my café order was charged twice and I’m upset') AS concern;
-- a byte 0xA0 inside a character (Р is D0 A0 in UTF-8) is not a no-break space here
SELECT empathy.concern('Моя Регистрация заказа never arrived and nobody answers me') AS cyrillic;
SELECT empathy.suggest_reply('I was charged twice for my café order!!', '{"name": "Zoé"}') ~ 'café order' AS quotes_the_concern;
SELECT empathy.dominant_emotion('très déçu 😡') AS dominant, empathy.markers('Désolé, I am so sorry 🙏') AS markers;
SELECT empathy.render('Chère {{name}} 🎉', '{"name": "Zoé"}');
-- positions count bytes, as PostgreSQL's own string functions do here, bytes that are
-- no UTF-8 included: each row's token starts at its position
SELECT v.n, e.token, e.position, substr(v.b, e.position, length(e.token)) = e.token AS substr_agrees
FROM (VALUES (1, 'café angry'), (2, E'\x80\x80 angry'), (3, E'\xff\xfe angry'), (4, E'\xc0\xaf angry')) v(n, b)
CROSS JOIN LATERAL empathy.explain(v.b) e WHERE e.rule = 'lexicon' AND e.dimension = 'anger' ORDER BY v.n;
SELECT e.phrase, e.position, strpos(r.r, e.phrase) = e.position AS strpos_agrees
FROM (VALUES ('Désolé, I am so sorry')) r(r), empathy.explain_empathy(r.r, NULL, NULL) e WHERE e.category = 'apology';
-- a template's positions count bytes here too: the reported character is the tag's "{"
SELECT t.position, substr('Chère {{ nom }} é {{ x', t.position, 2) = '{{' AS at_the_tag
FROM empathy.template_check('Chère {{ nom }} é {{ x', '{}') t;
SELECT empathy.render('Chère {{ nom | nosuch }}', '{}');
-- error messages quote a clipped name or term: the clip keeps whole characters, or the
-- message could not be sent to a UTF-8 client
SELECT ('(x' || repeat('é', 30) || ':1)')::empathy.emotions;
SELECT empathy.create_configuration('enc_clip');
INSERT INTO empathy.config_terms VALUES ('enc_clip', 'x' || repeat('é', 40), 'joy', 1);
INSERT INTO empathy.config_markers VALUES ('enc_clip', 'x' || repeat('é', 40), 1, 'sorry');
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE empathy_sql_ascii;

-- An encoding with no guillemets, where code 171 is no character: the install script is
-- ASCII, and the functions that name characters by code run
DROP DATABASE IF EXISTS empathy_euc_jp;
CREATE DATABASE empathy_euc_jp ENCODING 'EUC_JP' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c empathy_euc_jp
SET client_encoding = 'UTF8';
SET client_min_messages = warning;
CREATE EXTENSION empathy;
SELECT empathy.dominant_emotion('私はとても怒っています!!! I am ANGRY') AS dominant,
       empathy.markers('I am so sorry, I will fix it today') AS markers;
SELECT empathy.concern('My order 注文123 (a gift for my mum) has not arrived, where is it?') AS concern;
SELECT empathy.concern('I typed “hello” and it failed') AS curly_quotes_closed;
SELECT empathy.suggest_reply('My order is late again, I am furious', '{"name": "Ana"}') ~ 'Ana' AS names_the_customer;
SELECT DISTINCT token, position FROM empathy.explain('怒って ANGRY') WHERE rule = 'all caps';
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE empathy_euc_jp;

-- WIN1252, whose curly quotes have codes of their own: a clause keeps the one
-- that closes the quote it opened, and so does the reply drafted from it
DROP DATABASE IF EXISTS empathy_win1252;
CREATE DATABASE empathy_win1252 ENCODING 'WIN1252' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c empathy_win1252
SET client_encoding = 'UTF8';
SET client_min_messages = warning;
CREATE EXTENSION empathy;
SELECT empathy.concern('I still get “invalid credentials”') AS concern,
       empathy.concern('I typed “hello” and it failed') AS concern2;
SELECT empathy.suggest_reply('I still get “invalid credentials” when I log in', '{"name": "Ann"}')
       ~ '“invalid credentials” when' AS quote_closed;
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE empathy_win1252;

-- A database whose collation orders lower case first (ICU): rows that read the same words
-- apply in byte order, as in any other database, so the same rows give the same markers
DROP DATABASE IF EXISTS empathy_icu;
CREATE DATABASE empathy_icu LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C.UTF-8' TEMPLATE template0;
\c empathy_icu
SET client_min_messages = warning;
CREATE EXTENSION empathy;
SELECT 'Consider it done' < 'consider it done' AS upper_case_first;
SELECT empathy.create_configuration('enc_order');
INSERT INTO empathy.config_markers VALUES ('enc_order', 'blame', 2, 'Consider it done'),
	('enc_order', 'ownership', 2, 'consider it done');
SELECT empathy.markers('enc_order', 'Consider it done, Ana.') AS last_in_byte_order;
INSERT INTO empathy.config_terms VALUES ('enc_order', 'Zorp', 'sentiment', 3), ('enc_order', 'zorp', 'sentiment', -3);
SELECT empathy.sentiment('enc_order', 'zorp') < 0 AS last_term_in_byte_order;
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE empathy_icu;
