package io.mailferry.dns;

/**
 * The outcome of looking for one TXT value.
 *
 * @param detail for the operator, e.g. {@code contoso.com has 2 TXT records ("v=spf1 -all", "x"), none is
 *               MS=ms12345678} or {@code contoso.com: NXDOMAIN from 127.0.0.1:10053}
 */
public record TxtCheck(boolean found, String detail) {}
