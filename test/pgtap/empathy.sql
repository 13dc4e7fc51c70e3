-- Empathy markers and the empathy score: objects, volatility, behaviour and errors.
BEGIN;
SELECT plan(160);

-- the objects and their marks
SELECT has_function('empathy', 'markers', ARRAY['text'], 'empathy.markers(text) exists');
SELECT has_function('empathy', 'markers', ARRAY['text', 'text'], 'empathy.markers(config, text) exists');
SELECT has_function('empathy', 'empathy_score', ARRAY['text', 'text', 'text'], 'empathy.empathy_score(text, text, text) exists');
SELECT has_function('empathy', 'explain_empathy', ARRAY['text', 'text', 'text'], 'empathy.explain_empathy exists');
SELECT has_function('empathy', 'qa_scorecard', ARRAY['text', 'text', 'text'], 'empathy.qa_scorecard exists');
SELECT has_table('empathy', 'config_markers', 'empathy.config_markers exists');
SELECT has_type('empathy', 'empathy_result', 'empathy.empathy_result exists');
SELECT volatility_is('empathy', 'markers', ARRAY['text'], 'immutable', 'built-in markers() is IMMUTABLE');
SELECT volatility_is('empathy', 'markers', ARRAY['text', 'text'], 'stable', 'markers() with a configuration is STABLE');
SELECT volatility_is('empathy', 'empathy_score', ARRAY['text', 'text', 'text'], 'immutable', 'built-in empathy_score() is IMMUTABLE');
SELECT volatility_is('empathy', 'empathy_score', ARRAY['text', 'text', 'text', 'text'], 'stable', 'empathy_score() with a configuration is STABLE');
SELECT ok((SELECT bool_and(proparallel = 's') FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'empathy' AND p.proname IN ('markers', 'empathy_score', 'explain_empathy', 'qa_scorecard', 'shows_marker')),
	'marker functions are PARALLEL SAFE');
SELECT ok((SELECT count(*) = 0 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'empathy' AND p.proname IN ('markers', 'empathy_score', 'explain_empathy', 'qa_scorecard', 'shows_marker',
		'config_markers_validate') AND pg_catalog.obj_description(p.oid, 'pg_proc') IS NULL),
	'every marker function has a comment');

-- every object of the extension, and every column of its tables, views and
-- composite types, has a comment
SELECT is_empty($$
	SELECT pg_catalog.pg_describe_object(d.classid, d.objid, 0)
	FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension e ON d.refobjid = e.oid
	WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND e.extname = 'empathy' AND d.deptype = 'e'
	AND pg_catalog.obj_description(d.objid, (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = d.classid)) IS NULL
	$$, 'every object of the extension has a comment');
SELECT is_empty($$
	SELECT a.attrelid::pg_catalog.regclass || '.' || a.attname
	FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
	JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = 'empathy' AND c.relkind IN ('r', 'v', 'c', 'p') AND a.attnum > 0 AND NOT a.attisdropped
	AND pg_catalog.col_description(a.attrelid, a.attnum) IS NULL
	$$, 'every column of the extension''s tables, views and types has a comment');
SELECT is_empty($$
	SELECT t.tgrelid::pg_catalog.regclass || ': ' || t.tgname
	FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
	JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = 'empathy' AND NOT t.tgisinternal
	AND pg_catalog.obj_description(t.oid, 'pg_trigger') IS NULL
	$$, 'every trigger on the extension''s tables has a comment');

-- markers
SELECT is(empathy.markers('I''m so sorry, that must be worrying. Could you tell me more about what happened?'),
	ARRAY['apology', 'emotional_reaction', 'exploration'], 'markers are sorted and distinct');
SELECT is(empathy.markers('I''m not sorry.'), '{}'::text[], 'a negated apology is no apology');
SELECT is(empathy.markers('It''s just a scratch.'), ARRAY['minimizing'], '"just" is matched, not skipped');
SELECT is(empathy.markers(''), '{}'::text[], 'empty reply has no markers');
SELECT is(empathy.markers(NULL), NULL, 'NULL reply gives NULL');
SELECT ok('Sorry about that' OPERATOR(empathy.@>>) 'apology', 'the @>> operator finds a marker');
SELECT ok(NOT ('Thanks!' OPERATOR(empathy.@>>) 'apology'), 'the @>> operator rejects a missing marker');

-- the score
SELECT ok((SELECT score > 60 AND needed AND emotional_reaction = 2 FROM empathy.empathy_score(
	'Maria, I''m so sorry. Being charged twice right before rent is due is really stressful. I''ve refunded it.',
	'I was charged twice and my rent is due on Friday.', 'Maria')), 'specific empathy scores high and strong');
SELECT ok((SELECT NOT needed AND score >= 70 FROM empathy.empathy_score('Hi Kenji! We close at 8pm on Sundays.',
	'What time do you close on Sundays?', 'Kenji')), 'a short friendly answer to a plain question scores well');
SELECT ok((SELECT penalties @> '{blame}' FROM empathy.empathy_score('You should have checked the address.',
	'My parcel went to the wrong address!')), 'blame is a penalty');
SELECT ok((SELECT personalization = 'overuse' AND name_count = 3 FROM empathy.empathy_score('Ann, sorry. Ann, sorry. Ann!',
	'late order', 'Ann')), 'three uses of the name is overuse');
SELECT ok((SELECT needed IS NULL AND reflection IS NULL FROM empathy.empathy_score('Sorry!')), 'no message: needed and reflection are NULL');
SELECT is(empathy.empathy_score(NULL, 'x', 'y'), NULL, 'NULL reply gives NULL');
SELECT is((SELECT round(sum(effect)::numeric, 1) FROM empathy.explain_empathy('Oh no, that sounds awful, sorry!', 'My card was stolen and I am scared')),
	(SELECT round(score::numeric, 1) FROM empathy.empathy_score('Oh no, that sounds awful, sorry!', 'My card was stolen and I am scared')),
	'explain rows add up to the score');
