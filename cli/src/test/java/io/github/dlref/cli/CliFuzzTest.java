package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dlref.cli.TrainCommandTest.CliRun;
import io.github.dlref.train.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A seeded, bounded fuzz suite of the command line (issue 17): mutated spec JSON ({@code run}, {@code check}),
 * mutated trajectory JSON ({@code check}), mutated checkpoint files ({@code train --resume}, {@code evaluate}),
 * mutated CSV ({@code train}, {@code predict}) and IDX bytes ({@code train --dataset fashion-mnist}), and mutated
 * command-line options of every command, each run in-process through {@link Dlref#commandLine}. Every case must
 * end with a documented exit status (0, 1 or 2), and an error must be exactly one line
 * {@code dlref <command>: <message>} on standard error, without a stack trace, an exception class name, a Jackson
 * location or an {@code internal error}. Each family is one batch under {@code assertTimeoutPreemptively}
 * (generous limits; timings are not what is tested). The default suite runs a few cases per family (seed
 * {@value #SEED}; about 30 invocations, a few seconds); {@link #longRun()} is tagged {@code slow} and runs twenty
 * times as many from another seed.
 */
class CliFuzzTest {

    private static final long SEED = 20261203L;
    private static final Duration BATCH_LIMIT = Duration.ofMinutes(3);

    /** Values that break options: empty, negative, huge, not a number, paths to devices and nowhere. */
    private static final List<String> HOSTILE_VALUES = List.of("", "-1", "0", "1e308", "-1e308", "NaN", "Infinity",
            "abc", "2147483648", "99999999999", "1,2,", ",", "none", "\u0000", "/dev/zero", "/dev/full/x", "0.5", "3",
            "1e-320", "--epochs");

    /** JSON values put in place of a spec's or trajectory's scalar. */
    private static final List<String> HOSTILE_JSON = List.of("1e308", "-1", "0", "1e9", "2147483648", "\"abc\"",
            "null", "true", "[]", "{}", "[[1e308]]", "-0.0", "1e-320", "\"NaN\"", "9999999999999999999999", "0.5",
            "\"\"", "[[0.1, 0.2, 0.3, 0.4, 0.5]]", "1000000000");

    private static final Pattern SCALAR = Pattern.compile("-?[0-9][0-9.eE+-]*|\"[^\"]*\"|true|false|null");

    /** Commands whose valid runs take seconds: only invalid option mutations are generated for them. */
    private static final Set<String> PARSE_ONLY = Set.of("examples", "vectors", "gradcheck", "diagnose");

    @TempDir
    Path tmp;

    private int counter;

    /** How many cases ended with exit status 0, 1 and 2. */
    private int[] exits = new int[3];

    @Test
    void defaultRun() throws Exception {
        fuzz(SEED, 1);
    }

    @Test
    @Tag("slow")
    void longRun() throws Exception {
        fuzz(SEED + 1, 20);
    }

    private void fuzz(long seed, int scale) throws Exception {
        Random rng = new Random(seed);
        Fixtures f = fixtures();
        List<String> failures = new ArrayList<>();
        exits = new int[3];
        assertTimeoutPreemptively(BATCH_LIMIT.multipliedBy(scale), () -> specCases(rng, f, 4 * scale, failures), "spec batch");
        assertTimeoutPreemptively(BATCH_LIMIT.multipliedBy(scale), () -> trajectoryCases(rng, f, 3 * scale, failures), "trajectory batch");
        assertTimeoutPreemptively(BATCH_LIMIT.multipliedBy(scale), () -> checkpointCases(rng, f, 2 * scale, failures), "checkpoint batch");
        assertTimeoutPreemptively(BATCH_LIMIT.multipliedBy(scale), () -> csvCases(rng, f, 2 * scale, failures), "csv batch");
        assertTimeoutPreemptively(BATCH_LIMIT.multipliedBy(scale), () -> idxCases(rng, f, 2 * scale, failures), "idx batch");
        assertTimeoutPreemptively(BATCH_LIMIT.multipliedBy(scale), () -> optionCases(rng, f, 10 * scale, failures), "option batch");
        if (!failures.isEmpty()) {
            fail(failures.size() + " fuzz case(s) broke the error contract:\n" + String.join("\n", failures));
        }
        // the generators must reach both refusals and accepted inputs, or the fuzzing proves little
        int total = exits[0] + exits[1] + exits[2];
        assertTrue(exits[2] >= total / 2, "exit statuses 0/1/2: " + Arrays.toString(exits));
        assertTrue(exits[0] >= 1, "exit statuses 0/1/2: " + Arrays.toString(exits));
    }

    /** The valid inputs the mutations start from. */
    private record Fixtures(String spec, Path specFile, String trajectory, Path trajectoryFile, Path run, String csv,
            Path csvFile, Map<String, byte[]> idx) {
    }

    private Fixtures fixtures() throws Exception {
        Path specFile = OracleCliRun.write(tmp, "base.spec.json", OracleCliRun.MLP);
        CliRun traj = CliRun.of("run", specFile.toString());
        assertEquals(0, traj.exit(), traj.err());
        Path trajectoryFile = OracleCliRun.write(tmp, "base.trajectory.json", traj.out());
        Path run = tmp.resolve("base-run");
        CliRun trained = CliRun.of("train", "--epochs", "1", "--hidden", "4", "--out", run.toString());
        assertEquals(0, trained.exit(), trained.err());
        StringBuilder csv = new StringBuilder();
        Random r = new Random(5);
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 4; j++) {
                csv.append(Math.round(r.nextDouble() * 800) / 100.0).append(',');
            }
            csv.append(i % 3).append('\n');
        }
        Path csvFile = OracleCliRun.write(tmp, "base.csv", csv.toString());
        Map<String, byte[]> idx = Map.of(
                "train-images-idx3-ubyte", HostileInputTest.idx(0x803, new int[] {30, 28, 28}),
                "train-labels-idx1-ubyte", HostileInputTest.idx(0x801, new int[] {30}),
                "t10k-images-idx3-ubyte", HostileInputTest.idx(0x803, new int[] {10, 28, 28}),
                "t10k-labels-idx1-ubyte", HostileInputTest.idx(0x801, new int[] {10}));
        return new Fixtures(OracleCliRun.MLP, specFile, traj.out(), trajectoryFile, run, csv.toString(), csvFile, idx);
    }

    private Path fresh(String name) {
        return tmp.resolve("case-" + (++counter) + "-" + name);
    }

    // ------------------------------------------------------------------------------------------
    // Families

    private void specCases(Random rng, Fixtures f, int n, List<String> failures) {
        for (int i = 0; i < n; i++) {
            byte[] mutated = mutateJson(rng, f.spec());
            Path spec = write(fresh("spec.json"), mutated);
            expect(failures, "run", "run", spec.toString(), "--out", fresh("t.json").toString());
            expect(failures, "check", "check", spec.toString(), f.trajectoryFile().toString());
        }
    }

    private void trajectoryCases(Random rng, Fixtures f, int n, List<String> failures) {
        for (int i = 0; i < n; i++) {
            Path traj = write(fresh("trajectory.json"), mutateJson(rng, f.trajectory()));
            expect(failures, "check", "check", f.specFile().toString(), traj.toString());
        }
    }

    private void checkpointCases(Random rng, Fixtures f, int n, List<String> failures) throws Exception {
        for (int i = 0; i < n; i++) {
            Path copy = fresh("run");
            copyTree(f.run(), copy);
            Path generation = Checkpoint.current(copy.resolve("checkpoint")).orElseThrow();
            List<String> names;
            try (Stream<Path> files = Files.list(generation)) {
                names = files.map(p -> p.getFileName().toString()).sorted().toList();
            }
            String name = names.get(rng.nextInt(names.size()));
            Path file = generation.resolve(name);
            byte[] content = Files.readAllBytes(file);
            byte[] mutated = name.endsWith(".json") ? mutateJson(rng, new String(content, StandardCharsets.UTF_8))
                    : mutateBytes(rng, content);
            Files.write(file, mutated);
            if (!name.equals(Checkpoint.MANIFEST_FILE) && rng.nextBoolean()) {
                HostileInputTest.rewriteManifest(generation); // reach the parsers behind the manifest
            }
            expect(failures, "train", "train", "--resume", copy.toString(), "--epochs", "2");
            expect(failures, "evaluate", "evaluate", "--model", copy.toString());
        }
    }

    private void csvCases(Random rng, Fixtures f, int n, List<String> failures) {
        for (int i = 0; i < n; i++) {
            Path csv = write(fresh("data.csv"), rng.nextBoolean() ? mutateBytes(rng, f.csv().getBytes(
                    StandardCharsets.UTF_8)) : mutateJson(rng, f.csv()));
            expect(failures, "train", "train", "--dataset", "csv", "--data", csv.toString(), "--epochs", "1",
                    "--hidden", "4", "--out", fresh("out").toString());
            expect(failures, "predict", "predict", "--model", f.run().toString(), "--data", csv.toString());
        }
    }

    private void idxCases(Random rng, Fixtures f, int n, List<String> failures) throws IOException {
        List<String> names = f.idx().keySet().stream().sorted().toList();
        for (int i = 0; i < n; i++) {
            Path dir = Files.createDirectories(fresh("fm"));
            String target = names.get(rng.nextInt(names.size()));
            for (String name : names) {
                byte[] content = f.idx().get(name);
                if (name.equals(target)) {
                    content = mutateIdx(rng, content);
                }
                boolean gzip = name.equals(target) && rng.nextInt(3) == 0;
                Files.write(dir.resolve(gzip ? name + ".gz" : name), gzip ? gzip(rng, content) : content);
            }
            expect(failures, "train", "train", "--dataset", "fashion-mnist", "--data", dir.toString(), "--epochs", "1",
                    "--hidden", "4", "--limit", Integer.toString(1 + rng.nextInt(40)), "--out",
                    fresh("out").toString());
        }
    }

    private void optionCases(Random rng, Fixtures f, int n, List<String> failures) {
        CommandLine model = Dlref.commandLine(io.github.dlref.verify.examples.ExampleCatalog::standard);
        List<String> commands = new ArrayList<>(model.getSubcommands().keySet());
        commands.sort(Comparator.naturalOrder());
        for (int i = 0; i < n; i++) {
            String command = commands.get(rng.nextInt(commands.size()));
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(base(command, f));
            List<OptionSpec> options = model.getSubcommands().get(command).getCommandSpec().options().stream()
                    .filter(o -> !o.longestName().equals("--help") && !o.longestName().equals("--version")).toList();
            int mutations = 1 + rng.nextInt(2);
            for (int m = 0; m < mutations; m++) {
                int kind = PARSE_ONLY.contains(command) ? 2 + rng.nextInt(2) : rng.nextInt(5);
                if (kind <= 1 && !options.isEmpty()) {
                    OptionSpec o = options.get(rng.nextInt(options.size()));
                    args.add(o.longestName());
                    if (o.arity().max() > 0) {
                        args.add(HOSTILE_VALUES.get(rng.nextInt(HOSTILE_VALUES.size())));
                    }
                } else if (kind == 2) {
                    args.add("--evil" + rng.nextInt(3));
                } else if (kind == 3) {
                    args.add("stray\u00e9" + rng.nextInt(3));
                } else if (!options.isEmpty()) {
                    args.add(options.get(rng.nextInt(options.size())).longestName()); // a value may be missing
                }
            }
            expect(failures, command, args.toArray(new String[0]));
        }
    }

    /** Fast, valid arguments of a command; every output goes under the temporary directory. */
    private List<String> base(String command, Fixtures f) {
        String out = fresh(command).toString();
        return switch (command) {
            case "train" -> List.of("--epochs", "1", "--hidden", "4", "--out", out);
            case "compare" -> List.of("--epochs", "1", "--hidden", "4", "--optimizers", "sgd", "--strategy-iterations",
                    "2", "--out", out);
            case "search" -> List.of("--trials", "1", "--epochs", "1", "--hidden", "4", "--out", out);
            case "evaluate" -> List.of("--model", f.run().toString(), "--plot", out + ".png");
            case "predict" -> List.of("--model", f.run().toString(), "--data", f.csvFile().toString());
            case "run" -> List.of(f.specFile().toString(), "--out", out + ".json");
            case "check", "diagnose" -> List.of(f.specFile().toString(), f.trajectoryFile().toString());
            case "bench" -> List.of("--list");
            case "vectors" -> List.of("--out", out);
            case "examples" -> List.of("--only", "cs231n-opt-bp");
            default -> List.of();
        };
    }

    // ------------------------------------------------------------------------------------------
    // The contract

    /** Runs one case and records a failure of the contract (exit status, one line, no stack trace). */
    private void expect(List<String> failures, String command, String... args) {
        CliRun r;
        try {
            r = CliRun.of(args);
        } catch (Throwable t) {
            failures.add(Arrays.toString(args) + ": threw " + t);
            return;
        }
        if (r.exit() >= 0 && r.exit() <= 2) {
            exits[r.exit()]++;
        }
        String problem = contractBroken(command, r);
        if (problem != null) {
            failures.add(Arrays.toString(args).replace("\u0000", "\\0") + ": " + problem + " (exit " + r.exit()
                    + ", stderr: " + r.err().replace("\n", "\\n") + ")");
        }
    }

    static String contractBroken(String command, CliRun r) {
        if (r.exit() < 0 || r.exit() > 2) {
            return "undocumented exit status";
        }
        String err = r.err();
        if (err.contains("\tat ") || err.contains("Exception") || err.contains("io.github.dlref.")
                || err.contains("[Source") || err.contains("internal error") || err.contains("(class ")) {
            return "a stack trace, class name or internal error";
        }
        if (err.isEmpty()) {
            boolean result = Set.of("check", "diagnose", "examples", "gradcheck").contains(command);
            return r.exit() == 0 || r.exit() == 1 && result ? null : "failed without a message";
        }
        long lines = err.lines().count();
        if (lines != 1 || !err.endsWith("\n")) {
            return lines + " lines on standard error";
        }
        if (!err.startsWith("dlref " + command + ": ") && !err.startsWith("dlref: ")) {
            return "the line does not start with 'dlref " + command + ": '";
        }
        return null;
    }

    @Test
    void theContractCheckCanFail() {
        assertEquals(null, contractBroken("run", new CliRun(2, "", "dlref run: spec.json: $: bad\n")));
        assertEquals(null, contractBroken("check", new CliRun(1, "report", "")));
        assertEquals(null, contractBroken("train", new CliRun(0, "table", "")));
        assertEquals("undocumented exit status", contractBroken("run", new CliRun(3, "", "dlref run: x\n")));
        assertEquals("failed without a message", contractBroken("run", new CliRun(2, "", "")));
        assertEquals("a stack trace, class name or internal error", contractBroken("run",
                new CliRun(1, "", "java.lang.OutOfMemoryError\n\tat Foo.bar(Foo.java:1)\n")));
        assertEquals("a stack trace, class name or internal error", contractBroken("train",
                new CliRun(2, "", "dlref train: Unrecognized field \"evil\" (class X)\n")));
        assertEquals("a stack trace, class name or internal error", contractBroken("train",
                new CliRun(1, "", "dlref train: internal error: out of memory\n")));
        assertEquals("2 lines on standard error", contractBroken("run", new CliRun(2, "", "dlref run: a\nb\n")));
        assertEquals("the line does not start with 'dlref run: '", contractBroken("run", new CliRun(2, "", "oops\n")));
    }

    // ------------------------------------------------------------------------------------------
    // Mutations

    /** One of: a scalar replaced, an unknown key, a duplicated key, a cut, a random byte inserted. */
    static byte[] mutateJson(Random rng, String text) {
        int kind = rng.nextInt(6);
        if (kind <= 1) {
            List<int[]> spans = new ArrayList<>();
            Matcher m = SCALAR.matcher(text);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            int[] s = spans.get(rng.nextInt(spans.size()));
            String value = HOSTILE_JSON.get(rng.nextInt(HOSTILE_JSON.size()));
            return (text.substring(0, s[0]) + value + text.substring(s[1])).getBytes(StandardCharsets.UTF_8);
        }
        int brace = nth(text, '{', rng);
        if (kind == 2 && brace >= 0) {
            return (text.substring(0, brace + 1) + "\"evil\": 1, " + text.substring(brace + 1))
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (kind == 3 && brace >= 0) {
            Matcher key = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*([^,{}\\[\\]]+)").matcher(text);
            if (key.find(brace)) {
                String pair = key.group(0);
                return (text.substring(0, key.end()) + ", " + pair + text.substring(key.end()))
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (kind == 4) {
            return Arrays.copyOf(bytes, rng.nextInt(bytes.length));
        }
        return insertByte(rng, bytes);
    }

    private static int nth(String text, char c, Random rng) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                at.add(i);
            }
        }
        return at.isEmpty() ? -1 : at.get(rng.nextInt(at.size()));
    }

    /** Byte-level damage: flips, a random byte inserted (0x00, 0xFF, a comma, a line break, ...), a cut. */
    static byte[] mutateBytes(Random rng, byte[] content) {
        byte[] b = content.clone();
        switch (rng.nextInt(4)) {
            case 0 -> {
                for (int k = 0; k < 1 + rng.nextInt(4); k++) {
                    int i = rng.nextInt(b.length);
                    b[i] = (byte) (b[i] ^ (1 << rng.nextInt(8)));
                }
                return b;
            }
            case 1 -> {
                return insertByte(rng, b);
            }
            case 2 -> {
                return Arrays.copyOf(b, rng.nextInt(b.length));
            }
            default -> {
                int i = rng.nextInt(b.length);
                b[i] = (byte) "\u0000,\n.-e9 x".charAt(rng.nextInt(9));
                return b;
            }
        }
    }

    private static byte[] insertByte(Random rng, byte[] bytes) {
        byte[] insert = {0x00, (byte) 0xFF, (byte) 0xC3, ',', '\n', '"', '{', ']', (byte) 0x80};
        int at = rng.nextInt(bytes.length + 1);
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, at);
        out[at] = insert[rng.nextInt(insert.length)];
        System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
        return out;
    }

    /** IDX damage: a header field set to a hostile value, or byte-level damage. */
    static byte[] mutateIdx(Random rng, byte[] content) {
        if (rng.nextBoolean()) {
            return mutateBytes(rng, content);
        }
        byte[] b = content.clone();
        int fields = b[3] & 0xFF;
        int field = rng.nextInt(1 + fields);
        int[] values = {0, 1, -1, Integer.MAX_VALUE, 1 << 30, 27, 29, 3_000_000, 0x0803, 0x0801, 0x0D03};
        java.nio.ByteBuffer.wrap(b).putInt(4 * field, values[rng.nextInt(values.length)]);
        return b;
    }

    /** Gzip, sometimes cut short. */
    private static byte[] gzip(Random rng, byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] z = out.toByteArray();
        return rng.nextBoolean() ? z : Arrays.copyOf(z, rng.nextInt(z.length));
    }

    private static Path write(Path file, byte[] content) {
        try {
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void theMutationsChangeTheirInputAndAreSeeded() {
        Random a = new Random(1);
        Random b = new Random(1);
        for (int i = 0; i < 50; i++) {
            byte[] x = mutateJson(a, OracleCliRun.MLP);
            assertTrue(Arrays.equals(x, mutateJson(b, OracleCliRun.MLP)), "same seed, same mutation");
            assertFalse(Arrays.equals(x, OracleCliRun.MLP.getBytes(StandardCharsets.UTF_8)), "case " + i);
            byte[] idx = HostileInputTest.idx(0x803, new int[] {2, 3, 3});
            byte[] y = mutateIdx(a, idx);
            assertTrue(Arrays.equals(y, mutateIdx(b, idx)), "same seed, same IDX mutation");
        }
    }
}
