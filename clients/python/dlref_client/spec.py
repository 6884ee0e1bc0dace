"""Reading a dlref.spec.v1 file: its starting parameters and its data, built exactly as dlref builds them
(docs/oracle-format.md, "Parameters" and "Data")."""
import json
import math

import numpy as np

from .javarandom import JavaRandom

SPEC_FORMATS = ("dlref.spec.v1",)


class SpecError(ValueError):
    """A spec the kit cannot use, with the JSON path of the problem."""


def load_spec(path):
    """The spec file as a dict (its `format` checked)."""
    with open(path) as f:
        spec = json.load(f)
    if not isinstance(spec, dict) or spec.get("format") not in SPEC_FORMATS:
        raise SpecError("%s: $.format: expected one of %s, got %r" % (path, list(SPEC_FORMATS),
                                                                   spec.get("format") if isinstance(spec, dict) else spec))
    return spec


OUTPUTS_X_INPUTS = "outputs_x_inputs"
INPUTS_X_OUTPUTS = "inputs_x_outputs"


def weight_layout(spec):
    """The layout of the linear layers' weights in the spec's values and in its trajectories
    ($.parameters.weight_layout): "outputs_x_inputs" (PyTorch, the default) or "inputs_x_outputs" (CS231n, Keras)."""
    layout = spec.get("parameters", {}).get("weight_layout", OUTPUTS_X_INPUTS)
    if layout not in (OUTPUTS_X_INPUTS, INPUTS_X_OUTPUTS):
        raise SpecError("$.parameters.weight_layout: expected one of %s, got %r"
                        % ([OUTPUTS_X_INPUTS, INPUTS_X_OUTPUTS], layout))
    return layout


def linear_weights(spec):
    """The names of the linear layers' weights ("<i>.weight" of every linear layer): what weight_layout applies to."""
    return ["%d.weight" % i for i, layer in enumerate(spec["model"]["layers"]) if layer["type"] == "linear"]


def _matrix(value):
    """A spec value as a 2-D float64 array (a flat array is one row)."""
    a = np.array(value, dtype=np.float64)
    return a.reshape(1, -1) if a.ndim == 1 else a


def _draw(rng, init, rows, cols, fan_in, path):
    """One initializer's matrix, entries drawn row-major. The kit implements the initializers whose arithmetic is
    a single draw per entry; for the others give the values in the spec."""
    kind = init["type"]
    if kind == "uniform":
        lo, hi = float(init.get("a", 0.0)), float(init.get("b", 1.0))
        width = hi - lo
        return np.array([[lo + width * rng.next_double() for _ in range(cols)] for _ in range(rows)])
    if kind == "normal":
        mean, std = float(init.get("mean", 0.0)), float(init.get("std", 1.0))
        return np.array([[mean + std * rng.next_gaussian() for _ in range(cols)] for _ in range(rows)])
    if kind in ("zeros", "ones", "constant"):
        v = {"zeros": 0.0, "ones": 1.0}.get(kind, float(init.get("val", 0.0)))
        return np.full((rows, cols), v)
    if kind == "pytorch_default":
        bound = 1.0 / math.sqrt(fan_in) if fan_in > 0 else 0.0
        return _draw(rng, {"type": "uniform", "a": -bound, "b": bound}, rows, cols, fan_in, path)
    raise SpecError("%s: the client kit draws the uniform, normal, zeros, ones, constant and default initializers, "
                    "not %r; give this parameter's values in $.parameters.values" % (path, kind))


