"""Shared support for the certificate scripts of vectors/ (issue 22).

Each scripts/certify/<name>.py reads vectors/<name>.json (the inputs and dlref's doubles, as written by
`dlref vectors`), recomputes every certified value from the same inputs in at least 50-digit arithmetic
(mpmath), and writes the certificate
verify/src/main/resources/io/github/dlref/verify/certificates/<name>.json with `write_certificate`.

Certificate format (dlref.certificate.v1):

    {"format": "dlref.certificate.v1",
     "vectors": "<name>.json",
     "script": "scripts/certify/<name>.py",
     "digits": 50,
     "mpmath": "<version>",
     "fields": ["output", "gradients"],          # the entry fields every numeric leaf of which is certified
     "families": {"<family>": {"description": "...", "ulps": U, "scaled": K or null,
                               "scale": "what 'scale' and 'terms' are, or null", "order": "text or null"}},
     "entries": [{"entry": "/vectors/3",              # RFC 6901 pointer to the entry in the vectors file
                  "key": "<what identifies the entry, e.g. its op or name>", "family": "<family>",
                  "values": [{"path": "/output/0/1",      # RFC 6901 pointer into that entry
                              "dlref": <double>,           # dlref's double at that path (drift check)
                              "exact": "<decimal>",        # the exact value, 25+ significant digits
                              "ulps": n,                   # |dlref - round(exact)| in units in the last place
                              "scale": "<decimal>",        # optional, for the scaled bound
                              "terms": m,                  # optional, for the scaled bound (default 1)
                              "framework_order": <double>  # optional, see below
                             }]}]}

A value is within its family's bound when
    ulps <= U,
or, when the family has K and the value has a scale,
    |dlref - exact| <= K * terms * u * scale      (u = 2^-53, the unit roundoff),
or, when the family has an "order" text, the value carries "framework_order", which is the value the
framework's order of operations gives with every operation correctly rounded in double precision
(computed here independently, by emulation with Python floats), and it equals dlref's double bit for bit.

ULPs: the distance between dlref's double and the double nearest to the exact value (ties to even), counted
in doubles (0 = dlref is correctly rounded). Java recomputes it from "exact" with Double.parseDouble (which
rounds correctly) and the test fails when it differs from "ulps".
"""

import json
import math
import os
import struct
import sys

import mpmath
from mpmath import mp, mpf

DIGITS = 50
mp.dps = DIGITS + 10  # working precision: 60 digits; results are certified to far more than 17

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
VECTORS = os.path.join(ROOT, "vectors")
OUT = os.path.join(ROOT, "verify", "src", "main", "resources", "io", "github", "dlref", "verify", "certificates")
U = mpf(2) ** -53


