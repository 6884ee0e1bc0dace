"""dlref's data loader order (docs/oracle-format.md, "Training loop"): epoch after epoch, batch k of an epoch holds
the samples order[kB, (k+1)B); without shuffle the order is the identity, with shuffle every epoch applies a new
Fisher-Yates permutation to the identity, from one JavaRandom(seed) created for the whole run; with drop_last a
last batch smaller than B is skipped; without a batch size the whole data set is one batch."""
from collections import namedtuple

from .javarandom import JavaRandom

Batch = namedtuple("Batch", ["step", "epoch", "batch", "samples"])
"""One optimizer step's batch: `step` from 1, `epoch` and `batch` (index within the epoch) from 0, `samples` the
indices into the data set in batch order."""


def batches(n, steps, batch_size=None, shuffle=False, seed=None, drop_last=False):
    """The first `steps` batches of dlref's loader over `n` samples, as a list of `Batch`."""
    if n < 1:
        raise ValueError("n must be >= 1, got %r" % (n,))
    size = n if batch_size is None else int(batch_size)
    if size < 1:
        raise ValueError("batch_size must be >= 1, got %r" % (batch_size,))
    if shuffle and seed is None:
        raise ValueError("shuffle needs a seed")
    if drop_last and size > n:
        raise ValueError("drop_last with batch_size %d > %d samples leaves no batch" % (size, n))
    rng = JavaRandom(seed) if shuffle else None
    out = []
    epoch = 0
    while len(out) < steps:
        order = rng.permutation(n) if shuffle else list(range(n))
        k = 0
        for start in range(0, n, size):
            chunk = order[start:start + size]
            if drop_last and len(chunk) < size:
                break
            if len(out) == steps:
                break
            out.append(Batch(len(out) + 1, epoch, k, chunk))
            k += 1
        epoch += 1
    return out


def spec_batches(spec, n):
    """The batches of a parsed spec's `training` section over `n` samples."""
    t = spec["training"]
    return batches(n, t["steps"], t.get("batch_size"), t.get("shuffle", False), t.get("seed"),
                   t.get("drop_last", False))
