package dev.longhaul.analysis.fidelity;

import dev.longhaul.analysis.stats.Quantiles;
import java.util.Arrays;
import java.util.List;

/**
 * llama-perplexity's KL-divergence statistics over a set of answer positions (one turn, or a whole run).
 *
 * <p>Exactly as {@code llama-perplexity --kl-divergence} computes them: the mean KLD with its standard error
 * {@code sqrt((mean(x²) - mean(x)²) / (n - 1))}; the median; the 99th percentile at rank {@code 0.99 (n - 1)} of the
 * sorted values, interpolated linearly between neighbours (type 7); the maximum; the same-top rate {@code p} with
 * {@code sqrt(p (1 - p) / (n - 1))}. One difference: llama-perplexity prints a standard error of 0 below 11
 * values; here it is computed from 2 values on (0 for one). These standard errors treat positions as independent;
 * the positions of one answer are not, so for a run prefer {@link FidelitySummary}'s intervals over turns.
 *
 * @param positions   the number of positions
 * @param kldMean     mean KLD, nats
 * @param kldMeanSe   its standard error
 * @param kldMedian   median KLD
 * @param kldP99      99th percentile KLD
 * @param kldMax      maximum KLD
 * @param sameTop     positions whose top token is the same on both sides
 * @param sameTopRate {@code sameTop / positions}
 * @param sameTopSe   its standard error
 * @param deltaPMean  mean Δp over the positions that have one; NaN when none has
 * @param deltaPRms   root mean square Δp over the same positions; NaN when none has
 */
public record FidelityStats(int positions, double kldMean, double kldMeanSe, double kldMedian, double kldP99,
                            double kldMax, int sameTop, double sameTopRate, double sameTopSe, double deltaPMean,
                            double deltaPRms) {

    /**
     * @param values one comparison per position, at least one
     * @return the statistics
     * @throws IllegalArgumentException when {@code values} is empty
     */
    public static FidelityStats of(List<PositionFidelity> values) {
        double[] kld = values.stream().mapToDouble(PositionFidelity::kld).toArray();
        int same = (int) values.stream().filter(PositionFidelity::sameTop).count();
        double[] deltaP = values.stream().mapToDouble(PositionFidelity::deltaP).filter(d -> !Double.isNaN(d))
                .toArray();
        return of(kld, same, deltaP);
    }

    /**
     * @param kld     the KLD of every position, at least one
     * @param sameTop how many positions have the same top token
     * @param deltaP  the Δp of the positions that have one (may be empty)
     * @return the statistics
     * @throws IllegalArgumentException when {@code kld} is empty or {@code sameTop} is out of range
     */
    public static FidelityStats of(double[] kld, int sameTop, double[] deltaP) {
        int n = kld.length;
        if (n == 0) {
            throw new IllegalArgumentException("fidelity statistics need at least one position");
        }
        if (sameTop < 0 || sameTop > n) {
            throw new IllegalArgumentException("same-top count " + sameTop + " is out of range [0, " + n + "]");
        }
        double sum = 0;
        double sumSquares = 0;
        for (double x : kld) {
            sum += x;
            sumSquares += x * x;
        }
        double mean = sum / n;
        double[] sorted = kld.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 0 ? 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]) : sorted[n / 2];
        double rate = (double) sameTop / n;
        return new FidelityStats(n, mean, standardError(sumSquares / n - mean * mean, n), median,
                Quantiles.ofSorted(sorted, 0.99), sorted[n - 1], sameTop, rate,
                standardError(rate * (1 - rate), n), mean(deltaP), rms(deltaP));
    }

    private static double standardError(double variance, int n) {
        return n > 1 && variance > 0 ? Math.sqrt(variance / (n - 1)) : 0.0;
    }

    private static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
    }

    private static double rms(double[] values) {
        return values.length == 0 ? Double.NaN : Math.sqrt(Arrays.stream(values).map(v -> v * v).sum() / values.length);
    }
}
