#!/usr/bin/env bash
# A derived configuration is built from the configuration tables with a
# snapshot that all builds of one statement share; that snapshot goes when
# the statement ends, so that a session idle in an open transaction after
# building one does not hold back the cleanup of old rows (its
# backend_xmin stays empty, as after scoring with the built-in
# configuration).  Needs a running server (PGHOST, PGPORT, PGUSER) with the
# extension installed.  Prints one "ok N - ..." or "not ok N - ..." line per
# check.
set -uo pipefail
export PGCLIENTENCODING=UTF8
n=0; bad=0
check() { n=$((n + 1)); if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1 (got '$2', want '$3')"; bad=1; fi; }
db=empathy_snapshot
psql -Xq -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
psql -Xq -d "$db" -c "CREATE EXTENSION empathy" -c "SELECT empathy.create_configuration('snap')" \
	-c "INSERT INTO empathy.config_terms VALUES ('snap', 'zorp', 'anger', 2)" >/dev/null

# one session: a statement that builds the configuration, then idle in its
# transaction until told to commit (the fifo stays open until then)
fifo=$(mktemp -u /tmp/empathy-snapshot.XXXXXX)
mkfifo "$fifo"
psql -XAtq -d "$db" -v ON_ERROR_STOP=1 < "$fifo" > /dev/null 2>&1 &
reader=$!
exec 3> "$fifo"
idle_xmin() {
	local state=""
	for _ in $(seq 1 300); do
		state=$(psql -XAtq -d "$db" -c "SELECT backend_xmin IS NULL FROM pg_stat_activity
			WHERE datname = '$db' AND state = 'idle in transaction' AND query LIKE '%$1%'")
		[ -n "$state" ] && break
		sleep 0.1
	done
	echo "${state:-never idle}"
}
echo "BEGIN; SELECT empathy.sentiment('snap', 'zorp') /* built */;" >&3
check "idle in a transaction after building a configuration, the session holds no xmin" "$(idle_xmin built)" "t"
echo "SELECT empathy.markers('snap', 'I am so sorry') /* markers */;" >&3
check "nor after building its markers" "$(idle_xmin markers)" "t"
echo "SELECT empathy.sentiment('english', 'zorp') /* builtin */;" >&3
check "as after scoring with the built-in configuration" "$(idle_xmin builtin)" "t"
echo "COMMIT;" >&3
exec 3>&-
wait "$reader"
rm -f "$fifo"
psql -Xq -d postgres -c "DROP DATABASE $db" >/dev/null
exit $bad
