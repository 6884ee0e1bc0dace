#!/usr/bin/python3
"""Trajectories of other implementations for the remaining `diagnose` axes of issues 15 and 21
(DiagnoseMoreConventionsTest): issue 21's optimizer conventions, BatchNorm's running statistics, and log(p + eps)
in a softmax cross-entropy.

Run from the repository root with Debian's python3-torch (1.13) and python3-numpy:

    /usr/bin/python3 scripts/golden/diagnose_trajectories_more.py verify/src/test/resources/diagnose

Same batch order and output files as diagnose_trajectories.py (whose java.util.Random transcription, PyTorch loop
and hand-written NumPy regression network it reuses). The cases:

- torch_nadam, torch_radam, torch_adadelta, torch_adamax: torch.optim.NAdam(lr=0.01), RAdam(lr=0.01),
  Adadelta() with its defaults (lr 1.0, rho 0.9, eps 1e-6) and Adamax(lr=0.01), PyTorch 1.13, float64.
- numpy_keras_nadam: Keras 3's Nadam (keras/src/optimizers/nadam.py): u_t = b1 (1 - 0.5 0.96^t), the product
  of the u_i kept across steps, m_hat = u_{t+1} m / (1 - prod_{i <= t+1} u_i) + (1 - u_t) g / (1 - prod_{i <= t}
  u_i), v_hat = v / (1 - b2^t), w -= lr m_hat / (sqrt(v_hat) + eps), eps 1e-7.
- numpy_optax_nadam: Optax's nadam (scale_by_adam(nesterov=True)): m_hat = b1 m / (1 - b1^(t+1)) +
  (1 - b1) g / (1 - b1^t), w -= lr m_hat / (sqrt(v / (1 - b2^t)) + eps), eps 1e-8.
- numpy_optax_radam: Optax's radam (scale_by_radam, threshold 5): rho_t = rho_inf - 2 t b2^t / (1 - b2^t); if
  rho_t >= 5, w -= lr r_t m_hat / (sqrt(v_hat) + eps), else w -= lr m_hat.
- numpy_keras_adadelta: Keras 3's Adadelta with learning_rate=1.0 and its defaults rho 0.95, epsilon 1e-7.
- numpy_keras_adamax: Keras 3's Adamax (u = max(b2 u, |g|), w -= lr m / ((1 - b1^t) (u + eps)), eps 1e-7), a
  form dlref's optimizers do not implement: diagnose must report that no variant matches.
- numpy_cs231n_batchnorm: the BatchNorm of the CS231n assignment (batchnorm_forward: momentum 0.9 weighting the
  old value, eps 1e-5, biased batch variance stored, running_mean and running_var starting at zeros) between
  the first linear layer and tanh, plain SGD lr 0.1; the trajectory holds the running statistics ("buffers").
- torch_batchnorm_momentum_001: torch.nn.BatchNorm1d(3, momentum=0.01) (unbiased variance stored), plain SGD;
  declared as Keras's BatchNormalization(momentum=0.99), whose running variance is biased.
- torch_cross_entropy: a classifier (linear 2 -> 3, tanh, linear 3 -> 3) trained with
  torch.nn.CrossEntropyLoss (the exact log-softmax), SGD lr 0.5.
- torch_log_eps_1e8: the same classifier with the loss written by hand in PyTorch,
  -log(softmax(s) + 1e-8)[y] averaged over the batch, as found in the wild.
- numpy_log_eps_1e7: the same with NumPy and eps 1e-7 (Keras's backend epsilon), hand-written backward pass.
- torch_nominal_batch_mean, numpy_nominal_batch_adam: the regression network with its loss divided by the
  configured batch size 4 rather than the batch's own size (MSELoss(reduction='sum') / 4 in PyTorch with SGD
  momentum; sum / 4 with a hand-written Adam in NumPy): 6 samples in batches of 4 leave a last batch of 2 in every
  epoch, where this differs from the mean (TensorFlow's compute_average_loss(global_batch_size) does the same).

CI never runs this script; it only reads the committed files.
"""
import copy
import json
import os
import platform
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import diagnose_trajectories as base  # noqa: E402


# ----------------------------------------------------------------------------------------------------------
# Optimizers written for these tests (NumPy; `update(name, w, g, t, lr)` as in base.numpy_run)


