package io.mailferry.dns;

import io.mailferry.secrets.SecretStore;
import org.xbill.DNS.TSIG;

/**
 * Where the TSIG key for an update comes from: the secret store in the application, a key file in the command
 * line tool. The key is built for each update, so a source can wipe its plaintext right after.
 */
public interface TsigKeySource {
    /** Unsigned updates: a server may allow them by address. */
    TsigKeySource NONE = new TsigKeySource() {
        @Override
        public TSIG key() {
            return null;
        }

        @Override
        public String keyName() {
            return null;
        }

        @Override
        public String secretOrigin() {
            return "no TSIG key configured";
        }
    };

    /** The key to sign with, or null to send unsigned. */
    TSIG key();

    /** The key's name as the server knows it (for messages), or null when updates are unsigned. */
    String keyName();

    /**
     * Where the secret comes from, phrased so an operator knows what to fix, e.g. {@code the secret stored under
     * mailferry.dns.update.tsig-secret-ref}. Never the secret itself.
     */
    String secretOrigin();

    /** The application's source: {@code mailferry.dns.update.tsig-*} with the secret in the secret store. */
    static TsigKeySource fromSecretStore(DnsProperties.DynamicUpdate config, SecretStore secrets) {
        if (!config.signed()) {
            return NONE;
        }
        return new TsigKeySource() {
            @Override
            public TSIG key() {
                return TsigKeys.load(config, secrets);
            }

            @Override
            public String keyName() {
                return config.tsigKeyName() == null ? null : ServerAddresses.bare(config.tsigKeyName());
            }

            @Override
            public String secretOrigin() {
                return "the stored secret (mailferry.dns.update.tsig-secret-ref); check mailferry.dns.update."
                        + "tsig-key-name and tsig-algorithm too";
            }
        };
    }
}
