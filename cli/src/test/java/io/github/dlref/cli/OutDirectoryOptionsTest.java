package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.cli.TrainCommandTest.CliRun;
import org.junit.jupiter.api.Test;

/**
 * The shared {@code --out DIR} / {@code --force} mixin keeps each command's help text: the sentences below are
 * those the three commands declared each for itself before the mixin (train, compare and search).
 */
class OutDirectoryOptionsTest {

    private static final String OUT = "Output directory, refused if it exists and is not empty (unless --force) "
            + "(default: the next free runs/";

    private static final String FORCE = "--force Write into an existing non-empty --out directory.";

    @Test
    void everyCommandNamesItsOwnDefaultDirectory() {
        for (String command : new String[] {"compare", "search"}) {
            String help = help(command);
            assertTrue(help.contains("--out=DIR " + OUT + command + "/<n>). --force"), help);
            assertTrue(help.contains(FORCE), help);
        }
    }

    @Test
    void trainAddsWhatResumeDoesAndListsResumeBetweenOutAndForce() {
        String help = help("train");
        assertTrue(help.contains("--out=DIR " + OUT + "train/<n>; with --resume: the checkpoint's parent). "
                + "--resume=DIR Continue from a checkpoint directory"), help);
        assertTrue(help.contains(FORCE), help);
        assertTrue(help.indexOf("--resume=DIR Continue") < help.indexOf(FORCE), help);
        assertEquals(help, help("help", "train"));
    }

    /** A command's help with its line breaks and indentation folded to single spaces. */
    private static String help(String... args) {
        CliRun r = CliRun.of(args.length == 1 ? new String[] {args[0], "--help"} : args);
        assertEquals(0, r.exit(), r.err());
        return r.out().replaceAll("\\s+", " ");
    }
}
