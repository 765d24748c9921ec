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
 * Teacher forcing on llama-server, which has no prompt log-probabilities (no {@code echo}): the answer's
 * distributions are read from the server generating it again. A {@code POST /completion} whose prompt is the
 * templated conversation's tokens followed by the answer's tokens forced so far asks, greedily
 * ({@code temperature: 0}), for the rest of the answer with {@code n_probs: K}; each generated token's
 * {@code completion_probabilities[i].top_logprobs} is llama-server's distribution for that position before sampling
 * (the softmax of the logits, {@code post_sampling_probs: false}). The distributions hold while the generated tokens
 * are the answer's: at the first token that is not, that position's distribution is kept (its prefix was the
 * answer's) and the next request continues after the answer's token there. A greedy answer forced through the server
 * that generated it thus costs one request and what generating it cost; through another cache type, one more request
 * per position where the two disagree. A request that gives no position (the server stopped at once) is asked again
 * for that one position with {@code n_predict: 1}. With {@code cache_prompt} the server keeps the evaluated prefix,
 * so each request evaluates only its new tokens.
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
        while (positions.size() < answerTokens.size()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new BackendException(Kind.INTERRUPTED, "llama-server: teacher forcing interrupted");
            }
            int from = positions.size();
            JsonNode generated = complete(promptTokens, answerTokens, from, answerTokens.size() - from, topK);
            if (generated.isEmpty()) {
                generated = complete(promptTokens, answerTokens, from, 1, topK);
            }
            if (generated.isEmpty()) {
                positions.add(distribution(generated.path(0), answerTokens.get(from), from)); // names the problem
            }
            for (JsonNode entry : generated) {
                int position = positions.size();
                if (position == answerTokens.size()) {
                    break;
                }
                positions.add(distribution(entry, answerTokens.get(position), position));
                if (entry.path("id").asInt(-1) != answerTokens.get(position).id) {
                    break; // the server went its own way: what follows was not conditioned on the answer
                }
            }
        }
        return new ForcedAnswer(positions, topK);
    }

    /**
     * Asks for {@code count} tokens greedily after the prompt and the answer's first {@code from} tokens.
     *
     * @return {@code completion_probabilities}: one entry per generated token (an empty array when none)
     */
    private JsonNode complete(List<Piece> promptTokens, List<Piece> answerTokens, int from, int count, int topK)
            throws BackendException {
        ObjectNode body = json.createObjectNode();
        ArrayNode tokens = body.putArray("prompt");
        promptTokens.forEach(p -> tokens.add(p.id));
        answerTokens.subList(0, from).forEach(p -> tokens.add(p.id));
        body.put("n_predict", count).put("n_probs", topK).put("temperature", 0).put("cache_prompt", true)
                .put("post_sampling_probs", false).put("stream", false);
        JsonNode probabilities = transport.postJson("/completion", body).body().path("completion_probabilities");
        return probabilities.isArray() ? probabilities : json.createArrayNode();
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
