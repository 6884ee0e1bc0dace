#!/usr/bin/python3
"""Trajectories of other implementations, for the tests of dlref's `diagnose` (DiagnoseOtherImplementationsTest).

Run from the repository root with Debian's python3-torch and python3-numpy:

    /usr/bin/python3 scripts/golden/diagnose_trajectories.py verify/src/test/resources/diagnose

It trains the network of examples/mlp_momentum.spec.json (linear 2 -> 3, tanh, linear 3 -> 1, mean squared
error; the given starting parameters; six inline samples in mini-batches of 4, shuffled with seed 7; 30 steps)
once per case below, each time with one optimizer convention:

- with PyTorch itself (torch.optim.SGD with momentum, Adam, Adam with weight_decay (coupled L2), AdamW,
  Adagrad with and without initial_accumulator_value, RMSprop; torch.optim.lr_scheduler.StepLR; MSELoss with
  reduction "sum"; torch.nn.BatchNorm1d), in float64 on the CPU, gradients from torch.autograd;
- with NumPy, written here for these tests, for the conventions PyTorch has no switch for: Keras 3's SGD
  momentum (v = mu v - lr g, theta += v), the EMA momentum of the source documents (v = beta v + (1 - beta) g,
  theta -= lr v), Keras 3's Adam ("epsilon hat"), Adagrad (accumulator from 0.1, eps inside the square root)
  and RMSprop (eps inside the square root), and Keras 3's BatchNormalization (moving = 0.99 moving + 0.01 batch,
  biased variance stored, epsilon 1e-3). Their forward and backward passes are written out by hand.

The BatchNorm cases put a batch-normalization layer between the first linear layer and tanh (layer 1, so the
second linear layer becomes layer 3) and train it with plain SGD (lr 0.1); their trajectories also hold the
running statistics after every step ("buffers"), which is what tells the two conventions apart.

The batch order is dlref's documented one (docs/oracle-format.md, "Training loop"): one java.util.Random with
the spec's seed, a new Fisher-Yates permutation of the identity each epoch (for i from n-1 down to 1,
j = nextInt(i + 1), swap), batch k of an epoch is order[4k, 4k + 4). JavaRandom below is transcribed from the
published algorithm in java.util.Random's Javadoc, independently of examples/numpy_mlp.py.

For each case it writes three files into the output directory:

- <case>.trajectory.json: the trajectory (format dlref.trajectory.v1: per step the samples, lr, loss,
  gradients before the step and parameters after it), numbers written with Python's repr (json.dump), the
  shortest decimal that reads back to the same double;
- <case>.own.spec.json: a spec that declares the convention the trajectory was computed with;
- <case>.other.spec.json: the same computation declared with another convention, as a user who believes they
  follow it would write it.

The tests diagnose each trajectory against both specs with dlref's default tolerance (|theirs - ours| <=
1e-12 + 1e-9 |ours|) and assert the convention names in the verdict. CI never runs this script; it only reads
the committed files. The convention of every case is chosen from the frameworks' documentation and source
(docs/conventions.md), never from dlref's output.
"""
import copy
import json
import os
import platform
import sys

import numpy as np
import torch

EXAMPLE_SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                            "mlp_momentum.spec.json")
NAMES = ["0.weight", "0.bias", "2.weight", "2.bias"]


class JavaRandom:
    """java.util.Random's 48-bit linear congruential generator (its Javadoc: setSeed, next(bits), nextInt(bound))."""

    MULTIPLIER = 0x5DEECE66D
    ADDEND = 0xB
    MASK = (1 << 48) - 1

    def __init__(self, seed):
        self.state = (seed ^ self.MULTIPLIER) & self.MASK

    def next_bits(self, bits):
        self.state = (self.state * self.MULTIPLIER + self.ADDEND) & self.MASK
        value = self.state >> (48 - bits)
        if value >= 1 << 31:  # the Javadoc's (int) cast: two's complement of the top 32 bits
            value -= 1 << 32
        return value

    def next_int(self, bound):
        bits = self.next_bits(31)
        if bound & (bound - 1) == 0:  # a power of two: the high bits, (int) ((bound * (long) next(31)) >> 31)
            return (bound * bits) >> 31
        value = bits % bound
        # reject the values of the last, incomplete block: Java tests bits - val + (bound - 1) < 0 in int arithmetic
        while bits - value + (bound - 1) >= 1 << 31:
            bits = self.next_bits(31)
            value = bits % bound
        return value


