#!/usr/bin/env bash
# GET /api/evaluation throughput: the console against a bare Vert.x server (BareServer) that
# answers every request with the same bytes, measured side by side with wrk in one run.
# Target: console >= 0.5x bare. Exits 1 on a MISS, 2 when the two bodies differ or wrk saw errors.
#
# Knobs (environment): THREADS=1 CONNECTIONS=50 DURATION=15s WARMUP=5s ROUNDS=5
#                      JAVA_OPTS="-Xms512m -Xmx512m" (the same for both servers) SKIP_BUILD=1
set -euo pipefail
shopt -s inherit_errexit # a failing wrk inside $(measure ...) must stop the run

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${THREADS:-1}"
CONNECTIONS="${CONNECTIONS:-50}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-5s}"
ROUNDS="${ROUNDS:-5}" # alternating console/bare pairs; the median resists a neighbour stealing CPU
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
WRK_LIMIT=120 # seconds any one wrk run may take, whatever DURATION says

command -v wrk >/dev/null || (apt-get -o DPkg::Lock::Timeout=300 update -qq && apt-get -o DPkg::Lock::Timeout=300 install -y -qq wrk >/dev/null)

WORK="$(mktemp -d -t bench-http.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # captured: maven -q still writes colour resets to stdout; shown only when the build fails
  if ! build_log="$(mvn -q -B -DskipTests -pl server -am package 2>&1)"; then
    echo "$build_log" >&2
    exit 3
  fi
fi
BUILT_JAR="$(ls server/target/integration-console*.jar 2>/dev/null | grep -v -e original- -e sources | head -n1 || true)"
if [[ -z "$BUILT_JAR" ]]; then
  echo "no console jar in server/target; run without SKIP_BUILD=1" >&2
  exit 3
fi
# A private copy: a concurrent build cannot swap the jar under a running server.
CONSOLE_JAR="$WORK/console.jar"
cp "$BUILT_JAR" "$CONSOLE_JAR"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
# BareServer, the baseline, needs only vertx-core
BARE_CLASSES="$WORK/bare-classes"
compile_generators "$BARE_CLASSES" bench/src/main/java/io/bfg/console/bench/http/*.java

# Port 0 everywhere: each server binds a free port itself and reports it, so nothing can race us to it.
mkdir -p "$WORK/data"
# shellcheck disable=SC2086
CONSOLE_HOST=127.0.0.1 CONSOLE_PORT=0 CONSOLE_DATA_DIR="$WORK/data" \
  java $JAVA_OPTS -jar "$CONSOLE_JAR" serve >"$WORK/console.log" 2>&1 &
PIDS+=($!)
CONSOLE_PORT="$(await_port "$WORK/console.log" 'listening on http://' 's#.*listening on http://[^:]+:([0-9]+).*#\1#' "${PIDS[0]}")"
CONSOLE_URL="http://127.0.0.1:$CONSOLE_PORT"
for _ in $(seq 1 100); do
  curl -sf "$CONSOLE_URL/health" >/dev/null && break
  sleep 0.1
done
curl -sf "$CONSOLE_URL/health" >/dev/null
curl -sf -o "$WORK/evaluation.json" "$CONSOLE_URL/api/evaluation"

# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$BARE_CLASSES:$CONSOLE_JAR" io.bfg.console.bench.http.BareServer 0 "$WORK/evaluation.json" \
  >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
BARE_PORT="$(await_port "$WORK/bare.log" 'bare server listening on' 's#.*listening on ([0-9]+).*#\1#' "${PIDS[1]}")"
BARE_URL="http://127.0.0.1:$BARE_PORT"

curl -sf -o "$WORK/bare.json" "$BARE_URL/api/evaluation"
if ! cmp -s "$WORK/evaluation.json" "$WORK/bare.json"; then
  echo "the bare server's body differs from the console's" >&2
  exit 2
fi
headers() { curl -s -D - -o /dev/null "$1/api/evaluation" | tr -d '\r' | grep -v '^$' | sed 's/^/    /'; }

echo "== GET /api/evaluation: console vs bare Vert.x, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds =="
echo "body: $(wc -c <"$WORK/evaluation.json") bytes, identical on both (cmp)"
echo "console $CONSOLE_URL headers:"; headers "$CONSOLE_URL"
echo "bare    $BARE_URL headers:"; headers "$BARE_URL"
echo "java: $(java -version 2>&1 | head -n1), JAVA_OPTS=$JAVA_OPTS; cores: $(nproc)"

measure() { wrk_evaluation "$1" "$2"; }

echo "warm-up: $WARMUP each"
measure "$CONSOLE_URL" "$WARMUP" >/dev/null
measure "$BARE_URL" "$WARMUP" >/dev/null

: >"$WORK/console.runs"
: >"$WORK/bare.runs"
for round in $(seq 1 "$ROUNDS"); do
  for side in console bare; do
    if [[ $side == console ]]; then url="$CONSOLE_URL"; else url="$BARE_URL"; fi
    result="$(measure "$url" "$DURATION")"
    read -r rps p99 _ <<<"$result"
    echo "$rps $p99" >>"$WORK/$side.runs"
    printf 'round %d %-7s %10.1f req/s   p99 %7.2f ms\n' "$round" "$side" "$rps" "$p99"
  done
done

console_rps="$(cut -d' ' -f1 "$WORK/console.runs" | median)"
console_p99="$(cut -d' ' -f2 "$WORK/console.runs" | median)"
bare_rps="$(cut -d' ' -f1 "$WORK/bare.runs" | median)"
bare_p99="$(cut -d' ' -f2 "$WORK/bare.runs" | median)"
ratio="$(awk -v c="$console_rps" -v b="$bare_rps" 'BEGIN { printf "%.2f", c / b }')"
printf 'console median %10.1f req/s   p99 %7.2f ms\n' "$console_rps" "$console_p99"
printf 'bare    median %10.1f req/s   p99 %7.2f ms\n' "$bare_rps" "$bare_p99"
echo "ratio console/bare: ${ratio}x (per round: $(paste -d' ' "$WORK/console.runs" "$WORK/bare.runs" \
  | awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 / $3 }'))"
if awk -v r="$ratio" 'BEGIN { exit !(r >= 0.5) }'; then
  echo "target >= 0.5x: OK"
else
  echo "target >= 0.5x: MISS"
  exit 1
fi
