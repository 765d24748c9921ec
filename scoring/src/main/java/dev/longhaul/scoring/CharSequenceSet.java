package dev.longhaul.scoring;

import java.util.Arrays;

/**
 * A set of char sequences given as ranges of char arrays, numbered 0, 1, 2, ... in the order they were first
 * added. Each new sequence is copied into one growing buffer and indexed by an open-addressing table, which avoids
 * a {@code String} and a hash-set entry per sentence or word.
 */
final class CharSequenceSet {

    private char[] buffer = new char[256];
    private int used;
    private int[] slotStarts = new int[16];
    private int[] slotEnds = new int[16];
    private int[] slotHashes = new int[16];
    private int[] slotIds = new int[16];
    private int size;

    CharSequenceSet() {
        Arrays.fill(slotStarts, -1);
    }

    /** The hash that {@link #add} and {@link #indexOf} expect: {@link String#hashCode()} of the range. */
    static int hash(char[] chars, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + chars[i];
        }
        return hash;
    }

    /** @return the number of distinct sequences added */
    int size() {
        return size;
    }

    /**
     * Adds {@code chars[start:end]} unless an equal sequence is present.
     *
     * @param hash {@link #hash(char[], int, int)} of the range
     * @return the number of the equal or added sequence
     */
    int add(char[] chars, int start, int end, int hash) {
        int slot = slotOf(chars, start, end, hash);
        if (slotStarts[slot] >= 0) {
            return slotIds[slot];
        }
        int length = end - start;
        if (buffer.length - used < length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, used + length));
        }
        System.arraycopy(chars, start, buffer, used, length);
        slotStarts[slot] = used;
        slotEnds[slot] = used + length;
        slotHashes[slot] = hash;
        slotIds[slot] = size;
        used += length;
        if (++size * 2 > slotStarts.length) {
            grow();
        }
        return size - 1;
    }

    /**
     * @param hash {@link #hash(char[], int, int)} of the range
     * @return the number of the sequence equal to {@code chars[start:end]}, or -1
     */
    int indexOf(char[] chars, int start, int end, int hash) {
        int slot = slotOf(chars, start, end, hash);
        return slotStarts[slot] >= 0 ? slotIds[slot] : -1;
    }

    /** @return the slot holding an equal sequence, or the empty slot where it would go */
    private int slotOf(char[] chars, int start, int end, int hash) {
        int mask = slotStarts.length - 1;
        int slot = mix(hash) & mask;
        while (slotStarts[slot] >= 0 && (slotHashes[slot] != hash
                || !Arrays.equals(buffer, slotStarts[slot], slotEnds[slot], chars, start, end))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldStarts = slotStarts;
        int[] oldEnds = slotEnds;
        int[] oldHashes = slotHashes;
        int[] oldIds = slotIds;
        int capacity = oldStarts.length * 2;
        slotStarts = new int[capacity];
        slotEnds = new int[capacity];
        slotHashes = new int[capacity];
        slotIds = new int[capacity];
        Arrays.fill(slotStarts, -1);
        for (int i = 0; i < oldStarts.length; i++) {
            if (oldStarts[i] >= 0) {
                int slot = mix(oldHashes[i]) & (capacity - 1);
                while (slotStarts[slot] >= 0) {
                    slot = (slot + 1) & (capacity - 1);
                }
                slotStarts[slot] = oldStarts[i];
                slotEnds[slot] = oldEnds[i];
                slotHashes[slot] = oldHashes[i];
                slotIds[slot] = oldIds[i];
            }
        }
    }

    /** Spreads the polynomial hash's high bits into the low bits that select a slot. */
    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }
}
