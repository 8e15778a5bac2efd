#!/usr/bin/env bash
# Installs the Debian packages the integration tests use, when any is missing: httpbin (a real upstream, which
# deploy/demo.sh starts in DemoIT) and Chromium with its chromedriver (DashboardIT looks at the admin dashboard
# as a person would). `./mvnw verify` runs this before the integration tests; so does .ci/run.
set -euo pipefail

PACKAGES=(python3-httpbin chromium chromium-driver)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed$'; then
        missing+=("$pkg")
    fi
done
(( ${#missing[@]} )) || exit 0

echo "Installing the test dependencies ${missing[*]} ..."
as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    as_root=(sudo)
fi
${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update
${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
