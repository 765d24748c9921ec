package dev.longhaul.analysis;

import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How the runs of a comparison were played, which decides what a verdict can be built on.
 *
 * <ul>
 *   <li>{@link #SHARED_HISTORY}: every arm answered the baseline's conversation turn by turn, so each turn's two
 *       answers share their context and their difference comes from the arm. The turn is the unit of inference;
 *       one run per arm suffices.</li>
 *   <li>{@link #FREE_RUNNING}: each run built its own history from its own answers (the seed's design), so runs
 *       drift apart as wholes and turns inside a run depend on each other. The run is the unit of inference; a
 *       verdict needs at least two runs per arm.</li>
 * </ul>
 */
public enum Design {
    /** Every arm answered the baseline's history. */
    SHARED_HISTORY,
    /** Every run answered its own history. */
    FREE_RUNNING;

    /** @return the name in JSON: {@code shared_history} or {@code free_running} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the name in text: {@code shared history} or {@code free-running} */
    public String displayName() {
        return this == SHARED_HISTORY ? "shared history" : "free-running";
    }

    /**
     * The design the reports say they were played with: shared history when every report of both sides names the
     * same baseline in {@link RunConfig#sharedHistoryFrom()}, free-running otherwise (the seed's reports, and {@code run}'s).
     *
     * @param a the baseline's reports
     * @param b the compared side's reports
     * @return the design
     */
    public static Design of(List<SessionReport> a, List<SessionReport> b) {
        List<String> from = Stream.concat(a.stream(), b.stream())
                .map(r -> r.config().sharedHistoryFrom().orElse(null)).distinct().toList();
        return from.size() == 1 && from.get(0) != null ? SHARED_HISTORY : FREE_RUNNING;
    }
}
