package io.mailferry.config;

import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Whether the connection pool can serve the job executor. A sync job holds its engine transaction's connection for
 * its whole slice, takes a second one for the status and lease it commits on its own, and each of its parallel folder
 * threads needs one for the sync state; web requests and the job acquisition need a few more. A pool smaller than
 * that lets busy jobs wait for each other's connections until Hikari's timeout fails them all.
 */
final class ConnectionBudget {
    /** Web requests (Tasklist, Cockpit, REST) and Camunda's job acquisition. */
    static final int RESERVE = 4;

    private ConnectionBudget() {}

    static int needed(int jobThreads, int parallelFolders) {
        return jobThreads * (2 + parallelFolders) + RESERVE;
    }

    /** A message naming the settings when the pool is too small, empty when it fits. */
    static Optional<String> check(Environment env) {
        int pool = env.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10);
        int jobThreads = env.getProperty("camunda.bpm.job-execution.max-pool-size", Integer.class, 10);
        int folders = env.getProperty("mailferry.sync.parallel-folders", Integer.class, 2);
        int needed = needed(jobThreads, folders);
        if (pool >= needed) {
            return Optional.empty();
        }
        return Optional.of("spring.datasource.hikari.maximum-pool-size=" + pool + " is too small for"
                + " camunda.bpm.job-execution.max-pool-size=" + jobThreads + " and mailferry.sync.parallel-folders="
                + folders + ": each sync job needs " + (2 + folders) + " connections at once, so the pool needs at"
                + " least " + needed + " (" + jobThreads + " x " + (2 + folders) + " + " + RESERVE + " for web"
                + " requests); raise the pool or lower the job threads");
    }
}
