package io.github.dlref.verify.oracle;

import io.github.dlref.nn.layers.BatchNorm;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds which convention another implementation follows: the engine of {@code dlref diagnose}.
 *
 * <p>It replays the spec under every convention variant and compares each trajectory with theirs
 * ({@link Comparer}, same tolerance for all). The variants are the product of three axes:
 * <ul>
 *   <li><b>optimizer</b>: the spec's optimizer with each preset of its type (pytorch, keras, optax and the
 *       source documents), each combined with every value of the convention switches that matter for the
 *       resolved hyper-parameters: SGD's {@code momentum_form} (when momentum is non-zero), AdaGrad's and
 *       RMSProp's {@code eps_placement}, RMSProp's {@code momentum_form}, Adam's {@code epsilon_form} and
 *       {@code amsgrad_form} (with AMSGrad), and {@code weight_decay_form} (with weight decay). The explicit
 *       hyper-parameters of the spec (such as {@code lr}, {@code betas}) are kept; the others come from the
 *       preset. Variants with equal resolved hyper-parameters are the same computation and are kept once.</li>
 *   <li><b>loss reduction</b>: {@code mean} and {@code sum}.</li>
 *   <li><b>BatchNorm</b> (when the model has BatchNorm layers, all changed together): the PyTorch and Keras
 *       conventions, each with its default momentum, with the spec's momentum {@code m} and with
 *       {@code 1 - m} (the two frameworks' momenta mean opposite weights), eps as given or the convention's
 *       default.</li>
 *   <li><b>schedule interval</b> (with a schedule that changes the rate): as declared, and advanced at the other
 *       interval (per batch instead of per epoch, a scheduler stepped inside the batch loop, or the reverse).</li>
 * </ul>
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
        List<Component> losses = new ArrayList<>();
        losses.add(spec.loss());
        for (String r : List.of("mean", "sum")) {
            if (!r.equals(spec.loss().choice("reduction"))) {
                losses.add(spec.loss().with("reduction", r));
            }
        }
        List<ModelSpec> models = batchNormVariants(spec.model());
        List<Optional<Component>> schedules = scheduleVariants(spec.schedule());
        List<Variant> out = new ArrayList<>();
        for (Optional<Component> sch : schedules) {
            for (ModelSpec m : models) {
                for (Component l : losses) {
                    for (Component o : optimizers) {
                        Spec s;
                        try {
                            s = spec.withModel(m).withLoss(l).withOptimizer(o).withSchedule(sch);
                        } catch (SpecException e) {
                            continue; // this combination is not a valid computation (for example a batch of 1)
                        }
                        int changed = (m == spec.model() ? 0 : 1) + (l == spec.loss() ? 0 : 1)
                                + (o == spec.optimizer() ? 0 : 1) + (sch == spec.schedule() ? 0 : 1);
                        out.add(new Variant(s, describeOptimizer(o), "loss reduction \"" + l.choice("reduction")
                                + "\"", describeBatchNorm(m), changed == 0, describeSchedule(sch), changed));
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
        for (Variant v : variants(base)) {
            Trajectory ours;
            try {
                ours = Runner.run(v.spec());
            } catch (OracleException e) {
                continue; // this variant cannot be computed (a division by zero): it cannot be theirs
            }
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
        return h.description();
    }

    // ------------------------------------------------------------------------------------------
    // BatchNorm variants

    private static List<ModelSpec> batchNormVariants(ModelSpec model) {
        List<ModelSpec> out = new ArrayList<>();
        out.add(model);
        Optional<Component> first = model.layers().stream().filter(l -> "batchnorm".equals(l.type())).findFirst();
        if (first.isEmpty()) {
            return out;
        }
        BatchNorm.Config declared = config(first.get());
        List<String[]> candidates = new ArrayList<>();
        double m = declared.momentum();
        for (String convention : List.of("pytorch", "keras")) {
            BatchNorm.Config defaults = "keras".equals(convention) ? BatchNorm.Config.keras() : BatchNorm.Config.pytorch();
            for (double momentum : new double[] {defaults.momentum(), m, 1.0 - m}) {
                candidates.add(new String[] {convention, Double.toString(momentum)});
            }
        }
        List<String> seen = new ArrayList<>();
        seen.add(key(model));
        for (String[] cand : candidates) {
            List<Component> layers = new ArrayList<>();
            for (Component l : model.layers()) {
                if ("batchnorm".equals(l.type())) {
                    Component v = l.with("convention", cand[0]).with("momentum", Double.parseDouble(cand[1]));
                    if (!l.has("eps")) {
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
                out.add(variant);
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
        Optional<Component> first = model.layers().stream().filter(l -> "batchnorm".equals(l.type())).findFirst();
        if (first.isEmpty()) {
            return "";
        }
        BatchNorm.Config c = config(first.get());
        double keep = c.convention() == BatchNorm.Convention.PYTORCH ? 1.0 - c.momentum() : c.momentum();
        double take = c.convention() == BatchNorm.Convention.PYTORCH ? c.momentum() : 1.0 - c.momentum();
        return "BatchNorm " + (c.convention() == BatchNorm.Convention.PYTORCH ? "PyTorch" : "Keras")
                + " convention, momentum " + c.momentum() + " (running = " + keep + " running + " + take
                + " batch, " + (c.convention() == BatchNorm.Convention.PYTORCH ? "unbiased" : "biased")
                + " variance stored), eps " + c.eps();
    }
}
