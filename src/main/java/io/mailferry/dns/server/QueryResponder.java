package io.mailferry.dns.server;

import java.util.List;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Answers standard queries for one zone the way an authoritative server does (RFC 1034 §4.3.2, RFC 2308). */
final class QueryResponder {
    // Enough for any chain a test or the demo builds; stops a CNAME loop inside the zone.
    private static final int MAX_CNAME_HOPS = 8;

    private final ZoneData zone;

    QueryResponder(ZoneData zone) {
        this.zone = zone;
    }

    /** Fills {@code response} (header, question already copied) for {@code question}. */
    void answer(Record question, Message response) {
        Name qname = question.getName();
        int qtype = question.getType();
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return;
        }
        if (!zone.inZone(qname)) {
            // Not our zone and we do not recurse: REFUSED is what authoritative-only servers answer.
            response.getHeader().setRcode(Rcode.REFUSED);
            return;
        }
        response.getHeader().setFlag(Flags.AA);
        synchronized (zone) {
            Name name = qname;
            for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
                List<Record> records = qtype == Type.ANY ? zone.all(name) : zone.rrset(name, qtype);
                if (!records.isEmpty()) {
                    records.forEach(r -> response.addRecord(r, Section.ANSWER));
                    addAdditional(records, response);
                    return;
                }
                List<Record> cname = zone.rrset(name, Type.CNAME);
                if (cname.isEmpty()) {
                    negative(name, response);
                    return;
                }
                response.addRecord(cname.get(0), Section.ANSWER);
                name = ((CNAMERecord) cname.get(0)).getTarget();
                if (!zone.inZone(name)) {
                    return; // the resolver follows a target outside the zone itself
                }
            }
        }
    }

    private void negative(Name name, Message response) {
        if (!zone.exists(name) && !zone.isEmptyNonTerminal(name)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        SOARecord soa = zone.soa();
        // RFC 2308 §3: the negative answer is cached for min(SOA TTL, SOA MINIMUM).
        response.addRecord(ZoneData.withTtl(soa, Math.min(soa.getTTL(), soa.getMinimum())), Section.AUTHORITY);
    }

    /** Addresses of in-zone NS and MX targets, so a client need not ask again (RFC 1034 §3.7). */
    private void addAdditional(List<Record> records, Message response) {
        for (Record record : records) {
            Name target =
                    record.getType() == Type.NS || record.getType() == Type.MX ? record.getAdditionalName() : null;
            if (target != null && zone.inZone(target)) {
                zone.rrset(target, Type.A).forEach(a -> addOnce(a, response));
                zone.rrset(target, Type.AAAA).forEach(a -> addOnce(a, response));
            }
        }
    }

    private static void addOnce(Record record, Message response) {
        if (!response.findRecord(record, Section.ADDITIONAL)) {
            response.addRecord(record, Section.ADDITIONAL);
        }
    }
}
