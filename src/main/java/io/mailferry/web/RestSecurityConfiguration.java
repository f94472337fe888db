package io.mailferry.web;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Neither Camunda's REST API nor ours may be used anonymously: both require HTTP Basic authentication with a
 * Camunda user, the same login as Tasklist and Cockpit.
 */
@Configuration
public class RestSecurityConfiguration {
    static final String ENGINE_REST = "/engine-rest/*";
    static final String[] API = {"/api/*", "/credentials.html", "/mailbox-lists.html"};

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
}
