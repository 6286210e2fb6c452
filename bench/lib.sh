# Shared by the bench scripts (sourced, not run).

# Waits for a line matching $2 in log $1 and prints the port captured by the sed expression $3;
# fails early, with the log, if process $4 exits first.
await_port() {
  local log="$1" pattern="$2" extract="$3" pid="$4"
  for _ in $(seq 1 600); do
    if grep -q "$pattern" "$log" 2>/dev/null; then
      grep -m1 "$pattern" "$log" | sed -E "$extract"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "server exited before listening:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "server did not start within 60 s:" >&2
  cat "$log" >&2
  return 1
}

# Raises the open-files limit as far as allowed; exits 2 when it stays below $1 descriptors
# (each subscriber is one descriptor in the generator, one in the server).
need_open_files() {
  local needed="$1"
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  if (( $(ulimit -n) < needed )); then
    echo "open-files limit $(ulimit -n) is too low: $needed needed (raise the hard limit)" >&2
    exit 2
  fi
}

# Builds the console (unless SKIP_BUILD=1; MVN_ARGS are passed to Maven) and copies its jar to
# $1/console.jar, so a concurrent build cannot swap the jar under a running server; prints that path.
console_jar() {
  local work="$1" build_log
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    # captured: maven -q still writes colour resets to stdout; shown only when the build fails
    # shellcheck disable=SC2086
    if ! build_log="$(mvn ${MVN_ARGS:-} -q -B -DskipTests -pl server -am package 2>&1)"; then
      echo "$build_log" >&2
      exit 3
    fi
  fi
  local built="server/target/integration-console.jar"
  [[ -f "$built" ]] || { echo "no $built; run without SKIP_BUILD=1" >&2; exit 3; }
  cp "$built" "$work/console.jar"
  echo "$work/console.jar"
}

# Compiles load generators ($2...: source files under bench/src/main/java) into $1 against the console
# jar ($CONSOLE_JAR), which carries vertx-core: the generators need nothing of the JMH half of the bench
# module. With the source path, javac also compiles the bench classes they use (Latencies, Args), so a
# generator that starts using one cannot break a script that lists only its own package.
compile_generators() {
  local classes="$1"
  shift
  javac --release 17 -nowarn -d "$classes" -cp "$CONSOLE_JAR" -sourcepath "$ROOT/bench/src/main/java" "$@" \
    2> >(grep -v -e 'warning: Cannot find annotation method' -e 'class file for io.vertx.codegen' -e '^[0-9]* warnings$' >&2)
}

# Sets WORK to a new scratch directory named after $1 and PIDS to an empty list; when the script
# ends (or is interrupted) every process in PIDS is stopped and WORK removed.
scratch() {
  WORK="$(mktemp -d -t "$1.XXXXXX")"
  PIDS=()
  trap stop_and_clean EXIT
  trap 'exit 130' INT TERM
}

stop_and_clean() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}

# Runs wrk once against $1/api/evaluation for $2 (more wrk arguments after, e.g. -H 'Name: value'), with
# the caller's THREADS, CONNECTIONS and WRK_LIMIT; prints "REQ_PER_SEC P99_MS REQUESTS" and exits 2 on
# socket errors or non-2xx answers.
wrk_evaluation() {
  local url="$1" duration="$2" out
  shift 2
  out="$(timeout "$WRK_LIMIT" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency "$@" "$url/api/evaluation")"
  if grep -q -e 'Socket errors' -e 'Non-2xx' <<<"$out"; then
    echo "wrk reported errors against $url:" >&2
    echo "$out" >&2
    exit 2
  fi
  awk '
    /requests in/ { n = $1 }
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" {
      v = $2
      if (v ~ /us$/) { sub(/us$/, "", v); p99 = v / 1000 }
      else if (v ~ /ms$/) { sub(/ms$/, "", v); p99 = v }
      else if (v ~ /s$/) { sub(/s$/, "", v); p99 = v * 1000 }
    }
    END { printf "%s %.3f %s\n", rps, p99, n }' <<<"$out"
}

# The median of the numbers on stdin, one per line (an empty line when there are none).
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
