package io.mailferry.process;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Every wait of the runbooks, read from {@code mailferry.timers.*} and referenced by the BPMN timers as
 * {@code ${migrationTimers.deltaSyncInterval}} etc. Durations are ISO-8601 as Camunda expects them.
 */
@Component("migrationTimers") // the name the BPMN timer expressions use
@ConfigurationProperties("mailferry.timers")
public class MigrationTimers {
    private Duration domainRecheckInterval = Duration.ofMinutes(15);
    private int domainMaxChecks = 8;
    private Duration syncStatusPoll = Duration.ofMinutes(1);
    private Duration deltaSyncInterval = Duration.ofDays(1);
    private Duration mxPropagationWait = Duration.ofHours(72);
    private Duration routingRecheckInterval = Duration.ofMinutes(30);
    private Duration conversionRecheckInterval = Duration.ofMinutes(30);
    private int routingMaxChecks = 12;
    private Duration licenceGrace = Duration.ofDays(30);
    private Duration licenceReminderBefore = Duration.ofDays(7);
    private Duration licenceEscalationBefore = Duration.ofDays(2);

    public Duration getDomainRecheckInterval() {
        return domainRecheckInterval;
    }

    public void setDomainRecheckInterval(Duration d) {
        this.domainRecheckInterval = d;
    }

    public int getDomainMaxChecks() {
        return domainMaxChecks;
    }

    public void setDomainMaxChecks(int n) {
        this.domainMaxChecks = n;
    }

    public Duration getSyncStatusPoll() {
        return syncStatusPoll;
    }

    public void setSyncStatusPoll(Duration d) {
        this.syncStatusPoll = d;
    }

    public Duration getDeltaSyncInterval() {
        return deltaSyncInterval;
    }

    public void setDeltaSyncInterval(Duration d) {
        this.deltaSyncInterval = d;
    }

    public Duration getMxPropagationWait() {
        return mxPropagationWait;
    }

    public void setMxPropagationWait(Duration d) {
        this.mxPropagationWait = d;
    }

    public Duration getRoutingRecheckInterval() {
        return routingRecheckInterval;
    }

    public void setRoutingRecheckInterval(Duration d) {
        this.routingRecheckInterval = d;
    }

    public Duration getConversionRecheckInterval() {
        return conversionRecheckInterval;
    }

    public void setConversionRecheckInterval(Duration d) {
        this.conversionRecheckInterval = d;
    }

    public int getRoutingMaxChecks() {
        return routingMaxChecks;
    }

    public void setRoutingMaxChecks(int n) {
        this.routingMaxChecks = n;
    }

    public Duration getLicenceGrace() {
        return licenceGrace;
    }

    public void setLicenceGrace(Duration d) {
        this.licenceGrace = d;
    }

    public Duration getLicenceReminderBefore() {
        return licenceReminderBefore;
    }

    public void setLicenceReminderBefore(Duration d) {
        this.licenceReminderBefore = d;
    }

    public Duration getLicenceEscalationBefore() {
        return licenceEscalationBefore;
    }

    public void setLicenceEscalationBefore(Duration d) {
        this.licenceEscalationBefore = d;
    }

    // ISO-8601 strings for timer expressions: ${migrationTimers.deltaSync}
    public String getDomainRecheck() {
        return domainRecheckInterval.toString();
    }

    public String getSyncPoll() {
        return syncStatusPoll.toString();
    }

    public String getDeltaSync() {
        return deltaSyncInterval.toString();
    }

    public String getRoutingRecheck() {
        return routingRecheckInterval.toString();
    }

    public String getConversionRecheck() {
        return conversionRecheckInterval.toString();
    }
}
