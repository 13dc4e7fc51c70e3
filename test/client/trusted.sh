#!/usr/bin/env bash
# The extension is trusted: a role that is not a superuser, with CREATE on
# its database, installs it and uses and extends it.  Prints "ok N - ...".
set -u
export PGCLIENTENCODING=UTF8
n=0; bad=0
check() { n=$((n + 1)); if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1 (got '$2', want '$3')"; bad=1; fi; }
psql -Xq -c "DROP DATABASE IF EXISTS trusted_db" -c "DROP ROLE IF EXISTS app_owner" -c "DROP ROLE IF EXISTS app_reader" >/dev/null 2>&1
psql -Xq -c "CREATE ROLE app_owner LOGIN" -c "CREATE ROLE app_reader LOGIN" -c "CREATE DATABASE trusted_db OWNER app_owner" >/dev/null
as_owner() { psql -XAtq -U app_owner -d trusted_db -c "$1" 2>&1; }
as_reader() { psql -XAtq -U app_reader -d trusted_db -c "$1" 2>&1; }
check "a non-superuser database owner installs the extension" "$(as_owner "CREATE EXTENSION empathy; SELECT 'done'")" "done"
check "it scores" "$(as_owner "SELECT empathy.sentiment('I am not happy') < 0")" "t"
check "its owner adds a configuration and terms" \
	"$(as_owner "SELECT empathy.create_configuration('mine'); INSERT INTO empathy.config_terms VALUES ('mine', 'meh', 'disappointment', 2); SELECT empathy.dominant_emotion('mine', 'meh')")" $'\ndisappointment'
check "its owner adds a template" \
	"$(as_owner "INSERT INTO empathy.templates (name, emotion, intent, channel, language, body) VALUES ('mine', 'any', 'any', 'any', 'en', 'Hi {{ name | default: \"there\" }}!') RETURNING id >= 1000")" "t"
check "another role reads and scores" "$(as_reader "SELECT empathy.sentiment('mine', 'meh') < 0")" "t"
# the schema is the superuser's: its installer cannot rename it or add to it what the
# extension's functions, run by another role, would find by name
check "the superuser owns the schema" "$(as_owner "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'empathy'")" \
	"$(psql -XAtq -d trusted_db -c "SELECT rolname FROM pg_roles WHERE oid = 10")"
case "$(as_owner "ALTER SCHEMA empathy RENAME TO empathy_old")" in
	*"must be owner"*) r=denied ;; *) r=allowed ;; esac
check "the installer cannot rename the schema" "$r" "denied"
case "$(as_owner "CREATE FUNCTION empathy.sentiment(varchar) RETURNS float8 LANGUAGE sql RETURN 1")" in
	*"permission denied"*) r=denied ;; *) r=allowed ;; esac
check "the installer cannot add a function to the schema" "$r" "denied"
# nor install into a schema of its own made before, which may hold what it put there
psql -Xq -c "DROP DATABASE IF EXISTS trusted_pre" -c "CREATE DATABASE trusted_pre OWNER app_owner" >/dev/null 2>&1
case "$(psql -XAtq -U app_owner -d trusted_pre -c "CREATE SCHEMA empathy" -c "GRANT CREATE ON SCHEMA empathy TO PUBLIC" -c "CREATE EXTENSION empathy" 2>&1)" in
	*"belongs to a role that is not a superuser"*) r=refused ;; *) r=installed ;; esac
check "the installer cannot install into its own schema made before" "$r" "refused"
# nor keep CREATE on a schema it makes and grants in the installing transaction: only the
# owner keeps CREATE, whoever it was granted to (grants of USAGE stay)
psql -Xq -c "DROP DATABASE trusted_pre" >/dev/null 2>&1
psql -Xq -c "CREATE DATABASE trusted_pre OWNER app_owner" >/dev/null 2>&1
r=$(psql -XAtq -U app_owner -d trusted_pre -1 -c "CREATE SCHEMA empathy" \
	-c "GRANT CREATE ON SCHEMA empathy TO PUBLIC" \
	-c "GRANT USAGE, CREATE ON SCHEMA empathy TO app_reader WITH GRANT OPTION" -c "CREATE EXTENSION empathy" 2>&1)
