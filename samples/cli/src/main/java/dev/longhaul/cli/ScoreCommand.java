package dev.longhaul.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.report.PythonJsonWriter;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.TurnInput;
import dev.longhaul.scoring.TurnScore;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code longhaul score}: re-scores saved turns. Reads JSON Lines of {@code {"turn","phase","prompt","response"}}
 * and writes one metrics object a line with the seed's keys.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Re-score saved turns: reads JSON Lines {\"turn\",\"phase\",\"prompt\",\"response\"} and "
                + "writes one metrics object a line with the seed's keys.")
final class ScoreCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, description = "Turns to score (JSON Lines).")
    Path input;

    @Option(names = "--output", description = "Where to write the metrics (JSON Lines; default: standard output).")
    Path output;

    @Option(names = "--scorer", defaultValue = "heuristic",
            description = "Scorer: ${COMPLETION-CANDIDATES}, or the class name of a Scorer on the class path (default: ${DEFAULT-VALUE}).",
            completionCandidates = ScorerChoice.Names.class)
    String scorer;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        Scorer chosen = ScorerChoice.resolve(scorer);
        int count = 0;
        try (BufferedReader reader = open(input);
             Writer writer = output == null ? new PrintWriter(spec.commandLine().getOut())
                     : new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                TurnInput turn = parse(line, lineNumber);
                TurnScore score = chosen.score(turn);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("turn", turn.turn());
                row.put("phase", turn.phase());
                row.putAll(score.metrics());
                writer.write(PythonJsonWriter.writeLine(row));
                writer.write('\n');
                count++;
            }
        }
        if (output != null) {
            spec.commandLine().getErr().println("Scored " + count + " turns into " + output);
        }
        return 0;
    }

    private BufferedReader open(Path file) throws IOException {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--input " + file + ": file not found");
        }
    }

    private TurnInput parse(String line, int lineNumber) {
        String where = input + ":" + lineNumber;
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object");
        }
        for (String key : new String[] {"prompt", "response"}) {
            if (!node.path(key).isTextual()) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be a string");
            }
        }
        int turn = node.path("turn").canConvertToInt() && node.path("turn").isIntegralNumber()
                ? node.get("turn").intValue() : lineNumber;
        String phase = node.path("phase").isTextual() ? node.get("phase").asText() : "";
        if (turn < 1) {
            throw new IllegalArgumentException(where + ": \"turn\" must be at least 1, was " + turn);
        }
        return new TurnInput(turn, phase, node.get("prompt").asText(), node.get("response").asText());
    }
}
