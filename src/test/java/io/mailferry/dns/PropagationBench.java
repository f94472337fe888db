package io.mailferry.dns;

import io.mailferry.dns.server.InMemoryDnsServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (run by bench/dns-propagation.sh, not by the tests): a propagation check over several servers should
 * cost about the slowest server's round trip, not the sum. Servers are the in-JVM contoso.com zone behind UDP
 * proxies that hold each answer for a fixed delay. Prints the check over all servers against two references measured
 * in the same run: a check with only the slowest server, and the sum of checks with one server each.
 */
public final class PropagationBench {
    private static final int[] DELAYS_MS = {25, 50, 100, 200, 400};
    private static final int ROUNDS = 9;

    public static void main(String[] args) throws Exception {
        try (InMemoryDnsServer zone = DnsTestSupport.contoso(InetAddress.getLoopbackAddress(), 0, "127.0.0.1")) {
            List<DelayingProxy> proxies = new ArrayList<>();
            for (int delay : DELAYS_MS) {
                proxies.add(new DelayingProxy(zone.port(), delay));
            }
            String direct = zone.hostAndPort();
            List<String> all = new ArrayList<>(List.of(direct));
            proxies.forEach(p -> all.add(p.hostAndPort()));
            DelayingProxy slowest = proxies.get(proxies.size() - 1);

            double allServers = median(check(zone.port(), all));
            double onlySlowest = median(check(zone.port(), List.of(direct, slowest.hostAndPort())));
            double sumOfSingles = 0;
            for (DelayingProxy proxy : proxies) {
                sumOfSingles += median(check(zone.port(), List.of(direct, proxy.hostAndPort())));
            }
            System.out.printf(
                    "servers per check: %d resolvers (held %s ms) + 1 direct + 2 authoritative%n",
                    proxies.size(), Arrays.toString(DELAYS_MS));
            System.out.printf("check over all servers      : %7.1f ms (median of %d)%n", allServers, ROUNDS);
            System.out.printf("reference: slowest alone    : %7.1f ms%n", onlySlowest);
            System.out.printf("reference: sum of singles   : %7.1f ms%n", sumOfSingles);
            System.out.printf("ratio all / slowest alone   : %7.2f%n", allServers / onlySlowest);
            System.out.printf("ratio all / sum of singles  : %7.2f%n", allServers / sumOfSingles);
            proxies.forEach(DelayingProxy::close);
        }
    }

    private static double[] check(int nameserverPort, List<String> resolvers) {
        DnsLookupService dns = new DnsLookupService(new DnsProperties(
                resolvers,
                nameserverPort,
                Duration.ofSeconds(3),
                new DnsProperties.DynamicUpdate(null, null, null, null)));
        dns.checkMx("contoso.com", "mail.contoso.com"); // warm-up
        double[] millis = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            PropagationReport report = dns.checkMx("contoso.com", "mail.contoso.com");
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (!report.allMatch()) {
                throw new IllegalStateException("benchmark zone answered unexpectedly:\n" + report.summary());
            }
        }
        return millis;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Forwards each UDP query to the zone and holds the answer for {@code delayMs} before returning it. */
    private static final class DelayingProxy implements AutoCloseable {
        private final DatagramSocket socket;
        private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        private final Thread loop;

        DelayingProxy(int upstreamPort, int delayMs) throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            loop = new Thread(() -> serve(upstreamPort, delayMs), "proxy-" + delayMs);
            loop.setDaemon(true);
            loop.start();
        }

        String hostAndPort() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        private void serve(int upstreamPort, int delayMs) {
            byte[] buffer = new byte[4096];
            try (DatagramSocket upstream = new DatagramSocket()) {
                upstream.setSoTimeout(2000);
                while (!socket.isClosed()) {
                    DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                    socket.receive(query);
                    upstream.send(new DatagramPacket(
                            query.getData(), query.getLength(), InetAddress.getLoopbackAddress(), upstreamPort));
                    DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
                    upstream.receive(answer);
                    byte[] reply = Arrays.copyOf(answer.getData(), answer.getLength());
                    InetSocketAddress client = (InetSocketAddress) query.getSocketAddress();
                    later.schedule(() -> send(reply, client), delayMs, TimeUnit.MILLISECONDS);
                }
            } catch (Exception closed) {
                // the benchmark is over
            }
        }

        private void send(byte[] reply, InetSocketAddress client) {
            try {
                socket.send(new DatagramPacket(reply, reply.length, client));
            } catch (Exception closed) {
                // the benchmark is over
            }
        }

        @Override
        public void close() {
            socket.close();
            later.shutdownNow();
        }
    }
}
