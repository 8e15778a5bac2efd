#!/usr/bin/env bash
# HTTP cache conformance of Portico, measured with the http-cache-tests suite (cache-tests.fyi) on loopback.
#
#   ./deploy/cache-conformance.sh              the whole suite; scores beside published results of other caches
#   ./deploy/cache-conformance.sh --id TEST_ID one test, with the suite's dump of every request and response
#
# Installs the npm package http-cache-tests into target/cache-conformance/ (once), starts its test server on
# 127.0.0.1, builds the WAR, starts Payara Micro with one route, /** to that server with the cache on, runs the
# suite through the gateway into target/cache-conformance/portico.json and scores it with
# ../shared/tools/cache-score.mjs (beside the project root), listing the failing required tests in
# target/cache-conformance/failing.txt. Exits 0 when the run completed, whatever the score.
#
# Environment:
#   PORTICO_PORT           port of the gateway (default 18180)
#   CACHE_TESTS_PORT       port of the suite's test server, the upstream (default 18100)
#   PORTICO_SKIP_BUILD     set to 1 to use the existing target/portico.war and target/payara-micro.jar
#   PORTICO_CACHE_KEY_OFF  set to 1 to leave portico.route.all.cache=on out of the routes file (a baseline
#                          without the cache, or a build that does not know the key yet)
#   PORTICO_SHARED_DIR     the shared folder holding tools/cache-score.mjs (default: ../shared beside the root)
#
# Needs Java 17, Node.js 14.8 or later with npm, and the npm registry for the first install.
# Logs go to target/cache-conformance/ (cache-tests-server.log, payara.log), recreated on every run but for
# the installed package.
set -euo pipefail

SUITE_PACKAGE=http-cache-tests
SUITE_VERSION=0.4.5
PORTICO_PORT="${PORTICO_PORT:-18180}"
CACHE_TESTS_PORT="${CACHE_TESTS_PORT:-18100}"
PORTICO_SKIP_BUILD="${PORTICO_SKIP_BUILD:-0}"
PORTICO_CACHE_KEY_OFF="${PORTICO_CACHE_KEY_OFF:-0}"
# Time limits in seconds: every step ends by itself.
INSTALL_TIMEOUT=300
BUILD_TIMEOUT=1200
READY_TIMEOUT=120
SUITE_TIMEOUT=600
ONE_TEST_TIMEOUT=120

die() {
    echo "cache-conformance: $*" >&2
    exit 1
}

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

