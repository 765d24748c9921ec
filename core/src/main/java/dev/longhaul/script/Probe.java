package dev.longhaul.script;

import java.util.List;
import java.util.Objects;

/**
 * A question for a fact planted earlier ({@link Plant} with the same key), with the answers that count as recalled.
 *
 * <p>An answer is recalled when any of the expected alternatives occurs in the response as {@link AnswerMatch}
 * defines it: case-insensitive, whitespace inside an alternative matching any run of whitespace, and not as part
 * of a longer word.
 *
 * @param key    the planted fact asked for
 * @param expect the alternatives that count as recalled; never empty
 */
public record Probe(String key, List<String> expect) {

    /**
     * Copies the alternatives; rejects a blank key, no alternatives or a blank one.
     *
     * @param key    the planted fact asked for
     * @param expect the alternatives that count as recalled; never empty
     */
    public Probe {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a probe needs a key");
        }
        expect = List.copyOf(Objects.requireNonNull(expect, "expect"));
        if (expect.isEmpty()) {
            throw new IllegalArgumentException("probe '" + key + "' expects no answer");
        }
        for (String alternative : expect) {
            if (alternative.isBlank()) {
                throw new IllegalArgumentException("probe '" + key + "' expects a blank answer");
            }
        }
    }

    /**
     * @param text a response, or any text
     * @return whether any expected alternative occurs in it
     */
    public boolean isAnsweredBy(String text) {
        return expect.stream().anyMatch(alternative -> AnswerMatch.occursIn(text, alternative));
    }
}
