#!/usr/bin/python3
"""PyTorch float64 trajectories of oracle specs with issue 21's training tools, for RunTrainingToolsTest.

How to run (from the repository root; needs Debian's python3-torch 1.13; CI never runs this, it only reads the
committed output):

    /usr/bin/python3 scripts/golden/issue21_run_tools_torch.py > verify/src/test/resources/issue21/run_tools_torch.json

Each case holds a dlref spec (dlref.spec.v1, explicit parameter values, inline data, batches in order without
shuffling) and what PyTorch 1.13 computes for it in float64 with torch.nn modules and torch.optim: the loss of every
step (before the step's update), the learning rate of the first parameter group at every step, and every parameter
(state-dict names) after every step. The tools:

- training.clipping: torch.nn.utils.clip_grad_norm_ and clip_grad_value_ between backward() and step(); Keras's
  clipnorm (each tensor on its own, c / max(||g_i||, c)) and global_clipnorm (c min(1 / ||g||, 1 / c)) and Optax's
  clip_by_global_norm (unchanged if ||g|| < c, else g / ||g|| c), written out with torch operations on the gradients;
- optimizer.param_groups: torch.optim param groups (the groups given, then the parameters no group selects, with the
  optimizer's own settings); schedules act on every group from its own initial rate (base_lrs);
- schedule reduce_on_plateau: torch.optim.lr_scheduler.ReduceLROnPlateau, stepped after every complete epoch with
  the mean of the epoch's losses (interval epoch) or after every step with the step's loss (interval step);
- optimizer lbfgs: torch.optim.LBFGS, one step(closure) per batch; the closure zeroes the gradients, forwards the
  batch, adds the penalties and calls backward(); the recorded loss is what step() returns (the first evaluation).

Numbers are written with repr (round trip). Compared with relative tolerance 1e-12 of each matrix's largest
magnitude (TestTolerances.PYTORCH_NORMWISE_RELATIVE), or, where PyTorch's own trajectory moves further when one initial
weight moves by one unit in the last place ("sensitivity", measured per step by running the case twice), 100 times
that: L-BFGS's later steps amplify rounding (its curvature pairs divide by small differences).
"""
import copy
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(2131)


def rnd(*shape, scale=1.0):
    return torch.randn(*shape, generator=gen) * scale


def mat(t):
    t = t.detach()
    if t.dim() == 1:
        t = t.reshape(1, -1)
    return [[float(v) for v in row] for row in t.tolist()]


def linear(i, o):
    m = nn.Linear(i, o)
    with torch.no_grad():
        m.weight.copy_(rnd(o, i, scale=0.7))
        m.bias.copy_(rnd(o, scale=0.3))
    return m


X = rnd(6, 3)
Y = rnd(6, 2)
CLASSES = [0, 2, 1, 2, 0, 1]
LAYERS = [{"type": "linear", "out": 4}, {"type": "tanh"}, {"type": "linear", "out": 2}]


def network(out=2):
    return nn.Sequential(linear(3, 4), nn.Tanh(), linear(4, out))


def keras_clipnorm(params, c):
    for p in params:
        n = torch.sqrt((p.grad * p.grad).sum())
        p.grad = (p.grad * c) / torch.maximum(n, torch.tensor(c))


def global_norm(params):
    return torch.sqrt(sum((p.grad * p.grad).sum() for p in params))


def keras_global_clipnorm(params, c):
    n = global_norm(params)
    scale = c * torch.minimum(1.0 / n, torch.tensor(1.0 / c))
    for p in params:
        p.grad = p.grad * scale


def optax_clip_by_global_norm(params, c):
    n = global_norm(params)
    if not bool(n < c):
        for p in params:
            p.grad = (p.grad / n) * c


