package io.github.dlref.verify.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attaches a certificate to its vectors file, adding fields only:
 * <ul>
 *   <li>in the header, before the first array of entries, a field {@code "certificate"}: the certificate's
 *       {@code format}, {@code source} (the resource in the source tree), {@code script}, {@code digits},
 *       {@code mpmath} version and {@code fields}, what {@code exact}, {@code ulps} and the {@code bound} rule
 *       mean, the counts of {@code entries} and {@code values}, the worst {@code max_ulps}, and the
 *       {@code families} (each with its {@code description}, {@code ulps} U, {@code scaled} K, {@code scale} text
 *       and {@code order} text, null when absent);</li>
 *   <li>in each certified entry, after the entry's own fields, a field {@code "certified"}: {@code family},
 *       {@code bound} (the family's bound in words, {@link Family#bound()}), {@code max_ulps} and {@code values},
 *       an object from each value's path (an RFC 6901 pointer into the entry) to its {@code exact} decimal, its
 *       {@code ulps}, and, when present, its {@code scale} and {@code terms} and its {@code framework_order}
 *       double.</li>
 * </ul>
 *
 * <p>So that every existing line of a vectors file stays byte for byte what it was, {@link #keepLines(String)}
 * moves the comma that separates an entry's last field from {@code "certified"} to the start of the new line
 * (JSON allows whitespace before a comma): {@code , "certified" : ...}; it also writes each certified value on
 * one line ({@code "/output/0/1" : { "exact" : "...", "ulps" : 0 }}).
 */
public final class CertificateEmbedding {

    /** The entry field that carries an entry's certified values. */
    public static final String ENTRY_FIELD = "certified";

    /** The header field that carries the certificate's description and families. */
    public static final String HEADER_FIELD = "certificate";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final Pattern TRAILING_COMMA = Pattern.compile(",(\\r?\\n)( *)\"" + ENTRY_FIELD + "\" : ");

    /** A certified value's object as the pretty printer writes it: first key exact, then scalars only. */
    private static final Pattern VALUE_OBJECT = Pattern.compile("\\{(\\r?\\n *\"exact\" : \"[^\"\\r\\n]*\""
            + "(?:,\\r?\\n *\"(?:ulps|scale|terms|framework_order)\" : [^\\r\\n{\\[]*)*)\\r?\\n *\\}");

    private CertificateEmbedding() {
    }

    /**
     * The vectors file with the certificate attached. The entries of {@code root} are changed in place (an entry
     * the certificate names but the file does not hold is left out: {@link CertificateCheck} reports it).
     *
     * @param root the vectors file's tree
     * @param certificate its certificate
     * @return a new root: the header fields, {@code "certificate"}, then the rest of the file
     */
    public static ObjectNode embed(ObjectNode root, Certificate certificate) {
        for (CertifiedEntry e : certificate.entries()) {
            JsonNode entry = Pointers.resolve(root, e.entry());
            if (entry instanceof ObjectNode o) {
                o.set(ENTRY_FIELD, entry(e, certificate.families().get(e.family())));
            }
        }
        ObjectNode out = F.objectNode();
        boolean placed = false;
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!placed && f.getValue().isArray()) {
                out.set(HEADER_FIELD, header(certificate));
                placed = true;
            }
            out.set(f.getKey(), f.getValue());
        }
        if (!placed) {
            out.set(HEADER_FIELD, header(certificate));
        }
        return out;
    }

    /**
     * Moves each comma before a {@code "certified"} field from the end of the line above (the entry's last own
     * line) to the start of the field's line, so that the lines of the file without certificates are unchanged,
     * and writes each certified value's object (first key {@code exact}, scalars only) on one line.
     *
     * @param pretty the pretty-printed vectors file
     * @return the text with every existing line unchanged
     */
    public static String keepLines(String pretty) {
        String moved = TRAILING_COMMA.matcher(pretty).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2)
                + ", \"" + ENTRY_FIELD + "\" : "));
        return VALUE_OBJECT.matcher(moved).replaceAll(r -> Matcher.quoteReplacement("{ "
                + String.join(" ", r.group(1).strip().split("\\r?\\n *")) + " }"));
    }

    private static ObjectNode header(Certificate c) {
        ObjectNode h = F.objectNode();
        h.put("format", Certificate.FORMAT);
        h.put("source", CertificateReader.SOURCE_DIR + c.name() + ".json");
        h.put("script", c.script());
        h.put("digits", c.digits());
        h.put("mpmath", c.mpmath());
        h.set("fields", F.arrayNode().addAll(c.fields().stream().map(TextNode::valueOf).toList()));
        h.put("exact", "the function dlref documents for the quantity, evaluated with mpmath in at least " + c.digits()
                + " significant digits on the file's doubles (inputs, and hyper-parameters as the doubles dlref "
                + "holds); a decimal of 25 or more significant digits that rounds to the correctly rounded double");
        h.put("ulps", "the number of doubles between dlref's double and the double nearest to the exact value "
                + "(0: dlref is correctly rounded; +0 and -0 are the same point)");
        h.put("bound", "a value meets its family's bound when ulps <= U; or, when the family has a factor K "
                + "(scaled) and the value a scale, when |dlref - exact| <= K terms u scale with u = 2^-53; or, when "
                + "the family has an order, when the value's framework_order (the framework's order of operations "
                + "with every operation correctly rounded) equals dlref's double bit for bit");
        h.put("entries", c.entries().size());
        h.put("values", c.valueCount());
        h.put("max_ulps", c.entries().stream().flatMap(e -> e.values().stream()).mapToLong(CertifiedValue::ulps)
                .max().orElse(0));
        ObjectNode fams = h.putObject("families");
        c.families().forEach((name, f) -> {
            ObjectNode fam = fams.putObject(name);
            fam.put("description", f.description());
            fam.put("ulps", f.ulps());
            if (f.scaled() == null) {
                fam.putNull("scaled");
            } else {
                fam.put("scaled", f.scaled());
            }
            fam.put("scale", f.scale());
            fam.put("order", f.order());
        });
        return h;
    }

    private static ObjectNode entry(CertifiedEntry e, Family family) {
        ObjectNode c = F.objectNode();
        c.put("family", family.name());
        c.put("bound", family.bound());
        c.put("max_ulps", e.values().stream().mapToLong(CertifiedValue::ulps).max().orElse(0));
        ObjectNode values = c.putObject("values");
        for (CertifiedValue v : e.values()) {
            ObjectNode o = values.putObject(v.path());
            o.put("exact", v.exact());
            o.put("ulps", v.ulps());
            if (v.scale() != null) {
                o.put("scale", v.scale());
                o.put("terms", v.terms());
            }
            if (v.frameworkOrder() != null) {
                double d = v.frameworkOrder();
                o.set("framework_order", Double.isFinite(d) ? DoubleNode.valueOf(d) : TextNode.valueOf(Double.toString(d)));
            }
        }
        return c;
    }
}
