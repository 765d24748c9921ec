package dev.longhaul.render;

import static dev.longhaul.render.HtmlEscape.text;

import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code Turns} section of the HTML report: one collapsed {@code <details>} per played turn whose summary line
 * gives each run's score and flags, and whose body holds the prompt and each run's answer side by side.
 *
 * <p>Every {@code <pre>} opens with a line feed: the HTML parser drops one line feed right after {@code <pre>}, so
 * an answer that itself starts with one keeps it.
 */
final class TurnsHtml {

    private TurnsHtml() {
    }

    static void append(StringBuilder out, ReportSet set, Timeline timeline) {
        List<Arm> arms = set.arms();
        boolean anySaved = arms.stream().anyMatch(arm -> !arm.report().responses().isEmpty());
        out.append("<section id=\"turns\">\n<h2>Turns</h2>\n");
        if (!anySaved) {
            out.append("<p class=\"note\">The answers were not saved (run with <code>--save-responses</code>, or ab "
                    + "without <code>--no-save-responses</code>, to see them here); each turn shows its figures.</p>\n");
        }
        List<TurnIndex> turns = arms.stream().map(arm -> new TurnIndex(arm.report())).toList();
        for (Map.Entry<Integer, String> played : timeline.playedTurns().entrySet()) {
            int turn = played.getKey();
            out.append("<details class=\"turn\" id=\"turn-").append(turn).append("\" data-turn=\"").append(turn)
                    .append("\"><summary><strong>Turn ").append(turn).append("</strong> \u00b7 ")
                    .append(text(played.getValue()));
            for (int i = 0; i < arms.size(); i++) {
                appendScore(out, arms.get(i), turns.get(i), i, turn);
            }
            out.append("</summary>\n<div class=\"body\">\n");
            appendPrompts(out, arms, turns, turn);
            out.append("<div class=\"answers\" style=\"grid-template-columns: repeat(").append(arms.size())
                    .append(", minmax(0, 1fr))\">\n");
            for (int i = 0; i < arms.size(); i++) {
                appendAnswer(out, arms.get(i), turns.get(i), i, turn, turns.get(0).saved(turn));
            }
            out.append("</div>\n</div>\n</details>\n");
        }
        out.append("</section>\n");
    }

    private static void appendScore(StringBuilder out, Arm arm, TurnIndex report, int index, int turn) {
        TurnMetrics metrics = report.metrics(turn);
        out.append("<span class=\"score\">").append(HtmlReport.swatch(index)).append(text(arm.label())).append(' ');
        if (metrics != null) {
            out.append(PythonFormat.fixed(metrics.qualityScore(), 3));
        } else if (report.failure(turn) != null) {
            out.append("<span class=\"warn\">failed</span>");
        } else {
            out.append("\u2014");
        }
        out.append("</span>");
        if (report.alert(turn) != null) {
            out.append("<span class=\"flag\">\u25bc ").append(text(arm.label())).append(" degraded</span>");
        }
    }

    /** One prompt block when every run was sent the same prompt, else one per run. */
    private static void appendPrompts(StringBuilder out, List<Arm> arms, List<TurnIndex> turns, int turn) {
        Set<String> prompts = new LinkedHashSet<>();
        List<String> perArm = new ArrayList<>();
        for (TurnIndex report : turns) {
            String prompt = report.prompt(turn);
            perArm.add(prompt);
            if (prompt != null) {
                prompts.add(prompt);
            }
        }
        if (prompts.isEmpty()) {
            out.append("<p class=\"note\">Prompt not saved.</p>\n");
        } else if (prompts.size() == 1) {
            out.append("<div class=\"prompt\"><h4>Prompt</h4><pre>\n").append(text(prompts.iterator().next()))
                    .append("</pre></div>\n");
        } else {
            for (int i = 0; i < arms.size(); i++) {
                out.append("<div class=\"prompt\" data-series=\"").append(text(arms.get(i).label())).append("\"><h4>")
                        .append("Prompt to ").append(text(arms.get(i).label())).append("</h4><pre>\n")
                        .append(perArm.get(i) == null ? "(not saved)" : text(perArm.get(i))).append("</pre></div>\n");
            }
        }
    }

