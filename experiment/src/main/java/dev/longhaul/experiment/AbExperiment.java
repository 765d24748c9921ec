package dev.longhaul.experiment;

import dev.longhaul.analysis.Design;
import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.Summaries;
import dev.longhaul.analysis.fidelity.FidelityDifference;
import dev.longhaul.analysis.stats.VerdictLevels;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.LongSession;
import dev.longhaul.session.SessionBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An A/B experiment: every arm plays the same script with the same session settings, repeated with seeds S, S+1, …,
 * and each arm after the first is compared with the first (the baseline) with intervals, p-values and the spread
 * between runs ({@link RepeatedComparison}).
 *
 * <pre>{@code
 * ExperimentResult result = AbExperiment.builder()
 *         .arm("f16", BackendConfig.builder("llamacpp").kvType("f16").maxTokens(96).build())
 *         .arm("q8_0", BackendConfig.builder("llamacpp").kvType("q8_0").maxTokens(96).build())
 *         .session(b -> b.turns(20).historyWindow(20).delay(Duration.ZERO))
 *         .repeats(3)            // seeds 42, 43, 44
 *         .sharedHistory(true)   // every arm answers the baseline's conversation
 *         .noiseFloor(true)      // the baseline again with seeds 45, 46, 47
 *         .run();
 * String text = RepeatedComparisonText.render(result.comparisons().get(0));
 * }</pre>
 *
 * <p><b>Independent runs</b> (the default): each run is its own {@link LongSession}, its history made of its own
 * answers; runs go repeat by repeat, arms in order within a repeat, then that repeat's noise-floor run — or, with
 * {@link Builder#parallel(int)}, a repeat's runs at the same time.
 *
 * <p><b>Shared history</b>: the runs of a repeat play in lockstep, turn by turn: the baseline answers from its own
 * history, then every other arm (and the noise-floor run) answers the very same conversation — the baseline's
 * history window and the prompt. Their answers are scored and recorded but never enter a history, so every
 * difference comes from the arm, not from drift compounding over turns. {@link SharedTurnObserver}s measure each
 * answer against the baseline's (e.g. token-level fidelity) while both backends are open. All backends of a repeat
 * are open at once. The baseline stopping early stops the others.
 *
 * <p><b>Noise floor</b>: the baseline run again with seeds S+R, …, S+2R−1 (in shared-history mode, answering the
 * baseline's conversation like an arm) and compared with the baseline like an arm; every comparison carries its
 * intervals beside its own figures.
 *
 * <p>Reports carry the experiment in their {@code config}: {@code seed} (when the backend config did not already),
 * {@code ab_repeat} (with several repeats),
 * {@code ab_role: "noise_floor"} (noise-floor runs), {@code shared_history_from} (the baseline's label, in
 * shared-history mode), plus what an arm's launcher adds.
 */
public final class AbExperiment {

    /** The first seed when none is given. */
    public static final long DEFAULT_SEED = 42L;

    final List<Arm> arms;
    final Consumer<SessionBuilder> session;
    final long seed;
    final int repeats;
    final boolean sharedHistory;
    final boolean noiseFloor;
    final int parallel;
    final List<ExperimentListener> listeners;
    final List<SharedTurnObserver> observers;
    final List<String> metrics;
    final VerdictLevels levels;
    final StudyDirectory study;
    /**
     * The runs of the current {@link #run()} that ended (played every turn or stopped for failed turns), or ended in
     * an earlier session; not those an interrupt cut short.
     */
    private final Map<ArmRun, SessionReport> complete = Collections.synchronizedMap(new LinkedHashMap<>());
    /**
     * Whether the runs of the current {@link #run()} save their responses, as the resumed study's journals say; null
     * for a new study (the session settings decide).
     */
    private volatile Boolean studySavesResponses;
    /** Why runs of the current {@link #run()} were cut short by an interrupt. */
    private final List<String> cutShort = Collections.synchronizedList(new ArrayList<>());

    private AbExperiment(Builder b) {
        this.arms = List.copyOf(b.arms);
        this.session = b.session;
        this.seed = b.seed;
        this.repeats = b.repeats;
        this.sharedHistory = b.sharedHistory;
        this.noiseFloor = b.noiseFloor;
        this.parallel = b.parallel;
        this.listeners = List.copyOf(b.listeners);
        this.observers = List.copyOf(b.observers);
        this.metrics = List.copyOf(b.metrics);
        this.levels = b.levels;
        this.study = b.study;
    }

    /** @return a builder: seed 42, one repeat, independent runs, no noise floor */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every arm and repeat, then compares. With a {@link StudyDirectory}, first checks the directory and the
     * runs' file names, journals every run and saves every report there, and on resume plays only what the
     * directory does not hold yet.
     *
     * @return the reports and comparisons
     * @throws ExperimentInterruptedException when the thread is interrupted: the runs cut short are neither reported
     *                                        nor compared, the exception carries the finished ones
     * @throws StudyConflictException         when the study directory holds what this study must not replace, or
     *                                        the study resumed was started with other settings
     * @throws Exception                      what an arm's launcher throws, or a
     *                                        {@link dev.longhaul.backend.BackendException} when a backend cannot be
     *                                        created
     */
    public ExperimentResult run() throws Exception {
        complete.clear();
        cutShort.clear();
        List<ArmRun> plan = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            plan.addAll(runsOf(repeat));
        }
        studySavesResponses = null;
        if (study != null) {
            study.open(plan, design());
            studySavesResponses = study.journalledSaveResponses(plan).orElse(null);
        }
        String interrupted = null;
        try {
            for (int repeat = 1; repeat <= repeats; repeat++) {
                List<ArmRun> runs = runsOf(repeat);
                if (sharedHistory) {
                    new SharedHistoryRepeat(this, runs).play();
                } else {
                    new IndependentRepeat(this, runs).play();
                }
            }
        } catch (InterruptedException e) {
            interrupted = e.getMessage();
        }
        if (!cutShort.isEmpty()) {
            interrupted = cutShort.get(0); // the run in flight, rather than the next one that did not start
        }
        if (interrupted != null) {
            Thread.interrupted(); // the exception says it now
            throw new ExperimentInterruptedException(interrupted, result());
        }
        if (study != null) {
            study.complete(design());
        }
        return result();
    }

    /** What the study journal records of the experiment, and a resumed one must match. */
    private Map<String, Object> design() {
        Map<String, Object> design = new LinkedHashMap<>();
        design.put("arms", arms.stream().map(Arm::label).toList());
        design.put("seed", seed);
        design.put("repeats", repeats);
        design.put("shared_history", sharedHistory);
        design.put("noise_floor", noiseFloor);
        return design;
    }

    /** The complete runs' reports, and each arm compared with the baseline over the repeats both completed. */
    private ExperimentResult result() {
        Map<String, List<SessionReport>> reports = new LinkedHashMap<>();
        arms.forEach(arm -> reports.put(arm.label(), new ArrayList<>()));
        List<SessionReport> noise = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (ArmRun run : runsOf(repeat)) {
                SessionReport report = complete.get(run);
                if (report != null) {
                    (run.noiseFloor() ? noise : reports.get(run.label())).add(report);
                }
            }
        }
        RepeatedComparison floor = noiseFloor ? compared(0, true) : null;
        List<RepeatedComparison> comparisons = new ArrayList<>();
        List<String> comparedArms = new ArrayList<>();
        for (int arm = 1; arm < arms.size(); arm++) {
            RepeatedComparison c = compared(arm, false);
            if (c != null) {
                comparisons.add(c);
                comparedArms.add(arms.get(arm).label());
            }
        }
        List<FidelityDifference> fidelityDifferences = new ArrayList<>();
        for (int i = 1; i < arms.size(); i++) {
            for (int j = i + 1; j < arms.size(); j++) {
                String x = arms.get(i).label();
                String y = arms.get(j).label();
                FidelityDifference.of(x, reports.get(x), y, reports.get(y)).ifPresent(fidelityDifferences::add);
            }
        }
        List<Long> seeds = new ArrayList<>();
        List<Long> noiseSeeds = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            seeds.add(armSeed(repeat));
            if (noiseFloor) {
                noiseSeeds.add(noiseSeed(repeat));
            }
        }
        return new ExperimentResult(arms.stream().map(Arm::label).toList(), seeds, noiseSeeds,
                sharedHistory ? Design.SHARED_HISTORY : Design.FREE_RUNNING, reports, noise, comparisons, comparedArms,
                floor, fidelityDifferences);
    }

    /**
     * Arm {@code arm} (or the noise floor) against the baseline over the repeats both completed, with the noise-floor
     * reruns of those repeats when all of them completed; null for none.
     */
    private RepeatedComparison compared(int arm, boolean noiseFloorRuns) {
        List<SessionReport> baseline = new ArrayList<>();
        List<SessionReport> other = new ArrayList<>();
        List<SessionReport> reruns = new ArrayList<>();
        boolean withReruns = noiseFloor && !noiseFloorRuns;
        for (int repeat = 1; repeat <= repeats; repeat++) {
            List<ArmRun> runs = runsOf(repeat);
            SessionReport a = complete.get(runs.get(0));
            SessionReport b = complete.get(noiseFloorRuns ? runs.get(runs.size() - 1) : runs.get(arm));
            if (a != null && b != null) {
                baseline.add(a);
                other.add(b);
                SessionReport rerun = withReruns ? complete.get(runs.get(runs.size() - 1)) : null;
                withReruns = rerun != null;
                reruns.add(rerun);
            }
        }
        Design design = sharedHistory ? Design.SHARED_HISTORY : Design.FREE_RUNNING;
        return baseline.isEmpty() ? null
                : RepeatedComparison.of(baseline, other, withReruns ? reruns : List.of(), design, metrics, levels);
    }

    /** The runs of one repeat: every arm in order, then the noise-floor rerun of the baseline. */
    private List<ArmRun> runsOf(int repeat) {
        List<ArmRun> runs = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            runs.add(new ArmRun(arms.get(i).label(), i, repeat, repeats, armSeed(repeat), false));
        }
        if (noiseFloor) {
            runs.add(new ArmRun(arms.get(0).label(), 0, repeat, repeats, noiseSeed(repeat), true));
        }
        return runs;
    }

    private long armSeed(int repeat) {
        return seed + repeat - 1;
    }

    private long noiseSeed(int repeat) {
        return seed + repeats + repeat - 1;
    }

    /** The session of one run: the experiment's settings, the launched backend, the listeners told of its turns. */
    SessionBuilder sessionFor(ArmRun run, LaunchedArm launched) {
        SessionBuilder b = LongSession.builder();
        session.accept(b);
        if (studySavesResponses != null) {
            // a study keeps saving (or leaving out) responses as it began, whatever the default is now, so that
            // every arm of it is alike
            b.saveResponses(studySavesResponses);
        }
        if (study != null) {
            Path journal = study.files().journal(run);
            if (study.journalled(run)) {
                b.resume(journal); // the launched backend below replaces the journal's (a new server, a new port)
            } else {
                b.checkpoint(journal);
            }
        }
        if (launched.config() != null) {
            b.backend(launched.config());
        } else {
            b.backend(launched.backend(), run.label()).kvType(run.label());
        }
        listeners.forEach(l -> b.listener(event -> l.onTurn(run, event)));
        return b;
    }

    /**
     * The report with the experiment's and the launcher's config keys; the listeners hear it. A run that played
     * every turn (or stopped for failures) is complete and saved in the study directory; one cut short by an
     * interrupt is not: its journal holds its turns.
     */
    SessionReport finished(ArmRun run, LaunchedArm launched, SessionReport report) {
        RunConfig config = report.config();
        for (Map.Entry<String, Object> e : launched.reportExtras().entrySet()) {
            config = config.withExtra(e.getKey(), e.getValue());
        }
        if (config.samplingSeed().isEmpty()) {
            // a factory's backend: the sampling seed it was created for
            config = config.withExtra(RunConfig.SAMPLING_SEED, run.seed());
        }
        if (repeats > 1) {
            config = config.withAbRepeat(run.repeat());
        }
        if (run.noiseFloor()) {
            config = config.withNoiseFloor();
        }
        if (sharedHistory) {
            config = config.withSharedHistoryFrom(arms.get(0).label());
        }
        SessionReport annotated = new SessionReport(config, report.turnMetrics(), report.degradationAlerts(),
                report.summary(), report.responses(), report.failedTurns());
        String stopped = config.stoppedEarly().orElse(null);
        boolean interrupted = stopped != null && Thread.currentThread().isInterrupted();
        listeners.forEach(l -> l.onRunFinish(run, annotated));
        if (interrupted) {
            cutShort.add(stopped + " of " + run.tag());
        } else {
            complete.put(run, annotated);
            if (study != null) {
                Path file = study.save(run, annotated);
                listeners.forEach(l -> l.onRunSaved(run, file));
            }
        }
        return annotated;
    }

    /** @return whether the study directory holds the run's report from an earlier session (it is not played again) */
    boolean finishedEarlier(ArmRun run) {
        return study != null && study.finished(run);
    }

    /**
     * The report a run wrote in an earlier session of the study: complete; the listeners hear it. Its summary is made
     * again from its turns, unrounded as the run had it when it finished (the file holds it in the seed's rounding),
     * so that a resumed study's result is the uninterrupted study's.
     */
    SessionReport restored(ArmRun run) {
        SessionReport written = study.report(run);
        SessionReport report = new SessionReport(written.config(), written.turnMetrics(), written.degradationAlerts(),
                Summaries.of(written), written.responses(), written.failedTurns());
        complete.put(run, report);
        listeners.forEach(l -> l.onRunRestored(run, report, study.files().report(run)));
        return report;
    }

    void starting(ArmRun run) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted before the run of " + run.tag());
        }
        listeners.forEach(l -> l.onRunStart(run));
    }

    /** Builds an {@link AbExperiment}; values are checked as they are set. */
    public static final class Builder {

        private final List<Arm> arms = new ArrayList<>();
        private Consumer<SessionBuilder> session = b -> { };
        private long seed = DEFAULT_SEED;
        private int repeats = 1;
        private boolean sharedHistory;
        private boolean noiseFloor;
        private int parallel = 1;
        private final List<ExperimentListener> listeners = new ArrayList<>();
        private final List<SharedTurnObserver> observers = new ArrayList<>();
        private List<String> metrics = RepeatedComparison.DEFAULT_METRICS;
        private VerdictLevels levels = VerdictLevels.DEFAULT;
        private StudyDirectory study;

        private Builder() {
        }

        /**
         * Journals the study in a directory so that nothing measured is lost and an interrupted study can be
         * continued: see {@link StudyDirectory}.
         *
         * @param directory {@link StudyDirectory#create} for a new study, {@link StudyDirectory#resume} to continue
         *                  one
         * @return this builder
         */
        public Builder journal(StudyDirectory directory) {
            this.study = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Adds an arm; the first is the baseline.
         *
         * @param arm the arm
         * @return this builder
         * @throws IllegalArgumentException when its label is taken
         */
        public Builder arm(Arm arm) {
            Objects.requireNonNull(arm, "arm");
            if (arms.stream().anyMatch(a -> a.label().equals(arm.label()))) {
                throw new IllegalArgumentException("arm '" + arm.label() + "' is listed twice");
            }
            arms.add(arm);
            return this;
        }

        /**
         * @param label  the arm's label, e.g. its KV cache type
         * @param config its backend config (the seed is set per run)
         * @return this builder
         */
        public Builder arm(String label, BackendConfig config) {
            return arm(Arm.of(label, config));
        }

        /**
         * @param label   the arm's label
         * @param factory creates its backend for a run's sampling seed
         * @return this builder
         */
        public Builder arm(String label, BackendFactory factory) {
            return arm(Arm.of(label, factory));
        }

        /**
         * Session settings shared by every run — turns, history window, delay, script, scorer, saved responses,
         * degradation settings, listeners heard by every run. The experiment sets the backend, and the checkpoint
         * with {@link #journal(StudyDirectory)}; set none here.
         *
         * @param settings applied to each run's {@link SessionBuilder}
         * @return this builder
         */
        public Builder session(Consumer<SessionBuilder> settings) {
            this.session = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * @param seed S, the first run's sampling seed (default 42); repeat r uses S + r − 1
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param repeats runs per arm, 1 to 1000 (default 1)
         * @return this builder
         */
        public Builder repeats(int repeats) {
            if (repeats < 1 || repeats > 1000) {
                throw new IllegalArgumentException("repeats " + repeats + " is out of range [1, 1000]");
            }
            this.repeats = repeats;
            return this;
        }

        /**
         * @param shared whether every arm answers the baseline's history (default false: independent runs)
         * @return this builder
         */
        public Builder sharedHistory(boolean shared) {
            this.sharedHistory = shared;
            return this;
        }

        /**
         * @param measure whether to rerun the baseline with other seeds to measure the noise floor (default false)
         * @return this builder
         */
        public Builder noiseFloor(boolean measure) {
            this.noiseFloor = measure;
            return this;
        }

        /**
         * Plays up to {@code runs} runs of a repeat at the same time, each on its own thread — for arms on different
         * servers, or on one server with several slots, or embedded arms with a thread budget each. Reports and
         * comparisons are the same as played one after another; only the wall time differs. Listeners are then
         * called from the runs' threads, possibly at the same time. An interrupt stops every run in flight (each
         * keeps what it measured) and starts no further one.
         *
         * @param runs at most this many runs at once, 1 to 64 (default 1: one after another); needs independent
         *             runs (shared-history runs play in lockstep)
         * @return this builder
         */
        public Builder parallel(int runs) {
            if (runs < 1 || runs > 64) {
                throw new IllegalArgumentException("parallel " + runs + " is out of range [1, 64]");
            }
            this.parallel = runs;
            return this;
        }

        /**
         * @param listener hears every run's start, turns and report
         * @return this builder
         */
        public Builder listener(ExperimentListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param observer measures each arm's answer against the baseline's, in shared-history mode
         * @return this builder
         */
        public Builder observer(SharedTurnObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * @param metrics metric keys to compare ({@code quality_score} always is; default
         *                {@link RepeatedComparison#DEFAULT_METRICS})
         * @return this builder
         */
        public Builder metrics(List<String> metrics) {
            this.metrics = List.copyOf(metrics);
            return this;
        }

        /**
         * @param levels how the comparisons' verdicts split their level between the mean and the change test, and
         *               their Monte Carlo draws (default {@link VerdictLevels#DEFAULT})
         * @return this builder
         */
        public Builder levels(VerdictLevels levels) {
            this.levels = Objects.requireNonNull(levels, "levels");
            return this;
        }

        /**
         * @return the experiment
         * @throws IllegalStateException with fewer than two arms (one suffices with a noise floor), or parallel runs
         *                               with shared history
         */
        public AbExperiment build() {
            if (parallel > 1 && sharedHistory) {
                throw new IllegalStateException("parallel runs need independent runs; shared-history runs play in "
                        + "lockstep");
            }
            if (arms.size() < 2 && !(arms.size() == 1 && noiseFloor)) {
                throw new IllegalStateException("an experiment needs at least two arms, or one with noiseFloor(true); got "
                        + arms.size());
            }
            return new AbExperiment(this);
        }

        /**
         * Builds and runs the experiment.
         *
         * @return the result
         * @throws Exception as {@link AbExperiment#run()}
         */
        public ExperimentResult run() throws Exception {
            return build().run();
        }
    }
}
