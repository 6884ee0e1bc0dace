"""The 20-line PyTorch client of docs/oracle.md: a spec of linear 3 -> 4, tanh, linear 4 -> 2, MSE and plain SGD.
Usage: /usr/bin/python3 clients/python/example_sgd.py SPEC.json OUT.json (dlref conform appends the two paths)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # the kit, when run from elsewhere
import torch  # noqa: E402
from dlref_client import load_spec  # noqa: E402
from dlref_client.torch_recorder import TorchRecorder  # noqa: E402

spec_path, out_path = sys.argv[1], sys.argv[2]      # the protocol of dlref conform
torch.set_default_dtype(torch.float64)
spec = load_spec(spec_path)
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
rec = TorchRecorder(model, spec)                     # the spec's starting weights, loaded into the model
opt = torch.optim.SGD(model.parameters(), lr=spec["optimizer"]["lr"])
loss_fn = torch.nn.MSELoss()
for x, y in rec.batches():                           # dlref's batches, in dlref's order
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    rec.record_gradients(loss)                       # loss and gradients before the step
    opt.step()
    rec.record_step(opt.param_groups[0]["lr"])       # parameters after it
rec.write(out_path)
