#!/bin/sh
# Installs every dependency (Debian packages, the tree-sitter Rust grammar from
# npm), builds cratescope, and audits the demo project. Idempotent: run it
# again at any time. Needs root (or sudo) for apt-get.
set -eu
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

PACKAGES="build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev git nodejs npm
  libtree-sitter-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev
  libsqlite3-dev libarchive-dev libhyperscan-dev libre2-dev libtbb-dev libgit2-dev libsimdjson-dev
  libgtest-dev libgmock-dev libbenchmark-dev ripgrep hyperfine librust-semver-dev"
missing=""
for p in $PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing$missing"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The grammar's C sources only; --ignore-scripts: nothing from npm runs.
if [ ! -f node_modules/tree-sitter-rust/src/parser.c ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

echo
echo "== cratescope audit demo/vulnerable-app (offline, with the advisory-db snapshot in ../shared) =="
set +e
./build/src/cratescope audit demo/vulnerable-app --db ../shared/data/advisory-db
status=$?
set -e
echo "(exit code $status: 1 means vulnerabilities were found, as expected for the demo)"
[ "$status" -le 1 ]
