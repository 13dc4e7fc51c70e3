-- Generated from data/templates.tsv by test/tools/templates_sql.sh; do not edit.
-- The built-in starter templates (builtin = true: not dumped, read-only).

INSERT INTO @extschema@.templates (id, name, emotion, intent, channel, language, body, builtin) VALUES
	(1, 'seed_understand_concern', 'any', 'any', 'any', 'en', 'I understand {{ concern | default: "what happened" }}. That must be {{ emotion | adjective | default: "difficult" }} for you. Let''s {{ solution | default: "work through it together" }} to address this. How does that sound?', true),
	(2, 'any_chat_short', 'any', 'any', 'chat', 'en', 'Hi {{ name | first_name | default: "there" }}, I''m sorry to hear {{ concern | default: "about this" }}. That sounds {{ emotion | adjective | default: "stressful" }}. I''ll {{ solution | default: "look into it right away" }}. Could you tell me a bit more?', true),
	(3, 'any_email_full', 'any', 'any', 'email', 'en', 'Hi {{ name | first_name | default: "there" }},

Thank you for reaching out, and I''m sorry to hear {{ concern | default: "about this" }}. I can see why that would feel {{ emotion | adjective | default: "frustrating" }}. I''ll {{ solution | default: "look into this personally" }} and keep you updated.

Is there anything else you would like me to know?

Best regards,
{{ agent_name | default: "The support team" }}', true),
	(4, 'any_social_short', 'any', 'any', 'social', 'en', 'Sorry to hear {{ concern | default: "about this" }}, {{ name | first_name | default: "and thanks for telling us" }}. That sounds {{ emotion | adjective | default: "frustrating" }}. Could you send us a DM so we can {{ solution | default: "sort it out" }}?', true),
	(5, 'neutral_any', 'neutral', 'any', 'any', 'en', 'Hi {{ name | first_name | default: "there" }}, thanks for getting in touch. {{#if concern}}You mentioned {{ concern }}, and I''m happy to help with that.{{else}}I''m happy to help.{{/if}} I''ll {{ solution | default: "look into it now" }}. Could you share any details that might help me?', true),
	(6, 'anger_any', 'anger', 'any', 'any', 'en', 'I''m really sorry, {{ name | first_name | default: "and I hear you" }}. I understand {{ concern | default: "what happened" }}, and it''s completely understandable that you''re angry. I''ll take care of this myself and {{ solution | default: "make it right" }}. Can you tell me what would help most right now?', true),
	(7, 'frustration_any', 'frustration', 'any', 'any', 'en', 'I''m sorry, {{ name | first_name | default: "and thank you for telling me" }}. I understand {{ concern | default: "what happened" }}, and that sounds really frustrating. I''ll {{ solution | default: "take care of it personally" }}. Could you tell me anything else I should know?', true),
	(8, 'disappointment_any', 'disappointment', 'any', 'any', 'en', 'I''m so sorry, {{ name | first_name | default: "and I completely understand" }}. I understand {{ concern | default: "things did not go as expected" }}, and I can see why you''re disappointed. That is not the experience we want for you. I''ll {{ solution | default: "make this right" }}. What would be most helpful for you?', true),
	(9, 'sadness_any', 'sadness', 'any', 'any', 'en', 'I''m so sorry, {{ name | first_name | default: "truly" }}. I understand {{ concern | default: "how hard this has been" }}, and it sounds really upsetting. I''m here to help and I''ll {{ solution | default: "do everything I can" }}. Is there anything else you''d like me to know?', true),
	(10, 'fear_any', 'fear', 'any', 'any', 'en', 'I completely understand your worry, {{ name | first_name | default: "and I''m here to help" }}. It sounds like {{ concern | default: "this has been stressful" }}, and that must be worrying. I''ll {{ solution | default: "check this for you right now" }} and let you know exactly where things stand. Is there anything else on your mind?', true),
	(11, 'confusion_any', 'confusion', 'any', 'any', 'en', 'I''m sorry for the confusion, {{ name | first_name | default: "and thanks for asking" }}. I understand {{ concern | default: "this has been unclear" }}, and that sounds confusing. Let me {{ solution | default: "walk you through it step by step" }}. Could you tell me which part you would like me to explain first?', true),
	(12, 'surprise_any', 'surprise', 'any', 'any', 'en', 'I understand, {{ name | first_name | default: "and I''m sorry" }}. It sounds like {{ concern | default: "this came out of nowhere" }}, which must have been surprising. I''ll {{ solution | default: "look into what happened" }}. Could you tell me when you first noticed it?', true),
	(13, 'joy_any', 'joy', 'any', 'any', 'en', 'That''s wonderful to hear, {{ name | first_name | default: "and thank you for sharing it" }}! I''m so glad to hear things went well, and I really appreciate you letting us know. Is there anything else I can help you with?', true),
	(14, 'gratitude_any', 'gratitude', 'any', 'any', 'en', 'Thank you so much for your kind words, {{ name | first_name | default: "truly" }}! I''m really glad we could help, and I appreciate you taking the time to tell us. Is there anything else I can do for you?', true),
	(15, 'disgust_any', 'disgust', 'any', 'any', 'en', 'I''m truly sorry, {{ name | first_name | default: "and you''re right to raise this" }}. I understand {{ concern | default: "what happened" }}, and that is unacceptable. I''ll take ownership of this and {{ solution | default: "make it right" }}. Could you tell me a little more so I can fix it?', true),
	(16, 'neutral_chat', 'neutral', 'any', 'chat', 'en', 'Hi {{ name | first_name | default: "there" }}, thanks for getting in touch! {{#if concern}}You mentioned {{ concern }}, and I''m{{else}}I''m{{/if}} happy to help. I''ll {{ solution | default: "look into it now" }}. Could you share any details that might help?', true),
	(17, 'neutral_email', 'neutral', 'any', 'email', 'en', 'Hi {{ name | first_name | default: "there" }},

Thank you for getting in touch. {{#if concern}}You mentioned {{ concern }}, and I''m happy to help with that.{{else}}I''m happy to help.{{/if}} I''ll {{ solution | default: "look into it" }} and get back to you shortly.

Is there anything else you would like me to know?

Best regards,
{{ agent_name | default: "The support team" }}', true),
	(18, 'neutral_social', 'neutral', 'any', 'social', 'en', 'Thanks for getting in touch{{#if name}}, {{ name | first_name }}{{/if}}! {{#if concern}}You mentioned {{ concern }}. {{/if}}Could you send us a DM so we can {{ solution | default: "help" }}?', true),
	(20, 'late_delivery_any', 'any', 'late_delivery', 'any', 'en', 'I''m so sorry your order hasn''t arrived yet, {{ name | first_name | default: "and thanks for your patience" }}. I understand {{ concern | default: "it is late" }}, and that must be {{ emotion | adjective | default: "frustrating" }}. I''ll {{ solution | default: "track your package right now" }} and tell you exactly when it will arrive. Could you confirm your order number?', true),
	(21, 'late_delivery_frustration', 'frustration', 'late_delivery', 'any', 'en', 'I''m really sorry, {{ name | first_name | default: "and I understand" }}. Waiting for an order that is late is frustrating, especially when {{ concern | default: "it still hasn''t arrived" }}. I''ll {{ solution | default: "chase the courier myself" }} and update you today. Could you confirm your order number for me?', true),
	(22, 'late_delivery_anger', 'anger', 'late_delivery', 'any', 'en', 'I''m truly sorry, {{ name | first_name | default: "and you have every right to be upset" }}. I understand {{ concern | default: "your order is late" }}, and I know how infuriating that is. I''ll take ownership of this and {{ solution | default: "get your delivery sorted today" }}. Can you confirm the order number so I can act now?', true),
	(23, 'late_delivery_fear', 'fear', 'late_delivery', 'any', 'en', 'I understand your worry, {{ name | first_name | default: "and I''m here to help" }}. It sounds like {{ concern | default: "your order hasn''t arrived" }}, and that must be worrying. I''ll {{ solution | default: "check where your package is right now" }} and let you know. Is there a date you need it by?', true),
	(24, 'late_delivery_chat', 'any', 'late_delivery', 'chat', 'en', 'Sorry your order is late{{#if name}}, {{ name | first_name }}{{/if}}! I understand that''s {{ emotion | adjective | default: "frustrating" }}. I''ll {{ solution | default: "check the tracking now" }}. What''s your order number?', true),
	(25, 'late_delivery_email', 'any', 'late_delivery', 'email', 'en', 'Hi {{ name | first_name | default: "there" }},

I''m sorry your order is late. I understand {{ concern | default: "it still hasn''t arrived" }}, and I can see how {{ emotion | adjective | default: "frustrating" }} that is. I''ve checked with our team and I''ll {{ solution | default: "follow the delivery personally" }} until it reaches you.

Could you let me know if the delivery address is still correct?

Best regards,
{{ agent_name | default: "The support team" }}', true),
	(26, 'late_delivery_social', 'any', 'late_delivery', 'social', 'en', 'So sorry your order is late, {{ name | first_name | default: "and thanks for flagging it" }}. That sounds {{ emotion | adjective | default: "frustrating" }}. Could you DM us your order number so we can {{ solution | default: "track it for you" }}?', true),
	(30, 'double_charge_any', 'any', 'double_charge', 'any', 'en', 'I''m so sorry about the double charge, {{ name | first_name | default: "and thanks for telling us" }}. I understand {{ concern | default: "you were charged twice" }}, and that must be {{ emotion | adjective | default: "stressful" }}. I''ll {{ solution | default: "refund the extra payment right away" }}. Could you confirm the last four digits of the card?', true),
	(31, 'double_charge_anger', 'anger', 'double_charge', 'any', 'en', 'I''m really sorry, {{ name | first_name | default: "and you''re right to be upset" }}. I understand {{ concern | default: "you were charged twice" }}, and I know how infuriating that is. This was our mistake and I''ll {{ solution | default: "reverse the duplicate charge today" }}. Can you confirm the date of the charges?', true),
	(32, 'double_charge_fear', 'fear', 'double_charge', 'any', 'en', 'I completely understand your worry, {{ name | first_name | default: "and I''m here to help" }}. It sounds like {{ concern | default: "you were charged twice" }}, and that must be worrying. I''ll {{ solution | default: "check the payments now and refund any duplicate" }}. Could you tell me the amount you see on your statement?', true),
	(33, 'double_charge_chat', 'any', 'double_charge', 'chat', 'en', 'Sorry about the double charge{{#if name}}, {{ name | first_name }}{{/if}}! I understand that''s {{ emotion | adjective | default: "stressful" }}. I''ll {{ solution | default: "refund the extra charge now" }}. Which card was it?', true),
	(34, 'double_charge_email', 'any', 'double_charge', 'email', 'en', 'Hi {{ name | first_name | default: "there" }},

I''m sorry you were charged twice. I understand {{ concern | default: "a second payment was taken" }}, and I can see how {{ emotion | adjective | default: "frustrating" }} that is. I''ll {{ solution | default: "refund the duplicate payment" }} and send you a confirmation.

Could you let me know the date on the charges?

Best regards,
{{ agent_name | default: "The billing team" }}', true),
	(40, 'damaged_product_any', 'any', 'damaged_product', 'any', 'en', 'I''m so sorry your item has let you down, {{ name | first_name | default: "and thanks for letting us know" }}. I understand {{ concern | default: "it isn''t working" }}, and that must be {{ emotion | adjective | default: "disappointing" }}. I''ll {{ solution | default: "send a replacement right away" }}. Could you share a photo of the problem?', true),
	(41, 'damaged_product_disappointment', 'disappointment', 'damaged_product', 'any', 'en', 'I''m really sorry, {{ name | first_name | default: "truly" }}. I understand {{ concern | default: "your item arrived broken" }}, and I can see why you''re disappointed. I''ll {{ solution | default: "get a replacement out to you" }} as soon as possible. Would you prefer a replacement or a refund?', true),
	(42, 'damaged_product_anger', 'anger', 'damaged_product', 'any', 'en', 'I''m truly sorry, {{ name | first_name | default: "and you have every right to be upset" }}. I understand {{ concern | default: "your item arrived damaged" }}, and that is infuriating. I''ll take care of this myself and {{ solution | default: "send a replacement today" }}. Could you send me a photo so I can start right away?', true),
	(43, 'damaged_product_chat', 'any', 'damaged_product', 'chat', 'en', 'So sorry it''s let you down{{#if name}}, {{ name | first_name }}{{/if}}! That sounds {{ emotion | adjective | default: "disappointing" }}. I''ll {{ solution | default: "arrange a replacement now" }}. Could you send a photo?', true),
	(44, 'damaged_product_email', 'any', 'damaged_product', 'email', 'en', 'Hi {{ name | first_name | default: "there" }},

I''m so sorry your item has let you down. I understand {{ concern | default: "it isn''t usable" }}, and I can see how {{ emotion | adjective | default: "disappointing" }} that is. I''ll {{ solution | default: "send a replacement at no cost" }} and you won''t need to send the old one back.

Could you reply with a photo of the problem?

Best regards,
{{ agent_name | default: "The support team" }}', true),
	(50, 'login_trouble_any', 'any', 'login_trouble', 'any', 'en', 'I''m sorry you''re having trouble signing in, {{ name | first_name | default: "and thanks for reaching out" }}. I understand {{ concern | default: "you can''t get into your account" }}, and that must be {{ emotion | adjective | default: "frustrating" }}. I''ll {{ solution | default: "help you get back in right now" }}. Could you tell me the email address on the account?', true),
	(51, 'login_trouble_frustration', 'frustration', 'login_trouble', 'any', 'en', 'I''m sorry, {{ name | first_name | default: "and I understand" }}. Being locked out is really frustrating, especially when {{ concern | default: "you need your account now" }}. I''ll {{ solution | default: "reset your access myself" }}. Could you tell me which error message you see?', true),
	(52, 'login_trouble_chat', 'any', 'login_trouble', 'chat', 'en', 'Sorry you can''t log in{{#if name}}, {{ name | first_name }}{{/if}}! That sounds {{ emotion | adjective | default: "frustrating" }}. I''ll {{ solution | default: "send you a reset link now" }}. What email do you use to sign in?', true),
	(53, 'login_trouble_confusion', 'confusion', 'login_trouble', 'any', 'en', 'I''m sorry for the confusion, {{ name | first_name | default: "and thanks for asking" }}. I understand {{ concern | default: "signing in isn''t working" }}, and that sounds confusing. Let me {{ solution | default: "walk you through the sign-in steps" }}. Could you tell me what happens when you try?', true),
	(60, 'refund_any', 'any', 'refund', 'any', 'en', 'I''m sorry about the wait for your refund, {{ name | first_name | default: "and thanks for your patience" }}. I understand {{ concern | default: "you are waiting for your money" }}, and that must be {{ emotion | adjective | default: "frustrating" }}. I''ll {{ solution | default: "check the refund status right now" }}. Could you confirm your order number?', true),
	(61, 'refund_frustration', 'frustration', 'refund', 'any', 'en', 'I''m really sorry, {{ name | first_name | default: "and I understand" }}. Waiting for your money back is frustrating, especially when {{ concern | default: "the refund still hasn''t arrived" }}. I''ll {{ solution | default: "follow the refund through myself" }} and tell you when it lands. Could you confirm the order number?', true),
	(62, 'refund_email', 'any', 'refund', 'email', 'en', 'Hi {{ name | first_name | default: "there" }},

I''m sorry for the trouble with your refund. I understand {{ concern | default: "you haven''t received it" }}, and I can see how {{ emotion | adjective | default: "frustrating" }} that is. I''ll {{ solution | default: "make sure the refund is processed" }} and send you a confirmation.

Could you let me know which payment method you used?

Best regards,
{{ agent_name | default: "The support team" }}', true),
	(63, 'refund_chat', 'any', 'refund', 'chat', 'en', 'Sorry about the refund delay{{#if name}}, {{ name | first_name }}{{/if}}! I understand that''s {{ emotion | adjective | default: "frustrating" }}. I''ll {{ solution | default: "check it right now" }}. What''s your order number?', true),
	(70, 'cancellation_any', 'any', 'cancellation', 'any', 'en', 'I''m sorry to hear you want to cancel, {{ name | first_name | default: "and thanks for telling us" }}. I understand {{ concern | default: "this isn''t working for you" }}, and that must be {{ emotion | adjective | default: "disappointing" }}. I''ll {{ solution | default: "take care of the cancellation for you" }}. Could you share what led to this so we can do better?', true),
	(71, 'cancellation_frustration', 'frustration', 'cancellation', 'any', 'en', 'I''m really sorry, {{ name | first_name | default: "and I understand" }}. It sounds like {{ concern | default: "things haven''t gone well" }}, and that must be frustrating. I''ll {{ solution | default: "process your cancellation right away" }}. Is there anything we could have done differently?', true),
	(72, 'cancellation_chat', 'any', 'cancellation', 'chat', 'en', 'Sorry to see you go{{#if name}}, {{ name | first_name }}{{/if}}. I understand, and that sounds {{ emotion | adjective | default: "disappointing" }}. I''ll {{ solution | default: "cancel it for you now" }}. Can I ask what made you decide?', true),
	(73, 'cancellation_email', 'any', 'cancellation', 'email', 'en', 'Hi {{ name | first_name | default: "there" }},

I''m sorry to hear you would like to cancel. I understand {{ concern | default: "the service hasn''t met your needs" }}, and I can see how {{ emotion | adjective | default: "disappointing" }} that is. I''ll {{ solution | default: "handle the cancellation for you" }} and confirm by email.

Would you mind telling me what we could improve?

Best regards,
{{ agent_name | default: "The support team" }}', true),
	(80, 'long_wait_any', 'any', 'long_wait', 'any', 'en', 'I''m so sorry for the long wait, {{ name | first_name | default: "and thank you for your patience" }}. I understand {{ concern | default: "you have been waiting for a reply" }}, and that must be {{ emotion | adjective | default: "frustrating" }}. I''m here now and I''ll {{ solution | default: "take care of this personally" }}. How can I help?', true),
	(81, 'long_wait_anger', 'anger', 'long_wait', 'any', 'en', 'I''m truly sorry, {{ name | first_name | default: "and you have every right to be upset" }}. I understand {{ concern | default: "you waited far too long" }}, and that is infuriating. I''ll take ownership of this and {{ solution | default: "resolve it with you now" }}. What do you need from me first?', true),
	(82, 'long_wait_chat', 'any', 'long_wait', 'chat', 'en', 'Sorry for the wait{{#if name}}, {{ name | first_name }}{{/if}}! I understand that''s {{ emotion | adjective | default: "frustrating" }}. I''m here now and I''ll {{ solution | default: "sort this out" }}. What can I do for you?', true),
	(83, 'long_wait_social', 'any', 'long_wait', 'social', 'en', 'So sorry for the wait, {{ name | first_name | default: "and thanks for your patience" }}. That sounds {{ emotion | adjective | default: "frustrating" }}. Could you DM us so we can {{ solution | default: "help you right away" }}?', true),
	(90, 'praise_any', 'any', 'praise', 'any', 'en', 'Thank you so much, {{ name | first_name | default: "truly" }}! I''m really glad to hear it, and I appreciate you taking the time to tell us. I''ll share your kind words with the team. Is there anything else I can help you with?', true),
	(91, 'praise_chat', 'any', 'praise', 'chat', 'en', 'Thank you so much{{#if name}}, {{ name | first_name }}{{/if}}! I''m so glad we could help. Is there anything else I can do for you?', true),
	(92, 'praise_social', 'any', 'praise', 'social', 'en', 'Thank you so much for the kind words, {{ name | first_name | default: "friend" }}! We really appreciate you sharing this. Is there anything else we can help with?', true),
	(93, 'praise_email', 'any', 'praise', 'email', 'en', 'Hi {{ name | first_name | default: "there" }},

Thank you so much for your kind message. I''m really glad we could help, and I appreciate you taking the time to write. I''ll pass your words on to the team.

If there is anything else you need, just reply to this email.

Best regards,
{{ agent_name | default: "The support team" }}', true),
	(100, 'general_question_any', 'any', 'general_question', 'any', 'en', 'Thanks for your question, {{ name | first_name | default: "and for reaching out" }}. I understand you want to know {{ concern | default: "more about this" }}, and I''m happy to help. I''ll {{ solution | default: "find the answer for you" }}. Could you tell me a little more about what you need?', true),
	(101, 'general_question_chat', 'any', 'general_question', 'chat', 'en', 'Happy to help{{#if name}}, {{ name | first_name }}{{/if}}! You asked {{ concern | default: "a question" }}. I''ll {{ solution | default: "check that for you" }}. Could you tell me a bit more?', true),
	(102, 'general_question_confusion', 'confusion', 'general_question', 'any', 'en', 'I''m sorry for the confusion, {{ name | first_name | default: "and thanks for asking" }}. You asked {{ concern | default: "a question" }}, and I understand that can be confusing. Let me {{ solution | default: "explain it step by step" }}. Which part would you like me to start with?', true),
	(103, 'general_question_social', 'any', 'general_question', 'social', 'en', 'Thanks for your question{{#if name}}, {{ name | first_name }}{{/if}}! You asked {{ concern | default: "a question" }}. Could you send us a DM so we can {{ solution | default: "help" }}?', true),
	(104, 'general_question_email', 'any', 'general_question', 'email', 'en', 'Hi {{ name | first_name | default: "there" }},

Thank you for your question. I understand you want to know {{ concern | default: "more about this" }}, and I''m happy to help. I''ll {{ solution | default: "find the answer for you" }} and reply by email.

Is there anything else you would like to know?

Best regards,
{{ agent_name | default: "The support team" }}', true),
	(110, 'payment_problem_any', 'any', 'payment_problem', 'any', 'en', 'I''m sorry about the trouble with your payment, {{ name | first_name | default: "and thanks for telling us" }}. I understand {{ concern | default: "a payment did not go as it should" }}, and that must be {{ emotion | adjective | default: "stressful" }}. I''ll {{ solution | default: "check your billing right away and put right anything that is wrong" }}. Could you tell me the date and amount of the payment?', true),
	(111, 'payment_problem_anger', 'anger', 'payment_problem', 'any', 'en', 'I''m really sorry, {{ name | first_name | default: "and you''re right to be upset" }}. I understand {{ concern | default: "something went wrong with your payment" }}, and I know how infuriating that is. I''ll {{ solution | default: "look into this myself and put right anything that went wrong" }}. Could you tell me the date and amount so I can find it straight away?', true),
	(112, 'payment_problem_fear', 'fear', 'payment_problem', 'any', 'en', 'I completely understand your worry, {{ name | first_name | default: "and I''m here to help" }}. It sounds like {{ concern | default: "something went wrong with a payment" }}, and that must be worrying. I''ll {{ solution | default: "check your account now and make sure everything is in order" }}. Could you tell me which card or account it was?', true),
	(113, 'payment_problem_chat', 'any', 'payment_problem', 'chat', 'en', 'Sorry about the payment trouble{{#if name}}, {{ name | first_name }}{{/if}}! I understand that''s {{ emotion | adjective | default: "stressful" }}. I''ll {{ solution | default: "check your billing right now" }}. What was the date and amount?', true),
	(114, 'payment_problem_email', 'any', 'payment_problem', 'email', 'en', 'Hi {{ name | first_name | default: "there" }},

I''m sorry about the trouble with your payment. I understand {{ concern | default: "a payment did not go as it should" }}, and I can see how {{ emotion | adjective | default: "frustrating" }} that is. I''ll {{ solution | default: "go through your billing and correct anything that is wrong" }}, then send you a confirmation.

Could you let me know the date and amount of the payment?

Best regards,
{{ agent_name | default: "The billing team" }}', true),
	(115, 'payment_problem_social', 'any', 'payment_problem', 'social', 'en', 'Sorry about the payment trouble{{#if name}}, {{ name | first_name }}{{/if}}. That sounds {{ emotion | adjective | default: "stressful" }}. Could you send us a DM so we can {{ solution | default: "check your billing" }}?', true);

CREATE TRIGGER templates_protect BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.templates
	FOR EACH ROW EXECUTE FUNCTION @extschema@.templates_protect();
CREATE TRIGGER templates_protect_truncate BEFORE TRUNCATE ON @extschema@.templates
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.templates_protect();
COMMENT ON TRIGGER templates_protect ON @extschema@.templates IS 'built-in templates are read-only; channel, emotion, intent and language folded to the case lookups read, an unknown channel or emotion named';
COMMENT ON TRIGGER templates_protect_truncate ON @extschema@.templates IS 'TRUNCATE would remove the built-in templates: refused';
