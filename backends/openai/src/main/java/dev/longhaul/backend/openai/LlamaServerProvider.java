package dev.longhaul.backend.openai;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;

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

    /** An {@link OpenAiBackend} that can also force tokens through llama-server's {@code /completion}. */
    @Override
    public Backend create(BackendConfig config) throws BackendException {
        return new LlamaServerBackend(OpenAiBackend.create(config, false));
    }
}
