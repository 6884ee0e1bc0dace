package io.github.dlref.verify.oracle.spec;

import java.util.List;
import java.util.stream.Collectors;

/** Number and list formatting for messages (package-private). */
final class Format {

    private Format() {
    }

    /** A double as Java writes it, but integral values in range without ".0" noise are kept as Java writes. */
    static String number(double v) {
        return Double.toString(v);
    }

    static String quoted(List<String> values) {
        return values.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
