package io.github.dlref.verify.certificate;

import java.util.Objects;

/**
 * One certified double of a vectors entry.
 *
 * @param path the RFC 6901 pointer of the value inside its entry (such as {@code /output/0/1})
 * @param dlref dlref's double at that path, as the certificate recorded it (the drift check compares it bit for
 *     bit with the vectors' double)
 * @param exact the exact value as a decimal of 25 or more significant digits (or {@code NaN}, {@code Infinity},
 *     {@code -Infinity}); {@link Double#parseDouble(String)} rounds it correctly to the nearest double
 * @param ulps the recorded distance in doubles between {@code dlref} and the double nearest to {@code exact}
 * @param scale the decimal {@code scale} of the scaled bound, or null
 * @param terms the {@code terms} of the scaled bound (1 when the certificate omits it)
 * @param frameworkOrder the double the framework's order of operations gives, or null
 */
public record CertifiedValue(String path, double dlref, String exact, long ulps, String scale, int terms,
        Double frameworkOrder) {

    /**
     * Validates the fields.
     *
     * @param path the path
     * @param dlref dlref's double
     * @param exact the exact decimal
     * @param ulps the recorded ULPs
     * @param scale the scale or null
     * @param terms the terms
     * @param frameworkOrder the framework-order double or null
     * @throws NullPointerException if the path or exact value is null
     * @throws IllegalArgumentException if {@code ulps} is negative or {@code terms} is less than 1
     */
    public CertifiedValue {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(exact, "exact");
        if (ulps < 0) {
            throw new IllegalArgumentException("ulps must be >= 0, got " + ulps);
        }
        if (terms < 1) {
            throw new IllegalArgumentException("terms must be >= 1, got " + terms);
        }
    }
}
