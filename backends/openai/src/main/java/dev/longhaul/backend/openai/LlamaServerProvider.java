package dev.longhaul.backend.openai;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendProvider;

/**
 * Provider {@code llama-server}: llama.cpp's server at {@code http://localhost:8080} by default. The model name is
 * optional (the server serves the model it was started with); {@link OpenAiBackend#info()} reads
 * {@code /props} and {@code /v1/models}.
 */
public final class LlamaServerProvider implements BackendProvider {

    /** The provider name. */
    public static final String NAME = "llama-server";

    /** For {@link java.util.ServiceLoader}. */
    public LlamaServerProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "llama.cpp llama-server via /v1/chat/completions (default " + OpenAiBackend.DEFAULT_URL + ")";
    }

    @Override
    public Backend create(BackendConfig config) throws BackendException {
        return OpenAiBackend.create(config, false);
    }
}
