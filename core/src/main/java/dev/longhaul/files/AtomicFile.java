package dev.longhaul.files;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers only ever see the old content or the whole new one: the content goes to a
 * temporary sibling ({@code .<name>.<random>.tmp}, with the permissions any new file gets), is synced to disk and
 * then moved over the target in one step. A write that fails halfway — a full disk, bad input found midway, a
 * kill — leaves the previous file as it was and removes the temporary one (a kill -9 may leave it behind). It
 * also writes for a thread whose interrupt status is set (a run saving its report after Ctrl-C).
 */
public final class AtomicFile {

    /** Writes the text of a file. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out where the content goes; closed by the caller
         * @throws IOException when writing fails (the target is left unchanged)
         */
        void writeTo(Writer out) throws IOException;
    }

    /** Writes the bytes of a file. */
    @FunctionalInterface
    public interface Bytes {
        /**
         * @param out where the content goes; closed by the caller
         * @throws IOException when writing fails, or the content turns out not to be what it should (the target is
         *                     left unchanged)
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with {@code text}, creating parent directories.
     *
     * @param target  the file to write
     * @param text    its new content
     * @param charset how the text is encoded
     * @throws IOException when the file cannot be written; the target is then unchanged
     */
    public static void write(Path target, String text, Charset charset) throws IOException {
        write(target, charset, out -> out.write(text));
    }

    /**
     * Replaces {@code target} with what {@code content} writes, once it has written all of it without failing.
     *
     * @param target  the file to write
     * @param charset how the text is encoded
     * @param content writes the text
     * @throws IOException when the file cannot be written or {@code content} fails; the target is then unchanged
     */
    public static void write(Path target, Charset charset, Content content) throws IOException {
        writeBytes(target, stream -> {
            Writer out = new OutputStreamWriter(stream, charset.newEncoder());
            content.writeTo(out);
            out.flush();
        });
    }

    /**
     * Replaces {@code target} with the bytes {@code content} writes, once it has written all of them without
     * failing.
     *
     * @param target  the file to write
     * @param content writes the bytes
     * @throws IOException when the file cannot be written or {@code content} fails; the target is then unchanged
     */
    public static void writeBytes(Path target, Bytes content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            // A stream, not a FileChannel: a channel refuses to write for a thread with its interrupt status set,
            // which is exactly the thread that saves what an interrupted run measured.
            try (FileOutputStream stream = new FileOutputStream(temporary.toFile())) {
                content.writeTo(stream);
                stream.getFD().sync();
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
