-- Templates: empathy.render, the text % jsonb operator, template_check and
-- template_is_valid.
SET search_path = public, empathy;

-- ---------------------------------------------------------------
-- Variables and paths
-- ---------------------------------------------------------------
SELECT render('Hi {{name}}!', '{"name": "Jane"}');
SELECT render('Hi {{ name }}, your order {{ order.id }} ships {{ order.when }}.',
              '{"name": "Jane", "order": {"id": 1042, "when": "Monday"}}');
SELECT render('{{items.0}} | {{items[1]}} | {{items[-1]}} | {{items.-1}} | [{{items.9}}]',
              '{"items": ["router", "cable", "adapter"]}');
SELECT render('{{orders[1].sku}} {{orders.0.sku}}',
              '{"orders": [{"sku": "A-1"}, {"sku": "B-2"}]}');
-- keys with dots, quotes, spaces, hyphens and digits
SELECT render('{{["a.b"]}} {{["say \"hi\""]}} {{[''it\''s'']}} {{["first name"]}} {{first-name}} {{x.0}} {{m["k.v"].z}}',
              '{"a.b": 1, "say \"hi\"": 2, "it''s": 3, "first name": 4, "first-name": 5, "x": {"0": 6}, "m": {"k.v": {"z": 7}}}');
-- how values render
SELECT render('s={{s}} n={{n}} f={{f}} big={{big}} t={{t}} no={{no}} null=[{{z}}]',
              '{"s": "text", "n": 42, "f": 2.50, "big": 1e25, "t": true, "no": false, "z": null}');
SELECT render('{{list}} / {{mixed}} / {{obj}} / [{{none}}] / [{{eo}}]',
              '{"list": ["a", "b"], "mixed": [1, null, "", true, [2, 3], {"k": "v"}], "obj": {"b": 1, "a": [true, null]}, "none": [], "eo": {}}');
SELECT render('{{this}}', '"a scalar"'), render('{{this}}', '7'), render('[{{x}}]', '[1, 2]'), render('{{this}}', '[1, 2]');
SELECT render('{{@root.a}}', '{"a": "root"}');
-- Unicode white space (ideographic U+3000, no-break U+00A0) inside a tag is white space
SELECT render(E'Hi {{\u3000name\u3000}} and {{\u00a0name | upper\u00a0}}!', '{"name": "Jane"}');
-- literals and literal braces
SELECT render('{{ "{{" }} is how a tag starts; \{{name}} stays; a\\{{name}} has a backslash', '{"name": "N"}');
SELECT render('{{ 42 }} {{ -1.5e3 }} {{ true }} {{ "quote \" and \\ and \u00e9 and \ud83d\ude00" }}', '{}');
SELECT render('{{{html}}}', '{"html": "<b>"}', 'html');
SELECT render('a {{! a comment }}b{{!-- a comment with }} inside --}} c', '{}');
-- multibyte and emoji everywhere
SELECT render('Grüße {{名前}} 🎉 {{emoji}}!', '{"名前": "Zoë", "emoji": "👍🏽"}');

-- ---------------------------------------------------------------
-- Lenient mode: a missing variable leaves no trace
-- ---------------------------------------------------------------
SELECT render('Hi {{name}}, thanks for writing.', '{}');
SELECT render('Hello {{name}}!', '{}');
SELECT render('Thanks, {{name}}.', '{}');
SELECT render('Thank you {{name}} for your patience', '{}');
SELECT render('{{greeting}} Jane', '{}');
SELECT render('{{greeting}}, we have your ticket', '{}');
SELECT render('Dear {{title}} {{last}}, hello', '{}');
SELECT render('Dear {{title}} {{last}}, hello', '{"last": "Smith"}');
SELECT render(E'Line one {{x}}\n{{ps}}\nLine two', '{}');
-- a comma or semicolon after it goes too, and the line left empty with its line break
SELECT render(E'a\n{{x}} ,\nb', '{}') AS comma_space, render(E'a\n{{x}},\nb', '{}') AS comma,
       render(E'a\n{{x}};\r\nb', '{}') AS semicolon_crlf, render(E'{{x}} ,\nb', '{}') AS first_line,
       render(E'a\n{{x}}, c\nb', '{}') AS line_kept;
