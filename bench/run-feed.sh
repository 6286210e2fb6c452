#!/usr/bin/env bash
# IntegrationFeed.v1 fan-out: the console's WebSocket feed against a Node `ws` broadcast server
# (bench/node/broadcast.js) fed the same ~43 KB evaluation bytes, measured by one load generator
# (bench/src/main/java/io/bfg/console/bench/feed/FeedLoad.java, its own JVM) side by side in one run.
#
# For each N: N subscribers on the console, then N on Node; RATE changes/s for CHANGES changes (after
# WARMUP_CHANGES unmeasured ones). Console changes are POST /api/checks/cutover.contracts-frozen/
# accept|revoke (X-Actor-Id: user_md_anna); Node's are POST /change. Latency = arrival of the
# evaluation with seq s minus the moment the request that produced s was sent.
# Then, at STALL_N, both again with one extra subscriber that never reads (see FeedLoad --stalled).
#
# EVALUATION=patch (the default, the dashboard's mode) subscribes with /ws?lang=en&evaluation=patch on
# both servers: after a change each subscriber gets {"type":"evaluation.patch","seq":N,"base":N-1,
# "patch":[...]} (~1.3 KB of RFC 6902 ops) instead of the whole evaluation, unless it missed the
# previous one; the greeting and any catch-up stay whole. The patch the Node server sends is one
# captured from the console's feed before the runs (bench/node/capture-patch.js), so both send the
# same bytes. EVALUATION=whole subscribes with evaluation=whole: every change sends the whole ~43 KB.
# An evaluation.patch counts as the delivery of its seq, like a whole evaluation.
#
# Targets (console, measured in the mode given by EVALUATION):
#                     N=5000   deliveries/s >= 1.0x Node (2-decimal ratio) and p99 <= Node's p99
#                     N=10000  all 10,000 held (greeted, none closed) and p99 < 250 ms
#                     STALL_N  others' p99 within 10% of the run without the stalled subscriber, and
#                              memory bounded: the console's live heap (after a full GC, taken at the end of
#                              the changes while the subscriber is still stalled) <= the no-stall run's + 8 MB,
#                              the stalled subscriber was skipped (got fewer evaluations than changes) and then
#                              either caught up to the latest seq once it read again, or was closed
#                              by the server (the console closes one stalled for 60 s). RSS is printed too,
#                              but a JVM's RSS is the high-water mark of its heap, which the stalled run's
#                              burst of fill changes grows whatever is retained.
#
# Reading the figures: p99 over CHANGES changes is roughly the tail of the slowest one or two
# changes, so use CHANGES=60 or more for final numbers. A stalled run longer than ~60 s ends with
# the console closing the stalled subscriber (its 60 s rule), which the memory check accepts.
# At a fixed RATE both servers deliver N x RATE messages/s while they keep up, so deliveries/s only
# separates them once a fan-out takes longer than 1/RATE: raise RATE to compare capacity.
#
# Usage: bench/run-feed.sh [N ...]           (default: 1000 5000 10000)
# Env:   EVALUATION=patch|whole  what a change sends a subscriber (default patch; see above)
#        RATE=1 CHANGES=20 WARMUP_CHANGES=3  STALL_N=5000 (0 = skip the stalled runs; in patch mode a
#        change costs the stalled subscriber only ~2 KB, so filling it takes ~500 changes on the
#        console and ~1,800 on Node, ~10-20 s each, instead of ~100)
#        WARMUP_RUN_CHANGES=15  an unrecorded run per server at the smallest N first (0 = none)
#        EVENT_LOOPS=2 CONNECT_CONCURRENCY=256   generator settings (the same for both servers)
#        SERVER_JAVA_OPTS="-Xmx1g" GEN_JAVA_OPTS="-Xms2g -Xmx2g"  TARGETS="console node"
#        SKIP_BUILD=1 (reuse server/target/integration-console.jar)  STRICT=1 (exit 1 on a MISS)
#        CONSOLE_EVENT_LOOPS=k  the console's HTTP/feed event loops (default: one per core)
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -gt 0 ]]; then NS=("$@"); else NS=(1000 5000 10000); fi
EVALUATION="${EVALUATION:-patch}"
RATE="${RATE:-1}"
CHANGES="${CHANGES:-20}"
WARMUP_CHANGES="${WARMUP_CHANGES:-3}"
WARMUP_RUN_CHANGES="${WARMUP_RUN_CHANGES:-15}"
STALL_N="${STALL_N:-5000}"
EVENT_LOOPS="${EVENT_LOOPS:-2}"
CONNECT_CONCURRENCY="${CONNECT_CONCURRENCY:-256}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xmx1g}"
# 2 GB fixed heap for the generator: at 10k x 43 KB/s it allocates ~0.5 GB/s (Vert.x copies each
# frame to the heap); with -Xmx1g its young-GC pauses (8 GCs, 425 ms in 6 s) showed up as latency
GEN_JAVA_OPTS="${GEN_JAVA_OPTS:--Xms2g -Xmx2g}"
TARGETS="${TARGETS:-console node}"
RUN_LIMIT=600 # seconds any one generator run may take

