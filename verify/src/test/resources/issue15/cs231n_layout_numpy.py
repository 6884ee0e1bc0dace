#!/usr/bin/python3
"""A CS231n-style two-layer network in NumPy, weights stored inputs x outputs, for Issue15FormatTest.

How to run (from the repository root; needs Debian's python3-numpy; CI never runs this):

    /usr/bin/python3 verify/src/test/resources/issue15/cs231n_layout_numpy.py verify/src/test/resources/issue15

It writes cs231n_layout.spec.json (a dlref spec with "weight_layout": "inputs_x_outputs": W1 is D x H and W2 is
H x C, as in CS231n's TwoLayerNet, and the biases are flat 1-D arrays) and cs231n_layout.numpy.trajectory.json:
full-batch gradient descent on the softmax loss, h = max(0, X W1 + b1), scores = h W2 + b2,
loss = mean(-log softmax(scores)[y]), the backward pass written out by hand as in the assignment
(dscores = (p - onehot(y)) / N, dW2 = h^T dscores, db2 = sum(dscores), dh = dscores W2^T, dh[h <= 0] = 0,
dW1 = X^T dh, db1 = sum(dh)), W -= lr dW. Every array is written as NumPy holds it: weights inputs x outputs,
biases 1-D (tolist()). Numbers with repr (round trip). The trajectory declares its layout.
"""
import json
import os
import sys

import numpy as np

rng = np.random.default_rng(231)
N, D, H, C = 7, 4, 5, 3
X = rng.standard_normal((N, D))
y = np.array([0, 2, 1, 1, 0, 2, 1])
W1 = 0.5 * rng.standard_normal((D, H))
b1 = 0.1 * rng.standard_normal(H)
W2 = 0.5 * rng.standard_normal((H, C))
b2 = 0.1 * rng.standard_normal(C)
lr, steps = 0.5, 6

spec = {
    "format": "dlref.spec.v1",
    "model": {"input": D, "layers": [{"type": "linear", "out": H}, {"type": "relu"}, {"type": "linear", "out": C}]},
    "parameters": {"weight_layout": "inputs_x_outputs",
                   "values": {"0.weight": W1.tolist(), "0.bias": b1.tolist(), "2.weight": W2.tolist(),
                              "2.bias": b2.tolist()}},
    "data": {"inputs": X.tolist(), "classes": y.tolist()},
    "loss": {"type": "cross_entropy"},
    "optimizer": {"type": "sgd", "preset": "pytorch", "lr": lr},
    "training": {"steps": steps},
}


def params():
    return {"0.weight": W1.tolist(), "0.bias": b1.tolist(), "2.weight": W2.tolist(), "2.bias": b2.tolist()}


traj = {"format": "dlref.trajectory.v1", "producer": "cs231n_layout_numpy.py, NumPy %s" % np.__version__,
        "weight_layout": "inputs_x_outputs", "initial": {"parameters": params()}, "steps": []}
for t in range(1, steps + 1):
    a = X @ W1 + b1
    h = np.maximum(0.0, a)
    scores = h @ W2 + b2
    shifted = scores - scores.max(axis=1, keepdims=True)
    p = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    loss = -np.log(p[np.arange(N), y]).mean()
    dscores = p.copy()
    dscores[np.arange(N), y] -= 1.0
    dscores /= N
    dW2 = h.T @ dscores
    db2 = dscores.sum(axis=0)
    dh = dscores @ W2.T
    dh[a <= 0] = 0.0
    dW1 = X.T @ dh
    db1 = dh.sum(axis=0)
    grads = {"0.weight": dW1.tolist(), "0.bias": db1.tolist(), "2.weight": dW2.tolist(), "2.bias": db2.tolist()}
    W1 = W1 - lr * dW1
    b1 = b1 - lr * db1
    W2 = W2 - lr * dW2
    b2 = b2 - lr * db2
    traj["steps"].append({"step": t, "samples": list(range(N)), "loss": float(loss), "gradients": grads,
                          "parameters": params()})

out = sys.argv[1]
with open(os.path.join(out, "cs231n_layout.spec.json"), "w") as f:
    json.dump(spec, f, indent=1)
    f.write("\n")
with open(os.path.join(out, "cs231n_layout.numpy.trajectory.json"), "w") as f:
    json.dump(traj, f)
    f.write("\n")
