package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.cli.TrainCommandTest.CliRun;
import io.github.dlref.verify.examples.ExampleCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Enum options use picocli's case-insensitive conversion: {@code --optimizer ADAM} is adam; an unknown value is
 * one line on standard error naming the option and the valid values in lower case, with exit status 2; the help
 * of every enum option of every command lists every valid value in lower case.
 */
class EnumOptionsTest {

    private static final String OPTIMIZERS = "sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, nadam, radam, "
            + "adamax, adadelta, rprop, asgd";

    @TempDir
    Path tmp;

    @Test
    void upperCaseValuesWork() {
        Path out = tmp.resolve("upper");
        CliRun r = CliRun.of("train", "--optimizer", "ADAM", "--preset", "Keras", "--activation", "TANH", "--init",
                "Xavier", "--schedule", "STEP", "--dataset", "IRIS", "--hidden", "4", "--epochs", "1", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("optimizer: "), r.out());
        assertTrue(Files.isRegularFile(out.resolve("metrics.csv")));
    }

    @Test
    void dashedValuesWorkInAnyCase() {
        Path out = tmp.resolve("dashed");
        CliRun r = CliRun.of("train", "--activation", "Leaky-ReLU", "--schedule", "INVERSE-TIME", "--hidden", "4",
                "--epochs", "1", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        // parsed as fashion-mnist: the error is about its directory, not about the name
        CliRun fm = CliRun.of("train", "--dataset", "Fashion-MNIST", "--data", tmp.resolve("nowhere").toString(),
                "--out", out.toString());
        assertEquals(2, fm.exit(), fm.err());
        assertTrue(fm.err().contains("Fashion-MNIST directory"), fm.err());
    }

    @Test
    void anUnknownValueIsOneLineNamingTheOptionAndTheValidValues() {
        Path out = tmp.resolve("never");
        CliRun r = CliRun.of("train", "--optimizer", "adamx", "--out", out.toString());
        assertEquals(2, r.exit());
        assertEquals(List.of("dlref train: Invalid value for option '--optimizer': unknown optimizer 'adamx'; "
                + "expected one of " + OPTIMIZERS), r.err().lines().toList());
        assertEquals("", r.out());
        CliRun list = CliRun.of("compare", "--optimizers", "sgd,ADAMX", "--out", out.toString());
        assertEquals(2, list.exit());
        assertEquals(List.of("dlref compare: Invalid value for option '--optimizers': unknown optimizer 'ADAMX'; "
                + "expected one of " + OPTIMIZERS), list.err().lines().toList());
        CliRun dataset = CliRun.of("search", "--dataset", "fashion-mnst", "--out", out.toString());
        assertEquals(List.of("dlref search: Invalid value for option '--dataset': unknown dataset 'fashion-mnst'; "
                + "expected one of iris, spiral, fashion-mnist, csv"), dataset.err().lines().toList());
        CliRun format = CliRun.of("examples", "--format", "xml");
        assertEquals(List.of("dlref examples: Invalid value for option '--format': unknown format 'xml'; expected one "
                + "of table, json"), format.err().lines().toList());
        assertTrue(Files.notExists(out));
    }

    @Test
    void theHelpOfEveryEnumOptionListsEveryValueInLowerCase() {
        CommandLine dlref = Dlref.commandLine(ExampleCatalog::standard);
        List<String> checked = new ArrayList<>();
        for (CommandLine sub : dlref.getSubcommands().values()) {
            for (OptionSpec option : sub.getCommandSpec().options()) {
                Class<?> type = CommandErrors.elementType(option);
                if (type == null || !type.isEnum()) {
                    continue;
                }
                String description = String.join(" ", option.description());
                for (Object constant : type.getEnumConstants()) {
                    String name = ((Enum<?>) constant).name();
                    String lower = name.toLowerCase(Locale.ROOT).replace('_', '-');
                    assertTrue(Pattern.compile("\\b" + Pattern.quote(lower) + "\\b").matcher(description).find(),
                            sub.getCommandName() + " " + option.longestName() + " lists " + lower + ": "
                                    + description);
                    assertFalse(description.contains(name) && !name.equals(lower), sub.getCommandName() + " "
                            + option.longestName() + " lists " + name + " in upper case: " + description);
                }
                checked.add(sub.getCommandName() + " " + option.longestName());
            }
        }
        // the enum options of the commands (picocli's own --help and --version are booleans)
        assertEquals(List.of("examples --format", "check --format", "diagnose --format", "train --dataset",
                "train --activation", "train --init", "train --optimizer", "train --preset", "train --schedule",
                "train --cyclic-mode", "train --anneal", "train --threshold-mode", "train --plateau-mode",
                "train --clip-form", "evaluate --format", "predict --format", "compare --dataset", "compare --activation", "compare --init", "compare --optimizers",
                "compare --preset", "compare --schedules", "search --dataset", "search --activation",
                "search --init", "search --optimizer", "search --preset", "search --schedule", "search --cyclic-mode",
                "search --anneal", "search --threshold-mode", "search --plateau-mode", "search --clip-form",
                "bench --products",
                "bench --format"), checked);
    }
}
