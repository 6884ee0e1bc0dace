package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter groups as in {@code torch.optim}: the parameters are split into groups, each with its own
 * hyper-parameters (learning rate, weight decay, betas, momentum, ...). Every group is an {@link Optimizer} over
 * its own parameters, built from its own hyper-parameter record; since every rule here keeps its state per
 * parameter and reads only its group's hyper-parameters, this computes what one PyTorch optimizer with several
 * {@code param_groups} computes (the golden tests check it against PyTorch). {@link #step()} steps the groups in
 * order, as PyTorch does.
 *
 * <p>A learning-rate schedule acts on every group, each from its own initial rate
 * ({@code io.github.dlref.optim.schedule.GroupLearningRateScheduler}), as PyTorch's schedulers do with
 * {@code base_lrs}.
 *
 * <p>Example: PyTorch's {@code SGD([{'params': weights, 'weight_decay': 0.01}, {'params': biases, 'lr': 0.05}],
 * lr=0.1, momentum=0.9)}:
 * <pre>{@code
 * SGD.Hyperparameters base = SGD.Hyperparameters.pytorch(0.1).withMomentum(0.9);
 * ParameterGroups groups = new ParameterGroups(List.of(
 *         base.withWeightDecay(WeightDecay.coupledL2(0.01)).create(weights),
 *         base.withLearningRate(0.05).create(biases)));
 * groups.zeroGrad();
 * loss.forward(model.forward(x), labels).backward();
 * groups.step();
 * }</pre>
 */
public final class ParameterGroups {

    private final List<Optimizer> groups;

    /**
     * Groups optimizers, one per parameter group.
     *
     * @param groups the groups' optimizers, in PyTorch's {@code param_groups} order; non-empty, and no parameter
     *     in two groups
     * @throws IllegalArgumentException naming the problem if the list is null or empty, a group is null, or a
     *     parameter belongs to two groups
     */
    public ParameterGroups(List<Optimizer> groups) {
        Check.notNull("ParameterGroups", "groups", groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("ParameterGroups: groups must not be empty");
        }
        Map<Parameter, Integer> owner = new IdentityHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            Optimizer optimizer = groups.get(g);
            if (optimizer == null) {
                throw new IllegalArgumentException("ParameterGroups: group " + g + " is null");
            }
            for (Parameter p : optimizer.parameters()) {
                Integer previous = owner.put(p, g);
                if (previous != null) {
                    throw new IllegalArgumentException("ParameterGroups: parameter '" + p.name() + "' is in group "
                            + previous + " and group " + g + "; a parameter belongs to one group");
                }
            }
        }
        this.groups = List.copyOf(groups);
    }

    /** Steps every group, in group order ({@link Optimizer#step()}). */
    public void step() {
        for (Optimizer o : groups) {
            o.step();
        }
    }

    /** Clears the gradients of every group's parameters. */
    public void zeroGrad() {
        for (Optimizer o : groups) {
            o.zeroGrad();
        }
    }

    /**
     * The groups' optimizers.
     *
     * @return an unmodifiable list, in group order
     */
    public List<Optimizer> groups() {
        return groups;
    }

    /**
     * Every group's parameters, in group order.
     *
     * @return a new list
     */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Optimizer o : groups) {
            out.addAll(o.parameters());
        }
        return out;
    }

    /**
     * The learning rate of each group's next step.
     *
     * @return one rate per group, in group order
     */
    public double[] learningRates() {
        double[] out = new double[groups.size()];
        for (int g = 0; g < out.length; g++) {
            out[g] = groups.get(g).learningRate();
        }
        return out;
    }
}
