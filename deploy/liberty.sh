#!/usr/bin/env bash
# Portico on Open Liberty: builds the WAR, fetches Open Liberty through Maven, creates a server from
# server-config/liberty, starts httpbin and the server on loopback, prints example requests, and keeps both
# running in the foreground until Ctrl-C or TERM (or until either of them exits).
#
# Environment:
#   PORTICO_PORT        port of the gateway (default 9080)
#   HTTPBIN_PORT        port of the httpbin backend (default 8081)
#   PORTICO_SKIP_BUILD  set to 1 to use the existing target/portico.war and target/servers/wlp
#   PORTICO_CONFIG_FILE routes file to use instead of server-config/payara-micro/demo.properties
#
# The server is target/liberty/usr/servers/portico (WLP_USER_DIR=target/liberty/usr), recreated on every run:
# server-config/liberty's files, the WAR as apps/portico.war, and in jvm.options the routes file
# (portico.config.file) and the demo's public key (mp.jwt.verify.publickey.location, whose private half is
# public: see server-config/payara-micro/demo-keys/). Its log is target/liberty/usr/servers/portico/logs/.
#
# Needs Java 17 and Debian's python3-httpbin (installed with apt-get when missing).
set -euo pipefail

PORTICO_PORT="${PORTICO_PORT:-9080}"
HTTPBIN_PORT="${HTTPBIN_PORT:-8081}"
PORTICO_SKIP_BUILD="${PORTICO_SKIP_BUILD:-0}"
READY_TIMEOUT=180
SERVER=portico
# Debian's own interpreter: the python3 first on PATH may be another installation without Debian's packages.
DEBIAN_PYTHON=/usr/bin/python3

