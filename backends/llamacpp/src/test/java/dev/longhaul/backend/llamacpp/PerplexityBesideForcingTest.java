package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.fidelity.TokenFidelity;
import dev.longhaul.backend.Backend;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.report.MetricKey;
import dev.longhaul.script.Script;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.testing.LlamaCppTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * longhaul's token fidelity and a real {@code llama-perplexity --kl-divergence} on the same conversation: the seed's
 * first six turns answered greedily by the in-process f16 backend. longhaul forces each answer after its
 * conversation through q8_0 and q4_0 (in-process, top 100); llama-perplexity reads the same prompts and answers as
 * plain text (it tokenizes its file without special tokens, so there is no chat markup) in chunks of 128 tokens,
 * with its KV rotation off so that the cache is quantized as build 4916 does it (see {@link ForcingPathsTest}).
 * The positions differ — longhaul scores the answers inside the chat, llama-perplexity the second half of every
 * chunk, prompts included — so the figures are asserted to agree in order (q8_0 moves the distributions less than
 * q4_0, on both) and in magnitude (within a factor of {@value #FACTOR}). docs/fidelity.md puts the two side by side
 * on a 50-turn conversation. Skipped, saying so, without llama-perplexity.
 */
class PerplexityBesideForcingTest {

    private static final int TURNS = 6;
    private static final int CHUNK = 128;
    private static final double FACTOR = 4;

    @TempDir
    Path dir;

    private final List<Backend> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(Backend::close);
    }

    @Test
    void meanKldAndSameTopOfQ8AndQ4AgreeInOrderAndMagnitudeWithLlamaPerplexity() throws Exception {
        Path perplexityBinary = LlamaCppTool.PERPLEXITY.require();
        Map<String, Backend> backends = new LinkedHashMap<>();
        for (String kv : List.of("f16", "q8_0", "q4_0")) {
            Backend backend = Backends.discover().create(TinyModelConfigs.greedy(kv, 48)
                    .option(LlamaCppOptions.THREADS, 1)
                    .option(LlamaCppOptions.FLASH_ATTN.name(), "on").build());
            open.add(backend);
            backends.put(kv, backend);
        }
        Map<String, Pooled> longhaul = new LinkedHashMap<>(Map.of("q8_0", new Pooled(), "q4_0", new Pooled()));
        StringBuilder text = new StringBuilder();
        List<ChatMessage> history = new ArrayList<>();
        for (ScriptedTurn turn : Script.seed().turns(TURNS)) {
            List<ChatMessage> messages = new ArrayList<>(history);
            messages.add(ChatMessage.user(turn.prompt()));
            ChatRequest request = new ChatRequest(messages);
            String answer = backends.get("f16").chat(request).content();
            for (Map.Entry<String, Pooled> arm : longhaul.entrySet()) {
                arm.getValue().add(new TokenFidelity(TokenFidelity.DEFAULT_TOP_K, false)
                        .measure(request, backends.get("f16"), answer, backends.get(arm.getKey()), answer));
            }
            text.append(turn.prompt()).append("\n\n").append(answer).append("\n\n");
            history.add(ChatMessage.user(turn.prompt()));
            history.add(ChatMessage.assistant(answer));
        }
        Path conversation = Files.writeString(dir.resolve("conversation.txt"), text);

        LlamaPerplexity perplexity = new LlamaPerplexity(perplexityBinary, GgufTestFiles.bundledModel(), conversation,
                CHUNK, dir);
        perplexity.base();
        Map<String, String> noRotation = Map.of("LLAMA_ATTN_ROT_DISABLE", "1");
        LlamaPerplexity.Figures q8 = perplexity.against("q8_0", noRotation);
        LlamaPerplexity.Figures q4 = perplexity.against("q4_0", noRotation);

        String figures = "longhaul q8_0 " + longhaul.get("q8_0") + ", q4_0 " + longhaul.get("q4_0")
                + "; llama-perplexity q8_0 " + q8 + ", q4_0 " + q4;
        assertTrue(q8.meanKld() < q4.meanKld() && q8.sameTop() > q4.sameTop(), figures);
        assertTrue(longhaul.get("q8_0").kld() < longhaul.get("q4_0").kld()
                && longhaul.get("q8_0").sameTop() >= longhaul.get("q4_0").sameTop(), figures);
        assertTrue(longhaul.get("q4_0").sameTop() < 1 && q4.sameTop() < 1, "q4_0 changes some top tokens: " + figures);
        for (String kv : List.of("q8_0", "q4_0")) {
            double ours = longhaul.get(kv).kld();
            double theirs = (kv.equals("q8_0") ? q8 : q4).meanKld();
            assertTrue(ours < theirs * FACTOR && ours > theirs / FACTOR, kv + ": " + figures);
        }
    }

    /** One arm's figures pooled over every forced position of the run. */
    private static final class Pooled {
        private double kldSum;
        private int positions;
        private int sameTop;

        void add(Map<String, Object> turn) {
            for (Object v : (List<?>) turn.get(MetricKey.KLD_VALUES.name())) {
                kldSum += ((Number) v).doubleValue();
            }
            positions += ((Number) turn.get(MetricKey.FORCED_TOKENS.name())).intValue();
            sameTop += ((Number) turn.get(MetricKey.SAME_TOP_TOKENS.name())).intValue();
        }

        double kld() {
            return kldSum / positions;
        }

        double sameTop() {
            return (double) sameTop / positions;
        }

        @Override
        public String toString() {
            return String.format("KLD %.6f same top %.3f over %d positions", kld(), sameTop(), positions);
        }
    }
}
