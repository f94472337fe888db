package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store's timeouts against a peer that signs the user in, invites an APPEND literal and then stops reading:
 * once the TCP buffers are full, only the write timeout ends the APPEND. Without it the write blocks for ever and
 * the JUnit timeout fails the test.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ImapConnectorTest {
    /** Far longer than the write timeout, so that an early failure can only come from the write timeout. */
    private static final ImapConnector.Timeouts SHORT_WRITE =
            new ImapConnector.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(1));
    /** More than loopback's send and receive buffers together hold (a few MB each on Linux). */
    private static final int LITERAL_BYTES = 64 * 1024 * 1024;

    @Test
    void shouldFailAnAppendToAPeerThatStopsReadingWithinTheWriteTimeout() throws Exception {
        try (StalledAppendPeer peer = new StalledAppendPeer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))) {
            assertAppendFailsWithinTheWriteTimeout(new ImapServer("127.0.0.1", peer.port(), ImapSecurity.NONE), null);
        }
    }

    @Test
    void shouldFailAnAppendOverTlsWithTheSameWriteTimeout() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = ImapConnectorTest.class.getResourceAsStream("/greenmail.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        X509Certificate certificate =
                (X509Certificate) keys.getCertificate(keys.aliases().nextElement());

        try (StalledAppendPeer peer = new StalledAppendPeer(
                tls.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress()))) {
            assertAppendFailsWithinTheWriteTimeout(
                    new ImapServer("127.0.0.1", peer.port(), ImapSecurity.TLS), certificate);
        }
    }

    @Test
    void shouldConnectOnceWhenOurSocketFactoryFails() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket plainText = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        try (Socket socket = plainText.accept()) {
                            connections.incrementAndGet();
                            socket.getOutputStream().write("* OK not TLS\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ImapServer server = new ImapServer("127.0.0.1", plainText.getLocalPort(), ImapSecurity.TLS);

            assertThatThrownBy(() -> ImapConnector.signIn(
                            server, null, "user01", "secret".toCharArray(), null, "as user01", SHORT_WRITE))
                    .isInstanceOf(MailboxSyncException.class)
                    .hasMessageContaining(server.toString());

            assertThat(connections.get())
                    .as("no second attempt with the JVM's default factory, which would also double every"
                            + " connect timeout")
                    .isEqualTo(1);
        }
    }

    private static void assertAppendFailsWithinTheWriteTimeout(ImapServer server, X509Certificate trusted)
            throws Exception {
        try (IMAPStore store = ImapConnector.signIn(
                server, trusted, "user01", "secret".toCharArray(), null, "as user01", SHORT_WRITE)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            long started = System.nanoTime();

            assertThatThrownBy(() -> inbox.doCommand(p -> {
                        p.append("INBOX", new Flags(), new Date(), new Zeros(LITERAL_BYTES));
                        return null;
                    }))
                    .isInstanceOf(MessagingException.class)
                    // whether the write or the timeout closing its socket speaks first varies from run to run
                    .hasMessageMatching(".*(Write timed out|Socket closed).*");

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the 1 s write timeout ended the APPEND, not the 30 s read timeout")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    /** A literal of zero bytes, written in the 8 KB pieces RawMessage uses for large messages. */
    private record Zeros(int size) implements Literal {
        @Override
        public void writeTo(OutputStream os) throws IOException {
            byte[] piece = new byte[8192];
            for (int written = 0; written < size; written += piece.length) {
                os.write(piece, 0, Math.min(piece.length, size - written));
            }
        }
    }

    /** Signs anyone in, answers "+" to the first APPEND and then never reads again. */
    private static final class StalledAppendPeer implements AutoCloseable {
        private final ServerSocket listener;
        private final CountDownLatch testOver = new CountDownLatch(1);

        StalledAppendPeer(ServerSocket listener) {
            this.listener = listener;
            Thread thread = new Thread(this::serve, "stalled-append-peer");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve() {
            try (Socket socket = listener.accept()) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream();
                say(out, "* OK [CAPABILITY IMAP4rev1] stalling test server ready");
                for (String line; (line = in.readLine()) != null; ) {
                    String[] words = line.split(" ", 3);
                    String command = words.length > 1 ? words[1].toUpperCase() : "";
                    switch (command) {
                        case "CAPABILITY" -> say(out, "* CAPABILITY IMAP4rev1\r\n" + words[0] + " OK done");
                        case "APPEND" -> {
                            say(out, "+ go ahead");
                            testOver.await();
                            return;
                        }
                        case "LOGOUT" -> {
                            say(out, "* BYE\r\n" + words[0] + " OK bye");
                            return;
                        }
                        default -> say(out, words[0] + " OK done");
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client hung up, or the test is over
            }
        }

        private static void say(OutputStream out, String lines) throws IOException {
            out.write((lines + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            testOver.countDown();
            listener.close();
        }
    }
}
