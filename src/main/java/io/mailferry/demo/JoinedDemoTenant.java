package io.mailferry.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailferry.tenant.ConnectionCheck;
import io.mailferry.tenant.ConnectionSettings;
import io.mailferry.tenant.DomainVerification;
import io.mailferry.tenant.InMemoryTenant;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.tenant.MicrosoftTenantCondition;
import io.mailferry.tenant.MissingSecurityGroup;
import io.mailferry.tenant.Tenant;
import io.mailferry.tenant.TenantConnection;
import io.mailferry.tenant.TenantProperties;
import io.mailferry.web.DemoTenantController;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The tenant of a demo node that joins another ({@code mailferry.demo.join=true}): the first node's in-memory tenant,
 * called over HTTP on 127.0.0.1 ({@code /api/demo/tenant}, signed in as the demo operator), so that both nodes of
 * the demo cluster see one Microsoft 365, as a real cluster does. What needs no state (the initial domain, MX
 * targets, routing addresses) is answered here from the same configuration. Every call has a timeout; a first node
 * that does not answer fails the job, which retries.
 */
@Component
@Primary
@Profile("demo")
@ConditionalOnProperty(name = "mailferry.demo.join", havingValue = "true")
@Conditional(MicrosoftTenantCondition.NotConfigured.class)
public class JoinedDemoTenant implements Tenant, TenantConnection {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String authorization;
    private final InMemoryTenant configuration;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    public JoinedDemoTenant(
            @Value("${mailferry.demo.join-port:8080}") int firstNodePort,
            TenantProperties properties,
            ObjectMapper json) {
        if (firstNodePort < 1 || firstNodePort > 65535) {
            throw new IllegalArgumentException(
                    "mailferry.demo.join-port must be the first demo node's HTTP port, was " + firstNodePort);
        }
        // only ever this machine: the demo's login travels with every call
        this.base = URI.create(
                "http://" + DemoProperties.BIND_ADDRESS + ":" + firstNodePort + DemoTenantController.PATH + "/");
        String login = DemoCamundaUsers.OPERATOR + ":" + DemoCamundaUsers.OPERATOR_PASSWORD;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
        this.configuration = new InMemoryTenant(properties, name -> List.of());
        this.json = json;
    }

    @Override
    public String addDomain(String domain) {
        return call("add-domain", Map.of("name", domain)).get("value").asText();
    }

    @Override
    public boolean isDomainVerified(String domain) {
        return call("is-domain-verified", Map.of("name", domain)).asBoolean();
    }

    @Override
    public Set<String> verifiedDomains() {
        return convert(call("verified-domains", Map.of()), new TypeReference<>() {});
    }

    @Override
    public DomainVerification verifyDomain(String domain) {
        return convert(call("verify-domain", Map.of("name", domain)), new TypeReference<>() {});
    }

    @Override
    public String initialDomain() {
        return configuration.initialDomain();
    }

    @Override
    public void createUser(String address, String displayName) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("name", address);
        arguments.put("displayName", displayName);
        call("create-user", arguments);
    }

    @Override
    public List<String> missingUsers(List<String> addresses) {
        return convert(call("missing-users", Map.of("addresses", addresses)), new TypeReference<>() {});
    }

    @Override
    public LicenceResult assignLicences(List<String> addresses) {
        return convert(call("assign-licences", Map.of("addresses", addresses)), new TypeReference<>() {});
    }

    @Override
    public List<String> unlicensedUsers(List<String> addresses) {
        return convert(call("unlicensed-users", Map.of("addresses", addresses)), new TypeReference<>() {});
    }

    @Override
    public List<MissingSecurityGroup> missingMailEnabledSecurityGroups(List<String> names) {
        return convert(call("missing-groups", Map.of("addresses", names)), new TypeReference<>() {});
    }

    @Override
    public String mxTarget(String domain) {
        return configuration.mxTarget(domain);
    }

    /** The first node's: only its tenant knows the users. */
    @Override
    public Optional<String> cloudRoutingAddress(String address) {
        return Optional.ofNullable(cloudRoutingAddresses(List.of(address)).get(address));
    }

    @Override
    public Map<String, String> cloudRoutingAddresses(Collection<String> addresses) {
        return convert(
                call("cloud-routing-addresses", Map.of("addresses", List.copyOf(addresses))), new TypeReference<>() {});
    }

    /** The connection checks run on the first node, against the tenant that does the work. */
    @Override
    public ConnectionSettings settings() {
        return convert(call("connection-settings", Map.of()), new TypeReference<>() {});
    }

    @Override
    public Optional<String> suggestedTestMailbox() {
        JsonNode mailbox = call("suggested-test-mailbox", Map.of()).path("value");
        return mailbox.isTextual() ? Optional.of(mailbox.asText()) : Optional.empty();
    }

    @Override
    public List<ConnectionCheck> check(String testMailbox) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("name", testMailbox);
        return convert(call("connection-check", arguments), new TypeReference<>() {});
    }

    private <T> T convert(JsonNode node, TypeReference<T> type) {
        return json.convertValue(node, type);
    }

    /** The first node's answer; what its tenant refused is thrown here as the same kind of exception. */
    private JsonNode call(String operation, Map<String, ?> arguments) {
        URI uri = base.resolve(operation);
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", authorization)
                    .header("X-Requested-By", "mailferry-demo-join")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(arguments)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode answer = body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
            return switch (response.statusCode()) {
                case 200 -> answer;
                case 400 -> throw new IllegalArgumentException(message(answer));
                default ->
                    throw new IllegalStateException("The first demo node's tenant at " + uri + " answered "
                            + response.statusCode() + ": " + message(answer));
            };
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The first demo node's tenant at " + uri + " did not answer (is it running?): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the first demo node's tenant at " + uri, e);
        }
    }

    private static String message(JsonNode answer) {
        return answer.hasNonNull("message") ? answer.get("message").asText() : answer.toString();
    }
}