-- the same on an indented line: the indentation goes with an emptied line, stays on a kept one;
-- a value's own line break stays
SELECT render(E'a\n  {{x}},\nb', '{}') AS indented_empty, render(E'a\n\t{{x}}, we\nb', '{}') AS indented_kept,
       render(E'a\n{{x}}{{y}}\nc', '{"y": ",\nZ"}') AS value_break;
SELECT render('Hi {{name}}, thanks', '{"name": ""}'), render('Hi {{name}}, thanks', '{"name": null}'),
       render('Hi {{name}}, thanks', '{"name": "   "}');
SELECT render('({{x}}) x{{x}}y', '{}');
-- a colon after it at a line's start goes (not one before a digit); ideographic and full-width
-- stops close a phrase
SELECT render('{{greeting}}: your order is ready', '{}') AS colon, render('{{h}}:00 sharp', '{}') AS time,
       render(E'Hi {{name}}\u3002', '{}') AS ideographic, render(E'Hi {{name}}\uff01', '{}') AS fullwidth;
-- defaults
SELECT render('Hi {{ name | default: "there" }}!', '{}');
SELECT render('Hi {{ nickname | default: first_name | default: "there" }}!', '{"first_name": "Jane"}');
SELECT render('{{ a | default: "A" }} {{ b | default: "B" }} {{ c | default: "C" }} {{ d | default: "D" }} {{ e | default: 5 }}',
              '{"a": null, "b": " ", "c": [], "d": 0, "e": false}');

-- ---------------------------------------------------------------
-- Strict mode
-- ---------------------------------------------------------------
SELECT render('Hi {{name}}', '{"name": "Jane"}', strict => true);
SELECT render('Hi {{ customer.first_name }}', '{"customer": {}}', strict => true);
SELECT render('🎉 é {{x}}', '{}', strict => true);
SELECT render('{{items.3}}', '{"items": [1]}', strict => true);
SELECT render('[{{x}}] {{y | default: "d"}} {{#if z}}z{{/if}}', '{"x": null}', strict => true);

-- ---------------------------------------------------------------
-- Filters
-- ---------------------------------------------------------------
SELECT render('{{n | upper}} {{n | lower}} {{n | capitalize}} {{n | title}}', '{"n": "élodie mcDONALD"}');
SELECT render('[{{s | trim}}]', '{"s": "  padded \t "}');
SELECT render('{{a | first_name}}, {{b | first_name}}, {{c | first_name}}, {{d | first_name | capitalize}}',
              '{"a": "Dr. Jane Q. Smith", "b": "Smith, John", "c": "Zoë", "d": "ms ann lee"}');
-- a title and a surname alone keep the title; Sir and Dame keep the given name
SELECT render('Hi {{a | first_name}}! Hi {{b | first_name}}! Hi {{c | first_name}}! Hi {{d | first_name}}!',
              '{"a": "Mr J. Smith", "b": "Smith, Dr.", "c": "Dame Judi Dench", "d": "Smith, Mrs Ann"}');
-- an object or an array is not a name: blank, so that default applies (not a piece of its text)
SELECT render('[{{ a | first_name }}] [{{ a | first_name | default: "there" }}] [{{ b | first_name }}] [{{ b | first | first_name }}]',
              '{"a": {"x": "y"}, "b": ["Ann Lee", "Bo"]}');
SELECT render('[{{ b | upper | first_name }}] [{{ b | join: " " | first_name }}] [{{ b | size | first_name }}] [{{ b | first | first_name | upper }}]',
              '{"b": ["Ann Lee", "Bo"]}');
