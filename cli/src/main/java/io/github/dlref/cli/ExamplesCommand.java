package io.github.dlref.cli;

import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.examples.WorkedExample;
import io.github.dlref.verify.ledger.Ledger;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dlref examples [--all] [--only DOC|ID] [--ledger] [--format table|json]}: computes every worked example of the
 * catalog and prints, by default, what fits a terminal ({@code ExamplesSummary}: one line per document, the
 * failures, the overall verdict last); with {@code --all} the full table (id, source, quantity, expected,
 * computed, status, stated; {@link TableRenderer}); with {@code --format json} every example as JSON
 * ({@link JsonRenderer}). {@code --only} keeps the examples of one document (its short id) or whose id starts
 * with the given text. Exit status 0 if every example shown passes, 1 otherwise, 2 for a usage error (such as an
 * {@code --only} that matches nothing). {@code --ledger} prints instead the counts of the ledger of the documents
 * ({@link LedgerSummary}, {@code docs/ledger.md}) and exits 0.
 */
@Command(name = "examples", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        description = "Reproduce the worked examples of the source documents and compare them with dlref's "
                + "computations: one line per document and the verdict last. Exits 1 if any example fails.",
        footer = {"", "Exit status: 0 every example passed, 1 one failed, 2 usage error.",
            "Examples: dlref examples --all; dlref examples --only bp-optimizers --all; dlref examples --ledger"})
public final class ExamplesCommand implements Callable<Integer> {

    private final Supplier<ExampleCatalog> catalog;
    private final Supplier<Ledger> ledger;

    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption output = new FormatOption();

    @Option(names = "--all", description = "The full table: every example with its quantity, expected and "
            + "computed values and the document's statement (wide), then the corrections of the documents.")
    private boolean all;

    @Option(names = "--only", paramLabel = "DOC|ID",
            description = "Only the examples of this document (its short id, such as bp-optimizers) or whose id "
                    + "starts with this text.")
    private String only;

    @Option(names = "--ledger", description = "Per document, the entries of the ledger of the documents "
            + "(docs/ledger.md) and how many are reproduced, errata, conventions and not computable.")
    private boolean ledgerCounts;

    /**
     * A command over the given catalog.
     *
     * @param catalog supplies the catalog to run; not null
     * @throws IllegalArgumentException if {@code catalog} is null
     */
    public ExamplesCommand(Supplier<ExampleCatalog> catalog) {
        this(catalog, Ledger::standard);
    }

    /**
     * A command over the given catalog and ledger.
     *
     * @param catalog supplies the catalog to run; not null
     * @param ledger supplies the ledger that {@code --ledger} counts; not null
     * @throws IllegalArgumentException if an argument is null
     */
    public ExamplesCommand(Supplier<ExampleCatalog> catalog, Supplier<Ledger> ledger) {
        if (catalog == null || ledger == null) {
            throw new IllegalArgumentException("ExamplesCommand: catalog and ledger suppliers must not be null");
        }
        this.catalog = catalog;
        this.ledger = ledger;
    }

    /**
     * Runs the catalog and prints it.
     *
     * @return 0 if every example passed (or the ledger was printed), 1 otherwise
     */
    @Override
    public Integer call() {
        if (ledgerCounts) {
            if (all || only != null) {
                throw new ParameterException(spec.commandLine(), "--ledger prints the counts of every document; "
                        + "it cannot be combined with " + (all ? "--all" : "--only"));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(output.json() ? LedgerSummary.json(ledger.get()) + System.lineSeparator()
                    : LedgerSummary.render(ledger.get()));
            out.flush();
            return CommandLine.ExitCode.OK;
        }
        List<WorkedExample> examples = catalog.get().run();
        if (only != null) {
            List<WorkedExample> kept = examples.stream().filter(e -> e.source().shortId().equals(only)
                    || e.id().startsWith(only)).toList();
            if (kept.isEmpty()) {
                Set<String> documents = new TreeSet<>();
                examples.forEach(e -> documents.add(e.source().shortId()));
                throw new ParameterException(spec.commandLine(), "--only " + only + ": no document or example id "
                        + "matches; the documents are " + String.join(", ", documents));
            }
            examples = kept;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(JsonRenderer.render(examples));
        } else if (all) {
            out.print(TableRenderer.render(examples));
        } else {
            out.print(ExamplesSummary.render(examples));
        }
        out.flush();
        boolean allPassed = examples.stream().allMatch(WorkedExample::passed);
        return allPassed ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }
}