def load_vectors(name):
    """vectors/<name>.json parsed; JSON numbers become Python floats (Java's Double.toString parses back exactly)."""
    with open(os.path.join(VECTORS, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def exact(x):
    """A double (or int) as an exact mpf."""
    if isinstance(x, str):
        return {"NaN": mpf("nan"), "Infinity": mpf("inf"), "-Infinity": mpf("-inf")}[x]
    return mpf(x)


def nearest_double(x):
    """The double nearest to the mpf x, ties to even (mpmath rounds correctly to 53 bits)."""
    if mpmath.isnan(x):
        return float("nan")
    if mpmath.isinf(x):
        return float(x)
    with mpmath.workprec(53):
        r = +mpf(x)  # unary plus rounds to the working precision, round-half-even
    f = float(r)  # exact: r has 53 bits
    if f != 0.0 and abs(f) < 2.2250738585072014e-308:
        raise ValueError("subnormal result: rounding to 53 bits is not the double rounding here")
    return f


def _ordered(d):
    bits = struct.unpack("<q", struct.pack("<d", d))[0]
    return bits if bits >= 0 else -(bits & 0x7FFFFFFFFFFFFFFF)


def ulp_distance(a, b):
    """Number of doubles between a and b (0 when equal; +0 and -0 are equal)."""
    if math.isnan(a) or math.isnan(b):
        return 0 if (math.isnan(a) and math.isnan(b)) else None
    return abs(_ordered(a) - _ordered(b))


def decimal(x, digits=25):
    """x as a decimal string that Java's Double.parseDouble reads; at least `digits` significant digits, more
    when needed for the string to round to the same double as x itself."""
    if mpmath.isnan(x):
        return "NaN"
    if mpmath.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    target = nearest_double(x)
    d = digits
    while True:
        s = mpmath.nstr(x, d, strip_zeros=False, min_fixed=-4, max_fixed=d)
        if float(s) == target and nearest_double(mpf(s)) == target:
            return s
        d += 5
        if d > DIGITS:
            raise ValueError("cannot print %s so that it rounds like itself" % x)


def value(path, dlref, exact_value, scale=None, terms=None, framework_order=None):
    """One certified value: path (RFC 6901 pointer into the entry), dlref's double, the exact mpf."""
    if isinstance(dlref, str):
        dlref_f = float({"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}[dlref])
    else:
        dlref_f = float(dlref)
    rounded = nearest_double(exact_value)
    v = {"path": path, "dlref": dlref, "exact": decimal(exact_value), "ulps": ulp_distance(dlref_f, rounded)}
    if v["ulps"] is None:
        raise ValueError("%s: dlref %r, exact %s (one is NaN)" % (path, dlref, v["exact"]))
    if scale is not None:
        v["scale"] = decimal(scale)
    if terms is not None:
        v["terms"] = int(terms)
    if framework_order is not None:
        v["framework_order"] = float(framework_order)
    return v


def matrix_values(base, dlref_matrix, exact_matrix, scale=None, terms=None, framework=None):
    """Values for every entry of a matrix (list of rows) at pointer base ("/output"): base/i/j.
    scale, terms and framework are optional matrices of the same shape (or None)."""
    out = []
    for i, row in enumerate(dlref_matrix):
        for j, d in enumerate(row):
            out.append(value("%s/%d/%d" % (base, i, j), d, exact_matrix[i][j],
                             None if scale is None else scale[i][j],
                             None if terms is None else terms[i][j],
                             None if framework is None else framework[i][j]))
    return out


def within(v, family):
    """Whether a value meets its family's bound (the rule in this module's docstring)."""
    if v["ulps"] <= family["ulps"]:
        return True
    if family.get("scaled") is not None and "scale" in v:
        err = abs(exact(v["dlref"]) - mpf(v["exact"]))
        if err <= family["scaled"] * v.get("terms", 1) * U * mpf(v["scale"]):
            return True
    if family.get("order") and "framework_order" in v:
        return struct.pack("<d", float(v["framework_order"])) == struct.pack("<d", float(v["dlref"]))
    return False


def numeric_leaves(node, base):
    """(pointer, number) for every numeric leaf (and NaN/Infinity strings) under node."""
    if isinstance(node, bool):
        return []
    if isinstance(node, (int, float)):
        return [(base, node)]
    if isinstance(node, str):
        return [(base, node)] if node in ("NaN", "Infinity", "-Infinity") else []
    out = []
    if isinstance(node, list):
        for i, x in enumerate(node):
            out.extend(numeric_leaves(x, "%s/%d" % (base, i)))
    elif isinstance(node, dict):
        for k, x in node.items():
            out.extend(numeric_leaves(x, "%s/%s" % (base, k.replace("~", "~0").replace("/", "~1"))))
    return out


def resolve(doc, pointer):
    """The node at an RFC 6901 pointer ("/vectors/3"), or None."""
    node = doc
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                return None
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def _dump(doc):
    """The certificate as JSON: one line per value, so that a diff shows which values changed."""
    head = {k: v for k, v in doc.items() if k != "entries"}
    lines = json.dumps(head, indent=1, ensure_ascii=True)[:-2].split("\n")
    out = "\n".join(lines) + ',\n "entries": [\n'
    for n, e in enumerate(doc["entries"]):
        meta = {k: v for k, v in e.items() if k != "values"}
        out += "  " + json.dumps(meta, ensure_ascii=True)[:-1] + ', "values": [\n'
        out += ",\n".join("   " + json.dumps(v, ensure_ascii=True) for v in e["values"])
        out += "]}" + ("," if n + 1 < len(doc["entries"]) else "") + "\n"
    return out + " ]\n}\n"


def write_certificate(name, script, fields, families, entries, vectors=None):
    """Checks and writes verify/.../certificates/<name>.json. Refuses (exits 1 with the reason) when a
    value's dlref double is not the vectors file's double at its path, when a numeric leaf under `fields`
    of an entry has no value, or when a value is outside its family's bound."""
    vectors = vectors if vectors is not None else load_vectors(name)
    problems = []
    for e in entries:
        fam = families.get(e["family"])
        if fam is None:
            problems.append("entry %s: unknown family %s" % (e["entry"], e["family"]))
            continue
        entry = resolve(vectors, e["entry"])
        leaves = {}
        if entry is not None:
            for fld in fields:
                if fld in entry:
                    leaves.update(dict(numeric_leaves(entry[fld], "/" + fld)))
        if entry is None:
            problems.append("entry %s: no such entry in %s.json" % (e["entry"], name))
            continue
        seen = set()
        for v in e["values"]:
            seen.add(v["path"])
            if entry is not None:
                if v["path"] not in leaves:
                    problems.append("entry %s: %s is not a certified field's number" % (e["entry"], v["path"]))
                elif struct.pack("<d", float(leaves[v["path"]]) if not isinstance(leaves[v["path"]], str)
                                 else float(leaves[v["path"]].replace("Infinity", "inf"))) != \
                        struct.pack("<d", float(v["dlref"]) if not isinstance(v["dlref"], str)
                                    else float(v["dlref"].replace("Infinity", "inf"))):
                    problems.append("entry %s: %s is %r in the vectors, %r here" % (e["entry"], v["path"],
                                                                                  leaves[v["path"]], v["dlref"]))
            if not within(v, fam):
                problems.append("entry %s (%s): %s is %d ulps from %s (dlref %r), outside family %s"
                                % (e["entry"], e["key"], v["path"], v["ulps"], v["exact"], v["dlref"], e["family"]))
        for p in leaves:
            if p not in seen:
                problems.append("entry %s: %s not certified" % (e["entry"], p))
    if problems:
        for p in problems[:40]:
            print(p, file=sys.stderr)
        print("%d problems; certificate not written" % len(problems), file=sys.stderr)
        sys.exit(1)
    doc = {"format": "dlref.certificate.v1", "vectors": name + ".json", "script": script, "digits": DIGITS,
           "mpmath": mpmath.__version__, "fields": fields, "families": families,
           "entries": entries}
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name + ".json")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(_dump(doc))
    os.replace(tmp, path)
    n = sum(len(e["values"]) for e in entries)
    worst = max((v["ulps"] for e in entries for v in e["values"]), default=0)
    print("%s: %d entries, %d values, worst %d ulps -> %s" % (name, len(entries), n, worst, path))
