#!/usr/bin/env python3
"""PyTorch twins of dlref's matrix-engine benchmark workloads (see io.github.dlref.bench.Workloads).

Run:  /usr/bin/python3 bench/pytorch_mlp.py [--threads 2] [--warmup 3] [--rounds 5] [--round-time 2]
                                            [--workload NAME ...]
Needs torch (Debian's python3-torch, 1.13, CPU). Prints one JSON document on standard output, with the
same fields as `dlref bench --format json` (bench/compare.sh reads both).

Every workload is computed in float64 with torch.set_num_threads(threads), and each step is what the Java
workload's step is: the next mini-batch of a per-epoch random permutation (last short batch dropped),
optimizer.zero_grad(), logits = model(x), F.cross_entropy(logits, y) (mean), backward(), optimizer.step(),
loss.item(). Timing as dlref's BenchRunner: warm-up for a while, then rounds of whole steps lasting at least
the round time; samples/s of a round = steps * batch / seconds; the median round is reported.

  small-222     2-2-2 ReLU MLP, two moons (1024, noise 0.1), batch 32, SGD(lr 0.1, momentum 0.9)
  small-spiral  2-100-3 ReLU MLP, CS231n spiral (3 x 100), batch 32, SGD(lr 0.1, momentum 0.9)
  large-fashion 784-256-10 ReLU MLP, 2048 random samples with pixels U(0, 1) and 10 uniform classes,
                batch 128, Adam (PyTorch defaults, lr 1e-3)

The data are drawn with torch's generator, not dlref's, so the numbers trained differ; the shapes, batch
sizes, operations and optimizers are the same, which is what the timing compares.

OMP_WAIT_POLICY defaults to PASSIVE here (set it in the environment to override). With libgomp's default
active waiting, torch's OpenMP threads spin between parallel regions and fight OpenBLAS's own threads for
the cores: on the 2-core benchmark machine, large-fashion took about 20 ms a step with 2 threads against
about 10 ms with 1, and about 8.6 ms with 2 threads and PASSIVE. The comparison uses PyTorch's best
2-thread configuration.
"""
import argparse
import json
import math
import os
import platform
import statistics
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read by libgomp when torch loads it, so before the import
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def two_moons(n, noise, gen):
    n_out = n // 2
    n_in = n - n_out
    s = torch.linspace(0, math.pi, n_out, dtype=torch.float64)
    u = torch.linspace(0, math.pi, n_in, dtype=torch.float64)
    x = torch.cat([torch.stack([torch.cos(s), torch.sin(s)], 1),
                   torch.stack([1 - torch.cos(u), 1 - torch.sin(u) - 0.5], 1)])
    y = torch.cat([torch.zeros(n_out, dtype=torch.long), torch.ones(n_in, dtype=torch.long)])
    x = x + noise * torch.randn(x.shape, generator=gen, dtype=torch.float64)
    return x, y


def spiral(points, classes, noise, gen):
    xs, ys = [], []
    r = torch.linspace(0, 1, points, dtype=torch.float64)
    for j in range(classes):
        t = torch.linspace(4 * j, 4 * (j + 1), points, dtype=torch.float64) \
            + noise * torch.randn(points, generator=gen, dtype=torch.float64)
        xs.append(torch.stack([r * torch.sin(t), r * torch.cos(t)], 1))
        ys.append(torch.full((points,), j, dtype=torch.long))
    return torch.cat(xs), torch.cat(ys)


def mlp(*widths):
    layers = []
    for i in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i + 2 < len(widths):
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers).double()


class Workload:
    def __init__(self, name, description, x, y, batch, model, optimizer, gen):
        self.name, self.description = name, description
        self.x, self.y, self.batch = x, y, batch
        self.model, self.optimizer, self.gen = model, optimizer, gen
        self.order, self.next = None, 0

    def step(self):
        batches = self.x.shape[0] // self.batch
        if self.order is None or self.next == batches:
            self.order = torch.randperm(self.x.shape[0], generator=self.gen)
            self.next = 0
        idx = self.order[self.next * self.batch:(self.next + 1) * self.batch]
        self.next += 1
        xb, yb = self.x[idx], self.y[idx]
        self.optimizer.zero_grad()
        loss = F.cross_entropy(self.model(xb), yb)
        loss.backward()
        self.optimizer.step()
        return loss.item()


def create(name, seed):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    if name == "small-222":
        x, y = two_moons(1024, 0.1, gen)
        model = mlp(2, 2, 2)
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        return Workload(name, "PyTorch, 2-2-2 ReLU + CE, two moons (1024), batch 32, SGD momentum 0.9",
                        x, y, 32, model, opt, gen)
    if name == "small-spiral":
        x, y = spiral(100, 3, 0.2, gen)
        model = mlp(2, 100, 3)
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        return Workload(name, "PyTorch, MLP 2-100-3 ReLU + CE, spiral (3 x 100), batch 32, SGD momentum 0.9",
                        x, y, 32, model, opt, gen)
    if name == "large-fashion":
        x = torch.rand(2048, 784, generator=gen, dtype=torch.float64)
        y = torch.randint(0, 10, (2048,), generator=gen)
        model = mlp(784, 256, 10)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        return Workload(name, "PyTorch, MLP 784-256-10 ReLU + CE, random Fashion-MNIST-shaped (2048), batch 128, Adam",
                        x, y, 128, model, opt, gen)
    raise SystemExit("pytorch_mlp.py: unknown workload '%s'; known: %s" % (name, ", ".join(NAMES)))


NAMES = ["small-222", "small-spiral", "large-fashion"]


def measure(w, warmup, rounds, round_time):
    loss = float("nan")
    warmup_steps = 0
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        loss = w.step()
        warmup_steps += 1
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        steps = 0
        while True:
            loss = w.step()
            steps += 1
            now = time.perf_counter()
            if now - start >= round_time:
                break
        out.append({"steps": steps, "nanos": int((now - start) * 1e9)})
    per_round = [r["steps"] * w.batch / (r["nanos"] * 1e-9) for r in out]
    return {"workload": w.name, "description": w.description, "samplesPerStep": w.batch,
            "warmupSteps": warmup_steps, "rounds": out, "samplesPerSecond": per_round,
            "medianSamplesPerSecond": statistics.median(per_round),
            "bestSamplesPerSecond": max(per_round), "lastLoss": loss}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=float, default=3.0)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--round-time", type=float, default=2.0)
    p.add_argument("--seed", type=int, default=20240501)
    p.add_argument("--workload", action="append")
    a = p.parse_args()
    if a.threads < 1 or a.rounds < 1 or a.round_time <= 0 or a.warmup < 0:
        raise SystemExit("pytorch_mlp.py: need threads >= 1, rounds >= 1, round-time > 0, warmup >= 0")
    torch.set_num_threads(a.threads)
    before = os.getloadavg()[0]
    results = [measure(create(n, a.seed), a.warmup, a.rounds, a.round_time) for n in (a.workload or NAMES)]
    doc = {"environment": {"implementation": "PyTorch " + torch.__version__ + " (float64)",
                           "python": platform.python_version(), "threads": torch.get_num_threads(),
                           "ompWaitPolicy": os.environ.get("OMP_WAIT_POLICY"),
                           "seed": a.seed, "loadAverageBefore": before, "loadAverageAfter": os.getloadavg()[0]},
           "settings": {"warmupSeconds": a.warmup, "rounds": a.rounds, "roundSeconds": a.round_time},
           "results": results}
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    main()
