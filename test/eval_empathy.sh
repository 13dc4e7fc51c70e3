#!/usr/bin/env bash
# Evaluate empathy_score() against the labelled replies of
# data/empathy_eval.tsv (see data/empathy_eval.md).
#
#   bash test/eval_empathy.sh [FILE.tsv]
#
# Loads the file into a throwaway cluster, scores every reply through the
# extension and prints, separately for groups 1-123 (read while the marker
# catalogue was written), 124-146 (held out), 147-186 (written later,
# without looking at the scorer; evaluated once as written, then read) and
# 187-226 (written later still, the same way; held out), 227-266 and
# 267-306, 307-346 and 347-386 (each written the same way after that; evaluated once as written,
# then read), 387-426 (written the same way after that; evaluated once as written and held out),
# 427-466 (the same again, later; evaluated once as written, held out, then
# read), 467-506 (the same again, later still; evaluated once as written and
# held out), 507-546 (the same again; evaluated once as written, then read),
# 547-586 (the same again; evaluated once as written; only the messages
# whose 'needed' it got wrong were read), 587-626 (the same again;
# evaluated once as written and held out), 627-666 (the same again;
# evaluated once as written, then read), 667-706 (the same again;
# evaluated once as written and held out), 707-746 (the same again;
# evaluated once as written, then 707-726 read and 727-746 held out),
# 747-786 (the same again; evaluated once as written, then 747-766 read and
# 767-786 held out), 787-826 (the same again; evaluated once as written,
# then 787-806 read and 807-826 held out), 827-866 (the same again;
# evaluated once as written, then 827-846 read and 847-866 held out),
# 867-906 (the same again; evaluated once as written, then 867-886 read
# and 887-906 held out), 907-946 (the same again; evaluated once as
# written, then 907-926 read and 927-946 held out), 947-986 (the same
# again; evaluated once as written, then 947-966 read and 967-986
# held out), 987-1026 (the same again; evaluated once as written,
# then 987-1006 read and 1007-1026 held out), 1027-1066 (the same again;
# evaluated once as written, then 1027-1046 read and 1047-1066 held out),
# 1067-1106 (the same again; evaluated once as written, then 1067-1086
# read and 1087-1106 held out), 1107-1146 (the same again, last, from the
# guide that says how to label generic understanding; evaluated once as
# written and held out), 1147-1186 (the same again; evaluated once as
# written, then 1147-1166 read and 1167-1186 held out), 1187-1226 (the
# same again; evaluated once as written and held out), 1227-1266 (the
# same again; evaluated once as written, then 1227-1246 read and
# 1247-1266 held out), 1267-1306 (the same again; evaluated once as
# written and held out), 1307-1346 (the same again; evaluated once as
# written and held out, then 1307-1326 read and 1327-1346 held out),
# 1347-1386 (the same again; evaluated once as written and held out),
# 1387-1426 (the same again; evaluated once as written and held out),
# 1427-1466 (the same again; evaluated once, by the final scorer of its
# version, and held out), 1467-1506 (the same again; evaluated once, by
# the final scorer of its version, and held out), 1507-1546 (the same
# again; evaluated once, by the final scorer of its version, and held
# out), 1547-1586 (the same again; evaluated once, by the final scorer
# of its version, and held out), 1587-1626 (the same again; evaluated
# once, by the final scorer of its version, and held out), 1627-1666 (the
# same again; evaluated once, by the final scorer of its version, and held
# out), 1667-1706 (the same again; evaluated once, by the final scorer
# of its version, and held out), 1707-1746 (the same again; evaluated
# once, by the final scorer of its version, and held out), 1747-1786 (the
# same again; evaluated once, by the final scorer of its version, and held
# out), 1787-1826 (the same again; evaluated once, by the final scorer
# of its version, and held out), 1827-1866 (the same again, last;
# evaluated once, by the final scorer of its version, and held out), and
# for all groups:
#  - accuracy of the emotional_reaction, interpretation and exploration
#    levels (0/1/2) against the labels, and the share of always-0;
#  - accuracy of 'needed' per customer message;
#  - pairwise ranking accuracy: over every pair of replies to the same
#    message, how often the better-ranked reply has the higher score
#    (ties count half).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
file=${1:-$EMP_ROOT/data/empathy_eval.tsv}
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")

