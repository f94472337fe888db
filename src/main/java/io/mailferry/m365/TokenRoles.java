package io.mailferry.m365;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The application permissions an app-only access token carries (its {@code roles} claim), for telling an
 * administrator which grant is missing before a step needs it. The token is only read, never checked or logged: the
 * service that receives it decides; and Microsoft may make a token opaque, so "cannot tell" is an answer.
 */
final class TokenRoles {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TokenRoles() {}

    /**
     * The roles, empty for a readable token without the claim (what Entra issues before admin consent); nothing when
     * the token is not a readable JWT.
     */
    static Optional<Set<String>> of(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (payload == null || !payload.isObject()) {
                return Optional.empty();
            }
            Set<String> roles = new TreeSet<>();
            payload.path("roles").forEach(role -> roles.add(role.asText()));
            return Optional.of(Collections.unmodifiableSet(roles));
        } catch (IllegalArgumentException | IOException notAJwt) {
            return Optional.empty();
        }
    }
}
