package dev.longhaul.experiment;

/**
 * Prepares everything one run of an arm needs — e.g. starts a llama-server with the arm's cache type and the run's
 * seed — and says which backend the run uses.
 */
@FunctionalInterface
public interface ArmLauncher {

    /**
     * @param seed the run's sampling seed (S + repeat)
     * @return the launched arm; the experiment closes it after the run
     * @throws Exception when the arm cannot be launched (the experiment stops and rethrows it)
     */
    LaunchedArm launch(long seed) throws Exception;
}
