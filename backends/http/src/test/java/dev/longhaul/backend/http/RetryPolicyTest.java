package dev.longhaul.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(8),
            Duration.ofSeconds(60));

    @Test
    void doublesTheBackoffWithJitterInTheUpperHalfAndCapsIt() {
        assertEquals(Duration.ofMillis(250), policy.backoff(1, 0.0));
        assertEquals(Duration.ofMillis(500), policy.backoff(1, 1.0));
        assertEquals(Duration.ofMillis(750), policy.backoff(2, 0.5));
        assertEquals(Duration.ofMillis(1000), policy.backoff(3, 0.0));
        assertEquals(Duration.ofMillis(2000), policy.backoff(3, 1.0));
        assertEquals(Duration.ofSeconds(8), policy.backoff(5, 1.0));
        assertEquals(Duration.ofSeconds(8), policy.backoff(6, 1.0));
        assertEquals(Duration.ofSeconds(4), policy.backoff(60, 0.0));
    }

    @Test
    void capsRetryAfter() {
        assertEquals(Duration.ofSeconds(7), policy.retryAfter(Duration.ofSeconds(7)));
        assertEquals(Duration.ofSeconds(60), policy.retryAfter(Duration.ofHours(1)));
        assertEquals(Duration.ZERO, policy.retryAfter(Duration.ofSeconds(-3)));
    }

    @Test
    void rejectsAMaxBackoffBelowTheInitialOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO));
        assertEquals("max backoff PT1S is below initial backoff PT2S", e.getMessage());
    }

    @Test
    void parsesRetryAfterSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", clock));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Thu, 26 Nov 2026 10:01:30 GMT", clock));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Thu, 26 Nov 2026 09:00:00 GMT", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", clock));
        assertEquals(Optional.empty(), RetryAfter.parse(null, clock));
    }
}
