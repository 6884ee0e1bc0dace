package io.github.dlref.verify.oracle.spec;

import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The training data of a spec: inline values or a built-in dataset.
 */
public sealed interface DataSpec permits DataSpec.Inline, DataSpec.Builtin {

    /**
     * Inline data: an {@code N x D} input matrix and either an {@code N x K} target matrix (regression
     * targets, probabilities or 0/1 labels, as the loss expects) or {@code N} class indices in
     * {@code [0, K)}, which become one-hot rows ({@code K} is the model's output width).
     *
     * @param inputs the inputs, one sample per row
     * @param targets the target matrix, if given
     * @param classes the class indices, if given
     */
    record Inline(Matrix inputs, Optional<Matrix> targets, Optional<List<Integer>> classes) implements DataSpec {

        /**
         * Validates that exactly one kind of target is given.
         *
         * @param inputs the inputs
         * @param targets the target matrix, or empty
         * @param classes the class indices, or empty
         * @throws SpecException if both or neither kind of target is given
         */
        public Inline {
            Objects.requireNonNull(inputs, "Inline: inputs");
            Objects.requireNonNull(targets, "Inline: targets");
            Objects.requireNonNull(classes, "Inline: classes");
            if (targets.isPresent() == classes.isPresent()) {
                throw new SpecException("$.data", "expected exactly one of \"targets\" and \"classes\", got "
                        + (targets.isPresent() ? "both" : "neither"));
            }
            classes = classes.map(List::copyOf);
        }
    }

    /**
     * A built-in dataset (Iris, XOR, spiral, two moons, blobs, linear regression), generated from its
     * settings and seed.
     *
     * @param dataset the {@code dataset} component
     */
    record Builtin(Component dataset) implements DataSpec {

        /**
         * Validates the family.
         *
         * @param dataset the dataset component
         * @throws SpecException if it is not a dataset
         */
        public Builtin {
            Objects.requireNonNull(dataset, "Builtin: dataset");
            if (!Catalog.DATASET.equals(dataset.family())) {
                throw new SpecException("$.data.dataset", "expected a dataset, got a " + dataset.family());
            }
        }
    }
}