CLIP = {
    "clip_grad_norm": lambda ps, c: torch.nn.utils.clip_grad_norm_(ps, c["max_norm"],
                                                                  float(c.get("norm_type", 2.0))),
    "clip_grad_value": lambda ps, c: torch.nn.utils.clip_grad_value_(ps, c["clip_value"]),
    "keras_clipnorm": lambda ps, c: keras_clipnorm(ps, c["clipnorm"]),
    "keras_global_clipnorm": lambda ps, c: keras_global_clipnorm(ps, c["global_clipnorm"]),
    "optax_clip_by_global_norm": lambda ps, c: optax_clip_by_global_norm(ps, c["max_norm"]),
}


def mse(out, rows):
    return F.mse_loss(out, Y[rows])


def run(name, optimizer_spec, make_optimizer, steps, batch_size=2, clipping=None, schedule_spec=None,
        make_schedule=None, loss_spec=None, loss_fn=mse, classes=False, regularization=None, penalty=None):
    net = network(3 if classes else 2)
    values = {k: mat(v) for k, v in net.state_dict().items()}
    training = {"steps": steps, "batch_size": batch_size}
    if clipping is not None:
        training["clipping"] = clipping
    spec = {
        "format": "dlref.spec.v1",
        "model": {"input": 3, "layers": [LAYERS[0], LAYERS[1], {"type": "linear", "out": 3 if classes else 2}]},
        "parameters": {"values": values},
        "data": {"inputs": mat(X), "classes": CLASSES} if classes else {"inputs": mat(X), "targets": mat(Y)},
        "loss": loss_spec or {"type": "mse"},
        "optimizer": optimizer_spec,
        "training": training,
    }
    if regularization is not None:
        spec["regularization"] = regularization
    if schedule_spec is not None:
        spec["schedule"] = schedule_spec
    def trajectory(net):
        opt = make_optimizer(net)
        sched = make_schedule(opt) if make_schedule else None
        interval = (schedule_spec or {}).get("interval", "epoch" if (schedule_spec or {}).get("type") ==
                                             "reduce_on_plateau" else "step")
        plateau = isinstance(sched, torch.optim.lr_scheduler.ReduceLROnPlateau)
        per_epoch = -(-6 // batch_size)
        losses, lrs, params, epoch_losses = [], [], [], []
        lbfgs = isinstance(opt, torch.optim.LBFGS)
        for step in range(steps):
            k = step % per_epoch
            rows = list(range(k * batch_size, min(6, (k + 1) * batch_size)))

            def objective():
                out = net(X[rows])
                value = loss_fn(out, rows)
                if penalty is not None:
                    value = value + penalty(net)
                return value

            lrs.append(opt.param_groups[0]["lr"])
            if lbfgs:
                def closure():
                    opt.zero_grad()
                    value = objective()
                    value.backward()
                    return value
                loss = opt.step(closure)
            else:
                opt.zero_grad()
                loss = objective()
                loss.backward()
                if clipping is not None:
                    CLIP[clipping["type"]](list(net.parameters()), clipping)
                opt.step()
            losses.append(float(loss))
            epoch_losses.append(float(loss))
            params.append({k2: mat(v) for k2, v in net.state_dict().items()})
            if sched is not None:
                if plateau and interval == "step":
                    sched.step(float(loss))
                elif not plateau and interval == "step":
                    sched.step()
                elif k == per_epoch - 1:
                    if plateau:
                        sched.step(sum(epoch_losses) / len(epoch_losses))
                    else:
                        sched.step()
            if k == per_epoch - 1:
                epoch_losses = []

        return losses, lrs, params

    losses, lrs, params = trajectory(net)
    # The same run from a first weight moved by one unit in the last place: how far rounding alone moves each step
    # (L-BFGS's later steps amplify it; the test's budget is max(1e-12, 100 times this)).
    moved = copy.deepcopy(net)
    with torch.no_grad():
        moved.load_state_dict({k: torch.tensor(v, dtype=torch.float64).reshape(moved.state_dict()[k].shape)
                               for k, v in values.items()})
        moved[0].weight.mul_(1 + 2.0 ** -52)
    _, _, params_moved = trajectory(moved)
    sensitivity = [max(max(abs(a - b) for ra, rb in zip(p[k], q[k]) for a, b in zip(ra, rb))
                       / max(abs(a) for ra in p[k] for a in ra) for k in p)
                   for p, q in zip(params, params_moved)]
    return {"name": name, "spec": spec, "losses": losses, "learning_rates": lrs, "parameters": params,
            "sensitivity": sensitivity}


def weights(net):
    return [p for n, p in net.named_parameters() if n.endswith("weight")]


def biases(net):
    return [p for n, p in net.named_parameters() if n.endswith("bias")]


cases = []
SGD_M = {"type": "sgd", "preset": "pytorch", "lr": 0.1, "momentum": 0.9}
cases.append(run("clip_grad_norm_sgd_momentum", SGD_M,
                 lambda n: torch.optim.SGD(n.parameters(), lr=0.1, momentum=0.9), 9,
                 clipping={"type": "clip_grad_norm", "max_norm": 0.5}))
cases.append(run("clip_grad_value_adam", {"type": "adam", "preset": "pytorch", "lr": 0.05},
                 lambda n: torch.optim.Adam(n.parameters(), lr=0.05), 9,
                 clipping={"type": "clip_grad_value", "clip_value": 0.05}))
cases.append(run("keras_clipnorm_sgd", {"type": "sgd", "preset": "pytorch", "lr": 0.2},
                 lambda n: torch.optim.SGD(n.parameters(), lr=0.2), 9,
                 clipping={"type": "keras_clipnorm", "clipnorm": 0.3}))
cases.append(run("keras_global_clipnorm_rmsprop", {"type": "rmsprop", "preset": "pytorch", "lr": 0.01},
                 lambda n: torch.optim.RMSprop(n.parameters(), lr=0.01), 9,
                 clipping={"type": "keras_global_clipnorm", "global_clipnorm": 0.3}))
cases.append(run("optax_clip_by_global_norm_sgd", {"type": "sgd", "preset": "pytorch", "lr": 0.2},
                 lambda n: torch.optim.SGD(n.parameters(), lr=0.2), 9,
                 clipping={"type": "optax_clip_by_global_norm", "max_norm": 0.3}))

cases.append(run("groups_by_role_sgd_momentum_steplr_per_epoch_clip",
                 dict(SGD_M, param_groups=[{"params": "weights", "weight_decay": 0.01},
                                           {"params": "biases", "lr": 0.05, "momentum": 0.5}]),
                 lambda n: torch.optim.SGD([{"params": weights(n), "weight_decay": 0.01},
                                            {"params": biases(n), "lr": 0.05, "momentum": 0.5}],
                                           lr=0.1, momentum=0.9), 12,
                 clipping={"type": "clip_grad_norm", "max_norm": 1.0},
                 schedule_spec={"type": "step", "step_size": 1, "gamma": 0.5, "interval": "epoch"},
                 make_schedule=lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=1, gamma=0.5)))


