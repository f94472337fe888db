package io.mailferry.tenant;

/**
 * What Mailferry signs in to Microsoft 365 with, in words for the operator's form: the tenant, the Entra app, how the
 * app proves itself (never the secret itself) and the licence it assigns. {@code inMemory}: the demo's stand-ins.
 */
public record ConnectionSettings(
        String tenant, String clientId, String credential, String licenceSku, boolean inMemory) {}
