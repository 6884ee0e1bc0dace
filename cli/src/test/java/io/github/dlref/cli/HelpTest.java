package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.cli.TrainCommandTest.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code dlref --help} and {@code dlref help COMMAND}. */
class HelpTest {

    @Test
    void theTopLevelHelpGivesOneExamplePerCommandAndWhereToReadNext() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        for (String line : lines) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        }
        for (String command : Dlref.commandLine(io.github.dlref.verify.examples.ExampleCatalog::standard)
                .getSubcommands().keySet()) {
            if (!command.equals("help")) {
                assertEquals(1, lines.stream().filter(l -> l.startsWith("  dlref " + command + " ")).count(),
                        "one example of " + command + " in:\n" + r.out());
            }
        }
        assertTrue(r.out().contains("dlref help COMMAND"), r.out());
        assertTrue(r.out().contains("README.md"), r.out());
    }

    @Test
    void helpCommandPrintsTheCommandsHelp() {
        CliRun help = CliRun.of("help", "train");
        assertEquals(0, help.exit(), help.err());
        assertEquals(CliRun.of("train", "--help").out(), help.out());
        assertTrue(help.out().startsWith("Usage: dlref train"), help.out());
        CliRun unknown = CliRun.of("help", "trian");
        assertEquals(2, unknown.exit());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
    }

    @Test
    void theNewCommandsHelpFitsEightyColumns() {
        for (String command : List.of("train", "evaluate", "predict", "examples")) {
            CliRun r = CliRun.of(command, "--help");
            assertEquals(0, r.exit(), r.err());
            for (String line : r.out().lines().toList()) {
                assertTrue(line.length() <= 80, command + ": " + line.length() + " columns: " + line);
            }
        }
    }
}
