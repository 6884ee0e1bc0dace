#!/usr/bin/env python3
"""Certificate of vectors/losses.json (issue 22): every loss value and gradient recomputed in 60-digit mpmath.

Run from the worktree root (about a second):

    /usr/bin/python3 scripts/certify/losses.py

It reads vectors/losses.json and writes verify/src/main/resources/io/github/dlref/verify/certificates/losses.json
(format dlref.certificate.v1, see certlib.py), certifying the fields "value" (the loss) and "gradient" (with
respect to the prediction) of all 65 entries.

The exact value of an entry is the loss its class documents (nn/src/main/java/io/github/dlref/nn/losses, PyTorch
1.13's formulas) evaluated on the entry's doubles and on the loss's hyper-parameters as doubles (label smoothing
0.1 is mpf(0.1), not 1/10; 1/p of the 3-norm is exactly 1/3). Its gradient is the derivative of that function,
at kinks the subgradient dlref documents (sign(0) = 0 for l1, 0 at a hinge, smooth_l1 with beta = 0 takes -1 at
0). Every discrete decision (a hinge's sign, Huber's branch, the maximum of the infinity norm, BCE's gradient
clamp) is evaluated exactly and compared with the one dlref's doubles take; the script stops if one differs.

Each family's bound is derived from the operations dlref performs (read in nn/ and autograd/; Op.backward, not
differentiableBackward, is what Tensor.backward runs), with u = 2^-53: a correctly rounded + - * / sqrt adds a
relative error of at most u, a StrictMath (fdlibm) exp/log/log1p/pow call at most 1 ulp of its result, which is
at most 2u relative; first-order terms are counted and the factor K = 2 (or the rounding of U down) absorbs the
O(u^2) remainder. Two rules are used throughout:
  * sums: recursive summation (in any order or tree) of n terms t_m each computed with |error| <= k u s_m
    (s_m >= |t_m| a stated magnitude) and a final division or multiplication by a double c (rounded: u) is within
    (k + n - 1 + 1) u c sum s_m <= 2 n u scale, scale = c sum s_m, when k <= n (here n = N D = 12 elements,
    the 3 x 4 matrices of every entry; a per-sample loss sums 4 then 3 terms, a tree of 12 leaves);
  * relative error k u of a nonzero double result means at most floor(2k + 1/2) ULPs from the correctly rounded
    exact value (doubles are spaced at least u |x| apart; 2k, not k, allows for a binade boundary between them).
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mpmath  # noqa: E402
from mpmath import mpf  # noqa: E402

import certlib  # noqa: E402
from certlib import exact, value  # noqa: E402

ZERO = mpf(0)
ONE = mpf(1)
SCRIPT = "scripts/certify/losses.py"

SUM_RULE = ("The loss: a sum of n = N D elementwise terms (the 3 x 4 entries), then a division (MEAN) or none (SUM); "
            "scale = (1/divisor) sum_m s_m and terms = n, and |dlref - exact| <= K n u scale follows from the sum "
            "rule when each term's own error is at most k u s_m with k <= n. ")
CE_C = ("c_ik = |a_ik| + A_i + D + 1 + 2 L_i + |x_ik| with a_ik = z_ik - max_i z, A_i = max_k |a_ik|, L_i = "
        "log sum_k e^(a_ik) and x_ik = a_ik - L_i the log-softmax: Rows.logSoftmax's x^ is within u c_ik of x "
        "(a_ik rounded: u|a_ik|; each StrictMath.exp of a rounded a_ij: (|a_ij| + 2) u relative, the sum of D positive "
        "terms: (D - 1) u more, so sum-exp is within (A + D + 1) u relative and its log within that absolutely plus "
        "2u L; the final subtraction u |x|). ")

FAMILIES = {
    "mse": {
        "description": SUM_RULE + "mse: term (p - t)^2 as StrictMath.pow(p - t, 2): the difference u, doubled by the "
        "square, and pow 2u: k = 4, s_m = the term (all terms >= 0, so scale is the loss). Gradient 2 (p - t) / (N D): "
        "Mean's 1/(N D) rounded, Pow's (g 2) pow(x, 1) = (g 2) x one product, and x = p - t rounded: 3 roundings, "
        "relative 3u, so U = floor(2 * 3 + 1/2) = 6 (SUM: 1 rounding).",
        "ulps": 6, "scaled": 2, "scale": "(1/divisor) sum of the exact terms (p - t)^2 (= the loss); terms = N D",
        "order": None},
    "l1": {
        "description": SUM_RULE + "l1: term |p - t|, one rounding: k = 1, s_m = the term (scale = the loss). "
        "Gradient sign(p - t) / (N D): Abs's backward passes +-g, g = Mean's 1/(N D) rounded once, so it is correctly "
        "rounded: U = 0. No p - t is 0 (sign(0) = 0 is not exercised).",
        "ulps": 0, "scaled": 2, "scale": "(1/divisor) sum of |p - t| (= the loss); terms = N D", "order": None},
    "sum-of-squares": {
        "description": SUM_RULE + "sum_of_squares: term (p - t)^2 as in mse (k = 4), then sumRows, times 0.5 "
        "(exact) and the sum or the mean over N samples. Gradient (p - t) / N: Mean's 1/N rounded, times 0.5 exact, "
        "Pow's (g 2) x one product, p - t rounded: 3 roundings, U = 6.",
        "ulps": 6, "scaled": 2, "scale": "(1/divisor) sum of the exact 0.5 (p - t)^2 (= the loss); terms = N D",
        "order": None},
    "pnorm-1-inf": {
        "description": SUM_RULE + "pnorm p = 1 and p = infinity: the row 1-norm adds |p - t| (k = 1) and the "
        "infinity norm picks the largest |p - t| (one rounding; the exact maximum is at the same entries, checked), "
        "then the sum or mean over N samples; s_m = |p - t| (p = 1) or the row maximum counted once (infinity). "
        "Gradient sign / N (split among ties; there are none): g = Mean's 1/N rounded once, times +-1, divided by 1 "
        "tie: correctly rounded, U = 0.",
        "ulps": 0, "scaled": 2,
        "scale": "(1/divisor) sum of the exact terms (|p - t| for p = 1, each row's max |p - t| for infinity) = the loss; "
        "terms = N D", "order": None},
    "pnorm-2": {
        "description": SUM_RULE + "pnorm p = 2: per row sqrt(sum_j a_j^2) with a_j = |p - t| rounded (u): a_j^2 3u, "
        "the sum of D = 4 positive terms 3u more, sqrt halves that and rounds: the norm is within 4u relative (k = 4, "
        "s = the norm). Gradient g a / ||a||, computed (g a) / norm: g = 1/N rounded (u), a (u), product (u), norm "
        "(4u), quotient (u): 8u relative, U = floor(16.5) = 16.",
        "ulps": 16, "scaled": 2, "scale": "(1/divisor) sum of the exact row norms (= the loss); terms = N D",
        "order": None},
    "pnorm-3": {
        "description": SUM_RULE + "pnorm p = 3: per row StrictMath.pow(sum_j pow(a_j, 3), 1.0/3) with a_j = |p - t| "
        "rounded: each pow(a, 3) 3u + 2u, the sum of 4 positive terms 3u more (8u), the outer pow divides that by 3 "
        "and adds 2u, and the exponent 1.0/3 = 1/3 - u/6 exactly multiplies the norm by acc^(-u/6) (|ln acc| u/6 "
        "relative; the script requires |ln acc| <= 6): the norm is within (4.67 + 1) u, k = 6, s = the norm. Gradient "
        "(g sign(e)) pow(a / norm, 2): g = 1/N (u), the ratio u + u + norm (5.67u), the square doubles it and pow adds "
        "2u, the product u: 19.34u, U = floor(2 * 19.34 + 1/2) = 39.",
        "ulps": 39, "scaled": 2, "scale": "(1/divisor) sum of the exact row 3-norms (= the loss); terms = N D",
        "order": None},
    "cross-entropy": {
        "description": "Softmax cross-entropy in every form dlref computes it: the fused SoftmaxCrossEntropy op (one-hot "
        "or soft targets), SoftmaxLoss (logSoftmax times the one-hot target), label smoothing on a target matrix "
        "(t' = (1 - eps) t + eps / D, then logSoftmax times t'), and class indices with class weights, label smoothing "
        "and ignore_index (WeightedPick of logSoftmax plus the smoothing term). Each is L = -(1/divisor) sum_ik w_ik x_ik "
        "for exact coefficients w_ik (t, t', or (1 - eps) w_y [k = y] + (eps / D) w_k, 0 on ignored rows) and divisor "
        "N, the total target weight W (weighted or ignoring MEAN; a sum of quarters, exact here) or 1 (SUM); its gradient is (1/divisor) (p_ik m_i - "
        "w_ik) with p = softmax, m_i = sum_k w_ik. " + CE_C + "Loss: the coefficients are rounded (at most 3u: "
        "(1 - eps), eps / D, the product and sum), each product w x^ u, the sums (at most 11 additions over 12 "
        "products) and the division u: error <= u sum |w| c + 16 u sum |w| |x| <= K n u scale with scale = "
        "(1/divisor) sum_ik |w_ik| (c_ik + |x_ik|), n = N D = 12. Gradient: dlref forms p^ = exp(x^) (relative u c + "
        "2u), the row mass m (fused: targetMass, 3u; LogSoftmax.backward: the row sum of the incoming gradient, at most "
        "8u with its factors), their product (u), the target part (at most 5u from its factors 1/divisor, 1 - eps, "
        "eps / D, w) and the final subtraction (u of the result) and scaling: error <= u (1/divisor) ((c + 11) p m + 5 w "
        "+ |p m - w|) <= u (1/divisor) (p m + w) (c + 12) = u scale (c >= D + 1 = 5), so K = 2, terms = 1. "
        "Cancellation (p m close to w) makes a gradient's ULP count large while its absolute error stays within this; "
        "U = 0 claims no ULP bound beyond correct rounding, every value carries its scale.",
        "ulps": 0, "scaled": 2,
        "scale": "loss: (1/divisor) sum_ik |w_ik| (c_ik + |x_ik|), terms = N D; gradient (i, k): (1/divisor) "
        "(p_ik m_i + |w_ik|) (c_ik + 12), terms = 1 (c, w, p, m and the divisor as in the description, all exact)",
        "order": None},
    "probability-cross-entropy": {
        "description": SUM_RULE + "probability_cross_entropy: term -y log p, StrictMath.log (2u) times y (exact 1 "
        "here; u in general): k = 3, s_m = the term (>= 0, scale = the loss). Gradient -(g y) / p: g = 1/N rounded, "
        "g y exact for y = 1, the quotient u: 2u relative, U = 4.",
        "ulps": 4, "scaled": 2, "scale": "(1/divisor) sum of the exact terms -y log p (= the loss); terms = N D",
        "order": None},
    "bce": {
        "description": SUM_RULE + "bce: term -(y l1 + (1 - y) l0), l1 = log p, l0 = log(1 - p) (neither clamp at "
        "-100 is reached): 1 - p rounded (an absolute error u in l0), each StrictMath.log 2u, 1 - y, the products "
        "and the sum u each: |error| <= u s_m with s_m = 5 (y |l1| + (1 - y) |l0|) + 1 >= |term|. Gradient "
        "g (p - y) / max(p (1 - p), eps), eps = (double) 1e-12f never reached (checked exactly and in doubles): p - y "
        "(exact for y = 0, u for y = 1), 1 - p, the product, the quotient, g = 1/(N D) and the last product: 6u "
        "relative, U = floor(12.5) = 12.",
        "ulps": 12, "scaled": 2,
        "scale": "(1/divisor) sum_m (5 (y |log p| + (1 - y) |log(1 - p)|) + 1), exact; terms = N D", "order": None},
    "bce-with-logits": {
        "description": SUM_RULE + "bce_with_logits: term max(z, 0) - z y + log1p(exp(-|z|)): z y and the "
        "difference u each (exact for y in {0, 1}), exp 2u, which log1p damps (x / ((1 + x) log1p x) <= 1), log1p "
        "2u, the sum u: |error| <= 5 u s_m with s_m = max(z, 0) + |z y| + log1p(e^-|z|). Gradient g (sigma(z) - y): "
        "Sigmoid.logistic is within 4u relative (exp 2u, 1 + e, the quotient), the difference u |sigma - y|, g = "
        "1/(N D) and the product 2u: error <= u g (4 sigma + 3 |sigma - y|) (K = 2, terms = 1 covers it); U = 0: "
        "every value carries its scale (sigma - y cancels for y = 1).",
        "ulps": 0, "scaled": 2,
        "scale": "loss: (1/divisor) sum_m (max(z, 0) + |z y| + log1p(e^-|z|)), terms = N D; gradient: (1/divisor) "
        "(4 sigma(z) + 3 |sigma(z) - y|), terms = 1", "order": None},
    "multi-margin-p1": {
        "description": SUM_RULE + "multi_margin p = 1 and multiclass_hinge: hinge h_j = margin - z_y + z_j for "
        "j != y computed as (z_j - z_y) + margin, two roundings, so |error| <= u (|z_j - z_y| + h_j) =: u s_m for a "
        "positive hinge (relu of a non-positive one is exactly 0; every exact hinge has the sign of dlref's, checked); "
        "the row sum, 1/C (exact 0.25) and the mean. Gradient: j != y: g [h_j > 0] with g = (1/N rounded) (1/C or 1, "
        "exact): correctly rounded; y: minus the sum of the k positive hinges' g, computed by adding k equal doubles "
        "(one rounding for k = 3): 2u relative, U = 4.",
        "ulps": 4, "scaled": 2,
        "scale": "(1/divisor) (1/C for multi_margin) sum over positive hinges of (|z_j - z_y| + h_j), exact; terms = N D",
        "order": None},
    "multi-margin-p2": {
        "description": SUM_RULE + "multi_margin p = 2: the hinge h as for p = 1 (|error| <= u (|z_j - z_y| + h)), "
        "StrictMath.pow(h, 2) (2u): |error| <= 2 h u (|z_j - z_y| + 2 h) =: u s_m. Gradient: j != y: (g 2) h^ with g "
        "= (1/N rounded)(1/C): |error| <= u 2 g (|z_j - z_y| + 3 h) =: u s_j; y: minus the sum of those (at most two "
        "roundings of same-signed terms): u (sum_j s_j + 2 sum_j 2 g h_j); K = 2, terms = 1. U = 0: every value "
        "carries its scale (a small hinge has a large relative error).",
        "ulps": 0, "scaled": 2,
        "scale": "loss: (1/(C divisor)) sum over positive hinges of 2 h (|z_j - z_y| + 2 h), terms = N D; gradient: "
        "j != y: 2 (1/(C divisor)) (|z_j - z_y| + 3 h_j); y: the sum of those plus 4 (1/(C divisor)) sum_j h_j; "
        "terms = 1", "order": None},
    "huber-smooth-l1": {
        "description": SUM_RULE + "huber and smooth_l1: z = |p - t| rounded (u); inside (z < delta) 0.5 z z (/ beta): "
        "3u (4u with a division); outside delta (z - delta/2) or z - beta/2: z - delta/2 >= z/2 so 3u, the product u: "
        "k = 4, s_m = the term (>= 0, scale = the loss); the exact branch is dlref's for every element (checked). "
        "Gradient g clamp(p - t, -delta, delta) (huber) or g (p - t)/beta, g sign (smooth_l1; beta = 0: sign, -1 at 0, "
        "not exercised): p - t u, / beta (exact for beta = 1), g = 1/(N D) u, the product u: 3u, U = 6.",
        "ulps": 6, "scaled": 2, "scale": "(1/divisor) sum of the exact terms (= the loss); terms = N D",
        "order": None},
    "nll": {
        "description": SUM_RULE + "nll: term -w_y x_(i, y) (u), 0 for an ignored sample; the sum, and MEAN divides by "
        "W = sum of the non-ignored w_y (exact here: quarters): k = 1, s_m = |w_y x| (scale = the loss, all x < 0). "
        "Gradient -w_y / W at (i, y): g = 1/W rounded, times -w_y: 2u relative, U = 4 (correctly rounded without "
        "weights).",
        "ulps": 4, "scaled": 2, "scale": "(1/divisor) sum of |w_y x_(i, y)| over non-ignored samples; terms = N D",
        "order": None},
    "kl-div": {
        "description": SUM_RULE + "kl_div (log_target false): term t log t - t x with t log t precomputed (StrictMath.log "
        "2u, product u; 0 for t = 0), t x (u), the difference (u of the term): |error| <= 4 u s_m with s_m = |t log t| "
        "+ |t x|. Divisor N D (mean), N (batchmean) or 1 (sum). Gradient -g t: g = 1/divisor rounded, the product: "
        "2u relative, U = 4.",
        "ulps": 4, "scaled": 2, "scale": "(1/divisor) sum_m (|t log t| + |t x|), exact; terms = N D", "order": None},
    "kl-div-log-target": {
        "description": SUM_RULE + "kl_div (log_target true): term (t - x) e^t with e^t precomputed (StrictMath.exp "
        "2u), t - x (u), the product (u): 4u relative, s_m = |term|. Gradient -g e^t: g = 1/divisor rounded (u), "
        "e^t (2u), the product (u): 4u, U = 8.",
        "ulps": 8, "scaled": 2, "scale": "(1/divisor) sum of the exact |e^t (t - x)|; terms = N D", "order": None},
}


# BinaryCrossEntropy.GRAD_EPS = (double) 1e-12f, the float nearest 1e-12 widened exactly
BCE_EPS = struct.unpack("<f", struct.pack("<f", 1e-12))[0]


class Mismatch(Exception):
    pass


def mat(m):
    return [[exact(x) for x in row] for row in m]


def sign(x):
    return ONE if x > 0 else (-ONE if x < 0 else ZERO)


def zeros(n, d):
    return [[ZERO] * d for _ in range(n)]


def classes_of(t):
    """The class of each one-hot row (checked one-hot; the column of its 1)."""
    out = []
    for i, row in enumerate(t):
        ones = [k for k, y in enumerate(row) if y == 1]
        if len(ones) != 1 or any(y not in (0, 1) for y in row):
            raise Mismatch("target row %d is not one-hot" % i)
        out.append(ones[0])
    return out


def decide(where, exact_decision, dlref_decision):
    if exact_decision != dlref_decision:
        raise Mismatch("%s: the exact decision %r differs from dlref's %r" % (where, exact_decision, dlref_decision))


def softmax_rows(z):
    """Per row: x (log-softmax), p (softmax), c (the error magnitude of dlref's x^, see CE_C)."""
    d = len(z)
    m = max(z)
    a = [v - m for v in z]
    big_a = max(abs(v) for v in a)
    lse = mpmath.log(mpmath.fsum(mpmath.exp(v) for v in a))
    x = [v - lse for v in a]
    p = [mpmath.exp(v) for v in x]
    c = [abs(a[k]) + big_a + d + 1 + 2 * lse + abs(x[k]) for k in range(d)]
    return x, p, c


def certify_entry(e):
    """(family, exact value, value scale, exact gradient matrix, gradient scale matrix or None)."""
    spec = e["loss"]
    kind = spec["type"]
    red = spec["reduction"]
    Pd, Td = e["prediction"], e["target"]
    P, T = mat(Pd), mat(Td)
    n, d = len(P), len(P[0])
    E = [[P[i][j] - T[i][j] for j in range(d)] for i in range(n)]
    Ed = [[Pd[i][j] - Td[i][j] for j in range(d)] for i in range(n)]  # dlref's rounded differences (Python floats)
    G = zeros(n, d)
    gs = None
    s = []  # the magnitudes s_m of the sum rule
    elementwise = ("mse", "l1", "huber", "smooth_l1", "bce", "bce_with_logits", "kl_div")
    if kind in elementwise:
        terms = []
        for i in range(n):
            for j in range(d):
                x, y, err = P[i][j], T[i][j], E[i][j]
                where = "(%d, %d)" % (i, j)
                if kind == "mse":
                    t, G[i][j] = err ** 2, 2 * err
                    s.append(t)
                elif kind == "l1":
                    decide(where + " p - t != 0", err != 0, Ed[i][j] != 0)
                    t, G[i][j] = abs(err), sign(err)
                    s.append(t)
                elif kind in ("huber", "smooth_l1"):
                    delta = exact(spec.get("delta" if kind == "huber" else "beta", 1.0))
                    a = abs(err)
                    decide(where + " |p - t| < delta", a < delta, abs(Ed[i][j]) < float(delta))
                    decide(where + " p - t <= -delta", err <= -delta, Ed[i][j] <= -float(delta))
                    decide(where + " p - t >= delta", err >= delta, Ed[i][j] >= float(delta))
                    if kind == "huber":
                        t = err ** 2 / 2 if a < delta else delta * (a - delta / 2)
                        G[i][j] = min(max(err, -delta), delta)
                    else:
                        t = err ** 2 / (2 * delta) if a < delta else a - delta / 2
                        if delta == 0:
                            decide(where + " p - t != 0", err != 0, Ed[i][j] != 0)
                            G[i][j] = ONE if err > 0 else -ONE  # -1 at 0 (PyTorch 1.13's d <= -beta)
                        else:
                            G[i][j] = err / delta if a < delta else sign(err)
                    s.append(t)
                elif kind == "bce":
                    eps = exact(BCE_EPS)
                    l1, l0 = mpmath.log(x), mpmath.log(1 - x)
                    if min(l1, l0) <= -100:
                        raise Mismatch(where + " a log reaches the -100 clamp")
                    xd = Pd[i][j]
                    decide(where + " p (1 - p) >= eps", x * (1 - x) >= eps, xd * (1 - xd) >= float(eps))
                    t = -(y * l1 + (1 - y) * l0)
                    G[i][j] = (x - y) / (x * (1 - x))
                    s.append(5 * (y * abs(l1) + (1 - y) * abs(l0)) + 1)
                elif kind == "bce_with_logits":
                    lp = mpmath.log(1 + mpmath.exp(-abs(x)))
                    t = max(x, ZERO) - x * y + lp
                    sig = 1 / (1 + mpmath.exp(-x))
                    G[i][j] = sig - y
                    s.append(max(x, ZERO) + abs(x * y) + lp)
                    gs = gs or zeros(n, d)
                    gs[i][j] = 4 * sig + 3 * abs(sig - y)
                elif kind == "kl_div":
                    if spec.get("log_target", False):
                        t = mpmath.exp(y) * (y - x)
                        G[i][j] = -mpmath.exp(y)
                        s.append(abs(t))
                    else:
                        tlogt = y * mpmath.log(y) if y != 0 else ZERO
                        t = tlogt - y * x
                        G[i][j] = -y
                        s.append(abs(tlogt) + abs(y * x))
                terms.append(t)
        total = mpmath.fsum(terms)
        div = {"mean": n * d, "sum": 1, "batchmean": n}[red]
        if kind == "mse":
            fam = "mse"
        elif kind == "l1":
            fam = "l1"
        elif kind in ("huber", "smooth_l1"):
            fam = "huber-smooth-l1"
        elif kind == "bce":
            fam = "bce"
        elif kind == "bce_with_logits":
            fam = "bce-with-logits"
        else:
            fam = "kl-div-log-target" if spec.get("log_target", False) else "kl-div"
    elif kind in ("sum_of_squares", "pnorm", "multi_margin", "multiclass_hinge", "probability_cross_entropy"):
        per = []
        if kind in ("multi_margin", "multiclass_hinge"):
            cls = classes_of(T)
            gs = zeros(n, d) if spec.get("p", 1) == 2 else None
        div = {"mean": n, "sum": 1}[red]
        for i in range(n):
            row = E[i]
            if kind == "sum_of_squares":
                fam = "sum-of-squares"
                per.append(mpmath.fsum(x ** 2 for x in row) / 2)
                s.extend(x ** 2 / 2 for x in row)
                G[i] = list(row)
            elif kind == "pnorm":
                p = spec["p"]
                if p == "Infinity":
                    fam = "pnorm-1-inf"
                    norm = max(abs(x) for x in row)
                    at = [abs(x) == norm for x in row]
                    normd = max(abs(x) for x in Ed[i])
                    decide("row %d argmax |p - t|" % i, at, [abs(x) == normd for x in Ed[i]])
                    ties = sum(at)
                    G[i] = [sign(x) / ties if at[j] else ZERO for j, x in enumerate(row)]
                    s.append(norm)
                elif p == 1.0:
                    fam = "pnorm-1-inf"
                    norm = mpmath.fsum(abs(x) for x in row)
                    G[i] = [sign(x) for x in row]
                    s.extend(abs(x) for x in row)
                else:
                    pp = exact(p)
                    acc = mpmath.fsum(abs(x) ** pp for x in row)
                    norm = acc ** (1 / pp)
                    if p == 3.0:
                        fam = "pnorm-3"
                        if abs(mpmath.log(acc)) > 6:
                            raise Mismatch("row %d: |ln acc| > 6, outside pnorm-3's derivation" % i)
                    elif p == 2.0:
                        fam = "pnorm-2"
                    else:
                        raise Mismatch("pnorm p = %r has no family" % p)
                    G[i] = [sign(x) * (abs(x) / norm) ** (pp - 1) for x in row]
                    s.append(norm)
                per.append(norm)
            elif kind == "probability_cross_entropy":
                fam = "probability-cross-entropy"
                tt = [-T[i][k] * mpmath.log(P[i][k]) for k in range(d) if T[i][k] != 0]
                per.append(mpmath.fsum(tt))
                s.extend(abs(x) for x in tt)
                G[i] = [-T[i][k] / P[i][k] if T[i][k] != 0 else ZERO for k in range(d)]
            else:
                c = cls[i]
                margin = exact(spec.get("margin", 1.0))
                pw = spec.get("p", 1) if kind == "multi_margin" else 1
                fam = "multi-margin-p2" if pw == 2 else "multi-margin-p1"
                cdiv = ONE / d if kind == "multi_margin" else ONE
                h = [margin - P[i][c] + P[i][j] for j in range(d)]
                hd = [(Pd[i][j] - Pd[i][c]) + float(margin) for j in range(d)]
                pos = [j != c and h[j] > 0 for j in range(d)]
                decide("row %d hinges > 0" % i, pos, [j != c and hd[j] > 0 for j in range(d)])
                per.append(cdiv * mpmath.fsum(h[j] ** pw for j in range(d) if pos[j]))
                g = [cdiv * pw * h[j] ** (pw - 1) if pos[j] else ZERO for j in range(d)]
                g[c] = -mpmath.fsum(g)
                G[i] = g
                for j in range(d):
                    if pos[j]:
                        delta = abs(P[i][j] - P[i][c])
                        s.append(cdiv * (delta + h[j] if pw == 1 else 2 * h[j] * (delta + 2 * h[j])))
                if pw == 2:
                    for j in range(d):
                        if pos[j]:
                            gs[i][j] = 2 * cdiv * (abs(P[i][j] - P[i][c]) + 3 * h[j])  # times 1/divisor below
                    gs[i][c] = mpmath.fsum(gs[i][j] for j in range(d) if pos[j]) + \
                        4 * cdiv * mpmath.fsum(h[j] for j in range(d) if pos[j])
        total = mpmath.fsum(per)
    elif kind in ("cross_entropy", "softmax_loss", "nll"):
        weights = [exact(w) for w in spec["weight"]] if "weight" in spec else [ONE] * d
        eps = exact(spec.get("label_smoothing", 0.0))
        ignore = spec.get("ignore_index", -100)
        indexed = kind == "nll" or "weight" in spec or "ignore_index" in spec
        W = [[ZERO] * d for _ in range(n)]  # the coefficients w_ik of the description
        div = ONE
        if indexed:
            cls = classes_of(T)
            wsum = mpmath.fsum(weights[cls[i]] for i in range(n) if cls[i] != ignore)
            div = {"mean": wsum, "sum": ONE}[red]
            for i in range(n):
                if cls[i] == ignore:
                    continue
                y = cls[i]
                if kind == "nll":
                    W[i][y] = weights[y]
                else:
                    for k in range(d):
                        W[i][k] = (1 - eps) * weights[y] * (1 if k == y else 0) + eps / d * weights[k]
        else:
            if kind == "softmax_loss":
                classes_of(T)
            div = {"mean": mpf(n), "sum": ONE}[red]
            for i in range(n):
                W[i] = [(1 - eps) * y + eps / d for y in T[i]]
        if kind == "nll":
            fam = "nll"
            total = -mpmath.fsum(W[i][k] * P[i][k] for i in range(n) for k in range(d))
            G = [[-W[i][k] for k in range(d)] for i in range(n)]
            s = [abs(W[i][k] * P[i][k]) for i in range(n) for k in range(d)]
        else:
            fam = "cross-entropy"
            total = ZERO
            gs = zeros(n, d)
            for i in range(n):
                x, p, c = softmax_rows(P[i])
                m = mpmath.fsum(W[i])
                total -= mpmath.fsum(W[i][k] * x[k] for k in range(d))
                G[i] = [p[k] * m - W[i][k] for k in range(d)]
                s.extend(abs(W[i][k]) * (c[k] + abs(x[k])) for k in range(d))
                gs[i] = [(p[k] * m + abs(W[i][k])) * (c[k] + 12) for k in range(d)]
    else:
        raise Mismatch("unknown loss " + kind)
    div = mpf(div)
    G = [[g / div for g in row] for row in G]
    if gs is not None:
        gs = [[g / div for g in row] for row in gs]
    scale = mpmath.fsum(s) / div
    return fam, total / div, scale, G, gs


def main():
    vec = certlib.load_vectors("losses")
    entries = []
    for idx, e in enumerate(vec["vectors"]):
        try:
            fam, v, scale, G, gs = certify_entry(e)
        except Mismatch as err:
            print("entry %d (%s): %s" % (idx, e["loss"], err), file=sys.stderr)
            sys.exit(1)
        n = len(G) * len(G[0])
        vals = [value("/value", e["value"], v, scale=scale, terms=n)]
        vals += certlib.matrix_values("/gradient", e["gradient"], G, scale=gs,
                                      terms=None if gs is None else [[1] * len(r) for r in gs])
        spec = e["loss"]
        key = " ".join([spec["type"], spec["reduction"]] + ["%s=%s" % (k, certlib.json.dumps(v)) for k, v in
                                                            sorted(spec.items()) if k not in ("type", "reduction")])
        if spec["type"] == "cross_entropy":  # which of its code paths: class indices, one-hot or soft target matrix
            onehot = all(y in (0.0, 1.0) for row in e["target"] for y in row)
            key += " target=" + ("class indices" if "weight" in spec or "ignore_index" in spec
                                 else "one-hot matrix" if onehot else "probabilities")
        entries.append({"entry": "/vectors/%d" % idx, "key": key, "family": fam, "values": vals})
    certlib.write_certificate("losses", SCRIPT, ["value", "gradient"], FAMILIES, entries, vec)
    hist = {"0": 0, "1": 0, "2": 0, "3-4": 0, "5-16": 0, ">16": 0}
    worst = None
    for e in entries:
        for v in e["values"]:
            u = v["ulps"]
            b = "0" if u == 0 else "1" if u == 1 else "2" if u == 2 else "3-4" if u <= 4 else "5-16" if u <= 16 \
                else ">16"
            hist[b] += 1
            if worst is None or u > worst[0]:
                worst = (u, e["entry"], e["key"], v["path"], v["dlref"], v["exact"])
    print("ULP distribution:", hist)
    print("worst:", worst)


if __name__ == "__main__":
    main()
