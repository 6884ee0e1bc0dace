"""Writing a dlref.trajectory.v1 file (docs/oracle-format.md, "Trajectory"): per step the batch's sample indices, the
learning rate, the loss, every gradient before the step and every parameter after it, optionally buffers.

Numbers are written with Python's repr, the shortest decimal that reads back to the same double, so nothing is lost;
NaN and infinities as the strings "NaN", "Infinity", "-Infinity", as dlref reads them."""
import json
import math

import numpy as np

FORMAT = "dlref.trajectory.v1"


def _number(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def matrix(value):
    """A parameter, gradient or buffer as a list of rows (a 1-D array is one row, the shape dlref gives a bias)."""
    a = np.asarray(value, dtype=np.float64)
    if a.ndim == 0:
        a = a.reshape(1, 1)
    elif a.ndim == 1:
        a = a.reshape(1, -1)
    elif a.ndim != 2:
        raise ValueError("expected a scalar, vector or matrix, got an array of shape %s" % (a.shape,))
    return [[_number(v) for v in row] for row in a.tolist()]


class TrajectoryWriter:
    """Collects steps and writes them. `producer` says who computed the numbers (name and version)."""

    def __init__(self, producer):
        self.producer = producer
        self.steps = []

    def add_step(self, loss, gradients, parameters, samples=None, lr=None, epoch=None, batch=None, buffers=None):
        """Appends the next step (numbered from 1). `gradients` and `parameters` map dlref's names ("0.weight")
        to arrays; `buffers` likewise (BatchNorm running statistics: "1.running_mean", "1.running_var")."""
        step = {"step": len(self.steps) + 1}
        if epoch is not None:
            step["epoch"] = int(epoch)
        if batch is not None:
            step["batch"] = int(batch)
        if samples is not None:
            step["samples"] = [int(i) for i in samples]
        if lr is not None:
            step["lr"] = _number(lr)
        step["loss"] = _number(loss)
        step["gradients"] = {k: matrix(v) for k, v in gradients.items()}
        step["parameters"] = {k: matrix(v) for k, v in parameters.items()}
        if buffers:
            step["buffers"] = {k: matrix(v) for k, v in buffers.items()}
        self.steps.append(step)

    def to_dict(self):
        return {"format": FORMAT, "producer": self.producer, "steps": self.steps}

    def write(self, path):
        with open(path, "w") as f:
            json.dump(self.to_dict(), f, allow_nan=False)
            f.write("\n")
