package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlref.bench.Workloads;
import io.github.dlref.math.MatrixKernels;
import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.bench.BenchRunner;
import io.github.dlref.bench.Measurement;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code dlref bench} in process, with tiny time budgets (the numbers are not checked, only that they are
 * measured, reported and consistent with each other: timings belong to benchmarks, not to tests).
 */
class BenchCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = Dlref.commandLine(ExampleCatalog::standard);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonReportsEveryRoundOfTheChosenWorkloads() throws Exception {
        Run r = run("bench", "--workload", Workloads.SMALL_222, "--workload", Workloads.SCALAR_MICROGRAD,
                "--warmup", "0", "--rounds", "2", "--round-time", "0.01", "--products", "reference", "--threads", "1",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("REFERENCE", root.path("environment").path("products").asText());
        assertEquals(1, root.path("environment").path("threads").asInt());
        assertEquals(2, root.path("settings").path("rounds").asInt());
        JsonNode results = root.path("results");
        assertEquals(2, results.size());
        assertEquals(Workloads.SMALL_222, results.get(0).path("workload").asText());
        assertEquals(Workloads.SMALL_BATCH, results.get(0).path("samplesPerStep").asInt());
        assertEquals(Workloads.SCALAR_MICROGRAD, results.get(1).path("workload").asText());
        assertEquals(100, results.get(1).path("samplesPerStep").asInt());
        for (JsonNode m : results) {
            assertEquals(2, m.path("rounds").size());
            double best = m.path("bestSamplesPerSecond").asDouble();
            double median = m.path("medianSamplesPerSecond").asDouble();
            assertTrue(median > 0 && median <= best, m.toString());
            // each round's throughput is steps * batch / seconds
            JsonNode round = m.path("rounds").get(0);
            double expected = round.path("steps").asLong() * m.path("samplesPerStep").asDouble()
                    / (round.path("nanos").asLong() * 1e-9);
            assertEquals(expected, m.path("samplesPerSecond").get(0).asDouble(), Tolerances.RECOMPUTED_THROUGHPUT_RELATIVE * expected);
            assertTrue(Double.isFinite(m.path("lastLoss").asDouble()), m.toString());
        }
    }

