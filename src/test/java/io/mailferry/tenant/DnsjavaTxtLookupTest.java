package io.mailferry.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** Against a minimal UDP name server on a free port: contoso.com has TXT, empty.com none, broken.com SERVFAILs. */
class DnsjavaTxtLookupTest {
    private DatagramSocket socket;
    private Thread server;

    @BeforeEach
    void startNameServer() throws Exception {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        server = new Thread(this::serve, "test-dns");
        server.setDaemon(true);
        server.start();
    }

    @AfterEach
    void stopNameServer() throws InterruptedException {
        socket.close();
        server.join(2_000);
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] answer = answer(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength())));
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] answer(Message query) throws Exception {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        if (name.equals(Name.fromString("contoso.com."))) {
            response.addRecord(new TXTRecord(name, DClass.IN, 60, List.of("MS=ms", "12345678")), Section.ANSWER);
            response.addRecord(new TXTRecord(name, DClass.IN, 60, "v=spf1 -all"), Section.ANSWER);
        } else if (name.equals(Name.fromString("broken.com."))) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        } else if (!name.equals(Name.fromString("empty.com."))) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        return response.toWire();
    }

    private DnsjavaTxtLookup lookup() {
        return new DnsjavaTxtLookup(List.of("127.0.0.1:" + socket.getLocalPort()));
    }

    @Test
    void joinsTheStringsOfEachRecord() {
        assertThat(lookup().txt("contoso.com")).containsExactlyInAnyOrder("MS=ms12345678", "v=spf1 -all");
    }

    @Test
    void noRecordsIsAnEmptyListNotAnError() {
        assertThat(lookup().txt("empty.com")).isEmpty();
        assertThat(lookup().txt("nowhere.com")).isEmpty();
    }

    @Test
    void serverFailureIsReportedWithTheResolver() {
        assertThatThrownBy(() -> lookup().txt("broken.com"))
                .hasMessageContaining("broken.com").hasMessageContaining("127.0.0.1:" + socket.getLocalPort());
    }

    @Test
    void tenantVerifiesAgainstRealDns() {
        InMemoryTenant tenant = new InMemoryTenant(new TenantProperties("t", 1), lookup());
        tenant.addDomain("contoso.com");
        assertThat(tenant.verifyDomain("contoso.com").verified()).as("another tenant's token").isFalse();
    }
}
