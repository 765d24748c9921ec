package dev.longhaul.analysis.tradeoff;

import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What one arm cost, measured over its runs' turns (repeats pooled): its KV cache memory as llama.cpp logged it, its
 * decode and prefill speed and time to first token as median with P10–P90 over turns, the tokens it generated, the
 * wall time of its turns, and, for a llama-server that {@code ab --server-bin} started, the exact command line.
 *
 * <p><b>Where the speeds come from.</b> Decode: llama-server's own {@code server_predicted_per_second} where the turns
 * carry it (no network in it), else the client's {@code tokens_per_s}. Prefill: llama-server's
 * {@code server_prompt_per_second}, else the prompt tokens the backend evaluated ({@code prompt_tokens_evaluated},
 * or {@code prompt_eval_count − cached_prompt_tokens}) over the time to first token. A turn without the figure is left
 * out; an arm without any has none ({@code null}, "unknown").
 *
 * @param label                   the arm's label (its KV cache type)
 * @param runs                    the arm's runs
 * @param answeredTurns           answered turns over all runs
 * @param failedTurns             failed turns over all runs
 * @param kvCache                 the KV cache memory; null when no report states it
 * @param decode                  decode tokens/s over turns; null when unknown
 * @param decodeSource            {@value #SERVER_TIMINGS} or {@value #CLIENT}; null when unknown
 * @param prefill                 prefill tokens/s over turns; null when unknown
 * @param prefillSource           {@value #SERVER_TIMINGS} or {@value #CLIENT}; null when unknown
 * @param timeToFirstToken        seconds to the first token over turns; null when not streamed
 * @param tokensGenerated         tokens generated over all turns
 * @param wallSeconds             the wall time of all turns, answered and failed, in seconds (the sum of their
 *                                {@code elapsed_s}, to two decimals)
 * @param serverCommand           the command line of the arm's managed llama-server (its first run's); null when the
 *                                arm ran no managed server
 * @param trainedContext          the model's trained context in tokens, when a report states it; else null
 * @param pastTrainedContextTurns the turns (numbers, ascending, over all runs) whose prompt and answer went past the
 *                                model's trained context
 */
public record ArmFigures(String label, int runs, int answeredTurns, int failedTurns, KvCacheMemory kvCache,
                         TurnSpread decode, String decodeSource, TurnSpread prefill, String prefillSource,
                         TurnSpread timeToFirstToken, long tokensGenerated, double wallSeconds,
                         List<String> serverCommand, Integer trainedContext, List<Integer> pastTrainedContextTurns) {

    /** A speed from llama-server's own {@code timings}. */
    public static final String SERVER_TIMINGS = "server timings";
    /** A speed measured by the client (longhaul) as the tokens arrived. */
    public static final String CLIENT = "client";

    /**
     * Copies the lists.
     *
     * @param label                   the arm's label
     * @param runs                    the arm's runs
     * @param answeredTurns           answered turns over all runs
     * @param failedTurns             failed turns over all runs
     * @param kvCache                 the KV cache memory, or null
     * @param decode                  decode tokens/s over turns, or null
     * @param decodeSource            where decode speeds came from, or null
     * @param prefill                 prefill tokens/s over turns, or null
     * @param prefillSource           where prefill speeds came from, or null
     * @param timeToFirstToken        seconds to the first token over turns, or null
     * @param tokensGenerated         tokens generated over all turns
     * @param wallSeconds             the wall time of all turns in seconds
     * @param serverCommand           the managed server's command line, or null
     * @param trainedContext          the model's trained context in tokens, or null
     * @param pastTrainedContextTurns the turns past the trained context
     */
    public ArmFigures {
        serverCommand = serverCommand == null ? null : List.copyOf(serverCommand);
        pastTrainedContextTurns = List.copyOf(pastTrainedContextTurns);
    }

    /**
     * @param label the arm's label
     * @param runs  the arm's reports (its repeats), at least one
     * @return the arm's figures over all their turns
     */
    public static ArmFigures of(String label, List<SessionReport> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("arm '" + label + "' has no run");
        }
        List<TurnMetrics> turns = new ArrayList<>();
        int failed = 0;
        double wall = 0;
        for (SessionReport run : runs) {
            turns.addAll(run.turnMetrics());
            failed += run.failedTurns().size();
            wall += run.failedTurns().stream().mapToDouble(FailedTurn::elapsedS).sum();
        }
        long generated = 0;
        TreeSet<Integer> past = new TreeSet<>();
        for (TurnMetrics t : turns) {
            wall += t.numberOrNaN(MetricKey.ELAPSED_S);
            double tokens = t.numberOrNaN(MetricKey.TOKENS_GENERATED);
            generated += Double.isNaN(tokens) ? 0 : (long) tokens;
            if (t.isTrue(MetricKey.PAST_TRAINED_CONTEXT)) {
                past.add(t.turn());
            }
        }
        boolean serverDecode = turns.stream().anyMatch(t -> hasNumber(t, MetricKey.SERVER_PREDICTED_PER_SECOND));
        boolean serverPrefill = turns.stream().anyMatch(t -> hasNumber(t, MetricKey.SERVER_PROMPT_PER_SECOND));
        TurnSpread decode = TurnSpread.of(turns.stream().mapToDouble(t -> t.numberOrNaN(serverDecode
                ? MetricKey.SERVER_PREDICTED_PER_SECOND : MetricKey.TOKENS_PER_S)).toArray()).orElse(null);
        TurnSpread prefill = TurnSpread.of(turns.stream().mapToDouble(t -> serverPrefill
                ? t.numberOrNaN(MetricKey.SERVER_PROMPT_PER_SECOND) : clientPrefill(t)).toArray()).orElse(null);
        TurnSpread ttft = TurnSpread.of(turns.stream().mapToDouble(t -> t.numberOrNaN(MetricKey.TTFT_S)).toArray())
                .orElse(null);
        SessionReport first = runs.get(0);
        List<String> command = first.config().serverCommand().orElse(null);
        Integer trained = first.config().trainedContextSize().orElse(null);
        return new ArmFigures(label, runs.size(), turns.size(), failed,
                KvCacheMemory.of(first.config()).orElse(null),
                decode, decode == null ? null : serverDecode ? SERVER_TIMINGS : CLIENT,
                prefill, prefill == null ? null : serverPrefill ? SERVER_TIMINGS : CLIENT,
                ttft, generated, PythonFormat.round(wall, 2), command, trained, List.copyOf(past));
    }

    /** Whether the turn has a number under the key that is not NaN. */
    private static boolean hasNumber(TurnMetrics t, MetricKey<Double> key) {
        return !Double.isNaN(t.numberOrNaN(key));
    }

    /** Prompt tokens evaluated over the time to first token; NaN when either is unknown or nothing was evaluated. */
    private static double clientPrefill(TurnMetrics t) {
        double evaluated = t.numberOrNaN(MetricKey.PROMPT_TOKENS_EVALUATED);
        if (Double.isNaN(evaluated)) {
            evaluated = t.numberOrNaN(MetricKey.PROMPT_EVAL_COUNT) - t.numberOrNaN(MetricKey.CACHED_PROMPT_TOKENS);
        }
        double seconds = t.numberOrNaN(MetricKey.TTFT_S);
        return evaluated >= 1 && seconds > 0 ? evaluated / seconds : Double.NaN;
    }

    /** @return whether the arm answered no turn at all: there is nothing to judge it by */
    public boolean unanswered() {
        return answeredTurns == 0;
    }
}
