package io.github.dlref.verify.oracle.spec;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.OptimizerHyperparameters;
import io.github.dlref.optim.OptimizerState;
import io.github.dlref.optim.ParameterGroups;
import io.github.dlref.optim.ParameterState;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An optimizer with parameter groups, seen as one {@link Optimizer} (what PyTorch's optimizer with several
 * {@code param_groups} is): {@link #step()} steps the groups in group order ({@link ParameterGroups#step()}); the
 * parameters, their states and {@link #zeroGrad()} are in the order the parameters were given (the model's), not
 * the group order. {@link #learningRate()} is the first group's rate (PyTorch's {@code param_groups[0]['lr']}, what
 * a trajectory records); {@link #setLearningRate(double)} sets every group's rate to the value, as assigning
 * {@code g['lr']} in a loop over the groups does. A schedule that acts on each group from the group's own initial
 * rate drives {@link #groups()} instead ({@code io.github.dlref.optim.schedule.GroupLearningRateScheduler}).
 *
 * <p>Snapshots ({@link #saveState()}, {@link #loadState(OptimizerState)}) are refused: the oracle's runner never
 * takes one, and one {@link OptimizerState} holds one learning rate and one hyper-parameter record, not a group's
 * each.
 */
public final class GroupedOptimizer implements Optimizer {

    private final ParameterGroups groups;
    private final List<Parameter> parameters;
    private final Map<Parameter, Optimizer> owner = new IdentityHashMap<>();

    /**
     * Groups optimizers over a list of parameters.
     *
     * @param parameters every parameter, in the model's order (each in exactly one group)
     * @param groups the groups' optimizers, in group order
     * @throws IllegalArgumentException if a parameter is in no group, or as {@link ParameterGroups}
     */
    public GroupedOptimizer(List<Parameter> parameters, List<Optimizer> groups) {
        this.groups = new ParameterGroups(groups);
        this.parameters = List.copyOf(Objects.requireNonNull(parameters, "GroupedOptimizer: parameters"));
        for (Optimizer o : this.groups.groups()) {
            for (Parameter p : o.parameters()) {
                owner.put(p, o);
            }
        }
        for (Parameter p : this.parameters) {
            if (!owner.containsKey(p)) {
                throw new IllegalArgumentException("GroupedOptimizer: parameter '" + p.name() + "' is in no group");
            }
        }
        if (owner.size() != this.parameters.size()) {
            throw new IllegalArgumentException("GroupedOptimizer: the groups hold " + owner.size()
                    + " parameters, but " + this.parameters.size() + " were given");
        }
    }

    /**
     * The groups.
     *
     * @return the parameter groups, in group order
     */
    public ParameterGroups groups() {
        return groups;
    }

    @Override
    public void step() {
        groups.step();
    }

    @Override
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public double learningRate() {
        return groups.groups().get(0).learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        for (Optimizer o : groups.groups()) {
            o.setLearningRate(learningRate);
        }
    }

    /** The first group's hyper-parameters (its learning rate is the initial one). */
    @Override
    public OptimizerHyperparameters hyperparameters() {
        return groups.groups().get(0).hyperparameters();
    }

    @Override
    public List<ParameterState> state() {
        List<ParameterState> out = new ArrayList<>();
        for (Parameter p : parameters) {
            out.add(owner.get(p).state(p));
        }
        return out;
    }

    @Override
    public ParameterState state(Parameter parameter) {
        Optimizer o = owner.get(parameter);
        if (o == null) {
            throw new IllegalArgumentException("GroupedOptimizer: parameter '" + (parameter == null ? null
                    : parameter.name()) + "' is not optimized here");
        }
        return o.state(parameter);
    }

    /**
     * Refused (see the class documentation).
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public OptimizerState saveState() {
        throw new UnsupportedOperationException("GroupedOptimizer: a snapshot of several parameter groups is not "
                + "supported; snapshot each group's optimizer (groups().groups())");
    }

    /**
     * Refused (see the class documentation).
     *
     * @param state the snapshot
     * @throws UnsupportedOperationException always
     */
    @Override
    public void loadState(OptimizerState state) {
        throw new UnsupportedOperationException("GroupedOptimizer: a snapshot of several parameter groups is not "
                + "supported; restore each group's optimizer (groups().groups())");
    }
}
