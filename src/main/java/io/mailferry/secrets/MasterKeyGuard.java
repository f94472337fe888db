package io.mailferry.secrets;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Decides at start which master key this node uses, and refuses to start rather than use one that cannot read the
 * stored secrets: a new key is made only while {@code mf_secret} is empty, and every stored secret must carry this
 * key's id (rows from before key ids get it here, once this key is shown to decrypt them).
 */
final class MasterKeyGuard {
    private static final Logger log = LoggerFactory.getLogger(MasterKeyGuard.class);
    static final String PROPERTY = "mailferry.secrets.master-key-file";

    private MasterKeyGuard() {}

    static MasterKey keyFor(JdbcTemplate jdbc, String keyFile, SecureRandom random) {
        int stored = jdbc.queryForObject("SELECT COUNT(*) FROM mf_secret", Integer.class);
        if (keyFile == null || keyFile.isBlank()) {
            return inMemoryKey(jdbc, stored, random);
        }
        Path path = Path.of(keyFile).toAbsolutePath();
        MasterKey key;
        if (!MasterKeyFile.absent(path)) {
            key = MasterKeyFile.read(path);
        } else if (stored > 0) {
            throw new MasterKeyException("Master key file " + path + " (" + PROPERTY + ") does not exist, but "
                    + describe(storedByKeyId(jdbc)) + ": they need the key that encrypted them, and a new key "
                    + "would not read them. Restore that key file (is its volume mounted? is the path right?); "
                    + "every node must use the same key file content.");
        } else {
            key = MasterKeyFile.create(path, random);
        }
        requireStoredUnder(jdbc, key, path);
        return key;
    }

    /** Only for a database that dies with the process (the demo): anything else would outlive the key. */
    private static MasterKey inMemoryKey(JdbcTemplate jdbc, int stored, SecureRandom random) {
        if (stored > 0) {
            throw new MasterKeyException(PROPERTY + " is not set, but " + describe(storedByKeyId(jdbc))
                    + ": they need the key that encrypted them. Set " + PROPERTY + " to that key's file.");
        }
        if (!inMemoryDatabase(jdbc)) {
            throw new MasterKeyException(PROPERTY + " is not set, and the database keeps its data: secrets "
                    + "stored under a key that lives in memory only could not be read after a restart. Set "
                    + PROPERTY + " to a file on persistent storage (it is created, owner-only, when missing).");
        }
        log.warn(
                "{} is not set: secrets are encrypted under an in-memory key, which suits the in-memory database"
                        + " and nothing else",
                PROPERTY);
        return MasterKey.random(random);
    }

    private static void requireStoredUnder(JdbcTemplate jdbc, MasterKey key, Path file) {
        Map<String, Integer> others = storedByKeyId(jdbc);
        others.remove(key.id());
        others.remove(null);
        if (!others.isEmpty()) {
            throw new MasterKeyException("This node's master key (" + file + ", key id " + key.id()
                    + ") differs from the one the secrets were stored under: " + describe(others) + ". Every node"
                    + " of a cluster must use the same key file content: copy the key file of key id "
                    + others.keySet().iterator().next() + " to " + file + " (after `secrets rotate-key`, the new "
                    + "key file).");
        }
        recordKeyIdOnOlderSecrets(jdbc, key, file);
    }

    /** Rows stored before key ids: this key's id is theirs only if it decrypts every one of them. */
    private static void recordKeyIdOnOlderSecrets(JdbcTemplate jdbc, MasterKey key, Path file) {
        List<String> readable = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        jdbc.query("SELECT id, nonce, ciphertext FROM mf_secret WHERE key_id IS NULL", rs -> {
            String reference = rs.getString(1);
            try {
                Arrays.fill(SecretCipher.open(key, reference, rs.getBytes(2), rs.getBytes(3)), (byte) 0);
                readable.add(reference);
            } catch (GeneralSecurityException e) {
                unreadable.add(reference);
            }
        });
        if (!unreadable.isEmpty()) {
            throw new MasterKeyException("This node's master key (" + file + ", key id " + key.id() + ") is not the"
                    + " one the secrets were stored under: " + unreadable.size() + " of the "
                    + (readable.size() + unreadable.size()) + " secrets stored before key ids do not decrypt with"
                    + " it (e.g. " + SecretStore.fingerprint(unreadable.get(0))
                    + "). Restore the key file that encrypted them; every node"
                    + " must use the same key file content.");
        }
        for (String reference : readable) {
            jdbc.update("UPDATE mf_secret SET key_id = ? WHERE id = ? AND key_id IS NULL", key.id(), reference);
        }
        if (!readable.isEmpty()) {
            log.info("Recorded key id {} on {} secrets stored before key ids", key.id(), readable.size());
        }
    }

    /** Number of stored secrets by key id; the key {@code null} counts rows from before key ids. */
    static Map<String, Integer> storedByKeyId(JdbcTemplate jdbc) {
        Map<String, Integer> counts = new TreeMap<>(java.util.Comparator.nullsFirst(String::compareTo));
        jdbc.query("SELECT key_id, COUNT(*) FROM mf_secret GROUP BY key_id", rs -> {
            counts.put(rs.getString(1), rs.getInt(2));
        });
        return counts;
    }

    static String describe(Map<String, Integer> byKeyId) {
        return "mf_secret holds "
                + byKeyId.entrySet().stream()
                        .map(e -> e.getValue() + " secrets "
                                + (e.getKey() == null ? "stored before key ids" : "under key id " + e.getKey()))
                        .collect(Collectors.joining(", "));
    }

    private static boolean inMemoryDatabase(JdbcTemplate jdbc) {
        String url =
                jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getURL());
        return url != null && url.startsWith("jdbc:h2:mem:");
    }
}
