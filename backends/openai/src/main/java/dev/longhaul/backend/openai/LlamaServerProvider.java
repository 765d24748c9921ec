package dev.longhaul.backend.openai;

/**
 * Provider {@code llama-server}: llama.cpp's server at {@code http://localhost:8080} by default. The model name is
 * optional (the server serves the model it was started with); {@link OpenAiBackend#info()} reads
 * {@code /props} and {@code /v1/models}.
 */
public final class LlamaServerProvider extends OpenAiCompatibleProvider {

    /** The provider name. */
    public static final String NAME = "llama-server";

    /** For {@link java.util.ServiceLoader}. */
    public LlamaServerProvider() {
        super(NAME, "llama.cpp llama-server", false);
    }
}
