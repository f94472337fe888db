package io.mailferry.process;

import io.mailferry.dns.DnsChangeOrigin;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Who makes a DNS change from a process step, as the change log keeps it; all of it is the engine's, none a form's. */
public final class DnsChangeOrigins {
    private DnsChangeOrigins() {}

    /** The migration's business key, the process instance and the BPMN element running now. */
    public static DnsChangeOrigin of(DelegateExecution execution) {
        return new DnsChangeOrigin(
                execution.getProcessBusinessKey(), execution.getProcessInstanceId(), execution.getCurrentActivityId());
    }
}
