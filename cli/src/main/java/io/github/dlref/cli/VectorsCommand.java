package io.github.dlref.cli;

import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.oracle.VectorWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code dlref vectors --out DIR}: writes the language-neutral golden vectors ({@link VectorWriter}: ops,
 * layers, losses, optimizers, schedules, initializers, data loader, worked examples) as JSON files into
 * {@code DIR}. Exit status 0 on success, 1 if a file cannot be written.
 */
@Command(name = "vectors", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        description = "Write the golden test vectors (JSON, format dlref.vectors.v1) into a directory.",
        footer = {"", "Exit status: 0 success, 1 cannot write, 2 usage error."})
public final class VectorsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandSpec commandSpec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output directory (created if needed).")
    private Path out;

    /** Creates the command (picocli fills in the arguments). */
    public VectorsCommand() {
    }

    /**
     * Writes the vectors.
     *
     * @return 0
     * @throws UncheckedIOException if a file cannot be written (exit status 1)
     */
    @Override
    public Integer call() {
        List<Path> files = VectorWriter.write(out, ExampleCatalog::standard);
        PrintWriter o = commandSpec.commandLine().getOut();
        for (Path p : files) {
            o.println(p);
        }
        o.flush();
        return CommandLine.ExitCode.OK;
    }
}