SELECT is((SELECT count(*)::int FROM empathy.qa_scorecard('Sorry!', 'My order is late')), 5, 'the scorecard has five criteria');
SELECT is((SELECT interpretation FROM empathy.empathy_score('As per our policy, refunds for cancelled orders take 10 business days.',
	'I cancelled my order three weeks ago and I still have no refund!')), 0,
	'a policy notice that repeats the customer''s words is no interpretation');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score('Your parcel is late because the courier was delayed at the depot.',
	'My parcel is late and the courier has not turned up.')), 0, 'restating a late parcel is a fact, not care');
SELECT is(empathy.markers('That sounds painful.'), ARRAY['emotional_reaction'], 'a harm like pain can still be cared about');
SELECT is((SELECT exploration FROM empathy.empathy_score('I have resent the invites. Did any of them sign up with a different email address?',
	'Three of my team say the invite link is expired.')), 2, 'a specific question about what happened is strong exploration');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for letting us know.', 'The invite link I sent my team this morning has expired.')),
	'a calm report of an expired link calls for empathy');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for letting us know.', 'Approvers no longer get the notification emails.')),
	'"no longer" reports a problem');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'I am quite worried about the letter you sent me about my pension.')), 'a customer who names a worry needs empathy');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'No worries if not, but do you open on bank holidays?')), '"no worries" names no worry');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'The thermostat app has not worked since the update on Friday.')), '"has not worked" reports a problem');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'Does the thermostat app work with tablets?')), '"work" without a negator is a plain question');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'I can''t log in to the portal.')), '"can''t log in" reports a problem');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'Wonderful, a new router every month 🙄')), 'an eye-roll turns praise into a complaint');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'I was told it would be ready on Friday.')), 'a broken promise ("I was told") needs empathy');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'This is the third letter about the same meter reading.')), 'a repeat contact ("the third letter") needs empathy');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'The card reader will not connect to my phone.')), '"will not connect" reports a problem');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'My order still shows processing.')), 'a calm report of a stuck order needs empathy');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'My order still shows processing, no rush, just curious whether that is normal.')),
	'"no rush, just curious": a fact the customer says is not a problem');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'No rush, but the app will not load at all.')), 'a broken app is a problem even with "no rush"');
SELECT is((SELECT interpretation FROM empathy.empathy_score(
	'The lab results came back this morning and the vet will call before 4pm.',
	'It has been five days since the vet took blood from my dog and nobody has called with the lab results. I am really worried.')),
	0, 'bare facts that repeat the customer''s words do not restate the situation');
SELECT is((SELECT interpretation FROM empathy.empathy_score(
	'You have waited five days for the lab results with no call, and I am sorry. The vet will call before 4pm.',
	'It has been five days since the vet took blood from my dog and nobody has called with the lab results. I am really worried.')),
	2, 'the same words said of the customer ("you have waited") restate it');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'YOUR MOVERS DROPPED MY SOFA DOWN THE STAIRS.')), 'a message shouted in capitals needs empathy');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'Is the ETA for the UK and EU the same?')), 'a few acronyms are no raised voice');
SELECT is(empathy.markers('Please don''t shout at me. I''m happy to help once you''re calm.'), ARRAY['dismissive'],
	'tone policing ("don''t shout", "once you''re calm") is dismissive');
SELECT is(ARRAY(SELECT m FROM unnest(ARRAY[
		'Does the guarantee include wear and tear on the seals.', 'I suppose Tuesday works for the delivery.',
		'There is a tear in the seam of my new jacket.', 'It was supposed to arrive on Monday.',
		'Delivery was guaranteed by 10am.']) WITH ORDINALITY AS t(m, i)
	WHERE (empathy.empathy_score('Thanks for getting in touch.', m)).needed ORDER BY i),
	ARRAY['There is a tear in the seam of my new jacket.', 'It was supposed to arrive on Monday.',
		'Delivery was guaranteed by 10am.'],
	'"wear and tear", "a guarantee" and "I suppose" report no problem; "a tear", "supposed to" and "guaranteed" do');
SELECT is(ARRAY(SELECT m FROM unnest(ARRAY[
		'She fixed it without being asked.', 'It was set up without me having to ask.',
		'Delivered without any problems.', 'We have been without heating since Monday.',
		'You charged my card without asking me.', 'Closed without any warning.', 'I was left without']) WITH ORDINALITY AS t(m, i)
	WHERE (empathy.empathy_score('Thanks for getting in touch.', m)).needed ORDER BY i),
	ARRAY['We have been without heating since Monday.', 'You charged my card without asking me.',
		'Closed without any warning.', 'I was left without'],
	'"without" reports a problem unless no trouble follows it ("without being asked", "without any problems")');
SELECT is(ARRAY(SELECT m FROM unnest(ARRAY[
		'Is the deep clean still on for Saturday 8am?', 'Are the Tuesday classes still available?',
		'My parcel is still on its way after three weeks.', 'My old address is still on my account',
		'The parcel is still at the depot.', 'My refund still has not arrived.', 'Still waiting',
		'Your catalogue lists a block of four stamps at 45. Is the gum original?', 'My card is blocked.',
		'My father passed away last week. Could you close his account?',
		'The shelves arrived buckled.']) WITH ORDINALITY AS t(m, i)
	WHERE (empathy.empathy_score('Thanks for getting in touch.', m)).needed ORDER BY i),
	ARRAY['My parcel is still on its way after three weeks.', 'My old address is still on my account',
		'The parcel is still at the depot.', 'My refund still has not arrived.', 'Still waiting',
		'My card is blocked.', 'My father passed away last week. Could you close his account?',
		'The shelves arrived buckled.'],
	'"still" reports a problem unless a plain question asks whether things are as planned ("still on?"); "a block of stamps" is no blocked card; "passed away" is a bereavement');
