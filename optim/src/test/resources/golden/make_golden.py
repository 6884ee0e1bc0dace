#!/usr/bin/python3
"""Golden optimizer trajectories for dlref's optim module, computed by PyTorch in float64.

How to run (from the repository root; needs Debian's python3-torch, tested with torch 1.13.0a0):

    /usr/bin/python3 optim/src/test/resources/golden/make_golden.py

It rewrites optim/src/test/resources/golden/pytorch_trajectories.csv next to this script. CI never runs
Python: the tests (io.github.dlref.optim.PyTorchGoldenTest) read the committed CSV.

What it computes. Every case is a torch.optim optimizer (optionally driven by a torch.optim.lr_scheduler)
run for STEPS steps on four problems whose gradients are closed-form functions, evaluated here with plain
Python float (IEEE binary64) arithmetic in a fixed order that the Java test repeats operation for operation,
so both sides feed the optimizer the same gradient whenever they hold the same parameters:

  cs231n      y = 3x^2 + 6x from x = 2 (the worked example of cs231n-opt-bp), dy/dx = 6x + 6, shape 1x1
  bowl        f = 1/2 sum_ij a_ij (theta_ij - c_ij)^2, gradient a * (theta - c), shape 2x2
  rosenbrock  f = (1 - x)^2 + 100 (y - x^2)^2 from (-1.2, 1), shape 1x2
  mlp         2-3-1 network, ReLU hidden layer, mean squared error over 4 fixed samples;
              parameters W1 3x2, b1 1x3, W2 1x3, b2 1x1 (y = x W^T + b, PyTorch's nn.Linear layout)

The gradient is handed to the optimizer through param.grad; autograd is not used, so the only code under
test on the PyTorch side is torch.optim itself (single-tensor code path, foreach=False).

Output format (CSV, one value per row):
  case,problem,step,kind,name,index,value_hex,value_repr
  kind = param  value of parameter `name` after `step` optimizer steps (step 0 = initial value),
                element `index` in row-major order
  kind = lr     learning rate used by optimizer step `step` + 1 (schedule cases: scheduler.get_last_lr()
                after `step` scheduler steps), name = "last" (the recursive form PyTorch applies) or
                "closed" (PyTorch's _get_closed_form_lr(), absent for LambdaLR, whose "last" is already
                the closed form base_lr * lambda(step))
  kind = state  optimizer state after the last step, name = "<parameter>.<state key>" with PyTorch's
                state keys (momentum_buffer, sum, square_avg, grad_avg, exp_avg, exp_avg_sq,
                max_exp_avg_sq, step)
value_hex is float.hex() (exact); value_repr is repr() (shortest round-trip decimal). Both denote the same
double. Comparison tolerance: 1e-12 relative to the largest magnitude in the same matrix (normwise), see
io.github.dlref.optim.Tolerances.PYTORCH_RELATIVE for why.
"""

import csv
import math
import os
import sys

import torch

STEPS = 10
torch.set_default_dtype(torch.float64)

# ----------------------------------------------------------------------------------------------
# Problems: initial parameters and closed-form gradients (row-major lists of Python floats)

MLP_X = [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [1.0, 1.0]]
MLP_Y = [1.0, -0.5, 0.25, 2.0]
BOWL_A = [1.0, 4.0, 0.5, 10.0]
BOWL_C = [1.0, -2.0, 0.5, 3.0]


def cs231n_grad(p):
    x = p["x"][0]
    return {"x": [6.0 * x + 6.0]}


def bowl_grad(p):
    t = p["theta"]
    return {"theta": [BOWL_A[k] * (t[k] - BOWL_C[k]) for k in range(4)]}


def rosenbrock_grad(p):
    x, y = p["xy"]
    gx = -2.0 * (1.0 - x) - 400.0 * x * (y - x * x)
    gy = 200.0 * (y - x * x)
    return {"xy": [gx, gy]}


