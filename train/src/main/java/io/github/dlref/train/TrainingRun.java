package io.github.dlref.train;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.data.Batch;
import io.github.dlref.data.DataLoader;
import io.github.dlref.data.Dataset;
import io.github.dlref.data.OneHot;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.losses.CrossEntropyLoss;
import io.github.dlref.nn.regularization.L1Penalty;
import io.github.dlref.nn.regularization.L2Penalty;
import io.github.dlref.nn.regularization.Penalty;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.OptimizerState;
import io.github.dlref.optim.schedule.LearningRateScheduler;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One training run of a classifier: the training procedure of the dl-optimization document (the PyTorch loop)
 * over the mini-batches of a seeded data loader, epoch after epoch.
 *
 * <p>Each mini-batch is one step of the project's one loop, {@link Trainer}: zero the gradients; forward
 * ({@code logits = model(x)}, training mode); loss (mean softmax cross-entropy, PyTorch's {@code CrossEntropyLoss},
 * plus the L1/L2 penalties of the configuration); a non-finite loss stops the run before {@code backward()} with a
 * {@link TrainingDivergedException}; backward; gradient clipping if the configuration has one
 * ({@link ClippingConfig}); optimizer step. After the last batch of an epoch the learning-rate scheduler advances
 * ({@link Trainer.ScheduleInterval#EPOCH}: the rate of epoch {@code e} is {@code schedule(e)}) and the model is
 * scored on the validation set in evaluation mode.
 *
 * <p>With {@link ScheduleKind#REDUCE_ON_PLATEAU} there is no closed-form schedule: after the epoch is scored, a
 * {@link ReduceLearningRateOnPlateau} is stepped with the monitored loss, as in PyTorch's usual loop
 * ({@code scheduler.step(val_loss)} after validation): the epoch's validation loss when the validation set is not
 * empty, else the epoch's mean training loss (the loss column of the metrics). A reduced rate holds from the next
 * epoch on.
 *
 * <p>Everything random comes from generators seeded by {@link Seeds}: the initial weights, the split, the
 * loader's permutations and the dropout masks. A run is a pure function of its {@link TrainingConfig}; a run
 * restored from a {@link Checkpoint} continues exactly as the uninterrupted run would have, bit for bit,
 * because the checkpoint holds every piece of state the loop reads: parameters and buffers, the optimizer's
 * steps, buffers and learning rate, the loader's generator, the dropout generators and the epoch count.
 */
public final class TrainingRun {

    /** Evaluation processes this many samples per forward pass (to bound memory on large sets). */
    public static final int EVALUATION_CHUNK = Evaluator.CHUNK;

    private final TrainingConfig config;
    private final PreparedData data;
    private final Network network;
    private final Optimizer optimizer;
    private final Trainer trainer;
    private final DataLoader loader;
    private final List<EpochMetrics> history;
    private final ReduceLearningRateOnPlateau plateau;
    private int epochsCompleted;

    private TrainingRun(TrainingConfig config, PreparedData data, Checkpoint from) {
        this.config = Objects.requireNonNull(config, "TrainingRun: config must not be null");
        this.data = Objects.requireNonNull(data, "TrainingRun: data must not be null");
        Seeds seeds = config.seeds();
        this.network = config.model().build(data.numFeatures(), data.numClasses(), seeds);
        ParameterBinding binding = new ParameterBinding(network.model());
        this.optimizer = binding.bind(config.optimizer()::create);
        List<Penalty> penalties = new ArrayList<>();
        if (config.l1() > 0) {
            penalties.add(new L1Penalty(config.l1()));
        }
        if (config.l2() > 0) {
            penalties.add(new L2Penalty(config.l2()));
        }
        DataLoader.Options options = loaderOptions(config, seeds);
        if (from == null) {
            this.loader = new DataLoader(data.train(), options);
            this.history = new ArrayList<>();
            this.epochsCompleted = 0;
        } else {
            if (from.data().isPresent()) {
                Optional<String> diff = from.data().get().difference(Checkpoint.DataFit.of(data));
                if (diff.isPresent()) {
                    throw new IllegalArgumentException("checkpoint: the data differ from the checkpoint's: "
                            + diff.get() + " (the data changed since the checkpoint was written)");
                }
            }
            network.model().loadStateDict(from.model());
            if (from.dropout().size() != network.dropoutRngs().size()) {
                throw new IllegalArgumentException("checkpoint: it has " + from.dropout().size()
                        + " dropout generators, the model has " + network.dropoutRngs().size());
            }
            for (int i = 0; i < from.dropout().size(); i++) {
                network.dropoutRngs().get(i).restore(from.dropout().get(i));
            }
            Checkpoint.SavedOptimizer saved = from.optimizer();
            optimizer.loadState(new OptimizerState(saved.name(), optimizer.hyperparameters(), saved.learningRate(),
                    saved.parameters()));
            this.loader = DataLoader.resume(data.train(), options, from.loader());
            this.history = new ArrayList<>(from.history());
            this.epochsCompleted = from.epochsCompleted();
        }
        LearningRateScheduler scheduler;
        if (config.schedule().kind() == ScheduleKind.REDUCE_ON_PLATEAU) {
            // the rate is the optimizer's own (the checkpoint's on a resume); the plateau scheduler lowers it
            scheduler = null;
            this.plateau = new ReduceLearningRateOnPlateau(List.of(optimizer), config.schedule().plateauSettings());
            if (from != null) {
                plateau.restore(from.plateau().orElseThrow(() -> new IllegalArgumentException(
                        "checkpoint: the reduce_on_plateau schedule's state is missing")));
            }
        } else {
            this.plateau = null;
            scheduler = new LearningRateScheduler(optimizer,
                    config.schedule().create(config.optimizer().initialLearningRate(), config.epochs()),
                    epochsCompleted);
        }
        CrossEntropyLoss loss = new CrossEntropyLoss();
        this.trainer = new Trainer(network.model(), binding, optimizer,
                (prediction, batch, step) -> loss.forward(prediction, batch.labels()), penalties, scheduler,
                Trainer.ScheduleInterval.EPOCH, config.clipping());
    }

    private static DataLoader.Options loaderOptions(TrainingConfig config, Seeds seeds) {
        return new DataLoader.Options(config.batchSize(), true, false, seeds.loader());
    }

    /**
     * The divergence criterion's factor: a batch whose data loss exceeds this many times the run's reference
     * loss stops the run with a {@link TrainingDivergedException}, as a non-finite loss does. The reference is
     * the first batch's data loss during the first epoch, and the first epoch's mean training loss afterwards
     * (so a resumed run applies the same criterion as one that never stopped). A cross-entropy that grows ten
     * thousand-fold from its start has left training behind (logits of the order of 10^4): with plain SGD at
     * {@code lr = 1000} on Iris it reaches 10^71 without ever becoming infinite. dlref's choice; Keras'
     * {@code TerminateOnNaN} and Lightning's {@code check_finite} only stop on non-finite values.
     */
    public static final double DIVERGENCE_FACTOR = 1e4;

    /**
     * Starts a run: builds the model with fresh weights, the optimizer and the loader.
     *
     * @param config the configuration
     * @param data the data prepared from {@code config.data()} with the run's seeds
     * @return the run, before its first epoch
     * @throws IllegalArgumentException if a component rejects the configuration (its message names the setting)
     */
    public static TrainingRun start(TrainingConfig config, PreparedData data) {
        return new TrainingRun(config, data, null);
    }

    /**
     * Restores a run from a checkpoint, optionally with a different total number of epochs.
     *
     * @param checkpoint the checkpoint
     * @param data the data prepared from the checkpoint's configuration
     * @param epochs the total number of epochs of the continued run, {@code >= 1} (the cosine schedule's
     *     period depends on it, so changing it changes the continued run's learning rates)
     * @return the run, after {@code checkpoint.epochsCompleted()} epochs
     * @throws IllegalArgumentException if the checkpoint does not fit the model its configuration builds
     */
    public static TrainingRun resume(Checkpoint checkpoint, PreparedData data, int epochs) {
        Objects.requireNonNull(checkpoint, "TrainingRun.resume: checkpoint must not be null");
        return new TrainingRun(checkpoint.config().withEpochs(epochs), data, checkpoint);
    }

    /**
     * Runs the remaining epochs with no listener: {@code runToEnd(TrainingListener.NONE, () -> { })}.
     *
     * <pre>{@code
     * TrainingRun run = TrainingRun.start(config, config.prepareData());
     * run.runToEnd();
     * }</pre>
     *
     * @return the metrics of the epochs run by this call
     * @throws TrainingDivergedException if a loss becomes NaN or infinite
     */
    public List<EpochMetrics> runToEnd() {
        return runToEnd(TrainingListener.NONE, () -> { });
    }

    /**
     * Runs epochs until {@code config().epochs()} are complete or the listener requests a stop
     * ({@link TrainingListener#stopRequested(List)}, asked with the history before every epoch, for example by
     * {@link EarlyStopping}).
     *
     * @param listener receives the progress and may stop the run
     * @param afterEpoch called after each epoch (to write a checkpoint, say)
     * @return the metrics of the epochs run by this call
     * @throws TrainingDivergedException if a loss becomes NaN or infinite
     */
    public List<EpochMetrics> runToEnd(TrainingListener listener, Runnable afterEpoch) {
        Objects.requireNonNull(listener, "TrainingRun.runToEnd: listener must not be null");
        Objects.requireNonNull(afterEpoch, "TrainingRun.runToEnd: afterEpoch must not be null");
        List<EpochMetrics> out = new ArrayList<>();
        while (epochsCompleted < config.epochs() && !listener.stopRequested(history())) {
            out.add(runEpoch(listener));
            afterEpoch.run();
        }
        return out;
    }

    /**
     * Runs one epoch: every mini-batch of the loader's next epoch through zero-grad, forward, loss, backward and
     * step; then advances the schedule and scores the validation set.
     *
     * @param listener receives the progress ({@link TrainingListener#epochFinished(TrainingRun, EpochMetrics)} after
     *     the epoch is scored)
     * @return the epoch's metrics (also appended to {@link #history()})
     * @throws TrainingDivergedException if a batch's loss (with the penalties) is NaN or infinite, or its data loss
     *     exceeds {@link #DIVERGENCE_FACTOR} times the run's reference loss
     */
    public EpochMetrics runEpoch(TrainingListener listener) {
        long start = System.nanoTime();
        int epoch = epochsCompleted + 1;
        double learningRate = optimizer.learningRate();
        network.model().train();
        DataLoader.Epoch batches = loader.nextEpoch();
        listener.epochStarted(epoch, batches.batchCount());
        double reference = history.isEmpty() ? Double.NaN : history.get(0).trainLoss();
        EpochObserver observer = new EpochObserver(epoch, listener, reference);
        trainer.epoch(batches, Long.MAX_VALUE, observer);
        Evaluation validation = evaluate(data.validation());
        epochsCompleted = epoch;
        double trainLoss = observer.lossSum / observer.seen;
        if (plateau != null) {
            plateau.step(validation.samples() > 0 ? validation.loss() : trainLoss);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        EpochMetrics metrics = new EpochMetrics(epoch, trainLoss,
                (double) observer.correct / observer.seen, validation.loss(), validation.accuracy(), learningRate,
                seconds);
        history.add(metrics);
        listener.epochFinished(this, metrics);
        return metrics;
    }

    /**
     * Refuses a non-finite objective before {@code backward()} and sums an epoch's training loss and correct
     * predictions, batch after batch in loader order.
     */
    private static final class EpochObserver implements Trainer.StepObserver {

        private final int epoch;
        private final TrainingListener listener;
        private double reference;
        private double lossSum;
        private long correct;
        private long seen;

        EpochObserver(int epoch, TrainingListener listener, double reference) {
            this.epoch = epoch;
            this.listener = listener;
            this.reference = reference;
        }

        @Override
        public void lossComputed(long step, Batch batch, Tensor dataLoss, Tensor objective) {
            double value = objective.item();
            if (!Double.isFinite(value)) {
                throw new TrainingDivergedException(epoch, batch.index() + 1, value);
            }
            double data = dataLoss.item();
            if (Double.isNaN(reference)) {
                reference = data; // the first batch of the first epoch
            } else if (data > DIVERGENCE_FACTOR * reference) {
                throw new TrainingDivergedException(epoch, batch.index() + 1, data, DIVERGENCE_FACTOR, reference);
            }
        }

        @Override
        public void stepFinished(Trainer.StepResult result) {
            Batch batch = result.batch();
            double loss = result.dataLoss().item();
            lossSum += loss * batch.size();
            correct += countCorrect(result.prediction().value(), batch.labels());
            seen += batch.size();
            listener.batchFinished(epoch, batch.index() + 1, loss);
        }
    }

    private static long countCorrect(Matrix logits, int[] labels) {
        int[] predicted = OneHot.argmax(logits);
        long correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    /**
     * Scores the model on a dataset with {@link Evaluator#evaluate(Module, Dataset)}: evaluation mode
     * ({@code Dropout} off, {@code BatchNorm} on its running statistics), no graph, {@value #EVALUATION_CHUNK}
     * samples at a time; the loss is the sum of the chunks' summed cross-entropies divided by the number of
     * samples. The model's mode is restored after.
     *
     * @param dataset a classification set with the model's number of features and classes
     * @return the loss, accuracy, predictions and confusion matrix (loss and accuracy NaN for an empty set)
     */
    public Evaluation evaluate(Dataset dataset) {
        return Evaluator.evaluate(network.model(), dataset);
    }

    /**
     * A snapshot of everything the run needs to continue bit for bit.
     *
     * @return the checkpoint
     */
    public Checkpoint checkpoint() {
        OptimizerState state = optimizer.saveState();
        List<Rng.State> dropout = new ArrayList<>();
        for (Rng rng : network.dropoutRngs()) {
            dropout.add(rng.state());
        }
        return new Checkpoint(config, epochsCompleted, network.model().stateDict(),
                new Checkpoint.SavedOptimizer(state.optimizer(), state.learningRate(), state.parameters()),
                loader.state(), dropout, history, Optional.empty(), Optional.of(Checkpoint.DataFit.of(data)),
                plateau == null ? Optional.empty() : Optional.of(plateau.state()));
    }

    /**
     * The configuration (with the total number of epochs of this run).
     *
     * @return the configuration
     */
    public TrainingConfig config() {
        return config;
    }

    /**
     * The data.
     *
     * @return the prepared data
     */
    public PreparedData data() {
        return data;
    }

    /**
     * The model being trained.
     *
     * @return the model
     */
    public Module model() {
        return network.model();
    }

    /**
     * The optimizer (over the model's parameters under their qualified names, see {@link ParameterBinding}).
     *
     * @return the optimizer
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The epochs completed so far (including those before a resume).
     *
     * @return the count
     */
    public int epochsCompleted() {
        return epochsCompleted;
    }

    /**
     * The metrics of every completed epoch, including those before a resume.
     *
     * @return an unmodifiable view
     */
    public List<EpochMetrics> history() {
        return Collections.unmodifiableList(history);
    }
}
