-- ----------------------------------------------------------------
-- Reply suggestions: intents, the customer's concern, the table of
-- response templates and the functions that pick and fill them
-- (src/intent.c, src/engine/intent.c, data/builtin/intents.tsv,
-- data/templates.tsv).
-- ----------------------------------------------------------------

CREATE FUNCTION @extschema@.intent(message text) RETURNS text
	AS 'MODULE_PATHNAME', 'intent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 15;
COMMENT ON FUNCTION @extschema@.intent(text) IS
'the customer intent a message is about (late_delivery, double_charge, payment_problem, damaged_product, login_trouble, refund, cancellation, long_wait, praise; empathy.intent_names() lists them), general_question when no intent phrase matches; reads the customer''s own words (as own_words: not an e-mail''s quote) of the first 4 KB';

CREATE FUNCTION @extschema@.intent_names() RETURNS text[]
	AS 'MODULE_PATHNAME', 'intent_names' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.intent_names() IS
'the intents empathy.intent() can return, in catalogue order';

-- An e-mail reply's quoted lines ("> Thanks for contacting us ...") and the
-- message it quotes below a line "On Mon, 3 Mar, Sam wrote:" or
-- "-----Original Message-----" are the agent's words, not the customer's.
-- The same C function reads the customer message for empathy_score.
CREATE FUNCTION @extschema@.own_words(message text) RETURNS text
	AS 'MODULE_PATHNAME', 'own_words' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 2;
COMMENT ON FUNCTION @extschema@.own_words(text) IS
'the customer''s own words of an e-mail reply: the message without its quoted lines ("> ...") and without what follows "On ... wrote:" or "-----Original Message"; the message as it is when it quotes nothing';

