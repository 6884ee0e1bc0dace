/**
 * Benchmark workloads: whole training runs of dlref's matrix and scalar engines
 * ({@link io.github.dlref.bench.Workloads}), the runner that times them in samples per second
 * ({@link io.github.dlref.bench.BenchRunner}), the hand-written EJML baseline of the large workload
 * ({@code io.github.dlref.bench.baseline}) and JMH microbenchmarks ({@code io.github.dlref.bench.jmh}).
 * The same workloads exist in PyTorch ({@code bench/pytorch_mlp.py}) and in pure Python
 * ({@code bench/micrograd_scalar.py}); {@code bench/compare.sh} runs both sides.
 *
 * <p>Owns: workload definitions and timing. May depend on math, autograd, nn, optim and data; must not depend
 * on verify (the {@code dlref bench} command in verify prints what this package measures) and never prints.
 * Only {@code io.github.dlref.bench.baseline} imports EJML.
 */
package io.github.dlref.bench;
