package io.github.dlref.verify.oracle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.verify.oracle.spec.JsonNumbers;
import java.util.Optional;

/**
 * The JSON forms of {@link CheckReport} and {@link DiagnoseReport} ({@code dlref check --format json},
 * {@code dlref diagnose --format json}; schemas {@code docs/schemas/check-report.schema.json} and
 * {@code docs/schemas/diagnose-report.schema.json}). Numbers as in {@link JsonNumbers}.
 */
public final class ReportJson {

    /** The {@code "format"} of a check report. */
    public static final String CHECK_FORMAT = "dlref.check.v1";
    /** The {@code "format"} of a diagnose report. */
    public static final String DIAGNOSE_FORMAT = "dlref.diagnose.v1";

    private ReportJson() {
    }

    /**
     * A check report as JSON.
     *
     * @param r the report
     * @return the tree
     */
    public static ObjectNode check(CheckReport r) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", CHECK_FORMAT);
        fill(root, r);
        return root;
    }

    private static void fill(ObjectNode node, CheckReport r) {
        node.put("passed", r.passed());
        ObjectNode tol = node.putObject("tolerance");
        tol.set("absolute", JsonNumbers.write(r.tolerance().absolute()));
        tol.set("relative", JsonNumbers.write(r.tolerance().relative()));
        node.put("criterion", r.tolerance().toString());
        node.put("steps", r.steps());
        node.put("compared", r.compared());
        node.put("failures", r.failures());
        node.set("max_absolute_error", JsonNumbers.write(r.maxAbsoluteError()));
        node.set("max_relative_error", JsonNumbers.write(r.maxRelativeError()));
        divergence(node, "first_difference", r.firstDifference());
        divergence(node, "first_failure", r.firstFailure());
        divergence(node, "max_absolute_at", r.maxAbsolute());
        divergence(node, "max_relative_at", r.maxRelative());
        node.set("max_error_ratio", JsonNumbers.write(r.maxErrorRatio()));
        divergence(node, "worst_at", r.worst(), r.tolerance());
        node.set("max_normwise_error", JsonNumbers.write(r.maxNormwiseError()));
        ArrayNode normwise = node.putArray("normwise");
        for (NormwiseError n : r.normwise()) {
            ObjectNode o = normwise.addObject();
            o.put("quantity", n.quantity());
            if (!n.name().isEmpty()) {
                o.put("name", n.name());
            }
            o.set("error", JsonNumbers.write(n.error()));
            o.put("step", n.step());
        }
        node.put("max_ulp_distance", r.maxUlpDistance());
        divergence(node, "max_ulp_at", r.maxUlp(), r.tolerance());
    }

    private static void divergence(ObjectNode node, String key, Optional<Divergence> d) {
        divergence(node, key, d, null);
    }

    private static void divergence(ObjectNode node, String key, Optional<Divergence> d, Tolerance tolerance) {
        if (d.isEmpty()) {
            node.putNull(key);
            return;
        }
        Divergence v = d.get();
        ObjectNode o = node.putObject(key);
        o.put("step", v.step());
        o.put("quantity", v.quantity());
        if (!v.name().isEmpty()) {
            o.put("name", v.name());
            o.put("row", v.row());
            o.put("col", v.col());
        }
        o.set("ours", JsonNumbers.write(v.ours()));
        o.set("theirs", JsonNumbers.write(v.theirs()));
        o.set("absolute_error", JsonNumbers.write(v.absoluteError()));
        o.set("relative_error", JsonNumbers.write(v.relativeError()));
        if (tolerance != null) {
            o.set("error_ratio", JsonNumbers.write(v.errorRatio(tolerance)));
            o.put("ulp_distance", v.ulpDistance());
        }
        o.put("location", v.location());
    }

    /**
     * A diagnose report as JSON.
     *
     * @param r the report
     * @return the tree
     */
    public static ObjectNode diagnose(DiagnoseReport r) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", DIAGNOSE_FORMAT);
        root.put("verdict", r.verdict());
        root.put("any_match", r.anyMatch());
        ObjectNode tol = root.putObject("tolerance");
        tol.set("absolute", JsonNumbers.write(r.tolerance().absolute()));
        tol.set("relative", JsonNumbers.write(r.tolerance().relative()));
        ArrayNode variants = root.putArray("variants");
        for (DiagnoseReport.Result res : r.results()) {
            ObjectNode v = variants.addObject();
            v.put("matched", res.matched());
            v.put("declared", res.variant().declared());
            v.put("optimizer", res.variant().optimizer());
            v.put("loss", res.variant().loss());
            if (!res.variant().batchNorm().isEmpty()) {
                v.put("batchnorm", res.variant().batchNorm());
            }
            if (!res.variant().schedule().isEmpty()) {
                v.put("schedule", res.variant().schedule());
            }
            if (!res.variant().clipping().isEmpty()) {
                v.put("clipping", res.variant().clipping());
            }
            v.set("optimizer_spec", io.github.dlref.verify.oracle.spec.SpecWriter.component(
                    res.variant().spec().optimizer()));
            fill(v.putObject("comparison"), res.report());
        }
        return root;
    }
}
