package com.che168sync.bootstrap;

import com.che168sync.adapter.postgres.DatabaseUnavailableException;
import com.che168sync.adapter.postgres.SchemaNotCurrentException;
import com.che168sync.bootstrap.cli.Che168Command;
import com.che168sync.bootstrap.cli.ExitCode;
import com.che168sync.bootstrap.cli.RefusedException;
import com.che168sync.bootstrap.config.SettingsException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of {@code ./che168}. Operator errors (bad arguments, bad settings, a refused run) end with a one-line
 * message and exit 2, never a stack trace; an unexpected failure is logged (stack trace in the log file only) and
 * ends with exit 1.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        launch(args, List.of());
    }

    /**
     * Runs the command line of this process and exits with the command's code. {@code commands} (picocli command
     * objects) replace the commands of the same name in the tree: the {@code bench} module's entry point passes its
     * {@code bench} this way, so that the product jar carries no benchmark code.
     */
    public static void launch(String[] args, List<Object> commands) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, System.getenv(), Path.of("").toAbsolutePath(), out, err, commands);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command; returns its exit code. Used by {@link #main} and by tests. */
    public static int run(String[] args, Map<String, String> environment, Path workDir, PrintWriter out,
                          PrintWriter err) {
        return run(args, environment, workDir, out, err, List.of());
    }

    /** {@link #run(String[], Map, Path, PrintWriter, PrintWriter)} with {@code commands} as in {@link #launch}. */
    public static int run(String[] args, Map<String, String> environment, Path workDir, PrintWriter out,
                          PrintWriter err, List<Object> commands) {
        Che168Command root = new Che168Command(environment, workDir);
        Thread closer = new Thread(root::close, "che168-shutdown");
        Runtime.getRuntime().addShutdownHook(closer);
        try {
            CommandLine commandLine = new CommandLine(root);
            for (Object command : commands) {
                CommandLine sub = new CommandLine(command);
                commandLine.getCommandSpec().removeSubcommand(sub.getCommandName());
                commandLine.addSubcommand(sub.getCommandName(), sub);
            }
            commandLine.setOut(out);
            commandLine.setErr(err);
            commandLine.setExecutionStrategy(parseResult -> executeSafely(root, parseResult, err));
            commandLine.setParameterExceptionHandler(Main::parameterError);
            commandLine.registerConverter(LocalDate.class, Main::isoDate);
            commandLine.setExecutionExceptionHandler(
                    (e, cmd, parseResult) -> failure(e, cmd.getCommandSpec().qualifiedName(" "), err));
            return commandLine.execute(args);
        } finally {
            root.close();
            try {
                Runtime.getRuntime().removeShutdownHook(closer);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway; close() is idempotent
            }
            out.flush();
            err.flush();
        }
    }

    private static int executeSafely(Che168Command root, ParseResult parseResult, PrintWriter err) {
        try {
            return root.execute(parseResult);
        } catch (SettingsException e) {
            err.println(e.getMessage());
            return ExitCode.REFUSED;
        }
    }

    /** Dates on the command line ({@code --expires}, {@code --date}, {@code --from}): YYYY-MM-DD. */
    static LocalDate isoDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date in the form YYYY-MM-DD "
                    + "(e.g. 2026-12-31)");
        }
    }

    private static int parameterError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName(" ") + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName(" ") + " --help' for usage.");
        err.flush();
        return ExitCode.REFUSED;
    }

    private static int failure(Exception e, String command, PrintWriter err) {
        if (e instanceof SettingsException || e instanceof RefusedException
                || e instanceof DatabaseUnavailableException || e instanceof SchemaNotCurrentException) {
            err.println(e.getMessage());
            err.flush();
            return ExitCode.REFUSED;
        }
        LOG.error("{} failed: {}", command, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                e);
        return ExitCode.ERRORS;
    }
}
