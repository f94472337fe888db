package io.mailferry.web;

/** What the credentials page posts. The secret is a char array so it can be wiped once stored. */
public record CredentialRequest(String label, char[] secret) {
    @Override
    public String toString() {
        return "CredentialRequest[label=" + label + ", secret=***]";
    }
}
