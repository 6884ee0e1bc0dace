package io.github.dlref.verify.arch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The module rules of {@link ArchitectureRules}, checked on {@code import} statements in the source files.
 *
 * <p>Why a second check: ArchUnit reads bytecode, and bytecode records only the types a class really uses.
 * An {@code import org.ejml...} that is unused, or used only in Javadoc, compiles (EJML is on every
 * module's class path, through math) and leaves no trace in the class file. Scanning the sources makes
 * any such import fail the build as well.
 *
 * <p>Scope: {@code <module>/src/main/java} of every module directory under the project root. Rules:
 * <ul>
 *   <li>{@code org.ejml} may be imported only in {@code math} (any other module, including ones added
 *       later, is refused), and in {@code bench}'s package {@code io.github.dlref.bench.baseline};</li>
 *   <li>a module may import from the project's modules only those below it in the picture: {@code math}
 *       none, {@code autograd} math, {@code nn} and {@code optim} autograd and math, {@code data} math,
 *       {@code train} and {@code bench} math, autograd, nn, optim and data, {@code verify} those and
 *       {@code train}, {@code cli} all; a module directory not in that list may import none of them but
 *       math, autograd, nn, optim and data;</li>
 *   <li>picocli, progressbar, JLine and XChart may be imported only in {@code cli}, JMH only in
 *       {@code bench} and {@code cli}.</li>
 * </ul>
 * An import is a line that starts (after blanks) with {@code import} or {@code import static}; imports
 * inside block comments are not told apart, which errs on the strict side.
 */
final class SourceImportRules {

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");
    private static final String ROOT = ArchitectureRules.ROOT;
    private static final List<String> MODULES = List.of("math", "autograd", "nn", "optim", "data", "train", "bench",
            "verify", "cli");

    /** The library modules below train. */
    private static final Set<String> LIBRARY = Set.of("math", "autograd", "nn", "optim", "data");

    /** For each module, the project modules (other than itself) it may import from. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "math", Set.of(),
            "autograd", Set.of("math"),
            "nn", Set.of("math", "autograd"),
            "optim", Set.of("math", "autograd"),
            "data", Set.of("math"),
            "train", LIBRARY,
            "bench", LIBRARY,
            "verify", Set.of("math", "autograd", "nn", "optim", "data", "train"),
            "cli", Set.of("math", "autograd", "nn", "optim", "data", "train", "bench", "verify"));

    /** Command-line, console and plotting libraries: only cli may import them. */
    private static final List<String> CLI_LIBRARIES = List.of("picocli", "me.tongfei", "org.jline", "org.knowm");

    /** JMH: only bench and cli may import it. */
    private static final String JMH = "org.openjdk.jmh";

    /** The one package outside math that may import org.ejml: bench's hand-written EJML baseline (issue 10). */
    private static final String EJML_BASELINE = "io/github/dlref/bench/baseline";

    /** Allowed for a module directory that is not one of {@link #MODULES} (a benchmark module, say). */
    private static final Set<String> ALLOWED_FOR_OTHER_MODULES = Set.of("math", "autograd", "nn", "optim", "data");

    private SourceImportRules() {
    }

    /**
     * One forbidden import.
     *
     * @param module the module directory name
     * @param file the source file, relative to the project root
     * @param line the 1-based line number
     * @param imported the imported name
     * @param reason the rule it breaks
     */
    record Violation(String module, Path file, int line, String imported, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": imports " + imported + "; " + reason;
        }
    }

    /**
     * Every forbidden import under a project root.
     *
     * @param projectRoot the directory holding the module directories
     * @return the violations, by module, file and line
     */
    static List<Violation> violations(Path projectRoot) {
        List<Violation> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(projectRoot)) {
            for (Path moduleDir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path sources = moduleDir.resolve("src/main/java");
                if (Files.isDirectory(sources)) {
                    checkModule(projectRoot, moduleDir.getFileName().toString(), sources, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list modules under " + projectRoot, e);
        }
        return out;
    }

    private static void checkModule(Path projectRoot, String module, Path sources, List<Violation> out)
            throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        Set<String> allowed = ALLOWED.getOrDefault(module, ALLOWED_FOR_OTHER_MODULES);
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = IMPORT.matcher(lines.get(i));
                if (!m.find()) {
                    continue;
                }
                String imported = m.group(1);
                Path relative = projectRoot.relativize(file);
                // Exception, as in ArchitectureRules.onlyMathUsesEjml: the benchmark's hand-written EJML baseline.
                boolean ejmlBaseline = module.equals("bench") && file.startsWith(sources.resolve(EJML_BASELINE));
                if (!module.equals("math") && !ejmlBaseline
                        && (imported.equals("org.ejml") || imported.startsWith("org.ejml."))) {
                    out.add(new Violation(module, relative, i + 1, imported, "only math may import org.ejml"));
                }
                if (!module.equals("cli") && CLI_LIBRARIES.stream().anyMatch(lib -> inPackage(imported, lib))) {
                    out.add(new Violation(module, relative, i + 1, imported,
                            "only cli may import command-line, console and plotting libraries"));
                }
                if (!module.equals("cli") && !module.equals("bench") && inPackage(imported, JMH)) {
                    out.add(new Violation(module, relative, i + 1, imported, "only bench and cli may import JMH"));
                }
                String target = projectModule(imported);
                if (target != null && !target.equals(module) && !allowed.contains(target)) {
                    out.add(new Violation(module, relative, i + 1, imported,
                            module + " may not import " + target + " (allowed: " + allowed + ")"));
                }
            }
        }
    }

    private static boolean inPackage(String name, String pkg) {
        return name.equals(pkg) || name.startsWith(pkg + ".");
    }

    /** The project module a fully qualified name belongs to, or null for anything else. */
    private static String projectModule(String name) {
        for (String module : MODULES) {
            String pkg = ROOT + "." + module;
            if (name.equals(pkg) || name.startsWith(pkg + ".")) {
                return module;
            }
        }
        return null;
    }

    /**
     * The project root, found from verify's directory (Maven runs the tests there and sets {@code basedir})
     * or the working directory: the nearest directory, going up, that holds {@code pom.xml} and
     * {@code math/src/main/java}.
     *
     * @return the project root
     * @throws IllegalStateException if no such directory exists
     */
    static Path projectRoot() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("math/src/main/java"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root (pom.xml and math/src/main/java) at or above " + start);
    }
}
