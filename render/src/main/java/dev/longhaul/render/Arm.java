package dev.longhaul.render;

import dev.longhaul.report.SessionReport;
import java.util.Objects;

/**
 * One run shown in a rendered report, under the label its charts, tables and columns use.
 *
 * @param label  the run's name in the rendering (for an A/B arm its KV type); not blank
 * @param report the run's report
 */
public record Arm(String label, SessionReport report) {

    /**
     * Rejects a blank label or a missing report.
     *
     * @param label  the run's name in the rendering (for an A/B arm its KV type); not blank
     * @param report the run's report
     */
    public Arm {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("an arm needs a label");
        }
        Objects.requireNonNull(report, "report");
    }
}
