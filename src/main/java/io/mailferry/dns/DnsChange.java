package io.mailferry.dns;

import java.time.Instant;
import java.util.List;

/**
 * One applied change of one RRset: what the update server had before and right after.
 *
 * @param id              the change log's id; 0 when no log keeps changes (the command line tool)
 * @param zone            e.g. {@code contoso.com}
 * @param name            owner name, e.g. {@code autodiscover.contoso.com}
 * @param type            MX, TXT, CNAME
 * @param previousRecords zone-file lines, empty when the RRset did not exist
 * @param newRecords      zone-file lines as the server served them after the change
 * @param server          {@code host:port} of the update server
 */
public record DnsChange(
        long id,
        String zone,
        String name,
        String type,
        List<String> previousRecords,
        List<String> newRecords,
        String server,
        Instant appliedAt) {

    public DnsChange {
        previousRecords = List.copyOf(previousRecords);
        newRecords = List.copyOf(newRecords);
    }

    DnsChange withId(long newId) {
        return new DnsChange(newId, zone, name, type, previousRecords, newRecords, server, appliedAt);
    }
}
