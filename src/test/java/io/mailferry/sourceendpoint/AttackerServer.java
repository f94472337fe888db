package io.mailferry.sourceendpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An attacker's IMAP server on a free port of 127.0.0.1: it greets whoever connects, says yes to everything and
 * records every line it receives, so a test can tell whether Mailferry connected at all and whether a LOGIN (or
 * AUTHENTICATE) with a password reached it.
 */
public final class AttackerServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile int connections;

    public AttackerServer() throws IOException {
        socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::serve, "attacker-imap");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int connections() {
        return connections;
    }

    public List<String> received() {
        return List.copyOf(received);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections++;
                client.setSoTimeout(2000);
                OutputStream out = client.getOutputStream();
                out.write("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n".getBytes(StandardCharsets.US_ASCII));
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    received.add(line);
                    String tag = line.split(" ", 2)[0];
                    out.write((line.contains("AUTHENTICATE") ? "+ \r\n" : tag + " OK done\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException ignored) {
                // the client went away or stayed silent: wait for the next one
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
