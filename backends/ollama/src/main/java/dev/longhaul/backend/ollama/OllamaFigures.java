package dev.longhaul.backend.ollama;

import dev.longhaul.backend.GenerationStats;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns Ollama's figures and the client's own timings into {@link GenerationStats} and the response's extra
 * figures.
 *
 * <p>The stats carry what the client measured: elapsed time, time to first token (streamed answers only) and
 * tokens per second — the decode rate after the first token when streamed, otherwise tokens over the whole
 * request. Ollama's own figures go to the extras under snake_case keys, durations in seconds, with
 * {@code server_tokens_per_s} computed the seed's way ({@code eval_count / max(eval_duration_s, 0.001)}, one
 * decimal). {@code num_ctx} is recorded too: Ollama silently drops the oldest messages of a prompt longer than the
 * window, so a {@code prompt_eval_count} near {@code num_ctx} is the only sign of it.
 */
final class OllamaFigures {

    private static final double NANOS_PER_SECOND = 1e9;

    private final OllamaMetrics metrics;
    private final int numCtx;

    OllamaFigures(OllamaMetrics metrics, int numCtx) {
        this.metrics = metrics;
        this.numCtx = numCtx;
    }

    /**
     * @param elapsed          wall time from sending the request to the final object
     * @param timeToFirstToken wall time to the first generated text, or null when not streamed
     * @return the stats
     */
    GenerationStats stats(Duration elapsed, Duration timeToFirstToken) {
        Long generated = metrics.evalCount();
        return new GenerationStats(toInt(metrics.promptEvalCount()), toInt(metrics.promptEvalCachedCount()),
                toInt(generated), elapsed, timeToFirstToken, measuredTokensPerSecond(generated, elapsed,
                timeToFirstToken));
    }

    /** @return the server's figures in report order; absent ones are left out */
    Map<String, Object> extra() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("num_ctx", numCtx);
        putIfPresent(extra, "prompt_eval_count", metrics.promptEvalCount());
        putIfPresent(extra, "prompt_eval_cached_count", metrics.promptEvalCachedCount());
        putIfPresent(extra, "eval_count", metrics.evalCount());
        putSeconds(extra, "total_duration_s", metrics.totalDurationNanos());
        putSeconds(extra, "load_duration_s", metrics.loadDurationNanos());
        putSeconds(extra, "prompt_eval_duration_s", metrics.promptEvalDurationNanos());
        putSeconds(extra, "eval_duration_s", metrics.evalDurationNanos());
        if (metrics.evalCount() != null && metrics.evalDurationNanos() != null) {
            double seconds = metrics.evalDurationNanos() / NANOS_PER_SECOND;
            extra.put("server_tokens_per_s", Math.round(metrics.evalCount() / Math.max(seconds, 0.001) * 10) / 10.0);
        }
        return extra;
    }

    private static Double measuredTokensPerSecond(Long generated, Duration elapsed, Duration timeToFirstToken) {
        if (generated == null || generated == 0) {
            return null;
        }
        if (timeToFirstToken != null && generated > 1) {
            // The first token arrived at TTFT; the other generated-1 came in the time after it.
            Duration decoding = elapsed.minus(timeToFirstToken);
            if (decoding.compareTo(Duration.ZERO) > 0) {
                return (generated - 1) / seconds(decoding);
            }
        }
        return elapsed.isZero() ? null : generated / seconds(elapsed);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / NANOS_PER_SECOND;
    }

    private static void putIfPresent(Map<String, Object> extra, String key, Long value) {
        if (value != null) {
            extra.put(key, value);
        }
    }

    private static void putSeconds(Map<String, Object> extra, String key, Long nanos) {
        if (nanos != null) {
            extra.put(key, nanos / NANOS_PER_SECOND);
        }
    }

    private static Integer toInt(Long value) {
        return value == null ? null : (int) Math.min(value, Integer.MAX_VALUE);
    }
}
