package io.mailferry.access;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/** Puts {@link ThrottledIdentityProvider} in place of Camunda's identity provider (the starter applies every plugin). */
@Component
class LoginThrottlePlugin extends AbstractProcessEnginePlugin {
    private final LoginThrottle throttle;

    LoginThrottlePlugin(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return ThrottledIdentityProvider.class; // writable: user and group management keep working
            }

            @Override
            public Session openSession() {
                return new ThrottledIdentityProvider(throttle);
            }
        });
    }
}
