package io.github.dlref.bench;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.data.Batch;
import io.github.dlref.data.DataLoader;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Module;
import io.github.dlref.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A classification workload on the matrix engine: per step, the next mini-batch of a shuffling
 * {@link DataLoader} (epoch after epoch, last short batch dropped so every step has the same size), then
 * {@code optimizer.zeroGrad()}, logits {@code model(x)}, mean softmax cross-entropy against the class labels
 * ({@link Tensor#softmaxCrossEntropy(int[])}), {@code backward()}, {@code optimizer.step()}: the PyTorch
 * training procedure of dl-optimization.
 */
final class EngineWorkload implements Workload {

    private final String name;
    private final String description;
    private final Module model;
    private final Optimizer optimizer;
    private final BatchStream batches;

    EngineWorkload(String name, String description, Module model, Optimizer optimizer, DataLoader loader) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.batches = new BatchStream(loader);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int samplesPerStep() {
        return batches.batchSize();
    }

    @Override
    public double step() {
        Batch batch = batches.next();
        optimizer.zeroGrad();
        Tensor loss = model.forward(Tensor.constant(batch.features())).softmaxCrossEntropy(batch.labels());
        loss.backward();
        optimizer.step();
        return loss.item();
    }

    @Override
    public List<Matrix> parameterValues() {
        List<Matrix> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            out.add(p.value());
        }
        return out;
    }
}
