package io.mailferry.web;

/** The answer to storing a credential: the reference to paste into a task form, never the secret. */
public record CredentialReference(String reference, String label) {}
