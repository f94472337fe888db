package io.mailferry.tenant;

import java.util.Optional;

/** One check of the connection to Microsoft 365: what was tested, whether it passed, and what was found or to fix. */
public record ConnectionCheck(String name, boolean passed, String detail) {
    public static ConnectionCheck passed(String name, String detail) {
        return new ConnectionCheck(name, true, detail);
    }

    public static ConnectionCheck failed(String name, String detail) {
        return new ConnectionCheck(name, false, detail);
    }

    /** The sign-in check's name, the same whichever tenant: it names the mailbox as typed. */
    public static String signInName(String mailbox) {
        return "Sign-in to the test mailbox " + mailbox + " with XOAUTH2";
    }

    /** The sign-in check for a mailbox that is not an address, or empty when it is one. */
    public static Optional<ConnectionCheck> invalidMailbox(String mailbox) {
        try {
            TenantNames.address(mailbox);
            return Optional.empty();
        } catch (IllegalArgumentException invalid) {
            return Optional.of(failed(
                    "Sign-in to the test mailbox with XOAUTH2",
                    "Test mailbox: " + invalid.getMessage() + "; type the address of a mailbox in Exchange Online"));
        }
    }
}
