package io.github.dlref.cli;

import io.github.dlref.verify.examples.ExampleCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Runs the command line in-process and captures its output: the test helper of the oracle commands
 * (RunCommandTest, CheckCommandTest, DiagnoseCommandTest, VectorsCommandTest, GradcheckCommandTest).
 */
record OracleCliRun(int exit, String out, String err) {

    static OracleCliRun of(String... args) {
        CommandLine cl = Dlref.commandLine(ExampleCatalog::standard);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new OracleCliRun(exit, out.toString(), err.toString());
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small valid spec: the optim golden 2-3-1 problem with PyTorch momentum SGD. */
    static final String MLP = """
            {
              "format": "dlref.spec.v1",
              "model": {"input": 2, "layers": [{"type": "linear", "out": 3}, {"type": "relu"},
                                                {"type": "linear", "out": 1}]},
              "parameters": {"values": {
                "0.weight": [[0.1, -0.2], [0.4, 0.3], [-0.5, 0.6]], "0.bias": [[0.05, -0.1, 0.2]],
                "2.weight": [[0.3, -0.6, 0.9]], "2.bias": [[0.1]]}},
              "data": {"inputs": [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [1.0, 1.0]],
                       "targets": [[1.0], [-0.5], [0.25], [2.0]]},
              "loss": {"type": "mse"},
              "optimizer": {"type": "sgd", "preset": "pytorch", "lr": 0.1, "momentum": 0.9},
              "training": {"steps": 10}
            }
            """;
}