    @Test
    void aRedirectedRunPrintsNoProgress() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Run r;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            r = run("bench", "--workload", Workloads.SMALL_222, "--warmup", "0", "--rounds", "1", "--round-time",
                    "0.01", "--threads", "1");
        } finally {
            System.setErr(original);
        }
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "no console, so no progress bar");
        assertTrue(r.out().contains(Workloads.SMALL_222 + " "), r.out());
    }

    @Test
    void progressNamesEachWorkloadWhileItIsMeasured() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream progress = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        BenchRunner.Settings settings = new BenchRunner.Settings(Duration.ZERO, 1, Duration.ofMillis(10));
        List<Measurement> results = BenchCommand.measure(List.of(Workloads.SMALL_222, Workloads.SMALL_SPIRAL),
                Workloads.DEFAULT_SEED, settings, progress);
        assertEquals(2, results.size());
        assertEquals(Workloads.SMALL_SPIRAL, results.get(1).workload());
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("bench"), shown);
        assertTrue(shown.contains("2/2"), "the bar counts the workloads: " + shown);
        // without a stream nothing is shown and the measurements are the same workloads
        List<Measurement> quiet = BenchCommand.measure(List.of(Workloads.SMALL_222), Workloads.DEFAULT_SEED,
                settings, null);
        assertEquals(Workloads.SMALL_222, quiet.get(0).workload());
    }

    @Test
    void largeWorkloadsReportGflopsAndTheFractionOfTheMeasuredPeak() throws Exception {
        Run r = run("bench", "--workload", Workloads.LARGE_FASHION, "--workload", Workloads.SMALL_222, "--warmup",
                "0", "--rounds", "1", "--round-time", "0.01", "--threads", "2", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode env = root.path("environment");
        assertEquals(MatrixKernels.kernelDescription(), env.path("productKernel").asText());
        assertEquals(MatrixKernels.vectorized(), env.path("vectorized").asBoolean());
        double perThread = env.path("peakGflopsPerThread").asDouble();
        assertTrue(perThread > 0, env.toString());
        int used = Math.min(2, Runtime.getRuntime().availableProcessors());
        assertEquals(perThread * used, env.path("peakGflops").asDouble(), 1e-12 * perThread * used);
        JsonNode large = root.path("results").get(0);
        // 2 x 128 x (2 x 784 x 256 + 3 x 256 x 10), the five products of one step
        assertEquals(104_726_528L, large.path("productFlopsPerStep").asLong());
        double gflops = 104_726_528.0 * large.path("medianSamplesPerSecond").asDouble() / 128 * 1e-9;
        assertEquals(gflops, large.path("medianGflops").asDouble(), 1e-9 * gflops);
        assertEquals(gflops / (perThread * used), large.path("fractionOfPeak").asDouble(), 1e-9);
        assertTrue(root.path("results").get(1).path("medianGflops").isMissingNode(), "small workloads: not counted");
    }

    @Test
    void tableShowsTheKernelThePeakAndGflops() {
        Run r = run("bench", "--workload", Workloads.LARGE_FASHION, "--warmup", "0", "--rounds", "1",
                "--round-time", "0.01", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("product kernel: " + MatrixKernels.kernelDescription()), r.out());
        assertTrue(r.out().contains("GFLOP/s on one thread"), r.out());
        assertTrue(r.out().contains("GFLOP/S"), r.out());
        assertTrue(r.out().contains("OF PEAK"), r.out());
        Run plain = run("bench", "--workload", Workloads.SMALL_222, "--warmup", "0", "--rounds", "1",
                "--round-time", "0.01", "--products", "reference");
        assertTrue(plain.out().contains("product kernel: EJML (plain path)"), plain.out());
        assertTrue(!plain.out().contains("GFLOP/s on one thread"), "no peak without a counted workload");
        assertTrue(!plain.out().contains("OF PEAK"), "no rate column without a counted workload");
    }

    @Test
    void everyLineOfTheTableAndTheListFitsEightyColumns() {
        Run r = run("bench", "--workload", Workloads.LARGE_FASHION, "--workload", Workloads.LARGE_FASHION_EJML_PLAIN,
                "--workload", Workloads.SCALAR_MICROGRAD, "--warmup", "0", "--rounds", "1", "--round-time", "0.01",
                "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        Run list = run("bench", "--list");
        assertEquals(0, list.exit(), list.err());
        for (String text : new String[] {r.out(), list.out()}) {
            for (String line : text.split("\\R")) {
                assertTrue(line.length() <= 80, line.length() + " columns: " + line);
            }
        }
        // the longest workload name still leaves its row aligned with the header
        String header = r.out().lines().filter(l -> l.startsWith("WORKLOAD")).findFirst().orElseThrow();
        String row = r.out().lines().filter(l -> l.startsWith(Workloads.LARGE_FASHION_EJML_PLAIN + " "))
                .findFirst().orElseThrow();
        assertEquals(header.length(), row.length(), header + "\n" + row);
    }

    @Test
    void tableNamesTheSettingsAndTheWorkload() {
        Run r = run("bench", "--workload", Workloads.SMALL_SPIRAL, "--warmup", "0", "--rounds", "1", "--round-time",
                "0.01", "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("products TILED, threads 2"), r.out());
        assertTrue(r.out().contains("load average"), r.out());
        assertTrue(r.out().contains("WORKLOAD"), r.out());
        assertTrue(r.out().contains(Workloads.SMALL_SPIRAL + " "), r.out());
        assertTrue(r.out().contains("MLP 2-100-3"), r.out());
    }

    @Test
    void theProductSettingIsRestoredAfterTheRun() {
        MatrixKernels.Products before = MatrixKernels.products();
        int threadsBefore = MatrixKernels.threads();
        Run r = run("bench", "--workload", Workloads.SMALL_222, "--warmup", "0", "--rounds", "1", "--round-time",
                "0.001", "--products", before == MatrixKernels.Products.TILED ? "reference" : "tiled", "--threads",
                "3");
        assertEquals(0, r.exit(), r.err());
        assertEquals(before, MatrixKernels.products());
        assertEquals(threadsBefore, MatrixKernels.threads());
    }

    @Test
    void listNamesEveryWorkload() {
        Run r = run("bench", "--list");
        assertEquals(0, r.exit(), r.err());
        for (String name : Workloads.names()) {
            assertTrue(r.out().contains(name + "  "), name + " in " + r.out());
        }
    }

    @Test
    void unknownWorkloadIsAUsageErrorNamingTheKnownOnes() {
        Run r = run("bench", "--workload", "huge");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown workload 'huge'"), r.err());
        assertTrue(r.err().contains(Workloads.LARGE_FASHION), r.err());
    }

    @Test
    void settingsOutOfRangeAreUsageErrors() {
        Run threads = run("bench", "--workload", Workloads.SMALL_222, "--threads", "0");
        assertEquals(2, threads.exit());
        assertTrue(threads.err().contains("--threads must be >= 1, got 0"), threads.err());
        Run rounds = run("bench", "--workload", Workloads.SMALL_222, "--rounds", "0");
        assertEquals(2, rounds.exit());
        assertTrue(rounds.err().contains("--rounds must be >= 1, got 0"), rounds.err());
        Run time = run("bench", "--workload", Workloads.SMALL_222, "--round-time", "-1");
        assertEquals(2, time.exit());
        assertEquals("dlref bench: --round-time must be a number of seconds in (0, 3600], got -1.0\n", time.err());
        // the maxima (issue 17: --round-time 1e300 used to hang, --threads 1000000 was accepted)
        for (String[] args : new String[][] {
            {"--round-time", "1e300", "--round-time must be a number of seconds in (0, 3600], got 1.0E300"},
            {"--round-time", "3600.5", "--round-time must be a number of seconds in (0, 3600], got 3600.5"},
            {"--round-time", "NaN", "--round-time must be a number of seconds in (0, 3600], got NaN"},
            {"--warmup", "3601", "--warmup must be a number of seconds in [0, 3600], got 3601.0"},
            {"--warmup", "-0.5", "--warmup must be a number of seconds in [0, 3600], got -0.5"},
            {"--threads", "1000000", "--threads must be <= 256, got 1000000"},
            {"--threads", "257", "--threads must be <= 256, got 257"},
            {"--rounds", "1001", "--rounds must be <= 1000, got 1001"}}) {
            Run r = run("bench", "--list", args[0], args[1]);
            assertEquals(2, r.exit(), args[0] + " " + args[1]);
            assertEquals("dlref bench: " + args[2] + "\n", r.err());
        }
        for (String[] ok : new String[][] {{"--threads", "256"}, {"--rounds", "1000"}, {"--round-time", "3600"},
            {"--warmup", "3600"}, {"--warmup", "0"}}) {
            assertEquals(0, run("bench", "--list", ok[0], ok[1]).exit(), ok[0] + " " + ok[1]);
        }
        assertEquals(256, BenchCommand.MAX_THREADS);
        Run products = run("bench", "--products", "fastest");
        assertEquals(2, products.exit());
        assertTrue(products.err().contains("fastest"), products.err());
        assertTrue(products.err().contains("expected one of reference, tiled"), "the error names the kinds: "
                + products.err());
        Run help = run("bench", "--help");
        assertTrue(help.out().contains("--products=KIND"), "the usage names a kind, not a path: " + help.out());
    }
}
