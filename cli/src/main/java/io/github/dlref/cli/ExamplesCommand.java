package io.github.dlref.cli;

import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.examples.WorkedExample;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code dlref examples [--format table|json]}: computes every worked example of the catalog and prints
 * it (id, source, quantity, expected, computed, status), as an aligned table ({@link TableRenderer}) or as
 * JSON ({@link JsonRenderer}). Exit status 0 if every example passes, 1 otherwise.
 */
@Command(name = "examples", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        description = "Reproduce the worked examples of the source documents and compare them with dlref's "
                + "computations. Exits 1 if any example fails.")
public final class ExamplesCommand implements Callable<Integer> {

    private final Supplier<ExampleCatalog> catalog;

    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption output = new FormatOption();

    /**
     * A command over the given catalog.
     *
     * @param catalog supplies the catalog to run; not null
     * @throws IllegalArgumentException if {@code catalog} is null
     */
    public ExamplesCommand(Supplier<ExampleCatalog> catalog) {
        if (catalog == null) {
            throw new IllegalArgumentException("ExamplesCommand: catalog supplier must not be null");
        }
        this.catalog = catalog;
    }

    /**
     * Runs the catalog and prints it.
     *
     * @return 0 if every example passed, 1 otherwise
     */
    @Override
    public Integer call() {
        List<WorkedExample> examples = catalog.get().run();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(JsonRenderer.render(examples));
        } else {
            out.print(TableRenderer.render(examples));
        }
        out.flush();
        boolean allPassed = examples.stream().allMatch(WorkedExample::passed);
        return allPassed ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }
}
