#!/usr/bin/env python3
"""Generate a synthetic but realistic Cargo project for benchmarks.

    bench/gen_lockfile.py N OUT_DIR [--db PATH] [--seed S] [--vulnerable-fraction F]

writes OUT_DIR/Cargo.toml and OUT_DIR/Cargo.lock (lockfile format v4) with N packages in
the lockfile: one root package (`bench-root`) plus N-1 crates.io packages whose names and
versions are real, taken from the RustSec advisory DB (crate names from `crates/<name>/`,
versions derived from the advisories' `patched` / `unaffected` requirements). About
`--vulnerable-fraction` of them (default 0.2) are pinned to a version that an advisory of that
crate affects (a version just below a `>= X.Y.Z` patched bound, or any version for
advisories with `patched = []`); the others get a version at or above every patched bound.
Crates whose advisories have `patched = []` (most `unmaintained` notices and unfixed
vulnerabilities, about 40% of the DB) match at every version, so the real number of findings is
higher than the number pinned on purpose (N=500, seed 1: 89 pinned, 124 packages with a
vulnerability-kind advisory, 294 with any advisory). When N-1 exceeds the number of crates in the DB, further packages are extra major/minor
versions of DB crates (as real lockfiles hold several versions of one crate).

Dependencies form a DAG: packages are ordered, each depends only on later ones, the root
depends on the first few, and every package is reachable from the root. The output is
deterministic for a given (N, seed, DB contents). Standard library only.
"""
import argparse, hashlib, os, random, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DB = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "advisory-db"))
CRATES_IO = "registry+https://github.com/rust-lang/crates.io-index"

FRONT = re.compile(r"^```toml\n(.*?)\n```", re.S)
VER = re.compile(r"(\d+)\.(\d+)\.(\d+)")


def read_advisories(db):
    """{crate: [(informational, withdrawn, patched[], unaffected[])]} using only the few keys needed.

    A tiny line-based reader (no tomllib on Python < 3.11): the keys we need are one-line
    string arrays in the DB."""
    crates = {}
    root = os.path.join(db, "crates")
    if not os.path.isdir(root):
        sys.exit(f"gen_lockfile: no advisory DB at {db} (use --db)")
    for name in sorted(os.listdir(root)):
        d = os.path.join(root, name)
        if not os.path.isdir(d):
            continue
        advs = []
        for f in sorted(os.listdir(d)):
            if not f.endswith(".md"):
                continue
            m = FRONT.match(open(os.path.join(d, f), encoding="utf-8").read())
            if not m:
                continue
            text = m.group(1)

            def arr(key):
                mm = re.search(r"^%s\s*=\s*\[(.*?)\]" % key, text, re.M | re.S)
                return re.findall(r'"([^"]*)"', mm.group(1)) if mm else []

            informational = re.search(r'^informational\s*=\s*"(\w+)"', text, re.M)
            withdrawn = re.search(r"^withdrawn\s*=", text, re.M)
            advs.append((informational.group(1) if informational else None, bool(withdrawn),
                         arr("patched"), arr("unaffected")))
        if advs:
            crates[name] = advs
    return crates


def vtuple(s):
    m = VER.search(s)
    return tuple(int(x) for x in m.groups()) if m else None


def safe_version(advs):
    """A release version at or above every lower bound mentioned by the crate's advisories."""
    best = (0, 1, 0)
    for _, _, patched, unaffected in advs:
        for req in patched + unaffected:
            for part in req.split(","):
                if ">" in part or "^" in part or "~" in part or re.match(r"\s*=?\s*\d", part):
                    v = vtuple(part)
                    if v and v > best:
                        best = v
    return best


def vulnerable_version(advs, rng):
    """A version affected by some (non-withdrawn) advisory, or None."""
    cands = []
    for informational, withdrawn, patched, unaffected in advs:
        if withdrawn:
            continue
        if not patched:
            floor = max((vtuple(r) for r in unaffected if "<" in r and vtuple(r)), default=(0, 1, 0))
            cands.append((floor[0], floor[1], floor[2] + 1) if unaffected else (0, 1, 0))
            continue
        lows = sorted(vtuple(r) for r in patched if r.strip().startswith(">=") and vtuple(r))
        if lows and lows[0] > (0, 0, 1):
            v = lows[0]
            # just below the lowest patched bound
            if v[2] > 0:
                cands.append((v[0], v[1], v[2] - 1))
            elif v[1] > 0:
                cands.append((v[0], v[1] - 1, 9))
    return rng.choice(cands) if cands else None


