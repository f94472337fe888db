package io.mailferry.directory;

/** The directory could not be reached, bound to or searched. The message names server and base DN, no secret. */
public class DirectoryException extends RuntimeException {
    public DirectoryException(String message) {
        super(message);
    }
}
