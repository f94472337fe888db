package io.mailferry.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the settings to fix as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
class DeploymentFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDeploymentException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDeploymentException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set the missing settings (environment variables such as MAILFERRY_SOURCE_HOST work too) and start"
                        + " again; docs/operations.md has a complete example for one node and for a cluster.",
                cause);
    }
}
