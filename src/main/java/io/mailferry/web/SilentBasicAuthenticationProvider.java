package io.mailferry.web;

import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * HTTP Basic for {@code /engine-rest} without the {@code WWW-Authenticate} challenge on a 401: a browser that sees the
 * challenge asks for a login and then sends it with every request to this origin, whichever site's page makes it.
 * Scripts send the login with the request and never need the challenge. Public with a no-argument constructor:
 * Camunda's filter creates it by class name.
 */
public class SilentBasicAuthenticationProvider extends HttpBasicAuthenticationProvider {
    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // no challenge, see above
    }
}
