#!/usr/bin/python3
"""PyTorch float64 second derivatives for the matrix engine (dlref, module autograd): Hessians and
Hessian-vector products of each op (through a fixed linear functional), of a few composed functions and of a
small MLP loss with respect to its parameters.

Run from this directory with Debian's python3-torch:

    /usr/bin/python3 second_order_torch.py > second_order_torch.txt

For every case the script fixes the inputs, a seed matrix u and a direction v (one matrix per input), and
evaluates the scalar f(x) = sum(F(x) * u), where F is the op or function named by the case. It records f, its
gradient, the Hessian-vector product H v from torch.autograd.functional.hvp, and the full Hessian from
torch.autograd.functional.hessian applied to all inputs flattened into one vector (row-major, input after
input, in the order listed). The piecewise-linear ops (abs, relu, leaky_relu, clamp, maximum, max_per_row)
appear only at points away from their kinks, where their second derivative is 0. Every number is written as a
hex float (float.hex), which Java's Double.parseDouble reads back exactly. SecondOrderGoldenTest compares
dlref's values with these, relative to max(1, |expected|), to Tolerances.GOLDEN_RELATIVE (1e-12).

File format, one item per line:
    case <name>
    input <name> <rows> <cols> <values...>      an input that requires a gradient
    const <name> <rows> <cols> <values...>      a constant (targets, masks, a batch of features)
    classes <k_0> <k_1> ...                     class indices
    seed <rows> <cols> <values...>              u
    direction <input name> <rows> <cols> <values...>
    value 1 1 <f>
    grad <input name> <rows> <cols> <values...>
    hvp <input name> <rows> <cols> <values...>
    hessian <n> <n> <values...>
    end
"""
import math
import sys

import torch
import torch.nn.functional as F
from torch.autograd.functional import hessian, hvp

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
    """inputs: list of (name, 2-d tensor); fn: function of the input tensors returning a tensor."""
    values = [v.clone() for _, v in inputs]
    out_shape = fn(*values).reshape(fn(*values).shape if fn(*values).dim() == 2 else (1, 1)).shape
    u = t([[0.5 + 0.25 * ((2 * i + 3 * j) % 5) for j in range(out_shape[1])] for i in range(out_shape[0])])

    def f(*xs):
        out = fn(*xs)
        return (out.reshape(out_shape) * u).sum()

    directions = [t([[math.cos(0.9 * i + 0.4 * j + k) for j in range(v.shape[1])] for i in range(v.shape[0])])
                  for k, v in enumerate(values)]
    leaves = [v.clone().requires_grad_(True) for v in values]
    value = f(*leaves)
    grads = torch.autograd.grad(value, leaves)
    _, products = hvp(f, tuple(values), tuple(directions))
    sizes = [v.numel() for v in values]

    def flat_f(flat):
        parts, start = [], 0
        for v, n in zip(values, sizes):
            parts.append(flat[start:start + n].reshape(v.shape))
            start += n
        return f(*parts)

    h = hessian(flat_f, torch.cat([v.reshape(-1) for v in values]))
    print(f"case {name}")
    for (n, _), v in zip(inputs, values):
        print(f"input {n} {fmt(v)}")
    for n, v in consts:
        print(f"const {n} {fmt(v)}")
    if classes is not None:
        print("classes " + " ".join(str(k) for k in classes))
    print(f"seed {fmt(u)}")
    for (n, _), d in zip(inputs, directions):
        print(f"direction {n} {fmt(d)}")
    print(f"value {fmt(value)}")
    for (n, _), g in zip(inputs, grads):
        print(f"grad {n} {fmt(g)}")
    for (n, _), p in zip(inputs, products):
        print(f"hvp {n} {fmt(p)}")
    print(f"hessian {fmt(h)}")
    print("end")


