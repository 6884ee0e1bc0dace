/**
 * JMH microbenchmarks: the matrix products of the benchmark MLPs on both product paths
 * ({@link io.github.dlref.bench.jmh.MatmulBenchmark}), the per-op overhead of the matrix and scalar engines
 * ({@link io.github.dlref.bench.jmh.OpOverheadBenchmark}) and one training step of every workload
 * ({@link io.github.dlref.bench.jmh.TrainingStepBenchmark}). Run them with
 * {@code java -jar bench/target/benchmarks.jar} (JMH's command line: a regular expression selects
 * benchmarks, {@code -p name=value} fixes a parameter).
 *
 * <p>Depends on math, autograd and the workloads of {@code io.github.dlref.bench}; never imports EJML (the
 * EJML kernel benchmarks live in {@code io.github.dlref.bench.baseline}).
 */
package io.github.dlref.bench.jmh;
