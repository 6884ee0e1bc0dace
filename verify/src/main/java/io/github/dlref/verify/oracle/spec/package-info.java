/**
 * The spec format of the oracle ({@code dlref run}, {@code check}, {@code diagnose}, and the training app):
 * the model ({@link io.github.dlref.verify.oracle.spec.Spec}), its strict JSON reader
 * ({@link io.github.dlref.verify.oracle.spec.SpecParser}, every error a
 * {@link io.github.dlref.verify.oracle.spec.SpecException} with a JSON path), its writer
 * ({@link io.github.dlref.verify.oracle.spec.SpecWriter}), exact number encoding
 * ({@link io.github.dlref.verify.oracle.spec.JsonNumbers}) and the builders that turn a spec into library
 * objects ({@link io.github.dlref.verify.oracle.spec.SpecBuilders}). The format is documented in
 * {@code docs/oracle-format.md}.
 *
 * <p>Owns: the format's single table of component types and settings (PyTorch's hyper-parameter names),
 * validation and (de)serialization. Depends on the library modules and Jackson. Must not print (no
 * {@code System.out}/{@code System.err}) and must not depend on {@code io.github.dlref.cli},
 * {@code io.github.dlref.bench} or {@code io.github.dlref.train}.
 */
package io.github.dlref.verify.oracle.spec;