def batches(spec):
    """The sample indices of each step's batch, in dlref's order, for the spec's training settings."""
    training = spec["training"]
    n = len(spec["data"]["inputs"])
    size = training["batch_size"]
    rng = JavaRandom(training["seed"])
    out = []
    while len(out) < training["steps"]:
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = rng.next_int(i + 1)
            order[i], order[j] = order[j], order[i]
        for start in range(0, n, size):
            if len(out) < training["steps"]:
                out.append(order[start:start + size])
    return out


def step_lr(lr0, step_size, gamma):
    """PyTorch's StepLR as a function of the number t of completed steps: lr0 gamma^floor(t / step_size)."""
    return lambda t: lr0 * gamma ** (t // step_size)


# ----------------------------------------------------------------------------------------------------------
# PyTorch


def torch_run(spec, make_optimizer, reduction="mean", schedule=None):
    """Trains with torch.nn and torch.optim in float64; returns the trajectory's steps."""
    torch.set_default_dtype(torch.float64)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1))
    values = spec["parameters"]["values"]
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            parameter.copy_(torch.tensor(values[name], dtype=torch.float64).reshape(parameter.shape))
    optimizer = make_optimizer(model.parameters())
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, *schedule) if schedule else None
    loss_fn = torch.nn.MSELoss(reduction=reduction)
    x_all = torch.tensor(spec["data"]["inputs"], dtype=torch.float64)
    y_all = torch.tensor(spec["data"]["targets"], dtype=torch.float64)
    steps = []
    for k, idx in enumerate(batches(spec)):
        lr = optimizer.param_groups[0]["lr"]
        optimizer.zero_grad()
        loss = loss_fn(model(x_all[idx]), y_all[idx])
        loss.backward()
        params = dict(model.named_parameters())
        gradients = {n: rows(params[n].grad) for n in NAMES}
        optimizer.step()
        if scheduler:
            scheduler.step()
        steps.append({"step": k + 1, "samples": idx, "lr": lr, "loss": loss.item(), "gradients": gradients,
                      "parameters": {n: rows(params[n].detach()) for n in NAMES}})
    return steps


def torch_batchnorm_run(spec):
    """Linear, BatchNorm1d (PyTorch's defaults: momentum 0.1, eps 1e-5), tanh, linear; plain torch.optim.SGD."""
    torch.set_default_dtype(torch.float64)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.BatchNorm1d(3), torch.nn.Tanh(),
                                torch.nn.Linear(3, 1))
    values = spec["parameters"]["values"]
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name in values:
                parameter.copy_(torch.tensor(values[name], dtype=torch.float64).reshape(parameter.shape))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = torch.nn.MSELoss()
    x_all = torch.tensor(spec["data"]["inputs"], dtype=torch.float64)
    y_all = torch.tensor(spec["data"]["targets"], dtype=torch.float64)
    names = [n for n, _ in model.named_parameters()]
    steps = []
    for k, idx in enumerate(batches(spec)):
        optimizer.zero_grad()
        loss = loss_fn(model(x_all[idx]), y_all[idx])
        loss.backward()
        params = dict(model.named_parameters())
        gradients = {n: rows(params[n].grad) for n in names}
        optimizer.step()
        bn = model[1]
        steps.append({"step": k + 1, "samples": idx, "lr": 0.1, "loss": loss.item(), "gradients": gradients,
                      "parameters": {n: rows(params[n].detach()) for n in names},
                      "buffers": {"1.running_mean": rows(bn.running_mean), "1.running_var": rows(bn.running_var)}})
    return steps


def rows(t):
    """A parameter or gradient as a matrix (a bias is one row, as in dlref's format)."""
    t = t.detach()
    return (t.reshape(1, -1) if t.dim() == 1 else t).tolist()


# ----------------------------------------------------------------------------------------------------------
# NumPy


