package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.rig.ExchangeOnlineRig;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The sync engine into the offline "Exchange Online" ({@link ExchangeOnlineRig}: a token server and the XOAUTH2
 * Dovecot of start-dovecot.sh), through the production path: the configured target endpoint becomes XOAUTH2 at the
 * rig's IMAP server, and {@link MailboxSyncService} copies from the source Dovecot. A token that expires mid-pass —
 * the server ends the sessions and refuses the old token — is renewed and the pass goes on, each message arriving
 * exactly once.
 */
@Tag("server")
class XOAuth2SyncServerTest {
    static final String HOST = "127.0.0.1";

    static ExchangeOnlineRig rig;
    static ExchangeOnlineRig shortLived;
    static Path corpus;

    Tokens access;
    MigrationBatchService batches;
    MigrationEndpointService endpoints;
    JdbcTemplate jdbc;
    SecretStore secrets;
    long targetEndpoint;
    long sourceEndpoint;

    @BeforeAll
    static void rigAndCorpus(@TempDir Path shared) throws Exception {
        rig = ExchangeOnlineRig.start(Duration.ofHours(1));
        // the same key and issuer; its tokens expire within seconds, as a token does in the middle of a long pass
        shortLived = ExchangeOnlineRig.start(Duration.ofSeconds(3));
        corpus = DovecotSyncServerTest.awkwardCorpus(shared.resolve("corpus"));
    }

    @AfterAll
    static void stopRig() {
        if (rig != null) {
            rig.close();
        }
        if (shortLived != null) {
            shortLived.close();
        }
    }

    @BeforeEach
    void setUp() {
        access = new Tokens(rig, rig);
        DataSource ds = TestDatabase.migrated();
        jdbc = new JdbcTemplate(ds);
        secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        batches = new MigrationBatchService(jdbc, new DataSourceTransactionManager(ds));
        ImapServer source = new ImapServer(HOST, port("DOVECOT_SOURCE_PORT"), ImapSecurity.NONE);
        endpoints = new MigrationEndpointService(jdbc, secrets, PlaintextEndpoints.allowing(source), access);
        sourceEndpoint = endpoints.create(
                "Source Dovecot",
                source,
                null,
                secrets.store(
                        Purpose.imapLogin(HOST, source.port()),
                        "source",
                        ExchangeOnlineRig.required("DOVECOT_PASSWORD").toCharArray(),
                        "operator"),
                LoginMode.SHARED_PASSWORD);
        // mailferry.target still names a password server: with Microsoft 365 configured it is not used
        TargetEndpointProperties configured =
                new TargetEndpointProperties(HOST, 4143, ImapSecurity.NONE, null, "unused", LoginMode.PROXY, true);
        SourceEndpointProperties noSource =
                new SourceEndpointProperties(null, 993, ImapSecurity.TLS, null, null, LoginMode.PROXY, false);
        targetEndpoint = new ConfiguredEndpoints(endpoints, secrets, configured, noSource, access).targetEndpointId();
    }

    @Test
    void theAwkwardCorpusArrivesInExchangeOnlineByXOAuth2AndAReRunCopiesNothing() throws Exception {
        String user = seeded("user41@contoso.com");
        MigrationEndpoint target = endpoints.endpoint(targetEndpoint);
        assertThat(target.loginMode()).isEqualTo(LoginMode.XOAUTH2);
        assertThat(target.server()).isEqualTo(new ImapServer(HOST, port("DOVECOT_XOAUTH2_PORT"), ImapSecurity.TLS));
        assertThat(target.credentialRef()).as("no password for Exchange Online").isNull();

        SliceResult first = service().syncSlice(mailbox(user), SyncPass.INITIAL, Duration.ofMinutes(5));

        assertThat(first.complete()).isTrue();
        assertThat(first.messagesCopied()).isEqualTo(400);
        assertSameMailbox(user);
        SliceResult again = service().syncSlice(mailbox(user), SyncPass.DELTA, Duration.ofMinutes(5));
        assertThat(again.complete()).isTrue();
        assertThat(again.messagesCopied()).isZero();
        assertThat(access.renewals).as("one token did for both passes").isZero();
    }

