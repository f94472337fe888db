package io.mailferry.directory;

/**
 * The directory could not be reached, bound to, searched or changed, or does not hold what was asked for (no user or
 * several with an address). The message names server and base DN, no secret.
 */
public class DirectoryException extends RuntimeException {
    public DirectoryException(String message) {
        super(message);
    }
}
