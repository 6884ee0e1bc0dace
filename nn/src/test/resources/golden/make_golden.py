#!/usr/bin/python3
"""Reference values for dlref's nn module, computed by PyTorch in float64.

How to run (from the repository root; needs Debian's python3-torch, CI never runs this):

    /usr/bin/python3 nn/src/test/resources/golden/make_golden.py > nn/src/test/resources/golden/nn_golden.txt

Output format (read by io.github.dlref.nn.Golden in the tests):
  - lines starting with '#' are comments;
  - '[name]' starts a case;
  - 'key rows cols v_1 ... v_{rows*cols}' is a matrix in row-major order, every value written with
    Python's float.hex (an exact, round-trip representation that Java's Double.parseDouble reads);
    scalars are 1 x 1 matrices and integer settings are stored as doubles.
Infinities are written 'Infinity' / '-Infinity'. Every input fed to PyTorch is written to the file, so the Java side uses exactly the same numbers.
The cases from [gelu_none] on (issue 21) were appended to a file whose earlier cases were written by an earlier run:
a rerun reproduces every input bit for bit, but PyTorch's vectorized kernels may round a few computed values of the
earlier cases differently in the last bit on another machine, so the committed earlier cases were kept as they were.
Values are meant to be compared with the tolerances of io.github.dlref.nn.Tolerances (GOLDEN_*): both sides
are float64 but may sum in different orders.
"""
import math
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.manual_seed(20240601)

out = sys.stdout


def emit_case(name):
    out.write("[%s]\n" % name)


def java_hex(v):
    """float.hex, except that infinities are written as Java spells them."""
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if math.isnan(v):
        raise ValueError("NaN in golden output")
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


def leaf(t):
    return t.clone().detach().requires_grad_(True)


def away_from_zero(shape, gap=0.1):
    """Standard normal draws moved at least `gap` away from 0 (for kinks at 0)."""
    x = torch.randn(*shape)
    return torch.where(x >= 0, x + gap, x - gap)


out.write("# dlref nn golden values, produced by make_golden.py with torch %s, float64\n" % torch.__version__)
out.write("# compare with Tolerances.GOLDEN_ATOL / GOLDEN_RTOL (different summation orders)\n")

# ----------------------------------------------------------------------------------------------
# Layers: forward value and gradients for a given upstream gradient g.

x = torch.randn(4, 3)
w = torch.randn(2, 3)
b = torch.randn(1, 2)
g = torch.randn(4, 2)
xl, wl, bl = leaf(x), leaf(w), leaf(b)
y = F.linear(xl, wl, bl.reshape(-1))
y.backward(g)
emit_case("linear")
for k, v in [("x", x), ("weight", w), ("bias", b), ("g", g), ("y", y), ("dx", xl.grad), ("dweight", wl.grad),
             ("dbias", bl.grad)]:
    emit(k, v)

activations = [
    ("relu", lambda t: F.relu(t), None),
    ("leaky_relu_default", lambda t: F.leaky_relu(t), None),
    ("leaky_relu_0.2", lambda t: F.leaky_relu(t, 0.2), 0.2),
    ("sigmoid", torch.sigmoid, None),
    ("tanh", torch.tanh, None),
    ("softmax", lambda t: F.softmax(t, dim=1), None),
]
for name, fn, slope in activations:
    x = away_from_zero((4, 5)) * 2
    g = torch.randn(4, 5)
    xl = leaf(x)
    y = fn(xl)
    y.backward(g)
    emit_case(name)
    emit("x", x)
    emit("g", g)
    emit("y", y)
    emit("dx", xl.grad)
    if slope is not None:
        emit("slope", slope)

# BatchNorm1d, PyTorch convention: three training steps, then evaluation.
bn = torch.nn.BatchNorm1d(3, eps=1e-5, momentum=0.1)
with torch.no_grad():
    bn.weight.copy_(torch.randn(3) * 0.5 + 1)
    bn.bias.copy_(torch.randn(3))
emit_case("batchnorm_pytorch")
emit("eps", 1e-5)
emit("momentum", 0.1)
emit("gamma", bn.weight.reshape(1, -1))
emit("beta", bn.bias.reshape(1, -1))
bn.train()
for step in range(3):
    x = torch.randn(5, 3) * 2 + 1
    g = torch.randn(5, 3)
    xl = leaf(x)
    bn.zero_grad()
    y = bn(xl)
    y.backward(g)
    emit("x%d" % step, x)
    emit("g%d" % step, g)
    emit("y%d" % step, y)
    emit("dx%d" % step, xl.grad)
    emit("dgamma%d" % step, bn.weight.grad.reshape(1, -1))
    emit("dbeta%d" % step, bn.bias.grad.reshape(1, -1))
    emit("running_mean%d" % step, bn.running_mean.reshape(1, -1))
    emit("running_var%d" % step, bn.running_var.reshape(1, -1))
