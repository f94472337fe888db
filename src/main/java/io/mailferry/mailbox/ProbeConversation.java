package io.mailferry.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One {@link ImapProbe}'s talk with a server, held to the probe's deadline: no read waits past it, no line grows
 * past {@link #MAX_LINE}, and a failure says which step it stopped at.
 */
final class ProbeConversation {
    /** Far more than any greeting or CAPABILITY line; a longer one is a server streaming without end. */
    static final int MAX_LINE = 8192;

    private static final int READ_TIMEOUT_MS = 15_000;
    private static final int QUOTED_CHARS = 200;

    private final ImapServer server;
    private final Duration deadline;
    private final long endsAt;
    private final Socket plain;
    private volatile boolean abandoned;
    private Socket socket;
    private String step = "connecting";

    ProbeConversation(ImapServer server, Duration deadline, Socket plain) {
        this.server = server;
        this.deadline = deadline;
        this.endsAt = System.nanoTime() + deadline.toNanos();
        this.plain = plain;
        this.socket = plain;
    }

    /** At the deadline, from another thread: whatever the probe waits in ends with the closed socket. */
    void abandon() {
        abandoned = true;
        try {
            plain.close();
        } catch (IOException ignored) {
            // closing is all the deadline can do; the probe reports the failure
        }
    }

    ProbeConversation at(String step) {
        this.step = step;
        return this;
    }

    /** Rounded up, so that a wait cut to it ends after the deadline and is reported as overdue. */
    long remainingMillis() {
        return Math.floorDiv(endsAt - System.nanoTime() + 999_999, 1_000_000);
    }

    boolean overdue() {
        return abandoned || endsAt - System.nanoTime() <= 0;
    }

    /** Never past the deadline; at least 1 ms, since 0 would mean no timeout at all. */
    int timeoutMillis(int usual) {
        return (int) Math.max(1, Math.min(usual, remainingMillis()));
    }

    String overdueMessage() {
        return server + " did not finish the IMAP probe within " + human(deadline) + " (stopped at " + step
                + "); it answers too slowly or not at all";
    }

    /** Verified against the JVM trust store, host name included. */
    void startTls() throws IOException {
        at("the TLS handshake");
        plain.setSoTimeout(timeoutMillis(READ_TIMEOUT_MS));
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(socket, server.host(), server.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        socket = tls;
    }

    List<String> capabilities(String tag) throws IOException {
        at("CAPABILITY").send(tag + " CAPABILITY");
        List<String> untagged = new ArrayList<>();
        String answer = readTagged(tag, untagged);
        if (!answer.startsWith(tag + " OK")) {
            throw new ProbeFailure(server + " refused CAPABILITY: " + quoted(answer));
        }
        List<String> result = new ArrayList<>();
        for (String line : untagged) {
            if (line.regionMatches(true, 0, "* CAPABILITY ", 0, 13)) {
                result.addAll(List.of(line.substring(13).trim().split(" +")));
            }
        }
        return result;
    }

    void send(String command) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    String readTagged(String tag, List<String> untagged) throws IOException {
        for (int lines = 0; lines < 100; lines++) {
            String line = readLine();
            if (line.startsWith(tag + " ")) {
                return line;
            }
            untagged.add(line);
        }
        throw new ProbeFailure(server + " sent 100 lines without answering " + tag + " (at " + step + ")");
    }

    /**
     * Byte by byte, so nothing is buffered past the line when STARTTLS switches the stream. The CR of CRLF does not
     * count towards {@link #MAX_LINE}.
     */
    String readLine() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int length = 0;
        int b;
        while (true) {
            if (overdue()) {
                throw new ProbeFailure(overdueMessage());
            }
            plain.setSoTimeout(timeoutMillis(READ_TIMEOUT_MS));
            b = in.read();
            if (b == -1 || b == '\n') {
                break;
            }
            if (++length > MAX_LINE + 1) {
                throw new ProbeFailure(server + " sent a line longer than " + MAX_LINE + " bytes (at " + step
                        + "), starting: " + quoted(line.toString(StandardCharsets.ISO_8859_1)));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && length == 0) {
            throw new EOFException("connection closed");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A failure already put in words for the operator. */
    static final class ProbeFailure extends IOException {
        ProbeFailure(String message) {
            super(message);
        }
    }

    static String quoted(String text) {
        return quoted(text, QUOTED_CHARS);
    }

    /**
     * What a server sent, fit to quote in a message or log: at most {@code max} characters, control and non-ASCII
     * bytes as \xNN, so a server can neither flood a message nor forge lines in a log.
     */
    static String quoted(String text, int max) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02X", (int) c));
            }
        }
        return i < text.length() ? out + "…" : out.toString();
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
