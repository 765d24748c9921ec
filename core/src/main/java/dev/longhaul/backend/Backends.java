package dev.longhaul.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Finds {@link BackendProvider}s on the class path with {@link ServiceLoader} and selects them by name.
 */
public final class Backends {

    private final Map<String, BackendProvider> byName;

    private Backends(Map<String, BackendProvider> byName) {
        this.byName = byName;
    }

    /**
     * Loads every provider visible to the thread's context class loader (or this class's loader).
     *
     * @return the providers found
     * @throws IllegalStateException when two providers claim the same name, or one cannot be instantiated
     */
    public static Backends discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Backends.class.getClassLoader();
        }
        return discover(loader);
    }

    /**
     * Loads every provider visible to the given class loader.
     *
     * @param loader where to look
     * @return the providers found
     * @throws IllegalStateException when two providers claim the same name, or one cannot be instantiated
     */
    public static Backends discover(ClassLoader loader) {
        Map<String, BackendProvider> found = new TreeMap<>();
        try {
            for (BackendProvider p : ServiceLoader.load(BackendProvider.class, loader)) {
                BackendProvider previous = found.putIfAbsent(p.name(), p);
                if (previous != null && !previous.getClass().equals(p.getClass())) {
                    throw new IllegalStateException("two backend providers are named '" + p.name() + "': "
                            + previous.getClass().getName() + " and " + p.getClass().getName());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a backend provider could not be loaded: " + e.getMessage(), e);
        }
        return new Backends(found);
    }

    /**
     * Builds a registry from explicit providers (for tests and for code that does not use the class path).
     *
     * @param providers the only providers the registry selects from
     * @return a registry of exactly these providers
     * @throws IllegalStateException when two of them have the same {@link BackendProvider#name()}
     */
    public static Backends of(BackendProvider... providers) {
        Map<String, BackendProvider> found = new TreeMap<>();
        for (BackendProvider p : providers) {
            if (found.putIfAbsent(p.name(), p) != null) {
                throw new IllegalStateException("two backend providers are named '" + p.name() + "'");
            }
        }
        return new Backends(found);
    }

    /** @return the providers found, sorted by name */
    public List<BackendProvider> providers() {
        return new ArrayList<>(byName.values());
    }

    /** @return the provider names found, sorted */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /**
     * Selects a provider by name.
     *
     * @param name the provider name
     * @return the provider
     * @throws IllegalArgumentException naming the unknown backend and listing the names found
     */
    public BackendProvider provider(String name) {
        BackendProvider p = byName.get(name);
        if (p == null) {
            String known = byName.isEmpty() ? "none (no BackendProvider on the class path)"
                    : byName.keySet().stream().collect(Collectors.joining(", "));
            throw new IllegalArgumentException("unknown backend '" + name + "'; available: " + known);
        }
        return p;
    }

    /**
     * Looks a provider up by name.
     *
     * @param name the provider name
     * @return the provider, if one has that name
     */
    public Optional<BackendProvider> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The names of the options a provider declares ({@link BackendProvider#options()}): where a setting that only
     * some backends have applies.
     *
     * @param name the provider name
     * @return its options' names; empty when no provider has that name
     */
    public Set<String> optionNames(String name) {
        return find(name).map(p -> p.options().stream().map(BackendOption::name).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    /**
     * Creates a backend from the provider that {@link BackendConfig#provider()} names.
     *
     * @param config the settings
     * @return a new backend
     * @throws BackendException when the provider rejects the config
     * @throws IllegalArgumentException when no provider has that name
     */
    public Backend create(BackendConfig config) throws BackendException {
        return provider(config.provider()).create(config);
    }
}
