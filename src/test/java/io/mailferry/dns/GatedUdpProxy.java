package io.mailferry.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Message;

/**
 * Relays UDP DNS to a real server, but lets a test step in before a message goes on: hold it back, change the zone
 * behind the client's back, or drop the server's reply (the update applied, the client none the wiser). With two proxies on one latch of 2 holding back queries of one type, a client that
 * asks them one after the other never gets an answer from the first before its timeout; one that asks them at once
 * gets both. That tests parallelism without timing asserts.
 */
final class GatedUdpProxy implements AutoCloseable {
    /** Runs before a message is relayed; false drops it. */
    interface Gate {
        boolean pass(Message message) throws IOException, InterruptedException;
    }

    private final DatagramSocket socket;
    private final InetSocketAddress upstream;
    private final Gate gate;
    private final Gate replyGate;

    /** Holds back queries of {@code gatedType} until {@code latch} opens. */
    GatedUdpProxy(InetSocketAddress upstream, int gatedType, CountDownLatch latch) throws IOException {
        this(upstream, message -> {
            if (message.getQuestion().getType() != gatedType) {
                return true;
            }
            latch.countDown();
            return latch.await(10, TimeUnit.SECONDS);
        });
    }

    GatedUdpProxy(InetSocketAddress upstream, Gate gate) throws IOException {
        this(upstream, gate, reply -> true);
    }

    /** {@code replyGate} runs before the server's reply goes back to the client; false drops it. */
    GatedUdpProxy(InetSocketAddress upstream, Gate gate, Gate replyGate) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(DnsTestSupport.loopback(1), 0));
        this.upstream = upstream;
        this.gate = gate;
        this.replyGate = replyGate;
        Thread listener = new Thread(this::listen, "gated-proxy-" + socket.getLocalPort());
        listener.setDaemon(true);
        listener.start();
    }

    String hostAndPort() {
        return DnsTestSupport.hostAndPort(socket);
    }

    private void listen() {
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
                socket.receive(packet);
                byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
                SocketAddress client = packet.getSocketAddress();
                Thread relay = new Thread(() -> relay(query, client));
                relay.setDaemon(true);
                relay.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(byte[] query, SocketAddress client) {
        try (DatagramSocket out = new DatagramSocket()) {
            if (!gate.pass(new Message(query))) {
                return;
            }
            out.setSoTimeout(5000);
            out.send(new DatagramPacket(query, query.length, upstream));
            DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
            out.receive(reply);
            if (!replyGate.pass(new Message(Arrays.copyOf(reply.getData(), reply.getLength())))) {
                return;
            }
            socket.send(new DatagramPacket(reply.getData(), reply.getLength(), client));
        } catch (IOException | InterruptedException e) {
            // the test sees the missing reply as NO_ANSWER
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