def keras_nadam(lr, beta1=0.9, beta2=0.999, epsilon=1e-7):
    """Keras 3 Nadam; the product of the momentum schedule is advanced once per step, before the variables."""
    m, v = {}, {}
    state = {"t": 0, "product": 1.0}

    def update(name, w, g, t, _):
        if state["t"] != t:
            state["t"] = t
            state["product"] *= beta1 * (1.0 - 0.5 * 0.96 ** t)
        u_t = beta1 * (1.0 - 0.5 * 0.96 ** t)
        u_next = beta1 * (1.0 - 0.5 * 0.96 ** (t + 1))
        product = state["product"]
        product_next = product * u_next
        m[name] = m.get(name, np.zeros_like(w))
        v[name] = v.get(name, np.zeros_like(w))
        m[name] += (g - m[name]) * (1 - beta1)
        v[name] += (g * g - v[name]) * (1 - beta2)
        m_hat = u_next * m[name] / (1 - product_next) + (1 - u_t) * g / (1 - product)
        v_hat = v[name] / (1 - beta2 ** t)
        return w - m_hat * lr / (np.sqrt(v_hat) + epsilon)
    return update


def optax_nadam(lr, b1=0.9, b2=0.999, eps=1e-8):
    """Optax nadam: scale_by_adam with nesterov=True, then scale by -lr."""
    m, v = {}, {}

    def update(name, w, g, t, _):
        m[name] = b1 * m.get(name, np.zeros_like(w)) + (1 - b1) * g
        v[name] = b2 * v.get(name, np.zeros_like(w)) + (1 - b2) * g * g
        m_hat = b1 * m[name] / (1 - b1 ** (t + 1)) + (1 - b1) * g / (1 - b1 ** t)
        v_hat = v[name] / (1 - b2 ** t)
        return w - lr * (m_hat / (np.sqrt(v_hat) + eps))
    return update


def optax_radam(lr, b1=0.9, b2=0.999, eps=1e-8, threshold=5.0):
    """Optax radam: the rectified step when rho_t >= threshold, the bias-corrected momentum otherwise."""
    m, v = {}, {}
    rho_inf = 2.0 / (1 - b2) - 1

    def update(name, w, g, t, _):
        m[name] = b1 * m.get(name, np.zeros_like(w)) + (1 - b1) * g
        v[name] = b2 * v.get(name, np.zeros_like(w)) + (1 - b2) * g * g
        b2t = b2 ** t
        rho = rho_inf - 2 * t * b2t / (1 - b2t)
        m_hat = m[name] / (1 - b1 ** t)
        v_hat = v[name] / (1 - b2t)
        if rho >= threshold:
            r = np.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))
            return w - lr * (r * m_hat / (np.sqrt(v_hat) + eps))
        return w - lr * m_hat
    return update


def keras_adadelta(lr, rho=0.95, epsilon=1e-7):
    """Keras 3 Adadelta: E[g^2] = rho E + (1 - rho) g^2; delta = -sqrt(E[dx^2] + eps) g / sqrt(E[g^2] + eps);
    E[dx^2] = rho E + (1 - rho) delta^2; w += lr delta."""
    acc_g, acc_d = {}, {}

    def update(name, w, g, t, _):
        acc_g[name] = rho * acc_g.get(name, np.zeros_like(w)) + (1 - rho) * g * g
        prev = acc_d.get(name, np.zeros_like(w))
        delta = -np.sqrt(prev + epsilon) * g / np.sqrt(acc_g[name] + epsilon)
        acc_d[name] = rho * prev + (1 - rho) * delta * delta
        return w + lr * delta
    return update


def keras_adamax(lr, beta1=0.9, beta2=0.999, epsilon=1e-7):
    """Keras 3 Adamax: m += (g - m)(1 - b1); u = max(b2 u, |g|); w -= lr m / ((1 - b1^t)(u + eps))."""
    m, u = {}, {}

    def update(name, w, g, t, _):
        m[name] = m.get(name, np.zeros_like(w))
        m[name] += (g - m[name]) * (1 - beta1)
        u[name] = np.maximum(beta2 * u.get(name, np.zeros_like(w)), np.abs(g))
        return w - lr * m[name] / ((1 - beta1 ** t) * (u[name] + epsilon))
    return update


