package io.mailferry.dns;

/**
 * A change was not made (or its outcome is unknown). The message names the server, the name, the response code
 * and what to do; it never contains key material.
 */
public class DnsChangeException extends RuntimeException {
    public DnsChangeException(String message) {
        super(message);
    }
}
