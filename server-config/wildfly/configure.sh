#!/usr/bin/env bash
# Writes standalone-portico.xml into a WildFly installation: a fresh copy of its standalone-microprofile.xml
# with server-config/wildfly/portico.cli applied offline (an embedded server; nothing listens meanwhile).
#
#   server-config/wildfly/configure.sh JBOSS_HOME [SOURCE_CONFIG [TARGET_CONFIG]]
#
# Start the server with it: "$JBOSS_HOME"/bin/standalone.sh -c standalone-portico.xml
set -euo pipefail

[[ $# -ge 1 && -x "$1/bin/jboss-cli.sh" ]] || { echo "usage: $0 JBOSS_HOME [SOURCE [TARGET]]" >&2; exit 2; }
JBOSS_HOME="$(cd "$1" && pwd -P)"
SOURCE="${2:-standalone-microprofile.xml}"
TARGET="${3:-standalone-portico.xml}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
CONFIG_DIR="$JBOSS_HOME/standalone/configuration"

cp "$CONFIG_DIR/$SOURCE" "$CONFIG_DIR/$TARGET"
script="$(mktemp "${TMPDIR:-/tmp}/portico-cli.XXXXXX")"
trap 'rm -f "$script"' EXIT
{
    echo "embed-server --server-config=$TARGET --std-out=discard"
    cat "$HERE/portico.cli"
    echo "stop-embedded-server"
} > "$script"
# The CLI reports a failed step on its output and exits with a status other than 0.
if ! output="$(JBOSS_HOME="$JBOSS_HOME" "$JBOSS_HOME/bin/jboss-cli.sh" --file="$script" 2>&1)"; then
    printf '%s\n' "$output" >&2
    echo "configure.sh: applying portico.cli to $CONFIG_DIR/$TARGET failed" >&2
    exit 1
fi
echo "Wrote $CONFIG_DIR/$TARGET"
