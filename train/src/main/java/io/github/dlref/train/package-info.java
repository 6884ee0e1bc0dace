/**
 * The training library: the project's one training loop ({@link io.github.dlref.train.Trainer}: zero the
 * gradients, forward, loss plus penalties, backward, optional gradient clipping
 * ({@link io.github.dlref.train.ClippingConfig}), optimizer step through a
 * {@link io.github.dlref.train.ParameterBinding}, learning-rate schedule per step or per epoch), used by
 * {@link io.github.dlref.train.TrainingRun}, by the oracle's runner and by library users; configuration records
 * with validating constructors; seeded data preparation with its fitted preprocessing; evaluation (loss,
 * accuracy, argmax predictions, confusion matrix, per-class precision and recall) and the metrics history;
 * listeners (early stopping, keep-best); checkpoints that resume bit for bit; self-contained model files
 * ({@link io.github.dlref.train.SavedModel}); the optimizer comparison with cs231n-opt-bp's three search
 * strategies, and random hyper-parameter search (Bergstra and Bengio 2012, cited by dl-basics).
 *
 * <p>Owns: wiring of {@code nn}, {@code optim}, {@code data} and {@code autograd} into runs, and the files a
 * run writes (metrics as CSV and JSON, checkpoints, model files). Depends on the library modules only; never on
 * {@code verify}, {@code bench} or {@code cli}, never on a command-line, console, plotting or benchmark
 * library, and never prints: progress reaches the caller through {@link io.github.dlref.train.TrainingListener},
 * and the command line ({@code io.github.dlref.cli}) renders tables and plots.
 */
package io.github.dlref.train;
