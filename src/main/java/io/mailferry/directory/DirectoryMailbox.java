package io.mailferry.directory;

/** A directory user with a mailbox: its entry, primary SMTP address (lower case) and display name. */
public record DirectoryMailbox(String dn, String address, String displayName) {}
