-- ----------------------------------------------------------------
-- Templates (src/render.c, src/engine/template.c)
-- ----------------------------------------------------------------

-- Not STRICT: a NULL template gives NULL, but NULL vars are an empty
-- object, a NULL escape is 'text' and a NULL strict is false.
CREATE FUNCTION @extschema@.render(template text, vars jsonb,
                                   escape text DEFAULT 'text',
                                   strict boolean DEFAULT false)
RETURNS text
AS 'MODULE_PATHNAME', 'render'
LANGUAGE C IMMUTABLE PARALLEL SAFE COST 10;

COMMENT ON FUNCTION @extschema@.render(text, jsonb, text, boolean) IS
'fill a template with values from jsonb: {{ path | filter }}, {{#if}}, {{#unless}}, {{#each}}; escape is text, html or json; strict makes a missing variable an error';

-- The function behind the text % jsonb operator (render with the defaults).
CREATE FUNCTION @extschema@.render_op(template text, vars jsonb)
RETURNS text
AS 'MODULE_PATHNAME', 'render'
LANGUAGE C IMMUTABLE PARALLEL SAFE COST 10;

COMMENT ON FUNCTION @extschema@.render_op(text, jsonb) IS
'fill a template with values from jsonb, lenient and unescaped (the function of the text % jsonb operator)';

CREATE OPERATOR @extschema@.% (
    LEFTARG = text,
    RIGHTARG = jsonb,
    FUNCTION = @extschema@.render_op
);

COMMENT ON OPERATOR @extschema@.% (text, jsonb) IS
'fill a template with values from jsonb (render with escape text, lenient)';

CREATE FUNCTION @extschema@.template_check(template text, sample jsonb DEFAULT NULL)
RETURNS TABLE ("position" integer, severity text, message text)
AS 'MODULE_PATHNAME', 'template_check'
LANGUAGE C IMMUTABLE PARALLEL SAFE
COST 5 ROWS 2;

COMMENT ON FUNCTION @extschema@.template_check(text, jsonb) IS
'list the problems of a template: its syntax error (severity error) and, given a sample of the variables, the variables the sample lacks (warning, or info when a default or a condition covers them)';

CREATE FUNCTION @extschema@.template_is_valid(template text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'template_is_valid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 3;

COMMENT ON FUNCTION @extschema@.template_is_valid(text) IS
'true when the template compiles (for CHECK constraints on tables of templates)';
