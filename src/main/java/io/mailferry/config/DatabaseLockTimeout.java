package io.mailferry.config;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Gives every pooled connection a lock timeout ({@code mailferry.database.lock-timeout}, default 30 s): a statement
 * that waits longer for a row lock fails, and its job goes to the retry cycle, instead of holding an engine thread
 * and its connection for as long as another transaction runs. The same statement suits H2 and PostgreSQL. A
 * {@code spring.datasource.hikari.connection-init-sql} given by configuration is left as it is.
 */
@Component
class DatabaseLockTimeout implements BeanPostProcessor {
    private final Duration lockTimeout;

    DatabaseLockTimeout(@Value("${mailferry.database.lock-timeout:30s}") Duration lockTimeout) {
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("mailferry.database.lock-timeout must be positive, not " + lockTimeout);
        }
        this.lockTimeout = lockTimeout;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getConnectionInitSql() == null) {
            pool.setConnectionInitSql(initSql(lockTimeout));
        }
        return bean;
    }

    static String initSql(Duration lockTimeout) {
        return "SET LOCK_TIMEOUT = " + lockTimeout.toMillis();
    }
}
