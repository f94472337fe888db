package io.mailferry.mailbox;

import static io.mailferry.mailbox.ProbeConversation.quoted;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Checks that an IMAP server is reachable and trustworthy without signing in: TCP connect, TLS handshake
 * verified against the JVM trust store (self-signed certificates are refused, host name checked), greeting and
 * CAPABILITY. Raw sockets, because a mail client library would insist on logging in.
 *
 * <p>The whole probe has a deadline: a per-read timeout alone lets a server that sends a byte now and then, or
 * bytes without a line end, hold the probing job past its engine lock, after which the engine runs it again.
 */
final class ImapProbe {
    /** Generous for a slow server far away, and well inside the engine's 5-minute job lock. */
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** A capability list is long (Dovecot's is some 400 characters) and worth showing whole. */
    private static final int QUOTED_CAPABILITIES = 1000;
    /** Closes the socket at the deadline: the TLS handshake reads inside the JDK, where no check of ours runs. */
    private static final ScheduledThreadPoolExecutor DEADLINE_WATCH = deadlineWatch();

    private final Duration deadline;

    ImapProbe() {
        this(DEADLINE);
    }

    /** {@code deadline} bounds the whole probe, from connecting to LOGOUT; shorter ones keep tests fast. */
    ImapProbe(Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("An IMAP probe needs a positive deadline, not " + deadline);
        }
        this.deadline = deadline;
    }

    EndpointTestResult probe(ImapServer server) {
        Socket plain = new Socket();
        ProbeConversation talk = new ProbeConversation(server, deadline, plain);
        ScheduledFuture<?> watch =
                DEADLINE_WATCH.schedule(talk::abandon, talk.remainingMillis(), TimeUnit.MILLISECONDS);
        try (plain) {
            plain.connect(new InetSocketAddress(server.host(), server.port()), talk.timeoutMillis(CONNECT_TIMEOUT_MS));
            if (server.security() == ImapSecurity.TLS) {
                talk.startTls();
            }
            String greeting = talk.at("the greeting").readLine();
            if (!greeting.startsWith("* OK") && !greeting.startsWith("* PREAUTH")) {
                return EndpointTestResult.failed(
                        server + " answered, but not like an IMAP server: " + quoted(greeting));
            }
            List<String> capabilities = talk.capabilities("mf1");
            if (server.security() == ImapSecurity.STARTTLS) {
                if (!capabilities.contains("STARTTLS")) {
                    return EndpointTestResult.failed(server + " does not offer STARTTLS (capabilities: "
                            + quoted(String.join(" ", capabilities), QUOTED_CAPABILITIES) + ")");
                }
                talk.at("STARTTLS").send("mf2 STARTTLS");
                String answer = talk.readTagged("mf2", new ArrayList<>());
                if (!answer.startsWith("mf2 OK")) {
                    return EndpointTestResult.failed(server + " refused STARTTLS: " + quoted(answer));
                }
                talk.startTls();
                capabilities = talk.capabilities("mf3");
            }
            talk.at("LOGOUT").send("mf9 LOGOUT");
            String protection = switch (server.security()) {
                case TLS -> "TLS, certificate trusted";
                case STARTTLS -> "STARTTLS, certificate trusted";
                case NONE -> "unencrypted";
            };
            return EndpointTestResult.passed("Connected to " + server + " (" + protection + "); greeting: "
                    + quoted(greeting) + "; capabilities: "
                    + quoted(String.join(" ", capabilities), QUOTED_CAPABILITIES));
        } catch (ProbeConversation.ProbeFailure e) {
            return EndpointTestResult.failed(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return EndpointTestResult.failed(talk.overdue() ? talk.overdueMessage() : ImapFailures.describe(server, e));
        } finally {
            watch.cancel(false);
        }
    }

    private static ScheduledThreadPoolExecutor deadlineWatch() {
        ScheduledThreadPoolExecutor watch = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "imap-probe-deadline");
            thread.setDaemon(true);
            return thread;
        });
        watch.setRemoveOnCancelPolicy(true);
        return watch;
    }
}
