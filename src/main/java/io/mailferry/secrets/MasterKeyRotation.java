package io.mailferry.secrets;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-encrypts every stored secret under a new master key in one database transaction: afterwards every row carries
 * the new key's id, or (on any failure) nothing has changed and every secret still decrypts under the old key. Plain
 * JDBC, so that the command line can run it without the application; the application's nodes must be stopped,
 * since a node keeps the key it started with.
 */
public final class MasterKeyRotation {
    private final SecureRandom random = new SecureRandom();

    /** What a rotation did: rows re-encrypted now, and rows that already were under the new key. */
    public record Outcome(int reEncrypted, int alreadyUnderNewKey) {}

    private record Row(String reference, String keyId, byte[] nonce, byte[] ciphertext) {}

    /**
     * Rows under the old key's id, and rows from before key ids, are re-encrypted (fresh nonce, the reference still
     * bound as associated data). A row under any third key id, or one the old key does not decrypt, refuses the
     * whole rotation. Runs in its own transaction on {@code connection} and restores its auto-commit mode.
     */
    public Outcome rotate(Connection connection, MasterKey oldKey, MasterKey newKey) throws SQLException {
        if (oldKey.id().equals(newKey.id())) {
            throw new MasterKeyException("The new key is the old key (key id " + oldKey.id() + ")");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<Row> rows = lockAll(connection);
            requireNoThirdKey(rows, oldKey, newKey);
            int reEncrypted = 0;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE mf_secret SET nonce = ?, ciphertext = ?, key_id = ? WHERE id = ?")) {
                for (Row row : rows) {
                    if (newKey.id().equals(row.keyId())) {
                        continue;
                    }
                    SecretCipher.Sealed sealed = reEncrypt(row, oldKey, newKey);
                    update.setBytes(1, sealed.nonce());
                    update.setBytes(2, sealed.ciphertext());
                    update.setString(3, newKey.id());
                    update.setString(4, row.reference());
                    if (update.executeUpdate() != 1) {
                        throw new MasterKeyException(
                                "Secret " + SecretStore.fingerprint(row.reference()) + " vanished while rotating");
                    }
                    reEncrypted++;
                }
            }
            requireNothingStoredMeanwhile(connection, newKey);
            connection.commit();
            return new Outcome(reEncrypted, rows.size() - reEncrypted);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Every row, locked against other writers until commit. */
    private static List<Row> lockAll(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, key_id, nonce, ciphertext FROM mf_secret ORDER BY id FOR UPDATE");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4)));
            }
        }
        return rows;
    }

    private static void requireNoThirdKey(List<Row> rows, MasterKey oldKey, MasterKey newKey) {
        Map<String, Integer> others = new TreeMap<>();
        for (Row row : rows) {
            if (row.keyId() != null
                    && !row.keyId().equals(oldKey.id())
                    && !row.keyId().equals(newKey.id())) {
                others.merge(row.keyId(), 1, Integer::sum);
            }
        }
        if (!others.isEmpty()) {
            throw new MasterKeyException("The old key file (key id " + oldKey.id() + ") is not the key the secrets "
                    + "are stored under: " + MasterKeyGuard.describe(others) + ". Nothing was changed.");
        }
    }

    private SecretCipher.Sealed reEncrypt(Row row, MasterKey oldKey, MasterKey newKey) {
        byte[] plain = null;
        try {
            plain = SecretCipher.open(oldKey, row.reference(), row.nonce(), row.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new MasterKeyException("Secret " + SecretStore.fingerprint(row.reference()) + " ("
                    + (row.keyId() == null ? "stored before key ids" : "under key id " + row.keyId())
                    + ") does not decrypt with the old key (key id " + oldKey.id() + "): is it the key the secrets "
                    + "were stored under? Nothing was changed.");
        }
        try {
            return SecretCipher.seal(newKey, row.reference(), plain, random);
        } catch (GeneralSecurityException e) {
            throw new MasterKeyException("Cannot encrypt secret " + SecretStore.fingerprint(row.reference())
                    + " under the new key: " + e.getClass().getSimpleName() + ". Nothing was changed.");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** A node still running stores under its old key; committing now would strand that secret, so refuse. */
    private static void requireNothingStoredMeanwhile(Connection connection, MasterKey newKey) throws SQLException {
        try (PreparedStatement count =
                connection.prepareStatement("SELECT COUNT(*) FROM mf_secret WHERE key_id IS NULL OR key_id <> ?")) {
            count.setString(1, newKey.id());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                int stranded = rs.getInt(1);
                if (stranded > 0) {
                    throw new MasterKeyException(stranded + " secrets were stored while rotating (is a node still "
                            + "running?). Nothing was changed: stop every node and rotate again.");
                }
            }
        }
    }
}
