#!/usr/bin/python3
"""Golden L-BFGS runs that reach the branches make_golden_extended.py's lbfgs_* cases leave alone: the strong-Wolfe
line search's extrapolation phase (a first step too short), its zoom phase (a first step far too long, with
the insufficient-progress safeguard), a line search that uses up its 25 evaluations, history eviction under
strong Wolfe, a learning rate other than 1, and parameters split over several tensors (the flat order).
Computed by torch.optim.LBFGS in float64.

A second file, lbfgs_stop_rules.csv, holds runs chosen so that each of step()'s stopping rules ends a step, without
line search and with strong Wolfe: the loss change |loss - prev_loss| < tolerance_change, the parameter change
max|t d| <= tolerance_change, the directional derivative g.d > -tolerance_change, max_iter, max_eval,
max|g| <= tolerance_grad after an iteration, and max|g| <= tolerance_grad at the first evaluation (return at once).
The rule that fired is not guessed: a trace function (sys.settrace) reads step()'s local variables when it
returns, and the script re-evaluates torch's conditions on them in torch's order (STOP_RULES); the first that holds
is written, with the value it tested. The script also counts the closure calls of each step and checks them
against the growth of state['func_evals'].

How to run (from the repository root; needs Debian's python3-torch, tested with torch 1.13.0a0):

    /usr/bin/python3 optim/src/test/resources/golden/make_lbfgs_golden.py

It rewrites optim/src/test/resources/golden/lbfgs_line_search.csv next to this script. CI never runs Python: the
tests (io.github.dlref.optim.LBFGSTest) read the committed CSV.

Problems: make_golden_extended.py's rosenbrock (from (-1.2, 1)) and lsq (1/2 ||A x - b||^2 from x = 0, shape
1x3), plus lsq_split: the same lsq with x held by two parameters, "x01" (1x2, x[0] and x[1]) and "x2" (1x1, x[2]).

Every case runs LBFGS_STEPS calls of step(closure); the closure sets the closed-form gradients through
param.grad (autograd is not used).

Output format: as make_golden.py (case,problem,step,kind,name,index,value_hex,value_repr); kind "loss" is the
value step(closure) returns; state rows (after the last step, on the first parameter, where PyTorch keeps them)
hold func_evals and n_iter. Comparison tolerance: 1e-12 relative to the largest magnitude in the same matrix.

lbfgs_stop_rules.csv has the same columns and, after every step: "param" and "loss" rows as above, "state" rows
<first parameter>.func_evals and .n_iter (torch's running totals after that step), a "calls" row "closure" (closure
calls during that step), and one "stop" row named after the rule that ended the step (a STOP_RULES name) whose
value is the quantity the rule compared: g.d, max|t d|, |loss - prev_loss|, max|g|, n_iter or current_evals.
Step-0 "hyper" rows hold the run's tolerance_grad / tolerance_change where the script sets them; the EQUAL_CASES
runs set one to exactly a value another run's rule tested (the comparison then meets equality).
"""

import csv
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_golden_extended as ext  # noqa: E402  (the loss problems and the CSV emitter)

LBFGS_STEPS = 3
torch.set_default_dtype(torch.float64)

# problem -> ([(name, shape, initial values)], loss and gradient of the flat vector)
PROBLEMS = {
    "rosenbrock": ([("xy", (1, 2), [-1.2, 1.0])], ext.rosenbrock_loss_grad),
    "lsq": ([("x", (1, 3), [0.0, 0.0, 0.0])], ext.lsq_loss_grad),
    "lsq_split": ([("x01", (1, 2), [0.0, 0.0]), ("x2", (1, 1), [0.0])], ext.lsq_loss_grad),
}

WOLFE = {"line_search_fn": "strong_wolfe"}

