package io.mailferry.dns;

/**
 * Who made a change, as the change log keeps it: a step of a migration's process, or the command line. A process's
 * own changes are found again by its instance id (never by anything an operator can type into a form), so that it
 * rolls back exactly what it changed.
 *
 * @param migration       the migration's business key, e.g. {@code contoso.com}; null outside a migration
 * @param processInstance the id of the process instance that made the change; null outside the engine
 * @param step            the BPMN element that made it (e.g. {@code Task_PointMxAtMicrosoft}) or {@code command line}
 */
public record DnsChangeOrigin(String migration, String processInstance, String step) {
    /** Not said: a service used directly (tests, tools) that does not name itself. */
    public static final DnsChangeOrigin UNNAMED = new DnsChangeOrigin(null, null, null);

    public static final DnsChangeOrigin COMMAND_LINE = new DnsChangeOrigin(null, null, "command line");

    /** e.g. {@code migration contoso.com, Task_PointMxAtMicrosoft} or {@code command line}; empty when unnamed. */
    public String describe() {
        if (migration == null) {
            return step == null ? "" : step;
        }
        return "migration " + migration + (step == null ? "" : ", " + step);
    }
}
