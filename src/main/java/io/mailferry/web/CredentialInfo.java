package io.mailferry.web;

/** What may be told about a stored credential: whether it exists and its label. */
public record CredentialInfo(String reference, String label, boolean exists) {}
