#!/usr/bin/env bash
# What one local-model answer costs the copilot's thread (CPU time and bytes allocated), today's code
# against a BASELINE commit, measured the same way in one run: bench/src/.../bench/copilot/AnswerCost.java
# asks questions one after another through CopilotService in its own JVM (no HTTP, no other load),
# WARMUP answers unmeasured, then MEASURED answers; ROUNDS alternating rounds, medians compared.
# The baseline is exported from git (git archive), built offline with Maven, and measured with the same
# AnswerCost compiled against its jar, from its own tree (its prompts and scenario files).
#
# Target (the copilot's reader rewrite): at most 2x the baseline's CPU per answer. BASELINE defaults to
# b0093ad, the last commit with the keyword reader the Lucene reader and the fuller validator replaced.
#
# Usage: bench/run-copilot-cost.sh
# Env:   BASELINE=b0093ad  WARMUP=30000  MEASURED=40000  ROUNDS=3
#        QUESTIONS=<tsv>  (question TAB en|pl [TAB ...]; default the copilot load generator's 8 questions;
#                          e.g. server/src/test/resources/copilot/bfg-flowcontrol.tsv, 130 blind questions)
#        SKIP_BUILD=1 (reuse server/target/integration-console.jar for today's code)  MVN_ARGS="-o"
#        STRICT=1 (exit 1 on a MISS)
set -euo pipefail
shopt -s inherit_errexit
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASELINE="${BASELINE:-b0093ad}"
WARMUP="${WARMUP:-30000}"
MEASURED="${MEASURED:-40000}"
ROUNDS="${ROUNDS:-3}"
QUESTIONS="${QUESTIONS:-}"
SCENARIO="scenarios/bfg-flowcontrol"
for v in WARMUP MEASURED ROUNDS; do
  [[ "${!v}" =~ ^[0-9]+$ ]] && (( ${!v} > 0 )) || { echo "$v is a whole number > 0, got '${!v}'" >&2; exit 2; }
done
if [[ -n "$QUESTIONS" ]]; then
  QUESTIONS="$(cd "$(dirname "$QUESTIONS")" && pwd)/$(basename "$QUESTIONS")"
  [[ -r "$QUESTIONS" ]] || { echo "cannot read QUESTIONS=$QUESTIONS" >&2; exit 2; }
fi

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
scratch bench-copilot-cost
cd "$ROOT"
git rev-parse --verify -q "$BASELINE^{commit}" >/dev/null || { echo "no commit $BASELINE here" >&2; exit 2; }

NOW_JAR="$(console_jar "$WORK")"
CONSOLE_JAR="$NOW_JAR" compile_generators "$WORK/now-classes" bench/src/main/java/io/bfg/console/bench/copilot/AnswerCost.java

echo "building the baseline $BASELINE ($(git log -1 --format='%h %s' "$BASELINE" | cut -c1-90))"
mkdir -p "$WORK/base"
git archive "$BASELINE" | tar -x -C "$WORK/base"
# shellcheck disable=SC2086
if ! build_log="$(cd "$WORK/base" && mvn ${MVN_ARGS:--o} -q -B -DskipTests -pl server -am package 2>&1)"; then
  echo "$build_log" >&2
  exit 3
fi
BASE_JAR="$WORK/base/server/target/integration-console.jar"
CONSOLE_JAR="$BASE_JAR" compile_generators "$WORK/base-classes" bench/src/main/java/io/bfg/console/bench/copilot/AnswerCost.java

# cost <classes> <jar> <tree>: one AnswerCost run from <tree>; prints "CPU_US ALLOC_KB"
cost() {
  local line
  line="$(cd "$3" && java -Xmx1g -cp "$1:$2" io.bfg.console.bench.copilot.AnswerCost "$SCENARIO" prompts \
    "$WARMUP" "$MEASURED" ${QUESTIONS:+"$QUESTIONS"} | grep '^RESULT')" || { echo "AnswerCost failed in $3" >&2; exit 3; }
  sed -E 's/.*cpu_us=([0-9.]+) alloc_kb=([0-9.]+).*/\1 \2/' <<<"$line"
}

echo "java: $(java -version 2>&1 | head -n1); questions: ${QUESTIONS:-the 8 of the load generator}; $WARMUP warm-up + $MEASURED measured answers, $ROUNDS rounds"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %14s %14s\n' round "cpu_us/answer" "alloc_KB/answer"
now_cpu=(); base_cpu=(); now_kb=(); base_kb=()
for r in $(seq 1 "$ROUNDS"); do
  read -r c k < <(cost "$WORK/base-classes" "$BASE_JAR" "$WORK/base")
  base_cpu+=("$c"); base_kb+=("$k"); printf '%-10s %14s %14s\n' "base-$r" "$c" "$k"
  read -r c k < <(cost "$WORK/now-classes" "$NOW_JAR" "$ROOT")
  now_cpu+=("$c"); now_kb+=("$k"); printf '%-10s %14s %14s\n' "now-$r" "$c" "$k"
done
m_now="$(printf '%s\n' "${now_cpu[@]}" | median)"; m_base="$(printf '%s\n' "${base_cpu[@]}" | median)"
k_now="$(printf '%s\n' "${now_kb[@]}" | median)"; k_base="$(printf '%s\n' "${base_kb[@]}" | median)"
ratio="$(awk -v a="$m_now" -v b="$m_base" 'BEGIN { printf "%.2f", a / b }')"
verdict="$(awk -v r="$ratio" 'BEGIN { print (r <= 2.0) ? "OK  " : "MISS" }')"
echo
echo "$verdict  copilot CPU per answer: $m_now us now vs $m_base us at $BASELINE = ${ratio}x (target <= 2x; medians of $ROUNDS)"
echo "info  allocated per answer: $k_now KB now vs $k_base KB at $BASELINE"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ "${STRICT:-0}" == 1 && "$verdict" == MISS ]] && exit 1
exit 0