def numpy_run(spec, update, schedule=lambda t: None):
    """Trains with a hand-written forward and backward pass in NumPy float64; `update(name, param, grad, t,
    lr)` returns the new parameter value (t is the 1-based step), `schedule(t)` the learning rate of the step
    after t completed steps (None: the update's own constant)."""
    p = {k: np.array(v, dtype=np.float64) for k, v in spec["parameters"]["values"].items()}
    x_all = np.array(spec["data"]["inputs"], dtype=np.float64)
    y_all = np.array(spec["data"]["targets"], dtype=np.float64)
    steps = []
    for k, idx in enumerate(batches(spec)):
        x, y = x_all[idx], y_all[idx]
        # forward: z = x W0^T + b0, h = tanh(z), out = h W2^T + b2, loss = sum((out - y)^2) / (N K)
        z = x @ p["0.weight"].T + p["0.bias"]
        h = np.tanh(z)
        out = h @ p["2.weight"].T + p["2.bias"]
        diff = out - y
        loss = float(np.sum(diff * diff) / diff.size)
        # backward: d loss / d out = 2 (out - y) / (N K); tanh' = 1 - h^2
        d_out = 2.0 * diff / diff.size
        d_z = (d_out @ p["2.weight"]) * (1.0 - h * h)
        g = {"0.weight": d_z.T @ x, "0.bias": d_z.sum(axis=0, keepdims=True),
             "2.weight": d_out.T @ h, "2.bias": d_out.sum(axis=0, keepdims=True)}
        lr = schedule(k)
        for n in NAMES:
            p[n] = update(n, p[n], g[n], k + 1, lr)
        steps.append({"step": k + 1, "samples": idx, "lr": lr, "loss": loss,
                      "gradients": {n: g[n].tolist() for n in NAMES},
                      "parameters": {n: p[n].tolist() for n in NAMES}})
    return steps


def numpy_keras_batchnorm_run(spec, lr=0.1, momentum=0.99, epsilon=1e-3):
    """Linear, Keras 3 BatchNormalization (training: normalize with the batch mean and biased variance;
    moving_mean = momentum moving_mean + (1 - momentum) mean, the same for the biased variance), tanh, linear;
    plain SGD. Forward and backward written out."""
    values = spec["parameters"]["values"]
    p = {k: np.array(v, dtype=np.float64) for k, v in values.items()}
    p["1.weight"], p["1.bias"] = np.ones((1, 3)), np.zeros((1, 3))
    moving_mean, moving_var = np.zeros((1, 3)), np.ones((1, 3))
    names = ["0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias"]
    x_all = np.array(spec["data"]["inputs"], dtype=np.float64)
    y_all = np.array(spec["data"]["targets"], dtype=np.float64)
    steps = []
    for k, idx in enumerate(batches(spec)):
        x, y = x_all[idx], y_all[idx]
        n = len(idx)
        z = x @ p["0.weight"].T + p["0.bias"]
        mean = z.mean(axis=0, keepdims=True)
        var = ((z - mean) ** 2).mean(axis=0, keepdims=True)  # biased
        inv_std = 1.0 / np.sqrt(var + epsilon)
        z_hat = (z - mean) * inv_std
        b = p["1.weight"] * z_hat + p["1.bias"]
        h = np.tanh(b)
        out = h @ p["3.weight"].T + p["3.bias"]
        diff = out - y
        loss = float(np.sum(diff * diff) / diff.size)
        d_out = 2.0 * diff / diff.size
        d_b = (d_out @ p["3.weight"]) * (1.0 - h * h)
        d_z_hat = d_b * p["1.weight"]
        # batch-normalization backward with the batch statistics as functions of z:
        # dz = inv_std / n (n dz_hat - sum(dz_hat) - z_hat sum(dz_hat z_hat))
        d_z = inv_std / n * (n * d_z_hat - d_z_hat.sum(axis=0, keepdims=True)
                             - z_hat * (d_z_hat * z_hat).sum(axis=0, keepdims=True))
        g = {"0.weight": d_z.T @ x, "0.bias": d_z.sum(axis=0, keepdims=True),
             "1.weight": (d_b * z_hat).sum(axis=0, keepdims=True), "1.bias": d_b.sum(axis=0, keepdims=True),
             "3.weight": d_out.T @ h, "3.bias": d_out.sum(axis=0, keepdims=True)}
        moving_mean = momentum * moving_mean + (1 - momentum) * mean
        moving_var = momentum * moving_var + (1 - momentum) * var
        for name in names:
            p[name] = p[name] - lr * g[name]
        steps.append({"step": k + 1, "samples": idx, "lr": lr, "loss": loss,
                      "gradients": {name: g[name].tolist() for name in names},
                      "parameters": {name: p[name].tolist() for name in names},
                      "buffers": {"1.running_mean": moving_mean.tolist(), "1.running_var": moving_var.tolist()}})
    return steps


