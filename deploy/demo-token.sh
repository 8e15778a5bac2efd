#!/usr/bin/env bash
# Prints a signed demo JWT for the Portico demo; the options are DemoToken.java's (try --help), for example:
#   ./deploy/demo-token.sh --subject alice --groups user --scope "read write"
# Runs from the project root, where DemoToken.java finds the demo key by default, so a relative --key PATH is
# taken from the project root too. Needs Java 17.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec java deploy/DemoToken.java "$@"
