package io.mailferry.secrets;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Decides at start which master key this node uses, and refuses to start rather than use one that cannot read the
 * stored secrets: a new key is made only while {@code mf_secret} is empty.
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
        Path path = Path.of(keyFile);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return MasterKeyFile.read(path);
        }
        if (stored > 0) {
            throw new MasterKeyException("Master key file " + path.toAbsolutePath() + " (" + PROPERTY
                    + ") does not exist, but mf_secret holds " + stored + " stored secrets: they need the key that "
                    + "encrypted them, and a new key would not read them. Restore that key file (is its volume "
                    + "mounted? is the path right?); every node must use the same key file content.");
        }
        return MasterKeyFile.create(path, random);
    }

    /** Only for a database that dies with the process (the demo): anything else would outlive the key. */
    private static MasterKey inMemoryKey(JdbcTemplate jdbc, int stored, SecureRandom random) {
        if (stored > 0) {
            throw new MasterKeyException(PROPERTY + " is not set, but mf_secret holds " + stored
                    + " stored secrets: they need the key that encrypted them. Set " + PROPERTY
                    + " to that key's file.");
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

    private static boolean inMemoryDatabase(JdbcTemplate jdbc) {
        String url =
                jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getURL());
        return url != null && url.startsWith("jdbc:h2:mem:");
    }
}
