#!/usr/bin/env bash
# Portico benchmark: Portico on Payara Micro beside nginx as a reverse proxy, same machine, same run, loopback only.
#
#   upstream     nginx on 127.0.0.1:UPSTREAM_PORT serving 1k.bin and 16k.bin with Cache-Control: max-age=3600
#   nginx-proxy  nginx on 127.0.0.1:PROXY_PORT proxying to the upstream (keep-alive pool, no cache): the peer
#   plain        Portico /plain/**  -> upstream, no policy
#   full         Portico /full/**   -> upstream, JWT verified (demo key), quota 999999999/1s by ip (never reached)
#   cached       Portico /cached/** -> upstream, response cache on (every request after the first is a hit)
#   (Portico's metrics and access log are on for every route; routes in deploy/bench/portico.properties.)
#
# Steps: install nginx, wrk and curl when missing; build the WAR (unless PORTICO_SKIP_BUILD=1); start nginx and
# Payara Micro (server-config/payara-micro/jvm.args and micro.args, as deploy/demo.sh, plus PORTICO_JVM_OPTS);
# check every target (200 and the right body size, 401 on full without the token, a cache hit on cached); warm up
# with wrk rounds alternating plain, full and cached for at least BENCH_WARMUP_MIN seconds and until each one's
# rate is within 5% of its previous round (at most BENCH_WARMUP_MAX seconds); then measure, interleaved (round 1 of every case, then round 2, ...), with
# wrk -t2 --latency:
#   1 KiB,  32 connections: nginx-proxy, plain, full, cached
#   16 KiB, 32 connections: nginx-proxy, plain
#   1 KiB, 256 connections: nginx-proxy, plain, full, cached
# and print per case the median req/s, p50, p99, errors (socket errors and non-2xx answers) and the ratios to
# nginx-proxy, then the targets of issue #8 with PASS/FAIL, Portico's peak RSS and the CPU share other processes
# took meanwhile. Only same-run ratios mean anything on a shared machine.
#
# Takes about 11 minutes by default (up to 150 s warm-up, 3 rounds x 10 cases x 15 s), about 2 with BENCH_QUICK=1.
#
# Environment:
#   PORTICO_PORT        gateway port (default 19480)
#   UPSTREAM_PORT       nginx upstream port (default 19481)
#   PROXY_PORT          nginx reverse proxy port (default 19482)
#   NGINX_WORKERS       nginx worker_processes for the upstream and the proxy together (default auto: one a core)
#   PORTICO_SKIP_BUILD  1: use the existing target/portico.war and target/payara-micro.jar
#   PORTICO_JVM_OPTS    extra JVM options for Payara Micro, split on blanks, after the project's jvm.args (so
#                       they win), e.g. "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -XX:+UseParallelGC"
#   BENCH_QUICK         1: one measured round of 5 s and at most 40 s of warm-up, for development
#   BENCH_ROUNDS        measured rounds (default 3; 1 in quick mode)
#   BENCH_SECONDS       seconds of each measured wrk run (default 15; 5 in quick mode)
#   BENCH_WARMUP_SECONDS seconds of each warm-up wrk run (default 10; 5 in quick mode)
#   BENCH_WARMUP_MIN    fewest seconds of warm-up (default 90; 20 in quick mode): the JIT is still compiling
#                       for a minute or more, and a plateau before that looks stable (1550 then 1548 req/s
#                       at 30 s, on the way to 4900)
#   BENCH_WARMUP_MAX    most seconds of warm-up (default 150; 40 in quick mode)
#   BENCH_JFR           1: record a JDK Flight Recorder profile (settings=profile) of Payara from its start to the
#                       end of the measurement, to target/bench/portico.jfr
#   BENCH_TARGETS       Portico targets to measure, blank-separated (default "plain full cached"; nginx-proxy always
#                       runs), e.g. "plain" while comparing upstream clients; the targets of a missing one FAIL
#   WRK_TIMEOUT         wrk's per-request timeout, counted as an error when exceeded (default 2s, wrk's own)
#
# Everything it starts listens on 127.0.0.1 only, runs under timeouts and is stopped on exit. Its files (configs,
# logs, raw wrk output) go to target/bench/, recreated on every run; the report to target/bench/results.txt.
set -euo pipefail

