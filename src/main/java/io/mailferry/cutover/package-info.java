/**
 * The CutoverMigration process (Microsoft's 8-step cutover runbook): its ids, its delegates — each reads variables,
 * calls one service and writes small results back — and the listener guarding the MX propagation wait.
 */
package io.mailferry.cutover;
