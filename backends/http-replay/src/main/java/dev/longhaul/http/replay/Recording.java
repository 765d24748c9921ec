package dev.longhaul.http.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * One recorded exchange in the fixture layout: a folder with {@code response.raw} (the exact bytes received,
 * required), and optionally {@code request.raw} (the exact bytes sent), {@code response.body} (the de-chunked body),
 * {@code request.json} and {@code response.json} (descriptions).
 */
public final class Recording {

    private final String name;
    private final byte[] responseRaw;
    private final byte[] requestRaw;
    private final byte[] responseBody;

    private Recording(String name, byte[] responseRaw, byte[] requestRaw, byte[] responseBody) {
        this.name = name;
        this.responseRaw = responseRaw;
        this.requestRaw = requestRaw;
        this.responseBody = responseBody;
    }

    /**
     * Loads a recording from a folder.
     *
     * @param folder the folder
     * @return the recording
     * @throws UncheckedIOException when {@code response.raw} cannot be read
     */
    public static Recording load(Path folder) {
        return new Recording(folder.getFileName().toString(), readRequired(folder.resolve("response.raw")),
                readOptional(folder.resolve("request.raw")), readOptional(folder.resolve("response.body")));
    }

    /**
     * Loads a recording from class-path resources (test resources of the calling module).
     *
     * @param folder the resource folder, for example {@code /fixtures/llama-server/05-chat-single}
     * @return the recording
     * @throws UncheckedIOException when {@code response.raw} is not on the class path
     */
    public static Recording fromClasspath(String folder) {
        String base = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        byte[] response = resource(base + "/response.raw");
        if (response == null) {
            throw new UncheckedIOException(new IOException("recording " + base
                    + "/response.raw is not on the class path"));
        }
        return new Recording(base.substring(base.lastIndexOf('/') + 1), response, resource(base + "/request.raw"),
                resource(base + "/response.body"));
    }

    /** @return the folder name, for example {@code 05-chat-single} */
    public String name() {
        return name;
    }

    /** @return a reply that replays the recorded response byte for byte */
    public Reply reply() {
        return Reply.raw(responseRaw);
    }

    /** @return the exact response bytes (a copy) */
    public byte[] responseRaw() {
        return responseRaw.clone();
    }

    /** @return the de-chunked response body, if recorded */
    public Optional<byte[]> responseBody() {
        return Optional.ofNullable(responseBody).map(byte[]::clone);
    }

    /** @return the response body as UTF-8 text, if recorded */
    public Optional<String> responseBodyText() {
        return responseBody().map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** @return the exact request bytes, if recorded */
    public Optional<byte[]> requestRaw() {
        return Optional.ofNullable(requestRaw).map(byte[]::clone);
    }

    /** @return the body of the recorded request (the bytes after the blank line), if recorded */
    public Optional<byte[]> requestBody() {
        if (requestRaw == null) {
            return Optional.empty();
        }
        for (int i = 0; i + 3 < requestRaw.length; i++) {
            if (requestRaw[i] == '\r' && requestRaw[i + 1] == '\n' && requestRaw[i + 2] == '\r'
                    && requestRaw[i + 3] == '\n') {
                return Optional.of(Arrays.copyOfRange(requestRaw, i + 4, requestRaw.length));
            }
        }
        return Optional.of(new byte[0]);
    }

    /** @return the recorded request body as UTF-8 text, if recorded */
    public Optional<String> requestBodyText() {
        return requestBody().map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static byte[] readRequired(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("recording file " + file + " cannot be read", e);
        }
    }

    private static byte[] readOptional(Path file) {
        return Files.isRegularFile(file) ? readRequired(file) : null;
    }

    private static byte[] resource(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Recording.class.getClassLoader();
        }
        String relative = name.startsWith("/") ? name.substring(1) : name;
        try (InputStream in = loader.getResourceAsStream(relative)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("resource " + name + " cannot be read", e);
        }
    }
}
