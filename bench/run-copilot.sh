#!/usr/bin/env bash
# Copilot under load, and what it does to the feed: the console's POST /api/copilot/ask (local model,
# Server-Sent Events) with ASKERS concurrent askers, then the IntegrationFeed.v1 fan-out measured
# without and with those askers running, all against one console in its own JVM.
#
#   1. copilot alone: ASKERS askers (bench/src/.../bench/copilot/CopilotLoad.java, its own JVM), each in
#      a closed loop over 8 EN/PL questions (next question as soon as its answer is in), WARMUP s unmeasured,
#      then DURATION s measured. Latency is taken from the event stream as it arrives (Vert.x HttpClient,
#      chunk by chunk): request sent -> first SSE event complete, and request sent -> `answer` event complete.
#      Each asker sends its own X-Actor-Id (the 5 scenario actors, round-robin); the console runs with
#      CONSOLE_COPILOT_RATE_PER_MINUTE=$ASK_RATE_LIMIT so the rate limit never answers (100000 did once answers
#      passed 8,300/s: 4 askers per actor then ask more than 100,000 times a minute).
#   2. the feed: FEED_N WebSocket subscribers held by the feed load generator of bench/run-feed.sh
#      (bench/src/.../bench/feed/FeedLoad.java, its own JVM), RATE changes/s (accept/revoke of
#      cutover.contracts-frozen as user_md_anna) for CHANGES changes; latency = change request sent ->
#      evaluation (or, with EVALUATION=patch, evaluation.patch) fully received, per subscriber. Measured ROUNDS times each way, alternating: without copilot
#      load, then with the ASKERS askers running (a third JVM, started and warmed up before the feed run
#      starts, stopped after it ends; its own figures are printed too).
#
# Targets: copilot alone  answer p99 < 20 ms;  first SSE event p99 < 50 ms
#          feed           p99 with the askers running within +10% of its p99 without (medians over ROUNDS)
# A missed target prints MISS; the exit code is non-zero only for a broken run (3: an ask that did not end in
# an answer, no answers, a feed generator that failed, the console died; 2: bad arguments). STRICT=1 also
# exits 1 on a MISS.
#
# Reading the figures: every process shares the machine's cores (2 on the reference box): the console, the
# copilot generator and the feed generator. With a closed loop the askers keep ASKERS questions in flight all
# the time, so answer latency is about ASKERS / answers-per-second (Little's law): the latency target is a
# CPU-per-answer target, and the askers take every cycle the console's copilot workers can get. The feed's p99
# over CHANGES changes is roughly its slowest change or two, so short runs mislead (30 changes a round gave
# 1.39x and 0.74x on the same code; 150 changes in each of 5 rounds gave 0.75x-1.06x): CHANGES defaults to 150,
# ROUNDS to 5, and the verdict compares medians. The per-change line (POST answered/first/last delivery) shows whether a p99 is one slow
# change or all of them.
#
# Usage: bench/run-copilot.sh
# Env:   ASKERS=20 WARMUP=60 DURATION=20           copilot phase (seconds); the console's JIT needs ~50 s of
#                                                 asking before the rate settles (the generator prints it every 5 s)
#        FEED_N=1000 RATE=1 CHANGES=150 WARMUP_CHANGES=3 ROUNDS=5   (about 30 minutes in all)
#        ASKERS_SETTLE=15  seconds the askers (a fresh JVM each round) ask before a with-askers feed run starts:
#                          with 3, their generator's JIT and the console's first answers to a cold generator
#                          overlapped the first measured changes, which came 2-3x slower than the rest
#        ANSWERS_PER_SECOND=2000  the console's copilot pace, all askers together (its default; 1000000 = unpaced)
#        EVALUATION=patch|whole  how the feed's subscribers take a change (default patch, the dashboard's
#                                mode: evaluation.patch messages; whole: the ~43 KB evaluation every time)
#        WARMUP_RUN_CHANGES=10  an unrecorded feed run first (0 = none)
#        COPILOT_EVENT_LOOPS=1 FEED_EVENT_LOOPS=2 CONNECT_CONCURRENCY=256   generator settings
#        SERVER_JAVA_OPTS="-Xmx1g" COPILOT_GEN_JAVA_OPTS="-Xmx512m" FEED_GEN_JAVA_OPTS="-Xms1g -Xmx1g -XX:+AlwaysPreTouch"
#        SKIP_BUILD=1 (reuse server/target/integration-console.jar)  MVN_ARGS="-o" (extra Maven arguments)
#        STRICT=1 (exit 1 on a MISS)
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ASKERS="${ASKERS:-20}"
WARMUP="${WARMUP:-60}"
DURATION="${DURATION:-20}"
FEED_N="${FEED_N:-1000}"
# the console's default pace (CONSOLE_COPILOT_ANSWERS_PER_SECOND); 1000000 measures the copilot unpaced
ANSWERS_PER_SECOND="${ANSWERS_PER_SECOND:-2000}"
EVALUATION="${EVALUATION:-patch}"
RATE="${RATE:-1}"
CHANGES="${CHANGES:-150}"
WARMUP_CHANGES="${WARMUP_CHANGES:-3}"
WARMUP_RUN_CHANGES="${WARMUP_RUN_CHANGES:-10}"
ROUNDS="${ROUNDS:-5}"
ASKERS_SETTLE="${ASKERS_SETTLE:-15}"
COPILOT_EVENT_LOOPS="${COPILOT_EVENT_LOOPS:-1}"
FEED_EVENT_LOOPS="${FEED_EVENT_LOOPS:-2}"
CONNECT_CONCURRENCY="${CONNECT_CONCURRENCY:-256}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xmx1g}"
COPILOT_GEN_JAVA_OPTS="${COPILOT_GEN_JAVA_OPTS:--Xmx512m}"
# Pre-touched: without it the feed generator's first pass over fresh heap pages (43 MB of frames per change) cost
# it ~4x the CPU per change for several seconds (page faults), which under the copilot's load showed up as ~10
# consecutive changes delivered ~250 ms late: a generator artifact, not the console's
FEED_GEN_JAVA_OPTS="${FEED_GEN_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}"
MVN_ARGS="${MVN_ARGS:--o}"
RUN_LIMIT=600 # seconds any one generator run may take
ASK_RATE_LIMIT=10000000 # per asker per minute: the console's maximum, far above what 20 askers can ask

