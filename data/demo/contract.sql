-- Map the demo CRM (schema.sql) onto the interaction-history column
-- contract that the empathy dashboards read:
--
--   messages: conversation_id, message_id, sent_at, role ('customer' | 'agent'
--             | 'bot'), agent_id (NULL unless role = 'agent'), channel,
--             customer_name, body
--   surveys:  conversation_id, csat, nps, ces, fcr, answered_at
--
-- The views run with the rights of the querying role (security_invoker), so
-- row-level security on the underlying tables still applies.

CREATE OR REPLACE VIEW demo.interactions WITH (security_invoker = true) AS
SELECT m.conversation_id,
	m.message_id,
	m.sent_at,
	m.role,
	m.agent_id,
	c.channel,
	cu.first_name || ' ' || cu.last_name AS customer_name,
	m.body
FROM demo.messages m
JOIN demo.conversations c ON c.conversation_id = m.conversation_id
JOIN demo.customers cu ON cu.customer_id = c.customer_id;

COMMENT ON VIEW demo.interactions IS 'demo messages in the interaction-history contract: one row per message';
COMMENT ON COLUMN demo.interactions.role IS 'customer, agent or bot';
COMMENT ON COLUMN demo.interactions.agent_id IS 'the agent who wrote the message; NULL for customer and bot messages';
COMMENT ON COLUMN demo.interactions.customer_name IS 'the customer''s full name (agents address customers by the first name)';

CREATE OR REPLACE VIEW demo.survey_results WITH (security_invoker = true) AS
SELECT s.conversation_id,
	s.csat,
	s.nps,
	s.ces,
	s.resolved_first_contact AS fcr,
	s.answered_at
FROM demo.surveys s;

COMMENT ON VIEW demo.survey_results IS 'demo surveys in the interaction-history contract: csat 1-5, nps 0-10, ces 1-7 (7 = easy), fcr = resolved on first contact';
