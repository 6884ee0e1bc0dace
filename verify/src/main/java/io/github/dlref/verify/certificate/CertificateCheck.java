package io.github.dlref.verify.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of issue 22, each problem one line naming the vectors file, the entry (pointer and key) and the
 * value's path:
 * <ul>
 *   <li>drift: the certificate's {@code dlref} is not, bit for bit, the vectors' double at the path (or the path
 *       is not a numeric leaf under a certified field, or the entry does not exist): "vectors and certificate drift
 *       apart; rerun scripts/certify/NAME.py";</li>
 *   <li>the recorded {@code ulps} is not the distance Java computes ({@link Ulps#of(double, String)});</li>
 *   <li>a value is outside its family's bound ({@link #within(Family, CertifiedValue)});</li>
 *   <li>a numeric leaf under one of the certificate's {@code fields} of a certified entry is not certified, or an
 *       entry of the file (an object in one of its top-level arrays) has such leaves and no certificate entry;</li>
 *   <li>a required file ({@link #REQUIRED}) has no certificate, and a file that must hold only integers
 *       ({@code loader.json}) holds another number.</li>
 * </ul>
 */
public final class CertificateCheck {

    /** The vectors files (names without {@code .json}) that must have a certificate. */
    public static final List<String> REQUIRED = List.of("ops", "layers", "losses", "optimizers", "schedules",
            "initializers", "second_order", "examples");

    /** The vectors files that hold only integers (nothing to certify) and are checked to. */
    public static final List<String> INTEGERS_ONLY = List.of("loader");

    private CertificateCheck() {
    }

    /**
     * Every problem of a certificate against its vectors file.
     *
     * @param certificate the certificate
     * @param vectors the vectors file's tree (as generated, or as committed)
     * @return the problems, one line each, in the certificate's order; empty when it certifies the file
     */
    public static List<String> check(Certificate certificate, JsonNode vectors) {
        List<String> problems = new ArrayList<>();
        String file = certificate.vectors();
        String rerun = "; vectors and certificate drift apart; rerun " + certificate.script();
        Map<String, CertifiedEntry> byPointer = new LinkedHashMap<>();
        for (CertifiedEntry e : certificate.entries()) {
            String where = file + " " + e.entry() + " (" + e.key() + ")";
            if (byPointer.put(e.entry(), e) != null) {
                problems.add(where + ": certified twice in " + certificate.resource());
                continue;
            }
            JsonNode entry = Pointers.resolve(vectors, e.entry());
            if (entry == null || !entry.isObject()) {
                problems.add(where + ": no such entry" + rerun);
                continue;
            }
            Map<String, JsonNode> leaves = certifiedLeaves(entry, certificate.fields());
            Family family = certificate.families().get(e.family());
            Set<String> seen = new HashSet<>();
            for (CertifiedValue v : e.values()) {
                if (!seen.add(v.path())) {
                    problems.add(where + ": " + v.path() + " is certified twice");
                    continue;
                }
                JsonNode leaf = leaves.get(v.path());
                if (leaf == null) {
                    problems.add(where + ": " + v.path() + " is not a number under " + certificate.fields() + rerun);
                    continue;
                }
                double ours = Pointers.number(leaf);
                if (Double.doubleToLongBits(ours) != Double.doubleToLongBits(v.dlref())) {
                    problems.add(where + ": " + v.path() + " is " + ours + " in the vectors, " + v.dlref()
                            + " in the certificate" + rerun);
                    continue;
                }
                long ulps = Ulps.of(v.dlref(), v.exact());
                if (ulps != v.ulps()) {
                    problems.add(where + ": " + v.path() + " records " + v.ulps() + " ulps, Java computes "
                            + (ulps < 0 ? "none (one of dlref and exact is NaN)" : ulps) + " (dlref " + v.dlref()
                            + ", exact " + v.exact() + ")");
                    continue;
                }
                if (!within(family, v)) {
                    problems.add(where + ": " + v.path() + " is " + v.ulps() + " ulps from exact " + v.exact()
                            + " (dlref " + v.dlref() + "), outside family " + family.name() + " (" + family.bound()
                            + ")");
                }
            }
            for (String p : leaves.keySet()) {
                if (!seen.contains(p)) {
                    problems.add(where + ": " + p + " is not certified" + rerun);
                }
            }
        }
        for (String entry : entries(vectors)) {
            if (!byPointer.containsKey(entry)
                    && !certifiedLeaves(Pointers.resolve(vectors, entry), certificate.fields()).isEmpty()) {
                problems.add(file + " " + entry + ": has numbers under " + certificate.fields()
                        + " but no certificate entry" + rerun);
            }
        }
        return problems;
    }

    /**
     * Whether a value meets its family's bound: {@code ulps <= U}; or, when the family has a factor {@code K} and
     * the value a {@code scale}, {@code |dlref - exact| <= K * terms * 2^-53 * scale}, evaluated exactly in
     * {@link BigDecimal} (the double {@code dlref} and the decimals {@code exact} and {@code scale} are exact
     * there); or, when the family has an order text, the value's {@code framework_order} equals {@code dlref} bit
     * for bit.
     *
     * @param family the value's family
     * @param v the value (its {@code ulps} as recorded)
     * @return whether the bound holds
     */
    public static boolean within(Family family, CertifiedValue v) {
        if (v.ulps() <= family.ulps()) {
            return true;
        }
        if (family.scaled() != null && v.scale() != null && Double.isFinite(v.dlref())
                && !Pointers.nonFinite(v.exact())) {
            BigDecimal err = new BigDecimal(v.dlref()).subtract(new BigDecimal(v.exact())).abs();
            BigDecimal bound = family.scaled().multiply(BigDecimal.valueOf(v.terms())).multiply(Ulps.UNIT_ROUNDOFF)
                    .multiply(new BigDecimal(v.scale()));
            if (err.compareTo(bound) <= 0) {
                return true;
            }
        }
        return family.order() != null && v.frameworkOrder() != null
                && Double.doubleToLongBits(v.frameworkOrder()) == Double.doubleToLongBits(v.dlref());
    }

    /**
     * Whether a value meets its family's bound only through the framework order (neither the ULP nor the scaled
     * rule holds).
     *
     * @param family the value's family
     * @param v the value
     * @return whether the framework order was needed
     */
    public static boolean needsFrameworkOrder(Family family, CertifiedValue v) {
        Family withoutOrder = new Family(family.name(), family.description(), family.ulps(), family.scaled(),
                family.scale(), null);
        return !within(withoutOrder, v) && within(family, v);
    }

    /**
     * The problems of the set of vectors files as a whole: a required file without a certificate, a certificate
     * of a file that does not exist or whose {@code vectors} is not its own name, a file that must hold only
     * integers and holds another number.
     *
     * @param files the vectors files' trees by file name (such as {@code ops.json})
     * @param certificates the certificates found, by name without {@code .json}
     * @return the problems, one line each
     */
    public static List<String> files(Map<String, JsonNode> files, Map<String, Certificate> certificates) {
        List<String> problems = new ArrayList<>();
        for (String name : REQUIRED) {
            if (!certificates.containsKey(name)) {
                problems.add(name + ".json has no certificate (" + CertificateReader.SOURCE_DIR + name
                        + ".json); run /usr/bin/python3 scripts/certify/" + name + ".py");
            }
        }
        certificates.forEach((name, c) -> {
            if (!c.vectors().equals(name + ".json")) {
                problems.add(c.resource() + " certifies " + c.vectors() + ", expected " + name + ".json");
            } else if (!files.containsKey(c.vectors())) {
                problems.add(c.resource() + " certifies " + c.vectors() + ", which is not a vectors file");
            }
        });
        for (String name : INTEGERS_ONLY) {
            JsonNode tree = files.get(name + ".json");
            if (tree == null) {
                problems.add(name + ".json is missing");
                continue;
            }
            for (Map.Entry<String, JsonNode> leaf : Pointers.leaves(tree.path("vectors"), "/vectors")) {
                if (!leaf.getValue().isIntegralNumber()) {
                    problems.add(name + ".json " + leaf.getKey() + ": " + leaf.getValue()
                            + " is not an integer (this file is not certified: it must hold only integers)");
                }
            }
        }
        return problems;
    }

    /** The pointers of the file's entries: every object in one of its top-level arrays, in document order. */
    static List<String> entries(JsonNode vectors) {
        List<String> out = new ArrayList<>();
        vectors.fields().forEachRemaining(f -> {
            if (f.getValue().isArray()) {
                for (int i = 0; i < f.getValue().size(); i++) {
                    if (f.getValue().get(i).isObject()) {
                        out.add("/" + Pointers.escape(f.getKey()) + "/" + i);
                    }
                }
            }
        });
        return out;
    }

    /** The numeric leaves under the given fields of an entry, by pointer relative to the entry. */
    static Map<String, JsonNode> certifiedLeaves(JsonNode entry, List<String> fields) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String f : fields) {
            if (entry.has(f)) {
                Pointers.leaves(entry.get(f), "/" + Pointers.escape(f)).forEach(l -> out.put(l.getKey(), l.getValue()));
            }
        }
        return out;
    }
}
