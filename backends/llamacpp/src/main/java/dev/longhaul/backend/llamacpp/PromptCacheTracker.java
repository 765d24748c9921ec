package dev.longhaul.backend.llamacpp;

import java.util.Arrays;

/**
 * Knows which tokens llama.cpp's slot holds in its KV cache after each turn, to say how many prompt tokens of the
 * next turn it will not evaluate again. The binding does not report this; the rule is the one llama.cpp's server
 * applies with {@code cache_prompt} (build 4916): it keeps the common prefix of the tokens it holds and the new
 * prompt, and evaluates the rest, but always at least the prompt's last token (to get logits).
 *
 * <p>After a turn the slot holds the prompt and the generated tokens that were fed back: all of them when the
 * model stopped with its end-of-turn token (which is not fed back), all but the last when the token limit was
 * reached. The generated tokens are taken as the tokenization of the answer's text, which is what the model
 * produces in practice; the test {@code PrefixReuseLogTest} checks the counts against llama.cpp's own log.
 */
final class PromptCacheTracker {

    private int[] held = new int[0];

    /**
     * @param prompt the next prompt's tokens, with BOS
     * @return how many of them llama.cpp takes from its cache
     */
    int reusableTokens(int[] prompt) {
        int common = Arrays.mismatch(held, prompt);
        if (common < 0) {
            common = prompt.length; // identical
        }
        return Math.max(0, Math.min(common, prompt.length - 1));
    }

    /**
     * Records what the slot holds after a turn.
     *
     * @param prompt        the prompt's tokens, with BOS
     * @param answer        the answer text's tokens
     * @param stoppedAtLimit whether generation stopped at the token limit (the last token is then not held)
     */
    void remember(int[] prompt, int[] answer, boolean stoppedAtLimit) {
        int kept = stoppedAtLimit ? Math.max(0, answer.length - 1) : answer.length;
        int[] next = Arrays.copyOf(prompt, prompt.length + kept);
        System.arraycopy(answer, 0, next, prompt.length, kept);
        held = next;
    }

    /** Forgets the slot's content, after a failed or cancelled turn. */
    void forget() {
        held = new int[0];
    }
}
