package io.mailferry.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Cross-site request forgery: a request that changes something must prove it comes from our own pages or from a
 * script, not from a form or fetch on another site that the browser sends with the operator's cookie.
 * <ul>
 *   <li>signed in through the webapps' session: the header {@value #TOKEN_HEADER} with this session's token, which the
 *       pages read from {@code GET /api/session} (another site cannot read it);
 *   <li>HTTP Basic: the header {@value #REQUESTED_BY} with any value. Another site cannot add a header to a cross-site
 *       request without a CORS preflight, which Mailferry never allows; and no answer asks the browser for a Basic
 *       login ({@code WWW-Authenticate}), so a browser holds none for this origin anyway.
 * </ul>
 * The session token is ours, not the webapps' {@code XSRF-TOKEN} (whose cookie is limited to {@code /camunda}), so the
 * webapps' own token handling is untouched.
 */
final class CsrfGuard {
    static final String TOKEN_HEADER = "X-XSRF-TOKEN";
    static final String REQUESTED_BY = "X-Requested-By";
    static final String SESSION_TOKEN = CsrfGuard.class.getName() + ".token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfGuard() {}

    static boolean changesState(HttpServletRequest request) {
        return !SAFE.contains(request.getMethod());
    }

    /** Why the state-changing {@code request} is refused, or null when it carries what its kind of login needs. */
    static String problem(HttpServletRequest request, boolean viaSession) {
        if (!viaSession) {
            String requestedBy = request.getHeader(REQUESTED_BY);
            return requestedBy != null && !requestedBy.isBlank()
                    ? null
                    : "A request that changes something needs the header " + REQUESTED_BY + " (any value, e.g. '"
                            + REQUESTED_BY + ": curl') with HTTP Basic";
        }
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(SESSION_TOKEN);
        String sent = request.getHeader(TOKEN_HEADER);
        if (expected == null
                || sent == null
                || !MessageDigest.isEqual(
                        expected.toString().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            return "A request that changes something needs the header " + TOKEN_HEADER
                    + " with the token from GET /api/session (reload the page)";
        }
        return null;
    }

    /** This session's token, created at the first ask. */
    static String token(HttpSession session) {
        synchronized (session) {
            Object token = session.getAttribute(SESSION_TOKEN);
            if (token == null) {
                byte[] random = new byte[32];
                RANDOM.nextBytes(random);
                token = HexFormat.of().formatHex(random);
                session.setAttribute(SESSION_TOKEN, token);
            }
            return token.toString();
        }
    }
}
