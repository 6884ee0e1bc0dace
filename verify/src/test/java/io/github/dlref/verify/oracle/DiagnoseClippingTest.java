package io.github.dlref.verify.oracle;

import static io.github.dlref.verify.oracle.DiagnoseOtherImplementationsTest.MEAN;
import static io.github.dlref.verify.oracle.DiagnoseOtherImplementationsTest.spec;
import static io.github.dlref.verify.oracle.DiagnoseOtherImplementationsTest.theirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.oracle.spec.Component;
import io.github.dlref.verify.oracle.spec.Spec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code diagnose} on gradient clipping ({@code training.clipping}), with trajectories that dlref did not compute,
 * written by {@code scripts/golden/diagnose_clipping.py} (outputs in {@code src/test/resources/diagnose/}): PyTorch
 * 1.13's {@code clip_grad_norm_(max_norm=1.0)}, a NumPy transcription of Keras's per-tensor {@code clipnorm=1.0},
 * and Optax's {@code clip_by_global_norm(1.0)} transcribed in PyTorch tensor operations, each followed by plain SGD
 * with lr 0.1. Each verdict names the clipping the script used, known from the framework's source.
 */
class DiagnoseClippingTest {

    static final String SGD = "plain SGD [lr=0.1, momentum=0.0]; " + MEAN + "; ";
    static final String PYTORCH = "gradients clipped to global L2 norm 1.0, g min(1, c / (||g|| + 1e-6)) (PyTorch "
            + "clip_grad_norm_)";
    static final String KERAS = "gradients clipped per tensor, g_i c / max(||g_i||, c), c = 1.0 (Keras clipnorm)";
    static final String KERAS_GLOBAL = "gradients clipped to global L2 norm 1.0, g c min(1 / ||g||, 1 / c), no eps "
            + "(Keras global_clipnorm)";
    static final String OPTAX = "gradients clipped to global L2 norm 1.0, where(||g|| < c, g, g c / ||g||) (Optax "
            + "clip_by_global_norm)";
    /** The variants of these specs on the other axes (plain SGD's presets and forms, the mean MSE's losses). */
    static final int PER_CLIPPING = 12;
    static final String TWO_MATCH = " (2 variants match: indistinguishable on this trajectory)";

    private static DiagnoseReport diagnose(String name, String which) {
        return Diagnoser.diagnose(spec(name, which), theirs(name), Tolerance.DEFAULT);
    }

    /**
     * PyTorch's clip_grad_norm_ declared as Keras's per-tensor clipnorm: the global norm is named, in the verdict and
     * in the JSON report (valid against its schema).
     */
    @Test
    void namesPyTorchClipGradNormForAKerasClipnormSpec() throws Exception {
        DiagnoseReport report = diagnose("torch_clip_grad_norm", "other");
        assertEquals("matches " + SGD + PYTORCH + "; not the spec's own " + SGD + KERAS, report.verdict());
        assertEquals(1, report.matches().size(), report.verdict());
        assertEquals(1, report.matches().get(0).variant().changed());
        var json = ReportJson.diagnose(report);
        assertEquals(PYTORCH, json.get("variants").get(0).get("clipping").asText());
        SchemasTest.valid("diagnose-report.schema.json", json);
    }

    /** Keras's per-tensor clipnorm declared as PyTorch's clip_grad_norm_: the per-tensor form is named. */
    @Test
    void namesKerasClipnormForAPyTorchSpec() {
        DiagnoseReport report = diagnose("numpy_keras_clipnorm", "other");
        assertEquals("matches " + SGD + KERAS + "; not the spec's own " + SGD + PYTORCH, report.verdict());
        assertEquals(1, report.matches().size(), report.verdict());
    }

    /** The spec that declares the script's clipping matches alone: no other form agrees to the tolerance. */
    @Test
    void matchesTheDeclaredClippingAlone() {
        assertEquals("matches " + SGD + PYTORCH, diagnose("torch_clip_grad_norm", "own").verdict());
        assertEquals("matches " + SGD + KERAS, diagnose("numpy_keras_clipnorm", "own").verdict());
    }

    /**
     * Optax's where and Keras's global_clipnorm are the same arithmetic up to rounding: both match, and whichever
     * the spec declares is named first.
     */
    @Test
    void namesTheDeclaredFormFirstWhenTwoTie() {
        String name = "torch_optax_clip_by_global_norm";
        DiagnoseReport optax = diagnose(name, "own");
        assertEquals("matches " + SGD + OPTAX + TWO_MATCH, optax.verdict());
        assertEquals(SGD + KERAS_GLOBAL, optax.matches().get(1).variant().describe());
        DiagnoseReport keras = diagnose(name, "other");
        assertEquals("matches " + SGD + KERAS_GLOBAL + TWO_MATCH, keras.verdict());
        assertEquals(List.of(true, false), keras.matches().stream().map(r -> r.variant().declared()).toList());
        assertEquals(SGD + OPTAX, keras.matches().get(1).variant().describe());
    }

