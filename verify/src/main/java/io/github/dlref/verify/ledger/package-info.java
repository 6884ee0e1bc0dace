/**
 * The ledger of the five source documents: every formula, derivation line, algorithm step,
 * hyper-parameter default and stated number, section by section in document order, each with one
 * {@link io.github.dlref.verify.ledger.Verdict}: reproduced (by a worked example of the catalog or a test),
 * erratum (an entry of {@code docs/errata.md} whose test proves the correction), convention (an ambiguity
 * and the reading dlref picks, with the frameworks that agree) or not computable (a definition, a prose
 * claim).
 *
 * <p>The ledger is the classpath resource {@code ledger.json} of this package, read by {@link
 * io.github.dlref.verify.ledger.Ledger#standard()}; {@link io.github.dlref.verify.ledger.LedgerMarkdown}
 * renders it as {@code docs/ledger.md}. The tests of the verify module check that every reference names a
 * catalog example or a test method that exists, that every catalog example of the five documents and every
 * erratum is referenced, and that {@code docs/ledger.md} is the rendering of the resource.
 *
 * <p>Owns: the ledger's model, reader and Markdown rendering. May depend on Jackson; must not depend on the
 * command line ({@code io.github.dlref.cli}) and must not print.
 */
package io.github.dlref.verify.ledger;