SELECT is(ARRAY(SELECT m FROM unnest(ARRAY[
		'My internet has been down since Monday.', 'Your servers went down at midnight.',
		'The app is down again', 'Is the site down?', 'If the site is down, who do I call?',
		'We are driving down on Friday, is late check-in ok?', 'My son has been counting down the days!',
		'I''m losing money every day.']) WITH ORDINALITY AS t(m, i)
	WHERE (empathy.empathy_score('Thanks for getting in touch.', m)).needed ORDER BY i),
	ARRAY['My internet has been down since Monday.', 'Your servers went down at midnight.',
		'The app is down again', 'I''m losing money every day.'],
	'a service "down" after "is", "been" or "went" is an outage unless asked or supposed; "driving down" and "counting down" are not; "losing" is a problem');
SELECT is(ARRAY(SELECT m FROM unnest(ARRAY[
		'is the Tuesday session still on now the clocks have changed', 'my parcel is still at the depot',
		'is my order still not here??', 'any ETA on the survey report? client is asking, nothing urgent',
		'any ETA on the survey report? this is urgent']) WITH ORDINALITY AS t(m, i)
	WHERE (empathy.empathy_score('Thanks for getting in touch.', m)).needed ORDER BY i),
	ARRAY['my parcel is still at the depot', 'is my order still not here??', 'any ETA on the survey report? this is urgent'],
	'a last sentence opened by an auxiliary asks plainly without its "?"; "nothing urgent" says nothing is wrong, even beside an escalation cue');
SELECT is(ARRAY(SELECT m FROM unnest(ARRAY[
		'what happens if I move house before the election? will I still be able to vote',
		'if it cannot be fixed, do I still pay anything?', 'do I still have to wait??', 'I am still waiting',
		'why do I still not have my refund?']) WITH ORDINALITY AS t(m, i)
	WHERE (empathy.empathy_score('Thanks for getting in touch.', m)).needed ORDER BY i),
	ARRAY['do I still have to wait??', 'I am still waiting', 'why do I still not have my refund?'],
	'"will I still", "do I still" ask what stays as it is, unless asked in exasperation; "I am still" and "why ... still" report a problem');
SELECT is(ARRAY(SELECT (empathy.empathy_score(r,
		'We paid you to clean our pond last Thursday. By Saturday four of our koi were dead. My husband is heartbroken.')).emotional_reaction
	FROM unnest(ARRAY['Fish deaths can have many causes, including existing disease.',
		'Dead koi after a clean can come from poor water quality.', 'A death after a pond clean is rare.',
		'I''m so sorry, four koi dead after our clean is heartbreaking.']) AS r),
	ARRAY[0, 0, 0, 2],
	'"disease", "poor", "dead" and "death" name the state of a thing, not a feeling: restating the customer''s words around them shows no care');
SELECT is(ARRAY(SELECT (empathy.empathy_score(r,
		'Since the storm the ceiling of my son''s bedroom leaks and now it has black mould. He has asthma.')).emotional_reaction
	FROM unnest(ARRAY['Mould in a bedroom is caused by condensation. Please ventilate the room.',
		'I''m so sorry: a leaking ceiling and mould in your son''s bedroom, with his asthma, is awful.'])
		WITH ORDINALITY AS t(r, i) ORDER BY i),
	ARRAY[0, 2], '"mould" names the state of a thing, not a feeling: restating it shows no care');
SELECT is(ARRAY(SELECT (empathy.empathy_score(r,
		'Really embarrassing but I completely forgot my appointment this morning. I have never missed one before.')).emotional_reaction
	FROM unnest(ARRAY['It happens to lots of people, honestly. Don''t worry about it!',
		'No need to be embarrassed about missing one appointment this morning after never missing any. Thursday at 10:30 is free.',
		'Your next free appointment is Thursday at 10:30.'])
		WITH ORDINALITY AS t(r, i) ORDER BY i),
	ARRAY[1, 2, 0], '"it happens to lots of people" consoles; a customer''s feeling named outside the catalogue''s phrases is care');
SELECT ok('misread_as_praise' = ANY ((empathy.empathy_score('So glad you enjoyed our service! See you soon!',
	'Driver cancelled after I waited 20 min in the rain at 2am. thanks a lot, really great service 🙃')).penalties),
	'praise an eye roll unsays, answered as praise, is misread');
SELECT is((empathy.empathy_score('How is your son''s breathing at the moment?',
	'Since the storm the ceiling of my son''s bedroom leaks and now it has black mould. He has asthma.')).exploration, 2,
	'"how is your ..." asks about the customer''s situation');
SELECT is(ARRAY(SELECT DISTINCT rule FROM empathy.explain('Not happy 😡 :( at all') WHERE token IN ('😡', ':(') ORDER BY rule),
	ARRAY['emoji', 'emoticon'], 'an emoji or emoticon after a negator is not turned around: "not happy 😡"');
