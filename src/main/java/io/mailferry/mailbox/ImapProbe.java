package io.mailferry.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Checks that an IMAP server is reachable and trustworthy without signing in: TCP connect, TLS handshake
 * verified against the JVM trust store (self-signed certificates are refused, host name checked), greeting and
 * CAPABILITY. Raw sockets, because a mail client library would insist on logging in.
 */
final class ImapProbe {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 15_000;
    private static final int MAX_LINE = 8192;

    EndpointTestResult probe(ImapServer server) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(server.host(), server.port()), CONNECT_TIMEOUT_MS);
            plain.setSoTimeout(READ_TIMEOUT_MS);
            Socket socket = server.security() == ImapSecurity.TLS ? startTls(plain, server) : plain;
            String greeting = readLine(socket.getInputStream());
            if (!greeting.startsWith("* OK") && !greeting.startsWith("* PREAUTH")) {
                return EndpointTestResult.failed(
                        server + " answered, but not like an IMAP server: " + abbreviate(greeting));
            }
            List<String> capabilities = capabilities(socket, "mf1");
            if (server.security() == ImapSecurity.STARTTLS) {
                if (!capabilities.contains("STARTTLS")) {
                    return EndpointTestResult.failed(
                            server + " does not offer STARTTLS (capabilities: " + String.join(" ", capabilities) + ")");
                }
                send(socket, "mf2 STARTTLS");
                String answer = readTagged(socket.getInputStream(), "mf2", new ArrayList<>());
                if (!answer.startsWith("mf2 OK")) {
                    return EndpointTestResult.failed(server + " refused STARTTLS: " + abbreviate(answer));
                }
                socket = startTls(socket, server);
                capabilities = capabilities(socket, "mf3");
            }
            send(socket, "mf9 LOGOUT");
            String protection = switch (server.security()) {
                case TLS -> "TLS, certificate trusted";
                case STARTTLS -> "STARTTLS, certificate trusted";
                case NONE -> "unencrypted";
            };
            return EndpointTestResult.passed("Connected to " + server + " (" + protection + "); greeting: "
                    + abbreviate(greeting) + "; capabilities: " + String.join(" ", capabilities));
        } catch (IOException | RuntimeException e) {
            return EndpointTestResult.failed(ImapFailures.describe(server, e));
        }
    }

    private static Socket startTls(Socket socket, ImapServer server) throws IOException {
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(socket, server.host(), server.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static List<String> capabilities(Socket socket, String tag) throws IOException {
        send(socket, tag + " CAPABILITY");
        List<String> untagged = new ArrayList<>();
        String answer = readTagged(socket.getInputStream(), tag, untagged);
        if (!answer.startsWith(tag + " OK")) {
            throw new IOException("CAPABILITY was refused: " + abbreviate(answer));
        }
        List<String> result = new ArrayList<>();
        for (String line : untagged) {
            if (line.regionMatches(true, 0, "* CAPABILITY ", 0, 13)) {
                result.addAll(List.of(line.substring(13).trim().split(" +")));
            }
        }
        return result;
    }

    private static void send(Socket socket, String command) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readTagged(InputStream in, String tag, List<String> untagged) throws IOException {
        for (int lines = 0; lines < 100; lines++) {
            String line = readLine(in);
            if (line.startsWith(tag + " ")) {
                return line;
            }
            untagged.add(line);
        }
        throw new IOException("no tagged answer to " + tag);
    }

    /** Byte by byte, so nothing is buffered past the line when STARTTLS switches the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() < MAX_LINE && b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new java.io.EOFException("connection closed");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }
}
