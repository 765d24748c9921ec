package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * One answer as the server described it, streamed or not.
 *
 * @param content      the assistant's text
 * @param finishReason {@code stop}, {@code length}, …, or null
 * @param usage        token counts
 * @param timings      llama-server's {@code timings} object, or null
 * @param logprobs     the token log-probabilities received
 * @param firstToken   for a stream: time from sending until the first generated text arrived, else null
 * @param lastToken    for a stream: time from sending until the last generated text arrived, else null
 */
record Completion(String content, String finishReason, Usage usage, JsonNode timings, TokenLogprobs logprobs,
                  Duration firstToken, Duration lastToken) {
}
