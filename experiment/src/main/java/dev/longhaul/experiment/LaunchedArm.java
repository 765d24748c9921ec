package dev.longhaul.experiment;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's backend — a config its provider builds, or an instance — plus what the run's report should also record
 * in its {@code config} and what to close when the run is over.
 *
 * @param config       the backend config, or null when {@code backend} is given
 * @param backend      the backend instance, or null when {@code config} is given
 * @param reportExtras keys added to the report's {@code config} after the run (e.g. a server's command line)
 * @param resources    closed after the run (e.g. the server), or null
 */
public record LaunchedArm(BackendConfig config, Backend backend, Map<String, Object> reportExtras,
                          AutoCloseable resources) implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LaunchedArm.class);

    /**
     * Requires exactly one of config and backend; copies the extras.
     *
     * @param config       the backend config, or null when {@code backend} is given
     * @param backend      the backend instance, or null when {@code config} is given
     * @param reportExtras keys added to the report's {@code config} after the run (e.g. a server's command line)
     * @param resources    closed after the run (e.g. the server), or null
     */
    public LaunchedArm {
        if ((config == null) == (backend == null)) {
            throw new IllegalArgumentException("a launched arm has either a backend config or a backend");
        }
        reportExtras = Collections.unmodifiableMap(new LinkedHashMap<>(reportExtras));
    }

    /**
     * @param config the backend config (its sampling seed is the run's)
     * @return a run on the backend its provider builds from {@code config}
     */
    public static LaunchedArm of(BackendConfig config) {
        return new LaunchedArm(Objects.requireNonNull(config, "config"), null, Map.of(), null);
    }

    /**
     * @param backend a backend instance, closed after the run
     * @return a run on it
     */
    public static LaunchedArm of(Backend backend) {
        return new LaunchedArm(null, Objects.requireNonNull(backend, "backend"), Map.of(), backend);
    }

    /**
     * @param extras keys to add to the report's {@code config}
     * @return this launch with them
     */
    public LaunchedArm withReportExtras(Map<String, Object> extras) {
        Map<String, Object> all = new LinkedHashMap<>(reportExtras);
        all.putAll(extras);
        return new LaunchedArm(config, backend, all, resources);
    }

    /**
     * @param resource closed after the run, after what this launch already closes
     * @return this launch with it
     */
    public LaunchedArm closing(AutoCloseable resource) {
        AutoCloseable before = resources;
        return new LaunchedArm(config, backend, reportExtras, before == null ? resource : () -> {
            try (AutoCloseable last = resource) {
                before.close();
            }
        });
    }

    /** Closes the resources; a failure is logged, not thrown. */
    @Override
    public void close() {
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                log.warn("closing an arm's resources failed", e);
            }
        }
    }
}
