package dev.longhaul.cli;

import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.MarkdownListHeuristicScorer;
import dev.longhaul.scoring.Scorer;
import java.util.Iterator;
import java.util.List;

/** Resolves {@code --scorer}: a built-in name or the class name of a {@link Scorer} on the class path. */
final class ScorerChoice {

    private ScorerChoice() {
    }

    /** The built-in names, for completion and help. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("heuristic", "heuristic-markdown-lists").iterator();
        }
    }

    static Scorer resolve(String name) {
        switch (name) {
            case "heuristic":
                return new HeuristicScorer();
            case "heuristic-markdown-lists":
                return new MarkdownListHeuristicScorer();
            default:
                return load(name);
        }
    }

    private static Scorer load(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--scorer '" + className
                    + "' is neither heuristic, heuristic-markdown-lists nor a class on the class path");
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