bn.eval()
x = torch.randn(4, 3)
g = torch.randn(4, 3)
xl = leaf(x)
bn.zero_grad()
y = bn(xl)
y.backward(g)
emit("x_eval", x)
emit("g_eval", g)
emit("y_eval", y)
emit("dx_eval", xl.grad)
emit("dgamma_eval", bn.weight.grad.reshape(1, -1))
emit("dbeta_eval", bn.bias.grad.reshape(1, -1))

# BatchNorm, Keras convention (momentum 0.99, epsilon 1e-3, biased variance stored). PyTorch has no Keras
# mode: the training output comes from F.batch_norm (independent of the running statistics), the moving
# statistics follow Keras 3's BatchNormalization.call (moving = momentum moving + (1 - momentum) batch, with
# the biased variance of ops.moments), computed here with torch tensors, and the evaluation output from
# F.batch_norm with those statistics.
momentum, eps = 0.99, 1e-3
gamma = torch.randn(3) * 0.5 + 1
beta = torch.randn(3)
moving_mean = torch.zeros(3)
moving_var = torch.ones(3)
emit_case("batchnorm_keras")
emit("eps", eps)
emit("momentum", momentum)
emit("gamma", gamma.reshape(1, -1))
emit("beta", beta.reshape(1, -1))
for step in range(3):
    x = torch.randn(5, 3) * 2 + 1
    g = torch.randn(5, 3)
    xl, gl, bl = leaf(x), leaf(gamma), leaf(beta)
    y = F.batch_norm(xl, None, None, gl, bl, training=True, eps=eps)
    y.backward(g)
    mean = x.mean(dim=0)
    var = x.var(dim=0, unbiased=False)
    moving_mean = moving_mean * momentum + mean * (1 - momentum)
    moving_var = moving_var * momentum + var * (1 - momentum)
    emit("x%d" % step, x)
    emit("g%d" % step, g)
    emit("y%d" % step, y)
    emit("dx%d" % step, xl.grad)
    emit("dgamma%d" % step, gl.grad.reshape(1, -1))
    emit("dbeta%d" % step, bl.grad.reshape(1, -1))
    emit("running_mean%d" % step, moving_mean.reshape(1, -1))
    emit("running_var%d" % step, moving_var.reshape(1, -1))
x = torch.randn(4, 3)
g = torch.randn(4, 3)
xl, gl, bl = leaf(x), leaf(gamma), leaf(beta)
y = F.batch_norm(xl, moving_mean, moving_var, gl, bl, training=False, eps=eps)
y.backward(g)
emit("x_eval", x)
emit("g_eval", g)
emit("y_eval", y)
emit("dx_eval", xl.grad)
emit("dgamma_eval", gl.grad.reshape(1, -1))
emit("dbeta_eval", bl.grad.reshape(1, -1))

# A small network end to end: Linear(3, 4) - Tanh - Linear(4, 2), cross-entropy against class indices.
net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
x = torch.randn(6, 3)
classes = torch.tensor([0, 1, 1, 0, 1, 0])
loss = F.cross_entropy(net(x), classes)
loss.backward()
emit_case("mlp_cross_entropy")
emit("x", x)
emit("classes", classes.double().reshape(1, -1))
for name, p in net.named_parameters():
    value = p.detach().reshape(1, -1) if p.dim() == 1 else p.detach()
    grad = p.grad.reshape(1, -1) if p.dim() == 1 else p.grad
    emit(name, value)
    emit("d" + name, grad)
emit("loss", loss)

# ----------------------------------------------------------------------------------------------
# Losses: value and gradient with respect to the prediction.


def loss_case(name, prediction, target, fn, extra=()):
    pl = leaf(prediction)
    loss = fn(pl, target)
    loss.backward()
    emit_case(name)
    emit("prediction", prediction)
    emit("target", target)
    emit("loss", loss)
    emit("grad", pl.grad)
    for k, v in extra:
        emit(k, v)


