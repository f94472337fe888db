package io.mailferry.access;

import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * Camunda's database identity provider with our sign-in throttle instead of Camunda's lock. Every password check of
 * the engine goes through here — the webapps' login form, HTTP Basic on {@code /engine-rest}, {@code /api} and
 * {@code /actuator}, {@code /engine-rest/identity/verify} — so one throttle covers every door. Camunda's own lock
 * (per user, permanent after {@code loginMaxAttempts}) is neither consulted nor set: anyone who can reach the port could
 * otherwise lock every operator and the only administrator for good.
 */
class ThrottledIdentityProvider extends DbIdentityServiceProvider {
    private final LoginThrottle throttle;

    ThrottledIdentityProvider(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        if (userId == null || password == null) {
            return false;
        }
        String address = LoginSource.current();
        if (throttle.lockedUntil(address, userId) != null) {
            return false; // not even checked: a locked pair learns nothing, right password or wrong
        }
        UserEntity user = findUserById(userId);
        boolean matches = user != null && matchPassword(password, user);
        if (matches) {
            throttle.succeeded(address, userId);
        } else {
            throttle.failed(address, userId);
        }
        return matches;
    }
}
