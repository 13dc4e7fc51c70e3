#!/bin/sh
# Generate sql/parts/46_templates_data.sql from data/templates.tsv: one
# INSERT of the built-in starter templates into empathy.templates, and the
# trigger that keeps them read-only (created after the rows go in).
#
# usage: sh test/tools/templates_sql.sh [data/templates.tsv] > sql/parts/46_templates_data.sql
set -eu
tsv=${1:-data/templates.tsv}
[ -r "$tsv" ] || { echo "templates_sql.sh: cannot read $tsv" >&2; exit 1; }
awk -F '\t' '
function q(s) { gsub(/\047/, "\047\047", s); gsub(/\\n/, "\n", s); return "\047" s "\047" }
BEGIN {
	print "-- Generated from data/templates.tsv by test/tools/templates_sql.sh; do not edit."
	print "-- The built-in starter templates (builtin = true: not dumped, read-only)."
	print ""
	print "INSERT INTO @extschema@.templates (id, name, emotion, intent, channel, language, body, builtin) VALUES"
	n = 0
}
/^#/ || /^[ \t]*$/ { next }
$1 == "id" { next }
{
	if (NF != 7) { printf "templates_sql.sh: line %d has %d columns, not 7\n", NR, NF > "/dev/stderr"; bad = 1; exit 1 }
	if ($1 !~ /^[0-9]+$/ || $1 + 0 >= 1000) { printf "templates_sql.sh: line %d: id must be below 1000\n", NR > "/dev/stderr"; bad = 1; exit 1 }
	if (n++) printf ",\n"
	printf "\t(%d, %s, %s, %s, %s, %s, %s, true)", $1, q($2), q($3), q($4), q($5), q($6), q($7)
}
END {
	if (bad) exit 1
	print ";"
	print ""
	print "CREATE TRIGGER templates_protect BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.templates"
	print "\tFOR EACH ROW EXECUTE FUNCTION @extschema@.templates_protect();"
	print "CREATE TRIGGER templates_protect_truncate BEFORE TRUNCATE ON @extschema@.templates"
	print "\tFOR EACH STATEMENT EXECUTE FUNCTION @extschema@.templates_protect();"
	print "COMMENT ON TRIGGER templates_protect ON @extschema@.templates IS \047built-in templates are read-only; channel, emotion, intent and language folded to the case lookups read, an unknown channel or emotion named\047;"
	print "COMMENT ON TRIGGER templates_protect_truncate ON @extschema@.templates IS \047TRUNCATE would remove the built-in templates: refused\047;"
}' "$tsv"