die() {
    echo "liberty: $*" >&2
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
CONFIG_DIR="$ROOT/server-config/liberty"
DEMO_DIR="$ROOT/server-config/payara-micro"
WLP="$ROOT/target/servers/wlp"
RUN_DIR="$ROOT/target/liberty"
export WLP_USER_DIR="$RUN_DIR/usr"
SERVER_DIR="$WLP_USER_DIR/servers/$SERVER"
LOG="$SERVER_DIR/logs/messages.log"

as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

# --- build and fetch ------------------------------------------------------------------------------------
if [[ "$PORTICO_SKIP_BUILD" != "1" ]]; then
    echo "Building Portico (./mvnw -q -B package -DskipTests) ..."
    ./mvnw -q -B package -DskipTests
    if [[ ! -x "$WLP/bin/server" ]]; then
        version="$(sed -n 's:.*<openliberty.version>\(.*\)</openliberty.version>.*:\1:p' pom.xml)"
        [[ -n "$version" ]] || die "pom.xml names no openliberty.version"
        echo "Fetching Open Liberty $version through Maven (io.openliberty:openliberty-runtime) ..."
        ./mvnw -q -B dependency:unpack "-Dartifact=io.openliberty:openliberty-runtime:$version:zip" \
            -DoutputDirectory=target/servers
    fi
fi
[[ -f target/portico.war ]] || die "target/portico.war is missing; run without PORTICO_SKIP_BUILD=1 to build it"
[[ -x "$WLP/bin/server" ]] || die "$WLP is missing; run without PORTICO_SKIP_BUILD=1 to fetch it"

# --- httpbin ---------------------------------------------------------------------------------------------
if ! "$DEBIAN_PYTHON" -c 'import httpbin' >/dev/null 2>&1; then
    echo "Installing Debian's python3-httpbin ..."
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-httpbin
    "$DEBIAN_PYTHON" -c 'import httpbin' >/dev/null 2>&1 || die "$DEBIAN_PYTHON cannot import httpbin after installing python3-httpbin"
fi

port_open "$HTTPBIN_PORT" && die "port $HTTPBIN_PORT is already in use (set HTTPBIN_PORT to another port)"
port_open "$PORTICO_PORT" && die "port $PORTICO_PORT is already in use (set PORTICO_PORT to another port)"

# --- the server ------------------------------------------------------------------------------------------
for f in server.xml bootstrap.properties jvm.options; do
    [[ -f "$CONFIG_DIR/$f" ]] || die "server-config/liberty/$f is missing"
done
[[ -f "$DEMO_DIR/demo-keys/public.pem" ]] || die "server-config/payara-micro/demo-keys/public.pem is missing"

rm -rf "$RUN_DIR"
mkdir -p "$SERVER_DIR/apps"
cp "$CONFIG_DIR/server.xml" "$CONFIG_DIR/bootstrap.properties" "$CONFIG_DIR/jvm.options" "$SERVER_DIR/"
cp target/portico.war "$SERVER_DIR/apps/portico.war"

# PORTICO_CONFIG_FILE names another routes file; relative paths are taken from the project root.
PROPS="$(realpath -m "${PORTICO_CONFIG_FILE:-$DEMO_DIR/demo.properties}")"
[[ -r "$PROPS" ]] || die "cannot read the routes file $PROPS"
if [[ "$HTTPBIN_PORT" != "8081" ]]; then
    sed "s/127\.0\.0\.1:8081/127.0.0.1:$HTTPBIN_PORT/g" "$PROPS" > "$RUN_DIR/demo.properties"
    PROPS="$RUN_DIR/demo.properties"
fi
# The key location as a file: URL, as Portico asks on every server (Open Liberty refuses an inline
# mp.jwt.verify.publickey without its PEM lines, so the demo names the file).
cat >> "$SERVER_DIR/jvm.options" <<EOF
# Added by deploy/liberty.sh for this run.
-Dportico.config.file=$PROPS
-Dmp.jwt.verify.publickey.location=file://$DEMO_DIR/demo-keys/public.pem
-Djava.io.tmpdir=$RUN_DIR
EOF
# server.xml's variables: the port, and the address (loopback).
printf 'default.http.port=%s\ndefault.host=127.0.0.1\n' "$PORTICO_PORT" >> "$SERVER_DIR/bootstrap.properties"

# The key of consumer demo-app, written next to its hash in demo.properties, for the example below.
DEMO_API_KEY="$(sed -n 's/^# demo key, public: *//p' "$DEMO_DIR/demo.properties")"

# --- children and cleanup --------------------------------------------------------------------------------
HTTPBIN_PID=""
LIBERTY_PID=""

# shellcheck disable=SC2317  # called from the EXIT trap
stop_children() {
    # The server first, so that requests in flight finish against a live httpbin.
    stop_pids "Stopping Open Liberty ..." "$LIBERTY_PID"
    stop_pids "Stopping httpbin ..." "$HTTPBIN_PID"
}

trap stop_children EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Starting httpbin on 127.0.0.1:$HTTPBIN_PORT ..."
"$DEBIAN_PYTHON" -m httpbin.core --host 127.0.0.1 --port "$HTTPBIN_PORT" > "$RUN_DIR/httpbin.log" 2>&1 &
HTTPBIN_PID=$!
echo "$HTTPBIN_PID" > "$RUN_DIR/httpbin.pid"

echo "Starting Open Liberty on 127.0.0.1:$PORTICO_PORT (log: ${LOG#"$ROOT/"}) ..."
# server run keeps the server in the foreground: its process is the JVM (the script execs java).
"$WLP/bin/server" run "$SERVER" > "$RUN_DIR/console.log" 2>&1 &
LIBERTY_PID=$!
echo "$LIBERTY_PID" > "$RUN_DIR/liberty.pid"

# --- wait until ready ------------------------------------------------------------------------------------
deadline=$(( SECONDS + READY_TIMEOUT ))
while :; do
    if ! kill -0 "$HTTPBIN_PID" 2>/dev/null; then
        echo "liberty: httpbin exited during startup; target/liberty/httpbin.log ends with:" >&2
        tail -n 40 "$RUN_DIR/httpbin.log" >&2 || true
        exit 1
    fi
    if ! kill -0 "$LIBERTY_PID" 2>/dev/null; then
        echo "liberty: Open Liberty exited during startup; target/liberty/console.log ends with:" >&2
        tail -n 40 "$RUN_DIR/console.log" >&2 || true
        exit 1
    fi
    # CWWKZ0002E: the application failed to start; the server stays up without it.
    if grep -qs 'CWWKZ0002E' "$LOG"; then
        echo "liberty: Portico did not deploy; ${LOG#"$ROOT/"} says:" >&2
        grep -A12 -E 'Invalid Portico configuration|CWWKZ0002E' "$LOG" | head -n 30 >&2
        exit 1
    fi
    # CWWKZ0001I: application started; CWWKF0011I: the server is ready.
    if grep -qs 'CWWKZ0001I' "$LOG" && grep -qs 'CWWKF0011I' "$LOG" && port_open "$PORTICO_PORT"; then
        port_open "$HTTPBIN_PORT" && break
    fi
    if (( SECONDS >= deadline )); then
        echo "liberty: not ready after ${READY_TIMEOUT}s; ${LOG#"$ROOT/"} ends with:" >&2
        tail -n 40 "$LOG" >&2 || true
        if ! port_open "$HTTPBIN_PORT"; then
            echo "liberty: httpbin is not listening on $HTTPBIN_PORT; target/liberty/httpbin.log ends with:" >&2
            tail -n 20 "$RUN_DIR/httpbin.log" >&2 || true
        fi
        exit 1
    fi
    sleep 1
done

BASE="http://127.0.0.1:$PORTICO_PORT"
KEY="${DEMO_API_KEY:-<the demo key from demo.properties>}"
cat <<EOF

Portico on Open Liberty ready on $BASE
httpbin (the upstream) on http://127.0.0.1:$HTTPBIN_PORT; server log in ${LOG#"$ROOT/"}. Try:

  # GET with a query, proxied to httpbin
  curl -g '$BASE/anything?q=portico&tags[]=gateway'

  # the slow route gives up after 1 s: 504; no route for this path: 404, as application/problem+json
  curl -i '$BASE/slow/delay/3'
  curl -i '$BASE/nowhere'

Security: /private/** takes a token whose groups hold admin, or the API key of a consumer with the admin
role. Run these from the project root: ./deploy/demo-token.sh signs tokens with the demo key (--help).

  # no credential, or a bad token: 401 with WWW-Authenticate; a good token without the role: 403
  curl -i '$BASE/private/anything'
  curl -i -H 'Authorization: Bearer not-a-token' '$BASE/private/anything'
  curl -i -H "Authorization: Bearer \$(./deploy/demo-token.sh --subject alice --groups user)" '$BASE/private/anything'

  # a good token with the role, and the API key of consumer demo-app: 200
  curl -H "Authorization: Bearer \$(./deploy/demo-token.sh --subject bob --groups admin)" '$BASE/private/anything'
  curl -H 'X-API-Key: $KEY' '$BASE/private/anything'

Quotas, cache, monitoring:

  # five requests a minute, then 429 with Retry-After
  for i in 1 2 3 4 5 6; do curl -s -o /dev/null -w '%{http_code} ' '$BASE/limited/get'; done; echo

  # the second answer comes from the cache: look at Cache-Status and Age
  curl -s -o /dev/null -D - '$BASE/cached/cache/60'; curl -s -o /dev/null -D - '$BASE/cached/cache/60'

  # the gateway's metrics (mpMetrics-5.1), and its view of the routes (admin role: the demo key)
  curl -s '$BASE/metrics?scope=application' | grep '^portico_requests_total'
  curl -s -H 'X-API-Key: $KEY' '$BASE/_portico/routes'

Press Ctrl-C to stop.
EOF

# --- foreground ------------------------------------------------------------------------------------------
status=0
wait -n "$HTTPBIN_PID" "$LIBERTY_PID" || status=$?
if ! kill -0 "$LIBERTY_PID" 2>/dev/null; then
    echo "liberty: Open Liberty exited (status $status); see target/liberty/console.log" >&2
else
    echo "liberty: httpbin exited (status $status); see target/liberty/httpbin.log" >&2
fi
exit 1
