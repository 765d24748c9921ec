/**
 * The statistics behind a comparison's verdict, each calibrated by simulation in the test suite: a long-run variance
 * that holds its level when turns are autocorrelated ({@link dev.longhaul.analysis.stats.LongRunVariance}), the mean
 * test over per-turn differences ({@link dev.longhaul.analysis.stats.SeriesMeanTest}) and over whole runs
 * ({@link dev.longhaul.analysis.stats.RunMeansTest}), the change test for where quality fell away
 * ({@link dev.longhaul.analysis.stats.DropTest}), Holm's adjustment, the ratio estimator of pooled fidelity figures,
 * type-7 quantiles, and {@link dev.longhaul.analysis.stats.SplitMix64}, from which every Monte Carlo draw comes with a
 * fixed seed, so the same inputs always give the same figures.
 */
package dev.longhaul.analysis.stats;