-- a name in capitals or lower case throughout is written as a name (a capital first, after a
-- hyphen or an apostrophe too); mixed case stays; initials and a surname with no title give
-- no given name ("Hi there", not "Hi Smith"), nor does a company's name
SELECT n, render('Hi {{ n | first_name | default: "there" }},', jsonb_build_object('n', n)) FROM (VALUES
	('JOHN SMITH'), ('MARÍA JOSÉ GARCÍA'), ('jean-luc picard'), ('O''BRIEN, SEAN'), ('MR O''BRIEN'),
	('DR. ANN LEE'), ('DeShawn JONES'), ('Ronald McDonald'), ('J. Smith'), ('J R R Tolkien'),
	('É. Zola'), ('Mary J. Blige'), ('Mr J. Smith'), ('Acme Ltd'), ('Müller GmbH'), ('Ann Lee, Acme Inc.')) v(n);
SELECT render('{{s | truncate: 20}} / {{s | truncate: 8, "..."}} / {{s | truncate: 100}}',
              '{"s": "My router keeps dropping the connection"}');
SELECT render('{{s | truncate: 4}} / {{s | truncate: 3}}', '{"s": "ab👍🏽cd"}');
SELECT render('{{l | join: " and "}} / {{l | json}} / {{l | size}} / {{l | first}} / {{l | last}}',
              '{"l": ["tea", "milk", "cake"]}');
SELECT render('{{n}} {{n | plural: "item", "items"}}, {{one}} {{one | plural: "reply"}}, {{l | plural: "order"}}',
              '{"n": 3, "one": 1, "l": [1]}');
SELECT render('{{q | url}} {{h | html}} {{s | json}} {{missing | json}}',
              '{"q": "tea & cake/é", "h": "<i>", "s": "a\"b"}');
SELECT render('That sounds {{e | adjective}}; you must be {{e | feeling}}; I hear your {{e | noun}}.', '{"e": "frustration"}');
SELECT e, render('{{e | adjective}} / {{e | feeling}} / {{e | noun}}', jsonb_build_object('e', e))
FROM unnest(ARRAY['anger', 'frustration', 'disappointment', 'sadness', 'fear', 'confusion',
                  'surprise', 'joy', 'gratitude', 'disgust', 'ANXIOUS', ' upset ']) AS e;
SELECT render('That sounds {{e | adjective | default: "difficult"}}.', '{"e": "meh"}');

-- ---------------------------------------------------------------
-- Sections
-- ---------------------------------------------------------------
SELECT render('{{#if vip}}Thanks for being a member.{{else}}Welcome.{{/if}}', '{"vip": true}'),
       render('{{#if vip}}Thanks for being a member.{{else}}Welcome.{{/if}}', '{}');
SELECT render('{{#unless resolved}}We are on it.{{/unless}}', '{"resolved": false}');
SELECT e, render('{{#if emotion == "anger"}}I am sorry.{{else if emotion == "confusion" or emotion == "fear"}}Let me explain.{{else}}Thanks.{{/if}}',
                 jsonb_build_object('emotion', e))
FROM unnest(ARRAY['anger', 'fear', 'joy']) AS e;
SELECT render('{{#if n > 2 and n <= 10}}a{{/if}}{{#if s == "2"}}b{{/if}}{{#if n != 3}}c{{/if}}{{#if not missing}}d{{/if}}{{#if missing == null}}e{{/if}}{{#if score >= 0.5}}f{{/if}}',
              '{"n": 3, "s": 2, "score": 0.5}');
-- a number against a numeric string compares as numbers; two strings by their text
SELECT render('{{#if x == y}}eq{{else}}ne{{/if}}', '{"x": 2, "y": "2.0"}') AS number_string,
       render('{{#if x == y}}eq{{else}}ne{{/if}}', '{"x": "2.0", "y": "2"}') AS two_strings;
