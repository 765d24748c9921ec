package dev.longhaul.rescoring;

import dev.longhaul.files.FileProblem;
import dev.longhaul.report.PythonJsonWriter;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.TurnInput;
import dev.longhaul.scoring.TurnScore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Re-scores saved turns ({@code longhaul score}): reads JSON Lines of {@code {"turn","phase","prompt","response"}}
 * and writes one line per turn with {@code turn}, {@code phase} and the scorer's metrics, as Python's
 * {@code json.dumps} writes them (the seed's keys and numbers, byte for byte). Blank lines are skipped.
 *
 * <p>The input is streamed in chunks of whole lines; each chunk is parsed field by field (no JSON tree) and scored
 * on one of {@code threads} threads, and the chunks' lines are written in input order, so the output does not
 * depend on the number of threads. At most a few chunks are held at a time, whatever the input's size.
 *
 * <p>A line that is not a turn stops the re-scoring with a {@link SavedTurnsProblem} naming it, after the lines
 * before it were written; nothing after it is written.
 */
public final class Rescoring {

    /** About this many bytes of input are parsed and scored as one task. */
    private static final int CHUNK_BYTES = 1 << 20;

    private final Scorer scorer;
    private final int threads;
    private final int chunkBytes;

    /**
     * @param scorer  the scorer (thread-safe, as {@link Scorer} requires)
     * @param threads threads that parse and score, at least 1
     */
    public Rescoring(Scorer scorer, int threads) {
        this(scorer, threads, CHUNK_BYTES);
    }

    /** With chunks of about {@code chunkBytes}: tests cut small inputs into many chunks. */
    Rescoring(Scorer scorer, int threads, int chunkBytes) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be at least 1, got " + chunkBytes);
        }
        this.scorer = scorer;
        this.threads = threads;
        this.chunkBytes = chunkBytes;
    }

    /**
     * Scores every turn of {@code input} into {@code out} (flushed, not closed).
     *
     * @param input the saved turns
     * @param out   where the metrics lines go
     * @return the number of turns scored
     * @throws SavedTurnsProblem when the input cannot be read or a line is not a turn
     * @throws IOException       when writing to {@code out} fails, or the thread is interrupted
     *                           ({@link InterruptedIOException})
     */
    public long rescore(Path input, Writer out) throws SavedTurnsProblem, IOException {
        long scored = 0;
        try (InputStream in = open(input)) {
            LineChunks chunks = new LineChunks(in, chunkBytes);
            if (threads == 1) {
                LineChunks.Chunk chunk;
                while ((chunk = next(chunks, input)) != null) {
                    scored += write(score(input, chunk), out);
                }
            } else {
                scored = rescoreInParallel(input, chunks, out);
            }
        } catch (IOException e) {
            if (e instanceof ReadProblem problem) {
                throw problem.problem;
            }
            throw e;
        }
        out.flush();
        return scored;
    }

    private long rescoreInParallel(Path input, LineChunks chunks, Writer out) throws SavedTurnsProblem, IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "longhaul-rescoring");
            thread.setDaemon(true);
            return thread;
        });
        try {
            long scored = 0;
            Deque<Future<ScoredChunk>> inFlight = new ArrayDeque<>();
            LineChunks.Chunk chunk;
            while ((chunk = next(chunks, input)) != null) {
                LineChunks.Chunk lines = chunk;
                inFlight.add(pool.submit(() -> score(input, lines)));
                if (inFlight.size() > 2 * threads) {
                    scored += write(result(inFlight.poll()), out);
                }
            }
            while (!inFlight.isEmpty()) {
                scored += write(result(inFlight.poll()), out);
            }
            return scored;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The lines of one chunk scored: their metrics lines, and the problem of the line that stopped them. */
    private record ScoredChunk(String text, int turns, SavedTurnsProblem problem) {
    }

    private ScoredChunk score(Path input, LineChunks.Chunk chunk) {
        StringBuilder text = new StringBuilder(chunk.lines() * 320);
        int turns = 0;
        for (int i = 0; i < chunk.lines(); i++) {
            TurnInput turn;
            try {
                turn = SavedTurnLine.parse(input, chunk.firstLine() + i, chunk.data(), chunk.starts()[i],
                        chunk.ends()[i]);
            } catch (SavedTurnsProblem problem) {
                return new ScoredChunk(text.toString(), turns, problem);
            }
            if (turn != null) {
                TurnScore score = scorer.score(turn);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("turn", turn.turn());
                row.put("phase", turn.phase());
                row.putAll(score.metrics());
                text.append(PythonJsonWriter.writeLine(row)).append('\n');
                turns++;
            }
        }
        return new ScoredChunk(text.toString(), turns, null);
    }

    private static int write(ScoredChunk chunk, Writer out) throws IOException, SavedTurnsProblem {
        out.write(chunk.text());
        if (chunk.problem() != null) {
            out.flush();
            throw chunk.problem();
        }
        return chunk.turns();
    }

    private static ScoredChunk result(Future<ScoredChunk> future) throws InterruptedIOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("re-scoring interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static LineChunks.Chunk next(LineChunks chunks, Path input) throws ReadProblem {
        try {
            return chunks.next();
        } catch (IOException e) {
            throw new ReadProblem(input, e);
        }
    }

    private static InputStream open(Path input) throws ReadProblem {
        try {
            return Files.newInputStream(input);
        } catch (IOException e) {
            throw new ReadProblem(input, e);
        }
    }

    /** The input cannot be read: kept apart from failures to write the output. */
    private static final class ReadProblem extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient SavedTurnsProblem problem;

        ReadProblem(Path input, IOException cause) {
            super(cause);
            this.problem = new SavedTurnsProblem(input, 0, "cannot be read (" + FileProblem.of(cause) + ")");
        }
    }
}
