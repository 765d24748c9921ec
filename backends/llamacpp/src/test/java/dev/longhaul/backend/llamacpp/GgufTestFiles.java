package dev.longhaul.backend.llamacpp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Damaged and hand-made GGUF files for tests. */
final class GgufTestFiles {

    private GgufTestFiles() {
    }

    /** @return the bundled model, extracted */
    static Path bundledModel() throws IOException {
        return BundledModel.extract();
    }

    /** Writes the first {@code bytes} bytes of the bundled model. */
    static Path truncatedModel(Path target, long bytes) throws IOException {
        try (InputStream in = Files.newInputStream(bundledModel())) {
            Files.write(target, in.readNBytes((int) bytes));
        }
        return target;
    }

    /** Writes the bundled model with bytes 4..7 (the version) set to {@code version}. */
    static Path withVersion(Path target, int version) throws IOException {
        byte[] bytes = Files.readAllBytes(bundledModel());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, version);
        Files.write(target, bytes);
        return target;
    }

    /** Writes bytes that are not a GGUF file. */
    static Path garbage(Path target) throws IOException {
        byte[] bytes = new byte[4096];
        Arrays.fill(bytes, (byte) 0x5a);
        bytes[0] = 'P';
        bytes[1] = 'K';
        Files.write(target, bytes);
        return target;
    }

    /** Writes a well-formed GGUF v3 file with string metadata and no tensors. */
    static Path withoutTensors(Path target, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(4).putInt(3).array());
        out.writeBytes(le(8).putLong(0).array());
        out.writeBytes(le(8).putLong(metadata.size()).array());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            writeString(out, e.getKey());
            out.writeBytes(le(4).putInt(8).array()); // string value
            writeString(out, e.getValue());
        }
        Files.write(target, out.toByteArray());
        return target;
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(le(8).putLong(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
