package dev.longhaul.testing;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendOption;
import dev.longhaul.backend.BackendProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test-scope provider {@code scripted}: a {@link ScriptedBackend}. Options: {@code fail_turns} (comma-separated
 * turn numbers), {@code drop_from} (first degraded turn), {@code context_size} ({@code unknown}: the info reports
 * none). It reports the configured KV type as applied.
 */
public final class ScriptedBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public String description() {
        return "deterministic in-process answers for tests";
    }

    /** The options the scripted backend reads, as a real provider lists them. */
    public static final List<BackendOption<?>> OPTIONS = List.of(
            BackendOption.text("fail_turns", "turns that fail, comma-separated"),
            BackendOption.integer("drop_from", "the turn from which answers get worse", 1, Integer.MAX_VALUE),
            BackendOption.flag("vary_by_seed", "whether answers depend on the sampling seed and the cache type"),
            BackendOption.text("context_size", "'unknown': the backend does not report its context size"));

    @Override
    public List<BackendOption<?>> options() {
        return OPTIONS;
    }

    @Override
    public Backend create(BackendConfig config) {
        Set<Integer> fail = config.option("fail_turns").map(s -> Arrays.stream(s.split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).map(Integer::valueOf)
                .collect(Collectors.toSet())).orElse(Set.of());
        int dropFrom = config.option("drop_from").map(Integer::valueOf).orElse(Integer.MAX_VALUE);
        ScriptedBackend backend = new ScriptedBackend(fail, dropFrom, config.kvType());
        if (config.option("vary_by_seed").filter("true"::equals).isPresent()) {
            // as a sampling model: another seed or another configuration, other answers
            backend.varyingBy(config.seed().orElse(0L) * 31 + String.valueOf(config.kvType()).hashCode());
        }
        return config.option("context_size").filter("unknown"::equals).isPresent()
                ? backend.withoutKnownContextSize() : backend;
    }
}
