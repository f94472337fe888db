/**
 * A small authoritative DNS server (UDP and TCP, RFC 2136 dynamic update, optional TSIG) that runs inside the
 * JVM, so the demo and the tests can exercise Mailferry's DNS code against real DNS messages instead of mocks.
 * It serves exactly one zone from memory and is not meant to face the Internet.
 */
package io.mailferry.dns.server;
