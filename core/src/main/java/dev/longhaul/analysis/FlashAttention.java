package dev.longhaul.analysis;

import dev.longhaul.report.SessionReport;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the two sides of a comparison ran with the same flash-attention setting, as their backends reported it
 * ({@code backend_info.flash_attention} of the embedded backend, {@code flash_attn} from a llama-server's log). Arms
 * that differ in it differ in speed and numerics for a reason that is not the KV cache.
 */
final class FlashAttention {

    private FlashAttention() {
    }

    /**
     * @param a the baseline's runs
     * @param b the compared side's runs
     * @return a note when both sides report a setting and the settings differ
     */
    static Optional<String> differs(List<SessionReport> a, List<SessionReport> b) {
        Set<String> left = settings(a);
        Set<String> right = settings(b);
        if (left.isEmpty() || right.isEmpty() || left.equals(right)) {
            return Optional.empty();
        }
        return Optional.of("the two sides ran with different flash attention (" + String.join(", ", left) + " | "
                + String.join(", ", right) + "): speed and numerics differ for a reason that is not the cache");
    }

    private static Set<String> settings(List<SessionReport> runs) {
        Set<String> seen = new LinkedHashSet<>();
        for (SessionReport run : runs) {
            Map<String, Object> facts = run.config().backendInfo();
            Object value = facts.containsKey("flash_attention") ? facts.get("flash_attention") : facts.get("flash_attn");
            if (value != null) {
                seen.add(normalised(String.valueOf(value)));
            }
        }
        return seen;
    }

    private static String normalised(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "enabled", "1", "true" -> "on";
            case "off", "disabled", "0", "false" -> "off";
            default -> value.strip();
        };
    }
}
