package dev.longhaul.http.replay;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request the {@link ReplayServer} received.
 *
 * @param method     the method, for example {@code POST}
 * @param path       the request target as sent, for example {@code /v1/chat/completions}
 * @param headers    the headers in the order received (names as sent)
 * @param body       the body bytes (de-chunked when sent chunked)
 * @param connection which connection it came on, from 1 in the order they were accepted
 */
public record RecordedRequest(String method, String path, List<Map.Entry<String, String>> headers, byte[] body,
                              int connection) {

    /**
     * Copies the lists.
     *
     * @param method     the method, for example {@code POST}
     * @param path       the request target as sent, for example {@code /v1/chat/completions}
     * @param headers    the headers in the order received (names as sent)
     * @param body       the body bytes (de-chunked when sent chunked)
     * @param connection which connection it came on, from 1 in the order they were accepted
     */
    public RecordedRequest {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    /**
     * The first header of that name, ignoring case.
     *
     * @param name the header name
     * @return its value, if sent
     */
    public Optional<String> header(String name) {
        return headers.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return a copy of the body */
    @Override
    public byte[] body() {
        return body.clone();
    }
}
