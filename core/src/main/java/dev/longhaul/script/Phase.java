package dev.longhaul.script;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A named stretch of a conversation script, such as {@code code_gen} or {@code debug}, with its prompts in order
 * and, for each prompt, what else that turn does ({@link TurnMarks}: plant or probe a fact, stay out of
 * the quality figures).
 *
 * @param name    the phase name reported with every turn
 * @param prompts the user prompts of this phase; never empty
 * @param marks   one entry per prompt, {@link TurnMarks#NONE} for an ordinary turn
 */
public record Phase(String name, List<String> prompts, List<TurnMarks> marks) {

    /**
     * Copies the lists and rejects an empty or blank phase, or marks that do not match the prompts one to one.
     *
     * @param name    the phase name reported with every turn
     * @param prompts the user prompts of this phase; never empty
     * @param marks   one entry per prompt, {@link TurnMarks#NONE} for an ordinary turn
     */
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
        marks = List.copyOf(Objects.requireNonNull(marks, "marks"));
        if (marks.size() != prompts.size()) {
            throw new IllegalArgumentException("phase '" + name + "' has " + marks.size() + " marks for "
                    + prompts.size() + " prompts");
        }
    }

    /**
     * A phase of ordinary turns.
     *
     * @param name    the phase name
     * @param prompts the prompts; never empty
     */
    public Phase(String name, List<String> prompts) {
        this(name, prompts, unmarked(prompts));
    }

    private static List<TurnMarks> unmarked(List<String> prompts) {
        return new ArrayList<>(Collections.nCopies(Objects.requireNonNull(prompts, "prompts").size(), TurnMarks.NONE));
    }
}
