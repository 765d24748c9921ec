/**
 * Token-level fidelity of an arm against the baseline, as llama.cpp's {@code llama-perplexity --kl-divergence}
 * measures a quantized model against its base, but on the turns of a conversation: the baseline's answer is
 * evaluated by both backends ({@link dev.longhaul.backend.TeacherForcing}), and per answer token the arm's next-token
 * distribution is compared with the baseline's.
 *
 * <ul>
 *   <li>{@link dev.longhaul.analysis.fidelity.TopKDivergence}: the KL divergence from two top-K lists (the
 *       approximation is documented there);</li>
 *   <li>{@link dev.longhaul.analysis.fidelity.PositionFidelity}: one position's KLD, same-top flag and Δp;</li>
 *   <li>{@link dev.longhaul.analysis.fidelity.FidelityStats}: mean ± standard error, median, 99th percentile and
 *       maximum KLD, same-top rate ± standard error, over a set of positions;</li>
 *   <li>{@link dev.longhaul.analysis.fidelity.FirstDivergence}: the first token where the arm's own answer leaves the
 *       baseline's;</li>
 *   <li>{@link dev.longhaul.analysis.fidelity.TokenFidelity}: one turn's figures as turn metrics;</li>
 *   <li>{@link dev.longhaul.analysis.fidelity.FidelitySummary}: a run's figures from its report, with intervals.</li>
 * </ul>
 */
package dev.longhaul.analysis.fidelity;
