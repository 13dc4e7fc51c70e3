#!/usr/bin/env bash
# The demo: install what is missing, build and install the extension, start
# a throwaway cluster, load the demo CRM (data/demo) with the tagging
# trigger on, build the dashboard views, print a report and write an HTML
# report with charts.  The cluster keeps running at the end so that you can
# explore it with psql; the script prints how to connect and how to stop it.
#
#   bash test/demo.sh                 everything
#   EMP_DEMO_STOP=1 bash test/demo.sh stop the cluster at the end
#   EMP_DEMO_OUT=DIR bash test/demo.sh write the HTML report into DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$EMP_ROOT"

db=empathy_demo
schema=dashboard
out=${EMP_DEMO_OUT:-$EMP_ROOT/demo-report}

emp_install_packages
emp_build_install
EMP_KEEP_CLUSTER=1
emp_start_cluster
[ -n "${EMP_DEMO_STOP:-}" ] || trap 'echo "demo failed; the cluster is stopped" >&2; emp_stop_cluster' ERR
[ -n "${EMP_DEMO_STOP:-}" ] || trap - EXIT

psql -X -q -c "CREATE DATABASE $db" >/dev/null
export PGDATABASE=$db
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
q -c "CREATE EXTENSION empathy"

say "loading the demo CRM, tagging every message with empathy.tag_message() as it is inserted"
start=$(date +%s.%N)
q -c "SET client_min_messages = warning" -f data/demo/schema.sql -f data/demo/tagging.sql \
	-f data/demo/generate.sql -f data/demo/contract.sql -f data/demo/contract_tagged.sql >/dev/null
end=$(date +%s.%N)
q -At -c "SELECT format('%s messages in %s conversations, %s tagged, %s surveys', count(*),
		count(DISTINCT conversation_id), count(emotions), (SELECT count(*) FROM demo.surveys)) FROM demo.messages"
awk -v a="$start" -v b="$end" 'BEGIN { printf "loaded and tagged in %.1f s\n", b - a }'

say "creating the dashboard views in schema $schema"
q -At -c "SELECT string_agg(v, ', ') FROM empathy.create_dashboard('demo.interactions', 'demo.survey_results',
		'$schema', baseline_end => '2024-03-04 00:00+00') v"
echo "(baseline: 8 January to 3 March 2024; current period: from 4 March, when six agents were coached)"

say "report"
q -v schema="$schema" -f data/demo/report.sql

say "the angriest message still waiting for a reply"
q -v schema="$schema" -f data/demo/suggest.sql

say "HTML report"
mkdir -p "$out"
q -At -v schema="$schema" -f data/demo/report_html.sql -o "$out/index.html"
echo "written: $out/index.html (open it in a browser; no network needed)"

cat <<MSG

== the cluster is still running
connect:   psql -h $PGHOST -p $PGPORT -U $PGUSER -d $db
try:       SELECT * FROM $schema.kpi_by_agent ORDER BY csat DESC;
           SELECT * FROM $schema.period_comparison WHERE scope = 'all';
           SELECT * FROM $schema.escalation_queue LIMIT 5;
           SELECT * FROM empathy.explain('I am SO fed up, third time I write!!!');
           INSERT INTO demo.messages (message_id, conversation_id, sent_at, role, body)
             VALUES (999999, 1, now(), 'customer', 'Still nothing?! I want a refund NOW')
             RETURNING dominant_emotion, escalation_risk;
stop:      $EMP_STOP && rm -rf $EMP_CLUSTER
MSG
if [ -n "${EMP_DEMO_STOP:-}" ]; then emp_stop_cluster; echo "(stopped: EMP_DEMO_STOP is set)"; fi
