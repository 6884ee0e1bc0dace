package io.github.dlref.verify.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlref.autograd.scalar.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * micrograd's two published test expressions (karpathy/micrograd, {@code test/test_engine.py}:
 * {@code test_sanity_check} and {@code test_more_ops}; the second is also the README's example), built
 * with the scalar engine. Expected values come from an independent implementation, PyTorch in float64,
 * computed by the checked-in script {@code scripts/golden/micrograd_torch.py} and committed as the
 * resource {@code /golden/micrograd-torch.json}; the README's printed 4-decimal values are checked too.
 *
 * <p>micrograd's compound assignments {@code c += expr} mean {@code c = c + (expr)} and are built with
 * that grouping; {@code 10.0 / f} is {@code 10 * f^-1} in both micrograd and dlref.
 */
public final class MicrogradExamples implements ExampleSource {

    /** The classpath resource with the PyTorch values. */
    public static final String GOLDEN_RESOURCE = "/golden/micrograd-torch.json";

    private static final String SANITY = "test_engine.py: test_sanity_check";
    private static final String MORE_OPS = "test_engine.py: test_more_ops and README";

    /** Creates the provider. */
    public MicrogradExamples() {
    }

    /**
     * The provider's name.
     *
     * @return {@code micrograd (scalar engine)}
     */
    @Override
    public String name() {
        return "micrograd (scalar engine)";
    }

    /**
     * Computes the examples.
     *
     * @return the examples
     * @throws UncheckedIOException if the golden resource cannot be read
     * @throws IllegalStateException if the golden resource lacks a value
     */
    @Override
    public List<WorkedExample> examples() {
        JsonNode golden = readGolden();
        ExampleList list = new ExampleList("micrograd");
        String producer = golden.path("implementation").asText("PyTorch, version unknown");

        Value x = Value.variable(-4.0, "x");
        Value z = x.times(2.0).plus(2.0).plus(x);
        Value q = z.relu().plus(z.times(x));
        Value h = z.times(z).relu();
        Value y = h.plus(q).plus(q.times(x));
        y.backward();
        JsonNode sanity = golden.path("test_sanity_check");
        list.add("sanity-check/y", SANITY, "y at x = -4 (engine forward)", number(sanity, "y") + " (" + producer
                + ")", number(sanity, "y"), y.data(), Tolerances.EXACT);
        list.add("sanity-check/dy-dx", SANITY, "dy/dx at x = -4 (engine)", number(sanity, "dy/dx") + " ("
                + producer + ")", number(sanity, "dy/dx"), x.grad(), Tolerances.EXACT);

        Value a = Value.variable(-4.0, "a");
        Value b = Value.variable(2.0, "b");
        Value c = a.plus(b);
        Value d = a.times(b).plus(b.pow(3.0));
        c = c.plus(c.plus(1.0));
        c = c.plus(Value.constant(1.0).plus(c).plus(a.neg()));
        d = d.plus(d.times(2.0).plus(b.plus(a).relu()));
        d = d.plus(Value.constant(3.0).times(d).plus(b.minus(a).relu()));
        Value e = c.minus(d);
        Value f = e.pow(2.0);
        Value g = f.div(2.0);
        g = g.plus(Value.constant(10.0).div(f));
        g.backward();
        JsonNode more = golden.path("test_more_ops");
        double[] computed = {g.data(), a.grad(), b.grad()};
        String[] keys = {"g", "dg/da", "dg/db"};
        String[] ids = {"g", "dg-da", "dg-db"};
        String[] readme = {"24.7041", "138.8338", "645.5773"};
        for (int k = 0; k < keys.length; k++) {
            String quantity = keys[k] + " of the more-ops expression at a = -4, b = 2 ("
                    + (k == 0 ? "engine forward" : "engine") + ")";
            double torch = number(more, keys[k]);
            list.add("more-ops/" + ids[k] + "/pytorch", MORE_OPS, quantity, torch + " (" + producer + ")", torch,
                    computed[k], Tolerances.INDEPENDENT_FLOAT64);
            list.add("more-ops/" + ids[k] + "/readme", MORE_OPS, quantity, readme[k] + " (README, 4 decimals)",
                    Double.parseDouble(readme[k]), computed[k], Tolerances.PUBLISHED_4_DECIMALS);
        }
        return list.toList();
    }

    private static JsonNode readGolden() {
        try (InputStream in = MicrogradExamples.class.getResourceAsStream(GOLDEN_RESOURCE)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("micrograd: resource " + GOLDEN_RESOURCE
                        + " not found on the classpath"));
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("micrograd: cannot read " + GOLDEN_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        if (node == null || !node.isNumber()) {
            throw new IllegalStateException("micrograd: " + GOLDEN_RESOURCE + " has no number at " + key);
        }
        return node.doubleValue();
    }
}
