package io.mailferry.mailbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An attacker's IMAP server on 127.0.0.1: greets, refuses every command, and records each line it receives, so a
 * test can tell whether a password was ever sent to it (in a LOGIN or, base64-encoded, an AUTHENTICATE PLAIN).
 */
final class RecordingImapServer implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final StringBuffer received = new StringBuffer();

    RecordingImapServer() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "recording-imap-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** This server as an endpoint without encryption. */
    ImapServer plain() {
        return new ImapServer("127.0.0.1", port(), ImapSecurity.NONE);
    }

    int connections() {
        return connections.get();
    }

    /** Whether {@code secret} reached this server, in clear or in a base64 token. */
    boolean received(String secret) {
        String text = received.toString();
        if (text.contains(secret)) {
            return true;
        }
        for (String token : text.split("\\s+")) {
            try {
                if (new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).contains(secret)) {
                    return true;
                }
            } catch (IllegalArgumentException notBase64) {
                // an ordinary word
            }
        }
        return false;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
                client.setSoTimeout(5_000);
                talk(client);
            } catch (IOException closedOrTimedOut) {
                // the next client, or the end
            }
        }
    }

    private void talk(Socket client) throws IOException {
        OutputStream out = client.getOutputStream();
        BufferedReader in =
                new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
        send(out, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready");
        String line;
        String authenticating = null;
        while ((line = in.readLine()) != null) {
            received.append(line).append('\n');
            String upper = line.toUpperCase(Locale.ROOT);
            String tag = line.split(" ", 2)[0];
            if (authenticating != null) {
                send(out, authenticating + " NO [AUTHENTICATIONFAILED] recorded");
                authenticating = null;
            } else if (upper.contains(" AUTHENTICATE ")) {
                authenticating = tag;
                send(out, "+ "); // the client's next line carries the credentials
            } else if (upper.contains(" CAPABILITY")) {
                send(out, "* CAPABILITY IMAP4rev1 AUTH=PLAIN");
                send(out, tag + " OK done");
            } else if (upper.contains(" LOGOUT")) {
                send(out, "* BYE");
                send(out, tag + " OK done");
                return;
            } else {
                send(out, tag + " NO [AUTHENTICATIONFAILED] recorded");
            }
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
