package io.mailferry.dns;

import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Sends one DNS message to one server and turns whatever happens into an {@link Answer} that can be explained
 * to an operator. Asynchronous, so several servers can be asked at once.
 */
final class DnsClient {
    private final Duration timeout;

    DnsClient(Duration timeout) {
        this.timeout = timeout;
    }

    /** @param recursive false when asking an authoritative server, which must answer from its own data */
    CompletableFuture<Answer> ask(InetSocketAddress server, Name name, int type, boolean recursive) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (!recursive) {
            query.getHeader().unsetFlag(Flags.RD);
        }
        return send(server, query, null);
    }

    CompletableFuture<Answer> send(InetSocketAddress server, Message message, TSIG key) {
        String label = ServerAddresses.print(server);
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
        if (key != null) {
            resolver.setTSIGKey(key);
        }
        try {
            return resolver.sendAsync(message)
                    .toCompletableFuture()
                    .handle((response, error) -> error == null
                            ? new Answer(label, response, null)
                            : new Answer(label, null, describe(error)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Answer(label, null, describe(e)));
        }
    }

    /**
     * Asks {@code servers} one after the other until one gives a definitive answer (NOERROR or NXDOMAIN); a
     * resolver that times out or fails must not hide the others.
     */
    Answer askFirst(List<InetSocketAddress> servers, Name name, int type, boolean recursive) {
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            Answer answer = ask(server, name, type, recursive).join();
            if (answer.definitive()) {
                return answer;
            }
            failures.add(answer.server() + " " + answer.problem());
        }
        throw new DnsLookupException("Cannot look up " + Type.string(type) + " " + ServerAddresses.bare(name) + ": "
                + (failures.isEmpty() ? "no DNS server configured" : String.join("; ", failures)));
    }

    /**
     * The apex of the zone {@code name} is in: the closest enclosing name that owns an SOA. Walks up rather than
     * reading the SOA from a negative answer, because for a CNAME that answer describes the target's zone.
     */
    Name zoneOf(Name name, List<InetSocketAddress> servers, boolean recursive) {
        for (Name candidate = name; candidate.labels() > 1; candidate = new Name(candidate, 1)) {
            Answer answer = askFirst(servers, candidate, Type.SOA, recursive);
            for (Record record : answer.records(Type.SOA)) {
                if (record.getName().equals(candidate) && record instanceof SOARecord) {
                    return candidate;
                }
            }
        }
        throw new DnsLookupException("No zone found for " + ServerAddresses.bare(name) + ": no SOA record at "
                + "it or any parent name (asked "
                + servers.stream().map(ServerAddresses::print).toList() + ")");
    }

    private String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
            return "timed out after " + human(timeout);
        }
        if (cause instanceof PortUnreachableException) {
            return "is unreachable (ICMP port unreachable: nothing listens there)";
        }
        if (cause instanceof java.net.ConnectException) {
            return "refused the connection (nothing listens there)";
        }
        if (cause instanceof WireParseException) {
            return "sent a reply that cannot be parsed (" + cause.getMessage() + ")";
        }
        String message = cause.getMessage();
        return "failed: " + cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /**
     * One server's reply, or why there is none.
     *
     * @param server  {@code host:port}
     * @param response null when the server gave no reply
     * @param failure why there is no reply, phrased to follow the server, e.g. "timed out after 5s"
     */
    record Answer(String server, Message response, String failure) {

        boolean replied() {
            return response != null;
        }

        int rcode() {
            return response == null ? -1 : response.getRcode();
        }

        String rcodeName() {
            return Rcode.string(rcode());
        }

        boolean definitive() {
            return rcode() == Rcode.NOERROR || rcode() == Rcode.NXDOMAIN;
        }

        /** "timed out after 5s" or "answered SERVFAIL": what went wrong, for an answer that is not definitive. */
        String problem() {
            return response == null ? failure : "answered " + rcodeName();
        }

        List<Record> records(int type) {
            if (response == null) {
                return List.of();
            }
            return response.getSection(Section.ANSWER).stream()
                    .filter(r -> r.getType() == type)
                    .toList();
        }
    }
}
