package io.github.dlref.verify.oracle.spec;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The model of a spec: a chain of layers (PyTorch's {@code nn.Sequential}) applied to inputs of width
 * {@link #input()}. Layer {@code i}'s parameters are named {@code "<i>.weight"} and {@code "<i>.bias"}, as in
 * PyTorch state dicts.
 *
 * @param input the input width {@code D}, {@code >= 1}
 * @param layers the layers ({@code layer} components), in order; not empty
 */
public record ModelSpec(int input, List<Component> layers) {

    /**
     * Validates and copies.
     *
     * @param input the input width
     * @param layers the layers
     * @throws SpecException if the width is below 1, there are no layers, or a component is not a layer
     */
    public ModelSpec {
        if (input < 1) {
            throw new SpecException("$.model.input", "expected an integer >= 1, got " + input);
        }
        Objects.requireNonNull(layers, "ModelSpec: layers");
        if (layers.isEmpty()) {
            throw new SpecException("$.model.layers", "expected a non-empty array of layers, got []");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!Catalog.LAYER.equals(layers.get(i).family())) {
                throw new SpecException("$.model.layers[" + i + "]", "expected a layer, got a "
                        + layers.get(i).family());
            }
        }
        layers = List.copyOf(layers);
    }

    /**
     * The width entering each layer and the output width: element {@code i} is layer {@code i}'s input
     * width, the last element the model's output width.
     *
     * @return {@code layers().size() + 1} widths
     */
    public int[] widths() {
        int[] w = new int[layers.size() + 1];
        w[0] = input;
        for (int i = 0; i < layers.size(); i++) {
            Component layer = layers.get(i);
            w[i + 1] = "linear".equals(layer.type()) ? Math.toIntExact(layer.integer("out")) : w[i];
        }
        return w;
    }

    /**
     * The model's output width.
     *
     * @return the last layer's output width
     */
    public int outputWidth() {
        int[] w = widths();
        return w[w.length - 1];
    }

    /**
     * The parameters the model has, by qualified name, with their shapes {@code {rows, cols}}, in the
     * model's parameter order.
     *
     * @return an ordered map from name to shape
     */
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        int[] w = widths();
        for (int i = 0; i < layers.size(); i++) {
            Component layer = layers.get(i);
            if ("linear".equals(layer.type())) {
                shapes.put(i + ".weight", new int[] {w[i + 1], w[i]});
                if (layer.bool("bias")) {
                    shapes.put(i + ".bias", new int[] {1, w[i + 1]});
                }
            } else if (("batchnorm".equals(layer.type()) && layer.bool("affine"))
                    || ("layer_norm".equals(layer.type()) && layer.bool("elementwise_affine"))) {
                shapes.put(i + ".weight", new int[] {1, w[i]});
                shapes.put(i + ".bias", new int[] {1, w[i]});
            }
        }
        return shapes;
    }

    /**
     * The buffers the model has, by qualified name, with their shapes {@code {1, D}}: each BatchNorm layer
     * {@code i} over {@code D} features has {@code "<i>.running_mean"} and {@code "<i>.running_var"} (PyTorch's
     * state-dict names, in both conventions).
     *
     * @return an ordered map from name to shape, in model order
     */
    public Map<String, int[]> bufferShapes() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        int[] w = widths();
        for (int i = 0; i < layers.size(); i++) {
            if ("batchnorm".equals(layers.get(i).type())) {
                shapes.put(i + ".running_mean", new int[] {1, w[i]});
                shapes.put(i + ".running_var", new int[] {1, w[i]});
            }
        }
        return shapes;
    }

    /**
     * The names of the linear layers' weights ({@code "<i>.weight"} of every {@code linear} layer), the matrices
     * a spec's {@code parameters.weight_layout} applies to; BatchNorm's and LayerNorm's {@code weight} are
     * {@code 1 x D} rows in every layout.
     *
     * @return the names, in model order
     */
    public Set<String> linearWeights() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            if ("linear".equals(layers.get(i).type())) {
                names.add(i + ".weight");
            }
        }
        return names;
    }
}
