-- Templates: the objects, their marks, rendering, and every error with its SQLSTATE.
BEGIN;
SELECT plan(58);

-- the objects
SELECT has_function('empathy', 'render', ARRAY['text', 'jsonb', 'text', 'boolean'],
	'empathy.render(text, jsonb, text, boolean) exists');
SELECT has_function('empathy', 'render_op', ARRAY['text', 'jsonb'], 'empathy.render_op(text, jsonb) exists');
SELECT has_function('empathy', 'template_check', ARRAY['text', 'jsonb'], 'empathy.template_check(text, jsonb) exists');
SELECT has_function('empathy', 'template_is_valid', ARRAY['text'], 'empathy.template_is_valid(text) exists');
SELECT has_operator('text', 'empathy', '%', 'jsonb', 'text', 'the operator empathy.% (text, jsonb) returns text');
SELECT volatility_is('empathy', 'render', ARRAY['text', 'jsonb', 'text', 'boolean'], 'immutable', 'render is immutable');
SELECT volatility_is('empathy', 'render_op', ARRAY['text', 'jsonb'], 'immutable', 'render_op is immutable');
SELECT volatility_is('empathy', 'template_check', ARRAY['text', 'jsonb'], 'immutable', 'template_check is immutable');
SELECT volatility_is('empathy', 'template_is_valid', ARRAY['text'], 'immutable', 'template_is_valid is immutable');
SELECT isnt_strict('empathy', 'render', ARRAY['text', 'jsonb', 'text', 'boolean'], 'render is not strict: NULL vars are an empty object');
SELECT is_strict('empathy', 'template_is_valid', ARRAY['text'], 'template_is_valid is strict');
SELECT is(
	(SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname = 'empathy' AND p.proname IN ('render', 'render_op', 'template_check', 'template_is_valid')
		AND p.proparallel = 's'),
	4, 'the four template functions are parallel safe');
SELECT is(
	(SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname = 'empathy' AND p.proname IN ('render', 'render_op', 'template_check', 'template_is_valid')
		AND obj_description(p.oid, 'pg_proc') IS NOT NULL),
	4, 'the four template functions have comments');
SELECT is(
	(SELECT count(*)::int FROM pg_operator WHERE oprname = '%' AND oprleft = 'text'::regtype AND oprright = 'jsonb'::regtype),
	1, 'text % jsonb is defined once and collides with no built-in operator');

-- rendering
SELECT is(empathy.render('Hi {{ customer.first_name }}!', '{"customer": {"first_name": "Jane"}}'),
	'Hi Jane!', 'a dotted path');
SELECT is('Hi {{name}}!'::text OPERATOR(empathy.%) '{"name": "Jane"}'::jsonb, 'Hi Jane!', 'the % operator renders');
SELECT is(empathy.render('{{items.1}} {{items[0]}} {{items[-1]}}', '{"items": ["a", "b", "c"]}'), 'b a c', 'array indexes');
SELECT is(empathy.render('{{["a.b"]}}', '{"a.b": "dotted"}'), 'dotted', 'a key with a dot in brackets');
SELECT is(empathy.render('Hi {{name}}, thanks', '{}'), 'Hi, thanks', 'lenient: a missing name leaves no "Hi ,"');
SELECT is(empathy.render('Hello {{name}}!', '{}'), 'Hello!', 'lenient: no space before !');
SELECT is(empathy.render('Hi {{name | default: "there"}}!', '{}'), 'Hi there!', 'a default');
SELECT is(empathy.render('Hi {{name | default: "there"}}!', NULL), 'Hi there!', 'NULL vars are an empty object');
SELECT is(empathy.render(NULL, '{}'), NULL, 'a NULL template gives NULL');
SELECT is(empathy.render('{{x}}', '{"x": "<b>"}', NULL, NULL), '<b>', 'a NULL escape is text and a NULL strict is false');
SELECT is(empathy.render('', '{}'), '', 'an empty template gives an empty string');
SELECT is(empathy.render('{{e | adjective}}', '{"e": "frustration"}'), 'frustrating', 'the adjective of an emotion');
SELECT is(empathy.render('{{#if e == "anger"}}calm{{else}}warm{{/if}}', '{"e": "anger"}'), 'calm', 'choosing by emotion');
SELECT is(empathy.render('{{#each l}}{{@index}}:{{this}} {{/each}}', '{"l": ["x", "y"]}'), '0:x 1:y ', 'iteration');
SELECT is(empathy.render('{{x}}', '{"x": "<a & b>"}', 'html'), '&lt;a &amp; b&gt;', 'html escaping');
SELECT is(empathy.render('{{x}}', '{"x": "a\"b\nc"}', 'json'), 'a\"b\nc', 'json escaping');
SELECT is(empathy.render('\{{x}}', '{}'), '{{x}}', 'a literal {{');
SELECT is(empathy.render('{{s}}', '{"s": "héllo 👋🏽"}', strict => true), 'héllo 👋🏽', 'multibyte and emoji, strict');
SELECT is(length(empathy.render('{{#each a}}{{this}}{{/each}}',
	(SELECT jsonb_build_object('a', jsonb_agg(1)) FROM generate_series(1, 1000000)))), 1000000,
	'a million-element array iterates');
