#!/usr/bin/env bash
# The call graph of a real project with 200+ dependencies and `cratescope
# audit` with reachability, next to `cargo check` of the same project from
# cold (offline, against Debian's crate corpus, in a throw-away CARGO_HOME
# and target dir): the compiler front end is the natural bound of
# "knowing what calls what". Targets (issue 5): audit with reachability at
# least 50x faster than cargo check; the call graph of the whole dependency
# closure under 5 s on 2 cores.
#
#   bench/callgraph_bench.sh [BUILD_DIR] [PROJECT] [THREADS] [RUNS]
#
# PROJECT defaults to tests/fixtures/real/big (204 packages). Needs the corpus
# (../shared/scripts/install-crate-corpus.sh) and cargo; NO_CARGO=1 skips the
# cargo check (minutes on 2 cores).
set -euo pipefail
BUILD_DIR=${1:-build}
PROJECT=${2:-tests/fixtures/real/big}
THREADS=${3:-2}
RUNS=${4:-3}
BENCH="$BUILD_DIR/bench/cratescope-callgraph-bench"
CRATESCOPE="$BUILD_DIR/src/cratescope"
REGISTRY=/usr/share/cargo/registry
DB=${DB:-$(cd "$(dirname "$0")/.." && pwd)/../shared/data/advisory-db}
[[ -x $BENCH && -x $CRATESCOPE ]] || { echo "build first: cmake --build $BUILD_DIR" >&2; exit 2; }
[[ -d $REGISTRY ]] || { echo "no corpus at $REGISTRY (../shared/scripts/install-crate-corpus.sh)" >&2; exit 2; }

calc() { awk "BEGIN { print $* }"; }
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
now() { date +%s.%N; }

echo "project: $PROJECT ($(grep -c '^\[\[package\]\]' "$PROJECT/Cargo.lock") packages), threads: $THREADS"
# Every platform (the default), and one build: the host's (--target), which
# leaves out the dependencies and #[cfg] code of other platforms.
HOST=$(rustc -vV 2>/dev/null | sed -n 's/^host: //p')
HOST=${HOST:-x86_64-unknown-linux-gnu}
LIST=$(mktemp) HOST_LIST=$(mktemp)
"$BENCH" --threads "$THREADS" "$PROJECT" --list "$LIST" >/dev/null  # warms the page cache
"$BENCH" --threads "$THREADS" --target "$HOST" "$PROJECT" --list "$HOST_LIST" >/dev/null
faster() { [[ -z $2 ]] || awk -v a="$(field seconds "$1")" -v b="$(field seconds "$2")" 'BEGIN { exit !(a < b) }'; }
BEST="" PARSE="" HOST_BEST="" HOST_PARSE=""
for ((run = 1; run <= RUNS; run++)); do
  line=$("$BENCH" --threads "$THREADS" "$PROJECT")
  parse=$("$BUILD_DIR/bench/cratescope-model-bench" --threads "$THREADS" parse "$LIST")
  host_line=$("$BENCH" --threads "$THREADS" --target "$HOST" "$PROJECT")
  host_parse=$("$BUILD_DIR/bench/cratescope-model-bench" --threads "$THREADS" parse "$HOST_LIST")
  echo "run $run: call graph $(field seconds "$line") s, tree-sitter parse only $(field seconds "$parse") s;" \
       "--target $HOST: $(field seconds "$host_line") s, parse only $(field seconds "$host_parse") s"
  if faster "$line" "$BEST"; then BEST=$line; fi
  if faster "$parse" "$PARSE"; then PARSE=$parse; fi
  if faster "$host_line" "$HOST_BEST"; then HOST_BEST=$host_line; fi
  if faster "$host_parse" "$HOST_PARSE"; then HOST_PARSE=$host_parse; fi
