package io.github.dlref.verify.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.autograd.Autograd;
import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.data.Batch;
import io.github.dlref.data.DataLoader;
import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Buffer;
import io.github.dlref.nn.NamedParameter;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.layers.Dropout;
import io.github.dlref.nn.losses.Loss;
import io.github.dlref.optim.schedule.LearningRateSchedule;
import io.github.dlref.verify.certificate.CertificateEmbedding;
import io.github.dlref.verify.certificate.CertificateReader;
import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.examples.WorkedExample;
import io.github.dlref.verify.oracle.spec.Component;
import io.github.dlref.verify.oracle.spec.JsonNumbers;
import io.github.dlref.verify.oracle.spec.ModelSpec;
import io.github.dlref.verify.oracle.spec.ParametersSpec;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecBuilders;
import io.github.dlref.verify.oracle.spec.SpecParser;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The language-neutral golden vectors ({@code dlref vectors --out DIR}; format {@value #FORMAT}, documented
 * in {@code docs/oracle-format.md}, one JSON Schema per file kind in {@code docs/schemas/}): every op (inputs,
 * value, gradients for a given upstream gradient), every layer and loss, every optimizer preset and
 * convention (per-step parameters, state and loss), every schedule, every initializer (first values for a
 * seed), the data loader's permutations, every worked example of the catalog, and second derivatives
 * (Hessian-vector products of every op, Hessians of a small MLP loss).
 *
 * <p>Every file names its producer ({@link OracleVersion#PRODUCER}), the independent checks the same code
 * passes, and the tolerance it is meant for. Numbers as in {@link JsonNumbers}. The output is a pure function
 * of the code: generating twice gives identical bytes (the committed copy in {@code vectors/} is checked by a
 * test).
 *
 * <p>Where a certificate of a file exists (issue 22: the classpath resource
 * {@code io/github/dlref/verify/certificates/<name>.json}, written by {@code scripts/certify/<name>.py}), it is
 * attached by {@link CertificateEmbedding}: a header field {@code certificate} and, after each certified entry's own
 * fields, a field {@code certified}; every line the file has without it stays unchanged.
 */
public final class VectorWriter {

    /** The {@code "format"} of every vector file. */
    public static final String FORMAT = "dlref.vectors.v1";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The description of {@code index.json}: the files, and what a certificate adds to them (issue 22). */
    static final String INDEX_DESCRIPTION = "the files of this directory. A file with a certificate (issue 22, "
            + "docs/certified-vectors.md) has a header field certificate (the mpmath script that recomputed its "
            + "numbers in at least 50 digits from the same doubles, the certified fields and the families with their "
            + "bounds) "
            + "and, after the own fields of each certified entry, a field certified: the family, its bound in words, "
            + "max_ulps and, for each certified number (by RFC 6901 pointer into the entry), the correctly rounded "
            + "exact value as a decimal (exact), dlref's error in units in the last place (ulps) and, when present, "
            + "the scale and terms of a scaled bound and the framework_order double";

    private VectorWriter() {
    }

    /**
     * Generates every vector file.
     *
     * @param catalog supplies the worked-example catalog
     * @return file name to content (pretty-printed JSON with a trailing line separator), in a fixed order
     */
    public static Map<String, String> generate(Supplier<ExampleCatalog> catalog) {
        return generate(catalog, true);
    }

    /**
     * Generates every vector file, with or without the certificates attached.
     *
     * @param catalog supplies the worked-example catalog
     * @param certificates whether to attach each file's certificate where one exists (as {@link #generate(Supplier)}
     *     does); without, the files are those before issue 22 but for the index's description
     * @return file name to content (pretty-printed JSON with a trailing line separator), in a fixed order
     */
    public static Map<String, String> generate(Supplier<ExampleCatalog> catalog, boolean certificates) {
        Map<String, ObjectNode> files = new LinkedHashMap<>();
        files.put("ops.json", ops());
        files.put("layers.json", layers());
        files.put("losses.json", losses());
        files.put("optimizers.json", optimizers());
        files.put("schedules.json", schedules());
        files.put("initializers.json", initializers());
        files.put("loader.json", loader());
        files.put("examples.json", examples(catalog.get()));
        files.put("second_order.json", secondOrder());
        ObjectNode index = header("index", INDEX_DESCRIPTION, "see each file", 0.0, 0.0, "nothing to compare");
        ObjectNode list = index.putObject("files");
        files.forEach((name, tree) -> list.put(name, tree.get("description").asText()));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("index.json", SpecWriter.pretty(index));
        files.forEach((name, tree) -> out.put(name, CertificateReader.resource(name.substring(0, name.length() - 5))
                .filter(c -> certificates)
                .map(c -> CertificateEmbedding.keepLines(SpecWriter.pretty(CertificateEmbedding.embed(tree, c))))
                .orElseGet(() -> SpecWriter.pretty(tree))));
        return out;
    }

    /**
     * Writes every vector file into a directory (created if needed).
     *
     * @param dir the directory
     * @param catalog supplies the worked-example catalog
     * @return the files written
     * @throws UncheckedIOException if a file cannot be written
     */
    public static List<Path> write(Path dir, Supplier<ExampleCatalog> catalog) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : generate(catalog).entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
                written.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write vectors to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static ObjectNode header(String kind, String description, String checkedAgainst, double absolute,
            double relative, String toleranceNote) {
        ObjectNode root = F.objectNode();
        root.put("format", FORMAT);
        root.put("kind", kind);
        root.put("description", description);
        root.put("producer", OracleVersion.PRODUCER);
        root.put("checked_against", checkedAgainst);
        ObjectNode tol = root.putObject("tolerance");
        tol.set("absolute", JsonNumbers.write(absolute));
        tol.set("relative", JsonNumbers.write(relative));
        tol.put("note", toleranceNote);
        root.put("numbers", "JSON numbers are Java's Double.toString of the double (they parse back to the same "
                + "double); non-finite values are the strings NaN, Infinity, -Infinity; matrices are arrays of rows");
        return root;
    }

    /** The class of each one-hot row. */
    static int[] classesOf(Matrix oneHot) {
        int[] k = new int[oneHot.rows()];
        for (int i = 0; i < k.length; i++) {
            k[i] = oneHot.getRow(i).maxPerRow().index(0);
        }
        return k;
    }

    static String describe(Component c) {
        StringBuilder sb = new StringBuilder(c.type());
        List<String> parts = new ArrayList<>();
        c.settings().forEach((k, v) -> parts.add(k + "=" + v));
        if (!parts.isEmpty()) {
            sb.append('(').append(String.join(", ", parts)).append(')');
        }
        return sb.toString();
    }

    private static final String FLOAT64_NOTE = "another float64 implementation of the same formula may sum in "
            + "another order: compare |theirs - ours| <= absolute + relative max|ours| over each matrix";

    // ------------------------------------------------------------------------------------------
    // Ops

    private static ObjectNode ops() {
        ObjectNode root = header("ops", "every autograd op: inputs, attributes, an upstream gradient, the value and "
                + "the gradient of each input (vector-Jacobian product)",
                "autograd's op tests (values by hand, PyTorch float64 golden values) and dlref gradcheck", 1e-15,
                1e-12, FLOAT64_NOTE);
        ArrayNode vectors = root.putArray("vectors");
        int[] shape = {2, 3};
        List<Subjects.Op> all = new ArrayList<>(Subjects.ops());
        all.addAll(Subjects.constantOps(new Rng(7L), shape[0], shape[1]));
        long seed = 100;
        for (Subjects.Op op : all) {
            Rng rng = new Rng(seed++);
            Matrix[] values = op.inputs().apply(rng, shape);
            Tensor[] inputs = new Tensor[values.length];
            for (int i = 0; i < values.length; i++) {
                inputs[i] = Tensor.variable(op.inputNames().get(i), values[i]);
            }
            Tensor out = op.function().apply(inputs);
            Matrix upstream = rng.gaussian(out.rows(), out.cols(), 0.0, 1.0);
            out.backward(upstream);
            ObjectNode v = vectors.addObject();
            v.put("op", op.name());
            ObjectNode attrs = v.putObject("attributes");
            op.attributes().forEach((k, x) -> attrs.set(k, TrajectoryJson.generic(x)));
            ObjectNode in = v.putObject("inputs");
            for (int i = 0; i < values.length; i++) {
                in.set(op.inputNames().get(i), JsonNumbers.write(values[i]));
            }
            v.set("upstream", JsonNumbers.write(upstream));
            v.set("output", JsonNumbers.write(out.value()));
            ObjectNode grads = v.putObject("gradients");
            for (int i = 0; i < values.length; i++) {
                grads.set(op.inputNames().get(i), JsonNumbers.write(inputs[i].grad()));
            }
        }
        return root;
    }

    // ------------------------------------------------------------------------------------------
    // Second order

    private static ObjectNode secondOrder() {
        ObjectNode root = header("second_order", "second derivatives: for every autograd op, with f(x) = sum(op(x) * u)"
                + " for the upstream gradient u, the gradient of f and the Hessian-vector product H v for a direction v"
                + " (one matrix per input); for a small MLP loss, the gradient, H v and the full Hessian with respect"
                + " to its parameters",
                "autograd's second-order tests (PyTorch float64 Hessians and Hessian-vector products of every op and"
                + " of an MLP loss, gradgradcheck of every twice-differentiable op)", 1e-15, 1e-12, FLOAT64_NOTE);
        ArrayNode vectors = root.putArray("vectors");
        int[] shape = {2, 3};
        List<Subjects.Op> all = new ArrayList<>(Subjects.ops());
        all.addAll(Subjects.constantOps(new Rng(7L), shape[0], shape[1]));
        long seed = 500;
        for (Subjects.Op op : all) {
            Rng rng = new Rng(seed++);
            Matrix[] values = op.inputs().apply(rng, shape);
            Tensor[] inputs = new Tensor[values.length];
            for (int i = 0; i < values.length; i++) {
                inputs[i] = Tensor.variable(op.inputNames().get(i), values[i]);
            }
            Tensor out = op.function().apply(inputs);
            Matrix upstream = rng.gaussian(out.rows(), out.cols(), 0.0, 1.0);
            Matrix[] directions = new Matrix[values.length];
            for (int i = 0; i < values.length; i++) {
                directions[i] = rng.gaussian(values[i].rows(), values[i].cols(), 0.0, 1.0);
            }
            List<Tensor> gradients = Autograd.grad(out, List.of(inputs), Tensor.constant(upstream), false);
            Matrix[] products = Autograd.hvp(xs -> op.function().apply(xs).times(Tensor.constant(upstream)).sum(),
                    values, directions);
            ObjectNode v = vectors.addObject();
            v.put("op", op.name());
            ObjectNode attrs = v.putObject("attributes");
            op.attributes().forEach((k, x) -> attrs.set(k, TrajectoryJson.generic(x)));
            v.put("twice_differentiable", twiceDifferentiable(out));
            ObjectNode in = v.putObject("inputs");
            ObjectNode dirs = v.putObject("directions");
            ObjectNode grads = v.putObject("gradients");
            ObjectNode hv = v.putObject("hessian_vector_products");
            for (int i = 0; i < values.length; i++) {
                String name = op.inputNames().get(i);
                in.set(name, JsonNumbers.write(values[i]));
                dirs.set(name, JsonNumbers.write(directions[i]));
                grads.set(name, JsonNumbers.write(gradients.get(i).value()));
                hv.set(name, JsonNumbers.write(products[i]));
            }
            v.set("upstream", JsonNumbers.write(upstream));
            v.set("output", JsonNumbers.write(out.value()));
        }
        ArrayNode functions = root.putArray("functions");
        functions.add(mlpSecondOrder("mlp_tanh_mse", false));
        functions.add(mlpSecondOrder("mlp_tanh_cross_entropy", true));
        nnSecondOrder(root.putArray("nn_functions"));
        return root;
    }

    /**
     * Issue 21: Hessian-vector products through nn's layers and losses. For every issue-21 layer of the spec format
     * ({@code Subjects.moreLayers()}), {@code f = sum(u * layer(x))} with respect to the input and the layer's
     * parameters; for every issue-21 loss (Huber, smooth L1, NLL, KL divergence, cross-entropy with label smoothing,
     * class weights and {@code ignore_index}), {@code f = loss(prediction, target)} with respect to the prediction.
     * Parameters from {@code ParametersSpec.seeded(seed)}; input, {@code u} and the directions (input first, then the
     * parameters in order) drawn from {@code new Rng(seed)}, seeds from 700 (layers) and 800 (losses) on.
     */
    private static void nnSecondOrder(ArrayNode out) {
        int[] shape = {4, 3};
        long seed = 700;
        for (Subjects.LayerCase c : Subjects.moreLayers()) {
            Rng rng = new Rng(seed);
            Sequential model = SpecBuilders.model(new ModelSpec(shape[1], List.of(c.layer())),
                    ParametersSpec.seeded(seed++));
            Tensor x = Tensor.variable("input", c.draw().apply(rng, shape));
            Matrix upstream = rng.gaussian(shape[0], shape[1], 0.0, 1.0);
            List<Tensor> wrt = new ArrayList<>();
            List<String> names = new ArrayList<>();
            wrt.add(x);
            names.add("input");
            for (NamedParameter np : model.namedParameters()) {
                wrt.add(np.parameter());
                names.add(np.name());
            }
            Tensor f = model.forward(x).times(Tensor.constant(upstream)).sum();
            ObjectNode v = out.addObject();
            v.put("name", c.name());
            v.set("layer", SpecWriter.component(c.layer()));
            v.put("parameter_seed", seed - 1);
            v.put("function", "sum(upstream * layer(input)), with respect to the input and the parameters");
            v.set("upstream", JsonNumbers.write(upstream));
            hessianVectorProducts(v, f, wrt, names, rng);
        }
        List<Subjects.LossCase> losses = new ArrayList<>(Subjects.moreLosses());
        losses.addAll(Subjects.weightedLosses(shape[1]));
        losses.addAll(Subjects.ignoreIndexLosses(shape[1]));
        seed = 800;
        for (Subjects.LossCase c : losses) {
            Rng rng = new Rng(seed++);
            Matrix[] pt = c.draw().apply(rng, shape);
            Loss loss = SpecBuilders.loss(c.loss());
            Tensor p = Tensor.variable("prediction", pt[0]);
            Tensor f = SpecBuilders.needsClassIndices(c.loss()) ? loss.forward(p, classesOf(pt[1]))
                    : loss.forward(p, pt[1]);
            ObjectNode v = out.addObject();
            v.set("loss", SpecWriter.component(c.loss()));
            v.put("function", "loss(prediction, target), with respect to the prediction");
            v.set("target", JsonNumbers.write(pt[1]));
            hessianVectorProducts(v, f, List.of(p), List.of("prediction"), rng);
        }
    }

    /** Writes the point, a direction per tensor (drawn from {@code rng}), the value, the gradients and H v. */
    private static void hessianVectorProducts(ObjectNode v, Tensor f, List<Tensor> wrt, List<String> names, Rng rng) {
        List<Tensor> gradients = Autograd.grad(f, wrt, true);
        ObjectNode point = v.putObject("point");
        ObjectNode dirs = v.putObject("directions");
        ObjectNode grads = v.putObject("gradients");
        Tensor projection = null;
        for (int i = 0; i < wrt.size(); i++) {
            Matrix direction = rng.gaussian(wrt.get(i).rows(), wrt.get(i).cols(), 0.0, 1.0);
            point.set(names.get(i), JsonNumbers.write(wrt.get(i).value()));
            dirs.set(names.get(i), JsonNumbers.write(direction));
            grads.set(names.get(i), JsonNumbers.write(gradients.get(i).value()));
            Tensor term = gradients.get(i).times(Tensor.constant(direction)).sum();
            projection = projection == null ? term : projection.plus(term);
        }
        // a loss linear in its input (nll, kl_div of log-probabilities) has a constant gradient: H v = 0
        List<Tensor> products = projection.requiresGrad() ? Autograd.grad(projection, wrt, false) : null;
        ObjectNode hv = v.putObject("hessian_vector_products");
        for (int i = 0; i < wrt.size(); i++) {
            Tensor t = wrt.get(i);
            hv.set(names.get(i), JsonNumbers.write(products != null ? products.get(i).value()
                    : Matrix.zeros(t.rows(), t.cols())));
        }
        v.put("twice_differentiable", twiceDifferentiable(f));
        v.set("value", JsonNumbers.write(f.item()));
        v.put("checked_against", "nn's SecondOrderGoldenTest (PyTorch float64 Hessian-vector products of every issue-21"
                + " activation, LayerNorm and loss) and SecondOrderSweepTest (gradgradcheck)");
    }

    /**
     * Whether every op of the graph is twice differentiable ({@code Op.isTwiceDifferentiable()}).
     *
     * @param output the graph's output
     * @return true if no op of the graph reports itself not twice differentiable
     */
    static boolean twiceDifferentiable(Tensor output) {
        java.util.Deque<Tensor> pending = new java.util.ArrayDeque<>();
        pending.push(output);
        while (!pending.isEmpty()) {
            Tensor t = pending.pop();
            if (t.creator() != null && !t.creator().isTwiceDifferentiable()) {
                return false;
            }
            t.inputs().forEach(pending::push);
        }
        return true;
    }

    /**
     * A Linear(3, 4) - tanh - Linear(4, k) network on a batch of 5 samples, with PyTorch's {@code nn.Linear}
     * convention {@code y = x W^T + b}: mean squared error against 5 x 2 targets, or mean softmax cross-entropy
     * against 5 class indices of 3 classes. The parameters W1, b1, W2, b2 and the data are Gaussian draws of
     * {@code new Rng(900)} (cross-entropy: {@code new Rng(901)}) in that order, row-major, then the direction.
     */
    private static ObjectNode mlpSecondOrder(String name, boolean crossEntropy) {
        Rng rng = new Rng(crossEntropy ? 901L : 900L);
        int k = crossEntropy ? 3 : 2;
        Matrix w1 = rng.gaussian(4, 3, 0.0, 0.5);
        Matrix b1 = rng.gaussian(1, 4, 0.0, 0.1);
        Matrix w2 = rng.gaussian(k, 4, 0.0, 0.5);
        Matrix b2 = rng.gaussian(1, k, 0.0, 0.1);
        Matrix x = rng.gaussian(5, 3, 0.0, 1.0);
        Matrix targets = crossEntropy ? null : rng.gaussian(5, k, 0.0, 1.0);
        int[] classes = crossEntropy ? Subjects.classes(rng, 5, k) : null;
        Matrix[] point = {w1, b1, w2, b2};
        Matrix[] direction = new Matrix[point.length];
        for (int i = 0; i < point.length; i++) {
            direction[i] = rng.gaussian(point[i].rows(), point[i].cols(), 0.0, 1.0);
        }
        java.util.function.Function<Tensor[], Tensor> loss = p -> {
            Tensor logits = Tensor.constant(x).timesTranspose(p[0]).plusRow(p[1]).tanh().timesTranspose(p[2])
                    .plusRow(p[3]);
            return crossEntropy ? logits.softmaxCrossEntropy(classes)
                    : logits.minus(Tensor.constant(targets)).pow(2.0).mean();
        };
        Tensor[] leaves = new Tensor[point.length];
        for (int i = 0; i < point.length; i++) {
            leaves[i] = Tensor.variable(point[i]);
        }
        Tensor value = loss.apply(leaves);
        List<Tensor> gradients = Autograd.grad(value, List.of(leaves), false);
        Matrix[] products = Autograd.hvp(loss, point, direction);
        ObjectNode v = F.objectNode();
        v.put("name", name);
        v.put("description", "tanh(x W1^T + b1) W2^T + b2 = logits; loss = " + (crossEntropy
                ? "mean over rows of -log softmax(logits)[class] (PyTorch F.cross_entropy)"
                : "mean over all entries of (logits - targets)^2 (PyTorch F.mse_loss)")
                + "; Hessian over the parameters flattened row-major in the order W1, b1, W2, b2");
        ObjectNode data = v.putObject("data");
        data.set("x", JsonNumbers.write(x));
        if (crossEntropy) {
            ArrayNode cs = data.putArray("classes");
            for (int c : classes) {
                cs.add(c);
            }
        } else {
            data.set("targets", JsonNumbers.write(targets));
        }
        String[] names = {"W1", "b1", "W2", "b2"};
        ObjectNode params = v.putObject("parameters");
        ObjectNode dirs = v.putObject("directions");
        ObjectNode grads = v.putObject("gradients");
        ObjectNode hv = v.putObject("hessian_vector_products");
        for (int i = 0; i < names.length; i++) {
            params.set(names[i], JsonNumbers.write(point[i]));
            dirs.set(names[i], JsonNumbers.write(direction[i]));
            grads.set(names[i], JsonNumbers.write(gradients.get(i).value()));
            hv.set(names[i], JsonNumbers.write(products[i]));
        }
        v.set("loss", JsonNumbers.write(value.item()));
        v.set("hessian", JsonNumbers.write(Autograd.hessian(loss, point)));
        return v;
    }

    // ------------------------------------------------------------------------------------------
    // Layers

    private static ObjectNode layers() {
        ObjectNode root = header("layers", "every layer of the spec format: parameters (drawn from a seed), input, "
                + "upstream gradient, output, input and parameter gradients, buffers before and after",
                "nn's PyTorch float64 golden values (nn/src/test/resources/golden) and dlref gradcheck", 1e-15, 1e-12,
                FLOAT64_NOTE);
        ArrayNode vectors = root.putArray("vectors");
        int[] shape = {4, 3};
        long seed = 200;
        List<Subjects.LayerCase> cases = new ArrayList<>(Subjects.layers());
        cases.add(new Subjects.LayerCase("dropout", Component.of("layer", "dropout", "p", 0.5, "seed", 7), false, 1,
                (rng, s) -> rng.gaussian(s[0], s[1], 0.0, 1.0)));
        cases.addAll(Subjects.moreLayers()); // after dropout: the earlier vectors keep their seeds
        for (Subjects.LayerCase c : cases) {
            Rng rng = new Rng(seed);
            Sequential model = SpecBuilders.model(new ModelSpec(shape[1], List.of(c.layer())),
                    ParametersSpec.seeded(seed++));
            ObjectNode v = vectors.addObject();
            v.put("name", c.name());
            v.set("layer", SpecWriter.component(c.layer()));
            v.put("parameter_seed", seed - 1);
            v.put("mode", c.eval() ? "eval" : "train");
            if (c.eval()) {
                Matrix warm = c.draw().apply(rng, shape);
                model.forward(Tensor.constant(warm));
                model.eval();
                v.set("training_input_before", JsonNumbers.write(warm));
            }
            v.set("parameters", values(model));
            v.set("buffers_before", buffers(model));
            Parameter x = new Parameter("input", c.draw().apply(rng, shape));
            Tensor out = model.forward(x);
            Matrix upstream = rng.gaussian(out.rows(), out.cols(), 0.0, 1.0);
            out.backward(upstream);
            v.set("input", JsonNumbers.write(x.value()));
            v.set("upstream", JsonNumbers.write(upstream));
            v.set("output", JsonNumbers.write(out.value()));
            v.set("input_gradient", JsonNumbers.write(x.grad()));
            ObjectNode pg = v.putObject("parameter_gradients");
            for (NamedParameter np : model.namedParameters()) {
                pg.set(np.name(), JsonNumbers.write(np.parameter().grad()));
            }
            v.set("buffers_after", buffers(model));
            if (model.get(0) instanceof Dropout d) {
                v.set("mask", JsonNumbers.write(d.lastMask()));
            }
        }
        return root;
    }

    private static ObjectNode values(Sequential model) {
        ObjectNode o = F.objectNode();
        for (NamedParameter np : model.namedParameters()) {
            o.set(np.name(), JsonNumbers.write(np.parameter().value()));
        }
        return o;
    }

    private static ObjectNode buffers(Sequential model) {
        ObjectNode o = F.objectNode();
        for (Map.Entry<String, Buffer> e : model.namedBuffers().entrySet()) {
            o.set(e.getKey(), JsonNumbers.write(e.getValue().value()));
        }
        return o;
    }

    // ------------------------------------------------------------------------------------------
    // Losses

    private static ObjectNode losses() {
        ObjectNode root = header("losses", "every loss and reduction of the spec format: prediction, target, loss "
                + "and its gradient with respect to the prediction",
                "nn's PyTorch float64 golden values (nn/src/test/resources/golden) and dlref gradcheck", 1e-15, 1e-12,
                FLOAT64_NOTE);
        ArrayNode vectors = root.putArray("vectors");
        int[] shape = {3, 4};
        long seed = 300;
        List<Subjects.LossCase> cases = new ArrayList<>(Subjects.losses());
        cases.addAll(Subjects.moreLosses()); // after the earlier losses: their vectors keep their seeds
        cases.addAll(Subjects.weightedLosses(shape[1]));
        cases.addAll(Subjects.ignoreIndexLosses(shape[1])); // issue 21, after the others: their seeds are unchanged
        for (Subjects.LossCase c : cases) {
            Matrix[] pt = c.draw().apply(new Rng(seed++), shape);
            Loss loss = SpecBuilders.loss(c.loss());
            Tensor p = Tensor.variable("prediction", pt[0]);
            Tensor value = SpecBuilders.needsClassIndices(c.loss()) ? loss.forward(p, classesOf(pt[1]))
                    : loss.forward(p, pt[1]);
            value.backward();
            ObjectNode v = vectors.addObject();
            v.set("loss", SpecWriter.component(c.loss()));
            v.set("prediction", JsonNumbers.write(pt[0]));
            v.set("target", JsonNumbers.write(pt[1]));
            v.set("value", JsonNumbers.write(value.item()));
            v.set("gradient", JsonNumbers.write(p.grad()));
        }
        return root;
    }

    // ------------------------------------------------------------------------------------------
    // Optimizers

    /** The 2-3-1 problem of the optim module's PyTorch golden trajectories, as a spec without optimizer. */
    static final String MLP_PROBLEM = "\"model\": {\"input\": 2, \"layers\": [{\"type\": \"linear\", \"out\": 3}, "
            + "{\"type\": \"relu\"}, {\"type\": \"linear\", \"out\": 1}]}, \"parameters\": {\"values\": {\"0.weight\": "
            + "[[0.1, -0.2], [0.4, 0.3], [-0.5, 0.6]], \"0.bias\": [[0.05, -0.1, 0.2]], \"2.weight\": "
            + "[[0.3, -0.6, 0.9]], \"2.bias\": [[0.1]]}}, \"data\": {\"inputs\": [[0.5, -1.0], [1.5, 0.25], "
            + "[-0.75, 2.0], [1.0, 1.0]], \"targets\": [[1.0], [-0.5], [0.25], [2.0]]}, \"loss\": {\"type\": \"mse\"}, "
            + "\"training\": {\"steps\": 5}, \"output\": {\"optimizer_state\": true}";

    /**
     * The optimizer configurations of the vectors: every preset of every optimizer, and every convention
     * switch, on the golden 2-3-1 problem.
     *
     * @return optimizer components as JSON objects, in order
     */
    static List<String> optimizerConfigs() {
        List<String> out = new ArrayList<>();
        for (String preset : SpecBuilders.presets("sgd")) {
            out.add("{\"type\": \"sgd\", \"preset\": \"" + preset + "\", \"lr\": 0.1, \"momentum\": 0.9}");
        }
        out.add("{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1}");
        out.add("{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1, \"momentum\": 0.9, \"dampening\": 0.3}");
        out.add("{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1, \"momentum\": 0.9, \"nesterov\": true}");
        out.add("{\"type\": \"sgd\", \"preset\": \"keras\", \"lr\": 0.1, \"momentum\": 0.9, \"nesterov\": true}");
        for (String form : List.of("coupled_l2", "decoupled", "decoupled_unscaled")) {
            out.add("{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1, \"weight_decay\": 0.1, "
                    + "\"weight_decay_form\": \"" + form + "\"}");
        }
        for (String preset : SpecBuilders.presets("adagrad")) {
            out.add("{\"type\": \"adagrad\", \"preset\": \"" + preset + "\", \"lr\": 0.1}");
        }
        out.add("{\"type\": \"adagrad\", \"preset\": \"pytorch\", \"lr\": 0.1, \"lr_decay\": 0.05}");
        for (String preset : SpecBuilders.presets("rmsprop")) {
            out.add("{\"type\": \"rmsprop\", \"preset\": \"" + preset + "\", \"lr\": 0.01, \"alpha\": 0.9}");
        }
        out.add("{\"type\": \"rmsprop\", \"preset\": \"pytorch\", \"lr\": 0.01, \"centered\": true}");
        out.add("{\"type\": \"rmsprop\", \"preset\": \"pytorch\", \"lr\": 0.01, \"momentum\": 0.9}");
        out.add("{\"type\": \"rmsprop\", \"preset\": \"keras\", \"lr\": 0.01, \"momentum\": 0.9}");
        for (String preset : SpecBuilders.presets("adam")) {
            out.add("{\"type\": \"adam\", \"preset\": \"" + preset + "\", \"lr\": 0.1}");
        }
        out.add("{\"type\": \"adam\", \"preset\": \"pytorch\", \"lr\": 0.1, \"amsgrad\": true}");
        out.add("{\"type\": \"adam\", \"preset\": \"optax\", \"lr\": 0.1, \"amsgrad\": true}");
        out.add("{\"type\": \"adam\", \"preset\": \"optax\", \"lr\": 0.1, \"eps_root\": 1e-8}");
        out.add("{\"type\": \"adam\", \"preset\": \"pytorch\", \"lr\": 0.1, \"weight_decay\": 0.1}");
        for (String preset : SpecBuilders.presets("adamw")) {
            out.add("{\"type\": \"adamw\", \"preset\": \"" + preset + "\", \"lr\": 0.1, \"weight_decay\": 0.1}");
        }
        for (String type : List.of("nadam", "radam", "adamax", "adadelta", "rprop", "asgd")) {
            for (String preset : SpecBuilders.presets(type)) {
                out.add("{\"type\": \"" + type + "\", \"preset\": \"" + preset + "\", \"lr\": 0.1}");
            }
        }
        out.add("{\"type\": \"nadam\", \"preset\": \"pytorch\", \"lr\": 0.1, \"nadam_form\": \"dozat\"}");
        out.add("{\"type\": \"nadam\", \"preset\": \"pytorch\", \"lr\": 0.1, \"weight_decay\": 0.1}");
        out.add("{\"type\": \"radam\", \"preset\": \"pytorch\", \"lr\": 0.1, \"betas\": [0.9, 0.9]}");
        out.add("{\"type\": \"asgd\", \"preset\": \"pytorch\", \"lr\": 0.1, \"t0\": 2}");
        out.add("{\"type\": \"adamax\", \"preset\": \"keras\", \"lr\": 0.1, \"eps\": 0.1}");
        return out;
    }

    private static ObjectNode optimizers() {
        ObjectNode root = header("optimizers", "every optimizer preset and convention on the optim module's golden "
                + "2-3-1 problem (5 full-batch steps): the spec, the resolved hyper-parameters and the trajectory "
                + "(loss, gradients, parameters and optimizer state after every step)",
                "optim's PyTorch float64 golden trajectories (optim/src/test/resources/golden) for the pytorch presets; "
                + "optim's 40-digit evaluations of the Keras, Optax and document formulas for the others", 1e-12, 1e-9,
                "trajectories accumulate rounding: compare each value with |theirs - ours| <= absolute + relative |ours|");
        ArrayNode vectors = root.putArray("vectors");
        for (String config : optimizerConfigs()) {
            Spec spec = SpecParser.parse("{\"format\": \"" + Spec.FORMAT + "\", " + MLP_PROBLEM + ", \"optimizer\": "
                    + config + "}");
            ObjectNode v = vectors.addObject();
            v.put("name", describe(spec.optimizer()));
            v.set("spec", SpecWriter.toTree(spec));
            v.set("resolved", TrajectoryJson.generic(Runner.recordMap(SpecBuilders.hyperparameters(spec.optimizer()).asRecord())));
            v.put("description", SpecBuilders.hyperparameters(spec.optimizer()).description());
            v.set("trajectory", TrajectoryJson.write(Runner.run(spec)));
        }
        trainingToolVectors(vectors);
        return root;
    }

    /** Where the training-tool vectors (issue 21) were checked. */
    private static final String TOOLS_CHECKED = "PyTorch 1.13 float64 (scripts/golden/issue21_tools_vectors_torch.py): "
            + "torch.nn.utils.clip_grad_norm_/clip_grad_value_ (Keras and Optax clipping written out in torch), "
            + "torch.optim param groups, torch.optim.LBFGS";

    /**
     * The issue-21 training tools on the same problem, appended after the optimizer vectors: each clipping form,
     * parameter groups (by role and by name, with and without a schedule acting on every group) and L-BFGS
     * (without and with the strong-Wolfe line search). {@code resolved} is the trajectory's optimizer description
     * (every group's hyper-parameters, the clipping).
     */
    private static void trainingToolVectors(ArrayNode vectors) {
        for (String[] c : trainingToolConfigs()) {
            String problem = MLP_PROBLEM;
            if (c[1] != null) {
                problem = problem.replace("\"training\": {\"steps\": 5}", "\"training\": {\"steps\": 5, \"clipping\": "
                        + c[1] + "}");
            }
            if (c[0].contains("lbfgs")) {
                problem = problem.replace(", \"output\": {\"optimizer_state\": true}", "");
            }
            Spec spec = SpecParser.parse("{\"format\": \"" + Spec.FORMAT + "\", " + problem + ", \"optimizer\": "
                    + c[0] + c[2] + "}");
            Trajectory t = Runner.run(spec);
            ObjectNode v = vectors.addObject();
            v.put("name", describe(spec.optimizer()) + spec.training().clipping().map(x -> " + " + describe(x))
                    .orElse("") + spec.schedule().map(x -> " + " + describe(x)).orElse(""));
            v.set("spec", SpecWriter.toTree(spec));
            v.set("resolved", TrajectoryJson.generic(t.optimizer()));
            v.put("description", c[3] + "; checked against " + TOOLS_CHECKED);
            v.set("trajectory", TrajectoryJson.write(t));
        }
    }

    /**
     * The training-tool configurations of the optimizer vectors: the optimizer component, the
     * {@code training.clipping} component (or {@code null}), extra top-level JSON (a schedule) and a description.
     *
     * @return the configurations, in order
     */
    static List<String[]> trainingToolConfigs() {
        String sgd = "{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1, \"momentum\": 0.9";
        String[][] configs = {
            {sgd + "}", "{\"type\": \"clip_grad_norm\", \"max_norm\": 0.5}", "", "PyTorch SGD with momentum after "
                    + "clip_grad_norm_(max_norm=0.5)"},
            {sgd + "}", "{\"type\": \"clip_grad_value\", \"clip_value\": 0.1}", "", "PyTorch SGD with momentum after "
                    + "clip_grad_value_(0.1)"},
            {sgd + "}", "{\"type\": \"keras_clipnorm\", \"clipnorm\": 0.3}", "", "PyTorch SGD with momentum after "
                    + "Keras clipnorm=0.3 (each parameter on its own)"},
            {sgd + "}", "{\"type\": \"keras_global_clipnorm\", \"global_clipnorm\": 0.3}", "", "PyTorch SGD with "
                    + "momentum after Keras global_clipnorm=0.3"},
            {"{\"type\": \"adam\", \"preset\": \"pytorch\", \"lr\": 0.1}",
                "{\"type\": \"optax_clip_by_global_norm\", \"max_norm\": 0.3}", "", "PyTorch Adam after Optax "
                    + "clip_by_global_norm(0.3)"},
            {sgd + ", \"param_groups\": [{\"params\": \"weights\", \"weight_decay\": 0.01}, {\"params\": \"biases\", "
                    + "\"lr\": 0.05, \"momentum\": 0.5}]}", null, "", "PyTorch SGD with two parameter groups: the "
                    + "weights with weight decay 0.01, the biases with lr 0.05 and momentum 0.5"},
            {sgd + ", \"param_groups\": [{\"params\": \"weights\", \"weight_decay\": 0.01}, {\"params\": \"biases\", "
                    + "\"lr\": 0.05, \"momentum\": 0.5}]}", null, ", \"schedule\": {\"type\": \"step\", \"step_size\": 2, "
                    + "\"gamma\": 0.5}", "the same with StepLR(step_size=2, gamma=0.5) stepped after every step, acting "
                    + "on each group from its own initial rate"},
            {"{\"type\": \"adam\", \"preset\": \"pytorch\", \"lr\": 0.05, \"param_groups\": [{\"params\": "
                    + "[\"2.weight\"], \"lr\": 0.01, \"betas\": [0.8, 0.99]}]}", null, "", "PyTorch Adam with the group "
                    + "['2.weight'] (lr 0.01, betas (0.8, 0.99)) and the other parameters in a last group with the "
                    + "optimizer's settings"},
            {"{\"type\": \"lbfgs\", \"preset\": \"pytorch\"}", null, "", "PyTorch LBFGS with its defaults (lr 1, "
                    + "max_iter 20, history 100, no line search): one step(closure) per step"},
            {"{\"type\": \"lbfgs\", \"preset\": \"pytorch\", \"line_search_fn\": \"strong_wolfe\", \"history_size\": "
                    + "5}", null, "", "PyTorch LBFGS with the strong-Wolfe line search and history 5"},
        };
        return List.of(configs);
    }

    // ------------------------------------------------------------------------------------------
    // Schedules

    private static ObjectNode schedules() {
        ObjectNode root = header("schedules", "every learning-rate schedule of the spec format: lr(t) for t = 0..20 "
                + "from lr0 = 0.1 (lr(t) is the rate of optimizer step t + 1)",
                "optim's PyTorch float64 golden trajectories (closed forms of StepLR, MultiStepLR, ExponentialLR, "
                + "LambdaLR, PolynomialLR, CosineAnnealingLR, LinearLR)", 0.0, 1e-14,
                "closed forms evaluated with java.lang.Math; pow and cos may differ by an ulp between libraries");
        ArrayNode vectors = root.putArray("vectors");
        List<Component> schedules = List.of(
                Component.of("schedule", "constant"),
                Component.of("schedule", "step", "step_size", 3, "gamma", 0.5),
                Component.of("schedule", "multistep", "milestones", List.of(2, 5, 9), "gamma", 0.1),
                Component.of("schedule", "exponential", "gamma", 0.8),
                Component.of("schedule", "exponential", "gamma", 0.5, "decay_steps", 4.0),
                Component.of("schedule", "inverse_time", "decay_rate", 0.5),
                Component.of("schedule", "polynomial", "total_iters", 8, "power", 2.0),
                Component.of("schedule", "polynomial", "total_iters", 8, "power", 1.0, "end_lr", 0.01),
                Component.of("schedule", "cosine", "T_max", 8, "eta_min", 0.001),
                Component.of("schedule", "cosine", "T_max", 8, "eta_min", 0.001, "after", "hold"),
                Component.of("schedule", "linear", "start_factor", 0.25, "end_factor", 1.0, "total_iters", 4),
                Component.of("schedule", "power", "power", 0.5),
                Component.of("schedule", "inverse_time_staircase", "decay_rate", 0.5, "decay_steps", 3.0),
                Component.of("schedule", "one_cycle", "total_steps", 21),
                Component.of("schedule", "one_cycle", "total_steps", 21, "pct_start", 0.25, "anneal_strategy", "linear",
                        "three_phase", true),
                Component.of("schedule", "cosine_warm_restarts", "T_0", 3, "T_mult", 2, "eta_min", 0.001),
                Component.of("schedule", "cyclic", "base_lr", 0.01, "step_size_up", 3.0, "step_size_down", 2.0),
                Component.of("schedule", "cyclic", "base_lr", 0.01, "step_size_up", 2.0, "mode", "triangular2"),
                Component.of("schedule", "cyclic", "base_lr", 0.01, "step_size_up", 2.0, "mode", "exp_range",
                        "gamma", 0.9));
        for (Component c : schedules) {
            LearningRateSchedule s = SpecBuilders.schedule(c, 0.1);
            ObjectNode v = vectors.addObject();
            v.set("schedule", SpecWriter.component(c));
            v.set("initial_lr", JsonNumbers.write(0.1));
            ArrayNode lrs = v.putArray("learning_rates");
            for (int t = 0; t <= 20; t++) {
                lrs.add(JsonNumbers.write(s.learningRate(t)));
            }
        }
        plateauVectors(vectors);
        return root;
    }

    /**
     * {@code reduce_on_plateau} (issue 21), appended after the step-count schedules: driven by a given sequence of
     * 20 monitored values, {@code learning_rates[k]} is the rate after the first {@code k} calls
     * ({@code learning_rates[0]} = lr0 = 0.1), for several settings. Checked against PyTorch 1.13's
     * {@code ReduceLROnPlateau} by {@code scripts/golden/issue21_tools_vectors_torch.py}.
     */
    private static void plateauVectors(ArrayNode vectors) {
        List<Double> metrics = List.of(1.0, 0.9, 0.95, 0.94, 0.96, 0.5, 0.5, 0.49995, 0.6, 0.7, 0.3, 0.31, 0.32, 0.33,
                0.34, 0.2, 0.25, 0.25, 0.25, 0.1);
        List<Component> schedules = List.of(
                Component.of("schedule", "reduce_on_plateau", "patience", 2),
                Component.of("schedule", "reduce_on_plateau", "patience", 0, "factor", 0.5),
                Component.of("schedule", "reduce_on_plateau", "patience", 1, "factor", 0.5, "threshold", 0.05,
                        "threshold_mode", "abs", "cooldown", 2),
                Component.of("schedule", "reduce_on_plateau", "mode", "max", "patience", 1, "factor", 0.3),
                Component.of("schedule", "reduce_on_plateau", "patience", 0, "factor", 0.2, "min_lr", 0.005),
                Component.of("schedule", "reduce_on_plateau", "patience", 0, "factor", 0.9, "eps", 0.02));
        for (Component c : schedules) {
            io.github.dlref.optim.SGD optimizer = new io.github.dlref.optim.SGD(List.of(new Parameter("w",
                    Matrix.zeros(1, 1))), io.github.dlref.optim.SGD.Hyperparameters.pytorch(0.1));
            io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau plateau =
                    new io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau(List.of(optimizer),
                            io.github.dlref.verify.oracle.spec.TrainingTools.plateau(c));
            ObjectNode v = vectors.addObject();
            v.set("schedule", SpecWriter.component(c));
            v.set("initial_lr", JsonNumbers.write(0.1));
            ArrayNode m = v.putArray("metrics");
            ArrayNode lrs = v.putArray("learning_rates");
            lrs.add(JsonNumbers.write(optimizer.learningRate()));
            for (double metric : metrics) {
                m.add(JsonNumbers.write(metric));
                plateau.step(metric);
                lrs.add(JsonNumbers.write(optimizer.learningRate()));
            }
            v.put("note", "learning_rates[k] is the rate after the first k calls step(metrics[0..k-1]); checked "
                    + "against PyTorch 1.13 ReduceLROnPlateau (scripts/golden/issue21_tools_vectors_torch.py)");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Initializers

    private static ObjectNode initializers() {
        ObjectNode root = header("initializers", "every initializer of the spec format: the matrix it draws for a "
                + "shape and seed (the generator is java.util.Random's published algorithm, new Random(seed); entries "
                + "drawn in row-major order)", "nn's initializer tests (variance properties, PyTorch's orthogonal "
                + "procedure on the same draws) and the data module's draw-order tests against java.util.Random",
                0.0, 1e-15, "the draws are exact; sqrt, log, cos and the QR of orthogonal may differ by an ulp");
        ArrayNode vectors = root.putArray("vectors");
        List<Component> inits = List.of(
                Component.of("init", "uniform", "a", -0.5, "b", 0.5),
                Component.of("init", "normal", "mean", 0.0, "std", 0.1),
                Component.of("init", "constant", "val", 0.25),
                Component.of("init", "zeros"), Component.of("init", "ones"),
                Component.of("init", "xavier_uniform"), Component.of("init", "xavier_normal", "gain", 2.0),
                Component.of("init", "kaiming_uniform"), Component.of("init", "kaiming_normal", "nonlinearity", "relu",
                        "mode", "fan_out"),
                Component.of("init", "orthogonal"), Component.of("init", "orthogonal", "gain", 1.5));
        for (Component c : inits) {
            for (int[] shape : new int[][] {{3, 4}, {4, 3}}) {
                ObjectNode v = vectors.addObject();
                v.set("init", SpecWriter.component(c));
                v.put("rows", shape[0]);
                v.put("cols", shape[1]);
                v.put("seed", 42);
                v.set("values", JsonNumbers.write(SpecBuilders.initializer("$", c).initialize(shape[0], shape[1],
                        new Rng(42))));
            }
        }
        ObjectNode v = vectors.addObject();
        v.put("name", "linear layer default (PyTorch reset_parameters): weight then bias from U(-1/sqrt(in), "
                + "1/sqrt(in))");
        v.set("layer", SpecWriter.component(Component.of("layer", "linear", "out", 3)));
        v.put("in", 4);
        v.put("seed", 42);
        Sequential m = SpecBuilders.model(new ModelSpec(4, List.of(Component.of("layer", "linear", "out", 3))),
                ParametersSpec.seeded(42));
        v.set("parameters", values(m));
        return root;
    }

    // ------------------------------------------------------------------------------------------
    // Data loader

    private static ObjectNode loader() {
        ObjectNode root = header("loader", "the data loader's epochs: sample order (Fisher-Yates from "
                + "new java.util.Random(seed): for i = n-1 down to 1, j = nextInt(i + 1), swap) and batches",
                "the data module's draw-order tests against java.util.Random", 0.0, 0.0, "integers: exact");
        ArrayNode vectors = root.putArray("vectors");
        for (long seed : new long[] {0L, 1L, 42L}) {
            for (int[] nb : new int[][] {{10, 4}, {7, 7}}) {
                Dataset data = Dataset.regression(Matrix.zeros(nb[0], 1), Matrix.zeros(nb[0], 1));
                for (boolean dropLast : new boolean[] {false, true}) {
                    DataLoader loader = new DataLoader(data, new DataLoader.Options(nb[1], true, dropLast, seed));
                    ObjectNode v = vectors.addObject();
                    v.put("n", nb[0]);
                    v.put("batch_size", nb[1]);
                    v.put("shuffle", true);
                    v.put("drop_last", dropLast);
                    v.put("seed", seed);
                    ArrayNode epochs = v.putArray("epochs");
                    for (int e = 0; e < 3; e++) {
                        DataLoader.Epoch epoch = loader.nextEpoch();
                        ObjectNode en = epochs.addObject();
                        ArrayNode order = en.putArray("order");
                        for (int i : epoch.order()) {
                            order.add(i);
                        }
                        ArrayNode batches = en.putArray("batches");
                        for (Batch b : epoch) {
                            ArrayNode bn = batches.addArray();
                            for (int i : b.sampleIndices()) {
                                bn.add(i);
                            }
                        }
                    }
                }
            }
        }
        return root;
    }

    // ------------------------------------------------------------------------------------------
    // Worked examples

    private static ObjectNode examples(ExampleCatalog catalog) {
        ObjectNode root = header("examples", "every worked example of the catalog (dlref examples): the source's "
                + "stated value, the expected value, dlref's computed value and the comparison",
                "the source documents' stated values, closed forms worked by hand, and PyTorch float64 where noted",
                0.0, 0.0, "per example: see its comparison");
        ArrayNode vectors = root.putArray("vectors");
        for (WorkedExample e : catalog.run()) {
            ObjectNode v = vectors.addObject();
            v.put("id", e.id());
            v.put("source", e.source().shortId());
            v.put("section", e.source().section());
            v.put("quantity", e.quantity());
            v.put("stated", e.stated());
            v.set("expected", JsonNumbers.write(e.expected()));
            v.set("computed", JsonNumbers.write(e.computed()));
            v.put("comparison", e.comparison().describe());
            v.put("passed", e.passed());
        }
        return root;
    }

    /**
     * The JSON tree of a generated file, for tests.
     *
     * @param content the file content
     * @return the tree
     */
    static JsonNode tree(String content) {
        return SpecParser.readTree(content);
    }
}
