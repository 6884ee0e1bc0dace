package io.github.dlref.train;

import java.util.List;

/** Small configurations for fast tests. */
final class Configs {

    private Configs() {
    }

    static TrainingConfig iris(int epochs, OptimizerConfig optimizer) {
        return new TrainingConfig(DataConfig.builtIn(DataSource.IRIS),
                new ModelConfig(List.of(16), Activation.RELU, 0.0, false, InitScheme.PYTORCH), optimizer,
                ScheduleConfig.CONSTANT, 0.0, 0.0, epochs, 16, Seeds.of(7L));
    }

    /** A configuration that exercises every piece of run state: dropout, batch norm, momentum buffers, a schedule. */
    static TrainingConfig everyState(int epochs) {
        return new TrainingConfig(DataConfig.builtIn(DataSource.SPIRAL),
                new ModelConfig(List.of(12, 8), Activation.TANH, 0.25, true, InitScheme.XAVIER),
                new OptimizerConfig(OptimizerKind.ADAM, Preset.PYTORCH, 0.02, null, null, null, null, 1e-4),
                new ScheduleConfig(ScheduleKind.STEP, 0.5, 2, 0.0), 0.0, 1e-3, epochs, 32, Seeds.of(11L));
    }

    static PreparedData prepare(TrainingConfig config) throws java.io.IOException {
        return config.prepareData();
    }
}