emp_install_packages
emp_build_install >/dev/null
emp_start_cluster
psql -qX -v ON_ERROR_STOP=1 -c "CREATE EXTENSION empathy" >/dev/null
psql -qX -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE ev (grp int, channel text, industry text, customer_name text, customer_message text,
  reply_id int, agent_reply text, gold_needed boolean, er int, interp int, expl int, rank int, note text);
\copy ev FROM '$file' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01', HEADER true)
SQL
psql -X -v ON_ERROR_STOP=1 <<'SQL'
\pset footer off
\set QUIET on
CREATE TEMP TABLE sc AS
SELECT e.*, CASE WHEN e.grp <= 123 THEN '1-123 (dev)' WHEN e.grp <= 146 THEN '124-146 (held out)'
         WHEN e.grp <= 186 THEN '147-186 (later set)' WHEN e.grp <= 226 THEN '187-226 (held out, later)'
         WHEN e.grp <= 266 THEN '227-266 (third later set)' WHEN e.grp <= 306 THEN '267-306 (fourth later set)'
         WHEN e.grp <= 346 THEN '307-346 (fifth later set)' WHEN e.grp <= 386 THEN '347-386 (sixth later set)'
         WHEN e.grp <= 426 THEN '387-426 (held out, seventh later set)'
         WHEN e.grp <= 466 THEN '427-466 (eighth later set)'
         WHEN e.grp <= 506 THEN '467-506 (held out, ninth later set)'
         WHEN e.grp <= 546 THEN '507-546 (tenth later set)'
         WHEN e.grp <= 586 THEN '547-586 (eleventh later set)'
         WHEN e.grp <= 626 THEN '587-626 (held out, twelfth later set)'
         WHEN e.grp <= 666 THEN '627-666 (thirteenth later set)'
         WHEN e.grp <= 706 THEN '667-706 (held out, fourteenth later set)'
         WHEN e.grp <= 726 THEN '707-726 (fifteenth later set, read)'
         WHEN e.grp <= 746 THEN '727-746 (held out, fifteenth later set)'
         WHEN e.grp <= 766 THEN '747-766 (sixteenth later set, read)'
         WHEN e.grp <= 786 THEN '767-786 (held out, sixteenth later set)'
         WHEN e.grp <= 806 THEN '787-806 (seventeenth later set, read)'
         WHEN e.grp <= 826 THEN '807-826 (held out, seventeenth later set)'
         WHEN e.grp <= 846 THEN '827-846 (eighteenth later set, read)'
         WHEN e.grp <= 866 THEN '847-866 (held out, eighteenth later set)'
         WHEN e.grp <= 886 THEN '867-886 (nineteenth later set, read)'
         WHEN e.grp <= 906 THEN '887-906 (held out, nineteenth later set)'
         WHEN e.grp <= 926 THEN '907-926 (twentieth later set, read)'
         WHEN e.grp <= 946 THEN '927-946 (held out, twentieth later set)'
         WHEN e.grp <= 966 THEN '947-966 (twenty-first later set, read)'
         WHEN e.grp <= 986 THEN '967-986 (held out, twenty-first later set)'
         WHEN e.grp <= 1006 THEN '987-1006 (twenty-second later set, read)'
         WHEN e.grp <= 1026 THEN '1007-1026 (held out, twenty-second later set)'
         WHEN e.grp <= 1046 THEN '1027-1046 (twenty-third later set, read)'
         WHEN e.grp <= 1066 THEN '1047-1066 (held out, twenty-third later set)'
         WHEN e.grp <= 1086 THEN '1067-1086 (twenty-fourth later set, read)'
         WHEN e.grp <= 1106 THEN '1087-1106 (held out, twenty-fourth later set)'
         WHEN e.grp <= 1146 THEN '1107-1146 (held out, twenty-fifth later set)'
         WHEN e.grp <= 1166 THEN '1147-1166 (twenty-sixth later set, read)'
         WHEN e.grp <= 1186 THEN '1167-1186 (held out, twenty-sixth later set)'
         WHEN e.grp <= 1226 THEN '1187-1226 (held out, twenty-seventh later set)'
         WHEN e.grp <= 1246 THEN '1227-1246 (twenty-eighth later set, read)'
         WHEN e.grp <= 1266 THEN '1247-1266 (held out, twenty-eighth later set)'
         WHEN e.grp <= 1306 THEN '1267-1306 (held out, twenty-ninth later set)'
         WHEN e.grp <= 1326 THEN '1307-1326 (thirtieth later set, read)'
         WHEN e.grp <= 1346 THEN '1327-1346 (held out, thirtieth later set)'
         WHEN e.grp <= 1386 THEN '1347-1386 (held out, thirty-first later set)'
         WHEN e.grp <= 1426 THEN '1387-1426 (held out, thirty-second later set)'
         WHEN e.grp <= 1466 THEN '1427-1466 (held out, thirty-third later set)'
         WHEN e.grp <= 1506 THEN '1467-1506 (held out, thirty-fourth later set)'
         WHEN e.grp <= 1546 THEN '1507-1546 (held out, thirty-fifth later set)'
         WHEN e.grp <= 1586 THEN '1547-1586 (held out, thirty-sixth later set)'
         WHEN e.grp <= 1626 THEN '1587-1626 (held out, thirty-seventh later set)'
         WHEN e.grp <= 1666 THEN '1627-1666 (held out, thirty-eighth later set)'
         WHEN e.grp <= 1706 THEN '1667-1706 (held out, thirty-ninth later set)'
         WHEN e.grp <= 1746 THEN '1707-1746 (held out, fortieth later set)'
         WHEN e.grp <= 1786 THEN '1747-1786 (held out, forty-first later set)'
         WHEN e.grp <= 1826 THEN '1787-1826 (held out, forty-second later set)'
         ELSE '1827-1866 (held out, forty-third later set)' END AS part,
       r.score, r.needed, r.emotional_reaction, r.interpretation, r.exploration
