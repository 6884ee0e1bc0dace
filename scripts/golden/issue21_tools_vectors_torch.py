#!/usr/bin/python3
"""Cross-check of the issue 21 training-tool entries of vectors/optimizers.json and vectors/schedules.json against
PyTorch 1.13 float64.

How to run (from the repository root, after the vectors are generated; needs Debian's python3-torch; CI never runs
this, it documents a measurement quoted in docs/optimizers.md):

    /usr/bin/python3 scripts/golden/issue21_tools_vectors_torch.py

For every optimizer vector with gradient clipping (training.clipping), parameter groups (optimizer.param_groups) or
L-BFGS it rebuilds the spec's network (linear and relu layers, MSE, full batch) with torch.nn, runs the spec's steps
with torch.optim (clip_grad_norm_ and clip_grad_value_; Keras's clipnorm and global_clipnorm and Optax's
clip_by_global_norm written out with torch operations; param groups as the spec resolves them: the groups given, then
the parameters no group selects; LBFGS.step(closure)) and prints the largest normwise relative difference
max|dlref - torch| / max|torch| of every step's parameters, and of the losses |dlref - torch| / (1e-3 + |torch|) (L-BFGS
drives the loss to about 1e-12, where a relative difference says nothing). For every reduce_on_plateau vector of
schedules.json it feeds the vector's metrics to torch.optim.lr_scheduler.ReduceLROnPlateau and prints the largest
difference of the learning rates. Then the worst of all.
"""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def tensor(m):
    return torch.tensor(m, dtype=torch.float64)


def network(spec):
    modules, width = [], spec["model"]["input"]
    for layer in spec["model"]["layers"]:
        if layer["type"] == "linear":
            modules.append(nn.Linear(width, layer["out"]))
            width = layer["out"]
        elif layer["type"] == "relu":
            modules.append(nn.ReLU())
        else:
            raise ValueError(layer["type"])
    net = nn.Sequential(*modules)
    with torch.no_grad():
        for name, p in net.named_parameters():
            p.copy_(tensor(spec["parameters"]["values"][name]).reshape(p.shape))
    return net


def global_norm(ps):
    return torch.sqrt(sum((p.grad * p.grad).sum() for p in ps))


def clip(ps, c):
    kind = c["type"]
    if kind == "clip_grad_norm":
        torch.nn.utils.clip_grad_norm_(ps, c["max_norm"])
    elif kind == "clip_grad_value":
        torch.nn.utils.clip_grad_value_(ps, c["clip_value"])
    elif kind == "keras_clipnorm":
        for p in ps:
            n = torch.sqrt((p.grad * p.grad).sum())
            p.grad = (p.grad * c["clipnorm"]) / torch.maximum(n, torch.tensor(c["clipnorm"]))
    elif kind == "keras_global_clipnorm":
        n = global_norm(ps)
        scale = c["global_clipnorm"] * torch.minimum(1.0 / n, torch.tensor(1.0 / c["global_clipnorm"]))
        for p in ps:
            p.grad = p.grad * scale
    elif kind == "optax_clip_by_global_norm":
        n = global_norm(ps)
        if not bool(n < c["max_norm"]):
            for p in ps:
                p.grad = (p.grad / n) * c["max_norm"]
    else:
        raise ValueError(kind)


def groups(net, o):
    named = dict(net.named_parameters())
    out, taken = [], set()
    for g in o.get("param_groups", []):
        sel = g["params"]
        if sel == "weights":
            names = [n for n in named if n.endswith(".weight")]
        elif sel == "biases":
            names = [n for n in named if n.endswith(".bias")]
        else:
            names = list(sel)
        taken.update(names)
        group = {"params": [named[n] for n in names]}
        for k, v in g.items():
            if k != "params":
                group[k] = tuple(v) if k == "betas" else v
        out.append(group)
    rest = [named[n] for n in named if n not in taken]
    if rest:
        out.append({"params": rest})
    return out


def optimizer(net, o):
    if o["type"] == "lbfgs":
        return torch.optim.LBFGS(net.parameters(), lr=o.get("lr", 1), max_iter=o.get("max_iter", 20),
                                 history_size=o.get("history_size", 100), line_search_fn=o.get("line_search_fn"))
    params = groups(net, o)
    if o["type"] == "sgd":
        return torch.optim.SGD(params, lr=o["lr"], momentum=o.get("momentum", 0),
                               weight_decay=o.get("weight_decay", 0))
    if o["type"] == "adam":
        return torch.optim.Adam(params, lr=o["lr"], weight_decay=o.get("weight_decay", 0))
    raise ValueError(o["type"])


def rel(ours, theirs):
    return float((tensor(ours).reshape(theirs.shape) - theirs).abs().max() / max(float(theirs.abs().max()), 1e-300))


worst = 0.0
for v in json.load(open("vectors/optimizers.json"))["vectors"]:
    spec = v["spec"]
    o = spec["optimizer"]
    c = spec["training"].get("clipping")
    if c is None and "param_groups" not in o and o["type"] != "lbfgs":
        continue
    net = network(spec)
    opt = optimizer(net, o)
    s = spec.get("schedule")
    sched = torch.optim.lr_scheduler.StepLR(opt, s["step_size"], s["gamma"]) if s else None
    x, y = tensor(spec["data"]["inputs"]), tensor(spec["data"]["targets"])
    err = 0.0
    loss_err = 0.0
    for step, record in enumerate(v["trajectory"]["steps"]):
        def closure():
            opt.zero_grad()
            loss = F.mse_loss(net(x), y)
            loss.backward()
            return loss
        if o["type"] == "lbfgs":
            loss = opt.step(closure)
        else:
            loss = closure()
            if c is not None:
                clip(list(net.parameters()), c)
            opt.step()
        if sched:
            sched.step()
        # the loss by the vectors' criterion |theirs - ours| <= 1e-12 + 1e-9 |ours| (L-BFGS drives it to ~1e-12)
        loss_err = max(loss_err, abs(float(loss) - record["loss"]) / (1e-3 + abs(float(loss))))
        for name, p in net.named_parameters():
            err = max(err, rel(record["parameters"][name], p.detach()))
    print("%-96s %.2e %.2e" % (v["name"][:96], err, loss_err))
    worst = max(worst, err, loss_err)

for v in json.load(open("vectors/schedules.json"))["vectors"]:
    if "metrics" not in v:
        continue
    s = v["schedule"]
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=v["initial_lr"])
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(
        opt, mode=s.get("mode", "min"), factor=s.get("factor", 0.1), patience=s.get("patience", 10),
        threshold=s.get("threshold", 1e-4), threshold_mode=s.get("threshold_mode", "rel"),
        cooldown=s.get("cooldown", 0), min_lr=s.get("min_lr", 0.0), eps=s.get("eps", 1e-8))
    lrs = [opt.param_groups[0]["lr"]]
    for m in v["metrics"]:
        sched.step(m)
        lrs.append(opt.param_groups[0]["lr"])
    err = max(abs(a - b) / b for a, b in zip(v["learning_rates"], lrs))
    print("%-100s %.2e" % (json.dumps(s)[:100], err))
    worst = max(worst, err)

print("worst normwise relative difference: %.2e" % worst)
