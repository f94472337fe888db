package io.mailferry.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that encrypts every stored secret, and its id. The id is derived from the key (the first 8 bytes
 * of HMAC-SHA256(key, "mailferry key id"), hex) so it can be stored, logged and compared between nodes without
 * revealing anything about the key; {@link #toString()} shows the id only.
 */
public final class MasterKey {
    public static final int BYTES = 32;
    private static final byte[] ID_LABEL = "mailferry key id".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey key;
    private final String id;

    private MasterKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
        this.id = deriveId(bytes);
    }

    /** A key over a copy of {@code bytes}; the caller wipes its array. */
    static MasterKey of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("A master key has " + BYTES + " bytes, not " + bytes.length);
        }
        return new MasterKey(bytes);
    }

    static MasterKey random(SecureRandom random) {
        byte[] bytes = randomBytes(random);
        try {
            return new MasterKey(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    static byte[] randomBytes(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Sixteen hex digits naming this key, stored with each secret it encrypts. */
    public String id() {
        return id;
    }

    SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "master key " + id;
    }

    private static String deriveId(byte[] bytes) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(bytes, "HmacSHA256"));
            return HexFormat.of().formatHex(hmac.doFinal(ID_LABEL), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "HmacSHA256 is not available: " + e.getClass().getSimpleName());
        }
    }
}
