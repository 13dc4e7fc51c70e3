#!/usr/bin/env bash
# A database that uses the extension survives pg_dump and a restore: the
# demo CRM tagged by the trigger, its dashboard views, indexes on the
# scoring functions, and the user's own configurations (one derived from
# another), terms, model constants, marker phrases and templates.  pg_dump
# and the restores must print nothing on stderr, and the restored database
# must give the same rows and the same scores.  Needs a running server
# (PGHOST, PGPORT, PGUSER) with the extension installed.  Prints one
# "ok N - ..." or "not ok N - ..." line per check.
set -uo pipefail
export PGCLIENTENCODING=UTF8
root=$(cd "$(dirname "$0")/../.." && pwd)
src=empathy_dump_src
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0; bad=0
check() {	# check DESCRIPTION GOT WANT
	n=$((n + 1))
	if [ "$2" = "$3" ]; then echo "ok $n - $1"
	else echo "not ok $n - $1"; printf '  got:  %s\n  want: %s\n' "$2" "$3" | head -20; bad=$((bad + 1)); fi
}
q() { local db=$1; shift; psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 "$@" 2>&1; }
for db in $src empathy_dump_custom empathy_dump_parallel empathy_dump_plain empathy_dump_inserts; do
	psql -X -q -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
done
psql -X -q -c "CREATE DATABASE $src" >/dev/null

# The source database: the demo CRM, tagged as it is loaded, with its dashboard.
q $src -c "CREATE EXTENSION empathy" >/dev/null
q $src -c "SET client_min_messages = warning" -f "$root/data/demo/schema.sql" -f "$root/data/demo/tagging.sql" \
	-f "$root/data/demo/generate.sql" -f "$root/data/demo/contract.sql" -f "$root/data/demo/contract_tagged.sql" >/dev/null
q $src -c "SELECT count(*) FROM empathy.create_dashboard('demo.interactions', 'demo.survey_results', 'dashboard',
	baseline_end => '2024-03-04 00:00+00')" >/dev/null
# The user's own configurations: 'retail' first, then 'retail_eu' derived from
# it, then 'retail' changed, so that its row now lies after its child's.
setup=$(q $src <<'SQL'
SELECT empathy.create_configuration('retail', 'english', 'our shop''s words');
SELECT empathy.create_configuration('retail_eu', 'retail');
UPDATE empathy.configurations SET description = 'our shop''s words, revised' WHERE name = 'retail';
INSERT INTO empathy.config_terms VALUES ('retail', 'porch pirate', 'anger', 2.5), ('retail', 'porch pirate', 'sentiment', -2),
	('retail_eu', 'déçu', 'disappointment', 2), ('retail_eu', '📦💥', 'frustration', 1.5), ('retail', 'hella', 'booster', 1.8);
INSERT INTO empathy.config_model VALUES ('retail', 'threshold.anger', 0.2), ('retail_eu', 'sentiment_scale', 2.5);
INSERT INTO empathy.config_markers VALUES ('retail', 'apology', 2, 'so sorry about the porch pirates'),
	('retail_eu', 'reassurance', 1, 'your parcel is insured');
INSERT INTO empathy.templates (name, emotion, body) VALUES ('parcel stolen', 'anger',
	'Hi {{ name | default: "there" }}, I am so sorry about {{ concern }}. A new parcel leaves today.');
CREATE INDEX messages_markers ON demo.messages USING gin (empathy.markers(body));
CREATE INDEX messages_sentiment ON demo.messages (empathy.sentiment(body));
CREATE TABLE demo.profiles AS
	SELECT channel, empathy.avg(empathy.emotions(body)) AS mean_emotions, empathy.nps(nps) AS nps
	FROM demo.interactions i LEFT JOIN demo.survey_results s USING (conversation_id)
	WHERE role = 'customer' GROUP BY channel;
SQL
)
check "the source database is set up" "$(echo "$setup" | grep -c 'ERROR')" "0"

