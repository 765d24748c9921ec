package dev.longhaul.experiment;

import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.report.SessionReport;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.session.ExtraTurnMetrics;
import dev.longhaul.session.SteppedSession;
import dev.longhaul.session.TurnEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One repeat in shared-history mode: all runs open at once and play turn by turn — the baseline from its own
 * history, then every other run answering the baseline's request, kept out of any history.
 */
final class SharedHistoryRepeat {

    private static final Logger log = LoggerFactory.getLogger(SharedHistoryRepeat.class);

    private final AbExperiment experiment;
    private final List<ArmRun> runs;
    private final List<LaunchedArm> launched = new ArrayList<>();
    private final List<SteppedSession> sessions = new ArrayList<>();

    SharedHistoryRepeat(AbExperiment experiment, List<ArmRun> runs) {
        this.experiment = experiment;
        this.runs = runs;
    }

    /** @return the runs' reports, in the order of the runs */
    List<SessionReport> play() throws Exception {
        if (runs.stream().allMatch(experiment::finishedEarlier)) {
            List<SessionReport> reports = new ArrayList<>();
            for (ArmRun run : runs) {
                reports.add(experiment.restored(run));
            }
            return reports;
        }
        // Otherwise every run plays again from its journal: turns journalled are restored, not asked again, so the
        // baseline's journal gives the arms their conversation up to where it stopped.
        try {
            for (ArmRun run : runs) {
                experiment.starting(run);
                LaunchedArm arm = experiment.arms.get(run.arm()).launcher().launch(run);
                launched.add(arm);
                sessions.add(experiment.sessionFor(run, arm).build().start());
            }
            playTurns();
            List<SessionReport> reports = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                reports.add(experiment.finished(runs.get(i), launched.get(i), sessions.get(i).finish()));
            }
            return reports;
        } finally {
            sessions.forEach(SteppedSession::close);
            launched.forEach(LaunchedArm::close);
        }
    }

    private void playTurns() {
        SteppedSession baseline = sessions.get(0);
        for (ScriptedTurn turn : baseline.plan()) {
            if (Thread.currentThread().isInterrupted()) {
                stopAll("interrupted before turn " + turn.turn());
                return;
            }
            ChatRequest request = baseline.request(turn);
            Optional<TurnEvent> lead = baseline.play(turn);
            if (lead.isEmpty()) {
                stopAll("interrupted during turn " + turn.turn());
                return;
            }
            for (int i = 1; i < sessions.size(); i++) {
                SteppedSession arm = sessions.get(i);
                if (arm.stoppedEarly().isPresent()) {
                    continue;
                }
                if (arm.playAside(turn, request, measures(lead.get(), request, i)).isEmpty()) {
                    stopAll("interrupted during turn " + turn.turn());
                    return;
                }
            }
            Optional<String> baselineStopped = baseline.stoppedEarly();
            if (baselineStopped.isPresent()) {
                stopAll("the baseline stopped: " + baselineStopped.get());
                return;
            }
            baseline.pauseAfter(turn);
        }
    }

    /** The observers' figures for run {@code i}'s answer, when the baseline answered this turn too. */
    private ExtraTurnMetrics measures(TurnEvent lead, ChatRequest request, int i) {
        if (experiment.observers.isEmpty() || !lead.succeeded()) {
            return ExtraTurnMetrics.NONE;
        }
        return (turn, response) -> {
            SharedTurn shared = new SharedTurn(turn.turn(), turn.phase(), request, runs.get(0).label(),
                    sessions.get(0).backend(), lead.response(), runs.get(i), sessions.get(i).backend(),
                    response.content());
            Map<String, Object> figures = new LinkedHashMap<>();
            for (SharedTurnObserver observer : experiment.observers) {
                try {
                    observer.observe(shared).forEach(figures::putIfAbsent);
                } catch (BackendException | RuntimeException e) {
                    log.warn("measuring turn {} of {} against the baseline failed: {}", turn.turn(),
                            runs.get(i).tag(), e.getMessage());
                }
            }
            return figures;
        };
    }

    private void stopAll(String reason) {
        sessions.forEach(s -> s.stop(reason));
    }
}
