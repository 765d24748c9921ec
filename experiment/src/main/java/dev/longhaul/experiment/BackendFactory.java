package dev.longhaul.experiment;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;

/** Creates an arm's backend for one run, for embedders that build backends themselves. */
@FunctionalInterface
public interface BackendFactory {

    /**
     * @param seed the run's sampling seed, {@link ArmRun#seed()}: S + repeat − 1, or S + R + repeat − 1 for a
     *             noise-floor run
     * @return a new backend; the experiment closes it after the run
     * @throws BackendException when it cannot be created
     */
    Backend create(long seed) throws BackendException;
}
