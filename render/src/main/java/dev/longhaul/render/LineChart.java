package dev.longhaul.render;

import static dev.longhaul.render.HtmlEscape.text;

import dev.longhaul.report.PythonFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * An inline SVG line chart over the turns of a conversation: one series per arm, shaded phase bands, dashed
 * reference lines (such as the context size), degradation alerts drawn as triangles over their points, failed
 * turns as crosses on the floor of the plot.
 *
 * <p>The markup carries what a test (or a reader of the page source) needs to check it without measuring pixels:
 * {@code data-chart} on the {@code <svg>}, {@code data-series} and {@code data-points} on each series' group,
 * {@code data-turn} and {@code data-value} on each point, {@code data-series} and {@code data-turn} on each
 * alert and failed-turn marker, {@code data-phase}, {@code data-from} and {@code data-to} on each band. Points and
 * markers have a {@code <title>}, which browsers show on hover. A series is one path broken where turns are
 * missing, so a failed turn leaves a gap rather than a line across it.
 */
final class LineChart {

    /** A value at a turn. */
    record Point(int turn, double value) {
    }

    /** One arm's line. */
    record Series(String label, String color, List<Point> points) {
        Series {
            points = List.copyOf(points);
        }
    }

    /** A stretch of turns in one phase of the script. */
    record Band(String phase, int from, int to) {
    }

    /** A marked turn of one series; {@code value} is null when the turn has no point (a failed turn). */
    record Marker(String series, String color, int turn, Double value, String note) {
    }

    /** A dashed line of limits, such as the context size. */
    record Reference(String label, String color, List<Point> points) {
        Reference {
            points = List.copyOf(points);
        }
    }

    /** View-box width of a chart spanning the page. */
    static final double FULL_WIDTH = 1000;
    /** View-box width of a chart in one of two columns: text keeps its size on the page. */
    static final double HALF_WIDTH = 620;
    private static final double HEIGHT = 280;
    private static final double LEFT = 64;
    private static final double RIGHT = 16;
    private static final double TOP = 24;
    private static final double BOTTOM = 36;
    private static final double PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    private static final String ALERT_COLOR = "#d62728";

    private final double width;
    private final double plotWidth;
    private final String id;
    private final String title;
    private final String axisLabel;
    private final int lastTurn;
    private final DoubleFunction<String> valueText;
    private final List<Band> bands = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Marker> alerts = new ArrayList<>();
    private final List<Marker> failures = new ArrayList<>();
    private Double fixedMin;
    private Double fixedMax;

    /**
     * @param width     the view-box width, {@link #FULL_WIDTH} or {@link #HALF_WIDTH}
     * @param id        the {@code data-chart} name
     * @param title     what the chart shows, for screen readers
     * @param axisLabel the y axis label
     * @param lastTurn  the last turn on the x axis (the first is 1)
     * @param valueText how values read in tooltips
     */
    LineChart(double width, String id, String title, String axisLabel, int lastTurn,
              DoubleFunction<String> valueText) {
        this.width = width;
        this.plotWidth = width - LEFT - RIGHT;
        this.id = id;
        this.title = title;
        this.axisLabel = axisLabel;
        this.lastTurn = Math.max(1, lastTurn);
        this.valueText = valueText;
    }

    LineChart yRange(double min, double max) {
        this.fixedMin = min;
        this.fixedMax = max;
        return this;
    }

    LineChart band(Band band) {
        bands.add(band);
        return this;
    }

    LineChart series(Series line) {
        series.add(line);
        return this;
    }

    LineChart reference(Reference line) {
        references.add(line);
        return this;
    }

    LineChart alert(Marker marker) {
        alerts.add(marker);
        return this;
    }

    LineChart failure(Marker marker) {
        failures.add(marker);
        return this;
    }

    /** @return the {@code <svg>} element */
    String svg() {
        double[] range = valueRange();
        Scale scale = new Scale(range[0], range[1]);
        StringBuilder out = new StringBuilder(4096);
        out.append("<svg class=\"chart\" data-chart=\"").append(text(id)).append("\" viewBox=\"0 0 ")
                .append(num(width)).append(' ').append(num(HEIGHT))
                .append("\" role=\"img\" aria-label=\"").append(text(title)).append("\">\n");
        appendBands(out);
        appendGrid(out, scale, range[2]);
        for (Reference reference : references) {
            appendReference(out, scale, reference);
        }
        for (Series line : series) {
            appendSeries(out, scale, line);
        }
        for (Marker alert : alerts) {
            appendAlert(out, scale, alert);
        }
        for (Marker failure : failures) {
            appendFailure(out, failure);
        }
        if (series.stream().allMatch(s -> s.points().isEmpty())) {
            out.append("<text class=\"no-data\" x=\"").append(num(LEFT + plotWidth / 2)).append("\" y=\"")
                    .append(num(TOP + PLOT_HEIGHT / 2)).append("\" text-anchor=\"middle\">no values recorded</text>\n");
        }
        out.append("</svg>");
        return out.toString();
    }

