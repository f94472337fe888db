package io.mailferry.web;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Neither Camunda's REST API nor ours may be used anonymously: both require HTTP Basic authentication with a
 * Camunda user, the same login as Tasklist and Cockpit. So do the Actuator endpoints (metrics for Prometheus), except
 * the health probes an orchestrator asks without a login.
 */
@Configuration
public class RestSecurityConfiguration {
    static final String ENGINE_REST = "/engine-rest/*";
    static final String[] API = {"/api/*", "/credentials.html", "/mailbox-lists.html"};
    static final String MANAGEMENT = "/actuator/*";
    static final String HEALTH = "/actuator/health";

    @Bean
    public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter(
                ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns(ENGINE_REST);
        return registration;
    }

    /** The pages are included so the browser asks for the login when it opens, not only at the first fetch. */
    @Bean
    public FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService));
        registration.setName("api-authentication");
        registration.addUrlPatterns(API);
        return registration;
    }

    /**
     * Everything under /actuator needs a login, so an endpoint exposed later is not public by mistake; health and its
     * probes are open, and show their details to a signed-in user ({@code show-details: when-authorized}).
     */
    @Bean
    public FilterRegistrationBean<ApiAuthenticationFilter> managementAuthentication(IdentityService identityService) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new ApiAuthenticationFilter(identityService, RestSecurityConfiguration::isHealthProbe));
        registration.setName("management-authentication");
        registration.addUrlPatterns(MANAGEMENT);
        return registration;
    }

    /** The path as the container normalised it to map the filter (no {@code ..}, no {@code ;parameters}). */
    static boolean isHealthProbe(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
    }
}
