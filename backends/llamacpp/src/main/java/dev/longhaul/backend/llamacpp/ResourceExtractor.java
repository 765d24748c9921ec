package dev.longhaul.backend.llamacpp;

import dev.longhaul.files.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a class-path resource to a file once and reuses it while its size and SHA-256 still match, so that
 * native code (which needs real files) can use what the jar carries. Several processes may extract at the same
 * time: each writes with {@link AtomicFile} (a temporary file moved into place atomically).
 */
final class ResourceExtractor {

    /** System property naming the directory longhaul extracts into; default {@code ${java.io.tmpdir}/longhaul}. */
    static final String CACHE_DIR_PROPERTY = "longhaul.cache.dir";

    private static final Logger LOG = LoggerFactory.getLogger(ResourceExtractor.class);

    private ResourceExtractor() {
    }

    /** @return the directory longhaul extracts resources into */
    static Path cacheDirectory() {
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "longhaul");
    }

    /**
     * Makes sure {@code target} holds the resource's bytes.
     *
     * @param owner          the class whose loader finds the resource
     * @param resource       absolute resource name
     * @param target         the file to create or verify
     * @param expectedSize   the resource's size in bytes, or -1 when not known in advance
     * @param expectedSha256 the resource's SHA-256 in hex, or null when not known in advance
     * @return {@code target}
     * @throws IOException when the resource is missing, does not match what was expected, or cannot be written
     */
    static Path extract(Class<?> owner, String resource, Path target, long expectedSize, String expectedSha256)
            throws IOException {
        long size = expectedSize;
        String sha256 = expectedSha256;
        if (sha256 == null) {
            // not known in advance: read from the resource, so that a file already holding it is left alone
            MessageDigest digest = Sha256.newDigest();
            try (InputStream in = open(owner, resource);
                 OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                size = in.transferTo(out);
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        if (matches(target, size, sha256)) {
            return target;
        }
        long expected = size;
        String expectedSha = sha256;
        AtomicFile.writeBytes(target, out -> {
            MessageDigest digest = Sha256.newDigest();
            long written;
            try (InputStream in = open(owner, resource)) {
                OutputStream digesting = new DigestOutputStream(out, digest);
                written = in.transferTo(digesting);
                digesting.flush();
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            if (expected >= 0 && written != expected || !sha.equals(expectedSha)) {
                throw new IOException("resource " + resource + " has " + written + " bytes and SHA-256 " + sha
                        + ", expected " + expected + " bytes and SHA-256 " + expectedSha);
            }
        });
        LOG.debug("extracted {} to {}", resource, target);
        return target;
    }

    private static InputStream open(Class<?> owner, String resource) throws IOException {
        InputStream in = owner.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("resource " + resource + " is not on the class path");
        }
        return in;
    }

    private static boolean matches(Path file, long size, String sha256) throws IOException {
        if (!Files.isRegularFile(file) || size >= 0 && Files.size(file) != size) {
            return false;
        }
        boolean same = Sha256.of(file).equals(sha256);
        if (!same) {
            LOG.warn("{} does not match its expected SHA-256 {}; extracting it again", file, sha256);
        }
        return same;
    }
}
