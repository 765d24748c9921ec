package dev.longhaul.scoring;

import java.util.Arrays;

/**
 * A set of char sequences given as ranges of char arrays, numbered 0, 1, 2, ... in the order they were first
 * added. Each new sequence is copied into one growing buffer and indexed by an open-addressing table, which avoids
 * a {@code String} and a hash-set entry per sentence or word.
 */
final class CharSequenceSet {

    private static final int MAX_INITIAL_CAPACITY = 1 << 12;

    private char[] buffer = new char[256];
    private int used;
    /** Per sequence number: where it is in the buffer, and its hash. */
    private int[] starts;
    private int[] ends;
    private int[] hashes;
    /** Open-addressing table of sequence number + 1; 0 marks an empty slot, so a new table needs no filling. */
    private int[] slots;
    private int size;

    /** @param expected how many sequences are likely to be added (a hint that saves regrowing) */
    CharSequenceSet(int expected) {
        int capacity = Math.max(8, Math.min(Integer.highestOneBit(Math.max(expected, 1)) * 2, MAX_INITIAL_CAPACITY));
        starts = new int[capacity];
        ends = new int[capacity];
        hashes = new int[capacity];
        slots = new int[capacity * 2];
    }

    /**
     * The hash that {@link #add} and {@link #indexOf} expect. It reads every char, two at a time as one int, in
     * four interleaved polynomial lanes: one serial {@code 31 * h + c} chain costs a multiply latency per char,
     * independent lanes over char pairs let the CPU overlap them, and the set's speed on long sentences is this
     * loop's speed.
     */
    static int hash(char[] chars, int start, int end) {
        int h0 = 0;
        int h1 = 0;
        int h2 = 0;
        int h3 = 0;
        int i = start;
        for (; i + 7 < end; i += 8) {
            h0 = 31 * h0 + (chars[i] | chars[i + 1] << 16);
            h1 = 31 * h1 + (chars[i + 2] | chars[i + 3] << 16);
            h2 = 31 * h2 + (chars[i + 4] | chars[i + 5] << 16);
            h3 = 31 * h3 + (chars[i + 6] | chars[i + 7] << 16);
        }
        for (; i < end; i++) {
            h0 = 31 * h0 + chars[i];
        }
        return ((h0 * 31 + h1) * 31 + h2) * 31 + h3 + (end - start);
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
        if (slots[slot] != 0) {
            return slots[slot] - 1;
        }
        int length = end - start;
        if (buffer.length - used < length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, used + length));
        }
        System.arraycopy(chars, start, buffer, used, length);
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        starts[size] = used;
        ends[size] = used + length;
        hashes[size] = hash;
        used += length;
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
            grow();
        }
        return size - 1;
    }

    /**
     * @param hash {@link #hash(char[], int, int)} of the range
     * @return the number of the sequence equal to {@code chars[start:end]}, or -1
     */
    int indexOf(char[] chars, int start, int end, int hash) {
        return slots[slotOf(chars, start, end, hash)] - 1;
    }

    /** @return the slot holding an equal sequence, or the empty slot where it would go */
    private int slotOf(char[] chars, int start, int end, int hash) {
        int mask = slots.length - 1;
        int slot = mix(hash) & mask;
        int id;
        while ((id = slots[slot] - 1) >= 0 && (hashes[id] != hash
                || !Arrays.equals(buffer, starts[id], ends[id], chars, start, end))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int mask = slots.length * 2 - 1;
        slots = new int[mask + 1];
        for (int id = 0; id < size; id++) {
            int slot = mix(hashes[id]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    /** Spreads the polynomial hash's high bits into the low bits that select a slot. */
    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }
}
