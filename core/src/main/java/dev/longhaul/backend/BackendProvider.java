package dev.longhaul.backend;

import java.util.List;

/**
 * The service-provider interface for backends. Implementations are found with {@link java.util.ServiceLoader}: list
 * the class in {@code META-INF/services/dev.longhaul.backend.BackendProvider} and put the jar on the class path;
 * {@link Backends} then selects it by {@link #name()}.
 *
 * <p>A provider must have a public no-argument constructor and be cheap to construct: the loader instantiates every
 * provider on the class path to read the names.
 */
public interface BackendProvider {

    /** @return the unique name users select this backend by, for example {@code ollama} */
    String name();

    /** @return one line saying what this backend talks to */
    default String description() {
        return getClass().getName();
    }

    /**
     * The backend-specific options this provider reads, each documented by its {@link BackendOption#description()};
     * the backend refuses an option of another name. A command line uses this list to apply a flag that sets one
     * backend's option (such as {@code --threads}) only to the backends that have it.
     *
     * @return the options, in the order a message lists them; empty by default
     */
    default List<BackendOption<?>> options() {
        return List.of();
    }

    /**
     * Creates a backend. Should fail fast on configuration errors (missing model file, bad URL), but need not
     * contact a server.
     *
     * @param config the settings
     * @return a new backend; the caller closes it
     * @throws BackendException when the config cannot work
     */
    Backend create(BackendConfig config) throws BackendException;

    /**
     * Checks a config without creating a backend or contacting a server — e.g. that a cache type is one this
     * backend can apply — so that a study of several arms fails on a bad arm before the first arm runs. The
     * default accepts every config; {@link #create} checks again.
     *
     * @param config the settings
     * @throws BackendException ({@link BackendException.Kind#CONFIGURATION}) naming the first bad value
     */
    default void validate(BackendConfig config) throws BackendException {
    }
}
