package io.mailferry.sourceendpoint;

import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.LoginMode;
import io.mailferry.mailbox.MigrationEndpointService;
import org.springframework.stereotype.Service;

/**
 * Seed step 3 (staged: task 5), as Exchange's migration wizard does it: the endpoint is saved — created the first
 * time, corrected after a failed test — and tested by signing in and opening the test mailbox.
 */
@Service
public class SourceEndpointSetup {
    private final MigrationEndpointService endpoints;
    private final ConfiguredEndpoints configured;

    public SourceEndpointSetup(MigrationEndpointService endpoints, ConfiguredEndpoints configured) {
        this.endpoints = endpoints;
        this.configured = configured;
    }

    /**
     * @param existingId the endpoint an earlier attempt of this step created, or null; never the Microsoft 365 target
     * @param name       unique and traceable, used only when the endpoint is created
     */
    public TestedEndpoint saveAndTest(
            Long existingId,
            String name,
            ImapServer server,
            String adminUser,
            String credentialRef,
            LoginMode mode,
            String testMailbox) {
        long id;
        if (existingId == null) {
            id = endpoints.create(name, server, adminUser, credentialRef, mode);
        } else {
            // the caller passes only the endpoint its migration created; this holds even if that ever changes
            if (existingId == configured.targetEndpointId()) {
                throw new IllegalStateException("Endpoint " + existingId + " is the configured Microsoft 365 target"
                        + " (mailferry.target); no process step may change it");
            }
            id = existingId;
            endpoints.update(id, server, adminUser, credentialRef, mode);
        }
        return new TestedEndpoint(id, endpoints.testEndpoint(id, testMailbox));
    }
}
