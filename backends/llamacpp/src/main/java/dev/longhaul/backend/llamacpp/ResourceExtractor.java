package dev.longhaul.backend.llamacpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a class-path resource to a file once and reuses it while its size and SHA-256 still match, so that
 * native code (which needs real files) can use what the jar carries. Several processes may extract at the same
 * time: each writes a temporary file and moves it into place atomically.
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
        if (expectedSha256 != null && matches(target, expectedSize, expectedSha256)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            MessageDigest digest = Sha256.newDigest();
            long size;
            try (InputStream in = owner.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("resource " + resource + " is not on the class path");
                }
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                    size = in.transferTo(out);
                }
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            if (expectedSize >= 0 && size != expectedSize || expectedSha256 != null && !sha.equals(expectedSha256)) {
                throw new IOException("resource " + resource + " has " + size + " bytes and SHA-256 " + sha
                        + ", expected " + expectedSize + " bytes and SHA-256 " + expectedSha256);
            }
            if (expectedSha256 == null && matches(target, size, sha)) {
                return target;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.debug("extracted {} to {}", resource, target);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
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
