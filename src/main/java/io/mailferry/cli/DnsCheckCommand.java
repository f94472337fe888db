package io.mailferry.cli;

import io.mailferry.dns.DnsLookupException;
import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.DnsProperties;
import io.mailferry.dns.MxAnswer;
import io.mailferry.dns.MxRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailferry dns check DOMAIN}: asks each server for the MX of the domain and prints one line per server.
 * Exit 0 only when every server answers and all agree (with {@code --expect-mx}: all have that host as the most
 * preferred MX); a server that does not answer is never taken as agreement.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Ask every server of the zone (or the given ones) for the MX of DOMAIN.")
class DnsCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DOMAIN", description = "e.g. contoso.com")
    String domain;

    @Option(
            names = "--nameserver",
            paramLabel = "HOST[:PORT]",
            description = "Ask exactly these servers (repeatable). Default: the zone's NS hosts.")
    List<String> nameservers = new ArrayList<>();

    @Option(
            names = "--expect-mx",
            paramLabel = "HOST",
            description = "The host every server must give as the "
                    + "most preferred MX. Without it, all servers must give the same MX records.")
    String expectedMx;

    @Option(
            names = "--port",
            defaultValue = "53",
            paramLabel = "PORT",
            description = "Port of the NS hosts and of --nameserver without a port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--resolver",
            paramLabel = "HOST[:PORT]",
            description = "Resolver used to find the NS hosts (repeatable). Default: the system's.")
    List<String> resolvers = new ArrayList<>();

    @Option(
            names = "--timeout",
            defaultValue = "5",
            paramLabel = "SECONDS",
            description = "Per server (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        DnsLookupService dns =
                new DnsLookupService(new DnsProperties(resolvers, port, Duration.ofSeconds(timeoutSeconds), null));
        List<String> servers = nameservers;
        if (servers.isEmpty()) {
            try {
                servers = dns.authoritativeServers(domain);
            } catch (DnsLookupException e) {
                MailferryCli.printError(spec, "Cannot find the name servers of " + domain + ": " + e.getMessage());
                return MailferryCli.REFUSED;
            }
            if (servers.isEmpty()) {
                MailferryCli.printError(
                        spec,
                        "No name servers (NS with an A record) found for " + domain + "; give them with --nameserver");
                return MailferryCli.REFUSED;
            }
        }
        List<MxAnswer> answers;
        try {
            answers = dns.mxAt(domain, servers);
        } catch (IllegalArgumentException e) {
            MailferryCli.printError(spec, e.getMessage());
            return MailferryCli.USAGE;
        }
        return expectedMx == null ? agreement(answers) : expectation(answers);
    }

    private int expectation(List<MxAnswer> answers) {
        String expected = bare(expectedMx);
        int matching = 0;
        for (MxAnswer answer : answers) {
            String status;
            if (!answer.answered()) {
                status = "NO ANSWER: " + answer.problem();
            } else if (mostPreferredIs(answer.records(), expected)) {
                status = "MATCHES: " + answer.describe();
                matching++;
            } else {
                status = "DIFFERS: " + answer.describe();
            }
            MailferryCli.print(spec, answer.server() + " " + status);
        }
        boolean all = matching == answers.size();
        MailferryCli.print(
                spec,
                all
                        ? "OK: all " + answers.size() + " servers give " + expected + " as the most preferred MX of "
                                + domain
                        : "NOT YET: " + (answers.size() - matching) + " of " + answers.size() + " servers do not give "
                                + expected + " as the most preferred MX of " + domain);
        return all ? 0 : MailferryCli.REFUSED;
    }

    private int agreement(List<MxAnswer> answers) {
        Set<String> distinct = answers.stream()
                .filter(MxAnswer::answered)
                .map(MxAnswer::describe)
                .collect(Collectors.toSet());
        boolean silent = answers.stream().anyMatch(a -> !a.answered());
        for (MxAnswer answer : answers) {
            MailferryCli.print(
                    spec,
                    answer.server() + " "
                            + (answer.answered() ? "SEES: " + answer.describe() : "NO ANSWER: " + answer.problem()));
        }
        if (!silent && distinct.size() == 1) {
            MailferryCli.print(
                    spec,
                    "OK: all " + answers.size() + " servers give "
                            + distinct.iterator().next());
            return 0;
        }
        MailferryCli.print(
                spec,
                "DISAGREE: " + (silent ? "not every server answered" : "")
                        + (silent && distinct.size() > 1 ? "; " : "")
                        + (distinct.size() > 1 ? distinct.size() + " different MX sets" : ""));
        return MailferryCli.REFUSED;
    }

    /** The same rule as the cutover's check: every record of the lowest priority value is the expected host. */
    private static boolean mostPreferredIs(List<MxRecord> records, String expected) {
        if (records.isEmpty()) {
            return false;
        }
        int best = records.get(0).priority();
        return records.stream()
                .filter(r -> r.priority() == best)
                .allMatch(r -> r.host().equals(expected));
    }

    static String bare(String host) {
        String text = host.trim().toLowerCase(Locale.ROOT);
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
