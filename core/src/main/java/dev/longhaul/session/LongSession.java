package dev.longhaul.session;

import dev.longhaul.analysis.DegradationDetector;
import dev.longhaul.analysis.Summaries;
import dev.longhaul.analysis.pressure.PressuredAlerts;
import dev.longhaul.analysis.pressure.TrainedContext;
import dev.longhaul.analysis.pressure.TurnContext;
import dev.longhaul.analysis.probes.ProbeScorer;
import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.TurnInput;
import dev.longhaul.scoring.TurnScore;
import dev.longhaul.script.Script;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.text.OneLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long scripted conversation against one backend: plays the script turn by turn with a sliding history window,
 * scores every answer, records failed turns as failures (never as answers), detects degradation and returns the
 * report. Create one with {@link #builder()}; a session runs once.
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
    private final List<TurnListener> listeners;
    private final Script script;
    private final DegradationDetector detector;
    private final int maxConsecutiveFailures;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String configuredKvType;
    private final Path checkpointFile;
    private final Checkpoint.Contents resumed;
    /** The context window in tokens once the run's config is known (null when unknown): each turn is measured against it. */
    private Integer contextSize;
    /** The model's trained context once the run's config is known (null when unknown): turns past it are marked. */
    private TrainedContext trainedContext;

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
        this.listeners = List.copyOf(b.listeners);
        this.script = b.script == null ? Script.seed() : b.script;
        this.detector = new DegradationDetector(b.degradationWindow, b.degradationThreshold);
        this.maxConsecutiveFailures = b.maxConsecutiveFailures;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.configuredKvType = b.kvType;
        this.checkpointFile = b.checkpoint;
        this.resumed = b.resumed;
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
     * nor as a failure), so that resuming the checkpoint plays it again.
     *
     * @return the report
     * @throws BackendException when the backend cannot be created from its config
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
                config = runConfig(backend.info(), started);
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
        listeners.forEach(l -> notify(() -> l.onStart(config)));
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
            config = runConfig(backend.info(), started);
            if (checkpointFile != null) {
                checkpoint = create(CheckpointStart.toJson(config, settings(), script, backendConfig));
            }
        }
        measureAgainst(config);
        listeners.forEach(l -> notify(() -> l.onStart(config)));
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
            String tooManyFailures = tooManyFailures(state);
            if (tooManyFailures != null) {
                return tooManyFailures;
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
            TurnMetrics metrics = finite(withExtras(metrics(turn, request, response, state.answered),
                    extras.of(turn, response)));
            state.answered(metrics, turn.prompt(), response.content(), keepInHistory);
            if (checkpoint != null) {
                checkpoint.write(CheckpointRecord.answered(metrics, turn.prompt(), response.content()));
            }
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
                    e.getMessage(), 1, elapsedSince(turnStart), e.response);
            log.warn("turn {}: {}; the answer is kept, the turn is not scored", turn.turn(), failure.message(), e);
            event = failedTurn(state, checkpoint, failure, started, keepInHistory);
        } catch (RuntimeException e) {
            FailedTurn failure = failure(turn, FailureKind.ERROR, OneLine.of(e), 1, turnStart);
            log.warn("turn {} failed with an unexpected error", turn.turn(), e);
            event = failedTurn(state, checkpoint, failure, started, keepInHistory);
        }
        TurnEvent done = event;
        listeners.forEach(l -> notify(() -> l.onTurn(done)));
        return done;
    }

    /** Why the run must stop after too many failed turns in a row, or null. */
    String tooManyFailures(RunState state) {
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

    /**
     * The metrics without figures that are not finite numbers (a backend's tokens per second over no time, a
     * measure that failed): a report holds only usable numbers, and reading one back refuses NaN and infinities.
     */
    private static TurnMetrics finite(TurnMetrics metrics) {
        if (metrics.values().values().stream().allMatch(LongSession::usable)) {
            return metrics;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        metrics.values().forEach((key, value) -> {
            if (usable(value)) {
                values.put(key, value);
            } else {
                log.debug("turn {}: {} = {} is not a finite number; left out", metrics.turn(), key, value);
            }
        });
        return new TurnMetrics(metrics.turn(), metrics.phase(), values);
    }

    private static boolean usable(Object value) {
        return !(value instanceof Double d && !Double.isFinite(d)) && !(value instanceof Float f && !Float.isFinite(f));
    }

    private static TurnMetrics withExtras(TurnMetrics metrics, Map<String, Object> extras) {
        if (extras.isEmpty()) {
            return metrics;
        }
        Map<String, Object> values = new LinkedHashMap<>(metrics.values());
        extras.forEach(values::putIfAbsent);
        return new TurnMetrics(metrics.turn(), metrics.phase(), values);
    }

    private TurnEvent failedTurn(RunState state, Checkpoint checkpoint, FailedTurn failure, Instant started,
                                 boolean keepInHistory) {
        state.failed(failure, keepInHistory);
        if (checkpoint != null) {
            checkpoint.write(CheckpointRecord.failed(failure));
        }
        return new TurnEvent(failure.turn(), turns, failure.phase(), failure.prompt(), failure.response(), null, failure,
                Duration.between(started, clock.instant()), remaining(started, failure.turn()));
    }

    /** Detects degradation and summarises over the turns not excluded from the quality figures. */
    SessionReport report(RunConfig config, RunState state) {
        List<TurnMetrics> measured = state.answered.stream().filter(t -> !t.excludedFromQuality()).toList();
        List<DegradationAlert> alerts = PressuredAlerts.mark(detector.detect(measured), measured, state.answered,
                detector.window());
        Summary summary = Summaries.of(measured, alerts, state.failed.size());
        SessionReport report = new SessionReport(config, state.answered, alerts, summary, state.responses, state.failed);
        listeners.forEach(l -> notify(() -> l.onFinish(report)));
        return report;
    }

    private Checkpoint create(com.fasterxml.jackson.databind.node.ObjectNode start) {
        try {
            return Checkpoint.create(checkpointFile, start);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("checkpoint " + checkpointFile + ": cannot be created (" + e.getMessage() + ")", e);
        }
    }

    private Checkpoint reopen(long validLength) {
        try {
            return Checkpoint.reopen(checkpointFile, validLength);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("checkpoint " + checkpointFile + ": cannot be reopened (" + e.getMessage() + ")", e);
        }
    }

    private RunConfig runConfig(BackendInfo info, Instant started) {
        String kvLabel = configuredKvType != null ? configuredKvType
                : backendConfig != null ? backendConfig.kvType() : "f16";
        String kvType = info.kvType() != null ? info.kvType() : kvLabel;
        String model = backendConfig != null && backendConfig.model().isPresent() ? backendConfig.model().get()
                : info.model() != null ? info.model() : "default";
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(RunConfig.KV_TYPE_APPLIED, info.kvType() != null);
        if (backendConfig != null) {
            backendConfig.baseUrl().ifPresent(u -> extra.put("url", u.toString()));
            backendConfig.seed().ifPresent(s -> extra.put(RunConfig.SAMPLING_SEED, s));
            backendConfig.temperature().ifPresent(t -> extra.put(RunConfig.TEMPERATURE, t));
            backendConfig.maxTokens().ifPresent(t -> extra.put("max_tokens", t));
            extra.put("timeout_s", backendConfig.timeout().toMillis() / 1000.0);
        }
        Integer contextWindow = info.contextSize() != null ? info.contextSize()
                : backendConfig != null ? backendConfig.contextSize().orElse(null) : null;
        if (contextWindow != null) {
            extra.put(RunConfig.CONTEXT_SIZE, contextWindow);
        }
        if (info.trainedContextSize() != null) {
            extra.put(RunConfig.CONTEXT_TRAIN, info.trainedContextSize());
        }
        if (historySlide > 1) {
            extra.put("history_slide", historySlide); // not the seed's window: said in every report
        }
        extra.put("delay_s", delay.toMillis() / 1000.0);
        extra.put(RunConfig.SCRIPT, script.name());
        extra.put("scorer", scorer.name());
        extra.put("degradation_window", detector.window());
        extra.put("degradation_threshold", detector.threshold());
        if (!info.facts().isEmpty()) {
            extra.put(RunConfig.BACKEND_INFO, info.facts());
        }
        return new RunConfig(backendLabel, model, kvType, turns, historyWindow, PythonTimestamps.isoFormat(started), extra);
    }

    /** Takes the context window and the trained context the run's config records (also a resumed run's). */
    private void measureAgainst(RunConfig config) {
        contextSize = config.contextSize().orElse(null);
        Integer trained = config.trainedContextSize().orElse(null);
        trainedContext = trained == null ? null : new TrainedContext(trained);
        if (trained != null && contextSize != null && contextSize > trained) {
            log.warn("the context window ({} tokens) is larger than the model's trained context ({} tokens): turns "
                    + "past {} tokens are extrapolation and are marked past_trained_context", contextSize, trained,
                    trained);
        }
    }

    /**
     * The scorer's metrics, then the backend's stats under the seed's keys and further ones, then the prompt against
     * the context window (when its size is known) and the turn's plant and probe.
     */
    private TurnMetrics metrics(ScriptedTurn turn, ChatRequest request, ChatResponse response,
                                List<TurnMetrics> earlier) {
        TurnScore score = score(turn, response.content());
        Map<String, Object> values = new LinkedHashMap<>(score.metrics());
        var stats = response.stats();
        values.put(MetricKey.ELAPSED_S.name(), PythonFormat.round(seconds(stats.elapsed()), 2));
        values.put(MetricKey.TOKENS_GENERATED.name(), stats.completionTokens() == null ? 0 : stats.completionTokens());
        if (stats.tokensPerSecond() != null) {
            values.put(MetricKey.TOKENS_PER_S.name(), PythonFormat.round(stats.tokensPerSecond(), 1));
        }
        if (stats.promptTokens() != null) {
            values.put(MetricKey.PROMPT_EVAL_COUNT.name(), stats.promptTokens());
        }
        if (stats.cachedPromptTokens() != null) {
            values.put(MetricKey.CACHED_PROMPT_TOKENS.name(), stats.cachedPromptTokens());
        }
        if (stats.timeToFirstToken() != null) {
            values.put(MetricKey.TTFT_S.name(), PythonFormat.round(seconds(stats.timeToFirstToken()), 3));
        }
        if (response.finishReason() != null) {
            values.put(MetricKey.FINISH_REASON.name(), response.finishReason());
        }
        response.extra().forEach(values::putIfAbsent);
        if (contextSize != null) {
            int promptChars = request.messages().stream().mapToInt(m -> m.content().length()).sum();
            new TurnContext(promptChars, stats.promptTokens(), stats.completionTokens(), contextSize)
                    .values(earlier).forEach(values::putIfAbsent);
        }
        if (trainedContext != null) {
            trainedContext.values(stats.promptTokens(), stats.completionTokens()).forEach(values::putIfAbsent);
        }
        ProbeScorer.score(turn, request.messages(), response.content(), earlier).forEach(values::putIfAbsent);
        return new TurnMetrics(turn.turn(), turn.phase(), values);
    }

    /** The scorer's score of an answer; its exception, or metrics without a quality score, are a ScorerFailure. */
    private TurnScore score(ScriptedTurn turn, String answer) {
        try {
            TurnScore score = scorer.score(new TurnInput(turn.turn(), turn.phase(), turn.prompt(), answer));
            if (score == null) {
                throw new IllegalStateException("it returned no score");
            }
            return score;
        } catch (RuntimeException e) {
            throw new ScorerFailure("scorer " + scorer.name() + " failed: " + OneLine.of(e), answer, e);
        }
    }

    /** A scorer that failed on an answer the backend gave: the turn keeps the answer, without a score. */
    private static final class ScorerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient String response;

        ScorerFailure(String message, String response, RuntimeException cause) {
            super(message, cause);
            this.response = response;
        }
    }

    private FailedTurn failure(ScriptedTurn turn, FailureKind kind, String message, int attempts, Instant turnStart) {
        return new FailedTurn(turn.turn(), turn.phase(), turn.prompt(), kind, message, attempts,
                elapsedSince(turnStart));
    }

    private double elapsedSince(Instant turnStart) {
        return PythonFormat.round(seconds(Duration.between(turnStart, clock.instant())), 2);
    }

    private TurnEvent event(ScriptedTurn turn, String response, TurnMetrics metrics, FailedTurn failure, Instant started) {
        return new TurnEvent(turn.turn(), turns, turn.phase(), turn.prompt(), response, metrics, failure,
                Duration.between(started, clock.instant()), remaining(started, turn.turn()));
    }

    /** A linear estimate from this run's pace (turns restored from a checkpoint took no time here). */
    private Duration remaining(Instant started, int turn) {
        int playedHere = Math.max(1, turn - (resumed == null ? 0 : resumed.records().size()));
        return Duration.between(started, clock.instant()).multipliedBy(turns - turn).dividedBy(playedHere);
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("a turn listener failed; the run goes on", e);
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
