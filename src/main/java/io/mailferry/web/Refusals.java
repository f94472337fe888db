package io.mailferry.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The answers of the filters when they refuse a request: JSON with a message, like the controllers' errors, and never
 * a {@code WWW-Authenticate} challenge — a browser shown one asks for a Basic login and then sends it with every
 * request to this origin, from any site's page.
 */
final class Refusals {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Refusals() {}

    static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), Map.of("message", message));
    }

    static void signInFirst(HttpServletResponse response) throws IOException {
        refuse(
                response,
                HttpServletResponse.SC_UNAUTHORIZED,
                "Sign in first: in Tasklist (/camunda/app/tasklist/) for the pages, or with HTTP Basic for scripts");
    }
}
