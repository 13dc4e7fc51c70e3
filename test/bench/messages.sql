-- The benchmark's customer messages: psql -v rows=N -v seed=S -f messages.sql
-- creates bench_msg (id, body) with N messages of 50 to 300 characters.
-- Word pools written for this benchmark: customer-service vocabulary, with
-- case, punctuation, elongation and emoji (skin tones, ZWJ sequences, flags)
-- mixed in per fragment.  random() is drawn in a fixed order in one
-- single-worker statement, so the same seed gives the same rows.
SET enable_memoize = off;
CREATE FUNCTION pg_temp.pick(text[]) RETURNS text LANGUAGE sql VOLATILE
	AS $$ SELECT $1[1 + floor(random() * cardinality($1))::int] $$;
CREATE UNLOGGED TABLE bench_msg (id int NOT NULL, body text NOT NULL);
SELECT setseed(:seed) \gset
INSERT INTO bench_msg (id, body)
SELECT g, CASE WHEN length(m.s) < 50 THEN rpad(m.s, 50, ' please help') ELSE m.s END
FROM generate_series(1, :rows) AS g
CROSS JOIN LATERAL (SELECT 50 + floor(250 * random() ^ 1.7)::int AS target, g AS gg) AS t
CROSS JOIN LATERAL (
	-- cut at the target length, finishing the word, at most 300 characters
	SELECT left(left(r.raw, t.target) || split_part(substr(r.raw, t.target + 1), ' ', 1), 300) AS s
	FROM (
		SELECT string_agg(f.frag, ' ' ORDER BY f.i) AS raw
		FROM (
			SELECT i,
				CASE WHEN random() < 0.07 THEN upper(x.p)
					 WHEN random() < 0.5 THEN upper(left(x.p, 1)) || substr(x.p, 2)
					 ELSE x.p END
				|| pg_temp.pick(ARRAY['.', '.', '.', '', '', '!', '!!', '!!!', '?', '???', '?!', '...', ',', ' :(', ' :)'])
				|| CASE WHEN random() < 0.2 THEN ' ' || pg_temp.pick(ARRAY[
						'😡', '😤', '🙏', '👍', '👍🏽', '👎🏿', '😢', '😭', '🤦‍♀️', '🤷🏻‍♂️', '❤️', '🙄', '😊', '🔥',
						'💔', '✅', '😠😠😠', '🤬', '😅', '🥲', '👏🏼', '🙌🏾', '🧑‍💻', '👨‍👩‍👧', '🤔', '😩', '⏰',
						'📦', '💸', '🤯', '🇬🇧', '1️⃣', '🙏🙏'])
					ELSE '' END AS frag
			FROM generate_series(1, 2 + t.target / 22 + t.gg * 0) AS i
			CROSS JOIN LATERAL (
				SELECT replace(CASE
					WHEN i = 1 AND random() < 0.55 THEN pg_temp.pick(ARRAY['hi', 'hello', 'hey there', 'dear support team',
						'good morning', 'good evening', 'hello again', 'hi team', 'to whom it may concern', 'yo', 'hiii',
						'heyyy', 'hi, it''s me again', 'Hallo'])
					ELSE pg_temp.pick(CASE floor(random() * 10)::int
						WHEN 0 THEN ARRAY['my order {n} is late', 'order {n} still hasn''t shipped',
							'the package was supposed to arrive on monday', 'tracking says delivered but there is nothing at my door',
							'my parcel has been stuck in the same depot for a week', 'you sent me the wrong size',
							'the box arrived crushed and the lid is broken', 'half of my order is missing',
							'the courier never even rang the bell', 'delivery was pushed back AGAIN', 'where is my parcel',
							'it was meant to be next-day delivery']
						WHEN 1 THEN ARRAY['I am still waiting for my refund', 'where is my money', 'I was charged twice for order {n}',
							'you took the payment but cancelled the order', 'the refund was promised ten days ago',
							'why is there a fee I never agreed to', 'I returned the item weeks ago and got nothing back',
							'my card was charged {n} cents extra', 'please reverse this charge', 'the invoice shows the wrong amount',
							'I want my money back NOW', 'refund, please']
						WHEN 2 THEN ARRAY['this is the third time I am writing', 'I already explained this twice', 'still waiting',
							'still waiting for an answer', 'nobody has replied to my last three emails', 'I''ve been on hold for an hour',
							'every agent tells me something different', 'your chat bot keeps going in circles',
							'I keep getting the same copy paste answer', 'ticket {n} was closed without a fix',
							'third time this month', 'day 12 and still nothing']
						WHEN 3 THEN ARRAY['I want to cancel my account', 'cancel my subscription right now', 'I am done with this company',
							'I will take my business elsewhere', 'I''m switching to a competitor', 'I want to speak to a manager',
							'I will report this to my bank', 'expect a bad review', 'I will NEVER order from you again',
							'my lawyer will hear about this', 'close my account please', 'this is your last chance']
						WHEN 4 THEN ARRAY['I am sooo angry', 'this is ridiculous', 'I''m really really frustrated', 'absolutely unacceptable',
							'what a joke', 'honestly so disappointed', 'I feel completely ignored', 'this is a nightmare',
							'I''m fed up', 'WORST service ever', 'this makes me so sad', 'I''m worried my data was leaked',
							'kind of annoyed tbh', 'not happy at all', 'this is sooooo slow', 'I am NOT happy', 'unbelievable',
							'I''m scared I''ll lose the booking', 'whyyy is this so hard', 'nooooo not again']
						WHEN 5 THEN ARRAY['I am confused', 'I don’t understand the new bill', 'which button am I supposed to press',
							'the instructions make no sense', 'can someone explain what happened', 'why does it say pending',
							'is this normal', 'what am I supposed to do now', 'is anyone there', 'how long does this usually take',
							'wait, what?', 'I''m lost']
						WHEN 6 THEN ARRAY['thanks', 'thank you so much', 'thanks a lot for the quick help', 'you guys are great',
							'really appreciate it', 'the new app is awesome', 'Maria on the phone was super helpful',
							'love the product, just not the shipping', 'problem solved, cheers', 'much appreciated',
							'thx', 'thank youuu']
						WHEN 7 THEN ARRAY['I ordered the blue jacket in size M last week', 'my account email is the one on file',
							'the reference number is {n}', 'I live in flat {n}', 'I paid by credit card',
							'I used the discount code from the newsletter', 'the app version is 4.2', 'I''m on the premium plan',
							'I bought it as a gift for my mum', 'the store said to contact you online', 'my postcode is SW1A 1AA',
							'order date: 03/11']
						WHEN 8 THEN ARRAY['please help', 'pleeease fix this', 'please call me back', 'can you check what went wrong',
							'could you send a replacement', 'just tell me when it will arrive', 'I need this by friday',
							'let me know asap', 'can I get a discount for the trouble', 'reply to this email please',
							'FIX IT', 'is there any update']
						ELSE ARRAY['the app keeps crashing when I log in', 'my password reset link doesn''t work',
							'the website is down again', 'the charger stopped working after two days', 'the screen flickers',
							'it smells weird and looks used', 'the colour is nothing like the photo', 'the coupon will not apply',
							'I can''t update my address', 'the item is out of stock again', 'error 500 on checkout',
							'the café voucher was refused']
						END)
					END, '{n}', (1000 + floor(random() * 900000))::int::text) AS p
			) AS x
		) AS f
	) AS r
) AS m;
VACUUM ANALYZE bench_msg;
