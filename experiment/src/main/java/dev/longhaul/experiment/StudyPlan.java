package dev.longhaul.experiment;

import dev.longhaul.analysis.Design;
import dev.longhaul.session.SessionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link Study} measures and where it keeps its files: the arms (the first is the baseline), the sampling
 * seed, the repeats, the design, the noise floor, token fidelity, the session settings every run shares and the
 * study directory (a new study, or one to resume).
 *
 * <pre>{@code
 * StudyPlan plan = StudyPlan.builder(StudyDirectory.create(Path.of("study")))
 *         .arm(Arm.of("f16", BackendConfig.builder("llamacpp").kvType("f16").build()))
 *         .arm(Arm.of("q8_0", BackendConfig.builder("llamacpp").kvType("q8_0").build()))
 *         .turns(20)
 *         .tokenFidelity(TokenFidelity.DEFAULT_TOP_K, true)
 *         .build();
 * StudyOutcome outcome = new Study(plan).run(new StudyListener() { });
 * }</pre>
 *
 * @param arms          the arms, baseline first
 * @param seed          S, the first run's sampling seed
 * @param repeats       runs per arm (seeds S, S+1, …)
 * @param design        shared history (every arm answers the baseline's conversation) or free-running
 * @param noiseFloor    whether the baseline is rerun with seeds S+R, … to measure the noise floor
 * @param parallel      free-running runs played at the same time, at most
 * @param turns         turns every run plays
 * @param session       further settings of every run's session (history window, script, scorer, delay, …)
 * @param fidelityTopK  in shared history, the candidates per position token fidelity reads; 0 for no fidelity
 * @param greedy        whether the arms decode greedily (temperature 0): token fidelity then also finds where an
 *                      arm's answer first departs from the baseline's
 * @param directory     where the study journals its runs and writes its reports and {@value StudyFiles#COMPARISON}
 */
public record StudyPlan(List<Arm> arms, long seed, int repeats, Design design, boolean noiseFloor, int parallel,
                        int turns, Consumer<SessionBuilder> session, int fidelityTopK, boolean greedy,
                        StudyDirectory directory) {

    /**
     * Copies the arms; requires the design, the session settings and the directory.
     *
     * @param arms          the arms, baseline first
     * @param seed          S, the first run's sampling seed
     * @param repeats       runs per arm
     * @param design        shared history or free-running
     * @param noiseFloor    whether the noise floor is measured
     * @param parallel      free-running runs at once, at most
     * @param turns         turns every run plays, at least 1
     * @param session       further settings of every run's session
     * @param fidelityTopK  candidates per position for token fidelity, 0 for none
     * @param greedy        whether the arms decode greedily
     * @param directory     the study directory
     */
    public StudyPlan {
        arms = List.copyOf(arms);
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(directory, "directory");
        if (turns < 1) {
            throw new IllegalArgumentException("turns " + turns + " must be at least 1");
        }
        if (fidelityTopK < 0) {
            throw new IllegalArgumentException("fidelityTopK " + fidelityTopK + " must not be negative");
        }
    }

    /**
     * @param directory {@link StudyDirectory#create} for a new study, {@link StudyDirectory#resume} to continue one
     * @return a builder: seed {@value AbExperiment#DEFAULT_SEED}, one repeat, shared history, no noise floor, one run
     *         at a time, {@value SessionBuilder#DEFAULT_TURNS} turns, no token fidelity
     */
    public static Builder builder(StudyDirectory directory) {
        return new Builder(directory);
    }

    /** @return the runs of one repeat: every arm, and the noise-floor rerun */
    public int runsPerRepeat() {
        return arms.size() + (noiseFloor ? 1 : 0);
    }

    /** @return whether every arm answers the baseline's conversation */
    public boolean sharedHistory() {
        return design == Design.SHARED_HISTORY;
    }

    /** @return whether the study measures token fidelity: shared history with a top-k above 0 */
    public boolean measuresTokenFidelity() {
        return sharedHistory() && fidelityTopK > 0;
    }

    /** Builds a {@link StudyPlan}. */
    public static final class Builder {

        private final StudyDirectory directory;
        private final List<Arm> arms = new ArrayList<>();
        private long seed = AbExperiment.DEFAULT_SEED;
        private int repeats = 1;
        private Design design = Design.SHARED_HISTORY;
        private boolean noiseFloor;
        private int parallel = 1;
        private int turns = SessionBuilder.DEFAULT_TURNS;
        private Consumer<SessionBuilder> session = b -> { };
        private int fidelityTopK;
        private boolean greedy;

        private Builder(StudyDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /**
         * @param arm an arm; the first added is the baseline
         * @return this builder
         */
        public Builder arm(Arm arm) {
            arms.add(Objects.requireNonNull(arm, "arm"));
            return this;
        }

        /**
         * @param seed S, the first run's sampling seed (default {@value AbExperiment#DEFAULT_SEED})
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param repeats runs per arm, 1 to 1000 (default 1; the range is checked when the {@link Study} is made)
         * @return this builder
         */
        public Builder repeats(int repeats) {
            this.repeats = repeats;
            return this;
        }

        /**
         * @param design shared history (the default) or free-running
         * @return this builder
         */
        public Builder design(Design design) {
            this.design = design;
            return this;
        }

        /**
         * @param noiseFloor whether to rerun the baseline with other seeds (default false)
         * @return this builder
         */
        public Builder noiseFloor(boolean noiseFloor) {
            this.noiseFloor = noiseFloor;
            return this;
        }

        /**
         * @param parallel free-running runs played at the same time, at most, 1 to 64 (default 1); above 1 needs the
         *                 free-running design (checked when the {@link Study} is made)
         * @return this builder
         */
        public Builder parallel(int parallel) {
            this.parallel = parallel;
            return this;
        }

        /**
         * @param turns turns every run plays (default {@value SessionBuilder#DEFAULT_TURNS})
         * @return this builder
         */
        public Builder turns(int turns) {
            this.turns = turns;
            return this;
        }

        /**
         * @param settings applied to every run's session before the study sets its turns, backend and journal
         * @return this builder
         */
        public Builder session(Consumer<SessionBuilder> settings) {
            this.session = settings;
            return this;
        }

        /**
         * Token fidelity in shared history: the baseline's answer forced through every arm, turn by turn.
         *
         * @param topK   candidates per position, 0 for none (the default)
         * @param greedy whether the arms decode greedily (temperature 0)
         * @return this builder
         */
        public Builder tokenFidelity(int topK, boolean greedy) {
            this.fidelityTopK = topK;
            this.greedy = greedy;
            return this;
        }

        /**
         * @return the plan; the arms, repeats and parallel runs are checked by {@link Study#Study(StudyPlan)}
         * @throws IllegalArgumentException when the turns are below 1 or the token fidelity's top K is negative
         */
        public StudyPlan build() {
            return new StudyPlan(arms, seed, repeats, design, noiseFloor, parallel, turns, session, fidelityTopK,
                    greedy, directory);
        }
    }
}