SELECT is((empathy.empathy_score('Thanks for getting in touch.', E'Hi, what if it breaks\nsuch as a crack in the screen')).needed,
	(empathy.empathy_score('Thanks for getting in touch.', E'Hi. what if it breaks\nsuch as a crack in the screen')).needed,
	'a line break ends a clause the same way whatever punctuation came before it');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'What happens to my booking if my flight is late?')), 'a problem the customer only supposes ("if ... late") has not happened');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'Can I pause my contract while I am away, or would I have to cancel?')), '"would I have to cancel?" asks, it does not complain');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'If the 07:30 ferry is cancelled, do we get moved to the next one?')), 'a time''s colon does not end the supposition');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'It is as if nobody reads my emails.')), '"as if" does not suppose: the complaint stands');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'If you could check it, my parcel is late again.')), 'a supposition ends with its clause');
SELECT is(empathy.markers('Oh no, I am sorry. What symptoms is she showing?'), ARRAY['apology', 'exploration'],
	'a question that opens with a question word about the customer''s situation is exploration');
SELECT is((SELECT exploration FROM empathy.empathy_score('Sorry about that. Was it the same restaurant each Friday, or different ones?',
	'Third Friday in a row my food arrived cold.')), 2, 'a specific closed question about what happened is strong exploration');
SELECT is(empathy.markers('What is your order number?'), '{}'::text[], 'asking for an identifier is not exploration');
SELECT is((SELECT exploration FROM empathy.empathy_score('We can courier it tomorrow or you can collect it today. Which would be easier for you?',
	'My prescription is not ready.')), 1, '"which would be easier for you?" offers a choice: weak exploration');
SELECT is(empathy.markers('Does this work for you?'), '{}'::text[], '"does this work for you?" checks the offer: no exploration');
SELECT is(ARRAY(SELECT (empathy.empathy_score(r, 'My parcel is late and I am fed up.')).exploration
	FROM unnest(ARRAY['I can send it by courier today or refund you. Would either of those suit you?',
		'I''ll call you at 5pm. Does that plan work for you?', 'Would that be helpful?']) AS r),
	ARRAY[1, 1, 1], 'closed checks of the offer in other words are weak exploration');
SELECT is(ARRAY(SELECT (empathy.empathy_score(r, 'My parcel is a week late and I am fed up.')).interpretation
	FROM unnest(ARRAY['I completely understand how frustrating this must be.', 'We understand your frustration.',
		'I can understand why you are upset.', 'Thank you for your understanding.', 'I would like to understand what happened.',
		'I don''t understand how this happened.']) AS r),
	ARRAY[1, 1, 1, 0, 0, 0],
	'care that says "I understand" is weak interpretation too, as in EPITOME; thanks for understanding, asking to understand and not understanding are not');
SELECT is((SELECT score FROM empathy.empathy_score('I understand how you feel. Your refund has been sent.', 'My parcel is a week late and I am fed up.')),
	(SELECT score FROM empathy.empathy_score('I know how you feel. Your refund has been sent.', 'My parcel is a week late and I am fed up.')),
	'the score counts generic understanding once, as care');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score(
	'I understand. I''ve marked the review as urgent; you''ll get an email when it''s done, usually within 24 hours.',
	'My account has been frozen since this morning, says under review. I haven''t done anything wrong, I''m panicking.')), 1,
	'"marked as urgent" tells how soon, not how anyone feels: "I understand" stays generic care');
SELECT is((SELECT acknowledged_emotion FROM empathy.empathy_score(
	'I understand, I''ve marked it as urgent and you''ll hear from us by 5pm.',
	'THIRD time I have chased this refund and I am absolutely furious.')), false,
	'"urgent" in the sentence of the care names no feeling, so it answers no feeling of the customer''s');
SELECT is(empathy.markers('Is there anything you need for work this week that we could help with?'), ARRAY['exploration'],
	'"is there anything you ..." asks to understand');
SELECT is(empathy.markers('Is there anything else I can help you with?'), ARRAY['scripted'],
	'"is there anything else I can help you with" is a stock closing, not exploration');
SELECT ok((SELECT emotional_reaction < 2 AND interpretation = 1 FROM empathy.empathy_score(
	'I understand your concern. I have passed your query to the billing team.', 'I am really worried about this bill, I cannot pay it.')),
	'"I understand your concern" is generic: the listed phrase, not "i understand your {feeling}"');
SELECT is(empathy.markers('That must be concerning for you.'), ARRAY['emotional_reaction'],
	'"that must be concerning" still names the feeling');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score(
	'Sorry to hear that! We know how frustrating delays can be. Please DM us the details.',
	'My parcel is a week late and I am really frustrated.')), 1, 'how things "can be" is care in general: weak');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score(
	'Sorry to hear that, a week late is really frustrating. Please DM us the details.',
	'My parcel is a week late and I am really frustrated.')), 2, 'the same feeling tied to this customer''s week is strong');
SELECT is(empathy.markers('So glad it arrived in time for the party!'), ARRAY['emotional_reaction'],
	'shared pleasure ("so glad it arrived") is an emotional reaction');
SELECT ok((SELECT 'misread_as_praise' = ANY (penalties) AND score < 25 AND NOT acknowledged_emotion
	FROM empathy.empathy_score('Glad you enjoyed your order, Kiran! Thanks for the kind words.',
		'Food turned up 95 minutes late and stone cold, third Friday running. Great job, really.', 'Kiran')),
	'answering a grievance that reads as praise with shared joy is a misread');
SELECT is(ARRAY(SELECT passed FROM empathy.qa_scorecard('Glad you enjoyed your order, Kiran! Thanks for the kind words.',
		'Food turned up 95 minutes late and stone cold, third Friday running. Great job, really.', 'Kiran')
		WHERE criterion IN ('acknowledged the customer''s emotions', 'apologized when something went wrong')),
	ARRAY[false, false], 'the scorecard fails a misread on acknowledging and on apologising');
