#!/usr/bin/env bash
# What a bearer token costs: the console in CONSOLE_AUTH=oidc mode, requests carrying
# `Authorization: Bearer <JWT>` from a real OIDC provider (mock-oauth2-server 6.0.2, its own JVM, the
# one the tests and the identity probe use; bench/oidc-provider/pom.xml), against the console in
# mock-auth-header mode with `X-Actor-Id`, both consoles running side by side in one run.
#
#   1. GET /api/evaluation with wrk (the same tool and settings as bench/run-http.sh): ROUNDS alternating
#      pairs, mock header then bearer, medians compared. In mock mode reads are anonymous, so the header
#      there costs nothing: the baseline is the console without authentication; in oidc mode every
#      request's token is checked (a signature cache hit after the first) and its actor looked up.
#   2. WebSocket upgrades (bench/src/.../bench/auth/UpgradeLoad.java, its own JVM): UPGRADES per mode, one at
#      a time, each a new TCP connection, alternating batches of BATCH (after WS_WARMUP unrecorded ones each).
#      Timed from the connect call to the first frame fully received (the feed's hello, written right
#      behind the 101); the time to the 101 alone is printed too.
#   3. The JWKS requests the provider served (it logs each one): at the consoles' start-up, and during 1 and 2.
#
# The token is minted once (client_credentials, sub user_md_anna, aud integration-console, TOKEN_TTL s),
# so every bearer request after the first is what the console's signature cache answers.
#
# Targets: GET /api/evaluation bearer/mock req/s >= 0.8x (medians);
#          WebSocket upgrade p99 (connect -> first frame) bearer <= 2x mock's;
#          JWKS not fetched per request (at most a handful during the run: none is expected).
# A missed target prints MISS; the exit code is non-zero only for a broken run (3: build, provider or console
# failed; 2: wrk errors, a check before the run failed, bad arguments). STRICT=1 also exits 1 on a MISS.
#
# Usage: bench/run-auth.sh
# Env:   THREADS=1 CONNECTIONS=50 DURATION=15s WARMUP=5s ROUNDS=5   the HTTP part (as bench/run-http.sh)
#        UPGRADES=1000 BATCH=100 WS_WARMUP=200                         the WebSocket part, per mode
#        JAVA_OPTS="-Xms512m -Xmx512m" (both consoles)  GEN_JAVA_OPTS="-Xmx256m" (the upgrade generator)
#        TOKEN_TTL=3600  SKIP_BUILD=1 (reuse server/target/integration-console.jar)
#        MVN_ARGS="-o" (extra Maven arguments, also for resolving the provider)  STRICT=1 (exit 1 on a MISS)
set -euo pipefail
shopt -s inherit_errexit # a failing wrk inside $(measure ...) must stop the run
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${THREADS:-1}"
CONNECTIONS="${CONNECTIONS:-50}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-5s}"
ROUNDS="${ROUNDS:-5}"
UPGRADES="${UPGRADES:-1000}"
BATCH="${BATCH:-100}"
WS_WARMUP="${WS_WARMUP:-200}"
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
GEN_JAVA_OPTS="${GEN_JAVA_OPTS:--Xmx256m}"
TOKEN_TTL="${TOKEN_TTL:-3600}"
MVN_ARGS="${MVN_ARGS:--o}"
WRK_LIMIT=120 # seconds any one wrk run may take, whatever DURATION says
RUN_LIMIT=600 # seconds the upgrade generator may take
ACTOR=user_md_anna
CLIENT_ID=integration-console

for v in THREADS CONNECTIONS ROUNDS UPGRADES BATCH WS_WARMUP TOKEN_TTL; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "$v is a whole number, got '${!v}'" >&2; exit 2; }
done
(( ROUNDS > 0 && UPGRADES > 0 && BATCH > 0 && TOKEN_TTL > 0 )) || { echo "ROUNDS, UPGRADES, BATCH, TOKEN_TTL must be > 0" >&2; exit 2; }
command -v wrk >/dev/null || (apt-get -o DPkg::Lock::Timeout=300 update -qq && apt-get -o DPkg::Lock::Timeout=300 install -y -qq wrk >/dev/null)
command -v jq >/dev/null || (apt-get -o DPkg::Lock::Timeout=300 update -qq && apt-get -o DPkg::Lock::Timeout=300 install -y -qq jq >/dev/null)

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
scratch bench-auth

