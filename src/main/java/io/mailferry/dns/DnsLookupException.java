package io.mailferry.dns;

/** No resolver gave a usable answer; the message names the name, the type and what each server did. */
public class DnsLookupException extends RuntimeException {
    public DnsLookupException(String message) {
        super(message);
    }
}