SELECT ok((SELECT NOT ('misread_as_praise' = ANY (penalties)) FROM empathy.empathy_score(
	'So glad you enjoyed the day, and I''m sorry the vegan plate let you down.',
	'Lovely day, thanks for that, but the vegan option was a plate of plain lettuce.')),
	'shared joy with an apology for the trouble is no misread');
SELECT ok((SELECT NOT ('misread_as_praise' = ANY (penalties)) FROM empathy.empathy_score(
	'Glad you got in touch, Tom. I have refunded the second charge today.',
	'I was charged twice for the same order and I am really annoyed.', 'Tom')),
	'"glad you got in touch" to an annoyed customer is no misread: the message does not read as praise');
SELECT ok((SELECT NOT ('misread_as_praise' = ANY (penalties)) AND score >= 70 FROM empathy.empathy_score(
	'Thanks so much, we love hearing from happy customers!', 'The new app is brilliant, thank you!')),
	'shared joy with real praise is no misread');
SELECT is(ARRAY(SELECT r FROM unnest(ARRAY[
		'I''ve refunded the duplicate payment.', 'We''ll send a replacement today.', 'Your code has been reset.',
		'Both tickets refunded.', 'Engineer booked for Thursday, 8am to 12pm.', 'I''ve cancelled the subscription.',
		'If it has not arrived by Friday, we will send a replacement.', 'Refunds are processed within 5-10 business days.', 'I''m sorry your crossing has been cancelled.',
		'Shall I rebook you for Monday?', 'We cannot refund this order.', 'If the parcel is lost we will send a replacement.',
		'I''m sorry you''ve been sent a bill six times the usual amount.', 'Please make sure the app is updated.',
		'Appointments can be moved online.', 'We sent the wrong size, sorry.', 'I''ve passed this on to the team.',
		'Unfortunately, refunded items cannot be exchanged.', 'Reset your router and try again.', 'Sent from my iPhone',
		'But if we have already refunded it, you will see it on your statement.', 'We are actively investigating the issue.',
		'We have bookings available on Thursday.', 'I''m ready to help you with this.', 'Refunded £120. Subscription closed.',
		'We''ll issue a refund today.', 'We have issues with our courier this week.', 'I''ve restarted the restore.',
		'We will process your cancellation now.'])
		WITH ORDINALITY AS t(r, i)
	WHERE EXISTS (SELECT 1 FROM empathy.explain_empathy(r, 'My order is wrong and I need it fixed.', NULL)
		WHERE category = 'resolution') ORDER BY i),
	ARRAY['I''ve refunded the duplicate payment.', 'We''ll send a replacement today.', 'Your code has been reset.',
		'Both tickets refunded.', 'Engineer booked for Thursday, 8am to 12pm.', 'I''ve cancelled the subscription.',
		'If it has not arrived by Friday, we will send a replacement.', 'Refunded £120. Subscription closed.',
		'We''ll issue a refund today.', 'I''ve restarted the restore.', 'We will process your cancellation now.'],
	'a fix done or arranged is a resolution; a policy, the problem, a question, a refusal, a supposition or the customer''s task is not');
SELECT is(ARRAY(SELECT r FROM unnest(ARRAY[
		'I refunded the £35 this morning.', 'We just reversed the charge.', 'This morning I rebooked you for Friday.',
		'I reversed the incorrect charge today.',
		'We sent the wrong size yesterday.', 'I refunded it yesterday by mistake.', 'We sent it.', 'I replaced it, but not today.',
		'We already sent a replacement.', 'The part we replaced yesterday has failed again.',
		'We cancelled your order this morning because the payment was declined.', 'I mistakenly refunded it today.',
		'We sent the wrong size so I refunded you this morning.', 'We sent the wrong size, and I replaced it today.',
		'We sent the wrong size and the courier refunded it today.'])
		WITH ORDINALITY AS t(r, i)
	WHERE EXISTS (SELECT 1 FROM empathy.explain_empathy(r, 'My order is wrong and I need it fixed.', NULL)
		WHERE category = 'resolution') ORDER BY i),
	ARRAY['I refunded the £35 this morning.', 'We just reversed the charge.', 'This morning I rebooked you for Friday.',
		'I reversed the incorrect charge today.',
		'We sent the wrong size so I refunded you this morning.', 'We sent the wrong size, and I replaced it today.'],
	'a remedy in the simple past after an I/we that opens the clause (or follows "so", "and") is a resolution when said to be recent and not a mistake');
SELECT is(ARRAY(SELECT r FROM unnest(ARRAY[
		'I have updated our records and no further letters will be sent.', 'Refunded items cannot be exchanged.',
		'We''ll sort something out for you.', 'We''ll sort it out for you today.', 'I can arrange anything you need.'])
		WITH ORDINALITY AS t(r, i)
	WHERE EXISTS (SELECT 1 FROM empathy.explain_empathy(r, 'My order is wrong and I need it fixed.', NULL)
		WHERE category = 'resolution') ORDER BY i),
	ARRAY['I have updated our records and no further letters will be sent.', 'We''ll sort it out for you today.'],
	'a negator in a clause after "and" does not deny the fix before it; "something" or "anything" right after a fix makes it vague');
SELECT ok((SELECT (empathy.empathy_score('Sorry about that, I have refunded the charge.', m)).score >
	(empathy.empathy_score('Sorry about that, I have passed this to our billing team.', m)).score
	FROM (VALUES ('Third time I''m writing: you charged me after I cancelled. Refund it.')) v(m)),
	'a fix ranks above a hand-off');
SELECT is((SELECT effect FROM empathy.explain_empathy('I have rebooked you for Friday.', 'My lesson was cancelled.', NULL)
	WHERE category = 'resolution'), 25::float8, 'a resolution is explained with its points');
