#!/usr/bin/env bash
# Prints a new random API key for a Portico consumer, and the properties that make the gateway accept it:
#   ./deploy/api-key.sh NAME [ROLES]      for example: ./deploy/api-key.sh billing admin,reports
# The key is 32 random bytes, base64url without padding. The gateway holds only its SHA-256 (lower-case hex),
# so the key goes to the consumer and nowhere else. To rotate a key, add the new hash to the consumer's
# api-key-sha256 line after a comma, and drop the old hash once the consumer has switched.
# Needs coreutils only (head, base64, tr, sha256sum).
set -euo pipefail

die() {
    echo "api-key: $*" >&2
    echo "usage: $0 NAME [ROLES]   (NAME like a route id, ROLES a comma list such as admin,reports)" >&2
    exit 2
}

(( $# >= 1 && $# <= 2 )) || die "expected a consumer name and, optionally, roles"
name="$1"
roles="${2:-}"
# The name is one segment of the keys portico.consumer.<name>.*; the same rule as for route ids.
[[ "$name" =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "consumer names must be lower-case letters, digits and '-': '$name'"
[[ "$roles" != *[[:space:]]* ]] || die "roles must be a comma list without spaces: '$roles'"

# 32 bytes are 256 bits; their base64 is 44 characters, 43 without the one '=' of padding.
key="$(head -c 32 /dev/urandom | base64 -w 0 | tr '+/' '-_' | tr -d '=')"
(( ${#key} == 43 )) || die "could not read 32 random bytes from /dev/urandom"
hash="$(printf '%s' "$key" | sha256sum)"
hash="${hash%% *}"

cat <<OUT
API key for consumer $name (give it to that consumer only; it goes in the X-API-Key header,
or in the header named by portico.security.api-key.header):
  $key

Properties for the gateway:
portico.consumer.$name.api-key-sha256=$hash
OUT
if [[ -n "$roles" ]]; then
    echo "portico.consumer.$name.roles=$roles"
fi
