package dev.longhaul.cli;

import dev.longhaul.files.AtomicFile;
import dev.longhaul.files.FileProblem;
import dev.longhaul.rescoring.Rescoring;
import dev.longhaul.rescoring.SavedTurnsProblem;
import dev.longhaul.scoring.Scorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code longhaul score}: re-scores saved turns. Reads JSON Lines of {@code {"turn","phase","prompt","response"}}
 * and writes one metrics object a line with the seed's keys ({@link Rescoring}: streamed, on every core).
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Re-score saved turns: reads JSON Lines {\"turn\",\"phase\",\"prompt\",\"response\"} and "
                + "writes one metrics object a line with the seed's keys.")
final class ScoreCommand implements Callable<Integer> {

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

    @Option(names = "--threads", description = "Threads that parse and score (default: the machine's cores).")
    Integer threads;

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
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (workers < 1) {
            throw new IllegalArgumentException("--threads " + workers + " must be at least 1");
        }
        Rescoring rescoring = new Rescoring(chosen, workers);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            try {
                rescoring.rescore(input, out);
            } catch (SavedTurnsProblem problem) {
                out.flush();
                throw asArgument(problem);
            }
            return 0;
        }
        long[] count = {0};
        try {
            // the scores go to a temporary file first: bad input found on line N leaves an earlier --output whole
            AtomicFile.write(output, StandardCharsets.UTF_8, writer -> count[0] = rescore(rescoring, writer));
        } catch (IOException e) {
            if (e instanceof InputProblem problem) {
                throw asArgument(problem.problem);
            }
            throw new IllegalArgumentException("--output " + output + ": cannot be written (" + FileProblem.of(e)
                    + ")", e);
        }
        spec.commandLine().getErr().println("Scored " + count[0] + " turns into " + output);
        return 0;
    }

    private long rescore(Rescoring rescoring, Writer writer) throws IOException {
        try {
            return rescoring.rescore(input, writer);
        } catch (SavedTurnsProblem problem) {
            throw new InputProblem(problem);
        }
    }

    /** The one-line message: problems of the whole file (it cannot be read, a line's encoding) name the option. */
    private static IllegalArgumentException asArgument(SavedTurnsProblem problem) {
        String message = problem.line() == 0 ? "--input " + problem.getMessage() : problem.getMessage();
        return new IllegalArgumentException(message, problem);
    }

    /** An input problem met while the output is being written: carried out of the writer as an IOException. */
    private static final class InputProblem extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient SavedTurnsProblem problem;

        InputProblem(SavedTurnsProblem problem) {
            super(problem.getMessage());
            this.problem = problem;
        }
    }
}
