#!/usr/bin/env bash
# Portico demo: builds the WAR, starts httpbin and Payara Micro on loopback, prints example requests,
# and keeps both running in the foreground until Ctrl-C (or until either of them exits).
#
# Environment:
#   PORTICO_PORT        port of the gateway (default 8080)
#   HTTPBIN_PORT        port of the httpbin backend (default 8081)
#   PORTICO_SKIP_BUILD  set to 1 to use the existing target/portico.war and target/payara-micro.jar
#   PORTICO_CONFIG_FILE routes file to use instead of server-config/payara-micro/demo.properties
#
# The gateway checks tokens against the demo key pair in server-config/payara-micro/demo-keys/, whose private
# half is public: MP_JWT_VERIFY_PUBLICKEY_LOCATION is set to its public key for Payara, whatever it was before.
#
# Needs Java 17 and Debian's python3-httpbin (installed with apt-get when missing).
# Logs and pid files go to target/demo/, which is recreated on every run.
set -euo pipefail

PORTICO_PORT="${PORTICO_PORT:-8080}"
HTTPBIN_PORT="${HTTPBIN_PORT:-8081}"
PORTICO_SKIP_BUILD="${PORTICO_SKIP_BUILD:-0}"
READY_TIMEOUT=90
# Debian's own interpreter: the python3 first on PATH may be another installation without Debian's packages.
DEBIAN_PYTHON=/usr/bin/python3

die() {
    echo "demo: $*" >&2
    exit 1
}

for port in "$PORTICO_PORT" "$HTTPBIN_PORT"; do
    if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
        die "not a port number: $port"
    fi
done
[[ "$PORTICO_PORT" != "$HTTPBIN_PORT" ]] || die "PORTICO_PORT and HTTPBIN_PORT must differ"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd -P)"
# shellcheck source=deploy/lib/processes.sh
source "$ROOT/deploy/lib/processes.sh"
CONFIG_DIR="$ROOT/server-config/payara-micro"
RUN_DIR="$ROOT/target/demo"



