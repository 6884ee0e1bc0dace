package io.github.dlref.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a data file a run read: its path as configured, its size and its SHA-256 (FIPS 180-4). A
 * {@link Checkpoint} records one per file (the CSV file, or Fashion-MNIST's four IDX files), and
 * {@link Checkpoint#prepareData()} refuses to resume when a file's size or digest differs, before reading it.
 *
 * @param path the path, as the run's {@link DataConfig} resolves it
 * @param size the size in bytes, {@code >= 0}
 * @param sha256 the SHA-256 of the content, 64 lower-case hexadecimal digits
 */
public record DataFile(String path, long size, String sha256) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates.
     *
     * @param path the path
     * @param size the size
     * @param sha256 the digest
     * @throws IllegalArgumentException if the size is negative or the digest is not 64 lower-case hex digits
     */
    public DataFile {
        Objects.requireNonNull(path, "DataFile: path must not be null");
        Objects.requireNonNull(sha256, "DataFile: sha256 must not be null");
        if (size < 0) {
            throw new IllegalArgumentException("data file " + path + ": size must be >= 0, got " + size);
        }
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("data file " + path + ": sha256 must be 64 lower-case hexadecimal "
                    + "digits");
        }
    }

    /**
     * The identity of a file as it is now.
     *
     * @param file the file
     * @return its path, size and SHA-256
     * @throws IOException if the file cannot be read
     */
    public static DataFile of(Path file) throws IOException {
        long size = Files.size(file);
        return new DataFile(file.toString(), size, sha256(file));
    }

    /**
     * The SHA-256 of a file's content, read in 64 KiB chunks.
     *
     * @param file the file
     * @return 64 lower-case hexadecimal digits
     * @throws IOException if the file cannot be read
     */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
                digest.update(buffer, 0, r);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
