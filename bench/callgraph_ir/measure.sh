#!/usr/bin/env bash
# The call graph's edges against the truth rustc knows: each crate is
# compiled offline (Debian's corpus as the registry, a throw-away CARGO_HOME)
# to unoptimised LLVM IR with every function kept (-C link-dead-code,
# opt-level 0, one codegen unit, v0 symbols, demangled by c++filt), and its
# direct calls are compared with cratescope's edges (compare.py says how).
# Target (issue 5): recall >= 90% and precision >= 85% on non-generic calls.
#
#   bench/callgraph_ir/measure.sh [BUILD_DIR] [CRATE ...]   (corpus dir names)
#   VERBOSE=1 lists missed and extra edges; KEEP_WORK=DIR keeps the files.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD_DIR=${1:-build}
shift || true
REGISTRY=/usr/share/cargo/registry
BENCH="$BUILD_DIR/bench/cratescope-callgraph-bench"
[[ -x $BENCH ]] || { echo "build first: cmake --build $BUILD_DIR" >&2; exit 2; }
command -v cargo >/dev/null && command -v c++filt >/dev/null || { echo "needs cargo and c++filt" >&2; exit 2; }
# rustc builds for the host: the graph is asked for the same build (#[cfg] of
# other platforms left out; see README "Platforms and features").
HOST=$(rustc -vV | sed -n 's/^host: //p')
[[ $# -gt 0 ]] || set -- $(grep -v '^#' "$HERE/crates.txt")
# KEEP_WORK=DIR keeps the IR edges and ours (DIR/*.tsv) for a closer look.
if [[ -n ${KEEP_WORK:-} ]]; then
  WORK=$KEEP_WORK
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi
printf '[source.crates-io]\nreplace-with = "debian"\n[source.debian]\ndirectory = "%s"\n[net]\noffline = true\n' \
  "$REGISTRY" > "$WORK/config.toml"
rm -f "$WORK/summary.txt"
for dir in "$@"; do
  [[ -d $REGISTRY/$dir ]] || { echo "$dir: not in $REGISTRY" >&2; continue; }
  name=$(sed -n 's/^name = "\(.*\)"/\1/p' "$REGISTRY/$dir/Cargo.toml" | head -1)
  ident=${name//-/_}
  rm -rf "$WORK/$dir"
  cp -r "$REGISTRY/$dir" "$WORK/$dir"
  rm -f "$WORK/$dir/Cargo.lock" "$WORK/$dir/.cargo-checksum.json"
  if ! (cd "$WORK/$dir" && CARGO_HOME=$WORK CARGO_TARGET_DIR=$WORK/target cargo rustc --lib --offline -q -- \
        --emit=llvm-ir -C link-dead-code -C opt-level=0 -C no-prepopulate-passes -C codegen-units=1 -C symbol-mangling-version=v0 \
        >/dev/null 2>&1); then
    echo "$dir: does not build offline here, skipped"
    continue
  fi
  ll=$(ls -t "$WORK"/target/debug/deps/"$ident"-*.ll | head -1)
  python3 "$HERE/ir_edges.py" "$ll" > "$WORK/$dir.ir.tsv"
  "$BENCH" --threads 2 --target "$HOST" "$WORK/$dir" --edges "$WORK/$dir.ours.tsv" --functions "$WORK/$dir.fns.tsv" --crate "$name" >/dev/null
  python3 "$HERE/compare.py" "$ident" "$WORK/$dir.ir.tsv" "$WORK/$dir.ours.tsv" "$WORK/$dir.fns.tsv" ${VERBOSE:+-v} |
    tee -a "$WORK/summary.txt"
  rm -rf "$WORK/target/debug/deps/$ident"-*.ll
done
# Every crate's calls and edges together: each call counts once, whatever its crate.
[[ -f $WORK/summary.txt ]] && awk '
  / non-generic calls [0-9]+: recall / { n = $4 + 0; r = $6 + 0; calls += n; found += n * r / 100 }
  / non-generic callers: precision / { e = $7 + 0; p = $5 + 0; edges += e; right += e * p / 100 }
  END { if (calls && edges) printf "all crates: non-generic calls %d: recall %.1f%%; non-generic callers: precision %.1f%% of %d edges\n", calls, 100 * found / calls, 100 * right / edges, edges }
' "$WORK/summary.txt"
rm -f "$WORK/summary.txt"
