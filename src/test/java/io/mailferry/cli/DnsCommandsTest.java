package io.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.demo.DemoDnsConfiguration;
import io.mailferry.dns.server.InMemoryDnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Record;

/** {@code dns check} and {@code dns set-mx} in-process against two in-JVM servers of contoso.com on free ports. */
class DnsCommandsTest {
    static final String KEY = "mailferry";
    static final String SECRET = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY=";
    static final String OTHER_SECRET = "b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC0xMjM0NTY=";
    static final String NEW_MX = "contoso-com.mail.protection.outlook.com";

    @TempDir
    Path dir;

    InMemoryDnsServer primary;
    InMemoryDnsServer secondary;

    @BeforeEach
    void start() {
        primary = server();
        secondary = server();
    }

    @AfterEach
    void stop() {
        primary.close();
        secondary.close();
    }

    @Test
    void checkExitsZeroWhenAllServersAgree() {
        CliRun run = CliRun.of(
                "dns",
                "check",
                "contoso.com",
                "--nameserver",
                primary.hostAndPort(),
                "--nameserver",
                secondary.hostAndPort(),
                "--expect-mx",
                "mail.contoso.com");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains(primary.hostAndPort() + " MATCHES: MX 10 mail.contoso.com")
                .contains(secondary.hostAndPort() + " MATCHES: MX 10 mail.contoso.com")
                .contains("OK: all 2 servers give mail.contoso.com as the most preferred MX of contoso.com");

        CliRun agreement = CliRun.of(
                "dns",
                "check",
                "contoso.com",
                "--nameserver",
                primary.hostAndPort(),
                "--nameserver",
                secondary.hostAndPort());
        assertThat(agreement.exitCode()).as(agreement.toString()).isZero();
        assertThat(agreement.out()).contains("OK: all 2 servers give MX 10 mail.contoso.com");
    }

    @Test
    void checkWithoutNameserversAsksTheZonesNsHosts() {
        CliRun run = CliRun.of(
                "dns",
                "check",
                "contoso.com",
                "--resolver",
                primary.hostAndPort(),
                "--port",
                String.valueOf(primary.port()),
                "--expect-mx",
                "mail.contoso.com");

        // ns1 and ns2 both have address 127.0.0.1, so the same server is asked twice.
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("OK: all 2 servers");
    }

    @Test
    void checkNamesTheLaggingServerAndWhatItSaw() {
        primary.deleteRRset("contoso.com", "MX");
        primary.add("@ 3600 IN MX 0 " + NEW_MX + ".");

        CliRun run = CliRun.of(
                "dns",
                "check",
                "contoso.com",
                "--nameserver",
                primary.hostAndPort(),
                "--nameserver",
                secondary.hostAndPort(),
                "--expect-mx",
                NEW_MX);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .contains(primary.hostAndPort() + " MATCHES: MX 0 " + NEW_MX)
                .contains(secondary.hostAndPort() + " DIFFERS: MX 10 mail.contoso.com")
                .contains("NOT YET: 1 of 2 servers");
        assertThat(CliRun.of(
                                "dns",
                                "check",
                                "contoso.com",
                                "--nameserver",
                                primary.hostAndPort(),
                                "--nameserver",
                                secondary.hostAndPort())
                        .out())
                .contains("DISAGREE: 2 different MX sets");
    }