def adam_groups(n):
    named = dict(n.named_parameters())
    rest = [p for k, p in n.named_parameters() if k != "0.weight"]
    return torch.optim.Adam([{"params": [named["0.weight"]], "lr": 0.01, "betas": (0.8, 0.99)},
                             {"params": rest}], lr=0.05, weight_decay=0.001)


cases.append(run("groups_by_name_adam_cosine_per_step",
                 {"type": "adam", "preset": "pytorch", "lr": 0.05, "weight_decay": 0.001,
                  "param_groups": [{"params": ["0.weight"], "lr": 0.01, "betas": [0.8, 0.99]}]},
                 adam_groups, 9,
                 schedule_spec={"type": "cosine", "T_max": 6, "eta_min": 0.001},
                 make_schedule=lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=6, eta_min=0.001)))

cases.append(run("reduce_on_plateau_epoch_sgd",
                 {"type": "sgd", "preset": "pytorch", "lr": 0.3},
                 lambda n: torch.optim.SGD(n.parameters(), lr=0.3), 24,
                 schedule_spec={"type": "reduce_on_plateau", "factor": 0.5, "patience": 0, "threshold": 0.2},
                 make_schedule=lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, factor=0.5, patience=0,
                                                                                   threshold=0.2)))
cases.append(run("reduce_on_plateau_step_groups_abs_cooldown_min_lr",
                 {"type": "sgd", "preset": "pytorch", "lr": 0.2, "momentum": 0.5,
                  "param_groups": [{"params": "biases", "lr": 0.1}]},
                 lambda n: torch.optim.SGD([{"params": biases(n), "lr": 0.1}, {"params": weights(n)}], lr=0.2,
                                           momentum=0.5), 15,
                 schedule_spec={"type": "reduce_on_plateau", "factor": 0.3, "patience": 1, "threshold": 0.01,
                                "threshold_mode": "abs", "cooldown": 1, "min_lr": 0.02, "interval": "step"},
                 make_schedule=lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(
                     o, factor=0.3, patience=1, threshold=0.01, threshold_mode="abs", cooldown=1, min_lr=0.02)))

