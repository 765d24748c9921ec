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
 * @param backend       the backend (provider) name, or the label of a backend given as an instance
 * @param model         the model name: the configured one, else the one the backend reports, else {@code default}
 * @param kvType        the KV cache type label (the type applied, when the backend reports it)
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
    /** The extra key of {@link #temperature()}. */
    public static final String TEMPERATURE = "temperature";
    /** The extra key of {@link #script()}. */
    public static final String SCRIPT = "script";
    /** The extra key of {@link #backendInfo()}. */
    public static final String BACKEND_INFO = "backend_info";
    /** The extra key of {@link #serverCommand()}. */
    public static final String SERVER_COMMAND = "server_command";
    /** The extra key of {@link #serverKvLog()}. */
    public static final String SERVER_KV_LOG = "server_kv_log";
    /** The extra key naming a managed server's log file, beside the report (written by {@code ab}, read by people). */
    public static final String SERVER_LOG = "server_log";
    /** The extra key of {@link #abRepeat()}. */
    public static final String AB_REPEAT = "ab_repeat";
    /** The extra key of {@link #noiseFloor()}; its value {@value #NOISE_FLOOR_ROLE} marks a noise-floor run. */
    public static final String AB_ROLE = "ab_role";
    /** The {@value #AB_ROLE} of a noise-floor run. */
    public static final String NOISE_FLOOR_ROLE = "noise_floor";
    /** The extra key of {@link #sharedHistoryFrom()}. */
    public static final String SHARED_HISTORY_FROM = "shared_history_from";

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

    /** @return the sampling temperature the run was played with, if the report records one */
    public Optional<Double> temperature() {
        return extra.get(TEMPERATURE) instanceof Number t ? Optional.of(t.doubleValue()) : Optional.empty();
    }

    /** @return the name of the script the run played, if the report records it */
    public Optional<String> script() {
        return extra.get(SCRIPT) instanceof String name ? Optional.of(name) : Optional.empty();
    }

    /**
     * @return the facts the backend stated about itself ({@code flash_attention}, {@code kv_cache_size_mib},
     *         {@code kv_log}, …) by name; empty when the report records none
     */
    public Map<String, Object> backendInfo() {
        if (!(extra.get(BACKEND_INFO) instanceof Map<?, ?> facts)) {
            return Map.of();
        }
        Map<String, Object> named = new LinkedHashMap<>();
        facts.forEach((k, v) -> named.put(String.valueOf(k), v));
        return Collections.unmodifiableMap(named);
    }

    /** @return the command line of the llama-server the run talked to, if one was started for it */
    public Optional<List<String>> serverCommand() {
        return strings(SERVER_COMMAND);
    }

    /** @return the KV cache lines of that llama-server's log, if one was started for the run */
    public Optional<List<String>> serverKvLog() {
        return strings(SERVER_KV_LOG);
    }

    private Optional<List<String>> strings(String key) {
        return extra.get(key) instanceof List<?> line ? Optional.of(line.stream().map(String::valueOf).toList())
                : Optional.empty();
    }

    /** @return which repeat of an {@code ab} study's arm the run was (1-based), if the study had repeats */
    public Optional<Integer> abRepeat() {
        return extra.get(AB_REPEAT) instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
    }

    /**
     * @param repeat which repeat of its arm the run was (1-based)
     * @return this config saying so
     */
    public RunConfig withAbRepeat(int repeat) {
        return withExtra(AB_REPEAT, repeat);
    }

    /** @return whether the run is an {@code ab} study's noise-floor rerun of its baseline */
    public boolean noiseFloor() {
        return NOISE_FLOOR_ROLE.equals(extra.get(AB_ROLE));
    }

    /** @return this config marking the run as a noise-floor rerun of the baseline */
    public RunConfig withNoiseFloor() {
        return withExtra(AB_ROLE, NOISE_FLOOR_ROLE);
    }

    /**
     * @return the label of the baseline whose conversation the run answered turn by turn (shared history), if it
     *         did; empty for a run that built its own history
     */
    public Optional<String> sharedHistoryFrom() {
        Object from = extra.get(SHARED_HISTORY_FROM);
        return from == null ? Optional.empty() : Optional.of(from.toString());
    }

    /**
     * @param baseline the label of the baseline whose conversation the run answered
     * @return this config saying so
     */
    public RunConfig withSharedHistoryFrom(String baseline) {
        return withExtra(SHARED_HISTORY_FROM, Objects.requireNonNull(baseline, "baseline"));
    }

    /**
     * This config with one more extra key, written last; a key it has already keeps its place and gets the value.
     *
     * @param key   a key that is not one of {@link #STANDARD_KEYS}
     * @param value a JSON scalar, list or map, or null
     * @return a new config
     * @throws IllegalArgumentException when the key is a standard key
     */
    public RunConfig withExtra(String key, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(extra);
        all.put(Objects.requireNonNull(key, "key"), value);
        return new RunConfig(backend, model, kvType, totalTurns, historyWindow, timestamp, all);
    }
}
