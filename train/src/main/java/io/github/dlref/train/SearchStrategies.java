package io.github.dlref.train;

import io.github.dlref.autograd.GradMode;
import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.data.Dataset;
import io.github.dlref.data.OneHot;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.losses.MulticlassHingeLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three optimization strategies of cs231n-opt-bp, on one loss: the multiclass SVM loss (margin 1, mean over
 * the samples, no regularization; {@code nn.losses.MulticlassHingeLoss}) of a linear classifier
 * {@code s = W [x, 1]} (the bias trick: {@code W} is {@code C x (D + 1)}) on a whole training set.
 * <ol>
 *   <li><b>Random search</b>: draw {@code W} with entries {@code N(0, scale^2)}, keep the best loss seen.</li>
 *   <li><b>Random local search</b>: from a random {@code W}, try {@code W + stepSize N(0, I)} and move there when
 *       the loss is lower.</li>
 *   <li><b>Following the gradient</b>: from the same starting {@code W}, {@code W <- W - learningRate dL/dW}
 *       (the analytic gradient, by the autograd engine).</li>
 * </ol>
 * Each runs {@code iterations} iterations; its curve holds the loss it stands at after each iteration (for
 * the searches, the best loss found so far). Draw order: random search draws its matrices from
 * {@code new Rng(seed)}; the starting {@code W} of the other two is drawn first from {@code new Rng(seed + 1)},
 * which random local search then keeps using for its perturbations. Matrices are drawn row-major
 * ({@code Rng.gaussian}).
 */
public final class SearchStrategies {

    private SearchStrategies() {
    }

    /**
     * Settings.
     *
     * @param iterations iterations per strategy, {@code >= 1}
     * @param scale the standard deviation of random and starting weights, {@code > 0}
     * @param stepSize the standard deviation of a local-search perturbation, {@code > 0}
     * @param learningRate the gradient step size, {@code > 0}
     * @param seed the seed
     */
    public record Settings(int iterations, double scale, double stepSize, double learningRate, long seed) {

        /**
         * Validates.
         *
         * @param iterations iterations per strategy
         * @param scale the weight scale
         * @param stepSize the perturbation size
         * @param learningRate the gradient step size
         * @param seed the seed
         * @throws IllegalArgumentException naming the setting and its value
         */
        public Settings {
            if (iterations < 1) {
                throw new IllegalArgumentException("strategies: iterations must be >= 1, got " + iterations);
            }
            positive("scale", scale);
            positive("step size", stepSize);
            positive("learning rate", learningRate);
        }

        private static void positive(String name, double v) {
            if (!(v > 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException("strategies: " + name + " must be finite and > 0, got " + v);
            }
        }
    }

    /**
     * One strategy's outcome.
     *
     * @param name the strategy
     * @param losses the loss after each iteration ({@code iterations} values)
     * @param accuracy the training accuracy of the final (best) {@code W}
     * @param lossEvaluations how many times the loss was evaluated
     * @param gradientEvaluations how many gradients were computed
     */
    public record Curve(String name, double[] losses, double accuracy, int lossEvaluations, int gradientEvaluations) {

        /**
         * Copies the losses.
         *
         * @param name the strategy
         * @param losses the losses
         * @param accuracy the accuracy
         * @param lossEvaluations the loss evaluations
         * @param gradientEvaluations the gradient evaluations
         */
        public Curve {
            losses = losses.clone();
        }

        /**
         * The loss after the last iteration.
         *
         * @return the final loss
         */
        public double finalLoss() {
            return losses[losses.length - 1];
        }
    }

    /**
     * Runs the three strategies.
     *
     * @param train the training set (classification)
     * @param settings the settings
     * @return random search, random local search and following the gradient, in that order
     */
    public static List<Curve> run(Dataset train, Settings settings) {
        Matrix x = withOnes(train.features());
        Matrix y = train.oneHot();
        int[] labels = train.labels();
        int c = train.numClasses();
        int d = x.cols();
        int n = settings.iterations();
        List<Curve> curves = new ArrayList<>();

        Rng searchRng = new Rng(settings.seed());
        double[] best = new double[n];
        double bestLoss = Double.POSITIVE_INFINITY;
        Matrix bestW = null;
        for (int it = 0; it < n; it++) {
            Matrix w = searchRng.gaussian(c, d, 0.0, settings.scale());
            double l = loss(x, y, w);
            if (l < bestLoss) {
                bestLoss = l;
                bestW = w;
            }
            best[it] = bestLoss;
        }
        curves.add(new Curve("random search", best, accuracy(x, labels, bestW), n, 0));

        Rng localRng = new Rng(settings.seed() + 1);
        Matrix start = localRng.gaussian(c, d, 0.0, settings.scale());
        Matrix w = start;
        double current = loss(x, y, w);
        double[] local = new double[n];
        for (int it = 0; it < n; it++) {
            Matrix trial = w.plus(localRng.gaussian(c, d, 0.0, settings.stepSize()));
            double l = loss(x, y, trial);
            if (l < current) {
                current = l;
                w = trial;
            }
            local[it] = current;
        }
        curves.add(new Curve("random local search", local, accuracy(x, labels, w), n + 1, 0));

        Parameter weights = new Parameter("W", start);
        MulticlassHingeLoss hinge = new MulticlassHingeLoss();
        Tensor input = Tensor.constant(x);
        double[] descent = new double[n];
        for (int it = 0; it < n; it++) {
            weights.zeroGrad();
            Tensor l = hinge.forward(input.timesTranspose(weights), y);
            l.backward();
            weights.assign(weights.value().minus(weights.grad().times(settings.learningRate())));
            descent[it] = loss(x, y, weights.value());
        }
        curves.add(new Curve("following the gradient", descent, accuracy(x, labels, weights.value()), n, n));
        return curves;
    }

    private static Matrix withOnes(Matrix features) {
        int n = features.rows();
        int d = features.cols();
        return Matrix.build(n, d + 1, (i, j) -> j < d ? features.get(i, j) : 1.0);
    }

    private static double loss(Matrix x, Matrix y, Matrix w) {
        try (GradMode.Scope scope = GradMode.noGrad()) {
            return new MulticlassHingeLoss().forward(Tensor.constant(x).timesTranspose(Tensor.constant(w)), y).item();
        }
    }

    private static double accuracy(Matrix x, int[] labels, Matrix w) {
        int[] predicted = OneHot.argmax(x.timesTranspose(w));
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }


}
