package dev.longhaul.backend.llamacpp;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The model this backend uses when no model file is configured: {@code tiny-code-chat.gguf}, a 7.2M-parameter
 * Llama-architecture chat model trained from scratch for longhaul (see {@code PROVENANCE.md} next to it). It is
 * carried in the jar and extracted on first use to {@code <cache dir>/models/<sha256>/tiny-code-chat.gguf}, where
 * it is verified by size and SHA-256 on every use.
 */
final class BundledModel {

    static final String FILE_NAME = "tiny-code-chat.gguf";
    static final String RESOURCE = "/dev/longhaul/backend/llamacpp/models/" + FILE_NAME;
    static final long SIZE = 14_616_576L;
    static final String SHA256 = "4d6b25670af64ee36a86dab0335e69a64979374b4990584b2526da4666879a56";

    private BundledModel() {
    }

    /** @return where the bundled model is (or will be) extracted */
    static Path location() {
        return ResourceExtractor.cacheDirectory().resolve("models").resolve(SHA256).resolve(FILE_NAME);
    }

    /**
     * Extracts the bundled model unless a verified copy is already there.
     *
     * @return the model file
     * @throws IOException when it cannot be extracted or the jar's copy is damaged
     */
    static Path extract() throws IOException {
        return ResourceExtractor.extract(BundledModel.class, RESOURCE, location(), SIZE, SHA256);
    }
}
