/**
 * What a migration may act on, kept by Mailferry instead of in process variables that a task completion or a REST
 * client could set: the domain validated when the migration started, the source server the operator confirmed and
 * Mailferry tested, the migration endpoint it created, the mailbox list it checked, and the batches it created. Keyed
 * by the migration's root process instance (mf_migration, mf_batch.migration_id); every step that acts reads these,
 * or checks an id it was handed against them.
 */
package io.mailferry.authority;
