package io.mailferry.mailbox;

import java.util.Locale;

/** Byte counts as operators read them in reports and skip reasons. */
final class Sizes {
    private Sizes() {}

    static String human(long bytes) {
        return bytes >= 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0))
                : (bytes + 1023) / 1024 + " KB";
    }
}