def main():
    print(f"# produced by second_order_torch.py with torch {torch.__version__} (float64), "
          f"python {sys.version.split()[0]}")
    print("# compare with relative tolerance 1e-12 of max(1, |expected|) (Tolerances.GOLDEN_RELATIVE)")
    a, b = grid(2, 3), grid(2, 3, shift=2.0)
    away = t([[0.5, -1.25, 0.75], [-0.6, 2.0, -1.1]])
    pos = positive(2, 3)
    # every op, through the functional sum(op(x) * u)
    case("add", [("a", a), ("b", b)], lambda x, y: x + y)
    case("subtract", [("a", a), ("b", b)], lambda x, y: x - y)
    case("multiply", [("a", a), ("b", b)], lambda x, y: x * y)
    case("divide", [("a", a), ("b", away)], lambda x, y: x / y)
    case("negate", [("a", a)], lambda x: -x)
    case("add_scalar", [("a", a)], lambda x: x + 0.75)
    case("multiply_scalar", [("a", a)], lambda x: x * -1.5)
    case("matmul", [("a", grid(2, 3)), ("b", grid(3, 2, shift=1.0))], lambda x, y: x @ y)
    case("transpose_times", [("a", grid(3, 2)), ("b", grid(3, 2, shift=1.0))], lambda x, y: x.T @ y)
    case("times_transpose", [("a", grid(2, 3)), ("b", grid(2, 3, shift=1.0))], lambda x, y: x @ y.T)
    case("transpose", [("a", a)], lambda x: x.T)
    case("add_row", [("a", a), ("row", grid(1, 3, shift=3.0))], lambda x, r: x + r)
    case("sum", [("a", a)], lambda x: x.sum())
    case("sum_rows", [("a", a)], lambda x: x.sum(dim=1, keepdim=True))
    case("sum_cols", [("a", a)], lambda x: x.sum(dim=0, keepdim=True))
    case("mean", [("a", a)], lambda x: x.mean())
    case("exp", [("a", a)], lambda x: x.exp())
    case("log", [("a", pos)], lambda x: x.log())
    case("sqrt", [("a", pos)], lambda x: x.sqrt())
    case("pow_3", [("a", a)], lambda x: x.pow(3.0))
    case("pow_minus_1_5", [("a", pos)], lambda x: x.pow(-1.5))
    case("sigmoid", [("a", a)], lambda x: torch.sigmoid(x))
    case("tanh", [("a", a)], lambda x: torch.tanh(x))
    case("softmax", [("a", a)], lambda x: torch.softmax(x, dim=1))
    case("log_softmax", [("a", a)], lambda x: torch.log_softmax(x, dim=1))
    case("frobenius_norm_squared", [("a", a)], lambda x: x.pow(2).sum())
    mask = t([[1.5, 0.0, 1.5], [0.0, 1.5, 1.5]])
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
    bce_targets = t([[0.0, 1.0, 0.3, 0.7], [1.0, 0.0, 0.5, 0.9], [0.2, 0.8, 1.0, 0.0]])
    for reduction in ("mean", "sum", "none"):
        case(f"bce_with_logits_{reduction}", [("z", logits)],
             lambda z, r=reduction: F.binary_cross_entropy_with_logits(z, bce_targets, reduction=r),
             consts=[("targets", bce_targets)])
    # piecewise-linear ops away from their kinks: second derivative 0, gradient through the upstream seed
    case("abs_away_from_kink", [("a", away)], lambda x: x.abs().pow(2.0))
    case("relu_away_from_kink", [("a", away)], lambda x: torch.relu(x).pow(2.0))
    case("leaky_relu_away_from_kink", [("a", away)], lambda x: F.leaky_relu(x, 0.1).pow(2.0))
    case("clamp_away_from_bounds", [("a", t([[-1.0, -0.3, 0.2], [0.4, 0.75, -0.45]]))],
         lambda x: x.clamp(-0.5, 0.5).pow(2.0))
    case("maximum_apart", [("a", a), ("b", a + away)], lambda x, y: torch.maximum(x, y).pow(2.0))
    case("max_per_row_distinct", [("a", t([[1.0, 3.0, 2.5], [-2.0, 0.5, 0.25]]))],
         lambda x: x.max(dim=1, keepdim=True).values.pow(2.0))
    # composed functions
    case("tanh_of_product_squared", [("a", grid(2, 3)), ("b", grid(3, 2, shift=1.0))],
         lambda x, y: torch.tanh(x @ y).pow(2.0).sum())
    case("log_sum_exp_rows", [("a", grid(3, 3, scale=0.8))], lambda x: x.exp().sum(dim=1, keepdim=True).log())
    case("sqrt_over_one_plus_square", [("a", pos)], lambda x: x.sqrt() / (x.pow(2.0) + 1.0))
    case("sigmoid_times_softmax", [("a", grid(2, 3)), ("b", grid(2, 3, shift=0.5))],
         lambda x, y: torch.sigmoid(x) * torch.softmax(y, dim=1))
    # a small MLP, Linear(3, 4) - tanh - Linear(4, k), with respect to its parameters
    features = grid(5, 3, scale=0.6, shift=0.3)
    w1, b1 = grid(4, 3, scale=0.5, shift=1.1), grid(1, 4, scale=0.2, shift=2.3)
    w2, b2 = grid(2, 4, scale=0.5, shift=0.7), grid(1, 2, scale=0.2, shift=1.9)
    targets = grid(5, 2, scale=0.8, shift=0.2)
    params = [("W1", w1), ("b1", b1), ("W2", w2), ("b2", b2)]

    def mlp(W1, B1, W2, B2):
        return torch.tanh(features @ W1.T + B1) @ W2.T + B2

    case("mlp_tanh_mse", params, lambda W1, B1, W2, B2: F.mse_loss(mlp(W1, B1, W2, B2), targets),
         consts=[("x", features), ("targets", targets)])
    w3, b3 = grid(3, 4, scale=0.5, shift=0.7), grid(1, 3, scale=0.2, shift=1.9)
    mlp_classes = [0, 2, 1, 2, 0]
    case("mlp_tanh_cross_entropy", [("W1", w1), ("b1", b1), ("W2", w3), ("b2", b3)],
         lambda W1, B1, W2, B2: F.cross_entropy(mlp(W1, B1, W2, B2), torch.tensor(mlp_classes)),
         consts=[("x", features)], classes=mlp_classes)


if __name__ == "__main__":
    main()
