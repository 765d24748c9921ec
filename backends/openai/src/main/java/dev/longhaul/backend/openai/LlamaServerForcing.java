package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.TokenDistribution;
import dev.longhaul.backend.TokenLogprob;
import dev.longhaul.backend.http.HttpTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * Teacher forcing on llama-server, which has no prompt log-probabilities (no {@code echo}): one
 * {@code POST /completion} per answer token, whose prompt is the templated conversation's tokens followed by the
 * answer's tokens before that position, with {@code n_predict: 1} and {@code n_probs: K}. The response's
 * {@code completion_probabilities[0].top_logprobs} is llama-server's distribution for that position before sampling
 * (the softmax of the logits, {@code post_sampling_probs: false}). With {@code cache_prompt} the server keeps the
 * evaluated prefix, so each request evaluates about one new token.
 *
 * <p>The conversation is templated by the server ({@code POST /apply-template}) and tokenized by it
 * ({@code POST /tokenize}); the answer's tokens are those of prompt + answer after the prompt's own tokens (so a
 * SentencePiece vocabulary puts no space before the answer's first word), else the answer's own tokens. The answer
 * token's log-probability is known only when it is among the K candidates; otherwise it is NaN.
 */
final class LlamaServerForcing {

    private final HttpTransport transport;
    private final ObjectMapper json = new ObjectMapper();

    LlamaServerForcing(HttpTransport transport) {
        this.transport = transport;
    }

    ForcedAnswer force(ChatRequest request, String answer, int topK) throws BackendException {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1, got " + topK);
        }
        String prompt = template(request);
        List<Piece> promptTokens = tokenize(prompt, true);
        List<Piece> answerTokens = answerTokens(prompt, promptTokens, answer);
        List<TokenDistribution> positions = new ArrayList<>(answerTokens.size());
        for (int i = 0; i < answerTokens.size(); i++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new BackendException(Kind.INTERRUPTED, "llama-server: teacher forcing interrupted");
            }
            ObjectNode body = json.createObjectNode();
            ArrayNode tokens = body.putArray("prompt");
            promptTokens.forEach(p -> tokens.add(p.id));
            answerTokens.subList(0, i).forEach(p -> tokens.add(p.id));
            body.put("n_predict", 1).put("n_probs", topK).put("cache_prompt", true).put("post_sampling_probs", false)
                    .put("stream", false);
            JsonNode entry = transport.postJson("/completion", body).body().path("completion_probabilities").path(0);
            positions.add(distribution(entry, answerTokens.get(i), i));
        }
        return new ForcedAnswer(positions, topK);
    }

    private TokenDistribution distribution(JsonNode entry, Piece actual, int position) throws BackendException {
        JsonNode top = entry.path("top_logprobs");
        if (!top.isArray() || top.isEmpty()) {
            throw new BackendException(Kind.BAD_RESPONSE, where() + ": /completion gave no "
                    + "completion_probabilities[0].top_logprobs for answer token " + position
                    + " (a llama-server from before December 2024?)");
        }
        List<TokenLogprob> candidates = new ArrayList<>(top.size());
        double actualLogprob = Double.NaN;
        for (JsonNode c : top) {
            TokenLogprob t = new TokenLogprob(c.path("id").asInt(-1), c.path("token").asText(""),
                    c.path("logprob").asDouble(Double.NaN));
            if (t.id() == actual.id) {
                actualLogprob = t.logprob();
            }
            candidates.add(t);
        }
        return new TokenDistribution(new TokenLogprob(actual.id, actual.text, actualLogprob), candidates);
    }

    private String template(ChatRequest request) throws BackendException {
        ObjectNode body = json.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        JsonNode prompt = transport.postJson("/apply-template", body).body().path("prompt");
        if (!prompt.isTextual()) {
            throw new BackendException(Kind.BAD_RESPONSE, where() + ": /apply-template gave no prompt");
        }
        return prompt.asText();
    }

    private List<Piece> answerTokens(String prompt, List<Piece> promptTokens, String answer) throws BackendException {
        if (answer.isEmpty()) {
            return List.of();
        }
        List<Piece> joint = tokenize(prompt + answer, true);
        if (joint.size() >= promptTokens.size()
                && ids(joint.subList(0, promptTokens.size())).equals(ids(promptTokens))) {
            return joint.subList(promptTokens.size(), joint.size());
        }
        return tokenize(answer, false);
    }

    private List<Piece> tokenize(String text, boolean addSpecial) throws BackendException {
        ObjectNode body = json.createObjectNode().put("content", text).put("add_special", addSpecial)
                .put("with_pieces", true);
        JsonNode tokens = transport.postJson("/tokenize", body).body().path("tokens");
        if (!tokens.isArray()) {
            throw new BackendException(Kind.BAD_RESPONSE, where() + ": /tokenize gave no tokens");
        }
        List<Piece> pieces = new ArrayList<>(tokens.size());
        for (JsonNode t : tokens) {
            // with_pieces gives {id, piece}; a piece that is not valid UTF-8 comes as a list of bytes
            String piece = t.path("piece").isTextual() ? t.path("piece").asText() : "";
            pieces.add(t.isInt() ? new Piece(t.asInt(), "") : new Piece(t.path("id").asInt(), piece));
        }
        return pieces;
    }

    private static List<Integer> ids(List<Piece> pieces) {
        return pieces.stream().map(p -> p.id).toList();
    }

    private String where() {
        return transport.serverName() + " at " + transport.baseUrl();
    }

    /** A token id and its text. */
    private record Piece(int id, String text) {
    }
}
