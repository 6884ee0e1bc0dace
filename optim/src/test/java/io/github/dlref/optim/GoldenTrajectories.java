package io.github.dlref.optim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reader of {@code golden/pytorch_trajectories.csv} (format documented in {@code make_golden.py}): rows
 * {@code case,problem,step,kind,name,index,value_hex,value_repr}. The hex value is parsed exactly
 * ({@link Double#parseDouble} accepts Python's {@code float.hex()} text); the decimal is checked to denote
 * the same double, so a corrupted file fails loudly with its line number.
 */
final class GoldenTrajectories {

    static final String RESOURCE = "/golden/pytorch_trajectories.csv";
    private static final String HEADER = "case,problem,step,kind,name,index,value_hex,value_repr";

    /** Values of one case on one problem: key {@code kind/step/name} to the row-major values. */
    record Run(String caseName, String problem, Map<String, List<Double>> values) {

        double[] get(String kind, int step, String name) {
            List<Double> list = values.get(kind + "/" + step + "/" + name);
            if (list == null) {
                return null;
            }
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        }

        /** The state keys recorded for a parameter at the end (for example {@code exp_avg}). */
        List<String> stateKeys(int step, String parameter) {
            List<String> keys = new ArrayList<>();
            String prefix = "state/" + step + "/" + parameter + ".";
            for (String k : values.keySet()) {
                if (k.startsWith(prefix)) {
                    keys.add(k.substring(prefix.length()));
                }
            }
            return keys;
        }
    }

    private GoldenTrajectories() {
    }

    /** All runs of {@link #RESOURCE}, keyed by {@code case/problem}, in file order. */
    static Map<String, Run> load() {
        return load(RESOURCE);
    }

    /** All runs of a golden resource in this format, keyed by {@code case/problem}, in file order. */
    static Map<String, Run> load(String resource) {
        InputStream in = GoldenTrajectories.class.getResourceAsStream(resource);
        Objects.requireNonNull(in, "missing test resource " + resource);
        Map<String, Run> runs = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            boolean headerSeen = false;
            while ((line = r.readLine()) != null) {
                lineNumber++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (!headerSeen) {
                    if (!line.equals(HEADER)) {
                        throw new IllegalStateException(resource + ":" + lineNumber + ": expected header '" + HEADER
                                + "', got '" + line + "'");
                    }
                    headerSeen = true;
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 8) {
                    throw new IllegalStateException(resource + ":" + lineNumber + ": expected 8 fields, got "
                            + f.length);
                }
                double hex = Double.parseDouble(f[6]);
                double decimal = Double.parseDouble(f[7]);
                if (Double.doubleToLongBits(hex) != Double.doubleToLongBits(decimal)) {
                    throw new IllegalStateException(resource + ":" + lineNumber + ": hex " + f[6] + " and decimal "
                            + f[7] + " denote different doubles");
                }
                String key = f[0] + "/" + f[1];
                Run run = runs.computeIfAbsent(key, k -> new Run(f[0], f[1], new LinkedHashMap<>()));
                List<Double> list = run.values().computeIfAbsent(f[3] + "/" + f[2] + "/" + f[4], k -> new ArrayList<>());
                int index = Integer.parseInt(f[5]);
                if (index != list.size()) {
                    throw new IllegalStateException(resource + ":" + lineNumber + ": index " + index + " out of order");
                }
                list.add(hex);
            }
            if (!headerSeen) {
                throw new IllegalStateException(resource + ": no header line");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runs;
    }
}
