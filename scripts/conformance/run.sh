#!/usr/bin/env bash
# Runs the W3C suites prepared by prepare.sh against this service, offline: HTTPS on loopback
# with a throwaway self-signed certificate, a fresh embedded database in a temporary folder,
# and conformance mode (anonymous issuance for one did:key issuer from a fresh random seed).
# Prints passed/failed/pending per suite; JSON reports stay in $OUT_DIR.
#
#   scripts/conformance/run.sh [vc-data-model|eddsa|bitstring|ecdsa]...   (default: all four)
#
# CONFORMANCE_DIR: where prepare.sh put the suites (default /tmp/xueji-conformance).
# PORT: loopback port (default 40443). SKIP_BUILD=1 reuses dist/. OUT_DIR: where reports go.
set -euo pipefail

# Offline for certain: where unprivileged namespaces work, everything below (service and suites)
# runs in a network namespace of its own that has nothing but loopback. ALLOW_NETWORK=1 skips it.
if [ -z "${XUEJI_CONFORMANCE_NETNS:-}" ] && [ "${ALLOW_NETWORK:-}" != 1 ] && unshare -rn true 2>/dev/null; then
  exec unshare -rn env XUEJI_CONFORMANCE_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CONFORMANCE_DIR=${CONFORMANCE_DIR:-/tmp/xueji-conformance}
PORT=${PORT:-40443}
BASE_URL="https://127.0.0.1:$PORT"
WORK=$(mktemp -d /tmp/xueji-conformance-run.XXXXXX)
OUT_DIR=${OUT_DIR:-$WORK/reports}
SERVICE_NODE="$ROOT/node_modules/.bin/node"

declare -A SUITE_DIRS=(
  [vc-data-model]=w3c+vc-data-model-2.0-test-suite
  [eddsa]=w3c+vc-di-eddsa-test-suite
  [bitstring]=w3c+vc-bitstring-status-list-test-suite
  [ecdsa]=w3c+vc-di-ecdsa-test-suite
)
SELECTED=("$@")
[ ${#SELECTED[@]} -gt 0 ] || SELECTED=(vc-data-model eddsa bitstring ecdsa)
for suite in "${SELECTED[@]}"; do
  dir="$CONFORMANCE_DIR/${SUITE_DIRS[$suite]:?unknown suite $suite}"
  [ -d "$dir/node_modules" ] || { echo "$dir is not prepared: run scripts/conformance/prepare.sh first" >&2; exit 2; }
done

SERVICE_PID=
cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && { wait "$SERVICE_PID" 2>/dev/null || true; }
  rm -rf "$WORK/data" "$WORK/tls"
}
trap cleanup EXIT

mkdir -p "$WORK/tls" "$OUT_DIR"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj '/CN=127.0.0.1' \
  -addext 'subjectAltName=IP:127.0.0.1' -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" 2>/dev/null

export XUEJI_CONFORMANCE_ISSUER_SEED
XUEJI_CONFORMANCE_ISSUER_SEED=$(openssl rand -base64 32)
SUITE_PATHS=()
for suite in "${SELECTED[@]}"; do SUITE_PATHS+=("$CONFORMANCE_DIR/${SUITE_DIRS[$suite]}"); done
[ "${SKIP_BUILD:-}" = 1 ] || (cd "$ROOT" && npm run --silent build)
ISSUER_DID=$("$SERVICE_NODE" "$ROOT/scripts/conformance/local-config.mjs" "$BASE_URL" "${SUITE_PATHS[@]}")

PORT=$PORT HOST=127.0.0.1 PUBLIC_URL=$BASE_URL RATE_LIMITS=off DATA_DIR="$WORK/data" XUEJI_MASTER_KEY=$(openssl rand -base64 32) \
  TLS_CERT_FILE="$WORK/tls/cert.pem" TLS_KEY_FILE="$WORK/tls/key.pem" LOG_LEVEL=${LOG_LEVEL:-warn} \
  "$SERVICE_NODE" "$ROOT/dist/src/main.js" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  curl -skf "$BASE_URL/health" >/dev/null && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
  sleep 0.5
done
curl -skf "$BASE_URL/health" >/dev/null || { echo 'service did not come up' >&2; cat "$WORK/service.log" >&2; exit 1; }
echo "service up at $BASE_URL, conformance issuers $ISSUER_DID (log: $WORK/service.log)"

# The suites run on the machine's own Node (not the service's), as their CI does.
SUITE_PATH=$(echo "$PATH" | tr ':' '\n' | grep -v "$ROOT/node_modules/.bin" | paste -sd:)
for suite in "${SELECTED[@]}"; do
  dir="$CONFORMANCE_DIR/${SUITE_DIRS[$suite]}"
  (cd "$dir" && PATH=$SUITE_PATH ./node_modules/.bin/mocha tests/ --timeout 15000 --preserve-symlinks \
    --reporter json --reporter-option "output=$OUT_DIR/$suite.json" >"$OUT_DIR/$suite.log" 2>&1) || true
done

echo
for suite in "${SELECTED[@]}"; do "$SERVICE_NODE" "$ROOT/scripts/conformance/report.mjs" "$suite" "$OUT_DIR/$suite.json" || true; done
echo "reports: $OUT_DIR"
