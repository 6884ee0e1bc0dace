package io.github.dlref.verify.certificate;

import java.util.List;
import java.util.Objects;

/**
 * The certified values of one entry of a vectors file.
 *
 * @param entry the RFC 6901 pointer of the entry in the vectors file (such as {@code /vectors/3})
 * @param key what identifies the entry for a reader (such as its op or name)
 * @param family the name of the entry's family in the certificate
 * @param values the certified values, in the certificate's order
 */
public record CertifiedEntry(String entry, String key, String family, List<CertifiedValue> values) {

    /**
     * Validates and copies the fields.
     *
     * @param entry the pointer
     * @param key the key
     * @param family the family name
     * @param values the values
     * @throws NullPointerException if a field is null
     */
    public CertifiedEntry {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(family, "family");
        values = List.copyOf(values);
    }
}
