package io.mailferry.m365;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * How a Microsoft resource checks an app-only access token, for the stand-ins: an RS256 JWT signed by a key of the
 * token server's JWKS, not expired, for the expected audience; what the app may do is its {@code roles} claim (the
 * application permissions an administrator consented to). A refusal says why, as the resource's 401 would.
 */
public final class AppTokenCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, PublicKey> keys;
    private final Set<String> audiences;

    /** @param keys the signing key for a {@code kid} (null when unknown) */
    public AppTokenCheck(Function<String, PublicKey> keys, Set<String> audiences) {
        this.keys = keys;
        this.audiences = Set.copyOf(audiences);
    }

    /** Keys from the token server's JWKS document, fetched when a {@code kid} is first seen (5 s timeouts). */
    public static AppTokenCheck fromJwks(URI jwks, SSLContext ssl, Set<String> audiences) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(ssl)
                .build();
        Map<String, PublicKey> known = new ConcurrentHashMap<>();
        return new AppTokenCheck(
                kid -> known.computeIfAbsent(kid, k -> fetch(http, jwks).get(k)), audiences);
    }

    /** Graph's audiences: its URI and its application id. */
    public static Set<String> graphAudiences() {
        return Set.of("https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000");
    }

    /** The token's roles; {@link Refused} when it is no valid token for this resource. */
    public Set<String> roles(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new Refused("Access token is empty.");
        }
        String[] parts = authorization.substring("Bearer ".length()).trim().split("\\.");
        if (parts.length != 3) {
            throw new Refused("Access token validation failure. Invalid token format.");
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            PublicKey key = keys.apply(header.path("kid").asText());
            if (!"RS256".equals(header.path("alg").asText()) || key == null) {
                throw new Refused("Access token validation failure. Invalid signing key.");
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new Refused("Access token validation failure. Invalid signature.");
            }
            if (Instant.ofEpochSecond(claims.path("exp").asLong(0)).isBefore(Instant.now())) {
                throw new Refused("Lifetime validation failed, the token is expired.");
            }
            Set<String> audience = new LinkedHashSet<>();
            if (claims.path("aud").isArray()) {
                claims.path("aud").forEach(a -> audience.add(a.asText()));
            } else {
                audience.add(claims.path("aud").asText());
            }
            if (audience.stream().noneMatch(audiences::contains)) {
                throw new Refused("Access token validation failure. Invalid audience.");
            }
            Set<String> roles = new LinkedHashSet<>();
            claims.path("roles").forEach(r -> roles.add(r.asText()));
            return roles;
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            throw new Refused("Access token validation failure. " + e.getClass().getSimpleName());
        }
    }

    private static Map<String, PublicKey> fetch(HttpClient http, URI jwks) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(jwks).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, PublicKey> keys = new ConcurrentHashMap<>();
            for (JsonNode key : JSON.readTree(response.body()).path("keys")) {
                if ("RSA".equals(key.path("kty").asText())) {
                    keys.put(
                            key.path("kid").asText(),
                            KeyFactory.getInstance("RSA")
                                    .generatePublic(new RSAPublicKeySpec(
                                            unsigned(key.path("n").asText()),
                                            unsigned(key.path("e").asText()))));
                }
            }
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The token server's keys at " + jwks + " cannot be read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger unsigned(String base64Url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64Url));
    }

    /** The resource's 401, with its reason. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
