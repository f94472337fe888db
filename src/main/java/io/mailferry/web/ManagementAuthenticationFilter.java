package io.mailferry.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of {@code /actuator}: any Camunda user, by HTTP Basic (Prometheus) or the webapps' session. Requests
 * {@code anonymousAllowed} accepts pass without a valid login too, as nobody's: with one they carry its user, a wrong
 * one is not refused (a health probe must not fail on a stale password). The caller does not become the engine's
 * user: the gauges count every incident and job, not those the scraper's user may read.
 */
class ManagementAuthenticationFilter extends OncePerRequestFilter {
    private final Callers callers;
    private final Predicate<HttpServletRequest> anonymousAllowed;

    ManagementAuthenticationFilter(Callers callers, Predicate<HttpServletRequest> anonymousAllowed) {
        this.callers = callers;
        this.anonymousAllowed = anonymousAllowed;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = callers.of(request);
        if (caller != null) {
            chain.doFilter(new SignedInRequest(request, caller), response);
        } else if (anonymousAllowed.test(request)) {
            chain.doFilter(request, response);
        } else {
            Refusals.signInFirst(response);
        }
    }
}
