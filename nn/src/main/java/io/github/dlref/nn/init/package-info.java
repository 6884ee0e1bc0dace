/**
 * Parameter initializers ({@link io.github.dlref.nn.init.Initializer}): zeros, constant, uniform, Gaussian
 * {@code N(0, sigma^2)}, Xavier/Glorot uniform and normal, He/Kaiming uniform and normal, and orthogonal,
 * each with PyTorch's formula ({@code torch.nn.init}) and fans ({@code fan_in = cols}, {@code fan_out = rows}
 * of an {@code out x in} weight), and each documenting its draw order from the seeded
 * {@link io.github.dlref.math.Rng}.
 *
 * <p>Depends only on {@code io.github.dlref.math}. Must not depend on autograd, the rest of {@code nn},
 * {@code optim}, {@code data} or {@code verify}.
 */
package io.github.dlref.nn.init;
