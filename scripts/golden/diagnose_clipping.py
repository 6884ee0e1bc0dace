#!/usr/bin/python3
"""Trajectories of other implementations that clip the gradients, for DiagnoseClippingTest.

Run from the repository root with Debian's python3-torch and python3-numpy:

    /usr/bin/python3 scripts/golden/diagnose_clipping.py verify/src/test/resources/diagnose

Same network, data and batch order as diagnose_trajectories.py (whose helpers it reuses: the java.util.Random
transcription, the hand-written NumPy forward and backward pass), plain SGD with lr 0.1 and a threshold of
CLIP = 1.0 (the total gradient norms on this data are between 0.3 and 3.3, the norms of the single tensors
between 0.02 and 2.1, so the threshold bites on some steps and not on others).
The recorded gradients are the ones backward() left, before the clipping. The cases are:

- torch_clip_grad_norm: PyTorch torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0) between
  loss.backward() and torch.optim.SGD(lr=0.1).step() (every gradient times min(1, max_norm / (||g||_2 + 1e-6)),
  the norm over all parameters); the other spec declares Keras's per-tensor clipnorm.
- numpy_keras_clipnorm: Keras's clipnorm=1.0 (keras.optimizers.Optimizer._clip_by_norm, applied to each
  gradient tensor on its own: g c / max(||g_i||_2, c)), then x -= lr g; the other spec declares PyTorch's
  clip_grad_norm_.
- torch_optax_clip_by_global_norm: Optax's clip_by_global_norm(1.0) (optax/_src/clipping.py: g_norm over all
  gradients, jnp.where(g_norm < max_norm, t, t / g_norm * max_norm)) transcribed with PyTorch tensor operations,
  then torch.optim.SGD(lr=0.1). Keras's global_clipnorm (g c min(1 / g_norm, 1 / c)) is the same arithmetic up to
  rounding, so the other spec declares it and both match.

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

CLIP = 1.0
LR = 0.1


def torch_clip_grad_norm(parameters):
    """PyTorch's own clip_grad_norm_; returns the total norm."""
    return torch.nn.utils.clip_grad_norm_(parameters, max_norm=CLIP).item()


def optax_clip_by_global_norm(parameters):
    """Optax clip_by_global_norm transcribed: g_norm = sqrt(sum of squares of all gradients);
    where(g_norm < max_norm, g, g / g_norm * max_norm)."""
    grads = [p.grad for p in parameters]
    g_norm = torch.sqrt(sum(torch.sum(g * g) for g in grads))
    if not g_norm < CLIP:
        for g in grads:
            g.copy_(g / g_norm * CLIP)
    return g_norm.item()


def torch_clipped_run(spec, clip=torch_clip_grad_norm):
    """torch.nn.Linear/Tanh/Linear, MSELoss, clip(model.parameters()) after backward(), torch.optim.SGD(lr=LR)."""
    torch.set_default_dtype(torch.float64)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1))
    values = spec["parameters"]["values"]
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            parameter.copy_(torch.tensor(values[name], dtype=torch.float64).reshape(parameter.shape))
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = torch.nn.MSELoss()
    x_all = torch.tensor(spec["data"]["inputs"], dtype=torch.float64)
    y_all = torch.tensor(spec["data"]["targets"], dtype=torch.float64)
    steps = []
    for k, idx in enumerate(base.batches(spec)):
        optimizer.zero_grad()
        loss = loss_fn(model(x_all[idx]), y_all[idx])
        loss.backward()
        params = dict(model.named_parameters())
        gradients = {n: base.rows(params[n].grad) for n in base.NAMES}
        norm = clip(list(model.parameters()))
        print("step %d: total norm %.6g" % (k + 1, norm), file=sys.stderr)
        optimizer.step()
        steps.append({"step": k + 1, "samples": idx, "lr": LR, "loss": loss.item(), "gradients": gradients,
                      "parameters": {n: base.rows(params[n].detach()) for n in base.NAMES}})
    return steps


def keras_clipnorm(lr, clipnorm):
    """Keras clipnorm: each tensor g c / max(||g||_2, c), then plain SGD x -= lr g."""
    def update(name, w, g, t, _):
        norm = np.sqrt(np.sum(g * g))
        return w - lr * (g * clipnorm / max(norm, clipnorm))
    return update


def clipping(type_, key):
    return {"steps": 30, "batch_size": 4, "shuffle": True, "seed": 7, "clipping": {"type": type_, key: CLIP}}


PLAIN = {"optimizer": {"type": "sgd", "preset": "pytorch", "lr": LR}}
TORCH = {**PLAIN, "training": clipping("clip_grad_norm", "max_norm")}
KERAS = {**PLAIN, "training": clipping("keras_clipnorm", "clipnorm")}
OPTAX = {**PLAIN, "training": clipping("optax_clip_by_global_norm", "max_norm")}
KERAS_GLOBAL = {**PLAIN, "training": clipping("keras_global_clipnorm", "global_clipnorm")}


def cases():
    return {
        "torch_clip_grad_norm": (
            "PyTorch clip_grad_norm_(max_norm=1.0) then torch.optim.SGD(lr=0.1)", torch_clipped_run,
            TORCH, KERAS),
        "torch_optax_clip_by_global_norm": (
            "Optax clip_by_global_norm(1.0) transcribed in PyTorch tensor operations, then torch.optim.SGD(lr=0.1)",
            lambda s: torch_clipped_run(s, optax_clip_by_global_norm), OPTAX, KERAS_GLOBAL),
        "numpy_keras_clipnorm": (
            "NumPy, Keras clipnorm=1.0 (each tensor g c / max(||g||, c)) then SGD lr 0.1",
            lambda s: base.numpy_run(s, keras_clipnorm(LR, CLIP), schedule=lambda k: LR), KERAS, TORCH),
    }


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "verify/src/test/resources/diagnose"
    os.makedirs(out_dir, exist_ok=True)
    spec0 = json.load(open(base.EXAMPLE_SPEC))
    versions = "PyTorch %s, NumPy %s, Python %s" % (torch.__version__, np.__version__, platform.python_version())
    for name, (what, train, own, other) in cases().items():
        own_spec = base.spec_with(spec0, own)
        steps = train(own_spec)
        producer = "scripts/golden/diagnose_clipping.py, case %s: %s (%s, float64)" % (name, what, versions)
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
