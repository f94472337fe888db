/**
 * What every runbook step shares: the names of the variables several steps use ({@link
 * io.mailferry.process.MigrationVariables}), typed reads of variables, the configured timers, the licence grace
 * period's start, and the listener that prepares a migration when it starts.
 */
package io.mailferry.process;