# Prints a file:// URL for an absolute path, percent-encoding every byte but unreserved ones and '/'.
file_url() {
    local LC_ALL=C
    local path="$1" url="file://" i c
    for (( i = 0; i < ${#path}; i++ )); do
        c="${path:i:1}"
        case "$c" in
            [A-Za-z0-9/._~-]) url+="$c" ;;
            *) printf -v c '%%%02X' "'$c"; url+="$c" ;;
        esac
    done
    printf '%s\n' "$url"
}

as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

# --- build -----------------------------------------------------------------------------------------------
if [[ "$PORTICO_SKIP_BUILD" != "1" ]]; then
    echo "Building Portico (./mvnw -q -B package -DskipTests) ..."
    ./mvnw -q -B package -DskipTests
fi
for f in target/portico.war target/payara-micro.jar; do
    [[ -f "$f" ]] || die "$f is missing; run without PORTICO_SKIP_BUILD=1 to build it"
done

# --- httpbin ---------------------------------------------------------------------------------------------
if ! "$DEBIAN_PYTHON" -c 'import httpbin' >/dev/null 2>&1; then
    echo "Installing Debian's python3-httpbin ..."
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-httpbin
    "$DEBIAN_PYTHON" -c 'import httpbin' >/dev/null 2>&1 || die "$DEBIAN_PYTHON cannot import httpbin after installing python3-httpbin"
fi

port_open "$HTTPBIN_PORT" && die "port $HTTPBIN_PORT is already in use (set HTTPBIN_PORT to another port)"
port_open "$PORTICO_PORT" && die "port $PORTICO_PORT is already in use (set PORTICO_PORT to another port)"

# --- run directory ---------------------------------------------------------------------------------------
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"

for f in jvm.args micro.args demo.properties demo-keys/public.pem; do
    [[ -f "$CONFIG_DIR/$f" ]] || die "server-config/payara-micro/$f is missing"
done

# PORTICO_CONFIG_FILE names another routes file; relative paths are taken from the project root.
PROPS="$(realpath -m "${PORTICO_CONFIG_FILE:-$CONFIG_DIR/demo.properties}")"
[[ -r "$PROPS" ]] || die "cannot read the routes file $PROPS"
if [[ "$HTTPBIN_PORT" != "8081" ]]; then
    sed "s/127\.0\.0\.1:8081/127.0.0.1:$HTTPBIN_PORT/g" "$PROPS" > "$RUN_DIR/demo.properties"
    PROPS="$RUN_DIR/demo.properties"
fi

# MicroProfile Config maps this variable to mp.jwt.verify.publickey.location. Payara reads that key only as a
# URL (a bare path is not read), and an absolute one, so it is set here rather than in demo.properties.
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$(file_url "$CONFIG_DIR/demo-keys/public.pem")"
export MP_JWT_VERIFY_PUBLICKEY_LOCATION
# The key of consumer demo-app, written next to its hash in demo.properties, for the example below.
DEMO_API_KEY="$(sed -n 's/^# demo key, public: *//p' "$CONFIG_DIR/demo.properties")"

mapfile -t JVM_ARGS < <(read_args "$CONFIG_DIR/jvm.args")
mapfile -t MICRO_ARGS < <(read_args "$CONFIG_DIR/micro.args")

# --- children and cleanup --------------------------------------------------------------------------------
HTTPBIN_PID=""
PAYARA_PID=""

# shellcheck disable=SC2317  # called from the EXIT trap
stop_children() {
    # Payara first, so that requests in flight finish against a live httpbin.
    stop_pids "Stopping the demo ..." "$PAYARA_PID"
    stop_pids "Stopping httpbin ..." "$HTTPBIN_PID"
}

trap stop_children EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Starting httpbin on 127.0.0.1:$HTTPBIN_PORT ..."
"$DEBIAN_PYTHON" -m httpbin.core --host 127.0.0.1 --port "$HTTPBIN_PORT" > "$RUN_DIR/httpbin.log" 2>&1 &
HTTPBIN_PID=$!
echo "$HTTPBIN_PID" > "$RUN_DIR/httpbin.pid"

echo "Starting Payara Micro on 127.0.0.1:$PORTICO_PORT (log: target/demo/payara.log) ..."
java "${JVM_ARGS[@]}" "-Djava.io.tmpdir=$RUN_DIR" "-Dportico.config.file=$PROPS" \
    -jar target/payara-micro.jar \
    --deploy target/portico.war \
    --port "$PORTICO_PORT" \
    "${MICRO_ARGS[@]}" \
    > "$RUN_DIR/payara.log" 2>&1 &
PAYARA_PID=$!
echo "$PAYARA_PID" > "$RUN_DIR/payara.pid"

# --- wait until ready ------------------------------------------------------------------------------------
deadline=$(( SECONDS + READY_TIMEOUT ))
while :; do
    if ! kill -0 "$HTTPBIN_PID" 2>/dev/null; then
        echo "demo: httpbin exited during startup; target/demo/httpbin.log ends with:" >&2
        tail -n 40 "$RUN_DIR/httpbin.log" >&2 || true
        exit 1
    fi
    if ! kill -0 "$PAYARA_PID" 2>/dev/null; then
        echo "demo: Payara Micro exited during startup; target/demo/payara.log ends with:" >&2
        tail -n 40 "$RUN_DIR/payara.log" >&2 || true
        exit 1
    fi
    if grep -qs 'ready in' "$RUN_DIR/payara.log"; then
        # Payara Micro stays up when the application fails to deploy: only Portico's own line says it loaded.
        if ! grep -q 'Portico loaded' "$RUN_DIR/payara.log"; then
            echo "demo: Portico did not deploy; target/demo/payara.log says:" >&2
            grep -A12 -E 'Invalid Portico configuration|Exception while loading the app' "$RUN_DIR/payara.log" \
                | head -n 30 >&2 || tail -n 40 "$RUN_DIR/payara.log" >&2
            exit 1
        fi
        port_open "$HTTPBIN_PORT" && break
    fi
    if (( SECONDS >= deadline )); then
        echo "demo: not ready after ${READY_TIMEOUT}s; target/demo/payara.log ends with:" >&2
        tail -n 40 "$RUN_DIR/payara.log" >&2 || true
        if ! port_open "$HTTPBIN_PORT"; then
            echo "demo: httpbin is not listening on $HTTPBIN_PORT; target/demo/httpbin.log ends with:" >&2
            tail -n 20 "$RUN_DIR/httpbin.log" >&2 || true
        fi
        exit 1
    fi
    sleep 1
done

BASE="http://127.0.0.1:$PORTICO_PORT"
cat <<EOF

Portico demo ready on $BASE
httpbin (the upstream) on http://127.0.0.1:$HTTPBIN_PORT; logs in target/demo/. Try:

  # GET with a query, proxied to httpbin
  curl -g '$BASE/anything?q=portico&tags[]=gateway&tags[]=demo'

  # a form POST
  curl -d 'name=portico&lang=java' '$BASE/anything'

  # X-Forwarded-For added by the gateway (httpbin shows it only with show_env=1)
  curl '$BASE/anything?show_env=1'

  # the slow route gives up after 1 s: 504
  curl -i '$BASE/slow/delay/3'

  # the status route takes only GET and HEAD: 405 with Allow
  curl -i -X POST '$BASE/status/200'

  # no route for this path: 404, as application/problem+json
  curl -i '$BASE/nowhere'

  # the upstream's own status passes through: 418
  curl -i '$BASE/status/418'

Security: /private/** takes a token whose groups hold admin, or the API key of a consumer with the admin
role. Run these from the project root: ./deploy/demo-token.sh signs tokens with the demo key (--help).

  # no credential: 401
  curl -i '$BASE/private/anything'

  # a bad token: 401
  curl -i -H 'Authorization: Bearer not-a-token' '$BASE/private/anything'

  # a good token without the admin role: 403
  curl -i -H "Authorization: Bearer \$(./deploy/demo-token.sh --subject alice --groups user)" '$BASE/private/anything'

  # a good token with it: 200, and httpbin shows the X-Portico-Subject and X-Portico-Roles it received
  curl -H "Authorization: Bearer \$(./deploy/demo-token.sh --subject bob --groups admin)" '$BASE/private/anything'

  # the API key of consumer demo-app (role admin, made with ./deploy/api-key.sh): 200
  curl -H 'X-API-Key: ${DEMO_API_KEY:-<the demo key from demo.properties>}' '$BASE/private/anything'

Quotas, cache, monitoring:

  # five requests a minute, then 429 with Retry-After; every answer carries RateLimit headers
  for i in 1 2 3 4 5 6; do curl -s -o /dev/null -w '%{http_code} ' '$BASE/limited/get'; done; echo

  # the second answer comes from the cache: look at Cache-Status and Age
  curl -s -o /dev/null -D - '$BASE/cached/cache/60'; curl -s -o /dev/null -D - '$BASE/cached/cache/60'

  # two upstreams, one dead: every answer is 200 (retried on the live one), and the dead one is ejected
  for i in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null -w '%{http_code} ' '$BASE/balanced/get'; done; echo
  curl -s -H 'X-API-Key: ${DEMO_API_KEY:-<the demo key from demo.properties>}' '$BASE/_portico/upstreams'

  # the gateway's metrics, and its view of the routes (admin role: the demo key)
  curl -s '$BASE/metrics?scope=application' | grep '^portico_requests_total'
  curl -s -H 'X-API-Key: ${DEMO_API_KEY:-<the demo key from demo.properties>}' '$BASE/_portico/routes'

  # the live dashboard: open $BASE/_portico/dashboard in a browser and give it the demo key

Press Ctrl-C to stop.
EOF

# --- foreground ------------------------------------------------------------------------------------------
status=0
wait -n "$HTTPBIN_PID" "$PAYARA_PID" || status=$?
if ! kill -0 "$PAYARA_PID" 2>/dev/null; then
    echo "demo: Payara Micro exited (status $status); see target/demo/payara.log" >&2
else
    echo "demo: httpbin exited (status $status); see target/demo/httpbin.log" >&2
fi
exit 1
