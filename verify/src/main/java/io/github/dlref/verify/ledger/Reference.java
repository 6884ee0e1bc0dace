package io.github.dlref.verify.ledger;

/**
 * What a ledger entry points to as its evidence: a worked example of the catalog or a test method.
 *
 * <p>Written in the ledger as one string:
 * <ul>
 *   <li>{@code example:ID} names the catalog example {@code ID} (such as
 *       {@code example:cs231n-opt-bp/quadratic/gradient-at-2});</li>
 *   <li>{@code example:PREFIX*} names every catalog example whose id starts with {@code PREFIX} (at least one
 *       must exist);</li>
 *   <li>{@code test:MODULE:CLASS#METHOD} names a test method by the Maven module that holds it, the test
 *       class's fully qualified name and the method (such as
 *       {@code test:optim:io.github.dlref.optim.AdamTest#firstStepsByHand}); the class's source is
 *       {@code MODULE/src/test/java/} followed by the class name with dots as slashes and {@code .java}.</li>
 * </ul>
 *
 * @param kind an example or a test
 * @param target for an example, its id or prefix (with the trailing {@code *}); for a test,
 *     {@code MODULE:CLASS#METHOD}
 */
public record Reference(Kind kind, String target) {

    /** The two kinds of evidence. */
    public enum Kind {
        /** A worked example of the catalog (or every example with a given id prefix). */
        EXAMPLE,
        /** A test method of one of the project's modules. */
        TEST
    }

    /**
     * Validates the fields.
     *
     * @param kind the kind
     * @param target the target
     * @throws IllegalArgumentException if a field is null, the target is blank or has whitespace, or a test
     *     target is not {@code MODULE:CLASS#METHOD}
     */
    public Reference {
        if (kind == null || target == null || target.isBlank() || target.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("Reference: kind and a target without whitespace are required, got "
                    + kind + " '" + target + "'");
        }
        if (kind == Kind.TEST && !target.matches("[a-z][a-z0-9-]*:([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*#[a-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Reference: a test is MODULE:package.Class#method, got '" + target + "'");
        }
        if (kind == Kind.EXAMPLE && target.indexOf('*') >= 0 && target.indexOf('*') != target.length() - 1) {
            throw new IllegalArgumentException("Reference: an example prefix has one '*', at the end, got '"
                    + target + "'");
        }
    }

    /**
     * Parses {@code example:...} or {@code test:...}.
     *
     * @param text the reference as written in the ledger
     * @return the reference
     * @throws IllegalArgumentException if the text has neither prefix or its target is malformed
     */
    public static Reference parse(String text) {
        if (text != null && text.startsWith("example:")) {
            return new Reference(Kind.EXAMPLE, text.substring("example:".length()));
        }
        if (text != null && text.startsWith("test:")) {
            return new Reference(Kind.TEST, text.substring("test:".length()));
        }
        throw new IllegalArgumentException("Reference: expected 'example:ID', 'example:PREFIX*' or "
                + "'test:MODULE:CLASS#METHOD', got '" + text + "'");
    }

    /**
     * Whether this example reference names the example with the given id.
     *
     * @param exampleId a catalog example's id
     * @return {@code true} for an example reference equal to the id, or a prefix reference the id starts with
     */
    public boolean matchesExample(String exampleId) {
        if (kind != Kind.EXAMPLE) {
            return false;
        }
        return target.endsWith("*") ? exampleId.startsWith(target.substring(0, target.length() - 1))
                : exampleId.equals(target);
    }

    /**
     * The Maven module of a test reference.
     *
     * @return the module directory name
     * @throws IllegalStateException for an example reference
     */
    public String module() {
        requireTest();
        return target.substring(0, target.indexOf(':'));
    }

    /**
     * The fully qualified class name of a test reference.
     *
     * @return the class name
     * @throws IllegalStateException for an example reference
     */
    public String className() {
        requireTest();
        return target.substring(target.indexOf(':') + 1, target.indexOf('#'));
    }

    /**
     * The method name of a test reference.
     *
     * @return the method name
     * @throws IllegalStateException for an example reference
     */
    public String methodName() {
        requireTest();
        return target.substring(target.indexOf('#') + 1);
    }

    private void requireTest() {
        if (kind != Kind.TEST) {
            throw new IllegalStateException("Reference " + this + " is not a test");
        }
    }

    /**
     * The form written in the ledger.
     *
     * @return {@code example:...} or {@code test:...}
     */
    @Override
    public String toString() {
        return (kind == Kind.EXAMPLE ? "example:" : "test:") + target;
    }
}
