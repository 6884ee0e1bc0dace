#!/usr/bin/python3
"""More trajectories of other implementations for DiagnoseOtherImplementationsTest: conventions found in the wild.

Run from the repository root with Debian's python3-torch and python3-numpy:

    /usr/bin/python3 scripts/golden/diagnose_trajectories_wild.py verify/src/test/resources/diagnose

Same network, data, batch order and output files as diagnose_trajectories.py (whose helpers it reuses: the
java.util.Random transcription, the hand-written NumPy forward and backward pass, the PyTorch loop); the cases are:

- torch_steplr_per_epoch: PyTorch torch.optim.SGD(lr=0.1, momentum=0.9) with StepLR(step_size=3, gamma=0.5)
  whose step() is called once per epoch (after the last batch of each epoch: 6 samples in batches of 4, so two
  batches per epoch), as PyTorch's documentation shows; the other spec declares the schedule stepped per batch.
- numpy_cs231n_nesterov: Nesterov momentum in the form of the CS231n notes and DL4J's Nesterovs updater:
  v_prev = v; v = mu v - lr g; x += -mu v_prev + (1 + mu) v, with lr 0.1 halved every 5 steps; the other spec
  declares PyTorch's Nesterov (b = mu b + g, x -= lr (g + mu b)), which differs once the rate changes.
- numpy_dl4j_adagrad: DL4J's AdaGrad: the history is filled with epsilon (1e-6, DL4J's default) before the first
  step (AdaGradUpdater.setStateViewArray), then h += g^2, x -= lr g / (sqrt(h) + eps); the other spec declares the
  same AdaGrad with the history starting at 0 (PyTorch).
- numpy_adam_no_bias_correction: Adam without the bias correction (m = 0.9 m + 0.1 g, v = 0.999 v + 0.001 g^2,
  x -= lr m / (sqrt(v) + 1e-8)), as hand-written implementations sometimes do; the other spec declares Algorithm 1.
- numpy_dl4j_rmsprop: RMSProp whose average is filled with epsilon (1e-8) before the first step, as DL4J's
  RmsPropUpdater does, then s = 0.95 s + 0.05 g^2, x -= lr g / sqrt(s + eps); the other spec starts s at 0.

CI never runs this script; it only reads the committed files.
"""
import json
import os
import platform
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import diagnose_trajectories as base  # noqa: E402


