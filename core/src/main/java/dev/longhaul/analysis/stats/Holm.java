package dev.longhaul.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment of p-values, which keeps the chance of any false "significant" among a family of tests
 * at the level: sorted ascending, {@code p̃_(i) = max_{j ≤ i} min(1, (n − j + 1) p_(j))}. Undefined (NaN) p-values
 * stay NaN and do not count towards {@code n}.
 */
public final class Holm {

    private Holm() {
    }

    /**
     * @param pValues the family's p-values, in any order
     * @return the adjusted p-values, in the same order
     */
    public static double[] adjust(double[] pValues) {
        Integer[] order = new Integer[pValues.length];
        int defined = 0;
        for (int i = 0; i < pValues.length; i++) {
            order[i] = i;
            if (!Double.isNaN(pValues[i])) {
                defined++;
            }
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> Double.isNaN(pValues[i]) ? 2.0 : pValues[i]));
        double[] adjusted = new double[pValues.length];
        double running = 0;
        for (int rank = 0; rank < order.length; rank++) {
            int i = order[rank];
            if (Double.isNaN(pValues[i])) {
                adjusted[i] = Double.NaN;
                continue;
            }
            running = Math.max(running, Math.min(1.0, (defined - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