-- what counts as false: missing, null, false, 0, blank strings, empty arrays and objects
SELECT render('{{#if a}}1{{/if}}{{#if b}}2{{/if}}{{#if c}}3{{/if}}{{#if d}}4{{/if}}{{#if e}}5{{/if}}{{#if f}}6{{/if}}{{#if g}}7{{/if}}|{{#if h}}8{{/if}}{{#if i}}9{{/if}}',
              '{"b": null, "c": false, "d": 0, "e": " ", "f": [], "g": {}, "h": "0", "i": [0]}');
SELECT render('{{#each items}}{{@index}}. {{this}}{{#unless @last}}, {{/unless}}{{/each}}', '{"items": ["a", "b", "c"]}');
SELECT render('{{#each orders}}#{{id}} for {{name}}{{#if @first}} (first){{/if}}; {{/each}}',
              '{"name": "Jane", "orders": [{"id": 1}, {"id": 2}]}');
SELECT render('{{#each o}}{{@key}}={{this}} {{/each}}', '{"o": {"b": 2, "a": 1}}');
SELECT render('{{#each items}}x{{else}}No items.{{/each}}', '{"items": []}');
SELECT render(E'Hi {{name}},\n{{#if order}}\n  Order {{order}} has shipped.\n{{/if}}\n{{#each notes}}\n  - {{this}}\n{{/each}}\nBye\n',
              '{"name": "Jane", "order": 7, "notes": ["one", "two"]}');

-- ---------------------------------------------------------------
-- Escaping
-- ---------------------------------------------------------------
SELECT render('<p>{{x}} {{x | raw}}</p>', '{"x": "<b>Tom & \"Jerry\"''s</b>"}', 'html');
-- a default after the html filter is escaped: the filter never saw it
SELECT render('<p>{{ x | html | default: y }}</p>', '{"y": "<script>alert(1)</script>"}', 'html') AS fallback,
       render('<p>{{ x | html | default: y }}</p>', '{"x": "", "y": "<i>"}', 'html') AS blank,
       render('<p>{{ x | html | default: y }}</p>', '{"x": "a<b", "y": "<i>"}', 'html') AS not_doubled;
SELECT render('{"reply": "{{x}}"}', '{"x": "line\nnext \"quoted\" \\ \t"}', 'json')::jsonb;
SELECT render('{{x}}', '{"x": "<&>"}', 'HTML'), render('{{x}}', '{"x": "<&>"}', 'text'), render('{{x}}', '{"x": "<&>"}', NULL);
SELECT render('{{x}}', '{}', 'xml');
SELECT render('{{x}}', '{}', '');

-- ---------------------------------------------------------------
-- NULL, empty, whitespace
-- ---------------------------------------------------------------
SELECT render(NULL, '{}') IS NULL AS null_template,
       render('Hi {{x | default: "you"}}', NULL) AS null_vars,
       render('Hi {{x}}', '{"x": 1}', 'text', NULL) AS null_strict;
SELECT render('', '{}') = '' AS empty, render('   ', '{}') = '   ' AS spaces, render(E'\n\t', '{}') = E'\n\t' AS whitespace;
SELECT NULL::text % '{}'::jsonb IS NULL AS null_op, 'x'::text % NULL::jsonb AS op_null_vars;

