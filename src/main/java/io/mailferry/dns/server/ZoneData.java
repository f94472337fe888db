package io.mailferry.dns.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The records of one zone. Every method is synchronized on this object; callers that need several steps to see
 * one consistent state (an answer plus its additional records, an update's prerequisites plus its changes) hold
 * the same monitor around them.
 */
final class ZoneData {
    private final Name origin;
    // TreeMaps keep ANY answers and zone dumps in a stable order; Name compares case-insensitively.
    private final Map<Name, Map<Integer, List<Record>>> names = new TreeMap<>();

    ZoneData(Name origin, List<Record> records) {
        this.origin = origin;
        records.forEach(this::add);
        if (soa() == null) {
            throw new IllegalArgumentException("Zone " + origin + " has no SOA record at its apex");
        }
    }

    Name origin() {
        return origin;
    }

    boolean inZone(Name name) {
        return name.subdomain(origin);
    }

    synchronized SOARecord soa() {
        List<Record> soa = rrset(origin, Type.SOA);
        return soa.isEmpty() ? null : (SOARecord) soa.get(0);
    }

    synchronized List<Record> rrset(Name name, int type) {
        Map<Integer, List<Record>> types = names.get(name);
        List<Record> rrs = types == null ? null : types.get(type);
        return rrs == null ? List.of() : List.copyOf(rrs);
    }

    synchronized List<Record> all(Name name) {
        Map<Integer, List<Record>> types = names.get(name);
        List<Record> result = new ArrayList<>();
        if (types != null) {
            types.values().forEach(result::addAll);
        }
        return result;
    }

    synchronized Set<Integer> types(Name name) {
        Map<Integer, List<Record>> types = names.get(name);
        return types == null ? Set.of() : Set.copyOf(types.keySet());
    }

    synchronized boolean exists(Name name) {
        return names.containsKey(name);
    }

    /** A name with no records of its own but with names below it exists (RFC 8020), so it gets NODATA, not NXDOMAIN. */
    synchronized boolean isEmptyNonTerminal(Name name) {
        return names.keySet().stream().anyMatch(n -> !n.equals(name) && n.subdomain(name));
    }

    /**
     * Adds {@code record}; an identical record is replaced, and the whole RRset takes the new TTL because an RRset
     * has one TTL (RFC 2181 §5.2). Returns whether anything changed.
     */
    synchronized boolean add(Record record) {
        if (record.getDClass() != DClass.IN || !inZone(record.getName())) {
            throw new IllegalArgumentException(record + " does not belong to zone " + origin);
        }
        List<Record> rrs = names.computeIfAbsent(record.getName(), n -> new TreeMap<>())
                .computeIfAbsent(record.getType(), t -> new ArrayList<>());
        boolean changed = !rrs.contains(record) || rrs.get(0).getTTL() != record.getTTL();
        if (record.getType() == Type.SOA || record.getType() == Type.CNAME) {
            rrs.clear(); // singleton types: a second one replaces the first
        }
        rrs.remove(record);
        rrs.replaceAll(r -> withTtl(r, record.getTTL()));
        rrs.add(record);
        return changed;
    }

    synchronized boolean deleteRRset(Name name, int type) {
        Map<Integer, List<Record>> types = names.get(name);
        if (types == null || types.remove(type) == null) {
            return false;
        }
        if (types.isEmpty()) {
            names.remove(name);
        }
        return true;
    }

    /** Deletes the record with the same name, type and data, whatever its TTL. */
    synchronized boolean delete(Record record) {
        Map<Integer, List<Record>> types = names.get(record.getName());
        List<Record> rrs = types == null ? null : types.get(record.getType());
        if (rrs == null || !rrs.removeIf(r -> r.equals(record))) {
            return false;
        }
        if (rrs.isEmpty()) {
            deleteRRset(record.getName(), record.getType());
        }
        return true;
    }

    synchronized void bumpSerial() {
        SOARecord soa = soa();
        long serial = (soa.getSerial() + 1) & 0xFFFFFFFFL; // RFC 1982 serial arithmetic wraps at 2^32
        add(new SOARecord(
                soa.getName(),
                soa.getDClass(),
                soa.getTTL(),
                soa.getHost(),
                soa.getAdmin(),
                serial,
                soa.getRefresh(),
                soa.getRetry(),
                soa.getExpire(),
                soa.getMinimum()));
    }

    synchronized String toMasterFile() {
        StringBuilder out = new StringBuilder();
        names.values()
                .forEach(types -> types.values()
                        .forEach(rrs -> rrs.forEach(r -> out.append(r).append('\n'))));
        return out.toString();
    }

    /** Through presentation format rather than canonical wire form, which would lower-case names in the data. */
    static Record withTtl(Record record, long ttl) {
        if (record.getTTL() == ttl) {
            return record;
        }
        try {
            return Record.fromString(
                    record.getName(), record.getType(), record.getDClass(), ttl, record.rdataToString(), Name.root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + record, e);
        }
    }
}
