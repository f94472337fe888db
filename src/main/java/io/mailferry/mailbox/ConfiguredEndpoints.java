package io.mailferry.mailbox;

import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns configuration into endpoints: {@code mailferry.target} becomes the one target endpoint (re-used across
 * restarts by its name) — or, when Microsoft 365 is configured ({@code mailferry.m365.tenant-id}, which provides an
 * {@link XOAuth2Access}), Exchange Online at {@code mailferry.m365.imap-host}/{@code imap-port} with TLS and XOAUTH2,
 * and {@code mailferry.target} is not used; {@code mailferry.source} becomes the configured administrator and
 * defaults for the operator's form. No process changes the target endpoint (see SourceEndpointSetup).
 * Passwords go straight into the SecretStore, each bound to its configured host and port; only references are kept,
 * and the source administrator's reference never goes into a form (a process asks for it by choosing the configured
 * administrator, see {@link #defaultSourceCredentialRef()}).
 */
@Component
public class ConfiguredEndpoints {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredEndpoints.class);
    static final String TARGET_NAME = "Microsoft 365 (mailferry.target)";

    private final MigrationEndpointService endpoints;
    private final SecretStore secrets;
    private final TargetEndpointProperties target;
    private final SourceEndpointProperties source;
    private final XOAuth2Access exchangeOnline;
    private Long targetEndpointId;
    private String sourceCredentialRef;
    private boolean sourceStored;

    public ConfiguredEndpoints(
            MigrationEndpointService endpoints,
            SecretStore secrets,
            TargetEndpointProperties target,
            SourceEndpointProperties source) {
        this(endpoints, secrets, target, source, (XOAuth2Access) null);
    }

    @Autowired
    public ConfiguredEndpoints(
            MigrationEndpointService endpoints,
            SecretStore secrets,
            TargetEndpointProperties target,
            SourceEndpointProperties source,
            ObjectProvider<XOAuth2Access> exchangeOnline) {
        this(endpoints, secrets, target, source, exchangeOnline.getIfAvailable());
    }

    /** @param exchangeOnline the Microsoft 365 app's IMAP access, or null to use {@code mailferry.target} */
    public ConfiguredEndpoints(
            MigrationEndpointService endpoints,
            SecretStore secrets,
            TargetEndpointProperties target,
            SourceEndpointProperties source,
            XOAuth2Access exchangeOnline) {
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.target = target;
        this.source = source;
        this.exchangeOnline = exchangeOnline;
    }

    /** Registers eagerly so a broken configuration shows at startup, not at the first batch. */
    @EventListener(ApplicationReadyEvent.class)
    public void registerAtStartup() {
        try {
            targetEndpointId();
            defaultSourceCredentialRef();
        } catch (RuntimeException e) {
            // Other runbooks must keep working; the sync steps will report the same problem when they run.
            log.warn("Configured migration endpoints are not usable: {}", e.getMessage());
        }
    }

    public synchronized long targetEndpointId() {
        if (targetEndpointId == null && exchangeOnline != null) {
            ImapServer server = exchangeOnline.server();
            log.info("The target endpoint is Exchange Online at {} with XOAUTH2 (mailferry.m365.*)", server);
            targetEndpointId = endpoints
                    .findByName(TARGET_NAME)
                    .map(existing -> {
                        endpoints.update(existing.id(), server, null, null, LoginMode.XOAUTH2);
                        return existing.id();
                    })
                    .orElseGet(() -> endpoints.create(TARGET_NAME, server, null, null, LoginMode.XOAUTH2));
        }
        if (targetEndpointId == null) {
            ImapServer server = new ImapServer(target.host(), target.port(), target.security());
            String reference = store(
                    Purpose.imapLogin(server.host(), server.port()),
                    "Microsoft 365 migration account",
                    target.password());
            targetEndpointId = endpoints
                    .findByName(TARGET_NAME)
                    .map(existing -> {
                        endpoints.update(existing.id(), server, target.adminUser(), reference, target.loginMode());
                        return existing.id();
                    })
                    .orElseGet(() ->
                            endpoints.create(TARGET_NAME, server, target.adminUser(), reference, target.loginMode()));
        }
        return targetEndpointId;
    }

    /**
     * Reference to the configured source administrator's password, bound to {@code mailferry.source.host:port}; null
     * when no password (or no host) is configured. For the step that uses the configured administrator only: it must
     * never become a variable an operator could copy into another endpoint.
     */
    public synchronized String defaultSourceCredentialRef() {
        if (!sourceStored) {
            sourceCredentialRef = source.host() == null || source.host().isBlank()
                    ? null
                    : store(
                            Purpose.imapLogin(source.host().trim(), source.port()),
                            "Exchange source migration account",
                            source.password());
            sourceStored = true;
        }
        return sourceCredentialRef;
    }

    /** Whether configuration names a source administrator with a password an endpoint can use. */
    public boolean hasSourceAdministrator() {
        return defaultSourceCredentialRef() != null;
    }

    /** Host, port, security, admin user and login mode to pre-fill the form with; the password is not included. */
    public SourceEndpointProperties sourceDefaults() {
        return new SourceEndpointProperties(
                source.host(),
                source.port(),
                source.security(),
                source.adminUser(),
                null,
                source.loginMode(),
                source.allowPlaintext());
    }

    private String store(Purpose purpose, String label, String password) {
        if (password == null || password.isEmpty()) {
            return null;
        }
        return secrets.storeConfigured(purpose, label, password.toCharArray());
    }
}
