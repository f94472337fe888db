package io.mailferry.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Stores secrets encrypted (AES-256-GCM) and hands out opaque references to them. */
@Service
public class SecretStore {
    public static final String PREFIX = "secret:";

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();
    private final MasterKey masterKey;

    /** Refuses (MasterKeyException) a key that cannot read the stored secrets, see {@link MasterKeyGuard}. */
    public SecretStore(JdbcTemplate jdbc, SecretStoreProperties properties) {
        this.jdbc = jdbc;
        this.masterKey = MasterKeyGuard.keyFor(jdbc, properties.masterKeyFile(), random);
    }

    /** The id of this node's master key (never the key itself). */
    public String masterKeyId() {
        return masterKey.id();
    }

    /** Encrypts and stores {@code secret}, wipes the caller's array, and returns the reference to pass around. */
    public String store(String label, char[] secret) {
        byte[] plain = toUtf8(secret);
        try {
            String reference = PREFIX + UUID.randomUUID();
            SecretCipher.Sealed sealed = SecretCipher.seal(masterKey, reference, plain, random);
            jdbc.update(
                    "INSERT INTO mf_secret (id, label, nonce, ciphertext, created_at) VALUES (?, ?, ?, ?, ?)",
                    reference,
                    label,
                    sealed.nonce(),
                    sealed.ciphertext(),
                    Timestamp.from(Instant.now()));
            return reference;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Could not encrypt secret '" + label + "': " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The secret behind {@code reference}; callers should wipe the array once used. */
    public char[] reveal(String reference) {
        var rows = jdbc.query(
                "SELECT nonce, ciphertext FROM mf_secret WHERE id = ?",
                (rs, n) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)},
                reference);
        if (rows.isEmpty()) {
            throw new UnknownSecretException(reference);
        }
        byte[] plain = null;
        try {
            plain = SecretCipher.open(masterKey, reference, rows.get(0)[0], rows.get(0)[1]);
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
            char[] result = Arrays.copyOf(chars.array(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret " + reference
                    + " cannot be decrypted with this master key (was mailferry.secrets.master-key-file changed?)");
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * The reference of an already stored secret with this label and value, if there is one: configured passwords are
     * stored at every start, and must not pile up a copy per restart.
     */
    public java.util.Optional<String> find(String label, char[] secret) {
        byte[] wanted = toUtf8(secret);
        try {
            for (String reference : jdbc.queryForList(
                    "SELECT id FROM mf_secret WHERE label = ? ORDER BY created_at", String.class, label)) {
                char[] stored = reveal(reference);
                byte[] storedBytes = toUtf8(stored);
                boolean same = java.security.MessageDigest.isEqual(wanted, storedBytes);
                Arrays.fill(storedBytes, (byte) 0);
                if (same) {
                    return java.util.Optional.of(reference);
                }
            }
            return java.util.Optional.empty();
        } catch (IllegalStateException otherKey) {
            return java.util.Optional.empty(); // stored under another master key: store it anew
        } finally {
            Arrays.fill(wanted, (byte) 0);
        }
    }

    public boolean exists(String reference) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM mf_secret WHERE id = ?", Integer.class, reference);
        return n != null && n > 0;
    }

    public String label(String reference) {
        var labels = jdbc.queryForList("SELECT label FROM mf_secret WHERE id = ?", String.class, reference);
        if (labels.isEmpty()) {
            throw new UnknownSecretException(reference);
        }
        return labels.get(0);
    }

    /** Encodes and wipes {@code secret}. */
    private static byte[] toUtf8(char[] secret) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        Arrays.fill(secret, '\0');
        byte[] result = Arrays.copyOf(bytes.array(), bytes.limit());
        Arrays.fill(bytes.array(), (byte) 0);
        return result;
    }
}
