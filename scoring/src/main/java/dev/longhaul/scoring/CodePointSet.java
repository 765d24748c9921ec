package dev.longhaul.scoring;

import java.util.Arrays;

/**
 * An immutable set of code points: a bitmap for the Basic Multilingual Plane, where almost all text lives, and
 * sorted ranges searched by bisection for the supplementary planes.
 */
final class CodePointSet {

    private static final int BMP_SIZE = 0x10000;

    private final long[] bmp = new long[BMP_SIZE / 64];
    private final int[] astralStarts;
    private final int[] astralEnds;

    /**
     * @param starts inclusive range starts, ascending and not overlapping
     * @param ends   inclusive range ends, one per start
     */
    CodePointSet(int[] starts, int[] ends) {
        int astral = 0;
        for (int i = 0; i < starts.length; i++) {
            for (int cp = starts[i]; cp <= Math.min(ends[i], BMP_SIZE - 1); cp++) {
                bmp[cp >>> 6] |= 1L << cp;
            }
            if (ends[i] >= BMP_SIZE) {
                astral++;
            }
        }
        astralStarts = new int[astral];
        astralEnds = new int[astral];
        int k = 0;
        for (int i = 0; i < starts.length; i++) {
            if (ends[i] >= BMP_SIZE) {
                astralStarts[k] = Math.max(starts[i], BMP_SIZE);
                astralEnds[k] = ends[i];
                k++;
            }
        }
    }

    boolean contains(int cp) {
        if (cp < BMP_SIZE) {
            return (bmp[cp >>> 6] & (1L << cp)) != 0;
        }
        int i = Arrays.binarySearch(astralStarts, cp);
        if (i >= 0) {
            return true;
        }
        int before = -i - 2;
        return before >= 0 && cp <= astralEnds[before];
    }
}