if [[ "$EVALUATION" != patch && "$EVALUATION" != whole ]]; then
  echo "EVALUATION is patch or whole, got '$EVALUATION'" >&2
  exit 2
fi
WS_URI="/ws?lang=en&evaluation=$EVALUATION"
for n in "${NS[@]}" "$STALL_N"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "subscriber counts are whole numbers, got '$n'" >&2; exit 2; }
done
max_n=0
for n in "${NS[@]}" "$STALL_N"; do (( n > max_n )) && max_n=$n; done

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
# Each side of a connection is one descriptor in its own process; the generator needs N + slack.
need_open_files $(( max_n + 1024 ))

scratch bench-feed

cd "$ROOT"
CONSOLE_JAR="$(console_jar "$WORK")"
compile_generators "$WORK/feed-classes" bench/src/main/java/io/bfg/console/bench/feed/*.java
(cd bench/node && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>"$WORK/npm.log") \
  || { cat "$WORK/npm.log" >&2; exit 3; }


# Port 0 everywhere: each server binds a free port itself and reports it.
mkdir -p "$WORK/data"
CONSOLE_CMD=(-jar "$CONSOLE_JAR" serve)
# shellcheck disable=SC2086
CONSOLE_HOST=127.0.0.1 CONSOLE_PORT=0 CONSOLE_DATA_DIR="$WORK/data" \
  java $SERVER_JAVA_OPTS "${CONSOLE_CMD[@]}" >"$WORK/console.log" 2>&1 &
CONSOLE_PID=$!
PIDS+=("$CONSOLE_PID")
CONSOLE_PORT="$(await_port "$WORK/console.log" 'listening on http://' 's#.*listening on http://[^:]+:([0-9]+).*#\1#' "$CONSOLE_PID")"
CONSOLE_URL="http://127.0.0.1:$CONSOLE_PORT"
for _ in $(seq 1 100); do
  curl -sf "$CONSOLE_URL/health" >/dev/null && break
  sleep 0.1
done
# One sign-off and its revocation: proves the change path and leaves an audit event to copy, so
# the Node server sends an audit line of the console's shape after each evaluation, as the console does.
# In patch mode a feed subscriber makes them, and keeps the sign-off's evaluation.patch for Node.
CHECK_URL="$CONSOLE_URL/api/checks/cutover.contracts-frozen"
if [[ $EVALUATION == patch ]]; then
  node bench/node/capture-patch.js --ws "ws://127.0.0.1:$CONSOLE_PORT$WS_URI" --out "$WORK/patch.json" \
      --post "$CHECK_URL/accept" --post "$CHECK_URL/revoke" --actor user_md_anna --timeout-ms 10000 \
      >"$WORK/capture.log" 2>&1 \
    || { cat "$WORK/capture.log" >&2; echo "no evaluation.patch from the console's feed ($WS_URI) within 10 s" >&2; exit 3; }
else
  for action in accept revoke; do
    curl -sf -X POST -H 'X-Actor-Id: user_md_anna' "$CHECK_URL/$action" >/dev/null
  done
fi
curl -sf -o "$WORK/evaluation.json" "$CONSOLE_URL/api/evaluation"
curl -sf "$CONSOLE_URL/api/audit" \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const e=JSON.parse(s).events;process.stdout.write(JSON.stringify(e[e.length-1]))})' \
  >"$WORK/audit-event.json"

NODE_ARGS=(--payload "$WORK/evaluation.json" --audit "$WORK/audit-event.json" --port 0)
[[ $EVALUATION == patch ]] && NODE_ARGS+=(--patch "$WORK/patch.json")
node bench/node/broadcast.js "${NODE_ARGS[@]}" >"$WORK/node.log" 2>&1 &
NODE_PID=$!
PIDS+=("$NODE_PID")
NODE_PORT="$(await_port "$WORK/node.log" 'listening on' 's#.*listening on ([0-9]+).*#\1#' "$NODE_PID")"
NODE_URL="http://127.0.0.1:$NODE_PORT"

echo "== IntegrationFeed.v1 fan-out, evaluation=$EVALUATION ($WS_URI): console vs Node ws, N = ${NS[*]}, $CHANGES changes at $RATE/s (+$WARMUP_CHANGES warm-up), stalled run at N=$STALL_N =="
echo "console $CONSOLE_URL (pid $CONSOLE_PID, $SERVER_JAVA_OPTS): $(head -n1 "$WORK/console.log")"
echo "node    $NODE_URL (pid $NODE_PID): $(head -n1 "$WORK/node.log")"
if [[ $EVALUATION == patch ]]; then
  echo "evaluation payload $(wc -c <"$WORK/evaluation.json") B (GET /api/evaluation), patch $(wc -c <"$WORK/patch.json") B" \
    "(the console's $(cat "$WORK/capture.log")), audit event $(wc -c <"$WORK/audit-event.json") B"
else
  echo "evaluation payload $(wc -c <"$WORK/evaluation.json") B (GET /api/evaluation), no patch (whole mode)," \
    "audit event $(wc -c <"$WORK/audit-event.json") B"
fi
echo "java: $(java -version 2>&1 | head -n1); generator $GEN_JAVA_OPTS, $EVENT_LOOPS event loops, $CONNECT_CONCURRENCY handshakes in flight"
echo "cores: $(nproc); load average at start: $(cut -d' ' -f1-3 /proc/loadavg); open files: $(ulimit -n)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN { exit !(l > 0.5) }'; then
  echo "NOTE: the machine is busy with other work; see 'other CPU' per run before trusting the figures"
fi

# Waits until the server holds no established connections (the previous run's sockets are gone).
await_idle() {
  local port="$1"
  for _ in $(seq 1 300); do
    [[ "$(ss -Htn state established "( sport = :$port )" 2>/dev/null | wc -l)" -eq 0 ]] && return 0
    sleep 0.2
  done
  echo "  (server on :$port still has connections after 60 s)"
}

RESULTS="$WORK/results"
: >"$RESULTS"
run_gen() { # target n [--stalled]   (WARM=1: a warm-up run, not recorded, one line of output)
  local target="$1" n="$2" url pid changes="$CHANGES" record=(--result "$RESULTS") show='.' rc=0
  shift 2
  if [[ $target == console ]]; then url="$CONSOLE_URL"; pid="$CONSOLE_PID"; else url="$NODE_URL"; pid="$NODE_PID"; fi
  await_idle "${url##*:}"
  if [[ "${WARM:-0}" == 1 ]]; then
    changes="$WARMUP_RUN_CHANGES"; record=(); show='latency change->delivery'
    echo "-- warm-up (not recorded): $target, N=$n, $changes changes"
  else
    echo "-- $target, N=$n${1:+ (with one stalled subscriber)}"
  fi
  # shellcheck disable=SC2086
  timeout "$RUN_LIMIT" java $GEN_JAVA_OPTS -cp "$WORK/feed-classes:$CONSOLE_JAR" io.bfg.console.bench.feed.FeedLoad \
      --target "$target" --url "$url" --server-pid "$pid" --subscribers "$n" --rate "$RATE" --changes "$changes" \
      --warmup-changes "$WARMUP_CHANGES" --event-loops "$EVENT_LOOPS" --connect-concurrency "$CONNECT_CONCURRENCY" \
      --payload "$WORK/evaluation.json" --ws-uri "$WS_URI" "${record[@]}" "$@" >"$WORK/run.log" 2>&1 || rc=$?
  if (( rc != 0 )); then
    cat "$WORK/run.log"
    echo "   generator run failed with exit $rc ($target, N=$n)"
  else
    grep -v '^RESULT ' "$WORK/run.log" | grep -e "$show" || true
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "$target server died; its log:" >&2
    tail -n 30 "$WORK/$target.log" >&2
    exit 3
  fi
}

# Both servers get the same unrecorded warm-up run first, so neither is measured with a cold JIT
# (the console's first measured run was otherwise ~2x slower at p99 than its later ones).
if (( WARMUP_RUN_CHANGES > 0 )); then
  warm_n="${NS[0]}"
  for n in "${NS[@]}"; do (( n < warm_n )) && warm_n=$n; done
  for target in $TARGETS; do WARM=1 run_gen "$target" "$warm_n"; done
fi
# The stalled run follows its baseline at the same N directly: RSS is a high-water mark of the
# server process, so a larger N run in between would be charged to the stalled subscriber.
stalled_done=0
for n in "${NS[@]}"; do
  for target in $TARGETS; do run_gen "$target" "$n"; done
  if (( STALL_N > 0 && n == STALL_N && ! stalled_done )); then
    for target in $TARGETS; do run_gen "$target" "$STALL_N" --stalled; done
    stalled_done=1
  fi
done
if (( STALL_N > 0 && ! stalled_done )); then
  for target in $TARGETS; do run_gen "$target" "$STALL_N"; done
  for target in $TARGETS; do run_gen "$target" "$STALL_N" --stalled; done
fi

# field <target> <n> <stalled 0|1> <key>: the value from that run's RESULT line (empty if none)
field() {
  awk -v t="$1" -v n="$2" -v s="$3" -v k="$4" '
    { delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = substr($i, length(kv[1]) + 2) } }
    v["target"] == t && v["n"] == n && v["stalled"] == s { out = v[k] }
    END { print out }' "$RESULTS"
}

echo
arrived="evaluation"
[[ $EVALUATION == patch ]] && arrived="evaluation or evaluation.patch"
echo "== results, evaluation=$EVALUATION (latency: change request sent -> $arrived fully received; CPU: 100% = one core) =="
printf '%-8s %6s %5s %11s %15s %9s %8s %8s %8s %8s %8s %8s %8s\n' \
  server N stall held delivered/exp deliv/s p50_ms p99_ms max_ms rss_MB srv_CPU gen_CPU other
awk '
  { delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = substr($i, length(kv[1]) + 2) } }
  { printf "%-8s %6s %5s %11s %15s %9.0f %8.1f %8.1f %8.1f %8.0f %7.0f%% %7.0f%% %7.0f%%\n",
      v["target"], v["n"], (v["stalled"] == 1 ? "yes" : "-"), v["ready"] "/" v["n"], v["delivered"] "/" v["expected"],
      v["dps"], v["p50_ms"], v["p99_ms"], v["max_ms"], v["rss_max_mb"], v["srv_cpu_pct"], v["gen_cpu_pct"], v["other_cpu_pct"] }
' "$RESULTS"

status=0
verdict() { # condition-true? label
  if [[ "$1" == 1 ]]; then echo "OK    $2"; else echo "MISS  $2"; status=1; fi
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN { print (a != "" && b != "" && a + 0 >= b + 0) ? 1 : 0 }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { print (a != "" && b != "" && a + 0 < b + 0) ? 1 : 0 }'; }

echo
echo "== targets =="
c_dps="$(field console 5000 0 dps)"; n_dps="$(field node 5000 0 dps)"
c_p99="$(field console 5000 0 p99_ms)"; n_p99="$(field node 5000 0 p99_ms)"
if [[ -n "$c_dps" && -n "$n_dps" ]]; then
  ratio="$(awk -v c="$c_dps" -v n="$n_dps" 'BEGIN { printf "%.2f", (n > 0 ? c / n : 0) }')"
  p99ratio="$(awk -v c="$c_p99" -v n="$n_p99" 'BEGIN { printf "%.2f", (n > 0 ? c / n : 0) }')"
  verdict "$(ge "$ratio" 1.00)" "N=5000 deliveries/s console/node = ${ratio}x ($c_dps vs $n_dps; target >= 1.0x)"
  verdict "$(awk -v c="$c_p99" -v n="$n_p99" 'BEGIN { print (c + 0 <= n + 0) ? 1 : 0 }')" \
    "N=5000 p99 console $c_p99 ms vs node $n_p99 ms (${p99ratio}x; target: no worse)"
else
  echo "n/a   N=5000 console vs node (N=5000 was not run for both)"
fi
c10_ready="$(field console 10000 0 ready)"
if [[ -n "$c10_ready" ]]; then
  c10_p99="$(field console 10000 0 p99_ms)"; c10_closed="$(field console 10000 0 closed)"
  held=$([[ "$c10_ready" == 10000 && "$c10_closed" == 0 ]] && echo 1 || echo 0)
  verdict "$held" "N=10000 held: $c10_ready greeted, $c10_closed closed during the run"
  verdict "$(lt "$c10_p99" 250)" "N=10000 p99 $c10_p99 ms (target < 250 ms)"
else
  echo "n/a   N=10000 (not run)"
fi
if (( STALL_N > 0 )) && [[ -n "$(field console "$STALL_N" 1 p99_ms)" ]]; then
  for target in $TARGETS; do
    base_p99="$(field "$target" "$STALL_N" 0 p99_ms)"; st_p99="$(field "$target" "$STALL_N" 1 p99_ms)"
    base_rss="$(field "$target" "$STALL_N" 0 rss_run_max_mb)"; st_rss="$(field "$target" "$STALL_N" 1 rss_run_max_mb)"
    evals="$(field "$target" "$STALL_N" 1 stall_evals)"; made="$(field "$target" "$STALL_N" 1 stall_changes)"
    last="$(field "$target" "$STALL_N" 1 stall_last_seq)"; final="$(field "$target" "$STALL_N" 1 final_seq)"
    sendq="$(field "$target" "$STALL_N" 1 stall_sendq_end)"; end="$(field "$target" "$STALL_N" 1 stall_end)"
    p99_ok="$(awk -v s="$st_p99" -v b="$base_p99" 'BEGIN { print (s + 0 <= 1.10 * b) ? 1 : 0 }')"
    base_heap="$(field "$target" "$STALL_N" 0 heap_live_mb)"; st_heap="$(field "$target" "$STALL_N" 1 heap_live_mb)"
    mem_ok="$(awk -v s="$st_heap" -v b="$base_heap" -v e="$evals" -v m="$made" -v l="$last" -v f="$final" -v end="$end" \
      'BEGIN { print (s != "" && b != "" && s + 0 <= b + 8 && e + 0 < m + 1 && (l == f || end ~ /closed/)) ? 1 : 0 }')"
    detail="stalled subscriber: got $evals evaluations for $made changes, last seq $last of $final ($end); server kernel Send-Q $sendq B"
    if [[ $target == console ]]; then
      verdict "$p99_ok" "N=$STALL_N with a stalled subscriber: others' p99 $st_p99 ms vs $base_p99 ms without (target within +10%)"
      verdict "$mem_ok" "N=$STALL_N memory bounded: live heap $st_heap MB vs $base_heap MB without (RSS max $st_rss vs $base_rss MB); $detail"
    else
      echo "info  node, N=$STALL_N with a stalled subscriber: p99 $st_p99 ms vs $base_p99 ms; RSS $st_rss vs $base_rss MB; $detail"
    fi
  done
else
  echo "n/a   stalled subscriber (STALL_N=0 or not run)"
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ "${STRICT:-0}" == 1 ]]; then
  exit "$status"
fi
