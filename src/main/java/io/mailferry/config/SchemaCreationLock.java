package io.mailferry.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                lock.execute();
            }
            held = connection;
            log.info("Holding the schema lock while the process engine checks its tables");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the schema lock on the database: " + e.getMessage(), e);
        }
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
