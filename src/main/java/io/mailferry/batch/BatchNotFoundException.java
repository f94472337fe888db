package io.mailferry.batch;

/** A batch or batch mailbox id that does not exist. */
public class BatchNotFoundException extends RuntimeException {
    public BatchNotFoundException(String message) {
        super(message);
    }
}
