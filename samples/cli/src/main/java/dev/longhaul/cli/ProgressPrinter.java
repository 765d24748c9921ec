package dev.longhaul.cli;

import dev.longhaul.experiment.StudyClock;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.session.TurnEvent;
import dev.longhaul.session.TurnListener;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * One progress line per turn, as the seed prints it, followed by the run's elapsed time and an estimate of what is
 * left: {@code [Turn  3/50] Phase: code_gen     | score=0.81 | len=1523 | 412.3 tok/s | 3.7s | 0:11 elapsed, ~3:02 left}.
 * In a study ({@code ab}) the estimate is the whole study's, on the wall clock ({@link StudyClock}):
 * {@code | 0:11 elapsed | study 14/100 turns, ~6:10 left}.
 */
final class ProgressPrinter implements TurnListener {

    private final PrintWriter out;
    private final String prefix;
    private final StudyClock study;

    /** A run's own progress: its estimate is the run's. */
    ProgressPrinter(PrintWriter out, String prefix) {
        this(out, prefix, null);
    }

    /** A study run's progress: the estimate is the study's (its {@link dev.longhaul.experiment.Study} feeds it). */
    ProgressPrinter(PrintWriter out, String prefix, StudyClock study) {
        this.out = out;
        this.prefix = prefix;
        this.study = study;
    }

    @Override
    public void onTurn(TurnEvent e) {
        StringBuilder line = new StringBuilder(prefix);
        line.append(String.format("[Turn %2d/%d] Phase: %-12s | ", e.turn(), e.totalTurns(), e.phase()));
        if (e.succeeded()) {
            TurnMetrics m = e.metrics();
            Double tps = m.get(MetricKey.TOKENS_PER_S).orElse(null);
            line.append("score=").append(PythonFormat.fixed(m.qualityScore(), 2))
                    .append(" | len=").append(String.format("%4d", m.responseLength()))
                    .append(" | ").append(tps == null ? "?" : String.valueOf(tps)).append(" tok/s")
                    .append(" | ").append(PythonFormat.fixed(m.number(MetricKey.ELAPSED_S.name()).doubleValue(), 1)).append('s');
        } else {
            line.append("FAILED (").append(e.failure().kind().jsonName()).append("): ").append(e.failure().message());
        }
        line.append(" | ").append(clock(e.runElapsed())).append(" elapsed");
        if (study != null) {
            study.estimate().ifPresent(estimate -> line.append(" | ").append(progress(estimate)));
        } else if (e.turn() < e.totalTurns()) {
            line.append(", ~").append(clock(e.estimatedRemaining())).append(" left");
        }
        out.println(line);
        out.flush();
    }

    /** @return e.g. {@code study 14/100 turns, ~6:10 left} */
    static String progress(StudyClock.Estimate estimate) {
        return "study " + estimate.played() + "/" + estimate.turnsToPlay() + " turns, ~" + clock(estimate.remaining())
                + " left";
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
