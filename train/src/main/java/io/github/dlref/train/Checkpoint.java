package io.github.dlref.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.data.DataLoader;
import io.github.dlref.data.io.BoundedInput;
import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.io.ModelFile;
import io.github.dlref.optim.ParameterState;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything a {@link TrainingRun} needs to continue bit for bit, and its directory format.
 *
 * <p>A checkpoint directory holds generations, sub-directories named by an eight-digit counter
 * ({@code checkpoint/00000007/}); the current checkpoint is the newest generation whose {@value #MANIFEST_FILE}
 * exists. {@link #save(Path)} writes a new generation and switches to it by the atomic rename of its manifest,
 * then deletes the older ones, so that a process killed at any instant leaves a complete checkpoint (see
 * {@link #save(Path)}). A generation holds these files:
 * <ul>
 *   <li>{@value #MODEL_FILE}: the model's parameters and buffers ({@code nn.io.ModelFile} format: exact
 *       IEEE 754 bits, CRC-32).</li>
 *   <li>{@value #OPTIMIZER_FILE}: the optimizer's buffers, in the same format, named
 *       {@code <parameter>/<buffer>} (for example {@code 0.weight/exp_avg}).</li>
 *   <li>{@value #STATE_FILE}: JSON with {@code format} ({@value #FORMAT}), {@code version}
 *       ({@value #VERSION}), {@code epochs_completed}, {@code config} (the {@link TrainingConfig}),
 *       {@code optimizer} (class name, learning rate, and per parameter its name, step count and buffer
 *       names), {@code loader} (epochs drawn and the generator state), {@code dropout} (each dropout layer's
 *       generator state) and {@code history} (the metrics of every completed epoch). Generator states are
 *       {@code java.util.Random}'s: the 48-bit {@code seed} and the cached Gaussian. Doubles are written with
 *       Java's {@code Double.toString}, which reads back to the same double; NaN and infinities as the strings
 *       {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. With best weights ({@link KeepBest}) it also
 *       has {@code best}: the best epoch and its monitored value. With the reduce-on-plateau schedule it also has
 *       {@code plateau}: the scheduler's {@code best} metric, {@code bad_epochs} and {@code cooldown_counter}
 *       (PyTorch's {@code ReduceLROnPlateau} state), so that a resumed run reduces its rate exactly when the
 *       uninterrupted one would.</li>
 *   <li>{@value #BEST_FILE}, only with best weights: the best epoch's model state ({@code nn.io.ModelFile}).</li>
 *   <li>{@value #PREPROCESSING_FILE}: the standardization fitted on the training data ({@code shift} and
 *       {@code scale}, {@code nn.io.ModelFile}); the state file then also has {@code class_labels}. A resume
 *       on data whose fit differs is refused ({@link DataFit}).</li>
 * </ul>
 * <ul>
 *   <li>{@value #MANIFEST_FILE}, written last: one line per other file, {@code <sha256> <size> <name>};
 *       {@link #load(Path)} checks every file against it, so a damaged or edited file is refused by name.</li>
 * </ul>
 * Checkpoints of the first format (the files directly in the checkpoint directory) are still read.
 *
 * @param config the run's configuration
 * @param epochsCompleted the number of completed epochs, {@code >= 0}
 * @param model the model's state ({@code Module.stateDict()})
 * @param optimizer the optimizer's state
 * @param loader the data loader's state
 * @param dropout the dropout layers' generator states, in layer order
 * @param history the metrics of the completed epochs
 * @param best the weights of the best epoch so far, if a {@link KeepBest} recorded them
 * @param data the preprocessing fitted on the run's training data and its class labels, so that a resume on data
 *     that changed since the checkpoint was written is refused; empty in checkpoints written before it existed
 * @param plateau the reduce-on-plateau scheduler's state, present exactly when the schedule is
 *     {@link ScheduleKind#REDUCE_ON_PLATEAU}
 */
public record Checkpoint(TrainingConfig config, int epochsCompleted, Map<String, Matrix> model,
        SavedOptimizer optimizer, DataLoader.State loader, List<Rng.State> dropout, List<EpochMetrics> history,
        Optional<BestWeights> best, Optional<DataFit> data, Optional<ReduceLearningRateOnPlateau.State> plateau) {

    /** The model file's name inside a checkpoint directory. */
    public static final String MODEL_FILE = "model.bin";

    /** The optimizer file's name inside a checkpoint directory. */
    public static final String OPTIMIZER_FILE = "optimizer.bin";

    /** The preprocessing file's name inside a checkpoint directory ({@code shift} and {@code scale}). */
    public static final String PREPROCESSING_FILE = "preprocessing.bin";

    /**
     * What the run's data looked like when the checkpoint was written: the standardization fitted on its
     * training part and the class labels. {@link TrainingRun#resume(Checkpoint, PreparedData, int)} compares them
     * with the data it is given, bit for bit, and refuses to continue on different data.
     *
     * @param preprocessing the fitted preprocessing
     * @param classLabels the class names, in class order
     * @param files the data files the run read (path, size, SHA-256); empty for built-in data and in checkpoints
     *     written before they were recorded
     */
    public record DataFit(Preprocessing preprocessing, List<String> classLabels, List<DataFile> files) {

        /**
         * Validates and copies.
         *
         * @param preprocessing the preprocessing
         * @param classLabels the class names
         * @param files the data files
         */
        public DataFit {
            Objects.requireNonNull(preprocessing, "DataFit: preprocessing must not be null");
            classLabels = List.copyOf(classLabels);
            files = List.copyOf(files);
        }

        /**
         * A fit without recorded data files (built-in data, or a checkpoint of the earlier format).
         *
         * @param preprocessing the preprocessing
         * @param classLabels the class names
         */
        public DataFit(Preprocessing preprocessing, List<String> classLabels) {
            this(preprocessing, classLabels, List.of());
        }

        /**
         * The fit of prepared data.
         *
         * @param data the prepared data
         * @return its preprocessing and labels
         */
        public static DataFit of(PreparedData data) {
            return new DataFit(data.preprocessing(), data.classLabels(), data.files());
        }

        /**
         * The first difference between this fit and another, for a message, or empty if they are equal bit for
         * bit: the data files first (only when both record them, see {@link #fileDifference(List)}), then the
         * class labels, the number of features and the standardization.
         *
         * @param now the fit of the data at hand
         * @return the difference, for example {@code "feature 2's shift is 5.84 in the checkpoint and 5.9 now"}
         */
        public Optional<String> difference(DataFit now) {
            // data prepared without file records (built by hand) is compared by its fit alone;
            // Checkpoint.prepareData() compares the files themselves before reading them
            Optional<String> file = now.files.isEmpty() ? Optional.empty() : fileDifference(now.files);
            if (file.isPresent()) {
                return file;
            }
            if (!classLabels.equals(now.classLabels)) {
                return Optional.of("the class labels are " + classLabels + " in the checkpoint and " + now.classLabels
                        + " now");
            }
            int d = preprocessing.numFeatures();
            if (now.preprocessing.numFeatures() != d) {
                return Optional.of("the data have " + now.preprocessing.numFeatures() + " features, the checkpoint "
                        + d);
            }
            for (int j = 0; j < d; j++) {
                String diff = differs("shift", j, preprocessing.shift().get(0, j), now.preprocessing.shift().get(0, j));
                if (diff == null) {
                    diff = differs("scale", j, preprocessing.scale().get(0, j), now.preprocessing.scale().get(0, j));
                }
                if (diff != null) {
                    return Optional.of(diff);
                }
            }
            return Optional.empty();
        }

        /**
         * The first difference between the recorded data files and the files as they are now, or empty if every
         * recorded file has the same path, size and SHA-256 (or none is recorded, as in checkpoints of the earlier
         * format).
         *
         * @param now the files as they are now
         * @return the difference, for example {@code "data file d.csv has 120 bytes and SHA-256 ab12... now, 118
         *     bytes and SHA-256 9f3c... in the checkpoint"}
         */
        public Optional<String> fileDifference(List<DataFile> now) {
            if (files.isEmpty()) {
                return Optional.empty();
            }
            if (now.size() != files.size()) {
                return Optional.of("the checkpoint records " + files.size() + " data file(s), the data now has "
                        + now.size());
            }
            for (int i = 0; i < files.size(); i++) {
                DataFile saved = files.get(i);
                DataFile current = now.get(i);
                if (!saved.path().equals(current.path())) {
                    return Optional.of("data file " + (i + 1) + " is " + saved.path() + " in the checkpoint and "
                            + current.path() + " now");
                }
                if (saved.size() != current.size() || !saved.sha256().equals(current.sha256())) {
                    return Optional.of("data file " + saved.path() + " has " + current.size() + " bytes and SHA-256 "
                            + current.sha256().substring(0, 12) + "... now, " + saved.size() + " bytes and SHA-256 "
                            + saved.sha256().substring(0, 12) + "... in the checkpoint");
                }
            }
            return Optional.empty();
        }

        private static String differs(String what, int j, double saved, double now) {
            if (Double.doubleToRawLongBits(saved) == Double.doubleToRawLongBits(now)) {
                return null;
            }
            return "feature " + j + "'s standardization " + what + " is " + saved + " in the checkpoint and " + now
                    + " now";
        }
    }

    /** The manifest's name inside a generation: one line per file, {@code <sha256> <size> <name>}. */
    public static final String MANIFEST_FILE = "MANIFEST";

    private static final Pattern GENERATION = Pattern.compile("[0-9]{8}");

    /** The best-weights file's name inside a checkpoint directory (present only with best weights). */
    public static final String BEST_FILE = "best.bin";

    /** The JSON state file's name inside a checkpoint directory. */
    public static final String STATE_FILE = "checkpoint.json";

    /** The value of the state file's {@code format} key. */
    public static final String FORMAT = "dlref-checkpoint";

    /** The format version written and read. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The largest state file ({@value #STATE_FILE}) read: 16 MiB (the state of a 1,000-epoch run takes about
     * 300 KB). Reading stops at the limit.
     */
    public static final long MAX_STATE_BYTES = 16L << 20;

    /**
     * An optimizer's state without its hyper-parameters (they are rebuilt from the configuration).
     *
     * @param name the optimizer's class name, for example {@code "Adam"}
     * @param learningRate the learning rate at the time of the snapshot
     * @param parameters each parameter's step count and buffers, in parameter order
     */
    public record SavedOptimizer(String name, double learningRate, List<ParameterState> parameters) {

        /**
         * Validates and copies.
         *
         * @param name the class name
         * @param learningRate the learning rate
         * @param parameters the parameter states
         */
        public SavedOptimizer {
            Objects.requireNonNull(name, "SavedOptimizer: name must not be null");
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * Validates and copies.
     *
     * @param config the configuration
     * @param epochsCompleted the completed epochs
     * @param model the model state
     * @param optimizer the optimizer state
     * @param loader the loader state
     * @param dropout the dropout generator states
     * @param history the metrics
     * @param best the best weights
     * @param data the data's fit, or empty
     * @param plateau the reduce-on-plateau state, or empty
     * @throws IllegalArgumentException if {@code epochsCompleted} is negative or differs from the history's length,
     *     the best epoch is after the last completed one, or the plateau state is present without the
     *     reduce-on-plateau schedule or missing with it
     */
    public Checkpoint {
        Objects.requireNonNull(plateau, "Checkpoint: plateau must not be null (Optional.empty() for none)");
        Objects.requireNonNull(data, "Checkpoint: data must not be null (Optional.empty() for none)");
        Objects.requireNonNull(config, "Checkpoint: config must not be null");
        Objects.requireNonNull(optimizer, "Checkpoint: optimizer must not be null");
        Objects.requireNonNull(loader, "Checkpoint: loader must not be null");
        model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
        dropout = List.copyOf(dropout);
        history = List.copyOf(history);
        if (epochsCompleted < 0 || epochsCompleted != history.size()) {
            throw new IllegalArgumentException("Checkpoint: epochs completed (" + epochsCompleted
                    + ") must be >= 0 and equal the number of history rows (" + history.size() + ")");
        }
        Objects.requireNonNull(best, "Checkpoint: best must not be null (Optional.empty() for none)");
        if (best.isPresent() && best.get().epoch() > epochsCompleted) {
            throw new IllegalArgumentException("Checkpoint: the best epoch (" + best.get().epoch()
                    + ") must be <= the epochs completed (" + epochsCompleted + ")");
        }
        boolean onPlateau = config.schedule().kind() == ScheduleKind.REDUCE_ON_PLATEAU;
        if (plateau.isPresent() != onPlateau) {
            throw new IllegalArgumentException("Checkpoint: the reduce-on-plateau state must be present exactly when "
                    + "the schedule is reduce_on_plateau (schedule " + config.schedule().kind().name()
                    .toLowerCase(Locale.ROOT) + ", state " + (plateau.isPresent() ? "present" : "missing") + ")");
        }
    }

    /**
     * A checkpoint of a run without the reduce-on-plateau schedule.
     *
     * @param config the configuration
     * @param epochsCompleted the completed epochs
     * @param model the model state
     * @param optimizer the optimizer state
     * @param loader the loader state
     * @param dropout the dropout generator states
     * @param history the metrics
     * @param best the best weights
     * @param data the data's fit, or empty
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Checkpoint(TrainingConfig config, int epochsCompleted, Map<String, Matrix> model, SavedOptimizer optimizer,
            DataLoader.State loader, List<Rng.State> dropout, List<EpochMetrics> history, Optional<BestWeights> best,
            Optional<DataFit> data) {
        this(config, epochsCompleted, model, optimizer, loader, dropout, history, best, data, Optional.empty());
    }

    /**
     * A checkpoint without best weights.
     *
     * @param config the configuration
     * @param epochsCompleted the completed epochs
     * @param model the model state
     * @param optimizer the optimizer state
     * @param loader the loader state
     * @param dropout the dropout generator states
     * @param history the metrics
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Checkpoint(TrainingConfig config, int epochsCompleted, Map<String, Matrix> model, SavedOptimizer optimizer,
            DataLoader.State loader, List<Rng.State> dropout, List<EpochMetrics> history) {
        this(config, epochsCompleted, model, optimizer, loader, dropout, history, Optional.empty(), Optional.empty());
    }

    /**
     * A copy with the given data fit (what {@link TrainingRun#checkpoint()} records).
     *
     * @param value the fit, or empty
     * @return the checkpoint
     */
    public Checkpoint withData(Optional<DataFit> value) {
        return new Checkpoint(config, epochsCompleted, model, optimizer, loader, dropout, history, best, value,
                plateau);
    }

    /**
     * A copy with the given best weights (for example {@code run.checkpoint().withBest(keepBest.best())}).
     *
     * @param value the best weights, or empty
     * @return the checkpoint
     */
    public Checkpoint withBest(Optional<BestWeights> value) {
        return new Checkpoint(config, epochsCompleted, model, optimizer, loader, dropout, history, value, data,
                plateau);
    }

    /**
     * A copy with the given reduce-on-plateau state (what {@link TrainingRun#checkpoint()} records).
     *
     * @param value the state, or empty
     * @return the checkpoint
     * @throws IllegalArgumentException if the state's presence does not match the schedule
     */
    public Checkpoint withPlateau(Optional<ReduceLearningRateOnPlateau.State> value) {
        return new Checkpoint(config, epochsCompleted, model, optimizer, loader, dropout, history, best, data, value);
    }

    /**
     * Saves the checkpoint into a checkpoint directory, crash-safely: there is no instant at which the directory
     * holds no complete checkpoint. The files are written into a new generation sub-directory (the previous one
     * is kept), each forced to the device; then its manifest ({@value #MANIFEST_FILE}: every file's SHA-256 and
     * size) is written to a temporary file, forced, and renamed into place atomically, which is the instant the
     * new checkpoint becomes the current one. Only then are older generations (and a checkpoint of the first
     * format, files directly in the directory) deleted. {@link #load(Path)} reads the newest generation whose
     * manifest exists and matches, so a process killed at any instant leaves either the previous checkpoint or
     * the new one, never a half-written one.
     *
     * @param dir the checkpoint directory (created if absent; its parent must exist)
     * @throws IOException if writing fails (the previous checkpoint is then still the current one)
     */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        long next = 1;
        for (Path g : generations(dir)) {
            next = Math.max(next, generationNumber(g) + 1);
        }
        Path generation = dir.resolve(String.format(Locale.ROOT, "%08d", next));
        deleteTree(generation);
        writeFiles(generation);
        StringBuilder manifest = new StringBuilder();
        try (Stream<Path> files = Files.list(generation)) {
            for (Path f : files.sorted().toList()) {
                manifest.append(sha256(f)).append(' ').append(Files.size(f)).append(' ')
                        .append(f.getFileName()).append('\n');
            }
        }
        Path tmpManifest = generation.resolve(MANIFEST_FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(tmpManifest, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(manifest.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        forceDirectory(generation);
        Files.move(tmpManifest, generation.resolve(MANIFEST_FILE), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(generation);
        forceDirectory(dir);
        for (Path g : generations(dir)) {
            if (!g.equals(generation)) {
                deleteTree(g);
            }
        }
        for (String legacy : List.of(MODEL_FILE, OPTIMIZER_FILE, STATE_FILE, BEST_FILE, PREPROCESSING_FILE)) {
            Files.deleteIfExists(dir.resolve(legacy));
        }
        deleteTree(dir.resolveSibling(dir.getFileName() + ".tmp"));
    }

    /** Writes the checkpoint's files into one directory, each forced to the device. */
    private void writeFiles(Path tmp) throws IOException {
        Files.createDirectories(tmp);
        ModelFile.write(model, tmp.resolve(MODEL_FILE));
        Map<String, Matrix> buffers = new LinkedHashMap<>();
        for (ParameterState p : optimizer.parameters()) {
            for (Map.Entry<String, Matrix> b : p.buffers().entrySet()) {
                buffers.put(p.parameterName() + "/" + b.getKey(), b.getValue());
            }
        }
        ModelFile.write(buffers, tmp.resolve(OPTIMIZER_FILE));
        if (data.isPresent()) {
            Map<String, Matrix> fit = new LinkedHashMap<>();
            fit.put("shift", data.get().preprocessing().shift());
            fit.put("scale", data.get().preprocessing().scale());
            ModelFile.write(fit, tmp.resolve(PREPROCESSING_FILE));
        }
        if (best.isPresent()) {
            ModelFile.write(best.get().weights(), tmp.resolve(BEST_FILE));
        }
        writeForced(tmp.resolve(STATE_FILE), stateJson().getBytes(StandardCharsets.UTF_8));
    }

    private String stateJson() throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("epochs_completed", epochsCompleted);
        root.set("config", JSON.valueToTree(config));
        ObjectNode opt = root.putObject("optimizer");
        opt.put("name", optimizer.name());
        putDouble(opt, "learning_rate", optimizer.learningRate());
        ArrayNode params = opt.putArray("parameters");
        for (ParameterState p : optimizer.parameters()) {
            ObjectNode node = params.addObject();
            node.put("name", p.parameterName());
            node.put("step", p.step());
            ArrayNode names = node.putArray("buffers");
            p.buffers().keySet().forEach(names::add);
        }
        ObjectNode load = root.putObject("loader");
        load.put("epochs_drawn", loader.epochsDrawn());
        load.set("rng", rngJson(loader.rng()));
        ArrayNode drop = root.putArray("dropout");
        for (Rng.State s : dropout) {
            drop.add(rngJson(s));
        }
        if (data.isPresent()) {
            ArrayNode labels = root.putArray("class_labels");
            data.get().classLabels().forEach(labels::add);
            if (!data.get().files().isEmpty()) {
                ArrayNode files = root.putArray("data_files");
                for (DataFile f : data.get().files()) {
                    ObjectNode node = files.addObject();
                    node.put("path", f.path());
                    node.put("size", f.size());
                    node.put("sha256", f.sha256());
                }
            }
        }
        if (plateau.isPresent()) {
            ObjectNode p = root.putObject("plateau");
            putDouble(p, "best", plateau.get().best());
            p.put("bad_epochs", plateau.get().badEpochs());
            p.put("cooldown_counter", plateau.get().cooldownCounter());
        }
        if (best.isPresent()) {
            ObjectNode b = root.putObject("best");
            b.put("epoch", best.get().epoch());
            putDouble(b, "value", best.get().value());
        }
        ArrayNode rows = root.putArray("history");
        for (EpochMetrics m : history) {
            ObjectNode row = rows.addObject();
            row.put("epoch", m.epoch());
            putDouble(row, "train_loss", m.trainLoss());
            putDouble(row, "train_accuracy", m.trainAccuracy());
            putDouble(row, "validation_loss", m.validationLoss());
            putDouble(row, "validation_accuracy", m.validationAccuracy());
            putDouble(row, "learning_rate", m.learningRate());
            putDouble(row, "seconds", m.seconds());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static ObjectNode rngJson(Rng.State s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("seed", s.seed());
        node.put("have_next_next_gaussian", s.haveNextNextGaussian());
        putDouble(node, "next_next_gaussian", s.nextNextGaussian());
        return node;
    }

    private static void putDouble(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.put(key, Double.toString(value));
        }
    }

    /**
     * Loads the run's data for a resume, safely: first every data file the checkpoint recorded is compared with
     * the file as it is now (path, size, SHA-256), and a difference is refused before the file is read; then the
     * data is prepared ({@link TrainingConfig#prepareData()}). A checkpoint names the files it reads, so a file
     * that turns out not to be valid data is reported by its name, line and column only: its content is never
     * shown (a crafted checkpoint that names {@code /etc/passwd} learns nothing from the error).
     *
     * @return the prepared data
     * @throws IllegalArgumentException if a data file is missing or differs from the one recorded (exit status 2
     *     on the command line)
     * @throws DataFormatException if a file is not valid data (without its content)
     * @throws IOException if a file cannot be read
     */
    public PreparedData prepareData() throws IOException {
        config.data().checkAvailable();
        if (data.isPresent() && !data.get().files().isEmpty()) {
            Optional<String> diff = data.get().fileDifference(config.data().fingerprints());
            if (diff.isPresent()) {
                throw new IllegalArgumentException("checkpoint: " + diff.get() + "; the data changed since the "
                        + "checkpoint was written, so the run cannot continue bit for bit");
            }
        }
        try {
            return config.prepareData();
        } catch (DataFormatException e) {
            throw new DataFormatException(e.source(), e.line(), e.column(), "not valid data for the checkpoint's run"
                    + " (the content is not shown, since the file was named by the checkpoint)");
        }
    }

    /**
     * Reads the current checkpoint of a checkpoint directory: the newest generation whose manifest exists (an
     * older generation is kept until a newer one is complete, see {@link #save(Path)}), after checking every
     * file it lists against its SHA-256 and size. A generation without a manifest is a save that was
     * interrupted and is skipped. A directory in the first format (the files directly in it) is read as it is.
     *
     * @param dir the checkpoint directory written by {@link #save(Path)}
     * @return the checkpoint
     * @throws NoSuchFileException if the directory does not exist or holds no complete checkpoint
     * @throws DataFormatException if a file does not match the manifest or is not a valid checkpoint file (the
     *     message names the file and, for the state file, the key or JSON path)
     * @throws IOException if a file cannot be read
     */
    public static Checkpoint load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a checkpoint directory");
        }
        Optional<Path> current = current(dir);
        if (current.isEmpty()) {
            throw new NoSuchFileException(dir.toString(), null, "no complete checkpoint (no generation with a "
                    + MANIFEST_FILE + ")");
        }
        try {
            if (!current.get().equals(dir)) {
                verifyManifest(current.get());
            }
            return readFiles(current.get());
        } catch (NoSuchFileException | AccessDeniedException | DataFormatException e) {
            throw e;
        } catch (IOException e) {
            // the content is not a valid checkpoint: malformed input, like a malformed data file
            String message = e.getMessage() == null ? "" : e.getMessage();
            int colon = message.indexOf(": ");
            throw new DataFormatException(colon > 0 ? message.substring(0, colon) : dir.toString(),
                    colon > 0 ? message.substring(colon + 2) : JsonErrors.clean(message), e);
        }
    }

    /**
     * The directory holding the current checkpoint's files: the newest generation with a manifest, or the
     * checkpoint directory itself for the first format.
     *
     * @param dir a checkpoint directory
     * @return the directory of the current checkpoint's files, or empty if there is no complete checkpoint
     * @throws IOException if the directory cannot be listed
     */
    public static Optional<Path> current(Path dir) throws IOException {
        for (Path g : generations(dir)) {
            if (Files.isRegularFile(g.resolve(MANIFEST_FILE))) {
                return Optional.of(g);
            }
        }
        if (Files.isRegularFile(dir.resolve(STATE_FILE))) {
            return Optional.of(dir);
        }
        return Optional.empty();
    }

    /**
     * Finds the checkpoint directory of a path given by a user: the path itself if it is a checkpoint directory,
     * else its sub-directory {@code checkpoint} if that is one (a run's output directory).
     *
     * @param path a checkpoint directory or a run's output directory
     * @return the checkpoint directory, or empty if neither is one
     * @throws IOException if the directory cannot be listed
     */
    public static Optional<Path> locate(Path path) throws IOException {
        for (Path candidate : List.of(path, path.resolve("checkpoint"))) {
            if (isCheckpointDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isCheckpointDirectory(Path dir) throws IOException {
        return Files.isDirectory(dir) && current(dir).isPresent();
    }

    /** The generation sub-directories of a checkpoint directory, newest first. */
    private static List<Path> generations(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory)
                    .filter(g -> GENERATION.matcher(g.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(Checkpoint::generationNumber).reversed())
                    .toList();
        }
    }

    private static long generationNumber(Path generation) {
        return Long.parseLong(generation.getFileName().toString());
    }

    private static void verifyManifest(Path generation) throws IOException {
        Path manifest = generation.resolve(MANIFEST_FILE);
        List<String> lines = BoundedInput.readUtf8(manifest, MAX_STATE_BYTES).lines().toList();
        Set<String> listed = new HashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String[] parts = lines.get(n).split(" ");
            if (parts.length != 3 || !parts[0].matches("[0-9a-f]{64}") || !parts[1].matches("[0-9]{1,18}")
                    || !parts[2].matches("[A-Za-z0-9_.-]+")) {
                throw new IOException(manifest + ": line " + (n + 1) + ": expected '<sha256> <size> <file>'");
            }
            Path file = generation.resolve(parts[2]);
            if (!Files.isRegularFile(file)) {
                throw new IOException(manifest + ": line " + (n + 1) + ": " + parts[2] + " is missing");
            }
            long size = Files.size(file);
            if (size != Long.parseLong(parts[1]) || !sha256(file).equals(parts[0])) {
                throw new IOException(file + ": does not match " + manifest + " (size " + size + ", expected "
                        + parts[1] + "; the file was changed or damaged after the checkpoint was written)");
            }
            listed.add(parts[2]);
        }
        if (!listed.contains(STATE_FILE) || !listed.contains(MODEL_FILE) || !listed.contains(OPTIMIZER_FILE)) {
            throw new IOException(manifest + ": must list " + STATE_FILE + ", " + MODEL_FILE + " and "
                    + OPTIMIZER_FILE);
        }
    }

    private static String sha256(Path file) throws IOException {
        return DataFile.sha256(file);
    }

    private static void writeForced(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Forces a directory's entries to the device where the platform allows it (Linux does; others may not). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory as a channel; the rename is still atomic there, and the
            // files themselves were forced.
        }
    }

    /** Reads the files of one generation (or of a first-format checkpoint directory). */
    private static Checkpoint readFiles(Path dir) throws IOException {
        for (String name : List.of(STATE_FILE, MODEL_FILE, OPTIMIZER_FILE, BEST_FILE, PREPROCESSING_FILE)) {
            Path file = dir.resolve(name);
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new IOException(file + ": not a regular file");
            }
        }
        Path statePath = dir.resolve(STATE_FILE);
        JsonNode root;
        try {
            root = JSON.readTree(BoundedInput.readUtf8(statePath, MAX_STATE_BYTES));
        } catch (JsonProcessingException e) {
            throw new IOException(statePath + ": " + JsonErrors.describe(e, "$"), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText(null))) {
            throw new IOException(statePath + ": \"format\" must be \"" + FORMAT + "\"");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new IOException(statePath + ": unsupported \"version\" " + root.path("version")
                    + " (this program reads version " + VERSION + ")");
        }
        onlyKeys(root, statePath, "the state", "format", "version", "epochs_completed", "config", "optimizer", "loader",
                "dropout", "history", "class_labels", "best", "data_files", "plateau");
        try {
            TrainingConfig config;
            try {
                config = JSON.treeToValue(require(root, "config", statePath), TrainingConfig.class);
            } catch (JsonProcessingException e) {
                throw new IOException(statePath + ": invalid checkpoint: " + JsonErrors.describe(e, "$.config"), e);
            }
            Map<String, Matrix> model = ModelFile.read(dir.resolve(MODEL_FILE));
            Map<String, Matrix> buffers = ModelFile.read(dir.resolve(OPTIMIZER_FILE));
            JsonNode opt = require(root, "optimizer", statePath);
            List<ParameterState> params = new ArrayList<>();
            for (JsonNode p : array(opt, "parameters", statePath)) {
                String name = text(p, "name", statePath);
                Map<String, Matrix> own = new LinkedHashMap<>();
                for (JsonNode b : array(p, "buffers", statePath)) {
                    if (!b.isTextual()) {
                        throw new IOException(statePath + ": \"buffers\" of '" + name + "' must hold strings, got "
                                + b);
                    }
                    String key = name + "/" + b.asText();
                    Matrix m = buffers.get(key);
                    if (m == null) {
                        throw new IOException(dir.resolve(OPTIMIZER_FILE) + ": missing buffer '" + key + "'");
                    }
                    own.put(b.asText(), m);
                }
                params.add(new ParameterState(name, longInteger(p, "step", statePath), own));
            }
            SavedOptimizer saved = new SavedOptimizer(text(opt, "name", statePath),
                    number(opt, "learning_rate", statePath), params);
            JsonNode load = require(root, "loader", statePath);
            DataLoader.State loader = new DataLoader.State(integer(load, "epochs_drawn", statePath),
                    readRng(require(load, "rng", statePath), statePath));
            List<Rng.State> dropout = new ArrayList<>();
            for (JsonNode s : array(root, "dropout", statePath)) {
                dropout.add(readRng(s, statePath));
            }
            List<EpochMetrics> history = new ArrayList<>();
            for (JsonNode row : array(root, "history", statePath)) {
                history.add(new EpochMetrics(integer(row, "epoch", statePath),
                        number(row, "train_loss", statePath),
                        number(row, "train_accuracy", statePath),
                        number(row, "validation_loss", statePath),
                        number(row, "validation_accuracy", statePath),
                        number(row, "learning_rate", statePath),
                        number(row, "seconds", statePath)));
            }
            Optional<BestWeights> best = Optional.empty();
            JsonNode b = root.get("best");
            if (b != null && !b.isNull()) {
                best = Optional.of(new BestWeights(integer(b, "epoch", statePath),
                        number(b, "value", statePath), ModelFile.read(dir.resolve(BEST_FILE))));
            }
            Optional<DataFit> data = Optional.empty();
            JsonNode labels = root.get("class_labels");
            if (labels != null && !labels.isNull()) {
                Path fitPath = dir.resolve(PREPROCESSING_FILE);
                Map<String, Matrix> fit = ModelFile.read(fitPath);
                if (!fit.containsKey("shift") || !fit.containsKey("scale")) {
                    throw new IOException(fitPath + ": expected the matrices 'shift' and 'scale', found "
                            + fit.keySet());
                }
                List<String> names = new ArrayList<>();
                for (JsonNode l : labels) {
                    if (!l.isTextual()) {
                        throw new IOException(statePath + ": \"class_labels\" must hold strings, got " + l);
                    }
                    names.add(l.asText());
                }
                List<DataFile> files = new ArrayList<>();
                JsonNode fileNodes = root.get("data_files");
                if (fileNodes != null) {
                    for (JsonNode f : array(root, "data_files", statePath)) {
                        onlyKeys(f, statePath, "a data file", "path", "size", "sha256");
                        files.add(new DataFile(text(f, "path", statePath), longInteger(f, "size", statePath),
                                text(f, "sha256", statePath)));
                    }
                }
                data = Optional.of(new DataFit(new Preprocessing(fit.get("shift"), fit.get("scale")), names, files));
            } else if (root.get("data_files") != null) {
                throw new IOException(statePath + ": \"data_files\" needs \"class_labels\"");
            }
            Optional<ReduceLearningRateOnPlateau.State> plateau = Optional.empty();
            JsonNode pl = root.get("plateau");
            if (pl != null && !pl.isNull()) {
                onlyKeys(pl, statePath, "the plateau state", "best", "bad_epochs", "cooldown_counter");
                plateau = Optional.of(new ReduceLearningRateOnPlateau.State(number(pl, "best", statePath),
                        longInteger(pl, "bad_epochs", statePath), longInteger(pl, "cooldown_counter", statePath)));
            }
            return new Checkpoint(config, integer(root, "epochs_completed", statePath), model, saved, loader,
                    dropout, history, best, data, plateau);
        } catch (IllegalArgumentException e) {
            throw new IOException(statePath + ": invalid checkpoint: " + JsonErrors.clean(e.getMessage()), e);
        }
    }

    private static JsonNode require(JsonNode node, String key, Path file) throws IOException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new IOException(file + ": missing key \"" + key + "\"");
        }
        return v;
    }

    private static Rng.State readRng(JsonNode node, Path file) throws IOException {
        onlyKeys(node, file, "a generator state", "seed", "have_next_next_gaussian", "next_next_gaussian");
        JsonNode cached = require(node, "have_next_next_gaussian", file);
        if (!cached.isBoolean()) {
            throw new IOException(file + ": \"have_next_next_gaussian\" must be true or false, got " + cached);
        }
        return new Rng.State(longInteger(node, "seed", file), cached.booleanValue(),
                number(node, "next_next_gaussian", file));
    }

    /** An integer in int's range, {@code >= 0} (every int of the format is a count, an index or an epoch). */
    private static int integer(JsonNode node, String key, Path file) throws IOException {
        JsonNode v = require(node, key, file);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new IOException(file + ": \"" + key + "\" must be an integer >= 0, got " + v);
        }
        return v.intValue();
    }

    /** An integer in long's range (a generator's seed may be any long; a step count is checked by its record). */
    private static long longInteger(JsonNode node, String key, Path file) throws IOException {
        JsonNode v = require(node, key, file);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IOException(file + ": \"" + key + "\" must be an integer, got " + v);
        }
        return v.longValue();
    }

    private static String text(JsonNode node, String key, Path file) throws IOException {
        JsonNode v = require(node, key, file);
        if (!v.isTextual()) {
            throw new IOException(file + ": \"" + key + "\" must be a string, got " + v);
        }
        return v.asText();
    }

    /** A number, or one of the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (as written). */
    private static double number(JsonNode node, String key, Path file) throws IOException {
        JsonNode v = require(node, key, file);
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IOException(file + ": \"" + key + "\" must be a number (or \"NaN\", \"Infinity\", "
                + "\"-Infinity\"), got " + v);
    }

    private static JsonNode array(JsonNode node, String key, Path file) throws IOException {
        JsonNode v = require(node, key, file);
        if (!v.isArray()) {
            throw new IOException(file + ": \"" + key + "\" must be an array, got " + v.getNodeType());
        }
        return v;
    }

    private static void onlyKeys(JsonNode node, Path file, String what, String... allowed) throws IOException {
        if (!node.isObject()) {
            throw new IOException(file + ": " + what + " must be an object, got " + node.getNodeType());
        }
        Set<String> known = Set.of(allowed);
        for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IOException(file + ": unknown key \"" + name + "\" in " + what + " (known: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
