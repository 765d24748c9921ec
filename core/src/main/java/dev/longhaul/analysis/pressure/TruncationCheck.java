package dev.longhaul.analysis.pressure;

import static dev.longhaul.report.ContextPressureCounts.CONTEXT_FILL;
import static dev.longhaul.report.ContextPressureCounts.PROMPT_CHARS;
import static dev.longhaul.report.ContextPressureCounts.TRUNCATION_SUSPECTED;

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
 * suspected when that estimate is past the context size while the server counted less than
 * {@value #SHORTFALL} of it: the history grew past the window, and the prompt tokens did not follow. Without a
 * reference turn, or without token counts, nothing is suspected.
 */
public final class TruncationCheck {

    /** The most a turn may fill of the context to serve as the reference for tokens per character. */
    public static final double REFERENCE_FILL = 0.75;

    /** The share of the estimated prompt below which the server's count means it cut the prompt. */
    public static final double SHORTFALL = 0.9;

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
        return estimated > turn.contextSize() && turn.promptTokens() < SHORTFALL * estimated;
    }

    /** Tokens per character of the longest earlier prompt that sat well inside the context; NaN when none did. */
    static double referenceTokensPerChar(List<TurnMetrics> earlier) {
        int bestChars = 0;
        double ratio = Double.NaN;
        for (TurnMetrics t : earlier) {
            Object chars = t.values().get(PROMPT_CHARS);
            Object tokens = t.values().get("prompt_eval_count");
            Object fill = t.values().get(CONTEXT_FILL);
            if (!(chars instanceof Number c) || !(tokens instanceof Number n) || !(fill instanceof Number f)
                    || f.doubleValue() > REFERENCE_FILL || Boolean.TRUE.equals(t.values().get(TRUNCATION_SUSPECTED))
                    || c.intValue() < 1 || c.intValue() < bestChars) {
                continue;
            }
            bestChars = c.intValue();
            ratio = n.doubleValue() / c.intValue();
        }
        return ratio;
    }
}
