package dev.longhaul.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How well a run recalled the facts its script planted: the report's {@code probes} object, written after
 * {@code failed_turns}. Derived from the probe keys of the answered turns, so it is present exactly when a probe
 * turn was answered.
 *
 * <p>Only answered probe turns whose fact was planted by an answered turn count; the others are counted as
 * {@link #unplanted()}. A probe is <em>in context</em> when an expected answer occurred in the messages sent with
 * it (the history window before its own prompt): a miss in context is the model's, a miss out of context is the
 * window's (or the server's, when it dropped the start of a long prompt).
 *
 * @param all          every counted probe
 * @param inContext    probes whose answer was in the messages sent
 * @param outOfContext probes whose answer was not
 * @param byDistance   probes by turns since the plant, one entry per {@link #DISTANCE_BUCKETS} label, in order
 * @param unplanted    answered probes whose fact had not been planted by an answered turn
 */
public record ProbeRecall(Tally all, Tally inContext, Tally outOfContext, Map<String, Tally> byDistance,
                          int unplanted) {

    /** The distance buckets, in turns since the plant: 1–5, 6–10, 11–20, 21 and more. */
    public static final List<String> DISTANCE_BUCKETS = List.of("1-5", "6-10", "11-20", "21+");

    /**
     * Copies the buckets in order.
     *
     * @param all          every counted probe
     * @param inContext    probes whose answer was in the messages sent
     * @param outOfContext probes whose answer was not
     * @param byDistance   probes by turns since the plant, one entry per {@link #DISTANCE_BUCKETS} label, in order
     * @param unplanted    answered probes whose fact had not been planted by an answered turn
     */
    public ProbeRecall {
        byDistance = Collections.unmodifiableMap(new LinkedHashMap<>(byDistance));
    }

    /**
     * Probes asked and recalled.
     *
     * @param probed   probes counted
     * @param recalled of them, those answered with an expected answer
     */
    public record Tally(int probed, int recalled) {

        /** @return {@code recalled / probed} rounded to 3 decimals as Python rounds, or null when none were probed */
        public Double recall() {
            return probed == 0 ? null : PythonFormat.round((double) recalled / probed, 3);
        }

        Tally add(boolean recalledThis) {
            return new Tally(probed + 1, recalled + (recalledThis ? 1 : 0));
        }
    }

    /**
     * @param distance turns since the plant, at least 1
     * @return its {@link #DISTANCE_BUCKETS} label
     */
    public static String bucket(int distance) {
        if (distance < 1) {
            throw new IllegalArgumentException("a probe distance is at least 1 turn, was " + distance);
        }
        return distance <= 5 ? "1-5" : distance <= 10 ? "6-10" : distance <= 20 ? "11-20" : "21+";
    }

    /**
     * @param turns a run's answered turns
     * @return the recall figures, or empty when no probe turn was answered
     */
    public static Optional<ProbeRecall> of(List<TurnMetrics> turns) {
        Tally all = new Tally(0, 0);
        Tally in = new Tally(0, 0);
        Tally out = new Tally(0, 0);
        Map<String, Tally> byDistance = new LinkedHashMap<>();
        DISTANCE_BUCKETS.forEach(b -> byDistance.put(b, new Tally(0, 0)));
        int unplanted = 0;
        boolean anyProbe = false;
        for (TurnMetrics t : turns) {
            if (!t.has(MetricKey.PROBE_KEY)) {
                continue;
            }
            anyProbe = true;
            Integer distance = t.get(MetricKey.PROBE_DISTANCE_TURNS).orElse(null);
            if (distance == null) {
                unplanted++;
                continue;
            }
            boolean recalled = t.isTrue(MetricKey.PROBE_RECALLED);
            all = all.add(recalled);
            if (t.isTrue(MetricKey.PROBE_IN_CONTEXT)) {
                in = in.add(recalled);
            } else {
                out = out.add(recalled);
            }
            byDistance.computeIfPresent(bucket(distance), (b, tally) -> tally.add(recalled));
        }
        return anyProbe ? Optional.of(new ProbeRecall(all, in, out, byDistance, unplanted)) : Optional.empty();
    }
}
