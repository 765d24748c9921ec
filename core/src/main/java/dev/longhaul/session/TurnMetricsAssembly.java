package dev.longhaul.session;

import dev.longhaul.analysis.pressure.TrainedContext;
import dev.longhaul.analysis.pressure.TurnContext;
import dev.longhaul.analysis.probes.ProbeScorer;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.TurnInput;
import dev.longhaul.scoring.TurnScore;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.text.OneLine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A turn's metrics as the report holds them: the scorer's, then the backend's stats under the seed's keys and
 * further ones, the backend's own extra figures, the prompt against the context window (when its size is known), the
 * trained context, the turn's plant and probe, and a caller's {@link ExtraTurnMetrics}; figures that are not finite
 * numbers are left out.
 *
 * <p><b>Why the backend's figures are rounded here, where they are made, and not where the report is written:</b>
 * the seed rounds {@code elapsed_s} to 2 decimals, {@code tokens_per_s} to 1 (and this project {@code ttft_s} to 3)
 * when it builds a turn's metrics, and everything it computes from a run works on those rounded values. Here too
 * every figure computed from a run — the summary, a comparison, the trade-off summary (its wall time is the sum of
 * the turns' {@code elapsed_s}), the HTML page — is computed from the turns' values, both for a report still in
 * memory (what {@code ab} compares and renders as it finishes) and for the same report read back from its file
 * (what {@code compare} and {@code report} work on later). The file holds the rounded values, so the model must hold
 * them too: unrounded values in memory would give the live figures other last digits than the ones read back, and
 * {@code report} over a study's files would no longer reproduce the study's page byte for byte. The same holds for
 * the scorer's values (rounded by the scorer, as the seed's). A run's summary is the exception: it is computed from
 * these values but holds its means unrounded, and is rounded only where the seed's format is written or compared
 * ({@link dev.longhaul.report.Summary#seedRounded()}).
 */
final class TurnMetricsAssembly {

    /** The session's logger: what is left out is reported as the session's, as it always was. */
    private static final Logger log = LoggerFactory.getLogger(LongSession.class);

    private final Scorer scorer;
    private final Integer contextSize;
    private final TrainedContext trainedContext;

    /**
     * @param scorer         the run's scorer
     * @param contextSize    the context window in tokens each turn is measured against, or null when unknown
     * @param trainedContext the model's trained context, or null when unknown
     */
    TurnMetricsAssembly(Scorer scorer, Integer contextSize, TrainedContext trainedContext) {
        this.scorer = scorer;
        this.contextSize = contextSize;
        this.trainedContext = trainedContext;
    }

    /**
     * @param turn     the turn played
     * @param request  what was sent
     * @param response the backend's answer
     * @param earlier  the run's answered turns before this one
     * @param extras   the caller's further metrics
     * @return the turn's metrics
     * @throws ScorerFailure when the scorer throws or returns no quality score
     */
    TurnMetrics of(ScriptedTurn turn, ChatRequest request, ChatResponse response, List<TurnMetrics> earlier,
                   ExtraTurnMetrics extras) {
        TurnMetrics metrics = metrics(turn, request, response, earlier);
        return finite(withExtras(metrics, extrasOf(extras, turn, response)));
    }

    /** The caller's further metrics; when they cannot be had, none: the answer and its own metrics are kept. */
    private static Map<String, Object> extrasOf(ExtraTurnMetrics extras, ScriptedTurn turn, ChatResponse response) {
        try {
            return extras.of(turn, response);
        } catch (RuntimeException e) {
            log.warn("turn {}: further metrics failed ({}); the answer is kept without them", turn.turn(),
                    OneLine.of(e));
            return Map.of();
        }
    }

    private TurnMetrics metrics(ScriptedTurn turn, ChatRequest request, ChatResponse response,
                                List<TurnMetrics> earlier) {
        TurnScore score = score(turn, response.content());
        Map<String, Object> values = new LinkedHashMap<>(score.metrics());
        var stats = response.stats();
        values.put(MetricKey.ELAPSED_S.name(), PythonFormat.round(seconds(stats.elapsed()), 2));
        values.put(MetricKey.TOKENS_GENERATED.name(), stats.completionTokens() == null ? 0 : stats.completionTokens());
        if (stats.tokensPerSecond() != null) {
            values.put(MetricKey.TOKENS_PER_S.name(), PythonFormat.round(stats.tokensPerSecond(), 1));
        }
        if (stats.promptTokens() != null) {
            values.put(MetricKey.PROMPT_EVAL_COUNT.name(), stats.promptTokens());
        }
        if (stats.cachedPromptTokens() != null) {
            values.put(MetricKey.CACHED_PROMPT_TOKENS.name(), stats.cachedPromptTokens());
        }
        if (stats.timeToFirstToken() != null) {
            values.put(MetricKey.TTFT_S.name(), PythonFormat.round(seconds(stats.timeToFirstToken()), 3));
        }
        if (response.finishReason() != null) {
            values.put(MetricKey.FINISH_REASON.name(), response.finishReason());
        }
        response.extra().forEach(values::putIfAbsent);
        if (contextSize != null) {
            int promptChars = request.messages().stream().mapToInt(m -> m.content().length()).sum();
            new TurnContext(promptChars, stats.promptTokens(), stats.completionTokens(), contextSize)
                    .values(earlier).forEach(values::putIfAbsent);
        }
        if (trainedContext != null) {
            trainedContext.values(stats.promptTokens(), stats.completionTokens()).forEach(values::putIfAbsent);
        }
        ProbeScorer.score(turn, request.messages(), response.content(), earlier).forEach(values::putIfAbsent);
        return new TurnMetrics(turn.turn(), turn.phase(), values);
    }

    /** The scorer's score of an answer; its exception, or metrics without a quality score, are a ScorerFailure. */
    private TurnScore score(ScriptedTurn turn, String answer) {
        try {
            TurnScore score = scorer.score(new TurnInput(turn.turn(), turn.phase(), turn.prompt(), answer));
            if (score == null) {
                throw new IllegalStateException("it returned no score");
            }
            return score;
        } catch (RuntimeException e) {
            throw new ScorerFailure("scorer " + scorer.name() + " failed: " + OneLine.of(e), answer, e);
        }
    }

    private static TurnMetrics withExtras(TurnMetrics metrics, Map<String, Object> extras) {
        if (extras.isEmpty()) {
            return metrics;
        }
        Map<String, Object> values = new LinkedHashMap<>(metrics.values());
        extras.forEach(values::putIfAbsent);
        return new TurnMetrics(metrics.turn(), metrics.phase(), values);
    }

    /**
     * The metrics without figures that are not finite numbers (a backend's tokens per second over no time, a
     * measure that failed): a report holds only usable numbers, and reading one back refuses NaN and infinities.
     */
    private static TurnMetrics finite(TurnMetrics metrics) {
        if (metrics.values().values().stream().allMatch(TurnMetricsAssembly::usable)) {
            return metrics;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        metrics.values().forEach((key, value) -> {
            if (usable(value)) {
                values.put(key, value);
            } else {
                log.debug("turn {}: {} = {} is not a finite number; left out", metrics.turn(), key, value);
            }
        });
        return new TurnMetrics(metrics.turn(), metrics.phase(), values);
    }

    private static boolean usable(Object value) {
        return !(value instanceof Double d && !Double.isFinite(d)) && !(value instanceof Float f && !Float.isFinite(f));
    }

    /** @return the duration in seconds, as the seed's {@code time.time()} differences */
    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
