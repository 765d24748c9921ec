package dev.longhaul.render;

import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The charts of a rendered report, one series per run in each: quality per turn (with the phase bands, the
 * degradation alerts and the failed turns), response length, tokens per second, prompt tokens against the
 * context size, and, for the arms of a shared-history A/B, mean KLD and same-top rate per turn and against the
 * turn's prompt tokens.
 */
final class ReportCharts {

    private static final String SHARED_REFERENCE_COLOR = "#444444";

    private final ReportSet set;
    private final Timeline timeline;

    ReportCharts(ReportSet set, Timeline timeline) {
        this.set = set;
        this.timeline = timeline;
    }

    /** @return quality score per turn, phases shaded, alerts and failed turns marked */
    LineChart quality() {
        LineChart chart = base(LineChart.FULL_WIDTH, "quality", "Quality score per turn", "quality score",
                v -> PythonFormat.fixed(v, 3), t -> TurnValues.number(t, MetricKey.QUALITY_SCORE));
        chart.yRange(0, 1);
        for (int i = 0; i < set.arms().size(); i++) {
            Arm arm = set.arms().get(i);
            for (DegradationAlert alert : arm.report().degradationAlerts()) {
                chart.alert(new LineChart.Marker(arm.label(), Palette.color(i), alert.turn(), alert.currentScore(),
                        arm.label() + " · turn " + alert.turn() + " degraded: score " + PythonFormat.fixed(alert.currentScore(), 3)
                                + ", window avg " + PythonFormat.fixed(alert.windowAvg(), 3) + ", drop "
                                + PythonFormat.fixed(alert.drop(), 3) + (alert.contextPressure() ? ", context pressure" : "")));
            }
        }
        return chart;
    }

    /** @return response length in characters per turn */
    LineChart responseLength() {
        return base(LineChart.HALF_WIDTH, "response_length", "Response length per turn", "characters",
                v -> String.format(Locale.ROOT, "%.0f chars", v), t -> TurnValues.number(t, MetricKey.RESPONSE_LENGTH));
    }

    /** @return generation speed per turn */
    LineChart tokensPerSecond() {
        return base(LineChart.HALF_WIDTH, "tokens_per_s", "Tokens per second per turn", "tokens/s",
                v -> String.format(Locale.ROOT, "%.1f tok/s", v), t -> TurnValues.number(t, MetricKey.TOKENS_PER_S));
    }

    /** @return prompt tokens per turn under the dashed context size (one line when all runs share it) */
    LineChart promptTokens() {
        LineChart chart = base(LineChart.FULL_WIDTH, "prompt_tokens", "Prompt tokens per turn against the context size", "tokens",
                v -> String.format(Locale.ROOT, "%.0f tokens", v), TurnValues::promptTokens);
        List<List<LineChart.Point>> limits = new ArrayList<>();
        for (Arm arm : set.arms()) {
            List<LineChart.Point> points = new ArrayList<>();
            for (TurnMetrics turn : arm.report().turnMetrics()) {
                Double size = TurnValues.contextSize(turn, arm.report().config());
                if (size != null) {
                    points.add(new LineChart.Point(turn.turn(), size));
                }
            }
            limits.add(spanned(points));
        }
        if (!limits.get(0).isEmpty() && limits.stream().allMatch(limits.get(0)::equals)) {
            chart.reference(new LineChart.Reference("context size", SHARED_REFERENCE_COLOR, limits.get(0)));
            return chart;
        }
        for (int i = 0; i < limits.size(); i++) {
            if (!limits.get(i).isEmpty()) {
                chart.reference(new LineChart.Reference("context size (" + set.arms().get(i).label() + ")",
                        Palette.color(i), limits.get(i)));
            }
        }
        return chart;
    }

    /** @return whether some run carries token fidelity per turn (an arm of a shared-history A/B) */
    boolean hasFidelity() {
        return set.arms().stream().flatMap(a -> a.report().turnMetrics().stream())
                .anyMatch(t -> TurnValues.number(t, MetricKey.KLD_MEAN) != null);
    }

