/**
 * The mail-routing steps both runbooks share: SwitchMailRouting (cutover step 5, staged task 9: the optional MX TTL
 * reduction and its wait, the MX, Autodiscover and SPF change by the operator or by RFC 2136 update, checked at every
 * authoritative server, and the MX propagation wait) and VerifyMailRouting (cutover step 6, end of staged task 9).
 * Ids, variable names, delegates, the form defaults and the guards of the two DNS waits.
 */
package io.mailferry.mailrouting;
