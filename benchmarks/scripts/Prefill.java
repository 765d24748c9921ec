import dev.longhaul.backend.*;
import dev.longhaul.script.*;
import java.net.URI;
import java.net.http.*;
import java.util.*;

/**
 * Prefill speed of the embedded backend beside llama-server's on the same long prompt (13 turns of the seed with
 * code answers, 2,712 tokens of the bundled model): the generation path's time to first token with prefix reuse
 * off, the teacher-forcing context's time on a fresh cache, and llama-server's timings.prompt_per_second.
 *
 * <pre>
 * java -Dreps=3 [-Dfa=on] -cp samples/cli/target/longhaul.jar benchmarks/scripts/Prefill.java f16 2 [http://127.0.0.1:8080]
 * </pre>
 * (kv type, threads, optionally a llama-server started with the same model, -c 4096, -t and -ctk/-ctv alike).
 */
public class Prefill {
    public static void main(String[] a) throws Exception { try { run(a); } finally { System.exit(0); } }
    static void run(String[] a) throws Exception {
        String kv = a[0];
        int threads = Integer.parseInt(a[1]);
        List<ChatMessage> history = new ArrayList<>();
        List<ScriptedTurn> turns = Script.seed().turns(13);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) code.append("    def method_").append(i).append("(self, n):\n        return self.tokens - n * ").append(i).append("\n");
        for (ScriptedTurn t : turns) {
            history.add(ChatMessage.user(t.prompt()));
            history.add(ChatMessage.assistant("Here is the change:\n```python\nclass RateLimiter:\n" + code.substring(0, 400) + "```\n- done"));
        }
        history.add(ChatMessage.user("Summarize."));
        ChatRequest req = new ChatRequest(history);
        BackendConfig cfg = BackendConfig.builder("llamacpp").kvType(kv).maxTokens(1).temperature(0.0).threads(threads)
                .option("prefix_reuse", "false").option("kv_log", "off").option("flash_attn", System.getProperty("fa", "auto")).build();
        try (Backend b = Backends.discover().create(cfg)) {
            for (int r = 0; r < Integer.getInteger("reps", 2); r++) {
                ChatResponse resp = b.chat(req);
                GenerationStats s = resp.stats();
                System.out.printf("embedded generate: %d prompt tokens, ttft %.3f s -> %.0f tok/s%n", s.promptTokens(),
                        s.timeToFirstToken().toNanos() / 1e9, s.promptTokens() / (s.timeToFirstToken().toNanos() / 1e9));
            }
        }
        for (int r = 0; r < Integer.getInteger("reps", 2); r++) {
            try (Backend b = Backends.discover().create(cfg)) {
                ((TeacherForcing) b).force(new ChatRequest(List.of(ChatMessage.user("Hi"))), "Hello", 1); // open the context
                long t0 = System.nanoTime();
                ForcedAnswer f = ((TeacherForcing) b).force(req, "Hello", 1);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("embedded forcing (fresh cache): %.3f s%n", s);
            }
        }
        if (a.length > 2) {
            HttpClient http = HttpClient.newHttpClient();
            String base = a[2];
            StringBuilder msgs = new StringBuilder("{\"messages\":[");
            for (int i = 0; i < history.size(); i++) {
                ChatMessage m = history.get(i);
                msgs.append(i == 0 ? "" : ",").append("{\"role\":\"").append(m.role().wireName()).append("\",\"content\":")
                        .append(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m.content())).append("}");
            }
            msgs.append("]}");
            var om = new com.fasterxml.jackson.databind.ObjectMapper();
            String prompt = om.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/apply-template")).POST(HttpRequest.BodyPublishers.ofString(msgs.toString())).build(), HttpResponse.BodyHandlers.ofString()).body()).path("prompt").asText();
            for (int r = 0; r < Integer.getInteger("reps", 2); r++) {
                String body = "{\"prompt\":" + om.writeValueAsString(prompt) + ",\"n_predict\":1,\"cache_prompt\":false,\"temperature\":0}";
                var resp = om.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/completion")).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
                var t = resp.path("timings");
                System.out.printf("llama-server: %d prompt tokens in %.0f ms -> %.0f tok/s%n", t.path("prompt_n").asInt(), t.path("prompt_ms").asDouble(), t.path("prompt_per_second").asDouble());
            }
        }
    }
}
