package dev.longhaul.rescoring;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into chunks of whole lines, the way {@link java.io.BufferedReader#readLine()} splits text:
 * a line ends at {@code \n}, {@code \r} or {@code \r\n}, and a last line without an end counts. Lines stay bytes
 * here; decoding them is the parser's job, on whichever thread parses the chunk.
 */
final class LineChunks {

    /** Lines of one chunk: {@code data[starts[i] .. ends[i])} is line {@code firstLine + i}. */
    record Chunk(byte[] data, int[] starts, int[] ends, int firstLine) {
        int lines() {
            return starts.length;
        }
    }

    private final InputStream in;
    private final int chunkBytes;
    private byte[] buffer;
    private int filled;
    private boolean eof;
    private boolean skipLeadingLf;
    private int nextLine = 1;

    /**
     * @param in         the stream (not closed here)
     * @param chunkBytes about how many bytes a chunk holds (a longer line makes a longer chunk)
     */
    LineChunks(InputStream in, int chunkBytes) {
        this.in = in;
        this.chunkBytes = chunkBytes;
        this.buffer = new byte[chunkBytes];
    }

    /** @return the next chunk of whole lines, or null at the end of the stream */
    Chunk next() throws IOException {
        while (true) {
            int end = lastLineEnd();
            if (end >= 0 || eof) {
                int cut = end >= 0 ? end + 1 : filled;
                if (cut == 0) {
                    return null;
                }
                Chunk chunk = split(cut);
                System.arraycopy(buffer, cut, buffer, 0, filled - cut);
                filled -= cut;
                dropLeadingLf();
                return chunk;
            }
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2); // one line longer than a chunk
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                eof = true;
            } else {
                filled += n;
                dropLeadingLf();
            }
        }
    }

    /** The \n of a \r\n whose \r ended the previous chunk. */
    private void dropLeadingLf() {
        if (skipLeadingLf && filled > 0) {
            skipLeadingLf = false;
            if (buffer[0] == '\n') {
                System.arraycopy(buffer, 1, buffer, 0, --filled);
            }
        }
    }

    /** @return the index of the last line terminator in a buffer filled to the chunk size, or -1 */
    private int lastLineEnd() {
        if (filled < chunkBytes && !eof) {
            return -1;
        }
        for (int i = filled - 1; i >= 0; i--) {
            byte b = buffer[i];
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return -1;
    }

    private Chunk split(int cut) {
        byte[] data = Arrays.copyOf(buffer, cut);
        int[] starts = new int[64];
        int[] ends = new int[64];
        int lines = 0;
        int start = 0;
        int i = 0;
        while (start < cut) {
            while (i < cut && data[i] != '\n' && data[i] != '\r') {
                i++;
            }
            if (lines == starts.length) {
                starts = Arrays.copyOf(starts, lines * 2);
                ends = Arrays.copyOf(ends, lines * 2);
            }
            starts[lines] = start;
            ends[lines] = i;
            lines++;
            if (i < cut && data[i] == '\r') {
                if (i + 1 < cut) {
                    if (data[i + 1] == '\n') {
                        i++;
                    }
                } else {
                    skipLeadingLf = true;
                }
            }
            start = ++i;
        }
        Chunk chunk = new Chunk(data, Arrays.copyOf(starts, lines), Arrays.copyOf(ends, lines), nextLine);
        nextLine += lines;
        return chunk;
    }
}
