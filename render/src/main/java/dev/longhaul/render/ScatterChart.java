package dev.longhaul.render;

import static dev.longhaul.render.HtmlEscape.text;

import dev.longhaul.report.PythonFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A figure against a number other than the turn — a turn's KLD against its prompt tokens (how deep into the context
 * the answer was) — as an inline SVG scatter plot: one dot per turn and run, a colour per series, both axes from 0.
 */
final class ScatterChart {

    private static final double WIDTH = LineChart.HALF_WIDTH;
    private static final double HEIGHT = 240;
    private static final double LEFT = 56;
    private static final double RIGHT = 16;
    private static final double TOP = 16;
    private static final double BOTTOM = 40;

    /**
     * One dot.
     *
     * @param turn  the turn it belongs to
     * @param x     its x value (prompt tokens)
     * @param value its y value
     */
    record Point(int turn, double x, double value) {
    }

    /**
     * One run's dots.
     *
     * @param label  the run's label
     * @param color  its colour
     * @param points its dots
     */
    record Series(String label, String color, List<Point> points) {
    }

    private final String id;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final DoubleFunction<String> valueText;
    private final List<Series> series = new ArrayList<>();
    private Double fixedMax;

    ScatterChart(String id, String title, String xLabel, String yLabel, DoubleFunction<String> valueText) {
        this.id = id;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.valueText = valueText;
    }

    ScatterChart yMax(double max) {
        this.fixedMax = max;
        return this;
    }

    ScatterChart series(Series dots) {
        series.add(dots);
        return this;
    }

    String svg() {
        double xMax = 0;
        double yMax = 0;
        for (Series s : series) {
            for (Point p : s.points()) {
                xMax = Math.max(xMax, p.x());
                yMax = Math.max(yMax, p.value());
            }
        }
        xMax = xMax > 0 ? xMax * 1.02 : 1;
        yMax = fixedMax != null ? fixedMax : yMax > 0 ? yMax * 1.05 : 1;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder out = new StringBuilder(2048);
        out.append("<svg class=\"chart scatter\" data-chart=\"").append(text(id)).append("\" viewBox=\"0 0 ")
                .append(num(WIDTH)).append(' ').append(num(HEIGHT)).append("\" role=\"img\" aria-label=\"")
                .append(text(title)).append("\">\n<g class=\"grid\">\n");
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotHeight - i * plotHeight / 4;
            double x = LEFT + i * plotWidth / 4;
            out.append("<line x1=\"").append(num(LEFT)).append("\" x2=\"").append(num(LEFT + plotWidth))
                    .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(num(LEFT - 6)).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">").append(text(valueText.apply(yMax * i / 4))).append("</text>")
                    .append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"")
                    .append(num(TOP + plotHeight + 16)).append("\" text-anchor=\"middle\">")
                    .append(String.format(Locale.ROOT, "%.0f", xMax * i / 4)).append("</text>\n");
        }
        out.append("<text class=\"axis-label\" x=\"").append(num(LEFT + plotWidth / 2)).append("\" y=\"")
                .append(num(HEIGHT - 4)).append("\" text-anchor=\"middle\">").append(text(xLabel)).append("</text>")
                .append("<text class=\"axis-label\" transform=\"translate(14 ").append(num(TOP + plotHeight / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(text(yLabel)).append("</text>\n</g>\n");
        for (Series s : series) {
            out.append("<g class=\"series\" data-series=\"").append(text(s.label())).append("\" data-points=\"")
                    .append(s.points().size()).append("\" fill=\"").append(s.color()).append("\">\n");
            for (Point p : s.points()) {
                double cx = LEFT + p.x() / xMax * plotWidth;
                double cy = TOP + plotHeight - Math.min(p.value(), yMax) / yMax * plotHeight;
                out.append("<circle class=\"point\" data-turn=\"").append(p.turn()).append("\" data-x=\"")
                        .append(PythonFormat.repr(p.x())).append("\" data-value=\"").append(PythonFormat.repr(p.value()))
                        .append("\" cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"3\"><title>")
                        .append(text(s.label() + " \u00b7 turn " + p.turn() + ", " + String.format(Locale.ROOT, "%.0f",
                                p.x()) + " prompt tokens: " + valueText.apply(p.value())))
                        .append("</title></circle>\n");
            }
            out.append("</g>\n");
        }
        if (series.stream().allMatch(s -> s.points().isEmpty())) {
            out.append("<text class=\"no-data\" x=\"").append(num(LEFT + plotWidth / 2)).append("\" y=\"")
                    .append(num(TOP + plotHeight / 2)).append("\" text-anchor=\"middle\">no values recorded</text>\n");
        }
        return out.append("</svg>").toString();
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
