#!/usr/bin/env bash
# Compare the engine of the working tree with the engine of another commit,
# text by text: every score at full precision, every explanation row, every
# marker and every field of every empathy score must be byte-identical.  For
# changes meant to make the engine faster without changing what it says.
#
#   bash test/tools/same_scores.sh REV TEXTS [TRIPLES]
#
# REV      a commit (the engine before the change), e.g. HEAD~3 or main
# TEXTS    a file of texts, one per line (customer messages, replies, the
#          text column of a GoEmotions split: cut -f1 train.tsv)
# TRIPLES  optional: lines of reply<TAB>customer message<TAB>customer name
#
# Builds test/tools/emp_cli with the engine of REV (in a temporary git
# worktree) and with the working tree's, both from the working tree's
# emp_cli.c so that only the engines differ (REV's own emp_cli.c if the
# working tree's does not build against REV's engine), runs both with
# --exact --explain on TEXTS and --replies on TRIPLES, and prints
# "identical" or the first differences.  Exit status 0 when identical, 1
# when not, 2 on a usage error.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	sed -n '7,12p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
fi
REV=$1
TEXTS=$2
TRIPLES=${3:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
for f in "$TEXTS" ${TRIPLES:+"$TRIPLES"}; do
	[ -r "$f" ] || { echo "same_scores.sh: cannot read \"$f\"" >&2; exit 2; }
done
git -C "$ROOT" rev-parse --verify -q "$REV^{commit}" >/dev/null ||
	{ echo "same_scores.sh: \"$REV\" is not a commit" >&2; exit 2; }

WORK=$(mktemp -d)
cleanup() {
	git -C "$ROOT" worktree remove --force "$WORK/before" >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

git -C "$ROOT" worktree add -q --detach "$WORK/before" "$REV"
make -s -C "$ROOT" test/tools/emp_cli >/dev/null
cp "$WORK/before/test/tools/emp_cli.c" "$WORK/emp_cli.c.rev"
cp "$ROOT/test/tools/emp_cli.c" "$WORK/before/test/tools/emp_cli.c"
if ! make -s -C "$WORK/before" test/tools/emp_cli >/dev/null 2>&1; then
	echo "(the working tree's emp_cli.c does not build against $REV's engine: using $REV's own)"
	cp "$WORK/emp_cli.c.rev" "$WORK/before/test/tools/emp_cli.c"
	make -s -C "$WORK/before" test/tools/emp_cli >/dev/null
	grep -q -- '--exact' "$WORK/before/test/tools/emp_cli.c" ||
		{ echo "same_scores.sh: emp_cli at $REV has no --exact mode" >&2; exit 2; }
fi

status=0
compare() {
	local what=$1 input=$2
	shift 2
	"$WORK/before/test/tools/emp_cli" "$@" < "$input" > "$WORK/before.out"
	"$ROOT/test/tools/emp_cli" "$@" < "$input" > "$WORK/after.out"
	if cmp -s "$WORK/before.out" "$WORK/after.out"; then
		printf '%-28s %9d lines in, %10d lines out: identical\n' "$what" \
			"$(wc -l < "$input")" "$(wc -l < "$WORK/after.out")"
	else
		printf '%-28s DIFFERENT; the first differences:\n' "$what"
		diff "$WORK/before.out" "$WORK/after.out" | head -20 || true
		status=1
	fi
}
compare "texts (--exact --explain)" "$TEXTS" --exact --explain
[ -n "$TRIPLES" ] && compare "triples (--replies)" "$TRIPLES" --replies
exit $status
