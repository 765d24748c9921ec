package dev.longhaul.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.stats.SplitMix64;
import dev.longhaul.analysis.stats.VerdictLevels;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verdict's false-positive rate and power, simulated: seeded A/A and A/B comparisons of 50-turn reports at the
 * scale of the bundled model's (quality 0.7, per-turn SD 0.08), played through {@link RepeatedComparison} exactly as
 * {@code compare} and {@code ab} play them.
 *
 * <p>The dependence real conversations have, one cell each:
 * <ul>
 *   <li><b>independent</b>: each turn's score is independent noise;</li>
 *   <li><b>AR(1) ρ = 0.5</b>: neighbouring turns of a run are correlated (a good answer is followed by good answers);</li>
 *   <li><b>run drift</b>: each run is offset as a whole (SD 0.02) — the drift seen between real f16 runs. In shared
 *       history both arms of a repeat answer the same conversation, so the drift of that conversation is common to
 *       both; free-running, every run drifts on its own.</li>
 * </ul>
 * and one cell per design where it is most fragile: in shared history the two answers differing more and more as
 * the conversation goes on (the SD of a difference rising from 0.03 to 0.15); free-running the two runs of a pair
 * being one conversation until they part at a random turn (5–44) and drifting apart after it.
 *
 * <p>For each design and R = 1, 3, 5, 8 runs per arm, {@value #AA} A/A comparisons: the verdict and the change test
 * must each call a difference at most 6 % of the time (their levels are 5 % and 1 %), the change test at most 2.5 %
 * in the three stationary cells. Then drops of 0.03, 0.05 and 0.10 from turn 25 (AR(1) turns): power, and where the
 * change test put the drop. The tables go to {@code core/target/verdict-calibration.md}; docs/experiments.md shows
 * them.
 */
class VerdictCalibrationTest {

    /** A/A comparisons per cell (an eighth as many with 8 free-running repeats, whose change test flips 256 ways). */
    static final int AA = 4000;
    /** A/B comparisons per power cell (a quarter as many with 8 free-running repeats). */
    static final int AB = 1000;
    static final int TURNS = 50;
    static final int DROP_TURN = 25;
    static final double MEAN = 0.7;
    static final double SD = 0.08;
    static final double RUN_DRIFT_SD = 0.02;
    static final double RHO = 0.5;
    static final int[] REPEATS = {1, 3, 5};
    /** Free-running only: the fewest repeats with which its change test, flipping whole run pairs, reaches 1 %. */
    static final int FLIP_REPEATS = 8;
    static final double[] DROPS = {0.03, 0.05, 0.10};

    enum Dependence {
        INDEPENDENT("independent turns", true), AR1("AR(1) ρ = 0.5", true), RUN_DRIFT("run drift, SD 0.02", true),
        /** Shared history: the two answers differ more as the conversation goes on (SD of a difference 0.03 → 0.15). */
        SPREAD_GROWS("spread grows 5×", false),
        /** Free-running: the two runs of a pair are one until they part at a random turn, then each drifts. */
        PAIRS_PART("pairs part, then drift", false);

        final String title;
        /** Whether the three cells: the change test must hold near its 1 % there. */
        final boolean stationary;

        Dependence(String title, boolean stationary) {
            this.title = title;
            this.stationary = stationary;
        }
    }

    /** What a batch of comparisons concluded. */
    record Tally(int n, int differences, int drops, int dropNearTrue, int setCovers, double meanAbsError) {
        double differenceRate() {
            return (double) differences / n;
        }

        double dropRate() {
            return (double) drops / n;
        }
    }

    static final Map<String, Tally> AA_CELLS = new ConcurrentHashMap<>();
    static final Map<String, Tally> POWER_CELLS = new ConcurrentHashMap<>();

    @BeforeAll
    static void simulate() throws IOException {
        List<Cell> cells = new ArrayList<>();
        for (Design design : Design.values()) {
            for (Dependence dependence : cells(design)) {
                for (int r : REPEATS) {
                    cells.add(new Cell(AA_CELLS, key(design, dependence.title, r), design, dependence, r, 0.0, AA));
                }
            }
            for (int r : REPEATS) {
                for (double drop : DROPS) {
                    cells.add(new Cell(POWER_CELLS, key(design, String.valueOf(drop), r), design, Dependence.AR1, r,
                            drop, AB));
                }
            }
        }
        for (Dependence dependence : List.of(Dependence.AR1, Dependence.PAIRS_PART)) {
            cells.add(new Cell(AA_CELLS, key(Design.FREE_RUNNING, dependence.title, FLIP_REPEATS), Design.FREE_RUNNING,
                    dependence, FLIP_REPEATS, 0.0, AA / 8));
        }
        for (double drop : DROPS) {
            cells.add(new Cell(POWER_CELLS, key(Design.FREE_RUNNING, String.valueOf(drop), FLIP_REPEATS),
                    Design.FREE_RUNNING, Dependence.AR1, FLIP_REPEATS, drop, AB / 4));
        }
        // each cell draws from its own generator, seeded by its name, so the figures do not depend on the order or
        // the threads the cells run on
        cells.parallelStream().forEach(cell -> cell.into().put(cell.key(), tally(
                new SplitMix64(20261201L ^ cell.key().hashCode()), cell.design(), cell.dependence(), cell.repeats(),
                cell.drop(), cell.comparisons())));
        Path out = Path.of("target", "verdict-calibration.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, tables());
    }

    /** One cell of the simulation and the table it goes to. */
    private record Cell(Map<String, Tally> into, String key, Design design, Dependence dependence, int repeats,
                        double drop, int comparisons) {
    }

    @Test
    void aaComparisonsCallADifferenceAtMostSixPercentOfTheTime() {
        AA_CELLS.forEach((cell, t) -> {
            assertTrue(t.differenceRate() <= 0.06, cell + ": the verdict called an A/A difference "
                    + pct(t.differenceRate()) + " of the time\n" + tables());
            assertTrue(t.dropRate() <= 0.06, cell + ": the change test located an A/A drop " + pct(t.dropRate())
                    + " of the time\n" + tables());
        });
    }

    @Test
    void theChangeTestHoldsNearItsOnePercentWhereTheTurnsAreStationary() {
        for (Design design : Design.values()) {
            for (Dependence dependence : cells(design)) {
                for (int r : REPEATS) {
                    Tally t = AA_CELLS.get(key(design, dependence.title, r));
                    if (dependence.stationary) {
                        assertTrue(t.dropRate() <= 0.025, key(design, dependence.title, r) + ": "
                                + pct(t.dropRate()) + "\n" + tables());
                    }
                }
            }
        }
    }

    @Test
    void freeRunningLocatesDropsOnlyWithEnoughRunPairsToFlip() {
        for (Dependence dependence : cells(Design.FREE_RUNNING)) {
            for (int r : new int[] {1, 3, 5}) {
                assertTrue(AA_CELLS.get(key(Design.FREE_RUNNING, dependence.title, r)).drops() == 0, dependence + " R=" + r);
            }
        }
        Tally eight = POWER_CELLS.get(key(Design.FREE_RUNNING, "0.1", FLIP_REPEATS));
        assertTrue(eight.dropRate() > 0.5, "8 pairs flipped as wholes find a 0.10 drop: " + eight);
    }

    @Test
    void oneFreeRunningRunPerArmIsInconclusiveAndNeverAVerdict() {
        for (Dependence dependence : cells(Design.FREE_RUNNING)) {
            Tally t = AA_CELLS.get(key(Design.FREE_RUNNING, dependence.title, 1));
            assertTrue(t.differences() == 0, dependence + ": " + t);
        }
    }

    @Test
    void powerGrowsWithTheDropAndTheRepeatsAndTheDropIsFoundWhereItIs() {
        for (Design design : Design.values()) {
            for (int r : REPEATS) {
                double previous = -1;
                for (double drop : DROPS) {
                    double power = POWER_CELLS.get(key(design, String.valueOf(drop), r)).differenceRate();
                    assertTrue(power >= previous, design + " R=" + r + ": power fell from " + previous + " at drop "
                            + drop + "\n" + tables());
                    previous = power;
                }
            }
        }
        Tally strongest = POWER_CELLS.get(key(Design.SHARED_HISTORY, "0.1", 5));
        assertTrue(strongest.differenceRate() >= 0.9, "shared history, 5 repeats, drop 0.10: " + strongest);
        assertTrue((double) strongest.setCovers() / strongest.drops() >= 0.9,
                "the 95 % set should hold turn 25 when a drop is found: " + strongest);
        Tally one = POWER_CELLS.get(key(Design.SHARED_HISTORY, "0.1", 1));
        Tally five = POWER_CELLS.get(key(Design.SHARED_HISTORY, "0.1", 5));
        assertTrue(five.differenceRate() > one.differenceRate() + 0.3, one + " vs " + five);
    }

    /** The cells of a design: the three, and the one that shows where each design is fragile. */
    private static List<Dependence> cells(Design design) {
        return List.of(Dependence.INDEPENDENT, Dependence.AR1, Dependence.RUN_DRIFT,
                design == Design.SHARED_HISTORY ? Dependence.SPREAD_GROWS : Dependence.PAIRS_PART);
    }

    private static Tally tally(SplitMix64 random, Design design, Dependence dependence, int repeats, double drop,
                               int comparisons) {
        int differences = 0;
        int drops = 0;
        int near = 0;
        int covers = 0;
        double absError = 0;
        for (int i = 0; i < comparisons; i++) {
            List<SessionReport> a = new ArrayList<>();
            List<SessionReport> b = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                double[][] pair = pair(random, design, dependence, drop);
                a.add(run("a", design, pair[0]));
                b.add(run("b", design, pair[1]));
            }
            RepeatedComparison c = RepeatedComparison.of(a, b, List.of(), design,
                    List.of(RepeatedComparison.QUALITY), VerdictLevels.DEFAULT);
            VerdictKind kind = c.verdict().kind();
            if (kind == VerdictKind.BASELINE_BETTER || kind == VerdictKind.COMPARED_BETTER) {
                differences++;
            }
            if (c.drop() != null) {
                drops++;
                int error = Math.abs(c.drop().turn() - DROP_TURN);
                absError += error;
                if (error <= 2) {
                    near++;
                }
                if (c.drop().firstInSet() <= DROP_TURN && DROP_TURN <= c.drop().lastInSet()) {
                    covers++;
                }
            }
        }
        return new Tally(comparisons, differences, drops, near, covers, drops == 0 ? Double.NaN : absError / drops);
    }

    /** One run pair's scores: each run's noise, drift and, for side B, the drop from turn 25. */
    private static double[][] pair(SplitMix64 random, Design design, Dependence dependence, double drop) {
        if (dependence == Dependence.PAIRS_PART) {
            double[] a = scores(random, Dependence.AR1, RUN_DRIFT_SD * random.nextGaussian(), 0.0, 1.0);
            double[] b = scores(random, Dependence.AR1, RUN_DRIFT_SD * random.nextGaussian(), drop, 1.0);
            int parting = 5 + random.nextIndex(40);
            System.arraycopy(a, 0, b, 0, parting); // one conversation until the first different token
            return new double[][] {a, b};
        }
        boolean drifts = dependence == Dependence.RUN_DRIFT;
        double shared = drifts ? RUN_DRIFT_SD * random.nextGaussian() : 0;
        double driftA = design == Design.SHARED_HISTORY ? shared : drifts ? RUN_DRIFT_SD * random.nextGaussian() : 0;
        double driftB = design == Design.SHARED_HISTORY ? shared : drifts ? RUN_DRIFT_SD * random.nextGaussian() : 0;
        // spread grows 5× along the conversation: SD 0.03 → 0.15 for a difference, 0.08 on average for each side
        double growth = dependence == Dependence.SPREAD_GROWS ? 5 : 1;
        return new double[][] {scores(random, dependence, driftA, 0.0, growth),
            scores(random, dependence, driftB, drop, growth)};
    }

    /**
     * One run's scores: noise of marginal SD 0.08 (AR(1) or independent; with {@code growth} > 1 its SD rises
     * linearly by that factor from the first turn to the last), the run's drift, and the drop from turn 25.
     */
    private static double[] scores(SplitMix64 random, Dependence dependence, double drift, double drop,
                                   double growth) {
        double[] q = new double[TURNS];
        double previous = random.nextGaussian();
        double low = 2 * SD / (1 + growth);
        for (int t = 0; t < TURNS; t++) {
            double e;
            if (dependence == Dependence.AR1) {
                e = t == 0 ? previous : RHO * previous + Math.sqrt(1 - RHO * RHO) * random.nextGaussian();
                previous = e;
            } else {
                e = random.nextGaussian();
            }
            double sd = low * (1 + (growth - 1) * t / (TURNS - 1.0));
            q[t] = MEAN + drift + sd * e - (t + 1 >= DROP_TURN ? drop : 0.0);
        }
        return q;
    }

    private static SessionReport run(String label, Design design, double[] scores) {
        List<TurnMetrics> turns = new ArrayList<>(scores.length);
        for (int t = 0; t < scores.length; t++) {
            turns.add(new TurnMetrics(t + 1, "code_gen", Map.of(RepeatedComparison.QUALITY, scores[t])));
        }
        Map<String, Object> extra = design == Design.SHARED_HISTORY
                ? Map.of(RunConfig.SHARED_HISTORY_FROM, "a") : Map.of();
        RunConfig config = new RunConfig("sim", "sim", label, TURNS, 20, "2026-12-01T00:00:00", extra);
        return new SessionReport(config, turns, List.of(), Summaries.of(turns, List.of(), 0), List.of(), List.of());
    }

    private static String key(Design design, String what, int repeats) {
        return design.jsonName() + " | " + what + " | R=" + repeats;
    }

    static String tables() {
        StringBuilder s = new StringBuilder();
        s.append("A/A comparisons (no difference between the arms), ").append(AA).append(" per cell (").append(AA / 8)
                .append(" with R = ").append(FLIP_REPEATS).append("): how often the verdict calls a difference (level 5 %)"
                        + " and the change test locates a drop (level 1 %)\n\n");
        s.append("| design | turns | R = 1 verdict | R = 1 drop | R = 3 verdict | R = 3 drop | R = 5 verdict | R = 5 drop "
                + "| R = " + FLIP_REPEATS + " verdict | R = " + FLIP_REPEATS + " drop |\n");
        s.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Design design : Design.values()) {
            for (Dependence dependence : cells(design)) {
                s.append("| ").append(design.displayName()).append(" | ").append(dependence.title);
                for (int r : new int[] {1, 3, 5, FLIP_REPEATS}) {
                    Tally t = AA_CELLS.get(key(design, dependence.title, r));
                    if (t == null) {
                        s.append(" | | ");
                        continue;
                    }
                    boolean free = design == Design.FREE_RUNNING;
                    s.append(" | ").append(free && r == 1 ? "inconclusive" : pct(t.differenceRate()))
                            .append(" | ").append(free && r < FLIP_REPEATS ? "not tested" : pct(t.dropRate()));
                }
                s.append(" |\n");
            }
        }
        s.append("\nDrops from turn ").append(DROP_TURN).append(" (AR(1) ρ = 0.5 turns), ").append(AB)
                .append(" per cell (").append(AB / 4).append(" with R = ").append(FLIP_REPEATS).append("): power (the "
                        + "verdict says the baseline is better), drops located, and of those within 2 turns of turn 25 / "
                        + "with turn 25 in the approximate 95 % set / mean distance in turns\n\n");
        s.append("| design | R | drop | power | drop located | within ±2 | set holds 25 | mean distance |\n");
        s.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Design design : Design.values()) {
            for (int r : new int[] {1, 3, 5, FLIP_REPEATS}) {
                for (double drop : DROPS) {
                    Tally t = POWER_CELLS.get(key(design, String.valueOf(drop), r));
                    if (t == null) {
                        continue;
                    }
                    boolean free = design == Design.FREE_RUNNING;
                    s.append("| ").append(design.displayName()).append(" | ").append(r).append(" | ")
                            .append(String.format(Locale.ROOT, "%.2f", drop)).append(" | ")
                            .append(free && r == 1 ? "inconclusive" : pct(t.differenceRate())).append(" | ")
                            .append(free && r < FLIP_REPEATS ? "not tested" : pct(t.dropRate())).append(" | ")
                            .append(t.drops() == 0 ? "-" : pct((double) t.dropNearTrue() / t.drops())).append(" | ")
                            .append(t.drops() == 0 ? "-" : pct((double) t.setCovers() / t.drops())).append(" | ")
                            .append(t.drops() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", t.meanAbsError()))
                            .append(" |\n");
                }
            }
        }
        return s.toString();
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * x);
    }
}
