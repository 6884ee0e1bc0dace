#!/usr/bin/python3
"""A small NumPy implementation of a two-layer MLP, checked against dlref (an example of the oracle workflow
for another language; CI never runs it).

It reads a dlref spec (format dlref.spec.v1) of the shape linear -> tanh -> linear with mean squared error,
trains it exactly as the spec says (mini-batches in dlref's documented order, reproduced here with a
transcription of java.util.Random's published algorithm), writes its trajectory in the format `dlref run`
writes (dlref.trajectory.v1), and asks dlref to compare:

    /usr/bin/python3 examples/numpy_mlp.py examples/mlp_momentum.spec.json            # momentum SGD, passes
    /usr/bin/python3 examples/numpy_mlp.py examples/mlp_momentum.spec.json --bug      # a deliberate bug: fails
    /usr/bin/python3 examples/numpy_mlp.py examples/mlp_adam.spec.json --keras-adam   # Keras's Adam: then run
        ./dlref diagnose examples/mlp_adam.spec.json /tmp/numpy_mlp.trajectory.json

Optimizers: SGD with PyTorch's momentum (b = g at the first step, then b = mu b + (1 - dampening) g;
theta -= lr b), or with --keras-adam Keras 3's Adam ("epsilon hat": lr_t = lr sqrt(1 - b2^t) / (1 - b1^t),
theta -= lr_t m / (sqrt(v) + eps), eps 1e-7, moments updated as m += (g - m)(1 - b1)), whatever the spec's
optimizer says (that is the point of diagnose). --bug sums the output-bias gradient over the batch instead of
averaging it. The dlref command is ./dlref at the repository root unless DLREF is set (e.g.
DLREF="java -jar cli/target/dlref.jar"). Needs Debian's python3-numpy.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys

import numpy as np


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator of its Javadoc (next, nextInt(bound))."""

    MASK = (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & self.MASK

    def next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & self.MASK
        r = self.seed >> (48 - bits)
        return r - (1 << 32) if r >= 1 << 31 else r  # Java's (int) cast of the 32-bit value

    def next_int(self, bound):
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        r = u % bound
        while ((u - r + m) & 0xFFFFFFFF) >= 0x80000000:  # Java int overflow: u - r + m < 0
            u = self.next(31)
            r = u % bound
        return r


def epoch_order(rng, n):
    """dlref's DataLoader: a new Fisher-Yates permutation of the identity each epoch."""
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.next_int(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def matrix(rows):
    return np.array(rows, dtype=np.float64)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("spec")
    ap.add_argument("--out", default="/tmp/numpy_mlp.trajectory.json")
    ap.add_argument("--bug", action="store_true", help="sum the output-bias gradient instead of averaging it")
    ap.add_argument("--keras-adam", action="store_true", help="train with Keras's epsilon-hat Adam")
    args = ap.parse_args()

    spec = json.load(open(args.spec))
    layers = spec["model"]["layers"]
    assert [l["type"] for l in layers] == ["linear", "tanh", "linear"], "this example implements linear-tanh-linear"
    assert spec["loss"] == {"type": "mse", "reduction": "mean"}
    p = {k: matrix(v) for k, v in spec["parameters"]["values"].items()}
    x_all, y_all = matrix(spec["data"]["inputs"]), matrix(spec["data"]["targets"])
    opt = spec["optimizer"]
    lr, mu, damp = opt.get("lr", 1e-3), opt.get("momentum", 0.0), opt.get("dampening", 0.0)
    train = spec["training"]
    n, batch, steps = len(x_all), train.get("batch_size", len(x_all)), train["steps"]
    rng = JavaRandom(train["seed"]) if train.get("shuffle") else None
    names = ["0.weight", "0.bias", "2.weight", "2.bias"]
    buf = {}
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v2 = {k: np.zeros_like(v) for k, v in p.items()}

    out_steps = []
    step = 0
    while step < steps:
        order = epoch_order(rng, n) if rng else list(range(n))
        for start in range(0, n, batch):
            if step == steps:
                break
            idx = order[start:start + batch]
            x, y = x_all[idx], y_all[idx]
            # forward: z = x W1^T + b1, h = tanh z, out = h W2^T + b2, loss = mean((out - y)^2)
            z = x @ p["0.weight"].T + p["0.bias"]
            h = np.tanh(z)
            out = h @ p["2.weight"].T + p["2.bias"]
            diff = out - y
            loss = float(np.mean(diff * diff))
            # backward
            dout = 2.0 * diff / diff.size
            g = {"2.weight": dout.T @ h,
                 "2.bias": dout.sum(axis=0, keepdims=True) * (len(idx) if args.bug else 1.0),
                 "0.weight": None, "0.bias": None}
            dz = (dout @ p["2.weight"]) * (1.0 - h * h)
            g["0.weight"] = dz.T @ x
            g["0.bias"] = dz.sum(axis=0, keepdims=True)
            step += 1
            for k in names:
                if args.keras_adam:
                    b1, b2, eps = 0.9, 0.999, 1e-7
                    m[k] += (g[k] - m[k]) * (1 - b1)
                    v2[k] += (g[k] * g[k] - v2[k]) * (1 - b2)
                    lr_t = lr * np.sqrt(1 - b2 ** step) / (1 - b1 ** step)
                    p[k] = p[k] - (m[k] * lr_t) / (np.sqrt(v2[k]) + eps)
                else:
                    buf[k] = g[k].copy() if k not in buf else mu * buf[k] + (1 - damp) * g[k]
                    p[k] = p[k] - lr * (buf[k] if mu != 0 else g[k])
            out_steps.append({"step": step, "samples": idx, "lr": lr, "loss": loss,
                              "gradients": {k: g[k].tolist() for k in names},
                              "parameters": {k: p[k].tolist() for k in names}})

    # json.dump writes Python floats with repr(), the shortest text that reads back to the same double.
    json.dump({"format": "dlref.trajectory.v1", "producer": "numpy-mlp example (numpy %s)" % np.__version__,
               "steps": out_steps}, open(args.out, "w"), indent=1)
    print("wrote", args.out)
    dlref = shlex.split(os.environ.get("DLREF", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                             "dlref")))
    command = "diagnose" if args.keras_adam else "check"
    result = subprocess.run(dlref + [command, args.spec, args.out])
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
