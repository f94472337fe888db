package io.mailferry.cli;

import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.ImapTls;
import io.mailferry.mailbox.MailboxSyncException;
import io.mailferry.mailbox.MailboxUnavailableException;
import io.mailferry.mailbox.SliceResult;
import io.mailferry.mailbox.StandaloneSync;
import io.mailferry.mailbox.SyncOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.util.unit.DataSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailferry sync}: one mailbox from a source account to a target account on the same engine as the
 * migrations, imapsync-style. Passwords come from files only, never the command line (which every local user can
 * read in the process list). Re-running is a delta pass; the state lives under {@code --state}.
 */
@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Copy one mailbox from a source IMAP account to a target IMAP account: every folder, message "
                    + "byte for byte, flags and internal dates. Run again for a delta pass.",
            "With --mailboxes FILE.csv: every mailbox pair of the file, --parallel-mailboxes at once.",
            "Exit codes: 0 fully in sync; 3 in sync except skipped messages (listed); 1 failed (with --mailboxes: "
                    + "any mailbox failed, the others still ran); 2 usage."
        })
class SyncCommand implements Callable<Integer> {
    static final int SKIPPED = 3;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--source",
            paramLabel = "URL",
            description = "imap://USER@HOST[:PORT] or imaps://… (implicit TLS); USER percent-encoded, "
                    + "e.g. user01%%40contoso.com")
    String source;

    @Option(names = "--target", paramLabel = "URL", description = "as --source")
    String target;

    @Option(names = "--source-password-file", paramLabel = "FILE")
    Path sourcePasswordFile;

    @Option(names = "--target-password-file", paramLabel = "FILE")
    Path targetPasswordFile;

    @Option(
            names = "--mailboxes",
            paramLabel = "FILE.csv",
            description = "Sync every mailbox pair of this file instead of --source/--target: a header row "
                    + "Source,SourcePasswordFile,Target,TargetPasswordFile, then one row per pair (URLs as --source, "
                    + "password files relative to the CSV's folder). Each pair keeps its own state under --state.")
    Path mailboxes;

    @Option(
            names = "--parallel-mailboxes",
            paramLabel = "N",
            defaultValue = "4",
            description = "With --mailboxes: mailboxes synced at once (default ${DEFAULT-VALUE}, at most "
                    + SyncBatch.MAX_PARALLEL + "), each with --parallel-folders folders at once.")
    int parallelMailboxes;

    @Option(names = "--starttls", description = "Upgrade imap:// connections with STARTTLS (required then).")
    boolean startTls;

    @Option(
            names = "--allow-plaintext",
            description = "Accept imap:// without --starttls: passwords and mail cross the network unencrypted "
                    + "(test servers only). Refused without it.")
    boolean allowPlaintext;

    @Option(
            names = "--source-trust-certificate",
            paramLabel = "FILE",
            description = "Trust exactly this certificate (PEM) of the source server, e.g. a self-signed one.")
    Path sourceCertificate;

    @Option(names = "--target-trust-certificate", paramLabel = "FILE", description = "as --source-trust-certificate")
    Path targetCertificate;

    @Option(
            names = "--state",
            paramLabel = "DIR",
            defaultValue = ".",
            description = "Where the sync state database lives (default: the working directory).")
    Path state;

    @Option(
            names = "--max-message-size",
            paramLabel = "SIZE",
            defaultValue = "35MB",
            description = "Larger messages are skipped and reported (default ${DEFAULT-VALUE}, Exchange Online's "
                    + "default; up to 150MB).")
    String maxMessageSize;

    @Option(
            names = "--parallel-folders",
            paramLabel = "N",
            defaultValue = "2",
            description = "Folders synced at once, each on its own pair of connections (default ${DEFAULT-VALUE}).")
    int parallelFolders;

    @Option(
            names = "--delete",
            description = "Also expunge from the target what was expunged at the source "
                    + "since it was copied (default: never delete anything).")
    boolean mirrorDeletions;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "3",
            description = "Run a failed pass again up to N times, after 2, 4, 8 … seconds; it resumes where it "
                    + "stopped (default ${DEFAULT-VALUE}). A refused sign-in is not retried.")
    int retries;

    /** How the command waits between attempts; tests replace it. */
    Sleeper sleeper = Thread::sleep;

    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    @Override
    public Integer call() {
        if (mailboxes != null) {
            return new SyncBatch(this).call();
        }
        StandaloneSync.Account from;
        StandaloneSync.Account to;
        long limit;
        try {
            limit = messageSizeLimit();
            List<String> missing = singleMailboxOptions().entrySet().stream()
                    .filter(e -> e.getValue() == null)
                    .map(java.util.Map.Entry::getKey)
                    .toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        "Missing " + String.join(", ", missing) + " (or give --mailboxes FILE.csv for many mailboxes)");
            }
            from = account("--source", source, "--source-password-file", sourcePasswordFile, sourceCertificate);
            to = account("--target", target, "--target-password-file", targetPasswordFile, targetCertificate);
            warnPlaintext(List.of(from, to));
        } catch (IllegalArgumentException e) {
            MailferryCli.printError(spec, e.getMessage());
            return MailferryCli.USAGE;
        }
        try {
            StandaloneSync.Outcome outcome = syncWithRetries(StandaloneSync.open(state), from, to, limit);
            outcome.skipped().forEach(s -> MailferryCli.print(spec, "Skipped: " + s));
            SliceResult r = outcome.result();
            boolean inSync = r.complete() && outcome.skipped().isEmpty();
            MailferryCli.print(
                    spec,
                    "Summary: "
                            + counts(
                                    r,
                                    outcome.skipped().size(),
                                    outcome.elapsed().toNanos() / 1e9)
                            + ", "
                            + (inSync ? "in sync" : "NOT in sync"));
            return inSync ? 0 : SKIPPED;
        } catch (MailboxSyncException e) {
            MailferryCli.printError(spec, "Sync failed: " + e.getMessage());
            return MailferryCli.REFUSED;
        } finally {
            Arrays.fill(from.password(), '\0');
            Arrays.fill(to.password(), '\0');
        }
    }

    /** The options of one mailbox pair, by name, in usage order; a value is null when not given. */
    java.util.Map<String, Object> singleMailboxOptions() {
        java.util.Map<String, Object> options = new java.util.LinkedHashMap<>();
        options.put("--source", source);
        options.put("--target", target);
        options.put("--source-password-file", sourcePasswordFile);
        options.put("--target-password-file", targetPasswordFile);
        return options;
    }

    /** --max-message-size in bytes, after the checks of the options every pass shares. */
    long messageSizeLimit() {
        if (parallelFolders < 1 || parallelFolders > 16) {
            throw new IllegalArgumentException("--parallel-folders must be between 1 and 16, not " + parallelFolders);
        }
        return DataSize.parse(maxMessageSize.toUpperCase(Locale.ROOT)).toBytes();
    }

    /** What a pass did, as the summary lines print it. */
    String counts(SliceResult r, int skipped, double seconds) {
        return String.format(
                Locale.ROOT,
                "copied %d, skipped %d, flags %d, %sbytes %d, seconds %.2f, msgs/s %.1f",
                r.messagesCopied(),
                skipped,
                r.flagsUpdated(),
                mirrorDeletions ? "deleted " + r.deleted() + ", " : "",
                r.bytes(),
                seconds,
                seconds == 0 ? 0 : r.messagesCopied() / seconds);
    }

    /** Before a password is read from its file or a connection made: refusing late would be too late. */
    private void refusePlaintextUrl(String option, String url) {
        boolean plain = url.trim().toLowerCase(Locale.ROOT).startsWith("imap://") && !startTls;
        if (plain && !allowPlaintext) {
            throw new IllegalArgumentException(option + " " + url + " is imap:// without --starttls: the password would"
                    + " cross the network in clear. Use imaps:// or --starttls; for a test server only, --allow-plaintext"
                    + " accepts it");
        }
    }

    void warnPlaintext(List<StandaloneSync.Account> accounts) {
        for (StandaloneSync.Account account : accounts) {
            if (account.server().security() == ImapSecurity.NONE) {
                MailferryCli.printError(
                        spec,
                        "WARNING: " + account.server() + " without encryption"
                                + " (--allow-plaintext): the password of " + account.user()
                                + " and every message cross the"
                                + " network in clear");
            }
        }
    }

    StandaloneSync.Outcome syncWithRetries(
            StandaloneSync engine, StandaloneSync.Account from, StandaloneSync.Account to, long limit) {
        for (int attempt = 0; ; attempt++) {
            try {
                return engine.sync(from, to, new SyncOptions(limit, parallelFolders, mirrorDeletions));
            } catch (MailboxUnavailableException refused) {
                throw refused;
            } catch (MailboxSyncException e) {
                if (attempt >= retries) {
                    throw e;
                }
                long seconds = 2L << attempt;
                MailferryCli.printError(
                        spec,
                        "Pass " + (mailboxes == null ? "" : "of " + from.user() + " -> " + to.user() + " ")
                                + "failed, retrying in " + seconds + " s (" + (attempt + 1) + " of " + retries
                                + "): " + e.getMessage());
                try {
                    sleeper.sleep(seconds * 1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * The account of {@code url} with the password of {@code passwordFile}; {@code option} and {@code passwordOption}
     * say where each came from (an option, or a CSV's row and column) in the errors.
     */
    StandaloneSync.Account account(
            String option, String url, String passwordOption, Path passwordFile, Path certificate) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " " + url + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("imap") && !scheme.equals("imaps")) {
            throw new IllegalArgumentException(option + " must start with imap:// or imaps://, not " + url);
        }
        if (uri.getRawUserInfo() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(option + " needs USER@HOST, e.g. imaps://user01%40contoso.com@host:993");
        }
        refusePlaintextUrl(option, url);
        ImapSecurity security =
                scheme.equals("imaps") ? ImapSecurity.TLS : startTls ? ImapSecurity.STARTTLS : ImapSecurity.NONE;
        int port = uri.getPort() > 0 ? uri.getPort() : security == ImapSecurity.TLS ? 993 : 143;
        String user = URLDecoder.decode(uri.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8);
        X509Certificate trusted = certificate == null ? null : ImapTls.readCertificate(certificate);
        return new StandaloneSync.Account(
                new ImapServer(uri.getHost(), port, security), user, password(passwordOption, passwordFile), trusted);
    }

    /** The first line of the file; a trailing newline (as editors and echo leave) is not part of the password. */
    private static char[] password(String option, Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String line = end < 0 ? content : content.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw new IllegalArgumentException(option + " " + file + " is empty");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + option + " " + file + ": " + e.getMessage());
        }
    }
}