# name -> (LBFGS keyword arguments, problems)
CASES = {
    "lbfgs_wolfe_lr_0.01": (dict(WOLFE, lr=0.01), ["rosenbrock", "lsq", "lsq_split"]),
    "lbfgs_wolfe_lr_1e-30": (dict(WOLFE, lr=1e-30), ["rosenbrock", "lsq"]),
    "lbfgs_wolfe_lr_30": (dict(WOLFE, lr=30.0), ["rosenbrock", "lsq", "lsq_split"]),
    "lbfgs_wolfe_history_1": (dict(WOLFE, history_size=1), ["lsq"]),
    "lbfgs_wolfe_history_2_max_iter_5": (dict(WOLFE, history_size=2, max_iter=5), ["rosenbrock"]),
    "lbfgs_lr_0.5": ({"lr": 0.5}, ["rosenbrock", "lsq_split"]),
}


def run(writer, case, kwargs, problem):
    specs, loss_grad = PROBLEMS[problem]
    params = [torch.tensor(values).reshape(shape) for (_, shape, values) in specs]
    names = [name for (name, _, _) in specs]
    opt = torch.optim.LBFGS(params, **kwargs)
    emit = ext.emitter(writer, case, problem)

    def closure():
        flat = [v for p in params for v in p.reshape(-1).tolist()]
        loss, g = loss_grad(flat)
        offset = 0
        for p in params:
            p.grad = torch.tensor(g[offset:offset + p.numel()]).reshape(p.shape)
            offset += p.numel()
        return torch.tensor(loss)

    def emit_params(step):
        for name, p in zip(names, params):
            emit(step, "param", name, p.reshape(-1).tolist())

    emit_params(0)
    for step in range(1, LBFGS_STEPS + 1):
        loss = opt.step(closure)
        emit(step, "loss", "returned", [float(loss)])
        emit_params(step)
    state = opt.state[params[0]]
    emit(LBFGS_STEPS, "state", names[0] + ".func_evals", [float(state["func_evals"])])
    emit(LBFGS_STEPS, "state", names[0] + ".n_iter", [float(state["n_iter"])])


# name -> (LBFGS keyword arguments, problems); the comment lists the rule that ends steps 1, 2, 3
STOP_CASES = {
    # loss change, then g.d (the next step starts where the last one left a tiny gradient)
    "lbfgs_stop_loss_change": ({"tolerance_change": 1e-3, "lr": 0.5}, ["lsq"]),
    "lbfgs_stop_loss_change_wolfe": (dict(WOLFE, tolerance_change=1e-3, lr=0.5), ["lsq"]),
    # max|t d| <= 1e-2 with lr 1e-3 (every step); with strong Wolfe: Rosenbrock's second iteration, then g.d
    "lbfgs_stop_step_change": ({"tolerance_change": 1e-2, "lr": 1e-3}, ["rosenbrock", "lsq"]),
    "lbfgs_stop_step_change_wolfe": (dict(WOLFE, tolerance_change=1e-2), ["rosenbrock"]),
    # g.d > -0.1 from the sixth iteration on
    "lbfgs_stop_directional": ({"tolerance_change": 1e-1}, ["lsq"]),
    "lbfgs_stop_directional_wolfe": (dict(WOLFE, tolerance_change=1e-1), ["rosenbrock", "lsq"]),
    # max|g| <= 1e-3 after an iteration, then at the first evaluation of steps 2 and 3
    "lbfgs_stop_tolerance_grad": ({"tolerance_grad": 1e-3}, ["lsq"]),
    "lbfgs_stop_tolerance_grad_wolfe": (dict(WOLFE, tolerance_grad=1e-3), ["lsq"]),
    # evaluation and iteration budgets
    "lbfgs_stop_max_eval": ({"max_iter": 10, "max_eval": 3}, ["rosenbrock", "lsq"]),
    "lbfgs_stop_max_eval_wolfe": (dict(WOLFE, max_iter=10, max_eval=3), ["rosenbrock", "lsq"]),
    "lbfgs_stop_max_iter": ({"max_iter": 3, "max_eval": 10}, ["rosenbrock", "lsq"]),
    "lbfgs_stop_max_iter_wolfe": (dict(WOLFE, max_iter=3, max_eval=10), ["rosenbrock", "lsq"]),
}

