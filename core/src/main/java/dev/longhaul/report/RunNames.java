package dev.longhaul.report;

/**
 * How the runs of one study or page are told apart, in one place. Each spelling is kept as it is documented where
 * it shows:
 * <ul>
 *   <li>a repeat in progress lines and labels: {@code q8_0 r2} ({@link #repeat(String, int)});</li>
 *   <li>a repeat in a file name, and the label of a run read back from one: {@code q8_0.r2}
 *       ({@link #repeatFile(String, int)}: {@code DIR/q8_0.r2.json});</li>
 *   <li>a second run with the label of one before it on a page, and each repeat in {@code ab}'s recall table:
 *       {@code q8_0#2} ({@link #another(String, int)}).</li>
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
     * The n-th of several runs with one label: a page names the second and later runs of a label so, and
     * {@code ab}'s recall table names every repeat of an arm so.
     *
     * @param label a label several runs have
     * @param n     which run with that label this is, from 1
     * @return {@code LABEL#N}
     */
    public static String another(String label, int n) {
        return label + "#" + n;
    }
}
