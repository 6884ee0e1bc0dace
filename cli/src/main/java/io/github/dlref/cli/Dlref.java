package io.github.dlref.cli;

import io.github.dlref.verify.examples.ExampleCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code dlref} command line (picocli), the main class of {@code cli/target/dlref.jar}, started
 * by the {@code ./dlref} script at the repository root.
 *
 * <p>Subcommands:
 * <ul>
 *   <li>worked examples: {@code examples} ({@link ExamplesCommand});</li>
 *   <li>the oracle: {@code vectors}, {@code run}, {@code check}, {@code diagnose}, {@code conform},
 *       {@code gradcheck} ({@link VectorsCommand}, {@link RunCommand}, {@link CheckCommand},
 *       {@link DiagnoseCommand}, {@link ConformCommand}, {@link GradcheckCommand});</li>
 *   <li>the training app: {@code train}, {@code evaluate}, {@code predict}, {@code compare}, {@code search}
 *       ({@link TrainCommand}, {@link EvaluateCommand}, {@link PredictCommand}, {@link CompareCommand},
 *       {@link SearchCommand});</li>
 *   <li>benchmarks: {@code bench} ({@link BenchCommand}).</li>
 * </ul>
 *
 * <p>Exit status: 0 on success, 1 when a check fails (an example, a comparison, a gradient check) or the
 * program fails (training diverges, a step cannot be computed, a file cannot be read or written), 2 for a usage
 * error (an unknown option, value or subcommand, no subcommand, a value out of range) or malformed input (a spec,
 * trajectory or data file). An error is one line on standard error, {@code dlref <command>: <message>}, naming
 * the option, file, line or JSON path; never a stack trace. Enum values are case-insensitive. {@code --help} and
 * {@code --version} print to standard output and exit 0.
 */
@Command(name = "dlref", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        description = "dlref: a reference oracle for deep-learning basics (autograd, layers, losses, optimizers).",
        commandListHeading = "%nCommands:%n",
        footer = {"", "One example per command:",
            "  dlref examples                   the documents' worked examples, verdict last",
            "  dlref vectors --out DIR          write the oracle's golden vectors",
            "  dlref run examples/mlp_adam.spec.json    one spec's trajectory, step by step",
            "  dlref check SPEC.json THEIRS.json        compare another implementation",
            "  dlref diagnose SPEC.json THEIRS.json     which convention it follows",
            "  dlref conform --client \"python3 my_client.py\"   the suite, case by case",
            "  dlref gradcheck                  gradient checks of the ops, layers, losses",
            "  dlref train                      train on Iris (seconds) into runs/train/<n>",
            "  dlref evaluate --model runs/train/1      loss, accuracy, confusion matrix",
            "  dlref predict --model runs/train/1 --data FILE.csv     class per CSV row",
            "  dlref compare --optimizers sgd,adam      optimizers side by side",
            "  dlref search --trials 20         random search of hyper-parameters",
            "  dlref bench --list               the benchmark workloads",
            "",
            "More: dlref help COMMAND (or dlref COMMAND --help); README.md, docs/.",
            "Exit status: 0 success, 1 a check failed, 2 usage error."})
public final class Dlref implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Creates the top-level command (use {@link #commandLine(Supplier)} to get it with its subcommands). */
    public Dlref() {
    }

    /**
     * Without a subcommand: a usage error naming the commands.
     *
     * @return never
     * @throws ParameterException {@code missing command; one of examples, vectors, ...} (exit status 2)
     */
    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        throw new ParameterException(cl, "missing command; one of " + String.join(", ", cl.getSubcommands().keySet())
                + " ('dlref --help' describes them)");
    }

    /**
     * The command line with all subcommands, using the given catalog for {@code examples}; tests pass a
     * catalog of their own.
     *
     * @param catalog supplies the catalog when {@code examples} runs
     * @return the command line, ready for {@link CommandLine#execute(String...)}
     */
    public static CommandLine commandLine(Supplier<ExampleCatalog> catalog) {
        CommandLine cl = new CommandLine(new Dlref());
        cl.addSubcommand("examples", new ExamplesCommand(catalog));
        cl.addSubcommand(new VectorsCommand());
        cl.addSubcommand(new RunCommand());
        cl.addSubcommand(new CheckCommand());
        cl.addSubcommand(new DiagnoseCommand());
        cl.addSubcommand(new ConformCommand());
        cl.addSubcommand(new GradcheckCommand());
        // a CommandLine, not the bare command: picocli 4.7 applies a model transformer (train's OutNote, which
        // completes --out's help) when a CommandLine is built from the command, not when addSubcommand wraps it
        cl.addSubcommand("train", new CommandLine(new TrainCommand()));
        cl.addSubcommand("evaluate", new EvaluateCommand());
        cl.addSubcommand("predict", new PredictCommand());
        cl.addSubcommand("compare", new CompareCommand());
        cl.addSubcommand("search", new SearchCommand());
        cl.addSubcommand("bench", new BenchCommand());
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        // picocli's enum conversion for every option of every command, in any case ("ADAM" is adam); the options
        // whose constants have underscores also take the dashed spelling (DashedEnumNames)
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        CommandErrors errors = new CommandErrors();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        cl.setExecutionStrategy(CommandErrors::executeOrReport);
        return cl;
    }

    /**
     * Runs the command line with the standard catalog and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine(ExampleCatalog::standard).execute(args));
    }

    /**
     * Reads the version from the Maven descriptor that the jar plugin packs into the jar
     * ({@code META-INF/maven/io.github.dlref/dlref-cli/pom.properties}).
     */
    public static final class Version implements CommandLine.IVersionProvider {

        /** The classpath resource with the version. */
        static final String DESCRIPTOR = "/META-INF/maven/io.github.dlref/dlref-cli/pom.properties";

        /** Creates the provider (picocli instantiates it). */
        public Version() {
        }

        /**
         * The version lines.
         *
         * @return {@code dlref <version>} and the Java runtime
         * @throws IOException if the descriptor exists but cannot be read
         */
        @Override
        public String[] getVersion() throws IOException {
            String version = "(version unknown: not running from the packaged jar)";
            try (InputStream in = Dlref.class.getResourceAsStream(DESCRIPTOR)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    version = p.getProperty("version", version);
                }
            }
            return new String[] {"dlref " + version,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
