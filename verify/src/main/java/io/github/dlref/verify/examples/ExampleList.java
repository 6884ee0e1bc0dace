package io.github.dlref.verify.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A small builder of worked examples that share one source document; package-private helper. */
final class ExampleList {

    private final String shortId;
    private final List<WorkedExample> items = new ArrayList<>();

    ExampleList(String shortId) {
        this.shortId = shortId;
    }

    void add(String id, String section, String quantity, String stated, double expected, double computed,
            Comparison comparison) {
        items.add(new WorkedExample(shortId + "/" + id, new SourceRef(shortId, section), quantity, stated,
                expected, computed, comparison, Optional.empty()));
    }

    void addCorrected(String id, String section, String quantity, String stated, double expected,
            double computed, Comparison comparison, Correction correction) {
        items.add(new WorkedExample(shortId + "/" + id, new SourceRef(shortId, section), quantity, stated,
                expected, computed, comparison, Optional.of(correction)));
    }

    List<WorkedExample> toList() {
        return List.copyOf(items);
    }
}
