package dev.longhaul.analysis.fidelity;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.TeacherForcing;
import dev.longhaul.report.MetricKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One turn's token-level fidelity of an arm against the baseline, as turn metrics (under {@link MetricKey}'s token
 * fidelity keys): the baseline's answer is forced
 * through the baseline's backend and the arm's ({@link TeacherForcing}), and the two distributions are compared
 * position by position ({@link PositionFidelity}, {@link FidelityStats}).
 *
 * <p>Keys, in this order: {@code fidelity_top_k}, {@code forced_tokens}, {@code kld_mean}, {@code kld_p99},
 * {@code kld_max}, {@code same_top_rate}, {@code same_top_tokens}, {@code delta_p_mean} and
 * {@code delta_p_rms} and {@code delta_p_tokens} (over the positions where both backends give the answer token's
 * probability; absent when there is no such position), {@code first_divergence_token}
 * (greedy decoding only; {@code null} when the arm's answer equals the baseline's; absent when the baseline's tokens
 * do not spell its answer, see {@link FirstDivergence}), and {@code kld_values}, the
 * KLD of every position, from which {@link FidelitySummary} computes a run's percentiles. KLDs are
 * {@code KL(baseline || arm)} in nats; {@code fidelity_top_k} is the smaller of the K the two backends gave. An
 * empty answer, or a backend without teacher forcing, gives no keys.
 *
 * <p>Used once per turn for every arm, it forces the baseline's answer through the baseline's backend only once:
 * the last baseline result is kept for the next arm of the same turn. Not thread-safe.
 */
public final class TokenFidelity {

    /** The default K: enough for the tail bucket to hold little mass with small models (see docs/fidelity.md). */
    public static final int DEFAULT_TOP_K = 100;

    private final int topK;
    private final boolean greedy;
    private Backend cachedBackend;
    private ChatRequest cachedRequest;
    private String cachedAnswer;
    private ForcedAnswer cachedForced;

    /**
     * @param topK   candidates per position, at least 1
     * @param greedy whether the answers were decoded greedily (temperature 0): only then is the first divergence
     *               of the two answers reported
     */
    public TokenFidelity(int topK, boolean greedy) {
        if (topK < 1) {
            throw new IllegalArgumentException("top-K for token fidelity must be at least 1, got " + topK);
        }
        this.topK = topK;
        this.greedy = greedy;
    }

    /**
     * @param request         the conversation both answered
     * @param baselineBackend the baseline's backend
     * @param baselineAnswer  the baseline's answer
     * @param armBackend      the arm's backend
     * @param armAnswer       the arm's own answer
     * @return the turn's figures under the keys above; empty when either backend cannot force tokens or the
     *         baseline's answer has no tokens
     * @throws BackendException when forcing fails in either backend, or ({@link BackendException.Kind#BAD_RESPONSE})
     *                          when the two backends split the baseline's answer into different numbers of tokens
     */
    public Map<String, Object> measure(ChatRequest request, Backend baselineBackend, String baselineAnswer,
                                       Backend armBackend, String armAnswer) throws BackendException {
        if (!(baselineBackend instanceof TeacherForcing) || !(armBackend instanceof TeacherForcing arm)) {
            return Map.of();
        }
        ForcedAnswer baseline = baselineForced(request, baselineBackend, baselineAnswer);
        if (baseline.positions().isEmpty()) {
            return Map.of();
        }
        ForcedAnswer forced = arm.force(request, baselineAnswer, topK);
        if (forced.positions().size() != baseline.positions().size()) {
            throw new BackendException(BackendException.Kind.BAD_RESPONSE, "token fidelity: the arm forced "
                    + forced.positions().size() + " tokens of the baseline's answer, the baseline "
                    + baseline.positions().size() + " (different tokenizers?)");
        }
        List<PositionFidelity> positions = new ArrayList<>(baseline.positions().size());
        for (int i = 0; i < baseline.positions().size(); i++) {
            positions.add(PositionFidelity.of(baseline.positions().get(i), forced.positions().get(i)));
        }
        Map<String, Object> m = metrics(positions, Math.min(baseline.topK(), forced.topK()));
        if (greedy) {
            OptionalInt departs = FirstDivergence.tokenIndex(baseline, baselineAnswer, armAnswer);
            if (departs.isPresent() || baselineAnswer.equals(armAnswer)) {
                m.put(MetricKey.FIRST_DIVERGENCE_TOKEN.name(), departs.isPresent() ? departs.getAsInt() : null);
            }
        }
        m.put(MetricKey.KLD_VALUES.name(), positions.stream().map(PositionFidelity::kld).toList());
        return m;
    }

    private static Map<String, Object> metrics(List<PositionFidelity> positions, int k) {
        FidelityStats stats = FidelityStats.of(positions);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MetricKey.FIDELITY_TOP_K.name(), k);
        m.put(MetricKey.FORCED_TOKENS.name(), stats.positions());
        m.put(MetricKey.KLD_MEAN.name(), stats.kldMean());
        m.put(MetricKey.KLD_P99.name(), stats.kldP99());
        m.put(MetricKey.KLD_MAX.name(), stats.kldMax());
        m.put(MetricKey.SAME_TOP_RATE.name(), stats.sameTopRate());
        m.put(MetricKey.SAME_TOP_TOKENS.name(), stats.sameTop());
        if (!Double.isNaN(stats.deltaPMean())) {
            m.put(MetricKey.DELTA_P_MEAN.name(), stats.deltaPMean());
            m.put(MetricKey.DELTA_P_RMS.name(), stats.deltaPRms());
            m.put(MetricKey.DELTA_P_TOKENS.name(), positions.stream().filter(p -> !Double.isNaN(p.deltaP())).count());
        }
        return m;
    }

    private ForcedAnswer baselineForced(ChatRequest request, Backend backend, String answer) throws BackendException {
        if (backend != cachedBackend || !request.equals(cachedRequest) || !answer.equals(cachedAnswer)) {
            cachedForced = ((TeacherForcing) backend).force(request, answer, topK);
            cachedBackend = backend;
            cachedRequest = request;
            cachedAnswer = answer;
        }
        return cachedForced;
    }
}
