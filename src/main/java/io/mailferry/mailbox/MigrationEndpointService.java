package io.mailferry.mailbox;

import io.mailferry.secrets.SecretStore;
import io.mailferry.text.Fit;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/** Registers IMAP migration endpoints and tests them the way an operator would, with readable verdicts. */
@Service
public class MigrationEndpointService {
    private static final String COLUMNS = "id, name, host, port, security, admin_user, credential_ref, login_mode";
    /** Widths of mf_migration_endpoint's columns (V3__mailbox_sync.sql); the host's is ImapServer's to check. */
    private static final int NAME_WIDTH = 200;

    private static final int ADMIN_USER_WIDTH = 320;
    private static final int CREDENTIAL_REF_WIDTH = 64;

    private final JdbcTemplate jdbc;
    private final ImapConnector connector;
    private final ImapProbe probe = new ImapProbe();
    private final PlaintextEndpoints plaintext;

    public MigrationEndpointService(JdbcTemplate jdbc, SecretStore secrets, PlaintextEndpoints plaintext) {
        this(jdbc, secrets, plaintext, (XOAuth2Access) null);
    }

    /** With the Microsoft 365 app's token access when {@code mailferry.m365.tenant-id} is set (XOAUTH2 sign-ins). */
    @Autowired
    public MigrationEndpointService(
            JdbcTemplate jdbc,
            SecretStore secrets,
            PlaintextEndpoints plaintext,
            ObjectProvider<XOAuth2Access> xoauth2) {
        this(jdbc, secrets, plaintext, xoauth2.getIfAvailable());
    }

    public MigrationEndpointService(
            JdbcTemplate jdbc, SecretStore secrets, PlaintextEndpoints plaintext, XOAuth2Access xoauth2) {
        this.jdbc = jdbc;
        this.connector = new ImapConnector(secrets, plaintext, xoauth2);
        this.plaintext = plaintext;
    }

    public long create(String name, ImapServer server, String adminUser, String credentialRef, LoginMode mode) {
        validate(name, server, adminUser, credentialRef, mode);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.update(
                    con -> {
                        PreparedStatement ps = con.prepareStatement(
                                "INSERT INTO mf_migration_endpoint (name, host, port, "
                                        + "security, admin_user, credential_ref, login_mode, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                new String[] {"id"});
                        ps.setString(1, name.trim());
                        ps.setString(2, server.host());
                        ps.setInt(3, server.port());
                        ps.setString(4, server.security().name());
                        ps.setString(5, adminUser);
                        ps.setString(6, credentialRef);
                        ps.setString(7, mode.name());
                        ps.setTimestamp(8, Timestamp.from(Instant.now()));
                        return ps;
                    },
                    keys);
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("A migration endpoint named '" + name.trim() + "' already exists");
        }
        return Objects.requireNonNull(keys.getKey(), "generated endpoint id").longValue();
    }

    /** Replaces server, admin user and login mode; a null credentialRef keeps the stored one. */
    public void update(long id, ImapServer server, String adminUser, String credentialRef, LoginMode mode) {
        MigrationEndpoint existing = endpoint(id);
        String reference = credentialRef != null ? credentialRef : existing.credentialRef();
        validate(existing.name(), server, adminUser, reference, mode);
        jdbc.update(
                "UPDATE mf_migration_endpoint SET host = ?, port = ?, security = ?, admin_user = ?, "
                        + "credential_ref = ?, login_mode = ? WHERE id = ?",
                server.host(),
                server.port(),
                server.security().name(),
                adminUser,
                reference,
                mode.name(),
                id);
    }

