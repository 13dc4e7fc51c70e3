#!/usr/bin/env bash
# Check the demo CRM generator (data/demo): it loads, has the promised size
# and shape, gives the same data on a second run, and is fast.  Needs a
# running server (PGHOST, PGPORT, PGUSER) with the extension installed.
# Prints one "ok N - ..." or "not ok N - ..." line per check.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
db=empathy_demo_check
n=0; bad=0
check() {	# check DESCRIPTION CONDITION-RESULT(t/f)
	n=$((n + 1))
	if [ "$2" = t ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; bad=$((bad + 1)); fi
}
q() { psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 -c "$1"; }
load() {
	local start end
	start=$(date +%s.%N)
	psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f "$root/data/demo/schema.sql" -f "$root/data/demo/generate.sql" \
		-f "$root/data/demo/contract.sql" >/dev/null 2>&1 || return 1
	end=$(date +%s.%N)
	awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }' 
}
fingerprint() {
	q "SELECT md5(string_agg(x, '|' ORDER BY k)) FROM (
		SELECT 1 k, md5(string_agg(t::text, ',' ORDER BY agent_id)) x FROM demo.agents t UNION ALL
		SELECT 2, md5(string_agg(t::text, ',' ORDER BY customer_id)) FROM demo.customers t UNION ALL
		SELECT 3, md5(string_agg(t::text, ',' ORDER BY conversation_id)) FROM demo.conversations t UNION ALL
		SELECT 4, md5(string_agg(t::text, ',' ORDER BY message_id)) FROM demo.messages t UNION ALL
		SELECT 5, md5(string_agg(t::text, ',' ORDER BY conversation_id)) FROM demo.surveys t UNION ALL
		SELECT 6, md5(string_agg(t::text, ',' ORDER BY message_id)) FROM demo.labels t) s"
}

psql -X -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
q "CREATE EXTENSION empathy"

secs=$(load); rc=$?
check "the generator loads (${secs:-?} s)" "$([ $rc -eq 0 ] && echo t || echo f)"
check "the generator takes at most 30 s" "$(awk -v s="${secs:-99}" 'BEGIN { print (s <= 30) ? "t" : "f" }')"
first=$(fingerprint)
check "at least 2000 conversations" "$(q "SELECT count(*) >= 2000 FROM demo.conversations")"
check "at least 20 agents, in every style" "$(q "SELECT count(*) >= 20 AND count(DISTINCT style) = 8 FROM demo.agents")"
check "several messages per conversation on average" "$(q "SELECT count(*) >= 4 * (SELECT count(*) FROM demo.conversations) FROM demo.messages")"
check "thousands of distinct message bodies" "$(q "SELECT count(DISTINCT body) >= 3000 FROM demo.messages")"
check "every channel and role" "$(q "SELECT count(DISTINCT channel) = 3 AND count(DISTINCT role) = 3 FROM demo.interactions")"
check "open conversations end with an unanswered customer message" \
	"$(q "SELECT count(*) >= 20 FROM demo.conversations c WHERE status = 'open' AND (SELECT role FROM demo.messages m
		WHERE m.conversation_id = c.conversation_id ORDER BY sent_at DESC, message_id DESC LIMIT 1) = 'customer'")"
check "surveys for 50-70% of closed conversations" \
	"$(q "SELECT count(*)::float8 / (SELECT count(*) FROM demo.conversations WHERE status = 'closed') BETWEEN 0.5 AND 0.7 FROM demo.surveys")"
check "no placeholder left in a message" "$(q "SELECT count(*) = 0 FROM demo.messages WHERE body ~ '[{}]'")"
check "messages stay inside their conversation's time span" \
	"$(q "SELECT count(*) = 0 FROM demo.messages m JOIN demo.conversations c USING (conversation_id)
		WHERE m.sent_at < c.opened_at OR m.sent_at > coalesce(c.closed_at, 'infinity')")"
check "empathetic first replies get a better CSAT than blaming ones" \
	"$(q "WITH f AS (SELECT DISTINCT ON (m.conversation_id) m.conversation_id, l.style FROM demo.messages m
			JOIN demo.labels l USING (message_id) WHERE m.role = 'agent' ORDER BY m.conversation_id, m.sent_at)
		SELECT empathy.csat(csat) FILTER (WHERE style = 'empathetic') > empathy.csat(csat) FILTER (WHERE style = 'blaming') + 30
		FROM demo.survey_results s JOIN f USING (conversation_id)")"
check "most coached agents improve in the current period" \
	"$(q "SELECT count(*) FILTER (WHERE after > before + 5) >= 4 FROM (SELECT c.agent_id,
			empathy.csat(s.csat) FILTER (WHERE c.opened_at < a.coached_on) AS before,
			empathy.csat(s.csat) FILTER (WHERE c.opened_at >= a.coached_on) AS after
		FROM demo.survey_results s JOIN demo.conversations c USING (conversation_id)
		JOIN demo.agents a USING (agent_id) WHERE a.coached_on IS NOT NULL GROUP BY c.agent_id) x")"
check "the coached agents together improve by more than 10 CSAT points" \
	"$(q "SELECT empathy.csat(s.csat) FILTER (WHERE c.opened_at >= a.coached_on)
			> empathy.csat(s.csat) FILTER (WHERE c.opened_at < a.coached_on) + 10
		FROM demo.survey_results s JOIN demo.conversations c USING (conversation_id)
		JOIN demo.agents a USING (agent_id) WHERE a.coached_on IS NOT NULL")"

secs2=$(load)
check "a second run gives identical data (md5 $first)" "$([ -n "$first" ] && [ "$(fingerprint)" = "$first" ] && echo t || echo f)"

psql -X -q -c "DROP DATABASE IF EXISTS $db" >/dev/null
echo "# generator: ${secs:-?} s, second run ${secs2:-?} s"
[ $bad -eq 0 ]
