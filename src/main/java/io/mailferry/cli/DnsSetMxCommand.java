package io.mailferry.cli;

import io.mailferry.dns.DnsChange;
import io.mailferry.dns.DnsChangeException;
import io.mailferry.dns.DnsChangeLog;
import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.DnsProperties;
import io.mailferry.dns.MxRecord;
import io.mailferry.dns.TsigKeyFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailferry dns set-mx DOMAIN HOST}: replaces the MX records by one, as a compare-and-set (RFC 2136
 * prerequisite) on what the server had when read, so an edit by someone else in between is never overwritten.
 * With {@code --expect-current} the operator also states what the MX must be now; anything else is refused.
 */
@Command(
        name = "set-mx",
        mixinStandardHelpOptions = true,
        description = "Replace the MX records of DOMAIN by one record pointing at HOST (TSIG-signed RFC 2136 update).")
class DnsSetMxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "e.g. contoso.com")
    String domain;

    @Parameters(index = "1", paramLabel = "HOST", description = "the new mail exchanger")
    String host;

    @Option(
            names = "--server",
            required = true,
            paramLabel = "HOST[:PORT]",
            description = "The zone's primary server, which accepts updates.")
    String server;

    @Option(
            names = "--tsig-key-file",
            required = true,
            paramLabel = "FILE",
            description = "Key as written by tsig-keygen: key \"name\" { algorithm …; secret \"…\"; };")
    Path keyFile;

    @Option(
            names = "--expect-current",
            paramLabel = "HOST",
            description = "The MX host(s) the domain must have now (repeatable); refused otherwise.")
    List<String> expectCurrent = new ArrayList<>();

    @Option(names = "--priority", defaultValue = "0", description = "(default: ${DEFAULT-VALUE})")
    int priority;

    @Option(names = "--ttl", defaultValue = "3600", description = "seconds (default: ${DEFAULT-VALUE})")
    long ttl;

    @Option(
            names = "--timeout",
            defaultValue = "5",
            paramLabel = "SECONDS",
            description = "Per request (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        TsigKeyFile key;
        try {
            key = TsigKeyFile.read(keyFile);
        } catch (IllegalArgumentException e) {
            MailferryCli.printError(spec, e.getMessage());
            return MailferryCli.USAGE;
        }
        DnsChangeService dns = new DnsChangeService(
                new DnsProperties(
                        List.of(),
                        DnsProperties.DNS_PORT,
                        Duration.ofSeconds(timeoutSeconds),
                        new DnsProperties.DynamicUpdate(server, null, null, null)),
                key,
                DnsChangeLog.NONE);
        try {
            List<MxRecord> current = dns.currentMx(domain);
            if (!expectCurrent.isEmpty() && !hosts(current).equals(expected())) {
                MailferryCli.printError(
                        spec,
                        "Refused: the MX of " + domain + " on " + server + " is not what was "
                                + "expected: expected MX " + String.join(", ", expected()) + ", found "
                                + describe(current)
                                + ". Nothing was changed; someone else edited the zone, find out why before retrying.");
                return MailferryCli.REFUSED;
            }
            DnsChange change = dns.replaceMx(domain, current, host, priority, ttl);
            MailferryCli.print(
                    spec,
                    "Changed the MX of " + change.name() + " on " + change.server() + " (zone " + change.zone()
                            + ", key '" + key.keyName() + "')");
            MailferryCli.print(spec, "  before: " + describe(current));
            MailferryCli.print(
                    spec, "  after:  MX " + priority + " " + DnsCheckCommand.bare(host) + " (TTL " + ttl + ")");
            return 0;
        } catch (DnsChangeException e) {
            MailferryCli.printError(spec, "Refused: " + e.getMessage());
            return MailferryCli.REFUSED;
        } catch (IllegalArgumentException e) {
            MailferryCli.printError(spec, e.getMessage());
            return MailferryCli.USAGE;
        }
    }

    private Set<String> expected() {
        return expectCurrent.stream().map(DnsCheckCommand::bare).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> hosts(List<MxRecord> records) {
        return records.stream().map(MxRecord::host).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(List<MxRecord> records) {
        return records.isEmpty()
                ? "no MX records"
                : "MX " + records.stream().map(MxRecord::toString).collect(Collectors.joining(", "));
    }
}
