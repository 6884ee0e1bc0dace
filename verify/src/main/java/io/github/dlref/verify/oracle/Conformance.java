package io.github.dlref.verify.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecParser;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The engine of {@code dlref conform}: runs a suite of small specs against another implementation, a command, and
 * checks and diagnoses each trajectory it writes.
 *
 * <p>Protocol: for each case, dlref writes the spec to {@code <dir>/<case>.spec.json} and runs
 * {@code /bin/sh -c 'COMMAND "$1" "$2"' dlref-conform SPEC OUT}: the command gets the spec's path and the path
 * of the trajectory to write as its two last arguments, and the same paths in the environment as
 * {@code DLREF_SPEC} and {@code DLREF_TRAJECTORY}. Its standard output and error go to {@code <dir>/<case>.log}.
 * Exit status 0 means it wrote a {@code dlref.trajectory.v1} file; any other status is a crash. A command that
 * does not finish within the time limit is killed with its whole process tree.
 *
 * <p>Outcomes: {@code pass} (within the tolerance), {@code fail} (with the first divergence and
 * {@code diagnose}'s verdict), {@code timeout}, {@code crash} (non-zero exit, with the log's last line),
 * {@code garbage} (no file, not JSON, or not a trajectory of the spec's structure, with the reason). A case's
 * problem never stops the suite.
 */
public final class Conformance {

    /** The {@code "format"} of the JSON report. */
    public static final String FORMAT = "dlref.conform.v1";

    private Conformance() {
    }

    /** The named conventions a case can be written in; a client is asked the {@link #PYTORCH} cases by default. */
    public static final List<String> CONVENTIONS = List.of("pytorch", "keras", "optax");

    /** PyTorch's convention, the default of {@code dlref conform}. */
    public static final String PYTORCH = "pytorch";

    /**
     * One case of the suite.
     *
     * @param name a short identifier, also the file names' stem, such as {@code optimizer-adam-amsgrad}
     * @param covers what it exercises, in words
     * @param spec the spec
     * @param convention the named convention the case is written in ({@code pytorch}, {@code keras} or
     *     {@code optax}): a client that implements one framework is asked only the cases of the conventions it
     *     opts into
     */
    public record Case(String name, String covers, Spec spec, String convention) {

        /**
         * Validates.
         *
         * @param name the name
         * @param covers the description
         * @param spec the spec
         * @param convention the convention
         */
        public Case {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(covers, "covers");
            Objects.requireNonNull(spec, "spec");
            if (!CONVENTIONS.contains(convention)) {
                throw new IllegalArgumentException("convention must be one of " + CONVENTIONS + ", got " + convention);
            }
        }

        /**
         * A case in PyTorch's convention.
         *
         * @param name the name
         * @param covers the description
         * @param spec the spec
         */
        public Case(String name, String covers, Spec spec) {
            this(name, covers, spec, PYTORCH);
        }
    }

    /**
     * The outcome of a case that this run does not ask, because the client did not opt into its convention.
     *
     * @param c the case
     * @param asked the conventions the run asks
     * @return an outcome with status {@code not_asked} and the reason
     */
    public static Outcome notAsked(Case c, List<String> asked) {
        List<String> with = new ArrayList<>(asked);
        with.add(c.convention());
        return new Outcome(c.name(), c.covers(), "not_asked", "", "", "a " + c.convention() + " case; this run asks "
                + String.join(",", asked) + " (--conventions " + String.join(",", with) + " includes it)");
    }

    /**
     * How one case went.
     *
     * @param name the case
     * @param covers what it exercises
     * @param status {@code pass}, {@code fail}, {@code timeout}, {@code crash} or {@code garbage}
     * @param firstDivergence the first value outside the tolerance ({@link Divergence#describe()}), or empty
     * @param diagnosis {@code diagnose}'s verdict for a failed case, otherwise empty
     * @param detail the reason for a timeout, crash or garbage, otherwise empty
     */
    public record Outcome(String name, String covers, String status, String firstDivergence, String diagnosis,
            String detail) {

        /**
         * Validates.
         *
         * @param name the name
         * @param covers the description
         * @param status the status
         * @param firstDivergence the first divergence
         * @param diagnosis the diagnosis
         * @param detail the detail
         */
        public Outcome {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(covers, "covers");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(firstDivergence, "firstDivergence");
            Objects.requireNonNull(diagnosis, "diagnosis");
            Objects.requireNonNull(detail, "detail");
        }

        /**
         * Whether the case passed.
         *
         * @return {@code status == "pass"}
         */
        public boolean passed() {
            return "pass".equals(status);
        }

        /**
         * Whether the case was asked (run against the client), rather than left out for its convention.
         *
         * @return {@code status != "not_asked"}
         */
        public boolean asked() {
            return !"not_asked".equals(status);
        }
    }

    // ------------------------------------------------------------------------------------------
    // The suite

    private static final String BASE = "{\"format\": \"dlref.spec.v1\","
            + " \"model\": {\"input\": 3, \"layers\": [{\"type\": \"linear\", \"out\": 4}, {\"type\": \"tanh\"},"
            + " {\"type\": \"linear\", \"out\": 2}]},"
            + " \"parameters\": {\"seed\": 11},"
            + " \"data\": {\"inputs\": [[0.5, -1.0, 0.25], [1.5, 0.5, -0.5], [-0.75, 0.25, 1.0], [0.0, 1.25, -1.5],"
            + " [2.0, -0.5, 0.5], [-1.25, -0.75, 0.0], [0.25, 0.75, 1.75]],"
            + " \"targets\": [[0.5, -0.25], [1.0, 0.0], [-0.5, 0.75], [0.25, 0.5], [1.5, -1.0], [-1.0, 0.25], [0.0, 1.0]]},"
            + " \"loss\": {\"type\": \"mse\"},"
            + " \"optimizer\": {\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1},"
            + " \"training\": {\"steps\": 8, \"batch_size\": 3, \"shuffle\": true, \"seed\": 5}}";

    /**
     * The suite: every layer the spec format has in PyTorch's convention, the losses with PyTorch counterparts,
     * every optimizer type with each of PyTorch's options (momentum, dampening, Nesterov, weight decay, AMSGrad,
     * centered, lr_decay), the schedules, and the loader (shuffled with a short last batch, dropped last batch, in
     * order); issue 21's layers, losses (weights, label smoothing), optimizers and schedules; issue 15's format
     * additions (weight layout, BatchNorm starting statistics, evaluation-mode forwards); and cases in Keras's and
     * Optax's named conventions, which a client is asked only when it opts into them. The network is 3 -> 4 -> 2 with seeded PyTorch-default starting weights, seven samples in batches
     * of 3, eight steps: small enough that a Python client runs the whole suite in well under a minute.
     *
     * @return the cases, in a fixed order
     */
    public static List<Case> suite() {
        List<Case> out = new ArrayList<>();
        // layers
        layer(out, "layer-relu", "ReLU (ReLU'(0) = 0)", "{\"type\": \"relu\"}");
        layer(out, "layer-sigmoid", "sigmoid", "{\"type\": \"sigmoid\"}");
        layer(out, "layer-leaky-relu", "leaky ReLU, slope 0.2", "{\"type\": \"leaky_relu\", \"negative_slope\": 0.2}");
        layer(out, "layer-identity", "identity", "{\"type\": \"identity\"}");
        add(out, "layer-batchnorm", "BatchNorm1d in training mode: outputs, gradients and running statistics",
                "{\"model\": {\"input\": 3, \"layers\": [{\"type\": \"linear\", \"out\": 4}, {\"type\": \"batchnorm\"},"
                        + " {\"type\": \"tanh\"}, {\"type\": \"linear\", \"out\": 2}]},"
                        + " \"training\": {\"steps\": 8, \"batch_size\": 3, \"shuffle\": true, \"seed\": 5,"
                        + " \"drop_last\": true}}");
        // losses
        add(out, "loss-mse-sum", "MSELoss(reduction='sum')", "{\"loss\": {\"type\": \"mse\", \"reduction\": \"sum\"}}");
        add(out, "loss-l1", "L1Loss", "{\"loss\": {\"type\": \"l1\"}}");
        add(out, "loss-cross-entropy", "CrossEntropyLoss on class indices",
                "{\"loss\": {\"type\": \"cross_entropy\"}, \"data\": " + classes() + "}");
        add(out, "loss-multi-margin", "MultiMarginLoss (p = 1, margin 1)",
                "{\"loss\": {\"type\": \"multi_margin\"}, \"data\": " + classes() + "}");
        add(out, "loss-bce-with-logits", "BCEWithLogitsLoss on 0/1 targets",
                "{\"loss\": {\"type\": \"bce_with_logits\"}, \"data\": {\"inputs\": " + inputs()
                        + ", \"targets\": [[1, 0], [0, 1], [1, 1], [0, 0], [1, 0], [0, 1], [1, 1]]}}");
        // optimizers, PyTorch's options
        optimizer(out, "sgd-momentum", "SGD, momentum 0.9", "\"type\": \"sgd\", \"lr\": 0.1, \"momentum\": 0.9");
        optimizer(out, "sgd-dampening", "SGD, momentum 0.9, dampening 0.5",
                "\"type\": \"sgd\", \"lr\": 0.1, \"momentum\": 0.9, \"dampening\": 0.5");
        optimizer(out, "sgd-nesterov", "SGD, Nesterov momentum 0.9",
                "\"type\": \"sgd\", \"lr\": 0.1, \"momentum\": 0.9, \"nesterov\": true");
        optimizer(out, "sgd-weight-decay", "SGD, weight_decay 0.01 (L2 added to the gradient)",
                "\"type\": \"sgd\", \"lr\": 0.1, \"momentum\": 0.9, \"weight_decay\": 0.01");
        optimizer(out, "adam", "Adam (Algorithm 1)", "\"type\": \"adam\", \"lr\": 0.01");
        optimizer(out, "adam-amsgrad", "Adam with AMSGrad", "\"type\": \"adam\", \"lr\": 0.01, \"amsgrad\": true");
        optimizer(out, "adam-l2", "Adam, weight_decay 0.1 (coupled L2)",
                "\"type\": \"adam\", \"lr\": 0.01, \"weight_decay\": 0.1");
        optimizer(out, "adamw", "AdamW, weight_decay 0.1 (decoupled)",
                "\"type\": \"adamw\", \"lr\": 0.01, \"weight_decay\": 0.1");
        optimizer(out, "adagrad", "Adagrad", "\"type\": \"adagrad\", \"lr\": 0.1");
        optimizer(out, "adagrad-lr-decay", "Adagrad with lr_decay 0.1 and an initial accumulator 0.1",
                "\"type\": \"adagrad\", \"lr\": 0.1, \"lr_decay\": 0.1, \"initial_accumulator_value\": 0.1");
        optimizer(out, "rmsprop", "RMSprop, alpha 0.9", "\"type\": \"rmsprop\", \"lr\": 0.01, \"alpha\": 0.9");
        optimizer(out, "rmsprop-centered-momentum", "RMSprop, centered, momentum 0.5",
                "\"type\": \"rmsprop\", \"lr\": 0.01, \"alpha\": 0.9, \"centered\": true, \"momentum\": 0.5");
        // schedules (stepped after every batch), on SGD with momentum
        schedule(out, "step", "StepLR(step_size=3, gamma=0.5)", "{\"type\": \"step\", \"step_size\": 3, \"gamma\": 0.5}");
        schedule(out, "multistep", "MultiStepLR(milestones=[2, 5], gamma=0.3)",
                "{\"type\": \"multistep\", \"milestones\": [2, 5], \"gamma\": 0.3}");
        schedule(out, "exponential", "ExponentialLR(gamma=0.8)", "{\"type\": \"exponential\", \"gamma\": 0.8}");
        schedule(out, "cosine", "CosineAnnealingLR(T_max=5, eta_min=0.01)",
                "{\"type\": \"cosine\", \"T_max\": 5, \"eta_min\": 0.01}");
        schedule(out, "linear", "LinearLR(start_factor=0.25, total_iters=4)",
                "{\"type\": \"linear\", \"start_factor\": 0.25, \"total_iters\": 4}");
        add(out, "schedule-step-per-epoch", "StepLR(step_size=2, gamma=0.5) stepped once per epoch",
                "{\"optimizer\": {\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1, \"momentum\": 0.9},"
                        + " \"schedule\": {\"type\": \"step\", \"step_size\": 2, \"gamma\": 0.5, \"interval\": \"epoch\"}}");
        // issue 21's layers
        layer(out, "layer-gelu", "GELU, exact (approximate='none')", "{\"type\": \"gelu\"}");
        layer(out, "layer-gelu-tanh", "GELU, tanh approximation", "{\"type\": \"gelu\", \"approximate\": \"tanh\"}");
        layer(out, "layer-elu", "ELU, alpha 0.7", "{\"type\": \"elu\", \"alpha\": 0.7}");
        layer(out, "layer-selu", "SELU", "{\"type\": \"selu\"}");
        layer(out, "layer-silu", "SiLU", "{\"type\": \"silu\"}");
        layer(out, "layer-softplus", "Softplus, beta 2, threshold 1",
                "{\"type\": \"softplus\", \"beta\": 2.0, \"threshold\": 1.0}");
        layer(out, "layer-hardtanh", "Hardtanh(-0.5, 0.6)",
                "{\"type\": \"hardtanh\", \"min_val\": -0.5, \"max_val\": 0.6}");
        layer(out, "layer-layer-norm", "LayerNorm(4) with its affine parameters", "{\"type\": \"layer_norm\"}");
        add(out, "layer-log-softmax", "LogSoftmax as the last layer, NLLLoss on class indices",
                "{\"model\": " + LOG_SOFTMAX_MODEL + ", \"loss\": {\"type\": \"nll\"}, \"data\": " + classes() + "}");
        // issue 21's losses
        add(out, "loss-huber", "HuberLoss(delta=0.5)", "{\"loss\": {\"type\": \"huber\", \"delta\": 0.5}}");
        add(out, "loss-smooth-l1", "SmoothL1Loss(beta=0.3, reduction='sum')",
                "{\"loss\": {\"type\": \"smooth_l1\", \"beta\": 0.3, \"reduction\": \"sum\"}}");
        add(out, "loss-kl-div", "KLDivLoss(reduction='batchmean') after LogSoftmax, probability targets",
                "{\"model\": " + LOG_SOFTMAX_MODEL + ", \"loss\": {\"type\": \"kl_div\", \"reduction\": \"batchmean\"},"
                        + " \"data\": {\"inputs\": " + inputs() + ", \"targets\": [[0.25, 0.75], [0.5, 0.5], [0.9, 0.1],"
                        + " [0.3, 0.7], [0.6, 0.4], [0.15, 0.85], [1.0, 0.0]]}}");
        add(out, "loss-nll-weighted", "NLLLoss(weight=[0.4, 1.6]) after LogSoftmax",
                "{\"model\": " + LOG_SOFTMAX_MODEL + ", \"loss\": {\"type\": \"nll\", \"weight\": [0.4, 1.6]}, "
                        + "\"data\": " + classes() + "}");
        add(out, "loss-cross-entropy-weighted-smoothed", "CrossEntropyLoss(weight=[0.4, 1.6], label_smoothing=0.2)",
                "{\"loss\": {\"type\": \"cross_entropy\", \"weight\": [0.4, 1.6], \"label_smoothing\": 0.2}, "
                        + "\"data\": " + classes() + "}");
        // issue 21's optimizers, PyTorch's defaults unless stated
        optimizer(out, "nadam", "NAdam (torch 1.13), lr 0.01", "\"type\": \"nadam\", \"lr\": 0.01");
        optimizer(out, "radam", "RAdam, lr 0.01 (rectified from step 6)", "\"type\": \"radam\", \"lr\": 0.01");
        optimizer(out, "adamax", "Adamax, lr 0.02", "\"type\": \"adamax\", \"lr\": 0.02");
        optimizer(out, "adadelta", "Adadelta, lr 1, rho 0.9", "\"type\": \"adadelta\"");
        optimizer(out, "rprop", "Rprop, lr 0.01, etas (0.5, 1.2)", "\"type\": \"rprop\"");
        optimizer(out, "asgd", "ASGD, lr 0.05, t0 3 (averaging from step 3)",
                "\"type\": \"asgd\", \"lr\": 0.05, \"t0\": 3.0");
        // issue 21's schedules
        schedule(out, "one-cycle", "OneCycleLR(total_steps=8, pct_start=0.25)",
                "{\"type\": \"one_cycle\", \"total_steps\": 8, \"pct_start\": 0.25}");
        schedule(out, "cosine-warm-restarts", "CosineAnnealingWarmRestarts(T_0=2, T_mult=2, eta_min=0.01)",
                "{\"type\": \"cosine_warm_restarts\", \"T_0\": 2, \"T_mult\": 2, \"eta_min\": 0.01}");
        schedule(out, "cyclic", "CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=2, step_size_down=3, mode='triangular2')",
                "{\"type\": \"cyclic\", \"base_lr\": 0.01, \"step_size_up\": 2.0, \"step_size_down\": 3.0, "
                        + "\"mode\": \"triangular2\"}");
        // issue 15's format additions
        add(out, "format-weight-layout", "weights written inputs x outputs (parameters.weight_layout)",
                "{\"parameters\": {\"seed\": 11, \"weight_layout\": \"inputs_x_outputs\"}}");
        add(out, "format-batchnorm-buffers", "BatchNorm1d starting from given running statistics (parameters.buffers)",
                "{\"model\": " + BATCHNORM_MODEL + ", \"parameters\": {\"seed\": 11, \"buffers\": {"
                        + "\"1.running_mean\": [0.5, -0.25, 0.0, 1.0], \"1.running_var\": [2.0, 0.5, 1.0, 0.25]}},"
                        + " \"training\": {\"steps\": 8, \"batch_size\": 3, \"shuffle\": true, \"seed\": 5,"
                        + " \"drop_last\": true}}");
        add(out, "format-evaluation-loss", "evaluation-mode forwards of a BatchNorm network before training and after"
                        + " steps 4 and 8: layer outputs and the gradient of the cross-entropy loss by the inputs",
                "{\"model\": " + BATCHNORM_MODEL + ", \"parameters\": {\"seed\": 11, \"buffers\": {"
                        + "\"1.running_mean\": [0.5, -0.25, 0.0, 1.0], \"1.running_var\": [2.0, 0.5, 1.0, 0.25]}},"
                        + " \"loss\": {\"type\": \"cross_entropy\"}, \"data\": " + classes() + ","
                        + " \"training\": {\"steps\": 8, \"batch_size\": 3, \"shuffle\": true, \"seed\": 5,"
                        + " \"drop_last\": true}, \"output\": {\"evaluation\": {\"inputs\": [[0.1, 0.2, -0.3],"
                        + " [1.0, -1.0, 0.5], [-0.5, 0.0, 2.0]], \"classes\": [1, 0, 1], \"scalar\": \"loss\","
                        + " \"after_steps\": [0, 4, 8]}}}");
        add(out, "format-evaluation-sum", "evaluation-mode forward of a LayerNorm-SiLU network after the last step: "
                        + "layer outputs and the gradient of the outputs' sum by the inputs",
                "{\"model\": {\"input\": 3, \"layers\": [{\"type\": \"linear\", \"out\": 4}, {\"type\": \"layer_norm\"},"
                        + " {\"type\": \"silu\"}, {\"type\": \"linear\", \"out\": 2}]},"
                        + " \"output\": {\"evaluation\": {\"inputs\": [[0.1, 0.2, -0.3], [1.0, -1.0, 0.5]],"
                        + " \"scalar\": \"sum\", \"after_steps\": [8]}}}");
        // other frameworks' named conventions: asked only of a client that opts in (--conventions)
        convention(out, "keras", "keras-sgd-momentum", "Keras SGD, momentum 0.9 (v = mu v - lr g, theta += v)",
                "{\"optimizer\": {\"type\": \"sgd\", \"preset\": \"keras\", \"lr\": 0.1, \"momentum\": 0.9}}");
        convention(out, "keras", "keras-adam", "Keras Adam (epsilon hat, eps 1e-7)",
                "{\"optimizer\": {\"type\": \"adam\", \"preset\": \"keras\", \"lr\": 0.01}}");
        convention(out, "keras", "keras-rmsprop", "Keras RMSprop (rho 0.9, eps 1e-7 inside the square root)",
                "{\"optimizer\": {\"type\": \"rmsprop\", \"preset\": \"keras\", \"lr\": 0.01}}");
        convention(out, "keras", "keras-adagrad", "Keras Adagrad (accumulator from 0.1, eps inside)",
                "{\"optimizer\": {\"type\": \"adagrad\", \"preset\": \"keras\", \"lr\": 0.1}}");
        convention(out, "keras", "keras-batchnorm", "Keras BatchNormalization (momentum 0.99, eps 1e-3, biased variance)",
                "{\"model\": {\"input\": 3, \"layers\": [{\"type\": \"linear\", \"out\": 4}, {\"type\": \"batchnorm\","
                        + " \"convention\": \"keras\"}, {\"type\": \"tanh\"}, {\"type\": \"linear\", \"out\": 2}]},"
                        + " \"training\": {\"steps\": 8, \"batch_size\": 3, \"shuffle\": true, \"seed\": 5,"
                        + " \"drop_last\": true}}");
        convention(out, "optax", "optax-adam-amsgrad", "Optax AMSGrad (the maximum of the bias-corrected v)",
                "{\"optimizer\": {\"type\": \"adam\", \"preset\": \"optax\", \"lr\": 0.01, \"amsgrad\": true}}");
        convention(out, "optax", "optax-adagrad", "Optax Adagrad (accumulator from 0.1, eps 1e-7 inside)",
                "{\"optimizer\": {\"type\": \"adagrad\", \"preset\": \"optax\", \"lr\": 0.1}}");
        convention(out, "optax", "optax-rmsprop", "Optax RMSprop (decay 0.9, eps 1e-8 inside)",
                "{\"optimizer\": {\"type\": \"rmsprop\", \"preset\": \"optax\", \"lr\": 0.01}}");
        // the loader
        add(out, "loader-drop-last", "shuffled batches of 3, the short last batch dropped",
                "{\"training\": {\"steps\": 8, \"batch_size\": 3, \"shuffle\": true, \"seed\": 9, \"drop_last\": true}}");
        add(out, "loader-in-order", "batches of 2 in order, without shuffling",
                "{\"training\": {\"steps\": 8, \"batch_size\": 2}}");
        return List.copyOf(out);
    }

    private static final String LOG_SOFTMAX_MODEL = "{\"input\": 3, \"layers\": [{\"type\": \"linear\", \"out\": 4},"
            + " {\"type\": \"tanh\"}, {\"type\": \"linear\", \"out\": 2}, {\"type\": \"log_softmax\"}]}";

    private static final String BATCHNORM_MODEL = "{\"input\": 3, \"layers\": [{\"type\": \"linear\", \"out\": 4},"
            + " {\"type\": \"batchnorm\"}, {\"type\": \"tanh\"}, {\"type\": \"linear\", \"out\": 2}]}";

    private static void convention(List<Case> out, String convention, String name, String covers, String changes) {
        add(out, name, covers, changes);
        Case c = out.remove(out.size() - 1);
        out.add(new Case(c.name(), c.covers(), c.spec(), convention));
    }

    private static String inputs() {
        return SpecParser.readTree(BASE).get("data").get("inputs").toString();
    }

    private static String classes() {
        return "{\"inputs\": " + inputs() + ", \"classes\": [0, 1, 1, 0, 1, 0, 0]}";
    }

    private static void layer(List<Case> out, String name, String covers, String layer) {
        add(out, name, covers, "{\"model\": {\"input\": 3, \"layers\": [{\"type\": \"linear\", \"out\": 4}, " + layer
                + ", {\"type\": \"linear\", \"out\": 2}]}}");
    }

    private static void optimizer(List<Case> out, String name, String covers, String settings) {
        add(out, "optimizer-" + name, covers, "{\"optimizer\": {\"preset\": \"pytorch\", " + settings + "}}");
    }

    private static void schedule(List<Case> out, String name, String covers, String schedule) {
        add(out, "schedule-" + name, covers, "{\"optimizer\": {\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1,"
                + " \"momentum\": 0.9}, \"schedule\": " + schedule + "}");
    }

    private static void add(List<Case> out, String name, String covers, String changes) {
        ObjectNode tree = (ObjectNode) SpecParser.readTree(BASE);
        JsonNode c = SpecParser.readTree(changes);
        c.fields().forEachRemaining(e -> tree.set(e.getKey(), e.getValue()));
        out.add(new Case(name, covers, SpecParser.parse(tree)));
    }

    // ------------------------------------------------------------------------------------------
    // Running a case

    /**
     * Runs one case: writes its spec, runs the command, reads, checks and (on failure) diagnoses the trajectory.
     *
     * @param c the case
     * @param command the client command (a {@code /bin/sh} command line; the two paths are appended)
     * @param timeout the time limit
     * @param dir where the spec, trajectory and log are written
     * @param tolerance the tolerance of the check
     * @return the outcome (never throws for anything the client does)
     * @throws IOException if dlref cannot write the spec or start the shell
     */
    public static Outcome run(Case c, String command, Duration timeout, Path dir, Tolerance tolerance)
            throws IOException {
        Files.createDirectories(dir);
        Path specFile = dir.resolve(c.name() + ".spec.json");
        Path out = dir.resolve(c.name() + ".trajectory.json");
        Path log = dir.resolve(c.name() + ".log");
        Files.deleteIfExists(out);
        Files.writeString(specFile, SpecWriter.pretty(SpecWriter.toTree(c.spec())), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command + " \"$1\" \"$2\"", "dlref-conform",
                specFile.toString(), out.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DLREF_SPEC", specFile.toString());
        pb.environment().put("DLREF_TRAJECTORY", out.toString());
        Process p = pb.start();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return outcome(c, "timeout", "", "", "no result within " + timeout.toMillis() / 1000.0
                    + " s; the process tree was killed");
        }
        if (p.exitValue() != 0) {
            return outcome(c, "crash", "", "", "exit status " + p.exitValue() + lastLine(log));
        }
        if (!Files.isRegularFile(out)) {
            return outcome(c, "garbage", "", "", "exit status 0 but no trajectory at " + out);
        }
        Trajectory theirs;
        try {
            theirs = TrajectoryJson.read(Files.readString(out, StandardCharsets.UTF_8));
        } catch (SpecException e) {
            return outcome(c, "garbage", "", "", "not a trajectory: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return outcome(c, "garbage", "", "", "unreadable: " + e.getMessage());
        }
        Trajectory ours = Runner.run(c.spec());
        CheckReport report;
        try {
            report = Comparer.compare(ours, theirs, tolerance);
        } catch (SpecException e) {
            return outcome(c, "garbage", "", "", "not the spec's structure: " + e.getMessage());
        }
        if (report.passed()) {
            return outcome(c, "pass", "", "", "");
        }
        String diagnosis;
        try {
            diagnosis = Diagnoser.diagnose(c.spec(), theirs, tolerance).verdict();
        } catch (SpecException e) {
            diagnosis = "cannot diagnose: " + e.getMessage();
        }
        return outcome(c, "fail", report.firstFailure().map(Divergence::describe).orElse(""), diagnosis, "");
    }

    private static Outcome outcome(Case c, String status, String first, String diagnosis, String detail) {
        return new Outcome(c.name(), c.covers(), status, first, diagnosis, detail);
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------------------------------
    // Reports

    /**
     * The outcomes as JSON ({@value #FORMAT}).
     *
     * @param command the client command
     * @param outcomes the outcomes
     * @return the tree
     */
    public static ObjectNode json(String command, List<Outcome> outcomes) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("client", command);
        root.put("cases", outcomes.size());
        root.put("passed", outcomes.stream().filter(Outcome::passed).count());
        root.put("not_asked", outcomes.stream().filter(o -> !o.asked()).count());
        ArrayNode rows = root.putArray("results");
        for (Outcome o : outcomes) {
            ObjectNode r = rows.addObject();
            r.put("case", o.name());
            r.put("covers", o.covers());
            r.put("status", o.status());
            r.put("first_divergence", o.firstDivergence());
            r.put("diagnosis", o.diagnosis());
            r.put("detail", o.detail());
        }
        return root;
    }

    /**
     * The outcomes as a Markdown table.
     *
     * @param command the client command
     * @param outcomes the outcomes
     * @return the document
     */
    public static String markdown(String command, List<Outcome> outcomes) {
        long notAsked = outcomes.stream().filter(o -> !o.asked()).count();
        StringBuilder sb = new StringBuilder("# dlref conform\n\nclient: `").append(command.replace("`", "'"))
                .append("`\n\n").append(outcomes.stream().filter(Outcome::passed).count()).append(" of ")
                .append(outcomes.size() - notAsked).append(" cases pass")
                .append(notAsked == 0 ? "" : "; " + notAsked + " not asked (conventions the client did not opt into)")
                .append(".\n\n")
                .append("| case | covers | result | first divergence | diagnosed convention |\n|---|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            sb.append("| ").append(o.name()).append(" | ").append(cell(o.covers())).append(" | ").append(o.status())
                    .append(o.detail().isEmpty() ? "" : ": " + cell(o.detail())).append(" | ")
                    .append(cell(o.firstDivergence())).append(" | ").append(cell(o.diagnosis())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
