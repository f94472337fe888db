package io.mailferry.m365;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.aad.msal4j.IClientCertificate;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IClientSecret;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretPurposeException;
import io.mailferry.secrets.SecretStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class ClientCredentialsTest {
    @TempDir
    Path dir;

    private static M365Properties withCertificate(Path file, String password) {
        return new M365Properties(
                M365Fixture.TENANT,
                M365Fixture.CLIENT,
                file,
                password,
                null,
                null,
                null,
                URI.create("https://login.microsoftonline.com/"),
                URI.create("https://graph.microsoft.com/v1.0"),
                "outlook.office365.com",
                993,
                null,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                4,
                Duration.ofSeconds(60));
    }

    @Test
    void aClientSecretIsUsedAsItIs() {
        assertThat(ClientCredentials.from(M365Fixture.properties("https://graph.microsoft.com/v1.0")))
                .isInstanceOf(IClientSecret.class)
                .satisfies(c -> assertThat(((IClientSecret) c).clientSecret()).isEqualTo(M365Fixture.SECRET));
    }

    @Test
    void aConfiguredClientSecretIsKeptInTheSecretStoreForTheTenantOnlyAndOnce() {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.migrated());
        SecretStore secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        M365Properties properties = M365Fixture.properties("https://graph.microsoft.com/v1.0");

        IClientCredential first = ClientCredentials.from(properties, secrets);
        ClientCredentials.from(properties, secrets); // the next start

        assertThat(((IClientSecret) first).clientSecret()).isEqualTo(M365Fixture.SECRET);
        assertThat(secrets.list()).singleElement().satisfies(stored -> {
            assertThat(stored.purpose()).isEqualTo("tenant:" + properties.tenantId());
            assertThat(stored.storedBy()).isEqualTo(SecretStore.CONFIGURATION);
        });
        String reference = secrets.list().get(0).reference();
        assertThatThrownBy(() -> secrets.reveal(reference, Purpose.imapLogin("graph.microsoft.com", 443)))
                .isInstanceOf(SecretPurposeException.class);
        assertThat(jdbc.queryForList("SELECT label FROM mf_secret", String.class))
                .singleElement()
                .asString()
                .doesNotContain(M365Fixture.SECRET);
    }

    @Test
    void aConfiguredCertificateIsKeptInTheSecretStoreForTheTenantOnlyAndOnce() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.migrated());
        SecretStore secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        M365Properties pem = withCertificate(M365Fixture.resource("client.pem"), null);

        IClientCertificate first = (IClientCertificate) ClientCredentials.from(pem, secrets);
        ClientCredentials.from(pem, secrets); // the next start
        // the same certificate exported as PFX is the same secret
        ClientCredentials.from(withCertificate(M365Fixture.resource("client.pfx"), "pfx-password"), secrets);

        assertThat(first.publicCertificateHash())
                .isEqualTo(((IClientCertificate) ClientCredentials.from(pem)).publicCertificateHash());
        assertThat(secrets.list()).singleElement().satisfies(stored -> {
            assertThat(stored.purpose()).isEqualTo("tenant:" + pem.tenantId());
            assertThat(stored.storedBy()).isEqualTo(SecretStore.CONFIGURATION);
        });
        String reference = secrets.list().get(0).reference();
        char[] kept = secrets.reveal(reference, Purpose.tenant(pem.tenantId()));
        assertThat(new String(kept)).contains("-----BEGIN CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----");
        assertThatThrownBy(() -> secrets.reveal(reference, Purpose.imapLogin("outlook.office365.com", 993)))
                .isInstanceOf(SecretPurposeException.class);
        byte[] atRest = jdbc.queryForObject("SELECT ciphertext FROM mf_secret", byte[].class);
        assertThat(new String(atRest, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("encrypted at rest")
                .doesNotContain("PRIVATE KEY")
                .doesNotContain("CERTIFICATE");
    }

    @Test
    void aPemWithCertificateAndKeyAndAPfxWithItsPasswordGiveTheSameCertificate() throws Exception {
        IClientCertificate pem =
                (IClientCertificate) ClientCredentials.from(withCertificate(M365Fixture.resource("client.pem"), null));
        IClientCertificate pfx = (IClientCertificate)
                ClientCredentials.from(withCertificate(M365Fixture.resource("client.pfx"), "pfx-password"));

        assertThat(pem.publicCertificateHash()).isEqualTo(pfx.publicCertificateHash());
        assertThat(pem.privateKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void aWrongPfxPasswordNamesTheSettingButNotThePassword() {
        assertThatThrownBy(() -> ClientCredentials.from(withCertificate(M365Fixture.resource("client.pfx"), "guessed")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client.pfx")
                .hasMessageContaining("mailferry.m365.client-certificate-password")
                .hasMessageNotContaining("guessed");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAtStartNotAtTheFirstToken() {
        assertThatThrownBy(() -> ClientCredentials.from(withCertificate(M365Fixture.resource("mismatched.pem"), null)))
                .hasMessageContaining("does not belong to the certificate CN=mailferry-test-app");
    }

    @Test
    void aPemWithoutKeyOrWithAnUnsupportedKeySaysWhatToDo() throws Exception {
        Path certificateOnly = Files.copy(M365Fixture.resource("client.crt"), dir.resolve("only.pem"));
        Path pkcs1 = dir.resolve("pkcs1.pem");
        Files.writeString(
                pkcs1,
                Files.readString(M365Fixture.resource("client.crt"))
                        + "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> ClientCredentials.from(withCertificate(certificateOnly, null)))
                .hasMessageContaining("found no private key");
        assertThatThrownBy(() -> ClientCredentials.from(withCertificate(pkcs1, null)))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> ClientCredentials.from(withCertificate(dir.resolve("missing.pem"), null)))
                .hasMessageContaining("missing.pem does not exist");
    }
}
