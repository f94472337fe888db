package io.mailferry.sourceendpoint;

import io.mailferry.mailbox.EndpointTestResult;

/** A migration endpoint as saved, and what its test found. */
public record TestedEndpoint(long id, EndpointTestResult test) {}