    /** @return each arm's mean KLD against the baseline per turn */
    LineChart kldPerTurn() {
        return base(LineChart.HALF_WIDTH, "kld_mean", "Mean KLD against the baseline per turn", "mean KLD",
                v -> String.format(Locale.ROOT, "%.3g", v), t -> TurnValues.number(t, MetricKey.KLD_MEAN));
    }

    /** @return each arm's same-top-token rate per turn */
    LineChart sameTopPerTurn() {
        return base(LineChart.HALF_WIDTH, "same_top_rate", "Same top token as the baseline per turn", "same top",
                v -> String.format(Locale.ROOT, "%.1f %%", v * 100), t -> TurnValues.number(t, MetricKey.SAME_TOP_RATE))
                .yRange(0, 1);
    }

    /** @return each arm's mean KLD per turn against the turn's prompt tokens */
    ScatterChart kldByDepth() {
        return byDepth(new ScatterChart("kld_by_depth", "Mean KLD against prompt tokens", "prompt tokens",
                "mean KLD", v -> String.format(Locale.ROOT, "%.2g", v)), MetricKey.KLD_MEAN);
    }

    /** @return each arm's same-top rate per turn against the turn's prompt tokens */
    ScatterChart sameTopByDepth() {
        return byDepth(new ScatterChart("same_top_by_depth", "Same-top rate against prompt tokens", "prompt tokens",
                "same top", v -> String.format(Locale.ROOT, "%.0f %%", v * 100)).yMax(1), MetricKey.SAME_TOP_RATE);
    }

    private ScatterChart byDepth(ScatterChart chart, MetricKey<? extends Number> key) {
        for (int i = 0; i < set.arms().size(); i++) {
            Arm arm = set.arms().get(i);
            List<ScatterChart.Point> points = new ArrayList<>();
            for (TurnMetrics turn : arm.report().turnMetrics()) {
                Double depth = TurnValues.promptTokens(turn);
                Double value = TurnValues.number(turn, key);
                if (depth != null && value != null) {
                    points.add(new ScatterChart.Point(turn.turn(), depth, value));
                }
            }
            chart.series(new ScatterChart.Series(arm.label(), Palette.color(i), points));
        }
        return chart;
    }

    /** A constant limit drawn across the whole axis rather than from the first answered turn to the last. */
    private List<LineChart.Point> spanned(List<LineChart.Point> limits) {
        if (limits.isEmpty() || limits.stream().anyMatch(p -> p.value() != limits.get(0).value())) {
            return limits;
        }
        return List.of(new LineChart.Point(1, limits.get(0).value()),
                new LineChart.Point(timeline.lastTurn(), limits.get(0).value()));
    }

    private LineChart base(double width, String id, String title, String axis, DoubleFunction<String> valueText,
                           Function<TurnMetrics, Double> value) {
        LineChart chart = new LineChart(width, id, title, axis, timeline.lastTurn(), valueText);
        timeline.bands().forEach(chart::band);
        for (int i = 0; i < set.arms().size(); i++) {
            Arm arm = set.arms().get(i);
            List<LineChart.Point> points = new ArrayList<>();
            for (TurnMetrics turn : arm.report().turnMetrics()) {
                Double v = value.apply(turn);
                if (v != null) {
                    points.add(new LineChart.Point(turn.turn(), v));
                }
            }
            chart.series(new LineChart.Series(arm.label(), Palette.color(i), points));
            for (FailedTurn failed : arm.report().failedTurns()) {
                chart.failure(new LineChart.Marker(arm.label(), Palette.color(i), failed.turn(), null,
                        arm.label() + " · turn " + failed.turn() + " failed: " + failed.kind().jsonName() + ": " + failed.message()));
            }
        }
        return chart;
    }
}
