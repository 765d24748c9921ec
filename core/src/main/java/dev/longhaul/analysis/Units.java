package dev.longhaul.analysis;

import dev.longhaul.analysis.stats.Inference;
import dev.longhaul.analysis.stats.RunMeansTest;
import dev.longhaul.analysis.stats.SeriesMeanTest;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The units of inference of a comparison in its {@link Design}, with repeats that are really one run counted once:
 * in shared history the run pairs (their per-turn differences), free-running the runs of each side (one mean each).
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
        List<PairedRuns.Series> quality = runs.series(RepeatedComparison.QUALITY);
        List<Integer> pairs = distinctPairs(runs);
        List<Integer> a = distinctRuns(runs.sideA());
        List<Integer> b = distinctRuns(runs.sideB());
        List<Integer> n = distinctRuns(noise);
        String inconclusive = null;
        if (design == Design.SHARED_HISTORY) {
            note(notes, runs.runs(), pairs.size(), "run pairs", "they repeat an earlier pair's runs");
            if (pairs.stream().noneMatch(i -> quality.get(i).size() >= SeriesMeanTest.MIN_LENGTH)) {
                inconclusive = "fewer than " + SeriesMeanTest.MIN_LENGTH + " paired turns, too few for an interval "
                        + "that holds when turns are correlated";
            }
        } else {
            note(notes, runs.runs(), a.size(), "runs of " + runs.sideA().get(0).label(), "they are identical");
            note(notes, runs.runs(), b.size(), "runs of " + runs.sideB().get(0).label(), "they are identical");
            if (runs.runs() == 1) {
                inconclusive = "one free-running run per arm cannot tell run-to-run drift from the arm";
            } else if (a.size() < RunMeansTest.MIN_RUNS || b.size() < RunMeansTest.MIN_RUNS) {
                inconclusive = "the repeats of an arm are one run (greedy decoding plays one conversation whatever the "
                        + "seed), and one free-running run per arm cannot tell run-to-run drift from the arm";
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
            List<double[]> differences = new ArrayList<>();
            for (int i : pairs) {
                if (series.get(i).size() >= SeriesMeanTest.MIN_LENGTH) {
                    differences.add(series.get(i).differences());
                }
            }
            return differences.isEmpty() ? null : SeriesMeanTest.of(differences, level);
        }
        double[] a = means(runs.sideA(), runsA, metric);
        double[] b = means(runs.sideB(), runsB, metric);
        if (a.length < RunMeansTest.MIN_RUNS || b.length < RunMeansTest.MIN_RUNS) {
            return null;
        }
        return RunMeansTest.of(a, b, means(noise, runsNoise, metric), level);
    }

    /** The series of the run pairs, those whose quality differences repeat an earlier pair's left out. */
    List<PairedRuns.Series> distinctPairs(List<PairedRuns.Series> series) {
        return pairs.stream().map(series::get).toList();
    }

    /** The turns every one of those pairs answered, ascending. */
    int[] commonTurns(List<PairedRuns.Series> series) {
        List<PairedRuns.Series> used = distinctPairs(series);
        int[] common = used.get(0).turns();
        for (PairedRuns.Series s : used.subList(1, used.size())) {
            common = intersect(common, s.turns());
        }
        return common;
    }

    private static double[] means(List<SessionReport> side, List<Integer> distinct, String metric) {
        double[] all = PairedRuns.runMeans(side, metric);
        return distinct.stream().mapToDouble(i -> all[i]).filter(v -> !Double.isNaN(v)).toArray();
    }

    private static void note(List<String> notes, int runs, int distinct, String what, String why) {
        if (distinct < runs) {
            notes.add(runs + " " + what + " counted as " + distinct + ": " + why
                    + " (greedy decoding repeats one conversation whatever the seed)");
        }
    }

    /**
     * Indices of the run pairs whose runs are not both the same as an earlier pair's: repeats of greedy decoding.
     * Runs are the same when every measured turn has the same quality score and answer length — a coincidence
     * across a whole run otherwise.
     */
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

    /** Indices of the runs of a side that are not the same as an earlier run (see {@link #distinctPairs}). */
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

    /** Turn, quality score and answer length of every measured turn. */
    private static double[] signature(SessionReport run) {
        List<TurnMetrics> turns = PairedRuns.measured(run);
        double[] signature = new double[turns.size() * 3];
        for (int k = 0; k < turns.size(); k++) {
            TurnMetrics t = turns.get(k);
            signature[3 * k] = t.turn();
            signature[3 * k + 1] = t.qualityScore();
            signature[3 * k + 2] = t.values().get("response_length") instanceof Number n ? n.doubleValue() : -1;
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
