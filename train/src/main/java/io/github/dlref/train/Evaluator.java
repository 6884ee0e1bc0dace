package io.github.dlref.train;

import io.github.dlref.autograd.GradMode;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.data.Dataset;
import io.github.dlref.data.OneHot;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.losses.CrossEntropyLoss;
import java.util.Objects;

/**
 * Scores and runs a classifier in evaluation mode ({@code Dropout} off, {@code BatchNorm} on its running
 * statistics) without recording a graph, {@value #CHUNK} samples per forward pass (to bound memory on large
 * sets). The model's mode is restored afterwards; for {@code N = 0} {@link #outputs} returns a {@code 0 x 0}
 * matrix. Used by {@link TrainingRun#evaluate(Dataset)} and
 * {@link SavedModel}, so a saved model predicts exactly what the run predicted.
 */
public final class Evaluator {

    /** The number of samples per forward pass. */
    public static final int CHUNK = 1000;

    private Evaluator() {
    }

    /**
     * Scores a model on a dataset: the loss is the sum over chunks (in order) of each chunk's summed
     * cross-entropy ({@code CrossEntropyLoss} with sum reduction), divided by {@code N}; the predictions are the
     * logits' argmax (lowest class on ties).
     *
     * @param model a classifier producing {@code N x C} logits
     * @param dataset a classification set with the model's number of features and classes
     * @return the evaluation (loss and accuracy NaN for an empty set)
     * @throws IllegalArgumentException if the dataset has no class labels
     */
    public static Evaluation evaluate(Module model, Dataset dataset) {
        Objects.requireNonNull(model, "Evaluator.evaluate: model must not be null");
        Objects.requireNonNull(dataset, "Evaluator.evaluate: dataset must not be null");
        if (!dataset.isClassification()) {
            throw new IllegalArgumentException("Evaluator.evaluate: expected a classification dataset (class "
                    + "labels), got one with regression targets");
        }
        int n = dataset.size();
        int[] predictions = new int[n];
        int[] labels = dataset.labels();
        if (n == 0) {
            return new Evaluation(Double.NaN, Double.NaN, 0, predictions,
                    ConfusionMatrix.of(labels, predictions, dataset.numClasses()));
        }
        boolean training = model.isTraining();
        model.eval();
        CrossEntropyLoss summed = new CrossEntropyLoss(Reduction.SUM);
        double lossSum = 0.0;
        long correct = 0;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            for (int from = 0; from < n; from += CHUNK) {
                Dataset part = dataset.slice(from, Math.min(n, from + CHUNK));
                Tensor logits = model.forward(Tensor.constant(part.features()));
                int[] partLabels = part.labels();
                lossSum += summed.forward(logits, partLabels).item();
                int[] predicted = OneHot.argmax(logits.value());
                for (int i = 0; i < partLabels.length; i++) {
                    predictions[from + i] = predicted[i];
                    if (predicted[i] == partLabels[i]) {
                        correct++;
                    }
                }
            }
        } finally {
            model.train(training);
        }
        return new Evaluation(lossSum / n, (double) correct / n, n, predictions,
                ConfusionMatrix.of(labels, predictions, dataset.numClasses()));
    }

    /**
     * The model's outputs for a batch of feature rows, in the same chunks as {@link #evaluate(Module, Dataset)}.
     *
     * @param model the model
     * @param features {@code N x D} features (already preprocessed)
     * @return the {@code N x C} outputs, chunk results stacked in order
     */
    public static Matrix outputs(Module model, Matrix features) {
        Objects.requireNonNull(model, "Evaluator.outputs: model must not be null");
        Objects.requireNonNull(features, "Evaluator.outputs: features must not be null");
        int n = features.rows();
        boolean training = model.isTraining();
        model.eval();
        double[] out = null;
        int width = 0;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            for (int from = 0; from < n; from += CHUNK) {
                int to = Math.min(n, from + CHUNK);
                Matrix part = features.rowSlice(from, to);
                Matrix logits = model.forward(Tensor.constant(part)).value();
                if (out == null) {
                    width = logits.cols();
                    out = new double[n * width];
                }
                System.arraycopy(logits.toRowMajorArray(), 0, out, from * width, (to - from) * width);
            }
        } finally {
            model.train(training);
        }
        return out == null ? Matrix.zeros(0, 0) : Matrix.fromRowMajor(n, width, out);
    }
}
