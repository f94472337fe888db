package io.mailferry.web;

import io.mailferry.access.MailferryGroups;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Which group an {@code /api} endpoint needs: {@code camunda-admin} may call all of them, {@code migration-operators}
 * those marked {@link OperatorsAllowed}. The caller comes from {@link ApiAuthenticationFilter}; a request without one
 * is refused.
 */
class GroupCheck implements HandlerInterceptor {
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true; // not a controller: a static resource, or "not found"
        }
        if (!(request.getAttribute(Caller.ATTRIBUTE) instanceof Caller caller)) {
            Refusals.signInFirst(response);
            return false;
        }
        boolean forOperators = method.hasMethodAnnotation(OperatorsAllowed.class)
                || method.getBeanType().isAnnotationPresent(OperatorsAllowed.class);
        if (caller.isAdmin() || (forOperators && caller.isOperator())) {
            return true;
        }
        Refusals.refuse(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                request.getMethod() + " " + request.getRequestURI() + " is for " + MailferryGroups.ADMINS
                        + " only; user '" + caller.user() + "' is not a member");
        return false;
    }
}
