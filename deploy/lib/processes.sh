# Functions shared by the scripts in deploy/ that start servers: sourced, never run on its own.
# shellcheck shell=bash

# Prints the options in an args file: one option a line, kept whole (it may hold spaces), surrounding
# blanks trimmed, '#' comment lines and blank lines ignored.
read_args() {
    local line
    while IFS= read -r line || [[ -n "$line" ]]; do
        [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
        line="${line#"${line%%[![:space:]]*}"}"
        printf '%s\n' "${line%"${line##*[![:space:]]}"}"
    done < "$1"
}

# True when something accepts connections on 127.0.0.1:$1.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# stop_pids MESSAGE PID...: sends TERM to those of the processes still running, gives them 35 s for their
# shutdown hooks (Payara's let requests in flight finish, up to portico.shutdown.grace, 30 s by default), then
# insists with KILL, and reaps them. Empty PIDs are skipped.
stop_pids() {
    local message="$1" pid pids=() i alive
    shift
    for pid in "$@"; do
        [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && pids+=("$pid")
    done
    (( ${#pids[@]} )) || return 0
    # Whoever read our output may be gone (a closed terminal; Java's Process.destroy closes the pipes): a write
    # must not kill the script with SIGPIPE before it has stopped its children.
    trap '' PIPE
    echo "$message" >&2 2>/dev/null || true
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for (( i = 0; i < 70; i++ )); do
        alive=0
        for pid in "${pids[@]}"; do
            kill -0 "$pid" 2>/dev/null && alive=1
        done
        (( alive )) || break
        sleep 0.5
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}