def keras_sgd(mu):
    """Keras 3 SGD with momentum: velocity = mu velocity - lr g; variable += velocity."""
    velocity = {}

    def update(name, w, g, t, lr):
        velocity[name] = mu * velocity.get(name, np.zeros_like(w)) - lr * g
        return w + velocity[name]
    return update


def ema_sgd(lr, beta):
    """The source documents' momentum (bp-optimizers, param-optimization): v = beta v + (1 - beta) g, w -= lr v."""
    v = {}

    def update(name, w, g, t, _):
        v[name] = beta * v.get(name, np.zeros_like(w)) + (1 - beta) * g
        return w - lr * v[name]
    return update


def keras_adam(lr, beta1=0.9, beta2=0.999, epsilon=1e-7):
    """Keras 3 Adam: m += (g - m)(1 - b1), v += (g^2 - v)(1 - b2), alpha = lr sqrt(1 - b2^t) / (1 - b1^t),
    w -= m alpha / (sqrt(v) + epsilon)."""
    m, v = {}, {}

    def update(name, w, g, t, _):
        m[name] = m.get(name, np.zeros_like(w))
        v[name] = v.get(name, np.zeros_like(w))
        m[name] += (g - m[name]) * (1 - beta1)
        v[name] += (g * g - v[name]) * (1 - beta2)
        alpha = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
        return w - (m[name] * alpha) / (np.sqrt(v[name]) + epsilon)
    return update


def keras_adagrad(lr, initial_accumulator_value=0.1, epsilon=1e-7):
    """Keras 3 Adagrad: accumulator += g^2; w -= lr g / sqrt(accumulator + epsilon)."""
    acc = {}

    def update(name, w, g, t, _):
        acc[name] = acc.get(name, np.full_like(w, initial_accumulator_value)) + g * g
        return w - lr * g / np.sqrt(acc[name] + epsilon)
    return update


def keras_rmsprop(lr, rho=0.9, epsilon=1e-7):
    """Keras 3 RMSprop without momentum: velocity = rho velocity + (1 - rho) g^2;
    w -= lr g / sqrt(velocity + epsilon)."""
    velocity = {}

    def update(name, w, g, t, _):
        velocity[name] = rho * velocity.get(name, np.zeros_like(w)) + (1 - rho) * g * g
        return w - lr * g / np.sqrt(velocity[name] + epsilon)
    return update


# ----------------------------------------------------------------------------------------------------------
# Cases: name -> (how theirs trains, the spec's changes declaring their convention, the spec's changes
# declaring another convention). A change sets "optimizer", and optionally "schedule" or "loss".

STEP_SCHEDULE = {"type": "step", "step_size": 5, "gamma": 0.5}
MOMENTUM = {"lr": 0.1, "momentum": 0.9}


