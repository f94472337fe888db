package io.mailferry.dns;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the changes Mailferry makes to a zone, so they can be shown and rolled back. A change is kept before its
 * update is sent ({@link #recordPending}) and updated with its outcome afterwards ({@link #update}); both writes must
 * last even when the caller's transaction (a process engine job) rolls back, or a change live on the server would
 * lose the records it replaced.
 */
public interface DnsChangeLog {
    /** Keeps nothing: the command line's {@code set-mx} runs without a database and prints what it changed instead. */
    DnsChangeLog NONE = new DnsChangeLog() {
        @Override
        public DnsChange recordPending(DnsChange change) {
            return change;
        }

        @Override
        public void update(DnsChange change) {
            // nothing kept
        }

        @Override
        public Optional<DnsChange> find(long id) {
            return Optional.empty();
        }

        @Override
        public List<DnsChange> madeBy(String processInstance) {
            return List.of();
        }

        @Override
        public List<DnsChange> newest(int limit) {
            return List.of();
        }

        @Override
        public List<DnsChange> rollbacksOf(long id) {
            return List.of();
        }

        @Override
        public boolean keepsChanges() {
            return false;
        }
    };

    /** Keeps {@code change} (state PENDING) and commits it at once; returns it with its id. */
    DnsChange recordPending(DnsChange change);

    /** Writes the change's state, records, failure and time applied, and commits them at once. */
    void update(DnsChange change);

    Optional<DnsChange> find(long id);

    /** Every change {@code processInstance} made, and every rollback of one of them (by anyone), oldest first. */
    List<DnsChange> madeBy(String processInstance);

    /** The {@code limit} latest changes, newest first. */
    List<DnsChange> newest(int limit);

    /** The changes that rolled back change {@code id} or tried to, oldest first. */
    List<DnsChange> rollbacksOf(long id);

    default boolean keepsChanges() {
        return true;
    }
}
