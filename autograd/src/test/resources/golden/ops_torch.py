#!/usr/bin/python3
"""PyTorch float64 reference values for the matrix engine's ops (dlref, module autograd).

Run from this directory with Debian's python3-torch:

    /usr/bin/python3 ops_torch.py > ops_torch.txt

For every case the script fixes the inputs, evaluates the op with PyTorch in float64, and back-propagates
L = sum(output * seed) for a fixed seed matrix, so the recorded gradients are the vector-Jacobian products
seed^T J. Every number is written as a hex float (float.hex), which Java's Double.parseDouble reads back
exactly. OpGoldenTest compares dlref's values with these, relative to max(1, |expected|), with the
tolerance named in the file header. Some inputs sit exactly on kinks (ReLU and abs at 0, clamp at its
bounds, ties of maximum and of max per row) to record PyTorch's conventions at those points.

File format, one item per line:
    case <name>
    input <name> <rows> <cols> <values...>      an input that requires a gradient
    const <name> <rows> <cols> <values...>      a constant (targets, masks)
    classes <k_0> <k_1> ...                     class indices
    seed <rows> <cols> <values...>
    output <rows> <cols> <values...>
    grad <input name> <rows> <cols> <values...>
    end
"""
import math
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def t(rows):
    return torch.tensor(rows, dtype=torch.float64)


def grid(r, c, scale=0.37, shift=0.0):
    """A deterministic r x c matrix with distinct entries in about [-2, 2]."""
    return t([[math.sin(1.3 * i + 0.7 * j + shift) * 2.0 * scale / 0.37 for j in range(c)] for i in range(r)])


def positive(r, c):
    return t([[0.6 + 0.45 * ((3 * i + 5 * j) % 7) for j in range(c)] for i in range(r)])


def fmt(m):
    m = m.detach()
    if m.dim() == 0:
        m = m.reshape(1, 1)
    if m.dim() == 1:
        raise ValueError("1-d tensors must be reshaped explicitly")
    values = " ".join(float(v).hex() for v in m.reshape(-1).tolist())
    return f"{m.shape[0]} {m.shape[1]} {values}".rstrip()


def case(name, inputs, fn, consts=(), classes=None):
    """inputs: list of (name, tensor); fn: function of the input tensors (in order) returning a 2-d tensor."""
    leaves = [(n, v.clone().requires_grad_(True)) for n, v in inputs]
    out = fn(*[v for _, v in leaves])
    if out.dim() == 0:
        out = out.reshape(1, 1)
    seed = t([[0.5 + 0.25 * ((2 * i + 3 * j) % 5) for j in range(out.shape[1])] for i in range(out.shape[0])])
    (out * seed).sum().backward()
    print(f"case {name}")
    for n, v in leaves:
        print(f"input {n} {fmt(v)}")
    for n, v in consts:
        print(f"const {n} {fmt(v)}")
    if classes is not None:
        print("classes " + " ".join(str(k) for k in classes))
    print(f"seed {fmt(seed)}")
    print(f"output {fmt(out)}")
    for n, v in leaves:
        print(f"grad {n} {fmt(v.grad)}")
    print("end")


