package dev.longhaul.backend.openai;

/**
 * Provider {@code openai}: any OpenAI-compatible {@code /v1/chat/completions} server (vLLM, OpenAI, LM Studio,
 * llama-server, …), {@code http://localhost:8080} by default. These servers need a model name; when none is
 * configured, the backend uses the only model {@code GET /v1/models} lists.
 */
public final class OpenAiProvider extends OpenAiCompatibleProvider {

    /** The provider name. */
    public static final String NAME = "openai";

    /** For {@link java.util.ServiceLoader}. */
    public OpenAiProvider() {
        super(NAME, "OpenAI-compatible server", true);
    }
}
