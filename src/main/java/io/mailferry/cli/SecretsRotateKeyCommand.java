package io.mailferry.cli;

import io.mailferry.secrets.MasterKey;
import io.mailferry.secrets.MasterKeyException;
import io.mailferry.secrets.MasterKeyFile;
import io.mailferry.secrets.MasterKeyRotation;
import java.io.Console;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailferry secrets rotate-key}: re-encrypts every stored secret under a new master key, in one transaction.
 * The database password comes from the environment or a prompt, never the command line (which every local user
 * can read in the process list).
 */
@Command(
        name = "rotate-key",
        mixinStandardHelpOptions = true,
        description = {
            "Re-encrypt every stored secret under a new master key in one transaction (all or nothing), and record "
                    + "the new key's id with each. Stop every Mailferry node first: a node keeps the key it started "
                    + "with, and one still on the old key refuses to start afterwards.",
            "The database password is read from " + SecretsRotateKeyCommand.PASSWORD_VARIABLE
                    + " (empty for none) or asked for on the terminal.",
            "Exit codes: 0 done; 1 refused or failed, nothing changed; 2 usage or unusable key file."
        })
class SecretsRotateKeyCommand implements Callable<Integer> {
    static final String PASSWORD_VARIABLE = "SPRING_DATASOURCE_PASSWORD";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--datasource-url",
            required = true,
            paramLabel = "JDBC-URL",
            description = "The application's database (spring.datasource.url), e.g. "
                    + "jdbc:postgresql://db.contoso.local/mailferry")
    String url;

    @Option(
            names = "--datasource-user",
            required = true,
            paramLabel = "USER",
            description = "spring.datasource.username")
    String user;

    @Option(
            names = "--old-key-file",
            required = true,
            paramLabel = "FILE",
            description = "The key the secrets are stored under (mailferry.secrets.master-key-file).")
    Path oldKeyFile;

    @Option(
            names = "--new-key-file",
            required = true,
            paramLabel = "FILE",
            description = "The new key; created owner-only with a new random key when it does not exist.")
    Path newKeyFile;

    /** Where the password comes from; tests replace them. */
    UnaryOperator<String> environment = System::getenv;

    PasswordPrompt prompt = question -> {
        Console console = System.console();
        return console == null ? null : console.readPassword("%s", question);
    };

    interface PasswordPrompt {
        /** The password typed, or null without a terminal. */
        char[] ask(String question);
    }

    @Override
    public Integer call() {
        MasterKey oldKey;
        try {
            oldKey = MasterKeyFile.read(oldKeyFile);
            if (!MasterKeyFile.absent(newKeyFile)) {
                requireDifferent(oldKey, MasterKeyFile.read(newKeyFile));
            }
        } catch (MasterKeyException e) {
            MailferryCli.printError(spec, e.getMessage());
            return MailferryCli.USAGE;
        }
        char[] password = password();
        if (password == null) {
            MailferryCli.printError(
                    spec,
                    "No database password: set " + PASSWORD_VARIABLE
                            + " (empty for none) or run in a terminal to be asked for it.");
            return MailferryCli.USAGE;
        }
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", new String(password));
        Arrays.fill(password, '\0');
        try (Connection connection = DriverManager.getConnection(url, login)) {
            login.remove("password");
            boolean create = MasterKeyFile.absent(newKeyFile);
            MasterKey newKey = MasterKeyFile.readOrCreate(newKeyFile, new SecureRandom());
            if (create) {
                MailferryCli.print(
                        spec, "Created the new key file " + newKeyFile + " (owner-only, key id " + newKey.id() + ")");
            }
            requireDifferent(oldKey, newKey);
            MasterKeyRotation.Outcome outcome = new MasterKeyRotation().rotate(connection, oldKey, newKey);
            report(outcome, oldKey, newKey);
            return 0;
        } catch (MasterKeyException e) {
            MailferryCli.printError(spec, "Refused: " + e.getMessage());
            return MailferryCli.REFUSED;
        } catch (SQLException e) {
            MailferryCli.printError(spec, "Rotation failed, nothing was changed: " + e.getMessage());
            return MailferryCli.REFUSED;
        } finally {
            login.remove("password");
        }
    }

    private char[] password() {
        String fromEnvironment = environment.apply(PASSWORD_VARIABLE);
        if (fromEnvironment != null) {
            return fromEnvironment.toCharArray();
        }
        return prompt.ask("Password of database user " + user + ": ");
    }

    private static void requireDifferent(MasterKey oldKey, MasterKey newKey) {
        if (oldKey.id().equals(newKey.id())) {
            throw new MasterKeyException(
                    "--new-key-file holds the same key as --old-key-file (key id " + oldKey.id() + ")");
        }
    }

    private void report(MasterKeyRotation.Outcome outcome, MasterKey oldKey, MasterKey newKey) {
        if (outcome.reEncrypted() == 0) {
            MailferryCli.print(
                    spec,
                    "Nothing to re-encrypt: "
                            + (outcome.alreadyUnderNewKey() == 0
                                    ? "no secrets are stored."
                                    : "all " + outcome.alreadyUnderNewKey() + " secrets already are under key id "
                                            + newKey.id() + "."));
        } else {
            MailferryCli.print(
                    spec,
                    "Re-encrypted " + outcome.reEncrypted() + " secrets from key id " + oldKey.id() + " to key id "
                            + newKey.id() + " in one transaction"
                            + (outcome.alreadyUnderNewKey() == 0
                                    ? "."
                                    : "; " + outcome.alreadyUnderNewKey() + " already were under the new key."));
        }
        MailferryCli.print(
                spec,
                "Next: give every node the content of " + newKeyFile + " at its mailferry.secrets.master-key-file "
                        + "(owner-only) and start them; a node still on key id " + oldKey.id()
                        + " refuses to start. Keep " + oldKeyFile + " as long as database backups from before this "
                        + "rotation may be restored (they need it), then destroy it.");
    }
}
