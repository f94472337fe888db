package io.mailferry.m365;

/**
 * Entra ID gave Mailferry no token: the message names the tenant, the app, Entra's own error (an {@code AADSTS…}
 * code where there is one) and what to fix. It never holds the secret or a token.
 */
public class M365AuthenticationException extends RuntimeException {
    M365AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