    private static void appendAnswer(StringBuilder out, Arm arm, TurnIndex report, int index, int turn,
                                     SavedResponse baseline) {
        TurnMetrics metrics = report.metrics(turn);
        FailedTurn failed = report.failure(turn);
        out.append("<div class=\"answer\" data-series=\"").append(text(arm.label())).append("\"><h4>")
                .append(HtmlReport.swatch(index)).append(text(arm.label()));
        if (metrics != null) {
            out.append(" \u00b7 score ").append(PythonFormat.fixed(metrics.qualityScore(), 3))
                    .append(" \u00b7 ").append(metrics.responseLength()).append(" chars");
            Double speed = TurnValues.number(metrics, MetricKey.TOKENS_PER_S);
            if (speed != null) {
                out.append(" \u00b7 ").append(PythonFormat.fixed(speed, 1)).append(" tok/s");
            }
            Double prompt = TurnValues.promptTokens(metrics);
            if (prompt != null) {
                out.append(" \u00b7 prompt ").append(Math.round(prompt)).append(" tokens");
            }
        }
        out.append("</h4>");
        DegradationAlert alert = report.alert(turn);
        if (alert != null) {
            out.append("<p class=\"warn\">Degraded: ").append(PythonFormat.fixed(alert.drop(), 3))
                    .append(" below the window average ").append(PythonFormat.fixed(alert.windowAvg(), 3))
                    .append(alert.contextPressure() ? ", under context pressure" : "").append("</p>");
        }
        SavedResponse saved = report.saved(turn);
        if (failed != null) {
            out.append("<p class=\"warn\">No answer: ").append(text(failed.kind().jsonName())).append(" after ")
                    .append(failed.attempts()).append(failed.attempts() == 1 ? " attempt: " : " attempts: ")
                    .append(text(failed.message())).append("</p>");
        } else if (saved != null && index > 0 && baseline != null && metrics != null
                && TurnValues.number(metrics, MetricKey.FIRST_DIVERGENCE_TOKEN) != null) {
            appendDiverging(out, baseline.response(), saved.response(),
                    TurnValues.number(metrics, MetricKey.FIRST_DIVERGENCE_TOKEN).intValue());
        } else if (saved != null) {
            out.append("<pre>\n").append(text(saved.response())).append("</pre>");
        } else if (metrics != null) {
            out.append("<p class=\"note\">Answer not saved.</p>");
        } else {
            out.append("<p class=\"note\">Not played.</p>");
        }
        if (metrics != null) {
            appendAllMetrics(out, metrics);
        }
        out.append("</div>\n");
    }

    /**
     * A greedy arm's answer with the part from its first divergence from the baseline's answer marked: both answered
     * the same conversation, so what came before it is the baseline's text, token for token.
     */
    private static void appendDiverging(StringBuilder out, String baseline, String answer, int token) {
        int common = 0;
        int n = Math.min(baseline.length(), answer.length());
        while (common < n && baseline.charAt(common) == answer.charAt(common)) {
            common++;
        }
        out.append("<pre>\n").append(text(answer.substring(0, common))).append("<mark class=\"divergence\" ")
                .append("data-token=\"").append(token).append("\" title=\"first greedy divergence from the baseline's "
                        + "answer (its token ").append(token).append(")\">\u25b8</mark>")
                .append(text(answer.substring(common))).append("</pre>")
                .append("<p class=\"note\">\u25b8 departs from the baseline's answer at its token ").append(token)
                .append(" (character ").append(common).append(").</p>");
    }

    /** Every metric of the turn, a scorer's own ones included, in report order (inside the collapsed turn). */
    private static void appendAllMetrics(StringBuilder out, TurnMetrics metrics) {
        out.append("<table class=\"metrics\"><caption>All metrics (").append(metrics.values().size())
                .append(")</caption>");
        for (Map.Entry<String, Object> e : metrics.values().entrySet()) {
            Object v = e.getValue();
            String shown = v instanceof List<?> list ? "[" + list.size() + " values]" : String.valueOf(v);
            out.append("<tr data-metric=\"").append(text(e.getKey())).append("\"><th>").append(text(e.getKey()))
                    .append("</th><td>").append(text(shown)).append("</td></tr>");
        }
        out.append("</table>");
    }
}
