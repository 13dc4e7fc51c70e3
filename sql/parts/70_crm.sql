-- ---------------------------------------------------------------------------
-- CRM integration (src/trigger.c): the tagging trigger, the escalation
-- threshold and agent routing.
-- ---------------------------------------------------------------------------

-- Not IMMUTABLE/STABLE: a trigger.  Arguments: the text column, then
-- key=column pairs (see docs): emotions, sentiment, dominant, labels,
-- escalation, markers, empathy; inputs role, customer_message,
-- customer_name; and config=name.
CREATE FUNCTION @extschema@.tag_message() RETURNS trigger
	AS 'MODULE_PATHNAME', 'tag_message' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.tag_message() IS
'trigger: score a message''s text column and fill the columns named by key=column arguments (emotions, sentiment, dominant, labels, escalation, markers, empathy; config=name, own_words=true to score an e-mail''s own words)';
