package io.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.dns.DnsChange;
import io.mailferry.dns.DnsChangeException;
import io.mailferry.dns.DnsChangeLog;
import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.DnsProperties;
import io.mailferry.dns.JdbcDnsChangeLog;
import io.mailferry.dns.MxRecord;
import io.mailferry.dns.TsigKeyFile;
import io.mailferry.dns.TsigKeySource;
import io.mailferry.mailbox.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * The CLI and DnsChangeService against real BIND9 servers started by {@code src/test/bind9/start-bind9.sh}
 * (see {@code .ci/run}): a primary that accepts TSIG-signed updates and a lagging copy with an older MX.
 * Tagged {@code server}: only {@code mvn -Pserver-tests} runs them, and there a missing BIND is a failure, not
 * a skip, so CI can never pass without having talked to BIND.
 */
@Tag("server")
class Bind9ServerTest {
    static String primary;
    static String lagging;
    static String keyFile;
    static String zone;

    @TempDir
    Path dir;

    @BeforeAll
    static void environment() {
        primary = required("BIND9_PRIMARY");
        lagging = required("BIND9_LAGGING");
        keyFile = required("BIND9_KEY_FILE");
        zone = required("BIND9_ZONE");
    }

    @Test
    void setMxChangesThePrimaryAndCheckSeesIt() {
        CliRun set = CliRun.of(
                "dns",
                "set-mx",
                zone,
                "mx1.example.net",
                "--server",
                primary,
                "--tsig-key-file",
                keyFile,
                "--ttl",
                "300");

        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.out())
                .contains("Changed the MX of " + zone + " on " + primary)
                .contains("after:  MX 0 mx1.example.net (TTL 300)");
        CliRun check = CliRun.of("dns", "check", zone, "--nameserver", primary, "--expect-mx", "mx1.example.net");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains(primary + " MATCHES: MX 0 mx1.example.net");
    }

    @Test
    void setMxIsRefusedAfterAForeignEditAndTheZoneKeepsIt() {
        setMx("before.example.net");
        changes(TsigKeyFile.read(Path.of(keyFile)), DnsChangeLog.NONE)
                .replaceMx(zone, "foreign.example.net", 5, 300); // someone else's edit

        CliRun run = CliRun.of(
                "dns",
                "set-mx",
                zone,
                "mx2.example.net",
                "--server",
                primary,
                "--tsig-key-file",
                keyFile,
                "--expect-current",
                "before.example.net");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains("Refused: the MX of " + zone + " on " + primary + " is not what was expected: "
                        + "expected MX before.example.net, found MX 5 foreign.example.net.");
        CliRun check = CliRun.of("dns", "check", zone, "--nameserver", primary, "--expect-mx", "foreign.example.net");
        assertThat(check.exitCode()).as(check.toString()).isZero();
    }

    @Test
    void bindEnforcesTheCompareAndSetPrerequisite() {
        setMx("cas.example.net");
        DnsChangeService service = changes(TsigKeyFile.read(Path.of(keyFile)), DnsChangeLog.NONE);
        List<MxRecord> stale = List.of(new MxRecord(10, "old." + zone, 300));

        assertThatThrownBy(() -> service.replaceMx(zone, stale, "mx3.example.net", 0, 300))
                .isInstanceOf(DnsChangeException.class)
                .hasMessageContaining("NXRRSET, the MX records changed after Mailferry read them. Expected MX 10 old."
                        + zone + ", the server now has MX 0 cas.example.net");
        assertThat(service.currentMx(zone)).extracting(MxRecord::host).containsExactly("cas.example.net");
    }

    @Test
    void wrongSecretAndUnknownKeyAreRefusedInPlainWords() throws IOException {
        String key = Files.readString(Path.of(keyFile));
        Path wrongSecret = Files.writeString(
                dir.resolve("wrong.key"),
                key.replaceAll("secret \"[^\"]*\"", "secret \"b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC0xMjM0NTY=\""));
        Path unknownKey =
                Files.writeString(dir.resolve("unknown.key"), key.replaceFirst("key \"[^\"]*\"", "key \"nobody\""));

        CliRun badsig = CliRun.of(
                "dns",
                "set-mx",
                zone,
                "evil.example.net",
                "--server",
                primary,
                "--tsig-key-file",
                wrongSecret.toString());
        CliRun badkey = CliRun.of(
                "dns",
                "set-mx",
                zone,
                "evil.example.net",
                "--server",
                primary,
                "--tsig-key-file",
                unknownKey.toString());

        assertThat(badsig.exitCode()).as(badsig.toString()).isEqualTo(1);
        assertThat(badsig.err())
                .contains("TSIG BADSIG. Wrong key: the signature made with key 'mailferry' did not "
                        + "verify, so the secret differs from the server's");
        assertThat(badkey.exitCode()).as(badkey.toString()).isEqualTo(1);
        assertThat(badkey.err()).contains("TSIG BADKEY. Wrong key: the server does not know key 'nobody'");
        String secret = key.replaceAll("(?s).*secret \"([^\"]*)\".*", "$1");
        assertThat(badsig.out() + badsig.err() + badkey.out() + badkey.err()).doesNotContain(secret);
        assertThat(CliRun.of("dns", "check", zone, "--nameserver", primary, "--expect-mx", "evil.example.net")
                        .exitCode())
                .isEqualTo(1);
    }

    @Test
    void bindRefusesASignatureFromAClockTenMinutesBehindWithBadtimeAndTheMessageSaysSo() throws IOException {
        String key = Files.readString(Path.of(keyFile));
        byte[] secret = Base64.getDecoder().decode(key.replaceAll("(?s).*secret \"([^\"]*)\".*", "$1"));
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        Name keyName = Name.fromString("mailferry.");
        TsigKeySource slowClock = new TsigKeySource() {
            @Override
            public TSIG key() {
                return new TSIG(TSIG.HMAC_SHA256, keyName, new SecretKeySpec(secret, "HmacSHA256"), behind);
            }

            @Override
            public String keyName() {
                return "mailferry";
            }

            @Override
            public String secretOrigin() {
                return keyFile;
            }
        };

        assertThatThrownBy(() -> changes(slowClock, DnsChangeLog.NONE).replaceMx(zone, "late.example.net", 0, 300))
                .isInstanceOf(DnsChangeException.class)
                .hasMessageContaining("NOTAUTH, TSIG BADTIME. The clock of " + primary + " says ")
                .hasMessageContaining(
                        " when it signed the update: about 10 minutes ahead, more than the 5 minutes " + "TSIG allows");
        assertThat(CliRun.of("dns", "check", zone, "--nameserver", primary, "--expect-mx", "late.example.net")
                        .exitCode())
                .isEqualTo(1);
    }

    @Test
    void checkReportsTheLaggingServer() {
        setMx("mx4.example.net");

        CliRun run = CliRun.of(
                "dns",
                "check",
                zone,
                "--nameserver",
                primary,
                "--nameserver",
                lagging,
                "--expect-mx",
                "mx4.example.net");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .contains(primary + " MATCHES: MX 0 mx4.example.net")
                .contains(lagging + " DIFFERS: MX 10 old." + zone)
                .contains("NOT YET: 1 of 2 servers");
    }

    @Test
    void rollbackRestoresTheMxOnBind() {
        setMx("mx5.example.net");
        DnsChangeService service = changes(
                TsigKeyFile.read(Path.of(keyFile)), new JdbcDnsChangeLog(new JdbcTemplate(TestDatabase.migrated())));
        DnsChange change = service.replaceMx(zone, "mx6.example.net", 0, 300).orElseThrow();

        service.rollback(change.id());

        assertThat(service.currentMx(zone)).extracting(MxRecord::host).containsExactly("mx5.example.net");
    }

    @Test
    void spfIncludeIsAddedByCompareAndSetOnBindKeepsTheOtherTxtAndRollsBack() throws IOException {
        String name = "spf." + zone; // its own name, so that what other tests leave in the zone does not matter
        TsigKeyFile key = TsigKeyFile.read(Path.of(keyFile));
        Update setup = new Update(Name.fromString(zone + "."));
        Name owner = Name.fromString(name + ".");
        setup.delete(owner, Type.TXT);
        setup.add(owner, Type.TXT, 300, "\"v=spf1 mx ~all\"");
        setup.add(owner, Type.TXT, 300, "\"MS=ms12345678\"");
        SimpleResolver resolver = new SimpleResolver(
                new InetSocketAddress("127.0.0.1", Integer.parseInt(primary.substring(primary.lastIndexOf(':') + 1))));
        resolver.setTSIGKey(key.key());
        assertThat(resolver.send(setup).getRcode()).isEqualTo(Rcode.NOERROR);
        DnsChangeService service = changes(key, new JdbcDnsChangeLog(new JdbcTemplate(TestDatabase.migrated())));
        DnsLookupService lookups = new DnsLookupService(new DnsProperties(
                List.of(primary), 53, Duration.ofSeconds(5), new DnsProperties.DynamicUpdate(null, null, null, null)));

        DnsChange change =
                service.addSpfInclude(name, "spf.protection.outlook.com").orElseThrow();

        assertThat(lookups.txt(name))
                .containsExactlyInAnyOrder("MS=ms12345678", "v=spf1 mx include:spf.protection.outlook.com ~all");
        assertThat(service.addSpfInclude(name, "spf.protection.outlook.com"))
                .as("nothing left to do")
                .isEmpty();
        service.rollback(change.id());
        assertThat(lookups.txt(name)).containsExactlyInAnyOrder("MS=ms12345678", "v=spf1 mx ~all");
    }

    private void setMx(String host) {
        CliRun run =
                CliRun.of("dns", "set-mx", zone, host, "--server", primary, "--tsig-key-file", keyFile, "--ttl", "300");
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    private static DnsChangeService changes(TsigKeySource key, DnsChangeLog log) {
        return new DnsChangeService(
                new DnsProperties(
                        List.of(),
                        53,
                        Duration.ofSeconds(5),
                        new DnsProperties.DynamicUpdate(primary, null, null, null)),
                key,
                log);
    }

    /** Environment first (what .ci/run exports), then -D system properties; missing means the setup is broken. */
    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        assertThat(value)
                .as(name + " is not set: run the server tests through .ci/run, which starts BIND9 with "
                        + "src/test/bind9/start-bind9.sh and exports it")
                .isNotBlank();
        return value;
    }
}
