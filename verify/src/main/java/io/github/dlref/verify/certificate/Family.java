package io.github.dlref.verify.certificate;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A family of certified values and the bound dlref guarantees for them. A value meets the bound when
 * <ul>
 *   <li>its error is at most {@code ulps} units in the last place, or</li>
 *   <li>the family has a factor {@code K} ({@code scaled}) and the value a {@code scale}, and
 *       {@code |dlref - exact| <= K * terms * u * scale} with {@code u = 2^-53}, or</li>
 *   <li>the family has an {@code order} text (a framework's order of operations) and the value's
 *       {@code framework_order} double equals dlref's bit for bit.</li>
 * </ul>
 *
 * @param name the family's name (such as {@code elementwise-one-libm-call})
 * @param description the derivation of the bound, in words
 * @param ulps the bound {@code U} in units in the last place, at least 0
 * @param scaled the factor {@code K} of the scaled bound, or null when the family has none
 * @param scale what {@code scale} and {@code terms} are for the scaled bound, or null
 * @param order the framework and order of operations whose emulated doubles dlref shares, or null
 */
public record Family(String name, String description, long ulps, BigDecimal scaled, String scale, String order) {

    /**
     * Validates the fields.
     *
     * @param name the name
     * @param description the description
     * @param ulps the ULP bound
     * @param scaled the scaled factor or null
     * @param scale the scale text or null
     * @param order the order text or null
     * @throws NullPointerException if the name or description is null
     * @throws IllegalArgumentException if {@code ulps} is negative or {@code scaled} is not positive
     */
    public Family {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (ulps < 0) {
            throw new IllegalArgumentException("ulps must be >= 0, got " + ulps);
        }
        if (scaled != null && scaled.signum() <= 0) {
            throw new IllegalArgumentException("scaled must be > 0, got " + scaled);
        }
    }

    /**
     * The bound in words, as embedded in the vectors: {@code ulps <= U}, then
     * {@code or |dlref - exact| <= K terms u scale (u = 2^-53)} when the family has a scaled bound, then
     * {@code or dlref equals the framework order's double} when it has an order.
     *
     * @return the bound
     */
    public String bound() {
        StringBuilder sb = new StringBuilder("ulps <= ").append(ulps);
        if (scaled != null) {
            sb.append(", or |dlref - exact| <= ").append(scaled.toPlainString()).append(" terms u scale (u = 2^-53)");
        }
        if (order != null) {
            sb.append(", or dlref equals the framework order's double bit for bit (framework order)");
        }
        return sb.toString();
    }
}
