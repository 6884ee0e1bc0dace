#!/usr/bin/python3
"""Checks the nn_functions entries of vectors/second_order.json (issue 21) against PyTorch float64.

Run from the repository root with Debian's python3-torch:

    /usr/bin/python3 scripts/golden/nn_second_order_vectors_torch.py > scripts/golden/nn_second_order_vectors_torch.txt

For every entry it rebuilds the entry's function in PyTorch from the entry's own point and constants: for a layer,
f = sum(upstream * layer(input)) with respect to the input and the layer's parameters (LayerNorm's 0.weight and
0.bias); for a loss, f = loss(prediction, target) with respect to the prediction (one-hot targets as class indices
where the oracle's run uses them: cross_entropy with a weight, cross_entropy and nll with an ignore_index). It
recomputes f, the gradients (torch.autograd.grad with create_graph=True) and the Hessian-vector products for the
entry's directions, and prints per entry the largest error relative to max(1, |PyTorch|); it fails (exit status 1)
if any exceeds the file's relative tolerance (1e-12). CI never runs this script; the committed output is the record.
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def t(m):
    return torch.tensor(m, dtype=torch.float64)


ACTIVATIONS = {
    "gelu": lambda x, c: F.gelu(x, approximate=c.get("approximate", "none")),
    "elu": lambda x, c: F.elu(x, c.get("alpha", 1.0)),
    "selu": lambda x, c: F.selu(x),
    "silu": lambda x, c: F.silu(x),
    "softplus": lambda x, c: F.softplus(x, c.get("beta", 1.0), c.get("threshold", 20.0)),
    "hardtanh": lambda x, c: F.hardtanh(x, c.get("min_val", -1.0), c.get("max_val", 1.0)),
    "log_softmax": lambda x, c: F.log_softmax(x, 1),
}


def layer_function(v):
    c = v["layer"]
    u = t(v["upstream"])
    names = list(v["point"].keys())
    if c["type"] == "layer_norm":
        eps = c.get("eps", 1e-5)
        if c.get("elementwise_affine", True):
            return names, lambda x, w, b: (u * F.layer_norm(x, (x.shape[1],), w.reshape(-1), b.reshape(-1), eps)).sum()
        return names, lambda x: (u * F.layer_norm(x, (x.shape[1],), None, None, eps)).sum()
    return names, lambda x: (u * ACTIVATIONS[c["type"]](x, c)).sum()


def loss_function(v):
    c = v["loss"]
    kind = c["type"]
    red = c.get("reduction", "mean")
    target = t(v["target"])
    w = t(c["weight"]) if "weight" in c else None
    ignore = c.get("ignore_index", -100)
    if kind == "huber":
        return lambda p: F.huber_loss(p, target, delta=c.get("delta", 1.0), reduction=red)
    if kind == "smooth_l1":
        return lambda p: F.smooth_l1_loss(p, target, beta=c.get("beta", 1.0), reduction=red)
    if kind == "kl_div":
        return lambda p: F.kl_div(p, target, reduction=red, log_target=c.get("log_target", False))
    if kind == "nll":
        return lambda p: F.nll_loss(p, target.argmax(1), weight=w, reduction=red, ignore_index=ignore)
    if kind == "cross_entropy":
        indices = w is not None or "ignore_index" in c
        y = target.argmax(1) if indices else target
        return lambda p: F.cross_entropy(p, y, weight=w, reduction=red, ignore_index=ignore,
                                         label_smoothing=c.get("label_smoothing", 0.0))
    raise ValueError("unknown loss " + kind)


def error(expected, actual):
    return float(((actual - expected).abs() / expected.abs().clamp(min=1.0)).max())


def main():
    data = json.load(open("vectors/second_order.json"))
    tolerance = data["tolerance"]["relative"]
    worst = 0.0
    print(f"# vectors/second_order.json nn_functions ({data['producer']}) against torch {torch.__version__} (float64)")
    print(f"# largest |dlref - torch| / max(1, |torch|) per entry (value, gradients, H v); tolerance {tolerance}")
    for k, v in enumerate(data["nn_functions"]):
        if "layer" in v:
            names, f = layer_function(v)
            label = v["name"]
        else:
            names, f = ["prediction"], loss_function(v)
            label = json.dumps(v["loss"], sort_keys=True)
        leaves = [t(v["point"][n]).requires_grad_(True) for n in names]
        value = f(*leaves)
        grads = torch.autograd.grad(value, leaves, create_graph=True)
        projection = sum((g * t(v["directions"][n])).sum() for g, n in zip(grads, names))
        if projection.requires_grad:
            hv = torch.autograd.grad(projection, leaves, allow_unused=True)
        else:
            hv = [None] * len(leaves)
        e = error(value.detach(), t(v["value"]))
        for n, g, h, leaf in zip(names, grads, hv, leaves):
            e = max(e, error(g.detach(), t(v["gradients"][n])))
            expected = torch.zeros_like(leaf) if h is None else h
            e = max(e, error(expected, t(v["hessian_vector_products"][n])))
        worst = max(worst, e)
        print(f"nn_functions[{k}] {label} {e:.3e}")
    print(f"largest {worst:.3e}: {'PASS' if worst <= tolerance else 'FAIL'}")
    return 0 if worst <= tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
