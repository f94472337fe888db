package io.mailferry.tenant;

/** Outcome of a domain verification attempt; {@code detail} is meant for the operator's task form. */
public record DomainVerification(boolean verified, String detail) {}
