#!/usr/bin/env bash
# Compare two builds of the library in SQL: each function's cost per row, net
# of the scan, over lower()'s on the same rows, the two libraries taking turns
# on one throwaway cluster pinned to one CPU.
#
#   bash test/tools/ab_builds.sh A B     A, B: a git revision, or a built empathy.so
#   bash test/tools/ab_builds.sh HEAD~1 HEAD
#
# Settings (environment): AB_ROUNDS (default 8), AB_ROWS (messages and
# replies, default 200000), AB_CPU (the CPU the server is pinned to, default
# 0), PG_CONFIG.
#
# A round starts one session per build, in turn, the order alternating from
# round to round.  A session loads its library, then times three times over,
# with EXPLAIN (ANALYZE, TIMING OFF), a bare scan, lower() and each function
# over the benchmark's messages and replies (test/bench/*.sql), and takes
# each function's net ratio to lower(): (function - scan) / (lower - scan).
# Printed: each build's median ratio per function over every run, its
# quartiles, and B's median over A's.  The same build on both sides gives
# medians within about 1% of each other; timing builds one after the other,
# each in a run of the benchmark, moves the medians by 5% or more.
#
# The SQL objects are the working tree's, built and installed first; both
# libraries must have its functions.  A library is put in place by renaming
# a copy over the installed file, never by writing into it (a backend that
# has the library mapped keeps its own), and the working tree's is put back
# at the end.  Meanwhile the installed library changes every few seconds:
# a new session of any other cluster of the same PostgreSQL installation
# loads whichever build is in place, so run nothing else on it.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$EMP_ROOT"

