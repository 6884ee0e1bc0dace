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
 * <p>{@link #saveState()} snapshots every group's optimizer ({@link OptimizerState#groups()}, in group order: each
 * group's learning rate, step counts and buffers) and lists every parameter's state in the model's order;
 * {@link #loadState(OptimizerState)} restores all groups or, when any group's snapshot does not fit, none.
 */
public final class GroupedOptimizer implements Optimizer {

    private static final String NAME = "GroupedOptimizer";

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
     * A snapshot of every group: {@code optimizer} is {@code "GroupedOptimizer"}, the learning rate and
     * hyper-parameters are the first group's, the parameter states are in the model's order and
     * {@link OptimizerState#groups()} holds each group's own snapshot in group order.
     *
     * @return the snapshot
     */
    @Override
    public OptimizerState saveState() {
        List<OptimizerState> each = new ArrayList<>();
        for (Optimizer o : groups.groups()) {
            each.add(o.saveState());
        }
        return new OptimizerState(NAME, hyperparameters(), learningRate(), state(), each);
    }

    /**
     * Restores a snapshot taken by {@link #saveState()} of a grouped optimizer with the same number of groups,
     * each group's snapshot as that group's optimizer restores it. Either every group is restored or, when a
     * group's snapshot does not fit, none is changed.
     *
     * @param state the snapshot
     * @throws IllegalArgumentException if the snapshot is not a grouped optimizer's, has another number of
     *     groups, or a group's snapshot does not fit (the message names the group and the mismatch)
     */
    @Override
    public void loadState(OptimizerState state) {
        Objects.requireNonNull(state, "GroupedOptimizer.loadState: state must not be null");
        if (!state.optimizer().equals(NAME)) {
            throw new IllegalArgumentException("GroupedOptimizer.loadState: snapshot is of a " + state.optimizer()
                    + ", not a " + NAME);
        }
        List<Optimizer> mine = groups.groups();
        if (state.groups().size() != mine.size()) {
            throw new IllegalArgumentException("GroupedOptimizer.loadState: snapshot has " + state.groups().size()
                    + " parameter groups, this optimizer has " + mine.size());
        }
        List<OptimizerState> before = new ArrayList<>();
        for (Optimizer o : mine) {
            before.add(o.saveState());
        }
        int g = 0;
        try {
            for (; g < mine.size(); g++) {
                mine.get(g).loadState(state.groups().get(g));
            }
        } catch (IllegalArgumentException e) {
            for (int k = 0; k < g; k++) {
                mine.get(k).loadState(before.get(k));
            }
            throw new IllegalArgumentException("GroupedOptimizer.loadState: parameter group " + g + ": "
                    + e.getMessage(), e);
        }
    }
}
