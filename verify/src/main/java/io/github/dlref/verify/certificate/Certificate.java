package io.github.dlref.verify.certificate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A certificate of one vectors file (format {@value #FORMAT}), as written by {@code scripts/certify/certlib.py}:
 * every numeric leaf under the certificate's {@code fields} of every certified entry, with the exact value
 * mpmath computed from the same double inputs and the error of dlref's double in ULPs.
 *
 * @param resource the resource it was read from, for messages
 * @param vectors the vectors file it certifies (such as {@code ops.json})
 * @param script the script that wrote it (such as {@code scripts/certify/ops.py})
 * @param digits the significant digits of the exact arithmetic (at least 50)
 * @param mpmath the mpmath version the script ran with
 * @param fields the entry fields every numeric leaf of which is certified
 * @param families the families by name, in the certificate's order
 * @param entries the certified entries, in the certificate's order
 */
public record Certificate(String resource, String vectors, String script, int digits, String mpmath,
        List<String> fields, Map<String, Family> families, List<CertifiedEntry> entries) {

    /** The {@code "format"} of every certificate. */
    public static final String FORMAT = "dlref.certificate.v1";

    /**
     * Validates and copies the fields.
     *
     * @param resource the resource
     * @param vectors the vectors file
     * @param script the script
     * @param digits the digits
     * @param mpmath the mpmath version
     * @param fields the certified fields
     * @param families the families
     * @param entries the entries
     * @throws NullPointerException if a field is null
     */
    public Certificate {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(vectors, "vectors");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(mpmath, "mpmath");
        fields = List.copyOf(fields);
        families = Collections.unmodifiableMap(new LinkedHashMap<>(families));
        entries = List.copyOf(entries);
    }

    /**
     * The vectors file's name without {@code .json} (such as {@code ops}).
     *
     * @return the name
     */
    public String name() {
        return vectors.endsWith(".json") ? vectors.substring(0, vectors.length() - 5) : vectors;
    }

    /**
     * The number of certified values.
     *
     * @return the count over every entry
     */
    public int valueCount() {
        return entries.stream().mapToInt(e -> e.values().size()).sum();
    }
}
