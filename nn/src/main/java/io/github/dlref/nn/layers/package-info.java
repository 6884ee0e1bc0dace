/**
 * Layers: {@link io.github.dlref.nn.layers.Linear} ({@code y = x W^T + b}, weight {@code out x in}),
 * the activations {@link io.github.dlref.nn.layers.ReLU}, {@link io.github.dlref.nn.layers.LeakyReLU},
 * {@link io.github.dlref.nn.layers.Sigmoid}, {@link io.github.dlref.nn.layers.Tanh},
 * {@link io.github.dlref.nn.layers.Softmax} and {@link io.github.dlref.nn.layers.Identity},
 * {@link io.github.dlref.nn.layers.Dropout} (inverted, seeded) and {@link io.github.dlref.nn.layers.BatchNorm}
 * (PyTorch or Keras running statistics). Every layer is a {@link io.github.dlref.nn.Module} built from
 * autograd ops, takes one sample per row, and documents its formula, gradient, shapes and convention.
 *
 * <p>Start from {@link io.github.dlref.nn.layers.Linear} (an example is in its class documentation) and
 * chain layers with {@link io.github.dlref.nn.Sequential}.
 *
 * <p>Depends on {@code io.github.dlref.nn}, {@code io.github.dlref.nn.init}, {@code io.github.dlref.nn.ops},
 * {@code io.github.dlref.autograd} and {@code io.github.dlref.math}. Must not depend on losses, model files,
 * {@code optim}, {@code data} or {@code verify}.
 */
package io.github.dlref.nn.layers;
