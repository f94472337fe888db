package io.mailferry.mailbox;

/** How the IMAP connection is protected: not at all, upgraded with STARTTLS, or TLS from the first byte (993). */
public enum ImapSecurity {
    NONE,
    STARTTLS,
    TLS
}
