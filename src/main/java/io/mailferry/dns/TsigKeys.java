package io.mailferry.dns;

import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretPurposeException;
import io.mailferry.secrets.SecretStore;
import io.mailferry.secrets.UnknownSecretException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * Builds the TSIG key for one update from the secret store, where it is stored for this key name only
 * ({@code tsig:<key name>}). The key is fetched for each update and the plaintext wiped right away, so it lives in
 * memory only as long as dnsjava's MAC needs it.
 */
final class TsigKeys {
    private TsigKeys() {}

    /** Null when no secret is configured: updates then go unsigned, which a server may allow by address. */
    static TSIG load(DnsProperties.DynamicUpdate config, SecretStore secrets) {
        if (!config.signed()) {
            return null;
        }
        if (config.tsigKeyName() == null || config.tsigKeyName().isBlank()) {
            throw new DnsChangeException("mailferry.dns.update.tsig-secret-ref is set but tsig-key-name is not: "
                    + "the DNS server finds the key by its name, so set it to the name in the server's key file");
        }
        Name algorithm = algorithm(config.tsigAlgorithm());
        Name keyName = ServerAddresses.absolute(config.tsigKeyName());
        char[] secret;
        Purpose purpose = Purpose.tsigKey(config.tsigKeyName());
        try {
            // a secret stored before purposes is this key's because the configuration names it for this key
            secrets.adopt(config.tsigSecretRef(), purpose);
            secret = secrets.reveal(config.tsigSecretRef(), purpose);
        } catch (UnknownSecretException | SecretPurposeException e) {
            throw new DnsChangeException("TSIG key '" + config.tsigKeyName() + "': " + e.getMessage());
        }
        byte[] key = decodeBase64(secret, config);
        try {
            return new TSIG(algorithm, keyName, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static Name algorithm(String algorithm) {
        try {
            return TSIG.algorithmToName(algorithm);
        } catch (IllegalArgumentException e) {
            throw new DnsChangeException("mailferry.dns.update.tsig-algorithm '" + algorithm
                    + "' is not a TSIG algorithm; use the one in the server's key file, e.g. hmac-sha256");
        }
    }

    /** Decodes without making a String of the secret, which could not be wiped. */
    private static byte[] decodeBase64(char[] secret, DnsProperties.DynamicUpdate config) {
        byte[] ascii = new byte[secret.length];
        for (int i = 0; i < secret.length; i++) {
            ascii[i] = (byte) secret[i];
        }
        Arrays.fill(secret, '\0');
        try {
            ByteBuffer decoded = Base64.getMimeDecoder().decode(ByteBuffer.wrap(ascii));
            byte[] key = new byte[decoded.remaining()];
            decoded.get(key);
            if (decoded.hasArray()) {
                Arrays.fill(decoded.array(), (byte) 0);
            }
            if (key.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new DnsChangeException("The TSIG secret stored under mailferry.dns.update.tsig-secret-ref ("
                    + SecretStore.fingerprint(config.tsigSecretRef()) + ") for key '"
                    + config.tsigKeyName() + "' is not base64: store the value of 'secret' from the server's key file");
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }
}
