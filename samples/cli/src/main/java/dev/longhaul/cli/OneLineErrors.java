package dev.longhaul.cli;

import dev.longhaul.text.OneLine;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr, {@code longhaul: <what> <problem>}, and exit code 2; the stack trace
 * only with {@code --verbose}. A bad flag is one line too, ending with where the usage is: the usage itself is
 * printed only by {@code --help}.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("longhaul: " + oneLine(ex.getMessage()) + " (see 'longhaul " + subcommandName(ex.getCommandLine())
                + "--help')");
        return Main.EXIT_BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println("longhaul: " + oneLine(message));
        if (isVerbose(parseResult)) {
            ex.printStackTrace(err);
        }
        if (ex instanceof InterruptedException) {
            return Main.EXIT_INTERRUPTED;
        }
        return Main.EXIT_BAD_INPUT;
    }

    private static String oneLine(String message) {
        return message == null ? "bad input" : OneLine.of(message.strip());
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String subcommandName(CommandLine cmd) {
        return cmd.getParent() == null ? "" : cmd.getCommandName() + " ";
    }
}
