package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import java.io.File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints survive {@code kill -9} at any instant (issue 17): a child JVM trains and saves a checkpoint after
 * every epoch ({@link CheckpointKillChild}); the test kills it with SIGKILL after a random, seeded delay, loads
 * what the directory holds and checks it is exactly the reference run's checkpoint after that many epochs (never
 * a half-written one), then starts the child again, which resumes. After the kills one child runs to the end, and
 * its final weights, optimizer state and history equal the uninterrupted run's bit for bit. Each child is killed
 * only after it reported a completed save, so from then on a complete checkpoint must always be found.
 */
class CheckpointKillTest {

    static final int EPOCHS = 60;

    @TempDir
    Path tmp;

    @Test
    void fourKillsThenResumeGiveTheUninterruptedRun() throws Exception {
        killAndResume(4, 20240601L);
    }

    @Tag("slow")
    @Test
    void fortyKillsThenResumeGiveTheUninterruptedRun() throws Exception {
        killAndResume(40, 7L);
    }

    private void killAndResume(int kills, long seed) throws Exception {
        TrainingConfig config = CheckpointKillChild.config(EPOCHS);
        PreparedData data = config.prepareData();
        TrainingRun reference = TrainingRun.start(config, data);
        List<Checkpoint> perEpoch = new ArrayList<>();
        perEpoch.add(reference.checkpoint());
        reference.runToEnd(TrainingListener.NONE, () -> perEpoch.add(reference.checkpoint()));

        Path dir = tmp.resolve("checkpoint");
        Random random = new Random(seed);
        int lastEpochs = 0;
        boolean everSaved = false;
        for (int k = 0; k < kills; k++) {
            Process child = start(dir);
            // read the child's reports up to the start of its m-th save in this life, then kill it a random
            // 0 to 8 ms later: within the save (each file is forced to the device) or just after it
            int m = 1 + random.nextInt(3);
            long delayNanos = (long) (random.nextDouble() * 8e6);
            try (java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                int saving = 0;
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    everSaved |= line.startsWith("saved ");
                    if (line.startsWith("saving ") && ++saving == m) {
                        break;
                    }
                }
                long until = System.nanoTime() + delayNanos;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                child.destroyForcibly();
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed child ended");
            Checkpoint loaded;
            try {
                loaded = Checkpoint.load(dir);
            } catch (NoSuchFileException e) {
                assertTrue(!everSaved, "a checkpoint was complete before, so one must still be: " + e);
                continue;
            }
            int epochs = loaded.epochsCompleted();
            assertTrue(epochs >= lastEpochs, "checkpoints only move forward: " + lastEpochs + " then " + epochs);
            assertSame(perEpoch.get(epochs), loaded);
            lastEpochs = epochs;
        }
        Process last = start(dir);
        last.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the last child ran to the end");
        assertEquals(0, last.exitValue(), "the last child's exit status");
        Checkpoint end = Checkpoint.load(dir);
        assertEquals(EPOCHS, end.epochsCompleted());
        assertSame(perEpoch.get(EPOCHS), end);
        assertTrue(everSaved, "some child saved a checkpoint before it was killed");
    }

    /** Everything but the wall-clock seconds must be identical, bit for bit. */
    private static void assertSame(Checkpoint expected, Checkpoint actual) {
        assertEquals(expected.epochsCompleted(), actual.epochsCompleted());
        assertEquals(expected.model().keySet(), actual.model().keySet());
        for (Map.Entry<String, Matrix> e : expected.model().entrySet()) {
            assertEquals(e.getValue(), actual.model().get(e.getKey()), e.getKey());
        }
        assertEquals(expected.optimizer().parameters(), actual.optimizer().parameters());
        assertEquals(Double.doubleToRawLongBits(expected.optimizer().learningRate()),
                Double.doubleToRawLongBits(actual.optimizer().learningRate()));
        assertEquals(expected.loader(), actual.loader());
        assertEquals(expected.dropout(), actual.dropout());
        assertEquals(expected.history().size(), actual.history().size());
        for (int i = 0; i < expected.history().size(); i++) {
            EpochMetrics a = expected.history().get(i);
            EpochMetrics b = actual.history().get(i);
            double[] x = {a.epoch(), a.trainLoss(), a.trainAccuracy(), a.validationLoss(), a.validationAccuracy(),
                a.learningRate()};
            double[] y = {b.epoch(), b.trainLoss(), b.trainAccuracy(), b.validationLoss(), b.validationAccuracy(),
                b.learningRate()};
            for (int j = 0; j < x.length; j++) {
                assertEquals(Double.doubleToRawLongBits(x[j]), Double.doubleToRawLongBits(y[j]),
                        "history row " + (i + 1) + ", column " + j);
            }
        }
    }

    private static Process start(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CheckpointKillChild.class.getName(), dir.toString(), Integer.toString(EPOCHS));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(new File(dir.getParent().toFile(), "child-stderr.txt")));
        return pb.start();
    }
}
