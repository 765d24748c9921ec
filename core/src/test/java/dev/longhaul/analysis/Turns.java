package dev.longhaul.analysis;

import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scored turns for tests. */
final class Turns {

    private Turns() {
    }

    static TurnMetrics turn(int turn, String phase, double score, int length, int hallucinated, double repetition) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("response_length", length);
        values.put("hallucinated_references", hallucinated);
        values.put("repetition_ratio", repetition);
        values.put("quality_score", score);
        return new TurnMetrics(turn, phase, values);
    }

    /** Turns 1..n, all in phase "code_gen", with the given scores. */
    static List<TurnMetrics> scored(double... scores) {
        List<TurnMetrics> turns = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            turns.add(turn(i + 1, "code_gen", scores[i], 100, 0, 0.0));
        }
        return turns;
    }
}
