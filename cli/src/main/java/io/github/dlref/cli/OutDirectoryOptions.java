package io.github.dlref.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The output-directory options ({@code --out DIR}, {@code --force}): a picocli mixin shared by {@code train},
 * {@code compare} and {@code search}, which hands both to {@link RunDirectories#prepare(CommandLine, Path, boolean)}.
 * The help text names the host command's default directory ({@code runs/<command>/<n>}, picocli's
 * {@code ${COMMAND-NAME}}); a command that adds to it (as {@code train} does for {@code --resume}) uses
 * {@link #withOutNote(CommandSpec, String)} in a model transformer.
 */
final class OutDirectoryOptions {

    /** The {@code --out} option's name. */
    static final String OUT = "--out";

    @Option(names = OUT, paramLabel = "DIR", order = 50,
            description = "Output directory, refused if it exists and is not empty (unless --force) (default: the "
                    + "next free runs/${COMMAND-NAME}/<n>).")
    Path out;

    @Option(names = "--force", order = 52, description = "Write into an existing non-empty --out directory.")
    boolean force;

    /** Creates the option group (picocli fills it). */
    OutDirectoryOptions() {
    }

    /**
     * The output directory, created if it does not exist: {@link RunDirectories#prepare(CommandLine, Path, boolean)}
     * with {@code --out} and {@code --force}.
     *
     * @param cl the command line, for errors and the command's name
     * @return the directory, which exists
     * @throws ParameterException if {@code --out} exists and is not an empty directory without {@code --force}, or
     *     is a regular file (exit status 2)
     * @throws java.io.UncheckedIOException if a directory cannot be created (exit status 1)
     */
    Path prepare(CommandLine cl) {
        return RunDirectories.prepare(cl, out, force);
    }

    /**
     * Adds a note to the default in {@code --out}'s help text: {@code (default: the next free
     * runs/<command>/<n>; NOTE).}
     *
     * @param spec the host command's specification, which holds this mixin's options
     * @param note the text after the default, without the leading {@code "; "}
     * @return {@code spec}, its {@code --out} option replaced by one with the longer description
     */
    static CommandSpec withOutNote(CommandSpec spec, String note) {
        OptionSpec option = spec.findOption(OUT);
        String[] description = option.description().clone();
        String last = description[description.length - 1];
        if (!last.endsWith(").")) {
            throw new IllegalStateException("--out: expected its description to end with \").\", got: " + last);
        }
        description[description.length - 1] = last.substring(0, last.length() - ").".length()) + "; " + note + ").";
        spec.remove(option);
        spec.addOption(option.toBuilder().description(description).build());
        return spec;
    }
}
