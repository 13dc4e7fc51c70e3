-- Extend demo.interactions (contract.sql) with the optional contract
-- columns: the scores the tagging trigger stored (tagging.sql), which the
-- dashboards then read instead of scoring again, and whether the
-- conversation is still open.  Run after contract.sql.

CREATE OR REPLACE VIEW demo.interactions WITH (security_invoker = true) AS
SELECT m.conversation_id,
	m.message_id,
	m.sent_at,
	m.role,
	m.agent_id,
	c.channel,
	cu.first_name || ' ' || cu.last_name AS customer_name,
	m.body,
	m.emotions,
	m.escalation_risk,
	CASE WHEN m.role = 'agent' THEN m.markers END AS markers,
	c.status = 'open' AS conversation_open
FROM demo.messages m
JOIN demo.conversations c ON c.conversation_id = m.conversation_id
JOIN demo.customers cu ON cu.customer_id = c.customer_id;

COMMENT ON COLUMN demo.interactions.emotions IS 'stored emotion profile (optional contract column, filled by the trigger)';
COMMENT ON COLUMN demo.interactions.escalation_risk IS 'stored escalation risk (optional contract column, filled by the trigger)';
COMMENT ON COLUMN demo.interactions.markers IS 'stored reply markers (optional contract column; NULL when empathy.markers does not exist)';
COMMENT ON COLUMN demo.interactions.conversation_open IS 'true while the conversation is open (optional contract column)';
