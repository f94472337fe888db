package io.mailferry.cli;

import io.mailferry.dns.DnsChange;
import io.mailferry.dns.DnsChangeException;
import io.mailferry.dns.DnsChangeOrigin;
import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.DnsChangeText;
import io.mailferry.dns.DnsProperties;
import io.mailferry.dns.JdbcDnsChangeLog;
import io.mailferry.dns.TsigKeyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailferry dns rollback}: the DNS changes Mailferry kept in its database ({@code --list}), and the rollback of
 * one of them by id, by compare-and-set on the server the change was made on (or {@code --server}), signed with the
 * TSIG key file: the records from before the change come back only while the server still has those the change set.
 * The rollback is kept in the same change log, so the migration's own rollback and this one never undo a change
 * twice. The database password comes from a file only, never the command line.
 */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "List the DNS changes Mailferry made (--list), or roll one back by its id (TSIG-signed RFC 2136 update).",
            "Needs Mailferry's database, where the changes are kept."
        })
class DnsRollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CHANGE-ID", description = "The change to roll back.")
    Long changeId;

    @Option(names = "--list", description = "List the latest changes, newest first, with the records before and after.")
    boolean list;

    @Option(
            names = "--limit",
            defaultValue = "20",
            paramLabel = "N",
            description = "How many changes --list shows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--database",
            required = true,
            paramLabel = "JDBC-URL",
            description = "Mailferry's database, e.g. jdbc:postgresql://db.example.net/mailferry.")
    String database;

    @Option(names = "--database-user", paramLabel = "USER")
    String databaseUser;

    @Option(names = "--database-password-file", paramLabel = "FILE")
    Path databasePasswordFile;

    @Option(
            names = "--server",
            paramLabel = "HOST[:PORT]",
            description = "The zone's primary server. Default: the server the change was made on.")
    String server;

    @Option(
            names = "--tsig-key-file",
            paramLabel = "FILE",
            description = "Key as written by tsig-keygen; needed to roll back.")
    Path keyFile;

    @Option(
            names = "--timeout",
            defaultValue = "5",
            paramLabel = "SECONDS",
            description = "Per request (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (list == (changeId != null)) {
            MailferryCli.printError(spec, "Give either --list or the id of the change to roll back.");
            return MailferryCli.USAGE;
        }
        if (!list && keyFile == null) {
            MailferryCli.printError(spec, "--tsig-key-file is needed to roll a change back.");
            return MailferryCli.USAGE;
        }
        JdbcTemplate jdbc;
        try {
            jdbc = database();
        } catch (IllegalArgumentException e) {
            MailferryCli.printError(spec, e.getMessage());
            return MailferryCli.USAGE;
        }
        try {
            requireChangeLog(jdbc);
            return list ? list(jdbc) : rollback(jdbc);
        } catch (CannotGetJdbcConnectionException e) {
            MailferryCli.printError(
                    spec,
                    "Cannot connect to the database given with --database: "
                            + e.getMostSpecificCause().getMessage());
            return MailferryCli.REFUSED;
        } catch (DataAccessException e) {
            MailferryCli.printError(
                    spec,
                    "Cannot use the change log in the database given with --database: "
                            + e.getMostSpecificCause().getMessage());
            return MailferryCli.REFUSED;
        } catch (IllegalStateException e) {
            MailferryCli.printError(spec, e.getMessage());
            return MailferryCli.REFUSED;
        }
    }

    private int list(JdbcTemplate jdbc) {
        List<DnsChange> changes = new JdbcDnsChangeLog(jdbc).newest(limit);
        if (changes.isEmpty()) {
            MailferryCli.print(spec, "No DNS changes are recorded.");
        }
        changes.forEach(
                change -> MailferryCli.print(spec, DnsChangeText.block(change).stripTrailing()));
        return 0;
    }

    private int rollback(JdbcTemplate jdbc) {
        JdbcDnsChangeLog changeLog = new JdbcDnsChangeLog(jdbc);
        Optional<DnsChange> change = changeLog.find(changeId);
        if (change.isEmpty()) {
            MailferryCli.printError(spec, "Refused: no DNS change " + changeId + " is recorded; --list shows them.");
            return MailferryCli.REFUSED;
        }
        TsigKeyFile key;
        try {
            key = TsigKeyFile.read(keyFile);
        } catch (IllegalArgumentException e) {
            MailferryCli.printError(spec, e.getMessage());
            return MailferryCli.USAGE;
        }
        String target = server == null ? change.get().server() : server;
        if (!target.equals(change.get().server())) {
            MailferryCli.print(
                    spec,
                    "Note: change " + changeId + " was made on " + change.get().server() + "; using " + target);
        }
        DnsChangeService dns = new DnsChangeService(
                        new DnsProperties(
                                List.of(),
                                DnsProperties.DNS_PORT,
                                Duration.ofSeconds(timeoutSeconds),
                                new DnsProperties.DynamicUpdate(target, null, null, null)),
                        key,
                        changeLog)
                .madeBy(DnsChangeOrigin.COMMAND_LINE);
        try {
            DnsChange rollback = dns.rollback(changeId);
            MailferryCli.print(
                    spec,
                    "Rolled back change " + changeId + " (" + rollback.type() + " of " + rollback.name() + ") on "
                            + rollback.server() + " (zone " + rollback.zone() + ", key '" + key.keyName()
                            + "'), kept as change " + rollback.id() + ":");
            MailferryCli.print(spec, DnsChangeText.block(rollback).stripTrailing());
            return 0;
        } catch (DnsChangeException e) {
            MailferryCli.printError(spec, "Refused: " + DnsChangeText.message(e.getMessage()));
            return MailferryCli.REFUSED;
        } catch (IllegalArgumentException e) {
            MailferryCli.printError(spec, e.getMessage());
            return MailferryCli.USAGE;
        }
    }

    private DriverManagerDataSource dataSource() {
        String password = "";
        if (databasePasswordFile != null) {
            try {
                password = Files.readString(databasePasswordFile, StandardCharsets.UTF_8)
                        .strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read --database-password-file " + databasePasswordFile + ": "
                        + e.getClass().getSimpleName());
            }
        }
        if (!database.startsWith("jdbc:")) {
            throw new IllegalArgumentException(
                    "--database must be a JDBC URL, e.g. jdbc:postgresql://db.example.net/mailferry");
        }
        return new DriverManagerDataSource(database, databaseUser, password);
    }

    private JdbcTemplate database() {
        return new JdbcTemplate(dataSource());
    }

    /** Refuses a database without the change log as this version keeps it: not Mailferry's, or not migrated (V9). */
    private static void requireChangeLog(JdbcTemplate jdbc) {
        try {
            jdbc.queryForObject("SELECT COUNT(*) FROM mf_dns_change WHERE state IS NULL", Integer.class);
        } catch (CannotGetJdbcConnectionException e) {
            throw e;
        } catch (DataAccessException e) {
            throw new IllegalStateException("The database given with --database has no DNS change log of this "
                    + "Mailferry version (mf_dns_change with a state column, migration V9): is it Mailferry's "
                    + "database, and has this version of Mailferry run on it once? The database said: "
                    + e.getMostSpecificCause().getMessage());
        }
    }
}
