package dev.longhaul.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The scorers on the class path, by name: every {@link ScorerProvider} that {@link ServiceLoader} finds
 * ({@code heuristic} and {@code heuristic-markdown-lists} are built in).
 */
public final class Scorers {

    private final Map<String, ScorerProvider> byName;

    private Scorers(Map<String, ScorerProvider> byName) {
        this.byName = byName;
    }

    /**
     * Finds the providers with the thread's context class loader.
     *
     * @return the scorers found
     * @throws IllegalStateException when two providers have the same name
     */
    public static Scorers discover() {
        Map<String, ScorerProvider> byName = new TreeMap<>();
        for (ScorerProvider p : ServiceLoader.load(ScorerProvider.class)) {
            ScorerProvider before = byName.putIfAbsent(p.name(), p);
            if (before != null && !before.getClass().equals(p.getClass())) {
                throw new IllegalStateException("two scorers are named '" + p.name() + "': "
                        + before.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new Scorers(byName);
    }

    /** @return the providers' names, sorted */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** @return the providers, sorted by name */
    public List<ScorerProvider> providers() {
        return new ArrayList<>(byName.values());
    }

    /**
     * @param name a provider's name
     * @return the provider of that name, if there is one
     */
    public Optional<ScorerProvider> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * @param name a provider's name
     * @return a new scorer of that provider
     * @throws IllegalArgumentException {@code no scorer named 'NAME'; known: …} when there is none
     */
    public Scorer create(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no scorer named '" + name + "'; known: "
                + String.join(", ", byName.keySet()))).create();
    }

    /**
     * The scorer a report or checkpoint recorded by its {@link Scorer#name()}, as one of these providers creates it.
     *
     * @param scorerName the recorded name
     * @return a scorer with that name, if a provider creates one
     */
    public Optional<Scorer> byScorerName(String scorerName) {
        for (ScorerProvider p : byName.values()) {
            Scorer s = p.create();
            if (s.name().equals(scorerName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
