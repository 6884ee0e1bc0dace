package io.github.dlref.bench;

import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * One benchmark workload: a model, its data and its optimizer, ready to take training steps. A step is one
 * mini-batch (or full-batch) update: forward pass, loss, backward pass, optimizer step.
 *
 * <p>Workloads are deterministic: two instances built with the same seed take the same steps with the same
 * numbers, bit for bit. Not thread-safe.
 */
public interface Workload {

    /**
     * The workload's name, as {@code dlref bench --workload} and the Python scripts spell it.
     *
     * @return the name, for example {@code large-fashion}
     */
    String name();

    /**
     * What the workload trains, in one line (network, data, batch size, optimizer).
     *
     * @return the description
     */
    String description();

    /**
     * The number of samples one {@link #step()} processes (the batch size).
     *
     * @return the samples per step, {@code >= 1}
     */
    int samplesPerStep();

    /**
     * Takes one training step.
     *
     * @return the loss computed in this step (before the update)
     */
    double step();

    /**
     * The current values of the trainable parameters, in a fixed order (for checks that two paths trained
     * the same model).
     *
     * @return copies of the parameter values
     */
    List<Matrix> parameterValues();
}