FROM ev e, LATERAL empathy.empathy_score(e.agent_reply, e.customer_message, NULLIF(e.customer_name, '')) r;
-- parts in the order of their groups (as text, '1007-...' would come before '987-...')
CREATE TEMP TABLE parts AS SELECT part, min(grp) AS first FROM sc GROUP BY part UNION ALL SELECT 'all', NULL;
\echo
\echo == mechanism levels: accuracy (and always-0 baseline), replies
SELECT p.part, count(*) AS replies,
  round(100.0 * avg((s.emotional_reaction = s.er)::int), 1) AS emotional_reaction,
  round(100.0 * avg((s.er = 0)::int), 1) AS er_base0,
  round(100.0 * avg((s.interpretation = s.interp)::int), 1) AS interpretation,
  round(100.0 * avg((s.interp = 0)::int), 1) AS int_base0,
  round(100.0 * avg((s.exploration = s.expl)::int), 1) AS exploration,
  round(100.0 * avg((s.expl = 0)::int), 1) AS exp_base0
FROM parts p JOIN sc s ON p.part = 'all' OR p.part = s.part
GROUP BY p.part, p.first ORDER BY p.first NULLS LAST;
\echo
\echo == needed: accuracy per customer message
SELECT p.part, count(*) AS messages,
  round(100.0 * avg((m.needed = m.gold_needed)::int), 1) AS accuracy,
  sum((m.gold_needed AND NOT m.needed)::int) AS missed, sum((NOT m.gold_needed AND m.needed)::int) AS false_alarm
FROM parts p JOIN (SELECT DISTINCT ON (grp) grp, part, gold_needed, needed FROM sc ORDER BY grp) m
  ON p.part = 'all' OR p.part = m.part
GROUP BY p.part, p.first ORDER BY p.first NULLS LAST;
\echo
\echo == pairwise ranking accuracy of score within a message (ties count half)
SELECT p.part, count(*) AS pairs,
  round(100.0 * avg(CASE WHEN a.score > b.score THEN 1 WHEN a.score = b.score THEN 0.5 ELSE 0 END), 1) AS accuracy
FROM parts p JOIN sc a ON p.part = 'all' OR p.part = a.part
JOIN sc b ON b.grp = a.grp AND a.rank < b.rank
GROUP BY p.part, p.first ORDER BY p.first NULLS LAST;
\echo
\echo == confusion of levels (all replies): label -> predicted
SELECT 'emotional_reaction' AS mechanism, er AS label, emotional_reaction AS predicted, count(*) FROM sc GROUP BY 1, 2, 3
UNION ALL SELECT 'interpretation', interp, interpretation, count(*) FROM sc GROUP BY 1, 2, 3
UNION ALL SELECT 'exploration', expl, exploration, count(*) FROM sc GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;
SQL
