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
    """Collects steps and writes them. `producer` says who computed the numbers (name and version).

    `weight_layout` ("outputs_x_inputs" or "inputs_x_outputs"), when given, is declared in the file (it must be the
    spec's $.parameters.weight_layout); the arrays named in `transpose` are written transposed, for a caller that
    holds them in the other layout (TorchRecorder holds PyTorch's outputs x inputs and passes the linear weights
    when the spec asks for inputs x outputs). A caller that holds CS231n's W (D x H) declares the layout and
    transposes nothing."""

    def __init__(self, producer, weight_layout=None, transpose=()):
        self.producer = producer
        self.weight_layout = weight_layout
        self.transpose = set(transpose)
        self.steps = []
        self.evaluations = []

    def _matrices(self, arrays):
        return {k: matrix(np.asarray(v).T if k in self.transpose else v) for k, v in arrays.items()}

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
        step["gradients"] = self._matrices(gradients)
        step["parameters"] = self._matrices(parameters)
        if buffers:
            step["buffers"] = {k: matrix(v) for k, v in buffers.items()}
        self.steps.append(step)

    def add_evaluation(self, after_step, outputs, scalar, input_gradient):
        """Appends an evaluation-mode forward recorded after step `after_step` (0: before the first step): every
        layer's output by layer index ("0", "1", ...), the scalar, and its gradient with respect to the inputs."""
        self.evaluations.append({"after_step": int(after_step), "outputs": {k: matrix(v) for k, v in outputs.items()},
                                 "scalar": _number(scalar), "input_gradient": matrix(input_gradient)})

    def to_dict(self):
        out = {"format": FORMAT, "producer": self.producer}
        if self.weight_layout is not None:
            out["weight_layout"] = self.weight_layout
        out["steps"] = self.steps
        if self.evaluations:
            out["evaluations"] = self.evaluations
        return out

    def write(self, path):
        with open(path, "w") as f:
            json.dump(self.to_dict(), f, allow_nan=False)
            f.write("\n")
