#!/usr/bin/python3
"""Reference values for the data module's tests, from numpy and scikit-learn (an independent
implementation). Run from the repository root with Debian's Python (python3-sklearn, python3-numpy):

    /usr/bin/python3 data/src/test/python/sklearn_reference.py \
        > data/src/test/resources/io/github/dlref/data/sklearn_reference.txt

CI never runs this script; it only reads the committed output. Format of the output: lines starting
with '#' are comments; every other line is "<name> <rows> <cols> <values...>" with the values in
row-major order, each written by Python's repr (shortest text that reads back to the same double).
Only the deterministic parts are produced here (noise-free data, scalers): the random parts of the
generators use java.util.Random's algorithm, which numpy does not implement, and are tested against
java.util.Random directly.
"""
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_blobs, make_moons
from sklearn.preprocessing import MinMaxScaler, StandardScaler


def emit(name, array):
    a = np.asarray(array)
    if a.ndim == 1:
        a = a.reshape(1, -1)
    values = " ".join(repr(float(v)) if a.dtype.kind == "f" else str(int(v)) for v in a.ravel())
    print(f"{name} {a.shape[0]} {a.shape[1]} {values}")


print(f"# produced by data/src/test/python/sklearn_reference.py with numpy {np.__version__}, "
      f"scikit-learn {sklearn.__version__}, Python {sys.version.split()[0]}")
print("# compare with the tolerances in io.github.dlref.data.Tolerances (a few ulps: numpy's sin/cos")
print("# and summation order may differ from the Java code's in the last bits)")

# numpy.linspace, the grid of the spiral and the moons
emit("linspace_0_1_7", np.linspace(0.0, 1.0, 7))
emit("linspace_8_12_5", np.linspace(8.0, 12.0, 5))
emit("linspace_0_pi_50", np.linspace(0.0, np.pi, 50))
emit("linspace_3_3_4", np.linspace(3.0, 3.0, 4))

# The CS231n spiral (notes: "Putting it together: minimal neural network case study") with the
# noise term np.random.randn(N) * 0.2 replaced by zeros: N = 5 points per class, K = 3 classes.
N, D, K = 5, 2, 3
X = np.zeros((N * K, D))
y = np.zeros(N * K, dtype="uint8")
for j in range(K):
    ix = range(N * j, N * (j + 1))
    r = np.linspace(0.0, 1, N)
    t = np.linspace(j * 4, (j + 1) * 4, N) + np.zeros(N) * 0.2
    X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
    y[ix] = j
emit("spiral_noisefree_5_3_x", X)
emit("spiral_noisefree_5_3_y", y)

# make_moons without shuffling or noise (the table before the random steps)
for n in (7, 100):
    Xm, ym = make_moons(n_samples=n, shuffle=False, noise=None)
    emit(f"moons_{n}_x", Xm)
    emit(f"moons_{n}_y", ym)

# make_blobs sample counts per center: 10 samples, 3 fixed centers, zero spread, no shuffle
Xb, yb = make_blobs(n_samples=10, centers=[[0.0, 0.0], [5.0, 5.0], [-5.0, 5.0]], cluster_std=0.0,
                    shuffle=False)
emit("blobs_10_3_x", Xb)
emit("blobs_10_3_y", yb)

# Scalers: fitted on train, applied to train and test; column 2 of train is constant (5.0)
train = np.array([[1.0, -2.5, 5.0],
                  [3.5, 0.25, 5.0],
                  [-0.75, 4.0, 5.0],
                  [2.0, 1.0, 5.0],
                  [10.0, -3.0, 5.0]])
test = np.array([[0.0, 5.0, 4.0],
                 [11.0, -4.0, 5.0]])
emit("scaler_train", train)
emit("scaler_test", test)
mm = MinMaxScaler().fit(train)
emit("minmax_data_min", mm.data_min_)
emit("minmax_data_max", mm.data_max_)
emit("minmax_train", mm.transform(train))
emit("minmax_test", mm.transform(test))
st = StandardScaler().fit(train)
emit("standard_mean", st.mean_)
emit("standard_scale", st.scale_)
emit("standard_train", st.transform(train))
emit("standard_test", st.transform(test))
