/**
 * The shared runbook step "Connect to Microsoft 365" (processes/ConnectMicrosoft365.bpmn), which both migrations
 * take before anything touches the tenant: the operator sees what Mailferry is configured with and names a test
 * mailbox; Mailferry tests each thing separately ({@link io.mailferry.tenant.TenantConnection}) and returns the
 * results until every check passes.
 */
package io.mailferry.tenantconnection;
