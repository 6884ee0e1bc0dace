package io.github.dlref.verify.oracle;

import static io.github.dlref.verify.oracle.DiagnoseOtherImplementationsTest.BATCHNORM_KERAS;
import static io.github.dlref.verify.oracle.DiagnoseOtherImplementationsTest.BATCHNORM_PYTORCH;
import static io.github.dlref.verify.oracle.DiagnoseOtherImplementationsTest.MEAN;
import static io.github.dlref.verify.oracle.DiagnoseOtherImplementationsTest.spec;
import static io.github.dlref.verify.oracle.DiagnoseOtherImplementationsTest.theirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.optim.Adadelta;
import io.github.dlref.optim.WeightDecay;
import io.github.dlref.verify.oracle.spec.Spec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code diagnose} on the conventions of issues 15 and 21 that {@link DiagnoseOtherImplementationsTest} does not
 * cover, with trajectories that dlref did not compute: PyTorch 1.13 ({@code torch.optim.NAdam}, {@code RAdam},
 * {@code Adadelta}, {@code Adamax}, {@code torch.nn.BatchNorm1d(momentum=0.01)}, {@code CrossEntropyLoss} and a
 * hand-written {@code -log(softmax + 1e-8)}) and NumPy implementations of Keras 3's Nadam, Adadelta and Adamax,
 * Optax's nadam and radam, CS231n's {@code batchnorm_forward} and {@code -log(softmax + 1e-7)}, written by
 * {@code scripts/golden/diagnose_trajectories_more.py} (outputs in {@code src/test/resources/diagnose/}). Each
 * verdict names the convention the script used, known from the framework's source, not from dlref's output.
 */
class DiagnoseMoreConventionsTest {

    static final String SETTINGS = " [lr=0.01, betas=(0.9, 0.999), eps=";
    static final String NADAM_PYTORCH = "PyTorch 1.13 NAdam (mu_t = beta1 (1 - 0.5 0.96^(t psi)), P_{t+1} = P_t mu_t "
            + "mu_{t+1})" + SETTINGS + "1.0E-8, momentum_decay=0.004]";
    static final String NADAM_KERAS = "Keras NAdam (mu_t = beta1 (1 - 0.5 0.96^(t psi)), Keras order)" + SETTINGS
            + "1.0E-7, momentum_decay=1.0]";
    static final String NADAM_OPTAX = "Optax NAdam (constant beta1, bias-corrected Nesterov look-ahead)" + SETTINGS
            + "1.0E-8]";
    static final String RADAM_PYTORCH = "PyTorch RAdam (rho_t > 5, sqrt(1 - beta2^t) / (sqrt(v) + eps))" + SETTINGS
            + "1.0E-8]";
    static final String RADAM_OPTAX = "Optax RAdam (rho_t >= 5, 1 / (sqrt(v_hat + eps_root) + eps))" + SETTINGS
            + "1.0E-8]";
    static final String ADADELTA = "Adadelta (lr sqrt(E[dx^2] + eps) / sqrt(E[g^2] + eps) g) ";
    static final String TWO_MATCH = " (2 variants match: indistinguishable on this trajectory)";
    static final String PLAIN_SGD = "plain SGD [lr=0.1, momentum=0.0]; " + MEAN + "; ";
    static final String CLASSIFIER_SGD = "plain SGD [lr=0.5, momentum=0.0]; " + MEAN;
    static final String EXACT = ", exact log-softmax cross-entropy (PyTorch CrossEntropyLoss, Keras from_logits=True, "
            + "Optax)";
    /** CS231n's batchnorm_forward: momentum 0.9 on the old value, eps 1e-5, biased variance, running_var from 0. */
    static final String BATCHNORM_CS231N = "BatchNorm Keras convention, momentum 0.9 (running = 0.9 running + "
            + "0.09999999999999998 batch, biased variance stored), eps 1.0E-5, running variance starting at 0 (CS231n "
            + "batchnorm_forward's defaults)";

    static final String NOMINAL = ", divided by the nominal batch size 4 on a short last batch (TensorFlow "
            + "compute_average_loss(global_batch_size), hand-written sum / batch_size)";
    static final String PYTORCH_MOMENTUM = DiagnoseOtherImplementationsTest.PYTORCH_MOMENTUM + " [lr=0.1, momentum=0.9]";
    static final String ADAM = DiagnoseOtherImplementationsTest.ALGORITHM_1 + SETTINGS + "1.0E-8]";

