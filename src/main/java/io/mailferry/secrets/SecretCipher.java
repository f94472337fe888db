package io.mailferry.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for one stored secret. The reference ({@code secret:…}) is bound as associated data, so a ciphertext
 * copied onto another row does not decrypt there; a fresh random nonce is drawn for every encryption.
 */
final class SecretCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private SecretCipher() {}

    record Sealed(byte[] nonce, byte[] ciphertext) {}

    static Sealed seal(MasterKey key, String reference, byte[] plain, SecureRandom random)
            throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new Sealed(
                nonce, cipher(Cipher.ENCRYPT_MODE, key, nonce, reference).doFinal(plain));
    }

    /** The plaintext; fails (AEADBadTagException) under another key, for another reference or when tampered with. */
    static byte[] open(MasterKey key, String reference, byte[] nonce, byte[] ciphertext)
            throws GeneralSecurityException {
        return cipher(Cipher.DECRYPT_MODE, key, nonce, reference).doFinal(ciphertext);
    }

    private static Cipher cipher(int mode, MasterKey key, byte[] nonce, String reference)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(reference.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
