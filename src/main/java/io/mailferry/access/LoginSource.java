package io.mailferry.access;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where the sign-in being checked comes from: the client address of the HTTP request this thread serves (Spring's
 * request context covers every servlet, Camunda's webapps and REST API included). Behind a reverse proxy that is the
 * proxy, unless {@code server.forward-headers-strategy} lets Tomcat take the client from {@code X-Forwarded-For} (see
 * docs/operations.md). A check outside any request (the CLI, a test) comes from {@link #LOCAL}.
 */
final class LoginSource {
    static final String LOCAL = "local";

    private LoginSource() {}

    static String current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            String address = servlet.getRequest().getRemoteAddr();
            if (address != null && !address.isBlank()) {
                return address;
            }
        }
        return LOCAL;
    }
}
