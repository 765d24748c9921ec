package dev.longhaul.experiment;

import dev.longhaul.analysis.fidelity.TokenFidelity;
import dev.longhaul.files.AtomicFile;
import dev.longhaul.report.PythonJsonWriter;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.JournalState;
import dev.longhaul.session.TurnEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * An A/B study from start to end: plays a {@link StudyPlan} on {@link AbExperiment} in the plan's
 * {@link StudyDirectory} — every run journalled and its report saved there, token fidelity measured as a
 * {@link SharedTurnObserver} in shared history — keeps the {@link StudyClock}, and writes the
 * {@link ComparisonDocument} to {@value StudyFiles#COMPARISON} (also after an interrupt, with what was finished).
 *
 * <p>What a command line adds stays with it: how arms get their backends (e.g. a managed llama-server, whose
 * {@link ArmLauncher} lives in the CLI, since this module knows no concrete backend), what is printed, and the exit
 * code it makes of the {@link StudyOutcome}.
 */
public final class Study {

    private final StudyPlan plan;
    private final StudyClock clock;
    private final Tracking tracking = new Tracking();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AbExperiment experiment;

    /**
     * Checks the plan as the engine will play it, so that a plan it cannot play is refused here, before anything
     * runs.
     *
     * @param plan what to measure and where
     * @throws IllegalArgumentException when an arm is listed twice, or the repeats or parallel runs are out of range
     * @throws IllegalStateException    with fewer than two arms (one suffices with a noise floor), or parallel runs
     *                                  with shared history
     */
    public Study(StudyPlan plan) {
        this(plan, System::nanoTime);
    }

    Study(StudyPlan plan, LongSupplier nanoTime) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.clock = new StudyClock((long) plan.runsPerRepeat() * plan.repeats(), plan.turns(), nanoTime);
        AbExperiment.Builder builder = AbExperiment.builder()
                .seed(plan.seed()).repeats(plan.repeats()).sharedHistory(plan.sharedHistory())
                .noiseFloor(plan.noiseFloor()).parallel(plan.parallel())
                .session(session -> {
                    plan.session().accept(session);
                    session.turns(plan.turns());
                })
                .listener(tracking)
                .journal(plan.directory());
        plan.arms().forEach(builder::arm);
        if (plan.measuresTokenFidelity()) {
            TokenFidelity fidelity = new TokenFidelity(plan.fidelityTopK(), plan.greedy());
            builder.observer(t -> fidelity.measure(t.request(), t.baselineBackend(), t.baselineAnswer(),
                    t.armBackend(), t.armAnswer()));
        }
        this.experiment = builder.build();
    }

    /** @return the study's clock: the turns to play and the estimated time left, fed as the study plays */
    public StudyClock clock() {
        return clock;
    }

    /**
     * Plays every run the directory does not hold yet, then writes {@value StudyFiles#COMPARISON}.
     *
     * @param listener hears every run, and the comparison document before it is written; with
     *                 {@link StudyPlan#parallel()} above 1, from the runs' threads (one turn at a time: the
     *                 {@link StudyClock} counts the turn and the listener hears it at once)
     * @return how the study ended; an interrupt ends it too ({@link StudyOutcome.Kind#INTERRUPTED})
     * @throws StudyConflictException when the directory holds what this study must not replace, or the study resumed
     *                                was started with other settings
     * @throws IOException            when {@value StudyFiles#COMPARISON} cannot be written
     * @throws IllegalStateException   when this study has run already, whether it finished or failed (a new Study on
     *                                {@link StudyDirectory#resume} goes on from what the first one journalled)
     * @throws Exception              what an arm's launcher throws, or a
     *                                {@link dev.longhaul.backend.BackendException} when a backend cannot be created
     */
    public StudyOutcome run(StudyListener listener) throws Exception {
        Objects.requireNonNull(listener, "listener");
        if (!started.compareAndSet(false, true)) {
            // finished or failed, the first run fed the clock; to go on after a failure, resume the study's
            // directory in a new Study
            throw new IllegalStateException("this study has run already; a Study plays its plan once");
        }
        tracking.listener = listener;
        ExperimentResult result;
        String interruption = null;
        try {
            result = experiment.run();
        } catch (ExperimentInterruptedException e) {
            result = e.finished();
            interruption = e.getMessage();
        }
        ComparisonDocument document = ComparisonDocument.of(result, tracking.reported(), plan.repeats(),
                plan.noiseFloor(), interruption == null);
        listener.onComparison(document);
        Path file = plan.directory().files().comparison();
        Object tree = document.toMap();
        String json = plan.directory().writesStrictJson() ? PythonJsonWriter.writeStrict(tree)
                : PythonJsonWriter.write(tree);
        AtomicFile.write(file, json + "\n", StandardCharsets.UTF_8);
        return new StudyOutcome(result, document, file, interruption);
    }

    /** Feeds the clock, notes which runs have reports in the directory, and passes every call on. */
    private final class Tracking implements ExperimentListener {

        private volatile StudyListener listener;
        private final List<ArmRun> reported = Collections.synchronizedList(new ArrayList<>());
        /**
         * Held while a turn is counted and heard, and while a run's restored turns are taken off the clock, so that
         * what a listener reads from the clock in its onTurn is its own turn's count and estimate. Private, so that a
         * listener with a lock of its own that reads the clock elsewhere cannot take the two in the other order (the
         * clock's own monitor is never held while a listener runs).
         */
        private final Object turnLock = new Object();

        /** @return the runs whose reports are in the study directory */
        List<ArmRun> reported() {
            return List.copyOf(reported);
        }

        @Override
        public void onRunStart(ArmRun run) {
            if (plan.directory().resuming()) {
                // a run resuming from its journal plays only the turns it did not journal
                JournalState.of(plan.directory().files().journal(run)).ifPresent(journal -> {
                    synchronized (turnLock) {
                        clock.resumedRun(journal.turnsJournalled());
                    }
                });
            }
            listener.onRunStart(run);
        }

        @Override
        public void onTurn(ArmRun run, TurnEvent event) {
            synchronized (turnLock) {
                clock.played();
                listener.onTurn(run, event);
            }
        }

        @Override
        public void onRunFinish(ArmRun run, SessionReport report) {
            listener.onRunFinish(run, report);
        }

        @Override
        public void onRunSaved(ArmRun run, Path file) {
            reported.add(run);
            listener.onRunSaved(run, file);
        }

        @Override
        public void onRunRestored(ArmRun run, SessionReport report, Path file) {
            reported.add(run);
            synchronized (turnLock) {
                clock.restoredRun();
            }
            listener.onRunRestored(run, report, file);
        }
    }
}
