-- Generate the demo CRM data set into schema "demo" (see schema.sql).
--
--   psql -v ON_ERROR_STOP=1 -f data/demo/schema.sql -f data/demo/generate.sql -f data/demo/contract.sql
--
-- Kestrel Home, a small online shop, over 16 weeks from Monday 8 January
-- 2024: weeks 1-8 are the baseline, weeks 9-16 the current period, in which
-- six agents write differently after coaching (demo.agents.coached_style).
-- About 2,400 conversations on chat, email and social media, each with a
-- customer opening written from fragments per intent and tone, agent
-- replies written from fragments per agent style, first-response times
-- that depend on the channel, the agent and the shift, some conversations
-- still open with the customer's last message unanswered, and surveys for
-- about 60% of the closed conversations whose scores follow how the
-- customer was treated (empathy, blame, resolution, waiting) plus noise.
--
-- Reproducible: everything is drawn from random() after setseed(), in one
-- session, in a fixed order (PostgreSQL 15's generator; another major
-- version may draw other numbers).  Helper functions and the fragment pools
-- live in pg_temp and disappear with the session.  Every text fragment
-- below was written for this data set.

\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET timezone = 'UTC';
SET max_parallel_workers_per_gather = 0;

TRUNCATE demo.labels, demo.surveys, demo.messages, demo.conversations,
	demo.customers, demo.agents, demo.teams;

--
-- Fragment pools.  Placeholders: {name} customer's first name, {order},
-- {product}, {amount}, {days}, {date}, {ticket}, {plan}, {card} (last four
-- digits), {agent} agent's first name; {question}, {answer} and {short}
-- (a short answer) come from the aligned qa.* pools.
--
CREATE TEMP TABLE pool (name text PRIMARY KEY, items text[] NOT NULL);

INSERT INTO pool VALUES
-- what the customer's problem is, per intent (lower-case start, no final stop)
('problem.late_delivery', ARRAY[
	$$my order {order} was supposed to arrive on {date} and it still hasn't shown up$$,
	$$the {product} I ordered {days} days ago is nowhere to be seen$$,
	$$tracking for {order} has said "in transit" for a week now$$,
	$$I paid extra for express shipping on {order} and it's now {days} days late$$,
	$$the courier marked {order} as delivered but there is nothing at my door$$,
	$$my {product} was meant to be here before the weekend and it never came$$,
	$$the delivery window for {order} came and went without a single update$$,
	$$I've been waiting for the {product} since {date} and the estimate keeps moving$$,
	$$the parcel with my {product} seems to have vanished somewhere between your warehouse and my house$$]),
('problem.double_charge', ARRAY[
	$$I was charged twice for order {order}$$,
	$$my card ending {card} shows two payments of {amount} for the same {product}$$,
	$$you took {amount} from my account two times$$,
	$$my bank statement has a duplicate charge of {amount} from you$$,
	$$I only bought one {product} but I've been billed for two$$,
	$$the payment for {order} went through twice$$,
	$$there's a second charge of {amount} on my card that I never authorised$$,
	$$I got two confirmation emails and two charges for order {order}$$]),
('problem.damaged', ARRAY[
	$$the {product} arrived with a cracked casing$$,
	$$the box for {order} was crushed and the {product} inside is broken$$,
	$$my {product} stopped working after two days$$,
	$$the {product} came with a part missing and a deep scratch down the side$$,
	$$when I opened the parcel the {product} was in pieces$$,
	$$the {product} I received has clearly been used before and is damaged$$,
	$$the {product} won't even turn on straight out of the box$$,
	$$the {product} makes a horrible grinding noise and smells of burning$$]),
