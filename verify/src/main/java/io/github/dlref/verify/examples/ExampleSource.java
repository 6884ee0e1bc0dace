package io.github.dlref.verify.examples;

import java.util.List;

/**
 * A provider of worked examples, usually one per source document and engine (for example the scalar
 * examples of cs231n-opt-bp). Providers are listed in one place, {@link ExampleCatalog#standard()}; a
 * later module adds its examples by adding its provider there.
 *
 * <p>{@link #examples()} computes every example afresh; it must be deterministic (same examples, same
 * order, same bits on every call) and must not print.
 */
public interface ExampleSource {

    /**
     * A short name for messages, such as {@code cs231n-opt-bp (scalar engine)}.
     *
     * @return the name
     */
    String name();

    /**
     * Computes the examples.
     *
     * @return the examples, in a fixed order
     */
    List<WorkedExample> examples();
}
