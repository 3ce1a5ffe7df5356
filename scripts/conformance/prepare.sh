#!/usr/bin/env bash
# Prepares the W3C conformance suites for run.sh, once, with network access: clones the four
# suites and their GitHub-only dependencies at pinned commits, packs those dependencies with
# `npm pack` and installs each suite against the tarballs. run.sh then needs no network.
#
#   scripts/conformance/prepare.sh                   # clones from GitHub
#   CLONE_URL_TEMPLATE='/mirrors/{owner}+{name}/repo' scripts/conformance/prepare.sh
#
# CONFORMANCE_DIR (default /tmp/xueji-conformance) receives everything; nothing of it belongs in
# this repository.
set -euo pipefail

CONFORMANCE_DIR=${CONFORMANCE_DIR:-/tmp/xueji-conformance}
CLONE_URL_TEMPLATE=${CLONE_URL_TEMPLATE:-'https://github.com/{owner}/{name}.git'}

# owner/name commit (the versions docs/conformance.md reports on)
SUITES=(
  'w3c/vc-data-model-2.0-test-suite 6e07524'
  'w3c/vc-di-eddsa-test-suite a62061b'
  'w3c/vc-bitstring-status-list-test-suite 5cdc562'
  'w3c/vc-di-ecdsa-test-suite 070efa3'
)
# Test vectors the ecdsa suite reads at run time (its postinstall would clone them from GitHub).
ECDSA_VECTORS='w3c/vc-di-ecdsa 00781de'
GITHUB_ONLY_DEPS=(
  'w3c/vc-test-suite-implementations a15c6cf vc-test-suite-implementations'
  'w3c-ccg/data-integrity-test-suite-assertion 8d84d18 data-integrity-test-suite-assertion'
)

clone() { # owner/name commit → directory
  local repo=$1 commit=$2 dir="$CONFORMANCE_DIR/${1//\//+}"
  local url=${CLONE_URL_TEMPLATE//\{owner\}/${repo%%/*}}
  url=${url//\{name\}/${repo##*/}}
  [ -d "$dir/.git" ] || git clone --quiet "$url" "$dir"
  git -C "$dir" -c advice.detachedHead=false checkout --quiet "$commit"
  echo "$dir"
}

mkdir -p "$CONFORMANCE_DIR/tarballs"
declare -A TARBALL
for entry in "${GITHUB_ONLY_DEPS[@]}"; do
  read -r repo commit package <<<"$entry"
  dir=$(clone "$repo" "$commit")
  (cd "$dir" && npm pack --ignore-scripts --silent --pack-destination "$CONFORMANCE_DIR/tarballs" >/dev/null)
  TARBALL[$package]=$(ls "$CONFORMANCE_DIR"/tarballs/"$package"-*.tgz | head -1)
done

for entry in "${SUITES[@]}"; do
  read -r repo commit <<<"$entry"
  dir=$(clone "$repo" "$commit")
  for package in "${!TARBALL[@]}"; do
    if grep -q "\"$package\"" "$dir/package.json"; then
      (cd "$dir" && npm pkg set "dependencies.$package=file:${TARBALL[$package]}")
    fi
  done
  # The lock files point at GitHub for those packages.
  rm -f "$dir/package-lock.json"
  (cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
  if [ "$repo" = w3c/vc-di-ecdsa-test-suite ]; then
    read -r vectors_repo vectors_commit <<<"$ECDSA_VECTORS"
    vectors=$(clone "$vectors_repo" "$vectors_commit")
    mkdir -p "$dir/tests/input" && rm -rf "$dir/tests/input/vc-di-ecdsa" && cp -r "$vectors" "$dir/tests/input/vc-di-ecdsa"
  fi
  echo "prepared $repo at $commit in $dir"
done
