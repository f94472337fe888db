package io.mailferry.m365;

import io.mailferry.secrets.SecretStore;
import io.mailferry.tenant.MicrosoftTenantCondition;
import javax.net.ssl.SSLContext;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * A real Microsoft 365 tenant, when {@code mailferry.m365.tenant-id} is set (the in-memory tenant steps aside then),
 * and Exchange Online as the IMAP target, signed in to with the app's token (XOAUTH2).
 * The credential and the trust store are read here, so a wrong file stops the start; Microsoft itself is first
 * called by the first tenant operation.
 */
@Configuration
@Conditional(MicrosoftTenantCondition.Configured.class)
@EnableConfigurationProperties(M365Properties.class)
class M365Configuration {
    private final SSLContext sslContext;

    M365Configuration(M365Properties properties) {
        this.sslContext =
                TrustMaterial.sslContext(properties.trustCertificateFile()).orElse(null);
    }

    @Bean
    AccessTokens accessTokens(M365Properties properties, SecretStore secrets) {
        return new AccessTokens(properties, ClientCredentials.from(properties, secrets), sslContext);
    }

    /** Exchange Online becomes the target endpoint, signed in to with XOAUTH2 (see ConfiguredEndpoints). */
    @Bean
    ExchangeOnlineImap exchangeOnlineImap(M365Properties properties, AccessTokens tokens) {
        return new ExchangeOnlineImap(properties, tokens, sslContext);
    }

    @Bean
    ExchangeOnlineLogin exchangeOnlineLogin(M365Properties properties, AccessTokens tokens, ExchangeOnlineImap imap) {
        return new ExchangeOnlineLoginCheck(properties, tokens, imap);
    }

    @Bean
    GraphTenant graphTenant(M365Properties properties, AccessTokens tokens) {
        LoggerFactory.getLogger(M365Configuration.class)
                .info(
                        "Using the Microsoft 365 tenant {} through {} as app {} ({})",
                        properties.tenantId(),
                        properties.graphUrl(),
                        properties.clientId(),
                        properties.clientSecret() == null ? "certificate" : "client secret");
        return new GraphTenant(new GraphClient(properties, tokens, sslContext, Sleeper.THREAD), properties);
    }

    /** The "Connect to Microsoft 365" checks; the XOAUTH2 sign-in is the IMAP side's (absent: the check says so). */
    @Bean
    GraphTenantConnection graphTenantConnection(
            M365Properties properties, AccessTokens tokens, ObjectProvider<ExchangeOnlineLogin> logins) {
        return new GraphTenantConnection(
                properties,
                tokens,
                new GraphClient(properties, tokens, sslContext, Sleeper.THREAD),
                logins::getIfAvailable);
    }
}