    @Test
    void checkCountsASilentServerAsNoAnswer() throws IOException {
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of(
                    "dns",
                    "check",
                    "contoso.com",
                    "--nameserver",
                    primary.hostAndPort(),
                    "--nameserver",
                    "127.0.0.1:" + silent.getLocalPort(),
                    "--timeout",
                    "1");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.out())
                    .contains("127.0.0.1:" + silent.getLocalPort() + " NO ANSWER: timed out after 1s")
                    .contains("DISAGREE: not every server answered");
        }
    }

    @Test
    void setMxChangesTheZoneAndCheckSeesIt() throws IOException {
        CliRun run = CliRun.of(
                "dns",
                "set-mx",
                "contoso.com",
                NEW_MX,
                "--server",
                primary.hostAndPort(),
                "--tsig-key-file",
                keyFile(SECRET).toString(),
                "--expect-current",
                "mail.contoso.com");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("Changed the MX of contoso.com on " + primary.hostAndPort())
                .contains("before: MX 10 mail.contoso.com")
                .contains("after:  MX 0 " + NEW_MX + " (TTL 3600)");
        CliRun check =
                CliRun.of("dns", "check", "contoso.com", "--nameserver", primary.hostAndPort(), "--expect-mx", NEW_MX);
        assertThat(check.exitCode()).as(check.toString()).isZero();
    }

    @Test
    void setMxIsRefusedAfterAForeignEditAndTheZoneKeepsIt() throws IOException {
        primary.deleteRRset("contoso.com", "MX");
        primary.add("@ 3600 IN MX 5 mx.example.net."); // someone else's edit

        CliRun run = CliRun.of(
                "dns",
                "set-mx",
                "contoso.com",
                NEW_MX,
                "--server",
                primary.hostAndPort(),
                "--tsig-key-file",
                keyFile(SECRET).toString(),
                "--expect-current",
                "mail.contoso.com");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains("Refused: the MX of contoso.com on " + primary.hostAndPort()
                        + " is not what was expected: expected MX mail.contoso.com, found MX 5 mx.example.net.");
        assertThat(primary.records("contoso.com", "MX"))
                .extracting(Record::rdataToString)
                .containsExactly("5 mx.example.net.");
    }

    @Test
    void wrongKeyIsRefusedInPlainWordsWithoutTheSecret() throws IOException {
        CliRun run = CliRun.of(
                "dns",
                "set-mx",
                "contoso.com",
                NEW_MX,
                "--server",
                primary.hostAndPort(),
                "--tsig-key-file",
                keyFile(OTHER_SECRET).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains("NOTAUTH, TSIG BADSIG")
                .contains("Wrong key: the signature made with key " + "'mailferry' did not verify")
                .doesNotContain(OTHER_SECRET)
                .doesNotContain(SECRET);
        assertThat(run.out() + run.err()).doesNotContain(OTHER_SECRET);
        assertThat(primary.records("contoso.com", "MX"))
                .extracting(Record::rdataToString)
                .containsExactly("10 mail.contoso.com.");
    }

    @Test
    void unreadableKeyFileIsAUsageError() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.key"), "key \"mailferry\" {\n algorithm hmac-sha256;\n");
        CliRun run = CliRun.of(
                "dns",
                "set-mx",
                "contoso.com",
                NEW_MX,
                "--server",
                primary.hostAndPort(),
                "--tsig-key-file",
                broken.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(broken + ": the key definition ends early, '}' is missing");
    }

    @Test
    void onlyCommandsBypassTheApplication() {
        assertThat(MailferryCli.handles(new String[] {"dns", "check", "contoso.com"}))
                .isTrue();
        assertThat(MailferryCli.handles(new String[] {})).isFalse();
        assertThat(MailferryCli.handles(new String[] {"--spring.profiles.active=demo"}))
                .isFalse();
        assertThat(CliRun.of("dns").exitCode()).isEqualTo(2);
    }

    private Path keyFile(String secret) throws IOException {
        return Files.writeString(
                dir.resolve("key-" + secret.hashCode() + ".conf"),
                "key \"" + KEY + "\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + secret + "\";\n};\n");
    }

    private static InMemoryDnsServer server() {
        return InMemoryDnsServer.builder("contoso.com")
                .bindAddress(InetAddress.getLoopbackAddress())
                .zoneFile(DemoDnsConfiguration.ZONE.formatted(3600))
                .tsigKey(KEY, "hmac-sha256", SECRET)
                .build()
                .start();
    }
}
