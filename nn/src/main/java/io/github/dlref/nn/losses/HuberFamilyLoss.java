package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.ops.HuberElementwise;

/**
 * The shell that {@link HuberLoss} and {@link SmoothL1Loss} share: the switch point's and the reduction's checks,
 * the shape checks of {@link #forward(Tensor, Matrix)}, the per-element reduction and {@link #toString()}. The
 * per-element arithmetic and its gradient are {@link HuberElementwise}'s, which the flag {@code smoothL1} selects;
 * each subclass keeps its name, its constant's name and range, and its documentation.
 */
abstract class HuberFamilyLoss implements Loss {

    private final String name;
    private final String switchPointName;
    private final double switchPoint;
    private final boolean smoothL1;
    private final Reduction reduction;

    /**
     * Checks and keeps the settings.
     *
     * @param name the loss's class name, used in errors and {@link #toString()}
     * @param switchPointName the constant's name ({@code delta} or {@code beta}), used in {@link #toString()}
     * @param switchPoint where the quadratic piece turns linear
     * @param smoothL1 {@code true} for smooth L1 ({@code beta >= 0}), {@code false} for Huber ({@code delta > 0})
     * @param reduction the reduction
     * @throws IllegalArgumentException if {@code switchPoint} is out of range or {@code reduction} is null
     */
    HuberFamilyLoss(String name, String switchPointName, double switchPoint, boolean smoothL1, Reduction reduction) {
        HuberElementwise.requireSwitchPoint(switchPoint, smoothL1);
        this.name = name;
        this.switchPointName = switchPointName;
        this.switchPoint = switchPoint;
        this.smoothL1 = smoothL1;
        this.reduction = Losses.requireReduction(name, reduction);
    }

    /**
     * The switch point.
     *
     * @return {@code delta} or {@code beta}
     */
    final double switchPoint() {
        return switchPoint;
    }

    @Override
    public final Tensor forward(Tensor prediction, Matrix target) {
        Losses.requireSameShape(name, prediction, target);
        Losses.requireNonEmptyForMean(name, reduction, prediction);
        return Losses.reducePerElement(Tensor.apply(new HuberElementwise(switchPoint, smoothL1, target), prediction),
                reduction);
    }

    @Override
    public final Reduction reduction() {
        return reduction;
    }

    @Override
    public final String toString() {
        return name + "(" + switchPointName + "=" + switchPoint + ", reduction=" + reduction + ")";
    }
}
