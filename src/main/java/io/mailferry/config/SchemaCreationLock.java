package io.mailferry.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lets one node at a time build its process engine on PostgreSQL, so that nodes started together do not all try
 * to create Camunda's tables at once (the second CREATE TABLE fails and so does that node). A session-level advisory
 * lock is taken on a connection of its own before the engine checks its schema and released once the engine is
 * built; the next node then finds the schema in place. Flyway, for Mailferry's own tables, locks the same way by
 * itself. Embedded H2 serves one node only and needs nothing.
 */
@Component
class SchemaCreationLock extends AbstractProcessEnginePlugin {
    /** Any constant both nodes agree on; "MFSCHEMA" in ASCII. */
    static final long LOCK_KEY = 0x4D4653434845_4D41L;

    /** How long a node waits for another to build its engine (the first start creates ~50 tables). */
    static final Duration WAIT = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(SchemaCreationLock.class);
    private final DataSource dataSource;
    private Connection held;

    SchemaCreationLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        try {
            Connection connection = dataSource.getConnection();
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return;
            }
            // polled, not waited for: the connection's lock timeout would cancel a wait longer than itself
            long giveUp = System.nanoTime() + WAIT.toNanos();
            while (!tryLock(connection)) {
                if (System.nanoTime() > giveUp) {
                    connection.close();
                    throw new IllegalStateException("Another node has held the schema lock for " + WAIT.toMinutes()
                            + " minutes while building its process engine; start this node again once it is up");
                }
                Thread.sleep(500);
            }
            held = connection;
            log.info("Holding the schema lock while the process engine checks its tables");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the schema lock on the database: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema lock", e);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)");
                ResultSet taken = executeWith(lock)) {
            return taken.next() && taken.getBoolean(1);
        }
    }

    private static ResultSet executeWith(PreparedStatement lock) throws SQLException {
        lock.setLong(1, LOCK_KEY);
        return lock.executeQuery();
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        release();
    }

    private void release() {
        if (held == null) {
            return;
        }
        try (Connection connection = held) {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, LOCK_KEY);
                unlock.execute();
            }
        } catch (SQLException e) {
            // closing the session releases a session-level lock anyway
            log.warn("Releasing the schema lock failed ({}); closing its connection released it", e.getMessage());
        } finally {
            held = null;
        }
    }
}
