#!/usr/bin/env bash
# Portico benchmark: what the quota filter costs, with nginx as the same-run peer, all on loopback.
#
#   upstream     nginx on 127.0.0.1 serving a 1 KiB static file (access_log off)
#   plain        Portico route /plain/**   -> upstream, no quota
#   limited      Portico route /limited/** -> upstream, quota 999999999/1s counted by ip (one client, so one hot
#                key: the worst case for contention on the budget; the limit is never reached)
#   nginx-proxy  a second nginx server block proxying to the same upstream (keepalive to the upstream on)
#
# Steps: build (unless PORTICO_SKIP_BUILD=1), start nginx and Payara Micro (the project's jvm.args and micro.args),
# check every target answers 200 with the 1 KiB body, warm the gateway up with wrk -t2 -c32 -d10s rounds alternating
# both routes until two consecutive rounds on each are within 5% (at most 12 rounds, about 120 s), then measure
# interleaved rounds (plain, limited, nginx-proxy; 3 each, wrk -t2 -c32 -d20s --latency) and print, per target, the
# median requests/s and p99 latency, then limited/plain and plain/nginx-proxy. About 5 to 6 minutes in all.
# Every round also reports the share of the machine's CPU that other processes took meanwhile ("other CPU"): the
# figures are only worth comparing when it stays near zero.
#
# Environment:
#   PORTICO_PORT        gateway port (default 19480)
#   UPSTREAM_PORT       nginx upstream port (default 19481)
#   PROXY_PORT          nginx reverse proxy port (default 19482)
#   NGINX_WORKERS       nginx worker_processes (default auto: one per core; the same nginx serves the upstream
#                       and the proxy)
#   PORTICO_SKIP_BUILD  set to 1 to use the existing target/portico.war and target/payara-micro.jar
#
# Installs nginx, wrk and curl with apt-get when missing (as root, or through sudo). Everything it starts listens
# on 127.0.0.1 only and is stopped on exit. Logs, configuration and raw wrk output go to target/benchmark/, which
# is recreated on every run; the summary is also written to target/benchmark/results.txt.
set -euo pipefail

PORTICO_PORT="${PORTICO_PORT:-19480}"
UPSTREAM_PORT="${UPSTREAM_PORT:-19481}"
PROXY_PORT="${PROXY_PORT:-19482}"
NGINX_WORKERS="${NGINX_WORKERS:-auto}"
PORTICO_SKIP_BUILD="${PORTICO_SKIP_BUILD:-0}"

READY_TIMEOUT=90
WRK_THREADS=2
WRK_CONNECTIONS=32
WARMUP_SECONDS=10
WARMUP_MAX_ROUNDS=12        # 6 per route: about 120 s
WARMUP_TOLERANCE=0.05
MEASURE_SECONDS=20
MEASURE_ROUNDS=3
TARGETS=(plain limited nginx-proxy)
FILE_NAME=1k.bin
FILE_SIZE=1024

die() {
    echo "benchmark: $*" >&2
    exit 1
}

for port in "$PORTICO_PORT" "$UPSTREAM_PORT" "$PROXY_PORT"; do
    if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
        die "not a port number: $port"
    fi
done
[[ "$PORTICO_PORT" != "$UPSTREAM_PORT" && "$PORTICO_PORT" != "$PROXY_PORT" && "$UPSTREAM_PORT" != "$PROXY_PORT" ]] \
    || die "PORTICO_PORT, UPSTREAM_PORT and PROXY_PORT must differ"
[[ "$NGINX_WORKERS" == auto || "$NGINX_WORKERS" =~ ^[1-9][0-9]*$ ]] || die "NGINX_WORKERS must be auto or a number"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd -P)"
# shellcheck source=deploy/lib/processes.sh
source "$ROOT/deploy/lib/processes.sh"
CONFIG_DIR="$ROOT/server-config/payara-micro"
RUN_DIR="$ROOT/target/benchmark"
NGINX_DIR="$RUN_DIR/nginx"
WRK_DIR="$RUN_DIR/wrk"
STARTED=$SECONDS



as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

# --- tools -----------------------------------------------------------------------------------------------
missing=()
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

# --- build -----------------------------------------------------------------------------------------------
if [[ "$PORTICO_SKIP_BUILD" != "1" ]]; then
    echo "Building Portico (./mvnw -q -B package -DskipTests) ..."
    ./mvnw -q -B package -DskipTests
