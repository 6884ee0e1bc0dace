package io.github.dlref.verify.examples;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog of worked examples: an ordered list of {@link ExampleSource}s. {@link #standard()} is the
 * one place where the project's providers are assembled; later issues add their providers (matrix
 * engine, nn, optim) to that list.
 */
public final class ExampleCatalog {

    private final List<ExampleSource> sources;

    /**
     * A catalog of the given providers, run in list order.
     *
     * @param sources the providers; not null, no null elements
     * @throws IllegalArgumentException if {@code sources} or an element is null
     */
    public ExampleCatalog(List<ExampleSource> sources) {
        if (sources == null || sources.stream().anyMatch(s -> s == null)) {
            throw new IllegalArgumentException("ExampleCatalog: sources must not be null or contain null");
        }
        this.sources = List.copyOf(sources);
    }

    /**
     * The project's catalog: every worked example reproduced so far, in this order: cs231n-opt-bp,
     * dl-optimization, bp-optimizers (scalar engine), micrograd's published expressions.
     *
     * @return the standard catalog
     */
    public static ExampleCatalog standard() {
        return new ExampleCatalog(List.of(
                new Cs231nOptBpExamples(),
                new DlOptimizationExamples(),
                new BpOptimizersExamples(),
                new MicrogradExamples(),
                new io.github.dlref.verify.examples.nn.NnExamples()));
    }

    /**
     * The providers, in order.
     *
     * @return an unmodifiable list
     */
    public List<ExampleSource> sources() {
        return sources;
    }

    /**
     * Computes every example of every provider. A provider that throws does not stop the run: it
     * contributes one failing example with id {@code <name>/error} whose quantity is the exception's
     * message.
     *
     * @return the examples, provider by provider
     * @throws IllegalStateException if two examples share an id
     */
    public List<WorkedExample> run() {
        List<WorkedExample> all = new ArrayList<>();
        for (ExampleSource source : sources) {
            try {
                all.addAll(source.examples());
            } catch (RuntimeException e) {
                String slug = source.name().replaceAll("\\s+", "-");
                all.add(new WorkedExample(slug + "/error", new SourceRef(slug, "provider"),
                        "provider failed: " + e, "no exception", 0.0, Double.NaN, new Comparison.Exact(),
                        Optional.empty()));
            }
        }
        Set<String> ids = new HashSet<>();
        for (WorkedExample example : all) {
            if (!ids.add(example.id())) {
                throw new IllegalStateException("ExampleCatalog: duplicate example id '" + example.id() + "'");
            }
        }
        return all;
    }
}
