package io.mailferry.secrets;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.Trigger;

/** An H2 trigger that lets the first update of mf_secret through and fails the second: a rotation dying halfway. */
public class FailOnSecondUpdateTrigger implements Trigger {
    static final AtomicInteger updates = new AtomicInteger();

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (updates.incrementAndGet() == 2) {
            throw new SQLException("disk full (simulated on the second update)");
        }
    }
}