fi
for f in target/portico.war target/payara-micro.jar; do
    [[ -f "$f" ]] || die "$f is missing; run without PORTICO_SKIP_BUILD=1 to build it"
done
for f in jvm.args micro.args pre-boot.asadmin; do
    [[ -f "$CONFIG_DIR/$f" ]] || die "server-config/payara-micro/$f is missing"
done

for port in "$PORTICO_PORT" "$UPSTREAM_PORT" "$PROXY_PORT"; do
    port_open "$port" && die "port $port is already in use on 127.0.0.1 (see the port variables in this script)"
done

# --- run directory ---------------------------------------------------------------------------------------
rm -rf "$RUN_DIR"
mkdir -p "$NGINX_DIR"/{conf,html,logs,temp} "$WRK_DIR" "$RUN_DIR/payara"
RESULTS="$RUN_DIR/results.txt"
: > "$RESULTS"

# Prints and keeps a line of the report.
say() {
    printf '%s\n' "$*" | tee -a "$RESULTS"
}

# The 1 KiB file, readable by nginx's workers (which drop to nobody when started as root).
head -c "$FILE_SIZE" /dev/zero | tr '\0' 'x' > "$NGINX_DIR/html/$FILE_NAME"
chmod a+r "$NGINX_DIR/html/$FILE_NAME"

nginx_user=""
if [[ "$(id -u)" -eq 0 ]]; then
    nginx_user="user nobody $(id -gn nobody 2>/dev/null || echo nogroup);"
fi
cat > "$NGINX_DIR/conf/nginx.conf" <<EOF
# Written by deploy/benchmark.sh.
$nginx_user
worker_processes $NGINX_WORKERS;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/logs/error.log warn;

events {
    worker_connections 1024;
}

