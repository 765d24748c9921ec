package dev.longhaul.report;

/**
 * How the runs of one study or page are told apart, in one place. Each spelling is kept as it is documented where
 * it shows:
 * <ul>
 *   <li>a repeat in progress lines and labels: {@code q8_0 r2} ({@link #repeat(String, int)});</li>
 *   <li>a repeat in a file name, and the label of a run read back from one: {@code q8_0.r2}
 *       ({@link #repeatFile(String, int)}: {@code DIR/q8_0.r2.json});</li>
 *   <li>a second run with the label of one before it on a page: {@code q8_0#2} ({@link #another(String, int)}).</li>
 * </ul>
 */
public final class RunNames {

    private RunNames() {
    }

    /**
     * @param name   a run's name, e.g. its arm's KV type
     * @param repeat the 1-based repeat
     * @return {@code NAME rN}
     */
    public static String repeat(String name, int repeat) {
        return name + " r" + repeat;
    }

    /**
     * @param stem   a run's file-safe name
     * @param repeat the 1-based repeat
     * @return {@code STEM.rN}
     */
    public static String repeatFile(String stem, int repeat) {
        return stem + ".r" + repeat;
    }

    /**
     * @param label a label another run already has
     * @param n     which run with that label this is, from 2
     * @return {@code LABEL#N}
     */
    public static String another(String label, int n) {
        return label + "#" + n;
    }
}
