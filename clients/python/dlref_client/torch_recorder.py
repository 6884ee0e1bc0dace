"""Recording a real PyTorch training loop as a dlref trajectory.

    rec = TorchRecorder(model, spec)                   # loads the spec's starting parameters into the model
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for x, y in rec.batches():                         # dlref's batch order, float64 tensors
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        rec.record_gradients(loss)                     # the loss and every gradient, before the step
        opt.step()
        rec.record_step(opt.param_groups[0]["lr"])     # the parameters (and BatchNorm buffers) after it
        # a scheduler's step() goes here, per batch or at the end of an epoch, as the spec's schedule says
    rec.write("theirs.json")

Parameter names: the module's own names must be dlref's (an nn.Sequential whose layers are the spec's layers gives
"0.weight", "0.bias", ...), or `names` maps the module's names to dlref's. BatchNorm's running statistics are
recorded as "<layer>.running_mean" and "<layer>.running_var".
"""
import numpy as np
import torch

from .loader import spec_batches
from .spec import data, initial_parameters
from .trajectory import TrajectoryWriter


class TorchRecorder:
    """Wraps a torch.nn.Module trained on a dlref spec; see the module's documentation."""

    def __init__(self, model, spec, names=None, producer=None):
        self.model = model
        self.spec = spec
        self.names = dict(names or {})
        self.writer = TrajectoryWriter(producer or "dlref_client.torch_recorder (PyTorch %s)" % torch.__version__)
        self._by_name = {self.names.get(n, n): p for n, p in model.named_parameters()}
        self._buffers = {}
        for n, b in model.named_buffers():
            name = self.names.get(n, n)
            if name.endswith(".running_mean") or name.endswith(".running_var"):
                self._buffers[name] = b
        start = initial_parameters(spec)
        missing = sorted(set(start) - set(self._by_name))
        extra = sorted(set(self._by_name) - set(start))
        if missing or extra:
            raise ValueError("the module's parameters do not match the spec's: missing %s, unknown %s (map the "
                             "module's names with names={...})" % (missing, extra))
        with torch.no_grad():
            for name, value in start.items():
                p = self._by_name[name]
                p.copy_(torch.tensor(value, dtype=p.dtype).reshape(p.shape))
        self.x, self.y = (torch.tensor(a, dtype=torch.float64) for a in data(spec))
        self.plan = spec_batches(spec, self.x.shape[0])
        self._pending = None
        self.current = None

    def batches(self):
        """Yields each step's (inputs, targets) in dlref's order; `current` is the step's Batch."""
        for b in self.plan:
            self.current = b
            yield self.x[b.samples], self.y[b.samples]

    def record_gradients(self, loss):
        """Records the loss and every parameter's gradient; call after backward(), before the optimizer's step."""
        grads = {}
        for name, p in self._by_name.items():
            g = p.grad
            grads[name] = np.zeros(tuple(p.shape)) if g is None else g.detach().cpu().double().numpy().copy()
        self._pending = (float(loss.detach()), grads)

    def record_step(self, lr=None):
        """Records the parameters and buffers after the optimizer's step."""
        if self._pending is None:
            raise RuntimeError("record_step() without record_gradients() for this step")
        loss, grads = self._pending
        self._pending = None
        params = {n: p.detach().cpu().double().numpy().copy() for n, p in self._by_name.items()}
        buffers = {n: b.detach().cpu().double().numpy().copy() for n, b in self._buffers.items()}
        b = self.current
        self.writer.add_step(loss, grads, params, samples=b.samples, lr=lr, epoch=b.epoch, batch=b.batch,
                             buffers=buffers or None)

    def write(self, path):
        self.writer.write(path)
