/**
 * Deterministic statistics for comparing repeated runs: a paired bootstrap interval of a mean, a paired sign-flip
 * permutation test, type-7 quantiles and the P90–P10 spread. Every resampling draws from {@link
 * dev.longhaul.analysis.stats.SplitMix64} with a fixed seed, so the same inputs always give the same figures, and a
 * few lines of Python reproduce them bit for bit (see {@code docs/experiments.md}).
 */
package dev.longhaul.analysis.stats;