    private void appendBands(StringBuilder out) {
        out.append("<g class=\"bands\">\n");
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            double x0 = Math.max(LEFT, x(band.from()) - halfStep());
            double x1 = Math.min(LEFT + plotWidth, x(band.to()) + halfStep());
            out.append("<g class=\"band\" data-phase=\"").append(text(band.phase())).append("\" data-from=\"")
                    .append(band.from()).append("\" data-to=\"").append(band.to()).append("\">")
                    .append("<rect x=\"").append(num(x0)).append("\" y=\"").append(num(TOP)).append("\" width=\"")
                    .append(num(x1 - x0)).append("\" height=\"").append(num(PLOT_HEIGHT)).append("\" class=\"band-")
                    .append(i % 2 == 0 ? "even" : "odd").append("\"/>");
            if (x1 - x0 >= band.phase().length() * 6.5) { // a label wider than its band would run into the next
                out.append("<text class=\"band-label\" x=\"").append(num((x0 + x1) / 2)).append("\" y=\"")
                        .append(num(TOP - 8)).append("\" text-anchor=\"middle\">").append(text(band.phase()))
                        .append("</text>");
            }
            out.append("</g>\n");
        }
        out.append("</g>\n");
    }

    private void appendGrid(StringBuilder out, Scale scale, double step) {
        out.append("<g class=\"grid\">\n");
        for (double v = scale.min; v <= scale.max + step / 1000; v += step) {
            double y = scale.y(v);
            out.append("<line x1=\"").append(num(LEFT)).append("\" x2=\"").append(num(LEFT + plotWidth))
                    .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(num(LEFT - 6)).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">").append(tickText(v, step)).append("</text>\n");
        }
        int turnStep = turnStep();
        for (int turn = 1; turn <= lastTurn; turn++) {
            // turn 1 is labelled unless the first multiple, 2, would sit right beside it
            if (turn % turnStep == 0 || turn == 1 && (turnStep == 1 || turnStep >= 5)) {
                out.append("<text class=\"tick\" x=\"").append(num(x(turn))).append("\" y=\"")
                        .append(num(TOP + PLOT_HEIGHT + 16)).append("\" text-anchor=\"middle\">").append(turn)
                        .append("</text>");
            }
        }
        out.append("\n<text class=\"axis-label\" x=\"").append(num(LEFT + plotWidth / 2)).append("\" y=\"")
                .append(num(HEIGHT - 4)).append("\" text-anchor=\"middle\">turn</text>")
                .append("<text class=\"axis-label\" transform=\"translate(14 ").append(num(TOP + PLOT_HEIGHT / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(text(axisLabel)).append("</text>\n")
                .append("</g>\n");
    }

    private void appendReference(StringBuilder out, Scale scale, Reference reference) {
        if (reference.points().isEmpty()) {
            return;
        }
        out.append("<g class=\"reference\" data-series=\"").append(text(reference.label())).append("\">")
                .append("<path d=\"").append(path(scale, reference.points())).append("\" stroke=\"")
                .append(reference.color()).append("\"/>");
        Point last = reference.points().get(reference.points().size() - 1);
        out.append("<text x=\"").append(num(LEFT + plotWidth - 4)).append("\" y=\"").append(num(scale.y(last.value()) - 5))
                .append("\" text-anchor=\"end\" fill=\"").append(reference.color()).append("\">")
                .append(text(reference.label() + ": " + valueText.apply(last.value()))).append("</text></g>\n");
    }

    private void appendSeries(StringBuilder out, Scale scale, Series line) {
        out.append("<g class=\"series\" data-series=\"").append(text(line.label())).append("\" data-points=\"")
                .append(line.points().size()).append("\" stroke=\"").append(line.color()).append("\" fill=\"")
                .append(line.color()).append("\">\n");
        if (!line.points().isEmpty()) {
            out.append("<path class=\"line\" d=\"").append(path(scale, line.points())).append("\"/>\n");
        }
        for (Point point : line.points()) {
            out.append("<circle class=\"point\" data-turn=\"").append(point.turn()).append("\" data-value=\"")
                    .append(PythonFormat.repr(point.value())).append("\" cx=\"").append(num(x(point.turn()))).append("\" cy=\"")
                    .append(num(scale.y(point.value()))).append("\" r=\"3\"><title>")
                    .append(text(line.label() + " · turn " + point.turn() + ": " + valueText.apply(point.value())))
                    .append("</title></circle>\n");
        }
        out.append("</g>\n");
    }

    private void appendAlert(StringBuilder out, Scale scale, Marker alert) {
        double x = x(alert.turn());
        double y = scale.y(alert.value() == null ? scale.min : alert.value());
        out.append("<g class=\"alert\" data-series=\"").append(text(alert.series())).append("\" data-turn=\"")
                .append(alert.turn()).append("\"><title>").append(text(alert.note())).append("</title>")
                .append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"")
                .append(num(TOP)).append("\" y2=\"").append(num(TOP + PLOT_HEIGHT)).append("\" stroke=\"")
                .append(ALERT_COLOR).append("\"/>")
                .append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"7\" stroke=\"")
                .append(ALERT_COLOR).append("\"/>")
                .append("<path d=\"M").append(num(x - 6)).append(' ').append(num(y - 18)).append(" L")
                .append(num(x + 6)).append(' ').append(num(y - 18)).append(" L").append(num(x)).append(' ')
                .append(num(y - 9)).append(" Z\" fill=\"").append(ALERT_COLOR).append("\" stroke=\"")
                .append(alert.color()).append("\"/></g>\n");
    }

    private void appendFailure(StringBuilder out, Marker failure) {
        int row = 0;
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).label().equals(failure.series())) {
                row = i;
            }
        }
        double x = x(failure.turn());
        double y = TOP + PLOT_HEIGHT - 8 - row * 12;
        out.append("<g class=\"failed\" data-series=\"").append(text(failure.series())).append("\" data-turn=\"")
                .append(failure.turn()).append("\" stroke=\"").append(failure.color()).append("\"><title>")
                .append(text(failure.note())).append("</title><path d=\"M").append(num(x - 5)).append(' ')
                .append(num(y - 5)).append(" L").append(num(x + 5)).append(' ').append(num(y + 5)).append(" M")
                .append(num(x - 5)).append(' ').append(num(y + 5)).append(" L").append(num(x + 5)).append(' ')
                .append(num(y - 5)).append("\"/></g>\n");
    }

    /** Lines between consecutive turns; a missing turn starts a new piece. */
    private String path(Scale scale, List<Point> points) {
        StringBuilder d = new StringBuilder();
        int previous = Integer.MIN_VALUE;
        for (Point point : points) {
            d.append(point.turn() == previous + 1 ? " L" : (d.length() == 0 ? "M" : " M"))
                    .append(num(x(point.turn()))).append(' ').append(num(scale.y(point.value())));
            previous = point.turn();
        }
        return d.toString();
    }

    /** Minimum, maximum and grid step of the y axis. */
    private double[] valueRange() {
        if (fixedMin != null) {
            double step = niceStep((fixedMax - fixedMin) / 5);
            return new double[]{fixedMin, fixedMax, step};
        }
        double max = 0;
        for (Series line : series) {
            for (Point p : line.points()) {
                max = Math.max(max, p.value());
            }
        }
        for (Reference line : references) {
            for (Point p : line.points()) {
                max = Math.max(max, p.value());
            }
        }
        if (!(max > 0) || Double.isInfinite(max)) {
            return new double[]{0, 1, 0.2};
        }
        double step = niceStep(max / 5);
        return new double[]{0, Math.ceil(max * 1.02 / step) * step, step};
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[]{1, 2, 2.5, 5, 10}) {
            if (factor * power >= raw) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static String tickText(double value, double step) {
        if (step >= 1) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        int decimals = (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** 1, 2, 5, 10, 20, 50, … turns between x labels: the first that leaves each label room. */
    private int turnStep() {
        double maxLabels = plotWidth / 36;
        for (int power = 1; ; power *= 10) {
            for (int factor : new int[]{1, 2, 5}) {
                if (lastTurn / (double) (factor * power) <= maxLabels) {
                    return factor * power;
                }
            }
        }
    }

    private double x(int turn) {
        return lastTurn == 1 ? LEFT + plotWidth / 2 : LEFT + (turn - 1) * plotWidth / (lastTurn - 1);
    }

    private double halfStep() {
        return lastTurn == 1 ? plotWidth / 2 : plotWidth / (lastTurn - 1) / 2;
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Maps values to y coordinates, clamped to the plot. */
    private static final class Scale {
        final double min;
        final double max;

        Scale(double min, double max) {
            this.min = min;
            this.max = max > min ? max : min + 1;
        }

        double y(double value) {
            double clamped = Math.max(min, Math.min(max, value));
            return TOP + PLOT_HEIGHT - (clamped - min) / (max - min) * PLOT_HEIGHT;
        }
    }
}
