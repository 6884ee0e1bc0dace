/**
 * Losses ({@link io.github.dlref.nn.losses.Loss}), each documenting its formula, what each reduction divides
 * by, its gradient and its source: {@link io.github.dlref.nn.losses.MSELoss},
 * {@link io.github.dlref.nn.losses.SumOfSquaresLoss} (bp-optimizers' {@code 0.5 sum e^2}),
 * {@link io.github.dlref.nn.losses.L1Loss}, {@link io.github.dlref.nn.losses.PNormLoss} (dl-basics),
 * {@link io.github.dlref.nn.losses.CrossEntropyLoss} (from logits),
 * {@link io.github.dlref.nn.losses.ProbabilityCrossEntropyLoss} (from probabilities),
 * {@link io.github.dlref.nn.losses.BCELoss}, {@link io.github.dlref.nn.losses.BCEWithLogitsLoss},
 * {@link io.github.dlref.nn.losses.MulticlassHingeLoss} (cs231n-opt-bp),
 * {@link io.github.dlref.nn.losses.MultiMarginLoss} (PyTorch) and {@link io.github.dlref.nn.losses.SoftmaxLoss}
 * (cs231n-opt-bp). Reductions are autograd's {@link io.github.dlref.autograd.ops.Reduction}.
 *
 * <p>Start from the {@link io.github.dlref.nn.losses.Loss} interface and the two common losses, with examples
 * in their class documentation: {@link io.github.dlref.nn.losses.CrossEntropyLoss} for classification
 * (logits and class indices) and {@link io.github.dlref.nn.losses.MSELoss} for regression. The
 * classification losses take class indices ({@code int[]}) through the interface,
 * {@code Loss.forward(prediction, classes)}; the others refuse them ({@code Loss.acceptsClassIndices()}).
 *
 * <p>Depends on {@code io.github.dlref.nn.ops}, {@code io.github.dlref.autograd} and
 * {@code io.github.dlref.math}. Must not depend on layers, modules, {@code optim}, {@code data} or
 * {@code verify}.
 */
package io.github.dlref.nn.losses;
