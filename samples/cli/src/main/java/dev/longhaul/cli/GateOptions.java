package dev.longhaul.cli;

import dev.longhaul.analysis.tradeoff.Gates;
import dev.longhaul.analysis.tradeoff.TradeOffSummary;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The gates of {@code ab} and {@code compare}, for a pipeline: limits every compared arm must keep, with their exit
 * codes (3 a limit breached, 4 a limit that could not be checked).
 */
final class GateOptions {

    @Option(names = "--fail-on-regression",
            description = "Exit 3 when an arm's verdict is baseline_better (its quality fell); 4 when a verdict is "
                    + "inconclusive.")
    boolean failOnRegression;

    @Option(names = "--max-kld", paramLabel = "X",
            description = "Exit 3 when an arm's mean KLD against the baseline (pooled over its forced tokens) is above "
                    + "X; 4 when it has no token fidelity.")
    Double maxKld;

    @Option(names = "--min-same-top", paramLabel = "P",
            description = "Exit 3 when an arm's same-top-token rate is below P (a rate: 0.99 for 99 %); 4 when it has "
                    + "no token fidelity.")
    Double minSameTop;

    @Option(names = "--max-quality-drop", paramLabel = "D",
            description = "Exit 3 when an arm's mean quality score is more than D below the baseline's (the "
                    + "comparison's estimate); 4 when the difference could not be tested.")
    Double maxQualityDrop;

    /** @return the gates asked for; checks their ranges */
    Gates gates() {
        return new Gates(failOnRegression, maxKld, minSameTop, maxQualityDrop);
    }

    /**
     * Checks the gates and prints one line per breach (and per gate that could not be checked) on {@code err}.
     *
     * @param summary the A/B's summary
     * @param err     where the lines go
     * @return {@link Main#EXIT_GATE_BREACHED}, {@link Main#EXIT_GATE_INCONCLUSIVE} or 0
     */
    int check(TradeOffSummary summary, PrintWriter err) {
        Gates gates = gates();
        if (!gates.any()) {
            return 0;
        }
        Gates.Outcome outcome = gates.check(summary);
        outcome.breaches().forEach(line -> err.println("longhaul: gate breached: " + line));
        outcome.inconclusive().forEach(line -> err.println("longhaul: gate inconclusive: " + line));
        err.flush();
        if (!outcome.breaches().isEmpty()) {
            return Main.EXIT_GATE_BREACHED;
        }
        return outcome.inconclusive().isEmpty() ? 0 : Main.EXIT_GATE_INCONCLUSIVE;
    }
}
