package dev.longhaul.samples.scorer;

import java.util.Objects;

/**
 * One fenced code block of a Markdown answer.
 *
 * @param language the first word of the fence's info string, lower-cased ({@code python}), or empty when none
 * @param code     the lines between the fences, without the fence's own indentation
 * @param closed   whether a closing fence ends the block; an unclosed block runs to the end of the answer
 */
public record FencedBlock(String language, String code, boolean closed) {

    /**
     * Rejects nulls.
     *
     * @param language the first word of the fence's info string, lower-cased ({@code python}), or empty when none
     * @param code     the lines between the fences, without the fence's own indentation
     * @param closed   whether a closing fence ends the block; an unclosed block runs to the end of the answer
     */
    public FencedBlock {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(code, "code");
    }
}
