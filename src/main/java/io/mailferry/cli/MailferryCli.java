package io.mailferry.cli;

import ch.qos.logback.classic.Level;
import java.io.PrintWriter;
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
        description = "Mailferry command line tools (without arguments: start the application).",
        subcommands = {DnsCommand.class, SyncCommand.class, CsvCommand.class, SecretsCommand.class})
public class MailferryCli {
    public static final int REFUSED = 1;
    public static final int USAGE = 2;

    /** True when the first argument names a command; otherwise the arguments are the application's. */
    public static boolean handles(String[] args) {
        return args.length > 0 && commandLine().getSubcommands().containsKey(args[0]);
    }

    /** Runs the command and returns its exit code. */
    public static int run(String[] args) {
        quietLogging();
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new MailferryCli()).setCaseInsensitiveEnumValuesAllowed(true);
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
