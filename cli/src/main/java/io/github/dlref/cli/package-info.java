/**
 * The {@code dlref} command line: every picocli command ({@link io.github.dlref.cli.Dlref} and its
 * subcommands), table and JSON rendering, XChart plots, the console progress bar, and the shaded {@code dlref}
 * jar that {@code ./dlref} runs.
 *
 * <p>Commands share their options through picocli mixins (data, model, optimizer and schedule, batch size and
 * seed, progress and plot size, output format, the oracle's comparison inputs) and one error path: an exception
 * becomes an exit status (2 for a usage error or malformed input, 1 for a failed computation or an I/O error)
 * and one line on standard error, never a stack trace. Enum values are converted by picocli, case-insensitively.
 *
 * <p>Owns: wiring for people. The library modules ({@code math}, {@code autograd}, {@code nn}, {@code optim},
 * {@code data}, {@code train}) and {@code verify} compute; this package parses arguments, calls them and prints.
 * The only package that depends on picocli, XChart, progressbar and {@code bench}; nothing depends on it.
 */
package io.github.dlref.cli;
