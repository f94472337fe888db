package io.mailferry.m365;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mailferry's credential towards Entra ID, read once at start so a wrong file fails the start rather than the first
 * migration step: a certificate (PEM with its PKCS#8 key, or PFX/PKCS#12 with a password) or a client secret. The
 * errors name the setting and the file, never the secret or the password.
 */
final class ClientCredentials {
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private ClientCredentials() {}

    /** Without a secret store (the contract tests): a client secret is used as given. */
    static IClientCredential from(M365Properties properties) {
        return from(properties, null);
    }

    /**
     * The credential from the configuration, stored in the secret store at start for the tenant only, like every
     * configured password, and taken from there: a client secret (an environment variable) as it is; a certificate
     * file (PEM or PFX) checked, then stored as its certificate chain and unencrypted PKCS#8 key in PEM, encrypted by
     * the store like every secret. The same value is not stored twice across restarts.
     */
    static IClientCredential from(M365Properties properties, SecretStore secrets) {
        if (properties.clientSecret() != null && secrets != null) {
            char[] secret = stored(secrets, properties, "Microsoft 365 app client secret", properties.clientSecret());
            try {
                return ClientCredentialFactory.createFromSecret(new String(secret));
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        if (properties.clientSecret() != null) {
            return ClientCredentialFactory.createFromSecret(properties.clientSecret());
        }
        Path file = properties.clientCertificateFile();
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    "mailferry.m365.client-certificate-file " + file + " does not exist or cannot be read");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        CertificateAndKey pair = name.endsWith(".pfx") || name.endsWith(".p12")
                ? pkcs12(file, properties.clientCertificatePassword())
                : pem(file.toString(), read(file));
        requireMatching(file, pair);
        if (secrets != null) {
            char[] pem = stored(secrets, properties, "Microsoft 365 app certificate and key", pem(pair));
            try {
                pair = pem("the secret store's Microsoft 365 app certificate", new String(pem));
            } finally {
                Arrays.fill(pem, '\0');
            }
        }
        return ClientCredentialFactory.createFromCertificateChain(pair.key(), pair.chain());
    }

    /** {@code value} stored for the tenant (once across restarts) and revealed from the store for it. */
    private static char[] stored(SecretStore secrets, M365Properties properties, String label, String value) {
        Purpose tenant = Purpose.tenant(properties.tenantId());
        String reference = secrets.storeConfigured(tenant, label, value.toCharArray());
        return secrets.reveal(reference, tenant);
    }

    /** The chain and key in the PEM form {@link #pem(String, String)} reads. */
    private static String pem(CertificateAndKey pair) {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate certificate : pair.chain()) {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "The Microsoft 365 app certificate cannot be encoded: " + e.getMessage());
        }
        return pem.append("-----BEGIN PRIVATE KEY-----\n")
                .append(base64.encodeToString(pair.key().getEncoded()))
                .append("\n-----END PRIVATE KEY-----\n")
                .toString();
    }

    private record CertificateAndKey(PrivateKey key, List<X509Certificate> chain) {}

    private static CertificateAndKey pkcs12(Path file, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            for (String alias : Collections.list(store.aliases())) {
                Key key = store.isKeyEntry(alias) ? store.getKey(alias, secret) : null;
                if (key instanceof PrivateKey privateKey) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return new CertificateAndKey(privateKey, chain);
                }
            }
            throw new IllegalArgumentException("mailferry.m365.client-certificate-file " + file
                    + " holds no private key: export the certificate with its private key");
        } catch (IOException e) {
            throw new IllegalArgumentException("mailferry.m365.client-certificate-file " + file
                    + " cannot be opened: check mailferry.m365.client-certificate-password (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("mailferry.m365.client-certificate-file " + file
                    + " is not a usable PFX/PKCS#12 file: " + e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "mailferry.m365.client-certificate-file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** The certificate chain and key of PEM {@code text}; {@code file} names where it came from in errors. */
    private static CertificateAndKey pem(String file, String text) {
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (block.group(1)) {
                case "CERTIFICATE" -> chain.add(certificate(file, der));
                case "PRIVATE KEY" -> key = rsaKey(file, der);
                case "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY" ->
                    throw new IllegalArgumentException(
                            "mailferry.m365.client-certificate-file " + file + " holds a " + block.group(1)
                                    + "; Mailferry reads an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----): convert"
                                    + " it with openssl pkcs8 -topk8 -nocrypt, or use a PFX file with a password");
                default -> {
                    // other blocks (parameters, a CSR) do not matter here
                }
            }
        }
        if (chain.isEmpty() || key == null) {
            throw new IllegalArgumentException("mailferry.m365.client-certificate-file " + file + " must hold the"
                    + " certificate (-----BEGIN CERTIFICATE-----) and its private key (-----BEGIN PRIVATE KEY-----);"
                    + " found " + (chain.isEmpty() ? "no certificate" : "no private key"));
        }
        return new CertificateAndKey(key, chain);
    }

    private static X509Certificate certificate(String file, byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("mailferry.m365.client-certificate-file " + file
                    + ": a certificate cannot be read: " + e.getMessage());
        }
    }

    /** Entra ID signs in apps with RSA certificates only. */
    private static PrivateKey rsaKey(String file, byte[] der) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("mailferry.m365.client-certificate-file " + file
                    + ": the private key is not an RSA key (Entra ID needs an RSA certificate): " + e.getMessage());
        }
    }

    /** A key of another certificate would only show up as AADSTS700027 at the first token request. */
    private static void requireMatching(Path file, CertificateAndKey pair) {
        if (pair.key() instanceof RSAPrivateCrtKey key
                && pair.chain().get(0).getPublicKey() instanceof RSAPublicKey certified
                && !key.getModulus().equals(certified.getModulus())) {
            throw new IllegalArgumentException("mailferry.m365.client-certificate-file " + file
                    + ": the private key does not belong to the certificate "
                    + pair.chain().get(0).getSubjectX500Principal().getName());
        }
    }
}
