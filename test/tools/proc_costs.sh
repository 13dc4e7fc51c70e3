#!/usr/bin/env bash
# The planner costs of the extension's functions, measured: the instructions
# each expression executes per row (valgrind's callgrind, in a single-user
# backend, so that nothing else runs in between), with to_tsvector('english')
# at PostgreSQL's COST 100 as the yardstick.  The COST marks in sql/parts
# are these figures, rounded.
#
#   bash test/tools/proc_costs.sh [TEXTS]
#
# TEXTS  a file of texts, one per line (default: the customer messages of
#        data/support_emotions*.tsv, first column)
#
# Instructions, not time: they do not vary with the other work of a shared
# host.  A function whose instructions run slower than lower()'s (more
# branches that miss) costs more time than its figure says; see the
# README's Performance section for times.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$EMP_ROOT"
EMP_EXTRA_PACKAGES=valgrind
EMP_PACKAGES="$EMP_PACKAGES valgrind"
emp_install_packages
emp_build_install
bindir=$("$(emp_pg_config)" --bindir)

work=$(mktemp -d /tmp/empathy-costs.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
if [ $# -ge 1 ]; then cp "$1" "$work/texts.txt"; else cut -f1 data/support_emotions*.tsv > "$work/texts.txt"; fi
# one text per line, as COPY's text format reads it
sed -i 's/\\/\\\\/g' "$work/texts.txt"
chmod 644 "$work/texts.txt"
rows=$(wc -l < "$work/texts.txt")
as=""
if [ "$(id -u)" = 0 ]; then chown postgres: "$work"; as="runuser -u postgres --"; fi
$as "$bindir/initdb" -D "$work/data" -E UTF8 --locale=C.UTF-8 -A trust >/dev/null
single() { $as "$bindir/postgres" --single -D "$work/data" postgres 2>/dev/null; }
printf '%s\n' "CREATE EXTENSION empathy;" "SELECT empathy.create_configuration('derived');" \
	"CREATE TABLE m (body text);" "COPY m FROM '$work/texts.txt';" | single >/dev/null

# Instructions in the executor for one query, after a five-row warm-up that
# builds what a session builds once.
measure() {
	printf '%s\n' "SELECT count($1) FROM (SELECT * FROM m LIMIT 5) s;" ${2:+"SELECT count($1) FROM m;"} > "$work/q.sql"
	$as valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --toggle-collect=standard_ExecutorRun \
		"$bindir/postgres" --single -D "$work/data" postgres < "$work/q.sql" > "$work/q.log" 2>&1
	if grep -q 'ERROR' "$work/q.log"; then grep 'ERROR' "$work/q.log" >&2; exit 1; fi
	callgrind_annotate "$work/cg.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
}
per_row() { echo $(( ($(measure "$1" all) - $(measure "$1")) / rows )); }

echo "instructions per row over $rows texts; COST = 100 x the expression's net of the scan / to_tsvector's"
scan=$(per_row "body")
tsv=$(per_row "to_tsvector('english', body)")
printf '%-92s %12s %8s\n' expression instructions COST
for e in "body" "lower(body)" "to_tsvector('english', body)" \
	"empathy.sentiment(body)" "empathy.sentiment('derived', body)" "empathy.emotions(body)" \
	"empathy.emotion_labels(body)" "empathy.dominant_emotion(body)" "empathy.escalation_risk(body)" \
	"empathy.intent(body)" "empathy.markers(body)" "empathy.markers('derived', body)" \
	"empathy.empathy_score(body, body, 'Maria')" "empathy.template_is_valid(body)" \
	"empathy.render('Hi {{name}}, sorry about {{concern}}.', jsonb_build_object('name', 'Maria', 'concern', body))" \
	"empathy.concern(body)" "empathy.suggest_reply(body)" \
	"(SELECT count(*) FROM empathy.explain(body))" \
	"(SELECT count(*) FROM empathy.explain_empathy(body, body, 'Maria'))" \
	"(SELECT count(*) FROM empathy.qa_scorecard(body, body, 'Maria'))" \
	"(SELECT count(*) FROM empathy.suggest_replies(body))"; do
	case "$e" in
		body) n=$scan ;;
		"to_tsvector('english', body)") n=$tsv ;;
		*) n=$(per_row "$e") ;;
	esac
	printf '%-92s %12s %8s\n' "$e" "$n" "$(awk -v n="$n" -v s="$scan" -v t="$tsv" 'BEGIN { printf "%.1f", 100 * (n - s) / (t - s) }')"
done
echo
echo "rows per call: explain $(echo "SELECT avg(n) FROM (SELECT (SELECT count(*) FROM empathy.explain(body)) n FROM m) s;" | single | sed -n 's/.*avg = "\([0-9.]*\)".*/\1/p' | cut -c1-6)," \
	"explain_empathy $(echo "SELECT avg(n) FROM (SELECT (SELECT count(*) FROM empathy.explain_empathy(body, body, 'Maria')) n FROM m) s;" | single | sed -n 's/.*avg = "\([0-9.]*\)".*/\1/p' | cut -c1-6)"
