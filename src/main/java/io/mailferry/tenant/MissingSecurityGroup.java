package io.mailferry.tenant;

/**
 * A mail-enabled security group the tenant lacks, and why in words for the operator: not there at all, or a group
 * of another kind (a Microsoft 365 group, a security group without mail) holds the name.
 */
public record MissingSecurityGroup(String name, String why) {}
