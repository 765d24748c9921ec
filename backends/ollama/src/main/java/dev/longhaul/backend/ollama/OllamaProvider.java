package dev.longhaul.backend.ollama;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendOption;
import dev.longhaul.backend.BackendProvider;
import dev.longhaul.backend.http.HttpOptions;
import java.util.List;

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

    /** @return the {@link HttpOptions}: streaming, API key variable, retries, connect timeout, longest request */
    @Override
    public List<BackendOption<?>> options() {
        return HttpOptions.ALL;
    }

    @Override
    public Backend create(BackendConfig config) throws BackendException {
        return OllamaBackend.create(config);
    }
}
