-- Tag the demo messages as they are inserted: run after schema.sql and
-- before generate.sql.
--
--   psql -f data/demo/schema.sql -f data/demo/tagging.sql -f data/demo/generate.sql \
--        -f data/demo/contract.sql -f data/demo/contract_tagged.sql
--
-- Adds the columns the trigger fills to demo.messages and creates the
-- trigger.  Reply markers are stored only where the installed extension
-- provides empathy.markers(text).

ALTER TABLE demo.messages
	ADD COLUMN emotions empathy.emotions,
	ADD COLUMN sentiment double precision,
	ADD COLUMN dominant_emotion text,
	ADD COLUMN escalation_risk double precision,
	ADD COLUMN markers text[];
COMMENT ON COLUMN demo.messages.emotions IS 'emotion profile of the message (filled by the tag_messages trigger)';
COMMENT ON COLUMN demo.messages.escalation_risk IS 'risk that the message escalates, 0..1 (filled by the tag_messages trigger)';
COMMENT ON COLUMN demo.messages.markers IS 'empathy markers of an agent reply (filled by the tag_messages trigger when empathy.markers exists)';

DO $$
BEGIN
	IF to_regprocedure('empathy.markers(text)') IS NOT NULL THEN
		CREATE TRIGGER tag_messages BEFORE INSERT OR UPDATE OF body ON demo.messages
			FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'emotions=emotions',
				'sentiment=sentiment', 'dominant=dominant_emotion', 'escalation=escalation_risk',
				'markers=markers', 'role=role');
	ELSE
		RAISE NOTICE 'empathy.markers(text) does not exist in this version: reply markers are not stored';
		CREATE TRIGGER tag_messages BEFORE INSERT OR UPDATE OF body ON demo.messages
			FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'emotions=emotions',
				'sentiment=sentiment', 'dominant=dominant_emotion', 'escalation=escalation_risk');
	END IF;
END $$;
