package dev.longhaul.script;

import java.util.List;
import java.util.Objects;

/**
 * A named stretch of a conversation script, such as {@code code_gen} or {@code debug}, with its prompts in order.
 *
 * @param name    the phase name reported with every turn
 * @param prompts the user prompts of this phase; never empty
 */
public record Phase(String name, List<String> prompts) {

    /** Copies the prompts and rejects an empty or blank phase. */
    public Phase {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a phase needs a name");
        }
        prompts = List.copyOf(Objects.requireNonNull(prompts, "prompts"));
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("phase '" + name + "' has no prompts");
        }
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).isBlank()) {
                throw new IllegalArgumentException("phase '" + name + "' prompt " + (i + 1) + " is blank");
            }
        }
    }
}
