package io.mailferry.m365;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.aad.msal4j.IClientCertificate;
import com.microsoft.aad.msal4j.IClientSecret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
