package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.cli.TrainCommandTest.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunDirectoriesTest {

    @TempDir
    Path tmp;

    @Test
    void defaultDirectoriesAreNumberedPerCommandAndNeverReused() throws IOException {
        CommandLine train = new CommandLine(new TrainCommand());
        assertEquals(tmp.resolve("train/1"), RunDirectories.prepare(train, null, false, tmp));
        assertEquals(tmp.resolve("train/2"), RunDirectories.prepare(train, null, false, tmp));
        // other names are ignored; the next number follows the largest one, even after a gap
        Files.createDirectories(tmp.resolve("train/notes"));
        Files.createDirectories(tmp.resolve("train/7"));
        assertEquals(tmp.resolve("train/8"), RunDirectories.prepare(train, null, false, tmp));
        assertEquals(tmp.resolve("search/1"),
                RunDirectories.prepare(new CommandLine(new SearchCommand()), null, false, tmp));
        assertTrue(Files.isDirectory(tmp.resolve("train/8")));
    }

    @Test
    void anExistingNonEmptyOutIsRefusedUnlessForced() throws IOException {
        CommandLine train = new CommandLine(new TrainCommand());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(empty, RunDirectories.prepare(train, empty, false, tmp));
        Path fresh = tmp.resolve("a/b");
        assertEquals(fresh, RunDirectories.prepare(train, fresh, false, tmp));
        assertTrue(Files.isDirectory(fresh));
        Path used = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(used.resolve("metrics.csv"), "x");
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> RunDirectories.prepare(train, used, false, tmp));
        assertEquals("--out " + used + ": exists and is not empty; give --force to write into it, or another --out",
                e.getMessage());
        assertEquals(used, RunDirectories.prepare(train, used, true, tmp));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        e = assertThrows(CommandLine.ParameterException.class, () -> RunDirectories.prepare(train, file, true, tmp));
        assertEquals("--out " + file + ": is a file; expected a directory", e.getMessage());
    }

    @Test
    void everyWritingCommandRefusesAUsedOutWithOneLineAndExitTwo() throws IOException {
        Path used = Files.createDirectories(tmp.resolve("used"));
        Path marker = Files.writeString(used.resolve("keep.txt"), "mine");
        List<List<String>> commands = List.of(List.of("train", "--epochs", "1"),
                List.of("compare", "--epochs", "1", "--optimizers", "sgd"),
                List.of("search", "--epochs", "1", "--trials", "1"));
        for (List<String> args : commands) {
            List<String> all = new ArrayList<>(args);
            all.add("--out");
            all.add(used.toString());
            CliRun r = CliRun.of(all.toArray(new String[0]));
            assertEquals(2, r.exit(), args + ": " + r.out() + r.err());
            assertEquals(List.of("dlref " + args.get(0) + ": --out " + used + ": exists and is not empty; give "
                    + "--force to write into it, or another --out"), r.err().lines().toList());
            assertEquals("mine", Files.readString(marker));
        }
        CliRun forced = CliRun.of("train", "--epochs", "1", "--hidden", "4", "--out", used.toString(), "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(Files.isRegularFile(used.resolve("model.json")));
        assertEquals("mine", Files.readString(marker));
    }
}
