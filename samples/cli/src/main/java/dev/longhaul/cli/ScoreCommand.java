package dev.longhaul.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.files.AtomicFile;
import dev.longhaul.files.FileProblem;
import dev.longhaul.report.PythonJsonWriter;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.TurnInput;
import dev.longhaul.scoring.TurnScore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        new OutputGuard().input("--input", input).output("--output", output);
        if (Files.isDirectory(input)) {
            throw new IllegalArgumentException("--input " + input + " is a directory, not a file of turns");
        }
        if (output != null && Files.isDirectory(output)) {
            throw new IllegalArgumentException("--output " + output + " is a directory, not a file");
        }
        int[] count = {0};
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            score(chosen, out, count);
            out.flush();
            return 0;
        }
        try {
            // the scores go to a temporary file first: bad input found on line N leaves an earlier --output whole
            AtomicFile.write(output, StandardCharsets.UTF_8, writer -> score(chosen, writer, count));
        } catch (IOException e) {
            if (e instanceof InputProblem problem) {
                throw problem.asArgument();
            }
            throw new IllegalArgumentException("--output " + output + ": cannot be written (" + FileProblem.of(e)
                    + ")", e);
        }
        spec.commandLine().getErr().println("Scored " + count[0] + " turns into " + output);
        return 0;
    }

    /** Scores every line of the input into {@code writer}; input problems are thrown as {@link InputProblem}. */
    private void score(Scorer chosen, Writer writer, int[] count) throws IOException {
        try (BufferedReader reader = open(input)) {
            String line;
            int lineNumber = 0;
            while ((line = readLine(reader, lineNumber + 1)) != null) {
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
                count[0]++;
            }
        }
    }

    /** An input problem met while the output is being written: carried out of the writer as an IOException. */
    private static final class InputProblem extends IOException {
        private static final long serialVersionUID = 1L;

        InputProblem(String message) {
            super(message);
        }

        IllegalArgumentException asArgument() {
            return new IllegalArgumentException(getMessage(), this);
        }
    }

    private String readLine(BufferedReader reader, int lineNumber) throws IOException {
        try {
            return reader.readLine();
        } catch (CharacterCodingException e) {
            throw new InputProblem("--input " + input + ": line " + lineNumber + " is not valid UTF-8");
        } catch (IOException e) {
            throw new InputProblem("--input " + input + ": cannot be read (" + FileProblem.of(e) + ")");
        }
    }

    private BufferedReader open(Path file) throws IOException {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputProblem("--input " + file + ": cannot be read (" + FileProblem.of(e) + ")");
        }
    }

    private TurnInput parse(String line, int lineNumber) throws InputProblem {
        String where = input + ":" + lineNumber;
        JsonNode node;
        try (JsonParser parser = JSON.createParser(line)) {
            node = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw new InputProblem(where + ": more than one JSON value on the line (one turn a line)");
            }
        } catch (InputProblem e) {
            throw e;
        } catch (IOException e) {
            throw new InputProblem(where + ": not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InputProblem(where + ": expected a JSON object");
        }
        for (String key : new String[] {"prompt", "response"}) {
            if (!node.path(key).isTextual()) {
                throw new InputProblem(where + ": \"" + key + "\" must be a string");
            }
        }
        JsonNode turnNode = node.path("turn");
        if (!turnNode.isMissingNode() && !turnNode.isNull()
                && !(turnNode.isIntegralNumber() && turnNode.canConvertToInt())) {
            throw new InputProblem(where + ": \"turn\" must be a whole number, was " + turnNode);
        }
        int turn = turnNode.isIntegralNumber() ? turnNode.intValue() : lineNumber;
        String phase = node.path("phase").isTextual() ? node.get("phase").asText() : "";
        if (turn < 1) {
            throw new InputProblem(where + ": \"turn\" must be at least 1, was " + turn);
        }
        return new TurnInput(turn, phase, node.get("prompt").asText(), node.get("response").asText());
    }
}
