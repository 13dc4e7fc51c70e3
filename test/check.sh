#!/usr/bin/env bash
# Run every test of the extension: engine unit tests (no server), a check
# of the data files (phrase catalogue, labelled replies), the
# pg_regress suite, the pgTAP suite, the shell-level client tests and a
# short fuzz run.  Installs what is missing, builds, installs, and uses a
# throwaway cluster.  Ends with one line "N passed, N failed".
#
#   bash test/check.sh            everything
#   FUZZ_SECONDS=300 bash test/check.sh   a longer fuzz run
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$EMP_ROOT"

passed=0; failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); echo "   $3: $1 passed, $2 failed"; }

emp_install_packages || { echo "0 passed, 1 failed"; exit 1; }
if ! emp_build_install; then
	echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

say "engine unit tests (ASan, UBSan)"
make -s unit PG_CONFIG="$(emp_pg_config)" > /tmp/empathy-unit.log 2>&1
cat /tmp/empathy-unit.log | grep -v '^ok ' || true
u_ok=$(grep -c '^ok ' /tmp/empathy-unit.log); u_bad=$(grep -c '^not ok ' /tmp/empathy-unit.log)
if ! grep -q '^ok ' /tmp/empathy-unit.log && ! grep -q '^not ok' /tmp/empathy-unit.log; then u_bad=1; fi
count "$u_ok" "$u_bad" "unit"

say "data files (phrase catalogue, labelled replies)"
if python3 test/check_empathy_data.py > /tmp/empathy-data.log 2>&1; then
	count 1 0 "data check"
else
	grep '^error' /tmp/empathy-data.log | head -20; count 0 1 "data check"
fi

say "built-in templates: the install script's rows are data/templates.tsv's"
if sh test/tools/templates_sql.sh | cmp -s - sql/parts/46_templates_data.sql; then
	count 1 0 "templates data"
else
	echo "sql/parts/46_templates_data.sql differs from what test/tools/templates_sql.sh makes of data/templates.tsv"
	count 0 1 "templates data"
fi

emp_start_cluster

say "pg_regress"
make -s installcheck PG_CONFIG="$(emp_pg_config)" > /tmp/empathy-regress.log 2>&1
grep -E '^(ok|not ok|test |     )' /tmp/empathy-regress.log | grep -vE '^ok ' | grep -E 'FAILED|failed|not ok' || true
r_ok=$(grep -cE '^(ok [0-9]+|test .* \.\.\. ok)' /tmp/empathy-regress.log)
r_bad=$(grep -cE '(^not ok)|(\.\.\. FAILED)' /tmp/empathy-regress.log)
[ -f regression.diffs ] && head -200 regression.diffs
count "$r_ok" "$r_bad" "pg_regress"

say "pgTAP"
psql -qX -c "CREATE DATABASE empathy_tap" >/dev/null
psql -qX -d empathy_tap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION empathy" >/dev/null
pg_prove -d empathy_tap test/pgtap/*.sql > /tmp/empathy-tap.log 2>&1
grep -vE '\.\. ok$' /tmp/empathy-tap.log | head -60
t_total=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\).*/\1/p' /tmp/empathy-tap.log)
t_bad=$(grep -oE 'Failed [0-9]+/[0-9]+ subtests' /tmp/empathy-tap.log | awk '{split($2,a,"/"); s+=a[1]} END {print s+0}')
t_dubious=$(grep -c 'Dubious\|Parse errors\|No plan found' /tmp/empathy-tap.log)
t_total=${t_total:-0}
count "$((t_total - t_bad))" "$((t_bad + t_dubious))" "pgTAP"

for s in test/client/*.sh; do
	[ -f "$s" ] || continue
	say "client test $(basename "$s")"
	out=$(bash "$s" 2>&1); rc=$?
	echo "$out" | tail -20
	c_ok=$(echo "$out" | grep -c '^ok ')
	c_bad=$(echo "$out" | grep -c '^not ok ')
	[ $rc -ne 0 ] && [ "$c_bad" -eq 0 ] && c_bad=1
	count "$c_ok" "$c_bad" "$(basename "$s")"
done

say "fuzz (${FUZZ_SECONDS:-20} s per target)"
if make -s fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-20}" PG_CONFIG="$(emp_pg_config)" > /tmp/empathy-fuzz.log 2>&1; then
	n=$(ls test/fuzz/*_fuzz.c 2>/dev/null | wc -l); count "$n" 0 "fuzz targets"
	grep -h '^Done' /tmp/empathy-fuzz.log || true
else
	tail -40 /tmp/empathy-fuzz.log; count 0 1 "fuzz"
fi

emp_stop_cluster
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
