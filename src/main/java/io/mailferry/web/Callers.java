package io.mailferry.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

/**
 * Finds the {@link Caller} of a request: HTTP Basic when the request has an {@code Authorization} header (a wrong one
 * is no caller, never a fall-back to the session), otherwise the user signed in to Camunda's webapps in this HTTP
 * session (Tasklist's login, the same session cookie). Password checks go through the engine, and so through its
 * sign-in throttle.
 */
class Callers {
    private static final String BASIC = "basic ";

    private final IdentityService identity;
    private final String engineName;

    Callers(IdentityService identity, String engineName) {
        this.identity = identity;
        this.engineName = engineName;
    }

    /** The caller, or null when the request carries no valid login. */
    Caller of(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            String user = basicUser(header);
            return user == null ? null : new Caller(user, groupsOf(user), false);
        }
        String user = sessionUser(request.getSession(false));
        if (user == null || identity.createUserQuery().userId(user).count() == 0) {
            return null; // no session login, or the user was deleted since
        }
        return new Caller(user, groupsOf(user), true);
    }

    private String sessionUser(HttpSession session) {
        if (session == null) {
            return null;
        }
        Authentications signedIn = AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = signedIn.getAuthenticationForProcessEngine(engineName);
        return authentication == null ? null : authentication.getIdentityId();
    }

    private String basicUser(String header) {
        if (!header.toLowerCase(Locale.ROOT).startsWith(BASIC)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(header.substring(BASIC.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        return identity.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
    }

    private List<String> groupsOf(String user) {
        return identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId)
                .toList();
    }
}
