#!/usr/bin/env bash
# Check the demo's HTML report: load the demo CRM with the tagging trigger,
# build the dashboard, write the report (data/demo/report_html.sql), open it
# in headless Chromium, take a screenshot and dump the DOM, and check that
# the charts rendered.  Needs a running server (PGHOST, PGPORT, PGUSER) with
# the extension installed; installs chromium when missing (as root).
# Prints one "ok N - ..." or "not ok N - ..." line per check.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
EMP_EXTRA_PACKAGES="chromium ${EMP_EXTRA_PACKAGES:-}"
db=empathy_report_check
out=$(mktemp -d)
chmod 755 "$out"
n=0; bad=0
check() {	# check DESCRIPTION t|f
	n=$((n + 1))
	if [ "$2" = t ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; bad=$((bad + 1)); fi
}
has() { grep -q -- "$1" "$2" && echo t || echo f; }

if ! command -v chromium >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; }
	fi
fi

psql -X -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
q() { psql -X -q -d "$db" -v ON_ERROR_STOP=1 "$@"; }
q -c "CREATE EXTENSION empathy" >/dev/null
q -c "SET client_min_messages = warning" -f "$root/data/demo/schema.sql" -f "$root/data/demo/tagging.sql" \
	-f "$root/data/demo/generate.sql" -f "$root/data/demo/contract.sql" -f "$root/data/demo/contract_tagged.sql" >/dev/null 2>&1
check "the demo loads with the tagging trigger" "$(q -At -c "SELECT count(*) > 10000 AND count(*) = count(emotions) FROM demo.messages" 2>/dev/null || echo f)"
q -c "SET client_min_messages = warning" -c "SELECT empathy.create_dashboard('demo.interactions', 'demo.survey_results', 'dashboard', '2024-03-04')" >/dev/null 2>&1
check "the dashboard is created" "$(q -At -c "SELECT count(*) = 13 FROM pg_views WHERE schemaname = 'dashboard'" 2>/dev/null || echo f)"

q -At -v schema=dashboard -f "$root/data/demo/report_html.sql" -o "$out/index.html" 2>"$out/psql.err"
check "the report is written" "$([ -s "$out/index.html" ] && [ ! -s "$out/psql.err" ] && echo t || echo f)"
check "it is one HTML document with three inline SVG charts" \
	"$([ "$(grep -o '<svg ' "$out/index.html" | wc -l)" -eq 3 ] && grep -q '^<!DOCTYPE html>' "$out/index.html" && echo t || echo f)"
check "it fetches nothing from the network" "$(grep -qiE '(src|href)="(https?:)?//' "$out/index.html" && echo f || echo t)"

flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
if command -v chromium >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	timeout 120 chromium $flags --user-data-dir="$(mktemp -d)" --window-size=800,2400 \
		--screenshot="$out/report.png" "file://$out/index.html" >/dev/null 2>&1
	# shellcheck disable=SC2086
	timeout 120 chromium $flags --user-data-dir="$(mktemp -d)" --dump-dom "file://$out/index.html" > "$out/dom.html" 2>/dev/null
	check "chromium takes a screenshot ($(stat -c %s "$out/report.png" 2>/dev/null || echo 0) bytes)" \
		"$([ "$(stat -c %s "$out/report.png" 2>/dev/null || echo 0)" -gt 20000 ] && echo t || echo f)"
	check "the rendered DOM has the three charts" \
		"$([ "$(grep -o '<svg ' "$out/dom.html" | wc -l)" -eq 3 ] && echo t || echo f)"
	check "the KPI trend chart has its title and three lines" \
		"$([ "$(has '<title>KPI trends by week</title>' "$out/dom.html")" = t ] && [ "$(grep -o '<polyline' "$out/dom.html" | wc -l)" -eq 3 ] && echo t || echo f)"
	check "the emotion mix chart has its title and a bar per channel and emotion" \
		"$([ "$(has '<title>Emotion mix by channel</title>' "$out/dom.html")" = t ] && grep -q '<title>chat, anger' "$out/dom.html" && grep -q '<title>email, neutral' "$out/dom.html" && echo t || echo f)"
	check "the agent comparison chart has its title and 24 agents" \
		"$([ "$(has '<title>Agent comparison: CSAT and empathy rate</title>' "$out/dom.html")" = t ] && [ "$(grep -o '<title>ag[0-9]* CSAT' "$out/dom.html" | wc -l)" -eq 24 ] && echo t || echo f)"
	check "the escalation queue and the period comparison are there" \
		"$(grep -q 'Escalation queue' "$out/dom.html" && grep -q '<td>csat</td>' "$out/dom.html" && echo t || echo f)"
else
	check "chromium is installed" f
fi

psql -X -q -c "DROP DATABASE IF EXISTS $db" >/dev/null
echo "# report and screenshot in $out"
[ $bad -eq 0 ]
