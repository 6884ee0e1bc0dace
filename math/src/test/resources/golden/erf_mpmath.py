#!/usr/bin/python3
"""Reference values of erf and erfc for dlref's io.github.dlref.math.Erf, computed by mpmath.

How to run (from the repository root; needs Debian's python3-mpmath, CI never runs this):

    /usr/bin/python3 math/src/test/resources/golden/erf_mpmath.py > math/src/test/resources/golden/erf_mpmath.txt

Output: lines starting with '#' are comments; every other line is 'x erf(x) erfc(x)', three doubles written with
Python's float.hex (exact; Java's Double.parseDouble reads them). erf and erfc are evaluated by mpmath with 60
significant decimal digits and then rounded to the nearest double, so each is the correctly rounded value; the
test (ErfTest) allows an error of at most one ulp, the accuracy fdlibm's algorithm claims.

The points: a grid of 0.01 over [-7, 7]; 200 log-spaced magnitudes from 1e-310 to 1e-3 of both signs; every
interval boundary of the algorithm (2^-56, 2^-28, 0.25, 0.84375, 1.25, 1/0.35, 6, 28) with its two neighbouring
doubles, of both signs; 1000 uniform draws from [-30, 30] (numpy default_rng(20260101)); 200 draws near 26.5
(erfc down to about 1e-307).
"""
import math

import mpmath
import numpy as np

mpmath.mp.dps = 60


def nearest(v):
    """mpf to the nearest double (mpmath rounds to nearest when converting at this precision)."""
    return float(mpmath.mpf(v))


points = set()
for k in range(-700, 701):
    points.add(k / 100.0)
for e in np.linspace(-310, -3, 200):
    v = float(10.0 ** e) if e > -307 else float(mpmath.mpf(10) ** mpmath.mpf(e))
    points.add(v)
    points.add(-v)
for b in [2.0 ** -56, 2.0 ** -28, 0.25, 0.84375, 1.25, 1 / 0.35, 6.0, 28.0]:
    for v in [math.nextafter(b, 0.0), b, math.nextafter(b, math.inf)]:
        points.add(v)
        points.add(-v)
rng = np.random.default_rng(20260101)
for v in rng.uniform(-30.0, 30.0, 1000):
    points.add(float(v))
for v in rng.uniform(25.0, 26.5, 200):
    points.add(float(v))
points.add(0.0)

print("# erf and erfc by mpmath %s at %d digits, rounded to nearest double; x erf(x) erfc(x) in float.hex"
      % (mpmath.__version__, mpmath.mp.dps))
for x in sorted(points):
    mx = mpmath.mpf(x)
    print("%s %s %s" % (x.hex(), nearest(mpmath.erf(mx)).hex(), nearest(mpmath.erfc(mx)).hex()))
