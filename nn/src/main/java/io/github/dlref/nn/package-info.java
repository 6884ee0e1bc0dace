/**
 * The model abstraction: {@link io.github.dlref.nn.Module} (named parameters in a stable order, buffers,
 * train/eval mode, state snapshots), {@link io.github.dlref.nn.Sequential}, and the small types they use.
 *
 * <p>Start from {@link io.github.dlref.nn.Sequential} (its class documentation has a complete example):
 * chain layers of {@code io.github.dlref.nn.layers} ({@code Linear}, {@code ReLU}, ...), compute a loss of
 * {@code io.github.dlref.nn.losses} ({@code CrossEntropyLoss}, {@code MSELoss}, ...) on
 * {@link io.github.dlref.nn.Module#forward(io.github.dlref.autograd.Tensor)}, call {@code backward()}, and
 * use {@link io.github.dlref.nn.Module#predict(io.github.dlref.math.Matrix)} for inference on a plain
 * matrix. To write a layer, extend {@link io.github.dlref.nn.Module}.
 *
 * <p>Layers live in {@code io.github.dlref.nn.layers}, losses in {@code io.github.dlref.nn.losses},
 * initializers in {@code io.github.dlref.nn.init}, penalties in {@code io.github.dlref.nn.regularization}
 * and model files in {@code io.github.dlref.nn.io}; this package depends on none of them.
 *
 * <p>Depends only on {@code io.github.dlref.autograd} and {@code io.github.dlref.math}. Must not depend on
 * {@code optim}, {@code data} or {@code verify}; never imports EJML.
 */
package io.github.dlref.nn;
