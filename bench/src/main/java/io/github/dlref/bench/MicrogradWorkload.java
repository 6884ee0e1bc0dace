package io.github.dlref.bench;

import io.github.dlref.autograd.scalar.Value;
import io.github.dlref.data.Dataset;
import io.github.dlref.data.synthetic.TwoMoons;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * micrograd's demo ({@code demo.ipynb} of karpathy/micrograd) on the scalar engine: two moons
 * ({@code make_moons(n_samples=100, noise=0.1)}, labels mapped to {@code y = 2 label - 1}), an MLP
 * 2-16-16-1 with ReLU on the hidden layers and a linear output, the SVM max-margin loss
 * {@code (1/N) sum_i relu(1 - y_i s_i)} plus the L2 penalty {@code 1e-4 sum p^2}, full batch, and plain
 * gradient descent {@code p <- p - lr_k grad} with {@code lr_k = 1 - 0.9 k / 100} for step {@code k} of a
 * 100-step run (after step 99 the schedule starts again, so any number of steps can be timed).
 *
 * <p>Each neuron computes {@code b + w_0 x_0 + w_1 x_1 + ...} (bias first, then the products in input order,
 * as micrograd's {@code sum(..., self.b)}). Initialisation as micrograd's {@code Neuron}: weights
 * {@code U(-1, 1)} (here {@code 2 u - 1} with {@code u = rng.nextDouble()}, neurons and their weights in
 * order), biases 0. 337 parameters, held as doubles between steps; every step makes them fresh
 * {@link Value#variable(double)} leaves, builds the graph over all 100 samples, runs {@code backward()} and
 * updates them. Inputs are constants (they need no gradient).
 */
final class MicrogradWorkload implements Workload {

    static final int[] SIZES = {2, 16, 16, 1};
    static final double ALPHA = 1e-4;
    static final int SCHEDULE_STEPS = 100;

    private final double[][] x;
    private final double[] y;
    private final double[] parameters;
    private int k;

    MicrogradWorkload(long seed) {
        Dataset moons = TwoMoons.microgradDemo(seed);
        Matrix features = moons.features();
        x = features.toArray();
        y = new double[moons.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = 2.0 * moons.label(i) - 1.0;
        }
        int count = 0;
        for (int l = 1; l < SIZES.length; l++) {
            count += SIZES[l] * (SIZES[l - 1] + 1);
        }
        parameters = new double[count];
        Rng rng = new Rng(seed + 1);
        int at = 0;
        for (int l = 1; l < SIZES.length; l++) {
            for (int neuron = 0; neuron < SIZES[l]; neuron++) {
                for (int in = 0; in < SIZES[l - 1]; in++) {
                    parameters[at++] = 2.0 * rng.nextDouble() - 1.0;
                }
                parameters[at++] = 0.0;
            }
        }
    }

    @Override
    public String name() {
        return Workloads.SCALAR_MICROGRAD;
    }

    @Override
    public String description() {
        return "scalar engine, micrograd demo: two moons (100), MLP 2-16-16-1 ReLU, SVM loss + 1e-4 L2, full "
                + "batch, SGD lr 1 - 0.9 k/100";
    }

    @Override
    public int samplesPerStep() {
        return y.length;
    }

    @Override
    public double step() {
        Value[] p = new Value[parameters.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Value.variable(parameters[i]);
        }
        List<Value> losses = new ArrayList<>(y.length);
        for (int i = 0; i < y.length; i++) {
            Value score = forward(p, x[i]);
            losses.add(score.times(-y[i]).plus(1.0).relu());
        }
        Value dataLoss = Value.sum(losses).times(1.0 / y.length);
        List<Value> squares = new ArrayList<>(p.length);
        for (Value v : p) {
            squares.add(v.times(v));
        }
        Value total = dataLoss.plus(Value.sum(squares).times(ALPHA));
        total.backward();
        double lr = 1.0 - 0.9 * k / SCHEDULE_STEPS;
        for (int i = 0; i < p.length; i++) {
            parameters[i] -= lr * p[i].grad();
        }
        k = (k + 1) % SCHEDULE_STEPS;
        return total.data();
    }

    private static Value forward(Value[] p, double[] input) {
        Value[] activations = new Value[input.length];
        for (int i = 0; i < input.length; i++) {
            activations[i] = Value.constant(input[i]);
        }
        int at = 0;
        for (int l = 1; l < SIZES.length; l++) {
            boolean hidden = l < SIZES.length - 1;
            Value[] out = new Value[SIZES[l]];
            for (int neuron = 0; neuron < out.length; neuron++) {
                Value bias = p[at + activations.length];
                Value act = bias;
                for (int in = 0; in < activations.length; in++) {
                    act = act.plus(p[at + in].times(activations[in]));
                }
                out[neuron] = hidden ? act.relu() : act;
                at += activations.length + 1;
            }
            activations = out;
        }
        return activations[0];
    }

    @Override
    public List<Matrix> parameterValues() {
        return List.of(Matrix.rowVector(parameters));
    }
}
