package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.cli.TrainCommandTest.CliRun;
import io.github.dlref.optim.NAdam;
import io.github.dlref.optim.Rprop;
import io.github.dlref.optim.WeightDecay;
import io.github.dlref.optim.schedule.CyclicSchedule;
import io.github.dlref.optim.schedule.OneCycle;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau;
import io.github.dlref.train.Checkpoint;
import io.github.dlref.train.ClippingConfig;
import io.github.dlref.train.OptimizerConfig;
import io.github.dlref.train.OptimizerKind;
import io.github.dlref.train.ScheduleConfig;
import io.github.dlref.train.ScheduleKind;
import io.github.dlref.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's options of {@code dlref train} (and {@code search}, which shares them): the optimizers NAdam, RAdam,
 * Adamax, Adadelta, Rprop and ASGD with their settings, the new schedules, gradient clipping; what lands in the
 * run's configuration, resuming such a run, and the one-line refusals (exit status 2).
 */
class NewTrainOptionsTest {

    @TempDir
    Path tmp;

    private static void refused(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(List.of("dlref train: " + expected), r.err().lines().toList());
    }

    private TrainingConfig trained(String name, String... options) throws IOException {
        Path out = tmp.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("train", "--hidden", "8", "--epochs", "3",
                "--no-progress", "--out", out.toString()));
        args.addAll(List.of(options));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return Checkpoint.load(out.resolve("checkpoint")).config();
    }

    @Test
    void theOptionsReachTheConfiguration() throws IOException {
        TrainingConfig nadam = trained("nadam", "--optimizer", "nadam", "--preset", "keras", "--beta1", "0.8",
                "--momentum-decay", "0.5", "--clip-norm", "1.5", "--clip-form", "keras-global");
        assertEquals(new NAdam.Hyperparameters(0.001, 0.8, 0.999, 1e-7, 0.5, 0.0, NAdam.Form.KERAS,
                WeightDecay.none()), nadam.optimizer().hyperparameters());
        assertEquals(new ClippingConfig(ClippingConfig.Form.KERAS_GLOBAL_NORM, 1.5), nadam.clipping());
        TrainingConfig rprop = trained("rprop", "--optimizer", "rprop", "--etas", "0.4,1.3", "--step-sizes",
                "1e-5,2", "--clip-value", "0.25", "--schedule", "cyclic", "--step-size", "2", "--step-size-down", "1",
                "--cyclic-mode", "exp-range", "--gamma", "0.9", "--min-lr", "0.001");
        assertEquals(new Rprop.Hyperparameters(0.01, 0.4, 1.3, 1e-5, 2.0, WeightDecay.none()),
                rprop.optimizer().hyperparameters());
        assertEquals(new ClippingConfig(ClippingConfig.Form.VALUE, 0.25), rprop.clipping());
        assertEquals(new ScheduleConfig(ScheduleKind.CYCLIC, 0.9, 2, 0.001, 1.0, CyclicSchedule.Mode.EXP_RANGE, null,
                null, null, null, null, null, null, null, null, null, null, null), rprop.schedule());
        TrainingConfig asgd = trained("asgd", "--optimizer", "asgd", "--lambd", "0.01", "--alpha", "0.5", "--t0",
                "4", "--clip-norm", "2", "--schedule", "one-cycle", "--pct-start", "0.4", "--div-factor", "5",
                "--final-div-factor", "50", "--anneal", "linear", "--three-phase");
        assertEquals(new OptimizerConfig(OptimizerKind.ASGD, io.github.dlref.train.Preset.PYTORCH, null, null, null,
                null, null, null, null, null, null, null, null, null, 0.01, 0.5, 4.0), asgd.optimizer());
        assertEquals(new ClippingConfig(ClippingConfig.Form.PYTORCH_NORM, 2.0), asgd.clipping());
        assertEquals(new ScheduleConfig(ScheduleKind.ONE_CYCLE, null, 10, 0.0, null, null, null, 0.4, 5.0, 50.0,
                OneCycle.Anneal.LINEAR, true, null, null, null, null, null, null), asgd.schedule());
        TrainingConfig adadelta = trained("adadelta", "--optimizer", "adadelta", "--rho", "0.8", "--eps", "1e-5",
                "--schedule", "reduce-on-plateau", "--patience", "0", "--factor", "0.5", "--threshold", "0.01",
                "--threshold-mode", "absolute", "--plateau-mode", "min", "--cooldown", "1", "--min-lr", "0.01");
        assertEquals(ScheduleConfig.reduceOnPlateau(0.5, 0, 0.01, ReduceLearningRateOnPlateau.ThresholdMode.ABSOLUTE,
                ReduceLearningRateOnPlateau.Mode.MIN, 1, 0.01), adadelta.schedule());
        assertEquals(0.8, adadelta.optimizer().rho());
        assertEquals(1e-5, adadelta.optimizer().epsilon());
        assertEquals(null, trained("plain", "--optimizer", "radam").clipping());
        TrainingConfig restarts = trained("restarts", "--optimizer", "adamax", "--schedule", "cosine-warm-restarts",
                "--step-size", "2", "--period-multiplier", "3");
        assertEquals(3, restarts.schedule().periodMultiplier());
        assertEquals(new ScheduleConfig(ScheduleKind.INVERSE_TIME_STAIRCASE, 0.5, 2, 0.0), trained("staircase",
                "--schedule", "inverse-time-staircase", "--gamma", "0.5", "--step-size", "2").schedule());
    }

    @Test
    void aPlateauRunWithClippingResumesToTheSameModel() throws IOException {
        String[] options = {"--optimizer", "nadam", "--lr", "0.02", "--schedule", "reduce-on-plateau", "--patience",
            "0", "--threshold", "0.2", "--clip-norm", "0.5", "--hidden", "8", "--no-progress"};
        Path whole = tmp.resolve("whole");
        List<String> all = new java.util.ArrayList<>(List.of("train", "--epochs", "4", "--out", whole.toString()));
        all.addAll(List.of(options));
        assertEquals(0, CliRun.of(all.toArray(String[]::new)).exit());
        Path part = tmp.resolve("part");
        List<String> first = new java.util.ArrayList<>(List.of("train", "--epochs", "2", "--out", part.toString()));
        first.addAll(List.of(options));
        assertEquals(0, CliRun.of(first.toArray(String[]::new)).exit());
        CliRun resumed = CliRun.of("train", "--resume", part.toString(), "--epochs", "4", "--no-progress");
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("resuming after epoch 2 of 4"), resumed.out());
        assertTrue(resumed.out().contains("clip-norm 0.5 (pytorch-norm)"), resumed.out());
        Checkpoint a = Checkpoint.load(whole.resolve("checkpoint"));
        Checkpoint b = Checkpoint.load(part.resolve("checkpoint"));
        assertEquals(a.model(), b.model());
        assertEquals(a.plateau(), b.plateau());
        assertEquals(a.optimizer().learningRate(), b.optimizer().learningRate());
        assertNotEquals(0.02, a.optimizer().learningRate(), "the plateau reduced the rate");
    }

    @Test
    void searchRunsTheNewSettingsAndSaysWhyTheBestIsNoSpec() {
        Path out = tmp.resolve("search");
        CliRun r = CliRun.of("search", "--dataset", "iris", "--hidden", "8", "--trials", "2", "--epochs", "2",
                "--optimizer", "nadam", "--clip-norm", "1", "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("best configuration not written as a spec: the spec conversion has no gradient "
                + "clipping (clip-norm 1.0 (pytorch-norm)); a run with clipping cannot be written as a spec; "
                + "search.json holds it"), r.out());
        CliRun rprop = CliRun.of("search", "--dataset", "iris", "--optimizer", "rprop", "--trials", "1", "--out",
                tmp.resolve("search-rprop").toString());
        assertEquals(2, rprop.exit());
        assertEquals(List.of("dlref search: search: rprop has no weight decay (as PyTorch's Rprop); give "
                + "--weight-decay-range 0,0"), rprop.err().lines().toList());
        Path plain = tmp.resolve("search-spec");
        CliRun spec = CliRun.of("search", "--dataset", "iris", "--hidden", "8", "--trials", "2", "--epochs", "2",
                "--optimizer", "adadelta", "--schedule", "cosine-warm-restarts", "--step-size", "1", "--no-progress",
                "--out", plain.toString());
        assertEquals(0, spec.exit(), spec.err());
        Path best = plain.resolve(SearchCommand.SPEC_FILE);
        assertTrue(java.nio.file.Files.exists(best), spec.out());
        CliRun again = CliRun.of("train", "--spec", best.toString(), "--no-progress", "--out",
                tmp.resolve("again").toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("adadelta(pytorch)") && again.out().contains("cosine_warm_restarts(T_0 1"),
                again.out());
    }

    /** The spec conversion writes the new optimizers and schedules and reads them back to the same arithmetic. */
    @Test
    void theNewOptimizersAndSchedulesSurviveTheSpecRoundTrip() throws IOException {
        TrainingConfig base = new TrainingConfig(io.github.dlref.train.DataConfig.builtIn(
                io.github.dlref.train.DataSource.IRIS), new io.github.dlref.train.ModelConfig(List.of(8),
                io.github.dlref.train.Activation.RELU, 0.0, false, io.github.dlref.train.InitScheme.PYTORCH),
                OptimizerConfig.of(OptimizerKind.ADAM, io.github.dlref.train.Preset.PYTORCH), ScheduleConfig.CONSTANT,
                0.0, 0.0, 6, 16, io.github.dlref.train.Seeds.of(3L));
        io.github.dlref.train.PreparedData data = base.prepareData();
        io.github.dlref.train.Preset pytorch = io.github.dlref.train.Preset.PYTORCH;
        io.github.dlref.train.Preset keras = io.github.dlref.train.Preset.KERAS;
        io.github.dlref.train.Preset optax = io.github.dlref.train.Preset.OPTAX;
        List<OptimizerConfig> optimizers = List.of(OptimizerConfig.of(OptimizerKind.NADAM, pytorch),
                OptimizerConfig.of(OptimizerKind.NADAM, keras).withWeightDecay(0.01),
                OptimizerConfig.of(OptimizerKind.NADAM, optax).withLearningRate(0.01),
                OptimizerConfig.of(OptimizerKind.RADAM, optax), OptimizerConfig.of(OptimizerKind.RADAM, pytorch),
                OptimizerConfig.of(OptimizerKind.ADAMAX, pytorch), OptimizerConfig.of(OptimizerKind.ADADELTA, keras),
                new OptimizerConfig(OptimizerKind.RPROP, pytorch, 0.02, null, null, null, null, null, null, null, 0.3,
                        1.4, 1e-4, 5.0, null, null, null),
                new OptimizerConfig(OptimizerKind.ASGD, pytorch, null, null, null, null, null, 0.1, null, null, null,
                        null, null, null, 0.01, 0.6, 7.0));
        for (OptimizerConfig o : optimizers) {
            TrainingConfig c = base.withOptimizer(o);
            TrainingConfig back = io.github.dlref.verify.oracle.SpecConversion.fromSpec(
                    io.github.dlref.verify.oracle.SpecConversion.toSpec(c, data), null, null, null, null);
            assertEquals(o.hyperparameters(), back.optimizer().hyperparameters(), o.describe());
        }
        List<ScheduleConfig> schedules = List.of(new ScheduleConfig(ScheduleKind.INVERSE_TIME_STAIRCASE, 0.5, 2, 0.0),
                new ScheduleConfig(ScheduleKind.ONE_CYCLE, null, 10, 0.0, null, null, null, 0.5, 5.0, 50.0,
                        OneCycle.Anneal.LINEAR, true, null, null, null, null, null, null),
                new ScheduleConfig(ScheduleKind.COSINE_WARM_RESTARTS, null, 2, 0.001, null, null, 2, null, null, null,
                        null, null, null, null, null, null, null, null),
                new ScheduleConfig(ScheduleKind.CYCLIC, 0.9, 2, 0.001, 1.0, CyclicSchedule.Mode.EXP_RANGE, null, null,
                        null, null, null, null, null, null, null, null, null, null),
                ScheduleConfig.of(ScheduleKind.CYCLIC));
        for (ScheduleConfig sc : schedules) {
            TrainingConfig c = base.withSchedule(sc);
            TrainingConfig back = io.github.dlref.verify.oracle.SpecConversion.fromSpec(
                    io.github.dlref.verify.oracle.SpecConversion.toSpec(c, data), null, null, null, null);
            assertEquals(6, back.epochs());
            for (int e = 0; e <= 6; e++) {
                assertEquals(sc.create(0.001, 6).learningRate(e), back.schedule().create(0.001, 6).learningRate(e),
                        sc.describe() + " epoch " + e);
            }
        }
        IllegalArgumentException plateau = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> io.github.dlref.verify.oracle.SpecConversion.toSpec(
                        base.withSchedule(ScheduleConfig.of(ScheduleKind.REDUCE_ON_PLATEAU)), data));
        assertTrue(plateau.getMessage().startsWith("spec: the spec conversion has no reduce_on_plateau schedule"),
                plateau.getMessage());
    }

    @Test
    void badValuesAreOneLineWithExitStatusTwo() {
        refused("Invalid value for option '--optimizer': " + OptimizerConfig.LBFGS_REFUSAL, "train", "--optimizer",
                "lbfgs");
        refused("Invalid value for option '--optimizer': " + OptimizerConfig.LBFGS_REFUSAL, "train", "--optimizer",
                "L-BFGS");
        CliRun compare = CliRun.of("compare", "--optimizers", "adam,lbfgs");
        assertEquals(2, compare.exit());
        assertEquals(List.of("dlref compare: Invalid value for option '--optimizers': "
                + OptimizerConfig.LBFGS_REFUSAL), compare.err().lines().toList());
        refused("optimizer: radam has no preset keras: Keras 3 has no RAdam; use pytorch or optax", "train",
                "--optimizer", "radam", "--preset", "keras");
        refused("optimizer: rho applies to adadelta only, not adam", "train", "--rho", "0.5");
        refused("optimizer: weight decay does not apply to rprop (PyTorch's Rprop has no weight_decay)", "train",
                "--optimizer", "rprop", "--weight-decay", "0.1");
        refused("--etas takes two values separated by a comma, got 3", "train", "--optimizer", "rprop", "--etas",
                "0.5,1.2,2");
        refused("--step-sizes takes two values separated by a comma, got 1", "train", "--optimizer", "rprop",
                "--step-sizes", "1");
        refused("schedule: patience applies to reduce_on_plateau only, not constant", "train", "--patience", "3");
        refused("schedule: pct start applies to one_cycle only, not cosine", "train", "--schedule", "cosine",
                "--pct-start", "0.2");
        refused("schedule: factor must be in [0, 1), got 1.5", "train", "--schedule", "reduce-on-plateau", "--factor",
                "1.5");
        refused("--clip-norm and --clip-value cannot be combined; give one", "train", "--clip-norm", "1",
                "--clip-value", "1");
        refused("--clip-form applies to --clip-norm only", "train", "--clip-form", "optax");
        refused("clipping: clip norm (optax-global-norm) must be finite and > 0, got 0.0", "train", "--clip-norm",
                "0", "--clip-form", "optax");
        refused("clipping: clip value (value) must be finite and >= 0, got -1.0", "train", "--clip-value", "-1");
        refused("Invalid value for option '--clip-form': unknown clip-form 'torch'; expected one of pytorch, keras, "
                + "keras-global, optax", "train", "--clip-norm", "1", "--clip-form", "torch");
        refused("schedule: one_cycle over 2 epochs: OneCycle: phase 1 of 2 ends at step -0.4, not after its start 0.0 "
                + "(pctStart 0.3, totalSteps 2); every phase needs a positive length", "train", "--schedule",
                "one-cycle", "--epochs", "2", "--out", "/nonexistent-dlref-h2/never");
    }

    /**
     * A step the optimizer refuses (Adadelta with rho 1 and eps 0 divides 0 by 0 at the first step) is a failed
     * computation like a diverged run: one line naming the step, exit status 1, not an internal error.
     */
    @Test
    void aRefusedOptimizerStepIsOneLineNotAnInternalError() {
        CliRun r = CliRun.of("train", "--optimizer", "adadelta", "--rho", "1", "--eps", "0", "--epochs", "1",
                "--no-progress", "--out", tmp.resolve("refused").toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("dlref train: step 1: Adadelta: parameter '0.weight' element "),
                lines.get(0));
    }

    /** --min-lr and --step-size have defaults, so a schedule that does not read them must refuse them by name. */
    @Test
    void minLrAndStepSizeForAScheduleThatDoesNotReadThemAreRefused() {
        refused("schedule: --min-lr applies to cosine, cosine-warm-restarts, cyclic and reduce-on-plateau, not "
                + "one-cycle", "train", "--schedule", "one-cycle", "--min-lr", "0.5", "--out",
                tmp.resolve("never").toString());
        refused("schedule: --min-lr applies to cosine, cosine-warm-restarts, cyclic and reduce-on-plateau, not "
                + "inverse-time-staircase", "train", "--schedule", "inverse-time-staircase", "--min-lr", "0.5",
                "--out", tmp.resolve("never").toString());
        refused("schedule: --step-size applies to step, inverse-time-staircase, cosine-warm-restarts and cyclic, not "
                + "one-cycle", "train", "--schedule", "one-cycle", "--step-size", "3", "--out",
                tmp.resolve("never").toString());
        refused("schedule: --step-size applies to step, inverse-time-staircase, cosine-warm-restarts and cyclic, not "
                + "reduce-on-plateau", "train", "--schedule", "reduce-on-plateau", "--step-size", "3", "--out",
                tmp.resolve("never").toString());
    }
}
