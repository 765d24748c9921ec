package dev.longhaul.backend.http;

/**
 * How a streamed answer is framed. The transport splits the body into events and hands each to a
 * {@link StreamSink}; events may arrive split across any number of network chunks.
 */
public enum StreamFormat {

    /**
     * Server-Sent Events ({@code text/event-stream}): the event's {@code data:} lines joined with {@code \n}
     * (the {@code data:} prefix and one following space removed); {@code event:}, {@code id:}, {@code retry:} and
     * comment lines are ignored. The sentinel {@code [DONE]} is passed on like any other data.
     */
    SSE("text/event-stream"),

    /** Newline-delimited JSON ({@code application/x-ndjson}): each non-blank line is one event. */
    NDJSON("application/x-ndjson");

    private final String mediaType;

    StreamFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** @return the media type to ask for in the {@code Accept} header */
    public String mediaType() {
        return mediaType;
    }

    EventDecoder decoder(EventDecoder.Listener listener) {
        return this == SSE ? new SseDecoder(listener) : new NdjsonDecoder(listener);
    }
}
