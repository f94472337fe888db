package io.mailferry.dns.server;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An authoritative server for one zone held in memory, speaking DNS over UDP and TCP on one address and port.
 * Answers queries (AA, CNAME chains inside the zone, NXDOMAIN and NODATA with the SOA), accepts RFC 2136
 * updates, and checks TSIG when a key is configured. Build with {@link #builder(String)}, then {@link #start()}.
 */
public final class InMemoryDnsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InMemoryDnsServer.class);
    // A client that keeps a TCP connection open without asking must not pin a thread forever.
    private static final int TCP_IDLE_MILLIS = 10_000;
    private static final int PORT_ATTEMPTS = 20;

    private final ZoneData zone;
    private final MessageHandler handler;
    private final InetAddress bindAddress;
    private final int requestedPort;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile DatagramSocket udp;
    private volatile ServerSocket tcp;
    private ExecutorService workers;

    private InMemoryDnsServer(Builder builder) {
        this.zone = new ZoneData(builder.origin, builder.records);
        this.handler = new MessageHandler(
                zone, new TsigGuard(builder.key()), builder.unsignedUpdatesFromLoopback, builder.secondary);
        this.bindAddress = builder.bindAddress;
        this.requestedPort = builder.port;
    }

    /** @param zone the zone's apex, e.g. {@code contoso.com} */
    public static Builder builder(String zone) {
        return new Builder(absolute(zone));
    }

    /** Binds UDP and TCP on the same port (a free one when the port is 0) and starts serving. */
    public synchronized InMemoryDnsServer start() {
        if (udp != null) {
            return this;
        }
        bind();
        AtomicInteger threads = new AtomicInteger();
        workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "dns-" + zone.origin() + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // The sockets are handed over, not re-read from the fields, which stop() may have cleared meanwhile.
        DatagramSocket udpSocket = udp;
        ServerSocket tcpSocket = tcp;
        workers.execute(() -> serveUdp(udpSocket));
        workers.execute(() -> acceptTcp(tcpSocket));
        log.info("DNS server for {} listening on {} (UDP and TCP)", zone.origin(), hostAndPort());
        return this;
    }

    public synchronized void stop() {
        if (udp == null) {
            return;
        }
        String where = hostAndPort();
        udp.close();
        closeQuietly(tcp);
        connections.forEach(InMemoryDnsServer::closeQuietly);
        workers.shutdownNow();
        log.info("DNS server for {} on {} stopped", zone.origin(), where);
        udp = null;
        tcp = null;
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return udp != null;
    }

    /** The bound port; with port 0 requested, the one the system picked. */
    public int port() {
        DatagramSocket socket = udp;
        if (socket == null) {
            throw new IllegalStateException("DNS server for " + zone.origin() + " is not started");
        }
        return socket.getLocalPort();
    }

    public InetAddress address() {
        return bindAddress;
    }

    /** {@code 127.0.0.1:10053}, the form Mailferry's configuration uses. */
    public String hostAndPort() {
        String host = bindAddress.getHostAddress();
        return (bindAddress instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port();
    }

    public Name zone() {
        return zone.origin();
    }

    /** The records of one RRset, e.g. {@code records("contoso.com", "MX")}. */
    public List<Record> records(String name, String type) {
        return zone.rrset(absolute(name), type(type));
    }

    public long soaSerial() {
        return zone.soa().getSerial();
    }

    /** Adds a record given as a zone-file line (names relative to the zone), bypassing DNS: an out-of-band edit. */
    public void add(String zoneFileLine) {
        List<Record> records = parse(zone.origin(), zoneFileLine);
        synchronized (zone) {
            records.forEach(zone::add);
            zone.bumpSerial();
        }
    }

    /** Removes an RRset, bypassing DNS: an out-of-band edit. */
    public void deleteRRset(String name, String type) {
        synchronized (zone) {
            if (zone.deleteRRset(absolute(name), type(type))) {
                zone.bumpSerial();
            }
        }
    }

    /** The zone's current content, one record per line. */
    public String toMasterFile() {
        return zone.toMasterFile();
    }

    private void bind() {
        for (int attempt = 1; ; attempt++) {
            DatagramSocket udpSocket = null;
            try {
                udpSocket = new DatagramSocket(new InetSocketAddress(bindAddress, requestedPort));
                ServerSocket tcpSocket = new ServerSocket();
                try {
                    tcpSocket.bind(new InetSocketAddress(bindAddress, udpSocket.getLocalPort()));
                } catch (IOException e) {
                    tcpSocket.close();
                    throw e;
                }
                udp = udpSocket;
                tcp = tcpSocket;
                return;
            } catch (IOException e) {
                closeQuietly(udpSocket);
                // With port 0 the UDP port the system picked may be taken for TCP: pick again.
                if (!(e instanceof BindException) || requestedPort != 0 || attempt == PORT_ATTEMPTS) {
                    throw new UncheckedIOException(
                            "Cannot listen on " + bindAddress.getHostAddress() + ":" + requestedPort + " for DNS zone "
                                    + zone.origin() + ": " + e.getMessage(),
                            e);
                }
            }
        }
    }

    private void serveUdp(DatagramSocket socket) {
        byte[] buffer = new byte[MessageHandler.TCP_LIMIT];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] request = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getLength());
                byte[] reply = handle(request, packet.getAddress(), true);
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("DNS server for {}: UDP error: {}", zone.origin(), e.getMessage());
                }
            }
        }
    }

    private void acceptTcp(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                workers.execute(() -> serveTcp(connection));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("DNS server for {}: TCP accept failed: {}", zone.origin(), e.getMessage());
                }
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                return;
            }
        }
    }

    /** RFC 1035 §4.2.2 / RFC 7766: two-byte length prefix, several requests per connection. */
    private void serveTcp(Socket connection) {
        try (connection) {
            connection.setSoTimeout(TCP_IDLE_MILLIS);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (true) {
                byte[] request = new byte[in.readUnsignedShort()];
                in.readFully(request);
                byte[] reply = handle(request, connection.getInetAddress(), false);
                if (reply == null) {
                    return;
                }
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (EOFException | SocketException closed) {
            // the client hung up, or stop() closed the connection
        } catch (IOException e) {
            log.debug(
                    "DNS server for {}: TCP connection from {} ended: {}",
                    zone.origin(),
                    connection.getInetAddress().getHostAddress(),
                    e.getMessage());
        } finally {
            connections.remove(connection);
        }
    }

    private byte[] handle(byte[] request, InetAddress source, boolean overUdp) {
        try {
            return handler.handle(request, source, overUdp);
        } catch (RuntimeException e) {
            // A bug must cost one answer, not the listener thread.
            log.error("DNS server for {}: cannot answer a request from {}", zone.origin(), source.getHostAddress(), e);
            return null;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing on shutdown: nothing useful to do with a failure
            }
        }
    }

    /** Names in this class's methods are absolute, with or without the trailing dot, as operators write them. */
    static Name absolute(String name) {
        return name(name.endsWith(".") ? name : name + ".", Name.root);
    }

    static Name name(String name, Name origin) {
        try {
            return Name.fromString(name, origin);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("Not a DNS name: " + name);
        }
    }

    static int type(String type) {
        int value = Type.value(type);
        if (value < 0) {
            throw new IllegalArgumentException("Unknown record type: " + type);
        }
        return value;
    }

    static List<Record> parse(Name origin, String zoneFileText) {
        List<Record> records = new ArrayList<>();
        try (Master master =
                new Master(new ByteArrayInputStream(zoneFileText.getBytes(StandardCharsets.UTF_8)), origin, 3600)) {
            master.disableIncludes();
            for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
                records.add(record);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Invalid zone data for " + origin + ": " + e.getMessage(), e);
        }
        return records;
    }

    /** Configures a server; nothing listens until {@link InMemoryDnsServer#start()}. */
    public static final class Builder {
        private final Name origin;
        private final List<Record> records = new ArrayList<>();
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private Name keyName;
        private Name keyAlgorithm;
        private byte[] keySecret;
        private Clock clock = Clock.systemUTC();
        private boolean unsignedUpdatesFromLoopback;
        private boolean secondary;

        private Builder(Name origin) {
            this.origin = origin;
        }

        public Builder bindAddress(InetAddress address) {
            this.bindAddress = address;
            return this;
        }

        /** 0 (the default) picks a free port; see {@link InMemoryDnsServer#port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Zone-file text: names relative to the zone, {@code @} for the apex, {@code $TTL} honoured (default 3600). */
        public Builder zoneFile(String text) {
            records.addAll(parse(origin, text));
            return this;
        }

        public Builder record(Record record) {
            records.add(record);
            return this;
        }

        /** Requests signed with this key may update the zone; replies to them are signed. */
        public Builder tsigKey(String keyName, String algorithm, String base64Secret) {
            this.keyAlgorithm = TSIG.algorithmToName(algorithm);
            this.keyName = absolute(keyName);
            this.keySecret = Base64.getDecoder().decode(base64Secret);
            return this;
        }

        /**
         * The clock the server checks TSIG times against (RFC 8945 §5.2.3), for a server whose clock is wrong:
         * a request signed more than five minutes away from it gets BADTIME.
         */
        public Builder clock(Clock serverClock) {
            this.clock = serverClock;
            return this;
        }

        /**
         * Serves the zone as a secondary that does not forward updates: it answers queries, and every update gets
         * NOTAUTH because the server is not where the zone is changed (RFC 2136 §3.1).
         */
        public Builder secondary(boolean isSecondary) {
            this.secondary = isSecondary;
            return this;
        }

        /** Lets unsigned updates from a loopback address through, as a server may allow updates by address. */
        public Builder allowUnsignedUpdatesFromLoopback(boolean allow) {
            this.unsignedUpdatesFromLoopback = allow;
            return this;
        }

        public InMemoryDnsServer build() {
            return new InMemoryDnsServer(this);
        }

        private TSIG key() {
            if (keyName == null) {
                return null;
            }
            // The JCA name only labels the key; the MAC algorithm comes from the TSIG algorithm name.
            return new TSIG(keyAlgorithm, keyName, new SecretKeySpec(keySecret, "HmacSHA256"), clock);
        }
    }
}
