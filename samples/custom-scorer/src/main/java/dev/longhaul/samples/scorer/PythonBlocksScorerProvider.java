package dev.longhaul.samples.scorer;

import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.ScorerProvider;

// tag::scorer-provider[]
/**
 * Registers {@link HeuristicWithPythonBlocks} as {@code heuristic-python-blocks}, listed in
 * {@code META-INF/services/dev.longhaul.scoring.ScorerProvider}: with this jar on the class path,
 * {@code longhaul run --scorer heuristic-python-blocks} (or {@code score}, {@code ab}) chooses it by name.
 */
public final class PythonBlocksScorerProvider implements ScorerProvider {

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public PythonBlocksScorerProvider() {
    }

    @Override
    public String name() {
        return "heuristic-python-blocks";
    }

    @Override
    public String description() {
        return "the seed's score and metrics, then python_blocks and python_blocks_well_formed";
    }

    @Override
    public Scorer create() {
        return new HeuristicWithPythonBlocks();
    }
}
// end::scorer-provider[]
