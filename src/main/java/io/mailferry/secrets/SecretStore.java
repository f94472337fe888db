package io.mailferry.secrets;

import io.mailferry.text.Fit;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Stores secrets encrypted (AES-256-GCM) and hands out opaque references to them. Each secret is bound to its
 * {@link Purpose} and records who stored it; it is revealed for that purpose only. References work like bearer
 * tokens, so messages and logs show a {@link #fingerprint(String) fingerprint} instead.
 */
@Service
public class SecretStore {
    private static final Logger log = LoggerFactory.getLogger(SecretStore.class);
    public static final String PREFIX = "secret:";
    /** Who stored the secrets that come from application configuration ({@code mailferry.*.password}). */
    public static final String CONFIGURATION = "configuration";
    /** Widths of mf_secret.label (V1__secrets.sql), purpose and stored_by (V16__secret_purpose.sql). */
    private static final int LABEL_WIDTH = 200;

    private static final int STORED_BY_WIDTH = 200;

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

    /**
     * Encrypts and stores {@code secret} for {@code purpose}, wipes the caller's array, and returns the reference to
     * pass around.
     *
     * @param storedBy the signed-in user who gave the secret, or {@link #CONFIGURATION}
     */
    public String store(Purpose purpose, String label, char[] secret, String storedBy) {
        byte[] plain = toUtf8(secret);
        try {
            if (purpose == null) {
                throw new IllegalArgumentException("Say what the secret is for: it is revealed for that use only");
            }
            if (storedBy == null || storedBy.isBlank()) {
                throw new IllegalArgumentException("Only a signed-in user (or the configuration) may store a secret");
            }
            String reference = PREFIX + UUID.randomUUID();
            SecretCipher.Sealed sealed = SecretCipher.seal(masterKey, reference, plain, random);
            jdbc.update(
                    "INSERT INTO mf_secret (id, label, nonce, ciphertext, key_id, created_at, purpose, stored_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    reference,
                    Fit.column(label, LABEL_WIDTH),
                    sealed.nonce(),
                    sealed.ciphertext(),
                    masterKey.id(),
                    Timestamp.from(Instant.now()),
                    purpose.toString(),
                    Fit.column(storedBy.trim(), STORED_BY_WIDTH));
            return reference;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Could not encrypt secret '" + label + "': " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The reference of a password from configuration: the one already stored for {@code purpose} with this value,
     * or a new one. Configured passwords are stored at every start and must not pile up a copy per restart. A secret
     * stored before purposes existed (V16) with this label and value is bound to {@code purpose} instead of copied.
     * Wipes {@code secret}.
     */
    public String storeConfigured(Purpose purpose, String label, char[] secret) {
        try {
            Optional<String> same = sameValue(
                            "purpose = ? AND stored_by = ?", secret, purpose.toString(), CONFIGURATION)
                    .or(() -> sameValue("label = ? AND purpose IS NULL", secret, label)
                            .filter(reference -> adopt(reference, purpose)));
            return same.orElseGet(() -> store(purpose, label, Arrays.copyOf(secret, secret.length), CONFIGURATION));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * Binds a secret stored before secrets had purposes (V16) to {@code purpose}, on the authority of the
     * configuration that names it (e.g. {@code mailferry.dns.update.tsig-secret-ref}). A secret that already has a
     * purpose keeps it; false then.
     */
    public boolean adopt(String reference, Purpose purpose) {
        boolean adopted = jdbc.update(
                        "UPDATE mf_secret SET purpose = ?, stored_by = COALESCE(stored_by, ?) WHERE id = ? AND purpose"
                                + " IS NULL",
                        purpose.toString(),
                        CONFIGURATION,
                        reference)
                == 1;
        if (adopted) {
            log.warn(
                    "Secret {}, stored before secrets were bound to a purpose, is now bound to {} as configured",
                    fingerprint(reference),
                    purpose.describe());
        }
        return adopted;
    }

    /**
     * The secret behind {@code reference}, for {@code use} only; callers should wipe the array once used.
     *
     * @throws UnknownSecretException when nothing is stored under {@code reference} (any more)
     * @throws SecretPurposeException when the secret was stored for another purpose (or before purposes existed)
     */
    public char[] reveal(String reference, Purpose use) {
        var rows = jdbc.query(
                "SELECT key_id, nonce, ciphertext, purpose FROM mf_secret WHERE id = ?",
                (rs, n) -> new StoredSecret(rs.getString(1), rs.getBytes(2), rs.getBytes(3), rs.getString(4)),
                reference);
        if (rows.isEmpty()) {
            throw new UnknownSecretException(reference);
        }
        StoredSecret row = rows.get(0);
        requireFor(reference, row.purpose(), use);
        requireThisKey(reference, row.keyId());
        byte[] plain = null;
        try {
            plain = SecretCipher.open(masterKey, reference, row.nonce(), row.ciphertext());
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
            char[] result = Arrays.copyOf(chars.array(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret " + fingerprint(reference) + " cannot be decrypted with master key"
                    + " id " + masterKey.id() + ": its row was changed or damaged, or stored under another key");
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * Deletes the secret; every later use of its reference fails, naming its fingerprint. False when there was none.
     *
     * @throws IllegalArgumentException for a secret the configuration stored or names, which it would use again
     */
    public boolean delete(String reference) {
        List<String> storedBy =
                jdbc.queryForList("SELECT stored_by FROM mf_secret WHERE id = ?", String.class, reference);
        if (storedBy.isEmpty()) {
            return false;
        }
        if (CONFIGURATION.equals(storedBy.get(0))) {
            throw new IllegalArgumentException("Secret " + fingerprint(reference) + " belongs to the configuration"
                    + " (mailferry.source/target.password, or named by mailferry.dns.update.tsig-secret-ref): change"
                    + " it there and restart, else the next start uses it again");
        }
        return jdbc.update("DELETE FROM mf_secret WHERE id = ?", reference) == 1;
    }

    /**
     * The keys of {@code values} whose value is one of the stored secrets — a password typed into a field that is not
     * for passwords, which would otherwise stay in the process history. Compared in constant time; a row this node
     * cannot open (another key, damaged) is passed over here, since {@link #reveal} reports it where it is used.
     */
    public Set<String> keysHoldingASecret(Map<String, String> values) {
        Map<String, byte[]> candidates = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                candidates.put(key, value.getBytes(StandardCharsets.UTF_8));
            }
        });
        Set<String> holding = new TreeSet<>();
        if (candidates.isEmpty()) {
            return holding;
        }
        for (Row row : jdbc.query(
                "SELECT id, key_id, nonce, ciphertext FROM mf_secret",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4)))) {
            if (row.keyId() != null && !row.keyId().equals(masterKey.id())) {
                continue;
            }
            byte[] stored = null;
            try {
                stored = SecretCipher.open(masterKey, row.reference(), row.nonce(), row.ciphertext());
                for (Map.Entry<String, byte[]> candidate : candidates.entrySet()) {
                    if (MessageDigest.isEqual(candidate.getValue(), stored)) {
                        holding.add(candidate.getKey());
                    }
                }
            } catch (GeneralSecurityException e) {
                log.debug("Secret {} cannot be opened to compare with a form's values", fingerprint(row.reference()));
            } finally {
                if (stored != null) {
                    Arrays.fill(stored, (byte) 0);
                }
            }
        }
        candidates.values().forEach(bytes -> Arrays.fill(bytes, (byte) 0));
        return holding;
    }

    /** What an administrator may see of a stored secret: everything but the secret. */
    public record SecretListing(
            String reference, String fingerprint, String label, String purpose, String storedBy, Instant storedAt) {}

    /** Every stored secret, newest first, without a secret in it. */
    public List<SecretListing> list() {
        return jdbc.query(
                "SELECT id, label, purpose, stored_by, created_at FROM mf_secret ORDER BY created_at DESC, id",
                (rs, n) -> new SecretListing(
                        rs.getString("id"),
                        fingerprint(rs.getString("id")),
                        rs.getString("label"),
                        rs.getString("purpose"),
                        rs.getString("stored_by"),
                        rs.getTimestamp("created_at").toInstant()));
    }

    /** Who stored the secret (a user name, or {@link #CONFIGURATION}); empty when there is none. */
    public Optional<String> storedBy(String reference) {
        return jdbc.queryForList("SELECT stored_by FROM mf_secret WHERE id = ?", String.class, reference).stream()
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .or(() -> exists(reference) ? Optional.of("") : Optional.empty());
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

    /**
     * A short name for {@code reference} that messages and logs may show: {@code secret#} and 8 hex digits of its
     * SHA-256. It tells two secrets apart and matches the reference an operator holds, but cannot be used as one.
     */
    public static String fingerprint(String reference) {
        if (reference == null) {
            return "secret#none";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(reference.getBytes(StandardCharsets.UTF_8));
            return "secret#" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A secret stored by a node with another key file since this one started cannot be read here. */
    private void requireThisKey(String reference, String keyId) {
        if (keyId != null && !keyId.equals(masterKey.id())) {
            throw new MasterKeyException("Secret " + fingerprint(reference) + " was stored under master key id "
                    + keyId + ", but this node's key has id " + masterKey.id()
                    + ": every node of a cluster must use the same key file content");
        }
    }

    private void requireFor(String reference, String stored, Purpose use) {
        Purpose purpose = stored == null ? null : Purpose.parse(stored);
        if (purpose != null && purpose.allows(use)) {
            return;
        }
        log.warn(
                "Refused to reveal secret {} for {}: it is {}",
                fingerprint(reference),
                use == null ? "an unnamed use" : use.describe(),
                purpose == null ? "stored before secrets had purposes" : "for " + purpose.describe());
        throw new SecretPurposeException(fingerprint(reference), purpose, use);
    }

    /** The first of the rows {@code where} selects that holds {@code wanted}; does not wipe {@code wanted}. */
    private Optional<String> sameValue(String where, char[] wanted, Object... arguments) {
        byte[] wantedBytes = toUtf8(Arrays.copyOf(wanted, wanted.length));
        try {
            for (Row row : jdbc.query(
                    "SELECT id, key_id, nonce, ciphertext FROM mf_secret WHERE " + where + " ORDER BY created_at",
                    (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4)),
                    arguments)) {
                requireThisKey(row.reference(), row.keyId());
                byte[] stored = null;
                try {
                    stored = SecretCipher.open(masterKey, row.reference(), row.nonce(), row.ciphertext());
                    if (MessageDigest.isEqual(wantedBytes, stored)) {
                        return Optional.of(row.reference());
                    }
                } catch (GeneralSecurityException e) {
                    // storing anew would hide a wrong key until an operator-stored secret is needed
                    throw new IllegalStateException("Secret " + fingerprint(row.reference()) + " cannot be decrypted"
                            + " with master key id " + masterKey.id() + ": its row was changed or damaged");
                } finally {
                    if (stored != null) {
                        Arrays.fill(stored, (byte) 0);
                    }
                }
            }
            return Optional.empty();
        } finally {
            Arrays.fill(wantedBytes, (byte) 0);
        }
    }

    private record Row(String reference, String keyId, byte[] nonce, byte[] ciphertext) {}

    private record StoredSecret(String keyId, byte[] nonce, byte[] ciphertext, String purpose) {}

    /** Encodes and wipes {@code secret}. */
    private static byte[] toUtf8(char[] secret) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        Arrays.fill(secret, '\0');
        byte[] result = Arrays.copyOf(bytes.array(), bytes.limit());
        Arrays.fill(bytes.array(), (byte) 0);
        return result;
    }
}
