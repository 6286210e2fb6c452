#!/usr/bin/env bash
# The journal on PostgreSQL (CONSOLE_STORE=postgres) against the file store, and two consoles on one
# store, in one run:
#
#   1. Commands/s: CLIENTS concurrent operators (bench/src/.../bench/store/CommandLoad.java, its own JVM),
#      each signing off a check it owns and revoking it again, one request in flight per client, against
#      a file-store console and a postgres-store console (the only two consoles running), ROUNDS
#      alternating rounds of DURATION s after WARMUP s each, medians compared. A command counts when its
#      answer says changed:true: an append the console made durable before answering (the file store
#      fsyncs it; the PostgreSQL store commits it with synchronous_commit=on, on a server with fsync on:
#      printed before the run). /health's seq must move by exactly that many per round.
#   2. Cross-instance fan-out: a second console B joins A's store (CONSOLE_STORE_PG_URL). 1,000
#      subscribers (the feed's generator, bench/src/.../bench/feed/FeedLoad.java, evaluation=patch as the
#      dashboard subscribes) on A with the changes made on A (single instance), then 1,000 on B with the
#      changes made on A (B learns of each by LISTEN/NOTIFY, its 1 s check as the fallback), FEED_ROUNDS
#      alternating rounds, CHANGES changes at 1/s each; latency = request sent on A -> evaluation(.patch)
#      received from the subscriber's console.
#   3. Two instances x 5,000: 10,000 subscribers on A alone, changes on A, then 5,000 on A and 5,000 on B,
#      changes on A, one change a second, BIG_CHANGES changes each.
#
# The store's PostgreSQL: Debian's (/usr/lib/postgresql/<newest>/bin, as the store probe starts it), a
# throw-away cluster in the scratch directory with the server's defaults (fsync on), reached by A and B
# through one CONSOLE_STORE_PG_URL as its superuser (the consoles create their schema and role), as a team
# would run it (the embedded store-pg a console starts without a URL flushes its commits too, but is one
# console's). Nothing outside the scratch directory is touched.
#
# Targets: 1. postgres/file commands/s >= 0.5x (medians);
#          2. p99 on B (changes on A) <= 1.5x p99 on A alone, 1,000 subscribers (medians of FEED_ROUNDS);
#          3. 2 x 5,000: all 10,000 held (greeted, none closed) and every evaluation delivered;
#             p99 reported against the single-instance 10,000 figure (no target on the ratio).
# A missed target prints MISS; the exit code is non-zero only for a broken run (3: build or a console or
# generator failed; 2: bad arguments, a check before the run failed). STRICT=1 also exits 1 on a MISS.
#
# Usage: bench/run-store.sh
# Env:   CLIENTS=20 DURATION=15 WARMUP=10 ROUNDS=3              part 1 (seconds)
#        N=1000 CHANGES=30 FEED_ROUNDS=3 WARMUP_RUN_CHANGES=15    part 2 (one unrecorded warm-up run on each console)
#        BIG_N=10000 BIG_CHANGES=30                               part 3 (BIG_N=0 skips it; split evenly over A and B)
#        WARMUP_CHANGES=3 EVENT_LOOPS=2 CONNECT_CONCURRENCY=256   generator settings, as bench/run-feed.sh
#        SERVER_JAVA_OPTS="-Xmx1g" (every console) GEN_JAVA_OPTS="-Xms2g -Xmx2g" (the feed generator)
#        SKIP_BUILD=1 (reuse server/target/integration-console.jar)  MVN_ARGS="-o"  STRICT=1 (exit 1 on a MISS)
set -euo pipefail
shopt -s inherit_errexit
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLIENTS="${CLIENTS:-20}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-10}"
ROUNDS="${ROUNDS:-3}"
N="${N:-1000}"
CHANGES="${CHANGES:-30}"
FEED_ROUNDS="${FEED_ROUNDS:-3}"
WARMUP_RUN_CHANGES="${WARMUP_RUN_CHANGES:-15}"
BIG_N="${BIG_N:-10000}"
BIG_CHANGES="${BIG_CHANGES:-30}"
WARMUP_CHANGES="${WARMUP_CHANGES:-3}"
EVENT_LOOPS="${EVENT_LOOPS:-2}"
CONNECT_CONCURRENCY="${CONNECT_CONCURRENCY:-256}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xmx1g}"
GEN_JAVA_OPTS="${GEN_JAVA_OPTS:--Xms2g -Xmx2g}"
MVN_ARGS="${MVN_ARGS:--o}"
RUN_LIMIT=600 # seconds any one generator run may take
WS_URI="/ws?lang=en&evaluation=patch"