pred = torch.randn(4, 3)
targ = torch.randn(4, 3)
for red in ["mean", "sum"]:
    loss_case("mse_" + red, pred, targ, lambda p, t: F.mse_loss(p, t, reduction=red))
    loss_case("l1_" + red, pred, targ, lambda p, t: F.l1_loss(p, t, reduction=red))
    loss_case("sum_of_squares_" + red, pred, targ,
              lambda p, t: (0.5 * ((p - t) ** 2).sum(dim=1)).mean() if red == "mean"
              else (0.5 * ((p - t) ** 2).sum(dim=1)).sum())

for order, label in [(1.0, "1"), (2.0, "2"), (float("inf"), "inf"), (3.0, "3")]:
    loss_case("pnorm_" + label, pred, targ,
              lambda p, t: torch.linalg.vector_norm(p - t, ord=order, dim=1).mean(), [("p", order)])

logits = torch.randn(5, 4) * 2
classes = torch.tensor([0, 3, 1, 1, 2])
onehot = F.one_hot(classes, 4).double()
soft = F.softmax(torch.randn(5, 4), dim=1)
for red in ["mean", "sum"]:
    loss_case("cross_entropy_classes_" + red, logits, onehot,
              lambda p, t: F.cross_entropy(p, classes, reduction=red))
    loss_case("cross_entropy_soft_" + red, logits, soft, lambda p, t: F.cross_entropy(p, t, reduction=red))
probs = F.softmax(torch.randn(5, 4), dim=1)
loss_case("probability_cross_entropy_mean", probs, soft, lambda p, t: -(t * torch.log(p)).sum(dim=1).mean())
loss_case("probability_cross_entropy_onehot_sum", probs, onehot, lambda p, t: F.nll_loss(torch.log(p), classes,
                                                                                          reduction="sum"))
loss_case("softmax_loss_mean", logits, onehot, lambda p, t: F.cross_entropy(p, classes))

bprob = torch.sigmoid(torch.randn(4, 3) * 2)
btarg = torch.bernoulli(torch.full((4, 3), 0.5))
for red in ["mean", "sum"]:
    loss_case("bce_" + red, bprob, btarg, lambda p, t: F.binary_cross_entropy(p, t, reduction=red))
    loss_case("bce_with_logits_" + red, torch.randn(4, 3) * 3, btarg,
              lambda p, t: F.binary_cross_entropy_with_logits(p, t, reduction=red))
edge = torch.tensor([[0.0, 1.0, 1e-20], [1.0, 0.0, 0.5]])
edge_t = torch.tensor([[1.0, 0.0, 1.0], [1.0, 0.0, 0.25]])
loss_case("bce_edges_sum", edge, edge_t, lambda p, t: F.binary_cross_entropy(p, t, reduction="sum"))

scores = torch.randn(5, 4)
for p_exp, margin in [(1, 1.0), (2, 1.0), (1, 0.5)]:
    loss_case("multi_margin_p%d_m%s" % (p_exp, margin), scores, onehot,
              lambda s, t: F.multi_margin_loss(s, classes, p=p_exp, margin=margin),
              [("p", float(p_exp)), ("margin", margin)])
# cs231n-opt-bp's multiclass SVM loss (sum over wrong classes, no division by C): PyTorch's multi-margin
# kernel per sample, times C, averaged over samples.
for margin in [1.0, 2.0]:
    loss_case("multiclass_hinge_m%s" % margin, scores, onehot,
              lambda s, t: (F.multi_margin_loss(s, classes, margin=margin, reduction="none") * s.shape[1]).mean(),
              [("margin", margin)])

# ----------------------------------------------------------------------------------------------
# Orthogonal initialization: PyTorch's procedure (nn.init.orthogonal_ without its own draws) applied to
# given standard-normal draws.


def orthogonal_from(draws, gain):
    rows, cols = draws.shape
    flat = draws.clone()
    if rows < cols:
        flat = flat.t()
    q, r = torch.linalg.qr(flat)
    q = q * torch.diag(r, 0).sign()
    if rows < cols:
        q = q.t()
    return q * gain


for rows, cols in [(5, 3), (3, 5), (4, 4)]:
    draws = torch.randn(rows, cols)
    emit_case("orthogonal_%dx%d" % (rows, cols))
    emit("draws", draws)
    emit("gain", 1.5)
    emit("weight", orthogonal_from(draws, 1.5))

