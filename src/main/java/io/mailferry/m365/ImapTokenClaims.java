package io.mailferry.m365;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an Exchange Online access token says about the app, read to explain a refusal: its application roles
 * ({@code roles}, where {@code IMAP.AccessAsApp} must be) and its service principal ({@code oid}, the id that
 * {@code Add-MailboxPermission -User} takes). Entra's tokens are JWTs of our own app, so the payload is only read
 * here, not verified; the IMAP server verifies them. Nothing read here goes into a message unless it has the shape of
 * an id.
 */
record ImapTokenClaims(boolean readable, List<String> roles, String servicePrincipal) {
    static final String IMAP_ROLE = "IMAP.AccessAsApp";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final ImapTokenClaims UNREADABLE = new ImapTokenClaims(false, List.of(), null);

    static ImapTokenClaims of(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return UNREADABLE;
        }
        try {
            JsonNode payload =
                    JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            List<String> roles = new ArrayList<>();
            JsonNode node = payload.path("roles");
            if (node.isArray()) {
                node.forEach(role -> roles.add(role.asText()));
            } else if (node.isTextual()) {
                roles.addAll(List.of(node.asText().split(" +")));
            }
            String principal = payload.path("oid").asText(payload.path("sub").asText(""));
            return new ImapTokenClaims(
                    true, List.copyOf(roles), ID.matcher(principal).matches() ? principal : null);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return UNREADABLE;
        }
    }

    /** True only when the token could be read and has no {@code IMAP.AccessAsApp} role. */
    boolean lacksImapRole() {
        return readable && !roles.contains(IMAP_ROLE);
    }

    /** For the PowerShell commands: the service principal's object id, or a placeholder naming what to put there. */
    String servicePrincipalOrPlaceholder() {
        return servicePrincipal != null ? servicePrincipal : "<object id of the app's enterprise application>";
    }
}
