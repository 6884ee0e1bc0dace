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
 * @param optimizer the optimizer's class name, for example {@code "Adam"}
 * @param hyperparameters the hyper-parameters at the time of the snapshot
 * @param learningRate the learning rate at the time of the snapshot
 * @param parameters the state of each parameter, in the optimizer's parameter order
 */
public record OptimizerState(String optimizer, OptimizerHyperparameters hyperparameters, double learningRate,
        List<ParameterState> parameters) {

    /**
     * Validates and copies the list.
     *
     * @param optimizer the optimizer's class name
     * @param hyperparameters the hyper-parameters
     * @param learningRate the learning rate, {@code >= 0}
     * @param parameters the parameter states
     * @throws IllegalArgumentException on a null component or an invalid learning rate
     */
    public OptimizerState {
        Check.notNull("OptimizerState", "optimizer", optimizer);
        Check.notNull("OptimizerState", "hyperparameters", hyperparameters);
        Check.nonNegative("OptimizerState", "learningRate", learningRate);
        Check.notNull("OptimizerState", "parameters", parameters);
        parameters = List.copyOf(parameters);
    }
}
