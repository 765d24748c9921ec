package dev.longhaul.backend;

/**
 * An optional capability of a {@link Backend}: evaluate a given answer token by token (teacher forcing) and report
 * the model's top-K next-token distribution at every position. Token-level fidelity comparisons (KL divergence,
 * same-top-token rate) between KV cache types use it. Test for it with {@code backend instanceof TeacherForcing}.
 *
 * <p>The distributions are the model's before any sampler (the softmax of its logits), as llama-perplexity uses them.
 * The embedded {@code llamacpp} backend evaluates the answer in one pass and knows every probability; the
 * {@code llama-server} backend asks the server once per answer token and knows only the top K.
 */
public interface TeacherForcing {

    /**
     * Evaluates {@code answer} as the assistant's reply to the conversation.
     *
     * @param request the conversation, ending with the user message the answer replies to
     * @param answer  the answer text to force (typically the baseline arm's answer)
     * @param topK    candidates to report per position, at least 1
     * @return one distribution per answer token
     * @throws BackendException when the evaluation fails
     */
    ForcedAnswer force(ChatRequest request, String answer, int topK) throws BackendException;
}
