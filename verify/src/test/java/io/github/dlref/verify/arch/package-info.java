/**
 * The architecture rules (ArchUnit on bytecode, plus a scan of import statements in the sources), their
 * run over every module's production classes, and the proof that each rule can fail.
 */
package io.github.dlref.verify.arch;