# Boundary runs: a tolerance set to exactly the value a rule tested in a run above, so that the rule's comparison
# meets equality (torch's <= stops, its < and > do not). name -> (base case, problem, base step, tolerance key);
# base step 0 means max|g| at the starting point. The earlier iterations are unchanged: the new tolerance is
# smaller than the base run's, whose rules did not fire there. The comment lists torch's outcome at equality.
EQUAL_CASES = {
    # max|g| at x0 <= tolerance_grad: every step returns at once
    "lbfgs_stop_tolerance_grad_at_start_equal": ("lbfgs_stop_tolerance_grad", "lsq", 0, "tolerance_grad"),
    # max|t d| <= tolerance_change at the first iteration: stops there
    "lbfgs_stop_step_change_equal": ("lbfgs_stop_step_change", "rosenbrock", 1, "tolerance_change"),
    # |loss - prev_loss| = tolerance_change is not < it: goes on
    "lbfgs_stop_loss_change_equal": ("lbfgs_stop_loss_change", "lsq", 1, "tolerance_change"),
}
# No such run for max|g| <= tolerance_grad after an iteration: dlref's gradient there is not torch's bit for bit
# (tried: with tolerance_grad = 0.00020210864653202876 on lsq, dlref stops at the same point under < as under <=).
# Nor for g.d > -tolerance_change: g.d is a dot product, and torch's kernel rounds it differently from a
# flat-order sum (dlref's), so an equality built on torch's value does not carry over bit for bit (tried: at
# tolerance_change = 0.021355482334655267 on lsq torch goes on and dlref stops one evaluation earlier).

# torch 1.13's LBFGS.step, without its no_grad wrapper: the frame whose locals the trace reads
STEP_CODE = torch.optim.LBFGS.step.__wrapped__.__code__


def stop_rule(loc):
    """The rule that ended step(), from its local variables at return, in torch's order: (name, tested value)."""
    if "n_iter" not in loc:
        return "tolerance_grad_at_start", float(loc["flat_grad"].abs().max())
    tolerance_change = loc["tolerance_change"]
    gtd = float(loc["gtd"])
    if gtd > -tolerance_change:
        return "directional_derivative", gtd
    if loc["n_iter"] == loc["max_iter"]:
        return "max_iter", float(loc["n_iter"])
    if loc["current_evals"] >= loc["max_eval"]:
        return "max_eval", float(loc["current_evals"])
    if bool(loc["opt_cond"]):
        return "tolerance_grad", float(loc["flat_grad"].abs().max())
    step_change = float(loc["d"].mul(loc["t"]).abs().max())
    if step_change <= tolerance_change:
        return "step_change", step_change
    loss_change = abs(loc["loss"] - loc["prev_loss"])
    if loss_change < tolerance_change:
        return "loss_change", loss_change
    raise AssertionError("step() returned without any stopping rule holding")


STOP_RULES = ["loss_change", "step_change", "directional_derivative", "max_iter", "max_eval", "tolerance_grad",
              "tolerance_grad_at_start"]


def traced_step(opt, closure):
    """opt.step(closure) and the rule that ended it."""
    captured = {}

    def local_trace(frame, event, arg):
        if event == "return":
            captured.update(frame.f_locals)
        return local_trace

    def trace(frame, event, arg):
        return local_trace if frame.f_code is STEP_CODE else None

    sys.settrace(trace)
    try:
        loss = opt.step(closure)
    finally:
        sys.settrace(None)
    return loss, stop_rule(captured)


