/**
 * The ReviewInitialSync step both runbooks share (cutover step 4, staged task 7; processes/ReviewInitialSync.bpmn):
 * the batch's status is polled until every mailbox has finished its initial sync, then the operator reviews the
 * migration report. Ids, variable names and delegates.
 */
package io.mailferry.initialsync;
