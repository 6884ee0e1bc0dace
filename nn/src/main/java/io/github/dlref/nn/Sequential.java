package io.github.dlref.nn;

import io.github.dlref.autograd.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A chain of modules applied in order, after PyTorch's {@code torch.nn.Sequential}:
 * {@code forward(x) = m_{k-1}(... m_1(m_0(x)))}. The children are named {@code "0"}, {@code "1"}, ... in
 * order, so the first layer's weight is {@code "0.weight"}, as in PyTorch's state dicts.
 *
 * <p>Example: a two-layer classifier for 4 features and 3 classes, one training step's gradients, and
 * predictions (an optimizer of {@code io.github.dlref.optim} then updates {@code model.parameters()}):
 * <pre>{@code
 * Rng rng = new Rng(42);
 * Sequential model = new Sequential(new Linear(4, 16, rng), new ReLU(), new Linear(16, 3, rng));
 * Loss loss = new CrossEntropyLoss();
 *
 * model.zeroGrad();
 * Tensor logits = model.forward(Tensor.constant(features));   // features: N x 4, logits: N x 3
 * loss.forward(logits, labels).backward();                    // labels: int[N], classes in [0, 3)
 * Matrix dW = model.parameter("0.weight").grad();             // 16 x 4
 *
 * Matrix scores = model.predict(testFeatures);                // evaluation mode, no graph
 * }</pre>
 */
public final class Sequential extends Module {

    private final List<Module> layers;

    /**
     * Creates the chain.
     *
     * @param modules the modules, in application order (none is allowed: the chain is then the identity)
     * @throws NullPointerException if a module is null
     */
    public Sequential(Module... modules) {
        this(List.of(modules));
    }

    /**
     * Creates the chain.
     *
     * @param modules the modules, in application order
     * @throws NullPointerException if the list or a module is null
     */
    public Sequential(List<? extends Module> modules) {
        Objects.requireNonNull(modules, "Sequential: modules must not be null");
        List<Module> list = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            Module m = modules.get(i);
            if (m == null) {
                throw new NullPointerException("Sequential: module " + i + " is null");
            }
            list.add(registerModule(Integer.toString(i), m));
        }
        this.layers = Collections.unmodifiableList(list);
    }

    /**
     * Applies the modules in order.
     *
     * @param input the input batch
     * @return the last module's output (the input itself for an empty chain)
     */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = Objects.requireNonNull(input, "Sequential.forward: input must not be null");
        for (Module m : layers) {
            x = m.forward(x);
        }
        return x;
    }

    /**
     * The number of modules in the chain.
     *
     * @return the length
     */
    public int size() {
        return layers.size();
    }

    /**
     * The module at a position.
     *
     * @param index the position, in {@code [0, size())}
     * @return the module
     * @throws IndexOutOfBoundsException if the index is outside the chain
     */
    public Module get(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IndexOutOfBoundsException("Sequential.get: index " + index + " is outside [0, "
                    + layers.size() + ")");
        }
        return layers.get(index);
    }

    /**
     * The modules in order.
     *
     * @return an unmodifiable list
     */
    public List<Module> modules() {
        return layers;
    }
}
