/**
 * The oracle: running a spec ({@link io.github.dlref.verify.oracle.Runner}, {@code dlref run}), comparing
 * another implementation's trajectory with dlref's ({@link io.github.dlref.verify.oracle.Comparer},
 * {@code dlref check}), finding the convention another implementation follows
 * ({@link io.github.dlref.verify.oracle.Diagnoser}, {@code dlref diagnose}), the golden vectors
 * ({@link io.github.dlref.verify.oracle.VectorWriter}, {@code dlref vectors}) and the gradient-check sweep
 * ({@link io.github.dlref.verify.oracle.GradcheckSweep}, {@code dlref gradcheck}) and the conformance suite run
 * against another implementation's command ({@link io.github.dlref.verify.oracle.Conformance},
 * {@code dlref conform}). Formats are documented in
 * {@code docs/oracle-format.md}, the workflow in {@code docs/oracle.md}.
 *
 * <p>Owns: the logic and the file formats. Returns values and JSON trees; never prints (no
 * {@code System.out}/{@code System.err}: printing is the command line's, {@code io.github.dlref.cli}).
 * Depends on the library modules (the training library {@code io.github.dlref.train} among them: the
 * conversion between specs and training configurations, {@link io.github.dlref.verify.oracle.SpecConversion}),
 * {@code io.github.dlref.verify.oracle.spec} and {@code io.github.dlref.verify.examples}; must not depend on
 * {@code io.github.dlref.cli} or {@code io.github.dlref.bench}.
 */
package io.github.dlref.verify.oracle;