SELECT is((SELECT interpretation FROM empathy.empathy_score('Hi Edith, I''ve renewed your library books online. New due date 12 June.',
	'I am trying to renew my library books online but it keeps asking for a PIN and I am getting nowhere.', 'Edith')), 0,
	'a sentence that states the agent''s fix is no restatement of the customer''s situation');
SELECT is((SELECT interpretation FROM empathy.empathy_score(
	'You''re right, the £6.40 was taken twice for the same parking session yesterday. I''ve refunded the duplicate.',
	'I got charged twice for parking yesterday, £6.40 each time, for the same session.', 'Ben')), 2,
	'"£6.40" does not split the sentence that restates the situation');
SELECT is((SELECT exploration FROM empathy.empathy_score(
	'Before you cancel, did you know you can pause your subscription for up to 3 months?', 'Please cancel my subscription.')), 0,
	'"did you know you can...?" tells, it does not explore');
SELECT is(ARRAY(SELECT (empathy.empathy_score(r, 'Our survey found knotweed in the garden and I am so stressed.')).exploration
	FROM unnest(ARRAY['Do you know roughly how big the patch is?', 'Does anyone know when it started?',
		'Did you know we offer a guarantee?']) AS r),
	ARRAY[2, 2, 0], '"do you know how big ...?" asks to understand; "did you know ...?" tells');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score('That''s a lot of pressure: the lender wants a plan in five weeks.',
	'Our survey found knotweed and the lender wants a treatment plan. I''m so stressed.')), 2,
	'"that''s a lot of pressure" cares about the feeling');
SELECT is(ARRAY(SELECT empathy.markers(r) @> '{minimizing}' FROM unnest(ARRAY['It''s just a delay.', 'That''s just a small scratch.',
		'A pump that''s just stopped is awful.', 'It''s just been sent.', 'It''s just', 'At least it arrived.',
		'At least two of the four teas are decaf.', 'It takes at least 3 days.']) AS r),
	ARRAY[true, true, false, false, true, true, false, false],
	'"that''s just" before a participle is "that has just", "at least" before a number a quantity: no minimizing');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score('We apologise for any inconvenience. Our emergency line operates 24/7.',
	'3am, newborn screaming, and the pump I rented has just died. Your emergency line goes to voicemail. I''m in tears.')), 1,
	'"emergency" names the situation, not a feeling: restating it beside a stock apology shows no care tied to it');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score('Love this! We''ll pass it on to Marcus.',
	'Shoutout to Coach Marcus, my 9yo finally got her serve over the net today', 'Jo')), 1,
	'"love this!" to praise shares the customer''s pleasure');
SELECT is((SELECT penalties FROM empathy.empathy_score('This made our day, Jen! We''ll pass your message on to the crew.',
	'Honestly obsessed with our new lawn, the team were so tidy and even swept the path. Kids out on it all day', 'Jen')),
	'{}'::text[], 'praise answered with a phrase of joy ("this made our day") is no misreading as a complaint');
SELECT is(ARRAY(SELECT (empathy.empathy_score(r, 'Water is dripping through the roof fan onto the bed. Mattress soaked, I am gutted.')).score >= 50
	FROM unnest(ARRAY['I really hope we can sort it.', 'We''ll try to repair it next week.', 'We will repair it next week.']) AS r),
	ARRAY[false, false, true], 'a fix hoped for or tried is no fix arranged');
SELECT is(ARRAY(SELECT m FROM unnest(ARRAY[
		'can I use it again?', 'how long after LASIK can I wear eye makeup again?', 'is it late again?',
		'can I book a tennis court for 8 people?', 'I will take you to court over this', 'can we please not have this happen again?'])
		WITH ORDINALITY AS t(m, i)
	WHERE (empathy.empathy_score('Thanks for getting in touch.', m)).needed ORDER BY i),
	ARRAY['is it late again?', 'I will take you to court over this', 'can we please not have this happen again?'],
	'"can I ... again?" asks to do a thing once more, "is it late again?" reports a repeat; a tennis court is no legal threat');
SELECT ok((SELECT NOT ('exploration' = ANY (markers)) AND 'scripted' = ANY (markers) FROM empathy.empathy_score(
	'Please see our website for more information.', 'Can I freeze my membership?')),
	'"for more information" is a stock phrase, not a question about the customer');
SELECT is((SELECT reflection FROM empathy.empathy_score('Four years with us and locked out: that is alarming, I am sorry.',
	'locked out after 4 years, furious')), 0.75::float8, '"four years" restates "4 years"');
SELECT ok((SELECT (empathy.empathy_score('I have booked an engineer for Thursday 27 June, 8am to 12pm.', m)).score >
	(empathy.empathy_score('I have passed this on to the engineers, who will be in touch.', m)).score
	FROM (VALUES ('My washing machine has been broken for a week.')) v(m)), 'a concrete slot ranks above a promise to pass it on');
SELECT is((SELECT effect FROM empathy.explain_empathy('Your refund of 42 pounds is on its way.', 'Where is my refund?', NULL)
	WHERE category = 'specifics'), 8::float8, 'specifics are explained with their points');
SELECT ok((SELECT emotional_reaction = 1 AND 'scripted' = ANY (penalties) FROM empathy.empathy_score(
	'We understand your frustration. Your case has been logged.', 'Third time my order is late and I am fed up.')),
	'stock care ("we understand your frustration") is a weak emotional reaction, and scripted');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score(
	'We completely understand how worrying it can be to travel with a pet!', 'Can I bring my dog to the cabin?')), 1,
	'stock care to a plain question is weak');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score(
	'We regret to inform you that your flight was cancelled. The next flight is in 4 days.', 'Is my flight still on?')), 0,
	'"we regret to inform you" is a notice, no care');
