#!/usr/bin/python3
"""Reference values for train's issue 21 tests (NewOptimizersTrainTest, NewSchedulesTrainTest): gradient clipping
inside one training step, and the new epoch schedules, from PyTorch 1.13 in float64.

How to run (from the repository root; needs Debian's python3-torch; CI never runs it, the tests read the
committed output):

    /usr/bin/python3 train/src/test/resources/golden/make_issue21_train.py \
        > train/src/test/resources/golden/issue21_train.json

Clipping: a 3-4-2 network (Linear, Tanh, Linear; the weights below) on a batch of 5 samples, mean cross-entropy,
backward, then the clipping, then one SGD step with lr 0.5. PyTorch's clip_grad_norm_ and clip_grad_value_ are
PyTorch's own functions. Keras and Optax are not installed here; their forms are applied by the formulas their
sources document (Keras 3 base_optimizer.py: clip_by_norm per variable, g * c / max(||g||, c); global_clipnorm,
g * c * min(1 / ||g||, 1 / c); Optax clipping.py clip_by_global_norm: g if ||g|| < c else (g / ||g||) * c) on
PyTorch's float64 gradients. Output: the parameters after the step, in the model's order, row-major.

Schedules: the learning rate of each epoch e = 0 .. E-1 of an SGD optimizer (lr0 0.1) whose scheduler is stepped
once after each epoch: OneCycleLR(max_lr=0.1, total_steps=E) (defaults, and pct_start 0.25, linear, div 10,
final_div 100, three_phase), CosineAnnealingWarmRestarts(T_0=3, T_mult=2, eta_min=0.001), CyclicLR(base_lr=0.01,
max_lr=0.1, step_size_up=3, step_size_down=2, cycle_momentum=False) in its three modes (exp_range gamma 0.9);
Keras's InverseTimeDecay(0.1, decay_steps=3, decay_rate=0.5, staircase=True) by its documented formula
lr0 / (1 + rate floor(e / steps)); ReduceLROnPlateau(factor 0.5, patience 1, cooldown 1, min_lr 0.02) fed the
metric sequence below.
"""
import json
import math

import torch

torch.set_default_dtype(torch.float64)

W1 = [[0.3, -0.2, 0.5], [-0.4, 0.1, 0.2], [0.25, 0.6, -0.35], [-0.15, -0.3, 0.45]]
B1 = [0.05, -0.1, 0.2, 0.0]
W2 = [[0.7, -0.5, 0.3, 0.2], [-0.6, 0.4, -0.1, 0.5]]
B2 = [0.1, -0.2]
X = [[1.0, -2.0, 0.5], [0.3, 0.8, -1.2], [-1.5, 0.2, 2.0], [2.2, -0.7, 0.1], [-0.4, 1.6, -0.9]]
Y = [0, 1, 1, 0, 1]
NORM = 0.1
VALUE = 0.05
LR = 0.5


def model():
    net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
    with torch.no_grad():
        net[0].weight.copy_(torch.tensor(W1))
        net[0].bias.copy_(torch.tensor(B1))
        net[2].weight.copy_(torch.tensor(W2))
        net[2].bias.copy_(torch.tensor(B2))
    return net


def keras_clipnorm(params, c):
    for p in params:
        n = math.sqrt(float((p.grad * p.grad).sum()))
        p.grad = p.grad * c / max(n, c)


def global_norm(params):
    return math.sqrt(sum(float((p.grad * p.grad).sum()) for p in params))


def keras_global(params, c):
    n = global_norm(params)
    for p in params:
        p.grad = p.grad * (c * min(1.0 / n, 1.0 / c))


def optax_global(params, c):
    n = global_norm(params)
    if not n < c:
        for p in params:
            p.grad = (p.grad / n) * c


def step(clip):
    net = model()
    params = list(net.parameters())
    loss = torch.nn.functional.cross_entropy(net(torch.tensor(X)), torch.tensor(Y))
    loss.backward()
    norm = global_norm(params)
    if clip is not None:
        clip(params)
    with torch.no_grad():
        for p in params:
            p -= LR * p.grad
    return {"norm_before": norm,
            "parameters": [v for p in params for v in p.detach().reshape(-1).tolist()]}


def lrs(make, epochs, metrics=None):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.1)
    sched = make(opt)
    out = []
    for e in range(epochs):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[e])
    return out


S = torch.optim.lr_scheduler
PLATEAU_METRICS = [1.0, 0.9, 0.95, 0.97, 0.96, 0.99, 0.98, 0.5, 0.6, 0.7, 0.8, 0.9]
out = {
    "torch": torch.__version__,
    "clipping": {
        "none": step(None),
        "pytorch_norm": step(lambda ps: torch.nn.utils.clip_grad_norm_(ps, NORM)),
        "value": step(lambda ps: torch.nn.utils.clip_grad_value_(ps, VALUE)),
        "keras_norm": step(lambda ps: keras_clipnorm(ps, NORM)),
        "keras_global_norm": step(lambda ps: keras_global(ps, NORM)),
        "optax_global_norm": step(lambda ps: optax_global(ps, NORM)),
    },
    "schedules": {
        "one_cycle": lrs(lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=10, cycle_momentum=False), 10),
        "one_cycle_linear_three_phase": lrs(lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=12, pct_start=0.25,
                                                                   anneal_strategy="linear", div_factor=10.0,
                                                                   final_div_factor=100.0, three_phase=True,
                                                                   cycle_momentum=False), 12),
        "cosine_warm_restarts": lrs(lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.001), 16),
        "cyclic_triangular": lrs(lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=3,
                                                      step_size_down=2, cycle_momentum=False), 12),
        "cyclic_triangular2": lrs(lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=3,
                                                       step_size_down=2, mode="triangular2",
                                                       cycle_momentum=False), 12),
        "cyclic_exp_range": lrs(lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=3,
                                                     step_size_down=2, mode="exp_range", gamma=0.9,
                                                     cycle_momentum=False), 12),
        "inverse_time_staircase": [0.1 / (1 + 0.5 * math.floor(e / 3)) for e in range(10)],
        "plateau_metrics": PLATEAU_METRICS,
        "plateau": lrs(lambda o: S.ReduceLROnPlateau(o, factor=0.5, patience=1, cooldown=1, min_lr=0.02),
                       len(PLATEAU_METRICS), PLATEAU_METRICS),
    },
}
print(json.dumps(out, indent=1))
