package io.mailferry.cli;

import io.mailferry.mailbox.MailboxSyncException;
import io.mailferry.mailbox.SliceResult;
import io.mailferry.mailbox.StandaloneSync;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code mailferry sync --mailboxes FILE.csv}: every mailbox pair of a list, {@code --parallel-mailboxes} at once, on
 * the same engine and state as a single {@code sync} (a pair synced before, alone or in a list, resumes as a delta
 * pass). The whole list is checked, every password file read, before the first connection; a mailbox that fails
 * does not stop the others, and is named with its row at the end.
 */
final class SyncBatch {
    /** Far more than a source server lets one client hold (each mailbox holds 2 + 2 × folders connections). */
    static final int MAX_PARALLEL = 64;

    private record Job(MailboxCsv.Pair pair, StandaloneSync.Account from, StandaloneSync.Account to) {}

    private final SyncCommand command;

    SyncBatch(SyncCommand command) {
        this.command = command;
    }

    int call() {
        List<Job> jobs = new ArrayList<>();
        long limit;
        try {
            List<String> given = command.singleMailboxOptions().entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .map(java.util.Map.Entry::getKey)
                    .toList();
            if (!given.isEmpty()) {
                throw new IllegalArgumentException(
                        "--mailboxes takes the mailbox pairs from its file; drop " + String.join(", ", given));
            }
            if (command.parallelMailboxes < 1 || command.parallelMailboxes > MAX_PARALLEL) {
                throw new IllegalArgumentException("--parallel-mailboxes must be between 1 and " + MAX_PARALLEL
                        + ", not " + command.parallelMailboxes);
            }
            limit = command.messageSizeLimit();
            for (MailboxCsv.Pair pair : MailboxCsv.read(command.mailboxes)) {
                StandaloneSync.Account from = command.account(
                        pair.where(MailboxCsv.SOURCE) + ":",
                        pair.source(),
                        pair.where(MailboxCsv.SOURCE_PASSWORD_FILE) + ":",
                        pair.sourcePasswordFile(),
                        command.sourceCertificate);
                jobs.add(new Job(pair, from, null));
                StandaloneSync.Account to = command.account(
                        pair.where(MailboxCsv.TARGET) + ":",
                        pair.target(),
                        pair.where(MailboxCsv.TARGET_PASSWORD_FILE) + ":",
                        pair.targetPasswordFile(),
                        command.targetCertificate);
                jobs.set(jobs.size() - 1, new Job(pair, from, to));
            }
        } catch (IllegalArgumentException e) {
            forget(jobs);
            MailferryCli.printError(command.spec, e.getMessage());
            return MailferryCli.USAGE;
        }
        try {
            // each server warned about once, not once per row
            Set<String> warned = new LinkedHashSet<>();
            command.warnPlaintext(jobs.stream()
                    .flatMap(j -> java.util.stream.Stream.of(j.from(), j.to()))
                    .filter(a -> warned.add(a.server().toString()))
                    .toList());
            return run(jobs, limit);
        } finally {
            forget(jobs);
        }
    }

    private int run(List<Job> jobs, long limit) {
        int parallel = Math.min(command.parallelMailboxes, jobs.size());
        StandaloneSync engine;
        try {
            // a connection per folder thread and one per mailbox for its own rows
            engine = StandaloneSync.open(command.state, parallel * (command.parallelFolders + 1) + 1);
        } catch (MailboxSyncException e) {
            MailferryCli.printError(command.spec, "Sync failed: " + e.getMessage());
            return MailferryCli.REFUSED;
        }
        long started = System.nanoTime();
        List<ParallelMailboxes.Done<Job, StandaloneSync.Outcome>> outcomes = ParallelMailboxes.run(
                jobs, parallel, job -> command.syncWithRetries(engine, job.from(), job.to(), limit), this::report);
        double seconds = (System.nanoTime() - started) / 1e9;
        int copied = 0;
        int flags = 0;
        long bytes = 0;
        int deleted = 0;
        int skipped = 0;
        int inSync = 0;
        List<String> failed = new ArrayList<>();
        for (ParallelMailboxes.Done<Job, StandaloneSync.Outcome> done : outcomes) {
            if (done.failed()) {
                failed.add(done.item().pair().where());
                continue;
            }
            SliceResult r = done.result().result();
            copied += r.messagesCopied();
            flags += r.flagsUpdated();
            bytes += r.bytes();
            deleted += r.deleted();
            skipped += done.result().skipped().size();
            inSync += inSync(done.result()) ? 1 : 0;
        }
        if (!failed.isEmpty()) {
            MailferryCli.printError(command.spec, "Failed: " + String.join("; ", failed));
        }
        SliceResult total = new SliceResult(true, copied, flags, 0, bytes, 0, deleted);
        MailferryCli.print(
                command.spec,
                String.format(
                        Locale.ROOT,
                        "Summary: mailboxes %d, in sync %d, failed %d, %s, %s",
                        jobs.size(),
                        inSync,
                        failed.size(),
                        command.counts(total, skipped, seconds),
                        inSync == jobs.size() ? "in sync" : "NOT in sync"));
        if (!failed.isEmpty()) {
            return MailferryCli.REFUSED;
        }
        return inSync == jobs.size() ? 0 : SyncCommand.SKIPPED;
    }

    /** One line per mailbox as it ends (and its skipped messages), so a long run shows its progress. */
    private void report(ParallelMailboxes.Done<Job, StandaloneSync.Outcome> done) {
        Job job = done.item();
        String name = "Mailbox " + job.pair().where() + " (" + job.from().user() + " -> "
                + job.to().user() + ")";
        if (done.failed()) {
            MailferryCli.printError(
                    command.spec, name + " failed: " + done.failure().getMessage());
            return;
        }
        StandaloneSync.Outcome outcome = done.result();
        outcome.skipped()
                .forEach(s -> MailferryCli.print(
                        command.spec, "Skipped: " + job.pair().where() + ": " + s));
        MailferryCli.print(
                command.spec,
                name + ": "
                        + command.counts(
                                outcome.result(),
                                outcome.skipped().size(),
                                outcome.elapsed().toNanos() / 1e9)
                        + ", " + (inSync(outcome) ? "in sync" : "NOT in sync"));
    }

    private static boolean inSync(StandaloneSync.Outcome outcome) {
        return outcome.result().complete() && outcome.skipped().isEmpty();
    }

    private static void forget(List<Job> jobs) {
        for (Job job : jobs) {
            for (StandaloneSync.Account account : Arrays.asList(job.from(), job.to())) {
                if (account != null) {
                    Arrays.fill(account.password(), '\0');
                }
            }
        }
    }
}
