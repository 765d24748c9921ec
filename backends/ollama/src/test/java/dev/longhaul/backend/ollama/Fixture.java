package dev.longhaul.backend.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.http.replay.Reply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One exchange of {@code src/test/resources/fixtures/} (see the README there). */
record Fixture(String name, String method, String path, JsonNode requestBody, int status, String reason,
               String contentType, byte[] responseBody) {

    static final ObjectMapper JSON = new ObjectMapper();

    static Fixture load(String name) {
        JsonNode request = json(name + "/request.json");
        JsonNode response = json(name + "/response.json");
        return new Fixture(name, request.path("method").asText(), request.path("path").asText(),
                request.get("body"), response.path("status").asInt(), response.path("reason").asText(),
                response.path("headers").path("Content-Type").asText(), bytes(name + "/response.body"));
    }

    /**
     * The response as Ollama's Go server sends it: a JSON body with Content-Length, a stream chunked with one line per
     * chunk (it flushes after every object).
     */
    Reply reply() {
        Reply.Builder reply = Reply.status(status, reason).header("Content-Type", contentType);
        if (contentType.startsWith("application/x-ndjson")) {
            return reply.chunked(responseLines().stream().map(line -> line + "\n").toList()).build();
        }
        return reply.body(responseBody).build();
    }

    /** @return the answer text of a chat fixture: the message contents of its objects joined */
    String answerText() {
        StringBuilder text = new StringBuilder();
        for (String line : responseLines()) {
            try {
                text.append(JSON.readTree(line).path("message").path("content").asText(""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    String responseText() {
        return new String(responseBody, StandardCharsets.UTF_8);
    }

    /** @return the NDJSON lines of the body, without their line ends */
    List<String> responseLines() {
        List<String> lines = new ArrayList<>();
        for (String line : responseText().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** @return the last NDJSON line of the body (the final or error object of a stream) */
    String lastLine() {
        List<String> lines = responseLines();
        return lines.get(lines.size() - 1);
    }

    private static JsonNode json(String resource) {
        try {
            return JSON.readTree(bytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = Fixture.class.getResourceAsStream("/fixtures/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture file " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