SELECT is(
	(SELECT string_agg(t OPERATOR(empathy.%) v, ',' ORDER BY i)
		FROM (VALUES (1, 'a{{x}}', '{"x": 1}'::jsonb), (2, 'b{{x}}', '{"x": 2}'), (3, 'a{{x}}', '{"x": 3}')) AS r(i, t, v)),
	'a1,b2,a3', 'a template that changes from row to row');

-- lint
SELECT is(empathy.template_is_valid('Hi {{name}}'), true, 'a valid template');
SELECT is(empathy.template_is_valid('Hi {{name'), false, 'an unterminated tag is invalid');
SELECT is(empathy.template_is_valid(repeat('{{#if a}}', 100000)), false, 'nesting 100,000 deep is invalid, not a crash');
SELECT results_eq(
	$$SELECT position, severity, message FROM empathy.template_check('Hi {{name | nope}}')$$,
	$$VALUES (13, 'error', 'unknown filter "nope"')$$,
	'template_check reports an unknown filter with its position');
SELECT results_eq(
	$$SELECT position, severity FROM empathy.template_check('{{a}} {{b | default: "x"}} {{#if c}}{{/if}}', '{}')$$,
	$$VALUES (1, 'warning'), (7, 'info'), (28, 'info')$$,
	'template_check reports the variables the sample lacks');
SELECT is_empty($$SELECT * FROM empathy.template_check('Hi {{name}}', '{"name": "x"}')$$,
	'template_check is silent on a good template and sample');
CREATE TEMP TABLE replies (body text CHECK (empathy.template_is_valid(body)));
SELECT lives_ok($$INSERT INTO replies VALUES ('Hi {{name | default: "there"}}')$$, 'a CHECK constraint accepts a valid template');
SELECT throws_ok($$INSERT INTO replies VALUES ('Hi {{name')$$, '23514', NULL,
	'a CHECK constraint rejects a broken template');

-- errors and their SQLSTATEs
SELECT throws_ok($$SELECT empathy.render('Hi {{name', '{}')$$, '22P02',
	'invalid template: unterminated tag at character 4', 'unterminated tag: 22P02');
SELECT throws_ok($$SELECT empathy.render('{{ x | nope }}', '{}')$$, '22P02',
	'invalid template: unknown filter "nope" at character 8', 'unknown filter: 22P02');
SELECT throws_ok($$SELECT empathy.render('{{#if x}}', '{}')$$, '22P02',
	'invalid template: unclosed {{#if}} section at character 1', 'unclosed section: 22P02');
SELECT throws_ok($$SELECT empathy.render('{{/each}}', '{}')$$, '22P02',
	'invalid template: {{/each}} without a matching {{#each}} at character 1', 'stray closing tag: 22P02');
SELECT throws_ok($$SELECT empathy.render('{{ "\q" }}', '{}')$$, '22P02',
	'invalid template: invalid escape "\q" in string literal at character 5', 'invalid escape: 22P02');
SELECT throws_ok($$SELECT empathy.render('{{}}', '{}')$$, '22P02',
	'invalid template: empty tag at character 1', 'empty tag: 22P02');
SELECT throws_ok($$SELECT empathy.render(repeat('{{#if a}}', 100000), '{}')$$, '54001',
	'invalid template: sections nested more than 100 levels deep at character 901', 'nesting too deep: 54001');
SELECT throws_ok($$SELECT empathy.render(repeat('{{#each a}}', 101), '{}')$$, '54001', NULL,
	'each sections nested too deep: 54001');
SELECT throws_ok($$SELECT empathy.render('{{x}}', '{}', 'xml')$$, '22023',
	'unknown escape mode "xml"', 'unknown escape mode: 22023');
SELECT throws_ok($$SELECT empathy.render('{{x}}', '{}', '')$$, '22023',
	'unknown escape mode ""', 'empty escape mode: 22023');
SELECT throws_ok($$SELECT empathy.render('Hi {{ who.name }}', '{"who": {}}', strict => true)$$, '2203A',
	'missing variable "who.name" at character 4', 'strict, a missing variable: 2203A with its name and position');
SELECT throws_ok($$SELECT empathy.render('🎉 {{x}}', '{}', 'text', true)$$, '2203A',
	'missing variable "x" at character 3', 'strict positions count characters, not bytes');
SELECT throws_ok($$SELECT empathy.render('{{l.5}}', '{"l": [1]}', strict => true)$$, '2203A',
	'missing variable "l.5" at character 1', 'strict, an index out of range: 2203A');
SELECT lives_ok($$SELECT empathy.render('{{x | default: "d"}}{{#if y}}{{/if}}', '{}', strict => true)$$,
	'strict accepts defaults and conditions on missing variables');
SELECT throws_ok($$SELECT empathy.render('{{#each n}}{{s}}{{/each}}',
		jsonb_build_object('s', repeat('x', 110000000), 'n', '[1,2,3,4,5,6,7,8,9,10]'::jsonb))$$, '54000',
	'rendered template exceeds the maximum size of 1073741823 bytes', 'output past 1 GB: 54000');
SELECT throws_ok($$SELECT 'x' % '{}'$$, '42725', NULL,
	'two untyped literals are ambiguous: the right side needs to be jsonb');

SELECT * FROM finish();
ROLLBACK;