def initial_parameters(spec):
    """The starting parameters by name ("0.weight", "0.bias", ...), as 2-D float64 arrays (weights out x in,
    biases 1 x out), in model order: drawn layer by layer from one JavaRandom(parameters.seed) (each linear layer
    its weight row-major, then its bias; the default initializer is U(-1/sqrt(in), 1/sqrt(in)) for both), then
    replaced by the explicit `values`. BatchNorm's weight starts at ones and its bias at zeros."""
    params_spec = spec.get("parameters", {})
    values = params_spec.get("values", {})
    seed = params_spec.get("seed")
    rng = JavaRandom(seed) if seed is not None else None
    width = spec["model"]["input"]
    out = {}
    for i, layer in enumerate(spec["model"]["layers"]):
        path = "$.model.layers[%d]" % i
        kind = layer["type"]
        if kind == "linear":
            n_out = layer["out"]
            names = ["%d.weight" % i] + (["%d.bias" % i] if layer.get("bias", True) else [])
            default = {"type": "pytorch_default"}
            inits = [layer.get("weight_init", default), layer.get("bias_init", default)]
            shapes = [(n_out, width), (1, n_out)]
            for name, init, shape in zip(names, inits, shapes):
                if rng is not None:
                    out[name] = _draw(rng, init, shape[0], shape[1], width, path)
                elif init["type"] in ("zeros", "ones", "constant") or name in values:
                    # no generator: a deterministic initializer, or a placeholder the given value replaces
                    out[name] = _draw(None, init if name not in values else {"type": "zeros"}, shape[0], shape[1],
                                      width, path)
                else:
                    raise SpecError("$.parameters: missing required key \"seed\": parameter %r has no explicit "
                                    "value and its initializer draws at random" % name)
            width = n_out
        elif kind == "batchnorm" or kind == "layer_norm":
            if layer.get("affine" if kind == "batchnorm" else "elementwise_affine", True):
                out["%d.weight" % i] = np.ones((1, width))
                out["%d.bias" % i] = np.zeros((1, width))
        elif kind in ("relu", "leaky_relu", "sigmoid", "tanh", "softmax", "log_softmax", "identity", "gelu", "elu",
                      "selu", "silu", "softplus", "hardtanh", "dropout"):
            pass
        else:
            raise SpecError("%s: the client kit builds the parameters of linear, batchnorm and layer_norm layers "
                            "and accepts layers without parameters, not %r" % (path, kind))
    transposed = weight_layout(spec) == INPUTS_X_OUTPUTS
    linear = set(linear_weights(spec))
    for name, value in values.items():
        if name not in out:
            raise SpecError("$.parameters.values['%s']: the model has no such parameter; it has %s"
                            % (name, list(out)))
        given = _matrix(value)
        if transposed and name in linear:
            if given.shape != out[name].shape[::-1]:
                raise SpecError("$.parameters.values['%s']: expected a %dx%d matrix (inputs x outputs, as "
                                "weight_layout says), got %dx%d" % ((name,) + out[name].shape[::-1] + given.shape))
            given = given.T.copy()
        if given.shape != out[name].shape:
            raise SpecError("$.parameters.values['%s']: expected a %dx%d matrix, got %dx%d"
                            % ((name,) + out[name].shape + given.shape))
        out[name] = given
    return out


def _widths(spec):
    widths = [spec["model"]["input"]]
    for layer in spec["model"]["layers"]:
        widths.append(layer["out"] if layer["type"] == "linear" else widths[-1])
    return widths


def initial_buffers(spec):
    """BatchNorm's running statistics by name ("<i>.running_mean" zeros, "<i>.running_var" ones, 1 x D), replaced by
    the spec's $.parameters.buffers."""
    widths = _widths(spec)
    out = {}
    for i, layer in enumerate(spec["model"]["layers"]):
        if layer["type"] == "batchnorm":
            out["%d.running_mean" % i] = np.zeros((1, widths[i]))
            out["%d.running_var" % i] = np.ones((1, widths[i]))
    for name, value in spec.get("parameters", {}).get("buffers", {}).items():
        if name not in out:
            raise SpecError("$.parameters.buffers['%s']: the model has no such buffer; it has %s" % (name, list(out)))
        given = _matrix(value)
        if given.shape != out[name].shape:
            raise SpecError("$.parameters.buffers['%s']: expected a %dx%d matrix, got %dx%d"
                            % ((name,) + out[name].shape + given.shape))
        out[name] = given
    return out


def evaluation(spec):
    """The evaluation-mode forward the spec asks for ($.output.evaluation), or None: a dict with "inputs" (N x D),
    "targets" (N x K: the given targets, or one-hot rows of the given classes; None for the scalar "sum"), "classes"
    (the given class indices, or None), "scalar" ("loss" or "sum") and "after_steps" (0: before the first step)."""
    e = spec.get("output", {}).get("evaluation")
    if e is None:
        return None
    x = np.array(e["inputs"], dtype=np.float64)
    targets, classes = None, e.get("classes")
    if "targets" in e:
        targets = np.array(e["targets"], dtype=np.float64)
    elif classes is not None:
        targets = np.zeros((len(classes), _widths(spec)[-1]))
        targets[np.arange(len(classes)), classes] = 1.0
    return {"inputs": x, "targets": targets, "classes": classes, "scalar": e["scalar"],
            "after_steps": list(e["after_steps"])}


def data(spec):
    """The inline data as (inputs N x D, targets N x K) float64 arrays; `classes` become one-hot rows of the
    model's output width."""
    d = spec["data"]
    if "inputs" not in d:
        raise SpecError("$.data: the client kit reads inline data only (inputs with targets or classes), not a "
                        "built-in dataset; give the data inline")
    x = np.array(d["inputs"], dtype=np.float64)
    if "targets" in d:
        return x, np.array(d["targets"], dtype=np.float64)
    width = spec["model"]["input"]
    for layer in spec["model"]["layers"]:
        if layer["type"] == "linear":
            width = layer["out"]
    classes = np.array(d["classes"], dtype=np.int64)
    y = np.zeros((len(classes), width))
    y[np.arange(len(classes)), classes] = 1.0
    return x, y
