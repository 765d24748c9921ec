package dev.longhaul.backend.ollama;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendProvider;

/** Provides the {@code ollama} backend: an Ollama server's {@code /api/chat}, by default at localhost:11434. */
public final class OllamaProvider implements BackendProvider {

    /** The name users select this backend by. */
    public static final String NAME = "ollama";

    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
    public OllamaProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Ollama server, /api/chat (default " + OllamaSettings.DEFAULT_BASE_URL + ")";
    }

    @Override
    public Backend create(BackendConfig config) throws BackendException {
        return OllamaBackend.create(config);
    }
}