done
rm -f "$LIST" "$HOST_LIST"
# Cold: no caches at all. Warm: the call-graph units of registry crates (and
# the parsed advisory database) cached by a previous run, as on a CI runner
# that keeps ~/.cache between runs.
CACHE=$(mktemp -d)
time_audit() {
  local best="" start t
  for ((run = 1; run <= RUNS; run++)); do
    start=$(now)
    XDG_CACHE_HOME=$CACHE "$CRATESCOPE" -q -j "$THREADS" audit "$PROJECT" --db "$DB" --fail-on none "$@" >/dev/null
    t=$(calc "$(now) - $start")
    if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
  done
  echo "$best"
}
AUDIT_COLD=$(time_audit --no-cache)
XDG_CACHE_HOME=$CACHE "$CRATESCOPE" -q audit "$PROJECT" --db "$DB" --fail-on none >/dev/null  # fills the cache
AUDIT_WARM=$(time_audit)
rm -rf "$CACHE"

CARGO_SECONDS=""
if [[ -z ${NO_CARGO:-} ]] && command -v cargo >/dev/null; then
  home=$(mktemp -d); target=$(mktemp -d); work=$(mktemp -d)
  trap 'rm -rf "$home" "$target" "$work"' EXIT
  printf '[source.crates-io]\nreplace-with = "debian"\n[source.debian]\ndirectory = "%s"\n[net]\noffline = true\n' "$REGISTRY" > "$home/config.toml"
  cp -r "$PROJECT"/. "$work"/
  start=$(now)
  if (cd "$work" && CARGO_HOME=$home CARGO_TARGET_DIR=$target cargo check --offline --locked -q -j "$THREADS" >/dev/null 2>&1); then
    CARGO_SECONDS=$(calc "$(now) - $start")
  else
    echo "cargo check failed (see: cd $PROJECT && cargo check --offline)" >&2
  fi
fi

echo
printf '%-44s %10s\n' "(fastest of $RUNS runs)" seconds
printf '%-44s %10.2f\n' "tree-sitter parse only (the same files)" "$(field seconds "$PARSE")"
printf '%-44s %10.2f\n' "call graph (model + link, project load)" "$(field seconds "$BEST")"
printf '%-44s %10.2f\n' "tree-sitter parse only, --target host files" "$(field seconds "$HOST_PARSE")"
printf '%-44s %10.2f\n' "call graph, --target $HOST" "$(field seconds "$HOST_BEST")"
printf '%-44s %10.2f\n' "cratescope audit with reachability, cold" "$AUDIT_COLD"
printf '%-44s %10.2f\n' "cratescope audit with reachability, warm" "$AUDIT_WARM"
[[ -n $CARGO_SECONDS ]] && printf '%-44s %10.2f\n' "cargo check, cold (same project, offline)" "$CARGO_SECONDS"
echo
echo "packages analysed: $(field analyzed "$BEST"), functions: $(field functions "$BEST"), edges: $(field edges "$BEST"), unresolved calls: $(field unresolved "$BEST")"
echo "edges by kind: path $(field path "$BEST"), self $(field self "$BEST"), receiver-type $(field receiver-type "$BEST"), type-method $(field type-method "$BEST"), fn-value $(field fn-value "$BEST"), macro-tokens $(field macro-tokens "$BEST"), method-name $(field method-name "$BEST"), trait-impl $(field trait-impl "$BEST"), macro $(field macro "$BEST"), drop $(field drop "$BEST")"
printf 'peak RSS (call graph): %.0f MiB\n' "$(field rss_mib "$BEST")"
printf 'call graph: %.2f s (target < 5 s), %.2fx tree-sitter parse-only of the same files\n' "$(field seconds "$BEST")" "$(calc "$(field seconds "$BEST") / $(field seconds "$PARSE")")"
printf 'call graph --target %s: %.2f s, %.2fx its parse-only; %s packages analysed, %s edges\n' "$HOST" \
  "$(field seconds "$HOST_BEST")" "$(calc "$(field seconds "$HOST_BEST") / $(field seconds "$HOST_PARSE")")" \
  "$(field analyzed "$HOST_BEST")" "$(field edges "$HOST_BEST")"
if [[ -n $CARGO_SECONDS ]]; then
  printf 'cargo check (cold) / audit with reachability, cold: %.1fx\n' "$(calc "$CARGO_SECONDS / $AUDIT_COLD")"
  printf 'cargo check (cold) / audit with reachability, warm: %.0fx (target >= 50x)\n' "$(calc "$CARGO_SECONDS / $AUDIT_WARM")"
fi
exit 0