-- ---------------------------------------------------------------
-- The % operator
-- ---------------------------------------------------------------
SELECT 'Hi {{name}}!' % '{"name": "Jane"}'::jsonb;
SELECT 'Hi {{name}}!' % '{"name": "Jane"}';
SELECT 'Hi {{name}}!'::text OPERATOR(empathy.%) '{"name": "Jane"}'::jsonb || ' How are you?';
SELECT oprleft::regtype, oprright::regtype, oprresult::regtype, oprcode
FROM pg_operator WHERE oprname = '%' AND (oprleft = 'text'::regtype OR oprright = 'jsonb'::regtype);
-- a template per row (the compiled-template cache follows the row's template)
SELECT t % v FROM (VALUES ('A {{x}}', '{"x": 1}'::jsonb), ('B {{x}}', '{"x": 2}'), ('B {{x}}', '{"x": 3}'), ('A {{x}}', '{"x": 4}')) AS r(t, v);

-- ---------------------------------------------------------------
-- Errors
-- ---------------------------------------------------------------
SELECT render('Hi {{name', '{}');
SELECT render('Hi {{name and {{other}}', '{}');
SELECT render('{{}}', '{}');
SELECT render('{{ name | uppercase }}', '{}');
SELECT render('{{ name | truncate }}', '{}');
SELECT render('{{ name | truncate: "x" }}', '{}');
SELECT render('{{ name | upper: 2 }}', '{}');
SELECT render('{{ name | plural: x }}', '{}');
SELECT render('{{#if a}}open', '{}');
SELECT render('{{/each}}', '{}');
SELECT render('{{#if a}}{{#each b}}{{/if}}{{/each}}', '{}');
SELECT render('{{else}}', '{}');
SELECT render('{{#if a}}{{else}}{{else}}{{/if}}', '{}');
SELECT render('{{#each a}}{{else if b}}{{/each}}', '{}');
SELECT render('{{#with a}}{{/with}}', '{}');
SELECT render('{{#if a = "x"}}{{/if}}', '{}');
SELECT render('{{ "unclosed }}', '{}');
SELECT render('{{ "bad \q escape" }}', '{}');
SELECT render('{{ 007 | json }}', '{}');
SELECT render('{{ "\u12" }}', '{}');
SELECT render('{{ "\ud800" }}', '{}');
SELECT render('{{ @index }}', '{}');
SELECT render('{{ @parent }}', '{}');
SELECT render('{{ a. }}', '{}');
SELECT render('{{ a[x] }}', '{}');
SELECT render('{{ a b }}', '{}');
SELECT render('{{! unclosed comment', '{}');
SELECT render('{{{#if a}}}', '{}');
SELECT render('ünïcödé {{ bad', '{}');

-- ---------------------------------------------------------------
-- Hostile and large input
-- ---------------------------------------------------------------
-- nesting 100,000 deep: a clear error, no stack overflow
SELECT render(repeat('{{#if a}}', 100000), '{}');
SELECT render(repeat('{{#each a}}', 101) || repeat('{{/each}}', 101), '{}');
-- 100 levels are allowed
SELECT render(repeat('{{#if t}}', 100) || 'deep' || repeat('{{/if}}', 100), '{"t": true}');
-- walls of braces
SELECT render(repeat('{', 100000), '{}');
SELECT length(render(repeat('}', 100000), '{}'));
SELECT length(render(repeat('\{{', 100000), '{}'));
-- a long template and a long value
SELECT length(render(repeat('Hi {{name}}! ', 100000), '{"name": "Jane"}'));
SELECT length(render('{{s}}', jsonb_build_object('s', repeat('é', 1000000))));
SELECT length(render('{{s | upper | truncate: 500000}}', jsonb_build_object('s', repeat('ab ', 1000000))));
-- a million-element array
CREATE TEMP TABLE million AS SELECT jsonb_build_object('a', jsonb_agg(g)) AS v FROM generate_series(1, 1000000) g;
SELECT render('{{a | size}} {{a.999999}} {{a[-1]}} {{a.1000000}}', v) FROM million;
SELECT length(render('{{#each a}}{{this}},{{/each}}', v)) FROM million;
SELECT length(render('{{a}}', v)), length(render('{{a | json}}', v)) FROM million;
-- a deeply nested value renders as JSON without recursion
SELECT length(render('{{v | json}}', jsonb_build_object('v', (repeat('[', 5000) || repeat(']', 5000))::jsonb)));
-- (output past 1 GB is an error with SQLSTATE 54000: see test/pgtap/render.sql)

-- ---------------------------------------------------------------
-- Lint
-- ---------------------------------------------------------------
SELECT * FROM template_check('Hi {{name}}, about order {{order.id}}: {{ note | default: "none" }}{{#if vip}}!{{/if}}',
                             '{"name": "Jane", "order": {}}');
SELECT * FROM template_check('{{#each orders}}{{sku}} {{qty}}{{/each}}', '{"orders": [{"sku": "A"}]}');
SELECT * FROM template_check('Hi {{name | shout}}');
SELECT * FROM template_check('Hi {{name}}');
SELECT * FROM template_check(NULL);
SELECT * FROM template_check('Hi {{name}}', '{"name": "x"}');
SELECT * FROM template_check(repeat('{{#if a}}', 200));
SELECT template_is_valid('Hi {{name}}'), template_is_valid('Hi {{name'), template_is_valid(''), template_is_valid(NULL);

-- a table of templates cannot hold a broken one
CREATE TABLE reply_templates (
    name text PRIMARY KEY,
    body text NOT NULL CHECK (empathy.template_is_valid(body))
);
INSERT INTO reply_templates VALUES ('apology', 'Hi {{customer.first_name | default: "there"}}, I am sorry that was {{emotion | adjective | default: "difficult"}}.');
INSERT INTO reply_templates VALUES ('broken', 'Hi {{customer.first_name');
SELECT r.name, r.body % '{"customer": {"first_name": "Ana"}, "emotion": "anger"}' FROM reply_templates r;
DROP TABLE reply_templates;

-- an empty value keeps the ';' of a character reference before it: the template's "&nbsp;" and an
-- escaped value's "&amp;" stay whole
SELECT empathy.render('Dear&nbsp;{{name}}, thanks', '{}', 'html') AS template_entity,
       empathy.render('Price:&nbsp;{{p}}&nbsp;&euro;{{x}}.', '{"p": 5}', 'html') AS before_a_stop,
       empathy.render('<p>Dear {{company}} {{contact}},</p>', '{"company": "Smith & Sons &"}', 'html') AS escaped_value;
-- truncate keeps a flag's two letters together
SELECT empathy.render('{{f|truncate:3}}', '{"f": "🇫🇷🇩🇪🇮🇹"}') AS flags;
-- a line's indentation is read back at most 1 kB: long indentation before many empty values
-- stays linear
SELECT length(empathy.render(repeat(' ', 1000000) || repeat('{{a}},', 100000), '{}')) AS long_indent;
-- a lone low surrogate is said to be one
SELECT empathy.render('{{ "\udc00" }}', '{}');
SELECT empathy.render('{{ "\ud83d" }}', '{}');
-- numbers compare exactly where a double cannot tell them apart; only a zero is false
SELECT empathy.render('{{#if a == b}}eq{{else}}ne{{/if}}', '{"a": 12345678901234567, "b": 12345678901234568}') AS ids,
       empathy.render('{{#if a == b}}eq{{else}}ne{{/if}}', '{"a": 1.50, "b": "1.5"}') AS trailing_zero,
       empathy.render('{{#if a}}t{{else}}f{{/if}} {{#if a == 0}}zero{{else}}nonzero{{/if}}', '{"a": 1e-400}') AS tiny,
       empathy.render('{{#if a}}t{{else}}f{{/if}}', '{"a": 0.000}') AS zero,
       empathy.render('{{#if a < b}}lt{{else}}ge{{/if}}', '{"a": -12345678901234568, "b": -12345678901234567}') AS negative,
       empathy.render('{{#if a > b}}gt{{else}}le{{/if}}', '{"a": 2e400, "b": 1e400}') AS huge,
       empathy.render('{{#if a == b}}eq{{else}}ne{{/if}}', '{"a": 100, "b": 1e2}') AS exponent;
