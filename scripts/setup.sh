#!/bin/sh
# Installs every dependency (Debian packages, the tree-sitter Rust grammar from
# npm), builds cratescope, and audits the demo project. Idempotent: run it
# again at any time. Needs root (or sudo) for apt-get.
set -eu
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

PACKAGES="build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev git python3
  libtree-sitter-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev
  libsqlite3-dev libarchive-dev libhyperscan-dev libre2-dev libyara-dev libtbb-dev libgit2-dev libsimdjson-dev libsodium-dev libjemalloc-dev
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

# npm from Debian only where the machine has none of its own.
if ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

# Debian's packaged crate sources (~1,500 crates in /usr/share/cargo/registry):
# the real-world corpus for tests on real projects and for the benchmarks.
if [ "$(ls /usr/share/cargo/registry 2>/dev/null | wc -l)" -lt 1000 ]; then
  echo "setup: installing Debian's crate corpus (about 630 MB, once)"
  $SUDO sh ../shared/scripts/install-crate-corpus.sh
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
