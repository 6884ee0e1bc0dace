package io.github.dlref.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Where {@code train}, {@code compare} and {@code search} write, so that runs never overwrite each other
 * silently: without {@code --out}, a new numbered directory {@code runs/<command>/<n>} (relative to the working
 * directory; {@code n} is one more than the largest number already there, starting at 1); with {@code --out},
 * that directory, refused when it exists and is not empty unless {@code --force} is given.
 */
final class RunDirectories {

    /** The parent of the default output directories, relative to the working directory. */
    static final Path ROOT = Path.of("runs");

    private RunDirectories() {
    }

    /**
     * The output directory of a command, created if it does not exist.
     *
     * @param cl the command line, for errors and the command's name
     * @param out the {@code --out} value, or {@code null} for the next free {@code runs/<command>/<n>}
     * @param force whether an existing non-empty {@code out} may be written into (files of the same names are
     *     replaced)
     * @return the directory, which exists
     * @throws ParameterException if {@code out} exists and is not an empty directory, and {@code force} is false,
     *     or it is a regular file (exit status 2)
     * @throws java.io.UncheckedIOException if a directory cannot be created (exit status 1)
     */
    static Path prepare(CommandLine cl, Path out, boolean force) {
        return prepare(cl, out, force, ROOT);
    }

    /**
     * {@link #prepare(CommandLine, Path, boolean)} with another parent of the default directories (for tests).
     *
     * @param cl the command line, for errors and the command's name
     * @param out the {@code --out} value, or {@code null} for the next free {@code <root>/<command>/<n>}
     * @param force whether an existing non-empty {@code out} may be written into
     * @param root the parent of the default directories
     * @return the directory, which exists
     */
    static Path prepare(CommandLine cl, Path out, boolean force, Path root) {
        try {
            if (out == null) {
                return next(root.resolve(cl.getCommandName()));
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new ParameterException(cl, "--out " + out + ": is a file; expected a directory");
            }
            if (!force && !isEmptyOrMissing(out)) {
                throw new ParameterException(cl, "--out " + out + ": exists and is not empty; give --force to "
                        + "write into it, or another --out");
            }
            return Files.createDirectories(out);
        } catch (IOException e) {
            throw CommandErrors.cannotWrite("the output directory", e);
        }
    }

    /**
     * Creates the next free numbered directory under a parent: one more than the largest all-digit name there,
     * or 1; if another process takes that number first, the one after it.
     *
     * @param parent the parent directory (created if missing)
     * @return the new, empty directory
     * @throws IOException if a directory cannot be listed or created
     */
    static Path next(Path parent) throws IOException {
        Files.createDirectories(parent);
        long largest = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.matches("[0-9]{1,9}")) {
                    largest = Math.max(largest, Long.parseLong(name));
                }
            }
        }
        for (long n = largest + 1;; n++) {
            try {
                return Files.createDirectory(parent.resolve(Long.toString(n)));
            } catch (FileAlreadyExistsException taken) {
                // another run took this number between the listing and now; try the next
            }
        }
    }

    private static boolean isEmptyOrMissing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }
}
