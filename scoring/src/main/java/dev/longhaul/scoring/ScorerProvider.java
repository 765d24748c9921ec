package dev.longhaul.scoring;

/**
 * The service-provider interface for scorers, so that a scorer is chosen by name ({@code --scorer NAME}, or
 * {@link Scorers#create(String)}) as a backend is. Implementations are found with {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/dev.longhaul.scoring.ScorerProvider} and put the jar on the class path.
 * They need a public no-argument constructor.
 */
public interface ScorerProvider {

    /** @return the name a user chooses the scorer by, such as {@code heuristic}: lower case, no spaces */
    String name();

    /** @return a one-line description for listings */
    default String description() {
        return getClass().getName();
    }

    /**
     * Creates the scorer. Called for every provider when a resumed checkpoint's scorer is looked up by its
     * {@link Scorer#name()} ({@link Scorers#byScorerName}), so it should be cheap, and the scorer's name should be
     * the same on every call.
     *
     * @return a new scorer
     */
    Scorer create();
}