# What must come back: every user row, the tagged messages, the views' rows,
# and scores under the user configurations.
fingerprint() {
	q "$1" <<'SQL'
SELECT 'configurations', md5(string_agg(format('%s/%s/%s', name, parent, description), ',' ORDER BY name)) FROM empathy.configurations;
SELECT 'terms', md5(string_agg(t::text, ',' ORDER BY t::text)) FROM empathy.config_terms t;
SELECT 'model', md5(string_agg(t::text, ',' ORDER BY t::text)) FROM empathy.config_model t;
SELECT 'markers', md5(string_agg(t::text, ',' ORDER BY t::text)) FROM empathy.config_markers t;
SELECT 'templates', count(*), md5(string_agg(t::text, ',' ORDER BY id)) FROM empathy.templates t;
SELECT 'template ids', last_value, is_called FROM empathy.templates_id_seq;
SELECT 'messages', count(*), md5(string_agg(t::text, ',' ORDER BY message_id)) FROM demo.messages t;
SELECT 'profiles', md5(string_agg(t::text, ',' ORDER BY channel)) FROM demo.profiles t;
SELECT 'kpi_by_agent', md5(string_agg(t::text, ',' ORDER BY t::text)) FROM dashboard.kpi_by_agent t;
SELECT 'kpi_by_week', md5(string_agg(t::text, ',' ORDER BY t::text)) FROM dashboard.kpi_by_week t;
SELECT 'empathy_by_agent', md5(string_agg(t::text, ',' ORDER BY t::text)) FROM dashboard.empathy_by_agent t;
SELECT 'scores', empathy.emotions('retail', 'A porch pirate took it, hella annoyed'),
	empathy.sentiment('retail_eu', 'Très déçu 📦💥'),
	empathy.markers('retail_eu', 'So sorry about the porch pirates, your parcel is insured.');
SET enable_seqscan = off;
SELECT 'apologies found by the index', count(*) FROM demo.messages WHERE body OPERATOR(empathy.@>>) 'apology';
EXPLAIN (COSTS OFF) SELECT count(*) FROM demo.messages WHERE body OPERATOR(empathy.@>>) 'apology';
SQL
}
before=$(fingerprint $src)
check "the source database answers every question" "$(echo "$before" | grep -c 'ERROR')" "0"

# Custom format, restored with pg_restore.
pg_dump -Fc -d $src -f "$work/db.dump" 2>"$work/dump.err"
check "pg_dump -Fc exits 0 and prints nothing on stderr" "$?:$(cat "$work/dump.err")" "0:"
psql -X -q -c "CREATE DATABASE empathy_dump_custom" >/dev/null
pg_restore --exit-on-error -d empathy_dump_custom "$work/db.dump" 2>"$work/restore.err"
check "pg_restore exits 0 and prints nothing on stderr" "$?:$(cat "$work/restore.err")" "0:"
check "the restored database gives the same rows and scores" "$(fingerprint empathy_dump_custom)" "$before"
check "new rows are tagged by the restored trigger" \
	"$(q empathy_dump_custom -c "INSERT INTO demo.messages (message_id, conversation_id, role, agent_id, sent_at, body)
		SELECT max(message_id) + 1, min(conversation_id), 'customer', NULL, now(), 'THIRD time asking, where is my refund?!'
		FROM demo.messages RETURNING emotions IS NOT NULL AND sentiment < 0")" "t"
check "a new user configuration derives from a restored one" \
	"$(q empathy_dump_custom -c "SELECT empathy.create_configuration('retail_uk', 'retail_eu')" \
		-c "SELECT empathy.sentiment('retail_uk', 'déçu') = empathy.sentiment('retail_eu', 'déçu')")" $'\nt'

# A parallel restore in the README's three steps: the schema, the rows of empathy's tables,
# then the rest in parallel.
restore_in_steps() {	# restore_in_steps DUMP DB
	pg_restore --section=pre-data --exit-on-error -d "$2" "$1" 2>"$work/restore.err" &&
		pg_restore -a -n empathy --exit-on-error -d "$2" "$1" 2>>"$work/restore.err" &&
		pg_restore -l "$1" | grep -v ' TABLE DATA empathy ' >"$work/steps.list" &&
		pg_restore -j 4 --exit-on-error -L "$work/steps.list" --section=data --section=post-data \
			-d "$2" "$1" 2>>"$work/restore.err"
}
psql -X -q -c "DROP DATABASE IF EXISTS empathy_dump_parallel" -c "CREATE DATABASE empathy_dump_parallel" >/dev/null 2>&1
restore_in_steps "$work/db.dump" empathy_dump_parallel
check "pg_restore in three steps, the last with -j 4, exits 0 with nothing on stderr" "$?:$(cat "$work/restore.err")" "0:"
check "the parallel restore gives the same rows and scores" "$(fingerprint empathy_dump_parallel)" "$before"

# Plain format, restored with psql.
pg_dump -d $src -f "$work/db.sql" 2>"$work/dump.err"
check "pg_dump (plain) exits 0 and prints nothing on stderr" "$?:$(cat "$work/dump.err")" "0:"
psql -X -q -c "CREATE DATABASE empathy_dump_plain" >/dev/null
psql -X -q -d empathy_dump_plain -v ON_ERROR_STOP=1 -f "$work/db.sql" >/dev/null 2>"$work/restore.err"
check "psql restores the plain dump, with nothing on stderr" "$?:$(cat "$work/restore.err")" "0:"
check "the plain restore gives the same rows and scores" "$(fingerprint empathy_dump_plain)" "$before"

# A dump made with --inserts lists 'retail_eu' before its parent 'retail' (one row per
# statement): restored in one transaction with the parent check deferred (README).
pg_dump --inserts -d $src -f "$work/inserts.sql" 2>"$work/dump.err"
check "pg_dump --inserts exits 0 and prints nothing on stderr" "$?:$(cat "$work/dump.err")" "0:"
check "the --inserts dump lists the derived configuration first" \
	"$(grep -n "INSERT INTO empathy.configurations" "$work/inserts.sql" | sed -n 's/.*VALUES (.\([a-z_]*\).*/\1/p' | paste -sd,)" "retail_eu,retail"
