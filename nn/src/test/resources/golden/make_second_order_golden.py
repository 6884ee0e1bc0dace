#!/usr/bin/python3
"""Second derivatives and ignore_index reference values for dlref's nn module, computed by PyTorch in float64.

How to run (from the repository root; needs Debian's python3-torch, CI never runs this):

    /usr/bin/python3 nn/src/test/resources/golden/make_second_order_golden.py \
        > nn/src/test/resources/golden/nn_second_order_golden.txt

Output format: the same as make_golden.py's (read by io.github.dlref.nn.Golden): '[name]' starts a case,
'key rows cols v_1 ... v_{rows*cols}' is a matrix in row-major order written with float.hex; NaN is written 'NaN'.

Second-order cases ([hvp_*]): a scalar f of the inputs, its gradient and a Hessian-vector product
H v = d/dx <grad f(x), v> computed with torch.autograd.grad(..., create_graph=True), for every issue-21 activation
(f = sum(G * act(x)) with a fixed Gaussian G), LayerNorm (with respect to the input, weight and bias) and every
issue-21 loss (losses taking log-probabilities get log_softmax(z) so that the Hessian does not vanish). Keys:
'x' (and 'weight', 'bias' for LayerNorm) the inputs, 'v_<input>' the directions, 'f' the value, 'grad_<input>' and
'hvp_<input>'; constants: 'G', 'target', 'classes', 'class_weight', settings as 1 x 1 matrices.

ignore_index cases ([ignore_*]): nn.NLLLoss and nn.CrossEntropyLoss with class-index targets some of which equal
ignore_index: 'prediction', 'classes', 'loss', 'grad' (of the loss, seeded with G for reduction 'none').
Values are meant to be compared with a relative tolerance of 1e-12 (both sides are float64 but may sum in
different orders).
"""
import math
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.manual_seed(20261203)

out = sys.stdout


