package io.mailferry.process;

import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;

/**
 * The process-scope tests' engine (see process-test.cfg.xml) with the process-test-coverage listeners: in-memory H2,
 * or the PostgreSQL database named by {@code mailferry.test.postgres.process-url} in the PostgreSQL test run
 * ({@code mvn -Ppostgresql-tests}), so the models run on the production database too.
 */
public class TestEngineConfiguration extends StandaloneInMemProcessEngineConfiguration {
    public TestEngineConfiguration() {
        setJdbcUrl("jdbc:h2:mem:process-tests;DB_CLOSE_DELAY=1000");
        String url = System.getProperty("mailferry.test.postgres.process-url");
        if (url != null && !url.isBlank()) {
            setJdbcUrl(url);
            setJdbcDriver("org.postgresql.Driver");
            setJdbcUsername(System.getProperty("mailferry.test.postgres.user"));
            setJdbcPassword(System.getProperty("mailferry.test.postgres.password"));
        }
    }

    @Override
    protected void init() {
        ProcessCoverageConfigurator.initializeProcessCoverageExtensions(this);
        super.init();
    }
}
