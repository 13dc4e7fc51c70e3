#!/usr/bin/env bash
# psql-level checks of the CRM integration: a CRM table tagged by the
# trigger from a plain client session, COPY through the trigger, the demo's
# terminal report, and that every dashboard view exposes only plain column
# types (what BI tools can chart).  Needs a running server (PGHOST, PGPORT,
# PGUSER) with the extension installed.  Prints "ok N - ..." lines.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
db=empathy_client_check
n=0; bad=0
check() {
	n=$((n + 1))
	if [ "$2" = t ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; bad=$((bad + 1)); fi
}
q() { psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 "$@"; }

psql -X -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
q -c "CREATE EXTENSION empathy"
q <<'SQL' >/dev/null
CREATE TABLE tickets (id serial PRIMARY KEY, body text NOT NULL, mood text, risk float8, emo empathy.emotions);
CREATE TRIGGER tag BEFORE INSERT OR UPDATE OF body ON tickets
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'dominant=mood', 'escalation=risk', 'emotions=emo');
SQL
q -c "INSERT INTO tickets (body) VALUES ('This is UNACCEPTABLE, third time I ask!!!')"
check "an insert from psql is tagged" "$(q -c "SELECT mood IS NOT NULL AND risk >= empathy.escalation_threshold() FROM tickets")"
printf 'Thanks a lot, all good now\nWhere is my parcel??\n' | q -c "COPY tickets (body) FROM STDIN"
check "COPY FROM STDIN goes through the trigger" "$(q -c "SELECT count(*) = 3 AND count(mood) = 3 FROM tickets")"
err=$(psql -X -q -d "$db" -c "CREATE TABLE t2 (body text, risk text)" \
	-c "CREATE TRIGGER tag BEFORE INSERT ON t2 FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'escalation=risk')" \
	-c "INSERT INTO t2 VALUES ('x')" 2>&1)
check "a mistyped column gives an error naming it" "$(echo "$err" | grep -q 'column "risk" of relation "t2" has type text' && echo t || echo f)"

q -c "SET client_min_messages = warning" -f "$root/data/demo/schema.sql" -f "$root/data/demo/tagging.sql" \
	-f "$root/data/demo/generate.sql" -f "$root/data/demo/contract.sql" -f "$root/data/demo/contract_tagged.sql" >/dev/null 2>&1
q -c "SET client_min_messages = warning" -c "SELECT empathy.create_dashboard('demo.interactions', 'demo.survey_results', 'dashboard', '2024-03-04')" >/dev/null
views=$(q -c "SELECT count(*) FROM pg_views WHERE schemaname = 'dashboard'")
check "create_dashboard makes 13 views" "$([ "$views" = 13 ] && echo t || echo f)"
odd=$(q -c "SELECT string_agg(table_name || '.' || column_name || ' ' || data_type, ', ')
	FROM information_schema.columns WHERE table_schema = 'dashboard'
	AND data_type NOT IN ('text', 'numeric', 'double precision', 'integer', 'bigint', 'date',
		'timestamp with time zone', 'boolean')")
check "every dashboard view exposes only plain column types${odd:+ (not: $odd)}" "$([ -z "$odd" ] && echo t || echo f)"
empty=""
for v in $(q -c "SELECT viewname FROM pg_views WHERE schemaname = 'dashboard' ORDER BY 1"); do
	c=$(q -c "SELECT count(*) FROM dashboard.$v" 2>/dev/null || echo error)
	if [ "$c" = error ] || { [ "$c" = 0 ] && [ "$v" != phrase_categories ]; }; then empty="$empty $v"; fi
done
check "every view answers and has rows${empty:+ (not:$empty)}" "$([ -z "$empty" ] && echo t || echo f)"
report=$(psql -X -d "$db" -v schema=dashboard -v ON_ERROR_STOP=1 -f "$root/data/demo/report.sql" 2>&1); rc=$?
check "the terminal report runs" "$([ $rc -eq 0 ] && echo t || echo f)"
check "the report shows weekly KPIs, the leaderboard and the escalation queue" \
	"$(echo "$report" | grep -q '== Weekly KPIs' && echo "$report" | grep -q '== Agent leaderboard' && echo "$report" | grep -q 'ESCALATE' && echo t || echo f)"
check "coached agents lift CSAT in the current period" \
	"$(q -c "SELECT change > 5 FROM dashboard.period_comparison WHERE scope = 'all' AND kpi = 'csat'")"
suggest=$(psql -X -d "$db" -v schema=dashboard -v ON_ERROR_STOP=1 -f "$root/data/demo/suggest.sql" 2>&1); rc=$?
check "the routing and reply suggestion step runs" "$([ $rc -eq 0 ] && echo "$suggest" | grep -q 'agents best placed' && echo t || echo f)"

psql -X -q -c "DROP DATABASE IF EXISTS $db" >/dev/null
[ $bad -eq 0 ]
