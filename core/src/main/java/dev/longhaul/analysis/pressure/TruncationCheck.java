package dev.longhaul.analysis.pressure;

import dev.longhaul.report.MetricKey;
import dev.longhaul.report.TurnMetrics;
import java.util.List;

/**
 * Suspects a prompt the server cut to fit its context. Ollama does this without a word — it drops the oldest
 * messages (or, in older versions, the start of the prompt) — and the only trace is the prompt token count it
 * reports: smaller than what was sent.
 *
 * <p>What was sent is estimated from this run itself: its tokens per character on the earlier turn with the most
 * characters among those that filled at most {@value #REFERENCE_FILL} of the context and were not suspected
 * themselves (chat templates add a few tokens per message, so the longest safe prompt is the closest kin). A turn is
 * suspected when that estimate is clearly past the context size (by more than {@link #ESTIMATE_MARGIN}, for the
 * estimate's own error) while the server counted a prompt that fits: what was sent could not have fit, yet the
 * prompt tokens stopped growing with the history. Without a reference turn, or without token counts, nothing is
 * suspected. A server that evaluates a prompt longer than its context (or refuses it) is never suspected.
 */
public final class TruncationCheck {

    /** The most a turn may fill of the context to serve as the reference for tokens per character. */
    public static final double REFERENCE_FILL = 0.75;

    /** How far past the context size (as a factor) the estimated prompt must be before a fitting count is suspect. */
    public static final double ESTIMATE_MARGIN = 1.05;

    private TruncationCheck() {
    }

    /**
     * @param turn    the turn to judge
     * @param earlier the run's answered turns before it, in order
     * @return whether the server seems to have cut the turn's prompt
     */
    public static boolean suspected(TurnContext turn, List<TurnMetrics> earlier) {
        if (turn.promptTokens() == null) {
            return false;
        }
        double tokensPerChar = referenceTokensPerChar(earlier);
        if (Double.isNaN(tokensPerChar)) {
            return false;
        }
        double estimated = turn.promptChars() * tokensPerChar;
        return estimated > ESTIMATE_MARGIN * turn.contextSize() && turn.promptTokens() <= turn.contextSize();
    }

    /** Tokens per character of the longest earlier prompt that sat well inside the context; NaN when none did. */
    static double referenceTokensPerChar(List<TurnMetrics> earlier) {
        int bestChars = 0;
        double ratio = Double.NaN;
        for (TurnMetrics t : earlier) {
            Integer chars = t.get(MetricKey.PROMPT_CHARS).orElse(null);
            Integer tokens = t.get(MetricKey.PROMPT_EVAL_COUNT).orElse(null);
            Double fill = t.get(MetricKey.CONTEXT_FILL).orElse(null);
            if (chars == null || tokens == null || fill == null || fill > REFERENCE_FILL
                    || t.isTrue(MetricKey.CONTEXT_TRUNCATED_SUSPECTED) || chars < 1 || chars < bestChars) {
                continue;
            }
            bestChars = chars;
            ratio = tokens.doubleValue() / chars;
        }
        return ratio;
    }
}
