package io.mailferry.dns;

import java.util.Optional;

/** Keeps the changes Mailferry applied to a zone, so they can be rolled back. */
public interface DnsChangeLog {
    /** Keeps nothing: the command line tool runs without a database and prints what it changed instead. */
    DnsChangeLog NONE = new DnsChangeLog() {
        @Override
        public DnsChange record(DnsChange change) {
            return change;
        }

        @Override
        public Optional<DnsChange> find(long id) {
            return Optional.empty();
        }

        @Override
        public boolean keepsChanges() {
            return false;
        }
    };

    /** Returns the change with its id. */
    DnsChange record(DnsChange change);

    Optional<DnsChange> find(long id);

    default boolean keepsChanges() {
        return true;
    }
}
