/**
 * DNS for the cutover: looks up and checks the records Microsoft 365 needs (verification TXT, MX, autodiscover
 * CNAME) on resolvers and on every authoritative server of the zone, and changes them by RFC 2136 dynamic update
 * where the customer's DNS allows it. Plain Spring beans built on dnsjava; messages name the server, the name
 * and the DNS response code so an operator can act on them.
 */
package io.mailferry.dns;
