package io.github.dlref.train;

/**
 * A model's score on a dataset, in evaluation mode without recording a graph.
 *
 * @param loss the mean cross-entropy over the samples (NaN for an empty set)
 * @param accuracy the fraction of samples whose logits' argmax (the lowest class on ties) is the label (NaN for
 *     an empty set)
 * @param samples the number of samples
 */
public record Evaluation(double loss, double accuracy, int samples) {
}
