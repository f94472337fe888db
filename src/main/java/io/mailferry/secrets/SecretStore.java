package io.mailferry.secrets;

import io.mailferry.text.Fit;
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
    /** mf_secret.label (V1__secrets.sql). */
    private static final int LABEL_WIDTH = 200;

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
                    "INSERT INTO mf_secret (id, label, nonce, ciphertext, key_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    reference,
                    Fit.column(label, LABEL_WIDTH),
                    sealed.nonce(),
                    sealed.ciphertext(),
                    masterKey.id(),
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
                "SELECT key_id, nonce, ciphertext FROM mf_secret WHERE id = ?",
                (rs, n) -> new StoredSecret(rs.getString(1), rs.getBytes(2), rs.getBytes(3)),
                reference);
        if (rows.isEmpty()) {
            throw new UnknownSecretException(reference);
        }
        StoredSecret row = rows.get(0);
        if (row.keyId() != null && !row.keyId().equals(masterKey.id())) {
            // stored by a node with another key file since this one started
            throw new MasterKeyException("Secret " + reference + " was stored under master key id " + row.keyId()
                    + ", but this node's key has id " + masterKey.id()
                    + ": every node of a cluster must use the same key file content");
        }
        byte[] plain = null;
        try {
            plain = SecretCipher.open(masterKey, reference, row.nonce(), row.ciphertext());
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
            char[] result = Arrays.copyOf(chars.array(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret " + reference + " cannot be decrypted with master key id "
                    + masterKey.id() + ": its row was changed or damaged, or stored under another key");
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * The reference of an already stored secret with this label and value, if there is one: configured passwords are
     * stored at every start, and must not pile up a copy per restart. A stored secret that does not decrypt is an
     * error here as anywhere: storing it anew would hide a wrong key until an operator-stored secret is needed.
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

    private record StoredSecret(String keyId, byte[] nonce, byte[] ciphertext) {}

    /** Encodes and wipes {@code secret}. */
    private static byte[] toUtf8(char[] secret) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        Arrays.fill(secret, '\0');
        byte[] result = Arrays.copyOf(bytes.array(), bytes.limit());
        Arrays.fill(bytes.array(), (byte) 0);
        return result;
    }
}
