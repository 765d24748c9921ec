package dev.longhaul.backend.llamacpp;

import dev.longhaul.backend.BackendException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A model file that exists, is readable and has a well-formed GGUF header, with its size and SHA-256 (reported
 * as facts, so that two runs can be shown to have used the same weights).
 *
 * @param path    the file
 * @param size    its size in bytes
 * @param sha256  its SHA-256 in hex
 * @param header  what its GGUF header says
 * @param bundled whether it is the bundled {@code tiny-code-chat.gguf}
 */
record ModelFile(Path path, long size, String sha256, GgufHeader header, boolean bundled) {

    /** @return the file name, for example {@code tiny-code-chat.gguf} */
    String fileName() {
        return path.getFileName().toString();
    }

    /** @return the model's name from its header, or else the file name */
    String displayName() {
        return header.name().filter(n -> !n.isBlank()).orElse(fileName());
    }

    /**
     * Resolves the configured model file, or extracts the bundled model when none is configured.
     *
     * @param configured the configured file, if any
     * @return the checked model file
     * @throws BackendException (configuration) naming the file and its problem
     */
    static ModelFile resolve(Optional<Path> configured) throws BackendException {
        if (configured.isEmpty()) {
            Path extracted;
            try {
                extracted = BundledModel.extract();
            } catch (IOException e) {
                throw configuration("the bundled model " + BundledModel.FILE_NAME + " could not be extracted to "
                        + BundledModel.location() + ": " + e.getMessage(), e);
            }
            return check(extracted, BundledModel.SHA256, true);
        }
        return check(configured.get(), null, false);
    }

    private static ModelFile check(Path path, String knownSha256, boolean bundled) throws BackendException {
        String named = "llamacpp: model file " + path;
        if (!Files.exists(path)) {
            throw configuration(named + " does not exist", null);
        }
        if (Files.isDirectory(path)) {
            throw configuration(named + " is a directory, not a .gguf file", null);
        }
        try {
            GgufHeader header = GgufHeader.read(path);
            long size = Files.size(path);
            String sha = knownSha256 != null ? knownSha256 : Sha256.of(path);
            return new ModelFile(path, size, sha, header, bundled);
        } catch (GgufFormatException e) {
            throw configuration(named + " " + e.getMessage(), e);
        } catch (AccessDeniedException e) {
            throw configuration(named + " cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw configuration(named + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static BackendException configuration(String message, Throwable cause) {
        return new BackendException(BackendException.Kind.CONFIGURATION, message, 1, cause);
    }
}
