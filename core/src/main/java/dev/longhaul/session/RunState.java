package dev.longhaul.session;

import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.List;

/** What a run has measured so far: answered and failed turns, saved responses, the history window. */
final class RunState {

    final ConversationHistory history;
    final List<TurnMetrics> answered = new ArrayList<>();
    final List<FailedTurn> failed = new ArrayList<>();
    final List<SavedResponse> responses = new ArrayList<>();
    private final boolean saveResponses;
    private int consecutiveFailures;
    private int lastTurn;
    private String journalProblem;

    RunState(int historyWindow, int historySlide, boolean saveResponses) {
        this.history = new ConversationHistory(historyWindow, historySlide);
        this.saveResponses = saveResponses;
    }

    void answered(TurnMetrics metrics, String prompt, String response) {
        answered(metrics, prompt, response, true);
    }

    /** Records an answer; one given to another session's context ({@code keepInHistory} false) stays out of ours. */
    void answered(TurnMetrics metrics, String prompt, String response, boolean keepInHistory) {
        answered.add(metrics);
        if (saveResponses) {
            responses.add(new SavedResponse(metrics.turn(), metrics.phase(), prompt, response));
        }
        if (keepInHistory) {
            history.addAnsweredTurn(prompt, response);
        }
        consecutiveFailures = 0;
        lastTurn = metrics.turn();
    }

    void failed(FailedTurn failure) {
        failed(failure, true);
    }

    /**
     * Records a turn without a score. One whose scorer failed keeps the backend's answer where answers are kept:
     * with the responses and in the failed turn of the report only when responses are saved, and, unless given to
     * another session's context ({@code keepInHistory} false), in the history, as the conversation went on with it.
     * (The checkpoint journals the whole failure, answer included, so that a resumed run rebuilds that history.)
     */
    void failed(FailedTurn failure, boolean keepInHistory) {
        failed.add(saveResponses ? failure : failure.withoutResponse());
        if (failure.response() != null) {
            if (saveResponses) {
                responses.add(new SavedResponse(failure.turn(), failure.phase(), failure.prompt(), failure.response()));
            }
            if (keepInHistory) {
                history.addAnsweredTurn(failure.prompt(), failure.response());
            }
        }
        consecutiveFailures++;
        lastTurn = failure.turn();
    }

    /** Replays a turn read back from a checkpoint. */
    void restore(CheckpointRecord record) {
        restore(record, true);
    }

    /** Replays a turn read back from a checkpoint; an answer given aside ({@code keepInHistory} false) stays out. */
    void restore(CheckpointRecord record, boolean keepInHistory) {
        if (record.answered()) {
            answered(record.metrics(), record.prompt(), record.response(), keepInHistory);
        } else {
            failed(record.failure(), keepInHistory);
        }
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The last turn played, 0 before the first. */
    int lastTurn() {
        return lastTurn;
    }

    int turnsDone() {
        return answered.size() + failed.size();
    }

    FailedTurn lastFailure() {
        return failed.get(failed.size() - 1);
    }

    /** Notes that the journal could not be written; the first problem is the one kept. */
    void journalFailed(String problem) {
        if (journalProblem == null) {
            journalProblem = problem;
        }
    }

    /** @return why the journal could not be written, or null while it could */
    String journalProblem() {
        return journalProblem;
    }
}