def java_hex(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v.hex()


def emit(key, value):
    t = torch.as_tensor(value, dtype=torch.float64).detach()
    if t.dim() == 0:
        t = t.reshape(1, 1)
    elif t.dim() == 1:
        t = t.reshape(1, -1)
    rows, cols = t.shape
    vals = " ".join(java_hex(float(v)) for v in t.reshape(-1).tolist())
    out.write("%s %d %d %s\n" % (key, rows, cols, vals))


def away(x, points, gap=0.05):
    """Moves every entry within gap of one of the points by +2 gap (three rounds), as the Java tests do."""
    y = x.clone()
    for _ in range(3):
        for p in points:
            y = torch.where((y - p).abs() < gap, y + 2 * gap, y)
    return y


def hvp_case(name, f, inputs, constants):
    """inputs: list of (key, tensor); f takes the leaves in order and returns a scalar."""
    leaves = [t.clone().detach().requires_grad_(True) for _, t in inputs]
    directions = [torch.randn(t.shape) for _, t in inputs]
    value = f(*leaves)
    grads = torch.autograd.grad(value, leaves, create_graph=True)
    projection = sum((g * v).sum() for g, v in zip(grads, directions))
    hv = torch.autograd.grad(projection, leaves, allow_unused=True)
    out.write("[%s]\n" % name)
    for key, c in constants:
        emit(key, c)
    for (key, t), v, g, h in zip(inputs, directions, grads, hv):
        emit(key, t)
        emit("v_" + key, v)
        emit("grad_" + key, g)
        emit("hvp_" + key, torch.zeros(t.shape) if h is None else h)
    emit("f", value)


out.write("# dlref nn second-order and ignore_index golden values, produced by make_second_order_golden.py with torch %s,"
          " float64\n" % torch.__version__)

# ----------------------------------------------------------------------------------------------
# Activations: f(x) = sum(G * act(x)).

x = torch.randn(3, 4) * 1.5
G = torch.randn(3, 4)
x0 = away(x, [0.0])
activations = [
    ("hvp_gelu_none", x, lambda t: F.gelu(t, approximate="none"), []),
    ("hvp_gelu_tanh", x, lambda t: F.gelu(t, approximate="tanh"), []),
    ("hvp_silu", x, F.silu, []),
    ("hvp_elu_1.0", x0, lambda t: F.elu(t, alpha=1.0), [("alpha", 1.0)]),
    ("hvp_elu_0.5", x0, lambda t: F.elu(t, alpha=0.5), [("alpha", 0.5)]),
    ("hvp_selu", x0, F.selu, []),
    ("hvp_softplus_1_20", x, lambda t: F.softplus(t), [("beta", 1.0), ("threshold", 20.0)]),
    ("hvp_softplus_2_1", away(x, [0.5]), lambda t: F.softplus(t, beta=2.0, threshold=1.0),
     [("beta", 2.0), ("threshold", 1.0)]),
    ("hvp_hardtanh", away(x, [-1.0, 1.0]), F.hardtanh, []),
    ("hvp_log_softmax", x, lambda t: F.log_softmax(t, dim=1), []),
]
for name, point, act, settings in activations:
    hvp_case(name, lambda t, act=act: (G * act(t)).sum(), [("x", point)], [("G", G)] + settings)

# ----------------------------------------------------------------------------------------------
# LayerNorm(4): f = sum(G * layer_norm(x; weight, bias)) with respect to all three.

w = torch.randn(1, 4)
b = torch.randn(1, 4)
hvp_case("hvp_layer_norm", lambda t, wt, bt: (G * F.layer_norm(t, (4,), wt.reshape(-1), bt.reshape(-1), 1e-5)).sum(),
         [("x", x), ("weight", w), ("bias", b)], [("G", G), ("eps", 1e-5)])
hvp_case("hvp_layer_norm_eps0.1_no_affine", lambda t: (G * F.layer_norm(t, (4,), None, None, 0.1)).sum(),
         [("x", x)], [("G", G), ("eps", 0.1)])

# ----------------------------------------------------------------------------------------------
# Losses.

target = torch.randn(3, 4)
errors = away(torch.randn(3, 4) * 1.5, [-0.7, 0.0, 0.7])
prediction = target + errors
hvp_case("hvp_huber_0.7_mean", lambda p: F.huber_loss(p, target, delta=0.7), [("x", prediction)],
         [("target", target), ("delta", 0.7)])
hvp_case("hvp_smooth_l1_0.7_sum", lambda p: F.smooth_l1_loss(p, target, beta=0.7, reduction="sum"),
         [("x", prediction)], [("target", target), ("beta", 0.7)])

z = torch.randn(3, 4) * 2
probabilities = torch.softmax(torch.randn(3, 4), dim=1)
hvp_case("hvp_kl_div_batchmean", lambda t: F.kl_div(F.log_softmax(t, dim=1), probabilities, reduction="batchmean"),
         [("x", z)], [("target", probabilities)])
hvp_case("hvp_kl_div_log_target_sum", lambda t: F.kl_div(F.log_softmax(t, dim=1), probabilities.log(),
                                                          reduction="sum", log_target=True),
         [("x", z)], [("target", probabilities.log())])

classes = torch.tensor([2, 0, 3])
class_weight = torch.tensor([0.5, 1.0, 2.0, 3.0])
hvp_case("hvp_nll_weighted_mean", lambda t: F.nll_loss(F.log_softmax(t, dim=1), classes, weight=class_weight),
         [("x", z)], [("classes", classes), ("class_weight", class_weight)])
hvp_case("hvp_ce_classes_w_ls0.1_mean", lambda t: F.cross_entropy(t, classes, weight=class_weight,
                                                                   label_smoothing=0.1),
         [("x", z)], [("classes", classes), ("class_weight", class_weight), ("label_smoothing", 0.1)])
hvp_case("hvp_ce_probs_w_ls0.2_sum", lambda t: F.cross_entropy(t, probabilities, weight=class_weight,
                                                                label_smoothing=0.2, reduction="sum"),
         [("x", z)], [("target", probabilities), ("class_weight", class_weight), ("label_smoothing", 0.2)])
ignored_classes = torch.tensor([2, -100, 3])
hvp_case("hvp_ce_ignore_w_ls0.1_mean", lambda t: F.cross_entropy(t, ignored_classes, weight=class_weight,
                                                                  label_smoothing=0.1),
         [("x", z)], [("classes", ignored_classes), ("class_weight", class_weight), ("label_smoothing", 0.1),
                      ("ignore_index", -100)])

# ----------------------------------------------------------------------------------------------
# ignore_index, first order: loss and gradient.


def ignore_case(name, fn, logits, cls, ignore_index, extra=()):
    leaf = logits.clone().detach().requires_grad_(True)
    loss = fn(leaf)
    seed = torch.randn(loss.shape) if loss.dim() > 0 else torch.tensor(1.0)
    if loss.dim() > 0:
        loss.backward(seed)
    else:
        loss.backward()
    out.write("[%s]\n" % name)
    emit("prediction", logits)
    emit("classes", cls)
    emit("ignore_index", ignore_index)
    for key, value in extra:
        emit(key, value)
    emit("seed", seed)
    emit("loss", loss)
    emit("grad", leaf.grad)


logits = torch.randn(5, 4) * 2
log_probabilities = F.log_softmax(logits, dim=1)
cls = torch.tensor([1, -100, 3, 0, -100])
for reduction in ["mean", "sum", "none"]:
    ignore_case("ignore_nll_" + reduction, lambda t, r=reduction: F.nll_loss(t, cls, reduction=r),
                log_probabilities, cls, -100)
    ignore_case("ignore_nll_w_" + reduction,
                lambda t, r=reduction: F.nll_loss(t, cls, weight=class_weight, reduction=r),
                log_probabilities, cls, -100, [("class_weight", class_weight)])
    ignore_case("ignore_ce_" + reduction, lambda t, r=reduction: F.cross_entropy(t, cls, reduction=r),
                logits, cls, -100)
    ignore_case("ignore_ce_w_ls0.2_" + reduction,
                lambda t, r=reduction: F.cross_entropy(t, cls, weight=class_weight, label_smoothing=0.2,
                                                       reduction=r),
                logits, cls, -100, [("class_weight", class_weight), ("label_smoothing", 0.2)])
# an ignored index that is a class: the samples of class 0 are left out
cls0 = torch.tensor([1, 0, 3, 0, 2])
ignore_case("ignore_ce_class0_w_mean", lambda t: F.cross_entropy(t, cls0, weight=class_weight, ignore_index=0),
            logits, cls0, 0, [("class_weight", class_weight)])
ignore_case("ignore_nll_class0_mean", lambda t: F.nll_loss(t, cls0, ignore_index=0), log_probabilities, cls0, 0)
# every sample ignored: mean is 0 / 0
every = torch.tensor([-100, -100, -100, -100, -100])
ignore_case("ignore_all_nll_mean", lambda t: F.nll_loss(t, every), log_probabilities, every, -100)
ignore_case("ignore_all_ce_mean", lambda t: F.cross_entropy(t, every), logits, every, -100)
ignore_case("ignore_all_ce_w_ls0.2_mean", lambda t: F.cross_entropy(t, every, weight=class_weight,
                                                                   label_smoothing=0.2),
            logits, every, -100, [("class_weight", class_weight), ("label_smoothing", 0.2)])
ignore_case("ignore_all_ce_sum", lambda t: F.cross_entropy(t, every, reduction="sum"), logits, every, -100)
