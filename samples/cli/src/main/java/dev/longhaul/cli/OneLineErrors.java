package dev.longhaul.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr, {@code longhaul: <what> <problem>}, and exit code 2; the stack trace
 * only with {@code --verbose}.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("longhaul: " + ex.getMessage());
        err.println("Try 'longhaul " + subcommandName(ex.getCommandLine()) + "--help' for more information.");
        return Main.EXIT_BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println("longhaul: " + message.replaceAll("\\s*\\R\\s*", " "));
        if (isVerbose(parseResult)) {
            ex.printStackTrace(err);
        }
        if (ex instanceof InterruptedException) {
            return Main.EXIT_INTERRUPTED;
        }
        return Main.EXIT_BAD_INPUT;
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