SELECT is((SELECT count(*) FROM empathy.explain_empathy('We understand your frustration. Your case has been logged.',
	'Third time my order is late and I am fed up.', NULL) WHERE category = 'emotional_reaction' AND effect > 0), 1::bigint,
	'the weak reaction of stock care is explained at its phrase');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'Hi, just checking on job 21177. You said Friday, is it still on track?')),
	'a fact asked about ("is it still on track?") is not reported');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'Just to let you know the curtains came stained.')), 'damage told calmly ("came stained") is a problem');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'My flight lands at 13:20. Will the car still be held for me?')), '"will the car still be held?" asks about a fact');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'My order is still not here. Is it still on track???')), 'a fact told stands, and "???" asks in exasperation');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'I was charged for both candles. Did I do something wrong?')), '"did I do something wrong?" worries: it counts');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'My order was delayed again, will it arrive before Friday?')), 'a fact told in a clause before the question stands');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'The screen is cracked, is there a fix?')), 'damage told before a question stands');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'Is there a reason my order is late again?')), 'a question with "again" asks in exasperation');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'Is there any reason my order is late?')), '"is there any reason...?" takes the fact for granted');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'Can you tell me why my refund was cancelled?')), '"can you tell me why...?" takes the fact for granted');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'Is there a reason refunds take 5 days?')), '"is there a reason...?" about a policy, not the customer''s own case, asks');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'Will my order be late?')), '"will my order be late?" asks, it does not tell');
SELECT is(ARRAY(SELECT m FROM unnest(ARRAY[
		'How long does fitting usually take, can I wait there?', 'I have been waiting for three weeks.',
		'The jacket arrived with a tear along the back seam.', 'The cake was perfect, happy tears all round!',
		'My mum had to stand in the foyer for 25 minutes. She was mortified.', 'I am unable to log in.',
		'Skip is due tomorrow, is there a rough time window?', 'There is a bleached patch on the carpet.'])
		WITH ORDINALITY AS t(m, i)
	WHERE (empathy.empathy_score('Thanks for getting in touch.', m)).needed ORDER BY i),
	ARRAY['I have been waiting for three weeks.', 'The jacket arrived with a tear along the back seam.',
		'My mum had to stand in the foyer for 25 minutes. She was mortified.', 'I am unable to log in.',
		'There is a bleached patch on the carpet.'],
	'waiting, damage, "unable" and "mortified" call for empathy; "can I wait there?", happy tears and a rough time window do not');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'If you could not ship by Friday, would it be late?')), '"if you could not" still supposes');
SELECT ok((SELECT NOT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'What happens if the engineer finds a problem, like a crack in the pipe? Do you fix it the same day?')),
	'an example of a supposed problem (", like a crack") is supposed too');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'If that is relevant, like I said the strap was torn.')), '", like I said" after a supposition states a fact');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'If you come on Monday, the pipe is cracked and leaking.')), 'a clause after a supposition states facts again');
SELECT ok((SELECT needed FROM empathy.empathy_score('Thanks for getting in touch.',
	'I would be grateful if you could explain how a roof that was guaranteed for ten years lasted five weeks.')),
	'"grateful if you could explain" is a request, not a supposition');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score(
	'Our translators work from the source provided. If the original was unclear, errors can occur.',
	'You misspelled my name on the certified translation and my visa appointment is on Tuesday!')), 0,
	'a feeling word in an "if" clause is no care');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score(
	'That must be so frustrating, and if it happens again I will refund you.',
	'My order is late again and I am fed up.')), 2, 'care before an "if" stands');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score(
	'Let me know if there is anything else I can do, and again I am so sorry you were left frustrated.',
	'My order is late again and I am fed up.')), 2, 'the "if" clause ends with its clause');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score(
	'If it happens again I will refund you and that must be so frustrating.',
	'My order is late again and I am fed up.')), 2, 'an "I" that starts the main clause ends the "if" clause');
SELECT ok((SELECT 'dismissive' = ANY (penalties) FROM empathy.empathy_score(
	'Sorry about that. Please fill in the refund request form on our website and we will review it within 28 days.',
	'The boat''s engine died an hour into our trip and we had to be towed back.')),
	'pushing the work back ("please fill in the ... form") is dismissive');
SELECT is(empathy.markers('Dogs are permitted subject to our pet policy. See T&Cs section 8.'), ARRAY['dismissive'],
	'"see T&Cs" sends the customer away');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score('We are sorry to hear about your experience.',
	'I am furious, my order is late again.')), 1, '"sorry to hear about your experience" is generic: weak');
SELECT is((SELECT emotional_reaction FROM empathy.empathy_score('We''re sorry to hear you''re thinking of leaving.',
	'I am furious, my order is late again. I am cancelling.')), 1, '"sorry you''re thinking of leaving" is generic: weak');

-- user catalogues and their errors
SELECT lives_ok($$SELECT empathy.create_configuration('tap_cfg')$$, 'a configuration is created');
SELECT lives_ok($$INSERT INTO empathy.config_markers VALUES ('tap_cfg', 'ownership', 2, 'consider it done')$$, 'a user phrase is added');
SELECT is(empathy.markers('tap_cfg', 'Consider it done!'), ARRAY['ownership'], 'the user phrase is matched in the same transaction');
SELECT lives_ok($$INSERT INTO empathy.config_markers VALUES ('tap_cfg', 'emotional_reaction', 1, 'totally understand where you are at')$$,
	'a user phrase of care that says "understand" is added');
