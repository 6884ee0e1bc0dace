package io.github.dlref.verify.oracle;

import io.github.dlref.verify.oracle.spec.Spec;
import java.util.List;
import java.util.Objects;

/**
 * One convention variant of a spec that {@code dlref diagnose} replays: the spec with another optimizer
 * preset or convention, loss reduction, or BatchNorm momentum convention.
 *
 * @param spec the variant's spec
 * @param optimizer what its optimizer is, in framework terms (such as {@code Keras epsilon-hat Adam})
 * @param loss its loss reduction, such as {@code loss reduction "mean"}
 * @param batchNorm its BatchNorm convention, or empty when the model has no BatchNorm layer
 * @param declared whether this is the spec as given
 */
public record Variant(Spec spec, String optimizer, String loss, String batchNorm, boolean declared) {

    /**
     * Validates.
     *
     * @param spec the spec
     * @param optimizer the optimizer description
     * @param loss the loss description
     * @param batchNorm the BatchNorm description
     * @param declared whether declared
     */
    public Variant {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(batchNorm, "batchNorm");
    }

    /**
     * The whole description: optimizer, loss reduction and (if any) BatchNorm convention.
     *
     * @return the description
     */
    public String describe() {
        return String.join("; ", batchNorm.isEmpty() ? List.of(optimizer, loss) : List.of(optimizer, loss, batchNorm));
    }
}
