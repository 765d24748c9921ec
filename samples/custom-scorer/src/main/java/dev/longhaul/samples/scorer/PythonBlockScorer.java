package dev.longhaul.samples.scorer;

import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.TurnInput;
import dev.longhaul.scoring.TurnScore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Counts an answer's Python code blocks ({@code ```python}, {@code ```py}, {@code ```python3}) and how many of them
 * are well formed: closed by a fence and passing {@link PythonBlockCheck}. Meant to be combined with the seed's
 * scorer ({@link HeuristicWithPythonBlocks}); used alone, its quality score is the share of well-formed blocks, 0
 * for an answer without Python code.
 */
public final class PythonBlockScorer implements Scorer {

    /** Metric: the answer's Python code blocks. */
    public static final String BLOCKS = "python_blocks";
    /** Metric: those of them closed by a fence and passing {@link PythonBlockCheck}. */
    public static final String WELL_FORMED = "python_blocks_well_formed";

    private static final Set<String> PYTHON = Set.of("python", "py", "python3");

    /** Creates the scorer; it holds no state. */
    public PythonBlockScorer() {
    }

    // tag::scorer[]
    @Override
    public TurnScore score(TurnInput input) {
        int blocks = 0;
        int wellFormed = 0;
        for (FencedBlock block : FencedBlocks.of(input.response())) {
            if (PYTHON.contains(block.language())) {
                blocks++;
                if (block.closed() && PythonBlockCheck.isWellFormed(block.code())) {
                    wellFormed++;
                }
            }
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(BLOCKS, blocks);
        metrics.put(WELL_FORMED, wellFormed);
        return TurnScore.of(blocks == 0 ? 0.0 : (double) wellFormed / blocks, metrics);
    }
    // end::scorer[]
}