# ----------------------------------------------------------------------------------------------------------
# BatchNorm


def numpy_cs231n_batchnorm_run(spec, lr=0.1, momentum=0.9, eps=1e-5):
    """Linear, CS231n batchnorm_forward (train mode: batch mean and biased variance; running = momentum running +
    (1 - momentum) batch, both running statistics starting at zeros), tanh, linear; plain SGD."""
    values = spec["parameters"]["values"]
    p = {k: np.array(v, dtype=np.float64) for k, v in values.items()}
    p["1.weight"], p["1.bias"] = np.ones((1, 3)), np.zeros((1, 3))
    running_mean, running_var = np.zeros((1, 3)), np.zeros((1, 3))
    names = ["0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias"]
    x_all = np.array(spec["data"]["inputs"], dtype=np.float64)
    y_all = np.array(spec["data"]["targets"], dtype=np.float64)
    steps = []
    for k, idx in enumerate(base.batches(spec)):
        x, y = x_all[idx], y_all[idx]
        n = len(idx)
        z = x @ p["0.weight"].T + p["0.bias"]
        mean = z.mean(axis=0, keepdims=True)
        var = z.var(axis=0, keepdims=True)  # numpy's default: biased
        z_hat = (z - mean) / np.sqrt(var + eps)
        b = p["1.weight"] * z_hat + p["1.bias"]
        h = np.tanh(b)
        out = h @ p["3.weight"].T + p["3.bias"]
        diff = out - y
        loss = float(np.sum(diff * diff) / diff.size)
        d_out = 2.0 * diff / diff.size
        d_b = (d_out @ p["3.weight"]) * (1.0 - h * h)
        d_z_hat = d_b * p["1.weight"]
        inv_std = 1.0 / np.sqrt(var + eps)
        d_z = inv_std / n * (n * d_z_hat - d_z_hat.sum(axis=0, keepdims=True)
                             - z_hat * (d_z_hat * z_hat).sum(axis=0, keepdims=True))
        g = {"0.weight": d_z.T @ x, "0.bias": d_z.sum(axis=0, keepdims=True),
             "1.weight": (d_b * z_hat).sum(axis=0, keepdims=True), "1.bias": d_b.sum(axis=0, keepdims=True),
             "3.weight": d_out.T @ h, "3.bias": d_out.sum(axis=0, keepdims=True)}
        running_mean = momentum * running_mean + (1 - momentum) * mean
        running_var = momentum * running_var + (1 - momentum) * var
        for name in names:
            p[name] = p[name] - lr * g[name]
        steps.append({"step": k + 1, "samples": idx, "lr": lr, "loss": loss,
                      "gradients": {name: g[name].tolist() for name in names},
                      "parameters": {name: p[name].tolist() for name in names},
                      "buffers": {"1.running_mean": running_mean.tolist(), "1.running_var": running_var.tolist()}})
    return steps


def torch_batchnorm_momentum_run(spec, momentum=0.01):
    """Linear, torch.nn.BatchNorm1d(3, momentum), tanh, linear; plain torch.optim.SGD(lr=0.1)."""
    torch.set_default_dtype(torch.float64)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.BatchNorm1d(3, momentum=momentum), torch.nn.Tanh(),
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
    for k, idx in enumerate(base.batches(spec)):
        optimizer.zero_grad()
        loss = loss_fn(model(x_all[idx]), y_all[idx])
        loss.backward()
        params = dict(model.named_parameters())
        gradients = {n: base.rows(params[n].grad) for n in names}
        optimizer.step()
        bn = model[1]
        steps.append({"step": k + 1, "samples": idx, "lr": 0.1, "loss": loss.item(), "gradients": gradients,
                      "parameters": {n: base.rows(params[n].detach()) for n in names},
                      "buffers": {"1.running_mean": base.rows(bn.running_mean),
                                  "1.running_var": base.rows(bn.running_var)}})
    return steps


# ----------------------------------------------------------------------------------------------------------
# Softmax cross-entropy: exact, and log(p + eps)

