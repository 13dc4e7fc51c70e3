#!/usr/bin/env bash
# Benchmark the scoring functions against PostgreSQL's own lower() and
# to_tsvector('english', ...) over the same synthetic customer messages, in
# one run on one throwaway cluster: per-row cost, linearity on long texts,
# cancellation of a query on a 100 MB text, and backend memory after
# scoring.  Installs what is missing, builds and installs the extension.
#
#   bash test/bench.sh                  1,000,000 messages (5 to 6 minutes on 2 cores)
#   BENCH_ROWS=20000 bash test/bench.sh a quick smoke run
#   bash test/bench.sh 200000           the number of messages as an argument
#
# Settings (environment): BENCH_ROWS (messages), BENCH_REPEATS (runs per
# expression, median taken; default 3), BENCH_PAIRS (paired runs of the
# scan, lower() and each function with a speed target; default 7),
# BENCH_BUDGET (seconds: stop repeating an expression once one more run
# would take its total past this; default 80), BENCH_SEED (setseed()
# value; default 0.42),
# PG_CONFIG (the server to install into and run), EMP_SERVER_OPTS (server
# options; default shared_buffers=1GB so that the table stays in shared
# buffers), BENCH_CPU (the CPU the server is pinned to, so that every
# expression, ours and PostgreSQL's, runs on the same core: on a shared
# machine cores can differ in speed from minute to minute; default 0,
# "none" to leave it to the scheduler).
#
# Absolute times drift from run to run and machine to machine; the ratios
# measured in one run are what to compare.  Functions of the extension that
# do not exist yet are skipped with a note.
set -euo pipefail
EMP_EXTRA_PACKAGES=${EMP_EXTRA_PACKAGES:-}
. "$(dirname "$0")/lib.sh"
cd "$EMP_ROOT"

ROWS=${1:-${BENCH_ROWS:-1000000}}
REPEATS=${BENCH_REPEATS:-3}
BUDGET=${BENCH_BUDGET:-80}
SEED=${BENCH_SEED:-0.42}
if ! [[ $ROWS =~ ^[1-9][0-9]*$ ]] || [ "$ROWS" -lt 1000 ]; then
	echo "bench.sh: the number of rows must be an integer of at least 1000, not \"$ROWS\"" >&2
	exit 2
fi
if [ -n "${1:-}" ]; then
	CMDLINE="bash test/bench.sh $1"
elif [ -n "${BENCH_ROWS:-}" ]; then
	CMDLINE="BENCH_ROWS=$BENCH_ROWS bash test/bench.sh"
else
	CMDLINE="bash test/bench.sh"
fi
[ -n "${BENCH_REPEATS:-}" ] && CMDLINE="BENCH_REPEATS=$BENCH_REPEATS $CMDLINE"
[ -n "${BENCH_BUDGET:-}" ] && CMDLINE="BENCH_BUDGET=$BENCH_BUDGET $CMDLINE"
[ -n "${BENCH_PAIRS:-}" ] && CMDLINE="BENCH_PAIRS=$BENCH_PAIRS $CMDLINE"

EMP_SERVER_OPTS=${EMP_SERVER_OPTS:--c shared_buffers=1GB}
BENCH_CPU=${BENCH_CPU:-0}
if [ "$BENCH_CPU" != none ]; then
	if ! [[ $BENCH_CPU =~ ^[0-9]+$ ]] || [ "$BENCH_CPU" -ge "$(nproc)" ]; then
		echo "bench.sh: BENCH_CPU must be a CPU number below $(nproc) or \"none\", not \"$BENCH_CPU\"" >&2
		exit 2
	fi
	export EMP_SERVER_CPU=$BENCH_CPU
fi
# Every session: one worker, no JIT, so that only the expressions differ.
export PGOPTIONS="-c max_parallel_workers_per_gather=0 -c jit=off"

emp_install_packages
emp_build_install
emp_start_cluster
BINDIR=$("$(emp_pg_config)" --bindir)
T0=$SECONDS

