package io.mailferry.secrets;

import io.mailferry.text.Fit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Stores secrets encrypted (AES-256-GCM) and hands out opaque references to them. */
@Service
public class SecretStore {
    public static final String PREFIX = "secret:";
    private static final Logger log = LoggerFactory.getLogger(SecretStore.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** mf_secret.label (V1__secrets.sql). */
    private static final int LABEL_WIDTH = 200;

    private final JdbcTemplate jdbc;
    private final SecretKey masterKey;
    private final SecureRandom random = new SecureRandom();

    public SecretStore(JdbcTemplate jdbc, SecretStoreProperties properties) {
        this.jdbc = jdbc;
        this.masterKey = loadOrCreateKey(properties.masterKeyFile());
    }

    /** Encrypts and stores {@code secret}, wipes the caller's array, and returns the reference to pass around. */
    public String store(String label, char[] secret) {
        byte[] plain = toUtf8(secret);
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            String reference = PREFIX + UUID.randomUUID();
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, nonce, reference).doFinal(plain);
            jdbc.update(
                    "INSERT INTO mf_secret (id, label, nonce, ciphertext, created_at) VALUES (?, ?, ?, ?, ?)",
                    reference,
                    Fit.column(label, LABEL_WIDTH),
                    nonce,
                    ciphertext,
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
            plain = cipher(Cipher.DECRYPT_MODE, rows.get(0)[0], reference).doFinal(rows.get(0)[1]);
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

    /** The reference is bound as associated data, so a ciphertext copied onto another row does not decrypt. */
    private Cipher cipher(int mode, byte[] nonce, String reference) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(reference.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** Encodes and wipes {@code secret}. */
    private static byte[] toUtf8(char[] secret) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        Arrays.fill(secret, '\0');
        byte[] result = Arrays.copyOf(bytes.array(), bytes.limit());
        Arrays.fill(bytes.array(), (byte) 0);
        return result;
    }

    private SecretKey loadOrCreateKey(String file) {
        try {
            if (file == null || file.isBlank()) {
                log.warn("mailferry.secrets.master-key-file is not set: secrets are encrypted under an in-memory key "
                        + "and cannot be read after a restart");
                return new SecretKeySpec(randomKey(), "AES");
            }
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                Files.createDirectories(path.toAbsolutePath().getParent());
                try {
                    // owner-only from the first byte: no moment in which the key is readable by others
                    Files.createFile(
                            path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(path);
                    log.warn("Cannot restrict permissions of {} on this file system", path);
                }
                Files.write(path, randomKey());
                log.info("Created a new master key in {}", path);
            }
            byte[] key = Files.readAllBytes(path);
            if (key.length != 32) {
                throw new IllegalStateException("Master key file " + path + " must hold 32 bytes, found " + key.length);
            }
            return new SecretKeySpec(key, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create master key file " + file, e);
        }
    }

    private byte[] randomKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }
}
