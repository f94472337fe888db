/**
 * The demo profile (the default): embedded stand-ins for on-premises Exchange, Microsoft 365, the directory and
 * the tenant, seeded with realistic mailboxes, so that a first run works with nothing installed.
 */
package io.mailferry.demo;
