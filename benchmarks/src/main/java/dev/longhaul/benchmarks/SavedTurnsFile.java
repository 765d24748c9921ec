package dev.longhaul.benchmarks;

import dev.longhaul.report.PythonJsonWriter;
import dev.longhaul.scoring.TurnInput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a corpus of saved turns as {@code longhaul score} reads them (JSON Lines of
 * {@code {"turn","phase","prompt","response"}}, as Python's {@code json.dumps} writes them), from
 * {@link AnswerCorpus}'s answers of 1 to 20 KB: the input of the whole-process re-scoring measurement in
 * docs/benchmarks.md.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.longhaul.benchmarks.SavedTurnsFile turns.jsonl 100</pre>
 */
public final class SavedTurnsFile {

    private SavedTurnsFile() {
    }

    /**
     * @param args the file to write and its size in MB (of answer text, about; default 100)
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SavedTurnsFile <file.jsonl> [megabytes of answers, default 100]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        long megabytes = args.length == 2 ? Long.parseLong(args[1]) : 100;
        // answers of 1-20 KB average 10.5 KB
        int count = (int) (megabytes * 1_000_000 / 10_500);
        List<TurnInput> turns = AnswerCorpus.answers(count, 1_000, 20_000, 42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            int turnNumber = 0;
            for (TurnInput turn : turns) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("turn", ++turnNumber);
                line.put("phase", turn.phase());
                line.put("prompt", turn.prompt());
                line.put("response", turn.response());
                out.write(PythonJsonWriter.writeLine(line));
                out.write('\n');
            }
        }
        System.out.println(file + ": " + turns.size() + " turns, " + Files.size(file) / 1_000_000 + " MB");
    }
}
