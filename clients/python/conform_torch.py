#!/usr/bin/python3
"""The client kit's PyTorch client for `dlref conform`: trains a dlref spec with real torch.nn and torch.optim (float64,
CPU) and writes its trajectory. Usage (the protocol of `dlref conform`: the spec's path, then the output path):

    /usr/bin/python3 clients/python/conform_torch.py SPEC.json OUT.json [--bug NAME]

    ./dlref conform --client "/usr/bin/python3 clients/python/conform_torch.py"

It maps the spec's PyTorch conventions to PyTorch's own classes: layers (linear, relu, leaky_relu, sigmoid, tanh,
identity, BatchNorm1d, LayerNorm, GELU, ELU, SELU, SiLU, Softplus, Hardtanh, LogSoftmax), losses (MSELoss, L1Loss,
CrossEntropyLoss with weight and label_smoothing, NLLLoss, KLDivLoss, HuberLoss, SmoothL1Loss, MultiMarginLoss,
BCEWithLogitsLoss), optimizers with the "pytorch" preset (SGD, Adam, AdamW, Adagrad, RMSprop, NAdam, RAdam, Adamax,
Adadelta, Rprop, ASGD and their options) and schedulers (StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR,
LinearLR, OneCycleLR, CosineAnnealingWarmRestarts, CyclicLR; stepped per batch, or per epoch with "interval":
"epoch"). The recorder honours the spec's weight layout, BatchNorm starting statistics and evaluation forwards.
Anything else (Keras or Optax presets, for instance) exits with status 3 and says what it does not support.

--bug NAME injects a deliberate mistake, to show that conform catches it and only where it should:
  adam-eps-inside   Adam and AdamW with eps inside the square root (sqrt(v_hat + eps)), written by hand
  gelu-tanh         GELU's tanh approximation where the spec asks for the exact GELU (approximate="none")
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from dlref_client.torch_recorder import TorchRecorder  # noqa: E402
from dlref_client.spec import load_spec  # noqa: E402


class Unsupported(Exception):
    pass


def build_model(spec, bug=None):
    width = spec["model"]["input"]
    layers = []
    for i, layer in enumerate(spec["model"]["layers"]):
        kind = layer["type"]
        if kind == "linear":
            layers.append(torch.nn.Linear(width, layer["out"], bias=layer.get("bias", True)))
            width = layer["out"]
        elif kind == "relu":
            layers.append(torch.nn.ReLU())
        elif kind == "leaky_relu":
            layers.append(torch.nn.LeakyReLU(layer.get("negative_slope", 0.01)))
        elif kind == "sigmoid":
            layers.append(torch.nn.Sigmoid())
        elif kind == "tanh":
            layers.append(torch.nn.Tanh())
        elif kind == "identity":
            layers.append(torch.nn.Identity())
        elif kind == "batchnorm" and layer.get("convention", "pytorch") == "pytorch":
            layers.append(torch.nn.BatchNorm1d(width, eps=layer.get("eps", 1e-5), momentum=layer.get("momentum", 0.1),
                                               affine=layer.get("affine", True)))
        elif kind == "layer_norm":
            layers.append(torch.nn.LayerNorm(width, eps=layer.get("eps", 1e-5),
                                             elementwise_affine=layer.get("elementwise_affine", True)))
        elif kind == "gelu":
            form = layer.get("approximate", "none")
            layers.append(torch.nn.GELU(approximate="tanh" if bug == "gelu-tanh" else form))
        elif kind == "elu":
            layers.append(torch.nn.ELU(alpha=layer.get("alpha", 1.0)))
        elif kind == "selu":
            layers.append(torch.nn.SELU())
        elif kind == "silu":
            layers.append(torch.nn.SiLU())
        elif kind == "softplus":
            layers.append(torch.nn.Softplus(beta=layer.get("beta", 1.0), threshold=layer.get("threshold", 20.0)))
        elif kind == "hardtanh":
            layers.append(torch.nn.Hardtanh(layer.get("min_val", -1.0), layer.get("max_val", 1.0)))
        elif kind == "log_softmax":
            layers.append(torch.nn.LogSoftmax(dim=1))
        else:
            raise Unsupported("layer %d: %r" % (i, layer))
    return torch.nn.Sequential(*layers).double()


def build_loss(spec):
    loss = spec["loss"]
    reduction = loss.get("reduction", "mean")
    kind = loss["type"]
    if kind == "mse":
        return torch.nn.MSELoss(reduction=reduction), False
    if kind == "l1":
        return torch.nn.L1Loss(reduction=reduction), False
    if kind == "cross_entropy":
        weight = torch.tensor(loss["weight"]) if "weight" in loss else None
        return torch.nn.CrossEntropyLoss(weight=weight, reduction=reduction,
                                         label_smoothing=loss.get("label_smoothing", 0.0)), True
    if kind == "nll":
        weight = torch.tensor(loss["weight"]) if "weight" in loss else None
        return torch.nn.NLLLoss(weight=weight, reduction=reduction), True
    if kind == "kl_div":
        return torch.nn.KLDivLoss(reduction=reduction, log_target=loss.get("log_target", False)), False
    if kind == "huber":
        return torch.nn.HuberLoss(reduction=reduction, delta=loss.get("delta", 1.0)), False
    if kind == "smooth_l1":
        return torch.nn.SmoothL1Loss(reduction=reduction, beta=loss.get("beta", 1.0)), False
    if kind == "multi_margin":
        return torch.nn.MultiMarginLoss(p=loss.get("p", 1), margin=loss.get("margin", 1.0), reduction=reduction), True
    if kind == "bce_with_logits":
        return torch.nn.BCEWithLogitsLoss(reduction=reduction), False
    raise Unsupported("loss %r" % (loss,))


class HandAdam(torch.optim.Optimizer):
    """The --bug adam-eps-inside optimizer: Adam (or AdamW) with eps inside the square root."""

    def __init__(self, params, lr, betas, eps, weight_decay, decoupled):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))
        self.decoupled = decoupled

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            b1, b2 = group["betas"]
            for p in group["params"]:
                g = p.grad
                state = self.state[p]
                if not state:
                    state["t"] = 0
                    state["m"] = torch.zeros_like(p)
                    state["v"] = torch.zeros_like(p)
                state["t"] += 1
                t = state["t"]
                if self.decoupled:
                    p.mul_(1 - group["lr"] * group["weight_decay"])
                elif group["weight_decay"]:
                    g = g + group["weight_decay"] * p
                state["m"].mul_(b1).add_(g, alpha=1 - b1)
                state["v"].mul_(b2).addcmul_(g, g, value=1 - b2)
                m_hat = state["m"] / (1 - b1 ** t)
                v_hat = state["v"] / (1 - b2 ** t)
                p.sub_(group["lr"] * m_hat / torch.sqrt(v_hat + group["eps"]))


def build_optimizer(spec, params, bug):
    o = dict(spec["optimizer"])
    kind, preset = o.pop("type"), o.pop("preset")
    if preset != "pytorch":
        raise Unsupported("optimizer preset %r (this client implements PyTorch's)" % preset)
    for key in ("momentum_form", "eps_placement", "epsilon_form", "weight_decay_form", "amsgrad_form", "eps_root",
                "initial_scale"):
        if key in o:
            raise Unsupported("optimizer setting %r" % key)
    if o.get("nadam_form", "pytorch_1_13") != "pytorch_1_13" or o.get("radam_form", "pytorch") != "pytorch":
        raise Unsupported("optimizer form %r (torch %s has its own)" % (o, torch.__version__))
    defaults = {"adam": 1e-3, "adamw": 1e-3, "adagrad": 1e-2, "rmsprop": 1e-2, "adadelta": 1.0, "rprop": 0.01,
                "asgd": 0.01, "nadam": 2e-3, "radam": 1e-3, "adamax": 2e-3}
    lr = o.pop("lr") if "lr" in o else defaults[kind]
    betas = tuple(o.get("betas", (0.9, 0.999)))
    decay = o.get("weight_decay", 0.0)
    if kind == "nadam":
        return torch.optim.NAdam(params, lr=lr, betas=betas, eps=o.get("eps", 1e-8), weight_decay=decay,
                                 momentum_decay=o.get("momentum_decay", 4e-3))
    if kind == "radam":
        return torch.optim.RAdam(params, lr=lr, betas=betas, eps=o.get("eps", 1e-8), weight_decay=decay)
    if kind == "adamax":
        return torch.optim.Adamax(params, lr=lr, betas=betas, eps=o.get("eps", 1e-8), weight_decay=decay)
    if kind == "adadelta":
        return torch.optim.Adadelta(params, lr=lr, rho=o.get("rho", 0.9), eps=o.get("eps", 1e-6), weight_decay=decay)
    if kind == "rprop":
        return torch.optim.Rprop(params, lr=lr, etas=tuple(o.get("etas", (0.5, 1.2))),
                                 step_sizes=tuple(o.get("step_sizes", (1e-6, 50.0))))
    if kind == "asgd":
        return torch.optim.ASGD(params, lr=lr, lambd=o.get("lambd", 1e-4), alpha=o.get("alpha", 0.75),
                                t0=o.get("t0", 1e6), weight_decay=decay)
    if kind in ("adam", "adamw") and bug == "adam-eps-inside":
        return HandAdam(params, lr, tuple(o.get("betas", (0.9, 0.999))), o.get("eps", 1e-8),
                        o.get("weight_decay", 0.01 if kind == "adamw" else 0.0), kind == "adamw")
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=o.get("momentum", 0.0), dampening=o.get("dampening", 0.0),
                               nesterov=o.get("nesterov", False), weight_decay=o.get("weight_decay", 0.0))
    if kind in ("adam", "adamw"):
        cls = torch.optim.Adam if kind == "adam" else torch.optim.AdamW
        default_decay = 0.0 if kind == "adam" else 0.01
        return cls(params, lr=lr, betas=tuple(o.get("betas", (0.9, 0.999))), eps=o.get("eps", 1e-8),
                   weight_decay=o.get("weight_decay", default_decay), amsgrad=o.get("amsgrad", False))
    if kind == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, lr_decay=o.get("lr_decay", 0.0), eps=o.get("eps", 1e-10),
                                   initial_accumulator_value=o.get("initial_accumulator_value", 0.0),
                                   weight_decay=o.get("weight_decay", 0.0))
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=o.get("alpha", 0.99), eps=o.get("eps", 1e-8),
                                   centered=o.get("centered", False), momentum=o.get("momentum", 0.0),
                                   weight_decay=o.get("weight_decay", 0.0))
    raise Unsupported("optimizer type %r" % kind)


def build_schedule(spec, optimizer):
    s = spec.get("schedule")
    if s is None or s["type"] == "constant":
        return None, "step"
    interval = s.get("interval", "step")
    sched = torch.optim.lr_scheduler
    kind = s["type"]
    if kind == "step":
        return sched.StepLR(optimizer, s["step_size"], gamma=s.get("gamma", 0.1)), interval
    if kind == "multistep":
        return sched.MultiStepLR(optimizer, s["milestones"], gamma=s.get("gamma", 0.1)), interval
    if kind == "exponential" and s.get("decay_steps", 1.0) == 1.0:
        return sched.ExponentialLR(optimizer, s["gamma"]), interval
    if kind == "cosine" and s.get("after", "continue") == "continue":
        return sched.CosineAnnealingLR(optimizer, s["T_max"], eta_min=s.get("eta_min", 0.0)), interval
    if kind == "linear":
        return sched.LinearLR(optimizer, start_factor=s.get("start_factor", 1.0 / 3), end_factor=s.get("end_factor", 1.0),
                              total_iters=s.get("total_iters", 5)), interval
    if kind == "one_cycle":
        return sched.OneCycleLR(optimizer, max_lr=optimizer.param_groups[0]["lr"], total_steps=s["total_steps"],
                                pct_start=s.get("pct_start", 0.3), anneal_strategy=s.get("anneal_strategy", "cos"),
                                div_factor=s.get("div_factor", 25.0), final_div_factor=s.get("final_div_factor", 1e4),
                                three_phase=s.get("three_phase", False), cycle_momentum=False), interval
    if kind == "cosine_warm_restarts":
        return sched.CosineAnnealingWarmRestarts(optimizer, s["T_0"], T_mult=s.get("T_mult", 1),
                                                 eta_min=s.get("eta_min", 0.0)), interval
    if kind == "cyclic":
        return sched.CyclicLR(optimizer, base_lr=s["base_lr"], max_lr=optimizer.param_groups[0]["lr"],
                              step_size_up=s.get("step_size_up", 2000.0), step_size_down=s.get("step_size_down"),
                              mode=s.get("mode", "triangular"), gamma=s.get("gamma", 1.0), cycle_momentum=False), interval
    raise Unsupported("schedule %r" % (s,))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("spec")
    parser.add_argument("out")
    parser.add_argument("--bug", choices=["adam-eps-inside", "gelu-tanh"])
    args = parser.parse_args()
    torch.set_default_dtype(torch.float64)
    spec = load_spec(args.spec)
    try:
        if spec.get("regularization"):
            raise Unsupported("regularization")
        model = build_model(spec, args.bug)
        loss_fn, class_indices = build_loss(spec)

        def eval_loss(output, targets):
            return loss_fn(output, targets.argmax(dim=1) if class_indices else targets)

        rec = TorchRecorder(model, spec, producer="clients/python/conform_torch.py (PyTorch %s)" % torch.__version__,
                            eval_loss=eval_loss)
        optimizer = build_optimizer(spec, model.parameters(), args.bug)
        scheduler, interval = build_schedule(spec, optimizer)
    except Unsupported as e:
        print("conform_torch.py: unsupported: %s" % e, file=sys.stderr)
        sys.exit(3)
    model.train()
    for x, y in rec.batches():
        optimizer.zero_grad()
        target = y.argmax(dim=1) if class_indices else y
        loss = loss_fn(model(x), target)
        loss.backward()
        rec.record_gradients(loss)
        lr = optimizer.param_groups[0]["lr"]
        optimizer.step()
        rec.record_step(lr)
        if scheduler is not None:
            last_of_epoch = rec.current.step == len(rec.plan) or rec.plan[rec.current.step].epoch != rec.current.epoch
            if interval == "step" or last_of_epoch:
                scheduler.step()
    rec.write(args.out)


if __name__ == "__main__":
    main()
