package dev.longhaul.backend.ollama;

import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.GenerationStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OllamaFiguresTest {

    private static OllamaMetrics metricsOf(String fixture) throws BackendException {
        return new OllamaChatLineReader(Fixture.JSON).read(Fixture.load(fixture).lastLine()).metrics();
    }

    @Test
    void serverFiguresGoToTheExtrasInSecondsWithTheSeedsTokenRate() throws BackendException {
        Map<String, Object> extra = new OllamaFigures(metricsOf("01-chat-nonstream"), 8192).extra();

        assertEquals(List.of("num_ctx", "prompt_eval_count", "eval_count", "total_duration_s", "load_duration_s",
                "prompt_eval_duration_s", "eval_duration_s", "server_tokens_per_s"), List.copyOf(extra.keySet()));
        assertEquals(8192, extra.get("num_ctx"));
        assertEquals(61L, extra.get("prompt_eval_count"));
        assertEquals(203L, extra.get("eval_count"));
        assertEquals(5.803127459, (double) extra.get("total_duration_s"), 1e-12);
        assertEquals(1.820473125, (double) extra.get("load_duration_s"), 1e-12);
        assertEquals(0.412338, (double) extra.get("prompt_eval_duration_s"), 1e-12);
        assertEquals(3.551874, (double) extra.get("eval_duration_s"), 1e-12);
        // round(203 / 3.551874, 1) as the seed computes it
        assertEquals(57.2, extra.get("server_tokens_per_s"));
    }

    @Test
    void theSeedsFloorKeepsATinyEvalDurationFinite() {
        OllamaMetrics m = new OllamaMetrics(null, null, null, null, null, 3L, 1000L);

        assertEquals(3000.0, new OllamaFigures(m, 8192).extra().get("server_tokens_per_s"));
    }

    @Test
    void absentFiguresAreLeftOutNotZeroed() {
        Map<String, Object> extra = new OllamaFigures(OllamaMetrics.NONE, 4096).extra();

        assertEquals(Map.of("num_ctx", 4096), extra);
    }

    @Test
    void cachedPromptTokensAreRecordedWhenTheServerReportsThem() {
        OllamaMetrics m = new OllamaMetrics(null, null, 900L, 850L, null, 10L, null);

        OllamaFigures figures = new OllamaFigures(m, 8192);

        assertEquals(850, figures.stats(Duration.ofSeconds(1), null).cachedPromptTokens());
        assertEquals(850L, figures.extra().get("prompt_eval_cached_count"));
    }

    @Test
    void streamedRateIsTheDecodeRateAfterTheFirstToken() throws BackendException {
        GenerationStats stats = new OllamaFigures(metricsOf("02-chat-stream"), 8192)
                .stats(Duration.ofMillis(4500), Duration.ofMillis(500));

        assertEquals(61, stats.promptTokens());
        assertEquals(203, stats.completionTokens());
        assertNull(stats.cachedPromptTokens());
        assertEquals(Duration.ofMillis(500), stats.timeToFirstToken());
        assertEquals(202 / 4.0, stats.tokensPerSecond(), 1e-9);
    }

    @Test
    void nonStreamedRateIsTokensOverTheWholeRequest() throws BackendException {
        GenerationStats stats = new OllamaFigures(metricsOf("01-chat-nonstream"), 8192)
                .stats(Duration.ofMillis(5800), null);

        assertEquals(203 / 5.8, stats.tokensPerSecond(), 1e-9);
        assertNull(stats.timeToFirstToken());
    }

    @Test
    void noGeneratedTokensMeansNoRate() {
        OllamaMetrics m = new OllamaMetrics(null, null, 5L, null, null, null, null);

        assertNull(new OllamaFigures(m, 8192).stats(Duration.ofSeconds(1), Duration.ofMillis(10)).tokensPerSecond());
    }
}
