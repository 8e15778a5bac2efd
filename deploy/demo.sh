#!/usr/bin/env bash
# Portico demo: builds the WAR, starts httpbin and a server with the gateway on loopback, prints example
# requests, and keeps both running in the foreground until Ctrl-C (or until either of them exits).
#
#   deploy/demo.sh [--server payara-micro|wildfly|liberty]     (default payara-micro)
#
# WildFly and Open Liberty are fetched through Maven into target/servers/ and configured from server-config/
# (docs/wildfly.md, docs/liberty.md); Payara Micro comes with the build.
#
# Environment:
#   PORTICO_SERVER      the server, as --server
#   PORTICO_PORT        port of the gateway (default 8080)
#   HTTPBIN_PORT        port of the httpbin backend (default 8081)
#   PORTICO_SKIP_BUILD  set to 1 to use the existing target/portico.war and target/payara-micro.jar
#   PORTICO_CONFIG_FILE routes file to use instead of server-config/payara-micro/demo.properties
#   WILDFLY_MANAGEMENT_PORT  WildFly's management port, where its metrics are (default 9990)
#
# The gateway checks tokens against the demo key pair in server-config/payara-micro/demo-keys/, whose private
# half is public: MP_JWT_VERIFY_PUBLICKEY_LOCATION is set to its public key, whatever it was before.
#
# Needs Java 17 and Debian's python3-httpbin (installed with apt-get when missing).
# Logs and pid files go to target/demo/, which is recreated on every run.
set -euo pipefail

PORTICO_PORT="${PORTICO_PORT:-8080}"
HTTPBIN_PORT="${HTTPBIN_PORT:-8081}"
PORTICO_SKIP_BUILD="${PORTICO_SKIP_BUILD:-0}"
SERVER="${PORTICO_SERVER:-payara-micro}"
READY_TIMEOUT=150
# Debian's own interpreter: the python3 first on PATH may be another installation without Debian's packages.
DEBIAN_PYTHON=/usr/bin/python3

die() {
    echo "demo: $*" >&2
    exit 1
}

while (( $# )); do
    case "$1" in
        --server) (( $# >= 2 )) || die "--server needs a name"; SERVER="$2"; shift 2 ;;
        --server=*) SERVER="${1#--server=}"; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (try --help)" ;;
    esac
done
case "$SERVER" in
    payara-micro|wildfly|liberty) ;;
    *) die "unknown server: $SERVER (payara-micro, wildfly or liberty)" ;;
esac

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
# shellcheck source=deploy/lib/servers.sh
source "$ROOT/deploy/lib/servers.sh"
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
[[ -f target/portico.war ]] || die "target/portico.war is missing; run without PORTICO_SKIP_BUILD=1 to build it"

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

for f in demo.properties demo-keys/public.pem; do
    [[ -f "$CONFIG_DIR/$f" ]] || die "server-config/payara-micro/$f is missing"
done

# PORTICO_CONFIG_FILE names another routes file; relative paths are taken from the project root.
PROPS="$(realpath -m "${PORTICO_CONFIG_FILE:-$CONFIG_DIR/demo.properties}")"
[[ -r "$PROPS" ]] || die "cannot read the routes file $PROPS"
if [[ "$HTTPBIN_PORT" != "8081" ]]; then
    sed "s/127\.0\.0\.1:8081/127.0.0.1:$HTTPBIN_PORT/g" "$PROPS" > "$RUN_DIR/demo.properties"
    PROPS="$RUN_DIR/demo.properties"
fi

# MicroProfile Config maps these variables to portico.config.file and mp.jwt.verify.publickey.location, on every
# server. Payara reads the key only from a URL (a bare path is not read), and an absolute one, so it is set here
# rather than in demo.properties.
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$(file_url "$CONFIG_DIR/demo-keys/public.pem")"
PORTICO_CONFIG_FILE="$PROPS"
export MP_JWT_VERIFY_PUBLICKEY_LOCATION PORTICO_CONFIG_FILE
# The key of consumer demo-app, written next to its hash in demo.properties, for the example below.
DEMO_API_KEY="$(sed -n 's/^# demo key, public: *//p' "$CONFIG_DIR/demo.properties")"