def run_stop(writer, case, kwargs, problem, tested=None):
    """The stop-rule run of one case; records the values its rules tested in tested[step] when given."""
    specs, loss_grad = PROBLEMS[problem]
    params = [torch.tensor(values).reshape(shape) for (_, shape, values) in specs]
    names = [name for (name, _, _) in specs]
    opt = torch.optim.LBFGS(params, **kwargs)
    emit = ext.emitter(writer, case, problem)
    calls = [0]

    def closure():
        calls[0] += 1
        flat = [v for p in params for v in p.reshape(-1).tolist()]
        loss, g = loss_grad(flat)
        offset = 0
        for p in params:
            p.grad = torch.tensor(g[offset:offset + p.numel()]).reshape(p.shape)
            offset += p.numel()
        return torch.tensor(loss)

    for name, p in zip(names, params):
        emit(0, "param", name, p.reshape(-1).tolist())
    state = opt.state[params[0]]
    for step in range(1, LBFGS_STEPS + 1):
        before_calls = calls[0]
        before_evals = state.get("func_evals", 0)
        if step == 1:
            for key in ("tolerance_grad", "tolerance_change"):
                if key in kwargs:
                    emit(0, "hyper", key, [float(kwargs[key])])
        loss, (rule, value) = traced_step(opt, closure)
        if tested is not None:
            tested[step] = value
        assert calls[0] - before_calls == state["func_evals"] - before_evals, (case, problem, step)
        emit(step, "loss", "returned", [float(loss)])
        for name, p in zip(names, params):
            emit(step, "param", name, p.reshape(-1).tolist())
        emit(step, "state", names[0] + ".func_evals", [float(state["func_evals"])])
        emit(step, "state", names[0] + ".n_iter", [float(state["n_iter"])])
        emit(step, "calls", "closure", [float(calls[0] - before_calls)])
        emit(step, "stop", rule, [value])


def start_csv(f, what):
    """Writes a golden file's comment header (what it holds, its generator, the tolerance) and column names."""
    f.write("# PyTorch float64 L-BFGS runs for dlref optim%s%s\n" % ("" if what.startswith(":") else " ", what))
    f.write("# Generated by make_lbfgs_golden.py (this directory) with torch %s, Python %s.\n"
            % (torch.__version__, sys.version.split()[0]))
    f.write("# Do not edit by hand. Compare with tolerance 1e-12 relative to the largest magnitude in the\n")
    f.write("# same matrix (see io.github.dlref.optim.Tolerances.PYTORCH_RELATIVE).\n")
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["case", "problem", "step", "kind", "name", "index", "value_hex", "value_repr"])
    return writer


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lbfgs_line_search.csv")
    with open(out, "w", newline="") as f:
        writer = start_csv(f, "(line-search branches, split parameters).")
        for case, (kwargs, problems) in CASES.items():
            for problem in problems:
                run(writer, case, kwargs, problem)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lbfgs_stop_rules.csv")
    with open(out, "w", newline="") as f:
        writer = start_csv(f, ": each stopping rule of step() ends some step.")
        tested = {}
        for case, (kwargs, problems) in STOP_CASES.items():
            for problem in problems:
                tested[(case, problem)] = {}
                run_stop(writer, case, kwargs, problem, tested[(case, problem)])
        for case, (base, problem, base_step, key) in EQUAL_CASES.items():
            kwargs = dict(STOP_CASES[base][0])
            if base_step == 0:
                specs, loss_grad = PROBLEMS[problem]
                kwargs[key] = max(abs(v) for v in loss_grad([v for (_, _, values) in specs for v in values])[1])
            else:
                kwargs[key] = abs(tested[(base, problem)][base_step])
            run_stop(writer, case, kwargs, problem)
    covered = set()
    with open(out) as f:
        for row in csv.reader(line for line in f if not line.startswith("#")):
            if row[3] == "stop":
                covered.add((row[4], "wolfe" in row[0]))
    missing = [(r, w) for r in STOP_RULES for w in (False, True) if (r, w) not in covered]
    assert not missing, "stopping rules that end no step: %s" % missing


if __name__ == "__main__":
    main()