CLASSIFIER = {
    "format": "dlref.spec.v1",
    "model": {"input": 2, "layers": [{"type": "linear", "out": 3}, {"type": "tanh"}, {"type": "linear", "out": 3}]},
    "parameters": {"values": {
        "0.weight": [[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1]],
        "0.bias": [[0.1, -0.2, 0.05]],
        "2.weight": [[0.7, -0.4, 0.3], [-0.2, 0.6, 0.1], [0.3, 0.2, -0.5]],
        "2.bias": [[0.0, 0.1, -0.1]]}},
    "data": {"inputs": [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, 0.5], [-0.5, 1.5]],
             "classes": [0, 1, 2, 0, 1, 2]},
    "loss": {"type": "cross_entropy"},
    "optimizer": {"type": "sgd", "preset": "pytorch", "lr": 0.5},
    "training": {"steps": 30, "batch_size": 4, "shuffle": True, "seed": 7},
}
CLASSIFIER_NAMES = ["0.weight", "0.bias", "2.weight", "2.bias"]


def torch_classifier_run(spec, log_eps=None):
    """torch.nn layers, torch.optim.SGD(lr=0.5); CrossEntropyLoss, or -log(softmax + log_eps)[y] averaged."""
    torch.set_default_dtype(torch.float64)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 3))
    values = spec["parameters"]["values"]
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            parameter.copy_(torch.tensor(values[name], dtype=torch.float64).reshape(parameter.shape))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    x_all = torch.tensor(spec["data"]["inputs"], dtype=torch.float64)
    y_all = torch.tensor(spec["data"]["classes"], dtype=torch.long)
    steps = []
    for k, idx in enumerate(base.batches(spec)):
        optimizer.zero_grad()
        scores = model(x_all[idx])
        y = y_all[idx]
        if log_eps is None:
            loss = torch.nn.functional.cross_entropy(scores, y)
        else:
            p = torch.softmax(scores, dim=1)
            loss = -torch.log(p + log_eps).gather(1, y.reshape(-1, 1)).mean()
        loss.backward()
        params = dict(model.named_parameters())
        gradients = {n: base.rows(params[n].grad) for n in CLASSIFIER_NAMES}
        optimizer.step()
        steps.append({"step": k + 1, "samples": idx, "lr": 0.5, "loss": loss.item(), "gradients": gradients,
                      "parameters": {n: base.rows(params[n].detach()) for n in CLASSIFIER_NAMES}})
    return steps


def numpy_classifier_run(spec, log_eps, lr=0.5):
    """The classifier in NumPy with loss mean_i -log(softmax(s_i)_{y_i} + log_eps); hand-written backward:
    d loss / d s_ik = (p_iy / (p_iy + eps)) (p_ik - [k = y_i]) / N."""
    p = {k: np.array(v, dtype=np.float64) for k, v in spec["parameters"]["values"].items()}
    x_all = np.array(spec["data"]["inputs"], dtype=np.float64)
    y_all = np.array(spec["data"]["classes"])
    steps = []
    for k, idx in enumerate(base.batches(spec)):
        x, y = x_all[idx], y_all[idx]
        n = len(idx)
        z = x @ p["0.weight"].T + p["0.bias"]
        h = np.tanh(z)
        s = h @ p["2.weight"].T + p["2.bias"]
        e = np.exp(s - s.max(axis=1, keepdims=True))
        prob = e / e.sum(axis=1, keepdims=True)
        p_y = prob[np.arange(n), y]
        loss = float(np.mean(-np.log(p_y + log_eps)))
        one_hot = np.zeros_like(prob)
        one_hot[np.arange(n), y] = 1.0
        d_s = (p_y / (p_y + log_eps)).reshape(-1, 1) * (prob - one_hot) / n
        d_z = (d_s @ p["2.weight"]) * (1.0 - h * h)
        g = {"0.weight": d_z.T @ x, "0.bias": d_z.sum(axis=0, keepdims=True),
             "2.weight": d_s.T @ h, "2.bias": d_s.sum(axis=0, keepdims=True)}
        for name in CLASSIFIER_NAMES:
            p[name] = p[name] - lr * g[name]
        steps.append({"step": k + 1, "samples": [int(i) for i in idx], "lr": lr, "loss": loss,
                      "gradients": {name: g[name].tolist() for name in CLASSIFIER_NAMES},
                      "parameters": {name: p[name].tolist() for name in CLASSIFIER_NAMES}})
    return steps


