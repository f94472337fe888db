package io.mailferry.mailboxlist;

import java.util.Arrays;
import java.util.Optional;

/** The columns of a staged migration list (the seed's "supported attributes"). */
enum ListColumn {
    EMAIL_ADDRESS("EmailAddress"),
    PASSWORD("Password"),
    FORCE_CHANGE_PASSWORD("ForceChangePassword");

    /** The header line of a full list, for messages. */
    static final String FULL_HEADER = "EmailAddress,Password,ForceChangePassword";

    final String header;

    ListColumn(String header) {
        this.header = header;
    }

    /** Header names are compared without regard to case or surrounding spaces. */
    static Optional<ListColumn> named(String name) {
        String trimmed = name.trim();
        return Arrays.stream(values())
                .filter(c -> c.header.equalsIgnoreCase(trimmed))
                .findFirst();
    }
}
