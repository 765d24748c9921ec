package dev.longhaul.session;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.script.ScriptedTurn;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LongSession} whose turns its caller plays, one at a time, from {@link LongSession#start()}: each turn is
 * asked, scored, recorded and heard by the listeners exactly as in {@link LongSession#run()}, and {@link #finish()}
 * returns the same report. Besides playing a turn on its own history ({@link #play(ScriptedTurn)}), it can answer a
 * conversation given by the caller ({@link #playAside}) — recorded and scored, but kept out of its history — which
 * is how several sessions answer one shared conversation turn by turn.
 *
 * <pre>{@code
 * try (SteppedSession lead = LongSession.builder()...build().start();
 *      SteppedSession other = LongSession.builder()...build().start()) {
 *     for (ScriptedTurn turn : lead.plan()) {
 *         ChatRequest request = lead.request(turn);
 *         lead.play(turn);
 *         other.playAside(turn, request, ExtraTurnMetrics.NONE);
 *     }
 *     SessionReport a = lead.finish(), b = other.finish();
 * }
 * }</pre>
 *
 * <p>A stepped session started with a checkpoint journals every turn it plays; one started from a checkpoint
 * ({@link SessionBuilder#resume}) restores a journalled turn when it is played (on its own history or aside, as the
 * caller plays it again) instead of asking the backend, so that sessions in lockstep resume turn by turn.
 *
 * <p>It is public for two callers outside this package: the experiment module's shared-history driver, which plays
 * an A/B study's arms in lockstep on the baseline's conversation, and the engine benchmark, which plays one turn per
 * invocation. A run of its own needs only {@link LongSession#run()}.
 *
 * <p>Not thread-safe: play a session's turns from one thread at a time; its listeners are called on that thread.
 */
public final class SteppedSession implements AutoCloseable {

    private final LongSession session;
    private final Backend backend;
    private final boolean ownsBackend;
    private final RunConfig config;
    private final Instant started;
    private final RunState state;
    private final List<ScriptedTurn> plan;
    private final Checkpoint checkpoint;
    /** Turns journalled by the interrupted run this one resumes, by number, until they are played. */
    private final Map<Integer, CheckpointRecord> journalled = new HashMap<>();
    private String stoppedEarly;
    private SessionReport report;

    SteppedSession(LongSession session, Backend backend, boolean ownsBackend, RunConfig config, Instant started,
                   RunState state, List<ScriptedTurn> plan, Checkpoint checkpoint, List<CheckpointRecord> resumed) {
        this.session = session;
        this.backend = backend;
        this.ownsBackend = ownsBackend;
        this.config = config;
        this.started = started;
        this.state = state;
        this.plan = List.copyOf(plan);
        this.checkpoint = checkpoint;
        resumed.forEach(r -> journalled.put(r.turn(), r));
    }

    /** @return the run's config as it will be reported (without {@code stopped_early}) */
    public RunConfig config() {
        return config;
    }

    /** @return the backend the turns are asked of */
    public Backend backend() {
        return backend;
    }

    /** @return every turn of the run, in order */
    public List<ScriptedTurn> plan() {
        return plan;
    }

    /**
     * @param turn a turn of the plan
     * @return what {@link #play(ScriptedTurn)} would send for it now: this session's history window and the prompt
     */
    public ChatRequest request(ScriptedTurn turn) {
        return new ChatRequest(state.history.withPrompt(turn.prompt()));
    }

    /**
     * Plays a turn on this session's own history, as {@link LongSession#run()} does; a turn the resumed checkpoint
     * holds is restored from it, not asked again (listeners do not hear restored turns).
     *
     * @param turn a turn of {@link #plan()}, normally the next one (nothing checks the order)
     * @return its event (a restored turn's with zero elapsed and remaining time), or empty when an interrupt cut it
     *         short (the session has then stopped)
     * @throws IllegalStateException when the session has stopped or finished
     */
    public Optional<TurnEvent> play(ScriptedTurn turn) {
        return play(turn, request(turn), true, ExtraTurnMetrics.NONE);
    }

    /**
     * Answers a conversation given by the caller (e.g. another session's {@link #request}) for this turn: the answer
     * is scored, given {@code extras} and recorded, but does not enter this session's history. A turn the resumed
     * checkpoint holds is restored from it instead.
     *
     * @param turn    the turn (its number, phase and prompt are reported)
     * @param request the conversation to answer
     * @param extras  further metrics of the answer
     * @return its event, or empty when an interrupt cut it short (the session has then stopped)
     * @throws IllegalStateException when the session has stopped or finished
     */
    public Optional<TurnEvent> playAside(ScriptedTurn turn, ChatRequest request, ExtraTurnMetrics extras) {
        return play(turn, Objects.requireNonNull(request, "request"), false, Objects.requireNonNull(extras, "extras"));
    }

    private Optional<TurnEvent> play(ScriptedTurn turn, ChatRequest request, boolean keepInHistory,
                                     ExtraTurnMetrics extras) {
        if (stoppedEarly != null || report != null) {
            throw new IllegalStateException("turn " + turn.turn() + ": the session has "
                    + (report != null ? "finished" : "stopped (" + stoppedEarly + ")"));
        }
        CheckpointRecord restored = journalled.remove(turn.turn());
        if (restored != null) {
            state.restore(restored, keepInHistory);
            stoppedEarly = session.stopReason(state);
            return Optional.of(session.restoredEvent(restored));
        }
        TurnEvent event = session.playTurn(backend, state, checkpoint, started, turn, request, keepInHistory, extras);
        if (event == null) {
            stoppedEarly = "interrupted during turn " + turn.turn();
            return Optional.empty();
        }
        stoppedEarly = session.stopReason(state);
        return Optional.of(event);
    }

    /**
     * Waits the session's delay between turns (not after the last turn of the plan).
     *
     * @param turn the turn just played
     */
    public void pauseAfter(ScriptedTurn turn) {
        session.pauseAfter(turn, plan.size());
    }

    /**
     * Stops the session early; its report will say why in {@code config.stopped_early}, and playing a turn after
     * this throws {@link IllegalStateException}. A session already stopped keeps its first reason.
     *
     * @param reason why, e.g. "the baseline stopped: 5 consecutive failed turns"
     */
    public void stop(String reason) {
        if (stoppedEarly == null) {
            stoppedEarly = Objects.requireNonNull(reason, "reason");
        }
    }

    /** @return why the session stopped early (too many failed turns in a row, an interrupt, {@link #stop}), if it did */
    public Optional<String> stoppedEarly() {
        return Optional.ofNullable(stoppedEarly);
    }

    /**
     * Detects degradation, summarises and tells the listeners, as at the end of {@link LongSession#run()}; the same
     * report on later calls.
     *
     * @return the report of the turns played
     */
    public SessionReport finish() {
        if (report == null) {
            report = session.report(stoppedEarly == null ? config : config.withStoppedEarly(stoppedEarly), state);
        }
        return report;
    }

    /** @param turn a turn of the plan
     *  @return whether playing it will restore it from the resumed checkpoint rather than ask the backend */
    public boolean journalled(ScriptedTurn turn) {
        return journalled.containsKey(turn.turn());
    }

    /** Closes the checkpoint, and the backend when the session created it. */
    @Override
    public void close() {
        try {
            if (checkpoint != null) {
                checkpoint.close();
            }
        } finally {
            if (ownsBackend) {
                backend.close();
            }
        }
    }
}
