package dev.longhaul.cli;

import dev.longhaul.script.Script;
import dev.longhaul.session.SessionBuilder;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The session flags shared by {@code run} and {@code ab}: the conversation, what the report keeps, what is printed. */
final class SessionOptions {

    @Option(names = "--turns", defaultValue = "50",
            description = "Turns to play; the script cycles to reach it (default: ${DEFAULT-VALUE}).")
    int turns;

    @Option(names = "--history-window", defaultValue = "20", description = "Turns of history to keep (default: ${DEFAULT-VALUE}).")
    int historyWindow;

    @Option(names = "--save-responses", description = "Include full prompts and responses in the report.")
    boolean saveResponses;

    @Option(names = "--script", description = "Conversation script (JSON: phases with prompts; default: the seed's 50 prompts).")
    Path script;

    @Option(names = "--quiet", description = "Print no per-turn progress.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    private Script loaded;

    /** Sets turns, history window, saved responses and, when given, the script (read once). */
    void applyTo(SessionBuilder session) {
        session.turns(turns).historyWindow(historyWindow).saveResponses(saveResponses);
        if (script != null) {
            if (loaded == null) {
                loaded = Script.load(script);
            }
            session.script(loaded);
        }
    }
}
