package io.mailferry.dns;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/** Explains a refused or unanswered RFC 2136 update so that an operator knows what to fix. */
final class UpdateFailures {
    private static final long FUDGE_MINUTES = TSIG.FUDGE.toMinutes();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private UpdateFailures() {}

    /**
     * @param what  the change, e.g. {@code add TXT "MS=ms1" at contoso.com}
     * @param keys  where the update's key came from; its name is null when the update was unsigned
     * @return null when the update was applied
     */
    static DnsChangeException explain(DnsClient.Answer answer, String zone, String what, TsigKeySource keys) {
        String key = keys.keyName();
        String head = answer.server() + " did not apply the update of zone " + zone + " (" + what + ")";
        if (!answer.replied()) {
            return new DnsChangeException("No reply from " + answer.server() + " to the update of zone " + zone
                    + " (" + what + "): " + answer.failure()
                    + ". The change may or may not have been made; check the zone before retrying.");
        }
        TSIGRecord tsig = answer.response().getTSIG();
        int rcode = answer.rcode();
        if (rcode == Rcode.NOTAUTH && tsig != null && tsig.getError() != Rcode.NOERROR) {
            String advice = tsig.getError() == Rcode.BADTIME
                    ? clockAdvice(tsig, answer.server())
                    : tsigAdvice(tsig.getError(), key, keys.secretOrigin());
            return new DnsChangeException(
                    head + ": NOTAUTH, TSIG " + Rcode.TSIGstring(tsig.getError()) + ". " + advice);
        }
        if (rcode == Rcode.NOERROR) {
            if (key != null && !answer.response().isVerified()) {
                return new DnsChangeException(answer.server() + " reported the update of zone " + zone + " (" + what
                        + ") as done, but its reply does not carry a valid signature of key '" + key
                        + "'; the outcome cannot be trusted, check the zone.");
            }
            return null;
        }
        return new DnsChangeException(head + ": " + Rcode.string(rcode) + ". " + advice(rcode, zone, key));
    }

    private static String tsigAdvice(int error, String key, String origin) {
        if (error == Rcode.BADKEY) {
            return "Wrong key: the server does not know key '" + key + "' with this algorithm; compare the key "
                    + "name and algorithm with the server's key definition (" + origin + ").";
        }
        if (error == Rcode.BADSIG) {
            return "Wrong key: the signature made with key '" + key + "' did not verify, so the secret differs "
                    + "from the server's (" + origin + ").";
        }
        return "The server rejected the TSIG signature of key '" + key + "'.";
    }

    /**
     * A BADTIME reply carries the server's clock in its other data and, as its time signed, the time this host put
     * into the request (RFC 8945 §5.2.3), so the message can say how far apart the two clocks are, and the operator
     * knows which one to look at.
     */
    private static String clockAdvice(TSIGRecord tsig, String server) {
        Instant now = tsig.getTimeSigned() != null ? tsig.getTimeSigned() : Instant.now();
        String general = "The clocks of " + server + " and of this host differ by more than the " + FUDGE_MINUTES
                + " minutes TSIG allows, so the server refuses the signature as too old or from the future: "
                + "set both clocks right (NTP), then retry.";
        byte[] other = tsig.getOther();
        if (other == null || other.length != 6) {
            return general;
        }
        long serverSeconds = 0;
        for (byte b : other) {
            serverSeconds = (serverSeconds << 8) | (b & 0xFF);
        }
        Instant serverTime = Instant.ofEpochSecond(serverSeconds);
        Duration skew = Duration.between(now, serverTime);
        // whole minutes: the operator needs the size, not the precision
        long minutes = Math.round(Math.abs(skew.toMillis()) / 60_000.0);
        return "The clock of " + server + " says " + TIME.format(serverTime) + ", this host's said "
                + TIME.format(now) + " when it signed the update: about " + minutes + " minutes "
                + (skew.isNegative() ? "behind" : "ahead") + ", more than the " + FUDGE_MINUTES + " minutes TSIG "
                + "allows, so the server refuses the signature. Set the wrong clock right (NTP), then retry.";
    }

    private static String advice(int rcode, String zone, String key) {
        if (rcode == Rcode.REFUSED) {
            return key == null
                    ? "The server does not accept unsigned updates from this host: configure a TSIG key "
                            + "(mailferry.dns.update.tsig-*) or allow this address on the server."
                    : "Either key '" + key + "' is not allowed to update " + zone + " (check the server's "
                            + "update policy), or the server refused the content, e.g. BIND refuses an MX whose "
                            + "target is inside the zone but has no address record; its log says which.";
        }
        if (rcode == Rcode.NOTAUTH) {
            return "The server is not authoritative (primary) for " + zone
                    + ": point mailferry.dns.update.server at the zone's primary server.";
        }
        if (rcode == Rcode.NOTZONE) {
            return "A name in the update is outside zone " + zone + ".";
        }
        if (rcode == Rcode.SERVFAIL) {
            return "The server failed while applying it (see its log); nothing should have changed.";
        }
        if (rcode == Rcode.NOTIMP) {
            return "The server does not implement dynamic updates: make the change by hand.";
        }
        if (rcode == Rcode.NXRRSET || rcode == Rcode.YXRRSET || rcode == Rcode.NXDOMAIN || rcode == Rcode.YXDOMAIN) {
            return "A prerequisite did not hold: the zone is not in the state the change was based on.";
        }
        return "Nothing was changed.";
    }
}
