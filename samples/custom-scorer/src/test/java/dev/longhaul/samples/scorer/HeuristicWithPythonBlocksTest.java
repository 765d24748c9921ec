package dev.longhaul.samples.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.TurnInput;
import dev.longhaul.scoring.TurnScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeuristicWithPythonBlocksTest {

    static final String TWO_BLOCKS_ONE_CUT_OFF = "## Stack\n\n```python\nclass Stack:\n    def __init__(self):\n"
            + "        self.items = []\n```\n\nAnd the test:\n\n```python\ndef test_push():\n    s = Stack(\n```\n";

    @Test
    void countsPythonBlocksAndTheWellFormedOnes() {
        TurnScore score = new PythonBlockScorer().score(turn(TWO_BLOCKS_ONE_CUT_OFF));
        assertEquals(2, score.metrics().get(PythonBlockScorer.BLOCKS));
        assertEquals(1, score.metrics().get(PythonBlockScorer.WELL_FORMED));
        assertEquals(0.5, score.qualityScore());
    }

    @Test
    void otherLanguagesAndUnclosedBlocksDoNotCountAsWellFormed() {
        TurnScore score = new PythonBlockScorer().score(turn("```js\nx(\n```\n```py\nprint(1)\n```\n```python\nx = 1\n"));
        assertEquals(2, score.metrics().get(PythonBlockScorer.BLOCKS));
        assertEquals(1, score.metrics().get(PythonBlockScorer.WELL_FORMED));
        assertEquals(0.0, new PythonBlockScorer().score(turn("No code here.")).qualityScore());
    }

    @Test
    void keepsTheSeedsScoreAndMetricsThenAddsItsOwn() {
        TurnInput input = turn(TWO_BLOCKS_ONE_CUT_OFF);
        TurnScore seed = new HeuristicScorer().score(input);
        TurnScore combined = new HeuristicWithPythonBlocks().score(input);

        assertEquals(seed.qualityScore(), combined.qualityScore());
        List<String> keys = new ArrayList<>(seed.metrics().keySet());
        keys.add(PythonBlockScorer.BLOCKS);
        keys.add(PythonBlockScorer.WELL_FORMED);
        assertEquals(keys, new ArrayList<>(combined.metrics().keySet()));
        seed.metrics().forEach((k, v) -> assertEquals(v, combined.metrics().get(k), k));
        assertEquals(Map.of(PythonBlockScorer.BLOCKS, 2, PythonBlockScorer.WELL_FORMED, 1),
                Map.of(PythonBlockScorer.BLOCKS, combined.metrics().get(PythonBlockScorer.BLOCKS),
                        PythonBlockScorer.WELL_FORMED, combined.metrics().get(PythonBlockScorer.WELL_FORMED)));
    }

    static TurnInput turn(String response) {
        return new TurnInput(1, "code_gen", "Write a stack class with tests.", response);
    }
}