def torch_per_epoch_run(spec):
    """PyTorch SGD with momentum; StepLR stepped after the last batch of every epoch."""
    torch.set_default_dtype(torch.float64)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1))
    values = spec["parameters"]["values"]
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            parameter.copy_(torch.tensor(values[name], dtype=torch.float64).reshape(parameter.shape))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.5)
    loss_fn = torch.nn.MSELoss()
    x_all = torch.tensor(spec["data"]["inputs"], dtype=torch.float64)
    y_all = torch.tensor(spec["data"]["targets"], dtype=torch.float64)
    n = len(spec["data"]["inputs"])
    per_epoch = -(-n // spec["training"]["batch_size"])
    steps = []
    for k, idx in enumerate(base.batches(spec)):
        lr = optimizer.param_groups[0]["lr"]
        optimizer.zero_grad()
        loss = loss_fn(model(x_all[idx]), y_all[idx])
        loss.backward()
        params = dict(model.named_parameters())
        gradients = {name: base.rows(params[name].grad) for name in base.NAMES}
        optimizer.step()
        if (k + 1) % per_epoch == 0:
            scheduler.step()
        steps.append({"step": k + 1, "samples": idx, "lr": lr, "loss": loss.item(), "gradients": gradients,
                      "parameters": {name: base.rows(params[name].detach()) for name in base.NAMES}})
    return steps


def cs231n_nesterov(mu):
    """CS231n / DL4J Nesterov: v_prev = v; v = mu v - lr g; x += -mu v_prev + (1 + mu) v."""
    v = {}

    def update(name, w, g, t, lr):
        v_prev = v.get(name, np.zeros_like(w))
        v[name] = mu * v_prev - lr * g
        return w + (-mu * v_prev + (1 + mu) * v[name])
    return update


def dl4j_adagrad(lr, epsilon):
    """DL4J AdaGrad: h starts at epsilon; h += g^2; x -= lr g / (sqrt(h) + epsilon)."""
    h = {}

    def update(name, w, g, t, _):
        h[name] = h.get(name, np.full_like(w, epsilon)) + g * g
        return w - lr * g / (np.sqrt(h[name]) + epsilon)
    return update


def dl4j_rmsprop(lr, decay, epsilon):
    """RMSProp with s starting at epsilon: s = decay s + (1 - decay) g^2; x -= lr g / sqrt(s + epsilon)."""
    s = {}

    def update(name, w, g, t, _):
        s[name] = decay * s.get(name, np.full_like(w, epsilon)) + (1 - decay) * g * g
        return w - lr * g / np.sqrt(s[name] + epsilon)
    return update


def adam_no_bias_correction(lr, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """Adam with raw moments: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, x -= lr m / (sqrt(v) + eps)."""
    m, v = {}, {}

    def update(name, w, g, t, _):
        m[name] = beta1 * m.get(name, np.zeros_like(w)) + (1 - beta1) * g
        v[name] = beta2 * v.get(name, np.zeros_like(w)) + (1 - beta2) * g * g
        return w - lr * m[name] / (np.sqrt(v[name]) + epsilon)
    return update


MOMENTUM = {"lr": 0.1, "momentum": 0.9}
PER_EPOCH = {"type": "step", "step_size": 3, "gamma": 0.5, "interval": "epoch"}
PER_BATCH = {"type": "step", "step_size": 3, "gamma": 0.5}
HALVED = {"type": "step", "step_size": 5, "gamma": 0.5}


def cases():
    return {
        "torch_steplr_per_epoch": (
            "PyTorch torch.optim.SGD(lr=0.1, momentum=0.9), StepLR(step_size=3, gamma=0.5) stepped once per epoch",
            torch_per_epoch_run,
            {"optimizer": {"type": "sgd", "preset": "pytorch", **MOMENTUM}, "schedule": PER_EPOCH},
            {"optimizer": {"type": "sgd", "preset": "pytorch", **MOMENTUM}, "schedule": PER_BATCH}),
        "numpy_cs231n_nesterov": (
            "NumPy, CS231n/DL4J Nesterov (v = 0.9 v - lr g, x += -0.9 v_prev + 1.9 v), lr 0.1 halved every 5 steps",
            lambda s: base.numpy_run(s, cs231n_nesterov(0.9), schedule=base.step_lr(0.1, 5, 0.5)),
            {"optimizer": {"type": "sgd", "preset": "keras", **MOMENTUM, "nesterov": True}, "schedule": HALVED},
            {"optimizer": {"type": "sgd", "preset": "pytorch", **MOMENTUM, "nesterov": True}, "schedule": HALVED}),
        "numpy_dl4j_adagrad": (
            "NumPy, DL4J AdaGrad (history filled with eps 1e-6, eps outside the square root), lr 0.1",
            lambda s: base.numpy_run(s, dl4j_adagrad(0.1, 1e-6), schedule=lambda k: 0.1),
            {"optimizer": {"type": "adagrad", "preset": "pytorch", "lr": 0.1, "eps": 1e-6,
                           "initial_accumulator_value": 1e-6}},
            {"optimizer": {"type": "adagrad", "preset": "pytorch", "lr": 0.1, "eps": 1e-6}}),
        "numpy_adam_no_bias_correction": (
            "NumPy, Adam without bias correction (lr m / (sqrt(v) + eps)), lr 0.01",
            lambda s: base.numpy_run(s, adam_no_bias_correction(0.01), schedule=lambda k: 0.01),
            {"optimizer": {"type": "adam", "preset": "pytorch", "lr": 0.01, "epsilon_form": "no_bias_correction"}},
            {"optimizer": {"type": "adam", "preset": "pytorch", "lr": 0.01}}),
        "numpy_dl4j_rmsprop": (
            "NumPy, RMSProp with the average filled with eps 1e-8 (DL4J), decay 0.95, eps inside the square root, "
            "lr 0.01",
            lambda s: base.numpy_run(s, dl4j_rmsprop(0.01, 0.95, 1e-8), schedule=lambda k: 0.01),
            {"optimizer": {"type": "rmsprop", "preset": "keras", "lr": 0.01, "alpha": 0.95, "eps": 1e-8,
                           "initial_scale": 1e-8}},
            {"optimizer": {"type": "rmsprop", "preset": "keras", "lr": 0.01, "alpha": 0.95, "eps": 1e-8}}),
    }


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "verify/src/test/resources/diagnose"
    os.makedirs(out_dir, exist_ok=True)
    spec0 = json.load(open(base.EXAMPLE_SPEC))
    versions = "PyTorch %s, NumPy %s, Python %s" % (torch.__version__, np.__version__, platform.python_version())
    for name, (what, train, own, other) in cases().items():
        own_spec = base.spec_with(spec0, own)
        steps = train(own_spec)
        producer = "scripts/golden/diagnose_trajectories_wild.py, case %s: %s (%s, float64)" % (name, what, versions)
        with open(os.path.join(out_dir, name + ".trajectory.json"), "w") as f:
            json.dump({"format": "dlref.trajectory.v1", "producer": producer, "steps": steps}, f)
            f.write("\n")
        for suffix, changes in (("own", own), ("other", other)):
            with open(os.path.join(out_dir, "%s.%s.spec.json" % (name, suffix)), "w") as f:
                spec = base.spec_with(spec0, changes)
                f.write("{\n" + ",\n".join(" %s: %s" % (json.dumps(k), json.dumps(v)) for k, v in spec.items())
                        + "\n}\n")
        print("wrote", name, file=sys.stderr)


if __name__ == "__main__":
    main()
