package io.mailferry.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.dns.server.InMemoryDnsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Record;

class TsigKeyFileTest {
    static final String SECRET = DnsChangeServiceTest.SECRET;

    @TempDir
    Path dir;

    @Test
    void readsWhatTsigKeygenWrites() throws IOException {
        TsigKeyFile key = TsigKeyFile.read(write("""
                key "mailferry" {
                \talgorithm hmac-sha256;
                \tsecret "%s";
                };
                """.formatted(SECRET)));

        assertThat(key.keyName()).isEqualTo("mailferry");
        assertThat(key.algorithm()).isEqualTo("hmac-sha256");
        assertThat(key.toString()).doesNotContain(SECRET).contains("mailferry");
    }

    @Test
    void signsUpdatesThatTheServerAccepts() throws IOException {
        TsigKeyFile key = TsigKeyFile.read(write("# made by tsig-keygen\nkey \"mailferry-key\" { algorithm "
                + "hmac-sha256; secret \"" + SECRET + "\"; };\n"));
        try (InMemoryDnsServer server = InMemoryDnsServer.builder("contoso.com")
                .bindAddress(DnsTestSupport.loopback(1))
                .zoneFile(DnsTestSupport.ZONE.formatted("127.0.0.1"))
                .tsigKey("mailferry-key", "hmac-sha256", SECRET)
                .build()
                .start()) {
            DnsChangeService changes = new DnsChangeService(
                    DnsTestSupport.properties(server.port(), Duration.ofSeconds(2), server.hostAndPort()),
                    key,
                    DnsChangeLog.NONE);

            changes.publishTxt("contoso.com", "MS=ms1", 3600);

            assertThat(server.records("contoso.com", "TXT"))
                    .extracting(Record::rdataToString)
                    .contains("\"MS=ms1\"");
        }
    }

    @Test
    void errorsNameTheFileAndLineButNeverTheSecret() throws IOException {
        Path noQuotes = write("key \"k\" {\n algorithm hmac-sha256;\n secret " + SECRET + ";\n};\n");
        assertThatThrownBy(() -> TsigKeyFile.read(noQuotes))
                .hasMessage(noQuotes + " line 3: the secret must be in double quotes, as tsig-keygen writes it");

        Path badBase64 = write("key \"k\" {\n algorithm hmac-sha256;\n secret \"not*base64" + SECRET + "\";\n};\n");
        assertThatThrownBy(() -> TsigKeyFile.read(badBase64))
                .hasMessage(badBase64 + " line 3: the secret is not valid base64");

        Path missingSemicolon = write("key \"k\" {\n algorithm hmac-sha256\n secret \"" + SECRET + "\";\n};\n");
        assertThatThrownBy(() -> TsigKeyFile.read(missingSemicolon))
                .hasMessage(missingSemicolon + " line 3: expected ';' after the algorithm, found 'secret'");

        Path strayToken =
                write("key \"k\" {\n algorithm hmac-sha256;\n secret \"" + SECRET + "\" \"" + SECRET + "\";\n};\n");
        assertThatThrownBy(() -> TsigKeyFile.read(strayToken))
                .hasMessage(strayToken + " line 3: expected ';' after the secret, found a quoted string");

        Path noSecret = write("key \"k\" {\n algorithm hmac-sha256;\n};\n");
        assertThatThrownBy(() -> TsigKeyFile.read(noSecret))
                .hasMessage(noSecret + " line 3: key 'k' has no " + "'secret' line");

        Path badAlgorithm = write("key \"k\" { algorithm hmac-rot13; secret \"" + SECRET + "\"; };");
        assertThatThrownBy(() -> TsigKeyFile.read(badAlgorithm))
                .hasMessageContaining("algorithm 'hmac-rot13' is " + "not a TSIG algorithm");

        assertThatThrownBy(() -> TsigKeyFile.read(dir.resolve("missing.key")))
                .hasMessageStartingWith("Cannot read TSIG key file " + dir.resolve("missing.key"));
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "tsig", ".key");
        Files.writeString(file, text);
        return file;
    }
}