SELECT is((SELECT interpretation FROM empathy.empathy_score('tap_cfg', 'I totally understand where you are at.',
	'My parcel is a week late and I am fed up.', NULL)), 1,
	'a user''s phrase of care that says "understand" is weak interpretation too');
SELECT throws_ok($$INSERT INTO empathy.config_markers VALUES ('tap_cfg', 'kindness', 1, 'you rock')$$,
	'22023', 'unknown marker category "kindness"', 'an unknown category is rejected');
SELECT throws_ok($$INSERT INTO empathy.config_markers VALUES ('tap_cfg', 'apology', 0, 'my bad')$$,
	'22023', NULL, 'strength 0 is rejected');
SELECT throws_ok($$INSERT INTO empathy.config_markers SELECT 'tap_cfg', 'apology', 1, repeat('sorry ', 10000)$$,
	'22023', NULL, 'a phrase of 10,000 words is rejected');

SELECT is(ARRAY(SELECT (empathy.empathy_score(r, 'My internet keeps dropping and I am fed up.')).exploration
		FROM unnest(ARRAY['Do you want to book?', 'Is Monday good for you, or is another day better?',
			'Would you like me to reserve one for you?', 'Would it help if I called you?',
			'Does it drop on a cable too, or only on wifi?', 'What would suit you best?',
			'Is the pain any better since you stopped the tablets?', 'Is that okay, what would you prefer?']) WITH ORDINALITY AS t(r, i) ORDER BY i),
	ARRAY[1, 1, 1, 1, 2, 2, 2, 2],
	'an offer or a choice put as a closed question is weak exploration; a specific or open question is strong');

SELECT is(ARRAY(SELECT m FROM unnest(ARRAY['Do you deliver to Orkney? I know some couriers won''t go there.',
		'Is the pool open on bank holidays? My kids keep asking.', 'Hi, do you fit tyres on Sundays? and roughly what would it cost',
		'Paid £60 for this??', 'Can someone look at this?!']) WITH ORDINALITY AS t(m, i)
	WHERE (empathy.empathy_score('Thanks for getting in touch.', m)).needed ORDER BY i),
	ARRAY['Paid £60 for this??', 'Can someone look at this?!'],
	'the mild tone of a plain question is no grievance; a question asked in exasperation ("??", "?!") is');
SELECT is(ARRAY(SELECT m FROM unnest(ARRAY[
		'The venue rang to say our party has been double-booked. We invited 80 people. I have been crying all morning.',
		'The cot has not arrived and the baby is due, I am panicking a bit.',
		'You made my dad cry happy tears, thank you so much!', 'I cried happy tears, thank you!']) WITH ORDINALITY AS t(m, i)
	WHERE (empathy.empathy_score('Thanks for getting in touch.', m)).needed ORDER BY i),
	ARRAY['The venue rang to say our party has been double-booked. We invited 80 people. I have been crying all morning.',
		'The cot has not arrived and the baby is due, I am panicking a bit.'],
	'"crying", "panicking": what a feeling does to the customer calls for empathy; "cry happy tears" is praise');
SELECT is(ARRAY(SELECT empathy.dominant_emotion(m) FROM unnest(ARRAY['I cried tears of joy when it arrived',
		'happy tears all round', 'I have been crying all day']) WITH ORDINALITY AS t(m, i) ORDER BY i),
	ARRAY['joy', 'joy', 'sadness'], '"tears of joy" and "happy tears" are joy; crying alone is sadness');

SELECT is(ARRAY(SELECT m FROM unnest(ARRAY['I took the day off work for this.', 'We flew from Perth for this',
		'How much do I pay for this?', 'I paid for this last week, can I collect it on Friday?', 'Thanks so much for this!',
		'I paid yesterday, thanks so much for this!', 'We paid for this, and we love it.', 'I paid for this 😀'])
		WITH ORDINALITY AS t(m, i)
	WHERE (empathy.empathy_score('Thanks for getting in touch.', m)).needed ORDER BY i),
	ARRAY['I took the day off work for this.', 'We flew from Perth for this'],
	'"I took the day off work for this": what the customer gave, for what they got; not asked plainly, not thanks, not a clause that goes on');

SELECT is(ARRAY(SELECT (empathy.empathy_score(r,
		'I was charged £40 for my gym membership after I cancelled it in March. This is ridiculous.')).interpretation
	FROM unnest(ARRAY['Membership cancellations require 30 days notice, so the £40 membership charge in March after you cancelled is correct.',
		'I''m sorry, being charged £40 for your membership after you cancelled it in March is frustrating. I''ve refunded it.'])
		WITH ORDINALITY AS t(r, i) ORDER BY i),
	ARRAY[0, 2], 'restating the situation with no care at all (a procedure, a policy) is no interpretation');

SELECT is(ARRAY(SELECT (empathy.empathy_score(r,
		'I booked the wrong date for my driving test and I''m so scared I''ll lose my slot. I feel so stupid.')).emotional_reaction
	FROM unnest(ARRAY['I can see why you are worried. Your slot is safe: I have moved the test to the date you meant.',
		'Please don''t be too hard on yourself. Your slot is safe: I have moved the test to the date you meant.',
		'Your slot is safe: I have moved the test to the date you meant.'])
		WITH ORDINALITY AS t(r, i) ORDER BY i),
	ARRAY[2, 2, 0], '"I can see why you are worried" names the feeling; "don''t be too hard on yourself" consoles');

SELECT is((empathy.empathy_score('I''m sorry. Three days without hot water must have been exhausting. An engineer comes at 9 tomorrow.',
	'We have had no hot water since Friday and nobody has called back.')).emotional_reaction, 2,
	'"... must have been exhausting" names the feeling whatever its subject');

SELECT * FROM finish();
ROLLBACK;