# ----------------------------------------------------------------------------------------------
# Issue 21: LayerNorm, GELU (exact and tanh), ELU, SELU, SiLU, Softplus, Hardtanh; Huber, SmoothL1, KLDivLoss,
# NLLLoss, CrossEntropyLoss with class weights and label smoothing. Appended after everything above, so the earlier
# cases (and their draws from the seeded generator) are unchanged.

more_activations = [
    ("gelu_none", lambda t: F.gelu(t), []),
    ("gelu_tanh", lambda t: F.gelu(t, approximate="tanh"), []),
    ("elu_default", lambda t: F.elu(t), []),
    ("elu_0.5", lambda t: F.elu(t, alpha=0.5), [("alpha", 0.5)]),
    ("selu", lambda t: F.selu(t), []),
    ("silu", lambda t: F.silu(t), []),
    ("softplus_default", lambda t: F.softplus(t), []),
    ("softplus_b2_t3", lambda t: F.softplus(t, beta=2.0, threshold=3.0), [("beta", 2.0), ("threshold", 3.0)]),
    ("hardtanh_default", lambda t: F.hardtanh(t), []),
    ("hardtanh_m2_0.5", lambda t: F.hardtanh(t, -2.0, 0.5), [("min_val", -2.0), ("max_val", 0.5)]),
]
for name, fn, extra in more_activations:
    x = away_from_zero((4, 5)) * 2
    g = torch.randn(4, 5)
    xl = leaf(x)
    y = fn(xl)
    y.backward(g)
    emit_case(name)
    emit("x", x)
    emit("g", g)
    emit("y", y)
    emit("dx", xl.grad)
    for k, v in extra:
        emit(k, v)

# Edge points, upstream gradient 1: kinks, switches and bounds hit exactly.
edge_points = {
    "gelu_none": [0.0, -1e-3, 1e-3, -5.0, 5.0, -9.0, -30.0, 3.0],
    "gelu_tanh": [0.0, -1e-3, 1e-3, -5.0, 5.0, -9.0, -30.0, 3.0],
    "elu_default": [0.0, -1e-3, 1e-3, -5.0, 5.0, -30.0, -1e-8, 2.0],
    "selu": [0.0, -1e-3, 1e-3, -5.0, 5.0, -30.0, -1e-8, 2.0],
    "silu": [0.0, -1e-3, 1e-3, -5.0, 5.0, -30.0, -700.0, 40.0],
    "softplus_default": [20.0, math.nextafter(20.0, 30.0), math.nextafter(20.0, 0.0), 0.0, -30.0, -800.0, 19.5, 21.0],
    "softplus_b2_t3": [1.5, math.nextafter(1.5, 3.0), math.nextafter(1.5, 0.0), 0.0, -30.0, -400.0, 1.0, 2.0],
    "hardtanh_default": [-1.0, 1.0, math.nextafter(-1.0, 0.0), math.nextafter(1.0, 0.0), -1.5, 1.5, 0.0, 0.25],
    "hardtanh_m2_0.5": [-2.0, 0.5, math.nextafter(-2.0, 0.0), math.nextafter(0.5, 0.0), -3.0, 3.0, 0.0, -1.0],
}
for name, fn, extra in more_activations:
    if name not in edge_points:
        continue
    x = torch.tensor([edge_points[name]])
    xl = leaf(x)
    y = fn(xl)
    y.backward(torch.ones_like(y))
    emit_case(name + "_edges")
    emit("x", x)
    emit("y", y)
    emit("dx", xl.grad)
    for k, v in extra:
        emit(k, v)

# LayerNorm over the last dimension: affine with random weight and bias (eps 1e-5), and without affine (eps 1e-3).
for label, eps, affine in [("layernorm_affine", 1e-5, True), ("layernorm_plain_eps1e-3", 1e-3, False)]:
    ln = torch.nn.LayerNorm(5, eps=eps, elementwise_affine=affine)
    if affine:
        with torch.no_grad():
            ln.weight.copy_(torch.randn(5) * 0.5 + 1)
            ln.bias.copy_(torch.randn(5))
    x = torch.randn(4, 5) * 2 + 1
    g = torch.randn(4, 5)
    xl = leaf(x)
    y = ln(xl)
    y.backward(g)
    emit_case(label)
    emit("eps", eps)
    emit("x", x)
    emit("g", g)
    emit("y", y)
    emit("dx", xl.grad)
    if affine:
        emit("weight", ln.weight.reshape(1, -1))
        emit("bias", ln.bias.reshape(1, -1))
        emit("dweight", ln.weight.grad.reshape(1, -1))
        emit("dbias", ln.bias.grad.reshape(1, -1))

