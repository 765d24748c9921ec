package dev.longhaul.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How far the run journalled in a checkpoint came — so that a command about to write a file can tell a journal it
 * must not replace (an unfinished run, still resumable) from one of a run that played every turn.
 *
 * @param file             the checkpoint
 * @param turnsJournalled  turns it holds, answered or failed
 * @param turnsPlanned     turns the run was to play
 * @param savesResponses   whether the run keeps its prompts and answers in its report (its settings'
 *                         {@code save_responses}), which a resumed run goes on doing
 */
public record JournalState(Path file, int turnsJournalled, int turnsPlanned, boolean savesResponses) {

    /**
     * @param file a path that may hold a checkpoint
     * @return its state, or empty when there is no file there or it is not a longhaul checkpoint
     */
    public static Optional<JournalState> of(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Checkpoint.Contents contents = Checkpoint.read(file);
            JsonNode settings = contents.start().path("settings");
            return Optional.of(new JournalState(file, contents.records().size(), settings.path("turns").asInt(),
                    settings.path("save_responses").asBoolean()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return whether the run stopped before its last turn: resuming it would play the rest */
    public boolean unfinished() {
        return turnsJournalled < turnsPlanned;
    }
}
