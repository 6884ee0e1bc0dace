#!/usr/bin/env python3
"""Pure-Python twin of dlref's scalar-engine workload `scalar-micrograd` (micrograd's demo).

Run:  python3 bench/micrograd_scalar.py [--warmup 3] [--rounds 5] [--round-time 2]
Needs only the Python standard library. Prints one JSON document on standard output, with the same fields
as `dlref bench --format json` (bench/compare.sh reads both).

The engine below is written for this benchmark in micrograd's style (karpathy/micrograd: a scalar `Scalar`
whose ops record their inputs and a closure that adds the local gradient into them; backward orders the
graph topologically and runs the closures in reverse). The workload is micrograd's demo.ipynb: two moons
(100 samples, noise 0.1), labels y = 2 label - 1, MLP 2-16-16-1 (ReLU hidden, linear output, weights
U(-1, 1), biases 0; a neuron computes b + w0 x0 + w1 x1 + ...), inputs wrapped as scalars as the demo does,
SVM max-margin loss mean(relu(1 - y s)) + 1e-4 sum(p^2), full batch, p -= lr * grad with
lr = 1 - 0.9 k / 100 for step k of a 100-step run (repeated). One step processes 100 samples.
"""
import argparse
import json
import math
import os
import platform
import random
import statistics
import time


class Scalar:
    __slots__ = ("data", "grad", "inputs", "backprop")

    def __init__(self, data, inputs=()):
        self.data = data
        self.grad = 0.0
        self.inputs = inputs
        self.backprop = None

    def __add__(self, other):
        other = other if isinstance(other, Scalar) else Scalar(other)
        out = Scalar(self.data + other.data, (self, other))

        def backprop():
            self.grad += out.grad
            other.grad += out.grad
        out.backprop = backprop
        return out

    __radd__ = __add__

    def __mul__(self, other):
        other = other if isinstance(other, Scalar) else Scalar(other)
        out = Scalar(self.data * other.data, (self, other))

        def backprop():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out.backprop = backprop
        return out

    __rmul__ = __mul__

    def relu(self):
        out = Scalar(self.data if self.data > 0 else 0.0, (self,))

        def backprop():
            self.grad += (1.0 if out.data > 0 else 0.0) * out.grad
        out.backprop = backprop
        return out

    def __neg__(self):
        return self * -1.0

    def backward(self):
        # iterative post-order depth-first search over inputs, then the closures in reverse order
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                for child in node.inputs:
                    if id(child) not in seen:
                        stack.append((child, False))
        self.grad = 1.0
        for node in reversed(order):
            if node.backprop is not None:
                node.backprop()


class Neuron:
    def __init__(self, n_in, hidden, rng):
        self.w = [Scalar(rng.uniform(-1, 1)) for _ in range(n_in)]
        self.b = Scalar(0.0)
        self.hidden = hidden

    def __call__(self, x):
        act = self.b
        for wi, xi in zip(self.w, x):
            act = act + wi * xi
        return act.relu() if self.hidden else act

    def parameters(self):
        return self.w + [self.b]


class Mlp:
    def __init__(self, sizes, rng):
        self.layers = [[Neuron(sizes[i], i + 2 < len(sizes), rng) for _ in range(sizes[i + 1])]
                       for i in range(len(sizes) - 1)]

    def __call__(self, x):
        for layer in self.layers:
            x = [n(x) for n in layer]
        return x[0]

    def parameters(self):
        return [p for layer in self.layers for n in layer for p in n.parameters()]


def two_moons(n, noise, rng):
    n_out, n_in = n // 2, n - n // 2
    pts = [(math.cos(math.pi * k / (n_out - 1)), math.sin(math.pi * k / (n_out - 1)), 0) for k in range(n_out)]
    pts += [(1 - math.cos(math.pi * k / (n_in - 1)), 1 - math.sin(math.pi * k / (n_in - 1)) - 0.5, 1)
            for k in range(n_in)]
    rng.shuffle(pts)
    return ([(a + noise * rng.gauss(0, 1), b + noise * rng.gauss(0, 1)) for a, b, _ in pts],
            [2 * c - 1 for _, _, c in pts])


class Workload:
    name = "scalar-micrograd"
    samples_per_step = 100

    def __init__(self, seed):
        rng = random.Random(seed)
        self.x, self.y = two_moons(100, 0.1, rng)
        self.model = Mlp([2, 16, 16, 1], rng)
        self.k = 0

    def step(self):
        params = self.model.parameters()
        scores = [self.model([Scalar(a), Scalar(b)]) for a, b in self.x]
        losses = [(1 + -yi * si).relu() for yi, si in zip(self.y, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        total = data_loss + 1e-4 * sum(p * p for p in params)
        for p in params:
            p.grad = 0.0
        total.backward()
        lr = 1.0 - 0.9 * self.k / 100
        for p in params:
            p.data -= lr * p.grad
        self.k = (self.k + 1) % 100
        return total.data


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--warmup", type=float, default=3.0)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--round-time", type=float, default=2.0)
    p.add_argument("--seed", type=int, default=20240501)
    a = p.parse_args()
    if a.rounds < 1 or a.round_time <= 0 or a.warmup < 0:
        raise SystemExit("micrograd_scalar.py: need rounds >= 1, round-time > 0, warmup >= 0")
    before = os.getloadavg()[0]
    w = Workload(a.seed)
    loss = float("nan")
    warmup_steps = 0
    end = time.perf_counter() + a.warmup
    while time.perf_counter() < end:
        loss = w.step()
        warmup_steps += 1
    rounds = []
    for _ in range(a.rounds):
        start = time.perf_counter()
        steps = 0
        while True:
            loss = w.step()
            steps += 1
            now = time.perf_counter()
            if now - start >= a.round_time:
                break
        rounds.append({"steps": steps, "nanos": int((now - start) * 1e9)})
    per_round = [r["steps"] * w.samples_per_step / (r["nanos"] * 1e-9) for r in rounds]
    doc = {"environment": {"implementation": "pure Python " + platform.python_version()
                           + " (micrograd-style scalar engine)", "seed": a.seed,
                           "loadAverageBefore": before, "loadAverageAfter": os.getloadavg()[0]},
           "settings": {"warmupSeconds": a.warmup, "rounds": a.rounds, "roundSeconds": a.round_time},
           "results": [{"workload": w.name, "description": "pure Python micrograd-style engine, two moons (100), "
                        "MLP 2-16-16-1, SVM loss + 1e-4 L2, full batch", "samplesPerStep": w.samples_per_step,
                        "warmupSteps": warmup_steps, "rounds": rounds, "samplesPerSecond": per_round,
                        "medianSamplesPerSecond": statistics.median(per_round),
                        "bestSamplesPerSecond": max(per_round), "lastLoss": loss}]}
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    main()
