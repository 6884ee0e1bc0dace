package io.github.dlref.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A model file could not be read or does not fit the model. The message names the file, the kind of
 * problem and where it was found (byte offset, entry name); {@link #reason()} gives the kind for programs.
 * Whenever this is thrown by a load, the model was not changed.
 */
public final class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The kind of problem. */
    public enum Reason {
        /** The file does not start with the format's magic bytes. */
        NOT_A_MODEL_FILE,
        /** The file declares a format version this code does not read. */
        UNSUPPORTED_VERSION,
        /** The file is shorter than its header says (an interrupted copy or write). */
        TRUNCATED,
        /** The bytes are damaged: checksum mismatch, trailing bytes, or an inconsistent structure. */
        CORRUPT,
        /** The file is intact but its names or shapes do not match the model's. */
        MISMATCH
    }

    /** The file concerned, or {@code null}; not serialized ({@code Path} is not serializable). */
    private final transient Path file;
    /** The kind of problem. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param file the file concerned (may be {@code null} when decoding bytes that came from elsewhere)
     * @param reason the kind of problem
     * @param detail what was expected and what was found
     * @param cause the underlying exception, or {@code null}
     */
    public ModelFileException(Path file, Reason reason, String detail, Throwable cause) {
        super((file == null ? "model data" : "model file " + file) + ": "
                + Objects.requireNonNull(reason, "reason").name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + ": " + detail, cause);
        this.file = file;
        this.reason = reason;
    }

    /**
     * The file concerned.
     *
     * @return the path, or {@code null} if the data did not come from a file
     */
    public Path file() {
        return file;
    }

    /**
     * The kind of problem.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