def checksum(name, version):
    return hashlib.sha256(f"cratescope-bench:{name}-{version}".encode()).hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of packages in the lockfile (>= 1)")
    ap.add_argument("out_dir")
    ap.add_argument("--db", default=DEFAULT_DB, help="RustSec advisory-db directory (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--vulnerable-fraction", type=float, default=0.2)
    ap.add_argument("--max-deps", type=int, default=6, help="max dependencies per package")
    a = ap.parse_args()
    if a.n < 1:
        sys.exit("gen_lockfile: N must be >= 1")

    rng = random.Random(a.seed)
    crates = read_advisories(a.db)
    names = sorted(crates)
    rng.shuffle(names)

    # choose N-1 (name, version) pairs
    pkgs, seen, vulnerable = [], set(), 0
    rounds = 0
    while len(pkgs) < a.n - 1:
        for name in names:
            if len(pkgs) >= a.n - 1:
                break
            advs = crates[name]
            if rounds == 0:
                want_vuln = rng.random() < a.vulnerable_fraction
                v = vulnerable_version(advs, rng) if want_vuln else None
                is_vuln = v is not None
                if v is None:
                    v = safe_version(advs)
                    v = (v[0], v[1], v[2] + rng.randint(0, 3))
            else:  # extra versions of the same crate: a newer major (or 0.x minor) line
                base = safe_version(advs)
                v = (base[0] + rounds, 0, rng.randint(0, 9)) if base[0] else (0, base[1] + rounds, rng.randint(0, 9))
                is_vuln = False
            ver = "%d.%d.%d" % v
            if (name, ver) in seen:
                continue
            seen.add((name, ver))
            pkgs.append((name, ver))
            vulnerable += is_vuln
        rounds += 1
        if rounds > 1000:
            sys.exit("gen_lockfile: could not produce enough distinct packages")

    # DAG: order is pkgs[0..]; package i depends on a few j > i; root depends on the first few.
    order = pkgs[:]
    deps = {i: set() for i in range(len(order))}
    for i in range(len(order)):
        later = len(order) - i - 1
        if later <= 0:
            continue
        k = min(later, rng.choice([0, 0, 1, 1, 2, 2, 3, 4, a.max_deps]))
        for _ in range(k):
            # prefer near successors (shallow, crate-ecosystem-like fan-out), sometimes far ones
            j = i + 1 + (int(rng.expovariate(1 / 8)) % later)
            deps[i].add(j)
    has_parent = set(j for ds in deps.values() for j in ds)
    root_deps = set(range(min(len(order), max(1, min(12, len(order) // 10 + 1)))))
    root_deps |= {i for i in range(len(order)) if i not in has_parent}

    # dependency strings: "name" or "name version" when the name occurs more than once
    count = {}
    for name, _ in order:
        count[name] = count.get(name, 0) + 1

    def dep_str(j):
        name, ver = order[j]
        return name if count[name] == 1 else f"{name} {ver}"

    entries = [("bench-root", "0.1.0", None, sorted(dep_str(j) for j in root_deps))]
    for i, (name, ver) in enumerate(order):
        entries.append((name, ver, CRATES_IO, sorted(dep_str(j) for j in deps[i])))

    def sort_key(e):
        return (e[0], tuple(int(x) for x in e[1].split(".")), e[2] or "")

    os.makedirs(a.out_dir, exist_ok=True)
    out = ["# This file is automatically @generated by Cargo.",
           "# It is not intended for manual editing.", "version = 4", ""]
    for name, ver, src, ds in sorted(entries, key=sort_key):
        out += ["[[package]]", f'name = "{name}"', f'version = "{ver}"']
        if src:
            out += [f'source = "{src}"', f'checksum = "{checksum(name, ver)}"']
        if ds:
            out += ["dependencies = ["] + [f' "{d}",' for d in ds] + ["]"]
        out.append("")
    with open(os.path.join(a.out_dir, "Cargo.lock"), "w") as f:
        f.write("\n".join(out).rstrip("\n") + "\n")

    toml = ['[package]', 'name = "bench-root"', 'version = "0.1.0"', 'edition = "2021"', 'publish = false',
            '', '[dependencies]']
    direct = {}
    for j in sorted(root_deps):
        name, ver = order[j]
        key = name if name not in direct else f"{name}-v{ver.replace('.', '_')}"
        direct[key] = True
        if key == name:
            toml.append(f'{name} = "={ver}"')
        else:
            toml.append(f'{key} = {{ package = "{name}", version = "={ver}" }}')
    with open(os.path.join(a.out_dir, "Cargo.toml"), "w") as f:
        f.write("\n".join(toml) + "\n")
    os.makedirs(os.path.join(a.out_dir, "src"), exist_ok=True)
    with open(os.path.join(a.out_dir, "src", "lib.rs"), "w") as f:
        f.write("")
    print(f"{a.out_dir}: {len(entries)} packages, {vulnerable} pinned to an affected version "
          f"(seed {a.seed})", file=sys.stderr)


if __name__ == "__main__":
    main()
