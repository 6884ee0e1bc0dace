#!/usr/bin/python3
"""Reference trajectories for the Keras 3 and Optax forms of issue 21 (and Dozat's NAdam as PyTorch 2 computes
it), computed with NumPy float64 from the frameworks' published update rules. Keras and Optax are not installed
on these machines: each rule below is written out from the framework's source (cited per function), in the
framework's order of operations, independently of dlref's Java code.

How to run (from the repository root; needs python3-numpy and Debian's python3-torch for the imported
problem definitions):

    /usr/bin/python3 optim/src/test/resources/golden/make_framework_forms.py

It rewrites optim/src/test/resources/golden/framework_forms_extended.csv (same format as
pytorch_trajectories.csv: case,problem,step,kind,name,index,value_hex,value_repr). CI only reads the CSV
(io.github.dlref.optim.FrameworkFormsExtendedTest). Tolerance: 1e-12 normwise, as the PyTorch goldens.

Cases (10 steps on make_golden.py's four problems):
  nadam_keras      keras.optimizers.Nadam(learning_rate=0.01) (keras/src/optimizers/nadam.py): u_t = b1 (1 - 0.5
                   0.96^t), u_prod_t = u_prod_{t-1} u_t, m += (g - m)(1 - b1), v += (g^2 - v)(1 - b2),
                   m_hat = u_{t+1} m / (1 - u_prod_t u_{t+1}) + (1 - u_t) g / (1 - u_prod_t), v_hat = v / (1 - b2^t),
                   var -= (m_hat lr) / (sqrt(v_hat) + 1e-7)
  nadam_dozat      PyTorch 2.x NAdam (lr 0.1): as torch 1.13 but mu_product_next = mu_product * mu_next
  nadam_optax      optax.nadam(0.1) (scale_by_adam(nesterov=True)): mu = (1 - b1) g + b1 mu, nu = (1 - b2) g^2
                   + b2 nu, mu_hat = b1 mu / (1 - b1^(t+1)) + (1 - b1) g / (1 - b1^t), update mu_hat / (sqrt(nu_hat)
                   + 1e-8), times -lr
  radam_optax      optax.radam(lr) (scale_by_radam, threshold 5): ro = ro_inf - 2 t b2^t / (1 - b2^t); if ro >= 5:
                   r mu_hat / (sqrt(nu_hat) + eps) else mu_hat; times -lr; lr is make_golden.py's SGD_LR
  clip_keras_norm, clip_keras_global_norm, clip_optax_global_norm
                   PyTorch SGD (momentum 0.9, SGD_LR) after Keras clipnorm=1 (clip_by_norm, per variable),
                   Keras global_clipnorm=1 (clip_by_global_norm) or optax.clip_by_global_norm(1) applied to the
                   gradients (keras/src/optimizers/base_optimizer.py, optax/_src/clipping.py)
  schedule_keras_staircase   keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=3, decay_rate=0.5,
                   staircase=True) for steps 0..20 (kind "lr", name "keras"; problem "none")
"""

import csv
import math
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


def nadam_keras(lr=F(0.01), b1=F(0.9), b2=F(0.999), eps=F(1e-7)):
    def make(names, params):
        state = {"m": {n: np.zeros_like(params[n]) for n in names}, "v": {n: np.zeros_like(params[n]) for n in names},
                 "u_prod": F(1.0), "t": 0}

        def step(g):
            state["t"] += 1
            t = F(state["t"])
            u_t = b1 * (F(1.0) - F(0.5) * (F(0.96) ** t))
            u_t1 = b1 * (F(1.0) - F(0.5) * (F(0.96) ** (t + 1)))
            u_prod_t = state["u_prod"] * u_t
            state["u_prod"] = u_prod_t
            u_prod_t1 = u_prod_t * u_t1
            b2_power = b2 ** t
            for n in names:
                m = state["m"][n]
                v = state["v"][n]
                m[:] = m + (g[n] - m) * (F(1) - b1)
                v[:] = v + (g[n] * g[n] - v) * (F(1) - b2)
                m_hat = u_t1 * m / (F(1) - u_prod_t1) + (F(1) - u_t) * g[n] / (F(1) - u_prod_t)
                v_hat = v / (F(1) - b2_power)
                params[n][:] = params[n] - (m_hat * lr) / (np.sqrt(v_hat) + eps)
        return step
    return make


def nadam_dozat(lr=F(0.1), b1=F(0.9), b2=F(0.999), eps=F(1e-8), psi=F(0.004)):
    def make(names, params):
        state = {"m": {n: np.zeros_like(params[n]) for n in names}, "v": {n: np.zeros_like(params[n]) for n in names},
                 "prod": F(1.0), "t": 0}

        def step(g):
            state["t"] += 1
            t = F(state["t"])
            bc2 = F(1) - b2 ** t
            mu = b1 * (F(1.) - F(0.5) * (F(0.96) ** (t * psi)))
            mu_next = b1 * (F(1.) - F(0.5) * (F(0.96) ** ((t + 1) * psi)))
            state["prod"] = state["prod"] * mu
            prod = state["prod"]
            prod_next = prod * mu_next
            for n in names:
                m = state["m"][n]
                v = state["v"][n]
                m[:] = m * b1 + (F(1) - b1) * g[n]
                v[:] = v * b2 + ((F(1) - b2) * g[n]) * g[n]
                denom = np.sqrt(v / bc2) + eps
                params[n][:] = params[n] + ((-lr * (F(1.) - mu) / (F(1.) - prod)) * g[n]) / denom
                params[n][:] = params[n] + ((-lr * mu_next / (F(1.) - prod_next)) * m) / denom
        return step
    return make


