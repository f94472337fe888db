package io.mailferry.mailrouting;

import io.mailferry.dns.DnsChangeException;
import io.mailferry.dns.DnsChangeText;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.BpmnError;

/**
 * How the switch's steps by RFC 2136 update report a change the server did not make: as a BPMN error the operator
 * answers (roll back or retry), with the reason escaped and capped for the form, since it quotes records from DNS.
 * Retrying it on a timer would not help: the server refused, or someone else edited the zone.
 */
final class DnsSwitchChanges {
    private DnsSwitchChanges() {}

    static <T> T orOperatorDecides(String errorCode, Supplier<T> change) {
        try {
            return change.get();
        } catch (DnsChangeException e) {
            throw new BpmnError(errorCode, DnsChangeText.message(e.getMessage()));
        }
    }
}