psql -X -q -c "CREATE DATABASE empathy_dump_inserts" >/dev/null
psql -X -q -d empathy_dump_inserts -1 -v ON_ERROR_STOP=1 -c "SET CONSTRAINTS ALL DEFERRED" -f "$work/inserts.sql" \
	>/dev/null 2>"$work/restore.err"
check "psql -1 restores it after SET CONSTRAINTS ALL DEFERRED, with nothing on stderr" "$?:$(cat "$work/restore.err")" "0:"
check "the --inserts restore gives the same rows and scores" "$(fingerprint empathy_dump_inserts)" "$before"

# A data-only dump of the extension's tables alone (the user's rows) loads into
# a fresh installation.
pg_dump --data-only -d $src -n empathy -f "$work/config.sql" 2>"$work/dump.err"
check "pg_dump --data-only of the configuration tables prints nothing on stderr" "$?:$(cat "$work/dump.err")" "0:"
psql -X -q -c "DROP DATABASE empathy_dump_plain" -c "CREATE DATABASE empathy_dump_plain" >/dev/null
q empathy_dump_plain -c "CREATE EXTENSION empathy" >/dev/null
psql -X -q -d empathy_dump_plain -v ON_ERROR_STOP=1 -f "$work/config.sql" >/dev/null 2>"$work/restore.err"
check "the configuration rows load into a fresh installation" "$?:$(cat "$work/restore.err")" "0:"
check "and score as in the source database" \
	"$(q empathy_dump_plain -c "SELECT empathy.sentiment('retail_eu', 'Très déçu 📦💥'), empathy.emotions('retail', 'A porch pirate took it, hella annoyed')")" \
	"$(q $src -c "SELECT empathy.sentiment('retail_eu', 'Très déçu 📦💥'), empathy.emotions('retail', 'A porch pirate took it, hella annoyed')")"

# A table that scores with a user configuration as its rows load (a generated column over a
# function of the user's that names one, and an index on it), in a schema that sorts before
# empathy: a restore in one step loads its rows before the configurations' and they fail; in
# the README's steps, from a custom or a plain dump, every row and score comes back.
src2=empathy_dump_src2
for db in $src2 empathy_dump_steps empathy_dump_steps_plain; do
	psql -X -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
done
setup2=$(q $src2 <<'SQL'
CREATE EXTENSION empathy;
SELECT empathy.create_configuration('retail');
INSERT INTO empathy.config_terms VALUES ('retail', 'porch pirate', 'anger', 2.5), ('retail', 'porch pirate', 'sentiment', -2);
CREATE SCHEMA crm;
CREATE FUNCTION crm.retail_sentiment(t text) RETURNS float8 LANGUAGE sql IMMUTABLE
	AS $$ SELECT empathy.sentiment('retail', t) $$;
CREATE TABLE crm.notes (id int PRIMARY KEY, body text,
	sentiment float8 GENERATED ALWAYS AS (crm.retail_sentiment(body)) STORED);
INSERT INTO crm.notes VALUES (1, 'A porch pirate took it'), (2, 'Arrived safely, thanks');
CREATE INDEX notes_sentiment ON crm.notes (crm.retail_sentiment(body));
SQL
)
check "a database with a table scored under a configuration is set up" "$(echo "$setup2" | grep -c 'ERROR')" "0"
notes() { q "$1" -c "SELECT count(*), md5(string_agg(t::text, ',' ORDER BY id)) FROM crm.notes t"; }
before2=$(notes $src2)
pg_dump -Fc -d $src2 -f "$work/db2.dump" 2>"$work/dump.err"
check "pg_dump -Fc of it exits 0 and prints nothing on stderr" "$?:$(cat "$work/dump.err")" "0:"
restore_in_steps "$work/db2.dump" empathy_dump_steps
check "its restore in three steps exits 0 with nothing on stderr" "$?:$(cat "$work/restore.err")" "0:"
check "and gives the same rows and scores" "$(notes empathy_dump_steps)" "$before2"
(pg_dump --section=pre-data -d $src2 && pg_dump -a -n empathy -d $src2 &&
	pg_dump --section=data --section=post-data -N empathy -d $src2) >"$work/db2.sql" 2>"$work/dump.err"
psql -X -q -d empathy_dump_steps_plain -1 -v ON_ERROR_STOP=1 -f "$work/db2.sql" >/dev/null 2>"$work/restore.err"
check "a plain dump written in those steps restores with nothing on stderr" "$?:$(cat "$work/dump.err")$(cat "$work/restore.err")" "0:"
check "and gives the same rows and scores" "$(notes empathy_dump_steps_plain)" "$before2"

for db in $src empathy_dump_custom empathy_dump_parallel empathy_dump_plain empathy_dump_inserts \
	$src2 empathy_dump_steps empathy_dump_steps_plain; do
	psql -X -q -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
done
exit $((bad > 0))