def nadam_optax(lr=F(0.1), b1=F(0.9), b2=F(0.999), eps=F(1e-8)):
    def make(names, params):
        state = {"m": {n: np.zeros_like(params[n]) for n in names}, "v": {n: np.zeros_like(params[n]) for n in names},
                 "t": 0}

        def step(g):
            state["t"] += 1
            t = state["t"]
            for n in names:
                m = state["m"][n]
                v = state["v"][n]
                m[:] = (F(1) - b1) * g[n] + b1 * m
                v[:] = (F(1) - b2) * (g[n] * g[n]) + b2 * v
                mu_hat = b1 * (m / (F(1) - b1 ** (t + 1))) + (F(1) - b1) * (g[n] / (F(1) - b1 ** t))
                nu_hat = v / (F(1) - b2 ** t)
                update = mu_hat / (np.sqrt(nu_hat + F(0)) + eps)
                params[n][:] = params[n] + (-lr) * update
        return step
    return make


def radam_optax(b1=F(0.9), b2=F(0.999), eps=F(1e-8), threshold=F(5.0)):
    def factory(lr):
        def make(names, params):
            state = {"m": {n: np.zeros_like(params[n]) for n in names},
                     "v": {n: np.zeros_like(params[n]) for n in names}, "t": 0}
            ro_inf = F(2.) / (F(1.) - b2) - F(1.)

            def step(g):
                state["t"] += 1
                t = state["t"]
                b2t = b2 ** t
                ro = ro_inf - F(2) * t * b2t / (F(1) - b2t)
                for n in names:
                    m = state["m"][n]
                    v = state["v"][n]
                    m[:] = (F(1) - b1) * g[n] + b1 * m
                    v[:] = (F(1) - b2) * (g[n] * g[n]) + b2 * v
                    mu_hat = m / (F(1) - b1 ** t)
                    nu_hat = v / (F(1) - b2 ** t)
                    if ro >= threshold:
                        r = np.sqrt((ro - F(4)) * (ro - F(2)) * ro_inf / ((ro_inf - F(4)) * (ro_inf - F(2)) * ro))
                        update = r * mu_hat / (np.sqrt(nu_hat + F(0)) + eps)
                    else:
                        update = mu_hat
                    params[n][:] = params[n] + (-lr) * update
            return step
        return make
    return factory


def keras_clip_norm(g, names, c=F(1.0)):
    out = {}
    for n in names:
        l2sum = np.sum(g[n] * g[n])
        l2norm = np.sqrt(l2sum) if l2sum > 0 else l2sum
        out[n] = (g[n] * c) / max(l2norm, c)
    return out


def global_norm(g, names):
    return np.sqrt(sum(np.sum(np.square(g[n])) for n in names))


def keras_global_clip_norm(g, names, c=F(1.0)):
    norm = global_norm(g, names)
    scale = c * min(F(1.0) / norm, F(1.0) / c)
    return {n: g[n] * scale for n in names}


def optax_clip_by_global_norm(g, names, c=F(1.0)):
    norm = global_norm(g, names)
    if norm < c:
        return g
    return {n: (g[n] / norm) * c for n in names}


def sgd_momentum_clipped(clip):
    def factory(lr):
        def make(names, params):
            bufs = {}

            def step(g):
                g = clip(g, names)
                for n in names:
                    if n not in bufs:
                        bufs[n] = g[n].copy()
                    else:
                        bufs[n] = bufs[n] * F(0.9) + g[n]
                    params[n][:] = params[n] + F(-lr) * bufs[n]
            return step
        return make
    return factory


FIXED = {"nadam_keras": nadam_keras(), "nadam_dozat": nadam_dozat(), "nadam_optax": nadam_optax()}
BY_LR = {"radam_optax": radam_optax(),
         "clip_keras_norm": sgd_momentum_clipped(keras_clip_norm),
         "clip_keras_global_norm": sgd_momentum_clipped(keras_global_clip_norm),
         "clip_optax_global_norm": sgd_momentum_clipped(optax_clip_by_global_norm)}


def main():
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "framework_forms_extended.csv")
    with open(out_path, "w", newline="") as f:
        f.write("# Keras 3 / Optax / PyTorch 2 forms of NAdam, RAdam, clipping and staircase schedules, NumPy %s\n"
                % np.__version__)
        f.write("# float64 from the published rules (make_framework_forms.py, this directory). Do not edit by hand.\n")
        f.write("# Compare with tolerance 1e-12 relative to the largest magnitude in the same matrix.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "problem", "step", "kind", "name", "index", "value_hex", "value_repr"])

        def emit(case, problem, step, kind, name, values):
            for i, value in enumerate(values):
                value = float(value)
                w.writerow([case, problem, step, kind, name, i, float.hex(value), repr(value)])

        cases = [(c, make) for c, make in FIXED.items()] + [(c, None) for c in BY_LR]
        for case, make in cases:
            for problem in base.PROBLEMS:
                names, params, grad_fn = arrays(problem)
                maker = make if make is not None else BY_LR[case](base.SGD_LR[problem])
                step = maker(names, params)
                for n in names:
                    emit(case, problem, 0, "param", n, params[n])
                for s in range(1, STEPS + 1):
                    step(grads_at(names, params, grad_fn))
                    for n in names:
                        emit(case, problem, s, "param", n, params[n])
        for t in range(21):
            lr = F(0.1) / (F(1) + F(0.5) * math.floor(t / 3.0))
            emit("schedule_keras_staircase", "none", t, "lr", "keras", [lr])


if __name__ == "__main__":
    main()
