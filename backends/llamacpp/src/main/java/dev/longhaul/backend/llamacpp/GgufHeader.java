package dev.longhaul.backend.llamacpp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What longhaul needs from a GGUF file's header, read without llama.cpp: the architecture, the model's name, the
 * context length it was trained for and tokenizer flags. Reading it also checks the file's structure (magic,
 * version, metadata, tensor table, and that every tensor's data lies inside the file), so that a damaged file is
 * reported with its actual problem rather than llama.cpp's "could not load model".
 *
 * @param version          the GGUF version (2 or 3)
 * @param architecture     {@code general.architecture}, for example {@code llama}
 * @param name             {@code general.name}, if present
 * @param contextLength    {@code <architecture>.context_length}, if present
 * @param tokenizerModel   {@code tokenizer.ggml.model}, for example {@code llama} (SentencePiece) or {@code gpt2}
 * @param addBosToken      {@code tokenizer.ggml.add_bos_token}, if present
 * @param chatTemplate     {@code tokenizer.chat_template}, if present
 * @param tensorCount      number of tensors
 */
record GgufHeader(int version, String architecture, Optional<String> name, Optional<Long> contextLength,
                  Optional<String> tokenizerModel, Optional<Boolean> addBosToken, Optional<String> chatTemplate,
                  long tensorCount) {

    private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final int DEFAULT_ALIGNMENT = 32;
    private static final int MAX_DIMS = 4;

    /** Value types of GGUF metadata. */
    private static final int UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5, FLOAT32 = 6,
            BOOL = 7, STRING = 8, ARRAY = 9, UINT64 = 10, INT64 = 11, FLOAT64 = 12;

    /**
     * Whether llama.cpp adds a BOS token in front of a prompt: the file's flag, or else llama.cpp's default for the
     * tokenizer (on for SentencePiece and WordPiece vocabularies).
     */
    boolean addsBos() {
        return addBosToken.orElseGet(() -> tokenizerModel.map(m -> m.equals("llama") || m.equals("bert"))
                .orElse(false));
    }

    /**
     * Reads and checks the header of a GGUF file.
     *
     * @param file the file
     * @return the header
     * @throws GgufFormatException when the file is not a well-formed GGUF file
     * @throws IOException         when it cannot be read
     */
    static GgufHeader read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Parser(channel).parse();
        }
    }

    /** Reads the header front to back through a small buffer; every read says what it was reading. */
    private static final class Parser {
        private final FileChannel channel;
        private final long fileSize;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        private long bufferStart;
        private String reading = "the magic number";

        Parser(FileChannel channel) throws IOException {
            this.channel = channel;
            this.fileSize = channel.size();
            buffer.limit(0);
        }

        GgufHeader parse() throws IOException {
            if (fileSize == 0) {
                throw new GgufFormatException("is empty");
            }
            if (fileSize < 4) {
                throw new GgufFormatException("is not a GGUF file (only " + fileSize + " bytes)");
            }
            int magic = int32();
            if (magic != MAGIC) {
                throw new GgufFormatException("is not a GGUF file (it starts with bytes " + hex(magic)
                        + ", a GGUF file with 47 47 55 46 \"GGUF\")");
            }
            reading = "the version";
            int version = int32();
            if (version != 2 && version != 3) {
                throw new GgufFormatException("has GGUF version " + Integer.toUnsignedString(version)
                        + ", but only versions 2 and 3 are supported");
            }
            reading = "the tensor count";
            long tensorCount = count(uint64(), 1);
            reading = "the metadata count";
            long kvCount = count(uint64(), 1);

            Map<String, Object> wanted = new HashMap<>();
            long alignment = DEFAULT_ALIGNMENT;
            for (long i = 0; i < kvCount; i++) {
                reading = "metadata entry " + (i + 1) + " of " + kvCount;
                String key = string();
                reading = "the value of metadata key '" + key + "'";
                int type = int32();
                if (key.equals("general.alignment")) {
                    alignment = type == UINT32 ? Integer.toUnsignedLong(int32()) : -1;
                    if (alignment <= 0 || Long.bitCount(alignment) != 1) {
                        throw new GgufFormatException("has an invalid general.alignment");
                    }
                } else if (isWanted(key)) {
                    wanted.put(key, scalar(type));
                } else {
                    skipValue(type);
                }
            }

            long dataNeeded = 0;
            String lastTensor = null;
            for (long i = 0; i < tensorCount; i++) {
                reading = "tensor " + (i + 1) + " of " + tensorCount + " in the tensor table";
                String name = string();
                int dims = int32();
                if (dims < 1 || dims > MAX_DIMS) {
                    throw new GgufFormatException("has tensor '" + name + "' with " + Integer.toUnsignedString(dims)
                            + " dimensions (at most " + MAX_DIMS + ")");
                }
                long elements = 1;
                for (int d = 0; d < dims; d++) {
                    long n = uint64();
                    if (n < 0 || (n > 0 && elements > Long.MAX_VALUE / n)) {
                        throw new GgufFormatException("has tensor '" + name + "' with an impossible shape");
                    }
                    elements *= n;
                }
                int ggmlType = int32();
                long offset = uint64();
                if (offset < 0 || offset % alignment != 0) {
                    throw new GgufFormatException("has tensor '" + name + "' at a misaligned data offset " + offset);
                }
                long bytes = GgmlTypeSizes.bytes(ggmlType, elements).orElse(0L);
                long end = bytes > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + bytes;
                if (end > dataNeeded) {
                    dataNeeded = end;
                    lastTensor = name;
                }
            }
            long dataStart = align(position(), alignment);
            if (tensorCount > 0 && dataNeeded > fileSize - dataStart) {
                String reach = dataNeeded == Long.MAX_VALUE ? "an impossible size"
                        : "byte " + (dataStart + dataNeeded);
                throw new GgufFormatException("is truncated: tensor '" + lastTensor + "' needs the file to reach "
                        + reach + ", but it has " + fileSize + " bytes");
            }

            String architecture = (String) wanted.getOrDefault("general.architecture", null);
            if (architecture == null) {
                throw new GgufFormatException("has no general.architecture key");
            }
            Object ctx = wanted.get(architecture + ".context_length");
            return new GgufHeader(version, architecture,
                    Optional.ofNullable((String) wanted.get("general.name")),
                    ctx instanceof Long ? Optional.of((Long) ctx) : Optional.empty(),
                    Optional.ofNullable((String) wanted.get("tokenizer.ggml.model")),
                    Optional.ofNullable((Boolean) wanted.get("tokenizer.ggml.add_bos_token")),
                    Optional.ofNullable((String) wanted.get("tokenizer.chat_template")),
                    tensorCount);
        }

        private static boolean isWanted(String key) {
            return key.equals("general.architecture") || key.equals("general.name")
                    || key.endsWith(".context_length") || key.equals("tokenizer.ggml.model")
                    || key.equals("tokenizer.ggml.add_bos_token") || key.equals("tokenizer.chat_template");
        }

        /** Reads a scalar as String, Boolean or Long; arrays and floats are skipped and give null. */
        private Object scalar(int type) throws IOException {
            switch (type) {
                case STRING:
                    return string();
                case BOOL:
                    return int8() != 0;
                case UINT8:
                    return (long) (int8() & 0xff);
                case INT8:
                    return (long) int8();
                case UINT16:
                    return (long) (int16() & 0xffff);
                case INT16:
                    return (long) int16();
                case UINT32:
                    return Integer.toUnsignedLong(int32());
                case INT32:
                    return (long) int32();
                case UINT64:
                case INT64:
                    return uint64();
                default:
                    skipValue(type);
                    return null;
            }
        }

        private void skipValue(int type) throws IOException {
            if (type == STRING) {
                skip(count(uint64(), 1));
            } else if (type == ARRAY) {
                int elementType = int32();
                long n = uint64();
                if (elementType == STRING || elementType == ARRAY) {
                    count(n, 8);
                    for (long i = 0; i < n; i++) {
                        skipValue(elementType);
                    }
                } else {
                    int size = fixedSize(elementType);
                    skip(count(n, size) * size);
                }
            } else {
                skip(fixedSize(type));
            }
        }

        private int fixedSize(int type) throws GgufFormatException {
            switch (type) {
                case UINT8: case INT8: case BOOL:
                    return 1;
                case UINT16: case INT16:
                    return 2;
                case UINT32: case INT32: case FLOAT32:
                    return 4;
                case UINT64: case INT64: case FLOAT64:
                    return 8;
                default:
                    throw new GgufFormatException("has an unknown value type " + Integer.toUnsignedString(type)
                            + " in " + reading);
            }
        }

        /** Rejects counts that cannot fit in the rest of the file (garbage would otherwise make us loop for ages). */
        private long count(long n, long minBytesEach) throws IOException {
            if (n < 0 || n > (fileSize - position()) / Math.max(1, minBytesEach)) {
                throw truncated();
            }
            return n;
        }

        private String string() throws IOException {
            int length = (int) Math.min(count(uint64(), 1), Integer.MAX_VALUE);
            byte[] bytes = new byte[length];
            int done = 0;
            while (done < length) {
                fill(1);
                int n = Math.min(buffer.remaining(), length - done);
                buffer.get(bytes, done, n);
                done += n;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private byte int8() throws IOException {
            fill(1);
            return buffer.get();
        }

        private short int16() throws IOException {
            fill(2);
            return buffer.getShort();
        }

        private int int32() throws IOException {
            fill(4);
            return buffer.getInt();
        }

        private long uint64() throws IOException {
            fill(8);
            return buffer.getLong();
        }

        private void skip(long n) throws IOException {
            long target = position() + n;
            if (target > fileSize) {
                throw truncated();
            }
            if (target <= bufferStart + buffer.limit()) {
                buffer.position((int) (target - bufferStart));
            } else {
                bufferStart = target;
                buffer.clear().limit(0);
            }
        }

        private long position() {
            return bufferStart + buffer.position();
        }

        private void fill(int needed) throws IOException {
            if (buffer.remaining() >= needed) {
                return;
            }
            long pos = position();
            buffer.compact();
            bufferStart = pos;
            while (buffer.position() < needed) {
                int n = channel.read(buffer, bufferStart + buffer.position());
                if (n < 0) {
                    buffer.flip();
                    throw truncated();
                }
            }
            buffer.flip();
        }

        private GgufFormatException truncated() {
            return new GgufFormatException("is truncated or damaged: it ends or breaks off at byte " + position()
                    + " of " + fileSize + " while reading " + reading);
        }

        private static long align(long position, long alignment) {
            return (position + alignment - 1) / alignment * alignment;
        }

        private static String hex(int littleEndian) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    b.append(' ');
                }
                b.append(String.format("%02x", (littleEndian >>> (8 * i)) & 0xff));
            }
            return b.toString();
        }
    }
}
