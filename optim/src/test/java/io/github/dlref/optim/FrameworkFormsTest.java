package io.github.dlref.optim;

import static io.github.dlref.optim.HighPrecision.ONE;
import static io.github.dlref.optim.HighPrecision.ZERO;
import static io.github.dlref.optim.HighPrecision.add;
import static io.github.dlref.optim.HighPrecision.d;
import static io.github.dlref.optim.HighPrecision.div;
import static io.github.dlref.optim.HighPrecision.max;
import static io.github.dlref.optim.HighPrecision.mul;
import static io.github.dlref.optim.HighPrecision.pow;
import static io.github.dlref.optim.HighPrecision.sqrt;
import static io.github.dlref.optim.HighPrecision.sub;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The Keras 3, Optax and source-document forms that PyTorch does not have, against an independent
 * evaluation of each framework's or document's own formula (transcribed from its source: Keras
 * {@code keras/src/optimizers/*.py}, Optax {@code optax/_src/transform.py} and {@code alias.py}, the
 * documents bp-optimizers, dl-basics, param-optimization) in 40-digit arithmetic
 * ({@link HighPrecision}). Ten steps on the 2x2 bowl, whose gradient {@code a_k (theta_k - c_k)} is
 * elementwise, so the reference runs each coordinate on its own.
 *
 * <p>Tolerance {@link Tolerances#CLOSED_FORM_RELATIVE} (1e-13, normwise per matrix): the reference has no
 * rounding error to speak of, the double code rounds at each of its operations.
 */
class FrameworkFormsTest {

    static final int STEPS = 10;

    /** One coordinate's update, written from the framework's or document's formula. */
    interface ScalarRule {
        /** Returns the new value; {@code t} counts from 1. */
        BigDecimal step(BigDecimal theta, BigDecimal g, int t);
    }

    private static void check(String what, Function<List<Parameter>, Optimizer> ours, Supplier<ScalarRule> reference) {
        List<Parameter> ps = Problems.BOWL.newParameters();
        Optimizer opt = ours.apply(ps);
        ScalarRule[] rules = new ScalarRule[4];
        BigDecimal[] theta = new BigDecimal[4];
        double[] initial = ps.get(0).value().toRowMajorArray();
        for (int k = 0; k < 4; k++) {
            rules[k] = reference.get();
            theta[k] = d(initial[k]);
        }
        for (int t = 1; t <= STEPS; t++) {
            Problems.BOWL.setGradients(ps);
            opt.step();
            double norm = 0;
            for (int k = 0; k < 4; k++) {
                BigDecimal g = mul(d(Problems.BOWL_A[k]), sub(theta[k], d(Problems.BOWL_C[k])));
                theta[k] = rules[k].step(theta[k], g, t);
                norm = Math.max(norm, Math.abs(theta[k].doubleValue()));
            }
            double[] actual = ps.get(0).value().toRowMajorArray();
            for (int k = 0; k < 4; k++) {
                double err = Math.abs(actual[k] - theta[k].doubleValue()) / norm;
                assertTrue(err <= Tolerances.CLOSED_FORM_RELATIVE, what + ": step " + t + " element " + k + ": ours "
                        + actual[k] + ", reference " + theta[k].doubleValue() + ", normwise relative error " + err);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // SGD family

    /** Keras 3 SGD with weight_decay: {@code w = w - w * wd * lr} first, then {@code m = m mu - g lr; w += m}. */
    @Test
    void kerasSgdWithMomentumAndWeightDecay() {
        double lr = 0.05;
        double mu = 0.9;
        double wd = 0.2;
        check("Keras SGD", ps -> new SGD(ps, SGD.Hyperparameters.keras().withLearningRate(lr).withMomentum(mu)
                .withWeightDecay(WeightDecay.decoupled(wd))), () -> new ScalarRule() {
                    BigDecimal m = ZERO;

                    @Override
                    public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                        BigDecimal decayed = sub(w, mul(mul(w, d(wd)), d(lr)));
                        m = sub(mul(m, d(mu)), mul(g, d(lr)));
                        return add(decayed, m);
                    }
                });
    }

    /** bp-optimizers: {@code v = beta v + (1 - beta) dw; w -= alpha v}, beta 0.9. */
    @Test
    void bpOptimizersMomentum() {
        check("bp-optimizers momentum", ps -> new SGD(ps, SGD.Hyperparameters.bpOptimizers(0.1)),
                () -> new ScalarRule() {
                    BigDecimal v = ZERO;

                    @Override
                    public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                        v = add(mul(d(0.9), v), mul(sub(ONE, d(0.9)), g));
                        return sub(w, mul(d(0.1), v));
                    }
                });
    }

    /** dl-basics: momentum {@code v_t = a v_{t-1} + eta g_t; W = W - v_t}. */
    @Test
    void dlBasicsMomentum() {
        check("dl-basics momentum", ps -> new SGD(ps, SGD.Hyperparameters.dlBasics(0.05, 0.7)),
                () -> new ScalarRule() {
                    BigDecimal v = ZERO;

                    @Override
                    public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                        v = add(mul(d(0.7), v), mul(d(0.05), g));
                        return sub(w, v);
                    }
                });
    }

    /** dl-basics: weight decay {@code theta_t = (1 - beta) theta_{t-1} - alpha g_t}. */
    @Test
    void dlBasicsWeightDecay() {
        check("dl-basics weight decay", ps -> new SGD(ps, SGD.Hyperparameters.pytorch(0.05)
                .withWeightDecay(WeightDecay.decoupledUnscaled(0.1))), () -> (w, g, t) ->
                sub(mul(sub(ONE, d(0.1)), w), mul(d(0.05), g)));
    }

    // ------------------------------------------------------------------------------------------------
    // AdaGrad

    /** Keras 3 Adagrad: accumulator from 0.1; {@code acc += g^2; w -= lr g / sqrt(acc + eps)}. */
    @Test
    void kerasAdagrad() {
        check("Keras Adagrad", ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.keras().withLearningRate(0.5)),
                () -> new ScalarRule() {
                    BigDecimal acc = d(0.1);

                    @Override
                    public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                        acc = add(acc, mul(g, g));
                        return sub(w, div(mul(d(0.5), g), sqrt(add(acc, d(1e-7)))));
                    }
                });
    }

    /**
     * Optax adagrad: {@code scale_by_rss} ({@code s = g^2 + s}, update {@code g rsqrt(s + eps)} where
     * {@code s > 0}, else 0), then {@code scale(-lr)}; initial accumulator 0.1 and eps 1e-7 by default.
     */
    @Test
    void optaxAdagrad() {
        check("Optax adagrad", ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.optax(0.3)), () -> new ScalarRule() {
            BigDecimal s = d(0.1);

            @Override
            public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                s = add(mul(g, g), s);
                BigDecimal u = s.signum() > 0 ? mul(div(ONE, sqrt(add(s, d(1e-7)))), g) : ZERO;
                return add(w, mul(d(-0.3), u));
            }
        });
    }

    /** dl-basics / param-optimization AdaGrad, corrected: {@code h += g^2; W -= eta g / (sqrt(h) + 1e-10)}. */
    @Test
    void documentAdagradCorrected() {
        check("document AdaGrad", ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.dlBasics(0.5)), () -> new ScalarRule() {
            BigDecimal h = ZERO;

            @Override
            public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                h = add(h, mul(g, g));
                return sub(w, div(mul(d(0.5), g), add(sqrt(h), d(1e-10))));
            }
        });
    }

    // ------------------------------------------------------------------------------------------------
    // RMSprop

    /**
     * Keras 3 RMSprop: {@code v = rho v + (1 - rho) g^2}; centered {@code a = rho a + (1 - rho) g},
     * {@code den = v - a^2 + eps}, else {@code v + eps}; {@code inc = lr g / sqrt(den)}; momentum
     * {@code m = mu m + inc; w -= m}, else {@code w -= inc}.
     */
    @Test
    void kerasRmsprop() {
        for (boolean centered : new boolean[] {false, true}) {
            for (double mu : new double[] {0.0, 0.8}) {
                check("Keras RMSprop centered=" + centered + " momentum=" + mu, ps -> new RMSProp(ps,
                        RMSProp.Hyperparameters.keras().withLearningRate(0.05).withCentered(centered).withMomentum(mu)),
                        () -> new ScalarRule() {
                            BigDecimal v = ZERO;
                            BigDecimal a = ZERO;
                            BigDecimal m = ZERO;

                            @Override
                            public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                                BigDecimal rho = d(0.9);
                                v = add(mul(rho, v), mul(sub(ONE, rho), mul(g, g)));
                                BigDecimal den;
                                if (centered) {
                                    a = add(mul(rho, a), mul(sub(ONE, rho), g));
                                    den = add(sub(v, mul(a, a)), d(1e-7));
                                } else {
                                    den = add(v, d(1e-7));
                                }
                                BigDecimal inc = div(mul(d(0.05), g), sqrt(den));
                                if (mu > 0) {
                                    m = add(mul(d(mu), m), inc);
                                    return sub(w, m);
                                }
                                return sub(w, inc);
                            }
                        });
            }
        }
    }

    /**
     * Optax rmsprop: {@code scale_by_rms} ({@code nu = decay nu + (1 - decay) g^2} from {@code initial_scale},
     * {@code u = g rsqrt(nu + eps)}), {@code scale(-lr)}, then {@code trace(momentum)}
     * ({@code t = u + mu t}), {@code w += t}.
     */
    @Test
    void optaxRmspropWithInitialScaleAndMomentum() {
        check("Optax rmsprop", ps -> new RMSProp(ps, RMSProp.Hyperparameters.optax(0.05).withInitialSquareAverage(0.5)
                .withMomentum(0.6)), () -> new ScalarRule() {
                    BigDecimal nu = d(0.5);
                    BigDecimal trace = ZERO;

                    @Override
                    public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                        nu = add(mul(sub(ONE, d(0.9)), mul(g, g)), mul(d(0.9), nu));
                        BigDecimal u = mul(d(-0.05), mul(div(ONE, sqrt(add(nu, d(1e-8)))), g));
                        trace = add(u, mul(d(0.6), trace));
                        return add(w, trace);
                    }
                });
    }

    /** bp-optimizers RMSprop, corrected: {@code S = beta S + (1 - beta) dw^2; w -= alpha dw / (sqrt(S) + 1e-8)}. */
    @Test
    void bpOptimizersRmspropCorrected() {
        check("bp-optimizers RMSprop", ps -> new RMSProp(ps, RMSProp.Hyperparameters.bpOptimizers(0.05, 0.8)),
                () -> new ScalarRule() {
                    BigDecimal s = ZERO;

                    @Override
                    public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                        s = add(mul(d(0.8), s), mul(sub(ONE, d(0.8)), mul(g, g)));
                        return sub(w, div(mul(d(0.05), g), add(sqrt(s), d(1e-8))));
                    }
                });
    }

    // ------------------------------------------------------------------------------------------------
    // Adam

    /**
     * Keras 3 Adam: {@code alpha = lr sqrt(1 - b2^t) / (1 - b1^t)}; {@code m += (g - m)(1 - b1)};
     * {@code v += (g^2 - v)(1 - b2)}; amsgrad {@code v_hat = max(v_hat, v)}; {@code w -= m alpha / (sqrt(v) + eps)}.
     */
    @Test
    void kerasAdam() {
        for (boolean amsgrad : new boolean[] {false, true}) {
            Adam.Hyperparameters h = Adam.Hyperparameters.keras().withLearningRate(0.1).withBetas(0.8, 0.95)
                    .withAmsGrad(amsgrad ? Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT : Adam.AmsGrad.NONE);
            check("Keras Adam amsgrad=" + amsgrad, ps -> new Adam(ps, h), () -> new ScalarRule() {
                BigDecimal m = ZERO;
                BigDecimal v = ZERO;
                BigDecimal vHat = ZERO;

                @Override
                public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                    BigDecimal b1 = d(0.8);
                    BigDecimal b2 = d(0.95);
                    BigDecimal alpha = div(mul(d(0.1), sqrt(sub(ONE, pow(b2, t)))), sub(ONE, pow(b1, t)));
                    m = add(m, mul(sub(g, m), sub(ONE, b1)));
                    v = add(v, mul(sub(mul(g, g), v), sub(ONE, b2)));
                    BigDecimal second = v;
                    if (amsgrad) {
                        vHat = max(vHat, v);
                        second = vHat;
                    }
                    return sub(w, div(mul(m, alpha), add(sqrt(second), d(1e-7))));
                }
            });
        }
    }

    /**
     * Optax adam / amsgrad / adamw: {@code mu = (1 - b1) g + b1 mu}, {@code nu = (1 - b2) g^2 + b2 nu},
     * {@code mu_hat = mu / (1 - b1^t)}, {@code nu_hat = nu / (1 - b2^t)} (amsgrad: {@code nu_max = max(nu_max,
     * nu_hat)}), {@code u = mu_hat / (sqrt(nu_hat + eps_root) + eps)}; adamw adds {@code wd w}; then
     * {@code w += -lr u}.
     */
    @Test
    void optaxAdamAmsgradAndAdamW() {
        double epsRoot = 1e-3;
        for (int variant = 0; variant < 3; variant++) {
            boolean amsgrad = variant == 1;
            boolean adamw = variant == 2;
            Adam.Hyperparameters h = (adamw ? Adam.Hyperparameters.optaxAdamW(0.1).withWeightDecay(WeightDecay.decoupled(0.05))
                    : amsgrad ? Adam.Hyperparameters.optaxAmsGrad(0.1) : Adam.Hyperparameters.optax(0.1))
                    .withEpsilonRoot(epsRoot);
            check("Optax variant " + variant, ps -> new Adam(ps, h), () -> new ScalarRule() {
                BigDecimal mu = ZERO;
                BigDecimal nu = ZERO;
                BigDecimal nuMax = ZERO;

                @Override
                public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                    BigDecimal b1 = d(0.9);
                    BigDecimal b2 = d(0.999);
                    mu = add(mul(sub(ONE, b1), g), mul(b1, mu));
                    nu = add(mul(sub(ONE, b2), mul(g, g)), mul(b2, nu));
                    BigDecimal muHat = div(mu, sub(ONE, pow(b1, t)));
                    BigDecimal nuHat = div(nu, sub(ONE, pow(b2, t)));
                    if (amsgrad) {
                        nuMax = max(nuMax, nuHat);
                        nuHat = nuMax;
                    }
                    BigDecimal u = div(muHat, add(sqrt(add(nuHat, d(epsRoot))), d(1e-8)));
                    if (adamw) {
                        u = add(u, mul(d(0.05), w));
                    }
                    return add(w, mul(d(-0.1), u));
                }
            });
        }
    }

    /**
     * bp-optimizers Adam as printed: {@code v = b1 v + (1 - b1) dW}, {@code v_c = v / (1 - b1^t)},
     * {@code s = b2 s + (1 - b2) dW^2}, {@code s_c = s / (1 - b2^t)}, {@code W -= alpha v_c / (sqrt(s_c) + eps)},
     * b1 0.9, b2 0.999, eps 1e-8.
     */
    @Test
    void bpOptimizersAdam() {
        check("bp-optimizers Adam", ps -> new Adam(ps, Adam.Hyperparameters.bpOptimizers(0.2)), () -> new ScalarRule() {
            BigDecimal v = ZERO;
            BigDecimal s = ZERO;

            @Override
            public BigDecimal step(BigDecimal w, BigDecimal g, int t) {
                v = add(mul(d(0.9), v), mul(sub(ONE, d(0.9)), g));
                BigDecimal vc = div(v, sub(ONE, pow(d(0.9), t)));
                s = add(mul(d(0.999), s), mul(sub(ONE, d(0.999)), mul(g, g)));
                BigDecimal sc = div(s, sub(ONE, pow(d(0.999), t)));
                return sub(w, div(mul(d(0.2), vc), add(sqrt(sc), d(1e-8))));
            }
        });
    }
}
