package io.github.dlref.verify.oracle;

import io.github.dlref.math.Matrix;
import io.github.dlref.nn.layers.BatchNorm;
import io.github.dlref.optim.Adadelta;
import io.github.dlref.optim.AdaGrad;
import io.github.dlref.optim.ConventionAxis;
import io.github.dlref.optim.MomentumForm;
import io.github.dlref.optim.OptimizerHyperparameters;
import io.github.dlref.optim.RMSProp;
import io.github.dlref.optim.SGD;
import io.github.dlref.verify.oracle.spec.Component;
import io.github.dlref.verify.oracle.spec.ModelSpec;
import io.github.dlref.verify.oracle.spec.OutputSpec;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecBuilders;
import io.github.dlref.verify.oracle.spec.SpecException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds which convention another implementation follows: the engine of {@code dlref diagnose}.
 *
 * <p>It replays the spec under every convention variant and compares each trajectory with theirs
 * ({@link Comparer}, same tolerance for all). The variants are the product of these axes:
 * <ul>
 *   <li><b>optimizer</b>: the spec's optimizer with each preset of its type (pytorch, keras, optax and the
 *       source documents), each combined with every value of the convention switches that matter for the
 *       resolved hyper-parameters: SGD's {@code momentum_form} (when momentum is non-zero), AdaGrad's and
 *       RMSProp's {@code eps_placement}, RMSProp's {@code momentum_form}, Adam's {@code epsilon_form} and
 *       {@code amsgrad_form} (with AMSGrad), and {@code weight_decay_form} (with weight decay). The explicit
 *       hyper-parameters of the spec (such as {@code lr}, {@code betas}) are kept; the others come from the
 *       preset. Variants with equal resolved hyper-parameters are the same computation and are kept once.</li>
 *   <li><b>loss</b> (one change at a time): reduction {@code mean} and {@code sum} (over a short last batch, as
 *       every batch, the mean divides by that batch's own size, as PyTorch's and Keras's losses do) and, when an
 *       epoch ends with a short batch ({@link #shortLastBatch}), the mean divided by the nominal batch size instead
 *       ({@code nominal_batch_mean}: TensorFlow's {@code compute_average_loss(global_batch_size)}, hand-written
 *       {@code loss.sum() / batch_size}); for a softmax cross-entropy also the exact log-softmax
 *       ({@code cross_entropy}) and the hand-written {@code -log(softmax + eps)} ({@code cross_entropy_log_eps}) for
 *       each eps of {@link #LOG_EPS_SEEN}, with the declared reduction.</li>
 *   <li><b>BatchNorm</b> (when the model has BatchNorm layers, all changed together): the PyTorch and Keras
 *       conventions, each with its default momentum, with the spec's momentum {@code m} and with
 *       {@code 1 - m} (the two frameworks' momenta mean opposite weights; PyTorch stores the unbiased variance
 *       {@code n / (n - 1)}, Keras the biased one), eps as given or the convention's default; CS231n's
 *       {@code batchnorm_forward} (Keras's arithmetic, momentum 0.9, eps 1e-5); and each of these with the running
 *       variance starting at 0 (CS231n) instead of 1 ({@link #startRunningVarAtZero}).</li>
 *   <li><b>schedule interval</b> (with a schedule that changes the rate): as declared, and advanced at the other
 *       interval (per batch instead of per epoch, a scheduler stepped inside the batch loop, or the reverse).</li>
 *   <li><b>gradient clipping</b> (when the spec declares {@code training.clipping}): as declared, the other forms at
 *       the same threshold (PyTorch's {@code clip_grad_norm_}, Keras's {@code clipnorm} and {@code global_clipnorm},
 *       Optax's {@code clip_by_global_norm}, clipping by value) and no clipping ({@link #clippingVariants}).</li>
 * </ul>
 * The optimizer axis covers issue 21's optimizers through their presets and convention switches: NAdam's forms
 * (PyTorch 1.13, Dozat's, Keras's, Optax's), RAdam's (PyTorch's {@code rho_t > 5} with eps on the raw root,
 * Optax's {@code rho_t >= 5} with eps on the bias-corrected root) and Adadelta's PyTorch and Keras defaults (named
 * by {@link #adadeltaDefaults}). Keras's and Optax's Adamax (eps added after the maximum) is not an optimizer of
 * dlref's, so a trajectory of it matches no variant and the verdict says so.
 * AdaGrad and RMSProp are also tried with their accumulator starting at epsilon (DL4J), and Nesterov momentum's
 * heavy-ball form is also CS231n's and DL4J's {@code theta += -mu v_prev + (1 + mu) v} (the same arithmetic).
 * Results are ranked by {@link #RANKING}; the verdict names the first match, which is the declared variant whenever
 * it matches, and otherwise the match that changes the fewest axes.
 * Theirs is compared with whatever it contains; to tell BatchNorm conventions apart it must contain the
 * {@code buffers} (running statistics), which training-mode outputs do not depend on. A variant whose
 * trajectory has another structure than theirs (optimizer-state buffers of another name, such as
 * {@code velocity} for {@code momentum_buffer}) cannot be theirs and is left out; if no variant has theirs'
 * structure, the first mismatch is reported as an input error.
 */
public final class Diagnoser {

    private Diagnoser() {
    }

    /**
     * Every variant of a spec, the declared one first.
     *
     * @param spec the spec
     * @return the variants (at least the declared spec)
     */
    public static List<Variant> variants(Spec spec) {
        List<Component> optimizers = optimizerVariants(spec.optimizer());
        List<Component> losses = lossVariants(spec.loss(), shortLastBatch(spec));
        boolean crossEntropy = isCrossEntropyFamily(perBatchLoss(spec.loss()));
        List<BatchNormCandidate> models = batchNormVariants(spec.model());
        List<Optional<Component>> schedules = scheduleVariants(spec.schedule());
        Optional<Component> declaredClipping = spec.training().clipping();
        List<Optional<Component>> clippings = clippingVariants(declaredClipping);
        List<Variant> out = new ArrayList<>();
        for (Optional<Component> clip : clippings) {
            for (Optional<Component> sch : schedules) {
                for (BatchNormCandidate m : models) {
                    for (Component l : losses) {
                        for (Component o : optimizers) {
                            Spec s;
                            try {
                                s = spec.withModel(m.model()).withLoss(l).withOptimizer(o).withSchedule(sch);
                                if (clip != declaredClipping) {
                                    s = s.withTraining(s.training().withClipping(clip));
                                }
                            } catch (SpecException e) {
                                continue; // this combination is not a valid computation (for example a batch of 1)
                            }
                            int changed = (m.model() == spec.model() && !m.runningVarFromZero() ? 0 : 1)
                                    + (l == spec.loss() ? 0 : 1) + (o == spec.optimizer() ? 0 : 1)
                                    + (sch == spec.schedule() ? 0 : 1) + (clip == declaredClipping ? 0 : 1);
                            out.add(new Variant(s, describeOptimizer(o), describeLoss(l, crossEntropy),
                                    describeBatchNorm(m.model(), m.runningVarFromZero()), changed == 0,
                                    describeSchedule(sch), changed, m.runningVarFromZero(),
                                    declaredClipping.isPresent() ? describeClipping(clip) : ""));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The spec's schedule and, for a schedule that changes the rate, the same schedule advanced at the other
     * interval: stepped after every batch instead of after every epoch (a PyTorch scheduler's {@code step()}
     * called inside the batch loop), or the reverse.
     */
    private static List<Optional<Component>> scheduleVariants(Optional<Component> declared) {
        List<Optional<Component>> out = new ArrayList<>();
        out.add(declared);
        if (declared.isPresent() && !"constant".equals(declared.get().type())) {
            String other = "epoch".equals(declared.get().choice("interval")) ? "step" : "epoch";
            out.add(Optional.of(declared.get().with("interval", other)));
        }
        return out;
    }

    /**
     * The spec's gradient clipping and, when it declares one, the other forms at the same threshold {@code c} (the
     * spec's {@code max_norm}, {@code clip_value}, {@code clipnorm} or {@code global_clipnorm}), then no clipping:
     * PyTorch's {@code clip_grad_norm_} ({@code g min(1, c / (||g||_2 + 1e-6))}, the norm over all parameters),
     * Keras's per-tensor {@code clipnorm} ({@code g_i c / max(||g_i||_2, c)}), Keras's {@code global_clipnorm}
     * ({@code g c min(1 / ||g||_2, 1 / c)}, no eps), Optax's {@code clip_by_global_norm}
     * ({@code where(||g||_2 < c, g, g c / ||g||_2)}) and clipping each element to {@code [-c, c]}
     * ({@code clip_grad_value_}, Keras {@code clipvalue}). A declared {@code clip_grad_norm} with another
     * {@code norm_type} is also tried with the Euclidean norm. The forms that need {@code c > 0} are left out at
     * {@code c = 0}.
     *
     * @param declared the spec's {@code training.clipping}, if any
     * @return the declared clipping first (the only entry without one)
     */
    static List<Optional<Component>> clippingVariants(Optional<Component> declared) {
        List<Optional<Component>> out = new ArrayList<>();
        out.add(declared);
        if (declared.isEmpty()) {
            return out;
        }
        Component d = declared.get();
        double c = clippingThreshold(d);
        List<Component> others = new ArrayList<>();
        if (!"clip_grad_norm".equals(d.type()) || d.number("norm_type") != 2.0) {
            others.add(Component.of(CLIPPING, "clip_grad_norm", "max_norm", c));
        }
        if (c > 0.0) {
            others.add(Component.of(CLIPPING, "keras_clipnorm", "clipnorm", c));
            others.add(Component.of(CLIPPING, "keras_global_clipnorm", "global_clipnorm", c));
            others.add(Component.of(CLIPPING, "optax_clip_by_global_norm", "max_norm", c));
        }
        others.add(Component.of(CLIPPING, "clip_grad_value", "clip_value", c));
        for (Component o : others) {
            if (!o.type().equals(d.type()) || "clip_grad_norm".equals(o.type())) {
                out.add(Optional.of(o));
            }
        }
        out.add(Optional.empty());
        return out;
    }

    /** The family name of the {@code training.clipping} components. */
    private static final String CLIPPING = "clipping";

    /**
     * The threshold of a clipping: its {@code max_norm}, {@code clip_value}, {@code clipnorm} or
     * {@code global_clipnorm}.
     *
     * @param clipping the {@code clipping} component
     * @return the threshold
     */
    static double clippingThreshold(Component clipping) {
        switch (clipping.type()) {
            case "clip_grad_value":
                return clipping.number("clip_value");
            case "keras_clipnorm":
                return clipping.number("clipnorm");
            case "keras_global_clipnorm":
                return clipping.number("global_clipnorm");
            default:
                return clipping.number("max_norm"); // clip_grad_norm, optax_clip_by_global_norm
        }
    }

    /**
     * A gradient clipping in words, with the framework whose it is.
     *
     * @param clipping the {@code training.clipping} component, or empty for none
     * @return such as {@code gradients clipped per tensor, g_i c / max(||g_i||, c), c = 1.0 (Keras clipnorm)}, or
     *     {@code no gradient clipping}
     */
    public static String describeClipping(Optional<Component> clipping) {
        if (clipping.isEmpty()) {
            return "no gradient clipping";
        }
        Component k = clipping.get();
        double c = clippingThreshold(k);
        switch (k.type()) {
            case "clip_grad_norm":
                double p = k.number("norm_type");
                String norm = p == Double.POSITIVE_INFINITY ? "max norm" : p == 2.0 ? "L2 norm" : "L" + p + " norm";
                return "gradients clipped to global " + norm + " " + c + ", g min(1, c / (||g|| + 1e-6)) (PyTorch "
                        + "clip_grad_norm_)";
            case "clip_grad_value":
                return "gradients clipped elementwise to [-" + c + ", " + c + "] (PyTorch clip_grad_value_, Keras "
                        + "clipvalue, Optax clip)";
            case "keras_clipnorm":
                return "gradients clipped per tensor, g_i c / max(||g_i||, c), c = " + c + " (Keras clipnorm)";
            case "keras_global_clipnorm":
                return "gradients clipped to global L2 norm " + c + ", g c min(1 / ||g||, 1 / c), no eps (Keras "
                        + "global_clipnorm)";
            default:
                return "gradients clipped to global L2 norm " + c + ", where(||g|| < c, g, g c / ||g||) (Optax "
                        + "clip_by_global_norm)";
        }
    }

    /**
     * When a schedule advances, in words.
     *
     * @param schedule the {@code schedule} component, if any
     * @return {@code schedule stepped per batch} or {@code schedule stepped per epoch}; empty without a schedule
     *     or for a constant one
     */
    public static String describeSchedule(Optional<Component> schedule) {
        if (schedule.isEmpty() || "constant".equals(schedule.get().type())) {
            return "";
        }
        return "epoch".equals(schedule.get().choice("interval")) ? "schedule stepped per epoch"
                : "schedule stepped per batch";
    }

    /**
     * Replays every variant and compares it with theirs.
     *
     * @param spec the spec
     * @param theirs the other implementation's trajectory
     * @param tolerance the tolerance a variant must meet
     * @return the report
     * @throws SpecException if theirs does not have the spec's structure (step count, names, shapes)
     */
    public static DiagnoseReport diagnose(Spec spec, Trajectory theirs, Tolerance tolerance) {
        boolean wantState = theirs.steps().stream().anyMatch(s -> !s.optimizerState().isEmpty());
        Spec base = wantState && !spec.output().optimizerState() ? withState(spec) : spec;
        List<DiagnoseReport.Result> results = new ArrayList<>();
        SpecException structural = null;
        // a variant whose running variance starts at 0 replays the same spec as its twin: run each spec once
        Map<Spec, Optional<Trajectory>> runs = new IdentityHashMap<>();
        for (Variant v : variants(base)) {
            Optional<Trajectory> run = runs.computeIfAbsent(v.spec(), Diagnoser::tryRun);
            if (run.isEmpty()) {
                continue; // this variant cannot be computed (a division by zero): it cannot be theirs
            }
            Trajectory ours = v.runningVarStartsAtZero() ? startRunningVarAtZero(v.spec().model(), run.get())
                    : run.get();
            try {
                results.add(new DiagnoseReport.Result(v, Comparer.compare(ours, theirs, tolerance)));
            } catch (SpecException e) {
                // theirs has another structure than this variant (for example optimizer-state buffers that only
                // another momentum form keeps): it cannot be this variant
                if (structural == null) {
                    structural = e;
                }
            }
        }
        if (results.isEmpty() && structural != null) {
            throw structural; // no variant has theirs' structure: an input error, reported with its path
        }
        results.sort(RANKING);
        return new DiagnoseReport(tolerance, results, verdict(results));
    }

    private static Optional<Trajectory> tryRun(Spec spec) {
        try {
            return Optional.of(Runner.run(spec));
        } catch (OracleException e) {
            return Optional.empty();
        }
    }

    /**
     * The order of the results. Matching variants first: the ones closest to the spec (fewest axes changed; the
     * declared variant itself first), then by the worst value against the tolerance. Then the others, the closest
     * first: the latest first failure (a variant that agrees for 20 steps is closer than one that fails at step
     * 1), then the smallest normwise relative error (which, unlike the elementwise relative error, entries near
     * zero do not inflate), then the fewest axes changed.
     */
    public static final Comparator<DiagnoseReport.Result> RANKING = Comparator
            .comparing((DiagnoseReport.Result r) -> !r.matched())
            .thenComparingInt(r -> r.matched() ? r.variant().changed() : 0)
            .thenComparingInt(r -> -r.report().firstFailureStep())
            .thenComparingDouble(r -> r.matched() ? r.report().maxErrorRatio() : r.report().maxNormwiseError())
            .thenComparingInt(r -> r.variant().changed());

    private static Spec withState(Spec s) {
        return s.withOutput(new OutputSpec(true));
    }

    private static String verdict(List<DiagnoseReport.Result> results) {
        Optional<DiagnoseReport.Result> declared = results.stream().filter(r -> r.variant().declared()).findFirst();
        List<DiagnoseReport.Result> matches = results.stream().filter(DiagnoseReport.Result::matched).toList();
        if (matches.isEmpty()) {
            if (results.isEmpty()) {
                return "no variant could be computed";
            }
            DiagnoseReport.Result closest = results.get(0);
            return "no variant matches; closest: " + closest.variant().describe() + " (first failure "
                    + closest.report().firstFailure().map(Divergence::location).orElse("none")
                    + ", normwise relative error " + closest.report().maxNormwiseError() + ")";
        }
        StringBuilder sb = new StringBuilder("matches ").append(matches.get(0).variant().describe());
        if (declared.isPresent() && !declared.get().matched()) {
            sb.append("; not the spec's own ").append(declared.get().variant().describe());
        }
        if (matches.size() > 1) {
            sb.append(" (").append(matches.size()).append(" variants match: indistinguishable on this trajectory)");
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------
    // Optimizer variants

    private static List<Component> optimizerVariants(Component declared) {
        List<Component> bases = new ArrayList<>();
        bases.add(declared);
        for (String preset : SpecBuilders.presets(declared.type())) {
            if (!preset.equals(declared.choice("preset"))) {
                try {
                    bases.add(declared.with("preset", preset));
                } catch (SpecException e) {
                    // unreachable for a valid preset name; kept for safety of with()
                }
            }
        }
        Map<OptimizerHyperparameters, Component> unique = new LinkedHashMap<>();
        for (Component base : bases) {
            OptimizerHyperparameters h;
            try {
                h = SpecBuilders.hyperparameters(base);
            } catch (SpecException e) {
                continue; // this preset needs a setting the spec does not give (such as dl_basics' momentum)
            }
            List<Component> expanded = new ArrayList<>();
            expanded.add(base);
            for (Map.Entry<String, List<String>> axis : axes(base.type(), h).entrySet()) {
                List<Component> next = new ArrayList<>();
                for (Component c : expanded) {
                    next.add(c);
                    for (String value : axis.getValue()) {
                        try {
                            Component v = c.with(axis.getKey(), value);
                            SpecBuilders.hyperparameters(v);
                            next.add(v);
                        } catch (SpecException e) {
                            // an invalid combination (such as Nesterov with the EMA form): not a variant
                        }
                    }
                }
                expanded = next;
            }
            for (Component c : expanded) {
                unique.putIfAbsent(SpecBuilders.hyperparameters(c).canonical(), c);
            }
            for (Component c : expanded) {
                startingAtEpsilon(c).ifPresent(v -> unique.putIfAbsent(SpecBuilders.hyperparameters(v).canonical(), v));
            }
        }
        return List.copyOf(unique.values());
    }

    /**
     * DL4J's AdaGrad and RMSProp fill their accumulator with epsilon before the first step (its updaters'
     * {@code setStateViewArray}), where PyTorch and Keras start at 0 (Keras AdaGrad at 0.1): the variant of an
     * AdaGrad or RMSProp component whose accumulator starts at its resolved epsilon, unless it already does or
     * the spec sets the starting value itself.
     */
    private static Optional<Component> startingAtEpsilon(Component c) {
        OptimizerHyperparameters h = SpecBuilders.hyperparameters(c);
        if (h instanceof AdaGrad.Hyperparameters a && !c.has("initial_accumulator_value") && a.epsilon() > 0
                && a.initialAccumulatorValue() != a.epsilon()) {
            return Optional.of(c.with("initial_accumulator_value", a.epsilon()));
        }
        if (h instanceof RMSProp.Hyperparameters r && !c.has("initial_scale") && r.epsilon() > 0
                && r.initialSquareAverage() != r.epsilon()) {
            return Optional.of(c.with("initial_scale", r.epsilon()));
        }
        return Optional.empty();
    }

    /**
     * The hyper-parameters with the settings that cannot affect the computation normalized, so that equal
     * computations compare equal ({@link OptimizerHyperparameters#canonical()}).
     */
    static Record canonical(OptimizerHyperparameters h) {
        return h.canonical().asRecord();
    }

    /** The spec settings to vary: one per convention axis the resolved hyper-parameters use. */
    private static Map<String, List<String>> axes(String type, OptimizerHyperparameters h) {
        Map<String, List<String>> axes = new LinkedHashMap<>();
        for (ConventionAxis axis : h.conventions().keySet()) {
            String key = SpecBuilders.conventionKey(axis);
            axes.put(key, SpecBuilders.choices("optimizer", type, key));
        }
        return axes;
    }

    /**
     * What an optimizer component computes, in framework terms, with its resolved hyper-parameters
     * ({@link OptimizerHyperparameters#description()}).
     *
     * @param c the {@code optimizer} component
     * @return a description such as {@code Keras epsilon-hat Adam: lr_t m / (sqrt(v) + eps_hat) (lr=0.001, ...)}
     */
    public static String describeOptimizer(Component c) {
        OptimizerHyperparameters h = SpecBuilders.hyperparameters(c);
        if (h instanceof SGD.Hyperparameters s && s.nesterov() && s.form() == MomentumForm.HEAVY_BALL) {
            // v = mu v + lr g, theta -= mu v + lr g is CS231n's and DL4J's v_prev form (v = mu v - lr g,
            // theta += -mu v_prev + (1 + mu) v) in other variables: both are theta -= mu^2 v_prev + (1 + mu) lr g
            return h.description() + " (also CS231n's and DL4J's Nesterov: theta += -mu v_prev + (1 + mu) v)";
        }
        if (h instanceof Adadelta.Hyperparameters a) {
            return h.description() + adadeltaDefaults(a);
        }
        return h.description();
    }

    /**
     * Which framework's Adadelta defaults a resolved Adadelta has: PyTorch's {@code torch.optim.Adadelta} (lr 1.0,
     * rho 0.9, eps 1e-6) or Keras 3's {@code keras.optimizers.Adadelta} (learning_rate 0.001, rho 0.95,
     * epsilon 1e-7); both compute the same recurrence (Zeiler's, times a learning rate), so only the defaults tell
     * them apart. " (PyTorch's defaults)" when all three agree, " (Keras's rho and eps)" when only rho and eps do,
     * nothing when neither.
     */
    static String adadeltaDefaults(Adadelta.Hyperparameters a) {
        Adadelta.Hyperparameters[] presets = {Adadelta.Hyperparameters.pytorch(), Adadelta.Hyperparameters.keras()};
        String[] names = {"PyTorch", "Keras"};
        for (int k = 0; k < presets.length; k++) {
            Adadelta.Hyperparameters d = presets[k];
            if (d.rho() == a.rho() && d.epsilon() == a.epsilon()) {
                return d.learningRate() == a.learningRate() ? " (" + names[k] + "'s defaults)"
                        : " (" + names[k] + "'s rho and eps)";
            }
        }
        return "";
    }

    // ------------------------------------------------------------------------------------------
    // Loss variants

    /**
     * The values of eps in {@code log(softmax + eps)} found in hand-written cross-entropies: {@code 1e-7} (Keras's
     * backend epsilon, {@code keras.config.epsilon()}), {@code 1e-8} and {@code 1e-12}.
     */
    public static final List<Double> LOG_EPS_SEEN = List.of(1e-7, 1e-8, 1e-12);

    /**
     * Whether a loss is a softmax cross-entropy whose log-epsilon form diagnose tries: {@code cross_entropy} without
     * class weights or label smoothing, or {@code cross_entropy_log_eps}.
     */
    static boolean isCrossEntropyFamily(Component loss) {
        if ("cross_entropy_log_eps".equals(loss.type())) {
            return true;
        }
        return "cross_entropy".equals(loss.type()) && !loss.has("weight") && loss.number("label_smoothing") == 0.0;
    }

    /**
     * The declared loss, then one change at a time: the per-batch loss with each reduction ({@code mean},
     * {@code sum}, and, when the last batch of an epoch is short ({@code shortLastBatch > 0}), the mean divided by
     * the nominal batch size instead, {@code nominal_batch_mean}); then, for a softmax cross-entropy, the other forms
     * (the exact log-softmax and {@code log(softmax + eps)} for each eps of {@link #LOG_EPS_SEEN}) with the declared
     * reduction. Two loss changes at once (such as eps and the sum) are not tried.
     */
    private static List<Component> lossVariants(Component declared, int shortLastBatch) {
        Component base = perBatchLoss(declared);
        List<Component> out = new ArrayList<>();
        out.add(declared);
        if (base != declared) {
            out.add(base);
        }
        for (String r : List.of("mean", "sum")) {
            if (!r.equals(base.choice("reduction"))) {
                out.add(base.with("reduction", r));
            }
        }
        if (shortLastBatch > 0 && base == declared && !SpecBuilders.needsClassIndices(base)) {
            out.add(Component.of("loss", "nominal_batch_mean", "loss", base.with("reduction", "mean"), "batch_size",
                    shortLastBatch));
        }
        if (isCrossEntropyFamily(base)) {
            String r = base.choice("reduction");
            boolean declaredLogEps = "cross_entropy_log_eps".equals(base.type());
            if (declaredLogEps) {
                out.add(Component.of("loss", "cross_entropy", "reduction", r));
            }
            for (double eps : LOG_EPS_SEEN) {
                if (!declaredLogEps || base.number("eps") != eps) {
                    out.add(Component.of("loss", "cross_entropy_log_eps", "eps", eps, "reduction", r));
                }
            }
        }
        return out;
    }

    /** The loss computed on each batch: the inner loss of a {@code nominal_batch_mean}, else the loss itself. */
    private static Component perBatchLoss(Component loss) {
        return "nominal_batch_mean".equals(loss.type()) ? loss.component("loss").orElseThrow() : loss;
    }

    /**
     * The batch size, when an epoch ends with a short batch that the loop keeps (a batch size that does not divide
     * the number of samples, {@code drop_last} false); otherwise 0.
     */
    static int shortLastBatch(Spec spec) {
        var t = spec.training();
        if (t.batchSize().isEmpty() || t.dropLast()) {
            return 0;
        }
        int n = SpecBuilders.dataset(spec.data(), spec.model().outputWidth()).size();
        int b = t.batchSize().getAsInt();
        return n / b >= 1 && n % b != 0 ? b : 0; // at least one full batch, and a remainder
    }

    /**
     * A loss in words: its reduction and, for the softmax cross-entropies, which form.
     *
     * @param loss the {@code loss} component
     * @param crossEntropyForms whether the cross-entropy forms are being told apart (the spec's loss is a softmax
     *     cross-entropy): the exact one is then named too
     * @return such as {@code loss reduction "mean", cross-entropy -log(softmax + 1.0E-8) (hand-written)}
     */
    public static String describeLoss(Component loss, boolean crossEntropyForms) {
        if ("nominal_batch_mean".equals(loss.type())) {
            return describeLoss(loss.component("loss").orElseThrow(), crossEntropyForms) + ", divided by the nominal "
                    + "batch size " + loss.integer("batch_size") + " on a short last batch (TensorFlow "
                    + "compute_average_loss(global_batch_size), hand-written sum / batch_size)";
        }
        String reduction = "loss reduction \"" + loss.choice("reduction") + "\"";
        if ("cross_entropy_log_eps".equals(loss.type())) {
            double eps = loss.number("eps");
            return reduction + ", cross-entropy -log(softmax + " + eps + ") (hand-written"
                    + (eps == 1e-7 ? "; eps = Keras's backend epsilon)" : ")");
        }
        if (crossEntropyForms) {
            return reduction + ", exact log-softmax cross-entropy (PyTorch CrossEntropyLoss, Keras from_logits=True, "
                    + "Optax)";
        }
        return reduction;
    }

    // ------------------------------------------------------------------------------------------
    // BatchNorm variants

    /** CS231n's {@code batchnorm_forward} defaults: momentum 0.9 weighting the old value, eps 1e-5. */
    static final double CS231N_MOMENTUM = 0.9;
    /** CS231n's {@code batchnorm_forward} default eps. */
    static final double CS231N_EPS = 1e-5;

    /**
     * A BatchNorm variant: the model (its layers' convention, momentum and eps) and whether the running variance
     * starts at 0 instead of 1.
     */
    private record BatchNormCandidate(ModelSpec model, boolean runningVarFromZero) {
    }

    /**
     * The declared model, the BatchNorm conventions (PyTorch's and Keras's, each with its default momentum, the
     * spec's {@code m} and {@code 1 - m}, eps as given or the convention's default), CS231n's (Keras's arithmetic
     * with momentum 0.9 and eps 1e-5), and each of them again with the running variance starting at 0.
     */
    private static List<BatchNormCandidate> batchNormVariants(ModelSpec model) {
        List<ModelSpec> models = new ArrayList<>();
        models.add(model);
        Optional<Component> first = model.layers().stream().filter(l -> "batchnorm".equals(l.type())).findFirst();
        if (first.isEmpty()) {
            return List.of(new BatchNormCandidate(model, false));
        }
        BatchNorm.Config declared = config(first.get());
        List<Object[]> candidates = new ArrayList<>();
        double m = declared.momentum();
        for (String convention : List.of("pytorch", "keras")) {
            BatchNorm.Config defaults = "keras".equals(convention) ? BatchNorm.Config.keras() : BatchNorm.Config.pytorch();
            for (double momentum : new double[] {defaults.momentum(), m, 1.0 - m}) {
                candidates.add(new Object[] {convention, momentum, null});
            }
        }
        candidates.add(new Object[] {"keras", CS231N_MOMENTUM, CS231N_EPS});
        List<String> seen = new ArrayList<>();
        seen.add(key(model));
        for (Object[] cand : candidates) {
            List<Component> layers = new ArrayList<>();
            for (Component l : model.layers()) {
                if ("batchnorm".equals(l.type())) {
                    Component v = l.with("convention", cand[0]).with("momentum", cand[1]);
                    if (cand[2] != null) {
                        v = v.with("eps", cand[2]);
                    } else if (!l.has("eps")) {
                        v = v.without("eps");
                    }
                    layers.add(v);
                } else {
                    layers.add(l);
                }
            }
            ModelSpec variant = new ModelSpec(model.input(), layers);
            if (!seen.contains(key(variant))) {
                seen.add(key(variant));
                models.add(variant);
            }
        }
        List<BatchNormCandidate> out = new ArrayList<>();
        for (ModelSpec ms : models) {
            out.add(new BatchNormCandidate(ms, false));
        }
        for (ModelSpec ms : models) {
            out.add(new BatchNormCandidate(ms, true));
        }
        return out;
    }

    /**
     * The trajectory of a run whose BatchNorm layers' running variance started at 0 instead of 1, from the run that
     * started at 1. The running statistics do not enter a training-mode forward pass, and each step updates them
     * once by {@code r_t = k r_{t-1} + (1 - k) s_t} ({@code k = 1 - momentum} under the PyTorch convention,
     * {@code momentum} under Keras's), so a start at 0 instead of 1 lowers {@code r_t} by exactly {@code k^t}:
     * {@code r_t(0) = r_t(1) - k^t}. Everything else is unchanged. CS231n's {@code batchnorm_forward} starts its
     * running variance (and mean) at zeros ({@code bn_param.get('running_var', np.zeros(D))}).
     *
     * @param model the model the trajectory was run with
     * @param run the trajectory, with the running variance starting at 1
     * @return the trajectory with each BatchNorm layer's {@code running_var} shifted by {@code -k^t} (and 0 in the
     *     initial snapshot)
     */
    static Trajectory startRunningVarAtZero(ModelSpec model, Trajectory run) {
        Map<String, Double> keep = new LinkedHashMap<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Component l = model.layers().get(i);
            if ("batchnorm".equals(l.type())) {
                BatchNorm.Config c = config(l);
                keep.put(i + ".running_var", c.convention() == BatchNorm.Convention.PYTORCH ? 1.0 - c.momentum()
                        : c.momentum());
            }
        }
        Optional<Trajectory.Snapshot> initial = run.initial().map(snap -> new Trajectory.Snapshot(snap.parameters(),
                zeroed(snap.buffers(), keep)));
        List<Trajectory.Step> steps = new ArrayList<>();
        for (Trajectory.Step s : run.steps()) {
            steps.add(new Trajectory.Step(s.step(), s.epoch(), s.batch(), s.samples(), s.learningRate(), s.loss(),
                    s.dataLoss(), s.gradients(), s.parameters(), shifted(s.buffers(), keep, s.step()),
                    s.optimizerState()));
        }
        return new Trajectory(run.producer(), run.optimizer(), initial, steps);
    }

    /** The buffers after step {@code t} with each named running variance lowered by {@code k^t}. */
    private static Map<String, Matrix> shifted(Map<String, Matrix> buffers, Map<String, Double> keep, int t) {
        Map<String, Matrix> out = new LinkedHashMap<>(buffers);
        for (Map.Entry<String, Double> e : keep.entrySet()) {
            Matrix r = buffers.get(e.getKey());
            if (r != null) {
                out.put(e.getKey(), r.plus(-Math.pow(e.getValue(), t)));
            }
        }
        return out;
    }

    /** The initial buffers with each named running variance at 0. */
    private static Map<String, Matrix> zeroed(Map<String, Matrix> buffers, Map<String, Double> keep) {
        Map<String, Matrix> out = new LinkedHashMap<>(buffers);
        for (String name : keep.keySet()) {
            Matrix r = buffers.get(name);
            if (r != null) {
                out.put(name, Matrix.zeros(r.rows(), r.cols()));
            }
        }
        return out;
    }

    private static String key(ModelSpec model) {
        StringBuilder sb = new StringBuilder();
        for (Component l : model.layers()) {
            if ("batchnorm".equals(l.type())) {
                sb.append(config(l)).append(';');
            }
        }
        return sb.toString();
    }

    private static BatchNorm.Config config(Component l) {
        boolean keras = "keras".equals(l.choice("convention"));
        BatchNorm.Config base = keras ? BatchNorm.Config.keras() : BatchNorm.Config.pytorch();
        return new BatchNorm.Config(l.value("eps").map(Double.class::cast).orElse(base.eps()),
                l.value("momentum").map(Double.class::cast).orElse(base.momentum()), base.convention(),
                l.bool("affine"));
    }

    /**
     * The BatchNorm convention of a model, in framework terms.
     *
     * @param model the model
     * @return a description of its first BatchNorm layer's update rule, or the empty string without one
     */
    public static String describeBatchNorm(ModelSpec model) {
        return describeBatchNorm(model, false);
    }

    /**
     * The BatchNorm convention of a model, in framework terms: the momentum convention (which of the running and
     * the batch statistic the momentum weights), which variance is stored (PyTorch's unbiased {@code n / (n - 1)}
     * one, or the biased one of Keras and CS231n), eps, where the running variance starts, and whose defaults these
     * are when they are a framework's: PyTorch's {@code BatchNorm1d} (momentum 0.1 weighting the batch, eps 1e-5),
     * Keras's {@code BatchNormalization} (momentum 0.99 weighting the old value, epsilon 1e-3) or CS231n's
     * {@code batchnorm_forward} (momentum 0.9 weighting the old value, eps 1e-5, running statistics from zeros).
     *
     * @param model the model
     * @param runningVarFromZero whether the running variance starts at 0 instead of 1
     * @return a description of its first BatchNorm layer's update rule, or the empty string without one
     */
    public static String describeBatchNorm(ModelSpec model, boolean runningVarFromZero) {
        Optional<Component> first = model.layers().stream().filter(l -> "batchnorm".equals(l.type())).findFirst();
        if (first.isEmpty()) {
            return "";
        }
        BatchNorm.Config c = config(first.get());
        boolean pytorch = c.convention() == BatchNorm.Convention.PYTORCH;
        double keep = pytorch ? 1.0 - c.momentum() : c.momentum();
        double take = pytorch ? c.momentum() : 1.0 - c.momentum();
        String preset = "";
        BatchNorm.Config p = BatchNorm.Config.pytorch();
        BatchNorm.Config k = BatchNorm.Config.keras();
        if (!runningVarFromZero && pytorch && c.momentum() == p.momentum() && c.eps() == p.eps()) {
            preset = " (PyTorch BatchNorm1d's defaults)";
        } else if (!runningVarFromZero && !pytorch && c.momentum() == k.momentum() && c.eps() == k.eps()) {
            preset = " (Keras BatchNormalization's defaults)";
        } else if (runningVarFromZero && !pytorch && c.momentum() == CS231N_MOMENTUM && c.eps() == CS231N_EPS) {
            preset = " (CS231n batchnorm_forward's defaults)";
        }
        return "BatchNorm " + (pytorch ? "PyTorch" : "Keras") + " convention, momentum " + c.momentum()
                + " (running = " + keep + " running + " + take + " batch, " + (pytorch ? "unbiased" : "biased")
                + " variance stored), eps " + c.eps() + (runningVarFromZero ? ", running variance starting at 0" : "")
                + preset;
    }
}
