package io.mailferry.web;

import io.mailferry.access.MailferryGroups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of {@code /api}: a Camunda user (HTTP Basic, or the webapps' session) in {@code migration-operators} or
 * {@code camunda-admin}, and for a request that changes something the {@link CsrfGuard} header; everything else is
 * refused before any of the request is read. Which of the two groups an endpoint needs is {@link GroupCheck}'s
 * business. The caller is the request's remote user and the engine's authenticated user while the request runs.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {
    private final Callers callers;
    private final IdentityService identity;

    ApiAuthenticationFilter(Callers callers, IdentityService identity) {
        this.callers = callers;
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = callers.of(request);
        if (caller == null) {
            Refusals.signInFirst(response);
            return;
        }
        if (!caller.isOperator() && !caller.isAdmin()) {
            Refusals.refuse(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    "User '" + caller.user() + "' is in neither " + MailferryGroups.OPERATORS + " nor "
                            + MailferryGroups.ADMINS + "; an administrator adds operators to "
                            + MailferryGroups.OPERATORS);
            return;
        }
        if (CsrfGuard.changesState(request)) {
            String problem = CsrfGuard.problem(request, caller.viaSession());
            if (problem != null) {
                Refusals.refuse(response, HttpServletResponse.SC_FORBIDDEN, problem);
                return;
            }
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        identity.setAuthentication(caller.user(), caller.groups());
        try {
            chain.doFilter(new SignedInRequest(request, caller), response);
        } finally {
            identity.clearAuthentication();
        }
    }
}
