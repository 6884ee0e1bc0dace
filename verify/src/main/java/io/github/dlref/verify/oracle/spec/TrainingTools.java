package io.github.dlref.verify.oracle.spec;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.LBFGS;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spec's training tools of issue 21, built from their components: gradient clipping
 * ({@code training.clipping}), parameter groups ({@code optimizer.param_groups}), the {@code reduce_on_plateau}
 * schedule and the {@code lbfgs} optimizer; and the checks of their combinations, each refusal a
 * {@link SpecException} naming the JSON path.
 *
 * <p><b>Parameter groups</b> (PyTorch's {@code param_groups}). Group {@code g} selects its parameters by
 * {@code "params"}: {@code "weights"} (the linear layers' weight matrices), {@code "biases"} (their biases) or an
 * array of qualified names ({@code "0.weight"}). A parameter belongs to at most one group; the parameters that no
 * group selects form one more group, last, with the optimizer's own settings. A group's hyper-parameters are the
 * optimizer component's (preset and settings) with the group's settings replacing them, resolved as for the
 * optimizer itself ({@link SpecBuilders#hyperparameters(Component)}). A schedule acts on every group from the
 * group's own initial rate (PyTorch's {@code base_lrs}).
 */
public final class TrainingTools {

    private TrainingTools() {
    }

    /**
     * Whether the optimizer is L-BFGS.
     *
     * @param optimizer the {@code optimizer} component
     * @return {@code true} for type {@code lbfgs}
     */
    public static boolean isLbfgs(Component optimizer) {
        return "lbfgs".equals(optimizer.type());
    }

    /**
     * Whether the schedule is {@code reduce_on_plateau}.
     *
     * @param schedule the {@code schedule} component, if any
     * @return {@code true} for type {@code reduce_on_plateau}
     */
    public static boolean isPlateau(Optional<Component> schedule) {
        return schedule.map(s -> "reduce_on_plateau".equals(s.type())).orElse(false);
    }

    /**
     * Whether the optimizer has parameter groups.
     *
     * @param optimizer the {@code optimizer} component
     * @return {@code true} if it gives {@code param_groups}
     */
    public static boolean hasGroups(Component optimizer) {
        return optimizer.has(Catalog.PARAM_GROUPS);
    }

    /**
     * L-BFGS's hyper-parameters: PyTorch's defaults ({@link LBFGS.Hyperparameters#pytorch()}) with the given
     * settings; {@code max_eval} defaults to {@code max_iter * 5 / 4} (integer division), as in PyTorch.
     *
     * @param c the {@code lbfgs} optimizer component
     * @return the hyper-parameters
     * @throws SpecException (path {@code $.optimizer}) if the library refuses them
     */
    public static LBFGS.Hyperparameters lbfgs(Component c) {
        LBFGS.Hyperparameters base = LBFGS.Hyperparameters.pytorch();
        int maxIter = Math.toIntExact(c.integer("max_iter"));
        long maxEval = c.has("max_eval") ? c.integer("max_eval") : maxIter * 5L / 4;
        try {
            return new LBFGS.Hyperparameters(c.number("lr"), maxIter, Math.toIntExact(Math.min(maxEval,
                    Integer.MAX_VALUE)), c.number("tolerance_grad"), c.number("tolerance_change"),
                    Math.toIntExact(c.integer("history_size")), "strong_wolfe".equals(c.choice("line_search_fn"))
                            ? LBFGS.LineSearch.STRONG_WOLFE : base.lineSearch());
        } catch (IllegalArgumentException e) {
            throw new SpecException("$.optimizer", e.getMessage(), e);
        }
    }

    /**
     * The settings of a {@code reduce_on_plateau} schedule (PyTorch's {@code ReduceLROnPlateau} names).
     *
     * @param c the schedule component
     * @return the settings
     * @throws SpecException (path {@code $.schedule}) if the library refuses them
     */
    public static ReduceLearningRateOnPlateau.Settings plateau(Component c) {
        try {
            return new ReduceLearningRateOnPlateau.Settings(
                    "max".equals(c.choice("mode")) ? ReduceLearningRateOnPlateau.Mode.MAX
                            : ReduceLearningRateOnPlateau.Mode.MIN,
                    c.number("factor"), c.integer("patience"), c.number("threshold"),
                    "abs".equals(c.choice("threshold_mode")) ? ReduceLearningRateOnPlateau.ThresholdMode.ABSOLUTE
                            : ReduceLearningRateOnPlateau.ThresholdMode.RELATIVE,
                    c.integer("cooldown"), c.number("min_lr"), c.number("eps"));
        } catch (IllegalArgumentException e) {
            throw new SpecException("$.schedule", e.getMessage(), e);
        }
    }

    /**
     * Checks a schedule against the optimizer's initial rate: {@code reduce_on_plateau} by its settings, every
     * other type by building it ({@link SpecBuilders#schedule(Component, double)}).
     *
     * @param schedule the schedule component
     * @param initial the initial learning rate
     * @throws SpecException naming the problem
     */
    public static void checkSchedule(Component schedule, double initial) {
        if (isPlateau(Optional.of(schedule))) {
            plateau(schedule);
        } else {
            SpecBuilders.schedule(schedule, initial);
        }
    }

    /**
     * What each parameter of a model spec is for: {@code weights} (a linear layer's weight), {@code biases} (its
     * bias), or {@code other} (a normalization layer's scale and shift).
     *
     * @param model the model spec
     * @return qualified name to role, in the model's order
     */
    static Map<String, String> roles(ModelSpec model) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : model.parameterShapes().keySet()) {
            int layer = Integer.parseInt(name.substring(0, name.indexOf('.')));
            boolean linear = "linear".equals(model.layers().get(layer).type());
            out.put(name, !linear ? "other" : name.endsWith(".weight") ? "weights" : "biases");
        }
        return out;
    }

    /**
     * The parameter groups of an optimizer with {@code param_groups}: the names of each group's parameters (in
     * the model's order within a group), the given groups first, then the group of the parameters no group selects
     * (if any).
     *
     * @param optimizer the {@code optimizer} component with {@code param_groups}
     * @param model the model spec
     * @return one list of qualified names per group
     * @throws SpecException (path {@code $.optimizer.param_groups[g].params...}) if a name is not a parameter of
     *     the model, a parameter is selected twice, or a group selects no parameter
     */
    public static List<List<String>> groupNames(Component optimizer, ModelSpec model) {
        Map<String, String> roles = roles(model);
        List<?> groups = (List<?>) optimizer.value(Catalog.PARAM_GROUPS).orElseThrow();
        Map<String, Integer> owner = new HashMap<>();
        List<List<String>> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            String path = "$.optimizer.param_groups[" + g + "].params";
            Object params = ((Map<?, ?>) groups.get(g)).get("params");
            List<String> names = new ArrayList<>();
            if (params instanceof String role) {
                roles.forEach((name, r) -> {
                    if (r.equals(role)) {
                        names.add(name);
                    }
                });
                if (names.isEmpty()) {
                    throw new SpecException(path, "selects no parameter: the model has no " + role + " (its "
                            + "parameters are " + Format.quoted(List.copyOf(roles.keySet())) + ")");
                }
            } else {
                List<?> given = (List<?>) params;
                for (int k = 0; k < given.size(); k++) {
                    String name = (String) given.get(k);
                    if (!roles.containsKey(name)) {
                        throw new SpecException(path + "[" + k + "]", "the model has no parameter \"" + name
                                + "\"; its parameters are " + Format.quoted(List.copyOf(roles.keySet())));
                    }
                    if (names.contains(name)) {
                        throw new SpecException(path + "[" + k + "]", "\"" + name + "\" is listed twice");
                    }
                    names.add(name);
                }
            }
            for (String name : names) {
                Integer previous = owner.put(name, g);
                if (previous != null) {
                    throw new SpecException(path, "parameter \"" + name + "\" is already in param_groups[" + previous
                            + "]; a parameter belongs to one group");
                }
            }
            out.add(names);
        }
        List<String> rest = new ArrayList<>();
        for (String name : roles.keySet()) {
            if (!owner.containsKey(name)) {
                rest.add(name);
            }
        }
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    /**
     * The optimizer component of group {@code g}: the optimizer's settings without {@code param_groups}, with the
     * group's settings replacing them; for the last, implicit group (the parameters no group selects) the
     * optimizer's own settings.
     *
     * @param optimizer the {@code optimizer} component with {@code param_groups}
     * @param g the group index
     * @return the component
     */
    public static Component groupComponent(Component optimizer, int g) {
        List<?> groups = (List<?>) optimizer.value(Catalog.PARAM_GROUPS).orElseThrow();
        Component c = optimizer.without(Catalog.PARAM_GROUPS);
        if (g < groups.size()) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) groups.get(g)).entrySet()) {
                if (!"params".equals(e.getKey())) {
                    c = c.with((String) e.getKey(), e.getValue());
                }
            }
        }
        return c;
    }

    /**
     * Builds the optimizer of a run: the optimizer component's ({@link SpecBuilders#optimizer(Component, List)}),
     * as a {@link GroupedOptimizer} when it has {@code param_groups}, wrapped in a {@link ClippingOptimizer} when
     * the training loop clips.
     *
     * @param optimizer the {@code optimizer} component (a first-order one)
     * @param model the model spec (for the groups' parameter names and roles)
     * @param clipping the {@code training.clipping} component, if any
     * @param parameters the parameters, named by their qualified names, in the model's order
     * @return the optimizer
     * @throws SpecException as the builders
     */
    public static Optimizer optimizer(Component optimizer, ModelSpec model, Optional<Component> clipping,
            List<Parameter> parameters) {
        Optimizer built;
        if (hasGroups(optimizer)) {
            Map<String, Parameter> byName = new HashMap<>();
            parameters.forEach(p -> byName.put(p.name(), p));
            List<List<String>> names = groupNames(optimizer, model);
            List<Optimizer> groups = new ArrayList<>();
            for (int g = 0; g < names.size(); g++) {
                List<Parameter> own = names.get(g).stream().map(byName::get).toList();
                groups.add(groupHyperparameters(optimizer, g).create(own));
            }
            built = new GroupedOptimizer(parameters, groups);
        } else {
            built = SpecBuilders.optimizer(optimizer, parameters);
        }
        return clipping.isPresent() ? new ClippingOptimizer(built, clipping.get()) : built;
    }

    private static io.github.dlref.optim.OptimizerHyperparameters groupHyperparameters(Component optimizer, int g) {
        try {
            return SpecBuilders.hyperparameters(groupComponent(optimizer, g));
        } catch (SpecException e) {
            throw new SpecException("$.optimizer.param_groups[" + g + "]", e.problem(), e);
        }
    }

    /**
     * Checks the combinations of the training tools (called by {@link Spec}'s constructor): L-BFGS with a
     * schedule, with clipping or with optimizer-state output is refused; every parameter group must resolve and
     * its hyper-parameters be accepted by the library.
     *
     * @param model the model spec
     * @param optimizer the {@code optimizer} component
     * @param schedule the {@code schedule} component, if any
     * @param training the training loop
     * @param output the output options
     * @throws SpecException naming the JSON path of the first problem
     */
    static void validate(ModelSpec model, Component optimizer, Optional<Component> schedule, TrainingSpec training,
            OutputSpec output) {
        if (isLbfgs(optimizer)) {
            lbfgs(optimizer);
            if (schedule.isPresent()) {
                throw new SpecException("$.schedule", "lbfgs keeps its step length lr fixed; a schedule is not "
                        + "applied to it (remove \"schedule\")");
            }
            if (training.clipping().isPresent()) {
                throw new SpecException("$.training.clipping", "lbfgs re-evaluates the loss inside its step, so "
                        + "clipping between backward() and the step does not apply (remove \"clipping\")");
            }
            if (output.optimizerState()) {
                throw new SpecException("$.output.optimizer_state", "lbfgs keeps one history for all parameters, "
                        + "not a state per parameter; it cannot be written");
            }
            return;
        }
        if (hasGroups(optimizer)) {
            List<List<String>> names = groupNames(optimizer, model);
            for (int g = 0; g < names.size(); g++) {
                groupHyperparameters(optimizer, g);
            }
        }
    }
}
