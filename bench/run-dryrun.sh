#!/usr/bin/env bash
# Dry-run replay throughput: the console's POST /api/pipelines/dry-run against PostgreSQL's own bulk
# path (psql \copy), side by side in one run on the same embedded PostgreSQL 14 and the same tables.
#
#   console: the dry-run of a scenario copy whose sample-data.json holds ~ROWS generated rows (split
#            over the 7 generated tables); its adapter-replay step reports writeRowsPerSecond (2,000-row
#            INSERTs of unnest()ed text arrays, two in flight) and readRowsPerSecond (every row read
#            back through the Pg client (binary format), rendered as canonical JSON on a worker while the
#            event loop decodes the next rows, the SHA-256 recomputed table by table)
#   psql:    one session, one transaction rolled back: the runbook SQL, the tenant setting, a timed
#            \copy FROM per table (CSV of the same rows), then a timed \copy (select ...) TO /dev/null
#            per table; FORCE ROW LEVEL SECURITY is lifted for the loads (PostgreSQL refuses COPY FROM
#            under RLS) and restored for the reads
#
# The console runs in the benchmark's JVM (DryRunBenchmark, bench/src/.../bench/dryrun/) with the
# Vert.x blocked-thread check at 100 ms, so every event-loop stall over 100 ms is counted.
# WARMUPS unmeasured dry-runs first (the JIT needs several runs' worth of rows before the replay's row
# rendering is compiled; the first, cold, run is printed as "warm-up") and one psql session, then ROUNDS
# alternating pairs; the report gives the medians.
# Targets: write >= 0.5x COPY FROM, read-back+checksum >= 0.5x COPY TO, 0 blocked-thread warnings.
# A missed target prints MISS; the exit code is non-zero only for a broken run (3: a pipeline that
# did not pass, a psql error, a row count that does not add up; 2: bad arguments).
#
# Usage: bench/run-dryrun.sh [ROWS]            (default 100000 generated rows in all)
# Env:   WARMUPS=5  ROUNDS=3  JAVA_OPTS="-Xms2g -Xmx2g"  SKIP_BUILD=1 (reuse bench/target/benchmarks.jar)
#        MVN_ARGS="-o" (extra Maven arguments, e.g. offline)  PSQL=psql  KEEP_WORK=1 (keep the scratch dir)
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-100000}"
WARMUPS="${WARMUPS:-5}"
ROUNDS="${ROUNDS:-3}"
JAVA_OPTS="${JAVA_OPTS:--Xms2g -Xmx2g}"
PSQL="${PSQL:-psql}"
[[ "$ROWS" =~ ^[0-9]+$ ]] || { echo "ROWS is a whole number, got '$ROWS'" >&2; exit 2; }

command -v "$PSQL" >/dev/null \
  || (apt-get -o DPkg::Lock::Timeout=300 update -qq \
      && apt-get -o DPkg::Lock::Timeout=300 install -y -qq postgresql-client >/dev/null)

WORK="$(mktemp -d -t bench-dryrun.XXXXXX)"
BENCH_PID=""
cleanup() {
  if [[ -n "$BENCH_PID" ]]; then
    kill "$BENCH_PID" 2>/dev/null || true
    wait "$BENCH_PID" 2>/dev/null || true
  fi
  # The benchmark stops its embedded PostgreSQL itself; if it was killed first, stop that server by its pid file.
  local pidfile="$WORK/data/target-pg/pgdata/postmaster.pid"
  if [[ -f "$pidfile" ]]; then
    local pg_pid
    pg_pid="$(head -n1 "$pidfile")"
    if [[ "$pg_pid" =~ ^[0-9]+$ ]] && kill -INT "$pg_pid" 2>/dev/null; then
      for _ in $(seq 1 100); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then
    echo "scratch directory kept: $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # captured: maven -q still writes colour resets to stdout; shown only when the build fails
  # shellcheck disable=SC2086
  if ! build_log="$(mvn -q -B ${MVN_ARGS:-} -DskipTests -pl bench -am package 2>&1)"; then
    echo "$build_log" >&2
    exit 3
  fi
fi
[[ -f bench/target/benchmarks.jar ]] || { echo "no bench/target/benchmarks.jar; run without SKIP_BUILD=1" >&2; exit 3; }
# A private copy: a concurrent build cannot swap the jar under a running benchmark.
cp bench/target/benchmarks.jar "$WORK/benchmarks.jar"

BLOCKED_LOG="$ROOT/bench/target/dryrun-blocked-threads.log"
rm -f "$BLOCKED_LOG"
echo "JAVA_OPTS=$JAVA_OPTS (the benchmark JVM, console included)"
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$WORK/benchmarks.jar" io.bfg.console.bench.dryrun.DryRunBenchmark \
  --work "$WORK" --rows "$ROWS" --warmups "$WARMUPS" --rounds "$ROUNDS" --scenario scenarios/bfg-flowcontrol \
  --psql "$(command -v "$PSQL")" --blocked-log "$BLOCKED_LOG" &
BENCH_PID=$!
rc=0
wait "$BENCH_PID" || rc=$?
BENCH_PID=""
exit "$rc"
