/**
 * Checks a node's configuration against its profile (demo or production) before anything starts, and the
 * database settings every profile shares.
 */
package io.mailferry.config;
