package io.mailferry.cli;

import io.mailferry.mailboxlist.BatchSize;
import io.mailferry.mailboxlist.ListEntry;
import io.mailferry.mailboxlist.ListLimits;
import io.mailferry.mailboxlist.ListProblem;
import io.mailferry.mailboxlist.MailboxListValidator;
import io.mailferry.mailboxlist.ValidatedList;
import io.mailferry.mailboxlist.ValidationRules;
import io.mailferry.tenant.TenantNames;
import io.mailferry.text.Shown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailferry csv validate FILE}: the upload's checks without uploading (no database, no secret store), so a
 * list can be fixed on the admin's laptop. Prints every problem as {@code row N, column C: reason} and exits 1 if
 * there is any; otherwise the number of mailboxes and batches.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check a mailbox list (EmailAddress,Password,ForceChangePassword) as the upload would.")
class CsvValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The CSV file (UTF-8 or UTF-16 with byte order mark).")
    Path file;

    @Option(
            names = "--split",
            description =
                    "Divide a list longer than one batch (--batch-size) into batches " + "instead of refusing it.")
    boolean split;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "The most mailboxes per batch, 1 to " + MailboxListValidator.MAX_BATCH_SIZE
                    + " (default), which --split divides into.")
    int batchSize = MailboxListValidator.MAX_BATCH_SIZE;

    @Option(
            names = "--domain",
            paramLabel = "DOMAIN",
            split = ",",
            description = "A verified domain of the "
                    + "organisation (repeatable). Without any, the addresses' domains are not checked.")
    List<String> domains = new ArrayList<>();

    @Option(
            names = "--single-sign-on",
            description = "The organisation signs in with AD FS: ForceChangePassword " + "must be False.")
    boolean singleSignOn;

    @Override
    public Integer call() {
        String badBatchSize = ValidationRules.batchSizeProblem(batchSize);
        if (badBatchSize != null) {
            MailferryCli.printError(spec, "--batch-size: " + badBatchSize);
            return MailferryCli.USAGE;
        }
        byte[] content;
        Set<String> verified;
        try {
            long size = Files.size(file);
            if (size > ListLimits.MAX_BYTES) {
                MailferryCli.print(spec, MailboxListValidator.tooLarge(size).describe());
                return MailferryCli.REFUSED;
            }
            content = Files.readAllBytes(file);
            verified = verifiedDomains();
        } catch (NoSuchFileException e) {
            MailferryCli.printError(spec, "No such file: " + file);
            return MailferryCli.USAGE;
        } catch (IOException e) {
            MailferryCli.printError(spec, "Cannot read " + file + ": " + e.getMessage());
            return MailferryCli.USAGE;
        } catch (IllegalArgumentException e) {
            MailferryCli.printError(spec, "--domain: " + e.getMessage());
            return MailferryCli.USAGE;
        }
        if (verified == null) {
            MailferryCli.print(spec, "Domains not checked: give the organisation's verified domains with --domain.");
        }
        ValidationRules rules = new ValidationRules(verified, singleSignOn, split, batchSize);
        try (ValidatedList list = new MailboxListValidator(rules).validate(content)) {
            if (!list.valid()) {
                list.problems().stream().map(ListProblem::describe).forEach(line -> MailferryCli.print(spec, line));
                long count = list.problemCount();
                MailferryCli.print(
                        spec,
                        file + ": " + Shown.count(count) + (count == 1 ? " problem" : " problems")
                                + "; fix the file and check it again.");
                return MailferryCli.REFUSED;
            }
            List<BatchSize> batches = list.batches();
            MailferryCli.print(
                    spec,
                    list.mailboxes() + (list.mailboxes() == 1 ? " mailbox" : " mailboxes") + " in " + batches.size()
                            + (batches.size() == 1 ? " batch" : " batches") + " of at most " + batchSize);
            for (BatchSize batch : batches) {
                List<ListEntry> rows = list.entries().stream()
                        .filter(e -> e.batch() == batch.number())
                        .toList();
                MailferryCli.print(
                        spec,
                        "  batch " + batch.number() + ": " + batch.mailboxes() + " (rows "
                                + rows.get(0).row() + "–"
                                + rows.get(rows.size() - 1).row() + ")");
            }
            return 0;
        }
    }

    /** Null when none were given: the check is skipped then. */
    private Set<String> verifiedDomains() {
        if (domains.isEmpty()) {
            return null;
        }
        Set<String> verified = new LinkedHashSet<>();
        for (String domain : domains) {
            String bare = DnsCheckCommand.bare(domain);
            verified.add(TenantNames.domain(bare));
        }
        return verified;
    }
}
