package dev.longhaul.analysis.fidelity;

import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.TokenDistribution;
import java.util.OptionalInt;

/**
 * Where the arm's own answer leaves the baseline's, counted in the baseline's answer tokens. Under greedy decoding
 * both answers follow their model's top token from the same conversation, so this is the first position where the
 * arm's choice differed — and everything after it was said in a different context.
 *
 * <p>The two texts are compared character by character; the first differing character falls in one of the
 * baseline's forced tokens, whose 0-based index is the answer. When the arm's answer only extends the baseline's
 * (the baseline stopped, the arm went on), it is the baseline's token count. The token texts of the forced answer
 * must spell the baseline's answer (a leading space a tokenizer adds to the first token is allowed); when they do
 * not — e.g. a character split over byte tokens — there is no answer.
 */
public final class FirstDivergence {

    private FirstDivergence() {
    }

    /**
     * @param baselineForced the baseline's answer as forced tokens
     * @param baselineAnswer the baseline's answer text
     * @param armAnswer      the arm's own answer text to the same conversation
     * @return the index of the first baseline token the arm did not reproduce; empty when the answers are equal or
     *         the tokens do not spell the baseline's answer
     */
    public static OptionalInt tokenIndex(ForcedAnswer baselineForced, String baselineAnswer, String armAnswer) {
        if (baselineAnswer.equals(armAnswer)) {
            return OptionalInt.empty();
        }
        StringBuilder spelled = new StringBuilder();
        for (TokenDistribution p : baselineForced.positions()) {
            spelled.append(p.actual().token());
        }
        int offset = spelled.length() - baselineAnswer.length();
        if (offset < 0 || !spelled.substring(offset).equals(baselineAnswer)
                || !spelled.substring(0, offset).isBlank()) {
            return OptionalInt.empty();
        }
        int common = commonPrefix(baselineAnswer, armAnswer);
        int end = -offset;
        for (int i = 0; i < baselineForced.positions().size(); i++) {
            end += baselineForced.positions().get(i).actual().token().length();
            if (end > common) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.of(baselineForced.positions().size());
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
