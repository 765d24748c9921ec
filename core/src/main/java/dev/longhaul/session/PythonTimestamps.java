package dev.longhaul.session;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats instants as Python's {@code datetime.now(timezone.utc).isoformat()} does. */
final class PythonTimestamps {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private PythonTimestamps() {
    }

    /** {@code 2026-11-26T05:31:20.123456+00:00}; Python leaves the fraction out when the microseconds are 0. */
    static String isoFormat(Instant instant) {
        var utc = instant.atOffset(ZoneOffset.UTC);
        int micros = utc.getNano() / 1000;
        String fraction = micros == 0 ? "" : String.format(".%06d", micros);
        return SECONDS.format(utc) + fraction + "+00:00";
    }
}