PORTICO_PORT="${PORTICO_PORT:-19480}"
UPSTREAM_PORT="${UPSTREAM_PORT:-19481}"
PROXY_PORT="${PROXY_PORT:-19482}"
NGINX_WORKERS="${NGINX_WORKERS:-auto}"
PORTICO_SKIP_BUILD="${PORTICO_SKIP_BUILD:-0}"
PORTICO_JVM_OPTS="${PORTICO_JVM_OPTS:-}"
BENCH_QUICK="${BENCH_QUICK:-0}"
BENCH_JFR="${BENCH_JFR:-0}"
WRK_TIMEOUT="${WRK_TIMEOUT:-2s}"
if [[ "$BENCH_QUICK" == 1 ]]; then
    ROUNDS="${BENCH_ROUNDS:-1}" SECONDS_PER_RUN="${BENCH_SECONDS:-5}"
    WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-5}" WARMUP_MAX="${BENCH_WARMUP_MAX:-40}"
    WARMUP_MIN="${BENCH_WARMUP_MIN:-20}"
else
    ROUNDS="${BENCH_ROUNDS:-3}" SECONDS_PER_RUN="${BENCH_SECONDS:-15}"
    WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-10}" WARMUP_MAX="${BENCH_WARMUP_MAX:-150}"
    WARMUP_MIN="${BENCH_WARMUP_MIN:-90}"
fi

READY_TIMEOUT=120
WRK_THREADS=2
WARMUP_TOLERANCE=0.05
OTHER_LOAD_LIMIT=5                 # percent of the machine's CPU other processes may take before a run is "noisy"
RSS_LIMIT_MIB=512
read -r -a WARMUP_TARGETS <<<"${BENCH_TARGETS:-plain full cached}"
# The measurement matrix: "size connections target", in the order each round runs them.
ALL_CASES=(
    "1k 32 nginx-proxy" "1k 32 plain" "1k 32 full" "1k 32 cached"
    "16k 32 nginx-proxy" "16k 32 plain"
    "1k 256 nginx-proxy" "1k 256 plain" "1k 256 full" "1k 256 cached"
)
CASES=()
for case_ in "${ALL_CASES[@]}"; do
    if [[ "$case_" == *" nginx-proxy" || " ${WARMUP_TARGETS[*]} " == *" ${case_##* } "* ]]; then
        CASES+=("$case_")
    fi
done
GROUPS_ORDER=("1k 32" "16k 32" "1k 256")
declare -A FILE_BYTES=([1k]=1024 [16k]=16384)
declare -A SIZE_LABEL=([1k]="1 KiB" [16k]="16 KiB")

die() {
    echo "bench: $*" >&2
    exit 1
}

check_settings() {
    local port name value
    for port in "$PORTICO_PORT" "$UPSTREAM_PORT" "$PROXY_PORT"; do
        [[ "$port" =~ ^[0-9]+$ ]] && (( port >= 1 && port <= 65535 )) || die "not a port number: $port"
    done
    [[ "$PORTICO_PORT" != "$UPSTREAM_PORT" && "$PORTICO_PORT" != "$PROXY_PORT" && "$UPSTREAM_PORT" != "$PROXY_PORT" ]] \
        || die "PORTICO_PORT, UPSTREAM_PORT and PROXY_PORT must differ"
    [[ "$NGINX_WORKERS" == auto || "$NGINX_WORKERS" =~ ^[1-9][0-9]*$ ]] || die "NGINX_WORKERS must be auto or a number"
    for name in ROUNDS SECONDS_PER_RUN WARMUP_SECONDS WARMUP_MIN WARMUP_MAX; do
        value="${!name}"
        [[ "$value" =~ ^[1-9][0-9]*$ ]] || die "$name must be a whole number above 0, not '$value'"
    done
    [[ "$WRK_TIMEOUT" =~ ^[1-9][0-9]*(ms|s|m)?$ ]] || die "WRK_TIMEOUT must look like 2s, not '$WRK_TIMEOUT'"
}

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$(pwd -P)"
# shellcheck source=deploy/lib/processes.sh
source "$ROOT/deploy/lib/processes.sh"
BENCH_DIR="$ROOT/deploy/bench"
CONFIG_DIR="$ROOT/server-config/payara-micro"
RUN_DIR="$ROOT/target/bench"
NGINX_DIR="$RUN_DIR/nginx"
WRK_DIR="$RUN_DIR/wrk"
RESULTS="$RUN_DIR/results.txt"
PROGRESS="$RUN_DIR/progress.log"
PAYARA_LOG="$RUN_DIR/payara.log"
STARTED=$SECONDS

# Prints a line and keeps it in the report (results.txt) and the progress log.
say() {
    printf '%s\n' "$*" | tee -a "$RESULTS" "$PROGRESS"
}