for v in CLIENTS DURATION WARMUP ROUNDS N CHANGES FEED_ROUNDS WARMUP_RUN_CHANGES BIG_N BIG_CHANGES WARMUP_CHANGES; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "$v is a whole number, got '${!v}'" >&2; exit 2; }
done
(( CLIENTS > 0 && DURATION > 0 && ROUNDS > 0 && N > 0 && CHANGES > 0 && FEED_ROUNDS > 0 )) \
  || { echo "CLIENTS, DURATION, ROUNDS, N, CHANGES, FEED_ROUNDS must be > 0" >&2; exit 2; }
(( BIG_N % 2 == 0 )) || { echo "BIG_N is split over two consoles: an even number, got $BIG_N" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
max_n=$(( BIG_N > N ? BIG_N : N ))
need_open_files $(( max_n + 1024 ))
scratch bench-store

cd "$ROOT"
CONSOLE_JAR="$(console_jar "$WORK")"
compile_generators "$WORK/classes" bench/src/main/java/io/bfg/console/bench/feed/*.java bench/src/main/java/io/bfg/console/bench/store/*.java

start_console() { # name, then VAR=value settings; sets STARTED_PID and STARTED_URL
  local name="$1" pid port
  shift
  mkdir -p "$WORK/$name-data"
  # shellcheck disable=SC2086
  env CONSOLE_HOST=127.0.0.1 CONSOLE_PORT=0 CONSOLE_DATA_DIR="$WORK/$name-data" CONSOLE_INSTANCE_ID="$name" "$@" \
    java $SERVER_JAVA_OPTS -jar "$CONSOLE_JAR" serve >"$WORK/$name.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  port="$(await_port "$WORK/$name.log" 'listening on http://' 's#.*listening on http://[^:]+:([0-9]+).*#\1#' "$pid")"
  STARTED_PID="$pid"
  STARTED_URL="http://127.0.0.1:$port"
}
alive() { # name pid
  if ! kill -0 "$2" 2>/dev/null; then
    echo "console $1 died; its log:" >&2
    tail -n 30 "$WORK/$1.log" >&2
    exit 3
  fi
}

# ---- the store's PostgreSQL: Debian's server binaries, a throw-away cluster in the scratch directory owned by
# the OS user postgres (initdb refuses root: as root it runs through runuser), server defaults (fsync on),
# SCRAM password, loopback only, port 0 is not allowed so a free port; both postgres consoles get its URL
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
[[ -n "$PGBIN" && -x "$PGBIN/initdb" && -x "$PGBIN/pg_ctl" ]] \
  || { echo "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (Debian's postgresql-15)" >&2; exit 3; }
as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PGROOT="$WORK/store-pg"
mkdir -p "$PGROOT"
PGPASS="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$PGPASS" >"$PGROOT/pw"
[[ "$(id -u)" == 0 ]] && chown -R postgres: "$PGROOT" && chmod 755 "$WORK"
chmod 700 "$PGROOT"
PGPORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A scram-sha-256 --pwfile="$PGROOT/pw" -E UTF8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; exit 3; }
as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/pg.log" -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1" \
  -w -t 30 start >/dev/null || { cat "$PGROOT/pg.log" >&2; exit 3; }
stop_store() { as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true; }
trap 'stop_and_clean_store' EXIT
stop_and_clean_store() { # the consoles first (they hold the store's connections), then the store, then WORK
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
  stop_store
  stop_and_clean
}
STORE_URL="postgresql://postgres:$PGPASS@127.0.0.1:$PGPORT/console_store"
PGPASSWORD="$PGPASS" psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c 'create database console_store' >/dev/null
pg_settings="$(PGPASSWORD="$PGPASS" psql -X -A -t -h 127.0.0.1 -p "$PGPORT" -U postgres -d console_store -c \
  "select name || '=' || setting from pg_settings where name in ('fsync','synchronous_commit','wal_sync_method') order by name" \
  | tr '\n' ' ')"
grep -q 'fsync=on' <<<"$pg_settings" || { echo "the store's PostgreSQL runs without fsync ($pg_settings): not durable" >&2; exit 2; }

start_console file CONSOLE_STORE=file
FILE_PID="$STARTED_PID" FILE_URL="$STARTED_URL"
start_console a CONSOLE_STORE=postgres CONSOLE_STORE_PG_URL="$STORE_URL"
A_PID="$STARTED_PID" A_URL="$STARTED_URL"

echo "== the journal on PostgreSQL vs the file store; two consoles on one store =="
echo "file console     $FILE_URL (pid $FILE_PID): $(grep -m1 'listening on' "$WORK/file.log")"
echo "postgres console $A_URL (pid $A_PID): $(grep -m1 'listening on' "$WORK/a.log")"
echo "store PostgreSQL: $("$PGBIN/postgres" --version) on 127.0.0.1:$PGPORT (cluster in the scratch directory); $pg_settings" \
  "(the store also commits each append with synchronous_commit=on)"
echo "java: $(java -version 2>&1 | head -n1); consoles $SERVER_JAVA_OPTS; cores: $(nproc), shared by the consoles," \
  "the store and the generators; load average at start: $(cut -d' ' -f1-3 /proc/loadavg); open files: $(ulimit -n)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN { exit !(l > 0.5) }'; then
  echo "NOTE: the machine is busy with other work; the alternating rounds share it, but single rounds swing"
fi

# ---- 1. commands/s
commands() { # url label duration warmup
  timeout "$RUN_LIMIT" java -Xmx256m -cp "$WORK/classes" io.bfg.console.bench.store.CommandLoad --url "$1" --label "$2" \
    --clients "$CLIENTS" --duration-s "$3" --warmup-s "$4" 2>"$WORK/commands.err" | grep '^RESULT ' \
    || { cat "$WORK/commands.err" >&2; echo "the command generator failed against $2" >&2; exit 3; }
}
cfield() { awk -v k="$1" '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) print kv[2] } }'; }
echo
echo "-- 1. commands/s: $CLIENTS concurrent operators, sign-off then revocation of a check each owns (9 checks), one" \
  "request in flight each; $ROUNDS alternating rounds of ${DURATION} s (after ${WARMUP} s warm-up each store)"
commands "$FILE_URL" file 2 "$WARMUP" >/dev/null
commands "$A_URL" postgres 2 "$WARMUP" >/dev/null
: >"$WORK/file.runs"
: >"$WORK/postgres.runs"
for round in $(seq 1 "$ROUNDS"); do
  for store in file postgres; do
    if [[ $store == file ]]; then url="$FILE_URL"; else url="$A_URL"; fi
    line="$(commands "$url" "$store" "$DURATION" 0)"
    echo "$line" >>"$WORK/$store.runs"
    printf 'round %d %-8s %8.1f commands/s (+%5.1f/s refused or unchanged)  p50 %7.2f ms  p99 %7.2f ms  journal +%s\n' \
      "$round" "$store" "$(cfield cps <<<"$line")" "$(awk -v n="$(cfield noops <<<"$line")" -v s="$(cfield seconds <<<"$line")" 'BEGIN { print n / s }')" \
      "$(cfield p50_ms <<<"$line")" "$(cfield p99_ms <<<"$line")" "$(cfield seq_moved <<<"$line")"
  done
  alive file "$FILE_PID"
  alive a "$A_PID"
done
file_cps="$(cfield cps <"$WORK/file.runs" | median)"
pg_cps="$(cfield cps <"$WORK/postgres.runs" | median)"
file_p99="$(cfield p99_ms <"$WORK/file.runs" | median)"
pg_p99="$(cfield p99_ms <"$WORK/postgres.runs" | median)"
cmd_ratio="$(awk -v p="$pg_cps" -v f="$file_cps" 'BEGIN { printf "%.2f", (f > 0 ? p / f : 0) }')"
per_round="$(paste -d' ' "$WORK/postgres.runs" "$WORK/file.runs" | awk '{
  for (i = 1; i <= NF; i++) if ($i ~ /^cps=/) c[++k] = substr($i, 5)
  printf "%s%.2f", (NR > 1 ? " " : ""), c[1] / c[2]; k = 0 }')"
# the file console's work is done; the fan-out parts run with the two postgres consoles only
kill "$FILE_PID" 2>/dev/null || true
wait "$FILE_PID" 2>/dev/null || true

# ---- B joins A's store
start_console b CONSOLE_STORE=postgres CONSOLE_STORE_PG_URL="$STORE_URL"
B_PID="$STARTED_PID" B_URL="$STARTED_URL"
a_seq="$(curl -sf "$A_URL/health" | jq .seq)"
for _ in $(seq 1 50); do
  [[ "$(curl -sf "$B_URL/health" | jq .seq)" == "$a_seq" ]] && break
  sleep 0.1
done
echo
echo "second console on the store: $B_URL (pid $B_PID): $(grep -m1 'listening on' "$WORK/b.log")"
echo "/health A: $(curl -sf "$A_URL/health" | jq -c '{seq, store, instance, chain: .chain.valid}'); B: $(curl -sf "$B_URL/health" | jq -c '{seq, store, instance, chain: .chain.valid}')"

RESULTS="$WORK/results"
: >"$RESULTS"
await_idle() { # port: the previous run's sockets are gone
  for _ in $(seq 1 300); do
    [[ "$(ss -Htn state established "( sport = :$1 )" 2>/dev/null | wc -l)" -eq 0 ]] && return 0
    sleep 0.2
  done
  echo "  (console on :$1 still has connections after 60 s)"
}
feed() { # label n changes subscribe-urls   (WARM=1: not recorded)
  local label="$1" n="$2" changes="$3" subs="$4" record=(--result "$RESULTS") rc=0
  await_idle "${A_URL##*:}"
  await_idle "${B_URL##*:}"
  if [[ "${WARM:-0}" == 1 ]]; then record=(); echo "-- warm-up (not recorded): $label, N=$n, $changes changes"
  else echo "-- $label, N=$n, $changes changes"; fi
  # shellcheck disable=SC2086
  timeout "$RUN_LIMIT" java $GEN_JAVA_OPTS -cp "$WORK/classes:$CONSOLE_JAR" io.bfg.console.bench.feed.FeedLoad \
      --target console --url "$A_URL" --subscribe-urls "$subs" --server-pid "$A_PID" --subscribers "$n" --rate 1 \
      --changes "$changes" --warmup-changes "$WARMUP_CHANGES" --event-loops "$EVENT_LOOPS" \
      --connect-concurrency "$CONNECT_CONCURRENCY" --ws-uri "$WS_URI" "${record[@]}" >"$WORK/run.log" 2>&1 || rc=$?
  if (( rc != 0 )); then
    cat "$WORK/run.log"
    echo "   generator run failed with exit $rc ($label, N=$n)"
  else
    grep -v '^RESULT ' "$WORK/run.log" | grep -e 'latency change->delivery' -e 'subscribers connected' -e 'delivered (' -e 'per change, POST' || true
    [[ "${WARM:-0}" == 1 ]] || sed -i "\$s/^RESULT /RESULT label=$label /" "$RESULTS"
  fi
  alive a "$A_PID"
  alive b "$B_PID"
}
# field <label> <key>: values from that label's RESULT lines, one a line
field() {
  awk -v l="$1" -v k="$2" '{ delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = substr($i, length(kv[1]) + 2) } }
    v["label"] == l { print v[k] }' "$RESULTS"
}

# ---- 2. cross-instance fan-out at N
echo
echo "-- 2. fan-out at N=$N ($WS_URI), changes on A at 1/s: subscribers on A (single instance) vs on B (cross-instance)," \
  "$FEED_ROUNDS alternating rounds"
if (( WARMUP_RUN_CHANGES > 0 )); then
  WARM=1 feed single "$N" "$WARMUP_RUN_CHANGES" "$A_URL"
  WARM=1 feed cross "$N" "$WARMUP_RUN_CHANGES" "$B_URL"
fi
for round in $(seq 1 "$FEED_ROUNDS"); do
  feed single "$N" "$CHANGES" "$A_URL"
  feed cross "$N" "$CHANGES" "$B_URL"
done

# ---- 3. 2 x BIG_N/2
if (( BIG_N > 0 )); then
  echo
  echo "-- 3. $BIG_N subscribers ($WS_URI), changes on A at 1/s: all on A, then $(( BIG_N / 2 )) on A + $(( BIG_N / 2 )) on B"
  feed big-single "$BIG_N" "$BIG_CHANGES" "$A_URL"
  feed big-two "$BIG_N" "$BIG_CHANGES" "$A_URL,$B_URL"
fi

echo
echo "== results (latency: change request sent to A -> evaluation.patch fully received; CPU of console A; 100% = one core) =="
printf '%-11s %6s %11s %15s %8s %8s %8s %9s %9s %8s %8s\n' run N held delivered/exp p50_ms p99_ms max_ms first_ms A_CPU gen_CPU other
awk '{ delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = substr($i, length(kv[1]) + 2) }
  printf "%-11s %6s %11s %15s %8.1f %8.1f %8.1f %9.1f %8.0f%% %7.0f%% %7.0f%%\n", v["label"], v["n"], v["ready"] "/" v["n"],
    v["delivered"] "/" v["expected"], v["p50_ms"], v["p99_ms"], v["max_ms"], v["first_ms"], v["srv_cpu_pct"], v["gen_cpu_pct"], v["other_cpu_pct"] }' "$RESULTS"
printf 'commands/s  file     median %8.1f/s  p99 %7.2f ms\n' "$file_cps" "$file_p99"
printf 'commands/s  postgres median %8.1f/s  p99 %7.2f ms\n' "$pg_cps" "$pg_p99"

status=0
verdict() { # condition-true? label
  if [[ "$1" == 1 ]]; then echo "OK    $2"; else echo "MISS  $2"; status=1; fi
}
echo
echo "== targets =="
verdict "$(awk -v r="$cmd_ratio" 'BEGIN { print (r >= 0.5) ? 1 : 0 }')" \
  "commands/s postgres/file = ${cmd_ratio}x ($pg_cps vs $file_cps, median of $ROUNDS; per round: $per_round; target >= 0.5x)"
single_p99="$(field single p99_ms | median)"
cross_p99="$(field cross p99_ms | median)"
if [[ -n "$single_p99" && -n "$cross_p99" ]]; then
  cross_ratio="$(awk -v c="$cross_p99" -v s="$single_p99" 'BEGIN { printf "%.2f", (s > 0 ? c / s : 0) }')"
  complete="$(awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } if (v["label"] == "cross" && v["delivered"] != v["expected"]) bad = 1 }
    END { print bad ? 0 : 1 }' "$RESULTS")"
  verdict "$(awk -v r="$cross_ratio" -v ok="$complete" 'BEGIN { print (ok == 1 && r <= 1.5) ? 1 : 0 }')" \
    "N=$N p99 on B (changes on A) $cross_p99 ms vs $single_p99 ms on A alone = ${cross_ratio}x (median of $FEED_ROUNDS; rounds: $(field cross p99_ms | paste -sd/) vs $(field single p99_ms | paste -sd/) ms; target <= 1.5x, all delivered)"
else
  echo "n/a   cross-instance fan-out (a run failed)"
fi
if (( BIG_N > 0 )); then
  two_ready="$(field big-two ready)"; two_closed="$(field big-two closed)"
  two_delivered="$(field big-two delivered)"; two_expected="$(field big-two expected)"
  two_p99="$(field big-two p99_ms)"; one_p99="$(field big-single p99_ms)"
  if [[ -n "$two_ready" ]]; then
    verdict "$([[ "$two_ready" == "$BIG_N" && "$two_closed" == 0 && "$two_delivered" == "$two_expected" ]] && echo 1 || echo 0)" \
      "2 x $(( BIG_N / 2 )): $two_ready of $BIG_N held ($two_closed closed), $two_delivered of $two_expected evaluations delivered"
    echo "info  2 x $(( BIG_N / 2 )) p99 $two_p99 ms vs $one_p99 ms with all $BIG_N on A alone" \
      "($(awk -v t="$two_p99" -v o="$one_p99" 'BEGIN { printf "%.2f", (o > 0 ? t / o : 0) }')x; reported, no target)"
  else
    echo "MISS  2 x $(( BIG_N / 2 )) (the run failed)"; status=1
  fi
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ "${STRICT:-0}" == 1 ]]; then
  exit "$status"
fi
