#!/bin/sh
# Audit benchmark (issue 3): a generated 500-package lockfile and a real large
# one, advisory DB load included, cold (no cache) and warm (cache).
# Prints figures and their ratio to the targets (audit < 200 ms, DB load < 50 ms)
# and to a natural bound measured in the same run: reading the DB's files with cat.
# Usage: bench/audit_bench.sh [BUILD_DIR]   (default: build)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
bin="$build/src/cratescope"
db=../shared/data/advisory-db
[ -x "$bin" ] || { echo "build first: scripts/setup.sh" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_lockfile.py 500 "$work/gen500" --db "$db" >/dev/null
cache="$work/cache"

run() {  # name, command...: prints the mean in ms
  name=$1
  shift
  hyperfine -N --warmup 2 --runs 15 --export-json "$work/h.json" "$*" >/dev/null 2>&1 || true
  python3 -c "import json,sys; r=json.load(open('$work/h.json'))['results'][0]; print('%.1f' % (r['mean']*1000))"
}

audit="$bin audit --db $db --fail-on none -q"
echo "cratescope audit benchmark ($(nproc) cores)"
printf '%-46s %10s\n' "case" "mean ms"
bound=$(run bound "sh -c 'cat $db/crates/*/*.md > /dev/null'")
printf '%-46s %10s\n' "bound: cat every advisory file" "$bound"
cold500=$(run cold500 "env XDG_CACHE_HOME=$work/nocache $audit --no-cache $work/gen500")
printf '%-46s %10s\n' "audit 500-package lockfile, no cache" "$cold500"
XDG_CACHE_HOME=$cache $audit "$work/gen500" >/dev/null || true
warm500=$(run warm500 "env XDG_CACHE_HOME=$cache $audit $work/gen500")
printf '%-46s %10s\n' "audit 500-package lockfile, cached DB" "$warm500"
real=tests/fixtures/real/big
realn=$(grep -c '^\[\[package\]\]' $real/Cargo.lock)
warmreal=$(run warmreal "env XDG_CACHE_HOME=$cache $audit $real")
printf '%-46s %10s\n' "audit real lockfile ($realn packages), cached DB" "$warmreal"
coldreal=$(run coldreal "env XDG_CACHE_HOME=$work/nocache $audit --no-cache $real")
printf '%-46s %10s\n' "audit real lockfile ($realn packages), no cache" "$coldreal"

# DB load alone, from the pass timers (median of 10 runs).
dbload() {
  for i in 1 2 3 4 5 6 7 8 9 10; do
    env XDG_CACHE_HOME=$cache $audit "$@" --time $work/gen500 2>&1 >/dev/null | awk '/load advisory db/ {print $1}'
  done | sort -n | sed -n 5p
}
dbcold=$(dbload --no-cache)
dbwarm=$(dbload)
printf '%-46s %10s\n' "DB load alone, no cache (median)" "$dbcold"
printf '%-46s %10s\n' "DB load alone, cached (median)" "$dbwarm"
echo
python3 - "$cold500" "$warm500" "$warmreal" "$coldreal" "$dbcold" "$dbwarm" "$bound" <<'PY'
import sys
cold500, warm500, warmreal, coldreal, dbcold, dbwarm, bound = map(float, sys.argv[1:])
print("ratios (below 1.0 meets the target):")
print(f"  audit 500 pkgs, cached   / 200 ms target : {warm500/200:.2f}")
print(f"  audit 500 pkgs, no cache / 200 ms target : {cold500/200:.2f}")
print(f"  audit real, cached       / 200 ms target : {warmreal/200:.2f}")
print(f"  DB load cached           / 50 ms target  : {dbwarm/50:.2f}")
print(f"  DB load no cache         / 50 ms target  : {dbcold/50:.2f}")
print(f"  DB load no cache / cat of the DB files   : {dbcold/bound:.2f}x")
PY
