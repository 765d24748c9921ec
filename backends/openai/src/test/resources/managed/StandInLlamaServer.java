import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for llama.cpp's llama-server in tests (a single-file program: the tests compile it with the JDK's
 * compiler, so it needs nothing but the JDK). It takes the flags longhaul's managed arms pass, prints a start-up log
 * shaped like llama-server's (including the llama_kv_cache size line built from -ctk/-ctv), answers GET /health with
 * 503 while "loading" and 200 after, and POST /v1/chat/completions with a fixed answer in llama-server's shape.
 *
 * <p>Misbehaviour for tests, from environment variables: STANDIN_EXIT_AFTER=N exits (as a crash would) after N chat
 * requests; STANDIN_NEVER_READY=1 answers 503 for ever; STANDIN_LOADING_MS sets how long /health answers 503.
 * Like llama-server, an unknown cache type or a port already in use ends it at once with status 1.
 */
public final class StandInLlamaServer {

    private static final List<String> CACHE_TYPES =
            List.of("f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "iq4_nl", "q5_0", "q5_1", "turbo2", "turbo3", "turbo4");

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            flags.put(args[i], args[i + 1]);
        }
        String ctk = flags.getOrDefault("-ctk", "f16");
        String ctv = flags.getOrDefault("-ctv", "f16");
        for (String[] kv : new String[][] {{"-ctk", ctk}, {"-ctv", ctv}}) {
            if (!CACHE_TYPES.contains(kv[1])) {
                System.err.println("error while handling argument \"" + kv[0] + "\": Unsupported cache type: " + kv[1]);
                System.exit(1);
            }
        }
        String host = flags.getOrDefault("--host", "127.0.0.1");
        int port = Integer.parseInt(flags.getOrDefault("--port", "8080"));
        int ctx = Integer.parseInt(flags.getOrDefault("-c", "4096"));
        long loadingMs = Long.parseLong(envOr("STANDIN_LOADING_MS", "300"));
        int exitAfter = Integer.parseInt(envOr("STANDIN_EXIT_AFTER", "-1"));
        boolean neverReady = "1".equals(System.getenv("STANDIN_NEVER_READY"));

        System.err.println("build: 0 (stand-in) with java for testing");
        System.err.println("system info: n_threads = " + flags.getOrDefault("-t", "2"));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (BindException e) {
            System.err.println("start: couldn't bind HTTP server socket, hostname: " + host + ", port: " + port);
            System.err.println("main: exiting due to HTTP server error");
            System.exit(1);
            return;
        }
        long readyAt = System.currentTimeMillis() + loadingMs;
        AtomicInteger chats = new AtomicInteger();
        server.createContext("/health", ex -> {
            boolean ready = !neverReady && System.currentTimeMillis() >= readyAt;
            send(ex, ready ? 200 : 503, ready ? "{\"status\":\"ok\"}"
                    : "{\"error\":{\"message\":\"Loading model\",\"type\":\"unavailable_error\",\"code\":503}}");
        });
        server.createContext("/v1/chat/completions", ex -> {
            String request = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n = chats.incrementAndGet();
            if (exitAfter >= 0 && n > exitAfter) {
                System.err.println("stand-in: exiting after " + exitAfter + " chat requests");
                System.err.flush();
                Runtime.getRuntime().halt(3);
            }
            if (request.replace(" ", "").contains("\"stream\":true")) {
                stream(ex, n);
            } else {
                send(ex, 200, answer(n));
            }
        });
        server.start();
        System.err.println("main: HTTP server is listening, hostname: " + host + ", port: " + port);
        System.err.println("main: loading model");
        System.err.println("llama_model_loader: loaded meta data from " + flags.get("-m"));
        System.err.println("llama_context: n_ctx         = " + ctx);
        System.err.println("llama_context: flash_attn    = " + ("on".equals(flags.get("-fa")) ? "enabled" : "auto"));
        double half = ctx * 6 * 64 * 2 * bytesPerValue(ctk) / (1024.0 * 1024.0) / 2;
        System.err.printf("llama_kv_cache:        CPU KV buffer size = %8.2f MiB%n", half * 2);
        System.err.printf("llama_kv_cache: size = %7.2f MiB (%6d cells,   6 layers,  1/1 seqs), K (%s): %7.2f MiB, "
                + "V (%s): %7.2f MiB%n", half * 2, ctx, ctk, half, ctv, half);
        System.err.println("main: model loaded");
        System.err.println("main: server is listening on http://" + host + ":" + port + " - starting the main loop");
        System.err.flush();
    }

    private static double bytesPerValue(String type) {
        return switch (type) {
            case "f32" -> 4;
            case "f16", "bf16" -> 2;
            case "q8_0" -> 1.0625;
            case "turbo2" -> 0.3;
            case "turbo3" -> 0.4;
            default -> 0.5625;
        };
    }

    private static String content(int n) {
        return "Here is turn " + n + ".\\n\\n```python\\ndef rate_limiter(calls: int) -> bool:\\n"
                + "    return calls < 10\\n```\\n\\nThe function returns whether another call is allowed.";
    }

    private static String answer(int n) {
        String content = content(n);
        return "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + content + "\"}}],\"created\":1795668408,\"model\":\"stand-in.gguf\",\"object\":\"chat.completion\","
                + "\"usage\":{\"completion_tokens\":31,\"prompt_tokens\":53,\"total_tokens\":84},"
                + "\"id\":\"chatcmpl-standin-" + n + "\",\"timings\":{\"cache_n\":0,\"prompt_n\":53,\"prompt_ms\":9.5,"
                + "\"predicted_n\":31,\"predicted_ms\":120.0,\"predicted_per_second\":258.3}}";
    }

    private static void stream(HttpExchange ex, int n) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        String head = "{\"created\":1795668650,\"id\":\"chatcmpl-standin-" + n + "\",\"model\":\"stand-in.gguf\","
                + "\"object\":\"chat.completion.chunk\",\"choices\":";
        try (OutputStream out = ex.getResponseBody()) {
            event(out, head + "[{\"finish_reason\":null,\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}");
            event(out, head + "[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"" + content(n) + "\"}}]}");
            event(out, head + "[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}]}");
            event(out, head + "[],\"usage\":{\"completion_tokens\":31,\"prompt_tokens\":53,\"total_tokens\":84},"
                    + "\"timings\":{\"cache_n\":0,\"prompt_n\":53,\"prompt_ms\":9.5,\"predicted_n\":31,"
                    + "\"predicted_ms\":120.0,\"predicted_per_second\":258.3}}");
            event(out, "[DONE]");
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
