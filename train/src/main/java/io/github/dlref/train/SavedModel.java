package io.github.dlref.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.data.Dataset;
import io.github.dlref.data.io.BoundedInput;
import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.io.ModelFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A self-contained trained classifier: architecture, weights, preprocessing and class labels in one file, so
 * that a fresh process can {@link #load(Path)} it and {@link #predict(Matrix)} on raw features without building
 * the network in code.
 *
 * <p><b>File format</b> (UTF-8 JSON, one object):
 * <ul>
 *   <li>{@code format}: {@value #FORMAT}; {@code version}: {@value #VERSION};</li>
 *   <li>{@code architecture}: {@code model} (the {@link ModelConfig}: hidden widths, activation, dropout, batch
 *       norm, init), {@code inputs} ({@code D}) and {@code classes} ({@code C}), enough to rebuild the network
 *       with {@link ModelConfig#build(int, int, Seeds)};</li>
 *   <li>{@code class_labels}: the {@code C} class names, in class order;</li>
 *   <li>{@code tensors}: the base64 (RFC 4648, with padding) of an {@code nn.io.ModelFile} (exact IEEE 754 bits,
 *       CRC-32) holding the model's state under {@code model/<name>} ({@code Module.stateDict()} names: parameters
 *       and buffers such as BatchNorm running statistics) and the {@link Preprocessing} rows under
 *       {@code preprocessing/shift} and {@code preprocessing/scale}.</li>
 * </ul>
 * Every number lives in the tensors, so a saved and loaded model computes bit for bit what the saved one did.
 * {@link #save(Path)} writes the bytes to a temporary file in the target's directory, forces them to the
 * device and renames it over the target with {@link StandardCopyOption#ATOMIC_MOVE}: a reader sees the old file
 * or the new one, never a partial one.
 *
 * <p><b>Prediction</b>: {@code z = preprocessing(x)}, then the model in evaluation mode without a graph
 * ({@link Evaluator#outputs(Module, Matrix)}), giving logits; probabilities are the row-wise softmax
 * {@code p_ij = exp(z_ij - max_k z_ik) / sum_k exp(z_ik - max_k z_ik)} (summed in class order); the predicted
 * class is the argmax of the logits, the lowest class on ties.
 *
 * <p>Use:
 * <pre>{@code
 * TrainingRun run = TrainingRun.start(config, config.prepareData());
 * run.runToEnd(TrainingListener.NONE, () -> { });
 * SavedModel.save(run, Path.of("iris.model.json"));
 * // later, in another process, on raw (unscaled) features:
 * SavedModel.Prediction p = SavedModel.load(Path.of("iris.model.json")).predict(rawFeatures);
 * List<String> species = p.labels();
 * }</pre>
 */
public final class SavedModel {

    /** The value of the file's {@code format} key. */
    public static final String FORMAT = "dlref-model";

    /** The format version written and read. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The largest model file read: 1 GiB (a model at {@link ModelConfig#MAX_PARAMETERS} takes about 534 MB of
     * base64). Reading stops at the limit.
     */
    public static final long MAX_FILE_BYTES = 1L << 30;
    private static final String MODEL_PREFIX = "model/";
    private static final String SHIFT = "preprocessing/shift";
    private static final String SCALE = "preprocessing/scale";

    private final ModelConfig modelConfig;
    private final int inputs;
    private final int classes;
    private final List<String> classLabels;
    private final Preprocessing preprocessing;
    private final Map<String, Matrix> weights;
    private final Module model;

    private SavedModel(ModelConfig modelConfig, int inputs, int classes, List<String> classLabels,
            Preprocessing preprocessing, Map<String, Matrix> weights) {
        this.modelConfig = modelConfig;
        this.inputs = inputs;
        this.classes = classes;
        this.classLabels = List.copyOf(classLabels);
        this.preprocessing = preprocessing;
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        // the seeds only matter for fresh weights and dropout masks; the weights are replaced and prediction
        // runs in evaluation mode, where dropout draws nothing
        this.model = modelConfig.build(inputs, classes, new Seeds(0L, 0L, 0L, 0L)).model();
        this.model.loadStateDict(this.weights);
        this.model.eval();
    }

    /**
     * What a prediction computed for {@code N} samples.
     *
     * @param logits the model's {@code N x C} outputs
     * @param probabilities the row-wise softmax of the logits, {@code N x C}
     * @param classes the predicted class of each sample (argmax, lowest on ties), length {@code N} (copied)
     * @param labels the predicted class names, length {@code N}
     */
    public record Prediction(Matrix logits, Matrix probabilities, int[] classes, List<String> labels) {

        /**
         * Copies.
         *
         * @param logits the logits
         * @param probabilities the probabilities
         * @param classes the classes
         * @param labels the labels
         */
        public Prediction {
            Objects.requireNonNull(logits, "Prediction: logits must not be null");
            Objects.requireNonNull(probabilities, "Prediction: probabilities must not be null");
            classes = classes.clone();
            labels = List.copyOf(labels);
        }

        /**
         * The predicted classes.
         *
         * @return a copy, length {@code N}
         */
        @Override
        public int[] classes() {
            return classes.clone();
        }
    }

    /**
     * A snapshot of a run's model as it is now (weights and buffers), with its data's preprocessing and class
     * labels.
     *
     * @param run the run
     * @return the saved model (not yet written)
     */
    public static SavedModel of(TrainingRun run) {
        Objects.requireNonNull(run, "SavedModel.of: run must not be null");
        PreparedData data = run.data();
        return new SavedModel(run.config().model(), data.numFeatures(), data.numClasses(), data.classLabels(),
                data.preprocessing(), run.model().stateDict());
    }

    /**
     * Writes a run's model to a file: {@code SavedModel.of(run).save(file)}.
     *
     * @param run the run
     * @param file the target file; replaced atomically if it exists; its directory must exist
     * @return the saved model
     * @throws IOException if writing fails (the previous file, if any, is then unchanged)
     */
    public static SavedModel save(TrainingRun run, Path file) throws IOException {
        SavedModel saved = of(run);
        saved.save(file);
        return saved;
    }

    /**
     * Writes the file (see the class documentation), atomically.
     *
     * @param file the target file; replaced if it exists; its directory must exist
     * @throws NoSuchFileException if the file's directory does not exist
     * @throws IOException if {@code file} is a directory or writing fails (the previous file, if any, is then
     *     unchanged)
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "SavedModel.save: file must not be null");
        Map<String, Matrix> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Matrix> e : weights.entrySet()) {
            tensors.put(MODEL_PREFIX + e.getKey(), e.getValue());
        }
        tensors.put(SHIFT, preprocessing.shift());
        tensors.put(SCALE, preprocessing.scale());
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode arch = root.putObject("architecture");
        arch.set("model", JSON.valueToTree(modelConfig));
        arch.put("inputs", inputs);
        arch.put("classes", classes);
        ArrayNode labels = root.putArray("class_labels");
        classLabels.forEach(labels::add);
        root.put("tensors", Base64.getEncoder().encodeToString(ModelFile.encode(tensors)));
        byte[] bytes = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException(file + ": is a directory; expected a model file path");
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "directory of model file " + file
                    + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Reads a model file and rebuilds the network.
     *
     * @param file a file written by {@link #save(Path)}
     * @return the model, ready to predict
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if the file cannot be read or is not a valid model file; the message names the file
     *     and what was wrong (not JSON, wrong format or version, a missing or invalid key, corrupt tensors, weights
     *     that do not fit the architecture, preprocessing or labels of the wrong size)
     */
    public static SavedModel load(Path file) throws IOException {
        Objects.requireNonNull(file, "SavedModel.load: file must not be null");
        String text;
        try {
            text = BoundedInput.readUtf8(file, MAX_FILE_BYTES);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "model file does not exist");
        } catch (DataFormatException e) {
            throw new IOException(file + ": not a dlref model file (" + e.getMessage().substring(file.toString()
                    .length() + 2) + ")", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a dlref model file (" + JsonErrors.describe(e, "$") + ")", e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new IOException(file + ": not a dlref model file (\"format\" must be \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new IOException(file + ": unsupported \"version\" " + root.path("version")
                    + " (this program reads version " + VERSION + ")");
        }
        JsonNode arch = require(root, "architecture", file);
        ModelConfig config;
        try {
            config = JSON.treeToValue(require(arch, "model", file), ModelConfig.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": invalid model: " + JsonErrors.describe(e, "$.architecture.model"), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": invalid \"architecture.model\": " + JsonErrors.clean(e.getMessage()), e);
        }
        int inputs = positiveInt(arch, "inputs", file);
        int classes = positiveInt(arch, "classes", file);
        List<String> labels = new ArrayList<>();
        JsonNode labelNode = require(root, "class_labels", file);
        if (!labelNode.isArray()) {
            throw new IOException(file + ": \"class_labels\" must be an array of strings");
        }
        for (JsonNode l : labelNode) {
            if (!l.isTextual()) {
                throw new IOException(file + ": \"class_labels\" must be an array of strings, got " + l);
            }
            labels.add(l.asText());
        }
        if (labels.size() != classes) {
            throw new IOException(file + ": expected " + classes + " class labels (architecture.classes), got "
                    + labels.size());
        }
        JsonNode tensorNode = require(root, "tensors", file);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(tensorNode.asText());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": \"tensors\" is not valid base64: " + e.getMessage(), e);
        }
        Map<String, Matrix> tensors = ModelFile.decode(bytes, file);
        Map<String, Matrix> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Matrix> e : tensors.entrySet()) {
            if (e.getKey().startsWith(MODEL_PREFIX)) {
                weights.put(e.getKey().substring(MODEL_PREFIX.length()), e.getValue());
            } else if (!e.getKey().equals(SHIFT) && !e.getKey().equals(SCALE)) {
                throw new IOException(file + ": unexpected tensor '" + e.getKey() + "' (expected " + MODEL_PREFIX
                        + "<name>, " + SHIFT + " and " + SCALE + ")");
            }
        }
        Preprocessing preprocessing;
        try {
            preprocessing = new Preprocessing(requireTensor(tensors, SHIFT, file), requireTensor(tensors, SCALE,
                    file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": invalid preprocessing: " + e.getMessage(), e);
        }
        if (preprocessing.numFeatures() != inputs) {
            throw new IOException(file + ": the preprocessing has " + preprocessing.numFeatures()
                    + " columns, the architecture " + inputs + " inputs");
        }
        try {
            return new SavedModel(config, inputs, classes, labels, preprocessing, weights);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the weights do not fit the architecture "
                    + config.describe(inputs, classes) + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode require(JsonNode node, String key, Path file) throws IOException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new IOException(file + ": missing key \"" + key + "\"");
        }
        return v;
    }

    private static int positiveInt(JsonNode node, String key, Path file) throws IOException {
        JsonNode v = require(node, key, file);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw new IOException(file + ": \"architecture." + key + "\" must be an integer >= 1, got " + v);
        }
        return v.asInt();
    }

    private static Matrix requireTensor(Map<String, Matrix> tensors, String name, Path file) throws IOException {
        Matrix m = tensors.get(name);
        if (m == null) {
            throw new IOException(file + ": missing tensor '" + name + "'");
        }
        return m;
    }

    /**
     * Scores the model on labelled raw features: the preprocessing, then {@link Evaluator#evaluate(Module, Dataset)}
     * (loss, accuracy, predictions, confusion matrix). For a split of the data the model was trained on, the
     * result equals the run's own {@link TrainingRun#evaluate(Dataset)} on that split, bit for bit (the
     * preprocessing reproduces the run's inputs exactly).
     *
     * @param rawData {@code N} samples with {@code D} raw feature columns and labels in {@code [0, C)}; not modified
     * @return the evaluation
     * @throws IllegalArgumentException if {@code rawData} has not {@code D} features or {@code C} classes
     */
    public Evaluation evaluate(Dataset rawData) {
        Objects.requireNonNull(rawData, "SavedModel.evaluate: rawData must not be null");
        checkShape("SavedModel.evaluate: rawData", rawData);
        return Evaluator.evaluate(model, rawData.withFeatures(preprocessing.apply(rawData.features())));
    }

    /**
     * Scores the model on labelled features that are already preprocessed, such as a set of the
     * {@link PreparedData} of the configuration the model was trained with:
     * {@link Evaluator#evaluate(Module, Dataset)} without applying {@link #preprocessing()}.
     *
     * @param inputs {@code N} samples with {@code D} model inputs and labels in {@code [0, C)}; not modified
     * @return the evaluation
     * @throws IllegalArgumentException if {@code inputs} has not {@code D} features or {@code C} classes
     */
    public Evaluation evaluatePreprocessed(Dataset inputs) {
        Objects.requireNonNull(inputs, "SavedModel.evaluatePreprocessed: inputs must not be null");
        checkShape("SavedModel.evaluatePreprocessed: inputs", inputs);
        return Evaluator.evaluate(model, inputs);
    }

    private void checkShape(String what, Dataset data) {
        if (!data.isClassification()) {
            throw new IllegalArgumentException(what + " must have class labels, got regression targets");
        }
        if (data.numFeatures() != inputs || data.numClasses() != classes) {
            throw new IllegalArgumentException(what + ": expected " + inputs + " features and " + classes
                    + " classes (the model's), got " + data.numFeatures() + " features and " + data.numClasses()
                    + " classes");
        }
    }

    /**
     * Predicts raw feature rows: preprocessing, the model in evaluation mode, softmax and argmax (see the class
     * documentation).
     *
     * @param rawFeatures {@code N x D} raw features (not preprocessed), {@code N >= 0}; not modified
     * @return the logits, probabilities, classes and labels
     * @throws IllegalArgumentException if {@code rawFeatures} does not have {@code D} columns
     */
    public Prediction predict(Matrix rawFeatures) {
        Objects.requireNonNull(rawFeatures, "SavedModel.predict: rawFeatures must not be null");
        if (rawFeatures.cols() != inputs) {
            throw new IllegalArgumentException("SavedModel.predict: expected " + inputs + " feature columns, got "
                    + rawFeatures.cols() + " (rawFeatures is " + rawFeatures.shape() + ")");
        }
        int n = rawFeatures.rows();
        Matrix logits = n == 0 ? Matrix.zeros(0, classes)
                : Evaluator.outputs(model, preprocessing.apply(rawFeatures));
        double[] z = logits.toRowMajorArray();
        double[] p = new double[z.length];
        int[] predicted = new int[n];
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            int best = 0;
            double max = z[row];
            for (int c = 1; c < classes; c++) {
                if (z[row + c] > max) {
                    max = z[row + c];
                    best = c;
                }
            }
            double sum = 0.0;
            for (int c = 0; c < classes; c++) {
                p[row + c] = Math.exp(z[row + c] - max);
                sum += p[row + c];
            }
            for (int c = 0; c < classes; c++) {
                p[row + c] /= sum;
            }
            predicted[i] = best;
            names.add(classLabels.get(best));
        }
        return new Prediction(logits, Matrix.fromRowMajor(n, classes, p), predicted, names);
    }

    /**
     * The architecture.
     *
     * @return the model configuration
     */
    public ModelConfig modelConfig() {
        return modelConfig;
    }

    /**
     * The input width.
     *
     * @return {@code D}
     */
    public int inputs() {
        return inputs;
    }

    /**
     * The number of classes.
     *
     * @return {@code C}
     */
    public int classes() {
        return classes;
    }

    /**
     * The class names, in class order.
     *
     * @return {@code C} names (unmodifiable)
     */
    public List<String> classLabels() {
        return classLabels;
    }

    /**
     * The preprocessing applied to raw features.
     *
     * @return the preprocessing
     */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /**
     * The weights and buffers, by {@code Module.stateDict()} name.
     *
     * @return an unmodifiable map in state order
     */
    public Map<String, Matrix> weights() {
        return weights;
    }
}