psql_() { "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
sql1() { psql_ -At -c "$1"; }

# The first call of a select expression in a new session minus its second
# call (ms, two decimals), after the set-up statement given first; prints
# nothing if psql printed no timing.
first_minus_second() {
	printf '%s\n' "$1" '\timing on' "SELECT $2;" "SELECT $2;" |
		LC_ALL=C LC_MESSAGES=C psql_ -At 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | paste -sd' ' |
		awk 'NF == 2 { printf "%.2f\n", $1 - $2 }'
}

# Print a number with awk's printf format.
fmt() { awk -v f="$1" -v x="$2" 'BEGIN { if (x == "" || x == "-") print "-"; else printf f, x }'; }

# Succeed when the function (regprocedure text) exists; otherwise print a note.
have_fn() {
	local sig=$1 name others
	[ "$(sql1 "SELECT pg_catalog.to_regprocedure('$sig') IS NOT NULL")" = t ] && return 0
	name=${sig%%(*}
	others=$(sql1 "SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_catalog.pg_proc p
		JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname || '.' || p.proname = '$name'")
	if [ -n "$others" ]; then
		echo "   note: $sig does not exist (found $others): skipped; update test/bench.sh"
	else
		echo "   note: $sig does not exist yet: skipped"
	fi
	return 1
}

sql1 "CREATE EXTENSION empathy" >/dev/null
PGVERSION=$(sql1 "SHOW server_version")
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
say "PostgreSQL $PGVERSION, $(nproc) CPUs ($CPU), settings: $PGOPTIONS $EMP_SERVER_OPTS; server on CPU ${EMP_SERVER_CPU:-any}"
# Say when other processes compete for the CPUs: times get noisy then.
loadnote() {
	local l; read -r l _ </proc/loadavg
	if awk -v l="$l" -v n="$(nproc)" 'BEGIN { exit !(l > n - 0.5) }'; then
		echo "   note: load average $l on $(nproc) CPUs $1: other processes compete, times will be noisy"
	fi
}
loadnote "before the run"

###########################################################################
say "1. generating $ROWS customer messages (setseed($SEED))"
# test/bench/messages.sql: the same seed gives the same rows.
t=$SECONDS
psql_ -v rows="$ROWS" -v seed="$SEED" -f test/bench/messages.sql
read -r MEANCH MEANB MINL MAXL TSIZE CHECKSUM <<<"$(sql1 "SELECT round(avg(length(body)), 1), round(avg(octet_length(body)), 1),
	min(length(body)), max(length(body)), replace(pg_size_pretty(pg_table_size('bench_msg')), ' ', ''),
	left(md5(string_agg(md5(body), '' ORDER BY id)), 12) FROM bench_msg" | tr '|' ' ')"
echo "   $ROWS rows in $((SECONDS - t)) s; table $TSIZE; length $MINL..$MAXL characters"
echo "   mean length: $MEANCH characters, $MEANB bytes; content checksum $CHECKSUM"
echo "   samples:"
sql1 "SELECT '     ' || body FROM bench_msg WHERE id IN (1, 2, 3, 4, 5, 6) ORDER BY id"

# Reply functions get a second table: agent replies, customer names, the
# message replied to and template variables.
HAVE_MARKERS=0 HAVE_SCORE=0 HAVE_RENDER=0
if [ "$(sql1 "SELECT pg_catalog.to_regprocedure('empathy.markers(text)') IS NOT NULL
		OR pg_catalog.to_regprocedure('empathy.empathy_score(text,text,text)') IS NOT NULL
		OR pg_catalog.to_regprocedure('empathy.render(text,jsonb,text,boolean)') IS NOT NULL")" = t ]; then
	echo "   generating $ROWS agent replies for the reply functions"
	t=$SECONDS
	psql_ -v seed="$SEED" -f test/bench/replies.sql
	echo "   $ROWS replies in $((SECONDS - t)) s; mean reply length" \
		"$(sql1 "SELECT round(avg(length(reply)), 1) FROM bench_reply") characters"
fi

###########################################################################
say "2. per-row cost, single worker, median of up to $REPEATS runs"
# Each expression is the select list of EXPLAIN (ANALYZE, TIMING OFF)
# SELECT expr FROM table: the scan node evaluates it once per row and the
# rows go nowhere, so nothing but the scan and the expression is timed.
# (count(*) over a subquery would not do: the planner drops subquery
# outputs that nothing reads, and the function with them.)  The bare scan
# "SELECT body FROM t" projects the same column without calling anything;
# "net" figures subtract it.  Each run is a new session that first calls the
# expression on a few rows, so first-call set-up is not timed.
TEMPLATE='Hi {{customer.name}}, thank you for your patience. {{#if order.late}}I am sorry that order {{order.id}} is running late; I have asked the courier for an update today.{{/if}} Best, {{agent}}'
RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"; emp_stop_cluster' EXIT

# The expressions, in order: label, select expression, table, label of the
# bare scan to subtract.
EXPRS=()
add() { EXPRS+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"$4"); }
SCAN="body (bare scan)"
add "count(*)" "count(*)" bench_msg "$SCAN"
add "$SCAN" "body" bench_msg "$SCAN"
add "sum(length(body))" "sum(length(body))" bench_msg "$SCAN"
# The scoring functions next to lower(), whichever way a round goes through
# them, so that little time passes between the two runs of a ratio.
add "lower(body)" "lower(body)" bench_msg "$SCAN"
for f in sentiment emotions emotion_labels dominant_emotion escalation_risk; do
	if have_fn "empathy.$f(text)"; then add "empathy.$f(body)" "empathy.$f(body)" bench_msg "$SCAN"; fi
done
add "to_tsvector('english', body)" "to_tsvector('english', body)" bench_msg "$SCAN"
if have_fn "empathy.explain(text)"; then
	add "empathy.explain(body), all rows" "empathy.explain(body)" bench_msg "$SCAN"
fi
if have_fn "empathy.markers(text)"; then HAVE_MARKERS=1; fi
if have_fn "empathy.empathy_score(text,text,text)"; then HAVE_SCORE=1; fi
if have_fn "empathy.render(text,jsonb,text,boolean)"; then HAVE_RENDER=1; fi
if [ $((HAVE_MARKERS + HAVE_SCORE + HAVE_RENDER)) -gt 0 ]; then
	RSCAN="reply (bare scan of replies)"
	add "$RSCAN" "reply" bench_reply "$RSCAN"
	# the reply functions' ratios are to lower() over the same replies
	add "lower(reply)" "lower(reply)" bench_reply "$RSCAN"
	if [ $HAVE_MARKERS = 1 ]; then add "empathy.markers(reply)" "empathy.markers(reply)" bench_reply "$RSCAN"; fi
	if [ $HAVE_SCORE = 1 ]; then
		# the reply alone (the message and the name default to NULL), and with them
		add "empathy.empathy_score(reply)" "empathy.empathy_score(reply)" bench_reply "$RSCAN"
		add "empathy.empathy_score(reply, body, name)" "empathy.empathy_score(reply, body, name)" bench_reply "$RSCAN"
		# what empathy_score(reply, body, name) cannot cost less than: the
		# message's emotions and the reply's markers, each read once
		add "emotions(body) and markers(reply)" "(empathy.emotions(body), empathy.markers(reply))" bench_reply "$RSCAN"
	fi
	if [ $HAVE_RENDER = 1 ]; then
		add "empathy.render(template, vars)" "empathy.render(:'tpl', vars)" bench_reply "$RSCAN"
		# the same reply written by hand with || and CASE, for comparison
		add "the same by concatenation" "'Hi ' || (vars->'customer'->>'name') || ', thank you for your patience. ' || CASE WHEN (vars->'order'->>'late')::boolean THEN 'I am sorry that order ' || (vars->'order'->>'id') || ' is running late; I have asked the courier for an update today.' ELSE '' END || ' Best, ' || (vars->>'agent')" bench_reply "$RSCAN"
		add "the same with format()" "format('Hi %s, thank you for your patience. %s Best, %s', vars->'customer'->>'name', CASE WHEN (vars->'order'->>'late')::boolean THEN format('I am sorry that order %s is running late; I have asked the courier for an update today.', vars->'order'->>'id') ELSE '' END, vars->>'agent')" bench_reply "$RSCAN"
	fi
fi

# Print the execution time (ms) of one run of expr over table, in a new
# session that has already called it on a few rows.
run_once() {
	psql_ -At -v tpl="$TEMPLATE" <<-SQL | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
		\o /dev/null
		SELECT $1 FROM (SELECT * FROM $2 LIMIT 20) AS warm_up;
		\o
		EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT $1 FROM $2;
	SQL
}

# Rounds: every expression once per round, so that whatever else the machine
# does falls on all of them alike; every other round goes through them in
# reverse order, so that no expression always runs just after another.  An
# expression sits out the later rounds once one more run would take its
# total past the budget.
declare -A RUNS TOTAL LAST
ROUNDS=$(mktemp)
trap 'rm -f "$RESULTS" "$ROUNDS"; emp_stop_cluster' EXIT
for ((r = 1; r <= REPEATS; r++)); do
	t=$SECONDS; n=0
	ORDER=("${EXPRS[@]}")
	if [ $((r % 2)) = 0 ]; then
		ORDER=()
		for ((i = ${#EXPRS[@]} - 1; i >= 0; i--)); do ORDER+=("${EXPRS[$i]}"); done
	fi
	for e in "${ORDER[@]}"; do
		IFS=$'\t' read -r label expr table base <<<"$e"
		if [ "$r" -gt 1 ] && awk -v t="${TOTAL[$label]}" -v m="${LAST[$label]}" -v b="$BUDGET" \
			'BEGIN { exit !(t + m > b * 1000) }'; then
			continue
		fi
		ms=$(run_once "$expr" "$table")
		[ -n "$ms" ] || { echo "   $label: no timing" >&2; exit 1; }
		RUNS[$label]="${RUNS[$label]:-}${RUNS[$label]:+ }$ms"
		TOTAL[$label]=$(awk -v a="${TOTAL[$label]:-0}" -v b="$ms" 'BEGIN { print a + b }')
		LAST[$label]=$ms
		printf '%s\t%s\t%s\n' "$label" "$r" "$ms" >>"$ROUNDS"
		n=$((n + 1))
	done
	echo "   round $r of $REPEATS: $n expressions, $((SECONDS - t)) s"
done
for e in "${EXPRS[@]}"; do
	IFS=$'\t' read -r label expr table base <<<"$e"
	read -r -a runs <<<"${RUNS[$label]}"
	med=$(printf '%s\n' "${runs[@]}" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
	mn=$(printf '%s\n' "${runs[@]}" | sort -g | head -1)
	printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$med" "${#runs[@]}" "$base" "$mn" >>"$RESULTS"
	printf '   %-40s runs (ms): %s\n' "$label" "${RUNS[$label]}"
done

# The table of results, raw and net of the scan.  The ratios are taken
# round by round: an expression's run against lower()'s and to_tsvector()'s
# runs of the same round (net: each minus the bare scan of its table in
# that round), and the median of those ratios is shown.  A shared machine's
# speed drifts over minutes, and a slow spell then slows both sides of a
# ratio instead of one side's median.
TABLE=$(awk -F'\t' -v rows="$ROWS" -v scanl="$SCAN" '
	function median(v, n,    i, j, t) {
		for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
		return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	FNR == NR { n++; label[n] = $1; ms[n] = $2; runs[n] = $3; base[n] = $4; mn[n] = $5; next }
	{ t[$1, $2] = $3; have[$1, $2] = 1; if ($2 > nr) nr = $2 }
	END {
		tsvl = "to_tsvector(\x27english\x27, body)"
		for (i = 1; i <= n; i++) if (label[i] == "lower(reply)") rlow = 1
		printf "%-40s %4s %8s %8s %8s %8s %8s %6s %7s %6s\n", "expression", "runs", "median s", "min s", "us/row", "net us", "x lower", "net", "x tsvec", "net"
		for (i = 1; i <= n; i++) {
			l = label[i]; bl = base[i]
			# lower() over the same table: the replies have their own
			lowl = (bl != scanl && rlow) ? "lower(reply)" : "lower(body)"
			skip = (l == bl || l == "count(*)")
			kl = 0; kt = 0; kln = 0; ktn = 0
			for (r = 1; r <= nr; r++) {
				if (!have[l, r]) continue
				if (have[lowl, r]) {
					rl[++kl] = t[l, r] / t[lowl, r]
					if (!skip && have[bl, r] && t[lowl, r] > t[bl, r])
						rln[++kln] = (t[l, r] - t[bl, r]) / (t[lowl, r] - t[bl, r])
				}
				if (have[tsvl, r]) {
					rt[++kt] = t[l, r] / t[tsvl, r]
					if (!skip && have[bl, r] && have[scanl, r] && t[tsvl, r] > t[scanl, r])
						rtn[++ktn] = (t[l, r] - t[bl, r]) / (t[tsvl, r] - t[scanl, r])
				}
			}
			netus = skip ? "-" : sprintf("%.3f", (ms[i] - ms_of(bl)) * 1000 / rows)
			xl = kl ? sprintf("%.2f", median(rl, kl)) : "-"
			xt = kt ? sprintf("%.3f", median(rt, kt)) : "-"
			nl = kln ? sprintf("%.2f", median(rln, kln)) : "-"
			nt = ktn ? sprintf("%.3f", median(rtn, ktn)) : "-"
			printf "%-40s %4d %8.3f %8.3f %8.3f %8s %8s %6s %7s %6s\n", l, runs[i], ms[i] / 1000, mn[i] / 1000, ms[i] * 1000 / rows, netus, xl, nl, xt, nt
		}
	}
	function ms_of(x,    j) { for (j = 1; j <= n; j++) if (label[j] == x) return ms[j]; return 0 }
	' "$RESULTS" "$ROUNDS")
echo
echo "$TABLE" | sed 's/^/   /'
echo "   (us/row = median time / rows; net = minus the bare scan of the same table; x lower, x tsvec ="
echo "    median over the rounds of the ratio of a run to lower()'s over the same table and to"
echo "    to_tsvector('english', body)'s in the same round, raw and net of the scans of that round)"
FEWER=$(awk -F'\t' -v n="$REPEATS" '$3 < n { printf "%s%s (%d run%s)", sep, $1, $3, ($3 > 1) ? "s" : ""; sep = ", " }' "$RESULTS")
if [ -n "${RSCAN:-}" ]; then
	echo "   (rows on replies: net of the bare scan of replies, compared with lower(reply), and with to_tsvector() on messages)"
fi
[ -z "$FEWER" ] || echo "   fewer runs, to stay within BENCH_BUDGET=$BUDGET s per expression: $FEWER"

# The targets: sentiment() and emotions() at most 1.5x lower() and 0.2x
# to_tsvector(); markers() and empathy_score() at most 2x lower().  The
# rounds above put up to a minute between two runs of a ratio; the ratios
# to lower() are judged on paired runs instead: PAIRS times (BENCH_PAIRS,
# default 7) the bare scan of the table, lower() over it and the function,
# one after the other, every other time in reverse order, each in a new
# session; the ratio of each such triple, net of its scan, and their median.
PAIRS=${BENCH_PAIRS:-7}
if ! [[ $PAIRS =~ ^[1-9][0-9]*$ ]]; then
	echo "bench.sh: BENCH_PAIRS must be a positive integer, not \"$PAIRS\"" >&2
	exit 2
fi
# Print the net ratios of PAIRS paired runs of expr over table (the scan of
# column col, lower(col), expr; every other time in reverse order).
paired_ratios() {
	local expr=$1 table=$2 col=$3 k sc lo fx per=""
	for ((k = 1; k <= PAIRS; k++)); do
		if [ $((k % 2)) = 1 ]; then
			sc=$(run_once "$col" "$table"); lo=$(run_once "lower($col)" "$table"); fx=$(run_once "$expr" "$table")
		else
			fx=$(run_once "$expr" "$table"); lo=$(run_once "lower($col)" "$table"); sc=$(run_once "$col" "$table")
		fi
		per="$per${per:+ }$(awk -v s="$sc" -v o="$lo" -v f="$fx" 'BEGIN { if (o > s) printf "%.2f", (f - s) / (o - s); else print "-" }')"
	done
	echo "$per"
}
# The median of the numbers given as arguments, two decimals ("-" for none).
median_of() {
	fmt %.2f "$(printf '%s\n' "$@" | grep -v '^-$' | sort -g |
		awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')"
}
say "2b. the targets, judged on $PAIRS paired runs (scan, lower(), function; every other time reversed)"
# label, x lower() target, x to_tsvector target (- for none)
TARGET_NOTE=""
for tg in "empathy.sentiment(body) 1.5 0.2" "empathy.emotions(body) 1.5 0.2" \
	"empathy.markers(reply) 2 -" "empathy.empathy_score(reply) 2 -" \
	"empathy.empathy_score(reply, body, name) 2 -" "emotions(body) and markers(reply) - -"; do
	l=${tg% * *}; tt=${tg##* }; lt=${tg% *}; lt=${lt##* }
	line=$(echo "$TABLE" | awk -v l="$l" 'substr($0, 1, length(l) + 1) == l " "')
	[ -n "$line" ] || continue
	# fields from the end: x tsvec net, x tsvec raw, x lower net, x lower raw
	read -r _ lnet _ tnet <<<"$(echo "$line" | awk '{ print $(NF-3), $(NF-2), $(NF-1), $NF }')"
	base=$(awk -F'\t' -v l="$l" '$1 == l { print $4 }' "$RESULTS")
	expr=$l
	for e in "${EXPRS[@]}"; do
		IFS=$'\t' read -r el ex _ <<<"$e"
		if [ "$el" = "$l" ]; then expr=$ex; fi
	done
	if [ "$base" = "$SCAN" ]; then table=bench_msg; col=body; else table=bench_reply; col=reply; fi
	per=$(paired_ratios "$expr" $table $col)
	# shellcheck disable=SC2086 # the ratios are numbers, split on purpose
	pmed=$(median_of $per)
	if [ "$lt" = - ]; then
		printf '   %-42s %5s x lower(%s) net, no target      (pairs: %s; rounds: %s)\n' "$l" "$pmed" "$col" "$per" "$lnet"
		TARGET_NOTE="$TARGET_NOTE${TARGET_NOTE:+; }$l $pmed× (pairs $per)"
		continue
	fi
	v1=$(awk -v x="$pmed" -v t="$lt" 'BEGIN { print (x != "-" && x <= t) ? "met" : "MISSED" }')
	printf '   %-42s %5s x lower(%s) net, target <= %s: %-6s (pairs: %s; rounds: %s)\n' "$l" "$pmed" "$col" "$lt" "$v1" "$per" "$lnet"
	if [ "$tt" != - ]; then
		v2=$(awk -v x="$tnet" -v t="$tt" 'BEGIN { print (x != "-" && x <= t) ? "met" : "MISSED" }')
		printf '   %-42s %5s x to_tsvector net, target <= %s: %-6s (rounds)\n' "" "$tnet" "$tt" "$v2"
	fi
	TARGET_NOTE="$TARGET_NOTE${TARGET_NOTE:+; }\`$l\` $pmed× (aim ≤ $lt×: $v1; pairs $per)"
done

###########################################################################
# The benchmark's messages come from a few hundred fragments, so their words
# soon all sit in the lexicon's lookup memo.  Real messages keep bringing
# new words (names, products, typos), each stemmed and looked up the first
# time it is read and whenever the memo has had to forget it: here one word
# in 20, then one in 4, is drawn from 300,000 made-up ones.
VROWS=$((ROWS < 200000 ? ROWS : 200000))
say "2c. a large vocabulary: $VROWS of the messages with some of their words made up (300,000 of them)"
VOCAB_NOTE=""
for rate in 20 4; do
	psql_ -v vrows="$VROWS" -v seed="$SEED" -v rate="$rate" <<'SQL'
SELECT setseed(:seed / 3) \gset
DROP TABLE IF EXISTS bench_vocab;
CREATE UNLOGGED TABLE bench_vocab AS
SELECT m.id, string_agg(CASE WHEN random() < 1.0 / :rate
		THEN translate(to_hex(1000000 + floor(random() * 300000)::bigint * 7919), '0123456789abcdef', 'qwrtypsdfghjklzx')
		ELSE t.w END, ' ' ORDER BY t.n) AS body
FROM bench_msg AS m, regexp_split_to_table(m.body, ' ') WITH ORDINALITY AS t(w, n)
WHERE m.id <= :vrows
GROUP BY m.id;
VACUUM ANALYZE bench_vocab;
SQL
	echo "   one word in $rate made up, e.g.: $(sql1 "SELECT left(body, 110) FROM bench_vocab ORDER BY id LIMIT 1")"
	echo "   distinct lower-cased words: $(sql1 "SELECT count(DISTINCT lower(w)) FROM bench_vocab, regexp_split_to_table(body, ' ') AS w") (in the same messages as generated: $(sql1 "SELECT count(DISTINCT lower(w)) FROM bench_msg, regexp_split_to_table(body, ' ') AS w WHERE id <= $VROWS"))"
	if ! have_fn "empathy.sentiment(text)" >/dev/null 2>&1; then continue; fi
	per=$(paired_ratios "empathy.sentiment(body)" bench_vocab body)
	# shellcheck disable=SC2086 # the ratios are numbers, split on purpose
	pmed=$(median_of $per)
	printf '   %-42s %5s x lower(body) net over these messages (pairs: %s)\n' "empathy.sentiment(body)" "$pmed" "$per"
	VOCAB_NOTE="$VOCAB_NOTE${VOCAB_NOTE:+; }one word in $rate made up, \`sentiment\` $pmed×"
done

###########################################################################
say "3. linearity on long texts, and cancelling a query on a 100 MB text"
# The documents are the messages in id order, one per line, repeated as
# often as needed; 1 MB is the first tenth of 10 MB.  Stored uncompressed
# (STORAGE EXTERNAL) so that fetching them costs no decompression.
psql_ <<'SQL'
CREATE UNLOGGED TABLE bench_doc (name text PRIMARY KEY, doc text NOT NULL);
ALTER TABLE bench_doc ALTER COLUMN doc SET STORAGE EXTERNAL;
INSERT INTO bench_doc
SELECT '10MB', left(repeat(s, 10000000 / length(s) + 1), 10000000)
FROM (SELECT string_agg(body, E'\n' ORDER BY id) AS s FROM bench_msg WHERE id <= 80000) AS a;
INSERT INTO bench_doc SELECT '1MB', left(doc, 1000000) FROM bench_doc WHERE name = '10MB';
INSERT INTO bench_doc SELECT '100MB', repeat(doc, 10) FROM bench_doc WHERE name = '10MB';
VACUUM ANALYZE bench_doc;
SQL
sql1 "SELECT '   ' || name || ': ' || length(doc) || ' characters, ' || octet_length(doc) || ' bytes'
	FROM bench_doc ORDER BY octet_length(doc)"

# Print the execution time (ms) of expr over one document, in a new session.
doc_ms() {
	psql_ -At <<-SQL | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
		\o /dev/null
		SELECT empathy.sentiment('warm up');
		\o
		EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT $1 FROM bench_doc WHERE name = '$2';
	SQL
}
median3() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
B1=$(sql1 "SELECT octet_length(doc) FROM bench_doc WHERE name = '1MB'")
B10=$(sql1 "SELECT octet_length(doc) FROM bench_doc WHERE name = '10MB'")
echo
printf '   %-28s %9s %9s %7s %12s %12s\n' "expression (median of 3)" "1 MB ms" "10 MB ms" "ratio" "MB/s, 10 MB" "MB/s, rows"
LIN=""
for f in "doc LIKE '#%' (fetch only)" "lower(doc)" "empathy.sentiment(doc)" "empathy.emotions(doc)"; do
	fn=${f%%(*}
	if [ "${fn#empathy.}" != "$fn" ] && ! have_fn "$fn(text)"; then continue; fi
	expr=${f% (fetch only)}
	a=""; b=""
	for _ in 1 2 3; do
		a="$a $(doc_ms "$expr" 1MB)"; b="$b $(doc_ms "$expr" 10MB)"
	done
	# shellcheck disable=SC2086 # the runs are numbers, split on purpose
	a=$(printf '%s\n' $a | median3); b=$(printf '%s\n' $b | median3)
	rowsms=$(awk -F'\t' -v l="${f/doc/body}" -v s="$SCAN" '$1 == l { m = $2 } $1 == s { sc = $2 } END { print (m > sc) ? m - sc : 0 }' "$RESULTS")
	awk -v a="$a" -v b="$b" -v n="$ROWS" -v mb="$MEANB" -v r="$rowsms" -v f="$f" -v b1="$B1" -v b10="$B10" 'BEGIN {
		printf "   %-28s %9.1f %9.1f %7.2f %12.1f ", f, a, b, b / a, b10 / 1e3 / b
		if (r > 0) printf "%12.1f\n", n * mb / 1e3 / r; else printf "%12s\n", "-" }'
	LIN="$LIN${LIN:+; }\`$expr\` $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", b / a }')×"
done
echo "   (ratio = 10 MB time / 1 MB time for $(awk -v a="$B1" -v b="$B10" 'BEGIN { printf "%.2f", b / a }')× the bytes: 10 is linear;"
echo "    MB/s, rows = the same function over the table, net of the scan)"

# Run query with statement_timeout = timeout ms in a new session; print the
# outcome and how long the statement took.
cancel_test() {
	local query=$1 timeout=$2 out took err
	out=$(printf '%s\n' "SELECT empathy.sentiment('warm up');" '\timing on' "SET statement_timeout = '${timeout}ms';" "$query" |
		"$BINDIR/psql" -X -q -At 2>&1 || true)
	took=$(echo "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
	err=$(echo "$out" | sed -n 's/^ERROR: *//p' | head -1)
	if [ "$err" = "canceling statement due to statement timeout" ]; then
		awk -v t="$took" -v o="$timeout" 'BEGIN { printf "cancelled after %.0f ms, %.0f ms past the timeout%s", t, t - o, (t - o > 100) ? " (SLOW)" : "" }'
	elif [ -n "$err" ]; then
		echo "failed after $(fmt %.0f "$took") ms with another error: $err"
	else
		echo "NOT cancelled: finished after $(fmt %.0f "$took") ms"
	fi
}
# The query that scores one document with function f.
doc_query() {
	if [ "$1" = explain ]; then echo "SELECT count(*) FROM bench_doc, empathy.explain(doc) WHERE name = '$2';"
	else echo "SELECT empathy.$1(doc) IS NULL FROM bench_doc WHERE name = '$2';"; fi
}
CANCEL_FNS=""
for f in sentiment emotions emotion_labels dominant_emotion escalation_risk explain markers; do
	if have_fn "empathy.$f(text)" >/dev/null 2>&1; then CANCEL_FNS="$CANCEL_FNS $f"; fi
done

echo
FETCH=$(for _ in 1 2 3; do doc_ms "doc LIKE '#%'" 100MB; done | median3)
echo "   with statement_timeout = '200ms', on the 100 MB text (fetching it alone takes $(fmt %.0f "$FETCH") ms):"
CANCEL=""
for f in $CANCEL_FNS; do
	v=$(cancel_test "$(doc_query "$f" 100MB)" 200)
	printf '   %-30s %s\n' "empathy.$f(doc)" "$v"
	CANCEL="$CANCEL${CANCEL:+; }\`$f\` ${v%%,*}"
done
if awk -v f="$FETCH" 'BEGIN { exit !(f > 150) }'; then
	echo "   (the fetch takes most of the 200 ms here, so the timeout may land before scoring starts:"
	echo "    the next test cancels each function halfway through scoring the 10 MB text)"
fi
echo
echo "   with statement_timeout at half the full time, on the 10 MB text:"
for f in $CANCEL_FNS; do
	full=$(printf '%s\n' '\timing on' "$(doc_query "$f" 10MB)" | "$BINDIR/psql" -X -q -At 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
	half=$(awk -v t="$full" 'BEGIN { printf "%d", (t / 2 < 10) ? 10 : t / 2 }')
	v=$(cancel_test "$(doc_query "$f" 10MB)" "$half")
	printf '   %-30s full %6.0f ms; timeout %5d ms: %s\n' "empathy.$f(doc)" "$full" "$half" "$v"
	[ "$f" = explain ] && EXPLAIN_HALF=$half
done
if [ -n "${EXPLAIN_HALF:-}" ]; then
	# explain() stores its rows, as any set-returning function in a FROM
	# clause does; so does this one of PostgreSQL's, for comparison: the
	# abort frees what was stored.
	v=$(cancel_test "SELECT count(*) FROM generate_series(1, 1000000000) AS g;" "$EXPLAIN_HALF")
	printf '   %-30s                timeout %5d ms: %s\n' "generate_series(1, 1e9)" "$EXPLAIN_HALF" "$v"
	echo "   (PostgreSQL's own set-returning function, its rows stored likewise, for comparison)"
fi

###########################################################################
say "4. backend memory after scoring 1,000 rows and after scoring all $ROWS rows"
# One session: every scoring function over the first 1,000 rows, then over
# all rows, with the contexts summed after each (after a first reading, so
# that the view's own catalogue look-ups are already cached).
calls=""
for f in sentiment emotions emotion_labels dominant_emotion escalation_risk markers; do
	if have_fn "empathy.$f(text)" >/dev/null 2>&1; then calls="$calls, count(empathy.$f(body))"; fi
done
if have_fn "empathy.explain(text)" >/dev/null 2>&1; then
	calls="$calls, sum((SELECT count(*) FROM empathy.explain(body)))"
fi
MEMOUT=$(psql_ -At <<SQL
SELECT pg_backend_pid() AS bpid \gset
\setenv BENCH_BPID :bpid
SELECT 'warm', sum(total_bytes) FROM pg_catalog.pg_backend_memory_contexts;
\o /dev/null
SELECT count(*)$calls FROM bench_msg WHERE id <= 1000;
\o
SELECT 'm1', sum(total_bytes) FROM pg_catalog.pg_backend_memory_contexts;
\! grep -E '^RssAnon' /proc/\$BENCH_BPID/status 2>/dev/null | sed 's/^/rss1|/' || true
\o /dev/null
SELECT count(*)$calls FROM bench_msg WHERE id <= $ROWS;
\o
SELECT 'm2', sum(total_bytes) FROM pg_catalog.pg_backend_memory_contexts;
\! grep -E '^RssAnon' /proc/\$BENCH_BPID/status 2>/dev/null | sed 's/^/rss2|/' || true
SELECT 'ctx', name, coalesce(ident, ''), total_bytes FROM pg_catalog.pg_backend_memory_contexts
	WHERE name ILIKE '%empathy%' OR ident ILIKE '%empathy%' OR name ILIKE '%emp%' ORDER BY total_bytes DESC LIMIT 8;
SQL
)
echo "$MEMOUT" | grep -q '^m2|' || { echo "$MEMOUT"; exit 1; }
M1=$(echo "$MEMOUT" | sed -n 's/^m1|//p'); M2=$(echo "$MEMOUT" | sed -n 's/^m2|//p')
echo "   memory contexts after 1,000 rows:    $M1 bytes"
echo "   memory contexts after $ROWS rows: $M2 bytes"
if [ "$M1" = "$M2" ]; then MEMV="equal"; else MEMV="NOT equal: grew by $((M2 - M1)) bytes"; fi
echo "   $MEMV"
R1=$(echo "$MEMOUT" | sed -n 's/^rss1|RssAnon:[[:space:]]*//p'); R2=$(echo "$MEMOUT" | sed -n 's/^rss2|RssAnon:[[:space:]]*//p')
[ -z "$R1" ] || echo "   process anonymous memory (RssAnon, includes malloc, e.g. ICU): $R1 -> $R2"
echo "$MEMOUT" | awk -F'|' '$1 == "ctx" { printf "   context %s %s: %s bytes\n", $2, $3, $4 }'

###########################################################################
MARKERS_NOTE=""
if [ "$HAVE_MARKERS" = 1 ]; then
say "4b. markers: the same catalogue as one regex, and user catalogues of 10 to 10,000 phrases"
# The built-in catalogue written as one case-insensitive alternation (each
# {feeling} as any word), run with ~* over the same replies as markers().
# The regex only says whether some phrase occurs; markers() also resolves
# the categories, negation and skipped intensifiers.
MROWS=$(( ROWS < 20000 ? ROWS : 20000 ))
CATF=$(mktemp)
grep -v '^#' "$EMP_ROOT/data/builtin/markers.tsv" | grep -v '^$' >"$CATF"
psql_ -c "CREATE UNLOGGED TABLE bench_cat_rows (category text, strength int, phrase text)"
psql_ -c "\\copy bench_cat_rows FROM '$CATF' WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')"
rm -f "$CATF"
psql_ <<'SQL'
CREATE UNLOGGED TABLE bench_catalogue_regex AS
SELECT '\m(' || string_agg(replace(regexp_replace(phrase, '([.^$*+?()\[\]{}|\\])', '\\\1', 'g'),
		'\{feeling\}', '\w+'), '|' ORDER BY phrase) || ')\M' AS re, count(*) AS n
FROM bench_cat_rows;
SQL
read -r NCAT <<<"$(sql1 "SELECT n FROM bench_catalogue_regex")"
# the sample in a table of its own, so that its scan is small next to the work
psql_ -c "CREATE UNLOGGED TABLE bench_reply_sample AS SELECT * FROM bench_reply WHERE id <= $MROWS" \
	-c "VACUUM ANALYZE bench_reply_sample" >/dev/null
mtime() {	# median of 3 runs, ms, of a select list over the first MROWS replies
	for _ in 1 2 3; do
		psql_ -At <<-SQL | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
			SELECT re AS catre FROM bench_catalogue_regex \gset
			\o /dev/null
			SELECT $1 FROM (SELECT * FROM bench_reply_sample LIMIT 20) AS w;
			\o
			EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT $1 FROM bench_reply_sample;
		SQL
	done | sort -n | sed -n 2p
}
T_SCAN=$(mtime "reply")
T_MK=$(mtime "empathy.markers(reply)")
T_RE=$(mtime "reply ~* :'catre'")
printf '   %-44s %10s ms\n' "bare scan of $MROWS replies" "$(fmt %.1f "$T_SCAN")" \
	"empathy.markers(reply)" "$(fmt %.1f "$T_MK")" "reply ~* <one regex of $NCAT phrases>" "$(fmt %.1f "$T_RE")"
RATIO=$(awk -v s="$T_SCAN" -v m="$T_MK" -v r="$T_RE" 'BEGIN { mm = m - s; rr = r - s; if (mm <= 0) mm = 0.001; printf "%.1f", rr / mm }')
echo "   the regex costs ${RATIO}× markers() (net of the scan)"

echo
echo "   user catalogues (config_markers rows added to the built-in catalogue):"
printf '   %-12s %14s %16s %14s\n' "phrases" "insert (ms)" "compile (ms)" "µs per reply"
MARKERS_GROW=""
for n in 10 1000 10000; do
	cfg="bench_$n"
	ins=$(printf '%s\n' '\timing on' "SELECT empathy.create_configuration('$cfg');" \
		"INSERT INTO empathy.config_markers SELECT '$cfg', 'ownership', 1 + i % 2,
			'zq' || substr(md5(i::text), 1, 5) || ' ' || 'xv' || substr(md5((i * 7)::text), 1, 5) || ' done'
		 FROM generate_series(1, $n) AS i;" | psql_ -At 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
	# compile: the first call in a new session, minus a call that is already compiled
	comp=$(first_minus_second "SELECT empathy.markers('x');" "empathy.markers('$cfg', 'x')" |
		awk '{ printf "%.1f", $1 }')
	per=$(mtime "empathy.markers('$cfg', reply)")
	perus=$(awk -v t="$per" -v s="$T_SCAN" -v r="$MROWS" 'BEGIN { printf "%.2f", (t - s) * 1000 / r }')
	printf '   %-12s %14s %16s %14s\n' "$n" "$(fmt %.0f "$ins")" "$comp" "$perus"
	MARKERS_GROW="$MARKERS_GROW${MARKERS_GROW:+; }$n: compile $comp ms, $perus µs/reply"
done
MARKERS_NOTE="Markers: one regex of the $NCAT catalogue phrases with \`~*\` costs ${RATIO}× \`markers()\` over $MROWS replies (net of the scan). User catalogues: $MARKERS_GROW."
fi

###########################################################################
say "4c. the first call in a new session (building the built-in configuration)"
# A new session's first call of a function builds what it needs once per
# backend: the built-in lexicon and model for sentiment(), the phrase
# catalogue for markers(); PostgreSQL's to_tsvector('english') loads its
# Snowball dictionary and stop words the same way.  Each figure is the
# first call in a new session minus the second call of that session,
# median of 7 sessions; the library itself is loaded before either call.
first_call() {
	local i
	for i in 1 2 3 4 5 6 7; do
		first_minus_second "SELECT '(joy:0.5)'::empathy.emotions IS NULL;" "$1"
	done | sort -n | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : "-") }'
}
FC_TS=$(first_call "to_tsvector('english', 'x')")
FC_S=$(first_call "empathy.sentiment('x')")
printf '   %-44s %8s ms\n' "to_tsvector('english', 'x')" "$FC_TS" "empathy.sentiment('x')" "$FC_S"
FIRST_NOTE="First call in a new session, minus the second (median of 7): to_tsvector('english') $FC_TS ms, sentiment() $FC_S ms"
if [ "$HAVE_MARKERS" = 1 ]; then
	FC_M=$(first_call "empathy.markers('x')")
	printf '   %-44s %8s ms\n' "empathy.markers('x')" "$FC_M"
	FIRST_NOTE="$FIRST_NOTE, markers() $FC_M ms"
fi

###########################################################################
say "5. summary for README.md"
lowus=$(awk -F'\t' -v r="$ROWS" '$1 == "lower(body)" { printf "%.3f", $2 * 1000 / r }' "$RESULTS")
{
	echo "Measured with \`$CMDLINE\` on PostgreSQL $PGVERSION, $(nproc) CPUs, one worker, JIT off:"
	echo "$ROWS synthetic customer messages, mean length $MEANCH characters ($MEANB bytes); median of $REPEATS runs${FEWER:+ (fewer for $FEWER)}."
	echo
	echo "| expression | µs per row | net of scan | × \`lower()\` (net) | × \`to_tsvector\` (net) |"
	echo "|---|---:|---:|---:|---:|"
	echo "$TABLE" | tail -n +2 | awk '{
		n = NF; label = $1; for (i = 2; i <= n - 9; i++) label = label " " $i
		printf "| `%s` | %s | %s | %s (%s) | %s (%s) |\n", label, $(n-5), $(n-4), $(n-3), $(n-2), $(n-1), $n }'
	echo
	echo "Time on a 10 MB text / on its first 1 MB: $LIN."
	echo "Cancelled by statement_timeout = 200ms on a 100 MB text: $CANCEL."
	echo "Memory contexts after 1,000 and after $ROWS rows: $M1 and $M2 bytes ($MEMV)."
	echo "$FIRST_NOTE."
	[ -z "$TARGET_NOTE" ] || echo "Targets, net × \`lower()\` over the same table in $PAIRS paired runs: $TARGET_NOTE."
	[ -z "$VOCAB_NOTE" ] || echo "A large vocabulary, $VROWS messages, net × \`lower()\` in $PAIRS paired runs: $VOCAB_NOTE."
	[ -z "$MARKERS_NOTE" ] || echo "$MARKERS_NOTE"
}
echo
loadnote "at the end"
echo "   lower(body) per row: $lowus us; total time $((SECONDS - T0)) s"