TEST_ID=""
while (( $# )); do
    case "$1" in
        --id) (( $# >= 2 )) || die "--id needs a test id"; TEST_ID="$2"; shift 2 ;;
        --id=*) TEST_ID="${1#--id=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done
if [[ -n "$TEST_ID" && ! "$TEST_ID" =~ ^[A-Za-z0-9._-]+$ ]]; then
    die "not a test id: $TEST_ID"
fi

for port in "$PORTICO_PORT" "$CACHE_TESTS_PORT"; do
    if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
        die "not a port number: $port"
    fi
done
[[ "$PORTICO_PORT" != "$CACHE_TESTS_PORT" ]] || die "PORTICO_PORT and CACHE_TESTS_PORT must differ"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd -P)"
# shellcheck source=deploy/lib/processes.sh
source "$ROOT/deploy/lib/processes.sh"
CONFIG_DIR="$ROOT/server-config/payara-micro"
RUN_DIR="$ROOT/target/cache-conformance"
SUITE_DIR="$RUN_DIR/node_modules/$SUITE_PACKAGE"
SHARED_DIR="${PORTICO_SHARED_DIR:-$ROOT/../shared}"
SCORE="$SHARED_DIR/tools/cache-score.mjs"


# bounded DIR SECONDS COMMAND...: runs COMMAND in DIR and stops it (with every process it started) after
# SECONDS; in the background and waited for, so that Ctrl-C or a TERM reaches the trap at once, which stops it
# too. Returns COMMAND's status, 124 when it ran out of time.
CHILD_PID=""
bounded() {
    local dir="$1" limit="$2" status=0
    shift 2
    # timeout runs COMMAND in a process group of its own and signals the whole group.
    (cd "$dir" && exec timeout --kill-after=10 "$limit" "$@") &
    CHILD_PID=$!
    wait "$CHILD_PID" || status=$?
    CHILD_PID=""
    return "$status"
}


command -v node >/dev/null 2>&1 || die "node is not on PATH (Node.js 14.8 or later is needed)"
command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
command -v timeout >/dev/null 2>&1 || die "timeout (coreutils) is not on PATH"

# --- the suite -------------------------------------------------------------------------------------------
installed_version() {
    [[ -f "$SUITE_DIR/package.json" ]] || return 0
    node -e 'process.stdout.write(String(require(process.argv[1]).version || ""))' "$SUITE_DIR/package.json" \
        2>/dev/null || true
}

mkdir -p "$RUN_DIR"
if [[ "$(installed_version)" != "$SUITE_VERSION" ]]; then
    echo "Installing $SUITE_PACKAGE@$SUITE_VERSION into target/cache-conformance/ ..."
    bounded "$ROOT" "$INSTALL_TIMEOUT" npm install --no-audit --no-fund --prefix "$RUN_DIR" "$SUITE_PACKAGE@$SUITE_VERSION" \
        || die "npm install of $SUITE_PACKAGE@$SUITE_VERSION failed (or took over ${INSTALL_TIMEOUT}s)"
    [[ "$(installed_version)" == "$SUITE_VERSION" ]] \
        || die "$SUITE_DIR does not hold $SUITE_PACKAGE $SUITE_VERSION after npm install"
fi

if [[ -n "$TEST_ID" ]]; then
    # The suite's cli crashes on an unknown id; say so plainly instead.
    (cd "$SUITE_DIR" && node --no-warnings --input-type=module -e '
        const id = process.argv[1]
        const suites = [...(await import("./tests/index.mjs")).default, (await import("./tests/surrogate-control.mjs")).default]
        process.exit(suites.some(s => s.tests.some(t => t.id === id)) ? 0 : 3)' "$TEST_ID") \
        || die "no test with id $TEST_ID in $SUITE_PACKAGE $SUITE_VERSION (ids: the keys of $SUITE_DIR/results/squid.json)"
fi
if [[ -z "$TEST_ID" && ! -f "$SCORE" ]]; then
    die "cannot find $SCORE (the shared folder beside the project root; set PORTICO_SHARED_DIR to another one)"
fi

# --- build -----------------------------------------------------------------------------------------------
if [[ "$PORTICO_SKIP_BUILD" != "1" ]]; then
    echo "Building Portico (./mvnw -q -B package -DskipTests) ..."
    bounded "$ROOT" "$BUILD_TIMEOUT" ./mvnw -q -B package -DskipTests < /dev/null \
        || die "the build failed (or took over ${BUILD_TIMEOUT}s)"
fi
for f in target/portico.war target/payara-micro.jar; do
    [[ -f "$f" ]] || die "$f is missing; run without PORTICO_SKIP_BUILD=1 to build it"
done
for f in jvm.args micro.args pre-boot.asadmin; do
    [[ -f "$CONFIG_DIR/$f" ]] || die "server-config/payara-micro/$f is missing"
done

port_open "$CACHE_TESTS_PORT" && die "port $CACHE_TESTS_PORT is already in use (set CACHE_TESTS_PORT to another port)"
port_open "$PORTICO_PORT" && die "port $PORTICO_PORT is already in use (set PORTICO_PORT to another port)"

# --- run directory (the installed suite stays) -----------------------------------------------------------
rm -rf "$RUN_DIR/payara"
rm -f "$RUN_DIR"/{routes.properties,loopback.cjs,cache-tests-server.log,cache-tests-server.pid,payara.log} \
      "$RUN_DIR"/{payara.pid,portico.json,portico.json.part,cli.log,failing.txt}
mkdir -p "$RUN_DIR/payara"

# The suite's server calls listen(port) with no host, which binds every interface, and has no option for an
# address. This module, loaded before it, gives such a call the loopback address instead.
cat > "$RUN_DIR/loopback.cjs" <<'EOF'
// Loaded with node --require before the suite's server: a listen(port[, callback]) without a host binds
// 127.0.0.1 instead of every interface.
const net = require('net')
const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  if (/^[0-9]+$/.test(String(args[0])) && (args.length === 1 || typeof args[1] === 'function')) {
    args.splice(1, 0, '127.0.0.1')
  }
  return listen.apply(this, args)
}
EOF

{
    echo "# Written by deploy/cache-conformance.sh: everything to the suite's test server, through the cache."
    echo "portico.route.all.path=/**"
    echo "portico.route.all.upstream=http://127.0.0.1:$CACHE_TESTS_PORT"
    if [[ "$PORTICO_CACHE_KEY_OFF" == "1" ]]; then
        echo "# portico.route.all.cache=on left out (PORTICO_CACHE_KEY_OFF=1)"
    else
        echo "portico.route.all.cache=on"
        echo "# The suite's origin sets cookies on responses meant for every client; Portico stores those only when told."
        echo "portico.cache.store-set-cookie=true"
    fi
} > "$RUN_DIR/routes.properties"

mapfile -t JVM_ARGS < <(read_args "$CONFIG_DIR/jvm.args")
mapfile -t MICRO_ARGS < <(read_args "$CONFIG_DIR/micro.args")

# --- children and cleanup --------------------------------------------------------------------------------
SERVER_PID=""
PAYARA_PID=""

# shellcheck disable=SC2317  # called from the EXIT trap
stop_children() {
    stop_pids "Stopping what this script started ..." "$CHILD_PID" "$PAYARA_PID" "$SERVER_PID"
}

trap stop_children EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Starting the $SUITE_PACKAGE test server on 127.0.0.1:$CACHE_TESTS_PORT (log: target/cache-conformance/cache-tests-server.log) ..."
# What `npm run server --port=N` does, without npm's '&' in between: the pid here is the server's own.
(
    cd "$SUITE_DIR"
    exec env npm_config_protocol=http npm_config_port="$CACHE_TESTS_PORT" \
        npm_config_pidfile="$RUN_DIR/cache-tests-server.pid" \
        node --require "$RUN_DIR/loopback.cjs" server/server.mjs
) > "$RUN_DIR/cache-tests-server.log" 2>&1 < /dev/null &
SERVER_PID=$!

echo "Starting Payara Micro on 127.0.0.1:$PORTICO_PORT (log: target/cache-conformance/payara.log) ..."
java "${JVM_ARGS[@]}" "-Djava.io.tmpdir=$RUN_DIR/payara" "-Dportico.config.file=$RUN_DIR/routes.properties" \
    -jar target/payara-micro.jar \
    --deploy target/portico.war \
    --port "$PORTICO_PORT" \
    "${MICRO_ARGS[@]}" \
    > "$RUN_DIR/payara.log" 2>&1 < /dev/null &
PAYARA_PID=$!
echo "$PAYARA_PID" > "$RUN_DIR/payara.pid"

# --- wait until ready ------------------------------------------------------------------------------------
started=$SECONDS
deadline=$(( SECONDS + READY_TIMEOUT ))
server_ready=0
while :; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "cache-conformance: the test server exited during startup; its log ends with:" >&2
        tail -n 40 "$RUN_DIR/cache-tests-server.log" >&2 || true
        exit 1
    fi
    if (( ! server_ready )) && grep -q '^Listening on ' "$RUN_DIR/cache-tests-server.log"; then
        grep -qxF "Listening on http://127.0.0.1:$CACHE_TESTS_PORT/" "$RUN_DIR/cache-tests-server.log" \
            || die "the test server is not on 127.0.0.1:$CACHE_TESTS_PORT alone; it says: $(head -n 1 "$RUN_DIR/cache-tests-server.log")"
        server_ready=1
    fi
    if ! kill -0 "$PAYARA_PID" 2>/dev/null; then
        echo "cache-conformance: Payara Micro exited during startup; target/cache-conformance/payara.log ends with:" >&2
        tail -n 40 "$RUN_DIR/payara.log" >&2 || true
        exit 1
    fi
    if grep -q 'Invalid Portico configuration' "$RUN_DIR/payara.log"; then
        sleep 1  # the rest of the record
        echo "cache-conformance: Portico refused its configuration (target/cache-conformance/payara.log):" >&2
        # The message and its list of bad keys, from the first record that holds it, without the stack trace.
        awk '!done && /Invalid Portico configuration/ { sub(/.*Invalid Portico configuration/, "Invalid Portico configuration"); print; on = 1; next }
             on && /^  [^ \t]/ { print; next }
             on { on = 0; done = 1 }' "$RUN_DIR/payara.log" | head -n 40 >&2 || true
        if [[ "$PORTICO_CACHE_KEY_OFF" != "1" ]] && grep -q 'portico\.route\.all\.cache' "$RUN_DIR/payara.log"; then
            echo "cache-conformance: this build does not take portico.route.all.cache; PORTICO_CACHE_KEY_OFF=1 runs without it" >&2
        fi
        exit 1
    fi
    if grep -q 'ready in' "$RUN_DIR/payara.log" && ! grep -q 'Portico loaded' "$RUN_DIR/payara.log"; then
        # Payara Micro stays up when the application fails to deploy: only Portico's own line says it loaded.
        echo "cache-conformance: Portico did not deploy; target/cache-conformance/payara.log says:" >&2
        grep -A12 'Exception while loading the app' "$RUN_DIR/payara.log" | head -n 30 >&2 \
            || tail -n 40 "$RUN_DIR/payara.log" >&2 || true
        exit 1
    fi
    # Portico logs its line while the application is still being loaded; Payara's own 'ready in' comes after.
    if (( server_ready )) && grep -q 'Portico loaded' "$RUN_DIR/payara.log" \
        && grep -q 'ready in' "$RUN_DIR/payara.log" && port_open "$PORTICO_PORT"; then
        break
    fi
    if (( SECONDS >= deadline )); then
        echo "cache-conformance: not ready after ${READY_TIMEOUT}s; target/cache-conformance/payara.log ends with:" >&2
        tail -n 40 "$RUN_DIR/payara.log" >&2 || true
        echo "cache-conformance: the test server's log:" >&2
        tail -n 10 "$RUN_DIR/cache-tests-server.log" >&2 || true
        exit 1
    fi
    sleep 1
done
echo "Ready after $(( SECONDS - started ))s."

BASE="http://127.0.0.1:$PORTICO_PORT"
# One request through the gateway to the test server (it serves its own files), so that a broken route shows
# here rather than as a suite full of setup failures.
if command -v curl >/dev/null 2>&1; then
    probe="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE/package.json" || true)"
    [[ "$probe" == "200" ]] || die "GET $BASE/package.json through the gateway gave ${probe:-no answer}, not 200"
