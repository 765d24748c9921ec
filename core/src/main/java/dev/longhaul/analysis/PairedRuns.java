package dev.longhaul.analysis;

import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two sides of repeated runs, paired by position (run i of side A with run i of side B: the same seed in an A/B)
 * and matched by turn number: a turn counts for a metric when both runs of the pair answered it with a numeric value.
 */
final class PairedRuns {

    /** One metric's matched observations, pair after pair, turns ascending within a pair. */
    record Observations(int[] turns, double[] a, double[] b) {

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

        /** The observations of turns at or after {@code firstTurn}. */
        Observations from(int firstTurn) {
            return select(t -> t >= firstTurn);
        }

        /** The observations of turns before {@code turn}. */
        Observations before(int turn) {
            return select(t -> t < turn);
        }

        /** The observations of one turn. */
        Observations at(int turn) {
            return select(t -> t == turn);
        }

        private Observations select(java.util.function.IntPredicate turnFilter) {
            List<Integer> keep = new ArrayList<>();
            for (int k = 0; k < turns.length; k++) {
                if (turnFilter.test(turns[k])) {
                    keep.add(k);
                }
            }
            int[] t = new int[keep.size()];
            double[] x = new double[keep.size()];
            double[] y = new double[keep.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = turns[keep.get(i)];
                x[i] = a[keep.get(i)];
                y[i] = b[keep.get(i)];
            }
            return new Observations(t, x, y);
        }
    }

    private final List<SessionReport> a;
    private final List<SessionReport> b;

    private PairedRuns(List<SessionReport> a, List<SessionReport> b) {
        this.a = a;
        this.b = b;
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

    /** Matched values of a metric both sides carry. */
    Observations paired(String metric) {
        List<Integer> turns = new ArrayList<>();
        List<Double> left = new ArrayList<>();
        List<Double> right = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Map<Integer, Double> x = byTurn(a.get(i), metric);
            Map<Integer, Double> y = byTurn(b.get(i), metric);
            x.keySet().stream().filter(y::containsKey).sorted().forEach(turn -> {
                turns.add(turn);
                left.add(x.get(turn));
                right.add(y.get(turn));
            });
        }
        return observations(turns, left, right);
    }

    /** Values of a metric on side B, run after run, turns ascending (side A's values are NaN). */
    Observations sideBOnly(String metric) {
        List<Integer> turns = new ArrayList<>();
        List<Double> missing = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (SessionReport run : b) {
            byTurn(run, metric).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                turns.add(e.getKey());
                missing.add(Double.NaN);
                values.add(e.getValue());
            });
        }
        return observations(turns, missing, values);
    }

    private static Observations observations(List<Integer> turns, List<Double> a, List<Double> b) {
        return new Observations(turns.stream().mapToInt(Integer::intValue).toArray(),
                a.stream().mapToDouble(Double::doubleValue).toArray(), b.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Each run's mean of a metric over its answered turns that carry it (NaN for a run without any). */
    static double[] runMeans(List<SessionReport> side, String metric) {
        double[] means = new double[side.size()];
        for (int i = 0; i < means.length; i++) {
            double sum = 0.0;
            int n = 0;
            for (double v : byTurn(side.get(i), metric).values()) {
                sum += v;
                n++;
            }
            means[i] = n == 0 ? Double.NaN : sum / n;
        }
        return means;
    }

    /** Numeric metrics that side B's turns carry and no turn of side A does, in order of first appearance. */
    List<String> sideBOnlyMetrics() {
        Set<String> onA = numericKeys(a);
        Set<String> onlyB = new LinkedHashSet<>(numericKeys(b));
        onlyB.removeAll(onA);
        return List.copyOf(onlyB);
    }

    private static Set<String> numericKeys(List<SessionReport> side) {
        Set<String> keys = new LinkedHashSet<>();
        for (SessionReport run : side) {
            for (TurnMetrics turn : measured(run)) {
                turn.values().forEach((k, v) -> {
                    if (v instanceof Number) {
                        keys.add(k);
                    }
                });
            }
        }
        return keys;
    }

    /** The turns a comparison judges: those not excluded from the quality figures (e.g. recall probes). */
    static List<TurnMetrics> measured(SessionReport run) {
        return run.turnMetrics().stream().filter(t -> !t.excludedFromQuality()).toList();
    }

    private static Map<Integer, Double> byTurn(SessionReport run, String metric) {
        Map<Integer, Double> values = new LinkedHashMap<>();
        for (TurnMetrics turn : measured(run)) {
            if (turn.values().get(metric) instanceof Number n) {
                values.put(turn.turn(), n.doubleValue());
            }
        }
        return values;
    }
}
