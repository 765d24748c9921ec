package dev.longhaul.samples.scorer;

import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.TurnInput;
import dev.longhaul.scoring.TurnScore;

/**
 * The seed's quality score and ten metrics ({@link HeuristicScorer}), followed by {@link PythonBlockScorer}'s two.
 * A class with a public no-argument constructor, so the command line can load it by name:
 * {@code longhaul score --scorer dev.longhaul.samples.scorer.HeuristicWithPythonBlocks}.
 */
public final class HeuristicWithPythonBlocks implements Scorer {

    // tag::combine[]
    private final Scorer combined = Scorer.combine(new HeuristicScorer(), new PythonBlockScorer());
    // end::combine[]

    /** Creates the scorer. */
    public HeuristicWithPythonBlocks() {
    }

    @Override
    public TurnScore score(TurnInput input) {
        return combined.score(input);
    }
}