def cases():
    t = torch.optim
    return {
        "torch_sgd_momentum_steplr": (
            "PyTorch torch.optim.SGD(lr=0.1, momentum=0.9), StepLR(step_size=5, gamma=0.5)",
            lambda s: torch_run(s, lambda ps: t.SGD(ps, lr=0.1, momentum=0.9), schedule=(5, 0.5)),
            {"optimizer": {"type": "sgd", "preset": "pytorch", **MOMENTUM}, "schedule": STEP_SCHEDULE},
            {"optimizer": {"type": "sgd", "preset": "keras", **MOMENTUM}, "schedule": STEP_SCHEDULE}),
        "numpy_keras_sgd_momentum_steplr": (
            "NumPy, Keras 3 SGD momentum (velocity = 0.9 velocity - lr g, w += velocity), lr 0.1 halved every 5 steps",
            lambda s: numpy_run(s, keras_sgd(0.9), schedule=step_lr(0.1, 5, 0.5)),
            {"optimizer": {"type": "sgd", "preset": "keras", **MOMENTUM}, "schedule": STEP_SCHEDULE},
            {"optimizer": {"type": "sgd", "preset": "pytorch", **MOMENTUM}, "schedule": STEP_SCHEDULE}),
        "numpy_ema_sgd_momentum": (
            "NumPy, EMA momentum of bp-optimizers (v = 0.9 v + 0.1 g, w -= 0.1 v)",
            lambda s: numpy_run(s, ema_sgd(0.1, 0.9), schedule=lambda k: 0.1),
            {"optimizer": {"type": "sgd", "preset": "bp_optimizers", **MOMENTUM}},
            {"optimizer": {"type": "sgd", "preset": "pytorch", **MOMENTUM}}),
        "torch_adam": (
            "PyTorch torch.optim.Adam(lr=0.01)",
            lambda s: torch_run(s, lambda ps: t.Adam(ps, lr=0.01)),
            {"optimizer": {"type": "adam", "preset": "pytorch", "lr": 0.01}},
            {"optimizer": {"type": "adam", "preset": "keras", "lr": 0.01}}),
        "numpy_keras_adam": (
            "NumPy, Keras 3 Adam (epsilon hat 1e-7), lr 0.01",
            lambda s: numpy_run(s, keras_adam(0.01), schedule=lambda k: 0.01),
            {"optimizer": {"type": "adam", "preset": "keras", "lr": 0.01}},
            {"optimizer": {"type": "adam", "preset": "pytorch", "lr": 0.01}}),
        "torch_adam_l2": (
            "PyTorch torch.optim.Adam(lr=0.01, weight_decay=0.1): L2 added to the gradient",
            lambda s: torch_run(s, lambda ps: t.Adam(ps, lr=0.01, weight_decay=0.1)),
            {"optimizer": {"type": "adam", "preset": "pytorch", "lr": 0.01, "weight_decay": 0.1}},
            {"optimizer": {"type": "adamw", "preset": "pytorch", "lr": 0.01, "weight_decay": 0.1}}),
        "torch_adamw": (
            "PyTorch torch.optim.AdamW(lr=0.01, weight_decay=0.1): decoupled decay",
            lambda s: torch_run(s, lambda ps: t.AdamW(ps, lr=0.01, weight_decay=0.1)),
            {"optimizer": {"type": "adamw", "preset": "pytorch", "lr": 0.01, "weight_decay": 0.1}},
            {"optimizer": {"type": "adam", "preset": "pytorch", "lr": 0.01, "weight_decay": 0.1}}),
        "torch_adagrad": (
            "PyTorch torch.optim.Adagrad(lr=0.1): accumulator from 0, eps 1e-10 outside the square root",
            lambda s: torch_run(s, lambda ps: t.Adagrad(ps, lr=0.1)),
            {"optimizer": {"type": "adagrad", "preset": "pytorch", "lr": 0.1}},
            {"optimizer": {"type": "adagrad", "preset": "keras", "lr": 0.1}}),
        "torch_adagrad_initial_accumulator": (
            "PyTorch torch.optim.Adagrad(lr=0.1, initial_accumulator_value=0.1)",
            lambda s: torch_run(s, lambda ps: t.Adagrad(ps, lr=0.1, initial_accumulator_value=0.1)),
            {"optimizer": {"type": "adagrad", "preset": "pytorch", "lr": 0.1, "initial_accumulator_value": 0.1}},
            {"optimizer": {"type": "adagrad", "preset": "keras", "lr": 0.1, "initial_accumulator_value": 0.1}}),
        "numpy_keras_adagrad": (
            "NumPy, Keras 3 Adagrad (accumulator from 0.1, eps 1e-7 inside the square root), lr 0.1",
            lambda s: numpy_run(s, keras_adagrad(0.1), schedule=lambda k: 0.1),
            {"optimizer": {"type": "adagrad", "preset": "keras", "lr": 0.1}},
            {"optimizer": {"type": "adagrad", "preset": "pytorch", "lr": 0.1}}),
        "torch_rmsprop": (
            "PyTorch torch.optim.RMSprop(lr=0.01, alpha=0.9): eps 1e-8 outside the square root",
            lambda s: torch_run(s, lambda ps: t.RMSprop(ps, lr=0.01, alpha=0.9)),
            {"optimizer": {"type": "rmsprop", "preset": "pytorch", "lr": 0.01, "alpha": 0.9}},
            {"optimizer": {"type": "rmsprop", "preset": "keras", "lr": 0.01, "alpha": 0.9}}),
        "numpy_keras_rmsprop": (
            "NumPy, Keras 3 RMSprop (rho 0.9, eps 1e-7 inside the square root), lr 0.01",
            lambda s: numpy_run(s, keras_rmsprop(0.01), schedule=lambda k: 0.01),
            {"optimizer": {"type": "rmsprop", "preset": "keras", "lr": 0.01, "alpha": 0.9}},
            {"optimizer": {"type": "rmsprop", "preset": "pytorch", "lr": 0.01, "alpha": 0.9}}),
        "torch_sgd_momentum_sum": (
            "PyTorch torch.optim.SGD(lr=0.01, momentum=0.9) on MSELoss(reduction='sum')",
            lambda s: torch_run(s, lambda ps: t.SGD(ps, lr=0.01, momentum=0.9), reduction="sum"),
            {"optimizer": {"type": "sgd", "preset": "pytorch", "lr": 0.01, "momentum": 0.9},
             "loss": {"type": "mse", "reduction": "sum"}},
            {"optimizer": {"type": "sgd", "preset": "pytorch", "lr": 0.01, "momentum": 0.9}}),
        "torch_batchnorm": (
            "PyTorch torch.nn.BatchNorm1d (momentum 0.1, eps 1e-5) after the first layer, torch.optim.SGD(lr=0.1)",
            torch_batchnorm_run,
            {"optimizer": PLAIN_SGD, "batchnorm": {"type": "batchnorm"}},
            {"optimizer": PLAIN_SGD, "batchnorm": {"type": "batchnorm", "convention": "keras"}}),
        "numpy_keras_batchnorm": (
            "NumPy, Keras 3 BatchNormalization (momentum 0.99, epsilon 1e-3) after the first layer, SGD lr 0.1",
            numpy_keras_batchnorm_run,
            {"optimizer": PLAIN_SGD, "batchnorm": {"type": "batchnorm", "convention": "keras"}},
            {"optimizer": PLAIN_SGD, "batchnorm": {"type": "batchnorm"}}),
    }


