package dev.longhaul.analysis;

import dev.longhaul.analysis.stats.DropTest;
import dev.longhaul.analysis.stats.Inference;
import dev.longhaul.analysis.stats.RunMeansTest;
import dev.longhaul.analysis.stats.SeriesMeanTest;
import dev.longhaul.analysis.stats.VerdictLevels;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The units of inference of a comparison in its {@link Design}, with repeats that are really one run counted once:
 * in shared history the run pairs (their per-turn differences), free-running the runs of each side (one mean each)
 * and, for the change test, the run pairs as wholes.
 *
 * <p>Repeats are one run when decoding was greedy (every report says temperature 0: the seed changes nothing), or
 * when a run repeats an earlier one turn for turn (the same quality score, answer length and tokens on every
 * measured turn).
 */
final class Units {

    private final Design design;
    private final List<Integer> pairs;
    private final List<Integer> runsA;
    private final List<Integer> runsB;
    private final List<Integer> runsNoise;
    private final String inconclusive;

    private Units(Design design, List<Integer> pairs, List<Integer> runsA, List<Integer> runsB,
                  List<Integer> runsNoise, String inconclusive) {
        this.design = design;
        this.pairs = pairs;
        this.runsA = runsA;
        this.runsB = runsB;
        this.runsNoise = runsNoise;
        this.inconclusive = inconclusive;
    }

    static Units of(Design design, PairedRuns runs, List<SessionReport> noise, List<String> notes) {
        boolean greedy = runs.runs() > 1 && Stream.concat(runs.sideA().stream(), runs.sideB().stream())
                .allMatch(r -> r.config().temperature().filter(t -> t == 0).isPresent());
        List<Integer> pairs = greedy ? List.of(0) : distinctPairs(runs);
        List<Integer> a = greedy ? List.of(0) : distinctRuns(runs.sideA());
        List<Integer> b = greedy ? List.of(0) : distinctRuns(runs.sideB());
        List<Integer> n = distinctRuns(noise);
        if (greedy) {
            notes.add(runs.runs() + " repeats counted as 1: decoding was greedy (temperature 0), so every seed plays "
                    + "the same conversation");
        }
        String inconclusive = null;
        List<PairedRuns.Series> quality = runs.series(RepeatedComparison.QUALITY);
        if (design == Design.SHARED_HISTORY) {
            note(notes, greedy, runs.runs(), pairs.size(), "run pairs", "they repeat an earlier pair's runs");
            List<Integer> tooShort = pairs.stream().filter(i -> quality.get(i).size() < SeriesMeanTest.MIN_LENGTH).toList();
            if (tooShort.size() == pairs.size()) {
                inconclusive = "fewer than " + SeriesMeanTest.MIN_LENGTH + " paired turns, too few for an interval "
                        + "that holds when turns are correlated";
            } else if (!tooShort.isEmpty()) {
                notes.add(tooShort.size() + " run pair" + (tooShort.size() == 1 ? "" : "s") + " left out of the tests: "
                        + "fewer than " + SeriesMeanTest.MIN_LENGTH + " paired turns");
            }
            mismatchedSeeds(runs, pairs).ifPresent(notes::add);
        } else {
            note(notes, greedy, runs.runs(), a.size(), "runs of " + runs.sideA().get(0).label(), "they are identical");
            note(notes, greedy, runs.runs(), b.size(), "runs of " + runs.sideB().get(0).label(), "they are identical");
            if (runs.runs() == 1) {
                inconclusive = "one free-running run per arm cannot tell run-to-run drift from the arm";
            } else if (a.size() < RunMeansTest.MIN_RUNS || b.size() < RunMeansTest.MIN_RUNS) {
                inconclusive = "the repeats of an arm are one run, and one free-running run per arm cannot tell "
                        + "run-to-run drift from the arm";
            }
        }
        return new Units(design, pairs, a, b, n, inconclusive);
    }

    /** @return why the design cannot test this comparison, or null when it can */
    String inconclusive() {
        return inconclusive;
    }

    /**
     * The design's test of a metric's difference, or null when it cannot be tested.
     *
     * @param metric the metric
     * @param series its paired series, one per run pair
     * @param runs   the runs
     * @param noise  noise-floor runs (variance replicates when free-running)
     * @param level  the interval's level
     */
    Inference test(String metric, List<PairedRuns.Series> series, PairedRuns runs, List<SessionReport> noise,
                   double level) {
        if (inconclusive != null) {
            return null;
        }
        if (design == Design.SHARED_HISTORY) {
            List<double[]> differences = tested(series).stream().map(PairedRuns.Series::differences).toList();
            return differences.isEmpty() ? null : SeriesMeanTest.of(differences, level);
        }
        double[] a = means(runs.sideA(), runsA, metric);
        double[] b = means(runs.sideB(), runsB, metric);
        if (a.length < RunMeansTest.MIN_RUNS || b.length < RunMeansTest.MIN_RUNS) {
            return null;
        }
        return RunMeansTest.of(a, b, means(noise, runsNoise, metric), level);
    }