    @Test
    void aTokenThatExpiresMidPassIsRenewedAndEveryMessageArrivesOnce() throws Exception {
        String user = seeded("user42@contoso.com");
        access = new Tokens(shortLived, rig);
        endpoints = new MigrationEndpointService(
                jdbc,
                secrets,
                PlaintextEndpoints.allowing(new ImapServer(HOST, port("DOVECOT_SOURCE_PORT"), ImapSecurity.NONE)),
                access);
        // After 100 messages, one folder worker waits until the first token has expired; then Exchange Online ends
        // every session of it (BYE), as it does when a session's token expires, and the worker goes on.
        MidPass midPass = new MidPass(100, () -> {
            sleepUntil(access.firstExpires().plusSeconds(1));
            ExchangeOnlineRig.kick(user);
        });
        MailboxSyncService service = new MailboxSyncService(
                jdbc,
                batches,
                endpoints,
                SyncProperties.defaults(),
                SyncMetrics.unregistered(),
                Duration.ofMinutes(5),
                midPass);

        SliceResult result = service.syncSlice(mailbox(user), SyncPass.INITIAL, Duration.ofMinutes(5));

        assertThat(midPass.ran)
                .as("the token expired in the middle of the pass")
                .isTrue();
        assertThat(access.renewals).as("renewed, not given up").isBetween(1, TokenRenewal.MAX_RENEWALS);
        assertThat(result.complete()).isTrue();
        assertSameMailbox(user);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    MailboxSyncService service() {
        return new MailboxSyncService(jdbc, batches, endpoints, SyncProperties.defaults());
    }

    long mailbox(String user) {
        List<Long> ids = batches.mailboxIds(
                batches.createBatch("XOAUTH2 " + user, "contoso.com", sourceEndpoint, targetEndpoint, List.of(user)));
        return ids.get(0);
    }

    /** Empties the user on the source and on "Exchange Online", then seeds the source with the corpus. */
    String seeded(String user) throws Exception {
        try (IMAPStore source = sourceLogin(user)) {
            DovecotSyncServerTest.empty(source);
        }
        try (IMAPStore target = targetLogin(user)) {
            DovecotSyncServerTest.empty(target);
        }
        DovecotSyncServerTest.run(List.of(
                DovecotSyncServerTest.java(),
                "bench/ImapAppend.java",
                "--corpus",
                corpus.toString(),
                "--host",
                HOST,
                "--port",
                String.valueOf(port("DOVECOT_SOURCE_PORT")),
                "--user",
                user,
                "--password-file",
                ExchangeOnlineRig.required("DOVECOT_PASSWORD_FILE")));
        return user;
    }

    void assertSameMailbox(String user) throws Exception {
        try (IMAPStore source = sourceLogin(user);
                IMAPStore target = targetLogin(user)) {
            DovecotSyncServerTest.assertSameMailbox(source, target);
        }
    }

    static IMAPStore sourceLogin(String user) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.peek", "true");
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        store.connect(HOST, port("DOVECOT_SOURCE_PORT"), user, ExchangeOnlineRig.required("DOVECOT_PASSWORD"));
        return store;
    }

    /** Signed in to the XOAUTH2 Dovecot with a token of its own, apart from the pass's tokens. */
    static IMAPStore targetLogin(String user) {
        return XOAuth2SignIn.open(new Tokens(rig, rig), user, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    static int port(String variable) {
        return Integer.parseInt(ExchangeOnlineRig.required(variable));
    }

    static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /**
     * The app's tokens as AccessTokens hands them out: one cached token until a renewal is asked for. The first comes
     * from {@code first}, renewals from {@code renewing}.
     */
    static final class Tokens implements XOAuth2Access {
        private final ExchangeOnlineRig first;
        private final ExchangeOnlineRig renewing;
        private String cached;
        private Instant firstExpires;
        volatile int renewals;

        Tokens(ExchangeOnlineRig first, ExchangeOnlineRig renewing) {
            this.first = first;
            this.renewing = renewing;
        }

        /** When the first token has certainly expired, with the token server's 3 s lifetime. */
        synchronized Instant firstExpires() {
            return firstExpires;
        }

        @Override
        public ImapServer server() {
            return new ImapServer(first.imapHost(), first.imapPort(), ImapSecurity.TLS);
        }

        @Override
        public SSLContext sslContext() {
            return first.trust();
        }

        @Override
        public synchronized String token() {
            if (cached == null) {
                cached = fetch(first);
                firstExpires = Instant.now().plusSeconds(3);
            }
            return cached;
        }

        @Override
        public synchronized String renewedToken() {
            renewals++;
            cached = fetch(renewing);
            return cached;
        }

        @Override
        public String whyRefused(String mailbox) {
            return "(the rig refused " + mailbox + ")";
        }

        private static String fetch(ExchangeOnlineRig rig) {
            try {
                return rig.token(ExchangeOnlineRig.APP);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The engine's clock, which a folder worker reads between two messages: the n-th reading runs {@code hook} on that
     * worker, once, in the middle of the pass.
     */
    static final class MidPass extends Clock {
        interface Hook {
            void run() throws Exception;
        }

        private final AtomicInteger readings = new AtomicInteger();
        private final int at;
        private final Hook hook;
        volatile boolean ran;

        MidPass(int at, Hook hook) {
            this.at = at;
            this.hook = hook;
        }

        @Override
        public Instant instant() {
            if (Thread.currentThread().getName().startsWith("mailferry-folders-") && readings.incrementAndGet() == at) {
                try {
                    hook.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                ran = true;
            }
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
