-- The benchmark's agent replies: psql -v seed=S -f replies.sql, after
-- messages.sql, creates bench_reply (id, name, reply, body, vars): for each
-- message, a reply of five parts (greeting, empathy, action, question,
-- sign-off, some empty), the customer's name, the message itself and
-- template variables.
SET enable_memoize = off;
CREATE FUNCTION pg_temp.pick(text[]) RETURNS text LANGUAGE sql VOLATILE
	AS $$ SELECT $1[1 + floor(random() * cardinality($1))::int] $$;
CREATE UNLOGGED TABLE bench_reply (id int NOT NULL, name text NOT NULL, reply text NOT NULL,
	body text NOT NULL, vars jsonb NOT NULL);
SELECT setseed(:seed / 2) \gset
INSERT INTO bench_reply (id, name, reply, body, vars)
SELECT m.id, n.name, r.reply, m.body,
	jsonb_build_object('customer', jsonb_build_object('name', n.name),
		'order', jsonb_build_object('id', 100000 + m.id, 'late', m.id % 3 = 0), 'agent', 'Sam')
FROM bench_msg AS m
CROSS JOIN LATERAL (SELECT pg_temp.pick(ARRAY['Maria', 'John', 'Aisha', 'Wei', 'Olga', 'José', 'Siobhán', 'Zoë',
	'Kwame', 'Priya', 'Tom', 'Fatima', 'Lars', 'Yuki', 'Ngozi', 'Mehmet']) || left(m.id::text, 0) AS name) AS n
CROSS JOIN LATERAL (
	SELECT string_agg(NULLIF(replace(replace(pg_temp.pick(CASE k
		WHEN 1 THEN ARRAY['Hi {name},', 'Hello {name},', 'Dear customer,', 'Thanks for reaching out, {name}.', 'Hi there,']
		WHEN 2 THEN ARRAY['I''m so sorry about the delay.', 'I completely understand how frustrating this must be.',
			'That sounds really stressful, and I''m sorry.', 'I can see why you''re upset.', 'We apologise for any inconvenience caused.',
			'Thank you for your patience.', 'I understand.', 'Your request has been received.']
		WHEN 3 THEN ARRAY['I have escalated this to our shipping team.', 'I''ve issued a full refund to your card.',
			'I''ll personally follow up tomorrow.', 'I checked order {n} and it left the warehouse today.',
			'As per our policy, refunds take 5-10 business days.', 'You should have checked the size chart.',
			'Unfortunately there is nothing we can do.', 'Please read our FAQ.']
		WHEN 4 THEN ARRAY['Could you tell me the email on the account?', 'Can you confirm the delivery address?',
			'Is there anything else I can help with?', 'Does that work for you?', '']
		ELSE ARRAY['Best regards, Alex', 'Kind regards, the support team', 'Have a great day! 😊', 'Cheers, Sam 🙏', '']
		END), '{name}', n.name), '{n}', (100000 + m.id)::text), ''), ' ' ORDER BY k) AS reply
	FROM generate_series(1, 5 + m.id * 0) AS k
) AS r;
VACUUM ANALYZE bench_reply;