('problem.login', ARRAY[
	$$I can't log into my account$$,
	$$the password reset email never arrives$$,
	$$the app keeps saying my password is wrong even after I reset it$$,
	$$I'm locked out of my account after too many attempts$$,
	$$the verification code you send me expires before it even gets here$$,
	$$every time I sign in it throws me back to the login page$$,
	$$the site says my account doesn't exist although I've ordered from you for years$$,
	$$I can't see my orders anymore because the login just spins forever$$]),
('problem.refund', ARRAY[
	$$I returned the {product} on {date} and still haven't got my refund$$,
	$$my refund of {amount} for order {order} hasn't appeared$$,
	$$you confirmed a refund {days} days ago but the money isn't back$$,
	$$I sent back order {order} and nobody has processed the refund$$,
	$$the refund I got was {amount} short of what I paid$$,
	$$I was promised a refund for the {product} and have heard nothing since$$,
	$$your returns page says my refund is complete, my bank says otherwise$$]),
('problem.cancellation', ARRAY[
	$$I want to cancel my {plan}$$,
	$$I tried to cancel my {plan} online and the button does nothing$$,
	$$I cancelled my {plan} last month and you charged me {amount} anyway$$,
	$$I need to cancel order {order} before it ships$$,
	$$I'd like to close my account and stop all payments$$,
	$$I can't find anywhere to cancel the {plan}$$,
	$$the {plan} renewed itself without asking me and I want out$$]),
('problem.long_wait', ARRAY[
	$$I've been on hold for over an hour$$,
	$$I sent an email {days} days ago and nobody has answered$$,
	$$your chat said two minutes and I waited forty-five$$,
	$$I've been waiting {days} days for a reply to ticket {ticket}$$,
	$$nobody has got back to me since I opened ticket {ticket}$$,
	$$I've been passed between three people and still have no answer$$,
	$$the callback I was promised on {date} never happened$$]),
('problem.praise', ARRAY[
	$$I just wanted to say the {product} arrived early and works perfectly$$,
	$${agent} sorted out my refund in minutes last week and I wanted you to know$$,
	$$the {product} is even better than I expected$$,
	$$delivery was super fast and the packaging was lovely$$,
	$$thank you for replacing my {product} so quickly$$,
	$$I've had great service from your team every single time$$,
	$$the handwritten note in my parcel made my day$$]),
('problem.question', ARRAY[$${question}$$]),
-- questions with their answers, aligned: the n-th answer answers the n-th question
('qa.question', ARRAY[
	$$do you ship to Canada?$$,
	$$can I change the delivery address on order {order}?$$,
	$$is the {product} available in another colour?$$,
	$$how long does the warranty on the {product} last?$$,
	$$can I pay for order {order} in instalments?$$,
	$$what's the difference between the {plan} and the basic one?$$,
	$$do you have a size guide for the {product}?$$,
	$$can I pick up order {order} in store instead?$$,
	$$is it possible to add gift wrapping to order {order}?$$,
	$$will the {product} be back in stock soon?$$]),
('qa.answer', ARRAY[
	$$We do, and delivery to Canada takes about 7 working days.$$,
	$$Yes — I've changed the address on order {order} for you, and the courier has the new one.$$,
	$$It comes in three more colours; I've sent you the links by email.$$,
	$$The {product} has a two-year warranty, and you can register it for a third year free.$$,
	$$Yes, you can split it into three payments; I've sent the link to set that up.$$,
	$$The {plan} adds free returns and priority support; I've emailed you a side-by-side comparison.$$,
	$$There is — I've sent the size guide to your email.$$,
	$$You can; I've switched order {order} to in-store pickup and you'll get a text when it's ready.$$,
	$$Absolutely, I've added gift wrapping to order {order} at no charge.$$,
	$$It's due back next week, and I can reserve one for you if you like.$$]),
('qa.short', ARRAY[
	$$Yes, ~7 days.$$, $$Address updated.$$, $$3 other colours, links sent.$$, $$2 years.$$, $$Yes, link sent.$$,
	$$Comparison emailed.$$, $$Size guide sent.$$, $$Switched to pickup.$$, $$Added.$$, $$Next week.$$]),
-- an extra sentence about the problem, per intent
('detail.late_delivery', ARRAY[
	$$Order number is {order}.$$, $$It was a birthday present.$$, $$I stayed home all day for it.$$,
	$$The tracking page hasn't changed since {date}.$$, $$I need it for a trip on Friday.$$]),
('detail.double_charge', ARRAY[
	$$Order {order}.$$, $$I have the bank statement if you need it.$$, $$Both payments are dated {date}.$$,
	$$That money was meant for my rent.$$, $$The card ends in {card}.$$]),
('detail.damaged', ARRAY[
	$$I've attached photos.$$, $$The outer box looked fine, so it must have been packed like that.$$,
	$$Order {order}.$$, $$It was a gift and I can't give it like this.$$, $$I've kept all the packaging.$$]),
('detail.login', ARRAY[
	$$I've tried two different browsers.$$, $$My email address hasn't changed.$$,
	$$I need to download an invoice for work.$$, $$I've cleared my cookies already.$$, $$It worked fine last week.$$]),
('detail.refund', ARRAY[
	$$The return was signed for on {date}.$$, $$Order {order}.$$, $$I still have the return receipt.$$,
	$$It has been {days} working days.$$, $$The amount was {amount}.$$]),
('detail.cancellation', ARRAY[
	$$Please confirm in writing.$$, $$I don't want to be charged again.$$, $$My account email is the one I'm writing from.$$,
	$$I'm moving abroad.$$, $$I simply don't use it anymore.$$]),
('detail.long_wait', ARRAY[
	$$Ticket number {ticket}.$$, $$I've called three times as well.$$, $$I'm a {plan} member, for what it's worth.$$,
	$$My original question was about order {order}.$$]),
('detail.praise', ARRAY[
	$$Keep it up!$$, $$Please pass this on to the team.$$, $$I'll definitely order again.$$, $$Already told my friends about you.$$]),
('detail.question', ARRAY[
	$$Thanks.$$, $$It's for a gift.$$, $$I couldn't find it in the FAQ.$$, $$Just want to be sure before I order.$$]),
-- how the customer opens, per tone
('lead.angry', ARRAY[
	$$This is absolutely unacceptable.$$, $$I am furious.$$, $$Seriously?!$$, $$What a joke.$$,
	$$I'm so angry right now.$$, $$Unbelievable.$$, $$This is ridiculous.$$, $$I am sooo done with this company.$$,
	$$Are you kidding me?$$, $$Worst service ever.$$]),
('lead.repeat', ARRAY[
	$$This is the third time I'm contacting you about this.$$, $$I've already explained this twice.$$,
	$$Again.$$, $$I'm writing AGAIN because nothing has happened.$$, $$Third time asking now.$$,
	$$Every time I contact you I'm told it's sorted, and it never is.$$, $$Still waiting after my last two messages.$$,
	$$Here we go again.$$]),
('lead.anxious', ARRAY[
	$$I'm really worried.$$, $$I'm a bit panicked, sorry.$$, $$I'm quite nervous about this.$$,
	$$Please help, I'm stressed out.$$, $$I'm scared I've lost my money.$$, $$This is making me really anxious.$$,
	$$Sorry to bother you, but I'm getting worried.$$]),
('lead.confused', ARRAY[
	$$I'm confused.$$, $$I don't understand what's happening.$$, $$Sorry, maybe I'm missing something, but$$,
	$$I'm not sure what I'm supposed to do here.$$, $$Can someone explain this to me?$$, $$I'm a bit lost.$$,
	$$Quick question because I'm puzzled:$$]),
('lead.neutral', ARRAY[
	$$Hi,$$, $$Hello,$$, $$Hi there,$$, $$Good morning,$$, $$Hello team,$$, $$$$, $$$$]),
('lead.happy', ARRAY[
	$$Hi there!$$, $$Hello! Hope you're having a good day.$$, $$Hey team!$$, $$Hi! Quick one for you.$$,
	$$Good afternoon!$$, $$Hiya!$$]),
('lead.sarcastic', ARRAY[
	$$Oh great, another wonderful experience with your company.$$, $$Well, that went brilliantly.$$,
	$$Wow, amazing service as always.$$, $$Fantastic, just what I needed this week.$$, $$Thanks a lot, really.$$,
	$$Love how easy you make everything.$$, $$Five stars for creativity, I guess.$$]),
-- how the customer ends the first message, per tone
('tail.angry', ARRAY[
	$$I want this fixed today.$$, $$Fix it NOW.$$, $$If this isn't sorted I'm taking my business elsewhere.$$,
	$$I expect a refund and an apology.$$, $$I'm done with this company.$$, $$Don't send me another copy-paste answer.$$,
	$$I want to speak to a manager.$$]),
('tail.repeat', ARRAY[
	$$Why does nobody ever follow up?$$, $$I shouldn't have to keep chasing this.$$,
	$$Please don't close this ticket again without fixing it.$$, $$Each time I'm told someone will call me back. Nobody does.$$,
	$$I'm losing patience.$$, $$How many more times do I have to ask?$$]),
('tail.anxious', ARRAY[
	$$I really need this sorted before the weekend.$$, $$I can't afford to lose that money.$$,
	$$It was a gift and I'm running out of time.$$, $$I don't know what to do.$$, $$Please let me know as soon as possible.$$,
	$$Is my money safe?$$]),
('tail.confused', ARRAY[
	$$What should I do?$$, $$Is there something I need to do on my side?$$,
	$$The website says one thing and the email says another.$$, $$Could you walk me through it?$$,
	$$I really don't get it.$$, $$Which of the two emails should I believe?$$]),
('tail.neutral', ARRAY[
	$$Could you look into it?$$, $$Please advise.$$, $$Let me know what the next steps are.$$, $$Thanks in advance.$$,
	$$Can you check this for me?$$, $$Thanks.$$, $$$$]),
('tail.happy', ARRAY[
	$$Thanks so much!$$, $$Appreciate it!$$, $$Have a great day!$$, $$You guys are great.$$, $$Cheers!$$, $$Thank you!$$]),
('tail.sarcastic', ARRAY[
	$$Can't wait to hear the excuse this time.$$, $$Take your time, it's not like I need it.$$, $$Truly world-class.$$,
	$$Really impressed, as you can imagine.$$, $$I'm sure it'll be fixed by next year.$$, $$Keep up the great work.$$]),
('emoji.angry', ARRAY[$$😡$$, $$🤬$$, $$😤$$]),
('emoji.repeat', ARRAY[$$😤$$, $$🙄$$, $$😩$$]),
('emoji.anxious', ARRAY[$$😟$$, $$😰$$, $$🙏$$]),
('emoji.confused', ARRAY[$$🤔$$, $$😕$$, $$❓$$]),
('emoji.neutral', ARRAY[$$🙂$$, $$👍$$]),
('emoji.happy', ARRAY[$$😊$$, $$🙌$$, $$👍$$, $$❤️$$, $$🎉$$]),
('emoji.sarcastic', ARRAY[$$🙄$$, $$👏$$, $$🙃$$]),
-- later customer messages
('follow.hot', ARRAY[
	$$That doesn't answer my question.$$, $$I don't want excuses, I want my {product}.$$,
	$$So when exactly will this be fixed?$$, $$You said that last time.$$, $$Is anyone actually reading my messages?$$,
	$$That's not good enough.$$, $$I already did that. Twice.$$, $$So what are you going to DO about it?$$,
	$$Great, another form to fill in.$$, $$I want a date, not a promise.$$]),
('follow.worried', ARRAY[
	$$Okay, but what happens if it doesn't arrive?$$, $$Sorry, I don't follow. What do I need to do?$$,
	$$Will I definitely get my money back?$$, $$How long will that take?$$, $$I've done that, now what?$$,
	$$Is there a reference number I can keep?$$, $$Do I need to call my bank as well?$$,
	$$Sorry, one more question: will I get an email when it's done?$$]),
('follow.calm', ARRAY[
	$$Okay, thanks. Any idea how long?$$, $$Got it. Do I need to send anything?$$, $$Sounds good.$$,
	$$Thanks, I'll wait for the update.$$, $$Sure, the order number is {order}.$$, $$Here's the photo you asked for.$$,
	$$Thanks! Will I get a confirmation?$$, $$Perfect, and the email on the account is the one I'm using now.$$]),
('follow.chase', ARRAY[
	$$Hello? Is anyone there?$$, $$Any update on this?$$, $$Still waiting...$$, $$Can someone please reply?$$,
	$$?$$, $$Hello??$$, $$It's been hours. Anyone?$$, $$Just checking you got my last message.$$]),
('final.resolved', ARRAY[
	$$Thank you, that's sorted it.$$, $$Great, it worked. Thanks {agent}!$$, $$Perfect, thanks for your help.$$,
	$$Received it, thank you.$$, $$That's all I needed, cheers.$$, $$Much appreciated.$$,
	$$Brilliant, thanks for sorting that so fast 🙌$$, $$OK that's fine then. Thanks.$$, $$Finally. Thanks.$$]),
('final.unresolved', ARRAY[
	$$This still isn't fixed.$$, $$I give up.$$, $$Forget it, I'll dispute the charge with my bank.$$,
	$$Not helpful at all.$$, $$So nothing is going to happen then. Great.$$, $$I'll be leaving a review about this.$$,
	$$I want to speak to a manager.$$, $$Whatever. I'm cancelling everything.$$]),
-- bot
('bot.greeting', ARRAY[
	$$Hi! I'm Kes, the Kestrel Home assistant. An agent will be with you shortly.$$,
	$$Thanks for your message! Our team usually replies within a few minutes.$$,
	$$Hello 👋 Please hold on while we connect you to an agent.$$,
	$$Thanks for contacting Kestrel Home. You're in the queue and an agent will join soon.$$,
	$$Hi there! While you wait, you can track orders at kestrelhome.example/track.$$]),
('bot.social', ARRAY[
	$$Thanks for reaching out! Please send us a DM with your order number so we can help.$$,
	$$Hi! We've received your message and a member of the team will reply soon.$$]),
-- agents: empathetic
('emp.greet', ARRAY[
	$$Hi {name},$$, $$Hello {name},$$, $$Hi {name}, thanks for reaching out.$$, $$Thanks for getting in touch, {name}.$$,
	$$Hi {name}, {agent} here.$$]),
('emp.ack.angry', ARRAY[
	$$I completely understand why you're angry, and I'm sorry this happened.$$,
	$$I'm really sorry — that's a frustrating situation and you have every right to be upset.$$,
	$$I can hear how frustrating this has been, and I'm sorry.$$,
	$$You're right to be annoyed; this isn't the service you should get from us.$$]),
('emp.ack.repeat', ARRAY[
	$$I'm so sorry you've had to contact us several times about this; that shouldn't happen.$$,
	$$Having to explain this again is exhausting, and I'm sorry we put you in that position.$$,
	$$I'm sorry this has dragged on — I'll make sure it ends with me.$$,
	$$I can see from your history that you've been chasing this, and I apologise for that.$$]),
('emp.ack.anxious', ARRAY[
	$$I can see this is worrying you, and I want to put your mind at rest.$$,
	$$That sounds stressful, especially with the clock ticking.$$,
	$$I understand how unsettling it is not to know where your money is.$$,
	$$Please don't worry — this is something I can sort out for you.$$]),
('emp.ack.confused', ARRAY[
	$$That's a fair question — our messages haven't made this very clear.$$,
	$$I can see why that's confusing, so let me explain.$$,
	$$No problem at all, let's go through it together.$$,
	$$You're not missing anything; our emails were contradictory, and I'm sorry about that.$$]),
('emp.ack.neutral', ARRAY[
	$$Thanks for letting us know.$$, $$Thanks for the details.$$, $$I appreciate you flagging this.$$,
	$$Thanks for your message.$$]),
('emp.ack.happy', ARRAY[
	$$That's lovely to hear!$$, $$Thanks for the kind words!$$, $$You've made my day.$$, $$Thank you for being so friendly!$$]),
('emp.ack.sarcastic', ARRAY[
	$$I'm sorry we've let you down — I understand the frustration behind your message.$$,
	$$Fair enough, this hasn't been the experience you deserve.$$,
	$$I get it, and I'm sorry we've made this harder than it should be.$$]),
('emp.reflect.late_delivery', ARRAY[
	$$So your {product} still hasn't arrived, even though it was due on {date}.$$,
	$$It sounds like order {order} is stuck and the tracking isn't helping.$$,
	$$You've been waiting longer than promised and nobody has explained why.$$]),
('emp.reflect.double_charge', ARRAY[
	$$So you've been charged {amount} twice for the same order.$$,
	$$You're seeing two payments when you only placed one order.$$,
	$$It looks like order {order} was billed twice, which must be worrying.$$]),
('emp.reflect.damaged', ARRAY[
	$$So the {product} arrived damaged — that's not how it should reach you.$$,
	$$You received a broken {product}, which is the last thing you want after waiting for it.$$,
	$$It sounds like the {product} was faulty from day one.$$]),
('emp.reflect.login', ARRAY[
	$$So you can't get into your account even after resetting the password.$$,
	$$You're locked out and the reset emails aren't getting through.$$,
	$$The sign-in keeps failing, which stops you from doing anything.$$]),
('emp.reflect.refund', ARRAY[
	$$So your refund of {amount} hasn't come through yet.$$,
	$$You returned the {product} and you're still waiting for your money.$$,
	$$You were promised a refund and haven't seen it.$$]),
('emp.reflect.cancellation', ARRAY[
	$$You'd like to cancel the {plan} and stop any further payments.$$,
	$$So the cancellation didn't go through and you were still charged.$$,
	$$You want to cancel order {order} before it goes out.$$]),
('emp.reflect.long_wait', ARRAY[
	$$You've been waiting far too long for a reply.$$,
	$$So ticket {ticket} has gone unanswered for {days} days.$$,
	$$You've been passed around without getting an answer.$$]),
('emp.reflect.praise', ARRAY[
	$$It's great to hear the {product} is working so well for you.$$, $$I'm glad the team looked after you.$$, $$$$]),
('emp.reflect.question', ARRAY[
	$$Good question.$$, $$Happy to help with that.$$, $$$$]),
('emp.explore', ARRAY[
	$$Could you tell me a bit more about what happened?$$, $$Just to make sure I've got this right, is that the only order affected?$$,
	$$Is there anything else that's been bothering you about this?$$, $$$$, $$$$, $$$$]),
('emp.reassure', ARRAY[
	$$I'll keep an eye on this until it's resolved.$$, $$If anything else goes wrong, reply here and I'll pick it up.$$,
	$$You won't need to chase this again.$$, $$I'll check back with you tomorrow.$$, $$$$, $$$$]),
('emp.close', ARRAY[
	$$Thanks for your patience, {name}.$$, $$Take care, {name}.$$, $$Thanks for bearing with us.$$, $$$$, $$$$]),
('emp.follow', ARRAY[
	$$You're right to ask, {name}.$$, $$Good question — let me check that for you right away.$$,
	$$Thanks for bearing with me.$$, $$I understand, and I'm on it.$$, $$That makes sense, thank you for checking.$$]),
('emp.follow.action', ARRAY[
	$$I've just confirmed it's on its way, and I'll send you the tracking link.$$,
	$$Your reference is {ticket}, and I've added a note so nobody asks you to repeat this.$$,
	$$It should take no more than 3 working days, and I'll let you know the moment it's done.$$,
	$$I've double-checked and everything is in place on our side.$$,
	$$You'll get a confirmation email within the hour.$$]),
('emp.closing', ARRAY[
	$$You're very welcome, {name}. Have a lovely day!$$, $$Glad we got there, {name}. Take care.$$,
	$$Happy to help — and sorry again for the trouble.$$, $$Thanks for your patience, {name}. Enjoy the rest of your week.$$]),
-- actions, per intent (empathetic and name-overusing agents)
('action.late_delivery', ARRAY[
	$$I've contacted the courier and asked them to trace order {order} today.$$,
	$$I've arranged a replacement to ship by express at no cost to you.$$,
	$$I've refunded your shipping and flagged the parcel as urgent.$$]),
('action.double_charge', ARRAY[
	$$I've cancelled the duplicate payment; the {amount} will be back on your card within 3–5 working days.$$,
	$$I've refunded the second charge of {amount} and added a note to your account.$$,
	$$I've confirmed the duplicate and started the refund myself.$$]),
('action.damaged', ARRAY[
	$$I've sent out a replacement {product}, which should arrive within 2 days.$$,
	$$I've issued a prepaid return label and a full refund.$$,
	$$I'll send a new {product} today, and you don't need to return the broken one.$$]),
('action.login', ARRAY[
	$$I've reset your account and sent a fresh sign-in link to your email.$$,
	$$I've unlocked your account; you should be able to sign in now.$$,
	$$I've switched your verification to text message so the code arrives straight away.$$]),
('action.refund', ARRAY[
	$$I've chased the refund and it has now been released — {amount} should appear within 3 working days.$$,
	$$I've processed your refund of {amount} personally.$$,
	$$I've escalated this to our payments team and will follow up with you tomorrow.$$]),
('action.cancellation', ARRAY[
	$$I've cancelled your {plan} effective today and refunded the last charge.$$,
	$$Order {order} is cancelled and you won't be charged.$$,
	$$I've closed the subscription and confirmed it by email.$$]),
('action.long_wait', ARRAY[
	$$I've taken ownership of ticket {ticket} and I'll see it through.$$,
	$$I've answered your original question below and moved your ticket to the front.$$,
	$$I'm handling this myself from now on.$$]),
('action.praise', ARRAY[
	$$I'll pass your message on to the team — it means a lot.$$, $$I've shared your feedback with the warehouse team.$$,
	$$I'll make sure your comments reach the right people.$$]),
('action.question', ARRAY[$${answer}$$]),
-- agents: scripted, robotic
('script.greet', ARRAY[
	$$Dear Customer,$$, $$Dear Valued Customer,$$, $$Hello,$$, $$Dear {name},$$]),
('script.line', ARRAY[
	$$Thank you for contacting Kestrel Home Customer Support.$$,
	$$Your request has been received and is being processed.$$,
	$$We apologize for any inconvenience this may have caused.$$,
	$$Please allow 3-5 business days for a response.$$,
	$$Your satisfaction is important to us.$$,
	$$We value your feedback.$$,
	$$Please be advised that all requests are handled in the order received.$$,
	$$We understand your concern.$$]),
('script.action', ARRAY[
	$$A ticket has been created with reference {ticket}.$$,
	$$The relevant department has been notified.$$,
	$$Your case has been forwarded to the appropriate team.$$,
	$$Please refer to our Help Centre for further information.$$]),
('script.close', ARRAY[
	$$Is there anything else I can help you with today?$$,
	$$Kind regards, Customer Support Team$$,
	$$Thank you for choosing Kestrel Home.$$,
	$$Have a nice day.$$]),
('script.follow', ARRAY[
	$$As previously stated, your request is being processed.$$, $$Please refer to our previous message.$$,
	$$We appreciate your patience.$$, $$Your case is in progress.$$, $$Your feedback has been noted.$$]),
('script.closing', ARRAY[
	$$Thank you for contacting us. This ticket will now be closed.$$,
	$$Your case has been resolved. Thank you for choosing Kestrel Home.$$]),
-- agents: curt but efficient
('curt.open', ARRAY[$$Hi.$$, $$$$, $$$$, $${name} -$$, $$Hi {name}.$$]),
('curt.late_delivery', ARRAY[$$Courier chased. Update within 24h.$$, $$Replacement sent, express.$$, $$Tracking updated, arrives tomorrow.$$]),
('curt.double_charge', ARRAY[$$Duplicate refunded.$$, $$Second charge cancelled, 3-5 days.$$, $$Refunded {amount}.$$]),
('curt.damaged', ARRAY[$$Replacement on its way.$$, $$Return label sent. Refund on receipt.$$, $$New {product} ships today.$$]),
('curt.login', ARRAY[$$Account unlocked. Try now.$$, $$Reset link sent.$$, $$Fixed. Log in again.$$]),
('curt.refund', ARRAY[$$Refund processed, 3 days.$$, $$Refund released.$$, $${amount} refunded.$$]),
('curt.cancellation', ARRAY[$$Cancelled.$$, $$Done, {plan} cancelled.$$, $$Order cancelled, no charge.$$]),
('curt.long_wait', ARRAY[$$Looking at it now.$$, $$Answered below.$$, $$On it.$$]),
('curt.praise', ARRAY[$$Thanks.$$, $$Noted, thanks.$$, $$Passed on.$$]),
('curt.question', ARRAY[$${short}$$]),
('curt.follow', ARRAY[$$Yes.$$, $$3 days.$$, $$Ref {ticket}.$$, $$Done.$$, $$No need.$$, $$Confirmed.$$]),
('curt.closing', ARRAY[$$Closing.$$, $$Np.$$, $$👍$$]),
-- agents: blaming
('blame.late_delivery', ARRAY[
	$$You should have checked the delivery address before ordering.$$,
	$$The courier says nobody was home, so that's why it came back.$$,
	$$Delivery times are estimates, as our terms clearly say.$$]),
('blame.double_charge', ARRAY[
	$$You must have pressed the pay button twice.$$,
	$$That's your bank holding the money, not us charging you.$$,
	$$If you had waited for the confirmation page this wouldn't happen.$$]),
('blame.damaged', ARRAY[
	$$It was fine when it left our warehouse, so the damage is down to the courier or to how it was opened.$$,
	$$You should have refused the parcel if the box was damaged.$$,
	$$Did you follow the instructions in the manual? Most faults are caused by incorrect use.$$]),
('blame.login', ARRAY[
	$$You must have entered the wrong password.$$,
	$$The reset email is probably in your spam folder; you should have checked there first.$$,
	$$Accounts only get locked when the customer tries too many times.$$]),
('blame.refund', ARRAY[
	$$You didn't include the return form, which is why it took longer.$$,
	$$Refunds take time and you sent it back late.$$,
	$$Your bank is the one causing the delay, not us.$$]),
('blame.cancellation', ARRAY[
	$$You didn't read the cancellation policy.$$,
	$$You should have cancelled before the renewal date.$$,
	$$The button works fine, you must be using an old browser.$$]),
('blame.long_wait', ARRAY[
	$$We are very busy and you sent several messages, which slows everything down.$$,
	$$If you had used the right contact form you would have had an answer sooner.$$,
	$$Replies take longer when customers open duplicate tickets.$$]),
('blame.praise', ARRAY[$$Thanks.$$]),
('blame.question', ARRAY[
	$$This is explained on the product page.$$, $$As stated in the FAQ, yes.$$, $$You could have found this on our website.$$]),
('blame.tail', ARRAY[
	$$Please be more careful next time.$$, $$There's not much we can do.$$, $$It's not our fault.$$,
	$$I've made an exception this once.$$, $$$$]),
('blame.follow', ARRAY[
	$$As I already said, this is down to the courier.$$, $$That's something you'll need to sort out with your bank.$$,
	$$You were told this in my last message.$$, $$Again, please read our terms.$$]),
-- agents: dismissive
('dismiss.line', ARRAY[
	$$Calm down, it's only a few days.$$, $$That's not a big deal.$$, $$It'll probably turn up.$$,
	$$These things happen.$$, $$Just wait a bit longer.$$, $$Just try again later.$$,
	$$There's nothing wrong on our side.$$, $$Honestly, it's a minor issue.$$, $$No need to get upset.$$]),
('dismiss.follow', ARRAY[
	$$Like I said, just wait.$$, $$It's fine.$$, $$Nothing more I can do.$$, $$It'll sort itself out.$$, $$Ok.$$]),
-- agents: overusing the customer's name
('nameover.greet', ARRAY[
	$${name}, thanks for reaching out, {name}!$$, $$Hi {name}! Great to hear from you, {name}.$$,
	$$Hello {name}, {name}, thanks for your message.$$]),
('nameover.line', ARRAY[
	$$I understand, {name}.$$, $$Don't worry, {name}.$$, $${name}, I'm here for you, {name}.$$,
	$$Rest assured, {name}, we'll get this sorted.$$]),
('nameover.close', ARRAY[
	$$Is there anything else I can do for you today, {name}?$$, $$Have a great day, {name}!$$,
	$$Thanks again, {name}. Take care, {name}!$$]),
('nameover.follow', ARRAY[
	$${name}, I hear you, {name}.$$, $$Of course, {name}! {name}, let me check.$$, $$Thanks {name}, that's helpful, {name}.$$]),
-- agents: over-apologising
('sorry.line', ARRAY[
	$$I'm so, so sorry.$$, $$I sincerely apologise.$$, $$Again, I'm terribly sorry.$$,
	$$I apologise for the trouble, and I'm sorry for the delay.$$, $$Please accept our deepest apologies.$$,
	$$Sorry!$$, $$I'm really sorry about all of this.$$, $$Apologies once more.$$, $$I can't apologise enough.$$]),
('sorry.follow', ARRAY[
	$$So sorry again!$$, $$Apologies, I should have said that earlier, sorry.$$, $$Sorry, sorry — yes, it's done.$$,
	$$I'm sorry for the confusion, truly sorry.$$]),
-- plain greetings for styles that have no warmth of their own
('plain.greet', ARRAY[$$Hi,$$, $$Hello,$$, $$Hi {name},$$, $$$$]),
-- people, places, things
('first_name', ARRAY[
	$$Emma$$, $$Liam$$, $$Olivia$$, $$Noah$$, $$Ava$$, $$Ethan$$, $$Mia$$, $$Lucas$$, $$Isla$$, $$Jack$$,
	$$Amelia$$, $$Harry$$, $$Sophie$$, $$Oscar$$, $$Grace$$, $$Leo$$, $$Chloe$$, $$Mason$$, $$Ella$$, $$Arjun$$,
	$$Fatima$$, $$Mohammed$$, $$Aaliyah$$, $$Kwame$$, $$Ngozi$$, $$Hiroshi$$, $$Mei$$, $$Wei$$, $$Ana$$, $$Carlos$$,
	$$Lucía$$, $$José$$, $$Zoë$$, $$Renée$$, $$François$$, $$Łukasz$$, $$Søren$$, $$Björn$$, $$Siobhán$$, $$Aoife$$,
	$$Ömer$$, $$Yūki$$, $$Dmitri$$, $$Chiara$$, $$Mateus$$, $$Priya$$, $$Tom$$, $$Kate$$, $$Sam$$, $$Alex$$]),
('last_name', ARRAY[
	$$Smith$$, $$Jones$$, $$Taylor$$, $$Brown$$, $$Williams$$, $$Wilson$$, $$Evans$$, $$Thomas$$, $$Roberts$$, $$Walker$$,
	$$Khan$$, $$Patel$$, $$Singh$$, $$Okafor$$, $$Mensah$$, $$Nakamura$$, $$Chen$$, $$Li$$, $$Silva$$, $$Ferreira$$,
	$$García$$, $$Martínez$$, $$Müller$$, $$Schmidt$$, $$Kowalczyk$$, $$Nguyễn$$, $$Øvergaard$$, $$Ó Briain$$,
	$$O'Connor$$, $$Smith-Jones$$, $$Dubois$$, $$Rossi$$, $$Novak$$, $$Andersson$$, $$Yılmaz$$, $$Ivanova$$,
	$$Murphy$$, $$Kelly$$, $$Hughes$$, $$Moreau$$]),
('country', ARRAY[$$GB$$, $$GB$$, $$GB$$, $$IE$$, $$DE$$, $$FR$$, $$NL$$, $$ES$$, $$US$$, $$CA$$]),
('product', ARRAY[
	$$wireless headphones$$, $$standing desk$$, $$coffee grinder$$, $$running shoes$$, $$phone case$$, $$air fryer$$,
	$$yoga mat$$, $$desk lamp$$, $$backpack$$, $$smart watch$$, $$blender$$, $$winter jacket$$, $$bluetooth speaker$$,
	$$kettle$$, $$office chair$$, $$duvet set$$, $$cast-iron pan$$, $$baby monitor$$, $$robot vacuum$$, $$rain boots$$]),
('plan', ARRAY[$$Kestrel Plus membership$$, $$monthly coffee subscription$$, $$extended warranty plan$$, $$family plan$$]);

--
-- Helpers (session-local)
--

-- Return a random element of a pool.
CREATE FUNCTION pg_temp.pick(p text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	a text[];
BEGIN
	SELECT items INTO a FROM pg_temp.pool WHERE name = p;
	IF a IS NULL THEN
		RAISE EXCEPTION 'no fragment pool "%"', p;
	END IF;
	RETURN a[1 + floor(random() * cardinality(a))::int];
END $$;

-- Return k different random elements of a pool, joined with spaces.
CREATE FUNCTION pg_temp.pick_some(p text, k int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	a text[];
	chosen int[] := '{}';
	j int;
BEGIN
	SELECT items INTO a FROM pg_temp.pool WHERE name = p;
	IF a IS NULL OR cardinality(a) < k THEN
		RAISE EXCEPTION 'no fragment pool "%" with % items', p, k;
	END IF;
	WHILE cardinality(chosen) < k LOOP
		j := 1 + floor(random() * cardinality(a))::int;
		IF NOT j = ANY (chosen) THEN
			chosen := chosen || j;
		END IF;
	END LOOP;
	RETURN (SELECT string_agg(a[c], ' ' ORDER BY o) FROM unnest(chosen) WITH ORDINALITY u(c, o));
END $$;

-- Return true with probability p.
CREATE FUNCTION pg_temp.chance(p float8) RETURNS boolean LANGUAGE sql AS
$$ SELECT random() < p $$;

-- Return a standard normal draw (Box-Muller).
CREATE FUNCTION pg_temp.gauss() RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	u1 float8 := 1.0 - random();
	u2 float8 := random();
BEGIN
	RETURN sqrt(-2.0 * ln(u1)) * cos(2.0 * pi() * u2);
END $$;

-- Return a random integer in lo..hi.
CREATE FUNCTION pg_temp.rint(lo int, hi int) RETURNS int LANGUAGE sql AS
$$ SELECT lo + floor(random() * (hi - lo + 1))::int $$;

-- Return one of items, drawn with the given weights.
CREATE FUNCTION pg_temp.weighted(items text[], weights float8[]) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	total float8 := 0;
	r float8;
BEGIN
	FOR i IN 1 .. cardinality(weights) LOOP
		total := total + weights[i];
	END LOOP;
	r := random() * total;
	FOR i IN 1 .. cardinality(weights) LOOP
		r := r - weights[i];
		IF r < 0 THEN
			RETURN items[i];
		END IF;
	END LOOP;
	RETURN items[cardinality(items)];
END $$;

-- Fill the placeholders of a fragment from ctx (question, answer, short
-- answer, then name, order, product, amount, days, date, ticket, plan, card,
-- agent: the question and answers come first as they hold placeholders).
CREATE FUNCTION pg_temp.fill(t text, ctx text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
		replace(replace(replace(t, '{question}', ctx[11]), '{answer}', ctx[12]), '{short}', ctx[13]),
		'{name}', ctx[1]), '{order}', ctx[2]), '{product}', ctx[3]), '{amount}', ctx[4]),
		'{days}', ctx[5]), '{date}', ctx[6]), '{ticket}', ctx[7]), '{plan}', ctx[8]),
		'{card}', ctx[9]), '{agent}', ctx[10])
$$;

-- Join the non-empty parts with sep.
CREATE FUNCTION pg_temp.joined(parts text[], sep text DEFAULT ' ') RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(string_agg(p, sep ORDER BY i), '') FROM unnest(parts) WITH ORDINALITY u(p, i) WHERE p <> ''
$$;

-- Upper-case the first letter.
CREATE FUNCTION pg_temp.cap(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT upper(left(t, 1)) || substr(t, 2)
$$;

-- Write a customer's first message.
CREATE FUNCTION pg_temp.customer_opening(intent text, tone text, channel text, ctx text[], first_name text)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	lead text := pg_temp.fill(pg_temp.pick('lead.' || tone), ctx);
	problem text := pg_temp.fill(pg_temp.pick('problem.' || intent), ctx);
	detail text := '';
	tail text;
	emoji text := '';
	signoff text;
	body text;
BEGIN
	IF pg_temp.chance(CASE channel WHEN 'email' THEN 0.7 WHEN 'chat' THEN 0.4 ELSE 0.2 END) THEN
		detail := pg_temp.fill(pg_temp.pick('detail.' || intent), ctx);
	END IF;
	tail := pg_temp.fill(pg_temp.pick('tail.' || tone), ctx);
	IF lead = '' OR right(lead, 1) IN ('.', '!', '?', ':') THEN
		problem := pg_temp.cap(problem);
	END IF;
	IF right(problem, 1) <> '?' THEN
		IF tone = 'angry' THEN
			problem := problem || (ARRAY['!!!', '!', '!!', '.'])[pg_temp.rint(1, 4)];
		ELSIF tone IN ('happy') OR intent = 'praise' THEN
			problem := problem || (ARRAY['!', '.'])[pg_temp.rint(1, 2)];
		ELSE
			problem := problem || '.';
		END IF;
	END IF;
	IF tone = 'angry' AND pg_temp.chance(0.45) THEN
		problem := upper(problem);
	ELSIF tone = 'repeat' AND pg_temp.chance(0.2) THEN
		tail := upper(tail);
	END IF;
	IF pg_temp.chance(CASE channel WHEN 'email' THEN 0.1 WHEN 'chat' THEN 0.3 ELSE 0.6 END) THEN
		emoji := pg_temp.pick('emoji.' || tone);
		IF pg_temp.chance(0.25) THEN
			emoji := emoji || emoji;
		END IF;
	END IF;
	body := pg_temp.joined(ARRAY[lead, problem, detail, tail, emoji]);
	IF channel = 'chat' AND tone IN ('neutral', 'confused') AND pg_temp.chance(0.15) THEN
		body := lower(body);
	ELSIF channel = 'social' THEN
		body := '@KestrelHome ' || body;
	ELSIF channel = 'email' THEN
		signoff := (ARRAY['Thanks,', 'Regards,', 'Best,', '', ''])[pg_temp.rint(1, 5)];
		IF pg_temp.chance(0.8) THEN
			signoff := pg_temp.joined(ARRAY[signoff, first_name], E'\n');
		END IF;
		body := pg_temp.joined(ARRAY[body, signoff], E'\n\n');
	END IF;
	RETURN body;
END $$;

-- Write an agent's reply in a style (first reply, follow-up or closing).
CREATE FUNCTION pg_temp.agent_reply(style text, kind text, intent text, tone text, channel text,
	ctx text[], agent_name text)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	body text;
	greet text := '';
BEGIN
	IF kind = 'first' THEN
		CASE style
			WHEN 'empathetic' THEN
				greet := pg_temp.pick('emp.greet');
				body := pg_temp.joined(ARRAY[pg_temp.pick('emp.ack.' || tone), pg_temp.pick('emp.reflect.' || intent),
					pg_temp.pick('action.' || intent),
					CASE WHEN intent IN ('praise', 'question') THEN '' ELSE pg_temp.pick('emp.explore') END,
					pg_temp.pick('emp.reassure'),
					pg_temp.pick('emp.close')]);
			WHEN 'scripted' THEN
				greet := pg_temp.pick('script.greet');
				body := pg_temp.joined(ARRAY[pg_temp.pick_some('script.line', pg_temp.rint(1, 3)),
					pg_temp.pick('script.action'), pg_temp.pick('script.close')]);
			WHEN 'curt' THEN
				body := pg_temp.joined(ARRAY[pg_temp.pick('curt.open'), pg_temp.pick('curt.' || intent)]);
			WHEN 'blaming' THEN
				greet := pg_temp.pick('plain.greet');
				body := pg_temp.joined(ARRAY[pg_temp.pick('blame.' || intent), pg_temp.pick('blame.tail'),
					CASE WHEN pg_temp.chance(0.5) THEN pg_temp.pick('curt.' || intent) ELSE '' END]);
			WHEN 'dismissive' THEN
				greet := pg_temp.pick('plain.greet');
				body := pg_temp.joined(ARRAY[pg_temp.pick_some('dismiss.line', pg_temp.rint(1, 2)),
					CASE WHEN pg_temp.chance(0.3) THEN pg_temp.pick('curt.' || intent) ELSE '' END]);
			WHEN 'name_overuser' THEN
				greet := pg_temp.pick('nameover.greet');
				body := pg_temp.joined(ARRAY[pg_temp.pick_some('nameover.line', 1), pg_temp.pick('action.' || intent),
					pg_temp.pick_some('nameover.line', 1), pg_temp.pick('nameover.close')]);
			WHEN 'over_apologiser' THEN
				greet := pg_temp.pick('plain.greet');
				body := pg_temp.joined(ARRAY[pg_temp.pick_some('sorry.line', pg_temp.rint(2, 3)),
					pg_temp.pick('action.' || intent), pg_temp.pick_some('sorry.line', 1)]);
			ELSE
				RAISE EXCEPTION 'unknown style %', style;
		END CASE;
	ELSIF kind = 'follow' THEN
		body := CASE style
			WHEN 'empathetic' THEN pg_temp.joined(ARRAY[pg_temp.pick('emp.follow'), pg_temp.pick('emp.follow.action')])
			WHEN 'scripted' THEN pg_temp.joined(ARRAY[pg_temp.pick('script.follow'), pg_temp.pick('script.close')])
			WHEN 'curt' THEN pg_temp.pick('curt.follow')
			WHEN 'blaming' THEN pg_temp.pick('blame.follow')
			WHEN 'dismissive' THEN pg_temp.pick('dismiss.follow')
			WHEN 'name_overuser' THEN pg_temp.joined(ARRAY[pg_temp.pick('nameover.follow'), pg_temp.pick('emp.follow.action')])
			WHEN 'over_apologiser' THEN pg_temp.joined(ARRAY[pg_temp.pick('sorry.follow'), pg_temp.pick('emp.follow.action')])
		END;
	ELSE
		body := CASE style
			WHEN 'empathetic' THEN pg_temp.pick('emp.closing')
			WHEN 'scripted' THEN pg_temp.pick('script.closing')
			WHEN 'curt' THEN pg_temp.pick('curt.closing')
			WHEN 'blaming' THEN 'Ok.'
			WHEN 'dismissive' THEN pg_temp.pick('dismiss.follow')
			WHEN 'name_overuser' THEN pg_temp.pick('nameover.close')
			WHEN 'over_apologiser' THEN pg_temp.pick('sorry.follow')
		END;
	END IF;
	IF channel = 'email' THEN
		body := pg_temp.joined(ARRAY[greet, body, split_part(agent_name, ' ', 1) || E'\nKestrel Home Customer Care'], E'\n\n');
	ELSE
		IF right(greet, 1) = ',' THEN
			greet := left(greet, -1) || '.';
		END IF;
		body := pg_temp.joined(ARRAY[greet, body]);
		IF channel = 'social' AND kind = 'first' THEN
			body := body || ' ^' || left(agent_name, 1) || left(split_part(agent_name, ' ', 2), 1);
		END IF;
	END IF;
	RETURN pg_temp.fill(body, ctx);
END $$;

--
-- Teams and agents
--
INSERT INTO demo.teams VALUES
	('harbour', 'Harbour', '06:00', '14:00'),
	('meadow', 'Meadow', '10:00', '18:00'),
	('lantern', 'Lantern', '14:00', '22:00');

INSERT INTO demo.agents (agent_id, full_name, team_id, style, coached_style, coached_on, hired_on) VALUES
	('ag01', 'Priya Nair', 'harbour', 'empathetic', NULL, NULL, '2021-03-01'),
	('ag02', 'Tom Becker', 'harbour', 'scripted', 'empathetic', '2024-03-04', '2022-06-13'),
	('ag03', 'Aisha Mensah', 'harbour', 'curt', NULL, NULL, '2020-09-07'),
	('ag04', 'Lukas Horvat', 'harbour', 'blaming', 'empathetic', '2024-03-04', '2023-01-09'),
	('ag05', 'Mei Tanaka', 'harbour', 'over_apologiser', NULL, NULL, '2023-05-15'),
	('ag06', 'Diego Ramos', 'harbour', 'mixed', NULL, NULL, '2022-11-21'),
	('ag07', 'Hannah Clarke', 'harbour', 'empathetic', NULL, NULL, '2019-04-01'),
	('ag08', 'Omar Haddad', 'harbour', 'name_overuser', NULL, NULL, '2023-08-28'),
	('ag09', 'Sofia Rossi', 'meadow', 'empathetic', NULL, NULL, '2020-02-17'),
	('ag10', 'Ben Okafor', 'meadow', 'dismissive', 'empathetic', '2024-03-04', '2023-02-06'),
	('ag11', 'Julia Nowak', 'meadow', 'scripted', NULL, NULL, '2021-10-04'),
	('ag12', 'Ravi Patel', 'meadow', 'curt', 'empathetic', '2024-03-04', '2022-01-10'),
	('ag13', 'Chloe Martin', 'meadow', 'mixed', NULL, NULL, '2023-09-18'),
	('ag14', 'Kenji Sato', 'meadow', 'blaming', NULL, NULL, '2022-04-25'),
	('ag15', 'Nadia Petrova', 'meadow', 'over_apologiser', NULL, NULL, '2021-07-12'),
	('ag16', 'Sam Fletcher', 'meadow', 'empathetic', NULL, NULL, '2018-10-29'),
	('ag17', 'Grace Wanjiru', 'lantern', 'name_overuser', 'empathetic', '2024-03-04', '2023-03-20'),
	('ag18', 'Leo Fischer', 'lantern', 'scripted', NULL, NULL, '2020-12-07'),
	('ag19', 'Amara Diallo', 'lantern', 'empathetic', NULL, NULL, '2022-08-01'),
	('ag20', 'Marcus Lindqvist', 'lantern', 'dismissive', NULL, NULL, '2023-06-05'),
	('ag21', 'Elena García', 'lantern', 'mixed', 'empathetic', '2024-03-04', '2021-05-24'),
	('ag22', 'Tariq Aziz', 'lantern', 'curt', NULL, NULL, '2019-11-11'),
	('ag23', 'Fiona Walsh', 'lantern', 'scripted', NULL, NULL, '2023-10-30'),
	('ag24', 'Noah Brennan', 'lantern', 'empathetic', NULL, NULL, '2022-02-14');

--
-- Customers, conversations, messages, surveys
--

CREATE TEMP TABLE draft_message (
	conversation_id bigint, seq int, sent_at timestamptz, role text, agent_id text, body text,
	intent text, tone text, style text, resolved boolean
);

DO $generate$
DECLARE
	start_at constant timestamptz := '2024-01-08 00:00+00';
	end_at constant timestamptz := '2024-04-29 00:00+00';
	n_customers constant int := 1100;
	n_conversations constant int := 2400;
	intents constant text[] := ARRAY['late_delivery', 'double_charge', 'damaged', 'login', 'refund',
		'cancellation', 'long_wait', 'praise', 'question'];
	intent_weights constant float8[] := ARRAY[17, 9, 12, 10, 13, 8, 8, 7, 16];
	tones constant text[] := ARRAY['angry', 'repeat', 'anxious', 'confused', 'neutral', 'happy', 'sarcastic'];
	-- how each style moves the customer (survey) and how often it resolves the issue
	style_names constant text[] := ARRAY['empathetic', 'scripted', 'curt', 'blaming', 'dismissive',
		'name_overuser', 'over_apologiser'];
	style_effect constant float8[] := ARRAY[0.8, -0.3, 0.0, -0.95, -0.8, 0.1, 0.05];
	style_resolves constant float8[] := ARRAY[0.86, 0.62, 0.80, 0.50, 0.42, 0.76, 0.72];
	agent_ids text[];
	agent_names text[];
	agent_teams text[];
	agent_speed float8[] := '{}';
	first_names text[] := '{}';
	fn text;
	ln text;
	d record;
	conv record;
	cid bigint := 0;
	day_no int;
	opened timestamptz;
	channel text;
	intent text;
	tone text;
	hour int;
	team text;
	ai int;
	ag record;
	style text;
	first_style text;
	effect float8;
	ctx text[];
	resolved boolean;
	is_open boolean;
	turns int;
	t timestamptz;
	ready timestamptz;
	frt_seconds float8;
	first_reply_at timestamptz;
	seq int;
	last_role text;
	latent float8;
	wait_term float8;
	closed timestamptz;
	escalated boolean;
	s_csat int;
	s_nps int;
	s_ces int;
	s_fcr boolean;
	qa int;
	answered timestamptz;
BEGIN
	PERFORM setseed(0.20240108);
	SELECT array_agg(agent_id ORDER BY agent_id), array_agg(full_name ORDER BY agent_id),
		array_agg(team_id ORDER BY agent_id)
		INTO agent_ids, agent_names, agent_teams FROM demo.agents;
	FOR i IN 1 .. cardinality(agent_ids) LOOP
		agent_speed := agent_speed || (0.6 + random() * 1.1);
	END LOOP;

	FOR i IN 1 .. n_customers LOOP
		fn := pg_temp.pick('first_name');
		ln := pg_temp.pick('last_name');
		first_names := first_names || fn;
		INSERT INTO demo.customers VALUES (i, fn, ln,
			lower(replace(replace(fn || '.' || ln, ' ', ''), '''', '')) || i || '@example.com',
			pg_temp.pick('country'), CASE WHEN pg_temp.chance(0.2) THEN 'plus' ELSE 'standard' END,
			start_at - (30 + floor(random() * 1500)) * interval '1 day');
	END LOOP;

	-- draw the conversations, then number them in the order they were opened
	CREATE TEMP TABLE draft_conversation (draw int, opened_at timestamptz, channel text, intent text,
		tone text, customer_id int);
	FOR i IN 1 .. n_conversations LOOP
		LOOP
			day_no := floor(random() * 112)::int;
			EXIT WHEN extract(isodow FROM start_at + day_no * interval '1 day') < 6 OR pg_temp.chance(0.45);
		END LOOP;
		channel := pg_temp.weighted(ARRAY['chat', 'email', 'social'], ARRAY[45, 35, 20]::float8[]);
		hour := CASE channel
			WHEN 'chat' THEN pg_temp.rint(8, 21)
			WHEN 'social' THEN pg_temp.rint(7, 23)
			ELSE CASE WHEN pg_temp.chance(0.7) THEN pg_temp.rint(8, 19) ELSE pg_temp.rint(0, 23) END
		END;
		opened := start_at + day_no * interval '1 day' + hour * interval '1 hour'
			+ floor(random() * 3600) * interval '1 second';
		intent := pg_temp.weighted(intents, intent_weights);
		tone := CASE intent
			WHEN 'praise' THEN pg_temp.weighted(ARRAY['happy', 'neutral'], ARRAY[80, 20]::float8[])
			WHEN 'question' THEN pg_temp.weighted(ARRAY['neutral', 'confused', 'happy', 'anxious'], ARRAY[50, 30, 10, 10]::float8[])
			WHEN 'long_wait' THEN pg_temp.weighted(ARRAY['angry', 'repeat', 'sarcastic', 'neutral', 'anxious'], ARRAY[25, 30, 20, 15, 10]::float8[])
			ELSE pg_temp.weighted(tones, ARRAY[16, 12, 13, 10, 33, 4, 12]::float8[])
		END;
		INSERT INTO draft_conversation VALUES (i, opened, channel, intent, tone,
			1 + floor(n_customers * power(random(), 1.4))::int);
	END LOOP;

	FOR d IN SELECT * FROM draft_conversation ORDER BY opened_at, draw LOOP
		cid := cid + 1;
		hour := extract(hour FROM d.opened_at);
		-- the team on shift, or the first one of the next morning
		IF hour >= 14 AND hour < 22 THEN
			team := CASE WHEN hour < 18 AND pg_temp.chance(0.5) THEN 'meadow' ELSE 'lantern' END;
			ready := d.opened_at;
		ELSIF hour >= 6 AND hour < 14 THEN
			team := CASE WHEN hour >= 10 AND pg_temp.chance(0.5) THEN 'meadow' ELSE 'harbour' END;
			ready := d.opened_at;
		ELSE
			team := 'harbour';
			ready := date_trunc('day', d.opened_at) + CASE WHEN hour >= 22 THEN interval '30 hours' ELSE interval '6 hours' END;
		END IF;
		LOOP
			ai := pg_temp.rint(1, cardinality(agent_ids));
			EXIT WHEN agent_teams[ai] = team;
		END LOOP;
		SELECT * INTO ag FROM demo.agents WHERE agent_id = agent_ids[ai];
		style := CASE WHEN ag.coached_on IS NOT NULL AND d.opened_at >= ag.coached_on THEN ag.coached_style ELSE ag.style END;

		ctx := ARRAY[first_names[d.customer_id],
			'#' || pg_temp.rint(40000, 99999),
			pg_temp.pick('product'),
			'$' || to_char(pg_temp.rint(9, 259) + (ARRAY[0.99, 0.50, 0.00])[pg_temp.rint(1, 3)], 'FM99990.00'),
			pg_temp.rint(3, 14)::text,
			to_char(d.opened_at - pg_temp.rint(2, 12) * interval '1 day', 'FMMonth FMDD'),
			'T-' || pg_temp.rint(100000, 999999),
			pg_temp.pick('plan'),
			lpad(pg_temp.rint(0, 9999)::text, 4, '0'),
			split_part(agent_names[ai], ' ', 1)];
		qa := pg_temp.rint(1, 10);
		ctx := ctx || ARRAY[(SELECT items[qa] FROM pool WHERE name = 'qa.question'),
			(SELECT items[qa] FROM pool WHERE name = 'qa.answer'), (SELECT items[qa] FROM pool WHERE name = 'qa.short')];

		-- the style of the first reply decides most of the outcome
		first_style := CASE WHEN style = 'mixed' THEN pg_temp.weighted(
			ARRAY['empathetic', 'scripted', 'curt', 'dismissive', 'over_apologiser'], ARRAY[35, 20, 20, 10, 15]::float8[])
			ELSE style END;
		style := first_style;
		effect := style_effect[array_position(style_names, first_style)];
		resolved := pg_temp.chance(style_resolves[array_position(style_names, first_style)]
			* CASE d.intent WHEN 'praise' THEN 1.15 WHEN 'question' THEN 1.1 WHEN 'long_wait' THEN 0.85
				WHEN 'refund' THEN 0.9 ELSE 1 END);
		turns := CASE WHEN resolved THEN pg_temp.weighted(ARRAY['0', '1', '2'], ARRAY[55, 35, 10]::float8[])::int
			ELSE pg_temp.rint(1, 2) END;
		is_open := pg_temp.chance(CASE WHEN end_at - d.opened_at < interval '6 days' THEN 0.45 ELSE 0.015 END);

		-- the messages
		seq := 0;
		t := d.opened_at;
		seq := seq + 1;
		INSERT INTO draft_message VALUES (cid, seq, t, 'customer', NULL,
			pg_temp.customer_opening(d.intent, d.tone, d.channel, ctx, first_names[d.customer_id]),
			d.intent, d.tone, NULL, resolved);
		IF d.channel = 'chat' AND pg_temp.chance(0.85) OR d.channel = 'social' AND pg_temp.chance(0.4) THEN
			seq := seq + 1;
			INSERT INTO draft_message VALUES (cid, seq, t + pg_temp.rint(2, 20) * interval '1 second', 'bot', NULL,
				pg_temp.pick(CASE d.channel WHEN 'chat' THEN 'bot.greeting' ELSE 'bot.social' END),
				d.intent, NULL, NULL, resolved);
		END IF;
		last_role := 'customer';

		-- first response: channel, agent pace, and the shift
		frt_seconds := agent_speed[ai] * exp(CASE d.channel
			WHEN 'chat' THEN ln(240) + 0.7 * pg_temp.gauss()
			WHEN 'social' THEN ln(2700) + 0.8 * pg_temp.gauss()
			ELSE ln(21600) + 0.7 * pg_temp.gauss() END);
		first_reply_at := greatest(t, ready) + greatest(frt_seconds, 30) * interval '1 second';

		IF NOT (is_open AND pg_temp.chance(0.4)) THEN
			t := first_reply_at;
			seq := seq + 1;
			INSERT INTO draft_message VALUES (cid, seq, t, 'agent', ag.agent_id,
				pg_temp.agent_reply(first_style, 'first', d.intent, d.tone, d.channel, ctx, agent_names[ai]),
				d.intent, NULL, first_style, resolved);
			last_role := 'agent';
			FOR k IN 1 .. turns LOOP
				t := t + exp(CASE d.channel WHEN 'chat' THEN ln(90) WHEN 'social' THEN ln(1200) ELSE ln(14400) END
					+ 0.8 * pg_temp.gauss()) * interval '1 second';
				seq := seq + 1;
				INSERT INTO draft_message VALUES (cid, seq, t, 'customer', NULL,
					pg_temp.fill(pg_temp.pick(CASE
						WHEN d.tone IN ('angry', 'repeat', 'sarcastic') OR NOT resolved AND k = 2 THEN 'follow.hot'
						WHEN d.tone IN ('anxious', 'confused') THEN 'follow.worried'
						ELSE 'follow.calm' END), ctx),
					d.intent, CASE WHEN NOT resolved AND k = 2 THEN 'angry' ELSE d.tone END, NULL, resolved);
				last_role := 'customer';
				EXIT WHEN is_open AND k = turns;
				style := CASE WHEN ag.style = 'mixed' AND (ag.coached_on IS NULL OR d.opened_at < ag.coached_on)
					THEN pg_temp.weighted(ARRAY['empathetic', 'scripted', 'curt', 'dismissive', 'over_apologiser'],
						ARRAY[35, 20, 20, 10, 15]::float8[])
					ELSE first_style END;
				t := t + agent_speed[ai] * exp(CASE d.channel WHEN 'chat' THEN ln(120) WHEN 'social' THEN ln(1800)
					ELSE ln(10800) END + 0.6 * pg_temp.gauss()) * interval '1 second';
				seq := seq + 1;
				INSERT INTO draft_message VALUES (cid, seq, t, 'agent', ag.agent_id,
					pg_temp.agent_reply(style, 'follow', d.intent, d.tone, d.channel, ctx, agent_names[ai]),
					d.intent, NULL, style, resolved);
				last_role := 'agent';
			END LOOP;
		END IF;

		IF is_open THEN
			-- an unanswered customer message ends the conversation
			IF last_role = 'agent' OR pg_temp.chance(0.35) THEN
				t := t + exp(CASE d.channel WHEN 'chat' THEN ln(300) WHEN 'social' THEN ln(3600) ELSE ln(28800) END
					+ 0.5 * pg_temp.gauss()) * interval '1 second';
				seq := seq + 1;
				INSERT INTO draft_message VALUES (cid, seq, t, 'customer', NULL,
					pg_temp.fill(pg_temp.pick(CASE WHEN last_role = 'agent' THEN 'follow.hot' ELSE 'follow.chase' END), ctx),
					d.intent, CASE WHEN d.tone IN ('happy', 'neutral') THEN 'neutral' ELSE d.tone END, NULL, resolved);
			END IF;
			closed := NULL;
		ELSE
			IF NOT resolved OR pg_temp.chance(0.75) THEN
				t := t + exp(CASE d.channel WHEN 'chat' THEN ln(60) WHEN 'social' THEN ln(900) ELSE ln(7200) END
					+ 0.7 * pg_temp.gauss()) * interval '1 second';
				seq := seq + 1;
				INSERT INTO draft_message VALUES (cid, seq, t, 'customer', NULL,
					pg_temp.fill(pg_temp.pick(CASE WHEN resolved THEN 'final.resolved' ELSE 'final.unresolved' END), ctx),
					d.intent, CASE WHEN resolved THEN 'happy' ELSE 'angry' END, NULL, resolved);
				IF pg_temp.chance(CASE WHEN resolved THEN 0.5 ELSE 0.3 END) THEN
					t := t + agent_speed[ai] * pg_temp.rint(30, 600) * interval '1 second';
					seq := seq + 1;
					INSERT INTO draft_message VALUES (cid, seq, t, 'agent', ag.agent_id,
						pg_temp.agent_reply(style, 'closing', d.intent, d.tone, d.channel, ctx, agent_names[ai]),
						d.intent, NULL, style, resolved);
				END IF;
			END IF;
			closed := t + pg_temp.rint(60, 7200) * interval '1 second';
		END IF;

		-- nothing happens after the end of the data set: such conversations are still open
		IF closed > end_at OR t > end_at THEN
			DELETE FROM draft_message WHERE conversation_id = cid AND sent_at > end_at;
			closed := NULL;
		END IF;

		escalated := NOT resolved AND (d.tone IN ('angry', 'repeat') OR effect < -0.5) AND pg_temp.chance(0.45);
		closed := date_trunc('second', closed);
		INSERT INTO demo.conversations VALUES (cid, d.customer_id, ag.agent_id, d.channel, d.intent, d.opened_at,
			closed, CASE WHEN closed IS NULL THEN 'open' ELSE 'closed' END, escalated);

		-- the survey: how the customer was treated, plus noise
		IF closed IS NOT NULL AND pg_temp.chance(CASE WHEN resolved THEN 0.57 ELSE 0.66 END) THEN
			wait_term := least(0.5, greatest(-1.2, -0.45 * ln(extract(epoch FROM first_reply_at - d.opened_at)
				/ CASE d.channel WHEN 'chat' THEN 300 WHEN 'social' THEN 3600 ELSE 28800 END)));
			latent := 3.25 + effect + CASE WHEN resolved THEN 0.85 ELSE -1.05 END + wait_term
				+ CASE d.tone WHEN 'angry' THEN -0.4 WHEN 'repeat' THEN -0.6 WHEN 'sarcastic' THEN -0.4
					WHEN 'anxious' THEN -0.1 WHEN 'happy' THEN 0.5 ELSE 0 END
				+ CASE WHEN d.intent = 'praise' THEN 0.5 ELSE 0 END
				- 0.15 * turns + 0.85 * pg_temp.gauss();
			s_csat := least(5, greatest(1, round(latent)));
			s_nps := least(10, greatest(0, round((latent - 1.0) * 2.5 + 1.1 * pg_temp.gauss())));
			s_ces := least(7, greatest(1, round(latent * 1.25 + CASE WHEN resolved THEN 0.6 ELSE -0.6 END
				- 0.35 * turns + 0.8 * pg_temp.gauss())));
			s_fcr := resolved AND turns <= 1 AND d.tone <> 'repeat' AND pg_temp.chance(0.92);
			answered := date_trunc('second', closed + exp(ln(3600) + 1.2 * pg_temp.gauss()) * interval '1 second');
			IF answered <= end_at THEN
				INSERT INTO demo.surveys VALUES (cid, s_csat, s_nps, s_ces, s_fcr, answered);
			END IF;
		END IF;
	END LOOP;
END
$generate$;

-- number the messages in the order they were sent
INSERT INTO demo.messages (message_id, conversation_id, sent_at, role, agent_id, body)
SELECT row_number() OVER (ORDER BY sent_at, conversation_id, seq), conversation_id,
	date_trunc('second', sent_at), role, agent_id, body
FROM draft_message;

INSERT INTO demo.labels (message_id, intent, tone, style, resolved)
SELECT row_number() OVER (ORDER BY sent_at, conversation_id, seq), intent, tone, style, resolved
FROM draft_message;

DROP TABLE draft_message;
DROP TABLE draft_conversation;
DROP TABLE pool;

ANALYZE demo.customers, demo.conversations, demo.messages, demo.surveys, demo.labels;
