#!/usr/bin/python3
"""PyTorch float64 trajectories for issue 15's spec additions, for Issue15FormatTest.

How to run (from the repository root; needs Debian's python3-torch; CI never runs this):

    /usr/bin/python3 verify/src/test/resources/issue15/format_torch.py > verify/src/test/resources/issue15/format_torch.json

Each case holds a dlref spec (dlref.spec.v1 with the compatible additions: parameters.buffers, output.evaluation)
and the trajectory (dlref.trajectory.v1) that PyTorch 1.13 in float64 computes for it with torch.nn modules and
torch.optim, written by this script alone (not by dlref's client kit): per step the loss, the gradients, the
parameters and BatchNorm's running statistics after the step, and the evaluation-mode forwards the spec asks for
(model.eval(); every child's output from a forward hook; the scalar; torch.autograd.grad of the scalar with respect
to an input that requires a gradient). Batches are in order (no shuffle), so no generator is involved. Numbers are
written with repr (round trip). Issue15FormatTest compares dlref run with them: |theirs - ours| <= 1e-12 +
1e-12 |ours| per value and a normwise relative error <= 1e-12 per matrix.
"""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(1515)


def rnd(*shape, scale=1.0):
    return torch.randn(*shape, generator=g) * scale


def mat(t):
    t = t.detach()
    if t.dim() == 0:
        t = t.reshape(1, 1)
    if t.dim() == 1:
        t = t.reshape(1, -1)
    return [[float(v) for v in row] for row in t.tolist()]


def state(net, buffers=False):
    out = {}
    for k, v in net.state_dict().items():
        is_buffer = k.endswith("running_mean") or k.endswith("running_var")
        if k.endswith("num_batches_tracked") or is_buffer != buffers:
            continue
        out[k] = mat(v)
    return out


def evaluate(net, after_step, ev, loss_of):
    """One evaluation-mode forward: outputs of every child by hook, the scalar, d scalar / d input."""
    outputs = {}
    hooks = [m.register_forward_hook(lambda mod, inp, out, name=name: outputs.__setitem__(name, mat(out)))
             for name, m in net.named_children()]
    was = net.training
    net.eval()
    x = torch.tensor(ev["inputs"]).requires_grad_(True)
    out = net(x)
    s = out.sum() if ev["scalar"] == "sum" else loss_of(out, ev)
    (grad,) = torch.autograd.grad(s, x)
    for h in hooks:
        h.remove()
    net.train(was)
    return {"after_step": after_step, "outputs": outputs, "scalar": float(s), "input_gradient": mat(grad)}


def case(name, layers_spec, net, buffers, data, loss_spec, loss_of, optimizer_spec, opt, steps, batch_size, ev):
    spec = {
        "format": "dlref.spec.v1",
        "model": {"input": len(data["inputs"][0]), "layers": layers_spec},
        "parameters": {"values": state(net)},
        "data": data,
        "loss": loss_spec,
        "optimizer": optimizer_spec,
        "training": {"steps": steps, "batch_size": batch_size},
        "output": {"evaluation": ev},
    }
    if buffers:
        spec["parameters"]["buffers"] = buffers
        with torch.no_grad():
            for k, v in buffers.items():
                net.state_dict()[k].copy_(torch.tensor(v).reshape(-1))
    x = torch.tensor(data["inputs"])
    n = x.shape[0]
    traj = {"format": "dlref.trajectory.v1", "producer": "format_torch.py, torch %s, float64" % torch.__version__,
            "initial": {"parameters": state(net), "buffers": state(net, True)}, "steps": [], "evaluations": []}
    if 0 in ev["after_steps"]:
        traj["evaluations"].append(evaluate(net, 0, ev, loss_of))
    order = []
    while len(order) < steps:
        order += [list(range(s, min(s + batch_size, n))) for s in range(0, n, batch_size)]
    net.train()
    for t in range(1, steps + 1):
        idx = order[t - 1]
        opt.zero_grad()
        loss = loss_of(net(x[idx]), data, idx)
        loss.backward()
        grads = {k: mat(p.grad) for k, p in net.named_parameters()}
        opt.step()
        traj["steps"].append({"step": t, "samples": idx, "loss": float(loss), "gradients": grads,
                              "parameters": state(net), "buffers": state(net, True)})
        if t in ev["after_steps"]:
            traj["evaluations"].append(evaluate(net, t, ev, loss_of))
    return {"name": name, "spec": spec, "trajectory": traj}


