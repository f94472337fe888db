package io.mailferry.authority;

/**
 * An id a step was handed that this migration does not own — another migration's batch, or a step run outside any
 * migration. A fault, not an operator's slip: the step fails (incident) rather than act on someone else's data.
 */
public class NotThisMigrationException extends IllegalStateException {
    public NotThisMigrationException(String message) {
        super(message);
    }
}
