package io.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.demo.DemoDnsConfiguration;
import io.mailferry.dns.DnsChange;
import io.mailferry.dns.DnsChangeOrigin;
import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.DnsProperties;
import io.mailferry.dns.JdbcDnsChangeLog;
import io.mailferry.dns.TsigKeyFile;
import io.mailferry.dns.server.InMemoryDnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xbill.DNS.Record;

/**
 * {@code dns rollback} in-process: the changes a migration made, kept in an H2 database with the real migrations, are
 * listed and rolled back one by one on an in-JVM server of contoso.com that takes TSIG-signed updates only.
 */
class DnsRollbackCommandTest {
    static final String KEY = "mailferry";
    static final String SECRET = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY=";
    static final String NEW_MX = "contoso-com.mail.protection.outlook.com";

    @TempDir
    Path dir;

    InMemoryDnsServer zone;
    String database;
    Path keyFile;
    DnsChange spf;
    DnsChange mx;

    @BeforeEach
    void start() throws IOException {
        zone = InMemoryDnsServer.builder("contoso.com")
                .bindAddress(InetAddress.getLoopbackAddress())
                .zoneFile(DemoDnsConfiguration.ZONE.formatted(3600))
                .tsigKey(KEY, "hmac-sha256", SECRET)
                .build()
                .start();
        database = "jdbc:h2:mem:rollback-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        keyFile = Files.writeString(
                dir.resolve("mailferry.key"),
                "key \"" + KEY + "\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + SECRET + "\";\n};\n");
        DnsChangeService migration = new DnsChangeService(
                        new DnsProperties(
                                List.of(),
                                53,
                                Duration.ofSeconds(2),
                                new DnsProperties.DynamicUpdate(zone.hostAndPort(), null, null, null)),
                        TsigKeyFile.read(keyFile),
                        new JdbcDnsChangeLog(new JdbcTemplate(migrated(null))))
                .madeBy(new DnsChangeOrigin("contoso.com", "pi-1", "Task_AddSpfInclude"));
        spf = migration
                .addSpfInclude("contoso.com", "spf.protection.outlook.com")
                .orElseThrow();
        mx = migration.replaceMx("contoso.com", NEW_MX, 0, 3600).orElseThrow();
    }

    @AfterEach
    void stop() {
        zone.close();
    }

    private JdbcDataSource migrated(String target) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(database);
        ds.setUser("sa");
        var flyway = Flyway.configure().dataSource(ds).table("mf_flyway_history");
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
        return ds;
    }

    private CliRun rollback(String... more) {
        String[] args = new String[] {"dns", "rollback", "--database", database, "--database-user", "sa"};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    private List<String> mxNow() {
        return zone.records("contoso.com", "MX").stream()
                .map(Record::rdataToString)
                .toList();
    }

    @Test
    void listShowsTheChangesNewestFirstWithTheRecordsBeforeAndAfterAndWhoMadeThem() {
        CliRun run = rollback("--list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("Change " + mx.id() + " APPLIED ")
                .contains("  MX contoso.com  (migration contoso.com, Task_AddSpfInclude)")
                .contains("    before: contoso.com. 3600 IN MX 10 mail.contoso.com.")
                .contains("    after:  contoso.com. 3600 IN MX 0 " + NEW_MX + ".")
                .contains("    before: contoso.com. 3600 IN TXT \"v=spf1 mx -all\"");
        assertThat(run.out().indexOf("Change " + mx.id())).isLessThan(run.out().indexOf("Change " + spf.id()));
        assertThat(rollback("--list", "--limit", "1").out()).doesNotContain("Change " + spf.id());
    }

    @Test
    void rollbackRestoresTheRecordsOnTheServerTheChangeWasMadeOnAndKeepsTheRollback() {
        CliRun run = rollback(String.valueOf(mx.id()), "--tsig-key-file", keyFile.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(mxNow()).containsExactly("10 mail.contoso.com.");
        assertThat(run.out())
                .contains("Rolled back change " + mx.id() + " (MX of contoso.com) on " + zone.hostAndPort()
                        + " (zone contoso.com, key 'mailferry'), kept as change " + (mx.id() + 1) + ":")
                .contains("rolls back change " + mx.id() + "  (command line)")
                .contains("    after:  contoso.com. 3600 IN MX 10 mail.contoso.com.");

        CliRun again = rollback(String.valueOf(mx.id()), "--tsig-key-file", keyFile.toString());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
        assertThat(again.err())
                .contains("Refused: Change " + mx.id() + " (MX of contoso.com) was rolled back already, by change "
                        + (mx.id() + 1));
    }

    @Test
    void rollbackIsRefusedAfterSomeoneElsesEditAndTheZoneKeepsIt() {
        zone.deleteRRset("contoso.com", "MX");
        zone.add("@ 3600 IN MX 5 mx.example.net."); // the customer's admin, afterwards

        CliRun run = rollback(
                String.valueOf(mx.id()), "--tsig-key-file", keyFile.toString(), "--server", zone.hostAndPort());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains("Refused: Change " + mx.id() + " was not rolled back: the MX of contoso.com changed since "
                        + "Mailferry set it: expected MX 0 " + NEW_MX + "., found MX 5 mx.example.net.. Nothing was "
                        + "changed; the newer records are someone else's, decide with them.")
                .doesNotContain(SECRET);
        assertThat(mxNow()).containsExactly("5 mx.example.net.");
    }

    @Test
    void unknownChangesMissingOptionsAndForeignDatabasesAreExplained() {
        CliRun unknown = rollback("999", "--tsig-key-file", keyFile.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("Refused: no DNS change 999 is recorded; --list shows them.");

        CliRun neither = rollback();
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("Give either --list or the id of the change to roll back.");

        CliRun noKey = rollback(String.valueOf(mx.id()));
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("--tsig-key-file is needed to roll a change back.");

        database = "jdbc:h2:mem:older-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        migrated("8");
        CliRun older = rollback("--list");
        assertThat(older.exitCode()).isEqualTo(1);
        assertThat(older.err())
                .contains("The database given with --database has no DNS change log of this Mailferry version");
        assertThat(mxNow()).containsExactly("0 " + NEW_MX + ".");
    }
}
