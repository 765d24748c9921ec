package dev.longhaul.backend.openai;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendOption;
import dev.longhaul.backend.BackendProvider;
import java.util.List;

/** What the two providers of this module share: both create an {@link OpenAiBackend}; they differ in name and model. */
abstract class OpenAiCompatibleProvider implements BackendProvider {

    private final String name;
    private final String talksTo;
    private final boolean modelRequired;

    OpenAiCompatibleProvider(String name, String talksTo, boolean modelRequired) {
        this.name = name;
        this.talksTo = talksTo;
        this.modelRequired = modelRequired;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return talksTo + " via /v1/chat/completions (default " + OpenAiBackend.DEFAULT_URL + ")";
    }

    /** @return {@link OpenAiOptions#ALL}: log-probabilities, the server log, and the {@code HttpOptions} */
    @Override
    public List<BackendOption<?>> options() {
        return OpenAiOptions.ALL;
    }

    @Override
    public Backend create(BackendConfig config) throws BackendException {
        return OpenAiBackend.create(config, modelRequired);
    }
}