cases.append(run("lbfgs_defaults_full_batch",
                 {"type": "lbfgs", "preset": "pytorch"},
                 lambda n: torch.optim.LBFGS(n.parameters()), 3, batch_size=6))
cases.append(run("lbfgs_strong_wolfe_mini_batches",
                 {"type": "lbfgs", "preset": "pytorch", "history_size": 5, "line_search_fn": "strong_wolfe"},
                 lambda n: torch.optim.LBFGS(n.parameters(), history_size=5, line_search_fn="strong_wolfe"), 4,
                 batch_size=3))
cases.append(run("lbfgs_cross_entropy_l2_max_iter_4",
                 {"type": "lbfgs", "preset": "pytorch", "lr": 0.5, "max_iter": 4},
                 lambda n: torch.optim.LBFGS(n.parameters(), lr=0.5, max_iter=4), 5, batch_size=6,
                 loss_spec={"type": "cross_entropy"},
                 loss_fn=lambda out, rows: F.cross_entropy(out, torch.tensor([CLASSES[r] for r in rows])),
                 classes=True,
                 regularization=[{"type": "l2", "lambda": 0.01}],
                 penalty=lambda n: 0.005 * sum((p * p).sum() for p in weights(n))))

cases.append(run("lbfgs_strong_wolfe_cross_entropy_l2_history_3",
                 {"type": "lbfgs", "preset": "pytorch", "max_iter": 6, "history_size": 3,
                  "line_search_fn": "strong_wolfe"},
                 lambda n: torch.optim.LBFGS(n.parameters(), max_iter=6, history_size=3, line_search_fn="strong_wolfe"),
                 4, batch_size=3,
                 loss_spec={"type": "cross_entropy"},
                 loss_fn=lambda out, rows: F.cross_entropy(out, torch.tensor([CLASSES[r] for r in rows])),
                 classes=True,
                 regularization=[{"type": "l2", "lambda": 0.02}],
                 penalty=lambda n: 0.01 * sum((p * p).sum() for p in weights(n))))

cases.append(run("clip_grad_norm_inf_adam", {"type": "adam", "preset": "pytorch", "lr": 0.05},
                 lambda n: torch.optim.Adam(n.parameters(), lr=0.05), 9,
                 clipping={"type": "clip_grad_norm", "max_norm": 0.2, "norm_type": "Infinity"}))
cases.append(run("clip_grad_norm_1_sgd_momentum", SGD_M,
                 lambda n: torch.optim.SGD(n.parameters(), lr=0.1, momentum=0.9), 9,
                 clipping={"type": "clip_grad_norm", "max_norm": 0.8, "norm_type": 1.0}))

print(json.dumps({"producer": "PyTorch " + torch.__version__ + " float64, scripts/golden/issue21_run_tools_torch.py",
                  "cases": cases}, indent=1))
