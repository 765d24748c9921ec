package dev.longhaul.cli.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Answer bodies in the shapes recorded from llama-server (backends/openai fixtures 05-chat-single, 10-chat-stream)
 * and documented for Ollama (backends/ollama fixtures 01-chat-nonstream, 02-chat-stream): the same fields in the
 * same order, with fixed ids and times so that a body is a pure function of the answer.
 */
final class WireShapes {

    static final String MODEL = "tiny-code-chat.gguf";
    private static final String ID = "chatcmpl-longhaulfaultsdeterministic0";
    private static final long CREATED = 1795668408L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireShapes() {
    }

    /** A non-streamed {@code chat.completion} object. */
    static String completion(ChatAnswer a) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("finish_reason", "stop").put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", a.text());
        body.put("created", CREATED).put("model", MODEL).put("system_fingerprint", "b0-unknown")
                .put("object", "chat.completion");
        usage(body, a);
        body.put("id", ID);
        return body.toString();
    }

    /**
     * The Server-Sent Events of a streamed answer, one string per event ({@code data: …} and its blank line): the
     * role, the text in pieces of {@code pieceChars}, the finish reason, the usage ({@code "choices":[]}), then
     * {@code [DONE]}.
     */
    static List<String> completionEvents(ChatAnswer a, int pieceChars) {
        List<String> events = new ArrayList<>();
        ObjectNode role = chunk();
        choices(role).addObject().putNull("finish_reason").put("index", 0).putObject("delta")
                .put("role", "assistant").putNull("content");
        events.add(event(role));
        for (String piece : pieces(a.text(), pieceChars)) {
            ObjectNode c = chunk();
            choices(c).addObject().putNull("finish_reason").put("index", 0).putObject("delta")
                    .put("content", piece);
            events.add(event(c));
        }
        ObjectNode stop = chunk();
        choices(stop).addObject().put("finish_reason", "stop").put("index", 0).putObject("delta");
        events.add(event(stop));
        ObjectNode usage = chunk();
        usage(usage, a);
        events.add(event(usage));
        events.add("data: [DONE]\n\n");
        return events;
    }

    /** A non-streamed Ollama {@code /api/chat} answer. */
    static String ollamaChat(ChatAnswer a) {
        return ollamaFinal(a, a.text()).toString();
    }

    /** The NDJSON lines (each ending in {@code \n}) of a streamed Ollama answer: the pieces, then the final object. */
    static List<String> ollamaChatLines(ChatAnswer a, int pieceChars) {
        List<String> lines = new ArrayList<>();
        for (String piece : pieces(a.text(), pieceChars)) {
            ObjectNode line = JSON.createObjectNode().put("model", MODEL).put("created_at", "2026-11-26T09:15:07Z");
            line.putObject("message").put("role", "assistant").put("content", piece);
            line.put("done", false);
            lines.add(line + "\n");
        }
        lines.add(ollamaFinal(a, "") + "\n");
        return lines;
    }

    private static ObjectNode ollamaFinal(ChatAnswer a, String content) {
        ObjectNode line = JSON.createObjectNode().put("model", MODEL).put("created_at", "2026-11-26T09:15:12Z");
        line.putObject("message").put("role", "assistant").put("content", content);
        return line.put("done_reason", "stop").put("done", true).put("total_duration", 3_988_051_291L)
                .put("load_duration", 23_114_583L).put("prompt_eval_count", a.promptTokens())
                .put("prompt_eval_duration", 398_120_000L).put("eval_count", a.completionTokens())
                .put("eval_duration", 3_502_761_000L);
    }

    private static ObjectNode chunk() {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("choices");
        return c.put("created", CREATED).put("id", ID).put("model", MODEL).put("system_fingerprint", "b0-unknown")
                .put("object", "chat.completion.chunk");
    }

    private static ArrayNode choices(ObjectNode chunk) {
        return (ArrayNode) chunk.get("choices");
    }

    private static void usage(ObjectNode body, ChatAnswer a) {
        body.putObject("usage").put("completion_tokens", a.completionTokens()).put("prompt_tokens", a.promptTokens())
                .put("total_tokens", a.completionTokens() + a.promptTokens());
    }

    private static String event(ObjectNode data) {
        return "data: " + data + "\n\n";
    }

    private static List<String> pieces(String text, int size) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            pieces.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return pieces;
    }
}
