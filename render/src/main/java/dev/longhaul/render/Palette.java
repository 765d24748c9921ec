package dev.longhaul.render;

/** The colours of the arms, in arm order: distinct hues without red, which marks degradation alerts. */
final class Palette {

    private static final String[] COLORS = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"
    };

    private Palette() {
    }

    /**
     * @param armIndex 0 for the baseline
     * @return its colour as {@code #rrggbb}; colours repeat after nine arms
     */
    static String color(int armIndex) {
        return COLORS[Math.floorMod(armIndex, COLORS.length)];
    }
}
