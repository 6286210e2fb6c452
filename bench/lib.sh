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
