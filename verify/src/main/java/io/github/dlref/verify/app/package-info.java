/**
 * The training application behind {@code dlref train}, {@code dlref compare} and {@code dlref search}: the
 * training loop of the dl-optimization document (zero the gradients, forward, loss, backward, step, per
 * mini-batch), configuration records with validating constructors, seeded data preparation, metrics, PNG
 * plots (XChart), checkpoints that resume bit for bit, the optimizer comparison with cs231n-opt-bp's three
 * search strategies, and random hyper-parameter search (Bergstra and Bengio 2012, cited by dl-basics).
 *
 * <p>Owns: wiring of {@code nn}, {@code optim}, {@code data} and {@code autograd} into runs, and the files a
 * run writes. May depend on every library module. Like {@code io.github.dlref.verify.cli} it may write to the
 * standard streams (the progress bar and the per-epoch table), but only through the writers it is given;
 * the command classes in {@code io.github.dlref.verify.cli} depend on it, never the reverse.
 */
package io.github.dlref.verify.app;
