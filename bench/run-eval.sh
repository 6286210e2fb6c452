#!/usr/bin/env bash
# Measures Evaluator.evaluate() with JMH and compares the medians with the targets:
#   BFG scenario (fresh and after 20 runs/sign-offs/decisions): median well under 100 us
#   generated scenario of 1,000 checks (100 groups x 10):       median under 10 ms
#
# Usage: bench/run-eval.sh [JMH benchmark regex]   (from anywhere; it works from the project root)
# Env:   SKIP_BUILD=1          reuse bench/target/benchmarks.jar
#        MVN_ARGS="-o"         extra Maven arguments (e.g. offline)
#        JMH_ARGS="..."        override the run settings (default suits a 2-core box: ~1 minute)
#        STRICT=1              exit 1 when a target is missed
set -euo pipefail
export LC_ALL=C

cd "$(dirname "${BASH_SOURCE[0]}")/.."

JAR=bench/target/benchmarks.jar
RESULTS=bench/target/eval-results.csv
JMH_ARGS=${JMH_ARGS:--f 1 -wi 3 -i 5 -w 1s -r 1s}
FILTER=${1:-EvaluationBenchmark}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building the server and the benchmarks jar"
  # maven.test.skip: the benchmarks need the server classes, not its tests
  # shellcheck disable=SC2086
  mvn -q -B ${MVN_ARGS:-} -Dmaven.test.skip=true -pl bench -am package
fi
[[ -f "$JAR" ]] || { echo "no $JAR: run without SKIP_BUILD=1" >&2; exit 1; }

echo "== running JMH ($JMH_ARGS) on $FILTER"
# shellcheck disable=SC2086
java -Dbench.scenario=scenarios/bfg-flowcontrol -jar "$JAR" $JMH_ARGS -rf csv -rff "$RESULTS" "$FILTER"

# One CSV row per benchmark and per percentile ("...bfgFresh:p0.50"); CSV numbers are locale-free.
percentile() { # benchmark-method percentile -> "score unit" or nothing
  awk -F, -v name="EvaluationBenchmark.$1:p$2" '
    { gsub(/"/, "") }
    substr($1, length($1) - length(name) + 1) == name { printf "%s %s\n", $5, $7; exit }
  ' "$RESULTS"
}

status=0
report() { # label method target unit-symbol decimals
  local label=$1 method=$2 target=$3 symbol=$4 decimals=$5 p50 p99 unit verdict
  read -r p50 unit < <(percentile "$method" 0.50) || true
  if [[ -z "${p50:-}" ]]; then
    printf '%-38s not measured (filtered out?)\n' "$label p50:"
    return
  fi
  read -r p99 _ < <(percentile "$method" 0.99) || true
  if awk -v v="$p50" -v t="$target" 'BEGIN { exit !(v < t) }'; then verdict=OK; else verdict=MISSED; status=1; fi
  printf "%-36s %8.${decimals}f %s  (p99 %.${decimals}f %s; target < %s %s: %s)\n" "$label p50:" "$p50" "$symbol" \
    "${p99:-0}" "$symbol" "$target" "$symbol" "$verdict"
}

echo
echo "== Evaluator.evaluate() medians ($RESULTS)"
report "BFG evaluate, fresh"                bfgFresh           100 "µs" 1
report "BFG evaluate, 20 events applied"    bfgSignedOff       100 "µs" 1
report "BFG evaluate, 20 events, Polish"    bfgSignedOffPolish 100 "µs" 1
report "1,000-check evaluate, fresh"        generatedFresh      10 "ms" 3
report "1,000-check evaluate, signed off"   generatedSignedOff  10 "ms" 3

if [[ "$status" != 0 && "${STRICT:-0}" == 1 ]]; then
  echo "a target was missed" >&2
  exit 1
fi
