package io.mailferry.m365;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for calls to Microsoft: the JVM's own trust store, plus the certificates of
 * {@code mailferry.m365.trust-certificate-file} when set (a test rig's self-signed token server and Graph stand-in).
 * One SSLContext serves msal4j and the Graph client alike.
 */
final class TrustMaterial {
    private TrustMaterial() {}

    /** Empty when no extra certificate is configured: the JVM's defaults then apply unchanged. */
    static Optional<SSLContext> sslContext(Path extraCertificates) {
        if (extraCertificates == null) {
            return Optional.empty();
        }
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int i = 0;
            for (X509Certificate jvm : jvmTrustManager().getAcceptedIssuers()) {
                trusted.setCertificateEntry("jvm-" + i++, jvm);
            }
            int extra = 0;
            for (Certificate certificate : read(extraCertificates)) {
                trusted.setCertificateEntry("extra-" + extra++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return Optional.of(context);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(
                    "Could not build the TLS trust store with mailferry.m365.trust-certificate-file" + " "
                            + extraCertificates + ": " + e.getMessage(),
                    e);
        }
    }

    private static Collection<? extends Certificate> read(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    "mailferry.m365.trust-certificate-file " + file + " does not exist or cannot be read");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("mailferry.m365.trust-certificate-file " + file
                        + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "mailferry.m365.trust-certificate-file " + file + " is not a PEM certificate: " + e.getMessage(),
                    e);
        }
    }

    private static X509TrustManager jvmTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("The JVM has no X.509 trust manager");
    }
}
