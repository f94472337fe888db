package io.mailferry.m365;

/**
 * Microsoft Graph refused or failed a call. The message says what Mailferry tried, Graph's own error code and message
 * (its error envelope {@code {"error":{"code","message"}}}), what to fix where that is clear (a 403 names the missing
 * application permission) and Graph's request-id for Microsoft support.
 */
public class GraphException extends RuntimeException {
    private final int status;
    private final String code;
    private final String graphMessage;

    GraphException(String message, int status, String code, String graphMessage, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.graphMessage = graphMessage;
    }

    /** The HTTP status, 0 when Graph was not reached or gave no answer in time. */
    public int status() {
        return status;
    }

    /** Graph's error code, e.g. {@code Request_ResourceNotFound}; null when the answer had no error envelope. */
    public String code() {
        return code;
    }

    /** Graph's own message, meant for a person; null when there was none. */
    public String graphMessage() {
        return graphMessage;
    }

    boolean notFound() {
        return status == 404;
    }
}
