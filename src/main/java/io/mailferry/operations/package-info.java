/**
 * What operations watch besides the runbooks: the process engine's gauges for Prometheus (open incidents, the job
 * executor's backlog). The sync engine's own meters are {@code io.mailferry.mailbox.SyncMetrics}; the endpoints, their
 * security and the suggested alerts are in docs/operations-monitoring.md.
 */
package io.mailferry.operations;
