package io.mailferry.web;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The doors besides the webapps' own login. Camunda's REST API takes HTTP Basic and, for a request that changes
 * something, the {@link CsrfGuard#REQUESTED_BY} header; what a user may do there is Camunda's authorization. Our
 * {@code /api} takes HTTP Basic or the webapps' session, a Mailferry group and the {@link CsrfGuard} header, and
 * {@link GroupCheck} decides per endpoint. The Actuator endpoints (metrics for Prometheus) take any Camunda user,
 * except the health probes an orchestrator asks without a login. No answer carries a Basic challenge. The pages
 * ({@code /credentials.html}, {@code /mailbox-lists.html}) hold no data and are open; they call {@code /api} with
 * the session of Tasklist's login.
 */
@Configuration
public class RestSecurityConfiguration {
    static final String ENGINE_REST = "/engine-rest/*";
    static final String API = "/api/*";
    static final String MANAGEMENT = "/actuator/*";
    static final String HEALTH = "/actuator/health";
    /** After Spring's request context filter (which {@code LoginSource} reads), before the servlets. */
    private static final int AUTHENTICATION_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    @Bean
    Callers callers(
            IdentityService identityService,
            @Value("${camunda.bpm.process-engine-name:default}") String processEngineName) {
        return new Callers(identityService, processEngineName);
    }

    @Bean
    public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter(
                ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SilentBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns(ENGINE_REST);
        registration.setOrder(AUTHENTICATION_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EngineRestCsrfFilter> engineRestCsrf() {
        FilterRegistrationBean<EngineRestCsrfFilter> registration =
                new FilterRegistrationBean<>(new EngineRestCsrfFilter());
        registration.setName("engine-rest-csrf");
        registration.addUrlPatterns(ENGINE_REST);
        registration.setOrder(AUTHENTICATION_ORDER + 1);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(
            Callers callers, IdentityService identityService) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthenticationFilter(callers, identityService));
        registration.setName("api-authentication");
        registration.addUrlPatterns(API);
        registration.setOrder(AUTHENTICATION_ORDER);
        return registration;
    }

    /**
     * Everything under /actuator needs a login, so an endpoint exposed later is not public by mistake; health and its
     * probes are open, and show their details to a signed-in user ({@code show-details: when-authorized}).
     */
    @Bean
    FilterRegistrationBean<ManagementAuthenticationFilter> managementAuthentication(Callers callers) {
        FilterRegistrationBean<ManagementAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new ManagementAuthenticationFilter(callers, RestSecurityConfiguration::isHealthProbe));
        registration.setName("management-authentication");
        registration.addUrlPatterns(MANAGEMENT);
        registration.setOrder(AUTHENTICATION_ORDER);
        return registration;
    }

    @Bean
    WebMvcConfigurer apiGroupCheck() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new GroupCheck()).addPathPatterns("/api/**");
            }
        };
    }

    /** The path as the container normalised it to map the filter (no {@code ..}, no {@code ;parameters}). */
    static boolean isHealthProbe(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
    }
}
