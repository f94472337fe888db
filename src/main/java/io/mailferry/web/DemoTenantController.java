package io.mailferry.web;

import io.mailferry.tenant.ConnectionCheck;
import io.mailferry.tenant.ConnectionSettings;
import io.mailferry.tenant.DomainVerification;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.tenant.MicrosoftTenantCondition;
import io.mailferry.tenant.MissingSecurityGroup;
import io.mailferry.tenant.Tenant;
import io.mailferry.tenant.TenantConnection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The first demo node's in-memory Microsoft 365 tenant, for the nodes that join it ({@code mailferry.demo.join=true},
 * {@code io.mailferry.demo.JoinedDemoTenant}): a cluster has one tenant, so a domain added by one node's job is
 * verified by another's. Only in the demo (127.0.0.1 only) and only while no real tenant is configured; operators may
 * call it, as their tasks change the same tenant. One POST per {@link Tenant} operation, with the arguments as JSON.
 */
@RestController
@Profile("demo")
@ConditionalOnProperty(name = "mailferry.demo.join", havingValue = "false", matchIfMissing = true)
@Conditional(MicrosoftTenantCondition.NotConfigured.class)
@RequestMapping(DemoTenantController.PATH)
@OperatorsAllowed
public class DemoTenantController {
    public static final String PATH = "/api/demo/tenant";

    private final Tenant tenant;
    private final TenantConnection connection;

    public DemoTenantController(Tenant tenant, TenantConnection connection) {
        this.tenant = tenant;
        this.connection = connection;
    }

    /** The arguments of an operation: a name (domain, address or group), a display name, or a list of addresses. */
    public record Call(String name, String displayName, List<String> addresses) {}

    @PostMapping("/add-domain")
    public Map<String, String> addDomain(@RequestBody Call call) {
        return Map.of("value", tenant.addDomain(call.name()));
    }

    @PostMapping("/is-domain-verified")
    public boolean isDomainVerified(@RequestBody Call call) {
        return tenant.isDomainVerified(call.name());
    }

    @PostMapping("/verified-domains")
    public Set<String> verifiedDomains() {
        return tenant.verifiedDomains();
    }

    @PostMapping("/verify-domain")
    public DomainVerification verifyDomain(@RequestBody Call call) {
        return tenant.verifyDomain(call.name());
    }

    @PostMapping("/create-user")
    public void createUser(@RequestBody Call call) {
        tenant.createUser(call.name(), call.displayName());
    }

    @PostMapping("/missing-users")
    public List<String> missingUsers(@RequestBody Call call) {
        return tenant.missingUsers(call.addresses());
    }

    @PostMapping("/assign-licences")
    public LicenceResult assignLicences(@RequestBody Call call) {
        return tenant.assignLicences(call.addresses());
    }

    @PostMapping("/unlicensed-users")
    public List<String> unlicensedUsers(@RequestBody Call call) {
        return tenant.unlicensedUsers(call.addresses());
    }

    @PostMapping("/missing-groups")
    public List<MissingSecurityGroup> missingMailEnabledSecurityGroups(@RequestBody Call call) {
        return tenant.missingMailEnabledSecurityGroups(call.addresses());
    }

    @PostMapping("/cloud-routing-addresses")
    public Map<String, String> cloudRoutingAddresses(@RequestBody Call call) {
        return tenant.cloudRoutingAddresses(call.addresses());
    }

    @PostMapping("/connection-settings")
    public ConnectionSettings connectionSettings() {
        return connection.settings();
    }

    @PostMapping("/suggested-test-mailbox")
    public Map<String, String> suggestedTestMailbox() {
        return connection.suggestedTestMailbox().map(m -> Map.of("value", m)).orElse(Map.of());
    }

    @PostMapping("/connection-check")
    public List<ConnectionCheck> connectionCheck(@RequestBody Call call) {
        return connection.check(call.name());
    }

    /** What the tenant refuses (an invalid name) reaches the joined node's job as the same kind of error. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> refused(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("message", e.getMessage()));
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> notPossible(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", e.getMessage()));
    }
}
