package dev.longhaul.cli;

import dev.longhaul.script.Script;
import dev.longhaul.session.SessionBuilder;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The session flags shared by {@code run} and {@code ab}: the conversation, what the report keeps, what is printed. */
final class SessionOptions {

    @Option(names = "--turns",
            description = "Turns to play; the script cycles to reach it (default: 50, or 62 with --probes).")
    Integer turns;

    @Option(names = "--history-window", defaultValue = "20", description = "Turns of history to keep (default: ${DEFAULT-VALUE}).")
    int historyWindow;

    @Option(names = "--history-slide", defaultValue = "1", paramLabel = "N",
            description = "Once the history outgrows the window, drop its oldest N turns at once (default: "
                    + "${DEFAULT-VALUE}, the seed's window). Changes the seed's semantics (prompts carry window-N+1 to "
                    + "window turns) so that most turns reuse the backend's cached prefix; reports say history_slide.")
    int historySlide;

    @Option(names = "--save-responses", description = "Include full prompts and responses in the report.")
    boolean saveResponses;

    @Option(names = "--script", description = "Conversation script (JSON: phases with prompts; default: the seed's 50 prompts).")
    Path script;

    @Option(names = "--probes", description = "Add recall probes to the seed's conversation: 12 turns between its "
            + "unchanged 50 prompts plant six facts and ask for them 3 to 27 turns later; the report gains recall per "
            + "distance (see docs/probes-and-pressure.md).")
    boolean probes;

    @Option(names = "--scorer", paramLabel = "NAME", completionCandidates = ScorerChoice.Names.class,
            description = "Scorer: ${COMPLETION-CANDIDATES} (a ScorerProvider's name), or the class name of a Scorer on "
                    + "the class path (default: heuristic, the seed's formula; a resumed run keeps its own).")
    String scorer;

    @Option(names = "--quiet", description = "Print no per-turn progress.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    private Script loaded;

    /** The longest --delay between turns: an hour. */
    static final double MAX_DELAY_SECONDS = 3600;

    /**
     * @param seconds the --delay given
     * @return it as a duration
     * @throws IllegalArgumentException when it is negative, not a number, or longer than an hour
     */
    static java.time.Duration delay(double seconds) {
        if (!(seconds >= 0 && seconds <= MAX_DELAY_SECONDS)) {
            throw new IllegalArgumentException("--delay " + seconds + " is out of range [0, " + (long) MAX_DELAY_SECONDS
                    + "] seconds");
        }
        return java.time.Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** @return the turns to play: {@code --turns}, else one cycle of the script with probes, else 50 */
    int turns() {
        if (turns != null) {
            return turns;
        }
        return probes ? Script.seedWithProbes().cycleLength() : SessionBuilder.DEFAULT_TURNS;
    }

    /** Sets the scorer when one is given (a resumed run otherwise keeps the one its journal names). */
    void applyScorerTo(SessionBuilder session) {
        if (scorer != null) {
            session.scorer(ScorerChoice.resolve(scorer));
        }
    }

    /**
     * Sets the probes, turns, history window, saved responses and, when given, the scorer and the script (read
     * once).
     */
    void applyTo(SessionBuilder session) {
        applyScorerTo(session);
        if (probes) {
            if (script != null) {
                throw new IllegalArgumentException("--probes adds its turns to the seed's conversation; put plants and "
                        + "probes in your --script file instead (see docs/probes-and-pressure.md)");
            }
            session.probes();
        }
        session.turns(turns()).historyWindow(historyWindow).historySlide(historySlide).saveResponses(saveResponses);
        if (script != null) {
            if (loaded == null) {
                loaded = Script.load(script);
            }
            session.script(loaded);
        }
    }
}
