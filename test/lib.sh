# Shared set-up for test/check.sh, test/demo.sh and the benchmarks:
# install what is missing, build and install the extension, and run a
# throwaway PostgreSQL cluster owned by the postgres user.
# shellcheck shell=bash

EMP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_MAJOR=${PG_MAJOR:-15}
EMP_PACKAGES="postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR postgresql-$PG_MAJOR-pgtap \
libtap-parser-sourcehandler-pgtap-perl libicu-dev libstemmer-dev pkg-config make gcc clang-14 \
libclang-rt-14-dev chromium python3 ${EMP_EXTRA_PACKAGES:-}"

say() { printf '\n== %s\n' "$*"; }

# Install the Debian packages that are not there yet (needs root).
emp_install_packages() {
	local missing="" p
	for p in $EMP_PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	say "installing:$missing"
	if [ "$(id -u)" != 0 ]; then
		echo "missing packages:$missing; run as root, or install them first" >&2
		return 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

emp_pg_config() {
	if [ -n "${PG_CONFIG:-}" ]; then echo "$PG_CONFIG"; else echo "/usr/lib/postgresql/$PG_MAJOR/bin/pg_config"; fi
}

# Build and install the extension into the server found by pg_config.
emp_build_install() {
	local pgc; pgc=$(emp_pg_config)
	say "building and installing the extension"
	make -C "$EMP_ROOT" -s -j2 PG_CONFIG="$pgc" >/dev/null
	make -C "$EMP_ROOT" -s PG_CONFIG="$pgc" install >/dev/null
}

# Start a throwaway cluster; sets PGHOST, PGPORT, PGUSER and EMP_CLUSTER.
emp_start_cluster() {
	local bindir; bindir=$("$(emp_pg_config)" --bindir)
	EMP_CLUSTER=$(mktemp -d /tmp/empathy-cluster.XXXXXX)
	chmod 755 "$EMP_CLUSTER"
	export PGPORT=${EMP_PORT:-$((20000 + RANDOM % 20000))}
	export PGHOST=$EMP_CLUSTER PGUSER=postgres PGDATABASE=postgres
	local as=""
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$EMP_CLUSTER"
		as="runuser -u postgres --"
	else
		export PGUSER=$(id -un)
	fi
	$as "$bindir/initdb" -D "$EMP_CLUSTER/data" -U "$PGUSER" -E UTF8 --locale=C.UTF-8 -A trust >/dev/null
	# EMP_SERVER_CPU: pin the server (and so every backend) to that CPU
	if [ -n "${EMP_SERVER_CPU:-}" ] && command -v taskset >/dev/null; then
		as="taskset -c $EMP_SERVER_CPU $as"
	fi
	$as "$bindir/pg_ctl" -D "$EMP_CLUSTER/data" -l "$EMP_CLUSTER/server.log" -w \
		-o "-k $EMP_CLUSTER -c listen_addresses='' -p $PGPORT -c fsync=off ${EMP_SERVER_OPTS:-}" start >/dev/null
	EMP_STOP="$as $bindir/pg_ctl -D $EMP_CLUSTER/data -m immediate stop"
	trap emp_stop_cluster EXIT
}

emp_stop_cluster() {
	if [ -n "${EMP_STOP:-}" ]; then
		$EMP_STOP >/dev/null 2>&1 || true
		EMP_STOP=""
		[ -n "${EMP_KEEP_CLUSTER:-}" ] || rm -rf "$EMP_CLUSTER"
	fi
}
