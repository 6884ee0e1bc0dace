package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.MatrixGen;
import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.check.GradCheck.TensorFunction;
import io.github.dlref.math.Matrix;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.quicktheories.core.Gen;

/**
 * One entry of the gradient-check catalogue ({@link OpCases}): an op class, a function that exercises it, the
 * input shapes to try and how to draw inputs away from the op's kinks.
 *
 * @param label what is checked, for test names
 * @param op the op class under test; the function's graph must contain an instance of it
 * @param shapes the input shape configurations (each one shape per input)
 * @param inputs the input generator for one configuration
 * @param function the function handed to {@code GradCheck}
 */
record OpCase(String label, Class<? extends Op> op, List<Shape[]> shapes, Function<Shape[], Gen<Matrix[]>> inputs,
        TensorFunction function) {

    /** A matrix shape. */
    record Shape(int rows, int cols) {
        @Override
        public String toString() {
            return rows + "x" + cols;
        }
    }

    static Shape shape(int rows, int cols) {
        return new Shape(rows, cols);
    }

    /** Shapes for elementwise and row-wise ops: 1 x 1, a row 1 x n, a column n x 1, and n x m. */
    static final List<Shape> ELEMENTWISE_SHAPES = List.of(shape(1, 1), shape(1, 4), shape(3, 1), shape(3, 4));

    /** A one-input op on {@link #ELEMENTWISE_SHAPES} with entries from a domain. */
    static OpCase unary(String label, Class<? extends Op> op, MatrixGen.Domain domain, TensorFunction f) {
        return unary(label, op, domain.entries(), f);
    }

    /** A one-input op on {@link #ELEMENTWISE_SHAPES} with entries from a generator. */
    static OpCase unary(String label, Class<? extends Op> op, Gen<Double> entries, TensorFunction f) {
        List<Shape[]> configs = ELEMENTWISE_SHAPES.stream().map(s -> new Shape[] {s}).toList();
        return new OpCase(label, op, configs, c -> MatrixGen.matrices(c[0].rows(), c[0].cols(), entries)
                .map(m -> new Matrix[] {m}), f);
    }

    /** A two-input elementwise op on {@link #ELEMENTWISE_SHAPES}, both inputs of the same shape. */
    static OpCase binary(String label, Class<? extends Op> op, MatrixGen.Domain first, MatrixGen.Domain second,
            TensorFunction f) {
        List<Shape[]> configs = ELEMENTWISE_SHAPES.stream().map(s -> new Shape[] {s, s}).toList();
        return new OpCase(label, op, configs, c -> independent(c, first, second), f);
    }

    /** An op with explicit shape configurations, every input drawn independently from one domain. */
    static OpCase shaped(String label, Class<? extends Op> op, List<Shape[]> configs, MatrixGen.Domain domain,
            TensorFunction f) {
        return new OpCase(label, op, configs, c -> {
            MatrixGen.Domain[] domains = new MatrixGen.Domain[c.length];
            Arrays.fill(domains, domain);
            return independent(c, domains);
        }, f);
    }

    /** Inputs drawn independently, input {@code k} of shape {@code c[k]} from {@code domains[k]}. */
    static Gen<Matrix[]> independent(Shape[] c, MatrixGen.Domain... domains) {
        return in -> {
            Matrix[] values = new Matrix[c.length];
            for (int k = 0; k < c.length; k++) {
                values[k] = MatrixGen.matrices(c[k].rows(), c[k].cols(), domains[k]).generate(in);
            }
            return values;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