PLAIN_SGD = {"type": "sgd", "preset": "pytorch", "lr": 0.1}


def spec_with(base, changes):
    spec = copy.deepcopy(base)
    changes = copy.deepcopy(changes)
    batchnorm = changes.pop("batchnorm", None)
    spec.update(changes)
    if batchnorm:
        # linear, batchnorm, tanh, linear: the second linear layer's parameters are renamed from 2.* to 3.*
        layers = spec["model"]["layers"]
        spec["model"]["layers"] = [layers[0], batchnorm] + layers[1:]
        values = spec["parameters"]["values"]
        spec["parameters"]["values"] = {k.replace("2.", "3.", 1) if k.startswith("2.") else k: v
                                        for k, v in values.items()}
    # the example's key order, with the schedule before the training settings
    order = ["format", "model", "parameters", "data", "loss", "optimizer", "schedule", "training"]
    return {k: spec[k] for k in order if k in spec}


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "verify/src/test/resources/diagnose"
    os.makedirs(out_dir, exist_ok=True)
    base = json.load(open(EXAMPLE_SPEC))
    versions = "PyTorch %s, NumPy %s, Python %s" % (torch.__version__, np.__version__, platform.python_version())
    for name, (what, train, own, other) in cases().items():
        own_spec = spec_with(base, own)
        steps = train(own_spec)
        producer = "scripts/golden/diagnose_trajectories.py, case %s: %s (%s, float64)" % (name, what, versions)
        with open(os.path.join(out_dir, name + ".trajectory.json"), "w") as f:
            json.dump({"format": "dlref.trajectory.v1", "producer": producer, "steps": steps}, f)
            f.write("\n")
        for suffix, changes in (("own", own), ("other", other)):
            with open(os.path.join(out_dir, "%s.%s.spec.json" % (name, suffix)), "w") as f:
                spec = spec_with(base, changes)
                f.write("{\n" + ",\n".join(" %s: %s" % (json.dumps(k), json.dumps(v)) for k, v in spec.items())
                        + "\n}\n")
        print("wrote", name, file=sys.stderr)


if __name__ == "__main__":
    main()
