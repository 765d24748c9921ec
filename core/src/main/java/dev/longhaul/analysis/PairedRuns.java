package dev.longhaul.analysis;

import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two sides of runs, paired by position (run i of side A with run i of side B: the same sampling seed and repeat in an A/B),
 * and within a pair matched by turn: a turn counts for a metric when both runs answered it with a finite number and,
 * where both saved their prompts, asked the same prompt. Turns excluded from the quality figures (recall probes) never
 * count. Everything here is linear in the number of turns.
 */
final class PairedRuns {

    /**
     * One run pair's matched values of a metric, turns ascending.
     *
     * @param turns the matched turns
     * @param a     side A's values
     * @param b     side B's values
     */
    record Series(int[] turns, double[] a, double[] b) {

        int size() {
            return turns.length;
        }

        double[] differences() {
            double[] d = new double[turns.length];
            for (int k = 0; k < d.length; k++) {
                d[k] = b[k] - a[k];
            }
            return d;
        }

        /** The differences at the given turns, all of which this series holds, ascending. */
        double[] differencesAt(int[] commonTurns) {
            double[] d = new double[commonTurns.length];
            int k = 0;
            for (int i = 0; i < commonTurns.length; i++) {
                while (turns[k] != commonTurns[i]) {
                    k++;
                }
                d[i] = b[k] - a[k];
            }
            return d;
        }
    }

    /** A run's measured turns and saved prompts, by turn number. */
    private record RunTurns(TreeMap<Integer, TurnMetrics> turns, Map<Integer, String> prompts) {

        static RunTurns of(SessionReport run) {
            TreeMap<Integer, TurnMetrics> turns = new TreeMap<>();
            for (TurnMetrics t : run.turnMetrics()) {
                if (!t.excludedFromQuality()) {
                    turns.put(t.turn(), t);
                }
            }
            Map<Integer, String> prompts = new HashMap<>();
            for (SavedResponse r : run.responses()) {
                prompts.put(r.turn(), r.prompt());
            }
            return new RunTurns(turns, prompts);
        }
    }

    private final List<SessionReport> a;
    private final List<SessionReport> b;
    private final List<RunTurns> turnsA;
    private final List<RunTurns> turnsB;

    private PairedRuns(List<SessionReport> a, List<SessionReport> b) {
        this.a = a;
        this.b = b;
        this.turnsA = a.stream().map(RunTurns::of).toList();
        this.turnsB = b.stream().map(RunTurns::of).toList();
    }

    static PairedRuns of(List<SessionReport> a, List<SessionReport> b) {
        if (a.isEmpty() || b.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one report per side, got "
                    + a.size() + " and " + b.size());
        }
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("runs are paired by position: side A has " + a.size()
                    + " reports and side B " + b.size() + "; give both sides the same number");
        }
        return new PairedRuns(List.copyOf(a), List.copyOf(b));
    }

    int runs() {
        return a.size();
    }

    List<SessionReport> sideA() {
        return a;
    }

    List<SessionReport> sideB() {
        return b;
    }

    /** Each run pair's matched values of a metric both sides carry. */
    List<Series> series(String metric) {
        List<Series> all = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            RunTurns x = turnsA.get(i);
            RunTurns y = turnsB.get(i);
            int[] turns = new int[x.turns().size()];
            double[] left = new double[turns.length];
            double[] right = new double[turns.length];
            int n = 0;
            for (Map.Entry<Integer, TurnMetrics> e : x.turns().entrySet()) {
                TurnMetrics other = y.turns().get(e.getKey());
                if (other != null && samePrompt(x, y, e.getKey())
                        && e.getValue().values().get(metric) instanceof Number p && Double.isFinite(p.doubleValue())
                        && other.values().get(metric) instanceof Number q && Double.isFinite(q.doubleValue())) {
                    turns[n] = e.getKey();
                    left[n] = p.doubleValue();
                    right[n] = q.doubleValue();
                    n++;
                }
            }
            all.add(new Series(Arrays.copyOf(turns, n), Arrays.copyOf(left, n), Arrays.copyOf(right, n)));
        }
        return all;
    }

    /** Turns both runs of a pair answered but with different saved prompts, over all pairs: left out everywhere. */
    int promptMismatches() {
        int count = 0;
        for (int i = 0; i < a.size(); i++) {
            RunTurns x = turnsA.get(i);
            RunTurns y = turnsB.get(i);
            for (Integer turn : x.turns().keySet()) {
                if (y.turns().containsKey(turn) && !samePrompt(x, y, turn)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean samePrompt(RunTurns x, RunTurns y, int turn) {
        String p = x.prompts().get(turn);
        String q = y.prompts().get(turn);
        return p == null || q == null || p.equals(q);
    }

    /** Each run's mean of a metric over its measured turns that carry it (NaN for a run without any). */
    static double[] runMeans(List<SessionReport> side, String metric) {
        double[] means = new double[side.size()];
        for (int i = 0; i < means.length; i++) {
            double sum = 0.0;
            int n = 0;
            for (TurnMetrics turn : measured(side.get(i))) {
                if (turn.values().get(metric) instanceof Number v && Double.isFinite(v.doubleValue())) {
                    sum += v.doubleValue();
                    n++;
                }
            }
            means[i] = n == 0 ? Double.NaN : sum / n;
        }
        return means;
    }

    /** The turns a comparison judges: those not excluded from the quality figures (e.g. recall probes). */
    static List<TurnMetrics> measured(SessionReport run) {
        return run.turnMetrics().stream().filter(t -> !t.excludedFromQuality()).toList();
    }
}
