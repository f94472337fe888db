package io.mailferry.dns.server;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** Turns one request on the wire into one reply on the wire, whatever transport carried it. */
final class MessageHandler {
    static final int UDP_CLASSIC_LIMIT = 512;
    static final int TCP_LIMIT = 65535;
    // The EDNS buffer size recommended by DNS Flag Day 2020: avoids IP fragmentation.
    private static final int EDNS_PAYLOAD = 1232;

    private final QueryResponder queries;
    private final UpdateProcessor updates;
    private final TsigGuard tsig;
    private final boolean unsignedUpdatesFromLoopback;
    private final boolean secondary;

    MessageHandler(ZoneData zone, TsigGuard tsig, boolean unsignedUpdatesFromLoopback, boolean secondary) {
        this.queries = new QueryResponder(zone);
        this.updates = new UpdateProcessor(zone);
        this.tsig = tsig;
        this.unsignedUpdatesFromLoopback = unsignedUpdatesFromLoopback;
        this.secondary = secondary;
    }

    /** Returns the reply, or null when the request deserves none (not a request, or not even a header). */
    byte[] handle(byte[] wire, InetAddress source, boolean udp) {
        Message request;
        try {
            request = new Message(wire);
        } catch (IOException unparsable) {
            return formatError(wire);
        }
        if (request.getHeader().getFlag(Flags.QR)) {
            return null;
        }
        Message response = newResponse(request);
        OPTRecord opt = request.getOPT();
        TsigGuard.Verdict verdict = tsig.check(request, wire, response);
        if (verdict != TsigGuard.Verdict.REJECTED) {
            dispatch(request, response, verdict == TsigGuard.Verdict.SIGNED, source);
            if (opt != null) {
                // Not in rejections: dnsjava writes the OPT record last, behind their hand-made TSIG record,
                // and a TSIG record that is not last makes the whole reply unparsable.
                response.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
            }
        }
        int limit = !udp
                ? TCP_LIMIT
                : opt == null
                        ? UDP_CLASSIC_LIMIT
                        : Math.max(UDP_CLASSIC_LIMIT, Math.min(opt.getPayloadSize(), EDNS_PAYLOAD));
        return response.toWire(limit); // sets TC when the answer does not fit, so the client retries over TCP
    }

    private void dispatch(Message request, Message response, boolean signed, InetAddress source) {
        int opcode = request.getHeader().getOpcode();
        if (opcode == Opcode.QUERY) {
            if (request.getHeader().getCount(Section.QUESTION) != 1) {
                response.getHeader().setRcode(Rcode.FORMERR);
            } else {
                queries.answer(request.getQuestion(), response);
            }
        } else if (opcode == Opcode.UPDATE && secondary) {
            response.getHeader().setRcode(Rcode.NOTAUTH);
        } else if (opcode == Opcode.UPDATE) {
            boolean allowed = signed || (unsignedUpdatesFromLoopback && source.isLoopbackAddress());
            response.getHeader().setRcode(allowed ? updates.apply(request) : Rcode.REFUSED);
        } else {
            response.getHeader().setRcode(Rcode.NOTIMP);
        }
    }

    private static Message newResponse(Message request) {
        Message response = new Message(request.getHeader().getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(request.getHeader().getOpcode());
        if (request.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        if (request.getQuestion() != null) {
            response.addRecord(request.getQuestion(), Section.QUESTION);
        }
        return response;
    }

    private static byte[] formatError(byte[] wire) {
        if (wire.length < Header.LENGTH) {
            return null;
        }
        try {
            Header requestHeader = new Header(Arrays.copyOf(wire, Header.LENGTH));
            Message response = new Message(requestHeader.getID());
            response.getHeader().setFlag(Flags.QR);
            response.getHeader().setOpcode(requestHeader.getOpcode());
            response.getHeader().setRcode(Rcode.FORMERR);
            return response.toWire();
        } catch (IOException e) {
            return null;
        }
    }
}
