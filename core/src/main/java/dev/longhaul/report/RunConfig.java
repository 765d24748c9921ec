package dev.longhaul.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code config} object of a report: how the run was set up.
 *
 * <p>The first six fields are the seed's keys ({@code backend, model, kv_type, total_turns, history_window,
 * timestamp}); {@link #extra()} holds further keys this project adds (sampling seed, temperature, the KV type the
 * backend applied, server facts, …), written after the seed's keys and read back from reports that have them.
 *
 * @param backend       the backend (provider) name
 * @param model         the model name
 * @param kvType        the KV cache type label (for the embedded backend: the type applied)
 * @param totalTurns    turns requested
 * @param historyWindow turns of history kept
 * @param timestamp     when the run started, ISO-8601 as Python's {@code datetime.isoformat()} writes it
 * @param extra         further keys in report order; values are JSON scalars, lists or maps
 */
public record RunConfig(String backend, String model, String kvType, int totalTurns, int historyWindow,
                        String timestamp, Map<String, Object> extra) {

    /** The extra key of {@link #stoppedEarly()}. */
    public static final String STOPPED_EARLY = "stopped_early";
    /** The extra key of {@link #kvTypeApplied()}. */
    public static final String KV_TYPE_APPLIED = "kv_type_applied";
    /** The extra key of {@link #contextSize()}. */
    public static final String CONTEXT_SIZE = "context_size";
    /** The extra key of {@link #trainedContextSize()}. */
    public static final String CONTEXT_TRAIN = "context_train";
    /** The extra key of {@link #samplingSeed()}. */
    public static final String SAMPLING_SEED = "seed";

    /** The seed's config keys, in report order; {@link #extra()} cannot use them. */
    public static final List<String> STANDARD_KEYS =
            List.of("backend", "model", "kv_type", "total_turns", "history_window", "timestamp");

    /**
     * Copies {@code extra} into an unmodifiable ordered map; rejects extra keys that are standard keys.
     *
     * @param backend       the backend (provider) name
     * @param model         the model name
     * @param kvType        the KV cache type label (for the embedded backend: the type applied)
     * @param totalTurns    turns requested
     * @param historyWindow turns of history kept
     * @param timestamp     when the run started, ISO-8601 as Python's {@code datetime.isoformat()} writes it
     * @param extra         further keys in report order; values are JSON scalars, lists or maps
     */
    public RunConfig {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
        for (String key : extra.keySet()) {
            if (STANDARD_KEYS.contains(key)) {
                throw new IllegalArgumentException("config extra key '" + key + "' is a standard config key");
            }
        }
    }

    /** @return why the run stopped before its last turn (too many failures in a row, an interrupt), if it did */
    public Optional<String> stoppedEarly() {
        Object reason = extra.get(STOPPED_EARLY);
        return reason == null ? Optional.empty() : Optional.of(reason.toString());
    }

    /**
     * @param reason why the run stopped before its last turn
     * @return this config saying so
     */
    public RunConfig withStoppedEarly(String reason) {
        return withExtra(STOPPED_EARLY, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * @return whether the backend applied the KV cache type (true) or {@link #kvType()} is only a label (false), if
     *         the report says
     */
    public Optional<Boolean> kvTypeApplied() {
        return extra.get(KV_TYPE_APPLIED) instanceof Boolean applied ? Optional.of(applied) : Optional.empty();
    }

    /** @return the context window in tokens the turns were measured against, if known and positive */
    public Optional<Integer> contextSize() {
        return extra.get(CONTEXT_SIZE) instanceof Number n && n.intValue() > 0 ? Optional.of(n.intValue())
                : Optional.empty();
    }

    /** @return the context the model was trained for, in tokens, if the backend said and it is positive */
    public Optional<Integer> trainedContextSize() {
        return extra.get(CONTEXT_TRAIN) instanceof Number n && n.intValue() > 0 ? Optional.of(n.intValue())
                : Optional.empty();
    }

    /** @return the sampling seed the run was played with, if the report records one */
    public Optional<Long> samplingSeed() {
        return extra.get(SAMPLING_SEED) instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    /**
     * This config with one more extra key (replacing an existing one).
     *
     * @param key   the key
     * @param value the value
     * @return a new config
     */
    public RunConfig withExtra(String key, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(extra);
        all.put(Objects.requireNonNull(key, "key"), value);
        return new RunConfig(backend, model, kvType, totalTurns, historyWindow, timestamp, all);
    }
}
