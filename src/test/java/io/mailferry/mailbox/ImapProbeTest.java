package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The probe against servers that misbehave on purpose. Each case would hold the probe far longer than its deadline
 * without it (15 s per read, or for ever); the JUnit timeout turns such a hang into a failure.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ImapProbeTest {
    private static final Duration SHORT_DEADLINE = Duration.ofSeconds(1);
    /** The deadline plus room for a busy build machine; still far below the 15 s read timeout. */
    private static final Duration SLACK = Duration.ofSeconds(4);

    @Test
    void shouldFailWhenTheServerSendsBytesWithoutALineEnd() throws Exception {
        byte[] flood = new byte[4096];
        Arrays.fill(flood, (byte) 'A');
        try (Peer peer = new Peer(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write("* OK ".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write(flood);
            }
        })) {
            EndpointTestResult result = new ImapProbe(Duration.ofSeconds(20)).probe(peer.server(ImapSecurity.NONE));

            assertThat(result.passed()).isFalse();
            assertThat(result.message())
                    .startsWith(
                            peer.server(ImapSecurity.NONE) + " sent a line longer than 8192 bytes (at the greeting)")
                    .as("quotes only the start of what the server sent")
                    .hasSizeLessThan(400);
        }
    }

    @Test
    void shouldFailAtTheDeadlineWhenTheServerSendsOneByteAtATime() throws Exception {
        try (Peer peer = new Peer(socket -> {
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write('*');
                out.flush();
                Thread.sleep(50);
            }
        })) {
            long started = System.nanoTime();
            EndpointTestResult result = new ImapProbe(SHORT_DEADLINE).probe(peer.server(ImapSecurity.NONE));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SHORT_DEADLINE.plus(SLACK));
            assertThat(result.passed()).isFalse();
            assertThat(result.message())
                    .isEqualTo(peer.server(ImapSecurity.NONE) + " did not finish the IMAP probe within 1 s"
                            + " (stopped at the greeting); it answers too slowly or not at all");
        }
    }

    @Test
    void shouldWaitForASilentServerNoLongerThanTheDeadline() throws Exception {
        try (Peer peer = new Peer(Peer::readUntilClosed)) {
            long started = System.nanoTime();
            EndpointTestResult result = new ImapProbe(SHORT_DEADLINE).probe(peer.server(ImapSecurity.NONE));

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the 15 s read timeout is cut to what the deadline leaves")
                    .isLessThan(SHORT_DEADLINE.plus(SLACK));
            assertThat(result.message())
                    .startsWith(peer.server(ImapSecurity.NONE) + " did not finish the IMAP probe within 1 s");
        }
    }

    @Test
    void shouldEndATlsHandshakeThatTricklesAtTheDeadline() throws Exception {
        try (Peer peer = new Peer(socket -> {
            OutputStream out = socket.getOutputStream();
            // a TLS record header announcing a 16 KB handshake message, whose bytes then come one by one
            out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
            while (true) {
                out.write(0);
                out.flush();
                Thread.sleep(50);
            }
        })) {
            long started = System.nanoTime();
            EndpointTestResult result = new ImapProbe(SHORT_DEADLINE).probe(peer.server(ImapSecurity.TLS));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SHORT_DEADLINE.plus(SLACK));
            assertThat(result.message())
                    .isEqualTo(peer.server(ImapSecurity.TLS) + " did not finish the IMAP probe within 1 s"
                            + " (stopped at the TLS handshake); it answers too slowly or not at all");
        }
    }

    @Test
    void shouldQuoteAStrangeGreetingEscapedAndShort() throws Exception {
        String greeting = "HTTP/1.1 400 Bad Request\u001b[2J\u0007" + "x".repeat(5000) + "\r\n";
        try (Peer peer = new Peer(socket -> {
            socket.getOutputStream().write(greeting.getBytes(StandardCharsets.ISO_8859_1));
            Peer.readUntilClosed(socket);
        })) {
            EndpointTestResult result = new ImapProbe().probe(peer.server(ImapSecurity.NONE));

            assertThat(result.passed()).isFalse();
            assertThat(result.message())
                    .startsWith(peer.server(ImapSecurity.NONE) + " answered, but not like an IMAP server: "
                            + "HTTP/1.1 400 Bad Request\\x1B[2J\\x07xxx")
                    .endsWith("…")
                    .doesNotContain("\u001b", "\u0007")
                    .hasSizeLessThan(400);
        }
    }

    /** A peer that accepts one connection and behaves as the test says until the probe hangs up. */
    private static final class Peer implements AutoCloseable {
        interface Behaviour {
            void talk(Socket socket) throws Exception;
        }

        private final ServerSocket listener;
        private final Thread thread;

        Peer(Behaviour behaviour) throws IOException {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(
                    () -> {
                        try (Socket socket = listener.accept()) {
                            behaviour.talk(socket);
                        } catch (Exception hungUp) {
                            // the probe closed the connection, or the test is over
                        }
                    },
                    "misbehaving-imap-peer");
            thread.setDaemon(true);
            thread.start();
        }

        ImapServer server(ImapSecurity security) {
            return new ImapServer("127.0.0.1", listener.getLocalPort(), security);
        }

        static void readUntilClosed(Socket socket) throws IOException {
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // discard
            }
        }

        @Override
        public void close() throws IOException {
            thread.interrupt();
            listener.close();
        }
    }
}
