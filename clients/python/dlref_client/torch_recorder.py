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
recorded as "<layer>.running_mean" and "<layer>.running_var", and start from the spec's $.parameters.buffers.

The spec's $.parameters.weight_layout is honoured: with "inputs_x_outputs" the linear weights, their gradients and
the initial values are transposed at the file boundary (the module keeps PyTorch's outputs x inputs). When the spec
asks for evaluation-mode forwards ($.output.evaluation), the recorder records them by itself, before the first step
and in record_step(): pass eval_loss=lambda output, targets: ... when the scalar is "loss".
"""
import numpy as np
import torch

from .loader import spec_batches
from .spec import INPUTS_X_OUTPUTS, data, evaluation, initial_buffers, initial_parameters, linear_weights, \
    weight_layout
from .trajectory import TrajectoryWriter


class TorchRecorder:
    """Wraps a torch.nn.Module trained on a dlref spec; see the module's documentation."""

    def __init__(self, model, spec, names=None, producer=None, eval_loss=None):
        self.model = model
        self.spec = spec
        self.names = dict(names or {})
        layout = weight_layout(spec)
        self.writer = TrajectoryWriter(producer or "dlref_client.torch_recorder (PyTorch %s)" % torch.__version__,
                                       weight_layout=layout if "weight_layout" in spec.get("parameters", {}) else None,
                                       transpose=linear_weights(spec) if layout == INPUTS_X_OUTPUTS else ())
        self.evaluation = evaluation(spec)
        self.eval_loss = eval_loss
        if self.evaluation is not None and self.evaluation["scalar"] == "loss" and eval_loss is None:
            raise ValueError("the spec's output.evaluation asks for the gradient of the loss: pass "
                             "eval_loss=lambda output, targets: ... (targets as batches() yields them)")
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
        buffers = initial_buffers(spec)
        missing = sorted(set(buffers) - set(self._buffers))
        if missing:
            raise ValueError("the module has no buffers %s (map the module's names with names={...})" % missing)
        with torch.no_grad():
            for name, value in start.items():
                p = self._by_name[name]
                p.copy_(torch.tensor(value, dtype=p.dtype).reshape(p.shape))
            for name, value in buffers.items():
                b = self._buffers[name]
                b.copy_(torch.tensor(value, dtype=b.dtype).reshape(b.shape))
        self.x, self.y = (torch.tensor(a, dtype=torch.float64) for a in data(spec))
        self.plan = spec_batches(spec, self.x.shape[0])
        self._pending = None
        self.current = None
        self._evaluate(0)

    def _evaluate(self, after_step):
        """Records the spec's evaluation-mode forward after `after_step` if it asks for one there: model.eval(), every
        child's output (forward hooks), the scalar (eval_loss(output, targets) or output.sum()) and its gradient with
        respect to the inputs (torch.autograd.grad, so the parameters' .grad stay untouched); the mode is restored."""
        e = self.evaluation
        if e is None or after_step not in e["after_steps"]:
            return
        outputs = {}

        def hook(name):
            return lambda module, inputs, output: outputs.__setitem__(name, output.detach().double().numpy().copy())

        hooks = [m.register_forward_hook(hook(self.names.get(n, n))) for n, m in self.model.named_children()]
        was_training = self.model.training
        self.model.eval()
        try:
            x = torch.tensor(e["inputs"], dtype=torch.float64, requires_grad=True)
            out = self.model(x)
            if e["scalar"] == "sum":
                s = out.sum()
            else:
                s = self.eval_loss(out, torch.tensor(e["targets"], dtype=torch.float64))
            (grad,) = torch.autograd.grad(s, x)
        finally:
            for h in hooks:
                h.remove()
            self.model.train(was_training)
        self.writer.add_evaluation(after_step, outputs, float(s.detach()), grad.numpy())

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
        self._evaluate(b.step)

    def write(self, path):
        self.writer.write(path)
