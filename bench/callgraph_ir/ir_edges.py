#!/usr/bin/env python3
# Direct calls (call/invoke of a named function) in one crate's LLVM IR,
# demangled with c++filt, one `caller<TAB>callee` per line; normalised to
# cratescope path form by compare.py. usage: ir_edges.py FILE.ll > edges.tsv
import re, subprocess, sys

ll = open(sys.argv[1], encoding='utf-8', errors='replace').read().split('\n')
define = re.compile(r'^define [^@]*@("?)([^"(]+)\1\(')
call = re.compile(r'\b(?:call|invoke)\b[^@]*@("?)([^"(\s]+)\1\(')
edges, caller = set(), None
for line in ll:
    m = define.match(line)
    if m:
        caller = m.group(2)
        continue
    if line.startswith('}'):
        caller = None
        continue
    if caller:
        for c in call.finditer(line):
            if not c.group(2).startswith('llvm.'):
                edges.add((caller, c.group(2)))
syms = sorted({s for e in edges for s in e})
out = subprocess.run(['c++filt'], input='\n'.join(syms), capture_output=True, text=True).stdout.split('\n')
demangled = dict(zip(syms, out))
for a, b in sorted(edges):
    print(f"{demangled.get(a, a)}\t{demangled.get(b, b)}")
