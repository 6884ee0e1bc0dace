#!/usr/bin/python3
"""Reference trajectories for the Keras 3 and Optax conventions of Adamax, computed with NumPy float64 from
the frameworks' published update rules. Keras and Optax are not installed on these machines: each rule below is
written out from the framework's source (cited per function), in the framework's order of operations,
independently of dlref's Java code (io.github.dlref.optim.Adamax).

How to run (from the repository root; needs python3-numpy and Debian's python3-torch for the imported
problem definitions):

    /usr/bin/python3 optim/src/test/resources/golden/make_adamax_forms.py

It rewrites optim/src/test/resources/golden/adamax_forms.csv (same format as pytorch_trajectories.csv:
case,problem,step,kind,name,index,value_hex,value_repr). CI only reads the CSV
(io.github.dlref.optim.AdamaxFormsTest). Tolerance: 1e-12 normwise, as the PyTorch goldens.

Cases (10 steps on make_golden.py's four problems, parameters and the two state buffers after every step):
  adamax_keras        keras.optimizers.Adamax(learning_rate=0.01) (keras/src/optimizers/adamax.py, defaults
                      beta_1 0.9, beta_2 0.999, epsilon 1e-7): m += (g - m)(1 - b1); u = max(b2 u, |g|);
                      var -= ((lr / (1 - b1^t)) m) / (u + eps)
  adamax_keras_eps    the same with epsilon 0.1 and learning_rate 0.1, so that where epsilon goes (after the
                      maximum) changes the trajectory well above rounding
  adamax_optax        optax.adamax(0.1) (optax/_src/alias.py adamax = scale_by_adamax then scale_by_learning_rate;
                      optax/_src/transform.py scale_by_adamax, defaults b1 0.9, b2 0.999, eps 1e-8):
                      mu = (1 - b1) g + b1 mu; nu = max(b2 nu, |g| + eps); update = (mu / (1 - b1^t)) / nu;
                      params += -lr update. This is PyTorch's formula in another order (dlref maps Optax's
                      preset to Adamax.Form.PYTORCH); the case checks that the difference is only rounding.
"""

import csv
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_golden as base  # noqa: E402

STEPS = 10
F = np.float64


def arrays(problem):
    specs, grad_fn = base.PROBLEMS[problem]
    names = [n for (n, _, _) in specs]
    params = {n: np.array(v, dtype=F) for (n, _, v) in specs}
    return names, params, grad_fn


def grads_at(names, params, grad_fn):
    g = grad_fn({n: params[n].tolist() for n in names})
    return {n: np.array(g[n], dtype=F) for n in names}


def adamax_keras(lr, eps, b1=F(0.9), b2=F(0.999)):
    def make(names, params, state):
        def step(t, g):
            alpha = lr / (F(1) - b1 ** F(t))
            for n in names:
                m = state["exp_avg"][n]
                u = state["exp_inf"][n]
                m[:] = m + (g[n] - m) * (F(1) - b1)
                u[:] = np.maximum(b2 * u, np.abs(g[n]))
                params[n][:] = params[n] - (alpha * m) / (u + eps)
        return step
    return make


def adamax_optax(lr, eps=F(1e-8), b1=F(0.9), b2=F(0.999)):
    def make(names, params, state):
        def step(t, g):
            for n in names:
                mu = state["exp_avg"][n]
                nu = state["exp_inf"][n]
                mu[:] = (F(1) - b1) * g[n] + b1 * mu
                nu[:] = np.maximum(b2 * nu, np.abs(g[n]) + eps)
                mu_hat = mu / (F(1) - b1 ** F(t))
                update = mu_hat / nu
                params[n][:] = params[n] + (-lr) * update
        return step
    return make


CASES = {"adamax_keras": adamax_keras(F(0.01), F(1e-7)),
         "adamax_keras_eps": adamax_keras(F(0.1), F(0.1)),
         "adamax_optax": adamax_optax(F(0.1))}


def main():
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "adamax_forms.csv")
    with open(out_path, "w", newline="") as f:
        f.write("# Keras 3 and Optax Adamax, NumPy %s float64 from the published rules\n" % np.__version__)
        f.write("# (make_adamax_forms.py, this directory). Do not edit by hand.\n")
        f.write("# Compare with tolerance 1e-12 relative to the largest magnitude in the same matrix.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "problem", "step", "kind", "name", "index", "value_hex", "value_repr"])

        def emit(case, problem, step, kind, name, values):
            for i, value in enumerate(np.ravel(values)):
                value = float(value)
                w.writerow([case, problem, step, kind, name, i, float.hex(value), repr(value)])

        for case, make in CASES.items():
            for problem in base.PROBLEMS:
                names, params, grad_fn = arrays(problem)
                state = {"exp_avg": {n: np.zeros_like(params[n]) for n in names},
                         "exp_inf": {n: np.zeros_like(params[n]) for n in names}}
                step = make(names, params, state)
                for n in names:
                    emit(case, problem, 0, "param", n, params[n])
                for s in range(1, STEPS + 1):
                    step(s, grads_at(names, params, grad_fn))
                    for n in names:
                        emit(case, problem, s, "param", n, params[n])
                for key in ("exp_avg", "exp_inf"):
                    for n in names:
                        emit(case, problem, STEPS, "state", n + "." + key, state[key][n])


if __name__ == "__main__":
    main()
