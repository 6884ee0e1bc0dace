#!/usr/bin/python3
"""Cross-check of the issue 21 entries of vectors/layers.json and vectors/losses.json against PyTorch float64.

How to run (from the repository root; needs Debian's python3-torch; CI never runs this, it only documents a
measurement quoted in docs/oracle.md):

    /usr/bin/python3 scripts/golden/issue21_vectors_torch.py

For every vector of a layer or loss added by issue 21 (LayerNorm, GELU, ELU, SELU, SiLU, Softplus, Hardtanh,
LogSoftmax; Huber, smooth L1, KL divergence, NLL, cross-entropy with class weights or label smoothing) it recomputes
the output and the gradients with torch.nn.functional from the vector's own inputs and prints the normwise relative
difference max|dlref - torch| / max|torch| of each, then the worst. A weighted cross-entropy's one-hot target is
taken as class indices, as the oracle's run does (also a target of a loss with an ignore_index).
"""
import json

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def tensor(m):
    return torch.tensor(m, dtype=torch.float64)


def rel(ours, theirs):
    ours = tensor(ours) if not torch.is_tensor(ours) else ours
    return float((ours - theirs).abs().max() / max(float(theirs.abs().max()), 1e-300))


ACTIVATIONS = {
    "gelu": lambda t, c: F.gelu(t, approximate=c.get("approximate", "none")),
    "elu": lambda t, c: F.elu(t, c.get("alpha", 1.0)),
    "selu": lambda t, c: F.selu(t),
    "silu": lambda t, c: F.silu(t),
    "softplus": lambda t, c: F.softplus(t, c.get("beta", 1.0), c.get("threshold", 20.0)),
    "hardtanh": lambda t, c: F.hardtanh(t, c.get("min_val", -1.0), c.get("max_val", 1.0)),
    "log_softmax": lambda t, c: F.log_softmax(t, 1),
}

worst = 0.0
for v in json.load(open("vectors/layers.json"))["vectors"]:
    c = v["layer"]
    kind = c["type"]
    x = tensor(v["input"]).requires_grad_(True)
    ln = None
    if kind == "layer_norm":
        affine = c.get("elementwise_affine", True)
        ln = torch.nn.LayerNorm(x.shape[1], eps=c.get("eps", 1e-5), elementwise_affine=affine)
        if affine:
            with torch.no_grad():
                ln.weight.copy_(tensor(v["parameters"]["0.weight"])[0])
                ln.bias.copy_(tensor(v["parameters"]["0.bias"])[0])
        y = ln(x)
    elif kind in ACTIVATIONS:
        y = ACTIVATIONS[kind](x, c)
    else:
        continue
    y.backward(tensor(v["upstream"]))
    r = max(rel(v["output"], y.detach()), rel(v["input_gradient"], x.grad))
    if ln is not None and ln.elementwise_affine:
        r = max(r, rel(v["parameter_gradients"]["0.weight"], ln.weight.grad.reshape(1, -1)),
                rel(v["parameter_gradients"]["0.bias"], ln.bias.grad.reshape(1, -1)))
    worst = max(worst, r)
    print("layer %-40s %.2e" % (v["name"], r))

for v in json.load(open("vectors/losses.json"))["vectors"]:
    c = v["loss"]
    kind = c["type"]
    red = c.get("reduction", "mean")
    if kind not in ("huber", "smooth_l1", "kl_div", "nll") and not (
            kind == "cross_entropy" and ("weight" in c or "label_smoothing" in c or "ignore_index" in c)):
        continue
    p = tensor(v["prediction"]).requires_grad_(True)
    t = tensor(v["target"])
    w = tensor(c["weight"]) if "weight" in c else None
    if kind == "huber":
        loss = F.huber_loss(p, t, delta=c.get("delta", 1.0), reduction=red)
    elif kind == "smooth_l1":
        loss = F.smooth_l1_loss(p, t, beta=c.get("beta", 1.0), reduction=red)
    elif kind == "kl_div":
        loss = F.kl_div(p, t, reduction=red, log_target=c.get("log_target", False))
    elif kind == "nll":
        loss = F.nll_loss(p, t.argmax(1), weight=w, reduction=red, ignore_index=c.get("ignore_index", -100))
    else:
        target = t.argmax(1) if w is not None or "ignore_index" in c else t
        loss = F.cross_entropy(p, target, weight=w, reduction=red, label_smoothing=c.get("label_smoothing", 0.0),
                               ignore_index=c.get("ignore_index", -100))
    loss.backward()
    r = max(abs(loss.item() - v["value"]) / abs(loss.item()), rel(v["gradient"], p.grad))
    worst = max(worst, r)
    print("loss  %-40s %.2e" % (json.dumps(c, sort_keys=True)[:40], r))

print("worst normwise relative difference: %.2e" % worst)
