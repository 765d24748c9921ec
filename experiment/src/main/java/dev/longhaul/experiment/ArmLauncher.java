package dev.longhaul.experiment;

/**
 * Prepares everything one run of an arm needs — e.g. starts a llama-server with the arm's cache type and the run's
 * sampling seed — and says which backend the run uses.
 */
@FunctionalInterface
public interface ArmLauncher {

    /**
     * @param run the run to launch: its label, repeat and sampling seed ({@link ArmRun#seed()})
     * @return the launched arm; the experiment closes it after the run
     * @throws Exception when the arm cannot be launched (the experiment stops and rethrows it)
     */
    LaunchedArm launch(ArmRun run) throws Exception;
}