# ----------------------------------------------------------------------------------------------------------
# A loss divided by the nominal batch size (6 samples in batches of 4: every second batch has 2 samples)


def torch_nominal_batch_run(spec, batch_size=4):
    """PyTorch SGD(lr=0.1, momentum=0.9) on MSELoss(reduction='sum')(out, y) / batch_size, written by hand as
    in loops that average over the configured batch size (TensorFlow's compute_average_loss(global_batch_size))."""
    torch.set_default_dtype(torch.float64)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1))
    values = spec["parameters"]["values"]
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            parameter.copy_(torch.tensor(values[name], dtype=torch.float64).reshape(parameter.shape))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss_fn = torch.nn.MSELoss(reduction="sum")
    x_all = torch.tensor(spec["data"]["inputs"], dtype=torch.float64)
    y_all = torch.tensor(spec["data"]["targets"], dtype=torch.float64)
    steps = []
    for k, idx in enumerate(base.batches(spec)):
        optimizer.zero_grad()
        loss = loss_fn(model(x_all[idx]), y_all[idx]) / batch_size
        loss.backward()
        params = dict(model.named_parameters())
        gradients = {n: base.rows(params[n].grad) for n in base.NAMES}
        optimizer.step()
        steps.append({"step": k + 1, "samples": idx, "lr": 0.1, "loss": loss.item(), "gradients": gradients,
                      "parameters": {n: base.rows(params[n].detach()) for n in base.NAMES}})
    return steps


