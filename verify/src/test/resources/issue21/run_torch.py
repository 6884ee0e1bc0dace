#!/usr/bin/python3
"""PyTorch float64 trajectories of oracle specs that use issue 21's layers and losses, for Issue21RunTest.

How to run (from the repository root; needs Debian's python3-torch, CI never runs this):

    /usr/bin/python3 verify/src/test/resources/issue21/run_torch.py > verify/src/test/resources/issue21/run_torch.json

Each case holds a dlref spec (dlref.spec.v1, explicit parameter values, inline data, full batch, SGD with PyTorch's
preset) and, from PyTorch 1.13 in float64 running the same computation with torch.nn modules, the loss of every
step and every parameter (PyTorch state-dict names) after every step. Numbers are written with repr (round trip).
Compared with relative tolerance 1e-12 of each matrix's largest magnitude (TestTolerances.PYTORCH_NORMWISE_RELATIVE).
"""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(2126)


def rnd(*shape, scale=1.0):
    return (torch.randn(*shape, generator=g) * scale)


def mat(t):
    t = t.detach()
    if t.dim() == 1:
        t = t.reshape(1, -1)
    return [[float(v) for v in row] for row in t.tolist()]


def case(name, layers_spec, modules, loss_spec, loss_fn, inputs, data_key, data, steps=3, lr=0.1):
    net = nn.Sequential(*modules)
    values = {k: mat(v) for k, v in net.state_dict().items()}
    spec = {
        "format": "dlref.spec.v1",
        "model": {"input": inputs.shape[1], "layers": layers_spec},
        "parameters": {"values": values},
        "data": {"inputs": mat(inputs), data_key: data if data_key == "classes" else mat(data)},
        "loss": loss_spec,
        "optimizer": {"type": "sgd", "preset": "pytorch", "lr": lr},
        "training": {"steps": steps},
    }
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    losses, params = [], []
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(net(inputs))
        loss.backward()
        opt.step()
        losses.append(float(loss))
        params.append({k: mat(v) for k, v in net.state_dict().items()})
    return {"name": name, "spec": spec, "losses": losses, "parameters": params}


def linear(i, o):
    m = nn.Linear(i, o)
    with torch.no_grad():
        m.weight.copy_(rnd(o, i, scale=0.7))
        m.bias.copy_(rnd(o, scale=0.3))
    return m


cases = []

x = rnd(6, 3)
classes = [0, 2, 1, 2, 0, 1]
ln = nn.LayerNorm(4)
with torch.no_grad():
    ln.weight.copy_(1 + rnd(4, scale=0.3))
    ln.bias.copy_(rnd(4, scale=0.2))
w = [0.5, 2.0, 1.25]
cases.append(case(
    "layer_norm_gelu_tanh_log_softmax_weighted_nll",
    [{"type": "linear", "out": 4}, {"type": "layer_norm"}, {"type": "gelu", "approximate": "tanh"},
     {"type": "linear", "out": 3}, {"type": "log_softmax"}],
    [linear(3, 4), ln, nn.GELU(approximate="tanh"), linear(4, 3), nn.LogSoftmax(dim=1)],
    {"type": "nll", "weight": w},
    lambda out: F.nll_loss(out, torch.tensor(classes), weight=torch.tensor(w)),
    x, "classes", classes))

cases.append(case(
    "gelu_selu_weighted_smoothed_cross_entropy",
    [{"type": "linear", "out": 5}, {"type": "gelu"}, {"type": "linear", "out": 4}, {"type": "selu"},
     {"type": "linear", "out": 3}],
    [linear(3, 5), nn.GELU(), linear(5, 4), nn.SELU(), linear(4, 3)],
    {"type": "cross_entropy", "weight": w, "label_smoothing": 0.15},
    lambda out: F.cross_entropy(out, torch.tensor(classes), weight=torch.tensor(w), label_smoothing=0.15),
    x, "classes", classes))

cases.append(case(
    "elu_silu_smoothed_cross_entropy_sum",
    [{"type": "linear", "out": 4}, {"type": "elu", "alpha": 0.7}, {"type": "linear", "out": 4}, {"type": "silu"},
     {"type": "linear", "out": 3}],
    [linear(3, 4), nn.ELU(alpha=0.7), linear(4, 4), nn.SiLU(), linear(4, 3)],
    {"type": "cross_entropy", "label_smoothing": 0.1, "reduction": "sum"},
    lambda out: F.cross_entropy(out, torch.tensor(classes), label_smoothing=0.1, reduction="sum"),
    x, "classes", classes, lr=0.02))

y = rnd(6, 2)
cases.append(case(
    "softplus_hardtanh_huber",
    [{"type": "linear", "out": 4}, {"type": "softplus", "beta": 2.0, "threshold": 1.0},
     {"type": "linear", "out": 4}, {"type": "hardtanh", "min_val": -0.8, "max_val": 0.9},
     {"type": "linear", "out": 2}],
    [linear(3, 4), nn.Softplus(beta=2.0, threshold=1.0), linear(4, 4), nn.Hardtanh(-0.8, 0.9), linear(4, 2)],
    {"type": "huber", "delta": 0.5},
    lambda out: F.huber_loss(out, y, delta=0.5),
    x, "targets", y))

cases.append(case(
    "layer_norm_plain_smooth_l1",
    [{"type": "linear", "out": 4}, {"type": "layer_norm", "eps": 0.001, "elementwise_affine": False},
     {"type": "linear", "out": 2}],
    [linear(3, 4), nn.LayerNorm(4, eps=1e-3, elementwise_affine=False), linear(4, 2)],
    {"type": "smooth_l1", "beta": 0.3, "reduction": "sum"},
    lambda out: F.smooth_l1_loss(out, y, beta=0.3, reduction="sum"),
    x, "targets", y))

p = F.softmax(rnd(6, 3), dim=1)
cases.append(case(
    "log_softmax_kl_div_batchmean",
    [{"type": "linear", "out": 3}, {"type": "log_softmax"}],
    [linear(3, 3), nn.LogSoftmax(dim=1)],
    {"type": "kl_div", "reduction": "batchmean"},
    lambda out: F.kl_div(out, p, reduction="batchmean"),
    x, "targets", p))

print(json.dumps({"producer": "run_torch.py, torch %s, float64" % torch.__version__, "cases": cases}, indent=1))
