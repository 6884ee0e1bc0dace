/**
 * The catalog of worked examples reproduced from the source documents and published references: each
 * {@link io.github.dlref.verify.examples.WorkedExample} names its source and section, the quantity, the
 * source's stated value or formula, dlref's computed value and the comparison (exact, ulps or a
 * tolerance with its reason), and, where the document is wrong, the
 * {@link io.github.dlref.verify.examples.Correction} with the document's form, the corrected form and the
 * erratum id in {@code docs/errata.md}.
 *
 * <p>Providers ({@link io.github.dlref.verify.examples.ExampleSource}) are assembled in one place,
 * {@link io.github.dlref.verify.examples.ExampleCatalog#standard()}.
 *
 * <p>Owns: the examples and their comparisons. May depend on every library module (math, autograd, nn,
 * optim, data) and on Jackson (to read golden files). Must not depend on the command line
 * ({@code io.github.dlref.cli}) and must not print.
 */
package io.github.dlref.verify.examples;