    static String notOwn(String theirs, String declared) {
        return "matches " + theirs + "; " + MEAN + "; not the spec's own " + declared + "; " + MEAN;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            // torch 1.13's NAdam multiplies mu_t into the product twice; Keras's momentum decay is 0.96^t
            Arguments.of("torch_nadam", notOwn(NADAM_PYTORCH, NADAM_KERAS)),
            Arguments.of("numpy_keras_nadam", notOwn(NADAM_KERAS, NADAM_PYTORCH) + TWO_MATCH),
            Arguments.of("numpy_optax_nadam", notOwn(NADAM_OPTAX, NADAM_PYTORCH) + TWO_MATCH),
            Arguments.of("torch_radam", notOwn(RADAM_PYTORCH, RADAM_OPTAX)),
            Arguments.of("numpy_optax_radam", notOwn(RADAM_OPTAX, RADAM_PYTORCH)),
            // torch.optim.Adadelta() declared as Keras's Adadelta without a learning rate: lr 1.0 vs 0.001
            Arguments.of("torch_adadelta", notOwn(ADADELTA + "[lr=1.0, rho=0.9, eps=1.0E-6] (PyTorch's defaults)",
                    ADADELTA + "[lr=0.001, rho=0.95, eps=1.0E-7] (Keras's defaults)")),
            Arguments.of("numpy_keras_adadelta", notOwn(ADADELTA + "[lr=1.0, rho=0.95, eps=1.0E-7] (Keras's rho and "
                    + "eps)", ADADELTA + "[lr=1.0, rho=0.9, eps=1.0E-6] (PyTorch's defaults)")),
            // BatchNorm1d(momentum=0.01) written by a user who meant Keras's momentum 0.99: the same weights, but
            // PyTorch stores the unbiased variance (the momentum tried is 1 - 0.99 in double)
            Arguments.of("torch_batchnorm_momentum_001", "matches " + PLAIN_SGD + "BatchNorm PyTorch convention, "
                    + "momentum 0.010000000000000009 (running = 0.99 running + 0.010000000000000009 batch, unbiased "
                    + "variance stored), eps 1.0E-5; not the spec's own " + PLAIN_SGD + BATCHNORM_KERAS),
            Arguments.of("numpy_cs231n_batchnorm", "matches " + PLAIN_SGD + BATCHNORM_CS231N + "; not the spec's own "
                    + PLAIN_SGD + BATCHNORM_PYTORCH),
            Arguments.of("torch_log_eps_1e8", "matches " + CLASSIFIER_SGD + ", cross-entropy -log(softmax + 1.0E-8) "
                    + "(hand-written); not the spec's own " + CLASSIFIER_SGD + EXACT),
            Arguments.of("numpy_log_eps_1e7", "matches " + CLASSIFIER_SGD + ", cross-entropy -log(softmax + 1.0E-7) "
                    + "(hand-written; eps = Keras's backend epsilon); not the spec's own " + CLASSIFIER_SGD + EXACT),
            // the loss divided by the configured batch size 4: the same as the mean except on every second batch (2
            // samples); under a constant rate PyTorch and heavy-ball momentum are the same computation
            Arguments.of("torch_nominal_batch_mean", "matches " + PYTORCH_MOMENTUM + "; " + MEAN + NOMINAL
                    + "; not the spec's own " + PYTORCH_MOMENTUM + "; " + MEAN + TWO_MATCH),
            Arguments.of("numpy_nominal_batch_adam", "matches " + ADAM + "; " + MEAN + NOMINAL + "; not the spec's own "
                    + ADAM + "; " + MEAN),
            // eps 1e-12 changes the loss by about 1e-12 relative, below check's 1e-9: exact and 1e-12 both match
            Arguments.of("torch_cross_entropy", "matches " + CLASSIFIER_SGD + EXACT + "; not the spec's own "
                    + CLASSIFIER_SGD + ", cross-entropy -log(softmax + 1.0E-8) (hand-written)" + TWO_MATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void namesTheirConventionAndNotTheDeclaredOne(String name, String verdict) {
        DiagnoseReport report = Diagnoser.diagnose(spec(name, "other"), theirs(name), Tolerance.DEFAULT);
        assertEquals(verdict, report.verdict());
        assertFalse(report.results().stream().filter(r -> r.variant().declared()).findFirst().orElseThrow().matched());
        assertTrue(report.results().get(0).matched(), report.verdict());
    }

    /** Every case but CS231n's BatchNorm can be declared in a spec; then the declared variant matches. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheSpecThatDeclaresTheirConvention(String name, String verdict) {
        DiagnoseReport report = Diagnoser.diagnose(spec(name, "own"), theirs(name), Tolerance.DEFAULT);
        boolean declaredMatches = report.results().stream().anyMatch(r -> r.variant().declared() && r.matched());
        // a spec cannot start the running variance at 0: CS231n's own spec declares everything else
        assertEquals(!name.equals("numpy_cs231n_batchnorm"), declaredMatches, report.verdict());
        if (declaredMatches) {
            assertTrue(report.results().get(0).variant().declared(), report.verdict());
            assertFalse(report.verdict().contains("not the spec's own"), report.verdict());
        }
    }

    /**
     * CS231n's spec declares Keras's arithmetic with momentum 0.9 and eps 1e-5, which starts the running variance at
     * 1: only the start differs, so diagnose changes that axis alone.
     */
    @Test
    void namesTheRunningVarianceStartingAtZero() {
        DiagnoseReport report = Diagnoser.diagnose(spec("numpy_cs231n_batchnorm", "own"),
                theirs("numpy_cs231n_batchnorm"), Tolerance.DEFAULT);
        assertEquals("matches " + PLAIN_SGD + BATCHNORM_CS231N + "; not the spec's own " + PLAIN_SGD
                + "BatchNorm Keras convention, momentum 0.9 (running = 0.9 running + 0.09999999999999998 batch, biased "
                + "variance stored), eps 1.0E-5", report.verdict());
        DiagnoseReport.Result first = report.results().get(0);
        assertTrue(first.variant().runningVarStartsAtZero());
        assertEquals(1, first.variant().changed());
        assertEquals(1, report.matches().size(), report.verdict());
    }

    /**
     * When the exact cross-entropy and eps 1e-12 both match PyTorch's CrossEntropyLoss, the spec declaring the exact
     * one is named first, and the spec declaring eps 1e-12 is named first too.
     */
    @Test
    void namesTheDeclaredCrossEntropyFirstAmongEqualMatches() {
        String name = "torch_cross_entropy";
        DiagnoseReport exact = Diagnoser.diagnose(spec(name, "own"), theirs(name), Tolerance.DEFAULT);
        assertEquals("matches " + CLASSIFIER_SGD + EXACT + TWO_MATCH, exact.verdict());
        Spec own = spec(name, "own");
        Spec tiny = own.withLoss(io.github.dlref.verify.oracle.spec.Component.of("loss", "cross_entropy_log_eps",
                "eps", 1e-12));
        DiagnoseReport report = Diagnoser.diagnose(tiny, theirs(name), Tolerance.DEFAULT);
        assertEquals("matches " + CLASSIFIER_SGD + ", cross-entropy -log(softmax + 1.0E-12) (hand-written)" + TWO_MATCH,
                report.verdict());
        assertEquals(List.of(true, false), report.matches().stream().map(r -> r.variant().declared()).toList());
        assertEquals(CLASSIFIER_SGD + EXACT, report.matches().get(1).variant().describe());
    }

    /**
     * Keras 3's Adamax adds eps after the maximum ({@code m / (u + eps)}), PyTorch inside it
     * ({@code max(beta2 u, |g| + eps)}); the NumPy trajectory of Keras's rule matches {@code Adamax.Form.KERAS}
     * (the {@code adamax_form} axis), not the spec's own PyTorch Adamax.
     */
    @Test
    void matchesKerasAdamax() {
        DiagnoseReport report = Diagnoser.diagnose(spec("numpy_keras_adamax", "own"), theirs("numpy_keras_adamax"),
                Tolerance.DEFAULT);
        assertTrue(report.anyMatch(), report.verdict());
        assertTrue(report.verdict().startsWith("matches Keras Adamax (u = max(beta2 u, |g|), theta -= lr/(1 - "
                + "beta1^t) m / (u + eps))" + SETTINGS + "1.0E-7]; " + MEAN + "; not the spec's own PyTorch Adamax"),
                report.verdict());
    }

    @Test
    void namesAdadeltaDefaults() {
        assertEquals(" (PyTorch's defaults)", Diagnoser.adadeltaDefaults(Adadelta.Hyperparameters.pytorch()));
        assertEquals(" (Keras's defaults)", Diagnoser.adadeltaDefaults(Adadelta.Hyperparameters.keras()));
        assertEquals(" (PyTorch's rho and eps)", Diagnoser.adadeltaDefaults(new Adadelta.Hyperparameters(0.5, 0.9,
                1e-6, WeightDecay.none())));
        assertEquals(" (Keras's rho and eps)", Diagnoser.adadeltaDefaults(new Adadelta.Hyperparameters(1.0, 0.95,
                1e-7, WeightDecay.none())));
        assertEquals("", Diagnoser.adadeltaDefaults(new Adadelta.Hyperparameters(1.0, 0.9, 1e-7, WeightDecay.none())));
        assertEquals("", Diagnoser.adadeltaDefaults(new Adadelta.Hyperparameters(1.0, 0.95, 1e-6, WeightDecay.none())));
    }

    /** r_t(0) = r_t(1) - k^t, k = momentum under Keras's convention and 1 - momentum under PyTorch's. */
    @Test
    void shiftsTheRunningVarianceByItsClosedForm() {
        for (String[] c : new String[][] {{"keras", "0.9", "0.9"}, {"pytorch", "0.25", "0.75"}}) {
            io.github.dlref.verify.oracle.spec.ModelSpec model = new io.github.dlref.verify.oracle.spec.ModelSpec(2,
                    List.of(io.github.dlref.verify.oracle.spec.Component.of("layer", "batchnorm", "convention", c[0],
                            "momentum", Double.parseDouble(c[1]))));
            io.github.dlref.math.Matrix var = io.github.dlref.math.Matrix.of(new double[][] {{2.0, 3.0}});
            io.github.dlref.math.Matrix mean = io.github.dlref.math.Matrix.of(new double[][] {{0.5, -0.5}});
            java.util.Map<String, io.github.dlref.math.Matrix> buffers = java.util.Map.of("0.running_mean", mean,
                    "0.running_var", var);
            List<Trajectory.Step> steps = List.of(1, 2, 3).stream().map(t -> new Trajectory.Step(t,
                    java.util.Optional.empty(), java.util.Optional.empty(), List.of(0), java.util.Optional.empty(), 1.0,
                    java.util.Optional.empty(), java.util.Map.of(), java.util.Map.of(), buffers, java.util.Map.of()))
                    .toList();
            Trajectory run = new Trajectory("test", java.util.Map.of(), java.util.Optional.of(new Trajectory.Snapshot(
                    java.util.Map.of(), buffers)), steps);
            Trajectory shifted = Diagnoser.startRunningVarAtZero(model, run);
            double k = Double.parseDouble(c[2]);
            for (int t = 1; t <= 3; t++) {
                Trajectory.Step s = shifted.steps().get(t - 1);
                assertEquals(2.0 - Math.pow(k, t), s.buffers().get("0.running_var").get(0, 0), 1e-15, c[0]);
                assertEquals(3.0 - Math.pow(k, t), s.buffers().get("0.running_var").get(0, 1), 1e-15, c[0]);
                assertEquals(mean, s.buffers().get("0.running_mean"));
                assertEquals(t, s.step());
            }
            assertEquals(0.0, shifted.initial().orElseThrow().buffers().get("0.running_var").get(0, 1));
            assertEquals(mean, shifted.initial().orElseThrow().buffers().get("0.running_mean"));
            assertEquals("test", shifted.producer());
        }
    }

    /** The batch size when the loop keeps a short last batch, else 0. */
    @Test
    void findsTheShortLastBatch() {
        Spec mlp = spec("torch_adam", "own"); // 6 samples in batches of 4
        assertEquals(4, Diagnoser.shortLastBatch(mlp));
        var t = mlp.training();
        assertEquals(0, Diagnoser.shortLastBatch(mlp.withTraining(new io.github.dlref.verify.oracle.spec.TrainingSpec(
                t.steps(), t.batchSize(), t.shuffle(), t.seed(), true))));
        assertEquals(0, Diagnoser.shortLastBatch(mlp.withTraining(new io.github.dlref.verify.oracle.spec.TrainingSpec(
                t.steps(), java.util.OptionalInt.of(3), t.shuffle(), t.seed(), false))));
        assertEquals(0, Diagnoser.shortLastBatch(mlp.withTraining(new io.github.dlref.verify.oracle.spec.TrainingSpec(
                t.steps(), java.util.OptionalInt.of(6), t.shuffle(), t.seed(), false))));
        assertEquals(0, Diagnoser.shortLastBatch(mlp.withTraining(new io.github.dlref.verify.oracle.spec.TrainingSpec(
                t.steps(), java.util.OptionalInt.of(7), t.shuffle(), t.seed(), false))));
        assertEquals(5, Diagnoser.shortLastBatch(mlp.withTraining(new io.github.dlref.verify.oracle.spec.TrainingSpec(
                t.steps(), java.util.OptionalInt.of(5), t.shuffle(), t.seed(), false))));
        assertEquals(0, Diagnoser.shortLastBatch(mlp.withTraining(
                io.github.dlref.verify.oracle.spec.TrainingSpec.fullBatch(3))));
    }

    /** With a short last batch, the mean, the sum and the nominal mean are all tried; without one, no nominal mean. */
    @Test
    void triesTheNominalBatchMeanOnlyWithAShortLastBatch() {
        Spec mlp = spec("torch_adam", "own");
        List<String> losses = Diagnoser.variants(mlp).stream().map(Variant::loss).distinct().toList();
        assertEquals(List.of(MEAN, "loss reduction \"sum\"", MEAN + NOMINAL), losses);
        var t = mlp.training();
        Spec dividing = mlp.withTraining(new io.github.dlref.verify.oracle.spec.TrainingSpec(t.steps(),
                java.util.OptionalInt.of(3), t.shuffle(), t.seed(), false));
        assertEquals(List.of(MEAN, "loss reduction \"sum\""), Diagnoser.variants(dividing).stream().map(Variant::loss)
                .distinct().toList());
    }

    static io.github.dlref.verify.oracle.spec.ModelSpec batchNorm(String convention, double momentum, double eps) {
        return new io.github.dlref.verify.oracle.spec.ModelSpec(2, List.of(io.github.dlref.verify.oracle.spec.Component
                .of("layer", "batchnorm", "convention", convention, "momentum", momentum, "eps", eps)));
    }

    /** A framework's name is given only when every setting is that framework's default. */
    @Test
    void namesBatchNormDefaultsOnlyWhenAllAgree() {
        String pytorch = " (PyTorch BatchNorm1d's defaults)";
        String keras = " (Keras BatchNormalization's defaults)";
        String cs231n = " (CS231n batchnorm_forward's defaults)";
        assertTrue(Diagnoser.describeBatchNorm(batchNorm("pytorch", 0.1, 1e-5), false).endsWith("eps 1.0E-5" + pytorch));
        assertTrue(Diagnoser.describeBatchNorm(batchNorm("keras", 0.99, 1e-3), false).endsWith("eps 0.001" + keras));
        assertTrue(Diagnoser.describeBatchNorm(batchNorm("keras", 0.9, 1e-5), true).endsWith(
                "eps 1.0E-5, running variance starting at 0" + cs231n));
        String[] untagged = {
            Diagnoser.describeBatchNorm(batchNorm("pytorch", 0.1, 1e-3), false),
            Diagnoser.describeBatchNorm(batchNorm("pytorch", 0.2, 1e-5), false),
            Diagnoser.describeBatchNorm(batchNorm("pytorch", 0.1, 1e-5), true),
            Diagnoser.describeBatchNorm(batchNorm("keras", 0.99, 1e-5), false),
            Diagnoser.describeBatchNorm(batchNorm("keras", 0.9, 1e-3), false),
            Diagnoser.describeBatchNorm(batchNorm("keras", 0.99, 1e-3), true),
            Diagnoser.describeBatchNorm(batchNorm("keras", 0.9, 1e-5), false),
            Diagnoser.describeBatchNorm(batchNorm("keras", 0.9, 1e-3), true),
            Diagnoser.describeBatchNorm(batchNorm("keras", 0.5, 1e-5), true),
            Diagnoser.describeBatchNorm(batchNorm("pytorch", 0.9, 1e-5), true),
        };
        for (String d : untagged) {
            assertFalse(d.endsWith("defaults)"), d);
        }
        assertEquals("BatchNorm PyTorch convention, momentum 0.25 (running = 0.75 running + 0.25 batch, unbiased variance "
                + "stored), eps 0.5, running variance starting at 0", Diagnoser.describeBatchNorm(batchNorm("pytorch",
                        0.25, 0.5), true));
        assertEquals("BatchNorm Keras convention, momentum 0.75 (running = 0.75 running + 0.25 batch, biased variance "
                + "stored), eps 0.5", Diagnoser.describeBatchNorm(batchNorm("keras", 0.75, 0.5), false));
        assertEquals("", Diagnoser.describeBatchNorm(spec("torch_adam", "own").model(), true));
        assertEquals("", Diagnoser.describeBatchNorm(spec("torch_adam", "own").model()));
        assertEquals(Diagnoser.describeBatchNorm(batchNorm("keras", 0.99, 1e-3), false),
                Diagnoser.describeBatchNorm(batchNorm("keras", 0.99, 1e-3)));
    }

    /**
     * The log-eps forms are tried only for a softmax cross-entropy without class weights or label smoothing, and the
     * declared eps is not tried twice.
     */
    @Test
    void triesLogEpsFormsOnlyForPlainSoftmaxCrossEntropy() {
        Spec ce = spec("torch_cross_entropy", "own");
        List<String> losses = Diagnoser.variants(ce).stream().map(Variant::loss).distinct().toList();
        assertEquals(List.of(MEAN + EXACT, "loss reduction \"sum\"" + EXACT, MEAN + EXACT + NOMINAL,
                MEAN + ", cross-entropy -log(softmax + 1.0E-7) (hand-written; eps = Keras's backend epsilon)",
                MEAN + ", cross-entropy -log(softmax + 1.0E-8) (hand-written)",
                MEAN + ", cross-entropy -log(softmax + 1.0E-12) (hand-written)"), losses);
        Spec declared1e8 = spec("torch_log_eps_1e8", "own");
        assertEquals(List.of(MEAN + ", cross-entropy -log(softmax + 1.0E-8) (hand-written)",
                "loss reduction \"sum\", cross-entropy -log(softmax + 1.0E-8) (hand-written)",
                MEAN + ", cross-entropy -log(softmax + 1.0E-8) (hand-written)" + NOMINAL, MEAN + EXACT,
                MEAN + ", cross-entropy -log(softmax + 1.0E-7) (hand-written; eps = Keras's backend epsilon)",
                MEAN + ", cross-entropy -log(softmax + 1.0E-12) (hand-written)"),
                Diagnoser.variants(declared1e8).stream().map(Variant::loss).distinct().toList());
        assertEquals(List.of(MEAN + NOMINAL, MEAN, "loss reduction \"sum\""), Diagnoser.variants(spec(
                "torch_nominal_batch_mean", "own")).stream().map(Variant::loss).distinct().toList());
        Spec weighted = ce.withLoss(io.github.dlref.verify.oracle.spec.Component.of("loss", "cross_entropy", "weight",
                List.of(1.0, 2.0, 1.0)));
        assertEquals(List.of(MEAN, "loss reduction \"sum\""), Diagnoser.variants(weighted).stream()
                .map(Variant::loss).distinct().toList());
        Spec smoothed = ce.withLoss(io.github.dlref.verify.oracle.spec.Component.of("loss", "cross_entropy",
                "label_smoothing", 0.1));
        assertEquals(List.of(MEAN, "loss reduction \"sum\"", MEAN + NOMINAL), Diagnoser.variants(smoothed).stream()
                .map(Variant::loss).distinct().toList());
    }

    /** The running variance of a trajectory without it (no buffers recorded) is left absent. */
    @Test
    void leavesAbsentBuffersAbsent() {
        Trajectory run = new Trajectory("test", java.util.Map.of(), java.util.Optional.of(new Trajectory.Snapshot(
                java.util.Map.of(), java.util.Map.of())), List.of());
        Trajectory shifted = Diagnoser.startRunningVarAtZero(batchNorm("keras", 0.9, 1e-5), run);
        assertTrue(shifted.initial().orElseThrow().buffers().isEmpty());
        assertTrue(shifted.steps().isEmpty());
    }
}
