#!/usr/bin/python3
"""Golden values for the optimizers, clipping forms, parameter groups and schedules added after the first
golden file (issue 21), computed by PyTorch in float64.

How to run (from the repository root; needs Debian's python3-torch, tested with torch 1.13.0a0):

    /usr/bin/python3 optim/src/test/resources/golden/make_golden_extended.py

It rewrites optim/src/test/resources/golden/pytorch_trajectories_extended.csv next to this script and leaves
pytorch_trajectories.csv (make_golden.py) alone. CI never runs Python: the tests
(io.github.dlref.optim.PyTorchExtendedGoldenTest) read the committed CSV.

The problems and their closed-form gradients are make_golden.py's (imported from it), plus one for L-BFGS:

  lsq  f = 1/2 ||A x - b||^2 with A 4x3 and b below, gradient A^T (A x - b), from x = 0, shape 1x3

Every case runs STEPS optimizer steps (L-BFGS: LBFGS_STEPS calls of step(closure), each up to max_iter
inner iterations) with the gradient handed over through param.grad (autograd is not used), single-tensor
code paths (foreach=False).

Cases:
  nadam_*, radam_*, adamax_*, adadelta_*, rprop_*, asgd_*   torch.optim.{NAdam,RAdam,Adamax,Adadelta,Rprop,ASGD}
  clip_norm_*, clip_value       torch.nn.utils.clip_grad_norm_ / clip_grad_value_ applied to the gradients
                                before every step of SGD with momentum 0.9 (make_golden.py's SGD_LR); the total
                                norm clip_grad_norm_ returns is written as kind "norm", name "total"
  groups_*                      two param groups (weights, biases) of the mlp problem with their own
                                hyper-parameters; a scheduler acts on both; kind "lr" rows are named "last.<g>"
  sched_onecycle_*, sched_warm_restarts_*, sched_cyclic_*   lr_scheduler.{OneCycleLR, CosineAnnealingWarmRestarts,
                                CyclicLR} with cycle_momentum=False (dlref's schedules drive the learning rate only)
  plateau_*                     lr_scheduler.ReduceLROnPlateau stepped after every optimizer step with the metric
                                PLATEAU_METRICS[step - 1] (a fixed sequence, so the decision points are known)
  lbfgs_*                       torch.optim.LBFGS with its defaults (lr 1, max_iter 20, history 100,
                                tolerance_grad 1e-7, tolerance_change 1e-9), without line search and with
                                strong Wolfe, and with history_size 2 or max_iter 5 (max_eval 6); kind "loss" is the value step(closure) returns, state holds
                                func_evals and n_iter

Output format: as make_golden.py (case,problem,step,kind,name,index,value_hex,value_repr); state rows hold
PyTorch's state keys after the last step, scalars (NAdam's mu_product, ASGD's eta and mu) as one value.
Comparison tolerance: 1e-12 relative to the largest magnitude in the same matrix (normwise).
"""

import csv
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_golden as base  # noqa: E402  (the four problems and SGD_LR)

STEPS = 10
LBFGS_STEPS = 2
torch.set_default_dtype(torch.float64)

LSQ_A = [[1.0, 2.0, 0.5], [0.0, 1.0, -1.0], [2.0, -1.0, 1.0], [1.0, 1.0, 3.0]]
LSQ_B = [1.0, -2.0, 0.5, 3.0]


def lsq_loss_grad(x):
    r = [((LSQ_A[i][0] * x[0] + LSQ_A[i][1] * x[1]) + LSQ_A[i][2] * x[2]) - LSQ_B[i] for i in range(4)]
    loss = 0.5 * (((r[0] * r[0] + r[1] * r[1]) + r[2] * r[2]) + r[3] * r[3])
    g = [((LSQ_A[0][j] * r[0] + LSQ_A[1][j] * r[1]) + LSQ_A[2][j] * r[2]) + LSQ_A[3][j] * r[3] for j in range(3)]
    return loss, g


def rosenbrock_loss_grad(xy):
    x, y = xy
    loss = (1.0 - x) * (1.0 - x) + 100.0 * ((y - x * x) * (y - x * x))
    g = base.rosenbrock_grad({"xy": xy})["xy"]
    return loss, g


LOSS_PROBLEMS = {
    "rosenbrock": ("xy", (1, 2), [-1.2, 1.0], rosenbrock_loss_grad),
    "lsq": ("x", (1, 3), [0.0, 0.0, 0.0], lsq_loss_grad),
}

