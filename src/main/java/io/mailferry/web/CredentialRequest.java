package io.mailferry.web;

/**
 * What the credentials page posts: a label, what the secret is for ({@code imap:host[:port]}, {@code tsig:key-name}, …,
 * see {@link io.mailferry.secrets.Purpose}) and the secret, a char array so it can be wiped once stored.
 */
public record CredentialRequest(String label, String purpose, char[] secret) {
    @Override
    public String toString() {
        return "CredentialRequest[label=" + label + ", purpose=" + purpose + ", secret=***]";
    }
}
