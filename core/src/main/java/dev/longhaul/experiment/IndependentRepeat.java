package dev.longhaul.experiment;

import dev.longhaul.report.SessionReport;
import java.util.ArrayList;
import java.util.List;

/** One repeat of independent runs: each run a whole session on its own history, one after the other. */
final class IndependentRepeat {

    private final AbExperiment experiment;
    private final List<ArmRun> runs;

    IndependentRepeat(AbExperiment experiment, List<ArmRun> runs) {
        this.experiment = experiment;
        this.runs = runs;
    }

    /** @return the runs' reports, in the order of the runs */
    List<SessionReport> play() throws Exception {
        List<SessionReport> reports = new ArrayList<>();
        for (ArmRun run : runs) {
            experiment.starting(run);
            try (LaunchedArm launched = experiment.arms.get(run.arm()).launcher().launch(run)) {
                SessionReport report = experiment.sessionFor(run, launched).run();
                reports.add(experiment.finished(run, launched, report));
            }
        }
        return reports;
    }
}