    /**
     * The change test on the quality differences of the pairs the tests use, over the turns every one of them
     * answered: in shared history with the Gaussian null, free-running by flipping whole run pairs (their runs
     * may part at any turn and drift apart, which only a whole-pair null keeps at its level).
     *
     * @return the outcome and the turns tested, or null with a note when it cannot run
     */
    Change change(List<PairedRuns.Series> quality, VerdictLevels levels, List<String> notes) {
        List<PairedRuns.Series> used = tested(quality);
        if (used.isEmpty()) {
            return null;
        }
        if (design == Design.FREE_RUNNING && used.size() < DropTest.unitsToFlip(levels.changeTest())) {
            notes.add("no change test: free-running run pairs are tested as wholes, which needs "
                    + DropTest.unitsToFlip(levels.changeTest()) + " or more distinct pairs to reach its level, not "
                    + used.size());
            return null;
        }
        int[] common = used.get(0).turns();
        for (PairedRuns.Series s : used.subList(1, used.size())) {
            common = intersect(common, s.turns());
        }
        if (common.length < DropTest.MIN_LENGTH) {
            notes.add("no change test: " + common.length + " turns paired in every run pair, fewer than "
                    + DropTest.MIN_LENGTH);
            return null;
        }
        int[] turns = common;
        List<double[]> series = used.stream().map(s -> s.differencesAt(turns)).toList();
        DropTest.Result result = design == Design.SHARED_HISTORY ? DropTest.of(series, levels)
                : DropTest.flippingUnits(series, levels);
        return new Change(result, turns, series.size());
    }

    /**
     * The change test's outcome with the turns it ran on.
     *
     * @param result the outcome; its indices point into {@code turns}
     * @param turns  the turn numbers of the tested series
     * @param units  the run pairs averaged
     */
    record Change(DropTest.Result result, int[] turns, int units) {
    }

    /** The run pairs the shared-history tests use: distinct, and with enough paired turns. */
    private List<PairedRuns.Series> tested(List<PairedRuns.Series> series) {
        return pairs.stream().map(series::get)
                .filter(s -> design == Design.FREE_RUNNING || s.size() >= SeriesMeanTest.MIN_LENGTH).toList();
    }

    /** The runs of a side that count, for pooling what only one side carries (token fidelity). */
    List<SessionReport> distinctRunsOfB(PairedRuns runs) {
        return pairs.stream().map(runs.sideB()::get).toList();
    }

    private static double[] means(List<SessionReport> side, List<Integer> distinct, String metric) {
        double[] all = PairedRuns.runMeans(side, metric);
        return distinct.stream().mapToDouble(i -> all[i]).filter(v -> !Double.isNaN(v)).toArray();
    }

    private static void note(List<String> notes, boolean greedy, int runs, int distinct, String what, String why) {
        if (!greedy && distinct < runs) {
            notes.add(runs + " " + what + " counted as " + distinct + ": " + why);
        }
    }

    /** In shared history a pair answers one conversation: its two runs were played with one seed. */
    private static Optional<String> mismatchedSeeds(PairedRuns runs, List<Integer> pairs) {
        for (int i : pairs) {
            Long a = runs.sideA().get(i).config().samplingSeed().orElse(null);
            Long b = runs.sideB().get(i).config().samplingSeed().orElse(null);
            if (a != null && b != null && !Objects.equals(a, b)) {
                return Optional.of("run pair " + (i + 1) + " has seeds " + a + " | " + b + ": in shared "
                        + "history a pair answers one conversation, so check the order of the reports");
            }
        }
        return Optional.empty();
    }

    /** Indices of the run pairs whose two runs are not both the same as an earlier pair's. */
    private static List<Integer> distinctPairs(PairedRuns runs) {
        List<double[]> signatures = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < runs.runs(); i++) {
            double[] a = signature(runs.sideA().get(i));
            double[] b = signature(runs.sideB().get(i));
            double[] pair = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, pair, a.length, b.length);
            if (signatures.stream().noneMatch(s -> Arrays.equals(s, pair))) {
                kept.add(i);
            }
            signatures.add(pair);
        }
        return kept;
    }

    /** Indices of the runs of a side that are not the same as an earlier run. */
    private static List<Integer> distinctRuns(List<SessionReport> side) {
        List<double[]> signatures = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < side.size(); i++) {
            double[] signature = signature(side.get(i));
            if (signatures.stream().noneMatch(s -> Arrays.equals(s, signature))) {
                kept.add(i);
            }
            signatures.add(signature);
        }
        return kept;
    }

    /**
     * Turn, quality score, answer length and tokens generated of every measured turn: equal over a whole run only
     * when the answers were (a coarse score alone could coincide).
     */
    private static double[] signature(SessionReport run) {
        List<TurnMetrics> turns = PairedRuns.measured(run);
        double[] signature = new double[turns.size() * 4];
        for (int k = 0; k < turns.size(); k++) {
            TurnMetrics t = turns.get(k);
            signature[4 * k] = t.turn();
            signature[4 * k + 1] = t.qualityScore();
            signature[4 * k + 2] = t.numberOrNaN(MetricKey.RESPONSE_LENGTH);
            signature[4 * k + 3] = t.numberOrNaN(MetricKey.TOKENS_GENERATED);
        }
        return signature;
    }

    private static int[] intersect(int[] x, int[] y) {
        int[] out = new int[Math.min(x.length, y.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < x.length && j < y.length) {
            if (x[i] < y[j]) {
                i++;
            } else if (x[i] > y[j]) {
                j++;
            } else {
                out[n++] = x[i];
                i++;
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
