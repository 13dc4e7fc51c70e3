#!/usr/bin/env bash
# Load test of the tagging trigger: pgbench inserts customer messages from
# several clients into two identical tables, one without and one with
# empathy.tag_message() (five columns filled in one scoring pass), in
# interleaved rounds of one run on a throwaway cluster.  Checks that the
# throughput with the trigger is at least 75 % of the throughput without,
# that no transaction failed, and that every inserted row is there and
# tagged.  Prints the figures.
#
#   bash test/bench_trigger.sh                 8 clients, 3 rounds of 10 s
#   CLIENTS=16 SECONDS_PER_ROUND=20 ROUNDS=5 bash test/bench_trigger.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$EMP_ROOT"
clients=${CLIENTS:-8}
secs=${SECONDS_PER_ROUND:-10}
rounds=${ROUNDS:-3}
min_ratio=${MIN_RATIO:-0.75}

emp_install_packages
emp_build_install
EMP_SERVER_OPTS="-c max_connections=$((clients + 20)) -c shared_buffers=256MB -c synchronous_commit=off ${EMP_SERVER_OPTS:-}"
emp_start_cluster
bindir=$("$(emp_pg_config)" --bindir)
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION empathy;
CREATE TABLE bench_bodies (id int PRIMARY KEY, body text NOT NULL);
-- realistic customer messages: the demo generator's phrasing is not
-- needed here, a mix of lengths, moods, capitals, emoji and repeats is
INSERT INTO bench_bodies
SELECT i, (ARRAY[
	'Where is my order? It was supposed to arrive on Monday.',
	'I am FURIOUS. This is the third time I write and nobody answers!!!',
	'Thank you so much, the replacement arrived today 😊',
	'I''m worried my card was charged twice for the same order, can you check?',
	'Honestly? Unbelievable. Still waiting for my refund after two weeks. 😤',
	'Hi, how do I change the delivery address on my account?',
	'The lamp arrived broken. Really disappointed, it was a gift.',
	'I don''t understand the invoice, why is there a service fee?'])[1 + i % 8]
	|| CASE WHEN i % 3 = 0 THEN ' Order ' || (10000 + i) || '.' ELSE '' END
	|| CASE WHEN i % 5 = 0 THEN ' ' || repeat('Please sort this out soon. ', 1 + i % 7) ELSE '' END
FROM generate_series(0, 999) i;
CREATE TABLE plain_messages (message_id bigserial PRIMARY KEY, conversation_id bigint NOT NULL,
	sent_at timestamptz NOT NULL DEFAULT now(), body text NOT NULL,
	emotions empathy.emotions, sentiment float8, dominant_emotion text, labels text[], escalation_risk float8);
CREATE TABLE tagged_messages (LIKE plain_messages INCLUDING ALL);
CREATE TRIGGER tag BEFORE INSERT OR UPDATE OF body ON tagged_messages
	FOR EACH ROW EXECUTE FUNCTION empathy.tag_message('body', 'emotions=emotions', 'sentiment=sentiment',
		'dominant=dominant_emotion', 'labels=labels', 'escalation=escalation_risk');
SQL

work=$(mktemp -d)
chmod 755 "$work"
for t in plain tagged; do
	cat > "$work/$t.sql" <<SQL
\set k random(0, 999)
\set c random(1, 100000)
INSERT INTO ${t}_messages (conversation_id, body) SELECT :c, body FROM bench_bodies WHERE id = :k;
SQL
done

declare -A tps_sum=([plain]=0 [tagged]=0) fails=([plain]=0 [tagged]=0) txs=([plain]=0 [tagged]=0)
say "pgbench: $clients clients, $rounds interleaved rounds of $secs s per table"
for r in $(seq 1 "$rounds"); do
	for t in plain tagged; do
		log="$work/$t-$r.log"
		"$bindir/pgbench" -n -c "$clients" -j "$clients" -T "$secs" -f "$work/$t.sql" > "$log" 2>&1 || true
		tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$log" | head -1)
		tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$log")
		failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$log")
		errs=$(grep -c 'ERROR' "$log" || true)
		failed=$(( ${failed:-0} + errs ))
		[ -n "$tps" ] || { cat "$log"; tps=0; failed=$((failed + 1)); }
		printf '   round %d %-7s %10.0f inserts/s  %8d rows  %d failed\n' "$r" "$t" "$tps" "${tx:-0}" "$failed"
		tps_sum[$t]=$(awk -v a="${tps_sum[$t]}" -v b="$tps" 'BEGIN { print a + b }')
		txs[$t]=$(( ${txs[$t]} + ${tx:-0} ))
		fails[$t]=$(( ${fails[$t]} + failed ))
	done
done

plain=$(awk -v a="${tps_sum[plain]}" -v n="$rounds" 'BEGIN { printf "%.0f", a / n }')
tagged=$(awk -v a="${tps_sum[tagged]}" -v n="$rounds" 'BEGIN { printf "%.0f", a / n }')
ratio=$(awk -v a="$tagged" -v b="$plain" 'BEGIN { printf "%.3f", (b > 0) ? a / b : 0 }')
rows_plain=$(psql -X -At -c "SELECT count(*) FROM plain_messages")
read -r rows_tagged rows_done rows_ok < <(psql -X -At -F ' ' -c "SELECT count(*),
	count(*) FILTER (WHERE emotions IS NOT NULL AND sentiment IS NOT NULL AND dominant_emotion IS NOT NULL
		AND labels IS NOT NULL AND escalation_risk IS NOT NULL),
	count(*) FILTER (WHERE sentiment = empathy.sentiment(body) AND dominant_emotion = empathy.dominant_emotion(body)
		AND escalation_risk = empathy.escalation_risk(body))
	FROM tagged_messages")

say "results"
echo "   without the trigger: $plain inserts/s (mean of $rounds rounds), $rows_plain rows"
echo "   with the trigger:    $tagged inserts/s (mean of $rounds rounds), $rows_tagged rows"
echo "   ratio:               $ratio (at least $min_ratio wanted)"
echo "   tagged rows:         $rows_done of $rows_tagged filled, $rows_ok equal to the scoring functions"
status=0
check() { if [ "$2" = t ]; then echo "ok - $1"; else echo "not ok - $1"; status=1; fi; }
check "throughput with the trigger >= ${min_ratio} of without ($ratio)" "$(awk -v r="$ratio" -v m="$min_ratio" 'BEGIN { print (r >= m) ? "t" : "f" }')"
check "no failed transaction (${fails[plain]} + ${fails[tagged]})" "$([ "${fails[plain]}" -eq 0 ] && [ "${fails[tagged]}" -eq 0 ] && echo t || echo f)"
check "every inserted row is there ($rows_plain = ${txs[plain]}, $rows_tagged = ${txs[tagged]})" \
	"$([ "$rows_plain" -eq "${txs[plain]}" ] && [ "$rows_tagged" -eq "${txs[tagged]}" ] && echo t || echo f)"
check "every row is tagged ($rows_done of $rows_tagged)" "$([ "$rows_done" -eq "$rows_tagged" ] && [ "$rows_ok" -eq "$rows_tagged" ] && echo t || echo f)"
rm -rf "$work"
emp_stop_cluster
exit $status
