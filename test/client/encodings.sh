#!/usr/bin/env bash
# Scoring in LATIN1 and SQL_ASCII databases (run by test/check.sh against its
# cluster: PGHOST/PGPORT/PGUSER are set).  Prints "ok N - ..." lines.
set -u
export PGCLIENTENCODING=UTF8
n=0; bad=0
check() { n=$((n + 1)); if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1 (got '$2', want '$3')"; bad=1; fi; }
q() { psql -XAtq -d "$1" -c "$2" 2>&1; }

psql -Xq -c "DROP DATABASE IF EXISTS enc_latin1" -c "DROP DATABASE IF EXISTS enc_ascii" >/dev/null 2>&1
psql -Xq -c "CREATE DATABASE enc_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" >/dev/null
psql -Xq -c "CREATE DATABASE enc_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" >/dev/null
for db in enc_latin1 enc_ascii postgres; do q $db "CREATE EXTENSION IF NOT EXISTS empathy" >/dev/null; done

utf=$(q postgres "SELECT round(empathy.sentiment('Très déçu, I am not happy at all')::numeric, 4)")
lat=$(q enc_latin1 "SELECT round(empathy.sentiment('Très déçu, I am not happy at all')::numeric, 4)")
check "LATIN1 text is converted and scores as in UTF-8" "$lat" "$utf"
pos=$(q enc_latin1 "SELECT position FROM empathy.explain('Déçu. I am happy') WHERE token = 'happy' LIMIT 1")
check "LATIN1 explain positions count characters" "$pos" "12"
tok=$(q enc_latin1 "SELECT token FROM empathy.explain('très frustrated') WHERE rule = 'lexicon' LIMIT 1")
check "LATIN1 explain tokens come back in the database encoding" "$tok" "frustrated"
asc=$(q enc_ascii "SELECT empathy.sentiment('I am not happy') = $(q postgres "SELECT empathy.sentiment('I am not happy')")")
check "SQL_ASCII scores plain ASCII as UTF-8 does" "$asc" "t"
inv=$(q enc_ascii "SELECT empathy.sentiment(convert_from('\\x616e67727920ff20616e677279'::bytea, 'SQL_ASCII')) < 0")
check "SQL_ASCII: bytes that are not UTF-8 separate words" "$inv" "t"
emo=$(q enc_ascii "SELECT empathy.sentiment('😡😡') < 0")
check "SQL_ASCII: UTF-8 emoji bytes still score" "$emo" "t"
psql -Xq -c "DROP DATABASE enc_latin1" -c "DROP DATABASE enc_ascii" >/dev/null
exit $bad