    public MigrationEndpoint endpoint(long id) {
        List<MigrationEndpoint> rows = jdbc.query(
                "SELECT " + COLUMNS + " FROM mf_migration_endpoint WHERE id = ?", MigrationEndpointService::row, id);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("There is no migration endpoint with id " + id);
        }
        return rows.get(0);
    }

    public Optional<MigrationEndpoint> findByName(String name) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM mf_migration_endpoint WHERE name = ?",
                        MigrationEndpointService::row,
                        name)
                .stream()
                .findFirst();
    }

    /**
     * TCP connect, TLS handshake verified by the JVM trust store, IMAP greeting and CAPABILITY; no sign-in. A server
     * without encryption fails unless configuration allows it in clear, since no password would be sent to it.
     */
    public EndpointTestResult testServer(ImapServer server) {
        if (!plaintext.permits(server)) {
            return EndpointTestResult.failed(PlaintextEndpoints.refusal(server, "signing in to"));
        }
        EndpointTestResult result = probe.probe(server);
        String allowedBy = plaintext.allowedBy(server);
        return result.passed() && allowedBy != null
                ? EndpointTestResult.passed(result.message() + ". Unencrypted, as " + allowedBy + " allows:"
                        + " passwords and mail cross the network in clear")
                : result;
    }

    /** Signs in for {@code testMailbox} by the endpoint's login mode and opens its INBOX read-only. */
    public EndpointTestResult testEndpoint(long endpointId, String testMailbox) {
        MigrationEndpoint endpoint = endpoint(endpointId);
        String how = ImapConnector.how(endpoint, testMailbox);
        try (IMAPStore store = connector.connect(endpoint, testMailbox)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int messages = inbox.getMessageCount();
            inbox.close(false);
            return EndpointTestResult.passed(
                    "Signed in to " + endpoint.server() + " " + how + " and opened INBOX (" + messages + " messages)");
        } catch (MailboxSyncException e) {
            return EndpointTestResult.failed(e.getMessage());
        } catch (MessagingException e) {
            return EndpointTestResult.failed("Signed in to " + endpoint.server() + " " + how
                    + ", but INBOX cannot be opened: " + e.getMessage());
        }
    }

    IMAPStore connect(MigrationEndpoint endpoint, String mailbox) {
        return connector.connect(endpoint, mailbox);
    }

    /** As {@link #connect(MigrationEndpoint, String)}; an XOAUTH2 endpoint signs in with a renewed token. */
    IMAPStore reconnect(MigrationEndpoint endpoint, String mailbox) {
        return connector.connect(endpoint, mailbox, true);
    }

    private static void validate(
            String name, ImapServer server, String adminUser, String credentialRef, LoginMode mode) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Endpoint name must not be empty");
        }
        // refused rather than cut: names are unique and looked up, addresses and references must stay whole
        if (name.trim().length() > NAME_WIDTH) {
            throw new IllegalArgumentException(
                    "Endpoint name '" + Fit.cut(name.trim(), 80) + "' is longer than " + NAME_WIDTH + " characters");
        }
        if (adminUser != null && adminUser.length() > ADMIN_USER_WIDTH) {
            throw new IllegalArgumentException("The administrator account '" + Fit.cut(adminUser, 80)
                    + "' is longer than the " + ADMIN_USER_WIDTH + " characters of a mailbox address");
        }
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(mode, "login mode");
        if (mode == LoginMode.PROXY && (adminUser == null || adminUser.isBlank())) {
            throw new IllegalArgumentException("Login mode PROXY needs the administrator account that may open "
                    + "every mailbox (Exchange FullAccess)");
        }
        // The message deliberately does not echo the value: it could be a password typed into the wrong field.
        if (credentialRef != null
                && (!credentialRef.startsWith(SecretStore.PREFIX) || credentialRef.length() > CREDENTIAL_REF_WIDTH)) {
            throw new IllegalArgumentException("credentialRef must be a SecretStore reference (" + SecretStore.PREFIX
                    + "…), never the password itself");
        }
    }

    private static MigrationEndpoint row(ResultSet rs, int n) throws SQLException {
        return new MigrationEndpoint(
                rs.getLong(1),
                rs.getString(2),
                new ImapServer(rs.getString(3), rs.getInt(4), ImapSecurity.valueOf(rs.getString(5))),
                rs.getString(6),
                rs.getString(7),
                LoginMode.valueOf(rs.getString(8)));
    }
}