    /** Without clipping declared, no clipping variant is tried and nothing about clipping is said. */
    @Test
    void triesNoClippingAxisWithoutDeclaredClipping() {
        Spec own = spec("torch_clip_grad_norm", "own");
        Spec none = own.withTraining(own.training().withClipping(Optional.empty()));
        List<Variant> variants = Diagnoser.variants(none);
        assertEquals(PER_CLIPPING, variants.size());
        assertEquals(List.of(""), variants.stream().map(Variant::clipping).distinct().toList());
        DiagnoseReport report = Diagnoser.diagnose(none, theirs("torch_clip_grad_norm"), Tolerance.DEFAULT);
        assertFalse(report.anyMatch(), report.verdict());
    }

    /** A clipping spec's variants: the declared form, the four others at its threshold, then no clipping. */
    @Test
    void triesEveryFormAtTheDeclaredThresholdAndNone() {
        List<Variant> variants = Diagnoser.variants(spec("numpy_keras_clipnorm", "own"));
        assertEquals(6 * PER_CLIPPING, variants.size());
        assertEquals(List.of(KERAS, PYTORCH, KERAS_GLOBAL, OPTAX, "gradients clipped elementwise to [-1.0, 1.0] "
                + "(PyTorch clip_grad_value_, Keras clipvalue, Optax clip)", "no gradient clipping"),
                variants.stream().map(Variant::clipping).distinct().toList());
        // the clipping is the outermost axis: the first variant of each block keeps every other axis as declared
        List<Variant> firsts = List.of(0, 1, 2, 3, 4, 5).stream().map(k -> variants.get(k * PER_CLIPPING)).toList();
        assertEquals(List.of(0, 1, 1, 1, 1, 1), firsts.stream().map(Variant::changed).toList());
        assertEquals(1, variants.stream().filter(Variant::declared).count());
        assertTrue(variants.get(0).declared());
        assertEquals(Optional.empty(), firsts.get(5).spec().training().clipping());
        assertEquals(Optional.of(Component.of("clipping", "clip_grad_value", "clip_value", 1.0)),
                firsts.get(4).spec().training().clipping());
        assertEquals(SGD + "no gradient clipping", firsts.get(5).describe());
    }

    /**
     * A clip_grad_norm with another norm_type is also tried with the Euclidean norm; at threshold 0 only the forms
     * that accept it (clip_grad_norm, clip_grad_value) are tried.
     */
    @Test
    void triesTheEuclideanNormAndLeavesOutFormsThatRefuseZero() {
        Component l1 = Component.of("clipping", "clip_grad_norm", "max_norm", 0.5, "norm_type", 1.0);
        List<Optional<Component>> forms = Diagnoser.clippingVariants(Optional.of(l1));
        assertEquals(List.of("clip_grad_norm", "clip_grad_norm", "keras_clipnorm", "keras_global_clipnorm",
                "optax_clip_by_global_norm", "clip_grad_value", "none"),
                forms.stream().map(f -> f.map(Component::type).orElse("none")).toList());
        assertEquals(2.0, forms.get(1).orElseThrow().number("norm_type"));
        assertEquals(0.5, Diagnoser.clippingThreshold(forms.get(4).orElseThrow()));
        assertEquals("gradients clipped to global L1.0 norm 0.5, g min(1, c / (||g|| + 1e-6)) (PyTorch "
                + "clip_grad_norm_)", Diagnoser.describeClipping(Optional.of(l1)));
        assertEquals("gradients clipped to global max norm 0.5, g min(1, c / (||g|| + 1e-6)) (PyTorch "
                + "clip_grad_norm_)", Diagnoser.describeClipping(Optional.of(l1.with("norm_type",
                        Double.POSITIVE_INFINITY))));
        Component zero = Component.of("clipping", "clip_grad_norm", "max_norm", 0.0);
        assertEquals(List.of("clip_grad_norm", "clip_grad_value", "none"), Diagnoser.clippingVariants(
                Optional.of(zero)).stream().map(f -> f.map(Component::type).orElse("none")).toList());
        Component value = Component.of("clipping", "clip_grad_value", "clip_value", 0.0);
        assertEquals(List.of("clip_grad_value", "clip_grad_norm", "none"), Diagnoser.clippingVariants(
                Optional.of(value)).stream().map(f -> f.map(Component::type).orElse("none")).toList());
        assertEquals(0.25, Diagnoser.clippingThreshold(Component.of("clipping", "keras_global_clipnorm",
                "global_clipnorm", 0.25)));
        assertEquals(List.of(Optional.empty()), Diagnoser.clippingVariants(Optional.empty()));
    }
}
