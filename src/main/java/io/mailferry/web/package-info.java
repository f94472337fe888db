/**
 * The HTTP side of Mailferry: Basic authentication against the Camunda users for Camunda's REST API and ours,
 * the credentials API and page through which operators hand passwords to the secret store, and the mailbox
 * list upload (API and page) for the staged migration.
 */
package io.mailferry.web;