def numpy_nominal_batch_adam_run(spec, batch_size=4, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
    """NumPy, loss sum((out - y)^2) / batch_size (one output column), Adam (Algorithm 1) written out."""
    p = {k: np.array(v, dtype=np.float64) for k, v in spec["parameters"]["values"].items()}
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v2 = {k: np.zeros_like(v) for k, v in p.items()}
    x_all = np.array(spec["data"]["inputs"], dtype=np.float64)
    y_all = np.array(spec["data"]["targets"], dtype=np.float64)
    steps = []
    for k, idx in enumerate(base.batches(spec)):
        t = k + 1
        x, y = x_all[idx], y_all[idx]
        z = x @ p["0.weight"].T + p["0.bias"]
        h = np.tanh(z)
        out = h @ p["2.weight"].T + p["2.bias"]
        diff = out - y
        loss = float(np.sum(diff * diff) / batch_size)
        d_out = 2.0 * diff / batch_size
        d_z = (d_out @ p["2.weight"]) * (1.0 - h * h)
        g = {"0.weight": d_z.T @ x, "0.bias": d_z.sum(axis=0, keepdims=True),
             "2.weight": d_out.T @ h, "2.bias": d_out.sum(axis=0, keepdims=True)}
        for n in base.NAMES:
            m[n] = beta1 * m[n] + (1 - beta1) * g[n]
            v2[n] = beta2 * v2[n] + (1 - beta2) * g[n] * g[n]
            m_hat = m[n] / (1 - beta1 ** t)
            v_hat = v2[n] / (1 - beta2 ** t)
            p[n] = p[n] - lr * m_hat / (np.sqrt(v_hat) + eps)
        steps.append({"step": t, "samples": idx, "lr": lr, "loss": loss,
                      "gradients": {n: g[n].tolist() for n in base.NAMES},
                      "parameters": {n: p[n].tolist() for n in base.NAMES}})
    return steps


# ----------------------------------------------------------------------------------------------------------
# Cases: name -> (description, train(spec), own changes, other changes). A change with "classifier" starts from
# CLASSIFIER instead of examples/mlp_momentum.spec.json.

PLAIN_SGD = {"type": "sgd", "preset": "pytorch", "lr": 0.1}


def cases():
    t = torch.optim
    return {
        "torch_nadam": (
            "PyTorch torch.optim.NAdam(lr=0.01)",
            lambda s: base.torch_run(s, lambda ps: t.NAdam(ps, lr=0.01)),
            {"optimizer": {"type": "nadam", "preset": "pytorch", "lr": 0.01}},
            {"optimizer": {"type": "nadam", "preset": "keras", "lr": 0.01}}),
        "numpy_keras_nadam": (
            "NumPy, Keras 3 Nadam (u_t = 0.9 (1 - 0.5 0.96^t), eps 1e-7), lr 0.01",
            lambda s: base.numpy_run(s, keras_nadam(0.01), schedule=lambda k: 0.01),
            {"optimizer": {"type": "nadam", "preset": "keras", "lr": 0.01}},
            {"optimizer": {"type": "nadam", "preset": "pytorch", "lr": 0.01}}),
        "numpy_optax_nadam": (
            "NumPy, Optax nadam (scale_by_adam(nesterov=True), eps 1e-8), lr 0.01",
            lambda s: base.numpy_run(s, optax_nadam(0.01), schedule=lambda k: 0.01),
            {"optimizer": {"type": "nadam", "preset": "optax", "lr": 0.01}},
            {"optimizer": {"type": "nadam", "preset": "pytorch", "lr": 0.01}}),
        "torch_radam": (
            "PyTorch torch.optim.RAdam(lr=0.01)",
            lambda s: base.torch_run(s, lambda ps: t.RAdam(ps, lr=0.01)),
            {"optimizer": {"type": "radam", "preset": "pytorch", "lr": 0.01}},
            {"optimizer": {"type": "radam", "preset": "optax", "lr": 0.01}}),
        "numpy_optax_radam": (
            "NumPy, Optax radam (rho_t >= 5, eps 1e-8 on the bias-corrected root), lr 0.01",
            lambda s: base.numpy_run(s, optax_radam(0.01), schedule=lambda k: 0.01),
            {"optimizer": {"type": "radam", "preset": "optax", "lr": 0.01}},
            {"optimizer": {"type": "radam", "preset": "pytorch", "lr": 0.01}}),
        "torch_adadelta": (
            "PyTorch torch.optim.Adadelta() with its defaults (lr 1.0, rho 0.9, eps 1e-6)",
            lambda s: base.torch_run(s, lambda ps: t.Adadelta(ps)),
            {"optimizer": {"type": "adadelta", "preset": "pytorch"}},
            {"optimizer": {"type": "adadelta", "preset": "keras"}}),
        "numpy_keras_adadelta": (
            "NumPy, Keras 3 Adadelta(learning_rate=1.0) (rho 0.95, epsilon 1e-7)",
            lambda s: base.numpy_run(s, keras_adadelta(1.0), schedule=lambda k: 1.0),
            {"optimizer": {"type": "adadelta", "preset": "keras", "lr": 1.0}},
            {"optimizer": {"type": "adadelta", "preset": "pytorch", "lr": 1.0}}),
        "torch_adamax": (
            "PyTorch torch.optim.Adamax(lr=0.01)",
            lambda s: base.torch_run(s, lambda ps: t.Adamax(ps, lr=0.01)),
            {"optimizer": {"type": "adamax", "preset": "pytorch", "lr": 0.01}},
            {"optimizer": {"type": "adamax", "preset": "pytorch", "lr": 0.01, "eps": 1e-4}}),
        "numpy_keras_adamax": (
            "NumPy, Keras 3 Adamax (eps 1e-7 added after the maximum), lr 0.01",
            lambda s: base.numpy_run(s, keras_adamax(0.01), schedule=lambda k: 0.01),
            {"optimizer": {"type": "adamax", "preset": "pytorch", "lr": 0.01, "eps": 1e-7}},
            {"optimizer": {"type": "adamax", "preset": "pytorch", "lr": 0.01, "eps": 1e-7}}),
        "numpy_cs231n_batchnorm": (
            "NumPy, CS231n batchnorm_forward (momentum 0.9, eps 1e-5, biased variance, running statistics from "
            "zeros) after the first layer, SGD lr 0.1",
            numpy_cs231n_batchnorm_run,
            {"optimizer": PLAIN_SGD, "batchnorm": {"type": "batchnorm", "convention": "keras", "momentum": 0.9,
                                                   "eps": 1e-5}},
            {"optimizer": PLAIN_SGD, "batchnorm": {"type": "batchnorm"}}),
        "torch_batchnorm_momentum_001": (
            "PyTorch torch.nn.BatchNorm1d(3, momentum=0.01) after the first layer, torch.optim.SGD(lr=0.1)",
            torch_batchnorm_momentum_run,
            {"optimizer": PLAIN_SGD, "batchnorm": {"type": "batchnorm", "momentum": 0.01}},
            {"optimizer": PLAIN_SGD, "batchnorm": {"type": "batchnorm", "convention": "keras"}}),
        "torch_cross_entropy": (
            "PyTorch torch.nn.functional.cross_entropy (log-softmax), torch.optim.SGD(lr=0.5)",
            lambda s: torch_classifier_run(s),
            {"classifier": True, "loss": {"type": "cross_entropy"}},
            {"classifier": True, "loss": {"type": "cross_entropy_log_eps", "eps": 1e-8}}),
        "torch_log_eps_1e8": (
            "PyTorch, loss written by hand: -log(softmax(s) + 1e-8)[y], mean; torch.optim.SGD(lr=0.5)",
            lambda s: torch_classifier_run(s, log_eps=1e-8),
            {"classifier": True, "loss": {"type": "cross_entropy_log_eps", "eps": 1e-8}},
            {"classifier": True, "loss": {"type": "cross_entropy"}}),
        "numpy_log_eps_1e7": (
            "NumPy, -log(softmax(s) + 1e-7)[y], mean, hand-written backward; SGD lr 0.5",
            lambda s: numpy_classifier_run(s, 1e-7),
            {"classifier": True, "loss": {"type": "cross_entropy_log_eps", "eps": 1e-7}},
            {"classifier": True, "loss": {"type": "cross_entropy"}}),
        "torch_nominal_batch_mean": (
            "PyTorch SGD(lr=0.1, momentum=0.9), loss MSELoss(reduction='sum') / 4 (the configured batch size)",
            torch_nominal_batch_run,
            {"optimizer": {"type": "sgd", "preset": "pytorch", "lr": 0.1, "momentum": 0.9},
             "loss": {"type": "nominal_batch_mean", "loss": {"type": "mse"}, "batch_size": 4}},
            {"optimizer": {"type": "sgd", "preset": "pytorch", "lr": 0.1, "momentum": 0.9}}),
        "numpy_nominal_batch_adam": (
            "NumPy, loss sum((out - y)^2) / 4 (the configured batch size), Adam lr 0.01",
            numpy_nominal_batch_adam_run,
            {"optimizer": {"type": "adam", "preset": "pytorch", "lr": 0.01},
             "loss": {"type": "nominal_batch_mean", "loss": {"type": "mse"}, "batch_size": 4}},
            {"optimizer": {"type": "adam", "preset": "pytorch", "lr": 0.01}}),
    }


def spec_for(example, changes):
    changes = copy.deepcopy(changes)
    if changes.pop("classifier", False):
        spec = copy.deepcopy(CLASSIFIER)
        spec.update(changes)
        return spec
    return base.spec_with(example, changes)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "verify/src/test/resources/diagnose"
    os.makedirs(out_dir, exist_ok=True)
    example = json.load(open(base.EXAMPLE_SPEC))
    versions = "PyTorch %s, NumPy %s, Python %s" % (torch.__version__, np.__version__, platform.python_version())
    only = set(sys.argv[2:])
    for name, (what, train, own, other) in cases().items():
        if only and name not in only:
            continue
        own_spec = spec_for(example, own)
        steps = train(own_spec)
        producer = "scripts/golden/diagnose_trajectories_more.py, case %s: %s (%s, float64)" % (name, what, versions)
        with open(os.path.join(out_dir, name + ".trajectory.json"), "w") as f:
            json.dump({"format": "dlref.trajectory.v1", "producer": producer, "steps": steps}, f)
            f.write("\n")
        for suffix, changes in (("own", own), ("other", other)):
            with open(os.path.join(out_dir, "%s.%s.spec.json" % (name, suffix)), "w") as f:
                spec = spec_for(example, changes)
                f.write("{\n" + ",\n".join(" %s: %s" % (json.dumps(k), json.dumps(v)) for k, v in spec.items())
                        + "\n}\n")
        print("wrote", name, file=sys.stderr)


if __name__ == "__main__":
    main()
