"""dlref's client kit for Python: everything another implementation needs to produce a trajectory that
`dlref check`, `dlref diagnose` and `dlref conform` can compare with dlref's own.

NumPy at its core, the standard library otherwise; PyTorch only for `dlref_client.torch_recorder`. Copy this
folder (clients/python/) next to your code; no package index is needed.

- `JavaRandom`: java.util.Random's published algorithm (setSeed, next, nextInt, nextDouble, nextGaussian),
  the generator behind every random draw of dlref;
- `batches`: the data loader's epochs and batches, in dlref's order (Fisher-Yates permutations);
- `load_spec`, `initial_parameters`, `initial_buffers`, `data`, `evaluation`, `weight_layout`: read a dlref.spec.v1
  file, build its starting parameters (weights as outputs x inputs, whatever layout the file uses), BatchNorm
  statistics and data, and read the evaluation forward it asks for;
- `TrajectoryWriter`: write a dlref.trajectory.v1 file;
- `torch_recorder.TorchRecorder`: wrap a torch.nn.Module and record a real PyTorch training loop.
"""
from .javarandom import JavaRandom
from .loader import Batch, batches
from .spec import SpecError, data, evaluation, initial_buffers, initial_parameters, linear_weights, load_spec, \
    weight_layout
from .trajectory import TrajectoryWriter

__all__ = ["JavaRandom", "Batch", "batches", "SpecError", "data", "evaluation", "initial_buffers", "initial_parameters",
           "linear_weights", "load_spec", "weight_layout", "TrajectoryWriter"]