"prepare_$SERVER"

# --- children and cleanup --------------------------------------------------------------------------------
HTTPBIN_PID=""
SERVER_PID=""
SERVER_LOG=""

# shellcheck disable=SC2317  # called from the EXIT trap
stop_children() {
    # The server first, so that requests in flight finish against a live httpbin.
    stop_pids "Stopping the demo ..." "$SERVER_PID"
    stop_pids "Stopping httpbin ..." "$HTTPBIN_PID"
}

trap stop_children EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Starting httpbin on 127.0.0.1:$HTTPBIN_PORT ..."
"$DEBIAN_PYTHON" -m httpbin.core --host 127.0.0.1 --port "$HTTPBIN_PORT" > "$RUN_DIR/httpbin.log" 2>&1 &
HTTPBIN_PID=$!
echo "$HTTPBIN_PID" > "$RUN_DIR/httpbin.pid"

"start_$SERVER"
echo "$SERVER_PID" > "$RUN_DIR/server.pid"
LOG_NAME="${SERVER_LOG#"$ROOT/"}"
echo "Starting $SERVER on 127.0.0.1:$PORTICO_PORT (log: $LOG_NAME) ..."

# --- wait until ready ------------------------------------------------------------------------------------
deadline=$(( SECONDS + READY_TIMEOUT ))
while :; do
    if ! kill -0 "$HTTPBIN_PID" 2>/dev/null; then
        echo "demo: httpbin exited during startup; target/demo/httpbin.log ends with:" >&2
        tail -n 40 "$RUN_DIR/httpbin.log" >&2 || true
        exit 1
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "demo: $SERVER exited during startup; $LOG_NAME ends with:" >&2
        tail -n 40 "$SERVER_LOG" >&2 || true
        exit 1
    fi
    # Every server stays up when the application fails to deploy: only Portico's own lines tell.
    if grep -qs 'Invalid Portico configuration' "$SERVER_LOG"; then
        echo "demo: Portico did not deploy; $LOG_NAME says:" >&2
        grep -A12 'Invalid Portico configuration' "$SERVER_LOG" | head -n 30 >&2
        exit 1
    fi
    if grep -qs 'Portico loaded' "$SERVER_LOG" && port_open "$PORTICO_PORT" && port_open "$HTTPBIN_PORT"; then
        break
    fi
    if (( SECONDS >= deadline )); then
        echo "demo: not ready after ${READY_TIMEOUT}s; $LOG_NAME ends with:" >&2
        tail -n 40 "$SERVER_LOG" >&2 || true
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

Portico demo ready on $BASE ($SERVER)
httpbin (the upstream) on http://127.0.0.1:$HTTPBIN_PORT; the server's log is $LOG_NAME. Try:

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
  curl -s -o /dev/null -D - '$BASE/limited/get' | grep -i -E '^(ratelimit|retry-after)'

  # the second answer comes from the cache: look at Cache-Status and Age
  curl -s -o /dev/null -D - '$BASE/cached/cache/60'; curl -s -o /dev/null -D - '$BASE/cached/cache/60'

  # two upstreams, one dead: every answer is 200 (retried on the live one), and the dead one is ejected
  for i in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null -w '%{http_code} ' '$BASE/balanced/get'; done; echo
  curl -s -H 'X-API-Key: ${DEMO_API_KEY:-<the demo key from demo.properties>}' '$BASE/_portico/upstreams'

  # the gateway's metrics, and its view of the routes (admin role: the demo key)
  curl -s '$(metrics_$SERVER)' | grep '^portico_requests_total'
  curl -s -H 'X-API-Key: ${DEMO_API_KEY:-<the demo key from demo.properties>}' '$BASE/_portico/routes'

  # the live dashboard: open $BASE/_portico/dashboard in a browser and give it the demo key

Press Ctrl-C to stop.
EOF

# --- foreground ------------------------------------------------------------------------------------------
status=0
wait -n "$HTTPBIN_PID" "$SERVER_PID" || status=$?
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "demo: $SERVER exited (status $status); see $LOG_NAME" >&2
else
    echo "demo: httpbin exited (status $status); see target/demo/httpbin.log" >&2
fi
exit 1
