"""java.util.Random, transcribed from the algorithm its Javadoc publishes (a 48-bit linear congruential
generator), so that Python draws the same numbers as dlref's Rng bit for bit."""
import math
import struct

_MULTIPLIER = 0x5DEECE66D
_ADDEND = 0xB
_MASK = (1 << 48) - 1
_DOUBLE_UNIT = 1.0 / (1 << 53)


def _int32(value):
    """Java's (int) cast of a value that fits in 32 bits: two's complement."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >= 1 << 31 else value


_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
_TWO54 = 1.80143985094819840000e+16
_LG = (6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01,
       1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01)


def _words(x):
    bits = struct.unpack("<q", struct.pack("<d", x))[0]
    return (bits >> 32), bits & 0xFFFFFFFF


def _with_high(x, high):
    bits = struct.unpack("<Q", struct.pack("<d", x))[0]
    return struct.unpack("<d", struct.pack("<Q", ((high & 0xFFFFFFFF) << 32) | (bits & 0xFFFFFFFF)))[0]


def strict_log(x):
    """java.lang.StrictMath.log: fdlibm's __ieee754_log, whose algorithm StrictMath's Javadoc prescribes. Reduce
    x = 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2), then log(1 + f) = f - s (f - R(z)) with s = f / (2 + f),
    z = s^2 and R a degree-7 polynomial in z (coefficients Lg1..Lg7). Python's math.log, the C library's, can
    differ from it in the last bit (it did for nextGaussian's draws of seed 42), so the kit uses this."""
    hx, lx = _words(x)
    k = 0
    if hx < 0x00100000:  # x < 2^-1022
        if ((hx & 0x7FFFFFFF) | lx) == 0:
            return -math.inf
        if hx < 0:
            return math.nan
        k -= 54
        x *= _TWO54
        hx, _ = _words(x)
    if hx >= 0x7FF00000:
        return x + x
    k += (hx >> 20) - 1023
    hx &= 0x000FFFFF
    i = (hx + 0x95F64) & 0x100000
    x = _with_high(x, hx | (i ^ 0x3FF00000))  # normalize x or x / 2
    k += i >> 20
    f = x - 1.0
    dk = float(k)
    if (0x000FFFFF & (2 + hx)) < 3:  # |f| < 2^-20
        if f == 0.0:
            return 0.0 if k == 0 else dk * _LN2_HI + dk * _LN2_LO
        r = f * f * (0.5 - 0.33333333333333333 * f)
        return f - r if k == 0 else dk * _LN2_HI - ((r - dk * _LN2_LO) - f)
    s = f / (2.0 + f)
    z = s * s
    i = hx - 0x6147A
    w = z * z
    j = 0x6B851 - hx
    t1 = w * (_LG[1] + w * (_LG[3] + w * _LG[5]))
    t2 = z * (_LG[0] + w * (_LG[2] + w * (_LG[4] + w * _LG[6])))
    i |= j
    r = t2 + t1
    if i > 0:
        hfsq = 0.5 * f * f
        if k == 0:
            return f - (hfsq - s * (hfsq + r))
        return dk * _LN2_HI - ((hfsq - (s * (hfsq + r) + dk * _LN2_LO)) - f)
    if k == 0:
        return f - s * (f - r)
    return dk * _LN2_HI - ((s * (f - r) - dk * _LN2_LO) - f)


class JavaRandom:
    """java.util.Random: `JavaRandom(seed)` is `new Random(seed)` (and dlref's `new Rng(seed)`)."""

    def __init__(self, seed):
        self._state = (int(seed) ^ _MULTIPLIER) & _MASK
        self._next_gaussian = None

    def next(self, bits):
        """`next(bits)`: the top `bits` bits of the new 48-bit state, as a Java int."""
        self._state = (self._state * _MULTIPLIER + _ADDEND) & _MASK
        return _int32(self._state >> (48 - bits))

    def next_int(self, bound=None):
        """`nextInt()` or `nextInt(bound)`: uniform in [0, bound), with Java's rejection of the last block."""
        if bound is None:
            return self.next(32)
        if bound <= 0:
            raise ValueError("bound must be positive, got %r" % (bound,))
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:  # a power of two: the high bits
            return (bound * r) >> 31
        u = r
        r = u % bound
        while _int32(u - r + m) < 0:  # Java's int overflow test of the incomplete last block
            u = self.next(31)
            r = u % bound
        return r

    def next_long(self):
        """`nextLong()`: (next(32) << 32) + next(32) as a signed 64-bit value."""
        value = (self.next(32) << 32) + self.next(32)
        value &= (1 << 64) - 1
        return value - (1 << 64) if value >= 1 << 63 else value

    def next_double(self):
        """`nextDouble()`: ((next(26) << 27) + next(27)) * 2^-53, uniform in [0, 1)."""
        return ((self.next(26) << 27) + self.next(27)) * _DOUBLE_UNIT

    def next_gaussian(self):
        """`nextGaussian()`: Marsaglia's polar method, caching the second value as Java does.

        Java uses StrictMath.sqrt and StrictMath.log (fdlibm): math.sqrt is correctly rounded as StrictMath.sqrt
        is, and strict_log transcribes fdlibm's log; tests/test_kit.py compares the "normal" initializer's draws
        with dlref's golden vectors (vectors/initializers.json).
        """
        if self._next_gaussian is not None:
            value, self._next_gaussian = self._next_gaussian, None
            return value
        while True:
            v1 = 2 * self.next_double() - 1
            v2 = 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        multiplier = math.sqrt(-2 * strict_log(s) / s)
        self._next_gaussian = v2 * multiplier
        return v1 * multiplier

    def shuffle(self, values):
        """Fisher-Yates in place, as dlref's Rng.shuffle: for i from n-1 down to 1, j = nextInt(i + 1), swap."""
        for i in range(len(values) - 1, 0, -1):
            j = self.next_int(i + 1)
            values[i], values[j] = values[j], values[i]
        return values

    def permutation(self, n):
        """A new permutation of 0 .. n-1: the identity, shuffled."""
        return self.shuffle(list(range(n)))
