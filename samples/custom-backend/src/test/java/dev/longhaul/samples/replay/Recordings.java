package dev.longhaul.samples.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.script.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Recordings of the seed's first turns for the tests, as {@code longhaul score} reads them. */
final class Recordings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Recordings() {
    }

    /** A different answer per turn: code, prose and a cut-off one, so the scores differ from turn to turn. */
    static String answer(int turn) {
        switch (turn % 3) {
            case 0:
                return "Here is turn " + turn + ":\n\n```python\ndef f" + turn + "(x):\n    return x * " + turn
                        + "\n```\n\n- it multiplies\n- it returns\n";
            case 1:
                return "As I mentioned earlier, the function works. It works. It works.";
            default:
                return "## Turn " + turn + "\n\n```python\nclass Stack:\n    def push(self, item):\n"
                        + "        self.items.append(item)\n```\n";
        }
    }

    /** The seed's first {@code turns} turns, each answered by {@link #answer(int)}, with recorded figures. */
    static Path seedTurns(Path file, int turns) {
        List<ScriptedTurn> script = Script.seed().turns(turns);
        String lines = script.stream().map(t -> {
            ObjectNode line = JSON.createObjectNode().put("turn", t.turn()).put("phase", t.phase())
                    .put("prompt", t.prompt()).put("response", answer(t.turn()));
            line.put("elapsed_s", 1.25 * t.turn()).put("tokens_generated", 40 + t.turn());
            return line.toString();
        }).collect(Collectors.joining("\n", "", "\n"));
        try {
            return Files.writeString(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
