/**
 * The training library: the training loop of the dl-optimization document (zero the gradients, forward,
 * loss plus penalties, backward, optimizer step, learning-rate schedule, per mini-batch), configuration
 * records with validating constructors, seeded data preparation, evaluation and the metrics history,
 * checkpoints that resume bit for bit, the optimizer comparison with cs231n-opt-bp's three search
 * strategies, and random hyper-parameter search (Bergstra and Bengio 2012, cited by dl-basics).
 *
 * <p>Owns: wiring of {@code nn}, {@code optim}, {@code data} and {@code autograd} into runs, and the files a
 * run writes (metrics as CSV and JSON, checkpoints). Depends on the library modules only; never on
 * {@code verify}, {@code bench} or {@code cli}, never on a command-line, console, plotting or benchmark
 * library, and never prints: progress reaches the caller through {@link io.github.dlref.train.TrainingListener},
 * and the command line ({@code io.github.dlref.cli}) renders tables and plots.
 */
package io.github.dlref.train;
