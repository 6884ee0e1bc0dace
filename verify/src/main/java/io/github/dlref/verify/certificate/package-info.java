/**
 * Certified golden vectors (issue 22): the certificates that {@code scripts/certify/<name>.py} computes for
 * {@code vectors/<name>.json} with mpmath (every double dlref prints against the correctly rounded exact value
 * of the function dlref documents, evaluated on the same double inputs in at least 50 significant digits), their
 * reader, the checks that the vectors and the certificates agree and that every value is within its family's
 * bound, the embedding of each certificate into its vectors file and the page {@code docs/certified-vectors.md}.
 *
 * <p>A certificate is the classpath resource {@code <name>.json} of this package (format
 * {@value io.github.dlref.verify.certificate.Certificate#FORMAT}, documented in {@code scripts/certify/certlib.py}
 * and {@code docs/certified-vectors.md}); {@link io.github.dlref.verify.certificate.CertificateReader} reads it,
 * {@link io.github.dlref.verify.certificate.CertificateCheck} lists its problems,
 * {@link io.github.dlref.verify.certificate.CertificateEmbedding} attaches it to the vectors and
 * {@link io.github.dlref.verify.certificate.CertifiedVectorsMarkdown} renders the page.
 *
 * <p>Owns: the certificates' model, reader, checks, embedding and Markdown rendering. May depend on Jackson; must
 * not depend on the command line ({@code io.github.dlref.cli}) or the oracle, and must not print.
 */
package io.github.dlref.verify.certificate;