if [ $# -ne 2 ]; then
	echo "usage: ab_builds.sh A B (each a git revision or a built empathy.so)" >&2
	exit 2
fi
ROUNDS=${AB_ROUNDS:-8}
ROWS=${AB_ROWS:-200000}
for v in ROUNDS ROWS; do
	if ! [[ ${!v} =~ ^[1-9][0-9]*$ ]]; then
		echo "ab_builds.sh: AB_$v must be a positive integer, not \"${!v}\"" >&2
		exit 2
	fi
done
if [ "$ROWS" -lt 1000 ]; then
	echo "ab_builds.sh: AB_ROWS must be at least 1000" >&2
	exit 2
fi
export EMP_SERVER_CPU=${AB_CPU:-0}
if ! [[ $EMP_SERVER_CPU =~ ^[0-9]+$ ]] || [ "$EMP_SERVER_CPU" -ge "$(nproc)" ]; then
	echo "ab_builds.sh: AB_CPU must be a CPU number below $(nproc), not \"$EMP_SERVER_CPU\"" >&2
	exit 2
fi
export EMP_SERVER_OPTS="-c shared_buffers=1GB"
export PGOPTIONS="-c max_parallel_workers_per_gather=0 -c jit=off"

WORK=$(mktemp -d /tmp/empathy-ab.XXXXXX)
PGC=$(emp_pg_config)
LIBDIR=$("$PGC" --pkglibdir)

# A library of each side in $WORK/lib_a.so, lib_b.so: a file as it is, a
# revision built in a copy of its tree.
get_lib() {
	local arg=$1 side=$2 rev
	if [ -f "$arg" ]; then
		cp "$arg" "$WORK/lib_$side.so"
		echo "   $side: the library $arg"
		return
	fi
	if ! rev=$(git -C "$EMP_ROOT" rev-parse --verify --quiet "$arg^{commit}"); then
		echo "ab_builds.sh: \"$arg\" is neither a file nor a git revision" >&2
		exit 2
	fi
	mkdir "$WORK/src_$side"
	git -C "$EMP_ROOT" archive "$rev" | tar -x -C "$WORK/src_$side"
	make -C "$WORK/src_$side" -s -j2 PG_CONFIG="$PGC" empathy.so >/dev/null
	cp "$WORK/src_$side/empathy.so" "$WORK/lib_$side.so"
	echo "   $side: revision $arg ($(git -C "$EMP_ROOT" log -1 --format='%h %s' "$rev"))"
}

# Put a library in place by renaming a copy over the installed one.
use_lib() {
	cp "$1" "$LIBDIR/.empathy.so.ab.$$"
	mv -f "$LIBDIR/.empathy.so.ab.$$" "$LIBDIR/empathy.so"
}

emp_install_packages
emp_build_install
cp "$LIBDIR/empathy.so" "$WORK/installed.so"
cleanup() {
	use_lib "$WORK/installed.so" 2>/dev/null || true
	rm -f "$LIBDIR/.empathy.so.ab.$$"
	emp_stop_cluster
	rm -rf "$WORK"
}
trap cleanup EXIT

say "the two libraries"
get_lib "$1" a
get_lib "$2" b
emp_start_cluster
trap cleanup EXIT
BINDIR=$("$PGC" --bindir)
psql_() { "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

say "generating $ROWS messages and replies (test/bench/*.sql)"
psql_ -c "CREATE EXTENSION empathy"
psql_ -v rows="$ROWS" -v seed=0.42 -f test/bench/messages.sql
psql_ -v seed=0.42 -f test/bench/replies.sql

# label|expression|table: a bare scan, lower(), then the functions, per table
EXPRS=(
	"scan|body|bench_msg"
	"lower|lower(body)|bench_msg"
	"empathy.sentiment(body)|empathy.sentiment(body)|bench_msg"
	"empathy.emotions(body)|empathy.emotions(body)|bench_msg"
	"scan|reply|bench_reply"
	"lower|lower(reply)|bench_reply"
	"empathy.markers(reply)|empathy.markers(reply)|bench_reply"
	"empathy.empathy_score(reply)|empathy.empathy_score(reply)|bench_reply"
	"empathy.empathy_score(reply, body, name)|empathy.empathy_score(reply, body, name)|bench_reply"
)
RUNS=3
RATIOS="$WORK/ratios"
: >"$RATIOS"

# One session: warm-up calls, then RUNS times every expression; appends
# "side<TAB>ratio<TAB>label" lines.
session() {
	local side=$1
	{
		echo "SELECT empathy.sentiment('warm up'), empathy.emotions('warm up'), empathy.markers('I am sorry'),
			empathy.empathy_score('I am sorry', 'late again', 'Ann');"
		for _ in $(seq "$RUNS"); do
			for e in "${EXPRS[@]}"; do
				IFS='|' read -r _ expr table <<<"$e"
				echo "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT $expr FROM $table;"
			done
		done
	} | LC_ALL=C psql_ -At | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' >"$WORK/times"
	if [ "$(wc -l <"$WORK/times")" -ne $((RUNS * ${#EXPRS[@]})) ]; then
		echo "ab_builds.sh: a session of build $side did not time every expression" >&2
		exit 1
	fi
	local labels; labels=$(printf '%s\n' "${EXPRS[@]}" | cut -d'|' -f1 | paste -sd'|')
	awk -v side="$side" -v labels="$labels" -v n="${#EXPRS[@]}" '
		BEGIN { split(labels, lab, "|") }
		{ i = (NR - 1) % n + 1; t[i] = $1 }
		i == n {
			for (k = 1; k <= n; k++) {
				if (lab[k] == "scan") { scan = t[k]; continue }
				if (lab[k] == "lower") { low = t[k]; continue }
				if (low > scan) printf "%s\t%.4f\t%s\n", side, (t[k] - scan) / (low - scan), lab[k]
			}
		}' "$WORK/times" >>"$RATIOS"
}

say "$ROUNDS rounds, one session per build each, $RUNS runs of each expression per session"
for r in $(seq "$ROUNDS"); do
	if [ $((r % 2)) = 1 ]; then order="a b"; else order="b a"; fi
	for side in $order; do
		use_lib "$WORK/lib_$side.so"
		session "$side"
	done
	printf '   round %d of %d done\n' "$r" "$ROUNDS"
done

# median and quartiles of the sorted values on standard input
stats() { sort -g | awk '{ v[NR] = $1 } END {
	printf "%.3f %.3f %.3f", v[int((NR + 1) / 2)] / 2 + v[int(NR / 2) + 1] / 2,
		v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)] }'; }

say "net ratio to lower() over the same rows: median [quartiles] of $((ROUNDS * RUNS)) runs per build"
printf '   %-42s %-22s %-22s %s\n' "expression" "A" "B" "B / A"
printf '%s\n' "${EXPRS[@]}" | cut -d'|' -f1 | grep -v -x -e scan -e lower | while read -r label; do
	read -r ma qa1 qa3 <<<"$(awk -F'\t' -v l="$label" '$1 == "a" && $3 == l { print $2 }' "$RATIOS" | stats)"
	read -r mb qb1 qb3 <<<"$(awk -F'\t' -v l="$label" '$1 == "b" && $3 == l { print $2 }' "$RATIOS" | stats)"
	printf '   %-42s %-22s %-22s %.3f\n' "$label" "$ma [$qa1 $qa3]" "$mb [$qb1 $qb3]" \
		"$(awk -v a="$ma" -v b="$mb" 'BEGIN { print b / a }')"
done
