/**
 * The LicencesAndDecommissioning step both runbooks share (cutover step 7, staged task 11;
 * processes/LicencesAndDecommissioning.bpmn): Exchange Online licences for the migrated users, the grace-period
 * reminders while some lack one, and the optional decommissioning of Exchange. Ids, variable names, the licence
 * service and its delegates.
 */
package io.mailferry.licences;
