package io.mailferry.secrets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.api.Trigger;

/**
 * An H2 trigger that, on the first update of mf_secret, stores another secret from a second connection as a node
 * still running on the old key would, and commits it.
 */
public class StoreWhileRotatingTrigger implements Trigger {
    static volatile String url;
    static volatile String oldKeyId;
    static final AtomicBoolean done = new AtomicBoolean();

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (done.compareAndSet(false, true)) {
            try (Connection node = DriverManager.getConnection(url, "sa", "");
                    PreparedStatement insert = node.prepareStatement("INSERT INTO mf_secret (id, label, nonce, "
                            + "ciphertext, key_id, created_at) VALUES ('secret:meanwhile', 'x', X'00', X'00', ?, "
                            + "CURRENT_TIMESTAMP)")) {
                insert.setString(1, oldKeyId);
                insert.executeUpdate();
            }
        }
    }
}