ALL = list(base.PROBLEMS)
PLATEAU_METRICS = [10.0, 9.0, 9.5, 9.2, 8.99, 9.0, 9.1, 7.0, 7.0, 6.9995]


def fixed(cls, **kw):
    return lambda params, problem: cls(params, foreach=False, **kw)


def sgd_momentum(params, problem):
    return torch.optim.SGD(params, lr=base.SGD_LR[problem], momentum=0.9, foreach=False)


def radam(**kw):
    # RAdam's first steps (rho_t <= 5) are SGD with momentum: they need SGD's problem-dependent rate
    # (Rosenbrock diverges to NaN with 0.1).
    return lambda params, problem: torch.optim.RAdam(params, lr=base.SGD_LR[problem], foreach=False, **kw)


def asgd(**kw):
    return lambda params, problem: torch.optim.ASGD(params, lr=base.SGD_LR[problem], foreach=False, **kw)


def groups_sgd(params, problem):
    w1, b1, w2, b2 = params
    return torch.optim.SGD([{"params": [w1, w2], "lr": 0.1, "momentum": 0.9, "weight_decay": 0.01},
                            {"params": [b1, b2], "lr": 0.05, "momentum": 0.5}], lr=0.2, foreach=False)


def groups_adam(params, problem):
    w1, b1, w2, b2 = params
    return torch.optim.Adam([{"params": [w1, w2], "lr": 0.1, "weight_decay": 0.1},
                             {"params": [b1, b2], "lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6}],
                            foreach=False)


def groups_adamw(params, problem):
    w1, b1, w2, b2 = params
    return torch.optim.AdamW([{"params": [w1, w2]}, {"params": [b1, b2], "lr": 0.02, "weight_decay": 0.0}],
                             lr=0.1, weight_decay=0.1, foreach=False)


S = torch.optim.lr_scheduler


def clip_norm(max_norm):
    return lambda params: torch.nn.utils.clip_grad_norm_(params, max_norm)


def clip_value(value):
    def f(params):
        torch.nn.utils.clip_grad_value_(params, value)
    return f


# name -> (optimizer factory, scheduler factory or None, problems, clip function or None, plateau metric)
CASES = {
    "nadam_default": (fixed(torch.optim.NAdam, lr=0.1), None, ALL, None),
    "nadam_momentum_decay": (fixed(torch.optim.NAdam, lr=0.1, momentum_decay=0.5, betas=(0.8, 0.99)),
                             None, ALL, None),
    "nadam_weight_decay": (fixed(torch.optim.NAdam, lr=0.1, weight_decay=0.1, eps=1e-6), None, ALL, None),
    "radam_default": (radam(), None, ALL, None),
    "radam_betas": (radam(betas=(0.8, 0.9), eps=1e-6), None, ALL, None),
    "radam_weight_decay": (radam(betas=(0.9, 0.9), weight_decay=0.1), None, ALL, None),
    "adamax_default": (fixed(torch.optim.Adamax, lr=0.1), None, ALL, None),
    "adamax_betas_eps": (fixed(torch.optim.Adamax, lr=0.1, betas=(0.8, 0.9), eps=1e-3), None, ALL, None),
    "adamax_weight_decay": (fixed(torch.optim.Adamax, lr=0.1, weight_decay=0.1), None, ALL, None),
    "adadelta_default": (fixed(torch.optim.Adadelta), None, ALL, None),
    "adadelta_rho_eps_weight_decay": (fixed(torch.optim.Adadelta, lr=0.5, rho=0.5, eps=1e-3, weight_decay=0.1),
                                      None, ALL, None),
    "rprop_default": (fixed(torch.optim.Rprop), None, ALL, None),
    "rprop_etas_step_sizes": (fixed(torch.optim.Rprop, lr=0.1, etas=(0.3, 1.5), step_sizes=(1e-3, 0.2)),
                              None, ALL, None),
    "asgd_default": (asgd(), None, ALL, None),
    "asgd_t0_lambd_alpha": (asgd(t0=3, lambd=0.05, alpha=0.5), None, ALL, None),
    "asgd_weight_decay": (asgd(t0=0, weight_decay=0.1), None, ALL, None),
    "clip_norm_1": (sgd_momentum, None, ALL, clip_norm(1.0)),
    "clip_norm_100": (sgd_momentum, None, ALL, clip_norm(100.0)),
    "clip_value_half": (sgd_momentum, None, ALL, clip_value(0.5)),
    "groups_sgd": (groups_sgd, None, ["mlp"], None),
    "groups_adam_step": (groups_adam, lambda o: S.StepLR(o, step_size=3, gamma=0.5), ["mlp"], None),
    "groups_adamw_cosine": (groups_adamw, lambda o: S.CosineAnnealingLR(o, T_max=6, eta_min=0.001), ["mlp"], None),
    "groups_sgd_onecycle": (groups_sgd, lambda o: S.OneCycleLR(o, max_lr=[0.2, 0.1], total_steps=12,
                                                               cycle_momentum=False), ["mlp"], None),
    "sched_onecycle_cos": (sgd_momentum, lambda o: S.OneCycleLR(o, max_lr=o.param_groups[0]["lr"], total_steps=10,
                                                                cycle_momentum=False), ALL, None),
    "sched_onecycle_linear_three_phase": (
        sgd_momentum, lambda o: S.OneCycleLR(o, max_lr=o.param_groups[0]["lr"], total_steps=12, pct_start=0.25,
                                             anneal_strategy="linear", div_factor=10.0, final_div_factor=100.0,
                                             three_phase=True, cycle_momentum=False), ALL, None),
    "sched_onecycle_cos_three_phase": (
        sgd_momentum, lambda o: S.OneCycleLR(o, max_lr=o.param_groups[0]["lr"], total_steps=11, pct_start=0.4,
                                             three_phase=True, cycle_momentum=False), ALL, None),
    "sched_warm_restarts": (sgd_momentum, lambda o: S.CosineAnnealingWarmRestarts(
        o, T_0=3, eta_min=0.1 * o.param_groups[0]["lr"]), ALL, None),
    "sched_warm_restarts_mult": (sgd_momentum, lambda o: S.CosineAnnealingWarmRestarts(
        o, T_0=2, T_mult=2, eta_min=0.0), ALL, None),
    "sched_cyclic_triangular": (sgd_momentum, lambda o: S.CyclicLR(
        o, base_lr=0.2 * o.param_groups[0]["lr"], max_lr=o.param_groups[0]["lr"], step_size_up=2,
        step_size_down=3, cycle_momentum=False), ALL, None),
    "sched_cyclic_triangular2": (sgd_momentum, lambda o: S.CyclicLR(
        o, base_lr=0.1 * o.param_groups[0]["lr"], max_lr=o.param_groups[0]["lr"], step_size_up=2,
        mode="triangular2", cycle_momentum=False), ALL, None),
    "sched_cyclic_exp_range": (sgd_momentum, lambda o: S.CyclicLR(
        o, base_lr=0.1 * o.param_groups[0]["lr"], max_lr=o.param_groups[0]["lr"], step_size_up=3,
        mode="exp_range", gamma=0.9, cycle_momentum=False), ALL, None),
    "plateau_min_rel": (sgd_momentum, lambda o: S.ReduceLROnPlateau(o, patience=1), ALL, None),
    "plateau_min_abs_cooldown": (sgd_momentum, lambda o: S.ReduceLROnPlateau(
        o, factor=0.5, patience=0, threshold=0.05, threshold_mode="abs", cooldown=2), ALL, None),
    "plateau_max_rel_min_lr": (sgd_momentum, lambda o: S.ReduceLROnPlateau(
        o, mode="max", factor=0.3, patience=1, min_lr=0.02 * o.param_groups[0]["lr"]), ALL, None),
    "plateau_max_abs_eps": (sgd_momentum, lambda o: S.ReduceLROnPlateau(
        o, mode="max", factor=0.5, patience=0, threshold=0.5, threshold_mode="abs",
        eps=0.3 * o.param_groups[0]["lr"]), ALL, None),
}

# name -> (LBFGS keyword arguments, problems). A history of 2 without line search on Rosenbrock amplifies the
# rounding of the dot products past 1e-9 within two steps, so that case runs on the least-squares problem only.
LBFGS_CASES = {
    "lbfgs_default": ({}, ["rosenbrock", "lsq"]),
    "lbfgs_strong_wolfe": ({"line_search_fn": "strong_wolfe"}, ["rosenbrock", "lsq"]),
    "lbfgs_history_2": ({"history_size": 2}, ["lsq"]),
    "lbfgs_max_iter_5_wolfe": ({"max_iter": 5, "line_search_fn": "strong_wolfe"}, ["rosenbrock", "lsq"]),
}


def emitter(writer, case, problem):
    def emit(step, kind, name, values):
        for index, value in enumerate(values):
            writer.writerow([case, problem, step, kind, name, index, float.hex(value), repr(value)])
    return emit


def emit_state(emit, opt, names, params, step):
    for name, p in zip(names, params):
        for key, value in sorted(opt.state.get(p, {}).items()):
            if value is None or isinstance(value, list):
                continue
            values = value.reshape(-1).tolist() if torch.is_tensor(value) else [float(value)]
            emit(step, "state", name + "." + key, [float(v) for v in values])


def run_case(writer, case, make_opt, make_sched, problem, clip):
    specs, grad_fn = base.PROBLEMS[problem]
    params = [torch.tensor(values).reshape(shape) for (_, shape, values) in specs]
    names = [name for (name, _, _) in specs]
    opt = make_opt(params, problem)
    sched = make_sched(opt) if make_sched is not None else None
    plateau = isinstance(sched, S.ReduceLROnPlateau)
    emit = emitter(writer, case, problem)

    def emit_params(step):
        for name, p in zip(names, params):
            emit(step, "param", name, p.reshape(-1).tolist())

    def emit_lr(step):
        if sched is None:
            return
        groups = opt.param_groups
        for g, group in enumerate(groups):
            suffix = "" if len(groups) == 1 else "." + str(g)
            emit(step, "lr", "last" + suffix, [float(group["lr"])])
            if hasattr(sched, "_get_closed_form_lr"):
                emit(step, "lr", "closed" + suffix, [sched._get_closed_form_lr()[g]])

    emit_params(0)
    emit_lr(0)
    for step in range(1, STEPS + 1):
        current = {name: p.reshape(-1).tolist() for name, p in zip(names, params)}
        grads = grad_fn(current)
        for name, p in zip(names, params):
            p.grad = torch.tensor(grads[name]).reshape(p.shape)
        if clip is not None:
            total = clip(params)
            if total is not None:
                emit(step, "norm", "total", [float(total)])
        opt.step()
        emit_params(step)
        if sched is not None:
            if plateau:
                sched.step(PLATEAU_METRICS[step - 1])
            else:
                sched.step()
            emit_lr(step)
    emit_state(emit, opt, names, params, STEPS)


def run_lbfgs(writer, case, kwargs, problem):
    name, shape, initial, loss_grad = LOSS_PROBLEMS[problem]
    p = torch.tensor(initial).reshape(shape)
    opt = torch.optim.LBFGS([p], **kwargs)
    emit = emitter(writer, case, problem)

    def closure():
        loss, g = loss_grad(p.reshape(-1).tolist())
        p.grad = torch.tensor(g).reshape(shape)
        return torch.tensor(loss)

    emit(0, "param", name, p.reshape(-1).tolist())
    for step in range(1, LBFGS_STEPS + 1):
        loss = opt.step(closure)
        emit(step, "loss", "returned", [float(loss)])
        emit(step, "param", name, p.reshape(-1).tolist())
    state = opt.state[p]
    emit(LBFGS_STEPS, "state", name + ".func_evals", [float(state["func_evals"])])
    emit(LBFGS_STEPS, "state", name + ".n_iter", [float(state["n_iter"])])


def main():
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pytorch_trajectories_extended.csv")
    with open(out_path, "w", newline="") as f:
        f.write("# PyTorch float64 trajectories for dlref optim (optimizers, clipping, groups, schedules of issue\n")
        f.write("# 21). Generated by make_golden_extended.py (this directory) with torch %s, Python %s.\n"
                % (torch.__version__, sys.version.split()[0]))
        f.write("# Do not edit by hand. Compare with tolerance 1e-12 relative to the largest magnitude in the\n")
        f.write("# same matrix (see io.github.dlref.optim.Tolerances.PYTORCH_RELATIVE).\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["case", "problem", "step", "kind", "name", "index", "value_hex", "value_repr"])
        for case, (make_opt, make_sched, problems, clip) in CASES.items():
            for problem in problems:
                run_case(writer, case, make_opt, make_sched, problem, clip)
        for case, (kwargs, problems) in LBFGS_CASES.items():
            for problem in problems:
                run_lbfgs(writer, case, kwargs, problem)


if __name__ == "__main__":
    main()
