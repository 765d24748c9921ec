package dev.longhaul.session;

import dev.longhaul.analysis.DegradationDetector;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.report.RunConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A new run's report {@code config}: the seed's six keys, then this project's in report order — whether the backend
 * applied the KV type or it is only a label, the sampling settings, the context window and trained context, the
 * history slide, delay, script, scorer and degradation settings, and the backend's facts. (A resumed run takes its
 * config from the checkpoint's first line instead.)
 *
 * @param backendLabel     the report's {@code backend}: the provider, or the label of a backend given as an instance
 * @param backendConfig    the backend's config, or null for a backend given as an instance
 * @param configuredKvType the KV type set on the session, or null
 * @param turns            turns requested
 * @param historyWindow    turns of history kept
 * @param historySlide     turns the window slides by
 * @param delay            the wait between turns
 * @param scriptName       the script's name
 * @param scorerName       the scorer's name
 * @param detector         the degradation detector
 */
record RunConfigAssembly(String backendLabel, BackendConfig backendConfig, String configuredKvType, int turns,
                         int historyWindow, int historySlide, Duration delay, String scriptName, String scorerName,
                         DegradationDetector detector) {

    /**
     * @param info    what the backend says about itself
     * @param started when the run started
     * @return the run's config
     */
    RunConfig of(BackendInfo info, Instant started) {
        String kvLabel = configuredKvType != null ? configuredKvType
                : backendConfig != null ? backendConfig.kvType() : "f16";
        String kvType = info.kvType() != null ? info.kvType() : kvLabel;
        String model = backendConfig != null && backendConfig.model().isPresent() ? backendConfig.model().get()
                : info.model() != null ? info.model() : "default";
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(RunConfig.KV_TYPE_APPLIED, info.kvType() != null);
        if (backendConfig != null) {
            backendConfig.baseUrl().ifPresent(u -> extra.put("url", u.toString()));
            backendConfig.seed().ifPresent(s -> extra.put(RunConfig.SAMPLING_SEED, s));
            backendConfig.temperature().ifPresent(t -> extra.put(RunConfig.TEMPERATURE, t));
            backendConfig.maxTokens().ifPresent(t -> extra.put("max_tokens", t));
            extra.put("timeout_s", backendConfig.timeout().toMillis() / 1000.0);
        }
        Integer contextWindow = info.contextSize() != null ? info.contextSize()
                : backendConfig != null ? backendConfig.contextSize().orElse(null) : null;
        if (contextWindow != null) {
            extra.put(RunConfig.CONTEXT_SIZE, contextWindow);
        }
        if (info.trainedContextSize() != null) {
            extra.put(RunConfig.CONTEXT_TRAIN, info.trainedContextSize());
        }
        if (historySlide > 1) {
            extra.put("history_slide", historySlide); // not the seed's window: said in every report
        }
        extra.put("delay_s", delay.toMillis() / 1000.0);
        extra.put(RunConfig.SCRIPT, scriptName);
        extra.put("scorer", scorerName);
        extra.put("degradation_window", detector.window());
        extra.put("degradation_threshold", detector.threshold());
        if (!info.facts().isEmpty()) {
            extra.put(RunConfig.BACKEND_INFO, info.facts());
        }
        return new RunConfig(backendLabel, model, kvType, turns, historyWindow, PythonTimestamps.isoFormat(started),
                extra);
    }
}
