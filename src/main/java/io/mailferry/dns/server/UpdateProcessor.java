package io.mailferry.dns.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * RFC 2136 dynamic update: the zone check (§3.1), prerequisites (§3.2), the update prescan (§3.4.1) and the
 * changes themselves (§3.4.2), all under the zone's monitor so an update is atomic and its prerequisites are a
 * real compare-and-set.
 */
final class UpdateProcessor {
    private final ZoneData zone;

    UpdateProcessor(ZoneData zone) {
        this.zone = zone;
    }

    /** Returns the rcode for the reply; the zone is changed only when it is NOERROR. */
    int apply(Message update) {
        List<Record> zoneSection = update.getSection(Section.ZONE);
        if (zoneSection.size() != 1 || zoneSection.get(0).getType() != Type.SOA) {
            return Rcode.FORMERR;
        }
        Record zoneRecord = zoneSection.get(0);
        if (!zoneRecord.getName().equals(zone.origin()) || zoneRecord.getDClass() != DClass.IN) {
            return Rcode.NOTAUTH;
        }
        List<Record> prerequisites = update.getSection(Section.PREREQ);
        List<Record> changes = update.getSection(Section.UPDATE);
        synchronized (zone) {
            int rcode = checkPrerequisites(prerequisites);
            if (rcode == Rcode.NOERROR) {
                rcode = prescan(changes);
            }
            if (rcode == Rcode.NOERROR) {
                boolean changed = false;
                for (Record change : changes) {
                    changed |= applyChange(change);
                }
                if (changed) {
                    zone.bumpSerial();
                }
            }
            return rcode;
        }
    }

    private int checkPrerequisites(List<Record> prerequisites) {
        Map<String, List<Record>> expectedRRsets = new LinkedHashMap<>();
        for (Record rr : prerequisites) {
            if (rr.getTTL() != 0) {
                return Rcode.FORMERR;
            }
            if (!zone.inZone(rr.getName())) {
                return Rcode.NOTZONE;
            }
            boolean empty = rr.rdataToWireCanonical().length == 0;
            if (rr.getDClass() == DClass.ANY) {
                if (!empty) {
                    return Rcode.FORMERR;
                }
                if (rr.getType() == Type.ANY && !zone.exists(rr.getName())) {
                    return Rcode.NXDOMAIN;
                }
                if (rr.getType() != Type.ANY
                        && zone.rrset(rr.getName(), rr.getType()).isEmpty()) {
                    return Rcode.NXRRSET;
                }
            } else if (rr.getDClass() == DClass.NONE) {
                if (!empty) {
                    return Rcode.FORMERR;
                }
                if (rr.getType() == Type.ANY && zone.exists(rr.getName())) {
                    return Rcode.YXDOMAIN;
                }
                if (rr.getType() != Type.ANY
                        && !zone.rrset(rr.getName(), rr.getType()).isEmpty()) {
                    return Rcode.YXRRSET;
                }
            } else if (rr.getDClass() == DClass.IN) {
                expectedRRsets
                        .computeIfAbsent(rr.getName().canonicalize() + "/" + rr.getType(), k -> new ArrayList<>())
                        .add(rr);
            } else {
                return Rcode.FORMERR;
            }
        }
        // Value-dependent: the whole RRset must be exactly the listed records, no more and no fewer (§3.2.3).
        for (List<Record> expected : expectedRRsets.values()) {
            Record first = expected.get(0);
            Set<Record> actual = new HashSet<>(zone.rrset(first.getName(), first.getType()));
            if (!actual.equals(new HashSet<>(expected))) {
                return Rcode.NXRRSET;
            }
        }
        return Rcode.NOERROR;
    }

    private int prescan(List<Record> changes) {
        for (Record rr : changes) {
            if (!zone.inZone(rr.getName())) {
                return Rcode.NOTZONE;
            }
            int type = rr.getType();
            if (rr.getDClass() == DClass.IN) {
                if (!Type.isRR(type)) {
                    return Rcode.FORMERR;
                }
            } else if (rr.getDClass() == DClass.ANY) {
                if (rr.getTTL() != 0
                        || rr.rdataToWireCanonical().length != 0
                        || (!Type.isRR(type) && type != Type.ANY)) {
                    return Rcode.FORMERR;
                }
            } else if (rr.getDClass() == DClass.NONE) {
                if (rr.getTTL() != 0 || !Type.isRR(type)) {
                    return Rcode.FORMERR;
                }
            } else {
                return Rcode.FORMERR;
            }
        }
        return Rcode.NOERROR;
    }

    private boolean applyChange(Record rr) {
        Name name = rr.getName();
        boolean apex = name.equals(zone.origin());
        int type = rr.getType();
        if (rr.getDClass() == DClass.IN) {
            return add(rr);
        }
        if (rr.getDClass() == DClass.ANY) {
            if (type == Type.ANY) {
                boolean changed = false;
                for (int existing : zone.types(name)) {
                    if (!(apex && (existing == Type.SOA || existing == Type.NS))) {
                        changed |= zone.deleteRRset(name, existing);
                    }
                }
                return changed;
            }
            return !(apex && (type == Type.SOA || type == Type.NS)) && zone.deleteRRset(name, type);
        }
        // Class NONE: delete one record, but never the SOA nor the zone's last NS (§3.4.2.4).
        if (type == Type.SOA
                || (apex && type == Type.NS && zone.rrset(name, Type.NS).size() <= 1)) {
            return false;
        }
        return zone.delete(Record.newRecord(name, type, DClass.IN, 0, rr.rdataToWireCanonical()));
    }

    private boolean add(Record rr) {
        Set<Integer> types = zone.types(rr.getName());
        // CNAME cannot coexist with other data (RFC 1034 §3.6.2); RFC 2136 §3.4.2.2 says to ignore such an add.
        if (rr.getType() == Type.CNAME && types.stream().anyMatch(t -> t != Type.CNAME)) {
            return false;
        }
        if (rr.getType() != Type.CNAME && types.contains(Type.CNAME)) {
            return false;
        }
        if (rr.getType() == Type.SOA) {
            long current = zone.soa().getSerial();
            long offered = ((SOARecord) rr).getSerial();
            if (!rr.getName().equals(zone.origin())
                    || ((offered - current) & 0xFFFFFFFFL) == 0
                    || ((offered - current) & 0xFFFFFFFFL) >= 0x80000000L) {
                return false; // an SOA only replaces the current one with a higher serial (RFC 1982)
            }
        }
        return zone.add(rr);
    }
}
