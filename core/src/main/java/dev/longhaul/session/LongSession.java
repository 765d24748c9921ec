package dev.longhaul.session;

import dev.longhaul.analysis.DegradationDetector;
import dev.longhaul.analysis.Summaries;
import dev.longhaul.analysis.pressure.PressuredAlerts;
import dev.longhaul.analysis.pressure.TrainedContext;
import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.script.Script;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.text.OneLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long scripted conversation against one backend: plays the script turn by turn with a sliding history window,
 * scores every answer, records failed turns as failures (never as answers), detects degradation and returns the
 * report. Create one with {@link #builder()}. A session is meant to be played once, by {@link #run()} or
 * {@link #start()}; a second call is not refused.
 */
public final class LongSession {

    private static final Logger log = LoggerFactory.getLogger(LongSession.class);

    private final BackendConfig backendConfig;
    private final Backend suppliedBackend;
    private final String backendLabel;
    private final Backends backends;
    private final int turns;
    private final int historyWindow;
    private final int historySlide;
    private final Duration delay;
    private final boolean saveResponses;
    private final Scorer scorer;
    private final IsolatedListeners listeners;
    private final Script script;
    private final DegradationDetector detector;
    private final int maxConsecutiveFailures;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String configuredKvType;
    private final Path checkpointFile;
    private final CheckpointOpener checkpointOpener;
    private final Checkpoint.Contents resumed;
    private final RemainingTime remaining;
    /** Makes each turn's metrics once the run's config (its context window, trained context) is known. */
    private TurnMetricsAssembly metricAssembly;

    LongSession(SessionBuilder b) {
        if (b.backendConfig != null) {
            BackendConfig.Builder cfg = b.backendConfig.build().newBuilder();
            if (b.kvType != null) {
                cfg.kvType(b.kvType);
            }
            if (b.timeout != null) {
                cfg.timeout(b.timeout);
            }
            this.backendConfig = cfg.build();
            this.backendLabel = backendConfig.provider();
        } else {
            this.backendConfig = null;
            this.backendLabel = b.backendLabel;
        }
        this.suppliedBackend = b.backend;
        this.backends = b.backends;
        this.turns = b.turns;
        this.historyWindow = b.historyWindow;
        this.historySlide = b.historySlide;
        this.delay = b.delay;
        this.saveResponses = b.saveResponses;
        this.scorer = b.scorer;
        this.listeners = new IsolatedListeners(b.listeners);
        this.script = b.script == null ? Script.seed() : b.script;
        this.detector = new DegradationDetector(b.degradationWindow, b.degradationThreshold);
        this.maxConsecutiveFailures = b.maxConsecutiveFailures;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.configuredKvType = b.kvType;
        this.checkpointFile = b.checkpoint;
        this.checkpointOpener = b.checkpointOpener;
        this.resumed = b.resumed;
        this.remaining = new RemainingTime(clock, turns, resumed == null ? 0 : resumed.records().size());
    }

    /** The settings a checkpoint keeps so that a resumed run continues as the interrupted one would have. */
    record Settings(int turns, int historyWindow, int historySlide, Duration delay, boolean saveResponses,
                    int degradationWindow, double degradationThreshold, int maxConsecutiveFailures,
                    String scorerName) {
    }

    private Settings settings() {
        return new Settings(turns, historyWindow, historySlide, delay, saveResponses, detector.window(),
                detector.threshold(), maxConsecutiveFailures, scorer.name());
    }

    /** @return a builder with the seed's defaults */
    public static SessionBuilder builder() {
        return new SessionBuilder();
    }

    /**
     * Plays every turn and returns the report. Failed turns are recorded, not thrown; the run stops early (keeping
     * what it has) after too many consecutive failures or when the thread is interrupted, and says so in the
     * report's {@code config.stopped_early}. A turn cut short by an interrupt is not recorded (neither as an answer
     * nor as a failure), so that resuming the checkpoint plays it again. Blocks the calling thread until the run
     * ends; the listeners are called on it.
     *
     * @return the report of the turns played
     * @throws BackendException when the backend cannot be created from its config
     * @throws IllegalArgumentException when no provider on the class path has the config's provider name
     * @throws java.io.UncheckedIOException when the checkpoint file cannot be created or reopened
     */
    public SessionReport run() throws BackendException {
        if (suppliedBackend != null) {
            return play(suppliedBackend);
        }
        Backends registry = backends == null ? Backends.discover() : backends;
        try (Backend backend = registry.create(backendConfig)) {
            return play(backend);
        }
    }

    /**
     * Starts this session for a caller that plays the turns itself, one at a time — e.g. several sessions in
     * lockstep, all answering the same conversation. Creates the backend (unless one was given), builds the run's
     * config and tells the listeners. With {@link SessionBuilder#checkpoint(Path)} every turn played is journalled as
     * in {@link #run()}; with {@link SessionBuilder#resume(Path)} the journalled turns are not asked again: playing
     * one of them restores it from the journal (see {@link SteppedSession#play(ScriptedTurn)}).
     *
     * @return the started session; close it when done
     * @throws BackendException when the backend cannot be created from its config
     * @throws java.io.UncheckedIOException when the checkpoint file cannot be created or reopened
     */
    public SteppedSession start() throws BackendException {
        Backend backend = suppliedBackend != null ? suppliedBackend
                : (backends == null ? Backends.discover() : backends).create(backendConfig);
        Instant started = clock.instant();
        RunConfig config;
        Checkpoint checkpoint = null;
        try {
            if (resumed != null) {
                config = CheckpointStart.runConfig(resumed.start());
                checkpoint = reopen(resumed.validLength());
            } else {
                config = runConfigAssembly().of(backend.info(), started);
                if (checkpointFile != null) {
                    checkpoint = create(CheckpointStart.toJson(config, settings(), script, backendConfig));
                }
            }
        } catch (RuntimeException e) {
            if (suppliedBackend == null) {
                backend.close();
            }
            throw e;
        }
        measureAgainst(config);
        listeners.start(config);
        return new SteppedSession(this, backend, suppliedBackend == null, config, started,
                new RunState(historyWindow, historySlide, saveResponses), script.turns(turns), checkpoint,
                resumed == null ? List.of() : resumed.records());
    }

    /** The event of a turn restored from a checkpoint: what the turn measured, no time spent on it here. */
    TurnEvent restoredEvent(CheckpointRecord record) {
        return new TurnEvent(record.turn(), turns, record.phase(), record.prompt(), record.response(),
                record.metrics(), record.failure(), Duration.ZERO, Duration.ZERO);
    }

    private SessionReport play(Backend backend) {
        Instant started = clock.instant();
        RunState state = new RunState(historyWindow, historySlide, saveResponses);
        RunConfig config;
        Checkpoint checkpoint = null;
        if (resumed != null) {
            config = CheckpointStart.runConfig(resumed.start());
            resumed.records().forEach(state::restore);
            log.info("resuming after turn {} of {} ({} answered, {} failed)", state.lastTurn(), turns,
                    state.answered.size(), state.failed.size());
            checkpoint = reopen(resumed.validLength());
        } else {
            config = runConfigAssembly().of(backend.info(), started);
            if (checkpointFile != null) {
                checkpoint = create(CheckpointStart.toJson(config, settings(), script, backendConfig));
            }
        }
        measureAgainst(config);
        listeners.start(config);
        try {
            String stoppedEarly = playTurns(backend, state, checkpoint, started);
            return report(stoppedEarly == null ? config : config.withStoppedEarly(stoppedEarly), state);
        } finally {
            if (checkpoint != null) {
                checkpoint.close();
            }
        }
    }

    /** Plays the turns not yet done; returns why the run stopped early, or null when it played them all. */
    private String playTurns(Backend backend, RunState state, Checkpoint checkpoint, Instant started) {
        List<ScriptedTurn> plan = script.turns(turns);
        for (ScriptedTurn turn : plan.subList(Math.min(state.lastTurn(), plan.size()), plan.size())) {
            if (Thread.currentThread().isInterrupted()) {
                return "interrupted before turn " + turn.turn();
            }
            TurnEvent event = playTurn(backend, state, checkpoint, started, turn,
                    new ChatRequest(state.history.withPrompt(turn.prompt())), true, ExtraTurnMetrics.NONE);
            if (event == null) {
                return "interrupted during turn " + turn.turn();
            }
            String stop = stopReason(state);
            if (stop != null) {
                return stop;
            }
            pauseAfter(turn, plan.size());
        }
        if (Thread.currentThread().isInterrupted() && state.lastTurn() < plan.size()) {
            return "interrupted after turn " + state.lastTurn();
        }
        return null;
    }

    /**
     * Plays one turn: asks the backend {@code request}, scores the answer (plus {@code extras}), records it — in the
     * history window only when {@code keepInHistory} — or records the failure, and tells the listeners.
     *
     * @return the turn's event, or null when an interrupt cut the turn short (then nothing is recorded)
     */
    TurnEvent playTurn(Backend backend, RunState state, Checkpoint checkpoint, Instant started, ScriptedTurn turn,
                       ChatRequest request, boolean keepInHistory, ExtraTurnMetrics extras) {
        Instant turnStart = clock.instant();
        TurnEvent event;
        try {
            ChatResponse response = backend.chat(request);
            TurnMetrics metrics = metricAssembly.of(turn, request, response, state.answered, extras);
            state.answered(metrics, turn.prompt(), response.content(), keepInHistory);
            journal(checkpoint, state, CheckpointRecord.answered(metrics, turn.prompt(), response.content()));
            event = event(turn, response.content(), metrics, null, started);
        } catch (BackendException e) {
            if (e.kind() == BackendException.Kind.INTERRUPTED) {
                // Cut short by the user, not failed by the backend: recorded nowhere, so that a resumed run
                // asks this turn again instead of keeping it as a failure.
                Thread.currentThread().interrupt();
                log.info("turn {} interrupted; it is not recorded", turn.turn());
                return null;
            }
            FailedTurn failure = failure(turn, FailureKind.of(e.kind()), e.getMessage(), e.attempts(), turnStart);
            log.warn("turn {} failed ({}): {}", turn.turn(), failure.kind().jsonName(), failure.message());
            event = failedTurn(state, checkpoint, failure, started, keepInHistory);
        } catch (ScorerFailure e) {
            FailedTurn failure = new FailedTurn(turn.turn(), turn.phase(), turn.prompt(), FailureKind.SCORER,
                    e.getMessage(), 1, elapsedSince(turnStart), e.response());
            log.warn("turn {}: {}; the answer is kept, the turn is not scored", turn.turn(), failure.message(), e);
            event = failedTurn(state, checkpoint, failure, started, keepInHistory);
        } catch (RuntimeException e) {
            FailedTurn failure = failure(turn, FailureKind.ERROR, OneLine.of(e), 1, turnStart);
            log.warn("turn {} failed with an unexpected error", turn.turn(), e);
            event = failedTurn(state, checkpoint, failure, started, keepInHistory);
        }
        listeners.turn(event);
        return event;
    }

    /**
     * Appends a finished turn to the journal. When the journal cannot be written (a full disk), the turn stays
     * recorded in the run, nothing more is journalled (a journal with a gap would resume wrongly), and the run stops
     * after this turn ({@link #stopReason}), so that its report keeps every turn measured.
     */
    private static void journal(Checkpoint checkpoint, RunState state, CheckpointRecord record) {
        if (checkpoint == null || state.journalProblem() != null) {
            return;
        }
        try {
            checkpoint.write(record);
        } catch (java.io.UncheckedIOException e) {
            log.error("turn {}: {}; the run stops after it, keeping what it measured", record.turn(), e.getMessage());
            state.journalFailed(e.getMessage());
        }
    }

    /** Why the run must stop now — its journal cannot be written, or too many turns failed in a row — or null. */
    String stopReason(RunState state) {
        if (state.journalProblem() != null) {
            return state.journalProblem() + "; the run stopped with what it measured";
        }
        if (state.consecutiveFailures() >= maxConsecutiveFailures) {
            return state.consecutiveFailures() + " consecutive failed turns (last: " + state.lastFailure().message() + ")";
        }
        return null;
    }

    /** Waits the delay between turns, not after the last one; an interrupt ends the wait and stays set. */
    void pauseAfter(ScriptedTurn turn, int planSize) {
        if (turn.turn() < planSize && !delay.isZero()) {
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private TurnEvent failedTurn(RunState state, Checkpoint checkpoint, FailedTurn failure, Instant started,
                                 boolean keepInHistory) {
        state.failed(failure, keepInHistory);
        journal(checkpoint, state, CheckpointRecord.failed(failure));
        return new TurnEvent(failure.turn(), turns, failure.phase(), failure.prompt(), failure.response(), null, failure,
                Duration.between(started, clock.instant()), remaining.after(started, failure.turn()));
    }

    /** Detects degradation and summarises over the turns not excluded from the quality figures. */
    SessionReport report(RunConfig config, RunState state) {
        List<TurnMetrics> measured = state.answered.stream().filter(t -> !t.excludedFromQuality()).toList();
        List<DegradationAlert> alerts = PressuredAlerts.mark(detector.detect(measured), measured, state.answered,
                detector.window());
        Summary summary = Summaries.of(measured, alerts, state.failed.size());
        SessionReport report = new SessionReport(config, state.answered, alerts, summary, state.responses, state.failed);
        listeners.finish(report);
        return report;
    }

    private Checkpoint create(com.fasterxml.jackson.databind.node.ObjectNode start) {
        try {
            return checkpointOpener.create(checkpointFile, start);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("checkpoint " + checkpointFile + ": cannot be created (" + e.getMessage() + ")", e);
        }
    }

    private Checkpoint reopen(long validLength) {
        try {
            return checkpointOpener.reopen(checkpointFile, validLength);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("checkpoint " + checkpointFile + ": cannot be reopened (" + e.getMessage() + ")", e);
        }
    }

    private RunConfigAssembly runConfigAssembly() {
        return new RunConfigAssembly(backendLabel, backendConfig, configuredKvType, turns, historyWindow, historySlide,
                delay, script.name(), scorer.name(), detector);
    }

    /**
     * Measures each turn against the context window and the trained context the run's config records (also a
     * resumed run's).
     */
    private void measureAgainst(RunConfig config) {
        Integer contextSize = config.contextSize().orElse(null);
        Integer trained = config.trainedContextSize().orElse(null);
        TrainedContext trainedContext = trained == null ? null : new TrainedContext(trained);
        metricAssembly = new TurnMetricsAssembly(scorer, contextSize, trainedContext);
        if (trained != null && contextSize != null && contextSize > trained) {
            log.warn("the context window ({} tokens) is larger than the model's trained context ({} tokens): turns "
                    + "past {} tokens are extrapolation and are marked past_trained_context", contextSize, trained,
                    trained);
        }
    }

    private FailedTurn failure(ScriptedTurn turn, FailureKind kind, String message, int attempts, Instant turnStart) {
        return new FailedTurn(turn.turn(), turn.phase(), turn.prompt(), kind, message, attempts,
                elapsedSince(turnStart));
    }

    private double elapsedSince(Instant turnStart) {
        return PythonFormat.round(TurnMetricsAssembly.seconds(Duration.between(turnStart, clock.instant())), 2);
    }

    private TurnEvent event(ScriptedTurn turn, String response, TurnMetrics metrics, FailedTurn failure, Instant started) {
        return new TurnEvent(turn.turn(), turns, turn.phase(), turn.prompt(), response, metrics, failure,
                Duration.between(started, clock.instant()), remaining.after(started, turn.turn()));
    }
}