fi

# --- one test --------------------------------------------------------------------------------------------
if [[ -n "$TEST_ID" ]]; then
    echo "Running $TEST_ID through $BASE ..."
    status=0
    bounded "$SUITE_DIR" "$ONE_TEST_TIMEOUT" npm run --silent cli --base="$BASE" --id="$TEST_ID" < /dev/null \
        || status=$?
    (( status != 124 )) || die "$TEST_ID did not finish within ${ONE_TEST_TIMEOUT}s"
    (( status == 0 )) || die "the suite's cli exited with status $status"
    exit 0
fi

# --- the whole suite -------------------------------------------------------------------------------------
echo "Running the suite through $BASE (at most ${SUITE_TIMEOUT}s) ..."
suite_started=$SECONDS
status=0
bounded "$SUITE_DIR" "$SUITE_TIMEOUT" npm run --silent cli --base="$BASE" \
    > "$RUN_DIR/portico.json.part" 2> "$RUN_DIR/cli.log" < /dev/null || status=$?
if (( status == 124 )); then
    die "the suite did not finish within ${SUITE_TIMEOUT}s (partial output: target/cache-conformance/portico.json.part)"
fi
(( status == 0 )) || die "the suite's cli exited with status $status; target/cache-conformance/cli.log: $(tail -n 5 "$RUN_DIR/cli.log")"
# The cli prints its error and exits 0 when the run itself breaks: only a JSON object counts as results.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
         if (r === null || typeof r !== "object" || !Object.keys(r).length) process.exit(1)' \
    "$RUN_DIR/portico.json.part" 2>/dev/null \
    || die "the suite printed no results; target/cache-conformance/cli.log: $(tail -n 5 "$RUN_DIR/cli.log")"
mv "$RUN_DIR/portico.json.part" "$RUN_DIR/portico.json"
echo "The suite took $(( SECONDS - suite_started ))s; results in target/cache-conformance/portico.json."

# --- scores ----------------------------------------------------------------------------------------------
echo
echo "Passing tests by kind (browser-only tests left out), Portico first, then published results:"
published=()
for name in squid nginx varnish apache trafficserver fastly; do
    if [[ -f "$SUITE_DIR/results/$name.json" ]]; then
        published+=("$SUITE_DIR/results/$name.json")
    else
        echo "cache-conformance: no published results for $name in this version of the suite" >&2
    fi
done
bounded "$ROOT" 60 node "$SCORE" "$SUITE_DIR" "$RUN_DIR/portico.json" "${published[@]}"
bounded "$ROOT" 60 node "$SCORE" --failing "$SUITE_DIR" "$RUN_DIR/portico.json" > "$RUN_DIR/failing.txt"
failing="$(grep -c '^  ' "$RUN_DIR/failing.txt" || true)"
echo
echo "Failing required tests: $failing (listed in target/cache-conformance/failing.txt;" \
     "debug one with deploy/cache-conformance.sh --id TEST_ID)"
