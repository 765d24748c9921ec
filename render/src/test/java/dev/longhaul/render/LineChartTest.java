package dev.longhaul.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LineChartTest {

    private static LineChart chart(int lastTurn) {
        return new LineChart(LineChart.FULL_WIDTH, "c", "title", "axis", lastTurn, v -> Double.toString(v));
    }

    private static List<LineChart.Point> points(int... turns) {
        List<LineChart.Point> points = new ArrayList<>();
        for (int t : turns) {
            points.add(new LineChart.Point(t, t / 10.0));
        }
        return points;
    }

    @Test
    void missingTurnsSplitTheLine() {
        String svg = chart(6).series(new LineChart.Series("a", "#000", points(1, 2, 4, 5, 6))).svg();

        Matcher d = Pattern.compile("<path class=\"line\" d=\"([^\"]*)\"").matcher(svg);
        assertTrue(d.find());
        assertEquals("M L M L L", d.group(1).replaceAll("[0-9. ]+", " ").trim());
    }

    @Test
    void turnsSpanThePlotAndValuesTheFixedRange() {
        String svg = chart(11).yRange(0, 1).series(new LineChart.Series("a", "#000", List.of(
                new LineChart.Point(1, 0.0), new LineChart.Point(11, 1.0), new LineChart.Point(6, 2.0)))).svg();

        assertTrue(svg.contains("data-turn=\"1\" data-value=\"0.0\" cx=\"64.0\" cy=\"244.0\""), svg);
        assertTrue(svg.contains("data-turn=\"11\" data-value=\"1.0\" cx=\"984.0\" cy=\"24.0\""), svg);
        assertTrue(svg.contains("data-turn=\"6\" data-value=\"2.0\" cx=\"524.0\" cy=\"24.0\""), "clamped to the plot");
    }

    @Test
    void axisLabelsThinOutOnLongRuns() {
        assertEquals(20, tickLabels(chart(20).svg()).size(), "every turn");
        assertEquals(List.of("2", "4", "6", "8"), tickLabels(chart(50).svg()).subList(0, 4));
        assertEquals(List.of("1", "50", "100"), tickLabels(chart(1000).svg()).subList(0, 3));
    }

    @Test
    void anEmptyChartSaysSo() {
        assertTrue(chart(5).series(new LineChart.Series("a", "#000", List.of())).svg().contains("no values recorded"));
    }

    private static List<String> tickLabels(String svg) {
        List<String> labels = new ArrayList<>();
        Matcher m = Pattern.compile("<text class=\"tick\" x=\"[^\"]*\" y=\"(?:280|260).0\"[^>]*>([^<]*)<").matcher(svg);
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }
}
