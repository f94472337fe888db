package io.mailferry.dns;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The MX records one server gave, or why it gave none.
 *
 * @param server  {@code host:port} that was asked
 * @param records most preferred first; empty when the name has no MX or does not exist there
 * @param problem null when the server answered with authority, else e.g. {@code timed out after 5s}
 */
public record MxAnswer(String server, List<MxRecord> records, String problem) {

    public MxAnswer {
        records = List.copyOf(records);
    }

    public boolean answered() {
        return problem == null;
    }

    /** e.g. {@code MX 0 mx.contoso.com, 10 backup.contoso.com} or {@code no MX records}. */
    public String describe() {
        return records.isEmpty()
                ? "no MX records"
                : "MX " + records.stream().map(MxRecord::toString).collect(Collectors.joining(", "));
    }
}
