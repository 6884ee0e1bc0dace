package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code diagnose} on trajectories that dlref did not compute: PyTorch 1.13 ({@code torch.optim},
 * {@code torch.nn.BatchNorm1d}, float64) and NumPy implementations of Keras 3's and the source documents'
 * conventions (optimizers, and Keras's BatchNormalization), trained on the network of
 * {@code examples/mlp_momentum.spec.json} by {@code scripts/golden/diagnose_trajectories.py}, whose committed
 * outputs are in {@code src/test/resources/diagnose/} (the script's header says how to regenerate them).
 *
 * <p>Each case has a trajectory and two specs: {@code own} declares the convention the trajectory was computed
 * with, {@code other} declares another one. Diagnosed against {@code own}, the declared variant must match and the
 * verdict must not disown it. Diagnosed against {@code other}, the verdict must be exactly the sentence written
 * below: it names the convention the script used (known from the framework's documentation, not from dlref's
 * output) and the spec's convention that it is not. Comparison uses {@code check}'s default tolerance
 * {@link Tolerance#DEFAULT} ({@code 1e-12 + 1e-9 |ours|}), as a user running {@code dlref diagnose} would.
 */
class DiagnoseOtherImplementationsTest {

    static final Path DIR = Path.of("src", "test", "resources", "diagnose");

    static final String MEAN = "loss reduction \"mean\"";
    static final String SUM = "loss reduction \"sum\"";
    static final String PYTORCH_MOMENTUM = "PyTorch/Optax momentum SGD (b = mu b + (1 - dampening) g, theta -= lr b)";
    static final String HEAVY_BALL = "heavy-ball momentum SGD (Keras, dl-basics: v = mu v + lr g, theta -= v)";
    static final String EMA = "EMA momentum SGD (bp-optimizers, param-optimization: v = beta v + (1 - beta) g)";
    static final String ALGORITHM_1 = "Algorithm 1 Adam (lr m_hat / (sqrt(v_hat) + eps): PyTorch, Optax)";
    static final String EPSILON_HAT = "Keras epsilon-hat Adam (lr_t m / (sqrt(v) + eps_hat))";
    static final String ADAM_SETTINGS = " [lr=0.01, betas=(0.9, 0.999), eps=";
    static final String ADAGRAD_OUTSIDE = "AdaGrad with eps outside the sqrt (PyTorch)";
    static final String ADAGRAD_INSIDE = "AdaGrad with eps inside the sqrt (Keras, Optax)";
    static final String RMSPROP_OUTSIDE = "RMSProp with eps outside the sqrt (PyTorch)";
    static final String RMSPROP_INSIDE = "RMSProp with eps inside the sqrt (Keras, Optax)";
    static final String PLAIN_SGD = "plain SGD [lr=0.1, momentum=0.0]";
    /** PyTorch's BatchNorm1d defaults: momentum 0.1 weights the batch, eps 1e-5. */
    static final String BATCHNORM_PYTORCH = "BatchNorm PyTorch convention, momentum 0.1 (running = 0.9 running + 0.1 "
            + "batch, unbiased variance stored), eps 1.0E-5 (PyTorch BatchNorm1d's defaults)";
    /** Keras's BatchNormalization defaults: momentum 0.99 weights the old value, epsilon 1e-3; 1 - 0.99 in double. */
    static final String BATCHNORM_KERAS = "BatchNorm Keras convention, momentum 0.99 (running = 0.99 running + "
            + "0.010000000000000009 batch, biased variance stored), eps 0.001 (Keras BatchNormalization's defaults)";

    static final String PER_BATCH = "schedule stepped per batch";
    static final String PER_EPOCH = "schedule stepped per epoch";
    static final String NESTEROV_HEAVY_BALL = HEAVY_BALL + ", Nesterov";
    static final String ALSO_CS231N = " (also CS231n's and DL4J's Nesterov: theta += -mu v_prev + (1 + mu) v)";
    static final String NESTEROV_PYTORCH = PYTORCH_MOMENTUM + ", Nesterov";

    /** The verdict "matches THEIRS; not the spec's own DECLARED", each with the loss reduction. */
    static String notOwn(String theirs, String declared) {
        return "matches " + theirs + "; " + MEAN + "; not the spec's own " + declared + "; " + MEAN;
    }

    /** The verdict "matches THEIRS; not the spec's own DECLARED", each with the loss reduction and schedule interval. */
    static String notOwn(String theirs, String theirInterval, String declared, String declaredInterval) {
        return "matches " + theirs + "; " + MEAN + "; " + theirInterval + "; not the spec's own " + declared + "; "
                + MEAN + "; " + declaredInterval;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            // with a step schedule, b = mu b + g, theta -= lr_t b and v = mu v + lr_t g, theta -= v differ
            Arguments.of("torch_sgd_momentum_steplr",
                    notOwn(PYTORCH_MOMENTUM + " [lr=0.1, momentum=0.9]", PER_BATCH, HEAVY_BALL + " [lr=0.1, momentum=0.9]",
                            PER_BATCH)),
            Arguments.of("numpy_keras_sgd_momentum_steplr",
                    notOwn(HEAVY_BALL + " [lr=0.1, momentum=0.9]", PER_BATCH, PYTORCH_MOMENTUM + " [lr=0.1, momentum=0.9]",
                            PER_BATCH)),
            // PyTorch's StepLR stepped once per epoch (two batches), declared as stepped per batch
            Arguments.of("torch_steplr_per_epoch",
                    notOwn(PYTORCH_MOMENTUM + " [lr=0.1, momentum=0.9]", PER_EPOCH,
                            PYTORCH_MOMENTUM + " [lr=0.1, momentum=0.9]", PER_BATCH)),
            // CS231n's and DL4J's Nesterov (x += -mu v_prev + (1 + mu) v) is Keras's; with a changing rate it is
            // not PyTorch's
            Arguments.of("numpy_cs231n_nesterov",
                    notOwn(NESTEROV_HEAVY_BALL + " [lr=0.1, momentum=0.9]" + ALSO_CS231N, PER_BATCH,
                            NESTEROV_PYTORCH + " [lr=0.1, momentum=0.9]", PER_BATCH)),
            // DL4J fills AdaGrad's history and RMSProp's average with epsilon before the first step
            Arguments.of("numpy_dl4j_adagrad",
                    notOwn(ADAGRAD_OUTSIDE + " [lr=0.1, eps=1.0E-6, initial_accumulator_value=1.0E-6 (starts at eps: "
                            + "DL4J)]", ADAGRAD_OUTSIDE + " [lr=0.1, eps=1.0E-6, initial_accumulator_value=0.0]")),
            Arguments.of("numpy_adam_no_bias_correction",
                    notOwn("Adam without bias correction (lr m / (sqrt(v) + eps))" + ADAM_SETTINGS + "1.0E-8]",
                            ALGORITHM_1 + ADAM_SETTINGS + "1.0E-8]")),
            Arguments.of("numpy_dl4j_rmsprop",
                    notOwn(RMSPROP_INSIDE + " [lr=0.01, alpha=0.95, eps=1.0E-8, initial_scale=1.0E-8 (starts at eps: "
                            + "DL4J)]", RMSPROP_INSIDE + " [lr=0.01, alpha=0.95, eps=1.0E-8]")),
            Arguments.of("numpy_ema_sgd_momentum",
                    notOwn(EMA + " [lr=0.1, momentum=0.9]", PYTORCH_MOMENTUM + " [lr=0.1, momentum=0.9]")),
            Arguments.of("torch_adam",
                    notOwn(ALGORITHM_1 + ADAM_SETTINGS + "1.0E-8]", EPSILON_HAT + ADAM_SETTINGS + "1.0E-7]")),
            Arguments.of("numpy_keras_adam",
                    notOwn(EPSILON_HAT + ADAM_SETTINGS + "1.0E-7]", ALGORITHM_1 + ADAM_SETTINGS + "1.0E-8]")),
            Arguments.of("torch_adam_l2",
                    notOwn(ALGORITHM_1 + ADAM_SETTINGS + "1.0E-8, L2 weight decay 0.1 added to the gradient (PyTorch "
                            + "weight_decay)]", ALGORITHM_1 + ADAM_SETTINGS + "1.0E-8, decoupled weight decay 0.1 "
                            + "(AdamW, Keras)]")),
            Arguments.of("torch_adamw",
                    notOwn(ALGORITHM_1 + ADAM_SETTINGS + "1.0E-8, decoupled weight decay 0.1 (AdamW, Keras)]",
                            ALGORITHM_1 + ADAM_SETTINGS + "1.0E-8, L2 weight decay 0.1 added to the gradient (PyTorch "
                            + "weight_decay)]")),
            Arguments.of("torch_adagrad",
                    notOwn(ADAGRAD_OUTSIDE + " [lr=0.1, eps=1.0E-10, initial_accumulator_value=0.0]",
                            ADAGRAD_INSIDE + " [lr=0.1, eps=1.0E-7, initial_accumulator_value=0.1]")),
            Arguments.of("torch_adagrad_initial_accumulator",
                    notOwn(ADAGRAD_OUTSIDE + " [lr=0.1, eps=1.0E-10, initial_accumulator_value=0.1]",
                            ADAGRAD_INSIDE + " [lr=0.1, eps=1.0E-7, initial_accumulator_value=0.1]")),
            Arguments.of("numpy_keras_adagrad",
                    notOwn(ADAGRAD_INSIDE + " [lr=0.1, eps=1.0E-7, initial_accumulator_value=0.1]",
                            ADAGRAD_OUTSIDE + " [lr=0.1, eps=1.0E-10, initial_accumulator_value=0.0]")),
            Arguments.of("torch_rmsprop",
                    notOwn(RMSPROP_OUTSIDE + " [lr=0.01, alpha=0.9, eps=1.0E-8]",
                            RMSPROP_INSIDE + " [lr=0.01, alpha=0.9, eps=1.0E-7]")),
            Arguments.of("numpy_keras_rmsprop",
                    notOwn(RMSPROP_INSIDE + " [lr=0.01, alpha=0.9, eps=1.0E-7]",
                            RMSPROP_OUTSIDE + " [lr=0.01, alpha=0.9, eps=1.0E-8]")),
            // BatchNorm between the first linear layer and tanh, plain SGD; the running statistics tell them apart
            Arguments.of("torch_batchnorm",
                    notOwn(PLAIN_SGD, PLAIN_SGD).replace(MEAN + ";", MEAN + "; " + BATCHNORM_PYTORCH + ";")
                            + "; " + BATCHNORM_KERAS),
            Arguments.of("numpy_keras_batchnorm",
                    notOwn(PLAIN_SGD, PLAIN_SGD).replace(MEAN + ";", MEAN + "; " + BATCHNORM_KERAS + ";")
                            + "; " + BATCHNORM_PYTORCH));
    }

    static Trajectory theirs(String name) {
        Trajectory t = TrajectoryJson.read(SpecParser.readFile(DIR.resolve(name + ".trajectory.json")));
        assertEquals(30, t.steps().size(), name);
        return t;
    }

    static Spec spec(String name, String which) {
        return SpecParser.parse(DIR.resolve(name + "." + which + ".spec.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void namesTheirConventionAndNotTheDeclaredOne(String name, String verdict) {
        DiagnoseReport report = Diagnoser.diagnose(spec(name, "other"), theirs(name), Tolerance.DEFAULT);
        assertEquals(verdict, report.verdict());
        DiagnoseReport.Result declared = report.results().stream().filter(r -> r.variant().declared()).findFirst()
                .orElseThrow();
        assertFalse(declared.matched(), report.verdict());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheSpecThatDeclaresTheirConvention(String name, String verdict) {
        DiagnoseReport report = Diagnoser.diagnose(spec(name, "own"), theirs(name), Tolerance.DEFAULT);
        DiagnoseReport.Result declared = report.results().stream().filter(r -> r.variant().declared()).findFirst()
                .orElseThrow();
        assertTrue(declared.matched(), report.verdict());
        assertTrue(report.verdict().startsWith("matches "), report.verdict());
        assertFalse(report.verdict().contains("not the spec's own"), report.verdict());
    }

    /**
     * PyTorch's SGD on {@code MSELoss(reduction="sum")}, declared with the mean: the sum is found, and, under a
     * constant learning rate, PyTorch momentum ({@code b = mu b + g, theta -= lr b}) and heavy-ball momentum
     * ({@code v = mu v + lr g, theta -= v}) are the same computation up to rounding, so both match and the
     * verdict says they cannot be told apart (which of the two comes first depends only on rounding).
     */
    @Test
    void findsTheSumReductionAndCannotSeparateEquivalentMomentumForms() {
        String name = "torch_sgd_momentum_sum";
        DiagnoseReport report = Diagnoser.diagnose(spec(name, "other"), theirs(name), Tolerance.DEFAULT);
        String declared = PYTORCH_MOMENTUM + " [lr=0.01, momentum=0.9]; " + MEAN;
        // the headline names the match closest to the spec: only the reduction changed, not the momentum form too
        assertEquals("matches " + PYTORCH_MOMENTUM + " [lr=0.01, momentum=0.9]; " + SUM + "; not the spec's own "
                + declared + " (2 variants match: indistinguishable on this trajectory)", report.verdict());
        assertEquals(Set.of(PYTORCH_MOMENTUM + " [lr=0.01, momentum=0.9]; " + SUM,
                HEAVY_BALL + " [lr=0.01, momentum=0.9]; " + SUM),
                report.matches().stream().map(r -> r.variant().describe()).collect(Collectors.toSet()));
        assertTrue(Diagnoser.diagnose(spec(name, "own"), theirs(name), Tolerance.DEFAULT).results().stream()
                .anyMatch(r -> r.variant().declared() && r.matched()));
    }

    /**
     * When two variants match equally (PyTorch and heavy-ball momentum under a constant rate, on PyTorch's own
     * trajectory), the headline names the one the spec declares, whichever it is.
     */
    @Test
    void namesTheDeclaredVariantFirstAmongEqualMatches() {
        String name = "torch_sgd_momentum_sum";
        Spec own = spec(name, "own");
        Spec heavyBall = own.withOptimizer(own.optimizer().with("preset", "keras"));
        DiagnoseReport report = Diagnoser.diagnose(heavyBall, theirs(name), Tolerance.DEFAULT);
        assertEquals("matches " + HEAVY_BALL + " [lr=0.01, momentum=0.9]; " + SUM
                + " (2 variants match: indistinguishable on this trajectory)", report.verdict());
        assertTrue(report.results().get(0).variant().declared());
        DiagnoseReport pytorch = Diagnoser.diagnose(own, theirs(name), Tolerance.DEFAULT);
        assertEquals("matches " + PYTORCH_MOMENTUM + " [lr=0.01, momentum=0.9]; " + SUM
                + " (2 variants match: indistinguishable on this trajectory)", pytorch.verdict());
    }

    /**
     * PyTorch's Adagrad with {@code initial_accumulator_value=0.1} (and eps 1e-10 outside the square root),
     * declared without an initial accumulator: the starting accumulator is not one of diagnose's axes and no
     * preset combines 0.1 with eps 1e-10, so no variant may match; diagnose must say so rather than name a
     * convention that only comes close.
     */
    @Test
    void reportsNoMatchForAConventionItDoesNotTry() {
        String name = "torch_adagrad_initial_accumulator";
        Spec own = spec(name, "own");
        Spec withoutAccumulator = new Spec(own.model(), own.parameters(), own.data(), own.loss(), own.regularization(),
                own.optimizer().without("initial_accumulator_value"), own.schedule(), own.training(), own.output());
        DiagnoseReport report = Diagnoser.diagnose(withoutAccumulator, theirs(name), Tolerance.DEFAULT);
        assertFalse(report.anyMatch(), report.verdict());
        assertTrue(report.verdict().startsWith("no variant matches; closest: "), report.verdict());
        // the closest is the one that agrees longest; its first failure is at step 1, so every variant fails there and
        // the normwise error decides
        assertTrue(report.verdict().contains("(first failure step 1, "), report.verdict());
    }
}
