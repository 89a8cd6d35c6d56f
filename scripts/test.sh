#!/bin/sh
# The whole test suite: an AddressSanitizer + UBSan build of the tests, a short
# run of every fuzz target, then the main build's tests (ctest, GoogleTest).
# Run scripts/setup.sh once before.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc)

echo "== ASan + UBSan build and tests =="
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCRATESCOPE_SANITIZE=ON -DCRATESCOPE_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
  ctest --test-dir build-asan -j"$jobs" --output-on-failure -LE slow

echo "== fuzz targets, ${FUZZ_SECONDS:-15} s each =="
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCRATESCOPE_FUZZ=ON -DCRATESCOPE_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$jobs"
for fuzzer in build-fuzz/fuzz/*_fuzz; do
  name=$(basename "$fuzzer")
  corpus="build-fuzz/corpus/$name"
  mkdir -p "$corpus"
  case $name in  # real inputs to start from
    load_lockfile_fuzz) seeds="tests/fixtures/lockfiles" ;;
    load_manifest_fuzz) seeds="tests/fixtures/manifests" ;;
    advisory_parse_fuzz) seeds="tests/fixtures/advisories/parse" ;;
    model_build_fuzz) seeds="tests/fixtures/model" ;;  # mutated real Rust
    callgraph_unit_fuzz) seeds="tests/fixtures/model tests/fixtures/callgraph" ;;
    capabilities_analyze_fuzz) seeds="tests/fixtures/capabilities tests/fixtures/capability-diff" ;;
    callgraph_unit_cache_fuzz)  # real cache files of small crates, written by the ASan build
      units="$PWD/build-fuzz/unit-cache"
      seeds="build-fuzz/unit-seeds"
      mkdir -p "$seeds"
      XDG_CACHE_HOME="$units" build-asan/src/cratescope -q why tar::Archive::new \
        tests/fixtures/reachability/tar-not-called >/dev/null 2>&1 || true
      if [ -d "$units/cratescope/callgraph" ]; then
        ls -S "$units/cratescope/callgraph" | tail -n 3 | while read -r f; do cp "$units/cratescope/callgraph/$f" "$seeds/"; done
      fi ;;
    *) seeds="" ;;
  esac
  echo "-- $name"
  "$fuzzer" -max_total_time="${FUZZ_SECONDS:-15}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
    "$corpus" $seeds 2>&1 | tail -n 2
done

echo "== tests =="
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build -j"$jobs" --output-on-failure