-- The concern: the clause of the message that carries the problem, seen
-- from the agent's side.  Linear: only the first 4000 characters are read,
-- and every step is a regular expression or a split over them.
CREATE FUNCTION @extschema@.concern(message text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1300
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	head text;
	clause text;
	words text[];
	w text;
	lw text;
	prev text := '';
	prev_clause text;
	raw_clause text;
	cintent text;
	subj text;
	req text;
	nxt text;
	out text := '';
	nwords int := 0;
	cut boolean := false;
	maxwords int := 12;		-- 15 for a request, "you want us to" being added
	polite text;
	tail_p text;
	-- brackets and quotes a clause may open and close (the guillemets and curly
	-- quotes where the database encoding has them)
	openers text := '([{';
	closers text := ')]}';
	tc text;
	topen text;
	wo text;
	addc text;
	-- what a customer asks a company to do (not "tell" or "let", whose
	-- request is a question: "could you tell me where my order is?", nor
	-- "ship" or "deliver": "can you ship to Canada?" asks whether)
	req_verbs text := 'cancel|close|refund|send|resend|change|update|remove|delete|stop|check|call|email|reset|unlock|'
		'fix|replace|return|reverse|transfer|confirm|give|sort|escalate|help|process|issue|arrange|book|rebook|'
		'waive|credit|adjust|upgrade|downgrade|pause|move|add|apply|correct|investigate|explain|reschedule|'
		'collect|restore|reinstate|reopen|reconnect|expedite|extend|activate|reactivate|unsubscribe|look|get|put|'
		'switch|swap|exchange|honour|honor|unblock|verify|review|chase|speed|ring|phone|text|contact|remind|'
		'resolve|pick';
	ended boolean;
	at_end text;
	first_word boolean := true;
	shouted boolean;
	spaces text := '';
	dashes text := '\s+-+\s+';
	-- letters beyond ASCII by code point (Latin, Greek, Cyrillic, Armenian,
	-- Hebrew, Arabic, Indic, Thai, Hangul, kana, CJK, full-width), added to
	-- [[:alnum:]], which in a database with the C locale holds ASCII alone:
	-- "my caf<e acute> order" keeps its accented letter there too
	letters text := '\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0370-\u037d\u037f-\u0386\u0388-\u052f'
		'\u0531-\u0587\u05d0-\u05ea\u0620-\u064a\u0660-\u0669\u0671-\u06d3\u0900-\u0963\u0966-\u0dff\u0e01-\u0e4e'
		'\u1100-\u11ff\u1e00-\u1fff\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff'
		'\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uffdc';
BEGIN
	-- code 171 and 187 are the guillemets in these (and are no character in EUC_JP, say)
	IF pg_catalog.getdatabaseencoding() IN ('UTF8', 'LATIN1', 'LATIN9', 'WIN1252', 'SQL_ASCII') THEN
		openers := openers || pg_catalog.chr(171);
		closers := closers || pg_catalog.chr(187);
	END IF;
	-- SQL_ASCII declares no encoding: every byte beyond ASCII counts as a
	-- letter, so that no character is cut in two
	IF pg_catalog.getdatabaseencoding() = 'SQL_ASCII' THEN
		letters := '\u0080-\u00ff';
	END IF;
	IF pg_catalog.getdatabaseencoding() = 'UTF8' THEN
		openers := openers || pg_catalog.chr(8220);
		closers := closers || pg_catalog.chr(8221);
	-- the encodings that have curly double quotes (chr() names a code of the
	-- database's own encoding, which differs from one to the next)
	ELSIF pg_catalog.getdatabaseencoding() IN ('WIN1250', 'WIN1251', 'WIN1252', 'WIN1253', 'WIN1254', 'WIN1255',
			'WIN1256', 'WIN1257', 'WIN1258', 'WIN874', 'LATIN7', 'EUC_JP', 'EUC_JIS_2004', 'EUC_CN', 'EUC_KR', 'EUC_TW') THEN
		openers := openers || pg_catalog.convert_from('\xe2809c'::bytea, 'UTF8');
		closers := closers || pg_catalog.convert_from('\xe2809d'::bytea, 'UTF8');
	END IF;
	head := @extschema@.own_words(left(message, 4000));
	-- full-width and mathematical letters read as the scorer reads them
	-- ("MY ORDER IS LATE" in full-width letters: "your order is late"), by NFKC, which
	-- takes nothing else from a message without them
	IF pg_catalog.getdatabaseencoding() = 'UTF8' AND head ~ '[\uff01-\uff5e\U0001d400-\U0001d7ff]' THEN
		head := pg_catalog.normalize(head, 'NFKC');
	END IF;
	-- direction controls would come out unbalanced in a clause cut from the
	-- message, and turn the rest of a drafted reply around: they go
	-- curly apostrophes as straight ones; a regular expression's \u escape,
	-- unlike a literal, works in a database whose encoding has no such
	-- character (in UTF-8, translate() does both without one)
	IF pg_catalog.getdatabaseencoding() = 'UTF8' THEN
		-- (chr(), not a U& literal, which standard_conforming_strings = off refuses)
		head := translate(head, chr(8216) || chr(8217) || chr(8206) || chr(8207) || chr(1564) || chr(8234) || chr(8235)
			|| chr(8236) || chr(8237) || chr(8238) || chr(8294) || chr(8295) || chr(8296) || chr(8297), '''''');
	ELSE
		head := regexp_replace(head, '[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]', '', 'g');
		head := regexp_replace(head, '[\u2018\u2019]', '''', 'g');
	END IF;
	-- every run of white space as one space, no-break and other Unicode
	-- spaces too in UTF-8 (the locale's \s may not have them; in another
	-- encoding a \u escape names that encoding's own code, a letter in
	-- some); the test first, a tenth of the replacement's cost, finds most
	-- messages with nothing to replace
	IF pg_catalog.getdatabaseencoding() = 'UTF8' THEN
		spaces := '\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000';
		-- an em dash, spaced or not, and a spaced en dash also end a clause ("charged
		-- twice <em dash> again"); an unspaced en dash ("3<en dash>5 days", "Paris<en dash>London")
		-- is a range or a name
		dashes := '\s*\u2014+\s*|\s+\u2013+\s+';
	END IF;
	IF head ~ ('\s\s|(?! )\s' || CASE WHEN spaces <> '' THEN '|[' || spaces || ']' ELSE '' END) THEN
		head := regexp_replace(head, '[\s' || spaces || ']+', ' ', 'g');
	END IF;
	-- a comma ends a clause, but not one between two digits ("$1,299.00"): a
	-- space after every other comma, and the clauses split at a comma and a
	-- space (a lookahead in the split would make it three times slower)
	IF strpos(head, ',') > 0 THEN
		head := regexp_replace(head, ',([^0-9 ])', ', \1', 'g');
	END IF;
	-- clauses: split at sentence ends, commas, semicolons, dashes and the
	-- conjunctions that start a new clause
	SELECT s1.c, s0.pc, s0.c, s2.intent INTO clause, prev_clause, raw_clause, cintent
	FROM (
		SELECT btrim(c) AS c, n, lag(btrim(c)) OVER (ORDER BY n) AS pc
		FROM regexp_split_to_table(head,
			'[.!?;:]+(\s|$)|,( |$)|\s+-+\s+|' || dashes || '|\s+(and|but|because|although|even though|though|since|yet|plus|which|while|so that)\s+', 'i')
			WITH ORDINALITY AS t(c, n)
	) s0,
	LATERAL (
		-- drop a salutation ("@KestrelHome Hello team", "Dear Customer Service
		-- Team": a greeting and at most four words), and otherwise the
		-- handles, greetings, sign-offs and fillers a clause starts with
		-- (a salutation's words are names, capitalised, or "team", "there" and
		-- the like: "Hey my order never arrived" keeps "my order never arrived")
		SELECT CASE WHEN s0.c ~ ('^(@\S+\s+)*([Hh](i|ello|ey)|HI|HELLO|HEY|[Dd]ear|DEAR|[Gg]ood ([Mm]orning|[Aa]fternoon|[Ee]vening)|[Gg]reetings)[\s!]*'
				'((there|team|all|everyone|everybody|folks|guys|support|sir|madam|friends|(?!I(\s|''|$))[[:upper:]][^\s]*)(\s+|$)){0,4}$')
			-- nor is "sorry to bother you" a concern
			  OR s0.c ~* '^(sorry|apologies) (to|for) (bother|bothering|trouble|troubling|disturb|disturbing)( you)?$'
			THEN '' ELSE btrim(regexp_replace(s0.c,
			'^((@\S+|hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|thanks|thank you|regards|cheers|ok|okay|so|well|also|and|but|now|please|honestly|seriously|again|hmm+|ugh+|sorry|kindly|pls|plz)(\M|(?=\s))[\s!]*)+', '', 'i')) END AS c
	) s1,
	LATERAL (
		-- its words (white space is single spaces by now, none at either
		-- end), and its intent; a subquery the planner pulls up, so each
		-- is computed where it is read, and the intent read once
		SELECT length(s1.c) - length(replace(s1.c, ' ', '')) + 1 AS n,
		       @extschema@.intent(s1.c) AS intent
	) s2
	WHERE s1.c ~ ('[[:alpha:]' || letters || ']')
	  AND s2.n >= 2
	  -- a subject and its auxiliary alone say nothing ("I am", left by the
	  -- 4000-character cut)
	  AND NOT (s2.n = 2 AND lower(split_part(s1.c, ' ', 2)) IN ('am', 'is', 'are', 'was', 'were', 'have', 'has', 'had',
	           'do', 'does', 'did', 'will', 'would', 'can', 'could', 'should', 'shall', 'may', 'might', 'must'))
	ORDER BY -- a condition or threat ("if this isn't sorted I'm leaving") is not the concern
	         (s1.c ~* '^(if|unless|otherwise|or else|or i|or we|else)\M') ASC,
	         (s2.intent NOT IN ('general_question', 'praise')) DESC,
	         -- a bare feeling ("I am so annoyed", "this is ridiculous") is not the concern
	         (s1.c ~* '^(i am|i''m|im|i feel|i was|we are|this is|this was|it is|it''s|that is|that''s|it makes me|it made me|so|really|very)(\s+(so|really|very|absolutely|extremely|completely|totally|just|quite|beyond|feeling|getting|now))*\s+\S+(\s+(about|with|by) (this|it|that|you))?$') ASC,
	         (s2.n < 3) ASC,
	         @extschema@.sentiment(s1.c) ASC,
	         s0.n ASC
	LIMIT 1;
	IF clause IS NULL THEN
		RETURN NULL;
	END IF;
	-- a short clause says something only with two words of letters or
	-- digits, a subject and its auxiliary aside: brackets, braces and emoji
	-- standing alone are no words ("{{ name }}", "I am" between two emoji)
	-- (a pattern the query above has compiled: one more would push others
	-- out of PostgreSQL's cache of compiled expressions)
	IF cardinality(string_to_array(clause, ' ')) <= 6 THEN
		words := ARRAY(SELECT x FROM unnest(string_to_array(clause, ' ')) WITH ORDINALITY AS u(x, o)
		               WHERE x ~ ('[[:alpha:]' || letters || ']') OR translate(x, '0123456789', '') <> x ORDER BY o);
		IF cardinality(words) < 2
		   OR (cardinality(words) = 2 AND lower(words[2]) IN ('am', 'is', 'are', 'was', 'were', 'have', 'has', 'had',
		       'do', 'does', 'did', 'will', 'would', 'can', 'could', 'should', 'shall', 'may', 'might', 'must')) THEN
			RETURN NULL;
		END IF;
	END IF;
	-- does the clause end its sentence ('.', '!' or '?' after it, or the end
	-- of the message), or was it cut off (a comma, colon, dash, ellipsis or
	-- conjunction after it)?
	at_end := substr(head, strpos(head, raw_clause) + length(raw_clause), 2);
	ended := strpos(head, raw_clause) = 0 OR btrim(at_end, E' \t\n\r') = '' OR left(at_end, 1) IN ('!', '?')
		OR (left(at_end, 1) = '.' AND at_end <> '..');
	-- "I've been passed around and still have no answer", "The app crashed
	-- and still won't open": a clause that starts without its subject takes
	-- the previous clause's ("I", "we", "my" or "our" and a word, "the" and
	-- a word before a verb: not "the new" of "The new app crashed", nor
	-- "this" of "This happened on Monday")
	IF clause ~* '^(still|never|just|also|then|keep|kept|got|can''t|cannot|couldn''t|didn''t|don''t|doesn''t|won''t|haven''t|hasn''t|wasn''t|weren''t)\M'
	   AND prev_clause IS NOT NULL
	   -- not a request: "please don't close this ticket again" has no subject to borrow
	   AND raw_clause !~* '^(@\S+\s+)*please\M' THEN
		subj := (regexp_match(prev_clause,
			'^(?:(?:hi|hello|hey|dear|so|well|and|but|now|honestly|seriously)\M[\s,!]*)*(i|we|(?:my|our) [[:alnum:]_' || letters || ']+|the [[:alnum:]_' || letters || ']+(?=\s+(?:\w+ed|is|was|has|had|keeps|broke|froze|went|stopped|died|crashed|leaked)\M))(?:''(?:ve|m|d|ll|re)|(?![[:alnum:]_' || letters || ']))', 'i'))[1];
		-- a thing is the subject only of a clause in its own sentence ("The
		-- engineer was lovely. Still waiting on the part though."); "I" and
		-- "we" go on ("I only bought one mat. Can't wait to hear the excuse")
		IF lower(subj) NOT IN ('i', 'we')
		   AND (strpos(head, raw_clause) <= strpos(head, prev_clause)
		        OR substr(head, strpos(head, prev_clause) + length(prev_clause),
		                  greatest(strpos(head, raw_clause) - strpos(head, prev_clause) - length(prev_clause), 0)) ~ '[.!?;]') THEN
			subj := NULL;
		END IF;
		IF subj IS NOT NULL THEN
			-- the clause's first word is no longer first: "you can't wait", not "you Can't wait"
			clause := subj || ' ' || CASE WHEN clause ~ '^[[:upper:]][^[:upper:]]'
				THEN lower(left(clause, 1)) || substr(clause, 2) ELSE clause END;
		END IF;
	END IF;
	-- "how do I change..." is asked about as "how to change..."
	clause := regexp_replace(clause, '^(how|where|when|what|whether)\s+(do|can|should|could|would)\s+(i|we)\s+', '\1 to ', 'i');
	-- a request ("(please) cancel my account", "refund me now") is what the
	-- customer wants done: "you want us to cancel your account"; so is one put
	-- as a question ("can you please cancel my subscription?", "would you be
	-- able to send a replacement?", "could you check if my order has shipped?")
	-- (word tests first: a regular expression more than PostgreSQL keeps
	-- compiled is compiled anew on every call)
	IF lower(split_part(clause, ' ', 1)) IN ('can', 'could', 'would', 'will') THEN
		polite := (regexp_match(clause, '^((can|could|would|will)\s+(you|u)\s+((please|kindly|pls|plz|possibly|just)\s+)*(be\s+able\s+to\s+)?)\S', 'i'))[1];
	END IF;
	IF polite IS NOT NULL THEN
		req := (regexp_match(substr(clause, length(polite) + 1), '^(' || req_verbs || ')(\s|$)', 'i'))[1];
	ELSE
		IF lower(split_part(clause, ' ', 1)) = ANY (string_to_array(req_verbs, '|')) THEN
			req := (regexp_match(clause, '^(' || req_verbs || ')\s+(my|the|this|it|me|our|that|these|those|all|a|an|us|your)\M', 'i'))[1];
		END IF;
	END IF;
	-- (not a request echoed as a question: "Cancel it? No way")
	IF req IS NOT NULL AND (polite IS NOT NULL OR left(at_end, 1) <> '?') THEN
		clause := 'I want you to ' || lower(req) || regexp_replace(substr(clause, length(COALESCE(polite, '')) + length(req) + 1), '\s+(please|pls|plz)$', '', 'i');
		maxwords := 15;
	END IF;
	-- "could you tell me where my order is?", "can you let me know if you ship
	-- to Ireland?", "I was wondering if ...", "do you know whether ...": a
	-- general question asked as a request is the question
	IF cintent = 'general_question' THEN
		clause := regexp_replace(clause, '^(((can|could|would|will)\s+(you|u)\s+(please\s+)?(tell|let)\s+(me|us)\s+(know\s+)?)|'
			'((please\s+)?(tell|let)\s+(me|us)\s+(know\s+)?)|((may|can|could)\s+i\s+ask\s+)|((do|does)\s+(you|anyone)\s+know\s+)|'
			'(i\s+(was|am|''m)\s+(just\s+)?wondering\s+)|(i(''d|\s+would)\s+like\s+to\s+know\s+)|(i\s+(want|need)\s+to\s+know\s+))'
			'(?=(if|whether|how|what|where|when|which|who|why)\M)', '', 'i');
	END IF;
	-- "Why is my account locked?" and "How come my card was declined?" about
	-- a problem (the clause has an intent phrase) take for granted what the
	-- concern is: "your account is locked", "your card was declined" ("I
	-- understand why is your account locked" was no sentence). A general
	-- question (no intent phrase) goes inside "you want to know ...", the
	-- general question's templates: it is put as a question inside a
	-- sentence, "whether" before a yes-no question ("do you ship to
	-- Ireland?": "whether we ship to Ireland", "what is your returns
	-- policy?": "what our returns policy is", "why is my bill so high?": "why
	-- your bill is so high"). The subject
	-- is a pronoun, or a determiner and one to three words, the first whose
	-- next word can follow a subject there; else the question stays as it
	-- is, as it does when it takes nothing for granted ("why should I pay
	-- for this?"). After "did", the verb takes its past ("why did you charge
	-- me twice?": "we charged you twice") when it is one of the verbs below;
	-- any other stays as written.
	<<why>>
	DECLARE
		-- a question about a problem becomes a statement, and so does a why-
		-- question asked in a negative feeling ("why is this taking so long?!":
		-- "this is taking so long", which the feeling's templates read as "I
		-- understand ..."); another general question a question inside a
		-- sentence
		-- (set below: a simple expression each, not a query per message)
		upset boolean := false;
		as_statement boolean;
		embed boolean;
		m text[];
		wh text;
		aux text;
		laux text;
		rest text[];
		wn int;
		wsubj text;
		wnxt text;
		lnxt text;
		tail text;
		k int;
		body text;
		adverbs text[] := ARRAY['not', 'never', 'still', 'always', 'only', 'even', 'really', 'just', 'ever', 'actually',
			'also', 'constantly', 'suddenly', 'sometimes', 'now', 'already'];
		-- verbs that may follow a subject of several words after "does",
		-- "can", "won't"...: "why does the app keep crashing" ("the delivery
		-- driver" is no subject "the delivery" and a verb "driver")
		verbs text[] := ARRAY['not', 'never', 'still', 'always', 'even', 'really', 'just', 'keep', 'keeps', 'take',
			'show', 'say', 'need', 'want', 'charge', 'cost', 'work', 'send', 'ask', 'make', 'let',
			'have', 'go', 'come', 'get', 'give', 'look', 'seem', 'stop', 'tell', 'use', 'happen',
			'load', 'open', 'close', 'connect', 'update', 'sync', 'accept', 'allow', 'arrive',
			'deliver', 'refund', 'reply', 'respond', 'answer', 'call', 'change', 'cancel', 'find',
			'fit', 'run', 'start', 'turn', 'switch', 'print', 'pay', 'process', 'recognise',
			'recognize', 'remember', 'save', 'show', 'display', 'match', 'include', 'require', 'expire',
			'fail', 'freeze', 'crash', 'drop', 'lose', 'leave', 'break', 'apply', 'count', 'list', 'cover',
			'support', 'mean', 'last', 'contain', 'ship', 'offer', 'provide', 'cause', 'affect', 'reset', 'renew'];
		-- what may follow the subject of "is", "has"...: a participle, an -ing
		-- form, a state or an adverb ("why is my account locked", "... taking so
		-- long", "... so high", "... not working")
		predicate text[] := ARRAY['not', 'never', 'still', 'so', 'too', 'always', 'only', 'being', 'been', 'now',
			'already', 'ever', 'even', 'really', 'just', 'suddenly', 'constantly', 'also', 'late',
			'down', 'up', 'off', 'out', 'gone', 'missing', 'wrong', 'broken', 'stuck', 'empty',
			'closed', 'open', 'different', 'slow', 'unavailable', 'available', 'overdue', 'pending',
			'free', 'expensive', 'dirty', 'cold', 'dead', 'blank', 'black', 'invalid', 'incorrect',
			'higher', 'lower', 'here', 'back', 'ready', 'done', 'right', 'correct', 'valid', 'active',
			'visible'];
		-- nouns that read as a participle ("why is my online banking down")
		ing_nouns text[] := ARRAY['banking', 'heating', 'parking', 'booking', 'billing', 'shipping', 'packaging',
			'clothing', 'building', 'wedding', 'meeting', 'setting', 'settings', 'listing', 'recording',
			'housing', 'funding', 'pricing', 'training', 'ticketing', 'charging', 'lighting',
			'flooring', 'plumbing', 'wiring', 'roofing', 'siding', 'bedding', 'linen', 'garden',
			'kitchen', 'oven', 'chicken', 'screen', 'token'];
		-- after "did": verbs whose past is not the -ed form, and regular
		-- verbs that double their last consonant (British spelling:
		-- "cancelled"), as pairs of present and past
		irregular text[] := ARRAY['take', 'took', 'send', 'sent', 'leave', 'left', 'give', 'gave',
			'get', 'got', 'make', 'made', 'tell', 'told', 'say', 'said', 'pay', 'paid', 'go', 'went',
			'come', 'came', 'buy', 'bought', 'bring', 'brought', 'lose', 'lost', 'break', 'broke',
			'put', 'put', 'cut', 'cut', 'let', 'let', 'set', 'set', 'shut', 'shut', 'cost', 'cost',
			'keep', 'kept', 'find', 'found', 'feel', 'felt', 'know', 'knew', 'see', 'saw',
			'write', 'wrote', 'sell', 'sold', 'hold', 'held', 'forget', 'forgot', 'freeze', 'froze',
			'run', 'ran', 'begin', 'began', 'hang', 'hung', 'throw', 'threw', 'spend', 'spent',
			'have', 'had', 'do', 'did', 'mislead', 'misled', 'stop', 'stopped', 'drop', 'dropped',
			'ship', 'shipped', 'ban', 'banned', 'flag', 'flagged', 'cancel', 'cancelled',
			'label', 'labelled', 'transfer', 'transferred', 'refer', 'referred', 'admit', 'admitted',
			'submit', 'submitted', 'omit', 'omitted', 'scan', 'scanned', 'skip', 'skipped',
			'log', 'logged', 'bar', 'barred', 'swap', 'swapped', 'hear', 'heard',
			'reset', 'reset', 'upset', 'upset', 'quit', 'quit', 'fit', 'fitted', 'refit', 'refitted'];
		-- after "did": other verbs, whose past is the -ed form
		did_verbs text[] := ARRAY['charge', 'overcharge', 'close', 'block', 'lock', 'deny', 'decline', 'refuse', 'change',
			'delete', 'remove', 'ignore', 'call', 'deliver', 'return', 'reject', 'miss', 'switch',
			'disconnect', 'suspend', 'bill', 'raise', 'increase', 'double', 'happen', 'arrive', 'work',
			'load', 'open', 'connect', 'update', 'accept', 'allow', 'refund', 'reply', 'respond',
			'answer', 'start', 'turn', 'print', 'process', 'recognise', 'recognize', 'save', 'show',
			'display', 'include', 'require', 'expire', 'fail', 'crash', 'apply', 'count', 'list', 'ask',
			'use', 'need', 'want', 'move', 'mark', 'post', 'email', 'contact', 'lie', 'promise',
			'downgrade', 'upgrade', 'sign', 'renew', 'terminate', 'end', 'reset', 'restrict', 'void',
			'tow', 'damage', 'treat', 'ruin', 'waste', 'disappear', 'vanish', 'wait', 'look', 'seem',
			'sync', 'match', 'install', 'uninstall', 'activate', 'deactivate', 'collect', 'pick',
			'book', 'rebook', 'reschedule', 'add', 'enroll', 'register', 'approve', 'verify', 'check',
			'confirm', 'kill', 'receive', 'order', 'try', 'expect', 'notice', 'bounce'];
		past text;
		vi int;
		-- words that end no subject: a preposition, a determiner, a conjunction
		stops text[] := ARRAY['in', 'on', 'at', 'of', 'for', 'from', 'with', 'to', 'by', 'about', 'into', 'than',
			'the', 'a', 'an', 'my', 'your', 'our', 'this', 'that', 'these', 'those', 'and', 'or', 'if'];
	BEGIN
		IF cintent = 'general_question' AND (lower(split_part(clause, ' ', 1)) = 'why' OR lower(clause) LIKE 'how come %') THEN
			upset := @extschema@.emotion_labels(left(message, 4000))
				&& ARRAY['anger', 'frustration', 'disappointment', 'sadness', 'fear', 'disgust'];
		END IF;
		as_statement := cintent NOT IN ('general_question', 'praise') OR upset;
		embed := cintent = 'general_question' AND NOT upset;
		EXIT why WHEN NOT (as_statement OR embed);
		-- "what's your returns policy": "what is"
		IF embed THEN
			clause := regexp_replace(clause, '^(what|where|who|how|when)[\u2019'']s\s+', '\1 is ', 'i');
		END IF;
		-- (word tests without regular expressions where they do: a function
		-- that runs more than PostgreSQL keeps compiled compiles them anew)
		wh := lower(split_part(clause, ' ', 1));
		IF embed AND wh IN ('do', 'does', 'did', 'can', 'could', 'will', 'would', 'is', 'are', 'was', 'were', 'am',
		                    'has', 'have', 'should', 'may')
		   AND split_part(clause, ' ', 3) <> ''
		   AND NOT (wh = 'do' AND lower(split_part(clause, ' ', 2)) = 'not')
		   -- "could you believe it?" asks for no answer (a request is what the
		   -- customer wants done by now), "can you ship to Canada?" whether
		   AND NOT (wh IN ('can', 'could', 'would', 'will') AND lower(split_part(clause, ' ', 2)) IN ('you', 'u')
		            AND lower(split_part(clause, ' ', 3)) NOT IN ('ship', 'deliver', 'post', 'accept', 'take', 'offer',
		                                                          'open', 'sell', 'stock', 'match', 'install', 'print')) THEN
			-- a yes-no question: "whether"
			m := ARRAY['whether', split_part(clause, ' ', 1), substr(clause, length(split_part(clause, ' ', 1)) + 2)];
		ELSIF (wh = 'why' OR (embed AND wh IN ('how', 'what', 'where', 'when', 'which', 'who'))
		       OR lower(clause) LIKE 'how come %') AND split_part(clause, ' ', 3) <> '' THEN
			m := regexp_match(clause, '^(why|how come|how much|how many|how long|how often|how soon|how|what time|what|where|when|which|who)\s+(\S+)\s+(.+)$', 'i');
			-- after "how" or "what" alone, only in a general question
			IF m IS NOT NULL AND NOT embed AND lower(m[1]) NOT IN ('why', 'how come') THEN
				m := NULL;
			END IF;
		END IF;
		IF m IS NULL THEN
			EXIT why;
		END IF;
		wh := lower(m[1]);
		-- "Can I pay by PayPal": the auxiliary is no longer first
		aux := CASE WHEN m[2] <> lower(m[2]) AND substr(m[2], 2) = lower(substr(m[2], 2)) THEN lower(m[2]) ELSE m[2] END;
		-- (curly apostrophes are straight by now)
		laux := lower(aux);
		-- "how come my card was declined": already in the order of a statement
		IF wh = 'how come' AND NOT (laux = ANY (ARRAY['is', 'are', 'was', 'were', 'am', 'has', 'have', 'had', 'does', 'do', 'did', 'can', 'could', 'will', 'would', 'should', 'isn''t', 'aren''t', 'wasn''t', 'weren''t', 'hasn''t', 'haven''t', 'hadn''t', 'doesn''t', 'don''t', 'didn''t', 'can''t', 'couldn''t', 'won''t', 'wouldn''t', 'shouldn''t'])) THEN
			clause := CASE WHEN embed THEN 'why ' ELSE '' END || aux || ' ' || m[3];
			EXIT why;
		END IF;
		-- "why should I pay for your mistake?", "why would you do that": no
		-- concern to take for granted (a yes-no question asks one: "should I
		-- reinstall the app?": "whether you should reinstall the app")
		IF NOT (laux = ANY (ARRAY['is', 'are', 'was', 'were', 'am', 'has', 'have', 'had', 'does', 'do', 'did', 'can', 'could', 'will', 'isn''t', 'aren''t', 'wasn''t', 'weren''t', 'hasn''t', 'haven''t', 'hadn''t', 'doesn''t', 'don''t', 'didn''t', 'can''t', 'couldn''t', 'won''t']))
		   AND NOT (embed AND wh <> 'why' AND laux = ANY (ARRAY['would', 'should', 'may'])) THEN
			EXIT why;
		END IF;
		rest := regexp_split_to_array(m[3], '\s+');
		wn := array_length(rest, 1);
		-- the subject: a pronoun, or a determiner and one to three words, the
		-- first whose next word can follow a subject there
		FOR j IN 1 .. LEAST(4, wn - 1) LOOP
			IF j = 1 AND (NOT (lower(rest[1]) = ANY (ARRAY['i', 'you', 'u', 'we', 'they', 'he', 'she', 'it', 'there', 'this', 'that', 'everything', 'nothing', 'nobody', 'everyone', 'everybody', 'someone', 'something']))
			              OR (lower(rest[1]) = 'you' AND lower(rest[2]) = ANY (ARRAY['guys', 'lot', 'people', 'folks']))) THEN
				CONTINUE;
			END IF;
			-- "you guys", "you lot", "you people" are a subject of two words
			IF j > 1 AND (NOT (lower(rest[1]) = ANY (ARRAY['my', 'our', 'your', 'the', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'a', 'an', 'some', 'all', 'every']))
			              OR lower(rest[j]) = ANY (stops))
			   AND NOT (j = 2 AND lower(rest[1]) = 'you' AND lower(rest[2]) = ANY (ARRAY['guys', 'lot', 'people', 'folks'])) THEN
				CONTINUE;
			END IF;
			wnxt := rest[j + 1];
			lnxt := lower(rtrim(wnxt, '.,;:!?)"'));
			EXIT WHEN lnxt = '';
			IF left(laux, 2) IN ('is', 'am') OR left(laux, 3) IN ('are', 'was', 'has', 'had') OR left(laux, 4) IN ('were', 'have') THEN
				-- "it" and "there" take anything ("why is it so hard", "why is
				-- there a fee"); "you" a verb only ("why are you charging me",
				-- not "why are you so useless")
				IF (j = 1 AND lower(rest[1]) IN ('it', 'there'))
				   OR (lower(rest[1]) = 'you' AND j = 1 AND (wh = 'whether' OR lnxt = 'not' OR lnxt ~ '^[[:alpha:]]+(ed|en|ing)$'))
				   OR (lower(rest[1]) <> 'you' AND (lnxt = ANY (predicate) OR lnxt ~ '^[[:alpha:]]+(ed|en|ing)$') AND NOT (lnxt = ANY (ing_nouns))) THEN
					wsubj := array_to_string(rest[1:j], ' ');
					k := j;
					EXIT;
				END IF;
			ELSIF (j = 1 AND NOT (lnxt = ANY (stops)) AND (right(lnxt, 2) <> 'ly' OR lnxt = ANY (ARRAY['apply', 'reply', 'supply', 'rely']))
			       -- "this" or "that" before a noun is a determiner ("what does this error
			       -- mean", "why did this order get cancelled": a verb follows the noun)
			       AND NOT (lower(rest[1]) IN ('this', 'that')
			                AND (NOT (lnxt = ANY (verbs) OR (laux = 'did' AND (lnxt = ANY (did_verbs) OR lnxt = ANY (irregular))))
			                     OR (NOT (lnxt = ANY (adverbs)) AND lower(rtrim(coalesce(rest[3], ''), '.,;:!?)"')) = ANY (verbs)))))
			      OR (j > 1 AND (lnxt = ANY (verbs) OR (laux = 'did' AND (lnxt = ANY (did_verbs) OR lnxt = ANY (irregular))))
			          -- "why did my return label not work", "why did my phone bill
			          -- go up": a word that a verb or "not" follows is the subject's
			          AND NOT (laux = 'did' AND NOT (lnxt = ANY (ARRAY['not', 'never', 'just', 'even', 'really', 'actually', 'still', 'always', 'also', 'only']))
			                   AND lower(rtrim(coalesce(rest[j + 2], ''), '.,;:!?)"'))
			                       = ANY (ARRAY['not', 'never', 'go', 'come', 'get', 'say', 'work', 'arrive', 'bounce',
			                                    'fail', 'happen', 'show', 'take', 'cost', 'turn', 'stop', 'break', 'change',
			                                    'disappear', 'vanish', 'expire', 'crash', 'load', 'open', 'close', 'update',
			                                    'send', 'reach', 'appear', 'end', 'start', 'drop', 'jump', 'rise', 'double',
			                                    'increase']))) THEN
				wsubj := array_to_string(rest[1:j], ' ');
				k := j;
				EXIT;
			END IF;
		END LOOP;
		-- "when does the sale end": a determiner and a noun or two before the
		-- last word, the verb
		IF wsubj IS NULL AND embed AND laux IN ('do', 'does', 'did') AND wn BETWEEN 2 AND 5
		   AND lower(rest[1]) = ANY (ARRAY['my', 'our', 'your', 'the', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its'])
		   AND NOT (lower(rtrim(rest[wn], '.,;:!?)"')) = ANY (stops)) THEN
			wsubj := array_to_string(rest[1:wn - 1], ' ');
			k := wn - 1;
		END IF;
		IF wsubj IS NULL AND laux = 'do' THEN
			-- "why do some shows disappear": "do" goes
			body := m[3];
		ELSIF wsubj IS NULL AND embed AND wh NOT IN ('why', 'how come', 'whether') AND laux = ANY (ARRAY['is', 'are', 'was', 'were'])
		      AND wn <= 6 AND lower(rest[1]) = ANY (ARRAY['my', 'our', 'your', 'the', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'it', 'a', 'an']) THEN
			-- "what is your returns policy": the rest is the subject (not
			-- after "why": "why is the price on the website different"), but
			-- a preposition that ends it ("what is this charge for": "what
			-- this charge is for")
			body := CASE WHEN rtrim(lower(rest[wn]), '?!.') = ANY (ARRAY['for', 'from', 'about', 'with', 'to', 'in', 'on', 'at', 'of', 'like']) AND wn > 1
				THEN array_to_string(rest[1:wn - 1], ' ') || ' ' || aux || ' ' || rest[wn]
				ELSE m[3] || ' ' || aux END;
		ELSIF wsubj IS NULL THEN
			EXIT why;
		ELSE
			tail := array_to_string(rest[k + 1:wn], ' ');
			IF laux = 'do' AND lower(rest[k + 1]) <> 'not' THEN
				body := wsubj || ' ' || tail;
			ELSIF laux = 'does' AND lower(rest[k + 1]) <> 'not'
			      AND (NOT (lower(rest[k + 1]) = ANY (adverbs)) OR k + 2 <= wn) THEN
				-- "why does the app keep crashing" -> "the app keeps crashing",
				-- in the case the verb is written in; past an adverb ("why does
				-- my order never arrive" -> "your order never arrives")
				vi := CASE WHEN lower(rest[k + 1]) = ANY (adverbs) THEN k + 2 ELSE k + 1 END;
				wnxt := rest[vi];
				body := wsubj || ' ' || CASE WHEN vi > k + 1 THEN rest[k + 1] || ' ' ELSE '' END || CASE
					WHEN lower(wnxt) = 'have' THEN CASE WHEN wnxt = upper(wnxt) THEN 'HAS' ELSE 'has' END
					WHEN lower(wnxt) = ANY (ARRAY['do', 'go']) OR right(lower(wnxt), 1) IN ('s', 'x', 'z') OR right(lower(wnxt), 2) IN ('sh', 'ch')
						THEN wnxt || CASE WHEN wnxt = upper(wnxt) THEN 'ES' ELSE 'es' END
					WHEN right(lower(wnxt), 1) = 'y' AND length(wnxt) > 1 AND substr(lower(wnxt), length(wnxt) - 1, 1) NOT IN ('a', 'e', 'i', 'o', 'u')
						THEN left(wnxt, -1) || CASE WHEN wnxt = upper(wnxt) THEN 'IES' ELSE 'ies' END
					ELSE wnxt || CASE WHEN wnxt = upper(wnxt) THEN 'S' ELSE 's' END END
					|| CASE WHEN vi + 1 <= wn THEN ' ' || array_to_string(rest[vi + 1:wn], ' ') ELSE '' END;
			ELSIF laux = 'did' AND lower(rest[k + 1]) = 'not' THEN
				-- "why did my order not arrive" -> "your order did not arrive"
				body := wsubj || ' ' || aux || ' ' || tail;
			ELSIF laux = 'did' THEN
				-- "why did you charge me twice" -> "we charged you twice", "why
				-- did you even cancel it" -> "we even cancelled it"; a verb not
				-- known here leaves the question as it is
				vi := k + 1;
				-- "ever" goes ("why did you ever send this": "we sent this")
				IF lower(rest[vi]) = 'ever' AND vi < wn THEN
					rest := rest[1:vi - 1] || rest[vi + 1:wn];
					wn := wn - 1;
				END IF;
				IF lower(rest[vi]) = ANY (ARRAY['never', 'just', 'even', 'really', 'actually', 'suddenly', 'also', 'only', 'always', 'still']) THEN
					vi := vi + 1;
				END IF;
				-- "why did you double charge me": "we double charged you"
				IF lower(rest[vi]) IN ('double', 'over', 'under') AND vi < wn
				   AND lower(rest[vi + 1]) LIKE ANY (ARRAY['charge%', 'bill%', 'book%']) THEN
					vi := vi + 1;
				END IF;
				EXIT why WHEN vi > wn;
				wnxt := rtrim(rest[vi], '.,;:!?)"''');
				lnxt := lower(wnxt);
				past := NULL;
				FOR j IN 1 .. array_length(irregular, 1) / 2 LOOP
					IF irregular[2 * j - 1] = lnxt THEN
						past := irregular[2 * j];
						EXIT;
					END IF;
				END LOOP;
				EXIT why WHEN past IS NULL AND NOT (lnxt = ANY (did_verbs));
				past := coalesce(past, CASE
					WHEN right(lnxt, 1) = 'e' THEN lnxt || 'd'
					WHEN right(lnxt, 1) = 'y' AND length(lnxt) > 1 AND substr(lnxt, length(lnxt) - 1, 1) NOT IN ('a', 'e', 'i', 'o', 'u')
						THEN left(lnxt, -1) || 'ied'
					ELSE lnxt || 'ed' END);
				-- in the case the verb is written in
				IF wnxt = upper(wnxt) THEN
					past := upper(past);
				ELSIF left(wnxt, 1) <> lower(left(wnxt, 1)) THEN
					past := upper(left(past, 1)) || substr(past, 2);
				END IF;
				body := array_to_string(rest[1:k] || rest[k + 1:vi - 1]
					|| (past || substr(rest[vi], length(wnxt) + 1)) || rest[vi + 1:wn], ' ');
			ELSE
				body := wsubj || ' ' || aux || ' ' || tail;
			END IF;
		END IF;
		-- an insult asked about is not taken for granted ("why is your company
		-- so incompetent?", "why is it always me?"): it stays a question
		EXIT why WHEN NOT embed AND body ~* '\m(incompetent|useless|stupid|pathetic|hopeless|unprofessional|rude|clueless|dishonest|greedy|lazy|idiots?|morons?|joke|disgrace|disgraceful|shambles|liars?|thieves|crooks?|rubbish|crap|shit|worst|always (me|us))\M';
		clause := CASE WHEN embed THEN CASE WHEN wh = 'how come' THEN 'why' ELSE wh END || ' ' ELSE '' END || body;
	END why;
	words := regexp_split_to_array(clause, '\s+');
	-- a clause written in capitals is shouted, and an agent quotes it in
	-- lower case ("your rain boots stopped working"); one word in capitals
	-- may be an acronym ("your PIN is blocked") and keeps them
	shouted := (SELECT count(*) FROM unnest(words) AS x(x)
	            WHERE x ~ ('^[[:upper:]][[:upper:]'']+[^[:alnum:]' || letters || ']*$')) >= 2;
	FOR i IN 1 .. array_length(words, 1) LOOP
		-- (a percent sign stays, and each closing bracket or quote that one
		-- before it in the clause opened and none has closed: "97%", "(ref
		-- CLM-55231)", "[ref CLM-55231]", "says "invalid code"", "(ref (A1))")
		-- (a word of closers alone closes on the word before it: "(ref A1 )")
		w := regexp_replace(words[i], '[^[:alnum:]%''' || letters || ']+$', '');
		IF w <> words[i] THEN
			tail_p := substr(words[i], length(w) + 1);
			addc := '';
			FOR j IN 1 .. length(tail_p) LOOP
				tc := substr(tail_p, j, 1);
				wo := out || w || addc;
				IF tc = '"' THEN
					IF (length(wo) - length(replace(wo, '"', ''))) % 2 = 1 THEN
						addc := addc || tc;
					END IF;
				ELSIF strpos(closers, tc) > 0 THEN
					topen := substr(openers, strpos(closers, tc), 1);
					IF length(wo) - length(replace(wo, topen, '')) > length(wo) - length(replace(wo, tc, '')) THEN
						addc := addc || tc;
					END IF;
				END IF;
			END LOOP;
			IF w <> '' THEN
				w := w || addc;
			ELSIF out <> '' THEN
				out := out || addc;
			END IF;
		END IF;
		IF nwords >= maxwords AND w <> '' THEN
			cut := true;
			EXIT;
		END IF;
		CONTINUE WHEN w = '';
		lw := lower(w);
		-- "u" as written in a hurry is "you" (not "the letter u")
		IF lw = 'u' AND prev NOT IN ('the', 'a', 'letter', 'key') THEN
			lw := 'you';
		END IF;
		-- "you guys lost my parcel": "we lost your parcel"
		CONTINUE WHEN prev = 'you' AND lw IN ('guys', 'people', 'folks', 'lot');
		nxt := CASE WHEN i < array_length(words, 1) THEN lower(words[i + 1]) ELSE '' END;
		-- "I hate you guys": the word after "you guys" tells a subject from an object
		IF lw = 'you' AND regexp_replace(nxt, '[^[:alnum:]]+$', '') IN ('guys', 'people', 'folks', 'lot') THEN
			nxt := CASE WHEN i + 1 < array_length(words, 1) THEN lower(words[i + 2]) ELSE '' END;
		END IF;
		w := CASE lw
			WHEN 'i' THEN 'you'
			WHEN 'me' THEN 'you'
			WHEN 'my' THEN 'your'
			WHEN 'mine' THEN 'yours'
			WHEN 'myself' THEN 'yourself'
			WHEN 'i''m' THEN 'you''re'
			WHEN 'im' THEN 'you''re'
			WHEN 'i''ve' THEN 'you''ve'
			WHEN 'ive' THEN 'you''ve'
			WHEN 'i''d' THEN 'you''d'
			WHEN 'i''ll' THEN 'you''ll'
			WHEN 'we' THEN 'you'
			WHEN 'us' THEN 'you'
			WHEN 'our' THEN 'your'
			WHEN 'ours' THEN 'yours'
			WHEN 'ourselves' THEN 'yourselves'
			WHEN 'we''re' THEN 'you''re'
			WHEN 'we''ve' THEN 'you''ve'
			WHEN 'we''ll' THEN 'you''ll'
			WHEN 'we''d' THEN 'you''d'
			-- "you" as an object becomes "us" ("sorry to bother you", "I paid
			-- you"), as a subject "we" ("you charged me twice", "I think you
			-- overcharged me")
			-- (and at the end of the clause, where no subject stands: "I
			-- always have to chase you")
			-- (a "you" a verb follows is a subject after a noun too: "the refund
			-- you promised us", "the engineer you sent")
			WHEN 'you' THEN CASE WHEN nxt IN ('have', 'had', 'will', 'would', 'can', 'could', 'did', 'do', 'should',
			                                  'shall', 'may', 'might', 'must', 'are', 'were', 'said', 'promised', 'sent',
			                                  'charged', 'gave', 'took', 'made', 'offered', 'quoted', 'advertised',
			                                  'sold', 'delivered', 'cancelled', 'canceled', 'booked', 'agreed',
			                                  'confirmed', 'claimed', 'guaranteed', 'assured', 'billed', 'changed',
			                                  'lost', 'broke', 'damaged', 'missed', 'fitted', 'installed', 'supplied',
			                                  'kept')
			                      AND (prev IN ('refund', 'charge', 'bill', 'message', 'call', 'email', 'text',
			                                    'phone', 'report', 'contact', 'visit', 'rate', 'help')
			                           OR prev NOT IN ('to', 'for', 'with', 'at', 'from', 'about', 'through', 'via',
			                                'without', 'against', 'behind', 'towards', 'than', 'by', 'of', 'told',
			                                'asked', 'called', 'emailed', 'contacted', 'paid', 'gave', 'sent',
			                                'thank', 'trust', 'reach', 'ask', 'tell', 'pay', 'give', 'send',
			                                'let', 'need', 'want', 'urge', 'beg', 'remind', 'take', 'took',
			                                'chase', 'chased', 'charged', 'refunded', 'billed', 'messaged',
			                                'phoned', 'ring', 'rang', 'texted', 'reminded', 'thanked', 'helped',
			                                'reached', 'trusted', 'warned', 'blamed', 'joined', 'followed',
			                                'visited', 'informed', 'notified', 'rated', 'bother', 'bothered',
			                                'lets', 'gives', 'tells', 'asks', 'sends', 'pays', 'charges', 'helps',
			                                'reminds', 'calls', 'emails', 'contacts', 'bothers', 'made', 'make',
			                                'see', 'saw', 'heard', 'hear', 'show', 'showed', 'expect',
			                                'expected', 'told'))
			                     THEN 'we'
			                     WHEN nxt IN ('', 'to') OR prev IN ('to', 'for', 'with', 'at', 'from', 'about', 'through', 'via',
			                                   'without', 'against', 'behind', 'towards', 'told',
			                                   'asked', 'called', 'emailed', 'contacted', 'paid',
			                                   'gave', 'sent', 'than', 'by', 'of', 'bother', 'trouble',
			                                   'thank', 'trust', 'help', 'reach', 'call', 'email', 'contact',
			                                   'ask', 'tell', 'pay', 'give', 'send', 'let', 'need', 'want',
			                                   'urge', 'beg', 'remind', 'take', 'took', 'chase', 'chased',
			                                   'chasing', 'charge', 'charged', 'refund', 'refunded', 'bill',
			                                   'billed', 'message', 'messaged', 'phone', 'phoned', 'ring', 'rang',
			                                   'text', 'texted', 'contacting', 'calling', 'emailing', 'telling',
			                                   'asking', 'paying', 'giving', 'sending', 'reminded', 'thanked',
			                                   'helped', 'reached', 'trusted', 'bothered', 'lets', 'gives', 'tells',
			                                   'asks', 'sends', 'pays', 'charges', 'helps', 'reminds', 'calls',
			                                   'emails', 'contacts', 'bothers', 'report', 'reported', 'reporting',
			                                   'sue', 'sued', 'suing', 'warn', 'warned',
			                                   'blame', 'blamed', 'join', 'joined', 'leave',
			                                   'leaving', 'follow', 'followed', 'choose', 'chose', 'visit', 'visited',
			                                   'inform', 'informed', 'notify', 'notified', 'forgive', 'rate', 'rated')
			                     THEN 'us' ELSE 'we' END
			WHEN 'your' THEN 'our'
			WHEN 'yours' THEN 'ours'
			WHEN 'you''re' THEN 'we''re'
			WHEN 'you''ve' THEN 'we''ve'
			WHEN 'you''ll' THEN 'we''ll'
			WHEN 'am' THEN 'are'
			WHEN 'was' THEN CASE WHEN prev IN ('i', 'we') OR nxt IN ('i', 'we') THEN 'were' ELSE w END
			WHEN 'wasn''t' THEN CASE WHEN prev IN ('i', 'we') OR nxt IN ('i', 'we') THEN 'weren''t' ELSE w END
			ELSE w
		END;
		-- every word of a shouted clause in lower case, "A" too ("I" was swapped
		-- already), and a common word shouted alone ("log in AGAIN")
		IF (shouted AND w ~ '^[[:upper:]][[:upper:]'']*$')
		   OR (length(w) > 1 AND w = upper(w) AND lower(w) = ANY (ARRAY['again', 'now', 'never', 'still', 'not', 'always',
		       'ever', 'twice', 'nothing', 'no', 'yes', 'help', 'please', 'why', 'what', 'how', 'still', 'three', 'times',
		       'every', 'all', 'only', 'today', 'asap', 'urgent', 'wrong', 'broken', 'late'])) THEN
			w := lower(w);
		END IF;
		-- the first word starts in lower case, unless it is an acronym or has
		-- capitals inside ("PIN", "McDonald's", and "CAFE" with an accented E where the locale
		-- does not know the accented E as a capital)
		IF first_word AND w !~ '^[[:upper:][:digit:]]+$' AND substr(w, 2) = lower(substr(w, 2)) THEN
			w := lower(left(w, 1)) || substr(w, 2);
		END IF;
		out := out || CASE WHEN first_word THEN '' ELSE ' ' END || w;
		first_word := false;
		prev := lw;
		nwords := nwords + 1;
	END LOOP;
	-- a clause cut at 12 words does not end on a function word ("log in",
	-- "sign in", "turn on" keep theirs), one cut off by a comma, an ellipsis
	-- or a conjunction not on a conjunction or a determiner; one that ends
	-- its sentence ends as written ("what are you waiting for?", "you did
	-- that")
	IF cut AND out !~* '\m(log|logged|sign|signed|check|checked|turn|turned|switch|switched)\s+(in|on)$' THEN
		out := regexp_replace(out, '(\s+(on|to|the|a|an|of|for|in|at|with|and|or|but|from|by|your|our|that|which|is|was|were|are|be|been|it))+$', '', 'i');
	ELSIF NOT ended THEN
		-- cut off at a comma: a preposition may end it ("what you paid for, what
		-- now?"), a conjunction or a determiner not
		out := regexp_replace(out, '(\s+(the|a|an|and|or|but|so|then|plus|your|our|their|which))+$', '', 'i');
	END IF;
	RETURN NULLIF(out, '');
END $$;
COMMENT ON FUNCTION @extschema@.concern(text) IS
'the customer''s main concern as a short clause from the agent''s side ("my order is late again" gives "your order is late again"): the clause with an intent phrase or the most negative one, greetings trimmed, at most 12 words, pronouns swapped, a shouted clause in lower case; a why-question about a problem as the statement it takes for granted ("Why did you charge me twice?": "we charged you twice"), a general question as a question inside a sentence ("Do you ship to Ireland?": "whether we ship to Ireland"); NULL when there is none; reads the first 4000 characters';

-- ---------------------------------------------------------------- templates

CREATE SEQUENCE @extschema@.templates_id_seq START WITH 1000;
COMMENT ON SEQUENCE @extschema@.templates_id_seq IS
'ids of user templates (ids below 1000 are kept for the built-in ones)';

CREATE TABLE @extschema@.templates (
	id integer PRIMARY KEY DEFAULT pg_catalog.nextval('@extschema@.templates_id_seq'),
	name text NOT NULL UNIQUE,
	emotion text NOT NULL DEFAULT 'any',
	intent text NOT NULL DEFAULT 'any',
	channel text NOT NULL DEFAULT 'any',
	language text NOT NULL DEFAULT 'en',
	body text NOT NULL,
	builtin boolean NOT NULL DEFAULT false,
	CONSTRAINT templates_name_check CHECK (name ~ '^\S(.*\S)?$' AND length(name) <= 100),
	CONSTRAINT templates_emotion_check CHECK (emotion IN ('anger', 'frustration', 'disappointment',
		'sadness', 'fear', 'confusion', 'surprise', 'joy', 'gratitude', 'disgust', 'neutral', 'any')),
	CONSTRAINT templates_intent_check CHECK (intent ~ '^[a-z][a-z0-9_]{0,47}$'),
	CONSTRAINT templates_channel_check CHECK (channel IN ('chat', 'email', 'social', 'any')),
	CONSTRAINT templates_language_check CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$'),
	CONSTRAINT templates_body_check CHECK (@extschema@.template_is_valid(body)),
	CONSTRAINT templates_builtin_id_check CHECK (builtin = (id < 1000))
);
ALTER SEQUENCE @extschema@.templates_id_seq OWNED BY @extschema@.templates.id;

COMMENT ON TABLE @extschema@.templates IS
'response templates for empathy.suggest_reply(): the built-in starter set (builtin) and the team''s own rows';
COMMENT ON COLUMN @extschema@.templates.id IS 'template id; built-in templates have ids below 1000, user templates from 1000';
COMMENT ON COLUMN @extschema@.templates.name IS 'a unique, readable name';
COMMENT ON COLUMN @extschema@.templates.emotion IS 'the customer emotion it answers (an emotion dimension), neutral, or any';
COMMENT ON COLUMN @extschema@.templates.intent IS 'the customer intent it answers (see empathy.intent_names()), or any';
COMMENT ON COLUMN @extschema@.templates.channel IS 'chat, email, social or any; chat and social templates are shorter';
COMMENT ON COLUMN @extschema@.templates.language IS 'language code of the text (en)';
COMMENT ON COLUMN @extschema@.templates.body IS 'the template text (see empathy.render()): it reads name, concern, emotion, intent, agent_name, solution and any other vars';
COMMENT ON COLUMN @extschema@.templates.builtin IS 'true for the starter templates installed with the extension (read-only, not dumped)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.templates', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.templates_id_seq', '');
GRANT SELECT ON @extschema@.templates TO PUBLIC;
GRANT INSERT, UPDATE, DELETE ON @extschema@.templates TO @extowner@;
GRANT USAGE, SELECT, UPDATE ON SEQUENCE @extschema@.templates_id_seq TO @extowner@;  -- pg_dump reads it, a restore sets it

CREATE FUNCTION @extschema@.templates_protect() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		RAISE EXCEPTION 'built-in templates cannot be changed'
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'TRUNCATE would remove them with your own templates.',
			      HINT = 'Drop your own templates with DELETE FROM empathy.templates WHERE NOT builtin.';
	END IF;
	IF (TG_OP = 'DELETE' AND OLD.builtin) OR (TG_OP = 'UPDATE' AND OLD.builtin) THEN
		RAISE EXCEPTION 'built-in template "%" cannot be changed', OLD.name
			USING ERRCODE = 'insufficient_privilege',
			      HINT = 'Insert your own row (builtin false) with a new name; a more specific template of yours is picked before it.';
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.builtin THEN
		RAISE EXCEPTION 'template "%" cannot be made built-in', NEW.name
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'Only the templates the extension installs are built-in.',
			      HINT = 'Leave builtin false: a more specific template of yours is picked before a built-in one.';
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		-- "CHAT", " Anger", "Late_Delivery", "EN-GB" as the lookups read them
		-- (lower case, no spaces around; a language's region keeps its case),
		-- and an unknown channel or emotion named in the error, not a bare
		-- check constraint (a NULL is left to NOT NULL)
		NEW.channel := lower(btrim(NEW.channel));
		NEW.emotion := lower(btrim(NEW.emotion));
		NEW.intent := lower(btrim(NEW.intent));
		NEW.language := lower(split_part(btrim(NEW.language), '-', 1))
			|| CASE WHEN strpos(btrim(NEW.language), '-') > 0
			        THEN substr(btrim(NEW.language), strpos(btrim(NEW.language), '-')) ELSE '' END;
		IF NEW.channel NOT IN ('chat', 'email', 'social', 'any') THEN
			RAISE EXCEPTION 'unknown channel "%" for template "%"', NEW.channel, NEW.name
				USING ERRCODE = 'check_violation',
				      DETAIL = 'A template''s channel is chat, email, social or any.';
		END IF;
		IF NEW.emotion NOT IN ('anger', 'frustration', 'disappointment', 'sadness', 'fear', 'confusion',
				'surprise', 'joy', 'gratitude', 'disgust', 'neutral', 'any') THEN
			RAISE EXCEPTION 'unknown emotion "%" for template "%"', NEW.emotion, NEW.name
				USING ERRCODE = 'check_violation',
				      DETAIL = 'A template''s emotion is one of the ten emotion dimensions, neutral or any.',
				      HINT = 'The dimensions are anger, frustration, disappointment, sadness, fear, confusion, surprise, joy, gratitude and disgust.';
		END IF;
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
COMMENT ON FUNCTION @extschema@.templates_protect() IS 'trigger: keep built-in templates read-only; fold a template''s channel, emotion, intent and language to the case the lookups read, and name an unknown channel or emotion';

-- ---------------------------------------------------------------- suggestions

CREATE FUNCTION @extschema@.suggest_replies(customer_message text, vars jsonb DEFAULT '{}',
	channel text DEFAULT NULL, k integer DEFAULT 3)
RETURNS TABLE (template_id integer, template_name text, reply text, score float8, why text)
LANGUAGE plpgsql STABLE PARALLEL SAFE COST 800 ROWS 3
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	msg text;
	ch text;
	v jsonb;
	emo text;
	intn text;
	mintent text;
	conc text;
	asks boolean;
	praise_needs boolean;
	no_neutral boolean := false;
	fill_conc text;
	filled_q jsonb;
	after_contrast text;
	after_labels text[];
	after_fixed boolean := false;
	cust_cancels boolean := false;
	-- a death: of a person, or a funeral ("my husband passed away", "my dad
	-- died last week", "in Boston for a funeral"; not "my phone died", "the
	-- funeral home collection")
	bereaved text := '\m(passed away|bereavement|bereaved|(husband|wife|partner|father|mother|dad|mum|mom|son|daughter|brother|sister|grandma|grandmother|grandfather|grandad|granddad|grandpa|nan|aunt|uncle|friend|baby|child|fiancee?)\s+((has|had|just|recently|sadly|suddenly)\s+)*died|(a|the|his|her|my|their|our)\s+funeral(?!\s+(home|director|directors|parlou?r|plan|plans)))\M';
	-- a journey, not a shop order ("My flight BA283 was cancelled"; not "I
	-- ordered a model plane", "the departure scan of my parcel")
	-- suicide or self-harm, said by the customer ("I want to kill myself",
	-- "I don't want to live anymore", "I'm thinking of ending it all"; not
	-- "I hurt myself on the step", whose injury a template can answer)
	-- what a reply must not say back: a card number (13 to 19 digits, spaces or
	-- dashes between), a security code, a US social security number, a password
	sensitive text := '\m\d([ -]?\d){12,18}\M|\m(cvv2?|cvc2?|cid|security\s+code|pin(\s+code|\s+number)?)\s*(is|was|:|=|-)?\s*\d{3,6}\M|\m\d{3}-\d{2}-\d{4}\M|\m(password|passcode|passwd|pin)\s*(is|was|:|=)\s*\S+|\m(password|passcode|passwd)\s+\S*\d\S*';
	-- a threat of violence to others ("I want to kill you", "I have a bomb")
	threat text := '\m(i(\s+will|''ll|ll|\s+am\s+going\s+to|''m\s+going\s+to|m\s+going\s+to|\s+want\s+to|\s+wanna|\s+gonna|''m\s+gonna|m\s+gonna|\s+am\s+gonna)(\s+(literally|actually|seriously|really|just|fucking|effing|personally))?\s+(kill|shoot|stab|murder|beat\s+up|attack|hurt|strangle|punch)\s+(you|u|ya|him|her|them|someone|somebody|everyone|your\s+(delivery\s+)?(staff|agents?|manager|driver|engineer|family|kids|children|guy|man|courier|team)|the\s+(delivery\s+)?(driver|engineer|manager|staff|agent|guy|man|courier))|i\s+(have|''ve\s+got|got|am\s+carrying)\s+a\s+(bomb|gun)(?=\s*([.!,;]|$|\s+(and|so|with)\M))|(bomb|burn\s+down|blow\s+up|shoot\s+up)\s+(your|the)\s+(office|offices|shop|store|building|branch|warehouse|depot|headquarters|hq))\M';
	crisis text := '\m(suicidal|suicidle|sucidal|(commit(ting)?|attempt(ing|ed)?|consider(ing)?|thinking\s+(of|about))\s+suicide|suicide\s+attempt|kill(ing)?\s*my\s*self|kms|end(ing)?\s+my\s+(own\s+)?life(?!\s+(insurance|assurance|cover|policy|membership|plan|savings))|end(ing)?\s+it\s+all(?!\s*[^.!\s[:alnum:]])|want\s+it\s+all\s+to\s+end|tak(e|ing)\s+my\s+(own\s+)?life(?!\s+(insurance|assurance|cover|policy|savings))|((want|wanted)\s+to|wanna)\s+die(?!\s+(my|your|the|her|his|it)\M)|wish\s+i\s+(was|were)\s+dead|want\s+to\s+be\s+dead|(do\s+not|don\W?t|dont)\s+((want|wish)\s+to|wanna)\s+(live|be\s+alive|exist|wake\s+up)(?!\s+(in|with|at|on|there|here|near|next|without|under|beside|like\s+th(is|at)\s+(flat|house|place|area))\M)|no\s+(point|reason)\s+(in\s+)?(living|to\s+live|going\s+on)(?!\s+(in|with|at|on|there|here|near|next)\M)|can\W?t\s+go\s+on\s+living|better\s+off\s+dead|better\s+off\s+without\s+me|(would\s+be\s+)?better\s+without\s+me|(nobody|no\s+one)\s+would\s+(miss|notice)\s+me|(going\s+to|gonna|might|want\s+to|wanna|feel\s+like|thinking\s+(of|about))\s+(hurt|harm|cut)(ing)?\s+myself|(been|keep|started|i)\s+(cutting|harming)\s+myself|(\mi|been|started|keep|my)\s+(\w+\s+)?self[-\s]?harm(ing|ed)?|(planning|going|want)\s+to\s+overdose|take\s+all\s+(my|the|of\s+my)\s+pills|jump(ing)?\s+off\s+(a|the)\s+(bridge|building|roof|cliff)|end(ing)?\s+it\s+(all\s+)?tonight|\mi\s+(just\s+)?(want|wanna)\s+(to\s+)?disappear(\s+(forever|for\s+good|from\s+(this|the)\s+(world|earth)))?(?=\s*([.!,;]|$))|hang(ing)?\s+myself|(would|''d|d)\s+rather\s+be\s+dead|sleep\s+and\s+never\s+wake\s+up|(thinking|thought)\s+(about|of)\s+ending\s+(it|things)(?=\s*([.!,;]|$))|(do\s+not|don\W?t|dont)\s+see\s+(the|any)\s+point\s+(in|of)\s+(living|life|going\s+on|being\s+alive)|(do\s+not|don\W?t|dont)\s+want\s+to\s+be\s+(here|alive)\s+any\s*more|can\W?t\s+go\s+on\s+any\s*more(?=\s*([.!,;]|$))|see\s+no\s+way\s+out(?=\s*([.!,;]|$))|(done\s+with|had\s+enough\s+of|tired\s+of)\s+(life|living)|(not|isn\W?t|isnt)\s+worth\s+living)\M';
	travel text := '\m(flights?|trains?|ferry|ferries|plane|planes)\M';
	shop text := '\m(orders?|ordered|parcels?|packages?|items?|delivery|deliveries|shipment|shipped|courier)\M';
	labels text[];
	cname text;
	lang text;
	vkey text;
	vwhat text;
	vhint text;
	filled jsonb;
	r record;
	txt text;
	sc float8;
	ids integer[] := '{}';
	names text[] := '{}';
	replies text[] := '{}';
	scores float8[] := '{}';
	whys text[] := '{}';
	quals integer[] := '{}';
BEGIN
	IF customer_message IS NULL THEN
		RETURN;
	END IF;
	-- a customer who speaks of suicide or self-harm is answered by no
	-- template, whatever its intent or feeling, and whatever vars hold: one
	-- reply that takes it seriously and points to urgent help (an agent
	-- should follow the organisation's own procedure for it too); the first
	-- 20000 characters are read for it, in their own words, spaces and
	-- letters normalised in a UTF-8 database (a no-break or zero-width
	-- space, full-width letters, a modifier apostrophe)
	IF k >= 1 THEN
		msg := @extschema@.own_words(left(customer_message, 20000));
		IF pg_catalog.getdatabaseencoding() = 'UTF8' THEN
			msg := regexp_replace(regexp_replace(normalize(msg, NFKC), '[\u200b\u200c\u200d\u2060\ufeff\u00ad]', '', 'g'),
				'[\u2018\u2019\u02bc\u0060]', '''', 'g');
		END IF;
		IF msg ~* crisis THEN
			cname := CASE WHEN jsonb_typeof(vars) = 'object' THEN
				COALESCE(NULLIF(btrim(CASE WHEN jsonb_typeof(vars->'name') = 'string' THEN vars->>'name' END), ''),
				         NULLIF(btrim(CASE WHEN jsonb_typeof(vars->'customer_name') = 'string' THEN vars->>'customer_name' END), ''))
				END;
			cname := NULLIF(@extschema@.render('{{ n | first_name | truncate: 60 }}', jsonb_build_object('n', cname)), '');
			RETURN QUERY SELECT NULL::integer, 'crisis'::text,
				'I''m really sorry you''re feeling this way' || COALESCE(', ' || cname, '') ||
				', and thank you for telling us. You don''t have to go through this alone. If you are in danger or might act on these thoughts, please call your local emergency number now, or contact a crisis line where you live, where someone can talk with you straight away. Is there someone near you who can be with you right now?',
				NULL::float8,
				'the message speaks of suicide or self-harm: a reply pointing to urgent help, not a template';
			RETURN;
		END IF;
		-- a threat of violence to others is answered by no template either: no
		-- "I understand you want to kill us", no "happy to help with that", but
		-- one plain reply that hands it to a person
		IF msg ~* threat THEN
			RETURN QUERY SELECT NULL::integer, 'threat'::text,
				'Thank you for your message. I have passed it to a senior colleague, who will review it. If anyone is in danger, please call your local emergency number now.'::text,
				NULL::float8,
				'the message threatens violence: a plain reply that hands it to a person, not a template';
			RETURN;
		END IF;
	END IF;
	v := COALESCE(vars, '{}'::jsonb);
	IF jsonb_typeof(v) <> 'object' THEN
		RAISE EXCEPTION 'vars must be a jsonb object'
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = format('The value given is a jsonb %s.', jsonb_typeof(v)),
			      HINT = 'Pass an object such as ''{"name": "Dana", "agent_name": "Sam"}''.';
	END IF;
	-- the values that pick and fill the templates are strings (a name, a
	-- language tag; an intent or emotion, which a typo would leave unmatched;
	-- a concern, which the reply quotes)
	FOR vkey, vwhat, vhint IN VALUES
		('name', 'customer''s name', 'Pass it as ''{"name": "Dana"}''.'),
		('customer_name', 'customer''s name', 'Pass it as ''{"name": "Dana"}''.'),
		('language', 'language', 'Pass a language tag, as in ''{"language": "en-GB"}''.'),
		('intent', 'intent', 'Pass names, as in ''{"intent": "refund", "emotion": "frustration"}''.'),
		('emotion', 'emotion', 'Pass names, as in ''{"intent": "refund", "emotion": "frustration"}''.'),
		('concern', 'concern', 'Pass a phrase the reply can quote, as in ''{"concern": "your parcel is late"}''.')
	LOOP
		IF jsonb_typeof(v->vkey) IN ('object', 'array', 'number', 'boolean') THEN
			RAISE EXCEPTION 'the % in vars must be a string', vwhat
				USING ERRCODE = 'invalid_parameter_value',
				      DETAIL = format('The value of "%s" is a jsonb %s.', vkey, jsonb_typeof(v->vkey)),
				      HINT = vhint;
		END IF;
	END LOOP;
	-- an intent, emotion or concern given as null or blank is missing: the
	-- message's own picks the templates and fills them (it picked them and
	-- the blank filled them: "That must be difficult" for an angry customer)
	v := v - ARRAY(SELECT e.key FROM jsonb_each(v) AS e
		WHERE e.key IN ('intent', 'emotion', 'concern')
		AND (jsonb_typeof(e.value) = 'null' OR (jsonb_typeof(e.value) = 'string' AND btrim(e.value #>> '{}') = '')));
	-- an emotion in any case, as a channel is ('Anger')
	IF jsonb_typeof(v->'emotion') = 'string' THEN
		v := jsonb_set(v, '{emotion}', to_jsonb(lower(btrim(v->>'emotion'))));
	END IF;
	-- an intent is one intent() can return, general_question, or one of a
	-- template's own (a team's templates may answer intents of their own)
	IF NULLIF(v->>'intent', '') IS NOT NULL
	   AND v->>'intent' <> ALL (@extschema@.intent_names())
	   AND NOT EXISTS (SELECT 1 FROM @extschema@.templates t WHERE t.intent = v->>'intent' AND t.intent <> 'any') THEN
		RAISE EXCEPTION 'unknown intent "%" in vars', v->>'intent'
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'No template answers it, and empathy.intent() does not return it.',
			      HINT = format('Use one of %s, or an intent of your templates.',
			                    array_to_string(@extschema@.intent_names(), ', '));
	END IF;
	IF NULLIF(v->>'emotion', '') IS NOT NULL AND v->>'emotion' NOT IN ('anger', 'frustration', 'disappointment',
		'sadness', 'fear', 'confusion', 'surprise', 'joy', 'gratitude', 'disgust', 'neutral') THEN
		RAISE EXCEPTION 'unknown emotion "%" in vars', v->>'emotion'
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Use anger, frustration, disappointment, sadness, fear, confusion, surprise, joy, gratitude, disgust or neutral.';
	END IF;
	ch := lower(btrim(channel));
	IF ch = '' OR ch = 'any' THEN
		ch := NULL;
	END IF;
	IF ch IS NOT NULL AND ch NOT IN ('chat', 'email', 'social') THEN
		RAISE EXCEPTION 'unknown channel "%"', channel
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Use chat, email, social, or NULL for any channel.';
	END IF;
	-- a language tag as BCP 47 compares it, in any case, '_' read as '-' ('EN',
	-- 'en_GB'); a regional tag also takes the templates of its language
	-- ('en-GB' those of 'en'), its own first among equal matches
	lang := lower(replace(COALESCE(NULLIF(btrim(v->>'language'), ''), 'en'), '_', '-'));
	-- a tag no template could carry is a mistake ("english", "en--gb"), not a
	-- language without templates, which gives no rows
	IF lang !~ '^[a-z]{2,3}(-[a-z0-9]{1,8})*$' THEN
		RAISE EXCEPTION 'invalid language tag "%" in vars', v->>'language'
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'A language tag is a two- or three-letter language code, optionally followed by subtags after "-" or "_".',
			      HINT = 'Pass a tag such as ''{"language": "en"}'' or ''{"language": "en-GB"}''.';
	END IF;
	IF k IS NULL OR k < 1 THEN
		RETURN;
	END IF;
	-- no more candidates than there can be templates
	k := LEAST(k, 100000);
	-- the first 4000 characters are what is read, for every step
	msg := @extschema@.own_words(left(customer_message, 4000));
	intn := COALESCE(NULLIF(v->>'intent', ''), @extschema@.intent(msg));
	-- praise that calls for empathy and shows a negative feeling (a customer
	-- in crisis: "Thank you so much, brilliant! I'm feeling suicidal"; "Thanks
	-- so much! My order hasn't arrived") is answered as what it needs, not with
	-- a praise template; thanks for a problem put right ("thanks for sorting my
	-- refund so quickly") is still praise
	labels := @extschema@.emotion_labels(msg);
	-- after a contrast, what follows it is what a reply answers when it is a
	-- complaint ("I love the camera but the battery died": the battery) or
	-- tells a problem put right ("I was furious at first but you sorted it,
	-- thank you": the thanks, though the message expresses both); not a
	-- polite word after a problem still there ("Not to be a pain but my parcel
	-- hasn't arrived, thanks", "I was charged twice, but I appreciate your
	-- help")
	IF strpos(lower(msg), 'but') > 0 OR strpos(lower(msg), 'however') > 0 THEN
		after_contrast := (regexp_match(msg, '^.*\m(but|however)\M(.*)$', 'i'))[2];
		IF after_contrast IS NOT NULL THEN
			after_labels := @extschema@.emotion_labels(after_contrast);
			after_fixed := after_contrast ~* '\m(sorted|fixed|resolved|processed|refunded|replaced|reversed|credited|unlocked|restored|went through|works now|working now|work now|arrived|turned up|came through|all good|fine now|ok now|okay now)\M'
				AND after_contrast !~* '\m(still|not|never|again|but|however|though|although|yet|no|nothing|nobody|noone|none|neither|nor|without|anymore|cannot|only|dont|doesnt|didnt|isnt|wasnt|arent|werent|hasnt|havent|hadnt|cant|couldnt|wont|wouldnt)\M|no one|n[\u2019'']t\M'
				AND after_labels && ARRAY['gratitude', 'joy'];
			IF after_labels && ARRAY['anger', 'frustration', 'disappointment', 'sadness', 'fear', 'disgust']
			   OR (after_fixed AND cardinality(after_labels) > 0) THEN
				labels := after_labels;
			END IF;
		END IF;
	END IF;
	conc := @extschema@.concern(msg);
	-- a concern that carries a card number, a card's security code, a social
	-- security number or a password is not said back to the customer ("You
	-- mentioned your card 4111 1111 1111 1111 exp 12/27 cvv 123 was
	-- declined"): the reply is written as for a message with no concern
	IF conc IS NOT NULL AND conc ~* sensitive THEN
		conc := NULL;
	END IF;
	-- thanks for a problem put right ("Thanks for sorting my refund so
	-- quickly", "My late fee was refunded, thank you") is praise: a problem's
	-- intent in a message that shows gratitude or joy and no negative feeling,
	-- whose concern is the fixing ("for sorting your refund so quickly") or a
	-- fix done ("your late fee was refunded"), not a problem still there
	-- ("Thanks for fixing the login. Now my card is declined": "your card is
	-- declined"), and nothing else in the message says it is not over
	-- ("Thanks for fixing the login, but now the app won't let me pay", "it's
	-- still not showing", "no thanks to you"); so is a contrast after which
	-- the problem is put right ("I was scared the payment failed but it went
	-- through, great")
	IF intn <> 'praise' AND NULLIF(v->>'intent', '') IS NULL
	   AND labels && ARRAY['gratitude', 'joy']
	   AND NOT labels && ARRAY['anger', 'frustration', 'disappointment', 'sadness', 'fear', 'disgust']
	   AND (after_fixed
	        -- (a word test first, the regular expressions after)
	        OR (string_to_array(lower(conc), ' ') && ARRAY['sorting', 'fixing', 'resolving', 'processing', 'refunding',
	            'replacing', 'reversing', 'crediting', 'dealing', 'handling', 'unlocking', 'restoring', 'refunded', 'fixed',
	            'resolved', 'sorted', 'replaced', 'reversed', 'credited', 'unlocked', 'restored', 'processed', 'back',
	            'arrived', 'came', 'landed', 'got']
	            AND (conc ~* '^(for\s+)?(sorting|fixing|resolving|processing|refunding|replacing|reversing|crediting|dealing with|handling|unlocking|restoring)\M'
	                 OR conc ~* '\m(was|were|is|are|has been|have been|got|is now|are now)\s+(now\s+|finally\s+|all\s+)?(refunded|fixed|resolved|sorted|replaced|reversed|credited|unlocked|restored|processed|back)\M'
	                 -- ("My refund arrived, thanks", "Got my refund today, thank you!")
	                 OR conc ~* '\m(refund|money|payment|credit|replacement|order|parcel|package|card)\s+(has\s+|have\s+|finally\s+|now\s+|just\s+)*(arrived|came(\s+through)?|landed|turned\s+up)\M'
	                 OR conc ~* '^(you\s+)?got\s+(your|the)\s+(refund|money|replacement|order|parcel|package|card)\M'
	                 -- ("Priya sorted my refund in 5 minutes!")
	                 OR conc ~* '\m(sorted|fixed|resolved|processed|refunded|replaced|reversed|credited|unlocked|restored)\s+(out\s+)?(your|our|the|it|this|that|everything)\M')
	            AND msg !~* '\m(still|not|never|again|but|however|though|although|yet|now|no|nothing|anymore|cannot|only|dont|doesnt|didnt|isnt|wasnt|arent|werent|hasnt|havent|hadnt|cant|couldnt|wont|wouldnt)\M|n[\u2019'']t\M')) THEN
		intn := 'praise';
	END IF;
	-- (so does praise before a complaint: "I love the camera but the battery
	-- died by noon")
	praise_needs := intn = 'praise' AND NULLIF(v->>'intent', '') IS NULL
		AND labels && ARRAY['anger', 'frustration', 'disappointment', 'sadness', 'fear', 'disgust']
		AND (after_labels && ARRAY['anger', 'frustration', 'disappointment', 'sadness', 'fear', 'disgust']
		     OR (@extschema@.empathy_score('', msg)).needed);
	-- the intent templates are chosen by: a message with no intent phrase is
	-- a general question to intent(), but one whose concern is no question
	-- ("my card was declined") takes no general question's template, which
	-- reads "I understand you want to know ..."; one whose concern is
	-- ("whether we ship to Ireland") takes one before others, unless the
	-- feeling is negative ("why is this taking so long?!")
	-- a question put inside a sentence: a question word, not followed by an
	-- auxiliary as a question's is ("when does the sale end", "which size
	-- should you order", "what's our returns policy" are as asked)
	asks := lower(split_part(conc, ' ', 1)) IN ('whether', 'if', 'how', 'what', 'where', 'when', 'which', 'who', 'whom', 'whose', 'why')
		AND conc !~* '^\S+''s\M'
		AND conc !~* '^(how(\s+(much|many|long|often|soon|far))?|what(\s+time)?|where|when|which|who|whom|whose|why)\s+(is|are|was|were|am|do|does|did|can|could|will|would|should|shall|may|has|have|had)(n''t)?\M'
		AND conc !~* '^(which|what|whose|how\s+many|how\s+much)\s+(?!(this|that|it|we|you|they|he|she|i|there|our|your|my|the|a|an|these|those|his|her|their)\M)\S+\s+(is|are|was|were|do|does|did|can|could|will|would|should|has|have)\M';
	mintent := intn;
	-- does the customer cancel something ("I'd like to cancel my booking",
	-- "please cancel it")?
	IF intn = 'cancellation' AND NULLIF(v->>'intent', '') IS NULL THEN
		cust_cancels := msg ~* '\m(i|we)(''d|''m|\s+would|\s+want|\s+wish|\s+need|\s+am|\s+are)?(\s+like)?(\s+to|\s+going\s+to)?\s+cancel(l?ing)?\M'
			OR msg ~* '\m(please|pls|kindly)\s+cancel\M';
	END IF;
	IF (intn = 'general_question' AND NULLIF(v->>'intent', '') IS NULL AND conc IS NOT NULL AND NOT asks)
	   -- nor a feeling with no concern and no question ("wtf", an angry emoji): not
	   -- "Happy to help! You asked a question."
	   OR (intn = 'general_question' AND NULLIF(v->>'intent', '') IS NULL AND conc IS NULL AND strpos(msg, '?') = 0
	       AND labels && ARRAY['anger', 'frustration', 'disappointment', 'sadness', 'fear', 'disgust'])
	   OR praise_needs
	   -- a cancellation the customer did not ask for ("Why did you cancel my
	   -- order?": "we cancelled your order", "your order was cancelled", "My
	   -- flight BA283 was cancelled", "cancelled by you", "I never asked you to
	   -- cancel") takes no cancellation template ("sorry to hear you want to
	   -- cancel"), unless the customer cancels too ("you closed my branch so I'm
	   -- cancelling my account")
	   OR (intn = 'cancellation' AND NULLIF(v->>'intent', '') IS NULL AND NOT cust_cancels
	       AND (conc ~* '\m(we|was|were|been|got|has|have)\s+(just\s+|now\s+|suddenly\s+)?(cancell?ed|closed|terminated)\M'
	            OR msg ~* '\m(was|were|been|got|is|are)\s+(just\s+|now\s+|suddenly\s+|also\s+)?(cancell?ed|closed|terminated)\M'
	            OR msg ~* '\m(you|u|they)\s+(guys\s+|people\s+)?(just\s+|have\s+|had\s+|then\s+|went\s+and\s+)?(cancell?ed|closed|terminated)\M'
	            OR msg ~* '\m(never|didn''t|did\s+not)\s+ask(ed)?\s+(you\s+|anyone\s+)?(to|for)\s+(it\s+to\s+be\s+)?cancel'
	            -- (a flight, train or ferry: "flight AC512 cancelled with 2 hrs notice")
	            OR (msg ~* travel AND msg !~* shop)))
	   -- a cancellation in grief or hardship ("Lost my job so I need to cancel",
	   -- "my husband passed away and I need to cancel his policy") is answered
	   -- for the feeling, not with "sorry to see you go ... what made you decide?"
	   OR (intn = 'cancellation' AND NULLIF(v->>'intent', '') IS NULL AND (labels && ARRAY['sadness'] OR msg ~* bereaved))
	   -- a wrong item, size or colour is no damage ("Could you share a photo of
	   -- the damage?")
	   OR (intn = 'damaged_product' AND NULLIF(v->>'intent', '') IS NULL
	       AND strpos(lower(msg), 'wrong') > 0
	       AND msg ~* '\mwrong\s+(item|items|size|colou?r|product|order|model|book|shoes|one|thing|parcel|package)\M'
	       AND msg !~* '\m(damaged|broken|broke|cracked|smashed|dented|scratched|shattered|torn|defective|faulty|leaking|crushed)\M')
	   -- a delayed flight, train or ferry is no late order ("I'll follow the
	   -- delivery")
	   OR (intn = 'late_delivery' AND NULLIF(v->>'intent', '') IS NULL AND msg ~* travel AND msg !~* shop)
	   -- a cancellation the customer only threatens ("If this isn't fixed I'm
	   -- cancelling", "unless you call me today I'll cancel") is no request to
	   -- act on ("I'll process your cancellation right away")
	   OR (intn = 'cancellation' AND NULLIF(v->>'intent', '') IS NULL
	       AND (msg ~* '\m(or|otherwise|or\s+else)\s+(i''m|im|i\s+am|i''ll|i\s+will|we''re|we\s+are|we''ll|we\s+will)\s+(going\s+to\s+|gonna\s+)?cancel'
	            OR msg ~* '\m(if|unless)\M[^.!?;]{0,120}\m(i''m|im|i\s+am|i''ll|i\s+will|we''re|we\s+are|we''ll|we\s+will)\s+(going\s+to\s+|gonna\s+)?cancel'
	            OR msg ~* '\m(i''ll|i\s+will|i''m\s+going\s+to|i\s+am\s+going\s+to|we''ll|we\s+will)\s+cancel[^.!?;]{0,80}\m(if|unless)\M')
	       AND msg !~* '\m(please|pls|kindly)\s+cancel\M|\m(i|we)(''d|\s+would)\s+like\s+to\s+cancel\M|\m(i|we)\s+(want|wish|need)\s+to\s+cancel\M') THEN
		mintent := NULL;
	END IF;
	emo := NULLIF(v->>'emotion', '');
	IF emo IS NULL THEN
		-- the strongest feeling about a problem, when the message shows one: the
		-- polite "thanks" of "thanks for the quick reply, but my order still hasn't
		-- arrived" is not what the reply answers ("that must be disappointing", not
		-- "that must be kind")
		-- (praise that mentions a past worry is still answered as praise)
		-- (confusion after anger, frustration, disappointment or disgust: "Why is
		-- this taking so long?! This is ridiculous" is answered for its
		-- frustration, not "that can be confusing"; not after the sadness of a
		-- polite "sorry" or the fear of "I'm afraid": "Sorry, I'm a bit confused
		-- about my invoice" is confusion)
		IF intn <> 'praise' OR praise_needs THEN
			-- (nor the faint confusion of praise that states none and asks
			-- nothing: "Best service ever!!!")
			SELECT u.l INTO emo FROM unnest(labels) WITH ORDINALITY AS u(l, n)
			WHERE u.l IN ('anger', 'frustration', 'disappointment', 'sadness', 'fear', 'disgust', 'confusion')
			  AND NOT (u.l = 'confusion' AND labels[1] IN ('joy', 'gratitude') AND strpos(msg, '?') = 0
			           AND msg !~* '\m(confus|unclear|understand|puzzl|baffl|lost|clue|idea|sure)')
			ORDER BY u.l = 'confusion' AND labels && ARRAY['anger', 'frustration', 'disappointment', 'disgust'], u.n
			LIMIT 1;
		END IF;
		emo := COALESCE(emo, @extschema@.dominant_emotion(msg), 'neutral');
		-- a death told calmly is still answered with sympathy
		IF emo = 'neutral' AND (strpos(lower(msg), 'died') > 0 OR strpos(lower(msg), 'passed away') > 0
		                        OR strpos(lower(msg), 'funeral') > 0 OR strpos(lower(msg), 'bereave') > 0)
		   AND msg ~* bereaved THEN
			emo := 'sadness';
		END IF;
		-- nor is a sarcastic or festive joy about a problem ("Great, the package
		-- arrived broken", "Happy new year! My refund still has not come through")
		IF emo IN ('joy', 'gratitude', 'surprise') AND (intn NOT IN ('praise', 'general_question') OR praise_needs) THEN
			emo := 'neutral';
		END IF;
		-- nor is the mild joy of a plain request ("I need to change my flight to
		-- next Tuesday": no "that's wonderful to hear")
		-- (nor the gratitude of a request or a report signed "Many thanks":
		-- "Could you send me a copy of my last invoice? Many thanks", "the error
		-- is still there. Thanks")
		IF emo IN ('joy', 'gratitude', 'surprise') AND intn = 'general_question'
		   AND (conc LIKE 'you want us to %' OR asks OR @extschema@.sentiment(msg) < 0.5
		        OR (@extschema@.empathy_score('', msg)).needed) THEN
			emo := 'neutral';
		END IF;
		-- thanks or praise that matches no intent phrase and asks nothing
		-- ("Thank you!", a thumbs-up emoji, "Best service ever!!!") is praise, not a general
		-- question ("Thanks for your question")
		IF emo IN ('joy', 'gratitude') AND intn = 'general_question' AND mintent = 'general_question'
		   AND NULLIF(v->>'intent', '') IS NULL AND strpos(msg, '?') = 0 THEN
			mintent := 'praise';
		END IF;
	END IF;
	-- on a channel, a message that names no feeling but reports a problem
	-- ("My order arrived but the box was empty", by email) is answered with
	-- the channel's apology ("I'm sorry to hear ..."), not with its neutral
	-- template's "I'm happy to help with that"; a plain request or question
	-- keeps it (with no channel, the neutral template is the best there is)
	IF emo = 'neutral' AND NULLIF(v->>'emotion', '') IS NULL AND intn <> 'praise' AND ch IS NOT NULL THEN
		no_neutral := (@extschema@.empathy_score('', msg)).needed;
	END IF;
	-- a concern that reads as no clause of its own ("double charged AGAIN",
	-- "forgot your password", "wrong item delivered", "can we believe this")
	-- leaves the template its own words ("I understand what happened"): a
	-- clause starts with its subject, or is a question put inside a sentence
	fill_conc := conc;
	IF lower(split_part(conc, ' ', 1)) <> ALL (ARRAY['you', 'you''re', 'you''ve', 'you''d', 'you''ll', 'we', 'we''re',
			'we''ve', 'we''d', 'we''ll', 'your', 'our', 'it', 'it''s', 'its', 'there', 'there''s', 'this', 'that',
			'that''s', 'these', 'those', 'they', 'they''re', 'they''ve', 'he', 'she', 'his', 'her', 'their', 'the',
			'a', 'an', 'some', 'someone', 'something', 'somebody', 'everything', 'nothing', 'nobody', 'no', 'none',
			'every', 'each', 'all', 'both', 'one', 'two', 'three'])
	   AND NOT asks
	   -- (not a capital or a digit: a name, an amount)
	   AND left(conc, 1) = lower(left(conc, 1)) AND NOT left(conc, 1) BETWEEN '0' AND '9' THEN
		fill_conc := NULL;
	END IF;
	-- (nor what is left of sarcastic thanks: "thanks a lot for losing my
	-- parcel" gives "a lot for losing your parcel")
	IF lower(conc) LIKE 'a lot for %' OR lower(conc) LIKE 'so much for %' OR lower(conc) LIKE 'for %' THEN
		fill_conc := NULL;
	END IF;
	-- nor is an insult repeated, which the reply would concede ("I understand
	-- our chat bot is useless")
	IF string_to_array(lower(conc), ' ') && ARRAY['incompetent', 'useless', 'stupid', 'pathetic', 'hopeless',
			'unprofessional', 'clueless', 'dishonest', 'greedy', 'idiot', 'idiots', 'moron', 'morons', 'joke',
			'disgrace', 'disgraceful', 'shambles', 'liar', 'liars', 'thieves', 'crook', 'crooks', 'rubbish', 'crap',
			'shit', 'shite', 'worst', 'scam', 'scammers', 'cowboys', 'clowns', 'wtf', 'ffs', 'fuck', 'fucking',
			'bloody', 'damn', 'bullshit'] THEN
		fill_conc := NULL;
	END IF;
	-- the name given, or customer_name when it is missing, null or blank
	cname := COALESCE(NULLIF(btrim(v->>'name'), ''), NULLIF(btrim(v->>'customer_name'), ''));
	filled := jsonb_strip_nulls(jsonb_build_object(
		'emotion', emo,
		'intent', intn,
		'concern', fill_conc,
		'channel', ch)) || (v - 'name') || jsonb_strip_nulls(jsonb_build_object('name', cname));
	-- a question put inside a sentence is the general question's templates'
	-- ("I understand you want to know whether ..."): another template says its
	-- own words ("I understand whether there is a late fee" is no sentence)
	filled_q := CASE WHEN asks AND NOT v ? 'concern' THEN filled - 'concern' ELSE filled END;
	FOR r IN
		SELECT t.id, t.name, t.body, t.emotion, t.intent, t.channel,
		       -- intent first, then the channel's format, then the emotion;
		       -- with no channel given, templates for any channel count as matching
		       -- (general_question is also what no phrase gives: it weighs less)
		       (CASE WHEN t.intent = mintent THEN (CASE WHEN mintent <> 'general_question' THEN 4
		                                                 WHEN asks AND emo IN ('neutral', 'confusion', 'surprise', 'joy', 'gratitude') THEN 2
		                                                 ELSE 1 END) ELSE 0 END
		        + CASE WHEN t.channel = COALESCE(ch, 'any') THEN 2 ELSE 0 END
		        + CASE WHEN t.emotion = emo THEN 1 ELSE 0 END) AS quality,
		       lower(t.language) = lang AS own_language
		FROM @extschema@.templates t
		WHERE lower(t.language) IN (lang, split_part(lang, '-', 1))
		  AND (t.intent = mintent OR t.intent = 'any')
		  AND (t.emotion = emo OR t.emotion = 'any')
		  AND NOT (no_neutral AND t.emotion = 'neutral')
		  -- (the starter templates for any feeling and intent apologise: not for joy or thanks)
		  AND NOT (emo IN ('joy', 'gratitude') AND t.builtin AND t.intent = 'any' AND t.emotion = 'any')
		  AND (ch IS NULL OR t.channel = ch OR t.channel = 'any')
		ORDER BY quality DESC, own_language DESC, t.builtin, t.id
	LOOP
		txt := @extschema@.render(r.body, CASE WHEN r.intent = 'general_question' THEN filled ELSE filled_q END);
		IF strpos(txt, '  ') > 0 OR strpos(txt, E'\t') > 0 THEN
			txt := regexp_replace(txt, '[ \t]{2,}', ' ', 'g');
		END IF;
		txt := btrim(txt);
		-- a template that renders as nothing for this message is no reply
		IF txt = '' THEN
			CONTINUE;
		END IF;
		sc := (@extschema@.empathy_score(txt, msg, cname)).score;
		ids := ids || r.id;
		names := names || r.name;
		replies := replies || txt;
		scores := scores || sc;
		-- the match, then the language's own templates before its region's
		quals := quals || (r.quality * 2 + CASE WHEN r.own_language THEN 1 ELSE 0 END);
		whys := whys || format('intent %s (%s), emotion %s (%s), channel %s (%s)',
			intn, CASE WHEN r.intent = mintent THEN 'exact' ELSE 'any' END,
			emo, CASE WHEN r.emotion = emo THEN 'exact' ELSE 'any' END,
			COALESCE(ch, 'any'), CASE WHEN r.channel = COALESCE(ch, 'any') THEN 'exact' ELSE r.channel END);
		-- enough candidates: the best max(4k, 12) that render as something
		EXIT WHEN cardinality(ids) >= GREATEST(k * 4, 12);
	END LOOP;
	RETURN QUERY
		SELECT u.id, u.nm, u.rp, u.sc, u.wy
		FROM unnest(ids, names, replies, scores, whys, quals) AS u(id, nm, rp, sc, wy, q)
		-- among templates that match as well, the team's own (ids from 1000) first
		ORDER BY u.q DESC, (u.id >= 1000) DESC, u.sc DESC NULLS LAST, u.id
		LIMIT k;
END $$;
COMMENT ON FUNCTION @extschema@.suggest_replies(text, jsonb, text, integer) IS
'the k best replies to a customer message from empathy.templates: picked by intent, dominant emotion and channel (an exact match beats any), filled with name, concern, emotion and the given vars (vars win), ranked by match and then by empathy_score; reads the first 4000 characters of the message';

CREATE FUNCTION @extschema@.suggest_reply(customer_message text, vars jsonb DEFAULT '{}',
	channel text DEFAULT NULL)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE COST 2400
SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.reply FROM @extschema@.suggest_replies(customer_message, vars, channel, 1) AS s
$$;
COMMENT ON FUNCTION @extschema@.suggest_reply(text, jsonb, text) IS
'the best reply to a customer message (the first row of empathy.suggest_replies), NULL for a NULL message';
