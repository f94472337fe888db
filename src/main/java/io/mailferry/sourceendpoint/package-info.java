/**
 * The source-side steps both runbooks share: PrepareSourceServer (cutover step 2, staged task 1: the preparation
 * checklist and a test of the server's certificate and IMAP service) and ConnectSourceEndpoint (cutover step 3,
 * staged task 5: the migration endpoint, created and tested by opening a mailbox). Ids, variable names, delegates,
 * the listeners that fill the forms' defaults and the guard that keeps passwords out of process variables.
 */
package io.mailferry.sourceendpoint;
