package io.github.dlref.verify.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SourceImportRules} on the real sources (no violation), and on a throw-away project tree written by
 * the test, where every forbidden import must be reported and every allowed one must not.
 */
class SourceImportRulesTest {

    @Test
    void theProjectSourcesImportOnlyWhatTheArchitectureAllows() {
        Path root = SourceImportRules.projectRoot();
        assertTrue(Files.isDirectory(root.resolve("verify/src/test/java")), "project root " + root);
        List<SourceImportRules.Violation> violations = SourceImportRules.violations(root);
        assertTrue(violations.isEmpty(), () -> "forbidden imports:\n" + violations.stream()
                .map(Object::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void forbiddenImportsAreReportedWithFileAndLine(@TempDir Path root) throws IOException {
        write(root, "math/src/main/java/io/github/dlref/math/Ok.java",
                "package io.github.dlref.math;",
                "import org.ejml.data.DMatrixRMaj;",
                "final class Ok {}");
        write(root, "autograd/src/main/java/io/github/dlref/autograd/UnusedEjml.java",
                "package io.github.dlref.autograd;",
                "",
                "import io.github.dlref.math.Matrix;",
                "import org.ejml.dense.row.CommonOps_DDRM; // unused: invisible in bytecode",
                "// import org.ejml.data.DMatrixRMaj;  (a comment, not an import)",
                "final class UnusedEjml {}");
        write(root, "optim/src/main/java/io/github/dlref/optim/Bad.java",
                "package io.github.dlref.optim;",
                "import io.github.dlref.autograd.Parameter;",
                "import io.github.dlref.nn.Linear;",
                "import static io.github.dlref.data.Loaders.*;",
                "final class Bad {}");
        write(root, "nn/src/main/java/io/github/dlref/nn/UsesVerify.java",
                "package io.github.dlref.nn;",
                "import io.github.dlref.verify.Tool;",
                "import io.github.dlref.nn.layers.Dense;",
                "final class UsesVerify {}");
        write(root, "train/src/main/java/io/github/dlref/train/Loop.java",
                "package io.github.dlref.train;",
                "import io.github.dlref.nn.Module;",
                "import io.github.dlref.optim.Optimizer;",
                "import io.github.dlref.cli.Dlref;",
                "import me.tongfei.progressbar.ProgressBar;",
                "import org.openjdk.jmh.annotations.Benchmark;",
                "final class Loop {}");
        write(root, "cli/src/main/java/io/github/dlref/cli/Dlref.java",
                "package io.github.dlref.cli;",
                "import io.github.dlref.verify.oracle.Runner;",
                "import io.github.dlref.bench.Workloads;",
                "import picocli.CommandLine;",
                "import org.knowm.xchart.XYChart;",
                "final class Dlref {}");
        write(root, "data/src/main/java/io/github/dlref/data/Graph.java",
                "package io.github.dlref.data;",
                "   import   io.github.dlref.autograd.Tensor ;",
                "import io.github.dlref.mathematics.NotAModule;",
                "final class Graph {}");
        write(root, "verify/src/main/java/io/github/dlref/verify/Wiring.java",
                "package io.github.dlref.verify;",
                "import io.github.dlref.nn.Linear;",
                "import io.github.dlref.optim.Sgd;",
                "import io.github.dlref.data.Loader;",
                "import io.github.dlref.train.TrainingRun;",
                "import io.github.dlref.cli.Dlref;",
                "import picocli.CommandLine;",
                "final class Wiring {}");
        write(root, "bench/src/main/java/io/github/dlref/bench/MatmulBench.java",
                "package io.github.dlref.bench;",
                "import io.github.dlref.math.Matrix;",
                "import org.ejml.simple.SimpleMatrix;",
                "import io.github.dlref.verify.Wiring;",
                "import org.openjdk.jmh.annotations.Benchmark; // allowed: bench is the JMH module",
                "final class MatmulBench {}");
        write(root, "bench/src/main/java/io/github/dlref/bench/baseline/EjmlBaseline.java",
                "package io.github.dlref.bench.baseline;",
                "import org.ejml.data.DMatrixRMaj; // allowed: the hand-written EJML baseline",
                "final class EjmlBaseline {}");

        List<String> found = SourceImportRules.violations(root).stream()
                .map(v -> v.module() + ":" + v.line() + ": " + v.imported() + " -- " + v.reason().replaceAll(" \\(allowed.*", ""))
                .toList();
        List<String> expected = List.of(
                "autograd:4: org.ejml.dense.row.CommonOps_DDRM -- only math may import org.ejml",
                "bench:3: org.ejml.simple.SimpleMatrix -- only math may import org.ejml",
                "bench:4: io.github.dlref.verify.Wiring -- bench may not import verify",
                "data:2: io.github.dlref.autograd.Tensor -- data may not import autograd",
                "nn:2: io.github.dlref.verify.Tool -- nn may not import verify",
                "optim:3: io.github.dlref.nn.Linear -- optim may not import nn",
                "optim:4: io.github.dlref.data.Loaders.* -- optim may not import data",
                "train:4: io.github.dlref.cli.Dlref -- train may not import cli",
                "train:5: me.tongfei.progressbar.ProgressBar -- only cli may import command-line, console and "
                        + "plotting libraries",
                "train:6: org.openjdk.jmh.annotations.Benchmark -- only bench and cli may import JMH",
                "verify:6: io.github.dlref.cli.Dlref -- verify may not import cli",
                "verify:7: picocli.CommandLine -- only cli may import command-line, console and plotting "
                        + "libraries");
        assertEquals(expected, found);
        SourceImportRules.Violation first = SourceImportRules.violations(root).get(0);
        assertEquals(Path.of("autograd", "src", "main", "java", "io", "github", "dlref", "autograd", "UnusedEjml.java"),
                first.file());
        assertEquals("autograd/src/main/java/io/github/dlref/autograd/UnusedEjml.java:4: imports "
                + "org.ejml.dense.row.CommonOps_DDRM; only math may import org.ejml",
                first.toString().replace(root.getFileSystem().getSeparator(), "/"));
    }

    @Test
    void projectRootIsFoundFromTheModuleDirectory() {
        Path root = SourceImportRules.projectRoot();
        assertTrue(Files.isRegularFile(root.resolve("pom.xml")));
        assertTrue(Files.isDirectory(root.resolve("math/src/main/java/io/github/dlref/math")));
    }

    private static void write(Path root, String relative, String... lines) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    }
}
