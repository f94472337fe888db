package io.mailferry.dns.server;

import java.time.Instant;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * Checks TSIG signatures on requests and signs the replies (RFC 8945). Without a configured key every signed
 * request is answered BADKEY, because the server cannot vouch for a key it does not know.
 */
final class TsigGuard {
    private final TSIG key;

    /** @param key the zone's key, or null when the server has none */
    TsigGuard(TSIG key) {
        this.key = key;
    }

    /**
     * Verifies {@code request} (parsed from {@code wire}) and prepares {@code response}: signed when the request
     * was, complete (NOTAUTH plus the TSIG error) when the request is {@link Verdict#REJECTED}.
     */
    Verdict check(Message request, byte[] wire, Message response) {
        TSIGRecord requestTsig = request.getTSIG();
        if (requestTsig == null) {
            return Verdict.UNSIGNED;
        }
        int error = key == null ? Rcode.BADKEY : key.verify(request, wire, null);
        if (error == Rcode.NOERROR) {
            response.setTSIG(key, Rcode.NOERROR, requestTsig);
            return Verdict.SIGNED;
        }
        response.getHeader().setRcode(Rcode.NOTAUTH);
        if (error == Rcode.BADTIME) {
            // The key is right, so the reply can be signed and carry our clock for the client (RFC 8945 §5.2.3).
            response.setTSIG(key, Rcode.BADTIME, requestTsig);
        } else {
            // BADKEY/BADSIG replies are unsigned: signing with a key the client may not share proves nothing.
            response.addRecord(
                    new TSIGRecord(
                            requestTsig.getName(),
                            DClass.ANY,
                            0,
                            requestTsig.getAlgorithm(),
                            Instant.now(),
                            requestTsig.getFudge(),
                            new byte[0],
                            request.getHeader().getID(),
                            error,
                            new byte[0]),
                    Section.ADDITIONAL);
        }
        return Verdict.REJECTED;
    }

    enum Verdict {
        UNSIGNED,
        SIGNED,
        REJECTED
    }
}