def mlp_grad(p):
    w1, b1, w2, b2 = p["W1"], p["b1"], p["W2"], p["b2"][0]
    n_samples = len(MLP_X)
    z = [[0.0] * 3 for _ in range(n_samples)]
    h = [[0.0] * 3 for _ in range(n_samples)]
    dout = [0.0] * n_samples
    for n in range(n_samples):
        x0, x1 = MLP_X[n]
        for j in range(3):
            z[n][j] = (x0 * w1[2 * j] + x1 * w1[2 * j + 1]) + b1[j]
            h[n][j] = z[n][j] if z[n][j] > 0.0 else 0.0
        out = ((h[n][0] * w2[0] + h[n][1] * w2[1]) + h[n][2] * w2[2]) + b2
        dout[n] = (2.0 * (out - MLP_Y[n])) / n_samples
    g_w2 = [0.0, 0.0, 0.0]
    g_b2 = 0.0
    g_w1 = [0.0] * 6
    g_b1 = [0.0, 0.0, 0.0]
    for n in range(n_samples):
        g_b2 = g_b2 + dout[n]
        for j in range(3):
            g_w2[j] = g_w2[j] + dout[n] * h[n][j]
            dz = dout[n] * w2[j] if z[n][j] > 0.0 else 0.0
            g_b1[j] = g_b1[j] + dz
            g_w1[2 * j] = g_w1[2 * j] + dz * MLP_X[n][0]
            g_w1[2 * j + 1] = g_w1[2 * j + 1] + dz * MLP_X[n][1]
    return {"W1": g_w1, "b1": g_b1, "W2": g_w2, "b2": [g_b2]}


# name -> (list of (parameter name, shape, initial row-major values), gradient function)
PROBLEMS = {
    "cs231n": ([("x", (1, 1), [2.0])], cs231n_grad),
    "bowl": ([("theta", (2, 2), [-3.0, 4.0, 2.0, -1.0])], bowl_grad),
    "rosenbrock": ([("xy", (1, 2), [-1.2, 1.0])], rosenbrock_grad),
    "mlp": ([("W1", (3, 2), [0.1, -0.2, 0.4, 0.3, -0.5, 0.6]),
             ("b1", (1, 3), [0.05, -0.1, 0.2]),
             ("W2", (1, 3), [0.3, -0.6, 0.9]),
             ("b2", (1, 1), [0.1])], mlp_grad),
}

# Plain SGD needs a problem-dependent learning rate to stay stable (Rosenbrock's curvature is ~1000);
# adaptive methods use the case's rate everywhere.
SGD_LR = {"cs231n": 0.1, "bowl": 0.05, "rosenbrock": 0.001, "mlp": 0.1}


def sgd(**kw):
    return lambda params, problem: torch.optim.SGD(params, lr=SGD_LR[problem], foreach=False, **kw)


def fixed(cls, **kw):
    return lambda params, problem: cls(params, foreach=False, **kw)


CASES = {
    "sgd_plain": (sgd(), None),
    "sgd_momentum": (sgd(momentum=0.9), None),
    "sgd_dampening": (sgd(momentum=0.9, dampening=0.3), None),
    "sgd_nesterov": (sgd(momentum=0.9, nesterov=True), None),
    "sgd_weight_decay": (sgd(weight_decay=0.1), None),
    "sgd_nesterov_weight_decay": (sgd(momentum=0.9, nesterov=True, weight_decay=0.1), None),
    "adagrad_default": (fixed(torch.optim.Adagrad, lr=0.1), None),
    "adagrad_lr_decay": (fixed(torch.optim.Adagrad, lr=0.1, lr_decay=0.05), None),
    "adagrad_initial_accumulator": (fixed(torch.optim.Adagrad, lr=0.1, initial_accumulator_value=0.5), None),
    "adagrad_eps": (fixed(torch.optim.Adagrad, lr=0.1, eps=1e-3), None),
    "adagrad_weight_decay": (fixed(torch.optim.Adagrad, lr=0.1, weight_decay=0.1), None),
    "rmsprop_default": (fixed(torch.optim.RMSprop, lr=0.01), None),
    "rmsprop_centered": (fixed(torch.optim.RMSprop, lr=0.01, centered=True), None),
    "rmsprop_momentum": (fixed(torch.optim.RMSprop, lr=0.01, momentum=0.9), None),
    "rmsprop_centered_momentum": (fixed(torch.optim.RMSprop, lr=0.01, centered=True, momentum=0.9), None),
    "rmsprop_alpha_eps_weight_decay": (fixed(torch.optim.RMSprop, lr=0.01, alpha=0.9, eps=1e-4,
                                             weight_decay=0.1), None),
    "adam_default": (fixed(torch.optim.Adam, lr=0.1), None),
    "adam_betas_eps": (fixed(torch.optim.Adam, lr=0.1, betas=(0.8, 0.99), eps=1e-6), None),
    "adam_weight_decay": (fixed(torch.optim.Adam, lr=0.1, weight_decay=0.1), None),
    "adam_amsgrad": (fixed(torch.optim.Adam, lr=0.1, amsgrad=True), None),
    "adamw": (fixed(torch.optim.AdamW, lr=0.1, weight_decay=0.1), None),
    "adamw_amsgrad": (fixed(torch.optim.AdamW, lr=0.1, weight_decay=0.1, amsgrad=True), None),
    "sched_step": (sgd(momentum=0.9), lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5)),
    "sched_multistep": (sgd(momentum=0.9),
                        lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[2, 5], gamma=0.1)),
    "sched_exponential": (sgd(momentum=0.9), lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.8)),
    "sched_inverse_time": (sgd(momentum=0.9),
                           lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda e: 1.0 / (1.0 + 0.5 * e))),
    "sched_power": (sgd(momentum=0.9),
                    lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda e: 1.0 / math.sqrt(e + 1.0))),
    "sched_polynomial": (sgd(momentum=0.9),
                         lambda o: torch.optim.lr_scheduler.PolynomialLR(o, total_iters=8, power=2.0)),
    "sched_cosine": (sgd(momentum=0.9),
                     lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=8, eta_min=0.001)),
    "sched_linear_warmup": (sgd(momentum=0.9),
                            lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=0.25, end_factor=1.0,
                                                                        total_iters=4)),
    "sched_adam_cosine": (fixed(torch.optim.Adam, lr=0.1),
                          lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10)),
}