cd "$ROOT"
CONSOLE_JAR="$(console_jar "$WORK")"
compile_generators "$WORK/classes" bench/src/main/java/io/bfg/console/bench/auth/*.java
# shellcheck disable=SC2086
if ! mvn_log="$(cd bench/oidc-provider && mvn ${MVN_ARGS} -q -B dependency:build-classpath \
    -Dmdep.outputFile="$WORK/provider.cp" 2>&1)"; then
  echo "cannot resolve mock-oauth2-server (bench/oidc-provider/pom.xml):" >&2
  echo "$mvn_log" >&2
  exit 3
fi

# ---- the provider: port 0, loopback; one issuer "bfg" whose client_credentials token for client_id
# user_md_anna has sub user_md_anna and our audience
cat >"$WORK/provider.json" <<EOF
{"interactiveLogin": false,
 "tokenCallbacks": [{"issuerId": "bfg", "tokenExpiry": $TOKEN_TTL, "requestMappings": [
   {"requestParam": "client_id", "match": "$ACTOR", "claims": {"sub": "$ACTOR", "aud": ["$CLIENT_ID"]}}]}]}
EOF
SERVER_HOSTNAME=127.0.0.1 SERVER_PORT=0 JSON_CONFIG_PATH="$WORK/provider.json" \
  java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.no.nav.security=debug \
  -cp "$(cat "$WORK/provider.cp")" no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt >"$WORK/provider.log" 2>&1 &
PROVIDER_PID=$!
PIDS+=("$PROVIDER_PID")
PROVIDER_PORT="$(await_port "$WORK/provider.log" 'started server on address' 's#.*port=([0-9]+).*#\1#' "$PROVIDER_PID")"
ISSUER="http://127.0.0.1:$PROVIDER_PORT/bfg"
jwks_served() { grep -c 'handle jwks request' "$WORK/provider.log" || true; }

# ---- the two consoles, port 0 each; the oidc one without CONSOLE_PUBLIC_URL (its own address is its origin)
start_console() { # name, then VAR=value settings; sets STARTED_PID and STARTED_URL
  local name="$1" pid port
  shift
  mkdir -p "$WORK/$name-data"
  # shellcheck disable=SC2086
  env CONSOLE_HOST=127.0.0.1 CONSOLE_PORT=0 CONSOLE_DATA_DIR="$WORK/$name-data" "$@" \
    java $JAVA_OPTS -jar "$CONSOLE_JAR" serve >"$WORK/$name.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  port="$(await_port "$WORK/$name.log" 'listening on http://' 's#.*listening on http://[^:]+:([0-9]+).*#\1#' "$pid")"
  STARTED_PID="$pid"
  STARTED_URL="http://127.0.0.1:$port"
}
start_console mock
MOCK_PID="$STARTED_PID" MOCK_URL="$STARTED_URL"
start_console oidc CONSOLE_AUTH=oidc CONSOLE_OIDC_ISSUER="$ISSUER" CONSOLE_OIDC_CLIENT_ID="$CLIENT_ID"
OIDC_PID="$STARTED_PID" OIDC_URL="$STARTED_URL"

TOKEN="$(curl -fsS -X POST "http://127.0.0.1:$PROVIDER_PORT/bfg/token" -d grant_type=client_credentials \
  -d client_id="$ACTOR" -d client_secret=bench -d scope=openid | jq -r '.access_token // empty')"
[[ -n "$TOKEN" ]] || { echo "the provider minted no token" >&2; exit 3; }
printf '%s' "$TOKEN" >"$WORK/token"
MOCK_HEADER="X-Actor-Id: $ACTOR"
BEARER_HEADER="Authorization: Bearer $TOKEN"

# Before measuring: each console answers as the actor the way it should, and the oidc one refuses a request
# without the token, so the bearer path is the one measured. The oidc console discovers its issuer in the
# background (503 until then).
for _ in $(seq 1 300); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$BEARER_HEADER" "$OIDC_URL/api/me")" == 200 ]] && break
  kill -0 "$OIDC_PID" 2>/dev/null || { echo "the oidc console exited:" >&2; cat "$WORK/oidc.log" >&2; exit 3; }
  sleep 0.2
done
check() { # description, jq condition, curl arguments...
  local what="$1" condition="$2" body
  shift 2
  body="$(curl -s "$@")"
  jq -e "$condition" <<<"$body" >/dev/null 2>&1 || { echo "check failed: $what: $body" >&2; exit 2; }
}
check "mock /api/me with X-Actor-Id" ".actor.id == \"$ACTOR\" and .auth == \"mock-auth-header\"" -H "$MOCK_HEADER" "$MOCK_URL/api/me"
check "oidc /api/me with the bearer token" ".actor.id == \"$ACTOR\" and .auth == \"oidc\" and .via == \"BEARER\"" \
  -H "$BEARER_HEADER" "$OIDC_URL/api/me"
check "oidc /api/evaluation without a token is refused" '.error.code == "UNAUTHENTICATED"' "$OIDC_URL/api/evaluation"
curl -sf -o "$WORK/mock.json" -H "$MOCK_HEADER" "$MOCK_URL/api/evaluation"
curl -sf -o "$WORK/oidc.json" -H "$BEARER_HEADER" "$OIDC_URL/api/evaluation"
# the evaluation names the auth mode (the scenario's identity facts), so the bodies differ in that name only
mode_blind() { sed -e 's/mock-auth-header/AUTH/g' -e 's/oidc/AUTH/g' "$1"; }
if ! cmp -s <(mode_blind "$WORK/mock.json") <(mode_blind "$WORK/oidc.json"); then
  echo "the two consoles' GET /api/evaluation bodies differ beyond the auth mode's name:" >&2
  diff <(mode_blind "$WORK/mock.json" | jq -S .) <(mode_blind "$WORK/oidc.json" | jq -S .) | head -n 20 >&2
  exit 2
fi
JWKS_AT_START="$(jwks_served)"

echo "== what a bearer token costs: CONSOLE_AUTH=oidc with 'Authorization: Bearer' vs mock-auth-header with 'X-Actor-Id', same run =="
echo "provider: mock-oauth2-server 6.0.2, issuer $ISSUER (pid $PROVIDER_PID); token RS256, sub $ACTOR, aud $CLIENT_ID," \
  "$(jq -R 'split(".")[1] | gsub("-";"+") | gsub("_";"/") | @base64d | fromjson | .exp - .iat' <<<"$TOKEN") s lifetime, ${#TOKEN} bytes"
echo "mock console $MOCK_URL (pid $MOCK_PID), oidc console $OIDC_URL (pid $OIDC_PID); both $JAVA_OPTS"
echo "body: mock $(wc -c <"$WORK/mock.json") bytes, oidc $(wc -c <"$WORK/oidc.json") bytes, identical but for the auth mode's name (cmp)"
echo "java: $(java -version 2>&1 | head -n1); cores: $(nproc), shared by the consoles, the provider and the load generators;" \
  "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN { exit !(l > 0.5) }'; then
  echo "NOTE: the machine is busy with other work; the alternating rounds share it, but single rounds swing"
fi

alive() {
  local name pid
  for name in mock oidc; do
    if [[ $name == mock ]]; then pid="$MOCK_PID"; else pid="$OIDC_PID"; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the $name console died; its log:" >&2
      tail -n 30 "$WORK/$name.log" >&2
      exit 3
    fi
  done
}

# ---- 1. GET /api/evaluation
measure() { wrk_evaluation "$1" "$3" -H "$2"; } # url, header, duration

echo
echo "-- 1. GET /api/evaluation, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS alternating rounds (warm-up $WARMUP each)"
measure "$MOCK_URL" "$MOCK_HEADER" "$WARMUP" >/dev/null
measure "$OIDC_URL" "$BEARER_HEADER" "$WARMUP" >/dev/null
: >"$WORK/mock.runs"
: >"$WORK/bearer.runs"
for round in $(seq 1 "$ROUNDS"); do
  for side in mock bearer; do
    if [[ $side == mock ]]; then result="$(measure "$MOCK_URL" "$MOCK_HEADER" "$DURATION")"
    else result="$(measure "$OIDC_URL" "$BEARER_HEADER" "$DURATION")"; fi
    echo "$result" >>"$WORK/$side.runs"
    read -r rps p99 _ <<<"$result"
    printf 'round %d %-6s %10.1f req/s   p99 %7.2f ms\n' "$round" "$side" "$rps" "$p99"
  done
  alive
done
mock_rps="$(cut -d' ' -f1 "$WORK/mock.runs" | median)"
mock_p99="$(cut -d' ' -f2 "$WORK/mock.runs" | median)"
bearer_rps="$(cut -d' ' -f1 "$WORK/bearer.runs" | median)"
bearer_p99="$(cut -d' ' -f2 "$WORK/bearer.runs" | median)"
bearer_requests="$(awk '{ n += $3 } END { print n + 0 }' "$WORK/bearer.runs")"
http_ratio="$(awk -v b="$bearer_rps" -v m="$mock_rps" 'BEGIN { printf "%.2f", b / m }')"
per_round="$(paste -d' ' "$WORK/bearer.runs" "$WORK/mock.runs" | awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 / $4 }')"
JWKS_AFTER_HTTP="$(jwks_served)"

# ---- 2. WebSocket upgrades
echo
echo "-- 2. WebSocket upgrades (/ws?lang=en), one at a time, $UPGRADES per mode in alternating batches of $BATCH" \
  "(after $WS_WARMUP each); connect call -> first frame (hello) received"
rc=0
# shellcheck disable=SC2086
timeout "$RUN_LIMIT" java $GEN_JAVA_OPTS -cp "$WORK/classes:$CONSOLE_JAR" io.bfg.console.bench.auth.UpgradeLoad \
  --mock-url "$MOCK_URL" --oidc-url "$OIDC_URL" --actor "$ACTOR" --token-file "$WORK/token" \
  --upgrades "$UPGRADES" --batch "$BATCH" --warmup "$WS_WARMUP" >"$WORK/upgrades.log" 2>&1 || rc=$?
grep -v '^RESULT ' "$WORK/upgrades.log" || true
alive
if (( rc != 0 )); then
  echo "the upgrade generator failed with exit $rc (a broken run)" >&2
  exit 3
fi
field() { # mode key: the value from the generator's RESULT line for that mode
  awk -v m="$1" -v k="$2" '
    /^RESULT / { delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                 if (v["mode"] == m) print v[k] }' "$WORK/upgrades.log"
}
JWKS_AT_END="$(jwks_served)"

echo
echo "== results ($(nproc) cores shared by both consoles, the provider and the load generators) =="
printf 'GET /api/evaluation  mock   median %10.1f req/s   p99 %7.2f ms\n' "$mock_rps" "$mock_p99"
printf 'GET /api/evaluation  bearer median %10.1f req/s   p99 %7.2f ms\n' "$bearer_rps" "$bearer_p99"
for mode in mock bearer; do
  printf 'WebSocket upgrade    %-6s  101 p50 / p99 %6.2f / %6.2f ms   first frame p50 / p99 / max %6.2f / %6.2f / %6.2f ms\n' \
    "$mode" "$(field "$mode" up_p50_ms)" "$(field "$mode" up_p99_ms)" "$(field "$mode" first_p50_ms)" \
    "$(field "$mode" first_p99_ms)" "$(field "$mode" first_max_ms)"
done
jwks_run=$(( JWKS_AT_END - JWKS_AT_START ))
bearer_total=$(( bearer_requests + UPGRADES ))
echo "JWKS requests the provider served: $JWKS_AT_START at the oidc console's start-up, $(( JWKS_AFTER_HTTP - JWKS_AT_START ))" \
  "during part 1, $(( JWKS_AT_END - JWKS_AFTER_HTTP )) during part 2 ($bearer_total measured requests and upgrades with the" \
  "bearer token, plus the warm-ups)"

status=0
verdict() { # condition-true? label
  if [[ "$1" == 1 ]]; then echo "OK    $2"; else echo "MISS  $2"; status=1; fi
}
echo
echo "== targets =="
verdict "$(awk -v r="$http_ratio" 'BEGIN { print (r >= 0.8) ? 1 : 0 }')" \
  "GET /api/evaluation bearer/mock = ${http_ratio}x ($bearer_rps vs $mock_rps req/s, median of $ROUNDS; per round: $per_round; target >= 0.8x)"
m_p99="$(field mock first_p99_ms)"; b_p99="$(field bearer first_p99_ms)"
ws_ratio="$(awk -v b="$b_p99" -v m="$m_p99" 'BEGIN { printf "%.2f", (m > 0 ? b / m : 0) }')"
verdict "$(awk -v r="$ws_ratio" -v m="$m_p99" 'BEGIN { print (m > 0 && r <= 2.0) ? 1 : 0 }')" \
  "WebSocket upgrade p99 bearer/mock = ${ws_ratio}x ($b_p99 vs $m_p99 ms, connect -> first frame, $UPGRADES each; target <= 2x)"
verdict "$(( jwks_run <= 3 ? 1 : 0 ))" \
  "JWKS not fetched per request: $jwks_run fetches during the run for $bearer_total bearer requests and upgrades (target: a handful at most)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ "${STRICT:-0}" == 1 ]]; then
  exit "$status"
fi
