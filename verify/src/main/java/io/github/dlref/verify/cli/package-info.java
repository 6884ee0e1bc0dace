/**
 * The {@code dlref} command line (picocli): {@link io.github.dlref.verify.cli.Dlref} is the main class of
 * the runnable jar; {@code dlref examples} prints the worked-example catalog as a table or as JSON.
 *
 * <p>Owns: argument parsing, exit codes (0 success, 1 failure, 2 usage error) and the renderers. The only
 * code in the project that writes to standard output and standard error (through picocli's writers).
 * May depend on {@code io.github.dlref.verify.examples} and on every library module; nothing depends on
 * it.
 */
package io.github.dlref.verify.cli;
