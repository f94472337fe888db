package io.mailferry.m365;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Settings, key material and token stand-ins shared by the m365 tests. */
final class M365Fixture {
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "00001111-aaaa-2222-bbbb-3333cccc4444";
    static final String SECRET = "Xyz8Q~never-in-a-message.ABC";

    private M365Fixture() {}

    /** A local HTTPS server with server.p12's certificate, which only server.crt as trust file makes trusted. */
    static WireMockExtension httpsServer() {
        return WireMockExtension.newInstance()
                .options(WireMockConfiguration.wireMockConfig()
                        .httpDisabled(true)
                        .dynamicHttpsPort()
                        .keystorePath(resource("server.p12").toString())
                        .keystoreType("PKCS12")
                        .keystorePassword("changeit")
                        .keyManagerPassword("changeit"))
                .build();
    }

    /** A file of src/test/resources/m365 (see its README). */
    static Path resource(String name) {
        try {
            return Path.of(M365Fixture.class.getResource("/m365/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static M365Properties properties(String graphUrl) {
        return properties(graphUrl, "https://login.microsoftonline.com/", null);
    }

    static M365Properties properties(String graphUrl, String authority, Path trust) {
        return new M365Properties(
                TENANT,
                CLIENT,
                null,
                null,
                SECRET,
                "ENTERPRISEPREMIUM",
                "DE",
                URI.create(authority),
                URI.create(graphUrl),
                "outlook.office365.com",
                993,
                trust,
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                3,
                Duration.ofSeconds(60));
    }

    /** Tokens without Entra ID: {@code token-1}, and {@code token-2}, … each time a fresh one is asked for. */
    static final class CountingTokens extends AccessTokens {
        int fresh;

        CountingTokens(M365Properties properties) {
            super(properties, ClientCredentialFactory.createFromSecret(SECRET), null);
        }

        @Override
        public String graphToken() {
            return "token-" + (fresh + 1);
        }

        @Override
        public String freshGraphToken() {
            fresh++;
            return graphToken();
        }
    }

    /** Records the waits instead of sleeping. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }
}
