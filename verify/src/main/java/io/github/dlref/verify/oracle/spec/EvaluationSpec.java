package io.github.dlref.verify.oracle.spec;

import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An evaluation-mode forward that {@code dlref run} records (spec key {@code output.evaluation}, a compatible
 * addition to {@code dlref.spec.v1}): with the model in evaluation mode (Dropout the identity, BatchNorm normalizing
 * with its running statistics, which it does not update), the given {@link #inputs()} are passed through every
 * layer; each layer's output is recorded, then a scalar {@code s} of the last output and the gradient
 * {@code ds/dx} of that scalar with respect to the inputs ({@code N x D}, as {@code x.grad} in PyTorch after
 * {@code s.backward()} on an input with {@code requires_grad}). The scalar is the spec's data loss on the given
 * targets ({@value #LOSS}, with the loss's reduction, no regularization) or the sum of every entry of the output
 * ({@value #SUM}). It is recorded on the parameters and buffers after each listed step ({@code 0}: before the
 * first step), and changes nothing in the training.
 *
 * @param inputs the inputs, {@code N x D}
 * @param targets the targets ({@code N x K}), for {@value #LOSS} only, or empty
 * @param classes class indices ({@code N} of them), for {@value #LOSS} only, or empty
 * @param scalar {@value #LOSS} or {@value #SUM}
 * @param afterSteps the steps after which the forward is recorded, strictly increasing, in {@code [0, steps]}
 */
public record EvaluationSpec(Matrix inputs, Optional<Matrix> targets, Optional<List<Integer>> classes, String scalar,
        List<Integer> afterSteps) {

    /** The scalar is the spec's data loss on the given targets. */
    public static final String LOSS = "loss";

    /** The scalar is the sum of every entry of the model's output. */
    public static final String SUM = "sum";

    /**
     * Validates what can be checked without the rest of the spec, and copies.
     *
     * @param inputs the inputs
     * @param targets the targets
     * @param classes the class indices
     * @param scalar the scalar
     * @param afterSteps the steps
     * @throws SpecException naming the JSON path under {@code $.output.evaluation}
     */
    public EvaluationSpec {
        String path = "$.output.evaluation";
        Objects.requireNonNull(inputs, "EvaluationSpec: inputs");
        Objects.requireNonNull(targets, "EvaluationSpec: targets");
        classes = Objects.requireNonNull(classes, "EvaluationSpec: classes").map(List::copyOf);
        afterSteps = List.copyOf(Objects.requireNonNull(afterSteps, "EvaluationSpec: afterSteps"));
        if (!LOSS.equals(scalar) && !SUM.equals(scalar)) {
            throw new SpecException(path + ".scalar", "expected one of [\"loss\", \"sum\"], got "
                    + (scalar == null ? "nothing" : "\"" + scalar + "\""));
        }
        if (targets.isPresent() && classes.isPresent()) {
            throw new SpecException(path, "give \"targets\" or \"classes\", not both");
        }
        boolean labelled = targets.isPresent() || classes.isPresent();
        if (LOSS.equals(scalar) && !labelled) {
            throw new SpecException(path, "missing required key \"targets\" (an N x K matrix) or \"classes\" "
                    + "(N class indices): \"scalar\" is \"loss\"");
        }
        if (SUM.equals(scalar) && labelled) {
            throw new SpecException(path + (targets.isPresent() ? ".targets" : ".classes"), "given, but \"scalar\" is "
                    + "\"sum\", which uses no targets");
        }
        int rows = targets.map(Matrix::rows).orElse(classes.map(List::size).orElse(inputs.rows()));
        if (rows != inputs.rows()) {
            throw new SpecException(path + (targets.isPresent() ? ".targets" : ".classes"), "expected " + inputs.rows()
                    + (targets.isPresent() ? " rows" : " class indices") + " (one per input row), got " + rows);
        }
        if (afterSteps.isEmpty()) {
            throw new SpecException(path + ".after_steps", "expected a non-empty array of step numbers, got []");
        }
        for (int k = 0; k < afterSteps.size(); k++) {
            int s = afterSteps.get(k);
            if (s < 0 || (k > 0 && s <= afterSteps.get(k - 1))) {
                throw new SpecException(path + ".after_steps[" + k + "]", "expected a strictly increasing array of "
                        + "step numbers >= 0 (0: before the first step), got " + afterSteps);
            }
        }
    }
}
