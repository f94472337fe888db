package io.mailferry.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's REST API ({@code /engine-rest}, HTTP Basic only) refuses a request that changes something unless it
 * carries {@link CsrfGuard#REQUESTED_BY}: a page on another site cannot deploy a process or complete a task through
 * a browser that holds a login. Runs after the authentication filter, so a request without a login is still a 401.
 */
class EngineRestCsrfFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (CsrfGuard.changesState(request)) {
            String problem = CsrfGuard.problem(request, false);
            if (problem != null) {
                Refusals.refuse(response, HttpServletResponse.SC_FORBIDDEN, problem);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
