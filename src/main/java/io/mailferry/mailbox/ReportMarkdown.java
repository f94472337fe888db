package io.mailferry.mailbox;

import io.mailferry.batch.MailboxStatus;
import io.mailferry.mailbox.MigrationReportService.MailboxReport;
import io.mailferry.text.Fit;
import io.mailferry.text.Inert;
import io.mailferry.text.Shown;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The migration report as the review form shows it, in Markdown: totals, the mailboxes without folder counts and
 * why, the folders, each pass's statistics and the skipped messages — each part as far as it fits, with what did not
 * fit counted and a link to the full report. Everything from the servers and the mailboxes (addresses, folder names,
 * errors, skip reasons) goes in {@link Inert}, so only the report's own Markdown is markup.
 */
final class ReportMarkdown {
    /** Camunda keeps String variables up to 4,000 characters; the full report is on /api/batches/{id}/report. */
    static final int MAX_MARKDOWN = 3_900;

    private static final int MAX_PASS_ROWS = 10;
    /** The closing line: what was not shown, and the link to the full report. */
    private static final int CLOSING = 200;
    /** What the lists of mailboxes without counts get at least, together; more when the tables leave room. */
    private static final int MIN_PROBLEMS = 1_200;

    private static final int MIN_LIST = 400;
    /** Kept free by the folder table for the first rows of the pass table, and by that for the skipped messages. */
    private static final int PASS_TABLE_RESERVE = 900;

    private static final int SKIPPED_RESERVE = 300;
    /**
     * Escaping included ({@code &} is five characters, {@code &#38;}): a folder name of 100 characters fits with half
     * of them punctuation.
     */
    private static final int CELL = 320;

    private ReportMarkdown() {}

    /** The report of batch {@code batchId}, whose full version is at /api/batches/{batchId}/report. */
    static String of(long batchId, List<MailboxReport> reports) {
        String link = "/api/batches/" + batchId + "/report";
        String totals = totals(reports);
        List<Group> problems = problems(reports);
        // the tables take what the lists of problems leave them at least; the lists then take what the tables left
        int room = MAX_MARKDOWN - CLOSING - totals.length();
        Budget out = new Budget(room - least(problems));
        int foldersLeft = folderTable(out, reports);
        int passesLeft = passTable(out, reports);
        int skippedLeft = skippedList(out, reports);
        out.text.insert(0, totals + render(problems, room - out.text.length()));
        StringBuilder closing = new StringBuilder("\n");
        if (foldersLeft + passesLeft + skippedLeft > 0) {
            closing.append("Not shown here: ")
                    .append(Shown.count(foldersLeft))
                    .append(" folder rows, ")
                    .append(Shown.count(passesLeft))
                    .append(" pass rows, ")
                    .append(Shown.count(skippedLeft))
                    .append(" skipped messages. ");
        }
        closing.append("The full report: [")
                .append(link)
                .append("](")
                .append(link)
                .append(")\n");
        return Fit.cut(out.text.append(closing).toString(), MAX_MARKDOWN);
    }

    /** Markdown text growing line by line up to its limit. */
    private static final class Budget {
        final StringBuilder text = new StringBuilder();
        final int max;

        Budget(int max) {
            this.max = max;
        }

        /** Appends {@code line} when {@code reserve} characters stay free after it. */
        boolean fits(String line, int reserve) {
            if (text.length() + line.length() + reserve > max) {
                return false;
            }
            text.append(line);
            return true;
        }
    }

