package dev.longhaul.backend.openai;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendProvider;

/**
 * Provider {@code openai}: any OpenAI-compatible {@code /v1/chat/completions} server (vLLM, OpenAI, LM Studio,
 * llama-server, …), {@code http://localhost:8080} by default. These servers need a model name; when none is
 * configured, the backend uses the only model {@code GET /v1/models} lists.
 */
public final class OpenAiProvider implements BackendProvider {

    /** The provider name. */
    public static final String NAME = "openai";

    /** For {@link java.util.ServiceLoader}. */
    public OpenAiProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "OpenAI-compatible /v1/chat/completions server (default " + OpenAiBackend.DEFAULT_URL + ")";
    }

    @Override
    public Backend create(BackendConfig config) throws BackendException {
        return OpenAiBackend.create(config, true);
    }
}
