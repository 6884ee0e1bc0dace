package com.example.consumer;

import io.github.dlref.math.Matrix;
import io.github.dlref.train.Activation;
import io.github.dlref.train.DataConfig;
import io.github.dlref.train.DataSource;
import io.github.dlref.train.Evaluation;
import io.github.dlref.train.InitScheme;
import io.github.dlref.train.ModelConfig;
import io.github.dlref.train.OptimizerConfig;
import io.github.dlref.train.OptimizerKind;
import io.github.dlref.train.PreparedData;
import io.github.dlref.train.Preset;
import io.github.dlref.train.SavedModel;
import io.github.dlref.train.ScheduleConfig;
import io.github.dlref.train.Seeds;
import io.github.dlref.train.TrainingConfig;
import io.github.dlref.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's "Use as a library" example, as a library user writes it: train an MLP on Iris with Adam,
 * evaluate it on the held-out test split, save it, load it back and predict one flower. The lines between the
 * README markers are exactly the README's snippet (a test in dlref's verify module compares them).
 */
public final class IrisExample {

    /** What the example computed. */
    public record Result(Evaluation test, SavedModel.Prediction prediction) {
    }

    private IrisExample() {
    }

    /**
     * Runs the example.
     *
     * @param dir where the model file is written
     * @return the test-set evaluation and the loaded model's prediction
     * @throws IOException if the model file cannot be written or read
     */
    public static Result run(Path dir) throws IOException {
        // README:start
        TrainingConfig config = new TrainingConfig(
                DataConfig.builtIn(DataSource.IRIS),                    // 150 flowers, 4 features, 3 species
                new ModelConfig(List.of(16), Activation.RELU, 0.0, false, InitScheme.PYTORCH),  // 4-16-3 MLP
                OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH).withLearningRate(0.01),
                ScheduleConfig.CONSTANT, 0.0, 0.0, 40, 16, Seeds.of(42));  // no L1/L2, 40 epochs, batch 16
        PreparedData data = config.prepareData();       // seeded 60/20/20 split, standardized on the training rows
        TrainingRun run = TrainingRun.start(config, data);
        run.runToEnd();                                  // per batch: zero grad, forward, loss, backward, Adam step
        Evaluation test = run.evaluate(data.test());     // loss, accuracy, confusion matrix
        System.out.printf("test accuracy %.4f%n", test.accuracy());

        Path file = dir.resolve("iris.model.json");
        SavedModel.save(run, file);                      // architecture, weights, standardization, class labels
        SavedModel model = SavedModel.load(file);        // no network code needed, in any process
        SavedModel.Prediction p = model.predict(Matrix.of(new double[][] {{5.1, 3.5, 1.4, 0.2}}));
        System.out.println(p.labels().get(0) + " " + p.probabilities());
        // README:end
        return new Result(test, p);
    }

    /**
     * Runs the example in the working directory.
     *
     * @param args ignored
     * @throws IOException if the model file cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        run(Path.of("."));
    }
}