    private static String totals(List<MailboxReport> reports) {
        Map<MailboxStatus, Long> byStatus = new EnumMap<>(MailboxStatus.class);
        reports.forEach(r -> byStatus.merge(r.mailbox().status(), 1L, Long::sum));
        return "**Totals:** " + Shown.count(reports.size()) + " mailboxes ("
                + byStatus.entrySet().stream()
                        .map(e -> Shown.count(e.getValue()) + " "
                                + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .collect(Collectors.joining(", "))
                + "), "
                + Shown.count(reports.stream()
                        .mapToLong(MailboxReport::sourceMessages)
                        .sum())
                + " messages at the source, "
                + Shown.count(reports.stream()
                        .mapToLong(MailboxReport::targetMessages)
                        .sum())
                + " on Microsoft 365, "
                + Shown.count(reports.stream().mapToLong(MailboxReport::skipped).sum())
                + " skipped.\n";
    }

    /** A list of mailboxes without folder counts, under a sentence that says what it means. */
    private record Group(String header, List<String> items) {}

    /**
     * The mailboxes without folder counts, each with the reason, in up to three groups: those whose last sync failed
     * (not finished: retried, and what comes after the review waits for them), those an operator left out, and those
     * whose folders could not be counted just now.
     */
    private static List<Group> problems(List<MailboxReport> reports) {
        List<String> failed = reasons(reports, r -> r.mailbox().status() == MailboxStatus.FAILED);
        List<String> leftOut = reasons(reports, r -> r.mailbox().status() == MailboxStatus.LEFT_OUT);
        List<String> uncounted = reasons(
                reports,
                r -> r.mailbox().status() != MailboxStatus.FAILED && r.mailbox().status() != MailboxStatus.LEFT_OUT);
        List<Group> groups = new ArrayList<>();
        if (!failed.isEmpty()) {
            groups.add(new Group(
                    "\n⚠ **" + Shown.count(failed.size()) + " mailboxes are not finished: their last sync failed.**"
                            + " Each is retried on its own (one that cannot be opened waits in its task \"Resolve the"
                            + " mailbox problem\", where it can also be left out); until a sync succeeds it is not"
                            + " converted to a mail-enabled user and holds back the batch's deletion.\n",
                    failed));
        }
        if (!leftOut.isEmpty()) {
            groups.add(new Group(
                    "\n**" + Shown.count(leftOut.size()) + " mailboxes were left out** of this batch by an operator;"
                            + " nothing waits for them.\n",
                    leftOut));
        }
        if (!uncounted.isEmpty()) {
            groups.add(new Group(
                    "\n⚠ **" + Shown.count(uncounted.size()) + " mailboxes could not be counted:**\n", uncounted));
        }
        return groups;
    }

    /** What the groups need at least: their sentences and {@link #MIN_PROBLEMS} for the lists, 400 each at least. */
    private static int least(List<Group> groups) {
        return groups.isEmpty()
                ? 0
                : groups.stream().mapToInt(g -> g.header().length() + 1).sum()
                        + Math.max(MIN_PROBLEMS, groups.size() * MIN_LIST);
    }

    /** The groups in {@code room} characters (at least {@link #least}), shared evenly between their lists. */
    private static String render(List<Group> groups, int room) {
        if (groups.isEmpty()) {
            return "";
        }
        int lists =
                room - groups.stream().mapToInt(g -> g.header().length() + 1).sum();
        StringBuilder text = new StringBuilder();
        for (Group group : groups) {
            text.append(group.header())
                    .append(Shown.firstOf(group.items(), lists / groups.size()))
                    .append('\n');
        }
        return text.toString();
    }

    private static List<String> reasons(List<MailboxReport> reports, Predicate<MailboxReport> which) {
        return reports.stream()
                .filter(r -> r.error() != null && which.test(r))
                .map(r -> r.mailbox().sourceAddress() + ": " + oneLine(r.error()))
                .toList();
    }

    /** Per mailbox and folder, source against target; returns how many rows did not fit. */
    private static int folderTable(Budget out, List<MailboxReport> reports) {
        String header = "\n| Mailbox | Folder | Source | Microsoft 365 | Skipped |\n|---|---|---:|---:|---:|\n";
        int left = 0;
        boolean headed = false;
        for (MailboxReport r : reports) {
            for (FolderReport f : r.folders()) {
                String row = "| " + cell(r.mailbox().sourceAddress()) + " | " + cell(f.sourceFolder()) + " | "
                        + f.sourceMessages() + " | " + f.targetMessages()
                        + (f.sourceMessages() == f.targetMessages() ? "" : " ⚠") + " | "
                        + (f.skipped() == 0 ? "" : f.skipped()) + " |\n";
                headed = headed || left == 0 && out.fits(header, row.length() + PASS_TABLE_RESERVE);
                if (!headed || left > 0 || !out.fits(row, PASS_TABLE_RESERVE)) {
                    left++;
                }
            }
        }
        return left;
    }

    /** Like Get-MigrationUserStatistics: per mailbox and pass, what was synced, how fast, and when. */
    private static int passTable(Budget out, List<MailboxReport> reports) {
        String header =
                "\n| Mailbox | Pass | Synced | Skipped | Size | Duration | Rate | Last synced (UTC) | Errors |\n"
                        + "|---|---|---:|---:|---:|---:|---:|---|---:|\n";
        int shown = 0;
        int left = 0;
        boolean headed = false;
        for (MailboxReport r : reports) {
            for (PassStatistics p : r.passes()) {
                String row = String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %d | %s | %.1f s | %.1f msgs/s | %s | %d |%n",
                        cell(r.mailbox().sourceAddress()),
                        p.pass().toLowerCase(Locale.ROOT),
                        p.copied(),
                        p.skipped(),
                        Sizes.human(p.bytes()),
                        p.durationMs() / 1000.0,
                        p.messagesPerSecond(),
                        p.lastSyncedAt() == null ? "running" : p.lastSyncedAt().truncatedTo(ChronoUnit.SECONDS),
                        p.errors());
                headed = headed || left == 0 && out.fits(header, row.length() + SKIPPED_RESERVE);
                if (headed && left == 0 && shown < MAX_PASS_ROWS && out.fits(row, SKIPPED_RESERVE)) {
                    shown++;
                } else {
                    left++;
                }
            }
        }
        return left;
    }

    /** Why messages were skipped, one line each. */
    private static int skippedList(Budget out, List<MailboxReport> reports) {
        int left = 0;
        boolean headed = false;
        for (MailboxReport r : reports) {
            for (FolderReport f : r.folders()) {
                for (String reason : f.skippedReasons()) {
                    String line = "- "
                            + Inert.markdown(
                                    r.mailbox().sourceAddress() + " / " + f.sourceFolder() + ": " + reason, Shown.ITEM)
                            + "\n";
                    headed = headed || left == 0 && out.fits("\nSkipped messages:\n", line.length());
                    if (!headed || left > 0 || !out.fits(line, 0)) {
                        left++;
                    }
                }
            }
        }
        return left;
    }

    /**
     * A table cell: inert (a folder name is whatever its mailbox's owner typed), one line, no column separator, not
     * too wide.
     */
    private static String cell(String text) {
        return Inert.markdown(text == null ? "" : text, CELL);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