# Prints a line and keeps it in the progress log only.
note() {
    printf '%s\n' "$*" | tee -a "$PROGRESS"
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

# Prints a file:// URL for an absolute path, percent-encoding every byte but unreserved ones and '/' (as demo.sh).
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

# --- tools and build -------------------------------------------------------------------------------------
install_tools() {
    local missing=()
    command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    if (( ${#missing[@]} )); then
        echo "Installing ${missing[*]} with apt-get ..."
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
    NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
    [[ -x "$NGINX" ]] || die "nginx is not installed"
    command -v wrk >/dev/null 2>&1 || die "wrk is not installed"
    command -v curl >/dev/null 2>&1 || die "curl is not installed"
    command -v java >/dev/null 2>&1 || die "java (17) is not on PATH"
}

build() {
    local f
    if [[ "$PORTICO_SKIP_BUILD" != 1 ]]; then
        echo "Building Portico (./mvnw -q -B package -DskipTests) ..."
        ./mvnw -q -B package -DskipTests
    fi
    for f in target/portico.war target/payara-micro.jar; do
        [[ -f "$f" ]] || die "$f is missing; run without PORTICO_SKIP_BUILD=1 to build it"
    done
    for f in "$CONFIG_DIR"/{jvm.args,micro.args,pre-boot.asadmin,demo-keys/public.pem} \
        "$BENCH_DIR"/{nginx.conf.template,portico.properties,report.lua}; do
        [[ -f "$f" ]] || die "${f#"$ROOT"/} is missing"
    done
}

# --- run directory and configuration ---------------------------------------------------------------------
prepare_run_dir() {
    local size user=""
    rm -rf "$RUN_DIR"
    mkdir -p "$NGINX_DIR"/{conf,html,logs,temp} "$WRK_DIR" "$RUN_DIR/payara"
    : > "$RESULTS"
    : > "$PROGRESS"
    # The files, readable by nginx's workers (which drop to nobody when started as root).
    for size in "${!FILE_BYTES[@]}"; do
        head -c "${FILE_BYTES[$size]}" /dev/zero | tr '\0' 'x' > "$NGINX_DIR/html/$size.bin"
    done
    chmod a+r "$NGINX_DIR"/html/*.bin
    if [[ "$(id -u)" -eq 0 ]]; then
        user="user nobody $(id -gn nobody 2>/dev/null || echo nogroup);"
    fi
    sed -e "s|@USER@|$user|" -e "s|@WORKERS@|$NGINX_WORKERS|" -e "s|@DIR@|$NGINX_DIR|g" \
        -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|g" -e "s|@PROXY_PORT@|$PROXY_PORT|g" \
        "$BENCH_DIR/nginx.conf.template" > "$NGINX_DIR/conf/nginx.conf"
    sed "s/127\.0\.0\.1:19481/127.0.0.1:$UPSTREAM_PORT/g" "$BENCH_DIR/portico.properties" > "$RUN_DIR/portico.properties"
    cp "$BENCH_DIR/report.lua" "$RUN_DIR/report.lua"
}

# A token for the full route, signed with the demo key, valid well past the longest run.
mint_token() {
    TOKEN="$(java deploy/DemoToken.java --subject bench --expires-in 7200)" || die "deploy/DemoToken.java failed"
    [[ "$TOKEN" =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]] || die "deploy/DemoToken.java printed no JWT"
}

# --- processes -------------------------------------------------------------------------------------------
NGINX_PID=""
PAYARA_PID=""
WRK_PID=""

# shellcheck disable=SC2317  # called from the EXIT trap
stop_children() {
    stop_pids "Stopping what the benchmark started ..." "$WRK_PID" "$PAYARA_PID" "$NGINX_PID"
}

start_nginx() {
    "$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/conf/nginx.conf" -t -q -e "$NGINX_DIR/logs/error.log" \
        || die "nginx rejects target/bench/nginx/conf/nginx.conf"
    echo "Starting nginx (upstream 127.0.0.1:$UPSTREAM_PORT, proxy 127.0.0.1:$PROXY_PORT) ..."
    "$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/conf/nginx.conf" -e "$NGINX_DIR/logs/error.log" -g 'daemon off;' \
        > "$NGINX_DIR/logs/stdout.log" 2>&1 &
    NGINX_PID=$!
}

# Payara Micro as deploy/demo.sh starts it (project jvm.args and micro.args), plus the benchmark's routes, the
# JFR option when asked, and PORTICO_JVM_OPTS last so that they override.
start_payara() {
    local extra=()
    mapfile -t JVM_ARGS < <(read_args "$CONFIG_DIR/jvm.args")
    mapfile -t MICRO_ARGS < <(read_args "$CONFIG_DIR/micro.args")
    JVM_ARGS+=("-Djava.io.tmpdir=$RUN_DIR/payara" "-Dportico.config.file=$RUN_DIR/portico.properties")
    if [[ "$BENCH_JFR" == 1 ]]; then
        JVM_ARGS+=("-XX:StartFlightRecording=name=bench,filename=$RUN_DIR/portico.jfr,settings=profile")
    fi
    if [[ -n "$PORTICO_JVM_OPTS" ]]; then
        # shellcheck disable=SC2206  # split on blanks on purpose: one option a word
        extra=($PORTICO_JVM_OPTS)
    fi
    JVM_ARGS+=("${extra[@]}")
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$(file_url "$CONFIG_DIR/demo-keys/public.pem")"
    export MP_JWT_VERIFY_PUBLICKEY_LOCATION
    echo "Starting Payara Micro on 127.0.0.1:$PORTICO_PORT (log: target/bench/payara.log) ..."
    # Appending (O_APPEND), so that trim_payara_log can empty the file under the running server.
    java "${JVM_ARGS[@]}" -jar target/payara-micro.jar \
        --deploy target/portico.war \
        --port "$PORTICO_PORT" \
        "${MICRO_ARGS[@]}" \
        >> "$PAYARA_LOG" 2>&1 &
    PAYARA_PID=$!
}

wait_ready() {
    local deadline=$(( SECONDS + READY_TIMEOUT ))
    while :; do
        kill -0 "$NGINX_PID" 2>/dev/null || { cat "$NGINX_DIR/logs/error.log" >&2 || true; die "nginx exited during startup"; }
        if ! kill -0 "$PAYARA_PID" 2>/dev/null; then
            tail -n 40 "$PAYARA_LOG" >&2 || true
            die "Payara Micro exited during startup; see target/bench/payara.log"
        fi
        if grep -q 'ready in' "$PAYARA_LOG"; then
            if ! grep -q 'Portico loaded' "$PAYARA_LOG"; then
                grep -A12 -E 'Invalid Portico configuration|Exception while loading the app' "$PAYARA_LOG" \
                    | head -n 30 >&2 || tail -n 40 "$PAYARA_LOG" >&2
                die "Portico did not deploy; see target/bench/payara.log"
            fi
            port_open "$UPSTREAM_PORT" && port_open "$PROXY_PORT" && break
        fi
        (( SECONDS < deadline )) || { tail -n 40 "$PAYARA_LOG" >&2 || true; die "not ready after ${READY_TIMEOUT}s"; }
        sleep 1
    done
    cp "$PAYARA_LOG" "$RUN_DIR/payara-startup.log"
    echo "Ready after $(( SECONDS - STARTED ))s."
}

# Every listening socket of nginx and Payara Micro must be on 127.0.0.0/8 or ::1 ([::ffff:127.0.0.1] for Java).
check_loopback() {
    local sockets outside
    command -v ss >/dev/null 2>&1 || return 0
    sockets="$(ss -H -ltnp 2>/dev/null | grep -E "pid=($NGINX_PID|$PAYARA_PID)," || true)"
    outside="$(awk '$4 !~ /^(127\.|\[::1\]:|\[::ffff:127\.)/' <<<"$sockets")"
    [[ -z "$outside" ]] || die "a listener outside loopback: $outside"
}

# The access log writes a line per request to Payara's console: past 64 MiB, the log keeps its SEVERE and WARNING
# lines in payara-problems.log and starts over (the server appends, so emptying the file under it is safe).
trim_payara_log() {
    local size
    size="$(stat -c %s "$PAYARA_LOG" 2>/dev/null || echo 0)"
    (( size > 64 * 1024 * 1024 )) || return 0
    grep -E 'SEVERE|WARNING' "$PAYARA_LOG" >> "$RUN_DIR/payara-problems.log" || true
    : > "$PAYARA_LOG"
}

# --- targets ---------------------------------------------------------------------------------------------
url_of() {
    local target="$1" size="$2"
    case "$target" in
        nginx-proxy) echo "http://127.0.0.1:$PROXY_PORT/$size.bin" ;;
        plain|full|cached) echo "http://127.0.0.1:$PORTICO_PORT/$target/$size.bin" ;;
        *) die "unknown target $target" ;;
    esac
}

# Prints the extra curl/wrk arguments a target needs: the bearer token for full.
auth_args() {
    if [[ "$1" == full ]]; then
        printf '%s\n' -H "Authorization: Bearer $TOKEN"
    fi
}

# curl_check TARGET SIZE NAME [ARGS...]: one GET, headers to check-NAME.headers; prints "status bytes".
curl_check() {
    local target="$1" size="$2" name="$3"
    shift 3
    curl -sS --max-time 10 -o /dev/null -D "$RUN_DIR/check-$name.headers" -w '%{http_code} %{size_download}\n' \
        "$@" "$(url_of "$target" "$size")" || echo "000 0"
}

check_targets() {
    local case_ target size code bytes auth=()
    declare -A seen=()
    for case_ in "${CASES[@]}"; do
        read -r size _ target <<<"$case_"
        [[ -n "${seen[$target-$size]:-}" ]] && continue
        seen[$target-$size]=1
        mapfile -t auth < <(auth_args "$target")
        read -r code bytes < <(curl_check "$target" "$size" "$target-$size" "${auth[@]}")
        [[ "$code" == 200 && "$bytes" == "${FILE_BYTES[$size]}" ]] \
            || die "$target $size: got $code with $bytes bytes from $(url_of "$target" "$size"), expected 200 with ${FILE_BYTES[$size]}"
    done
    if [[ -n "${seen[full-1k]:-}" ]]; then
        read -r code bytes < <(curl_check full 1k full-no-token)
        [[ "$code" == 401 ]] || die "full without a token: got $code, expected 401"
        grep -qi '^RateLimit-Policy:' "$RUN_DIR/check-full-1k.headers" || die "full: no RateLimit-Policy header: is the quota on?"
    fi
    if [[ -n "${seen[cached-1k]:-}" ]]; then
        read -r code bytes < <(curl_check cached 1k cached-again)
        [[ "$code" == 200 && "$bytes" == 1024 ]] || die "cached, second request: got $code with $bytes bytes"
        grep -qiE '^Cache-Status:.*hit' "$RUN_DIR/check-cached-again.headers" \
            || die "cached: the second answer is no cache hit: $(grep -i '^Cache-Status' "$RUN_DIR/check-cached-again.headers" | tr -d '\r')"
    fi
    note "checks: every measured target 200 with the whole file; full (when measured) 401 without the token;" \
        "cached (when measured) a hit the second time"
}

# --- measuring -------------------------------------------------------------------------------------------
# The last wrk run's figures, set by run_wrk from the BENCH line of report.lua.
# shellcheck disable=SC2034  # R_duration_us, R_bytes, R_max_us: in the raw output too
R_requests=0 R_duration_us=0 R_rps=0 R_p50_us=0 R_p99_us=0 R_max_us=0 R_bytes=0
R_connect=0 R_read=0 R_write=0 R_status=0 R_timeout=0 R_errors=0 R_other=0

# CPU clock ticks of the whole machine (/proc/stat): "busy all".
machine_ticks() {
    local _cpu user nice system idle iowait irq softirq steal _rest
    read -r _cpu user nice system idle iowait irq softirq steal _rest < /proc/stat
    echo "$(( user + nice + system + irq + softirq + steal )) $(( user + nice + system + idle + iowait + irq + softirq + steal ))"
}

# CPU clock ticks of process $1 (utime + stime), with those of its waited-for children when $2 is 1.
process_ticks() {
    local stat fields
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo 0; return; }
    read -r -a fields <<< "${stat##*) }"
    if [[ "${2:-0}" == 1 ]]; then
        echo $(( fields[11] + fields[12] + fields[13] + fields[14] ))
    else
        echo $(( fields[11] + fields[12] ))
    fi
}

# CPU ticks of what the benchmark runs: Payara Micro, nginx and its workers, this shell and its reaped children
# (timeout, wrk, the small tools).
own_ticks() {
    local total pid
    total=$(( $(process_ticks "$PAYARA_PID") + $(process_ticks "$NGINX_PID") + $(process_ticks $$ 1) ))
    for pid in $(pgrep -P "$NGINX_PID" || true); do
        total=$(( total + $(process_ticks "$pid") ))
    done
    echo "$total"
}

# run_wrk TARGET SIZE CONNECTIONS SECONDS OUT [WRK ARGS...]: raw output to OUT; sets R_* (R_errors: socket
# errors; R_status: answers above 399; R_other: the share of the machine's CPU other processes took, in percent).
run_wrk() {
    local target="$1" size="$2" connections="$3" seconds="$4" out="$5" line pair busy0 all0 busy1 all1 own0 own1 auth=()
    shift 5
    mapfile -t auth < <(auth_args "$target")
    read -r busy0 all0 < <(machine_ticks)
    own0="$(own_ticks)"
    # In the background and waited for, so that INT or TERM stops the run at once (the trap kills wrk).
    timeout -k 5 $(( seconds + 30 )) wrk -t"$WRK_THREADS" -c"$connections" -d"${seconds}s" --timeout "$WRK_TIMEOUT" \
        "${auth[@]}" "$@" -s "$RUN_DIR/report.lua" "$(url_of "$target" "$size")" > "$out" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || { cat "$out" >&2; die "wrk failed on $target $size c$connections"; }
    WRK_PID=""
    own1="$(own_ticks)"
    read -r busy1 all1 < <(machine_ticks)
    R_other="$(awk -v b=$(( busy1 - busy0 - (own1 - own0) )) -v a=$(( all1 - all0 )) \
        'BEGIN { if (b < 0) b = 0; printf "%.1f", (a > 0 ? b / a * 100 : 0) }')"
    line="$(sed -n 's/^BENCH //p' "$out")"
    [[ -n "$line" ]] || { cat "$out" >&2; die "no result from wrk on $target $size c$connections"; }
    for pair in $line; do
        printf -v "R_${pair%%=*}" '%s' "${pair#*=}"
    done
    R_errors=$(( R_connect + R_read + R_write + R_timeout ))
    trim_payara_log
}

ms() {
    awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'
}

# ratio A B [DECIMALS]: A/B, or "-" when B is 0.
ratio() {
    awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b > 0) printf "%.*f", d, a / b; else printf "-" }'
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print ((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# Alternates wrk runs over the Portico targets (1 KiB, 32 connections) until each one's rate is within
# WARMUP_TOLERANCE of its own previous run, or until another cycle would pass WARMUP_MAX seconds.
warm_up() {
    local started=$SECONDS cycle=0 target change all_stable=0 stable
    declare -A last=()
    note ""
    note "--- warm-up: wrk -c32 ${WARMUP_SECONDS}s runs alternating ${WARMUP_TARGETS[*]} (1 KiB) until each is within" \
        "$(awk -v t="$WARMUP_TOLERANCE" 'BEGIN { print t * 100 }')% of its previous run, at least ${WARMUP_MIN}s," \
        "at most ${WARMUP_MAX}s"
    while (( SECONDS - started + ${#WARMUP_TARGETS[@]} * WARMUP_SECONDS <= WARMUP_MAX )); do
        cycle=$(( cycle + 1 ))
        all_stable=1
        for target in "${WARMUP_TARGETS[@]}"; do
            run_wrk "$target" 1k 32 "$WARMUP_SECONDS" "$WRK_DIR/warmup-$cycle-$target.txt"
            change="-" stable=0
            if [[ -n "${last[$target]:-}" ]]; then
                change="$(awk -v a="$R_rps" -v b="${last[$target]}" 'BEGIN { printf "%+.1f%%", (a - b) / b * 100 }')"
                stable="$(awk -v a="$R_rps" -v b="${last[$target]}" -v t="$WARMUP_TOLERANCE" \
                    'BEGIN { d = (a - b) / b; if (d < 0) d = -d; print ((d <= t) ? 1 : 0) }')"
            fi
            (( stable )) || all_stable=0
            last[$target]="$R_rps"
            note "$(printf 'warm-up %d  %-7s %8.0f req/s (%s)  p99 %7s ms  errors %d  non-2xx %d  other CPU %s%%' \
                "$cycle" "$target" "$R_rps" "$change" "$(ms "$R_p99_us")" "$R_errors" "$R_status" "$R_other")"
        done
        (( all_stable && SECONDS - started >= WARMUP_MIN )) && break
    done
    if (( all_stable && SECONDS - started >= WARMUP_MIN )); then
        WARMUP_RESULT="stable after $cycle cycles, $(( SECONDS - started ))s"
    else
        WARMUP_RESULT="NOT stable after $cycle cycles ($(( SECONDS - started ))s, cap ${WARMUP_MAX}s); measured anyway"
    fi
    note "warm-up: $WARMUP_RESULT"
}

# The figures of every case over the rounds, keyed "size connections target".
declare -A RPS=() P50=() P99=() SOCKET_ERRORS=() STATUS_ERRORS=() ERRORS_BY_ROUND=()
OTHER_MAX=0
OTHER_NOISY=0

measure() {
    local round case_ size connections target
    note ""
    note "--- measurement: $ROUNDS interleaved rounds of wrk -t$WRK_THREADS -d${SECONDS_PER_RUN}s --latency --timeout $WRK_TIMEOUT"
    for (( round = 1; round <= ROUNDS; round++ )); do
        for case_ in "${CASES[@]}"; do
            read -r size connections target <<<"$case_"
            run_wrk "$target" "$size" "$connections" "$SECONDS_PER_RUN" \
                "$WRK_DIR/round-$round-$size-c$connections-$target.txt" --latency
            RPS[$case_]+="$R_rps "
            P50[$case_]+="$R_p50_us "
            P99[$case_]+="$R_p99_us "
            SOCKET_ERRORS[$case_]=$(( ${SOCKET_ERRORS[$case_]:-0} + R_errors ))
            STATUS_ERRORS[$case_]=$(( ${STATUS_ERRORS[$case_]:-0} + R_status ))
            ERRORS_BY_ROUND[$case_]+="$(( R_errors + R_status )) "
            OTHER_MAX="$(awk -v a="$OTHER_MAX" -v b="$R_other" 'BEGIN { print ((b > a) ? b : a) }')"
            if awk -v b="$R_other" -v l="$OTHER_LOAD_LIMIT" 'BEGIN { exit !(b > l) }'; then
                OTHER_NOISY=$(( OTHER_NOISY + 1 ))
            fi
            note "$(printf 'round %d  %-4s c%-3s %-12s %8.0f req/s  p50 %7s ms  p99 %7s ms  errors %d  non-2xx %d  other CPU %s%%' \
                "$round" "$size" "$connections" "$target" "$R_rps" "$(ms "$R_p50_us")" "$(ms "$R_p99_us")" \
                "$R_errors" "$R_status" "$R_other")"
        done
    done
}

# --- report ----------------------------------------------------------------------------------------------
declare -A MED_RPS=() MED_P50=() MED_P99=()

summarise() {
    local case_
    for case_ in "${CASES[@]}"; do
        # shellcheck disable=SC2086  # word lists on purpose
        MED_RPS[$case_]="$(median ${RPS[$case_]})"
        # shellcheck disable=SC2086
        MED_P50[$case_]="$(median ${P50[$case_]})"
        # shellcheck disable=SC2086
        MED_P99[$case_]="$(median ${P99[$case_]})"
    done
}

print_header() {
    local jvm_flags=""
    jvm_flags="$(jcmd "$PAYARA_PID" VM.flags 2>/dev/null | tail -n 1 || true)"
    say "=== Portico benchmark (deploy/bench/run.sh), $(date -u '+%Y-%m-%dT%H:%M:%SZ') ==="
    say "machine:      nproc $(nproc), $(uname -srm)"
    say "java:         $(java -version 2>&1 | head -n 1)"
    say "JVM options:  ${JVM_ARGS[*]}"
    say "extra (PORTICO_JVM_OPTS): ${PORTICO_JVM_OPTS:-none}"
    if [[ -n "$jvm_flags" ]]; then
        say "JVM flags:    $jvm_flags"
    fi
    say "Payara:       --deploy target/portico.war --port $PORTICO_PORT ${MICRO_ARGS[*]}"
    say "nginx:        $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'), worker_processes $NGINX_WORKERS" \
        "($(pgrep -c -P "$NGINX_PID" || echo '?') workers, upstream and proxy together), access_log off, upstream keepalive 64"
    say "wrk:          $(wrk -v 2>&1 | head -n 1 | awk '{print $2}'), -t$WRK_THREADS, ${SECONDS_PER_RUN}s runs," \
        "$ROUNDS interleaved rounds, medians; timeout $WRK_TIMEOUT"
    say "routes:       deploy/bench/portico.properties (plain: no policy; full: jwt + quota by ip; cached: cache=on)"
    say "warm-up:      $WARMUP_RESULT"
}

print_tables() {
    local group size connections case_ target nginx_case errors
    for group in "${GROUPS_ORDER[@]}"; do
        read -r size connections <<<"$group"
        nginx_case="$size $connections nginx-proxy"
        say ""
        say "${SIZE_LABEL[$size]}, $connections connections"
        say "$(printf '%-12s %9s %8s %8s %11s %9s %9s' target 'req/s' 'p50 ms' 'p99 ms' 'errors' 'req/s÷ng' 'p99÷ng')"
        for case_ in "${CASES[@]}"; do
            [[ "$case_" == "$group "* ]] || continue
            target="${case_##* }"
            errors="${SOCKET_ERRORS[$case_]}/${STATUS_ERRORS[$case_]}"
            say "$(printf '%-12s %9.0f %8s %8s %11s %9s %9s' "$target" "${MED_RPS[$case_]}" \
                "$(ms "${MED_P50[$case_]}")" "$(ms "${MED_P99[$case_]}")" "$errors" \
                "$(ratio "${MED_RPS[$case_]}" "${MED_RPS[$nginx_case]}")" \
                "$(ratio "${MED_P99[$case_]}" "${MED_P99[$nginx_case]}")")"
        done
    done
    say "(errors: socket errors (connect, read, write, timeout)/answers with a status above 399, over all rounds;"
    say " ÷ng: the same run's nginx-proxy at the same size and connections)"
    for case_ in "${CASES[@]}"; do
        if (( ${SOCKET_ERRORS[$case_]} + ${STATUS_ERRORS[$case_]} )); then
            say "errors by round, $case_: ${ERRORS_BY_ROUND[$case_]% } (raw output: target/bench/wrk/)"
        fi
    done
}

# check NAME VALUE OP LIMIT: prints a PASS/FAIL line and counts failures.
CHECK_FAILURES=0
check() {
    local name="$1" value="$2" op="$3" limit="$4" ok
    ok="$(awk -v v="$value" -v l="$limit" -v op="$op" \
        'BEGIN { if (v == "-") print 0; else if (op == ">=") print (v >= l) ? 1 : 0; else if (op == "<=") print (v <= l) ? 1 : 0; else print (v == l) ? 1 : 0 }')"
    (( ok )) || CHECK_FAILURES=$(( CHECK_FAILURES + 1 ))
    say "$(printf '%-4s  %-40s %10s  (target %s %s)' "$( (( ok )) && echo PASS || echo FAIL)" "$name" "$value" "$op" "$limit")"
}

print_checks() {
    local errors256=0 case_ rss_mib
    for case_ in "${CASES[@]}"; do
        if [[ "$case_" == *" 256 "* ]]; then
            errors256=$(( errors256 + ${SOCKET_ERRORS[$case_]} + ${STATUS_ERRORS[$case_]} ))
        fi
    done
    rss_mib="$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$PAYARA_PID/status" 2>/dev/null || echo '-')"
    say ""
    say "Targets (issue #8; same-run ratios, 1 KiB, 32 connections unless said)"
    check "plain ÷ nginx-proxy, req/s" "$(ratio "${MED_RPS[1k 32 plain]:-0}" "${MED_RPS[1k 32 nginx-proxy]}")" ">=" 0.5
    check "plain ÷ nginx-proxy, p99" "$(ratio "${MED_P99[1k 32 plain]:-0}" "${MED_P99[1k 32 nginx-proxy]}")" "<=" 3
    check "full ÷ plain, req/s" "$(ratio "${MED_RPS[1k 32 full]:-0}" "${MED_RPS[1k 32 plain]:-0}")" ">=" 0.8
    check "cached ÷ nginx-proxy, req/s" "$(ratio "${MED_RPS[1k 32 cached]:-0}" "${MED_RPS[1k 32 nginx-proxy]}")" ">=" 1.0
    check "errors at 256 connections (all targets)" "$errors256" "=" 0
    check "Payara peak RSS (VmHWM), MiB" "$rss_mib" "<=" "$RSS_LIMIT_MIB"
    say "$CHECK_FAILURES of 6 targets missed"
}

print_footer() {
    local severe
    say ""
    if (( OTHER_NOISY )); then
        say "NOISY: other processes took more than $OTHER_LOAD_LIMIT% of the machine's CPU in $OTHER_NOISY of" \
            "$(( ROUNDS * ${#CASES[@]} )) measured runs (at most $OTHER_MAX%)"
    else
        say "other processes took at most $OTHER_MAX% of the machine's CPU in any measured run"
    fi
    trim_payara_log
    severe="$(cat "$RUN_DIR/payara-problems.log" "$PAYARA_LOG" 2>/dev/null | grep -c 'SEVERE' || true)"
    say "Payara log lines with SEVERE: $severe (target/bench/payara.log, payara-problems.log)"
    if [[ "$BENCH_JFR" == 1 ]]; then
        say "JFR profile: target/bench/portico.jfr (from the server's start to the end of the measurement)"
    fi
    say "total time: $(( SECONDS - STARTED ))s; raw wrk output in target/bench/wrk/"
}

# Dumps the flight recording while Payara still runs (its own dump at exit may not finish within stop_pids' 15 s).
dump_jfr() {
    [[ "$BENCH_JFR" == 1 ]] || return 0
    jcmd "$PAYARA_PID" JFR.dump name=bench "filename=$RUN_DIR/portico.jfr" > "$RUN_DIR/jfr-dump.log" 2>&1 \
        || echo "bench: JFR.dump failed; see target/bench/jfr-dump.log" >&2
}

main() {
    check_settings
    install_tools
    build
    local port
    for port in "$PORTICO_PORT" "$UPSTREAM_PORT" "$PROXY_PORT"; do
        port_open "$port" && die "port $port is already in use on 127.0.0.1 (see the port variables in this script)"
    done
    prepare_run_dir
    mint_token
    trap stop_children EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_nginx
    start_payara
    wait_ready
    check_loopback
    check_targets
    WARMUP_RESULT=""
    warm_up
    measure
    dump_jfr
    summarise
    note ""
    : > "$RESULTS"
    print_header
    print_tables
    print_checks
    print_footer
}

main "$@"
exit
