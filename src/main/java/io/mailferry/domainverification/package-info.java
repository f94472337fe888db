/**
 * The VerifyDomain step both runbooks share (cutover step 1, staged task 2; processes/VerifyDomain.bpmn): the domain
 * is added to the tenant, its verification TXT record published by the operator or by RFC 2136 update, and checked
 * until Microsoft 365 verifies it. Ids, variable names, delegates and the listener that fills the form's defaults.
 */
package io.mailferry.domainverification;
