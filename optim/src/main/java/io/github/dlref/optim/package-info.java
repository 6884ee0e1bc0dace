/**
 * Optimizers in every named convention: {@link io.github.dlref.optim.SGD} (PyTorch, heavy-ball and EMA
 * momentum, Nesterov), {@link io.github.dlref.optim.AdaGrad}, {@link io.github.dlref.optim.RMSProp} and
 * {@link io.github.dlref.optim.Adam} (Algorithm 1 and Keras "epsilon hat", two AMSGrad forms),
 * {@link io.github.dlref.optim.NAdam} (torch 1.13, Dozat, Keras and Optax forms), {@link io.github.dlref.optim.RAdam}
 * (PyTorch and Optax), {@link io.github.dlref.optim.Adamax}, {@link io.github.dlref.optim.Adadelta},
 * {@link io.github.dlref.optim.Rprop} and {@link io.github.dlref.optim.ASGD}, each with coupled or decoupled
 * {@link io.github.dlref.optim.WeightDecay}; {@link io.github.dlref.optim.LBFGS} ({@code step(closure)});
 * {@link io.github.dlref.optim.ParameterGroups} (torch.optim param groups) and
 * {@link io.github.dlref.optim.GradientClipping} (PyTorch, Keras and Optax forms); inspectable per-parameter state and
 * snapshots that resume bit for bit ({@link io.github.dlref.optim.OptimizerState}); and the
 * {@link io.github.dlref.optim.ExponentiallyWeightedAverage} with bias correction of bp-optimizers.
 *
 * <p>Every optimizer names the framework or document whose arithmetic it follows, and its hyper-parameters
 * are a record whose presets ({@code pytorch()}, {@code keras()}, {@code optax(lr)}, and the source
 * documents' forms) are the one place each default is written. The records share one interface,
 * {@link io.github.dlref.optim.OptimizerHyperparameters} (learning rate, weight decay, description, the
 * {@link io.github.dlref.optim.ConventionAxis convention axes}); {@link io.github.dlref.optim.Presets} yields
 * the hyper-parameters of every {@link io.github.dlref.optim.OptimizerFamily} under every
 * {@link io.github.dlref.optim.Preset}, with dlref's own choices (fallback learning rates) named as such, so
 * that no other module declares presets or defaults again. Per-parameter state lives in named buffers.
 * Derivations of the equivalences between the forms are in {@code docs/optimizers.md}.
 *
 * <p>Where to start:
 * <ul>
 *   <li>To train with a framework's optimizer, take its hyper-parameter record's preset
 *       ({@link io.github.dlref.optim.Adam.Hyperparameters#pytorch()}, {@code SGD.Hyperparameters.pytorch(lr)},
 *       ...) or {@link io.github.dlref.optim.Presets#hyperparameters(OptimizerFamily, Preset)}, and call
 *       {@code create(parameters)}; then follow the {@link io.github.dlref.optim.Optimizer} protocol
 *       ({@code zeroGrad}, backward, {@code step}).</li>
 *   <li>To change the learning rate over time, wrap the optimizer in a
 *       {@code io.github.dlref.optim.schedule.LearningRateScheduler} (see that package).</li>
 *   <li>To save and resume, {@link io.github.dlref.optim.Optimizer#saveState()} and
 *       {@link io.github.dlref.optim.Optimizer#loadState(OptimizerState)}.</li>
 *   <li>To write a rule of your own (Lion, signSGD, ...), extend {@link io.github.dlref.optim.BaseOptimizer}:
 *       declare its buffers as {@link io.github.dlref.optim.Slot}s and write its per-element update.</li>
 * </ul>
 *
 * <pre>{@code
 * Optimizer adam = Adam.Hyperparameters.pytorch().withLearningRate(0.01).create(model.parameters());
 * for (int step = 0; step < steps; step++) {
 *     adam.zeroGrad();
 *     loss.forward(model.forward(x), labels).backward();   // model: an nn Module; loss: an nn Loss
 *     adam.step();
 * }
 * }</pre>
 *
 * <p>Depends only on {@code io.github.dlref.autograd} ({@link io.github.dlref.autograd.Parameter}) and
 * {@code io.github.dlref.math}. Must not depend on {@code nn}, {@code data}, {@code verify} or on its own
 * subpackage {@code io.github.dlref.optim.schedule} (which depends on this package, not the reverse).
 */
package io.github.dlref.optim;
