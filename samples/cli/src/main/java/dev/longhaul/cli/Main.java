package dev.longhaul.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code longhaul} command: a thin shell over the library.
 *
 * <p>Exit codes: 0 success; 1 the run completed but something failed (a run stopped early, a run or an arm with no
 * answered turn); 2 bad input (flags, files, unknown backend); 3 a gate of {@code ab} or {@code compare} breached;
 * 4 a gate could not be checked (inconclusive); 130 interrupted.
 */
@Command(name = "longhaul",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Finds out whether an LLM keeps its quality over a long conversation, "
                + "and whether a cheaper configuration (a compressed KV cache) costs quality.",
        subcommands = {RunCommand.class, AbCommand.class, CompareCommand.class, ReportCommand.class, ScoreCommand.class, BackendsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code for bad input. */
    static final int EXIT_BAD_INPUT = 2;
    /** Exit code when work was done but did not fully succeed. */
    static final int EXIT_INCOMPLETE = 1;
    /** Exit code when an arm breached a gate ({@code --fail-on-regression}, {@code --max-kld}, …). */
    static final int EXIT_GATE_BREACHED = 3;
    /** Exit code when a gate was asked for but its figure is missing or the verdict inconclusive. */
    static final int EXIT_GATE_INCONCLUSIVE = 4;
    /** Exit code after an interrupt (128 + SIGINT). */
    static final int EXIT_INTERRUPTED = 130;

    private Main() {
    }

    /**
     * Runs the command and exits the JVM with its exit code (a native library thread may otherwise keep it alive).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (!InterruptGuard.shuttingDown()) {
            System.exit(code);
        }
    }

    /**
     * Runs the command without exiting the JVM (for tests and embedding).
     *
     * @param args the command line
     * @param out  where normal output goes
     * @param err  where errors go
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(new OneLineErrors());
        cmd.setParameterExceptionHandler(new OneLineErrors());
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
