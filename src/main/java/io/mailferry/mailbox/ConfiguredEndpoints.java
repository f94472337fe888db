package io.mailferry.mailbox;

import io.mailferry.secrets.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns configuration into endpoints: {@code mailferry.target} becomes the one target endpoint (re-used across
 * restarts by its name), {@code mailferry.source} a default credential and defaults for the operator's form.
 * Passwords go straight into the SecretStore; only references are kept.
 */
@Component
public class ConfiguredEndpoints {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredEndpoints.class);
    static final String TARGET_NAME = "Microsoft 365 (mailferry.target)";

    private final MigrationEndpointService endpoints;
    private final SecretStore secrets;
    private final TargetEndpointProperties target;
    private final SourceEndpointProperties source;
    private Long targetEndpointId;
    private String sourceCredentialRef;
    private boolean sourceStored;

    public ConfiguredEndpoints(
            MigrationEndpointService endpoints,
            SecretStore secrets,
            TargetEndpointProperties target,
            SourceEndpointProperties source) {
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.target = target;
        this.source = source;
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
        if (targetEndpointId == null) {
            ImapServer server = new ImapServer(target.host(), target.port(), target.security());
            String reference = store("Microsoft 365 migration account", target.password());
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

    /** Reference to the configured source password, or null when none is configured. */
    public synchronized String defaultSourceCredentialRef() {
        if (!sourceStored) {
            sourceCredentialRef = store("Exchange source migration account", source.password());
            sourceStored = true;
        }
        return sourceCredentialRef;
    }

    /** Host, port, security, admin user and login mode to pre-fill the form with; the password is not included. */
    public SourceEndpointProperties sourceDefaults() {
        return new SourceEndpointProperties(
                source.host(), source.port(), source.security(), source.adminUser(), null, source.loginMode());
    }

    private String store(String label, String password) {
        if (password == null || password.isEmpty()) {
            return null;
        }
        return secrets.find(label, password.toCharArray())
                .orElseGet(() -> secrets.store(label, password.toCharArray()));
    }
}