for v in ASKERS ANSWERS_PER_SECOND WARMUP DURATION FEED_N RATE CHANGES WARMUP_CHANGES WARMUP_RUN_CHANGES ROUNDS ASKERS_SETTLE \
         COPILOT_EVENT_LOOPS \
         FEED_EVENT_LOOPS CONNECT_CONCURRENCY; do
  [[ "${!v}" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "$v is a number, got '${!v}'" >&2; exit 2; }
done
(( ASKERS > 0 && ROUNDS > 0 && CHANGES > 0 && FEED_N > 0 )) || { echo "ASKERS, ROUNDS, CHANGES, FEED_N must be > 0" >&2; exit 2; }
[[ "$EVALUATION" == patch || "$EVALUATION" == whole ]] || { echo "EVALUATION is patch or whole, got '$EVALUATION'" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
need_open_files $(( FEED_N + 1024 ))

scratch bench-copilot

cd "$ROOT"
CONSOLE_JAR="$(console_jar "$WORK")"
# The feed generator is bench/run-feed.sh's, unchanged.
CLASSES="$WORK/classes"
compile_generators "$CLASSES" bench/src/main/java/io/bfg/console/bench/feed/*.java bench/src/main/java/io/bfg/console/bench/copilot/*.java
CP="$CLASSES:$CONSOLE_JAR"


mkdir -p "$WORK/data"
# shellcheck disable=SC2086
CONSOLE_HOST=127.0.0.1 CONSOLE_PORT=0 CONSOLE_DATA_DIR="$WORK/data" CONSOLE_COPILOT_RATE_PER_MINUTE="$ASK_RATE_LIMIT" \
  CONSOLE_COPILOT_ANSWERS_PER_SECOND="$ANSWERS_PER_SECOND" \
  java $SERVER_JAVA_OPTS -jar "$CONSOLE_JAR" serve >"$WORK/console.log" 2>&1 &
CONSOLE_PID=$!
PIDS+=("$CONSOLE_PID")
CONSOLE_PORT="$(await_port "$WORK/console.log" 'listening on http://' 's#.*listening on http://[^:]+:([0-9]+).*#\1#' "$CONSOLE_PID")"
CONSOLE_URL="http://127.0.0.1:$CONSOLE_PORT"
for _ in $(seq 1 100); do
  curl -sf "$CONSOLE_URL/health" >/dev/null && break
  sleep 0.1
done
# One sign-off and its revocation: proves the change path the feed runs use.
for action in accept revoke; do
  curl -sf -X POST -H 'X-Actor-Id: user_md_anna' "$CONSOLE_URL/api/checks/cutover.contracts-frozen/$action" >/dev/null
done
curl -sf -o "$WORK/evaluation.json" "$CONSOLE_URL/api/evaluation"

echo "== copilot under load: $ASKERS askers (local model), then the feed at N=$FEED_N without and with them =="
echo "console $CONSOLE_URL (pid $CONSOLE_PID, $SERVER_JAVA_OPTS, CONSOLE_COPILOT_RATE_PER_MINUTE=$ASK_RATE_LIMIT, CONSOLE_COPILOT_ANSWERS_PER_SECOND=$ANSWERS_PER_SECOND): $(head -n1 "$WORK/console.log")"
echo "java: $(java -version 2>&1 | head -n1); copilot generator $COPILOT_GEN_JAVA_OPTS, $COPILOT_EVENT_LOOPS event loop(s);" \
  "feed generator $FEED_GEN_JAVA_OPTS, $FEED_EVENT_LOOPS event loops"
echo "machine: $(nproc) cores shared by the console and the load generators (all on this box); load average at start:" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN { exit !(l > 0.5) }'; then
  echo "NOTE: the machine is busy with other work; see 'everything else on the box' per run before trusting the figures"
fi

RESULTS="$WORK/results"
: >"$RESULTS"

alive() {
  if ! kill -0 "$CONSOLE_PID" 2>/dev/null; then
    echo "the console died; its log:" >&2
    tail -n 30 "$WORK/console.log" >&2
    exit 3
  fi
}

# copilot_gen <label> [args...]: runs CopilotLoad in the foreground; its RESULT line gets "phase=<label>".
copilot_gen() {
  local label="$1"
  shift
  # shellcheck disable=SC2086
  timeout "$RUN_LIMIT" java $COPILOT_GEN_JAVA_OPTS -cp "$CP" io.bfg.console.bench.copilot.CopilotLoad \
    --url "$CONSOLE_URL" --server-pid "$CONSOLE_PID" --askers "$ASKERS" --event-loops "$COPILOT_EVENT_LOOPS" \
    --label "$label" --result "$RESULTS" "$@"
}

echo
echo "-- 1. copilot alone: $ASKERS askers, ${WARMUP} s warm-up, ${DURATION} s measured"
rc=0
copilot_gen alone --warmup-s "$WARMUP" --duration-s "$DURATION" --show-answers >"$WORK/alone.log" 2>&1 || rc=$?
grep -v '^RESULT ' "$WORK/alone.log" | grep -v '^MEASURING ' || true
alive
if (( rc != 0 )); then
  echo "   copilot generator failed with exit $rc (a broken run)" >&2
  exit 3
fi

# feed_run <label> <with 0|1> [changes]: one FeedLoad run; with 1, CopilotLoad runs around it.
feed_run() {
  local label="$1" with="$2" changes="${3:-$CHANGES}" rc=0 cop_pid="" cop_rc=0
  if [[ $with == 1 ]]; then
    rm -f "$WORK/stop"
    copilot_gen "$label" --warmup-s "$ASKERS_SETTLE" --stop-file "$WORK/stop" >"$WORK/$label.copilot.log" 2>&1 &
    cop_pid=$!
    PIDS+=("$cop_pid")
    for _ in $(seq 1 600); do
      grep -q '^MEASURING ' "$WORK/$label.copilot.log" 2>/dev/null && break
      kill -0 "$cop_pid" 2>/dev/null || break
      sleep 0.1
    done
    grep -q '^MEASURING ' "$WORK/$label.copilot.log" || { cat "$WORK/$label.copilot.log" >&2; echo "copilot generator did not start" >&2; exit 3; }
  fi
  # shellcheck disable=SC2086
  timeout "$RUN_LIMIT" java $FEED_GEN_JAVA_OPTS -cp "$CP" io.bfg.console.bench.feed.FeedLoad \
      --target console --url "$CONSOLE_URL" --server-pid "$CONSOLE_PID" --subscribers "$FEED_N" --rate "$RATE" \
      --changes "$changes" --warmup-changes "$WARMUP_CHANGES" --event-loops "$FEED_EVENT_LOOPS" \
      --connect-concurrency "$CONNECT_CONCURRENCY" --payload "$WORK/evaluation.json" \
      --ws-uri "/ws?lang=en&evaluation=$EVALUATION" \
      >"$WORK/$label.feed.log" 2>&1 || rc=$?
  if [[ $with == 1 ]]; then
    touch "$WORK/stop"
    wait "$cop_pid" || cop_rc=$?
  fi
  alive
  if (( rc != 0 )); then
    cat "$WORK/$label.feed.log" >&2
    echo "   feed generator failed with exit $rc ($label)" >&2
    exit 3
  fi
  sed -n 's/^RESULT /RESULT phase='"$label"' /p' "$WORK/$label.feed.log" >>"$RESULTS"
  grep -v '^RESULT ' "$WORK/$label.feed.log" \
    | grep -e 'subscribers connected' -e 'latency change->delivery' -e 'per change, POST' -e 'CPU over' \
           -e 'busiest server threads' -e 'GC during' \
    || true
  if [[ $with == 1 ]]; then
    echo "   copilot meanwhile:"
    grep -v -e '^RESULT ' -e '^MEASURING ' "$WORK/$label.copilot.log" | grep -v "  '" | sed 's/^/ /' || true
    if (( cop_rc != 0 )); then
      echo "   copilot generator failed with exit $cop_rc ($label; a broken run)" >&2
      exit 3
    fi
  fi
}

echo
echo "-- 2. feed: N=$FEED_N subscribers (evaluation=$EVALUATION), $CHANGES changes at $RATE/s (+$WARMUP_CHANGES warm-up) per run, $ROUNDS round(s) of without/with $ASKERS askers"
if (( WARMUP_RUN_CHANGES > 0 )); then
  echo "-- warm-up feed run (not recorded), $WARMUP_RUN_CHANGES changes"
  feed_run warmup 0 "$WARMUP_RUN_CHANGES" >/dev/null
  sed -i '/phase=warmup /d' "$RESULTS"
fi
for round in $(seq 1 "$ROUNDS"); do
  echo "-- round $round: feed without copilot load"
  feed_run "without-$round" 0
  echo "-- round $round: feed with $ASKERS askers running"
  feed_run "with-$round" 1
done

# by <tag> <name> <key>: the value of <key> in the RESULT line whose <tag> is <name> (empty if none); the copilot
# generator's lines carry label=alone|with-R, the feed generator's phase=without-R|with-R
by() {
  awk -v t="$1" -v p="$2" -v k="$3" '
    { delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = substr($i, length(kv[1]) + 2) } }
    v[t] == p && (k in v) { out = v[k] }
    END { print out }' "$RESULTS"
}
copilot_field() { by label "$1" "$2"; }
field() { by phase "$1" "$2"; }

echo
echo "== results ($(nproc) cores shared by the console and the generators; CPU: 100% = one core) =="
printf '%-12s %8s %9s %9s %9s %10s %10s %8s %8s %8s\n' copilot answers answers/s p50_ms p99_ms first50_ms first99_ms srv_CPU gen_CPU other
for label in alone $(for r in $(seq 1 "$ROUNDS"); do echo "with-$r"; done); do
  printf '%-12s %8s %9s %9s %9s %10s %10s %7s%% %7s%% %7s%%\n' "$label" "$(copilot_field "$label" answers)" \
    "$(copilot_field "$label" aps)" "$(copilot_field "$label" p50_ms)" "$(copilot_field "$label" p99_ms)" \
    "$(copilot_field "$label" first_p50_ms)" "$(copilot_field "$label" first_p99_ms)" \
    "$(copilot_field "$label" srv_cpu_pct)" "$(copilot_field "$label" gen_cpu_pct)" "$(copilot_field "$label" other_cpu_pct)"
done
echo "   ('with-R' rows: the askers while the feed ran; their generator is part of 'other' in the feed rows below)"
printf '%-12s %6s %13s %7s %7s %7s %8s %8s %8s %8s %8s %8s %15s\n' feed N delivered/exp p50_ms p99_ms max_ms \
  post_ms first_ms last_ms srv_CPU gen_CPU other srv_GC
for round in $(seq 1 "$ROUNDS"); do
  for label in "without-$round" "with-$round"; do
    printf '%-12s %6s %13s %7s %7s %7s %8s %8s %8s %7.0f%% %7.0f%% %7.0f%% %15s\n' "$label" "$(field "$label" n)" \
      "$(field "$label" delivered)/$(field "$label" expected)" "$(field "$label" p50_ms)" "$(field "$label" p99_ms)" \
      "$(field "$label" max_ms)" "$(field "$label" post_ms)" "$(field "$label" first_ms)" "$(field "$label" fanout_done_ms)" \
      "$(field "$label" srv_cpu_pct)" "$(field "$label" gen_cpu_pct)" "$(field "$label" other_cpu_pct)" \
      "$(field "$label" srv_gc | tr '_' ' ')"
  done
done
echo "   (per change, medians: post = the change's POST answered, first/last = its first/last subscriber served;"
echo "    srv_GC = the console's collections during the changes)"

status=0
verdict() { # condition-true? label
  if [[ "$1" == 1 ]]; then echo "OK    $2"; else echo "MISS  $2"; status=1; fi
}
lt() { awk -v a="$1" -v b="$2" 'BEGIN { print (a != "" && b != "" && a + 0 < b + 0) ? 1 : 0 }'; }

echo
echo "== targets ($(nproc) cores shared by the console and the load generators) =="
a_p99="$(copilot_field alone p99_ms)"; a_first="$(copilot_field alone first_p99_ms)"
verdict "$(lt "$a_p99" 20)" "copilot alone, $ASKERS askers: answer p99 $a_p99 ms (target < 20 ms; p50 $(copilot_field alone p50_ms) ms, $(copilot_field alone aps) answers/s)"
verdict "$(lt "$a_first" 50)" "copilot alone, $ASKERS askers: first SSE event p99 $a_first ms (target < 50 ms; p50 $(copilot_field alone first_p50_ms) ms)"
without="$(for r in $(seq 1 "$ROUNDS"); do field "without-$r" p99_ms; done | median)"
with="$(for r in $(seq 1 "$ROUNDS"); do field "with-$r" p99_ms; done | median)"
ratio="$(awk -v w="$with" -v b="$without" 'BEGIN { printf "%.2f", (b > 0 ? w / b : 0) }')"
per_round="$(for r in $(seq 1 "$ROUNDS"); do echo "$(field "without-$r" p99_ms)->$(field "with-$r" p99_ms)"; done | paste -sd' ')"
verdict "$(awk -v w="$with" -v b="$without" 'BEGIN { print (w != "" && b > 0 && w + 0 <= 1.10 * b) ? 1 : 0 }')" \
  "feed N=$FEED_N p99 with $ASKERS askers $with ms vs $without ms without = ${ratio}x (target <= 1.10x; median of $ROUNDS round(s): $per_round ms)"
p50_without="$(for r in $(seq 1 "$ROUNDS"); do field "without-$r" p50_ms; done | median)"
p50_with="$(for r in $(seq 1 "$ROUNDS"); do field "with-$r" p50_ms; done | median)"
echo "info  feed N=$FEED_N p50 with $ASKERS askers $p50_with ms vs $p50_without ms without; copilot while the feed ran:" \
  "$(for r in $(seq 1 "$ROUNDS"); do copilot_field "with-$r" aps; done | median) answers/s, answer p99" \
  "$(for r in $(seq 1 "$ROUNDS"); do copilot_field "with-$r" p99_ms; done | median) ms (medians)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ "${STRICT:-0}" == 1 ]]; then
  exit "$status"
fi