def linear(i, o):
    m = nn.Linear(i, o)
    with torch.no_grad():
        m.weight.copy_(rnd(o, i, scale=0.7))
        m.bias.copy_(rnd(o, scale=0.3))
    return m


cases = []

# BatchNorm (PyTorch convention) with given running statistics; weighted, smoothed cross-entropy on class indices;
# evaluation forwards of the loss on class indices before training, after step 2 and after the last step.
w = [0.5, 2.0, 1.25]
classes = [0, 2, 1, 2, 0, 1]
ev_classes = [1, 0, 2, 2, 1]


def ce(out, d, idx=None):
    cs = d["classes"] if idx is None else [d["classes"][i] for i in idx]
    return F.cross_entropy(out, torch.tensor(cs), weight=torch.tensor(w), label_smoothing=0.1)


net = nn.Sequential(linear(3, 4), nn.BatchNorm1d(4, momentum=0.2), nn.Tanh(), linear(4, 3))
with torch.no_grad():
    net[1].weight.copy_(1 + rnd(4, scale=0.2))
    net[1].bias.copy_(rnd(4, scale=0.2))
cases.append(case(
    "batchnorm_buffers_eval_weighted_cross_entropy",
    [{"type": "linear", "out": 4}, {"type": "batchnorm", "momentum": 0.2}, {"type": "tanh"},
     {"type": "linear", "out": 3}],
    net, {"1.running_mean": mat(rnd(4, scale=0.5)), "1.running_var": mat(0.5 + rnd(4).abs())},
    {"inputs": mat(rnd(6, 3)), "classes": classes},
    {"type": "cross_entropy", "weight": w, "label_smoothing": 0.1}, ce,
    {"type": "sgd", "preset": "pytorch", "lr": 0.1, "momentum": 0.9},
    torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9), 5, 4,
    {"inputs": mat(rnd(5, 3)), "classes": ev_classes, "scalar": "loss", "after_steps": [0, 2, 5]}))

# LayerNorm and exact GELU, MSE on targets, Adam; evaluation forwards of the loss on given targets.
y = rnd(6, 2)


def mse(out, d, idx=None):
    t = torch.tensor(d["targets"])
    return F.mse_loss(out, t if idx is None else t[idx])


net = nn.Sequential(linear(3, 5), nn.LayerNorm(5), nn.GELU(), linear(5, 2))
with torch.no_grad():
    net[1].weight.copy_(1 + rnd(5, scale=0.3))
    net[1].bias.copy_(rnd(5, scale=0.2))
cases.append(case(
    "layer_norm_gelu_eval_mse_targets",
    [{"type": "linear", "out": 5}, {"type": "layer_norm"}, {"type": "gelu"}, {"type": "linear", "out": 2}],
    net, None, {"inputs": mat(rnd(6, 3)), "targets": mat(y)}, {"type": "mse"}, mse,
    {"type": "adam", "preset": "pytorch", "lr": 0.01}, torch.optim.Adam(net.parameters(), lr=0.01), 4, 6,
    {"inputs": mat(rnd(4, 3)), "targets": mat(rnd(4, 2)), "scalar": "loss", "after_steps": [0, 4]}))

# BatchNorm without affine parameters, eps and momentum given, given statistics; the sum of the outputs.
def mse_sum(out, d, idx=None):
    t = torch.tensor(d["targets"])
    return F.mse_loss(out, t if idx is None else t[idx], reduction="sum")


net = nn.Sequential(linear(2, 3), nn.BatchNorm1d(3, eps=1e-3, momentum=0.3, affine=False), nn.Sigmoid(),
                    linear(3, 2))
cases.append(case(
    "batchnorm_plain_buffers_eval_sum",
    [{"type": "linear", "out": 3}, {"type": "batchnorm", "eps": 0.001, "momentum": 0.3, "affine": False},
     {"type": "sigmoid"}, {"type": "linear", "out": 2}],
    net, {"1.running_mean": mat(rnd(3)), "1.running_var": mat(0.2 + rnd(3).abs())},
    {"inputs": mat(rnd(5, 2)), "targets": mat(rnd(5, 2))}, {"type": "mse", "reduction": "sum"}, mse_sum,
    {"type": "sgd", "preset": "pytorch", "lr": 0.05}, torch.optim.SGD(net.parameters(), lr=0.05), 3, 3,
    {"inputs": mat(rnd(3, 2)), "scalar": "sum", "after_steps": [1, 3]}))

print(json.dumps({"producer": "format_torch.py, torch %s, float64" % torch.__version__, "cases": cases}, indent=1))
