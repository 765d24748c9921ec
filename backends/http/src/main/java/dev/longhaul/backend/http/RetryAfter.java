package dev.longhaul.backend.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses a {@code Retry-After} header (RFC 9110 §10.2.3): delay seconds or an HTTP-date. */
final class RetryAfter {

    private RetryAfter() {
    }

    static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            // More than 18 digits would overflow; such a delay is beyond any cap anyway.
            return Optional.of(v.length() > 18 ? Duration.ofSeconds(Long.MAX_VALUE / 1000) : Duration.ofSeconds(
                    Long.parseLong(v)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
