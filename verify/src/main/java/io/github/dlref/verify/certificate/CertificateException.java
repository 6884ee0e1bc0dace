package io.github.dlref.verify.certificate;

/**
 * A certificate that cannot be read: malformed JSON, a missing or mistyped field, an unknown family, a malformed
 * RFC 6901 pointer. The message is one line: the resource, the JSON path of the offending node (such as
 * {@code $.entries[3].values[0].ulps}) and what is wrong.
 */
public final class CertificateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The resource that was read. */
    private final String resource;

    /** The JSON path of the offending node. */
    private final String path;

    /**
     * Creates the exception.
     *
     * @param resource the resource (such as {@code io/github/dlref/verify/certificates/ops.json})
     * @param path the JSON path ({@code $} for the root)
     * @param message what is wrong
     */
    public CertificateException(String resource, String path, String message) {
        super(resource + ": " + path + ": " + message);
        this.resource = resource;
        this.path = path;
    }

    /**
     * The resource that was read.
     *
     * @return the resource name
     */
    public String resource() {
        return resource;
    }

    /**
     * The JSON path of the offending node.
     *
     * @return the path, {@code $} for the root
     */
    public String path() {
        return path;
    }
}
