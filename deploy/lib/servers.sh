# How deploy/demo.sh fetches, configures and starts each server: sourced, never run on its own. Each server NAME
# has prepare_NAME (fetch and configure, before anything starts), start_NAME (start in the background, setting
# SERVER_PID and SERVER_LOG) and metrics_NAME (the URL of the gateway's metrics in Prometheus text).
# Expects ROOT, RUN_DIR, PORTICO_PORT (and PORTICO_CONFIG_FILE exported) and the functions die, read_args.
# shellcheck shell=bash

pom_property() {
    sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml"
}

# unpack_server GROUP:ARTIFACT VERSION_PROPERTY DIR: unpacks the server's zip from Maven into target/servers.
unpack_server() {
    local artifact="$1" version
    version="$(pom_property "$2")"
    [[ -n "$version" ]] || die "pom.xml names no $2"
    if [[ ! -d "$3" ]]; then
        echo "Fetching $artifact:$version through Maven ..."
        (cd "$ROOT" && ./mvnw -q -B dependency:unpack "-Dartifact=$artifact:$version:zip" \
            -DoutputDirectory=target/servers)
    fi
    [[ -d "$3" ]] || die "$3 is missing after unpacking $artifact:$version"
}

# --- Payara Micro: the jar the build copies to target/, options from server-config/payara-micro -----------
prepare_payara-micro() {
    [[ -f "$ROOT/target/payara-micro.jar" ]] || die "target/payara-micro.jar is missing; run without PORTICO_SKIP_BUILD=1"
    mapfile -t JVM_ARGS < <(read_args "$ROOT/server-config/payara-micro/jvm.args")
    mapfile -t MICRO_ARGS < <(read_args "$ROOT/server-config/payara-micro/micro.args")
}

start_payara-micro() {
    SERVER_LOG="$RUN_DIR/payara.log"
    # The routes file comes, as on every server, from PORTICO_CONFIG_FILE, which demo.sh exports.
    (cd "$ROOT" && exec java "${JVM_ARGS[@]}" "-Djava.io.tmpdir=$RUN_DIR" \
        -jar target/payara-micro.jar --deploy target/portico.war --port "$PORTICO_PORT" "${MICRO_ARGS[@]}") \
        > "$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
}

metrics_payara-micro() {
    echo "http://127.0.0.1:$PORTICO_PORT/metrics?scope=application"
}

# --- WildFly: standalone-portico.xml from server-config/wildfly, a server base of its own in target/demo ----
WILDFLY_MANAGEMENT_PORT="${WILDFLY_MANAGEMENT_PORT:-9990}"

prepare_wildfly() {
    WILDFLY_HOME="$ROOT/target/servers/wildfly-$(pom_property wildfly.version)"
    unpack_server org.wildfly:wildfly-dist wildfly.version "$WILDFLY_HOME"
    bash "$ROOT/server-config/wildfly/configure.sh" "$WILDFLY_HOME" > /dev/null
    cp -r "$WILDFLY_HOME/standalone" "$RUN_DIR/wildfly"
    rm -rf "$RUN_DIR/wildfly/deployments/"* "$RUN_DIR/wildfly/data" "$RUN_DIR/wildfly/log" "$RUN_DIR/wildfly/tmp"
    cp "$ROOT/target/portico.war" "$RUN_DIR/wildfly/deployments/portico.war"
}

start_wildfly() {
    SERVER_LOG="$RUN_DIR/wildfly/log/server.log"
    # In the background the script passes TERM on to the server's JVM, so that stopping it stops the server.
    LAUNCH_JBOSS_IN_BACKGROUND=1 "$WILDFLY_HOME/bin/standalone.sh" -c standalone-portico.xml \
        "-Djboss.server.base.dir=$RUN_DIR/wildfly" -b 127.0.0.1 -bmanagement 127.0.0.1 \
        "-Djboss.http.port=$PORTICO_PORT" "-Djboss.management.http.port=$WILDFLY_MANAGEMENT_PORT" \
        "-Djava.io.tmpdir=$RUN_DIR" > "$RUN_DIR/wildfly-console.log" 2>&1 &
    SERVER_PID=$!
}

metrics_wildfly() {
    echo "http://127.0.0.1:$WILDFLY_MANAGEMENT_PORT/metrics"
}

# --- Open Liberty: a server made of server-config/liberty's files, in a user folder of its own -------------
prepare_liberty() {
    LIBERTY_HOME="$ROOT/target/servers/wlp"
    unpack_server io.openliberty:openliberty-runtime openliberty.version "$LIBERTY_HOME"
    export WLP_USER_DIR="$RUN_DIR/liberty"
    local server="$WLP_USER_DIR/servers/portico"
    mkdir -p "$server/apps"
    cp "$ROOT/server-config/liberty/"{server.xml,bootstrap.properties,jvm.options} "$server/"
    cp "$ROOT/target/portico.war" "$server/apps/portico.war"
    printf 'default.http.port=%s\n' "$PORTICO_PORT" >> "$server/bootstrap.properties"
    printf -- '-Djava.io.tmpdir=%s\n' "$RUN_DIR" >> "$server/jvm.options"
}

start_liberty() {
    SERVER_LOG="$WLP_USER_DIR/servers/portico/logs/messages.log"
    # server run keeps the server in the foreground of its own process, which becomes the JVM.
    "$LIBERTY_HOME/bin/server" run portico > "$RUN_DIR/liberty-console.log" 2>&1 &
    SERVER_PID=$!
}

metrics_liberty() {
    echo "http://127.0.0.1:$PORTICO_PORT/metrics?scope=application"
}
