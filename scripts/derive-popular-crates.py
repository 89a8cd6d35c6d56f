#!/usr/bin/env python3
"""Writes the popular-crate list that `cratescope scan` checks typosquats against.

Popularity is the number of crates in a registry directory that depend on a
crate (any kind of dependency), counted once per dependent crate name. The
default registry is Debian's crate corpus (../shared/scripts/install-crate-corpus.sh).

    scripts/derive-popular-crates.py [REGISTRY] [COUNT] > data/popular-crates.txt
"""
import os
import sys
import tomllib
from collections import Counter

registry = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/cargo/registry"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 300

dependents = {}  # dependency name -> dependent crate names
for entry in sorted(os.listdir(registry)):
    manifest = os.path.join(registry, entry, "Cargo.toml")
    try:
        with open(manifest, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError):
        continue
    name = data.get("package", {}).get("name")
    if not name:
        continue
    tables = [data]
    tables += [t for t in data.get("target", {}).values() if isinstance(t, dict)]
    for table in tables:
        for kind in ("dependencies", "dev-dependencies", "build-dependencies"):
            for key, spec in table.get(kind, {}).items():
                dependency = spec.get("package", key) if isinstance(spec, dict) else key
                dependents.setdefault(dependency.replace("-", "_"), set()).add(name)

ranked = Counter({dep: len(users) for dep, users in dependents.items()})
print(f"# The {count} crates most depended on in {registry} ({len(os.listdir(registry))} entries),")
print("# most popular first. Written by scripts/derive-popular-crates.py; used by")
print("# `cratescope scan` to find typosquats. Users can pass their own list (--popular FILE).")
for dependency, users in ranked.most_common(count):
    print(dependency)
