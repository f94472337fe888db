package io.mailferry.cli;

import ch.qos.logback.classic.Level;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level command. Each area is a subcommand ({@code dns}, {@code sync},
 * {@code csv}, {@code secrets}), so {@link #handles(String[])} knows from the first argument whether to run the CLI or the application.
 */
@Command(
        name = "mailferry",
        mixinStandardHelpOptions = true,
        version = "Mailferry",
        description = "Mailferry command line tools (without arguments: start the application).")
public class MailferryCli {
    public static final int REFUSED = 1;
    public static final int USAGE = 2;

    /**
     * Not in the annotation: picocli reflects over every subcommand of a CommandLine it builds, which costs more than
     * running {@code csv validate}; a run builds only the one it was asked for.
     */
    private static final List<Class<?>> SUBCOMMANDS =
            List.of(DnsCommand.class, SyncCommand.class, CsvCommand.class, SecretsCommand.class);

    /** True when the first argument names a command; otherwise the arguments are the application's. */
    public static boolean handles(String[] args) {
        return args.length > 0 && subcommand(args[0]) != null;
    }

    /** Runs the command and returns its exit code. */
    public static int run(String[] args) {
        // csv validate logs nothing: starting Logback only to quieten it would be most of its run time
        if (!args[0].equals("csv")) {
            quietLogging();
        }
        Class<?> only = subcommand(args[0]);
        CommandLine cli = only == null ? commandLine() : commandLine(List.of(only));
        return cli.execute(args);
    }

    /** Every command (for the usage message and the tests). */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    private static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(new MailferryCli());
        subcommands.forEach(cli::addSubcommand);
        return cli.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** The subcommand class named {@code name}, read from its annotation alone; null when there is none. */
    private static Class<?> subcommand(String name) {
        for (Class<?> command : SUBCOMMANDS) {
            if (command.getAnnotation(Command.class).name().equals(name)) {
                return command;
            }
        }
        return null;
    }

    /**
     * Outside Spring Boot nothing configures Logback, whose default prints every DEBUG line; the commands
     * print what matters themselves.
     */
    private static void quietLogging() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(Level.WARN);
        }
    }

    static void print(CommandLine.Model.CommandSpec spec, String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }

    static void printError(CommandLine.Model.CommandSpec spec, String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(line);
        err.flush();
    }
}
