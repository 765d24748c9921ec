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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * For each design (shared history, free-running) and R = 1, 3, 5 runs per arm, {@value #AA} A/A comparisons: the
 * verdict and the change test must each call a difference at most 6 % of the time (their levels are 5 % and 1 %).
 * Then drops of 0.03, 0.05 and 0.10 from turn 25 (AR(1) turns): power, and where the change test put the drop. The
 * tables go to {@code core/target/verdict-calibration.md}; docs/experiments.md shows them.
 */
class VerdictCalibrationTest {

    /** A/A comparisons per cell. */
    static final int AA = 2000;
    /** A/B comparisons per power cell. */
    static final int AB = 1000;
    static final int TURNS = 50;
    static final int DROP_TURN = 25;
    static final double MEAN = 0.7;
    static final double SD = 0.08;
    static final double RUN_DRIFT_SD = 0.02;
    static final double RHO = 0.5;
    static final int[] REPEATS = {1, 3, 5};
    static final double[] DROPS = {0.03, 0.05, 0.10};

    enum Dependence {
        INDEPENDENT("independent turns"), AR1("AR(1) ρ = 0.5"), RUN_DRIFT("run drift, SD 0.02");

        final String title;

        Dependence(String title) {
            this.title = title;
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

    static final Map<String, Tally> AA_CELLS = new LinkedHashMap<>();
    static final Map<String, Tally> POWER_CELLS = new LinkedHashMap<>();

    @BeforeAll
    static void simulate() throws IOException {
        SplitMix64 random = new SplitMix64(20261201L);
        for (Design design : Design.values()) {
            for (Dependence dependence : Dependence.values()) {
                for (int r : REPEATS) {
                    AA_CELLS.put(key(design, dependence.title, r), tally(random, design, dependence, r, 0.0, AA));
                }
            }
        }
        for (Design design : Design.values()) {
            for (int r : REPEATS) {
                for (double drop : DROPS) {
                    POWER_CELLS.put(key(design, String.valueOf(drop), r), tally(random, design, Dependence.AR1, r,
                            drop, AB));
                }
            }
        }
        Path out = Path.of("target", "verdict-calibration.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, tables());
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
    void oneFreeRunningRunPerArmIsInconclusiveAndNeverAVerdict() {
        for (Dependence dependence : Dependence.values()) {
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
                double sharedDrift = dependence == Dependence.RUN_DRIFT ? RUN_DRIFT_SD * random.nextGaussian() : 0;
                double driftA = design == Design.SHARED_HISTORY ? sharedDrift
                        : dependence == Dependence.RUN_DRIFT ? RUN_DRIFT_SD * random.nextGaussian() : 0;
                double driftB = design == Design.SHARED_HISTORY ? sharedDrift
                        : dependence == Dependence.RUN_DRIFT ? RUN_DRIFT_SD * random.nextGaussian() : 0;
                a.add(run("a", design, scores(random, dependence, driftA, 0.0)));
                b.add(run("b", design, scores(random, dependence, driftB, drop)));
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

    /** One run's scores: noise of marginal SD 0.08 (AR(1) or independent), its drift, and the drop from turn 25. */
    private static double[] scores(SplitMix64 random, Dependence dependence, double drift, double drop) {
        double[] q = new double[TURNS];
        double previous = random.nextGaussian();
        for (int t = 0; t < TURNS; t++) {
            double e;
            if (dependence == Dependence.AR1) {
                e = t == 0 ? previous : RHO * previous + Math.sqrt(1 - RHO * RHO) * random.nextGaussian();
                previous = e;
            } else {
                e = random.nextGaussian();
            }
            q[t] = MEAN + drift + SD * e - (t + 1 >= DROP_TURN ? drop : 0.0);
        }
        return q;
    }

    private static SessionReport run(String label, Design design, double[] scores) {
        List<TurnMetrics> turns = new ArrayList<>(scores.length);
        for (int t = 0; t < scores.length; t++) {
            turns.add(new TurnMetrics(t + 1, "code_gen", Map.of(RepeatedComparison.QUALITY, scores[t])));
        }
        Map<String, Object> extra = design == Design.SHARED_HISTORY
                ? Map.of(Design.SHARED_HISTORY_FROM, "a") : Map.of();
        RunConfig config = new RunConfig("sim", "sim", label, TURNS, 20, "2026-12-01T00:00:00", extra);
        return new SessionReport(config, turns, List.of(), Summaries.of(turns, List.of(), 0), List.of(), List.of());
    }

    private static String key(Design design, String what, int repeats) {
        return design.jsonName() + " | " + what + " | R=" + repeats;
    }

    static String tables() {
        StringBuilder s = new StringBuilder();
        s.append("A/A comparisons (no difference between the arms), ").append(AA).append(" per cell: how often the "
                + "verdict calls a difference (level 5 %) and the change test locates a drop (level 1 %)\n\n");
        s.append("| design | turns | R = 1 verdict | R = 1 drop | R = 3 verdict | R = 3 drop | R = 5 verdict | R = 5 drop |\n");
        s.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Design design : Design.values()) {
            for (Dependence dependence : Dependence.values()) {
                s.append("| ").append(design.displayName()).append(" | ").append(dependence.title);
                for (int r : REPEATS) {
                    Tally t = AA_CELLS.get(key(design, dependence.title, r));
                    boolean inconclusive = design == Design.FREE_RUNNING && r == 1;
                    s.append(" | ").append(inconclusive ? "inconclusive" : pct(t.differenceRate()))
                            .append(" | ").append(pct(t.dropRate()));
                }
                s.append(" |\n");
            }
        }
        s.append("\nDrops from turn ").append(DROP_TURN).append(" (AR(1) ρ = 0.5 turns), ").append(AB)
                .append(" per cell: power (the verdict says the baseline is better), drops located, and of those "
                        + "within 2 turns of turn 25 / with turn 25 in the 95 % set / mean distance in turns\n\n");
        s.append("| design | R | drop | power | drop located | within ±2 | set holds 25 | mean distance |\n");
        s.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Design design : Design.values()) {
            for (int r : REPEATS) {
                for (double drop : DROPS) {
                    Tally t = POWER_CELLS.get(key(design, String.valueOf(drop), r));
                    s.append("| ").append(design.displayName()).append(" | ").append(r).append(" | ")
                            .append(String.format(Locale.ROOT, "%.2f", drop)).append(" | ")
                            .append(design == Design.FREE_RUNNING && r == 1 ? "inconclusive" : pct(t.differenceRate()))
                            .append(" | ").append(pct(t.dropRate())).append(" | ")
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
