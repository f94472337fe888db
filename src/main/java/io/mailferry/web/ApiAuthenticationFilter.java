package io.mailferry.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against the Camunda users for our own endpoints. The user becomes the request's remote user (for
 * audit logs) and the engine's authenticated user while the request runs.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {
    private static final String BASIC = "basic ";

    private final IdentityService identityService;
    private final Predicate<HttpServletRequest> anonymousAllowed;

    public ApiAuthenticationFilter(IdentityService identityService) {
        this(identityService, request -> false);
    }

    /**
     * Requests {@code anonymousAllowed} accepts pass without valid credentials too, as nobody's: with a login they
     * carry its user, a wrong one is not refused (a health probe must not fail on a stale password).
     */
    public ApiAuthenticationFilter(IdentityService identityService, Predicate<HttpServletRequest> anonymousAllowed) {
        this.identityService = identityService;
        this.anonymousAllowed = anonymousAllowed;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = authenticatedUser(request.getHeader("Authorization"));
        if (user == null && anonymousAllowed.test(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (user == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Mailferry\", charset=\"UTF-8\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Sign in with your Camunda user");
            return;
        }
        List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId)
                .toList();
        identityService.setAuthentication(user, groups);
        try {
            chain.doFilter(new AuthenticatedRequest(request, user), response);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private String authenticatedUser(String header) {
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BASIC)) {
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
        return identityService.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
    }

    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
        private final String user;

        AuthenticatedRequest(HttpServletRequest request, String user) {
            super(request);
            this.user = user;
        }

        @Override
        public String getRemoteUser() {
            return user;
        }

        @Override
        public Principal getUserPrincipal() {
            return () -> user;
        }

        @Override
        public String getAuthType() {
            return HttpServletRequest.BASIC_AUTH;
        }
    }
}
