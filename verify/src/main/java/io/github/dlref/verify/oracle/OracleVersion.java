package io.github.dlref.verify.oracle;

/**
 * The version of dlref that produces oracle files (trajectories and golden vectors). A test checks it
 * against the project's {@code pom.xml}, so it cannot drift from the build.
 */
public final class OracleVersion {

    /** The project version. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    /** The producer string written into every file dlref produces. */
    public static final String PRODUCER = "dlref " + VERSION;

    private OracleVersion() {
    }
}
