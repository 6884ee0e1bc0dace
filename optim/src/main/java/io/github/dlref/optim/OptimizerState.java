package io.github.dlref.optim;

import java.util.List;

/**
 * An immutable snapshot of an optimizer: what {@link Optimizer#saveState()} returns and
 * {@link Optimizer#loadState(OptimizerState)} restores, so that training resumes bit for bit (the buffers
 * are copied exactly; matrices are immutable).
 *
 * <p>Like PyTorch's {@code state_dict()}, it holds the learning rate and per-parameter state (step counts
 * and buffers). The hyper-parameters are recorded for inspection; loading keeps the receiving optimizer's
 * own hyper-parameters, so a run may continue with changed ones (the way editing a PyTorch
 * {@code param_group} does) as long as the buffers have the same names and shapes.
 *
 * <p>An optimizer with parameter groups (PyTorch's {@code param_groups}) snapshots each group's optimizer in
 * {@link #groups()}, in group order, so that every group's learning rate, hyper-parameters, step counts and
 * buffers are restored; its own {@link #learningRate()} and {@link #hyperparameters()} are the first group's
 * (PyTorch's {@code param_groups[0]}) and {@link #parameters()} lists every parameter in the model's order. A
 * single optimizer's snapshot has no groups.
 *
 * @param optimizer the optimizer's class name, for example {@code "Adam"}
 * @param hyperparameters the hyper-parameters at the time of the snapshot
 * @param learningRate the learning rate at the time of the snapshot
 * @param parameters the state of each parameter, in the optimizer's parameter order
 * @param groups each parameter group's snapshot, in group order; empty for an optimizer without groups
 */
public record OptimizerState(String optimizer, OptimizerHyperparameters hyperparameters, double learningRate,
        List<ParameterState> parameters, List<OptimizerState> groups) {

    /**
     * Validates and copies the lists.
     *
     * @param optimizer the optimizer's class name
     * @param hyperparameters the hyper-parameters
     * @param learningRate the learning rate, {@code >= 0}
     * @param parameters the parameter states
     * @param groups the groups' snapshots (empty for an optimizer without groups)
     * @throws IllegalArgumentException on a null component or an invalid learning rate
     */
    public OptimizerState {
        Check.notNull("OptimizerState", "optimizer", optimizer);
        Check.notNull("OptimizerState", "hyperparameters", hyperparameters);
        Check.nonNegative("OptimizerState", "learningRate", learningRate);
        Check.notNull("OptimizerState", "parameters", parameters);
        Check.notNull("OptimizerState", "groups", groups);
        parameters = List.copyOf(parameters);
        groups = List.copyOf(groups);
    }

    /**
     * A snapshot of an optimizer without parameter groups.
     *
     * @param optimizer the optimizer's class name
     * @param hyperparameters the hyper-parameters
     * @param learningRate the learning rate, {@code >= 0}
     * @param parameters the parameter states
     * @throws IllegalArgumentException on a null component or an invalid learning rate
     */
    public OptimizerState(String optimizer, OptimizerHyperparameters hyperparameters, double learningRate,
            List<ParameterState> parameters) {
        this(optimizer, hyperparameters, learningRate, parameters, List.of());
    }
}