http {
    access_log off;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $NGINX_DIR/temp/body;
    proxy_temp_path $NGINX_DIR/temp/proxy;
    fastcgi_temp_path $NGINX_DIR/temp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/temp/uwsgi;
    scgi_temp_path $NGINX_DIR/temp/scgi;

    # The upstream: the static file, for Portico's routes and for the nginx proxy alike.
    server {
        listen 127.0.0.1:$UPSTREAM_PORT;
        root $NGINX_DIR/html;
    }

    # The peer: nginx as a reverse proxy to the same upstream, with pooled keep-alive connections.
    upstream bench_upstream {
        server 127.0.0.1:$UPSTREAM_PORT;
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$PROXY_PORT;
        location / {
            proxy_pass http://bench_upstream;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF

cat > "$RUN_DIR/routes.properties" <<EOF
# Written by deploy/benchmark.sh: two routes to the same nginx upstream, one with a quota that is never reached.
portico.route.plain.path=/plain/**
portico.route.plain.upstream=http://127.0.0.1:$UPSTREAM_PORT
portico.route.plain.strip-prefix=1
portico.route.limited.path=/limited/**
portico.route.limited.upstream=http://127.0.0.1:$UPSTREAM_PORT
portico.route.limited.strip-prefix=1
portico.route.limited.quota=999999999/1s
portico.route.limited.quota.key=ip
EOF

# wrk reports through this script's done(): exact counts instead of wrk's rounded text.
cat > "$RUN_DIR/report.lua" <<'EOF'
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%.0f duration_us=%.0f rps=%.2f p50_us=%.0f p99_us=%.0f max_us=%.0f bytes=%.0f " ..
        "connect=%.0f read=%.0f write=%.0f status=%.0f timeout=%.0f\n",
        summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(99), latency.max, summary.bytes,
        e.connect, e.read, e.write, e.status, e.timeout))
end
EOF

mapfile -t JVM_ARGS < <(read_args "$CONFIG_DIR/jvm.args")
mapfile -t MICRO_ARGS < <(read_args "$CONFIG_DIR/micro.args")
JVM_ARGS+=("-Djava.io.tmpdir=$RUN_DIR/payara" "-Dportico.config.file=$RUN_DIR/routes.properties")

# --- children and cleanup --------------------------------------------------------------------------------
NGINX_PID=""
PAYARA_PID=""
WRK_PID=""

# shellcheck disable=SC2317  # called from the EXIT trap
stop_children() {
    stop_pids "Stopping what the benchmark started ..." "$WRK_PID" "$PAYARA_PID" "$NGINX_PID"
}

trap stop_children EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- nginx -----------------------------------------------------------------------------------------------
"$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/conf/nginx.conf" -t -q -e "$NGINX_DIR/logs/error.log" \
    || die "nginx rejects target/benchmark/nginx/conf/nginx.conf"
echo "Starting nginx (upstream 127.0.0.1:$UPSTREAM_PORT, proxy 127.0.0.1:$PROXY_PORT, worker_processes $NGINX_WORKERS) ..."
"$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/conf/nginx.conf" -e "$NGINX_DIR/logs/error.log" -g 'daemon off;' \
    > "$NGINX_DIR/logs/stdout.log" 2>&1 &
NGINX_PID=$!

# --- Payara Micro ----------------------------------------------------------------------------------------
echo "Starting Payara Micro on 127.0.0.1:$PORTICO_PORT (log: target/benchmark/payara.log) ..."
java "${JVM_ARGS[@]}" -jar target/payara-micro.jar \
    --deploy target/portico.war \
    --port "$PORTICO_PORT" \
    "${MICRO_ARGS[@]}" \
    > "$RUN_DIR/payara.log" 2>&1 &
PAYARA_PID=$!

deadline=$(( SECONDS + READY_TIMEOUT ))
while :; do
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$NGINX_DIR/logs/error.log" >&2 || true; die "nginx exited during startup"; }
    if ! kill -0 "$PAYARA_PID" 2>/dev/null; then
        tail -n 40 "$RUN_DIR/payara.log" >&2 || true
        die "Payara Micro exited during startup; see target/benchmark/payara.log"
    fi
    if grep -q 'ready in' "$RUN_DIR/payara.log"; then
        if ! grep -q 'Portico loaded' "$RUN_DIR/payara.log"; then
            grep -A12 -E 'Invalid Portico configuration|Exception while loading the app' "$RUN_DIR/payara.log" \
                | head -n 30 >&2 || tail -n 40 "$RUN_DIR/payara.log" >&2
            die "Portico did not deploy; see target/benchmark/payara.log"
        fi
        port_open "$UPSTREAM_PORT" && port_open "$PROXY_PORT" && break
    fi
    (( SECONDS < deadline )) || { tail -n 40 "$RUN_DIR/payara.log" >&2 || true; die "not ready after ${READY_TIMEOUT}s"; }
    sleep 1
done
echo "Ready after $(( SECONDS - STARTED ))s."

# Loopback only: every listening socket of nginx and Payara Micro must be on 127.0.0.0/8 or ::1 (Java lists an
# IPv4 listener as [::ffff:127.0.0.1]).
if command -v ss >/dev/null 2>&1; then
    sockets="$(ss -H -ltnp 2>/dev/null | grep -E "pid=($NGINX_PID|$PAYARA_PID)," || true)"
    outside="$(awk '$4 !~ /^(127\.|\[::1\]:|\[::ffff:127\.)/' <<<"$sockets")"
    [[ -z "$outside" ]] || die "a listener outside loopback: $outside"
fi

# --- targets ---------------------------------------------------------------------------------------------
url_of() {
    case "$1" in
        plain) echo "http://127.0.0.1:$PORTICO_PORT/plain/$FILE_NAME" ;;
        limited) echo "http://127.0.0.1:$PORTICO_PORT/limited/$FILE_NAME" ;;
        nginx-proxy) echo "http://127.0.0.1:$PROXY_PORT/$FILE_NAME" ;;
    esac
}

# Every target must answer 200 with the whole file; the limited route must carry the RateLimit headers (the quota
# filter at work) and the plain one must not.
for target in "${TARGETS[@]}"; do
    headers="$RUN_DIR/check-$target.headers"
    read -r code size < <(curl -sS -o /dev/null -D "$headers" -w '%{http_code} %{size_download}\n' "$(url_of "$target")") \
        || die "$target: no answer from $(url_of "$target")"
    [[ "$code" == 200 && "$size" == "$FILE_SIZE" ]] || die "$target: got $code with $size bytes, expected 200 with $FILE_SIZE"
done
grep -qi '^RateLimit-Policy:' "$RUN_DIR/check-limited.headers" || die "limited: no RateLimit-Policy header: is the quota on?"
grep -qi '^RateLimit' "$RUN_DIR/check-plain.headers" && die "plain: RateLimit headers on the route without a quota"

# --- wrk -------------------------------------------------------------------------------------------------
# The last run's figures, set by run_wrk from the done() line of report.lua.
# shellcheck disable=SC2034  # R_duration_us: kept for completeness, in the raw output too
R_requests=0 R_duration_us=0 R_rps=0 R_p50_us=0 R_p99_us=0 R_max_us=0 R_bytes=0
R_connect=0 R_read=0 R_write=0 R_status=0 R_timeout=0 R_errors=0 R_other=0
OTHER_LOAD_LIMIT=5          # percent of the machine's CPU taken by other processes during a round
other_max=0
other_rounds=0

# Keeps the largest share of other load, and counts the measured rounds above the limit.
note_other_load() {
    other_max="$(awk -v a="$other_max" -v b="$R_other" 'BEGIN { print ((b > a) ? b : a) }')"
    if awk -v b="$R_other" -v l="$OTHER_LOAD_LIMIT" 'BEGIN { exit !(b > l) }'; then
        other_rounds=$(( other_rounds + 1 ))
    fi
}

# Other load on the machine spoils the figures, so each run also measures it: the CPU time the whole machine spent
# (/proc/stat) less the time of what this benchmark runs (Payara Micro, nginx and its workers, this shell and the
# children it waited for: timeout, wrk and the small tools). Prints clock ticks busy, then ticks in all.
machine_ticks() {
    local _cpu user nice system idle iowait irq softirq steal _rest
    read -r _cpu user nice system idle iowait irq softirq steal _rest < /proc/stat
    echo "$(( user + nice + system + irq + softirq + steal )) $(( user + nice + system + idle + iowait + irq + softirq + steal ))"
}

# Prints the CPU clock ticks of process $1 (utime + stime), with those of its waited-for children when $2 is 1.
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

own_ticks() {
    local total pid
    total=$(( $(process_ticks "$PAYARA_PID") + $(process_ticks "$NGINX_PID") + $(process_ticks $$ 1) ))
    for pid in $(pgrep -P "$NGINX_PID" || true); do
        total=$(( total + $(process_ticks "$pid") ))
    done
    echo "$total"
}

# Runs wrk against a target for $2 seconds, raw output to $3, and sets R_* (R_other: the share of the machine's
# CPU that other processes took meanwhile, in percent).
run_wrk() {
    local target="$1" seconds="$2" out="$3" line pair busy0 all0 busy1 all1 own0 own1
    shift 3
    read -r busy0 all0 < <(machine_ticks)
    own0="$(own_ticks)"
    # In the background and waited for, so that an INT or TERM stops the run at once (the trap kills wrk).
    timeout -k 5 $(( seconds + 30 )) wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${seconds}s" "$@" \
        -s "$RUN_DIR/report.lua" "$(url_of "$target")" > "$out" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || { cat "$out" >&2; die "wrk failed on $target"; }
    WRK_PID=""
    own1="$(own_ticks)"
    read -r busy1 all1 < <(machine_ticks)
    R_other="$(awk -v b=$(( busy1 - busy0 - (own1 - own0) )) -v a=$(( all1 - all0 )) \
        'BEGIN { if (b < 0) b = 0; printf "%.1f", (a > 0 ? b / a * 100 : 0) }')"
    line="$(sed -n 's/^BENCH //p' "$out")"
    [[ -n "$line" ]] || { cat "$out" >&2; die "no result from wrk on $target"; }
    for pair in $line; do
        printf -v "R_${pair%%=*}" '%s' "${pair#*=}"
    done
    R_errors=$(( R_connect + R_read + R_write + R_timeout ))
}

# Prints "a b" as a/b with $3 decimals.
ratio() {
    awk -v a="$1" -v b="$2" -v d="${3:-3}" 'BEGIN { printf "%.*f", d, (b > 0 ? a / b : 0) }'
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print ((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# --- report header ---------------------------------------------------------------------------------------
jvm_flags=""
if command -v jcmd >/dev/null 2>&1; then
    jvm_flags="$(jcmd "$PAYARA_PID" VM.flags 2>/dev/null | tail -n 1 || true)"
fi
say ""
say "=== Portico quota filter benchmark, $(date -u '+%Y-%m-%dT%H:%M:%SZ') ==="
say "machine:        nproc $(nproc), $(uname -srm)"
say "java:           $(java -version 2>&1 | head -n 1)"
say "JVM options:    ${JVM_ARGS[*]}"
say "Payara options: --deploy target/portico.war --port $PORTICO_PORT ${MICRO_ARGS[*]}"
[[ -n "$jvm_flags" ]] && say "JVM flags:      $jvm_flags"
fjp="$(printf '%s\n' "${JVM_ARGS[@]}" | sed -n 's/^-Djava\.util\.concurrent\.ForkJoinPool\.common\.parallelism=//p' | tail -n 1)"
say "ForkJoinPool:   common.parallelism ${fjp:-not set (JVM default nproc-1 = $(( $(nproc) > 1 ? $(nproc) - 1 : 1 )))};" \
    "Portico's code forwards synchronously (JAX-RS client over HttpURLConnection), no *Async without executor"
say "nginx:          $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'), worker_processes $NGINX_WORKERS" \
    "($(pgrep -c -P "$NGINX_PID" || echo '?') workers), access_log off, upstream keepalive 32"
say "wrk:            $(wrk -v 2>&1 | head -n 1 | awk '{print $2}'), -t$WRK_THREADS -c$WRK_CONNECTIONS, 1 KiB file, loopback"
say "routes:         plain /plain/** (no quota); limited /limited/** quota 999999999/1s by ip; both strip-prefix 1"
say "sample limited: $(grep -i '^RateLimit' "$RUN_DIR/check-limited.headers" | tr -d '\r' | paste -sd ';' -)"

# --- warm-up ---------------------------------------------------------------------------------------------
say ""
say "--- warm-up: wrk ${WARMUP_SECONDS}s rounds alternating plain and limited, until two consecutive rounds on each" \
    "are within $(awk -v t="$WARMUP_TOLERANCE" 'BEGIN { print t * 100 }')% (at most $WARMUP_MAX_ROUNDS rounds)"
declare -A last_rps=() stable=()
warm_started=$SECONDS
warm_errors=0
warm_round=0
warmed=0
while (( warm_round < WARMUP_MAX_ROUNDS )); do
    for target in plain limited; do
        warm_round=$(( warm_round + 1 ))
        run_wrk "$target" "$WARMUP_SECONDS" "$WRK_DIR/warmup-$warm_round-$target.txt"
        change="-"
        stable[$target]=0
        if [[ -n "${last_rps[$target]:-}" ]]; then
            change="$(awk -v a="$R_rps" -v b="${last_rps[$target]}" 'BEGIN { printf "%+.1f%%", (a - b) / b * 100 }')"
            stable[$target]="$(awk -v a="$R_rps" -v b="${last_rps[$target]}" -v t="$WARMUP_TOLERANCE" \
                'BEGIN { d = (a - b) / b; if (d < 0) d = -d; print ((d <= t) ? 1 : 0) }')"
        fi
        last_rps[$target]="$R_rps"
        warm_errors=$(( warm_errors + R_errors + R_status ))
        say "$(printf 'warm-up %2d  %-8s %8.0f req/s  (%s on its last round)  p99 %6.2f ms  errors %d  non-2xx/3xx %d  other CPU %s%%' \
            "$warm_round" "$target" "$R_rps" "$change" "$(awk -v u="$R_p99_us" 'BEGIN { print u / 1000 }')" \
            "$R_errors" "$R_status" "$R_other")"
    done
    if [[ "${stable[plain]}" == 1 && "${stable[limited]}" == 1 ]]; then
        warmed=1
        break
    fi
done
if (( warmed )); then
    say "warm-up: stable after $warm_round rounds, $(( SECONDS - warm_started ))s"
else
    say "warm-up: NOT stable after $warm_round rounds ($(( SECONDS - warm_started ))s); measuring anyway"
fi

# --- measurement -----------------------------------------------------------------------------------------
say ""
say "--- measurement: $MEASURE_ROUNDS interleaved rounds of wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${MEASURE_SECONDS}s --latency"
declare -A rps_of=() p99_of=() errors_of=() status_of=() requests_of=() bytes_of=()
for (( round = 1; round <= MEASURE_ROUNDS; round++ )); do
    for target in "${TARGETS[@]}"; do
        run_wrk "$target" "$MEASURE_SECONDS" "$WRK_DIR/round-$round-$target.txt" --latency
        rps_of[$target]+="$R_rps "
        p99_of[$target]+="$(awk -v u="$R_p99_us" 'BEGIN { print u / 1000 }') "
        errors_of[$target]=$(( ${errors_of[$target]:-0} + R_errors ))
        status_of[$target]=$(( ${status_of[$target]:-0} + R_status ))
        requests_of[$target]=$(( ${requests_of[$target]:-0} + R_requests ))
        bytes_of[$target]=$(( ${bytes_of[$target]:-0} + R_bytes ))
        note_other_load
        say "$(printf 'round %d  %-12s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  errors %d  non-2xx/3xx %d  other CPU %s%%' \
            "$round" "$target" "$R_rps" "$(awk -v u="$R_p50_us" 'BEGIN { print u / 1000 }')" \
            "$(awk -v u="$R_p99_us" 'BEGIN { print u / 1000 }')" "$(awk -v u="$R_max_us" 'BEGIN { print u / 1000 }')" \
            "$R_errors" "$R_status" "$R_other")"
    done
done

# --- results ---------------------------------------------------------------------------------------------
declare -A med_rps=() med_p99=()
say ""
say "--- results (medians of $MEASURE_ROUNDS rounds)"
say "$(printf '%-12s %12s %10s %14s %12s  %s' target 'req/s' 'p99 ms' 'bytes/resp' 'errors' 'rounds req/s')"
for target in "${TARGETS[@]}"; do
    # shellcheck disable=SC2086  # word lists on purpose
    med_rps[$target]="$(median ${rps_of[$target]})"
    # shellcheck disable=SC2086
    med_p99[$target]="$(median ${p99_of[$target]})"
    say "$(printf '%-12s %12.0f %10.2f %14.1f %12s  %s' "$target" "${med_rps[$target]}" "${med_p99[$target]}" \
        "$(ratio "${bytes_of[$target]}" "${requests_of[$target]}" 1)" \
        "${errors_of[$target]}/${status_of[$target]}" \
        "$(awk -v list="${rps_of[$target]}" 'BEGIN { n = split(list, v, " "); for (i = 1; i <= n; i++) printf "%s%.0f", (i > 1 ? " " : ""), v[i] }')")"
done
say "(errors: socket errors/non-2xx-3xx responses over all rounds; bytes/resp: headers and body as wrk read them)"
say ""
say "limited/plain       req/s $(ratio "${med_rps[limited]}" "${med_rps[plain]}")" \
    "(the quota filter costs $(awk -v a="${med_rps[limited]}" -v b="${med_rps[plain]}" 'BEGIN { printf "%.1f", (1 - a / b) * 100 }')% of throughput)," \
    "p99 $(ratio "${med_p99[limited]}" "${med_p99[plain]}")"
say "plain/nginx-proxy   req/s $(ratio "${med_rps[plain]}" "${med_rps[nginx-proxy]}")," \
    "p99 $(ratio "${med_p99[plain]}" "${med_p99[nginx-proxy]}")"

total_errors=$(( warm_errors ))
for target in "${TARGETS[@]}"; do
    total_errors=$(( total_errors + ${errors_of[$target]} + ${status_of[$target]} ))
done
say ""
if (( total_errors )); then
    say "WARNING: $total_errors socket errors or non-2xx/3xx responses in all (a 429 on limited would count here);" \
        "see target/benchmark/wrk/"
else
    say "no socket errors and no non-2xx/3xx responses in any round (so no 429 on limited)"
fi
if (( other_rounds )); then
    say "WARNING: other processes took more than $OTHER_LOAD_LIMIT% of the machine's CPU in $other_rounds of" \
        "$(( MEASURE_ROUNDS * ${#TARGETS[@]} )) measured rounds (at most $other_max%): these figures are not clean"
else
    say "other processes took at most $other_max% of the machine's CPU in any measured round"
fi
say "Payara Micro peak RSS: $(awk '/^VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$PAYARA_PID/status" 2>/dev/null || echo '?')"
severe="$(grep -c -E 'SEVERE|Exception' "$RUN_DIR/payara.log" || true)"
say "Payara log lines with SEVERE or Exception: $severe (target/benchmark/payara.log)"
say "total time: $(( SECONDS - STARTED ))s; report in target/benchmark/results.txt"
