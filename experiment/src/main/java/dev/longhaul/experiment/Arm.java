package dev.longhaul.experiment;

import dev.longhaul.backend.BackendConfig;
import java.util.Objects;

/**
 * One arm of an A/B experiment: a label (e.g. the KV cache type) and how each of its runs gets a backend.
 *
 * @param label    the arm's name in reports and comparisons; distinct within an experiment
 * @param launcher launches each run
 */
public record Arm(String label, ArmLauncher launcher) {

    /**
     * Rejects an empty label.
     *
     * @param label    the arm's name in reports and comparisons; distinct within an experiment
     * @param launcher launches each run
     */
    public Arm {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("an arm needs a label");
        }
        Objects.requireNonNull(launcher, "launcher");
    }

    /**
     * An arm whose runs use this config with the run's sampling seed: {@link BackendConfig#seed()} is replaced by
     * {@link ArmRun#seed()} (S + repeat − 1; S + R + repeat − 1 for a noise-floor run).
     *
     * @param label  the arm's name
     * @param config the backend config
     * @return the arm
     */
    public static Arm of(String label, BackendConfig config) {
        Objects.requireNonNull(config, "config");
        return new Arm(label, run -> LaunchedArm.of(config.newBuilder().seed(run.seed()).build()));
    }

    /**
     * An arm whose runs use a backend built by {@code factory} for the run's sampling seed (closed after the run). The report
     * labels the run's KV type with {@code label} unless the backend reports the type it applies.
     *
     * @param label   the arm's name
     * @param factory creates the backend for a sampling seed
     * @return the arm
     */
    public static Arm of(String label, BackendFactory factory) {
        Objects.requireNonNull(factory, "factory");
        return new Arm(label, run -> LaunchedArm.of(factory.create(run.seed())));
    }
}
