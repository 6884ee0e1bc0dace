package io.github.dlref.verify.oracle;

import io.github.dlref.math.Matrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readers for the PyTorch golden files committed by the nn and optim modules (their own scripts describe the
 * formats): {@code nn/src/test/resources/golden/nn_golden.txt} ({@code [case]} headers, then
 * {@code key rows cols hex...} lines) and {@code optim/src/test/resources/golden/pytorch_trajectories.csv}
 * ({@code case,problem,step,kind,name,index,value_hex,value_repr}). Paths are relative to the verify module,
 * where the tests run.
 */
final class GoldenFiles {

    static final Path NN = Path.of("..", "nn", "src", "test", "resources", "golden", "nn_golden.txt");
    static final Path OPTIM = Path.of("..", "optim", "src", "test", "resources", "golden", "pytorch_trajectories.csv");

    private GoldenFiles() {
    }

    /** nn golden: case name -> key -> matrix. */
    static Map<String, Map<String, Matrix>> nn() {
        Map<String, Map<String, Matrix>> cases = new LinkedHashMap<>();
        Map<String, Matrix> current = null;
        for (String line : lines(NN)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                current = new LinkedHashMap<>();
                cases.put(line.substring(1, line.length() - 1), current);
                continue;
            }
            String[] f = line.trim().split("\\s+");
            int rows = Integer.parseInt(f[1]);
            int cols = Integer.parseInt(f[2]);
            double[] v = new double[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.parseDouble(f[3 + i]);
            }
            current.put(f[0], Matrix.fromRowMajor(rows, cols, v));
        }
        return cases;
    }

    /** One row of the optim golden CSV. */
    record Row(String caseName, String problem, int step, String kind, String name, int index, double value) {
    }

    static List<Row> optim() {
        return lines(OPTIM).stream().filter(l -> !l.startsWith("#") && !l.startsWith("case,")).map(l -> {
            String[] f = l.split(",");
            return new Row(f[0], f[1], Integer.parseInt(f[2]), f[3], f[4], Integer.parseInt(f[5]),
                    Double.parseDouble(f[6]));
        }).toList();
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + p.toAbsolutePath(), e);
        }
    }
}
