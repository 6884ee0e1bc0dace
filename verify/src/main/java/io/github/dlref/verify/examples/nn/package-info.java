/**
 * The nn module's worked examples for the catalog ({@link io.github.dlref.verify.examples.nn.NnExamples}): the
 * source documents' matrix-level backward formulas (bp-optimizers vectorized, dl-basics' two-layer network and
 * orthogonal initialization, cs231n-opt-bp's SVM and softmax gradients, param-optimization's vanishing
 * gradients) against autograd through nn's layers, losses, penalties and initializers.
 *
 * <p>Depends on {@code io.github.dlref.verify.examples} (the catalog's types), {@code nn}, {@code autograd} and
 * {@code math}. Must not depend on the command line and must not print.
 */
package io.github.dlref.verify.examples.nn;
