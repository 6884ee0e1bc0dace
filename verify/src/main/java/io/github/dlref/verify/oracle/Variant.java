package io.github.dlref.verify.oracle;

import io.github.dlref.verify.oracle.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One convention variant of a spec that {@code dlref diagnose} replays: the spec with another optimizer
 * preset or convention, loss reduction or cross-entropy form, or BatchNorm convention (momentum, stored variance,
 * eps, the running variance's starting value), or gradient clipping.
 *
 * @param spec the variant's spec
 * @param optimizer what its optimizer is, in framework terms (such as {@code Keras epsilon-hat Adam})
 * @param loss its loss reduction, such as {@code loss reduction "mean"}
 * @param batchNorm its BatchNorm convention, or empty when the model has no BatchNorm layer
 * @param declared whether this is the spec as given
 * @param schedule when its schedule advances ({@code schedule stepped per batch} or {@code ... per epoch}), or
 *     empty without a schedule that changes the rate
 * @param changed how many axes (optimizer, loss reduction, BatchNorm, schedule interval, clipping) differ from the spec
 *     as given: 0 for the declared variant
 * @param runningVarStartsAtZero whether the BatchNorm layers' running variance starts at 0 (CS231n's
 *     {@code batchnorm_forward}) instead of 1 (PyTorch, Keras): {@code diagnose} then shifts the running variance
 *     of the spec's run by its closed form ({@link Diagnoser#startRunningVarAtZero})
 * @param clipping its gradient clipping in framework terms (such as {@code ... (Keras clipnorm)}, or
 *     {@code no gradient clipping}), or empty when the spec declares no clipping
 */
public record Variant(Spec spec, String optimizer, String loss, String batchNorm, boolean declared, String schedule,
        int changed, boolean runningVarStartsAtZero, String clipping) {

    /**
     * A variant whose running statistics start as the spec's layers start them.
     *
     * @param spec the spec
     * @param optimizer the optimizer description
     * @param loss the loss description
     * @param batchNorm the BatchNorm description
     * @param declared whether declared
     * @param schedule the schedule description
     * @param changed the number of axes changed
     */
    public Variant(Spec spec, String optimizer, String loss, String batchNorm, boolean declared, String schedule,
            int changed) {
        this(spec, optimizer, loss, batchNorm, declared, schedule, changed, false);
    }

    /**
     * A variant of a spec without gradient clipping.
     *
     * @param spec the spec
     * @param optimizer the optimizer description
     * @param loss the loss description
     * @param batchNorm the BatchNorm description
     * @param declared whether declared
     * @param schedule the schedule description
     * @param changed the number of axes changed
     * @param runningVarStartsAtZero whether the running variance starts at 0
     */
    public Variant(Spec spec, String optimizer, String loss, String batchNorm, boolean declared, String schedule,
            int changed, boolean runningVarStartsAtZero) {
        this(spec, optimizer, loss, batchNorm, declared, schedule, changed, runningVarStartsAtZero, "");
    }

    /**
     * Validates.
     *
     * @param spec the spec
     * @param optimizer the optimizer description
     * @param loss the loss description
     * @param batchNorm the BatchNorm description
     * @param declared whether declared
     * @param schedule the schedule description
     * @param changed the number of axes changed
     * @param runningVarStartsAtZero whether the running variance starts at 0
     * @param clipping the gradient clipping description
     */
    public Variant {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(batchNorm, "batchNorm");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(clipping, "clipping");
    }

    /**
     * The whole description: optimizer, loss reduction and (if any) BatchNorm convention, schedule interval and
     * gradient clipping.
     *
     * @return the description
     */
    public String describe() {
        List<String> parts = new ArrayList<>(List.of(optimizer, loss));
        if (!batchNorm.isEmpty()) {
            parts.add(batchNorm);
        }
        if (!schedule.isEmpty()) {
            parts.add(schedule);
        }
        if (!clipping.isEmpty()) {
            parts.add(clipping);
        }
        return String.join("; ", parts);
    }
}
