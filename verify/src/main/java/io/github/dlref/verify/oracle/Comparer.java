package io.github.dlref.verify.oracle;

import io.github.dlref.math.Matrix;
import io.github.dlref.verify.oracle.spec.SpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares another implementation's trajectory ("theirs") with dlref's ("ours"), value by value: the
 * engine of {@code dlref check}.
 *
 * <p>Order: the initial snapshot (if theirs has one), then step by step: the batch's sample indices, {@code lr}
 * and {@code data_loss} when theirs gives them, {@code loss}, every gradient, every parameter, the buffers (if theirs has them)
 * and the optimizer state (if theirs has it), each matrix in row-major order; and, when the spec asks for
 * evaluation-mode forwards ({@code output.evaluation}), after the initial snapshot and after each listed step the
 * forward recorded there (every layer's output, the scalar, the input gradient), with the same criterion. Matrices
 * are compared in the layout the spec declares ({@code parameters.weight_layout}), so a row and column in a report
 * index theirs as written; a declared {@code weight_layout} in theirs must be the spec's. Theirs must have the same
 * number of steps and the same parameter and buffer names and shapes as ours; a mismatch is a
 * {@link SpecException} with the JSON path in their file, not a numeric failure.
 */
public final class Comparer {

    private Comparer() {
    }

    /**
     * Compares the trajectories.
     *
     * @param ours dlref's trajectory
     * @param theirs the other implementation's
     * @param tolerance the tolerance
     * @return the report
     * @throws SpecException if theirs does not have the structure of ours (step count, names, shapes)
     */
    public static CheckReport compare(Trajectory ours, Trajectory theirs, Tolerance tolerance) {
        String ourLayout = ours.weightLayout().orElse(OUTPUTS_X_INPUTS);
        if (theirs.weightLayout().isPresent() && !theirs.weightLayout().get().equals(ourLayout)) {
            throw new SpecException("$.weight_layout", "expected \"" + ourLayout + "\" (the spec's "
                    + "parameters.weight_layout), got \"" + theirs.weightLayout().get() + "\"");
        }
        if (ours.steps().size() != theirs.steps().size()) {
            throw new SpecException("$.steps", "expected " + ours.steps().size() + " steps (the spec's "
                    + "training.steps), got " + theirs.steps().size());
        }
        Map<Integer, Trajectory.Evaluation> theirEvaluations = evaluations(ours, theirs);
        Accumulator acc = new Accumulator(tolerance);
        if (theirs.initial().isPresent() && ours.initial().isPresent()) {
            Trajectory.Snapshot o = ours.initial().get();
            Trajectory.Snapshot t = theirs.initial().get();
            acc.matrices(0, "parameters", "$.initial.parameters", o.parameters(), t.parameters(), true);
            if (!t.buffers().isEmpty()) {
                acc.matrices(0, "buffers", "$.initial.buffers", o.buffers(), t.buffers(), true);
            }
        }
        acc.evaluation(ours, theirEvaluations, 0);
        for (int i = 0; i < ours.steps().size(); i++) {
            Trajectory.Step o = ours.steps().get(i);
            Trajectory.Step t = theirs.steps().get(i);
            String path = "$.steps[" + i + "]";
            int step = o.step();
            if (!t.samples().isEmpty()) {
                if (t.samples().size() != o.samples().size()) {
                    throw new SpecException(path + ".samples", "expected " + o.samples().size()
                            + " sample indices (the batch size), got " + t.samples().size());
                }
                for (int k = 0; k < o.samples().size(); k++) {
                    acc.value(new Divergence(step, "samples", "batch", 0, k, o.samples().get(k), t.samples().get(k)));
                }
            }
            if (t.learningRate().isPresent() && o.learningRate().isPresent()) {
                acc.scalar(new Divergence(step, "lr", "", 0, 0, o.learningRate().get(), t.learningRate().get()));
            }
            acc.scalar(new Divergence(step, "loss", "", 0, 0, o.loss(), t.loss()));
            if (t.dataLoss().isPresent() && o.dataLoss().isPresent()) {
                acc.scalar(new Divergence(step, "data_loss", "", 0, 0, o.dataLoss().get(), t.dataLoss().get()));
            }
            acc.matrices(step, "gradients", path + ".gradients", o.gradients(), t.gradients(), true);
            acc.matrices(step, "parameters", path + ".parameters", o.parameters(), t.parameters(), true);
            if (!t.buffers().isEmpty()) {
                acc.matrices(step, "buffers", path + ".buffers", o.buffers(), t.buffers(), true);
            }
            for (Map.Entry<String, Trajectory.ParameterStateRecord> e : t.optimizerState().entrySet()) {
                String p = TrajectoryJson.key(path + ".optimizer_state", e.getKey());
                Trajectory.ParameterStateRecord os = o.optimizerState().get(e.getKey());
                if (os == null) {
                    throw new SpecException(p, "dlref's optimizer has no state for \"" + e.getKey() + "\"; it has "
                            + o.optimizerState().keySet());
                }
                acc.scalar(new Divergence(step, "optimizer_state", e.getKey() + ".step", 0, 0, os.step(),
                        e.getValue().step()));
                acc.matricesPrefixed(step, e.getKey() + ".", p, os.buffers(), e.getValue().buffers());
            }
            acc.evaluation(ours, theirEvaluations, step);
        }
        return acc.report(ours.steps().size());
    }

    private static final String OUTPUTS_X_INPUTS = "outputs_x_inputs";

    /**
     * Their evaluation forwards by step, checked against ours: when the spec asks for evaluation forwards theirs
     * must give exactly the same steps. When it does not, theirs are not compared (diagnose's variants run without
     * them).
     */
    private static Map<Integer, Trajectory.Evaluation> evaluations(Trajectory ours, Trajectory theirs) {
        Map<Integer, Trajectory.Evaluation> out = new LinkedHashMap<>();
        if (ours.evaluations().isEmpty()) {
            return out;
        }
        List<Integer> want = ours.evaluations().stream().map(Trajectory.Evaluation::afterStep).toList();
        List<Integer> got = theirs.evaluations().stream().map(Trajectory.Evaluation::afterStep).toList();
        if (!want.equals(got)) {
            throw new SpecException("$.evaluations", theirs.evaluations().isEmpty()
                    ? "missing: the spec's output.evaluation asks for evaluation-mode forwards after steps " + want
                    : "expected evaluation forwards after steps " + want + " (output.evaluation.after_steps), got "
                            + got);
        }
        for (Trajectory.Evaluation e : theirs.evaluations()) {
            out.put(e.afterStep(), e);
        }
        return out;
    }

    private static final class Accumulator {
        private final Tolerance tolerance;
        private long compared;
        private long failures;
        private Divergence firstDifference;
        private Divergence firstFailure;
        private Divergence maxAbs;
        private Divergence maxRel;
        private Divergence worst;
        private Divergence maxUlp;
        private final Map<String, NormwiseError> normwise = new LinkedHashMap<>();

        Accumulator(Tolerance tolerance) {
            this.tolerance = tolerance;
        }

        void scalar(Divergence d) {
            value(d);
            normwise(d.quantity(), d.name(), d.step(), new double[] {d.ours()}, new double[] {d.theirs()});
        }

        void normwise(String quantity, String name, int step, double[] o, double[] t) {
            double e = NormwiseError.of(o, t);
            String key = quantity + " " + name;
            NormwiseError old = normwise.get(key);
            if (old == null || e > old.error()) {
                normwise.put(key, new NormwiseError(quantity, name, e, step));
            }
        }

        void value(Divergence d) {
            compared++;
            if (!Tolerance.identical(d.ours(), d.theirs())) {
                if (firstDifference == null) {
                    firstDifference = d;
                }
                if (maxAbs == null || d.absoluteError() > maxAbs.absoluteError()) {
                    maxAbs = d;
                }
                if (maxRel == null || d.relativeError() > maxRel.relativeError()) {
                    maxRel = d;
                }
                if (worst == null || d.errorRatio(tolerance) > worst.errorRatio(tolerance)) {
                    worst = d;
                }
                if (tolerance.relative() * Math.abs(d.ours()) >= tolerance.absolute()
                        && (maxUlp == null || d.ulpDistance() > maxUlp.ulpDistance())) {
                    maxUlp = d;
                }
            }
            if (!tolerance.accepts(d.ours(), d.theirs())) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = d;
                }
            }
        }

        void matrices(int step, String quantity, String path, Map<String, Matrix> ours, Map<String, Matrix> theirs,
                boolean sameNames) {
            matrices(step, quantity, path, ours, theirs, sameNames, "");
        }

        void matrices(int step, String quantity, String path, Map<String, Matrix> ours, Map<String, Matrix> theirs,
                boolean sameNames, String namePrefix) {
            if (sameNames) {
                List<String> missing = new ArrayList<>(ours.keySet());
                missing.removeAll(theirs.keySet());
                if (!missing.isEmpty()) {
                    List<String> extra = new ArrayList<>(theirs.keySet());
                    extra.removeAll(ours.keySet());
                    throw new SpecException(path, "missing " + missing + (extra.isEmpty() ? "" : ", found unknown "
                            + extra) + " (expected exactly " + ours.keySet() + ")");
                }
            }
            for (Map.Entry<String, Matrix> e : theirs.entrySet()) {
                Matrix o = ours.get(e.getKey());
                String p = TrajectoryJson.key(path, e.getKey());
                if (o == null) {
                    throw new SpecException(p, "unknown name \"" + e.getKey() + "\"; expected one of " + ours.keySet());
                }
                elements(step, quantity, namePrefix + e.getKey(), p, o, e.getValue());
            }
        }

        void matricesPrefixed(int step, String prefix, String path, Map<String, Matrix> ours,
                Map<String, Matrix> theirs) {
            for (Map.Entry<String, Matrix> e : theirs.entrySet()) {
                Matrix o = ours.get(e.getKey());
                String p = TrajectoryJson.key(path, e.getKey());
                if (o == null) {
                    throw new SpecException(p, "unknown optimizer buffer \"" + e.getKey() + "\"; dlref's are "
                            + ours.keySet());
                }
                elements(step, "optimizer_state", prefix + e.getKey(), p, o, e.getValue());
            }
        }

        private void elements(int step, String quantity, String name, String path, Matrix o, Matrix t) {
            if (o.rows() != t.rows() || o.cols() != t.cols()) {
                throw new SpecException(path, "expected a " + o.shape() + " matrix, got " + t.shape());
            }
            double[] ov = new double[o.rows() * o.cols()];
            double[] tv = new double[ov.length];
            for (int r = 0; r < o.rows(); r++) {
                for (int c = 0; c < o.cols(); c++) {
                    value(new Divergence(step, quantity, name, r, c, o.get(r, c), t.get(r, c)));
                    ov[r * o.cols() + c] = o.get(r, c);
                    tv[r * o.cols() + c] = t.get(r, c);
                }
            }
            normwise(quantity, name, step, ov, tv);
        }

        /** Compares the evaluation forward after {@code step}, if the spec asks for one there. */
        void evaluation(Trajectory ours, Map<Integer, Trajectory.Evaluation> theirs, int step) {
            Trajectory.Evaluation t = theirs.get(step);
            if (t == null) {
                return;
            }
            Trajectory.Evaluation o = ours.evaluations().stream().filter(e -> e.afterStep() == step).findFirst()
                    .orElseThrow();
            String path = "$.evaluations[" + ours.evaluations().indexOf(o) + "]";
            matrices(step, "evaluation", path + ".outputs", o.outputs(), t.outputs(), true, "output ");
            scalar(new Divergence(step, "evaluation", "scalar", 0, 0, o.scalar(), t.scalar()));
            elements(step, "evaluation", "input_gradient", path + ".input_gradient", o.inputGradient(),
                    t.inputGradient());
        }

        CheckReport report(int steps) {
            return new CheckReport(tolerance, steps, compared, failures, Optional.ofNullable(firstDifference),
                    Optional.ofNullable(firstFailure), Optional.ofNullable(maxAbs), Optional.ofNullable(maxRel),
                    Optional.ofNullable(worst), List.copyOf(normwise.values()), Optional.ofNullable(maxUlp));
        }
    }
}
