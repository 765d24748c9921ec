package dev.longhaul.cli;

import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.ScorerProvider;
import dev.longhaul.scoring.Scorers;
import java.util.Iterator;
import java.util.Optional;

/**
 * Resolves {@code --scorer}: the name of a {@link ScorerProvider} on the class path (as {@code --backend} names a
 * backend provider), or the class name of a {@link Scorer} with a public no-argument constructor.
 */
final class ScorerChoice {

    private ScorerChoice() {
    }

    /** The providers' names, for completion and help. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Scorers.discover().names().iterator();
        }
    }

    static Scorer resolve(String name) {
        Scorers scorers = Scorers.discover();
        Optional<ScorerProvider> provider = scorers.find(name);
        return provider.isPresent() ? provider.get().create() : load(name, scorers);
    }

    private static Scorer load(String className, Scorers scorers) {
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--scorer '" + className + "' is neither a scorer's name ("
                    + String.join(", ", scorers.names()) + ") nor a class on the class path");
        }
        if (!Scorer.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("--scorer '" + className + "' does not implement " + Scorer.class.getName());
        }
        try {
            return (Scorer) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("--scorer '" + className + "' has no public no-argument constructor");
        }
    }
}
