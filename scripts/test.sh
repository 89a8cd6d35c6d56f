#!/bin/sh
# The whole test suite: one clang build with AddressSanitizer + UBSan and
# libFuzzer coverage serves both the sanitized test run and a short run of every
# fuzz target; then the main build's tests (ctest, GoogleTest). One sanitized
# build instead of two keeps CI on 2 cores well under 20 minutes.
# Run scripts/setup.sh once before.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc)

echo "== ASan + UBSan build (clang, with the fuzz targets) and tests =="
CC=clang CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCRATESCOPE_SANITIZE=ON \
  -DCRATESCOPE_FUZZ=ON -DCRATESCOPE_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
  ctest --test-dir build-asan -j"$jobs" --output-on-failure -E Corpus  # corpus-wide tests: main build only (minutes here)

echo "== fuzz targets, ${FUZZ_SECONDS:-15} s each =="
failed_fuzzers=""
for fuzzer in build-asan/fuzz/*_fuzz; do
  name=$(basename "$fuzzer")
  corpus="build-asan/fuzz-corpus/$name"
  mkdir -p "$corpus"
  case $name in  # real inputs to start from
    load_lockfile_fuzz) seeds="tests/fixtures/lockfiles" ;;
    load_manifest_fuzz) seeds="tests/fixtures/manifests" ;;
    load_feature_resolver_fuzz) seeds="tests/fixtures/feature-resolver" ;;  # manifests joined by %% lines
    advisory_parse_fuzz) seeds="tests/fixtures/advisories/parse" ;;
    model_build_fuzz) seeds="tests/fixtures/model" ;;  # mutated real Rust
    model_test_bodies_fuzz) seeds="tests/fixtures/model tests/fixtures/test-modules" ;;
    callgraph_unit_fuzz) seeds="tests/fixtures/model tests/fixtures/callgraph" ;;
    capabilities_analyze_fuzz) seeds="tests/fixtures/capabilities tests/fixtures/capability-diff" ;;
    scan_crate_fuzz) seeds="tests/fixtures/scan" ;;
    sources_vendored_fuzz) seeds="tests/fixtures/vendored" ;;  # .cargo-checksum.json files
    index_query_fuzz)  # paths and requirements users would type
      seeds="build-asan/index-query-seeds"
      mkdir -p "$seeds"
      printf 'tinyjson::from_str\n=1.2.0' >"$seeds/reexport"
      printf 'textkit::trim_all\n' >"$seeds/glob"
      printf 'bytebuf::Buf::push\n>=0.2, <1' >"$seeds/method"
      printf 'app-cli\nurlkit' >"$seeds/crates" ;;
    callgraph_unit_cache_fuzz)  # real cache files of small crates, written by the ASan build
      units="$PWD/build-asan/unit-cache"
      seeds="build-asan/unit-seeds"
      mkdir -p "$seeds"
      XDG_CACHE_HOME="$units" build-asan/src/cratescope -q why tar::Archive::new \
        tests/fixtures/reachability/tar-not-called >/dev/null 2>&1 || true
      if [ -d "$units/cratescope/callgraph" ]; then
        ls -S "$units/cratescope/callgraph" | tail -n 3 | while read -r f; do cp "$units/cratescope/callgraph/$f" "$seeds/"; done
      fi ;;
    *) seeds="" ;;
  esac
  echo "-- $name"
  # A crash fails the suite (after the main tests have run too); its input
  # is kept as build-asan/crash-* for the fuzz target to run again.
  log="build-asan/fuzz-$name.log"
  status=0
  "$fuzzer" -max_total_time="${FUZZ_SECONDS:-15}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
    -artifact_prefix=build-asan/ "$corpus" $seeds >"$log" 2>&1 || status=$?
  tail -n 2 "$log"
  if [ "$status" -ne 0 ]; then
    echo "fuzz target $name failed (exit $status): $log" >&2
    failed_fuzzers="$failed_fuzzers $name"
  fi
done

echo "== tests =="
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build -j"$jobs" --output-on-failure
if [ -n "$failed_fuzzers" ]; then
  echo "fuzz targets that failed:$failed_fuzzers" >&2
  exit 1
fi
