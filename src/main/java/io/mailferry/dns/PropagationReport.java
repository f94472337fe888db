package io.mailferry.dns;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether every server asked, authoritative servers and resolvers, gives the expected record.
 *
 * @param expectation what was expected, e.g. {@code MX contoso-com.mail.protection.outlook.com preferred}
 */
public record PropagationReport(String name, String expectation, List<ServerAnswer> answers) {

    public PropagationReport {
        answers = List.copyOf(answers);
    }

    /** True only when servers were asked and all of them match: silence is not agreement. */
    public boolean allMatch() {
        return !answers.isEmpty() && answers.stream().allMatch(a -> a.status() == ServerAnswer.Status.MATCHES);
    }

    public long count(ServerAnswer.Status status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    /** One line per server, e.g. {@code 127.0.0.1:53 DIFFERS: ns2.contoso.com: MX 10 mail.contoso.com (TTL 3600)}. */
    public String summary() {
        return answers.stream().map(ServerAnswer::line).collect(Collectors.joining("\n"));
    }
}
