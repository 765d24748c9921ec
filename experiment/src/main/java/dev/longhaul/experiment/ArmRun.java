package dev.longhaul.experiment;

import dev.longhaul.report.RunNames;

/**
 * One run of an experiment: which arm, which repeat, which sampling seed, and whether it measures the noise floor.
 *
 * @param label      the arm's label (for a noise-floor run: the baseline's)
 * @param arm        the arm's position, 0 for the baseline
 * @param repeat     1-based repeat number
 * @param repeats    repeats per arm
 * @param seed       the run's sampling seed: S + repeat - 1 for arms, S + repeats + repeat - 1 for the noise floor
 * @param noiseFloor whether this is the baseline rerun with another sampling seed to measure the noise floor
 */
public record ArmRun(String label, int arm, int repeat, int repeats, long seed, boolean noiseFloor) {

    /** @return a short name for progress lines: {@code q8_0}, {@code q8_0 r2}, {@code f16 noise r1} */
    public String tag() {
        String base = noiseFloor ? label + " noise" : label;
        return repeats == 1 && !noiseFloor ? base : RunNames.repeat(base, repeat);
    }
}