def run_case(writer, case, make_opt, make_sched, problem):
    specs, grad_fn = PROBLEMS[problem]
    params = [torch.tensor(values).reshape(shape) for (_, shape, values) in specs]
    names = [name for (name, _, _) in specs]
    opt = make_opt(params, problem)
    sched = make_sched(opt) if make_sched is not None else None

    def emit(step, kind, name, values):
        for index, value in enumerate(values):
            writer.writerow([case, problem, step, kind, name, index, float.hex(value), repr(value)])

    def emit_params(step):
        for name, p in zip(names, params):
            emit(step, "param", name, p.reshape(-1).tolist())

    def emit_lr(step):
        if sched is not None:
            emit(step, "lr", "last", [sched.get_last_lr()[0]])
            if hasattr(sched, "_get_closed_form_lr"):  # LambdaLR has only its direct (closed) form
                emit(step, "lr", "closed", [sched._get_closed_form_lr()[0]])

    emit_params(0)
    emit_lr(0)
    for step in range(1, STEPS + 1):
        current = {name: p.reshape(-1).tolist() for name, p in zip(names, params)}
        grads = grad_fn(current)
        for name, p in zip(names, params):
            p.grad = torch.tensor(grads[name]).reshape(p.shape)
        opt.step()
        emit_params(step)
        if sched is not None:
            sched.step()
            emit_lr(step)
    state = opt.state_dict()["state"]
    for i, name in enumerate(names):
        for key, value in sorted(state.get(i, {}).items()):
            if value is None:  # SGD without momentum keeps momentum_buffer = None
                continue
            values = value.reshape(-1).tolist() if torch.is_tensor(value) else [float(value)]
            emit(STEPS, "state", name + "." + key, [float(v) for v in values])


def main():
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pytorch_trajectories.csv")
    with open(out_path, "w", newline="") as f:
        f.write("# PyTorch float64 optimizer trajectories for dlref optim. Generated by make_golden.py (this\n")
        f.write("# directory) with torch %s, Python %s. Do not edit by hand.\n"
                % (torch.__version__, sys.version.split()[0]))
        f.write("# Compare with tolerance 1e-12 relative to the largest magnitude in the same matrix (see\n")
        f.write("# io.github.dlref.optim.Tolerances.PYTORCH_RELATIVE).\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["case", "problem", "step", "kind", "name", "index", "value_hex", "value_repr"])
        for case, (make_opt, make_sched) in CASES.items():
            for problem in PROBLEMS:
                run_case(writer, case, make_opt, make_sched, problem)


if __name__ == "__main__":
    main()
