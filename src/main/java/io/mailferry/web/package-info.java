/**
 * The HTTP side of Mailferry: Basic authentication against the Camunda users for Camunda's REST API and ours,
 * and the credentials API and page through which operators hand passwords to the secret store.
 */
package io.mailferry.web;