def main():
    print(f"# produced by ops_torch.py with torch {torch.__version__} (float64), python {sys.version.split()[0]}")
    print("# compare with relative tolerance 1e-12 of max(1, |expected|) (Tolerances.GOLDEN_RELATIVE)")
    a, b = grid(3, 4), grid(3, 4, shift=2.0)
    away = t([[0.5, -1.25, 0.75, 1.5], [-0.6, 2.0, -1.1, 0.3], [1.7, -0.4, 0.9, -1.9]])
    case("add", [("a", a), ("b", b)], lambda x, y: x + y)
    case("subtract", [("a", a), ("b", b)], lambda x, y: x - y)
    case("multiply", [("a", a), ("b", b)], lambda x, y: x * y)
    case("divide", [("a", a), ("b", away)], lambda x, y: x / y)
    case("negate", [("a", a)], lambda x: -x)
    case("add_scalar", [("a", a)], lambda x: x + 0.75)
    case("multiply_scalar", [("a", a)], lambda x: x * -1.5)
    case("matmul", [("a", grid(3, 4)), ("b", grid(4, 2, shift=1.0))], lambda x, y: x @ y)
    case("transpose_times", [("a", grid(4, 3)), ("b", grid(4, 2, shift=1.0))], lambda x, y: x.T @ y)
    case("times_transpose", [("a", grid(3, 4)), ("b", grid(2, 4, shift=1.0))], lambda x, y: x @ y.T)
    case("transpose", [("a", a)], lambda x: x.T)
    case("add_row", [("a", a), ("row", grid(1, 4, shift=3.0))], lambda x, r: x + r)
    case("sum", [("a", a)], lambda x: x.sum())
    case("sum_rows", [("a", a)], lambda x: x.sum(dim=1, keepdim=True))
    case("sum_cols", [("a", a)], lambda x: x.sum(dim=0, keepdim=True))
    case("mean", [("a", a)], lambda x: x.mean())
    case("exp", [("a", a)], lambda x: x.exp())
    case("log", [("a", positive(3, 4))], lambda x: x.log())
    case("sqrt", [("a", positive(3, 4))], lambda x: x.sqrt())
    case("pow_3", [("a", a)], lambda x: x.pow(3.0))
    case("pow_minus_1_5", [("a", positive(3, 4))], lambda x: x.pow(-1.5))
    kinks = t([[-1.5, 0.0, 0.5, 2.0], [0.0, -0.25, 1.0, -2.0]])
    case("abs", [("a", kinks)], lambda x: x.abs())
    case("relu", [("a", kinks)], lambda x: torch.relu(x))
    case("leaky_relu", [("a", kinks)], lambda x: F.leaky_relu(x, 0.1))
    case("sigmoid", [("a", a)], lambda x: torch.sigmoid(x))
    case("tanh", [("a", a)], lambda x: torch.tanh(x))
    case("softmax", [("a", a)], lambda x: torch.softmax(x, dim=1))
    case("log_softmax", [("a", a)], lambda x: torch.log_softmax(x, dim=1))
    ties = t([[1.0, 3.0, 3.0], [-2.0, 0.5, 0.25], [4.0, 4.0, 4.0]])
    case("max_per_row", [("a", ties)], lambda x: x.max(dim=1, keepdim=True).values)
    case("maximum", [("a", t([[1.0, 2.0, -1.0], [0.5, 0.5, 3.0]])), ("b", t([[1.0, 3.0, -2.0], [0.5, 0.25, 3.0]]))],
         lambda x, y: torch.maximum(x, y))
    case("clamp", [("a", t([[-1.0, -0.5, -0.2, 0.0], [0.3, 0.5, 0.75, 2.0]]))], lambda x: x.clamp(-0.5, 0.5))
    case("frobenius_norm_squared", [("a", a)], lambda x: x.pow(2).sum())
    mask = t([[1.5, 0.0, 1.5, 1.5], [0.0, 1.5, 1.5, 0.0], [1.5, 1.5, 0.0, 1.5]])
    case("dropout_mask", [("a", a)], lambda x: x * mask, consts=[("mask", mask)])
    logits = grid(3, 4, scale=0.9)
    classes = [2, 0, 3]
    for reduction in ("mean", "sum", "none"):
        case(f"cross_entropy_classes_{reduction}", [("z", logits)],
             lambda z, r=reduction: F.cross_entropy(z, torch.tensor(classes), reduction=r).reshape(-1, 1)
             if r == "none" else F.cross_entropy(z, torch.tensor(classes), reduction=r),
             classes=classes)
    soft = t([[0.1, 0.2, 0.3, 0.4], [0.0, 0.5, 0.5, 0.0], [0.25, 0.25, 0.25, 0.25]])
    case("cross_entropy_probabilities_mean", [("z", logits)], lambda z: F.cross_entropy(z, soft),
         consts=[("targets", soft)])
    large = t([[1000.0, 1001.0, 1002.0], [1002.0, 999.0, 1000.5]])
    case("cross_entropy_large_logits_none", [("z", large)],
         lambda z: F.cross_entropy(z, torch.tensor([0, 2]), reduction="none").reshape(-1, 1), classes=[0, 2])
    bce_targets = t([[0.0, 1.0, 0.3, 0.7], [1.0, 0.0, 0.5, 0.9], [0.2, 0.8, 1.0, 0.0]])
    for reduction in ("mean", "sum", "none"):
        case(f"bce_with_logits_{reduction}", [("z", logits)],
             lambda z, r=reduction: F.binary_cross_entropy_with_logits(z, bce_targets, reduction=r),
             consts=[("targets", bce_targets)])
    case("bce_with_logits_large_logits_none", [("z", t([[-1000.0, 1000.0, 40.0], [1000.0, -1000.0, -40.0]]))],
         lambda z: F.binary_cross_entropy_with_logits(z, t([[1.0, 1.0, 0.0], [0.0, 0.5, 1.0]]), reduction="none"),
         consts=[("targets", t([[1.0, 1.0, 0.0], [0.0, 0.5, 1.0]]))])


if __name__ == "__main__":
    main()
