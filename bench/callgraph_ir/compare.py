#!/usr/bin/env python3
"""Recall and precision of cratescope's call edges against rustc's (LLVM IR).

usage: compare.py CRATE IR_EDGES.tsv OUR_EDGES.tsv OUR_FUNCTIONS.tsv [-v]

Only calls written in CRATE's source count: an IR edge is kept when both ends
are functions the source declares (OUR_FUNCTIONS), so derived impls, trait
default methods instantiated from core, and std's functions drop out, and so
do closures' own symbols (attributed to their fn). Methods are compared as
`crate::Type::method` (the IR names the type's module, the model the impl
block's). A call of the drop glue `drop_in_place::<T>` is the compiler's
implicit call of `T::drop` and counts as such (when the source has `impl Drop
for T`). Our edges through a `macro_rules!` node count as the caller's own
(rustc expands macros). "Non-generic" truth edges are those whose callee symbol carries no
generic arguments. Precision is computed on the callers rustc instantiated,
for all our edges and for the resolved ones (not matched by method name
alone nor trait dispatch), then again on the non-generic callers alone (no
generic arguments on the fn nor on its impl's type): their calls are the
non-generic calls the target speaks of.
"""
import re
import sys

crate, ir_path, ours_path, functions_path = sys.argv[1:5]
verbose = '-v' in sys.argv


def strip_generics(s):
    out, depth = [], 0
    for ch in s:
        if ch == '<':
            depth += 1
        elif ch == '>':
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return ''.join(out)


def key_of(path):
    """`crate::Type::method` (modules dropped); a fn nested in a method keeps
    its name after the method's: `crate::Type::method::helper`."""
    parts = path.split('::')
    for i in range(len(parts) - 2, 0, -1):
        if parts[i][:1].isupper():
            return '::'.join([parts[0]] + parts[i:])
    return path


def norm_ir(sym):
    """(key, generic) of a demangled symbol, or None for shims."""
    s = re.sub(r'\[[0-9a-f]+\]', '', sym)
    glue = re.match(r'^core::ptr::drop_in_place::<&?(?:mut )?([\w:]+)>$', s)
    if glue:  # drop glue: the implicit `T::drop`
        parts = glue.group(1).split('::')
        return (parts[0].replace('-', '_') + '::' + parts[-1] + '::drop', False)
    if 'drop_in_place' in s or 'shim' in s:
        return None
    s = re.sub(r'::\{(closure|constant)#\d+\}', '', s)
    generic = '::<' in s
    m = re.match(r'^<(.+?)(?: as (.+))?>::(\w+)', s)
    if m:
        typ = strip_generics(m.group(1)).lstrip('&*').replace('mut ', '').replace('dyn ', '')
        if not typ or typ[0] in '[(':
            return None
        parts = typ.split('::')
        # A fn nested in the method: `<T>::method::helper`.
        nested = re.match(r'^((?:::\w+)*)', s[m.end():]).group(1)
        return (parts[0].replace('-', '_') + '::' + parts[-1] + '::' + m.group(3) + nested, generic)
    return (key_of(strip_generics(s)), generic)


known, macros = set(), set()
for line in open(functions_path):
    path, kind = line.rstrip('\n').split('\t')[:2]
    if kind == 'macro_rules':
        macros.add(key_of(path))
    else:
        known.add(key_of(path))

def generic_caller(sym):
    """Whether an IR function is an instance of generic code: generic
    arguments on the fn (`f::<T>`) or on its impl's type (not lifetimes)."""
    s = re.sub(r'\[[0-9a-f]+\]', '', sym)
    if '::<' in s:
        return True
    m = re.match(r'^<([^<>]*?)<([^>]*)>', s)
    return bool(m) and any(not arg.strip().startswith("'") for arg in m.group(2).split(','))


truth, truth_all = set(), set()
generic_callers = set()
for line in open(ir_path):
    a, b = line.rstrip('\n').split('\t')
    na, nb = norm_ir(a), norm_ir(b)
    if na and generic_caller(a):
        generic_callers.add(na[0])
    if not na or not nb or na[0] == nb[0]:
        continue
    if not na[0].startswith(crate + '::') or na[0] not in known or nb[0] not in known:
        continue
    truth_all.add((na[0], nb[0]))
    if not nb[1]:
        truth.add((na[0], nb[0]))

# Our graph has a node per macro_rules! macro (caller -> macro -> the calls
# in its body); rustc expands macros, so a caller's edges through a macro
# are its own calls: collapse them (through nested macros too).
raw = []
for line in open(ours_path):
    a, b, kind, confidence = line.rstrip('\n').split('\t')[:4]
    raw.append((key_of(a), key_of(b), confidence != 'low'))
out_of = {}
for a, b, high in raw:
    out_of.setdefault(a, []).append((b, high))


def expanded(a, b, high, depth=0):
    if b not in macros:
        yield b, high
        return
    if depth > 8:
        return
    for c, c_high in out_of.get(b, []):
        yield from expanded(a, c, high and c_high, depth + 1)


ours, resolved = set(), set()
for a, b, high in raw:
    if a in macros:
        continue
    for callee, callee_high in expanded(a, b, high):
        edge = (a, callee)
        if edge[0] == edge[1]:
            continue
        ours.add(edge)
        if callee_high:
            resolved.add(edge)

callers = {a for a, _ in truth_all}


def ratio(a, b):
    return f"{a / b:.1%}" if b else "n/a"


hit = truth & ours
hit_resolved = truth & resolved
print(f"{crate}: non-generic calls {len(truth)}: recall {ratio(len(hit), len(truth))} "
      f"(resolved edges alone: {ratio(len(hit_resolved), len(truth))})")
print(f"{crate}: all calls {len(truth_all)}: recall {ratio(len(truth_all & ours), len(truth_all))}")
seen = {e for e in ours if e[0] in callers}
seen_resolved = {e for e in resolved if e[0] in callers}
print(f"{crate}: precision {ratio(len(seen & truth_all), len(seen))} of {len(seen)} edges; "
      f"resolved edges {ratio(len(seen_resolved & truth_all), len(seen_resolved))} of {len(seen_resolved)}")
# Non-generic calls: those in callers with every type concrete (no generic
# arguments on the fn nor on its impl's type), where a call's target does
# not depend on an instantiation.
plain = {e for e in seen if e[0] not in generic_callers}
plain_resolved = plain & resolved
print(f"{crate}: non-generic callers: precision {ratio(len(plain & truth_all), len(plain))} of {len(plain)} edges; "
      f"resolved edges {ratio(len(plain_resolved & truth_all), len(plain_resolved))} of {len(plain_resolved)}")
if verbose:
    print('missed (non-generic):')
    for a, b in sorted(truth - ours)[:40]:
        print('  ', a, '->', b)
    print('extra resolved edges:')
    for a, b in sorted(seen_resolved - truth_all)[:40]:
        print('  ', a, '->', b)
    print('extra name-matched edges of non-generic callers:')
    for a, b in sorted(plain - resolved - truth_all)[:60]:
        print('  ', a, '->', b)