check "the installer's schema made in the installing transaction is taken" "$r" ""
check "no role but the owner keeps CREATE on it" \
	"$(psql -XAtq -U app_owner -d trusted_pre -c "SELECT count(*) FROM pg_namespace n, aclexplode(n.nspacl) a WHERE n.nspname = 'empathy' AND a.privilege_type = 'CREATE' AND a.grantee <> n.nspowner")" "0"
check "grants of USAGE stay" \
	"$(psql -XAtq -U app_owner -d trusted_pre -c "SELECT has_schema_privilege('app_reader', 'empathy', 'USAGE WITH GRANT OPTION'), has_schema_privilege('public', 'empathy', 'USAGE')")" "t|t"
case "$(psql -XAtq -U app_owner -d trusted_pre -c "CREATE FUNCTION empathy.sentiment(varchar) RETURNS float8 LANGUAGE sql RETURN 1" 2>&1)" in
	*"permission denied"*) r=denied ;; *) r=allowed ;; esac
check "the installer cannot add a function to the schema it granted CREATE on" "$r" "denied"
case "$(psql -XAtq -U app_reader -d trusted_pre -c "CREATE FUNCTION empathy.sentiment(varchar) RETURNS float8 LANGUAGE sql RETURN 1" 2>&1)" in
	*"permission denied"*) r=denied ;; *) r=allowed ;; esac
check "nor can the role it granted CREATE to" "$r" "denied"
psql -Xq -c "DROP DATABASE trusted_pre" >/dev/null 2>&1
case "$(as_reader "INSERT INTO empathy.config_terms VALUES ('mine', 'bah', 'anger', 1)")" in
	*"permission denied"*) r=denied ;; *) r=allowed ;; esac
check "another role cannot change the configuration" "$r" "denied"
check "its owner sets a model constant of the configuration" \
	"$(as_owner "INSERT INTO empathy.config_model VALUES ('mine', 'threshold.disappointment', 0.99); SELECT empathy.dominant_emotion('mine', 'meh')")" "neutral"
case "$(as_reader "INSERT INTO empathy.config_model VALUES ('mine', 'sentiment_scale', 1)")" in
	*"permission denied"*) r=denied ;; *) r=allowed ;; esac
check "another role cannot change the model constants" "$r" "denied"
# pg_dump keeps the user configuration, its terms and its model constants; without owners
# (-O), since the dump would make the schema the superuser's, which only a superuser can do;
# restored in one transaction (-1), so that the schema it creates is the installation's
dump_err=$(mktemp)
dump=$(pg_dump -O -U app_owner -d trusted_db 2>"$dump_err")
check "the owner's pg_dump prints nothing on stderr" "$(cat "$dump_err")" ""
rm -f "$dump_err"
case "$dump" in
	*"threshold.disappointment"*"0.99"*) r=dumped ;; *) r=missing ;; esac
check "pg_dump writes the configuration's model constants" "$r" "dumped"
case "$dump" in
	*"mine"*"meh"*"disappointment"*) r=dumped ;; *) r=missing ;; esac
check "pg_dump writes the configuration's terms" "$r" "dumped"
# and the owner restores it into a new database of theirs
psql -Xq -c "DROP DATABASE IF EXISTS trusted_copy" -c "CREATE DATABASE trusted_copy OWNER app_owner" >/dev/null 2>&1
restore=$(echo "$dump" | psql -XAtq -1 -U app_owner -d trusted_copy -v ON_ERROR_STOP=1 2>&1 >/dev/null)
check "the dump restores without error" "$restore" ""
check "the restored configuration scores as before" \
	"$(psql -XAtq -U app_owner -d trusted_copy -c "SELECT empathy.dominant_emotion('mine', 'meh'), empathy.sentiment('mine', 'meh') < 0" 2>&1)" "neutral|t"
psql -Xq -c "DROP DATABASE trusted_copy" >/dev/null 2>&1
psql -Xq -c "DROP DATABASE trusted_db" -c "DROP ROLE app_owner" -c "DROP ROLE app_reader" >/dev/null 2>&1
exit $bad
