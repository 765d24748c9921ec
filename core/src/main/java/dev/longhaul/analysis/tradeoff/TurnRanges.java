package dev.longhaul.analysis.tradeoff;

import java.util.ArrayList;
import java.util.List;

/** Turn numbers as a reader says them: {@code turn 7}, {@code turns 41–50}, {@code turns 3, 5–9}. */
public final class TurnRanges {

    private TurnRanges() {
    }

    /**
     * @param turns turn numbers, ascending, not empty
     * @return them with runs of consecutive turns joined by an en dash
     */
    public static String of(List<Integer> turns) {
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("no turns to name");
        }
        List<String> ranges = new ArrayList<>();
        int start = turns.get(0);
        int previous = start;
        for (int i = 1; i <= turns.size(); i++) {
            if (i < turns.size() && turns.get(i) == previous + 1) {
                previous = turns.get(i);
                continue;
            }
            ranges.add(start == previous ? String.valueOf(start) : start + "\u2013" + previous);
            if (i < turns.size()) {
                start = turns.get(i);
                previous = start;
            }
        }
        return (turns.size() == 1 ? "turn " : "turns ") + String.join(", ", ranges);
    }
}
