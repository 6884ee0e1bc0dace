package io.github.dlref.nn;

import io.github.dlref.autograd.GradMode;
import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A building block of a model, after PyTorch's {@code torch.nn.Module}: it owns named
 * {@link Parameter}s (trained), named {@link Buffer}s (saved but not trained, such as running
 * statistics) and named child modules, and maps an input batch to an output with {@link #forward(Tensor)}.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Batches hold one sample per <b>row</b> ({@code N x D}).</li>
 *   <li>Names: a local name is letters, digits and underscores (no dots) and is unique among the
 *       module's parameters, buffers and children; a <em>qualified</em> name joins the path of local
 *       names with dots ({@code "0.weight"}, {@code "block.bn.running_mean"}), as PyTorch does.</li>
 *   <li>Order (stable, documented, used by save/load and by optimizers): a depth-first pre-order walk
 *       of the module tree; at each module first its own parameters in registration order, then its
 *       own buffers in registration order, then each child in registration order. This is PyTorch's
 *       {@code state_dict()} order; {@link #namedParameters()} is the same walk restricted to
 *       parameters ({@code named_parameters()}).</li>
 *   <li>Mode: a new module is in training mode; {@link #train()} and {@link #eval()} set the mode of the
 *       whole subtree. Only some layers behave differently ({@code Dropout}, {@code BatchNorm}).</li>
 *   <li>A module (and so its parameters) may appear at several places of a tree (weight sharing): it is
 *       then listed under each of its names by {@link #namedParameters()} and {@link #stateDict()},
 *       while {@link #parameters()} lists each parameter object once, like PyTorch's
 *       {@code parameters()}.</li>
 * </ul>
 */
public abstract class Module {

    private static final Pattern LOCAL_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final Map<String, NamedParameter> ownParameters = new LinkedHashMap<>();
    private final Map<String, Buffer> ownBuffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a module with no parameters, buffers or children, in training mode. */
    protected Module() {
    }

    /**
     * Computes the module's output for a batch.
     *
     * @param input the input batch, one sample per row
     * @return the output batch, one sample per row
     * @throws IllegalArgumentException if the input's shape does not fit, naming the module and the shapes
     */
    public abstract Tensor forward(Tensor input);

    // ------------------------------------------------------------------------------------------
    // Registration (called by subclasses' constructors)

    /**
     * Creates and registers a parameter. Its {@link Parameter#name()} is the local name; the qualified
     * name depends on where the module sits in a tree and is given by {@link #namedParameters()}.
     *
     * @param name the local name, letters, digits and underscores, unique in this module
     * @param value the initial value
     * @param role what the parameter is for
     * @return the new parameter
     * @throws IllegalArgumentException if the name is invalid or already used in this module
     */
    protected final Parameter registerParameter(String name, Matrix value, ParameterRole role) {
        checkLocalName(name);
        Objects.requireNonNull(value, () -> describeSelf() + ": value of parameter '" + name + "' must not be null");
        Parameter p = new Parameter(name, value);
        ownParameters.put(name, new NamedParameter(name, p, Objects.requireNonNull(role, "role")));
        return p;
    }

    /**
     * Creates and registers a buffer.
     *
     * @param name the local name, letters, digits and underscores, unique in this module
     * @param value the initial value
     * @return the new buffer
     * @throws IllegalArgumentException if the name is invalid or already used in this module
     */
    protected final Buffer registerBuffer(String name, Matrix value) {
        checkLocalName(name);
        Buffer b = new Buffer(name, value);
        ownBuffers.put(name, b);
        return b;
    }

    /**
     * Registers a child module.
     *
     * @param name the local name, letters, digits and underscores, unique in this module
     * @param module the child
     * @param <M> the child's type
     * @return {@code module}
     * @throws IllegalArgumentException if the name is invalid or used, or if registering would make the
     *     module tree cyclic (the child contains this module)
     */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkLocalName(name);
        Objects.requireNonNull(module, () -> describeSelf() + ": child module '" + name + "' must not be null");
        if (((Module) module).contains(this)) {
            throw new IllegalArgumentException(describeSelf() + ": registering '" + name
                    + "' would make the module tree cyclic (it contains this module)");
        }
        children.put(name, module);
        return module;
    }

    private boolean contains(Module target) {
        if (this == target) {
            return true;
        }
        for (Module child : children.values()) {
            if (child.contains(target)) {
                return true;
            }
        }
        return false;
    }

    private void checkLocalName(String name) {
        Objects.requireNonNull(name, () -> describeSelf() + ": name must not be null");
        if (!LOCAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(describeSelf() + ": name '" + name
                    + "' is not valid (use letters, digits and underscores; dots separate path levels)");
        }
        if (ownParameters.containsKey(name) || ownBuffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(describeSelf() + ": name '" + name + "' is already used");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Introspection

    /**
     * All parameters of the tree with qualified names and roles, in the documented order.
     *
     * @return an unmodifiable list
     */
    public final List<NamedParameter> namedParameters() {
        List<NamedParameter> out = new ArrayList<>();
        collectParameters("", out);
        return Collections.unmodifiableList(out);
    }

    private void collectParameters(String prefix, List<NamedParameter> out) {
        for (NamedParameter np : ownParameters.values()) {
            out.add(new NamedParameter(prefix + np.name(), np.parameter(), np.role()));
        }
        for (Map.Entry<String, Module> c : children.entrySet()) {
            c.getValue().collectParameters(prefix + c.getKey() + ".", out);
        }
    }

    /**
     * The distinct parameter objects of the tree, in the documented order (a parameter reached under
     * several names is listed once, at its first position). This is what an optimizer updates.
     *
     * @return an unmodifiable list
     */
    public final List<Parameter> parameters() {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> out = new ArrayList<>();
        for (NamedParameter np : namedParameters()) {
            if (seen.add(np.parameter())) {
                out.add(np.parameter());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The parameter with a qualified name.
     *
     * @param qualifiedName the name, for example {@code "0.weight"}
     * @return the parameter
     * @throws IllegalArgumentException if there is none, listing the names that exist
     */
    public final Parameter parameter(String qualifiedName) {
        List<String> names = new ArrayList<>();
        for (NamedParameter np : namedParameters()) {
            if (np.name().equals(qualifiedName)) {
                return np.parameter();
            }
            names.add(np.name());
        }
        throw new IllegalArgumentException(describeSelf() + ": no parameter named '" + qualifiedName
                + "'; parameters are " + names);
    }

    /**
     * All buffers of the tree by qualified name, in the documented order.
     *
     * @return an unmodifiable, ordered map
     */
    public final Map<String, Buffer> namedBuffers() {
        Map<String, Buffer> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collectBuffers(String prefix, Map<String, Buffer> out) {
        for (Buffer b : ownBuffers.values()) {
            out.put(prefix + b.name(), b);
        }
        for (Map.Entry<String, Module> c : children.entrySet()) {
            c.getValue().collectBuffers(prefix + c.getKey() + ".", out);
        }
    }

    /**
     * The direct children by local name, in registration order.
     *
     * @return an unmodifiable, ordered map
     */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    /**
     * The number of scalar entries over {@link #parameters()} (each distinct parameter counted once).
     *
     * @return the total number of trainable scalars
     */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.value().size();
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------
    // State (parameters and buffers)

    /**
     * A snapshot of the model's state: every parameter's and buffer's current value by qualified name, in
     * the documented order (PyTorch's {@code state_dict()}). Values are immutable matrices, so later
     * training does not change the snapshot.
     *
     * @return an unmodifiable, ordered map
     */
    public final Map<String, Matrix> stateDict() {
        Map<String, Matrix> out = new LinkedHashMap<>();
        collectState("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collectState(String prefix, Map<String, Matrix> out) {
        for (NamedParameter np : ownParameters.values()) {
            out.put(prefix + np.name(), np.parameter().value());
        }
        for (Buffer b : ownBuffers.values()) {
            out.put(prefix + b.name(), b.value());
        }
        for (Map.Entry<String, Module> c : children.entrySet()) {
            c.getValue().collectState(prefix + c.getKey() + ".", out);
        }
    }

    /**
     * Replaces every parameter's and buffer's value by the state's (strict, like PyTorch's
     * {@code load_state_dict(strict=True)}). The state must have exactly the model's names, each with the
     * model's shape. Everything is checked before anything is assigned: on any mismatch nothing changes.
     * Gradients are left as they are.
     *
     * @param state values by qualified name (any map order)
     * @throws StateMismatchException if names are missing or unexpected, shapes differ, or a shared parameter
     *     or buffer (one object under several names) is given different values; listing all problems
     * @throws NullPointerException if the state or a value in it is null
     */
    public final void loadStateDict(Map<String, Matrix> state) {
        Objects.requireNonNull(state, "loadStateDict: state must not be null");
        Map<String, Matrix> current = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        for (Map.Entry<String, Matrix> e : current.entrySet()) {
            Matrix given = state.get(e.getKey());
            if (given == null) {
                if (state.containsKey(e.getKey())) {
                    throw new NullPointerException("loadStateDict: value for '" + e.getKey() + "' is null");
                }
                missing.add(e.getKey());
            } else if (!given.sameShape(e.getValue())) {
                shapes.add(e.getKey() + ": model " + e.getValue().shape() + ", state " + given.shape());
            }
        }
        for (String name : state.keySet()) {
            if (!current.containsKey(name)) {
                unexpected.add(name);
            }
        }
        List<String> conflicts = missing.isEmpty() && shapes.isEmpty() ? sharedConflicts(state) : List.of();
        if (!missing.isEmpty() || !unexpected.isEmpty() || !shapes.isEmpty() || !conflicts.isEmpty()) {
            throw new StateMismatchException(missing, unexpected, shapes, conflicts);
        }
        assignState("", state);
    }

    /** Shared objects (reachable under several names) given values that are not bitwise equal. */
    private List<String> sharedConflicts(Map<String, Matrix> state) {
        Map<Object, List<String>> namesByObject = new IdentityHashMap<>();
        List<List<String>> groups = new ArrayList<>();
        collectStateObjects("", namesByObject, groups);
        List<String> conflicts = new ArrayList<>();
        for (List<String> names : groups) {
            Matrix first = state.get(names.get(0));
            for (String n : names) {
                if (!state.get(n).equals(first)) {
                    conflicts.add(names.toString());
                    break;
                }
            }
        }
        return conflicts;
    }

    private void collectStateObjects(String prefix, Map<Object, List<String>> index, List<List<String>> groups) {
        for (NamedParameter np : ownParameters.values()) {
            group(np.parameter(), index, groups).add(prefix + np.name());
        }
        for (Buffer b : ownBuffers.values()) {
            group(b, index, groups).add(prefix + b.name());
        }
        for (Map.Entry<String, Module> c : children.entrySet()) {
            c.getValue().collectStateObjects(prefix + c.getKey() + ".", index, groups);
        }
    }

    private static List<String> group(Object key, Map<Object, List<String>> index, List<List<String>> groups) {
        return index.computeIfAbsent(key, k -> {
            List<String> g = new ArrayList<>();
            groups.add(g);
            return g;
        });
    }

    private void assignState(String prefix, Map<String, Matrix> state) {
        for (NamedParameter np : ownParameters.values()) {
            np.parameter().assign(state.get(prefix + np.name()));
        }
        for (Buffer b : ownBuffers.values()) {
            b.update(state.get(prefix + b.name()));
        }
        for (Map.Entry<String, Module> c : children.entrySet()) {
            c.getValue().assignState(prefix + c.getKey() + ".", state);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Mode and gradients

    /**
     * Puts the whole subtree in training mode.
     *
     * @return this module
     */
    public final Module train() {
        return train(true);
    }

    /**
     * Puts the whole subtree in evaluation mode ({@code Dropout} becomes the identity, {@code BatchNorm}
     * uses its running statistics).
     *
     * @return this module
     */
    public final Module eval() {
        return train(false);
    }

    /**
     * Sets the mode of the whole subtree.
     *
     * @param trainingMode {@code true} for training, {@code false} for evaluation
     * @return this module
     */
    public final Module train(boolean trainingMode) {
        this.training = trainingMode;
        for (Module c : children.values()) {
            c.train(trainingMode);
        }
        return this;
    }

    /**
     * Whether this module is in training mode.
     *
     * @return the mode
     */
    public final boolean isTraining() {
        return training;
    }

    // ------------------------------------------------------------------------------------------
    // Inference on plain matrices

    /**
     * The output for a plain input matrix, for inference: {@link #forward(Tensor)} of
     * {@code Tensor.constant(input)} with the whole tree in evaluation mode ({@code Dropout} is the identity,
     * {@code BatchNorm} uses and does not update its running statistics) and without recording a graph
     * ({@link GradMode#noGrad()}). Afterwards every module of the tree is back in the mode it was in before
     * (modes may differ between modules), also when the forward pass throws. Like PyTorch's
     * {@code model.eval(); with torch.no_grad(): model(x)}, restoring the mode.
     * <pre>{@code
     * Matrix scores = model.predict(x);                    // N x C, no graph, modes restored
     * int[] predicted = OneHot.argmax(model.predict(x));   // with io.github.dlref.data.OneHot
     * }</pre>
     *
     * @param input the input batch, one sample per row
     * @return the output batch, one sample per row
     * @throws NullPointerException if {@code input} is null
     * @throws IllegalArgumentException if the input's shape does not fit, naming the module and the shapes
     */
    public final Matrix predict(Matrix input) {
        Objects.requireNonNull(input, () -> describeSelf() + ".predict: input must not be null");
        List<Module> modules = new ArrayList<>();
        Map<Module, Boolean> seen = new IdentityHashMap<>();
        collectModules(this, modules, seen);
        boolean[] modes = new boolean[modules.size()];
        for (int i = 0; i < modes.length; i++) {
            modes[i] = modules.get(i).training;
        }
        eval();
        try (GradMode.Scope scope = GradMode.noGrad()) {
            return forward(Tensor.constant(input)).value();
        } finally {
            for (int i = 0; i < modes.length; i++) {
                modules.get(i).training = modes[i];
            }
        }
    }

    private static void collectModules(Module m, List<Module> out, Map<Module, Boolean> seen) {
        List<Module> pending = new ArrayList<>();
        pending.add(m);
        while (!pending.isEmpty()) {
            Module next = pending.remove(pending.size() - 1);
            if (seen.put(next, Boolean.TRUE) == null) {
                out.add(next);
                pending.addAll(next.children.values());
            }
        }
    }

    /** Clears the accumulated gradient of every parameter of the tree ({@link Parameter#zeroGrad()}). */
    public final void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Printing

    /**
     * The module's settings for {@link #toString()}, for example {@code "in=3, out=4, bias=true"}; empty by
     * default.
     *
     * @return the settings text
     */
    protected String extraRepr() {
        return "";
    }

    private String describeSelf() {
        return getClass().getSimpleName();
    }

    /**
     * A tree rendering in PyTorch's style: {@code Name(settings)} for a leaf module, or the name followed by
     * one indented line {@code (childName): ...} per child.
     *
     * @return the text
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        render(sb, "");
        return sb.toString();
    }

    private void render(StringBuilder sb, String indent) {
        sb.append(describeSelf()).append('(').append(extraRepr());
        if (!children.isEmpty()) {
            for (Map.Entry<String, Module> c : children.entrySet()) {
                sb.append('\n').append(indent).append("  (").append(c.getKey()).append("): ");
                c.getValue().render(sb, indent + "  ");
            }
            sb.append('\n').append(indent);
        }
        sb.append(')');
    }
}
