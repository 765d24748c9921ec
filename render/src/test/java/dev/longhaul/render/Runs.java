package dev.longhaul.render;

import dev.longhaul.analysis.Summaries;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Constructed runs for the renderer tests: turns 1–5 in phase {@code code_gen}, 6–10 in {@code debug}, and so on
 * in blocks of five; turn {@code t} has response length {@code 100 + t}, {@code 50 + t} tokens/s, {@code 100 t}
 * prompt tokens, the score given, and a saved answer {@code answer(label, t)}.
 */
final class Runs {

    /** Markup an answer might hold; none of it may act as markup in a rendered page. */
    static final String PAYLOAD = "<script>document.title='PWNED'</script></svg><img src=x onerror=\"alert(1)\">"
            + "<b onmouseover='x'>&amp;";

    private Runs() {
    }

    static String phase(int turn) {
        String[] phases = {"code_gen", "debug", "refactor", "testing", "iteration"};
        return phases[((turn - 1) / 5) % phases.length];
    }

    static String answer(String label, int turn) {
        return "Answer of " + label + " to turn " + turn + ".";
    }

    /**
     * @param label  the KV type
     * @param scores quality score per turn, turn 1 first
     * @param failed turns without an answer (their scores are ignored)
     * @param alerts turns flagged as degraded
     */
    static SessionReport run(String label, double[] scores, Set<Integer> failed, Set<Integer> alerts) {
        return run(label, scores, failed, alerts, Map.of("context_size", 4096));
    }

    static SessionReport run(String label, double[] scores, Set<Integer> failed, Set<Integer> alerts,
                             Map<String, Object> configExtra) {
        List<TurnMetrics> turns = new ArrayList<>();
        List<FailedTurn> failures = new ArrayList<>();
        List<SavedResponse> responses = new ArrayList<>();
        List<DegradationAlert> flagged = new ArrayList<>();
        for (int t = 1; t <= scores.length; t++) {
            if (failed.contains(t)) {
                failures.add(new FailedTurn(t, phase(t), "Prompt " + t, FailureKind.TIMEOUT, "no answer within 120 s", 3, 360.0));
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("response_length", 100 + t);
            values.put("has_code_blocks", t % 2 == 0);
            values.put("quality_score", scores[t - 1]);
            values.put("tokens_per_s", 50.0 + t);
            values.put("prompt_eval_count", 100 * t);
            turns.add(new TurnMetrics(t, phase(t), values));
            responses.add(new SavedResponse(t, phase(t), "Prompt " + t, answer(label, t)));
            if (alerts.contains(t)) {
                flagged.add(new DegradationAlert(t, phase(t), scores[t - 1], scores[t - 1] + 0.2, 0.2));
            }
        }
        RunConfig config = new RunConfig("scripted", "test-model", label, scores.length, 20,
                "2025-01-02T03:04:05.678901", configExtra);
        return new SessionReport(config, turns, flagged, Summaries.of(turns, flagged, failures.size()), responses,
                failures);
    }

    /** The same run with other answers (turn number to text). */
    static SessionReport withAnswers(SessionReport report, Map<Integer, String> answers) {
        List<SavedResponse> responses = new ArrayList<>();
        for (SavedResponse r : report.responses()) {
            responses.add(new SavedResponse(r.turn(), r.phase(), r.prompt(), answers.getOrDefault(r.turn(), r.response())));
        }
        return new SessionReport(report.config(), report.turnMetrics(), report.degradationAlerts(), report.summary(),
                responses, report.failedTurns());
    }

    static double[] scores(int turns, double score) {
        double[] scores = new double[turns];
        java.util.Arrays.fill(scores, score);
        return scores;
    }
}
