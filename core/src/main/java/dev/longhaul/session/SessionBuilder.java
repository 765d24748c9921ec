package dev.longhaul.session;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.Backends;
import dev.longhaul.report.SessionReport;
import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.Scorers;
import dev.longhaul.script.Script;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fluent builder of a {@link LongSession}. Every option of the seed is here with the seed's default; values are
 * checked as they are set, and {@link #build()} checks that a backend was chosen.
 *
 * <pre>{@code
 * SessionReport report = LongSession.builder()
 *         .backend("ollama", cfg -> cfg.baseUrl("http://localhost:11434").model("llama3"))
 *         .kvType("q8_0")
 *         .turns(50).historyWindow(20)
 *         .listener(turn -> log.info("turn {}: {}", turn.turn(), turn.metrics()))
 *         .run();
 * }</pre>
 */
public final class SessionBuilder {

    /** The seed's number of turns. */
    public static final int DEFAULT_TURNS = 50;
    /** The seed's history window in turns. */
    public static final int DEFAULT_HISTORY_WINDOW = 20;
    /**
     * No delay between turns by default: a library caller waits only when it asks to. (The Python seed tool waits
     * {@link #SEED_DELAY}; the command line's {@code run} keeps that.)
     */
    public static final Duration DEFAULT_DELAY = Duration.ZERO;
    /** The Python seed tool's delay between turns, 0.5 s. */
    public static final Duration SEED_DELAY = Duration.ofMillis(500);
    /** The seed's degradation window. */
    public static final int DEFAULT_DEGRADATION_WINDOW = 5;
    /** The seed's degradation threshold. */
    public static final double DEFAULT_DEGRADATION_THRESHOLD = 0.15;
    /** Consecutive failed turns after which a run stops. */
    public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 5;

    BackendConfig.Builder backendConfig;
    Backend backend;
    String backendLabel;
    Backends backends;
    String kvType;
    Duration timeout;
    int turns = DEFAULT_TURNS;
    int historyWindow = DEFAULT_HISTORY_WINDOW;
    int historySlide = 1;
    Duration delay = DEFAULT_DELAY;
    boolean saveResponses;
    Scorer scorer = new HeuristicScorer();
    final List<TurnListener> listeners = new ArrayList<>();
    Script script;
    int degradationWindow = DEFAULT_DEGRADATION_WINDOW;
    double degradationThreshold = DEFAULT_DEGRADATION_THRESHOLD;
    int maxConsecutiveFailures = DEFAULT_MAX_CONSECUTIVE_FAILURES;
    Path checkpoint;
    Checkpoint.Contents resumed;
    String scorerToMatch;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.SYSTEM;
    CheckpointOpener checkpointOpener = CheckpointOpener.FILES;

    SessionBuilder() {
    }

    /**
     * Uses the named backend provider (found with {@link java.util.ServiceLoader}) with default settings. The name
     * is looked up when the session runs: an unknown one fails {@link LongSession#run()} with an
     * {@link IllegalArgumentException} listing the providers found.
     *
     * @param provider the provider name, e.g. {@code ollama}, {@code llama-server}, {@code llamacpp}
     * @return this builder
     */
    public SessionBuilder backend(String provider) {
        return backend(provider, cfg -> { });
    }

    /**
     * Uses the named backend provider, configured by {@code configure}.
     *
     * @param provider  the provider name
     * @param configure sets model, URL, sampling and other backend settings
     * @return this builder
     */
    public SessionBuilder backend(String provider, Consumer<BackendConfig.Builder> configure) {
        BackendConfig.Builder b = BackendConfig.builder(provider);
        configure.accept(b);
        return backend(b.build());
    }

    /**
     * Uses a backend built from this config by its provider.
     *
     * @param config the backend settings
     * @return this builder
     */
    public SessionBuilder backend(BackendConfig config) {
        this.backendConfig = config.newBuilder();
        this.backend = null;
        return this;
    }

    /**
     * Uses a backend instance you created. The session does not close it, and {@link #kvType(String)} and
     * {@link #timeout(Duration)} do not reach it (the KV type is then only the report's label, unless the backend's
     * {@link Backend#info()} says which type it applied).
     *
     * @param backend an open backend, called from the thread that plays the turns
     * @param label   the report's {@code backend} (for example its provider name)
     * @return this builder
     */
    public SessionBuilder backend(Backend backend, String label) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.backendLabel = Objects.requireNonNull(label, "label");
        this.backendConfig = null;
        return this;
    }

    /**
     * Where to look providers up (default: {@link Backends#discover()}).
     *
     * @param backends the registry
     * @return this builder
     */
    public SessionBuilder backends(Backends backends) {
        this.backends = Objects.requireNonNull(backends, "backends");
        return this;
    }

    /**
     * The KV cache type: a label for server backends, the type to apply for the embedded one. Overrides the
     * backend config's value; for a backend given as an instance it is only the report's label.
     *
     * @param kvType e.g. {@code f16}, {@code q8_0}, {@code turbo4}
     * @return this builder
     */
    public SessionBuilder kvType(String kvType) {
        if (kvType == null || kvType.isBlank()) {
            throw new IllegalArgumentException("kv type must not be empty");
        }
        this.kvType = kvType;
        return this;
    }

    /**
     * @param turns how many turns to play, 1 to 100000 (default 50); the script cycles to reach it
     * @return this builder
     */
    public SessionBuilder turns(int turns) {
        if (turns < 1 || turns > 100_000) {
            throw new IllegalArgumentException("turns " + turns + " is out of range [1, 100000]");
        }
        this.turns = turns;
        return this;
    }

    /**
     * @param historyWindow answered turns kept as context, 0 to 10000 (default 20; 0 sends each prompt alone,
     *                      where the seed's {@code history[-0:]} kept the whole conversation)
     * @return this builder
     */
    public SessionBuilder historyWindow(int historyWindow) {
        if (historyWindow < 0 || historyWindow > 10_000) {
            throw new IllegalArgumentException("history window " + historyWindow + " is out of range [0, 10000]");
        }
        this.historyWindow = historyWindow;
        return this;
    }

    /**
     * Slides the history window by several turns at once, so that most turns reuse the backend's cached prefix.
     * Not the seed's semantics: with a slide of {@code s}, a history that outgrows the window drops its oldest
     * {@code s} turns together and then grows again, so each prompt carries between {@code window - s + 1} and
     * {@code window} turns instead of always {@code window}; the report's config says {@code history_slide}.
     *
     * @param historySlide turns dropped at once, 1 to 10000 (default 1: the seed's window, one turn at a time;
     *                     more than the window counts as the window)
     * @return this builder
     */
    public SessionBuilder historySlide(int historySlide) {
        if (historySlide < 1 || historySlide > 10_000) {
            throw new IllegalArgumentException("history slide " + historySlide + " is out of range [1, 10000]");
        }
        this.historySlide = historySlide;
        return this;
    }

    /**
     * @param timeout per-turn request timeout (default 120 s); overrides the backend config's value (no effect on a
     *                backend given as an instance)
     * @return this builder
     */
    public SessionBuilder timeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * @param delay pause between turns (default none; the Python seed tool's is {@link #SEED_DELAY}; never after
     *              the last turn)
     * @return this builder
     */
    public SessionBuilder delay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        this.delay = delay;
        return this;
    }

    /**
     * @param saveResponses whether the report keeps every prompt and answer (default false, as the seed)
     * @return this builder
     */
    public SessionBuilder saveResponses(boolean saveResponses) {
        this.saveResponses = saveResponses;
        return this;
    }

    /**
     * @param scorer how turns are scored (default {@link HeuristicScorer}, the seed's formula)
     * @return this builder
     */
    public SessionBuilder scorer(Scorer scorer) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        return this;
    }

    /**
     * Adds a listener; listeners are called in the order added, on the thread that plays the turns. One that throws
     * is logged and the run, and the listeners after it, go on.
     *
     * @param listener hears the run's start, every turn played and the report
     * @return this builder
     */
    public SessionBuilder listener(TurnListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * @param script the conversation to play (default {@link Script#seed()})
     * @return this builder
     */
    public SessionBuilder script(Script script) {
        this.script = Objects.requireNonNull(script, "script");
        return this;
    }

    /**
     * Plays the seed's conversation with the default recall probes ({@link Script#seedWithProbes()}): the seed's 50
     * prompts unchanged and in order, with 12 turns inserted between them that plant six facts and ask for them 3 to
     * 27 turns later, and sets the turns to one cycle of it, 62. Call {@link #turns(int)} after this to play another
     * number. The inserted turns are excluded from the quality figures; the report's {@code probes} object gives the
     * recall per distance.
     *
     * @return this builder
     */
    public SessionBuilder probes() {
        this.script = Script.seedWithProbes();
        this.turns = script.cycleLength();
        return this;
    }

    /**
     * @param window turns averaged before each turn to detect a drop, at least 1 (default 5, as the seed)
     * @return this builder
     */
    public SessionBuilder degradationWindow(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("degradation window must be at least 1, was " + window);
        }
        this.degradationWindow = window;
        return this;
    }

    /**
     * @param threshold drop below the window average that raises an alert, in [0, 1] (default 0.15, as the seed)
     * @return this builder
     */
    public SessionBuilder degradationThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("degradation threshold " + threshold + " is out of range [0, 1]");
        }
        this.degradationThreshold = threshold;
        return this;
    }

    /**
     * @param max consecutive failed turns after which the run stops, keeping what it has (default 5)
     * @return this builder
     */
    public SessionBuilder maxConsecutiveFailures(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max consecutive failures must be at least 1, was " + max);
        }
        this.maxConsecutiveFailures = max;
        return this;
    }

    /**
     * Journals every finished turn to a JSON Lines file as it happens (flushed and synced), so that a crash, a kill
     * or a dead server loses nothing already measured; {@link #resume(Path)} continues from it.
     *
     * @param file the checkpoint file (replaced if it exists)
     * @return this builder
     */
    public SessionBuilder checkpoint(Path file) {
        this.checkpoint = Objects.requireNonNull(file, "file");
        this.resumed = null;
        return this;
    }

    /**
     * Continues the run journalled in a checkpoint: restores its settings, script, backend config and finished
     * turns, never asks the backend again for a turn it has, appends the remaining turns to the same file, and ends
     * with the report an uninterrupted run would have written. A torn last line is dropped. Set listeners, the
     * scorer (when it is not the default and no {@link dev.longhaul.scoring.ScorerProvider} on the class path creates
     * it) or a backend instance after this call; other settings come from the file.
     *
     * @param file the checkpoint written by an earlier run
     * @return this builder
     * @throws IllegalArgumentException naming the file and the problem when it is not a readable checkpoint
     */
    public SessionBuilder resume(Path file) {
        Checkpoint.Contents contents = Checkpoint.read(file);
        CheckpointStart.applySettings(contents.start(), this);
        String scorerName = CheckpointStart.scorerName(contents.start());
        if (!scorerName.equals(scorer.name())) {
            scorerToMatch = scorerName;
            // a scorer a provider on the class path creates is found by the name the checkpoint recorded
            Scorers.discover().byScorerName(scorerName).ifPresent(found -> scorer = found);
        }
        this.checkpoint = file;
        this.resumed = contents;
        return this;
    }

    /**
     * @param clock the clock timestamps and timings are read from (tests inject one)
     * @return this builder
     */
    public SessionBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * @param sleeper how the delay between turns is waited (tests inject one)
     * @return this builder
     */
    public SessionBuilder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    /** How the run opens its journal (tests make it fail mid-run). */
    SessionBuilder checkpointOpener(CheckpointOpener opener) {
        this.checkpointOpener = Objects.requireNonNull(opener, "opener");
        return this;
    }

    /**
     * Checks the settings that depend on each other and makes the session; creates no backend yet.
     *
     * @return a session to {@link LongSession#run()} or {@link LongSession#start()}
     * @throws IllegalStateException when no backend was chosen, or when a resumed checkpoint was scored by another
     *                               scorer than the one set
     */
    public LongSession build() {
        if (backendConfig == null && backend == null) {
            throw new IllegalStateException("no backend: call backend(...) before build()");
        }
        if (scorerToMatch != null && !scorerToMatch.equals(scorer.name())) {
            throw new IllegalStateException("the checkpoint was scored by " + scorerToMatch
                    + "; set that scorer to resume it, not " + scorer.name());
        }
        return new LongSession(this);
    }

    /**
     * Builds the session and runs it on this thread ({@link #build()}, then {@link LongSession#run()}).
     *
     * @return the report of the turns played, also when the run stopped early
     * @throws IllegalStateException as {@link #build()} does
     * @throws dev.longhaul.backend.BackendException when the backend cannot be created
     */
    public SessionReport run() throws dev.longhaul.backend.BackendException {
        return build().run();
    }
}