# Huber and smooth L1: random errors of both sizes around the switch, and errors exactly at -delta, 0, +delta.
pred = torch.randn(4, 3) * 1.5
targ = torch.randn(4, 3)
for red in ["mean", "sum"]:
    for delta in [1.0, 0.5]:
        loss_case("huber_d%s_%s" % (delta, red), pred, targ,
                  lambda p, t: F.huber_loss(p, t, delta=delta, reduction=red), [("delta", delta)])
    for beta in [1.0, 0.5, 0.0]:
        loss_case("smooth_l1_b%s_%s" % (beta, red), pred, targ,
                  lambda p, t: F.smooth_l1_loss(p, t, beta=beta, reduction=red), [("beta", beta)])
edge_t = torch.zeros(1, 7)
for delta in [1.0, 0.5]:
    edge_p = torch.tensor([[-delta, 0.0, delta, 2 * delta, -2 * delta, delta / 2, -delta / 2]])
    loss_case("huber_edges_d%s" % delta, edge_p, edge_t,
              lambda p, t: F.huber_loss(p, t, delta=delta, reduction="sum"), [("delta", delta)])
    loss_case("smooth_l1_edges_b%s" % delta, edge_p, edge_t,
              lambda p, t: F.smooth_l1_loss(p, t, beta=delta, reduction="sum"), [("beta", delta)])
loss_case("smooth_l1_edges_b0.0", torch.tensor([[-1.0, 0.0, 1.0]]), torch.zeros(1, 3),
          lambda p, t: F.smooth_l1_loss(p, t, beta=0.0, reduction="sum"), [("beta", 0.0)])

# KL divergence: input log-probabilities, targets probabilities (one of them 0) or log-probabilities.
logq = F.log_softmax(torch.randn(4, 3), dim=1)
p_target = F.softmax(torch.randn(4, 3), dim=1)
p_target[1, 2] = 0.0
logp_target = F.log_softmax(torch.randn(4, 3), dim=1)
for red in ["mean", "batchmean", "sum"]:
    loss_case("kl_div_%s" % red, logq, p_target, lambda p, t: F.kl_div(p, t, reduction=red))
    loss_case("kl_div_log_target_%s" % red, logq, logp_target,
              lambda p, t: F.kl_div(p, t, reduction=red, log_target=True))

# NLLLoss on log-probabilities, with and without class weights (the weighted mean divides by the target weights).
logp = F.log_softmax(torch.randn(5, 4) * 2, dim=1)
nll_classes = torch.tensor([0, 3, 1, 1, 2])
nll_onehot = F.one_hot(nll_classes, 4).double()
class_weight = torch.tensor([0.5, 2.0, 1.0, 3.0])
for red in ["mean", "sum"]:
    loss_case("nll_%s" % red, logp, nll_onehot, lambda p, t: F.nll_loss(p, nll_classes, reduction=red))
    loss_case("nll_weighted_%s" % red, logp, nll_onehot,
              lambda p, t: F.nll_loss(p, nll_classes, weight=class_weight, reduction=red),
              [("weight", class_weight.reshape(1, -1))])

# Cross-entropy with class weights and label smoothing: class-index targets (target written one-hot) and
# probability targets, whose weighted means differ.
ce_logits = torch.randn(5, 4) * 2
ce_soft = F.softmax(torch.randn(5, 4), dim=1)
for red in ["mean", "sum"]:
    for label, w, ls in [("w", class_weight, 0.0), ("ls0.1", None, 0.1), ("w_ls0.2", class_weight, 0.2)]:
        extra = [("label_smoothing", ls)] + ([("weight", w.reshape(1, -1))] if w is not None else [])
        loss_case("ce_classes_%s_%s" % (label, red), ce_logits, nll_onehot,
                  lambda p, t: F.cross_entropy(p, nll_classes, weight=w, reduction=red, label_smoothing=ls), extra)
        loss_case("ce_probs_%s_%s" % (label, red), ce_logits, ce_soft,
                  lambda p, t: F.cross_entropy(p, t, weight=w, reduction=red, label_smoothing=ls), extra)
        loss_case("ce_onehot_probs_%s_%s" % (label, red), ce_logits, nll_onehot,
                  lambda p, t: F.cross_entropy(p, t, weight=w, reduction=red, label_smoothing=ls), extra)
