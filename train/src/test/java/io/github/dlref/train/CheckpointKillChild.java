package io.github.dlref.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The child process of {@link CheckpointKillTest}: trains {@link #config(int)} to {@code epochs} epochs,
 * resuming from the checkpoint directory if it holds a checkpoint, and saves a checkpoint after every epoch.
 * Around each save it prints {@code saving <epochs>} and {@code saved <epochs>}. The parent kills it with SIGKILL at random instants.
 */
final class CheckpointKillChild {

    private CheckpointKillChild() {
    }

    /**
     * The configuration the child trains (and the parent's uninterrupted reference run).
     *
     * @param epochs the number of epochs
     * @return the configuration
     */
    static TrainingConfig config(int epochs) {
        return Configs.everyState(epochs);
    }

    /**
     * Trains and checkpoints.
     *
     * @param args the checkpoint directory and the number of epochs
     * @throws IOException if a checkpoint cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        TrainingConfig config = config(epochs);
        PreparedData data = config.prepareData();
        Optional<Path> found = Checkpoint.locate(dir);
        TrainingRun run = found.isPresent() ? TrainingRun.resume(Checkpoint.load(found.get()), data, epochs)
                : TrainingRun.start(config, data);
        run.runToEnd(TrainingListener.NONE, () -> {
            try {
                System.out.println("saving " + run.epochsCompleted());
                System.out.flush();
                run.checkpoint().save(dir);
                System.out.println("saved " + run.epochsCompleted());
                System.out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
