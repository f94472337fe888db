package io.mailferry.mailbox;

/** Outcome of an endpoint test; the message tells an operator what was tried and, on failure, why it failed. */
public record EndpointTestResult(boolean passed, String message) {

    static EndpointTestResult passed(String message) {
        return new EndpointTestResult(true, message);
    }

    static EndpointTestResult failed(String message) {
        return new EndpointTestResult(false, message);
    }
}
